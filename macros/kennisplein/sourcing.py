"""The rule that a number, a date or a name on the site says where it comes from.

Every text field of the data is one of these kinds, declared in the JSON Schemas with the
keyword `x-tekstsoort` (a field without it holds a source's words):

- `citaat` (the default): words of a source, word for word;
- `feit`: a name, a date or a number taken from a source (who, where, when, how many);
- `redactie`: the editors' own words or choices (a card's title, a `toelichting`, an intro);
  the site shows them as the editors', so they may name what they explain;
- `gewoonte`: a card's text, which the card rule holds to a session report or its `herkomst`;
- `verwijzing`: an id that points at another record.

A property marked `x-herkomst: true` (`herkomst`, `vermeld_in`, ...) says where everything
next to it and inside it comes from. The rule: a `feit`, and a `citaat` that states a number,
a date or a name, needs such a herkomst around it. Where a schema requires the herkomst and it
is missing, the schema check reports that already, so this rule stays quiet there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import schemas
from .loading import LoadedFile
from .placeholders import is_placeholder
from .problems import Problem
from .vocabularies import MAANDEN, WEEKDAGEN

EXEMPT = ("redactie", "gewoonte", "verwijzing")

_NUMBER_WORDS = (
    "één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig dertig veertig vijftig zestig zeventig "
    "tachtig negentig honderd duizend"
).split()
_NUMBER = re.compile(r"\d+|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_DATE = re.compile(r"\b(?:" + "|".join(MAANDEN + WEEKDAGEN) + r"|1[89]\d\d|20\d\d)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]$")
_WORD = re.compile(r"\S+")
_CAPITAL = re.compile(r"^[\W_]*[A-ZÀ-Þ]")


def mentions(text: str) -> tuple[str, str] | None:
    """What a text states that needs a source: ('een datum', 'september'), ('een getal', '6'),
    ('een naam', 'Sius'), or None. A name is a word with a capital that does not start a sentence."""
    if match := _DATE.search(text):
        return "een datum", match.group()
    if match := _NUMBER.search(text):
        return "een getal", match.group()
    words = _WORD.findall(text)
    for previous, word in zip(words, words[1:]):
        if _CAPITAL.match(word) and not _SENTENCE_END.search(previous.rstrip("'’”\")")):
            return "een naam", word.strip("'‘’“”\"(),.;:!?")
    return None


def _what(value: Any) -> str:
    if isinstance(value, int):
        return "een getal"
    found = mentions(value) if isinstance(value, str) else None
    return found[0] if found else "een naam"


# --- the schemas, read along the value --------------------------------------------------------

def _parts(node: Any) -> list[dict]:
    """A schema node and the nodes its `allOf` adds (an inlined `$ref` that could not merge)."""
    if not isinstance(node, dict):
        return []
    return [node] + [p for sub in node.get("allOf", ()) for p in _parts(sub)]


# What the walk asks of a schema node, kept per node: the inlined schemas live as long as the
# process (schemas.schema is cached), and every value of every file asks again.
_KEPT: dict[tuple[int, str], Any] = {}


def _kept(node: Any, what: str, make) -> Any:
    key = (id(node), what)
    if key not in _KEPT:
        _KEPT[key] = make()
    return _KEPT[key]


def _get(node: Any, keyword: str) -> Any:
    return _kept(node, keyword, lambda: next((p[keyword] for p in _parts(node) if keyword in p), None))


def _properties(node: Any) -> dict:
    def make() -> dict:
        result: dict = {}
        for part in _parts(node):
            result.update(part.get("properties", {}))
        return result
    return _kept(node, "properties", make)


def _sources(node: Any) -> list[str]:
    """The properties that say where everything next to them comes from (x-herkomst)."""
    return _kept(node, "sources", lambda: [k for k, sub in _properties(node).items() if _get(sub, "x-herkomst")])


def _required(node: Any) -> set[str]:
    return _kept(node, "required", lambda: {name for part in _parts(node) for name in part.get("required", ())})


def _branch(node: Any, value: Any) -> Any:
    """The `anyOf` branch that fits the value's shape (a point is a text, or a text with points)."""
    options = _get(node, "anyOf")
    if not options:
        return node
    wanted = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else "string"
    return next((o for o in options if _get(o, "type") == wanted), options[0])


# --- the rule ---------------------------------------------------------------------------------

def _unsourced(value: Any, node: Any, path: tuple, covered: bool, soort: str,
               owner: tuple | None) -> Iterator[tuple[tuple, Any, tuple | None, str]]:
    """(path, value, owner, kind of text) of every text that needs a herkomst and has none; the owner is the
    path of the nearest object around it that can carry one (None: nothing can)."""
    node = _branch(node, value)
    soort = _get(node, "x-tekstsoort") or soort
    if isinstance(value, dict):
        properties = _properties(node)
        sources = _sources(node)
        here = covered or any(value.get(k) not in (None, "", [], {}) for k in sources) or any(
            k in _required(node) and k not in value for k in sources)  # the schema says it is missing
        for key, item in value.items():
            if key in properties and not _get(properties[key], "x-herkomst"):
                yield from _unsourced(item, properties[key], path + (key,), here, soort, path if sources else owner)
    elif isinstance(value, list):
        items = _get(node, "items")
        for index, item in enumerate(value):
            yield from _unsourced(item, items, path + (index,), covered, soort, owner)
    elif (not covered and soort not in EXEMPT and not isinstance(value, bool) and _get(node, "enum") is None
          and not is_placeholder(value)):
        if soort == "feit" or (isinstance(value, str) and mentions(value)):
            yield path, value, owner, soort


def problems(loaded: LoadedFile, kind: str) -> list[Problem]:
    """Every number, date or name in a file that does not say where it comes from."""
    if not isinstance(loaded.value, dict):
        return []
    found = []
    for path, value, owner, soort in _unsourced(loaded.value, schemas.schema(kind), (), False, "citaat", None):
        field = next((p for p in reversed(path) if isinstance(p, str)), "dit veld")
        fragment = value if soort == "feit" else (mentions(value) or ("", value))[1]
        shown = fragment if len(str(fragment)) <= 60 else str(fragment)[:57] + "…"
        where = "bovenaan in dit bestand" if owner == () else "in dit blok" if owner is not None else None
        fix = (f"Zet {where} een 'herkomst' met het document en de sectie waar het staat"
               if where else "Zet het in een veld van de redactie, zoals een toelichting")
        found.append(loaded.problem(path, (
            f"'{field}' noemt {_what(value)} ('{shown}'), maar niet waar dat vandaan komt. {fix} "
            "(zie CONTRIBUTING.md, 'Met bron'). Staat het in geen bron, haal het dan weg.")))
    return found
