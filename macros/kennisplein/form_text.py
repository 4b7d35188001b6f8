"""The text conventions of the forms' long fields: rounds, content blocks, participants, lists.

A GitHub issue form has no repeating groups, so a session's rounds, quotes and habits are
typed as plain text in one field, in a convention close to the Markdown the issue shows
them in: `## Ronde: titel` starts a round, `> ` is a quote, `- ` a list item, `Gewoontes:`
above a list makes it the new habits, `(kaart: id)` after a habit names its card. The help
text each form shows is written here too (`CONTENT_HELP`, ...), next to the parser it
describes. The parser is forgiving where the issue's own Markdown is (a line that runs on
without `> ` or `- ` belongs to the quote or item above it) and says, per field and line,
in Dutch, what it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import checks, schemas

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class FieldProblem:
    """Something wrong in one form field, named by the label the editor saw."""

    veld: str  # the field's label; "" for the form as a whole
    melding: str
    plek: str = ""  # where inside the field, e.g. "ronde 2, regel 5"

    def __str__(self) -> str:
        where = f" ({self.plek})" if self.plek else ""
        text = f"Bij '{self.veld}'{where}: {self.melding}" if self.veld else self.melding
        return " ".join(text.split())  # one line: nothing in a value can start a new one


@dataclass
class Parsed:
    """What a field's text says: the value, where each part of it came from, and problems."""

    value: Any
    origins: dict[Path_, str] = field(default_factory=dict)  # path in value -> "regel 5"
    problems: list[FieldProblem] = field(default_factory=list)


# --- the help the forms show ---------------------------------------------------------------

ROUND_MARK = "## Ronde: "

CONTENT_HELP = """\
Zo schrijf je de inhoud van de inleiding, de rondes en de afsluiting. Neem alles letterlijk over uit de bron.

- **Alinea**: gewone tekst. Zet een lege regel tussen twee alinea's.
- **Tussenkop**: een regel die begint met `### `.
- **Citaat**: regels die beginnen met `> `, letterlijk en zonder aanhalingstekens eromheen. Zet een lege regel tussen twee citaten. Direct onder een citaat mag een regel `Reactie: ` met de reactie die in de bron op het citaat volgt, en `Wie: ` met wie het zei.
- **Opsomming**: elk punt op een regel die begint met `- `. Een subpunt: eerst twee spaties, dan `- `. Genummerde stappen: `1. `, `2. `, ...
- **Tips**: een regel `Tips:` en daaronder de tips, elk op een regel met `- `.
- **Nieuwe goede gewoontes**: een regel `Gewoontes:` en daaronder elke gewoonte op een regel met `- `. Hoort een gewoonte bij een kaart, zet dan het id van de kaart erachter: `(kaart: blijf-gesprek)`. Het id staat in het webadres van de kaart: /kaarten/blijf-gesprek/.
- **Tabel**: zoals in Markdown: `| kolom | kolom |`, dan `| --- | --- |`, dan elke rij. Een bijschrift zet je erboven: `Tabel: ` en de tekst.
- Opmaak in een alinea of punt: `**vet**`, `*cursief*` en links `[tekst](https://...)`."""

ROUNDS_HOW = (f"Begin elke ronde met een regel `{ROUND_MARK}` en de titel van de ronde. "
              "Zet daaronder de inhoud van de ronde, zoals hierboven uitgelegd.")

ROUNDS_PLACEHOLDER = f"""\
{ROUND_MARK}Titel van de eerste ronde

Een alinea uit het verslag.

> Een citaat, letterlijk.

Reactie: de reactie die in de bron op het citaat volgt.

{ROUND_MARK}Titel van de tweede ronde

Gewoontes:
- Een nieuwe goede gewoonte, letterlijk. (kaart: id-van-de-kaart)"""

PARTICIPANTS_HOW = (
    "Elke opgave op een eigen regel die begint met `- `, met de omschrijving letterlijk uit de bron. "
    "Noemt de bron een getal, zet het erachter: `(aantal: 11)`. Staat de opgave in een ander hoofdstuk "
    "dan het verslag zelf, zet de sectie erachter: `(sectie: 4. Resultaten)`; in een ander document: "
    "`(document: id)`.")

PARTICIPANTS_PLACEHOLDER = "- Elf zorgprofessionals inclusief twee ambassadeurs (aantal: 11)"

LINES_HOW = "Elk op een eigen regel."

# --- reading a field's text ----------------------------------------------------------------

_ROUND = re.compile(r"^##(?!#)(?P<titel>.*)$")
_ROUND_PREFIX = re.compile(r"^ronde(?:\s+\d+)?\s*:\s*", re.I)
_KOP = re.compile(r"^#{3,6}\s(?P<tekst>.*\S.*)$")
_QUOTE = re.compile(r"^ {0,3}>(?: ?)(?P<tekst>.*)$")
_ITEM = re.compile(r"^(?P<indent> *)(?:(?P<bullet>[-*•+])|(?P<number>\d{1,3})[.)])\s+(?P<tekst>.*)$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_LIST_HEAD = re.compile(r"^\s*(?:\*\*)?(?P<soort>gewoontes|tips|punten|stappen)\s*:\s*(?:\*\*)?\s*$", re.I)
_CAPTION = re.compile(r"^\s*tabel\s*:(?P<tekst>.*)$", re.I)
_ATTRIBUTE = re.compile(r"^\s*(?P<naam>reactie|wie)\s*:(?P<tekst>.*)$", re.I)
_SEPARATOR = re.compile(r"^:?-{1,}:?$")

def _marker(text: str, names: tuple[str, ...]) -> tuple[str, str, str] | None:
    """A marker like '(kaart: id)' or '(sectie: 6A) Aanbevelingen)' that ends `text`: the text
    before it, the marker's name and its value (which may hold brackets itself)."""
    text = text.rstrip()
    if not text.endswith(")"):
        return None
    lower = text.lower()
    starts = [(m.start(), m.group(1), m.end()) for m in re.finditer(r"\(\s*(" + "|".join(names) + r")\s*:", lower)]
    if not starts:
        return None
    start, name, value = max(starts)
    return text[:start].rstrip(), name, text[value:-1].strip()


Lines = list[tuple[int, str]]  # (line number in the field, counted from 1; the line)


def lines_of(text: str) -> Lines:
    """A field's text as numbered lines; tabs count as four spaces (the browser shows them so)."""
    return [(number, line.rstrip().replace("\t", "    ")) for number, line in enumerate(text.split("\n"), start=1)]


def _kind(line: str) -> str:
    """What a line starts: blank, round, kop, quote, item, table, listhead, caption, attribute or text."""
    if not line.strip():
        return "blank"
    for name, pattern in (("round", _ROUND), ("kop", _KOP), ("listhead", _LIST_HEAD), ("caption", _CAPTION),
                          ("table", _TABLE), ("quote", _QUOTE), ("item", _ITEM), ("attribute", _ATTRIBUTE)):
        if pattern.match(line):
            return name
    return "text"


def _join(parts: Iterable[str]) -> str:
    return " ".join(part.strip() for part in parts if part.strip())


class _Content:
    """Reads one run of content lines into blocks (`{"tekst": …}`, `{"citaten": […]}`, ...)."""

    def __init__(self, lines: Lines, label: str, where: str, kaart_ids: frozenset[str]) -> None:
        self.lines, self.label, self.where, self.kaart_ids = lines, label, where, kaart_ids
        self.blocks: list[dict] = []
        self.origins: dict[Path_, str] = {}
        self.problems: list[FieldProblem] = []
        self.i = 0

    def place(self, number: int) -> str:
        return f"{self.where}, regel {number}" if self.where else f"regel {number}"

    def problem(self, number: int, message: str) -> None:
        self.problems.append(FieldProblem(self.label, message, self.place(number)))

    def add(self, block: dict, number: int) -> int:
        self.blocks.append(block)
        self.origins[(len(self.blocks) - 1,)] = self.place(number)
        return len(self.blocks) - 1

    def peek(self) -> tuple[int, str, str] | None:
        if self.i >= len(self.lines):
            return None
        number, line = self.lines[self.i]
        return number, line, _kind(line)

    def next_filled(self) -> tuple[int, str, str] | None:
        """The next line that is not blank, without moving on."""
        j = self.i
        while j < len(self.lines) and not self.lines[j][1].strip():
            j += 1
        if j >= len(self.lines):
            return None
        number, line = self.lines[j]
        return number, line, _kind(line)

    def run_on(self) -> list[str]:
        """Lines of plain text right below (no blank line between): they continue the line above."""
        parts = []
        while (current := self.peek()) and current[2] == "text":
            parts.append(current[1])
            self.i += 1
        return parts

    # --- one block each ---

    def read(self) -> Parsed:
        list_kind: tuple[str, int] | None = None  # from a line 'Gewoontes:' above a list
        caption: tuple[str, int] | None = None  # from a line 'Tabel: …' above a table
        while (current := self.peek()):
            number, line, kind = current
            if list_kind and kind not in ("blank", "item"):
                self.problem(list_kind[1], f"onder '{list_kind[0].capitalize()}:' staat geen lijst. Zet elk item op een eigen regel die begint met '- '.")
                list_kind = None
            if caption and kind not in ("blank", "table"):
                self.problem(caption[1], "onder 'Tabel:' staat geen tabel. Begin elke rij van de tabel met '|'.")
                caption = None
            if kind == "blank":
                self.i += 1
            elif kind == "round":
                self.problem(number, f"een ronde ('{ROUND_MARK.strip()}') hoort in het veld 'Rondes'. Een tussenkop schrijf je met '### '.")
                self.i += 1
            elif kind == "kop":
                self.add({"kop": _KOP.match(line)["tekst"].strip()}, number)
                self.i += 1
            elif kind == "listhead":
                list_kind = (_LIST_HEAD.match(line)["soort"].lower(), number)
                self.i += 1
            elif kind == "caption":
                caption = (_CAPTION.match(line)["tekst"].strip(), number)
                self.i += 1
            elif kind == "table":
                self.table(caption[0] if caption else None)
                caption = None
            elif kind == "quote":
                self.quote()
            elif kind == "attribute":
                self.attribute()
            elif kind == "item":
                self.items(list_kind[0] if list_kind else None)
                list_kind = None
            else:
                self.paragraph()
        if list_kind:
            self.problem(list_kind[1], f"onder '{list_kind[0].capitalize()}:' staat geen lijst. Zet elk item op een eigen regel die begint met '- '.")
        if caption:
            self.problem(caption[1], "onder 'Tabel:' staat geen tabel. Begin elke rij van de tabel met '|'.")
        return Parsed(self.blocks, self.origins, self.problems)

    def paragraph(self) -> None:
        number = self.lines[self.i][0]
        parts = []
        while (current := self.peek()) and current[2] == "text":
            parts.append(current[1])
            self.i += 1
        self.add({"tekst": _join(parts)}, number)

    def quote(self) -> None:
        """One quote: lines with '> ' (and lines right below that run on without it). A quote
        right after quotes (blank lines, 'Reactie:' and 'Wie:' between) joins their block."""
        number = self.lines[self.i][0]
        parts = []
        while (current := self.peek()) and current[2] == "quote":
            text = _QUOTE.match(current[1])["tekst"]
            if not text.strip() and parts:  # an empty '>' line ends the quote
                break
            parts.append(text)
            self.i += 1
            parts.extend(self.run_on())
        if not _join(parts):
            self.i += 1
            return
        if self.blocks and "citaten" in self.blocks[-1]:
            index = len(self.blocks) - 1
        else:
            index = self.add({"citaten": []}, number)
        quotes = self.blocks[index]["citaten"]
        quotes.append({"tekst": _join(parts)})
        self.origins[(index, "citaten", len(quotes) - 1)] = self.place(number)

    def attribute(self) -> None:
        number, line = self.lines[self.i]
        match = _ATTRIBUTE.match(line)
        name = match["naam"].lower()
        self.i += 1
        text = _join([match["tekst"], *self.run_on()])
        if not (self.blocks and "citaten" in self.blocks[-1]):
            self.problem(number, f"'{name.capitalize()}:' hoort direct onder een citaat (een regel die begint met '> '). "
                                 "Is het een gewone alinea? Begin hem dan niet met '" + name.capitalize() + ":'.")
            return
        quote = self.blocks[-1]["citaten"][-1]
        if name in quote:
            self.problem(number, f"dit citaat heeft al een regel '{name.capitalize()}:'. Zet alles in één regel, of begin een nieuw citaat met '> '.")
        elif not text:
            self.problem(number, f"achter '{name.capitalize()}:' staat niets. Vul het in, of haal de regel weg.")
        else:
            quote[name] = text
            index = len(self.blocks) - 1
            self.origins[(index, "citaten", len(self.blocks[-1]["citaten"]) - 1, name)] = self.place(number)
            # wie after reactie, or the other way round: the file keeps tekst, reactie, wie
            ordered = {key: quote[key] for key in ("tekst", "reactie", "wie") if key in quote}
            quote.clear()
            quote.update(ordered)

    def items(self, kind: str | None) -> None:
        """A list: items with '- ' (or '1. '), sub-items further in, lines that run on."""
        first_number, first_line = self.lines[self.i]
        base = len(_ITEM.match(first_line)["indent"])
        numbered = _ITEM.match(first_line)["number"] is not None
        entries: list[dict] = []  # {"tekst", "sub": [...], "regel"}
        while (current := self.peek()):
            number, line, line_kind = current
            if line_kind == "blank":
                following = self.next_filled()
                # a blank line between two items of the same list keeps the list going
                if following and following[2] == "item" and (
                        len(_ITEM.match(following[1])["indent"]) > base
                        or (_ITEM.match(following[1])["number"] is not None) == numbered):
                    self.i += 1
                    continue
                break
            if line_kind == "text" and entries:  # runs on from the item above
                target = entries[-1]["sub"][-1] if entries[-1]["sub"] else entries[-1]
                target["tekst"] = _join([target["tekst"], line])
                self.i += 1
                continue
            if line_kind != "item":
                break
            match = _ITEM.match(line)
            indent = len(match["indent"])
            if indent > base and entries:
                entries[-1]["sub"].append({"tekst": match["tekst"], "regel": number})
            else:
                if (match["number"] is not None) != numbered:
                    break  # '1.' after '-' (or back): a new list
                entries.append({"tekst": match["tekst"], "sub": [], "regel": number})
            self.i += 1
        if kind is None:
            kind = "stappen" if numbered else "punten"
            if not numbered and any(_marker(e["tekst"], ("kaart",)) for e in entries):
                kind = "gewoontes"  # '(kaart: …)' behind an item: these are habits
        index = self.add({kind: []}, first_number)
        values = self.blocks[index][kind]
        for position, entry in enumerate(entries):
            text = _join([entry["tekst"]])
            if entry["sub"] and kind in ("tips", "gewoontes"):
                self.problem(entry["sub"][0]["regel"], f"{kind} hebben geen subpunten. "
                                                       "Zet elk op een eigen regel die begint met '- ', zonder spaties ervoor.")
            if kind == "gewoontes":
                values.append(self.habit(text, entry["regel"], (index, kind, position)))
            elif entry["sub"] and kind in ("punten", "stappen"):
                values.append({"tekst": text, "punten": [_join([s["tekst"]]) for s in entry["sub"]]})
            else:
                values.append(text)
            self.origins[(index, kind, position)] = self.place(entry["regel"])

    def habit(self, text: str, number: int, path: Path_) -> dict:
        found = _marker(text, ("kaart",))
        if not found:
            if re.search(r"\(\s*kaart\b[^(]*$", text, re.I):
                self.problem(number, "schrijf de kaart achter de gewoonte zo: '(kaart: id-van-de-kaart)', met haakjes en een dubbele punt.")
            return {"tekst": text}
        habit, _, ident = found
        result: dict[str, str] = {"tekst": habit}
        if not habit:
            self.problem(number, "voor '(kaart: …)' staat geen gewoonte. Zet de gewoonte letterlijk voor de haakjes.")
        elif not schemas.matches(schemas.ID_PATTERN, ident):
            self.problem(number, f"'{ident}' is geen id van een kaart: gebruik kleine letters, cijfers en streepjes, "
                                 f"zoals in het webadres van de kaart (/kaarten/blijf-gesprek/).")
        elif ident not in self.kaart_ids:
            hint = checks.suggestion(ident, self.kaart_ids) or " Controleer het id in het webadres van de kaart, of laat '(kaart: …)' weg als er nog geen kaart is."
            self.problem(number, f"de kaart '{ident}' bestaat niet.{hint}")
        else:
            result["kaart"] = ident
            self.origins[path + ("kaart",)] = self.place(number)
        return result

    def table(self, caption: str | None) -> None:
        number = self.lines[self.i][0]
        rows: list[tuple[int, list[str]]] = []
        while (current := self.peek()) and current[2] == "table":
            cells = current[1].strip()
            cells = cells[1:-1] if len(cells) > 1 else ""
            rows.append((current[0], [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", cells)]))
            self.i += 1
        if len(rows) > 1 and all(_SEPARATOR.match(c) for c in rows[1][1] if c):
            rows.pop(1)
        header, body = rows[0], rows[1:]
        if not body:
            self.problem(number, "deze tabel heeft alleen een kopregel. Zet elke rij op een eigen regel met '|' ertussen.")
            return
        for row_number, cells in body:
            if len(cells) != len(header[1]):
                self.problem(row_number, f"deze rij heeft {_cells(len(cells))}, de kopregel {_cells(len(header[1]))}. "
                                         "Geef elke rij evenveel cellen (een lege cel: '| |').")
        table: dict[str, Any] = {}
        if caption:
            table["bijschrift"] = caption
        table["kolommen"] = header[1]
        table["rijen"] = [cells for _, cells in body]
        self.add({"tabel": table}, number)


def _cells(count: int) -> str:
    return "1 cel" if count == 1 else f"{count} cellen"


def content(text: str, label: str, kaart_ids: Iterable[str], where: str = "", lines: Lines | None = None) -> Parsed:
    """The content blocks of a text field (inleiding, afsluiting, or one round)."""
    return _Content(lines if lines is not None else lines_of(text), label, where, frozenset(kaart_ids)).read()


def rounds(text: str, label: str, kaart_ids: Iterable[str]) -> Parsed:
    """The rounds of the field 'Rondes': each starts at a line '## Ronde: titel'."""
    parsed = Parsed([])
    groups: list[tuple[int, str, Lines]] = []
    before: Lines = []
    for number, line in lines_of(text):
        match = _ROUND.match(line)
        if match:
            groups.append((number, _ROUND_PREFIX.sub("", match["titel"].strip()), []))
        elif groups:
            groups[-1][2].append((number, line))
        elif line.strip():
            before.append((number, line))
    if before:
        parsed.problems.append(FieldProblem(label, f"begin elke ronde met een regel '{ROUND_MARK}' en de titel van de ronde. "
                                                   "Deze tekst staat nog voor de eerste ronde.", f"regel {before[0][0]}"))
    if not groups and not before:
        parsed.problems.append(FieldProblem(label, f"er staat geen ronde. Begin elke ronde met een regel '{ROUND_MARK}' en de titel."))
    for position, (number, titel, body) in enumerate(groups, start=1):
        where = f"ronde {position}"
        if not titel:
            parsed.problems.append(FieldProblem(label, f"deze ronde heeft geen titel. Schrijf hem achter '{ROUND_MARK.strip()}'.", f"{where}, regel {number}"))
        blocks = content("", label, kaart_ids, where, body)
        parsed.problems.extend(blocks.problems)
        if not blocks.value and titel:
            parsed.problems.append(FieldProblem(label, f"ronde {position} ('{titel}') heeft nog geen inhoud. Zet de tekst van de ronde onder de titel.", f"{where}, regel {number}"))
        index = len(parsed.value)
        parsed.value.append({"titel": titel, "inhoud": blocks.value})
        parsed.origins[(index,)] = f"{where}, regel {number}"
        parsed.origins[(index, "titel")] = f"{where}, regel {number}"
        for path, place in blocks.origins.items():
            parsed.origins[(index, "inhoud") + path] = place
    return parsed


def participants(text: str, label: str, document: str | None, sectie: str | None,
                 document_ids: Iterable[str]) -> Parsed:
    """One participants statement per '- ' line, with '(aantal: …)', '(sectie: …)', '(document: …)'."""
    parsed = Parsed([])
    numbered = lines_of(text)
    items: list[tuple[int, list[str]]] = []
    has_dashes = any(_ITEM.match(line) and _ITEM.match(line)["bullet"] for _, line in numbered)
    for number, line in numbered:
        if not line.strip():
            continue
        match = _ITEM.match(line)
        if match and match["bullet"]:
            items.append((number, [match["tekst"]]))
        elif has_dashes and items:
            items[-1][1].append(line)  # runs on from the line above
        else:
            items.append((number, [line]))
    known = frozenset(document_ids)
    for number, parts in items:
        text_ = _join(parts)
        markers: dict[str, str] = {}
        while (found := _marker(text_, ("aantal", "sectie", "document"))):
            text_, name, value = found
            markers.setdefault(name, value)
        place = f"regel {number}"
        entry: dict[str, Any] = {}
        if "aantal" in markers:
            value = markers["aantal"].strip()
            if re.fullmatch(r"[0-9]+", value):
                entry["aantal"] = int(value)
            elif value.lower() in checks._NUMBER_WORDS:
                parsed.problems.append(FieldProblem(label, f"schrijf het aantal in cijfers: '(aantal: {checks._NUMBER_WORDS[value.lower()]})'.", place))
            else:
                parsed.problems.append(FieldProblem(label, f"'{value}' is geen aantal. Schrijf alleen het getal in cijfers, bijvoorbeeld '(aantal: 11)'.", place))
        if not text_:
            parsed.problems.append(FieldProblem(label, "deze opgave heeft geen omschrijving. Neem de omschrijving letterlijk over uit de bron.", place))
        entry["omschrijving"] = text_
        doc = markers.get("document", "").strip() or document
        if "document" in markers and doc not in known:
            parsed.problems.append(FieldProblem(label, f"het document '{doc}' bestaat niet.{checks.suggestion(doc, known)} Kies uit: {', '.join(sorted(known))}.", place))
        entry["herkomst"] = {"document": doc, "sectie": markers.get("sectie", "").strip() or sectie}
        index = len(parsed.value)
        parsed.value.append(entry)
        parsed.origins[(index,)] = place
    return parsed


def one_per_line(text: str) -> Parsed:
    """A list of texts, one a line ('- ' in front is allowed)."""
    parsed = Parsed([])
    for number, line in lines_of(text):
        match = _ITEM.match(line)
        value = (match["tekst"] if match and match["bullet"] else line).strip()
        if value:
            parsed.origins[(len(parsed.value),)] = f"regel {number}"
            parsed.value.append(value)
    return parsed


def words(text: str) -> list[str]:
    """Keywords: separated by commas or lines, each once, in the order given."""
    result: list[str] = []
    for word in re.split(r"[,;\n]", text):
        word = word.strip().lstrip("-*• ").strip()
        if word and word not in result:
            result.append(word)
    return result
