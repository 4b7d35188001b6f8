"""Characters no text of the site may hold, and how an editor (or a log) is shown one.

Control characters, invisible format characters and the marks that reorder text (bidi
overrides and isolates) are never part of a Dutch sentence, but they change what a reviewer
sees: a right-to-left override shows a word backwards, an ESC sequence recolours a terminal,
a line separator starts a new line in a log. They are refused everywhere an editor can type:
in the bytes of a data file (also in comments) and in every value, also when YAML's escapes
(`"\\u202e"`) put them there.
"""

from __future__ import annotations

import re
import unicodedata

# The marks of the Unicode bidirectional algorithm that change the order of what follows.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# The refused characters, as ranges of code points: the categories Cc (control), Cf (format:
# invisible, among them the bidi marks), Co (private use), Cs (surrogates), Zl and Zp (line and
# paragraph separators), and the noncharacters. Written out, as reading them from Python's
# Unicode database takes a tenth of a second at every start; tests/test_vijandige_invoer.py
# checks this list against that database.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
REFUSED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008), (0x0009, 0x0009), (0x000A, 0x000A), (0x000B, 0x000C), (0x000D, 0x000D),
    (0x000E, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xD800, 0xF8FF),
    (0xFDD0, 0xFDEF), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0xFFFE, 0xFFFF), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    *((plane << 16 | 0xFFFE, plane << 16 | 0xFFFF) for plane in range(1, 15)),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xF0000, 0x10FFFF),
)


def _class(allowed: str) -> re.Pattern:
    parts = []
    for first, last in REFUSED_RANGES:
        if first == last and chr(first) in allowed:
            continue
        parts.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    return re.compile("[" + "".join(parts) + "]")


# Refused in a value: everything above but a tab and a newline.
REFUSED_IN_VALUE = _class("\t\n")
# Refused in the bytes of a file: as in a value, but a carriage return may end a line (files
# saved on Windows); YAML turns line ends into newlines.
REFUSED_IN_FILE = _class("\t\n\r")


def plainly_clean(text: str) -> bool:
    """True when `text` surely holds no refused character, checked in C: every refused
    character is one Python does not count as printable. (False says: look closer.)"""
    return text.replace("\n", " ").replace("\t", " ").replace("\r", " ").isprintable()


def kind(char: str) -> str:
    """What the character is, in words an editor understands."""
    if char in BIDI:
        return "een onzichtbaar teken dat de leesrichting van de tekst verandert"
    category = unicodedata.category(char)
    if category == "Cc":
        return "een stuurteken"
    if category == "Cf":
        return "een onzichtbaar opmaakteken"
    if category in ("Zl", "Zp"):
        return "een onzichtbaar regelscheidingsteken"
    return "een teken zonder vaste betekenis"


def code(char: str) -> str:
    """'U+202E': how a message names a character without printing it."""
    return f"U+{ord(char):04X}"


def refusal(char: str) -> str:
    """The Dutch message for a refused character."""
    return (f"hier staat {kind(char)} ({code(char)}). Je ziet het niet, maar het kan de tekst anders laten "
            "lijken dan hij is. Haal het weg: typ de tekst op deze plek opnieuw.")


_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """`text` with every refused character (and newline, tab) written as a visible code, so
    that a message quoting a value stays one line and shows what is there."""
    pattern = REFUSED_IN_VALUE
    if "\n" not in text and "\t" not in text and "\r" not in text and not pattern.search(text):
        return text
    return pattern.sub(lambda m: "{" + code(m.group()) + "}", "".join(_VISIBLE.get(c, c) for c in text))


def one_line(text: str) -> str:
    """`text` as one harmless line of a log: `visible`, and with what GitHub Actions would read
    as a workflow command written apart (`::` at the start of a line after spaces, and `##[`
    anywhere), so that no value in a message can add an annotation, mask or group to a log."""
    line = visible(text)
    if "::" in line or "##[" in line:
        line = line.replace("::", ":%3A").replace("##[", "#%23[")
    return line
