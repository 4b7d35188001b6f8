"""Read YAML data files into plain values, keeping the position of every value.

PyYAML only parses here; we turn its events into values ourselves, so that
  - every value and every key keeps its line and column for error messages,
  - a duplicate key is an error instead of a silent overwrite,
  - `2022-09-09` stays the text an editor typed (no implicit dates), and only
    `true`/`false` are booleans (YAML 1.1 would read `nee`-like `no` and `on` as booleans).

Events are read one by one, never into a node tree, so what editors never need and an
attacker would use is refused where it starts, with the line: anchors and aliases (a file of
a few hundred bytes whose aliases expand to gigabytes), labels (`!!python/object`), merge keys,
nesting deeper than any data file needs, a second document, a file larger than any real one,
and characters that hide or reorder text (characters.py). Nothing here recurses, so no input
reaches Python's recursion limit.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import yaml

from . import characters
from .problems import Problem

try:  # libyaml is 5-10x faster; fall back to pure Python where it is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_constructor = yaml.constructor.SafeConstructor()

# The largest data file is 46 KB and the deepest nests 8 levels: these leave room, and bound
# what one file can cost the check.
MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 24
# The largest real file holds 789 values; the card-number registry grows by three with every
# card ever numbered, so this leaves it room for over 16,000 cards (the bench builds 5,000).
MAX_VALUES = 50_000
# A file full of refused characters is one mistake, not thousands of lines in the report.
MAX_CHARACTER_PROBLEMS = 5


@dataclass
class LoadedFile:
    """One data file: its value, where each value and key stands, and its problems."""

    name: str  # as shown to editors, e.g. "data/kaarten/blijf-gesprek.yaml"
    raw: bytes = b""  # the file as read: the data version is a hash of every file's bytes
    value: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (or of its key), else of the nearest parent."""
        table = self.key_positions if key else self.positions
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(self.name, line, column, message)


def load_file(path: Path, name: str) -> LoadedFile:
    """Load one YAML file. Problems are collected on the result, never raised."""
    loaded = LoadedFile(name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        loaded.problems.append(Problem(
            name, 1, 1, f"het bestand is te groot ({-(-size // 1024)} kB; hoogstens {MAX_FILE_BYTES // 1024} kB). "
                        "Verdeel de inhoud over meer bestanden, of haal weg wat er niet hoort."))
        return loaded
    raw = loaded.raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        loaded.problems.append(
            Problem(
                name, line, column,
                f"het bestand is geen UTF-8-tekst (onbekend teken, byte 0x{raw[exc.start]:02x}). "
                "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' > codering UTF-8).",
            )
        )
        return loaded
    text = text.removeprefix("\ufeff")

    refused = _character_problems(text, name)
    if refused:
        loaded.problems.extend(refused)
        return loaded

    tabs = _tab_problems(text, name)
    if tabs:
        loaded.problems.extend(tabs)
        return loaded

    gc.disable()  # the collector would scan the growing node tree again and again: the load grows with the square of the file
    try:
        value = _compose(text, loaded)
    except yaml.MarkedYAMLError as exc:
        loaded.problems.append(_syntax_problem(exc, text, name))
        return loaded
    except yaml.YAMLError:  # pragma: no cover - errors without a position
        loaded.problems.append(Problem(name, 1, 1, "het bestand is geen geldige YAML. Controleer de inspringing en de "
                                                   "aanhalingstekens, of vraag een ontwikkelaar om hulp."))
        return loaded
    finally:
        gc.enable()

    if (value is _EMPTY or value is None) and not loaded.problems:
        loaded.problems.append(
            Problem(name, 1, 1, "het bestand is leeg. Vul de velden in, of verwijder het bestand.")
        )
        return loaded
    loaded.value = None if value is _EMPTY else value
    return loaded


def _character_problems(text: str, name: str) -> list[Problem]:
    """Refused characters anywhere in the file (comments too: they can hide what a line does)."""
    if characters.plainly_clean(text):
        return []
    problems = []
    for match in characters.REFUSED_IN_FILE.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(Problem(name, line, column, characters.refusal(match.group())))
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            rest = sum(1 for _ in characters.REFUSED_IN_FILE.finditer(text, start + 1))
            if rest:
                problems.append(Problem(name, line, column, f"en nog {rest} van zulke tekens verder in het bestand. "
                                                            "Haal ze allemaal weg."))
            break
    return problems


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    if "\t" not in text:
        return problems
    for number, line in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line).group()
        if "\t" in indent and line.strip():
            problems.append(
                Problem(
                    name, number, indent.index("\t") + 1,
                    "hier wordt ingesprongen met een tab. YAML staat alleen spaties toe: "
                    "vervang de tab door spaties (twee per niveau).",
                )
            )
    return problems


_SYNTAX_HINTS = [
    ("mapping values are not allowed",
     "hier staat een dubbele punt met een spatie (': ') die YAML als nieuw veld leest. "
     "Staat er een dubbele punt in een tekst? Zet de hele tekst dan tussen enkele "
     "aanhalingstekens ('...') of gebruik '>-' en zet de tekst op de volgende regels."),
    ("could not find expected ':'",
     "YAML verwacht hier 'veld: waarde'. Ontbreekt er een dubbele punt, of loopt een tekst "
     "door op een nieuwe regel zonder dat die regel verder is ingesprongen? Een tekst over "
     "meer regels schrijf je zo: 'tekst: >-' en dan de tekst op de regels eronder, twee "
     "spaties verder ingesprongen."),
    ("did not find expected key",
     "de inspringing klopt hier niet, of er staat tekst achter een afgesloten aanhalingsteken. "
     "Zorg dat velden van hetzelfde niveau precies even ver inspringen."),
    ("did not find expected '-' indicator",
     "deze regel past niet in de lijst erboven: begin een lijstitem met '- ' op dezelfde "
     "inspringing als de andere items."),
    ("found unexpected end of stream",
     "hier begint een tekst met een aanhalingsteken dat nergens wordt gesloten, dus loopt de "
     "tekst door tot het eind van het bestand. Zet hetzelfde aanhalingsteken ook aan het eind "
     "van de tekst."),
    ("found undefined alias",
     "hier staat een '*' die YAML als verwijzing leest. Zet de tekst tussen aanhalingstekens."),
    ("found character that cannot start any token",
     "deze regel begint met een teken dat YAML hier niet toestaat (zoals '@' of '`'). "
     "Zet de tekst tussen aanhalingstekens."),
    ("found unknown escape character",
     "in een tekst tussen dubbele aanhalingstekens staat een backslash (\\). Gebruik enkele "
     "aanhalingstekens of verdubbel de backslash."),
    ("expected <block end>, but found",
     "de inspringing klopt hier niet: deze regel springt minder of meer in dan YAML verwacht. "
     "Zorg dat velden van hetzelfde niveau precies even ver inspringen."),
    ("exceeded maximum nesting depth",
     f"de gegevens zijn hier te diep genest (meer dan {MAX_DEPTH} niveaus in elkaar). Geen bestand van de "
     "site heeft dat nodig: controleer de inspringing en de haken."),
    ("block sequence entries are not allowed in this context",
     "hier begint een lijstitem ('- ') op een plek waar YAML geen lijst verwacht, bijvoorbeeld achter "
     "'veld:' op dezelfde regel. Zet het item op een eigen regel, verder ingesprongen dan het veld."),
    ("did not find expected <document start>",
     "na een regel '...' (het einde van het document) staat nog tekst. Haal de regel '...' weg."),
    ("found undefined tag handle",
     "hier staat een YAML-label ('!…'). Labels zijn niet toegestaan; begint een tekst met '!'? Zet de hele "
     "tekst dan tussen aanhalingstekens."),
    ("expected alphabetic or numeric character",
     "hier staat een '&', '*' of '!' die YAML als verwijzing of label leest. Zet de hele tekst tussen "
     "aanhalingstekens."),
    ("expected a comment or a line break",
     "na een afgesloten tekst tussen aanhalingstekens staat nog iets op deze regel. "
     "Zet de hele tekst tussen aanhalingstekens."),
]

_SMART_QUOTES = "“”„‘’‚"


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or ""
    if problem.startswith(("could not find expected ':'", "found unexpected end of stream")) and exc.context_mark:
        mark = exc.context_mark  # the line where it went wrong, not where YAML noticed
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = next(
        (hint for needle, hint in _SYNTAX_HINTS if needle in problem),
        "het bestand is geen geldige YAML. Controleer op deze regel en de regel erboven de inspringing, "
        "de dubbele punten en de aanhalingstekens.",
    )
    lines = text.splitlines()
    nearby = "\n".join(lines[max(0, line - 2): line]) if lines else ""
    if any(q in nearby for q in _SMART_QUOTES):
        message += (
            " Let op: krullende aanhalingstekens (“ ” ‘ ’) tellen in YAML niet als "
            "aanhalingstekens; zet de hele tekst tussen rechte enkele aanhalingstekens ('...')."
        )
    if 0 < line <= len(lines):
        message += _indent_hint(lines, line - 1) or _quote_hint(lines[line - 1])
    return Problem(name, line, column, "YAML-fout: " + message)


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?: +(?P<value>.*?))?\s*$")


def _quote_hint(text: str) -> str:
    """The editor's own line, written so YAML reads the whole text as text."""
    match = _KEY_LINE.match(text)
    value = match and match.group("value")
    if not value or not (": " in value or value[0] in "'\"" + _SMART_QUOTES):
        return ""
    if value[0] in "'\"" and value.count(value[0]) == 1:  # opened, never closed
        return f" Schrijf bijvoorbeeld: {match.group('key')}: {value}{value[0]}"
    if len(value) > 1 and value[0] in "‘“„" and value[-1] in "’”":
        value = value[1:-1]  # quotes pasted from a word processor: replace them by straight ones
    quoted = "'" + value.replace("'", "''") + "'"
    return f" Schrijf bijvoorbeeld: {match.group('key')}: {quoted}"


def _indent_hint(lines: list[str], index: int) -> str:
    """When a line is one or two spaces off from the field above it, say so in numbers."""
    current = _KEY_LINE.match(lines[index])
    previous = next((lines[i] for i in range(index - 1, -1, -1)
                     if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    above = _KEY_LINE.match(previous) if previous else None
    if not current or not above or current.group("dash"):
        return ""
    spaces = len(current.group("indent"))
    wanted = len(above.group("indent")) + len(above.group("dash") or "")
    if spaces == wanted or abs(spaces - wanted) > 2:
        return ""
    return (f" Deze regel springt {spaces} spaties in, '{above.group('key')}' op de regel erboven "
            f"{wanted}: zet '{current.group('key')}' precies onder '{above.group('key')}'.")


_EMPTY = object()  # a stream without a document


class _Stop(Exception):
    """The file cannot be read further; its problem is recorded."""


def _compose(text: str, loaded: LoadedFile) -> Any:
    """The file's value from YAML's event stream, with every position, iteratively."""
    parser = _Loader(text)
    try:
        return _build(parser, loaded)
    except _Stop:
        return None
    finally:
        parser.dispose()


def _label(tag: str) -> str:
    """A YAML label as an editor writes it: '!!binary', not 'tag:yaml.org,2002:binary'."""
    return characters.visible("!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag)


def _refuse(loaded: LoadedFile, event, message: str) -> None:
    line, column = event.start_mark.line + 1, event.start_mark.column + 1
    loaded.problems.append(Problem(loaded.name, line, column, message))


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQUENCE_START, _MAPPING_START = yaml.SequenceStartEvent, yaml.MappingStartEvent
_COLLECTION_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]{1,18}")
_SKIPPED = object()  # a mapping's key was refused: its value is read past


def _build(parser, loaded: LoadedFile) -> Any:
    # Each open collection: [its value, its path, the key waiting for a value (mappings), the
    # line of each key seen (mappings)]. Event classes are compared by identity: this loop runs
    # for every value of every file.
    stack: list[list] = []
    result: Any = _EMPTY
    documents = 0
    skip = 0  # levels of a value being read past (under a refused key)
    positions = loaded.positions
    get_event = parser.get_event

    while True:
        event = get_event()
        cls = event.__class__
        if cls is _SCALAR or cls is _SEQUENCE_START or cls is _MAPPING_START:
            if event.anchor is not None:
                _refuse(loaded, event, f"hier staat een YAML-anker ('&{characters.visible(event.anchor)}'). Ankers en "
                                       "verwijzingen zijn niet toegestaan: schrijf elke waarde uit. Begint een tekst met "
                                       "'&' of '*'? Zet de hele tekst dan tussen aanhalingstekens.")
                raise _Stop
            if skip:
                if cls is not _SCALAR:
                    skip += 1
                continue
            if stack:
                frame = stack[-1]
                container = frame[0]
                if container.__class__ is dict:
                    key = frame[2]
                    if key is None:  # this event is a key
                        _key(event, frame, loaded)
                        if frame[2] is _SKIPPED and cls is not _SCALAR:
                            skip = 1  # a list or block as a key: read past it, then past its value
                        continue
                    if key is _SKIPPED:  # the value of a refused key
                        frame[2] = None
                        skip = 0 if cls is _SCALAR else 1
                        continue
                    path = frame[1] + (key,)
                else:
                    path = frame[1] + (len(container),)
            else:
                path = ()
            positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            if len(positions) > MAX_VALUES:
                _refuse(loaded, event, f"dit bestand heeft meer dan {MAX_VALUES:,} waarden; geen bestand van de site heeft er "
                                       "zoveel nodig. Verdeel de inhoud over meer bestanden.".replace(",", "."))
                raise _Stop
            if cls is _SCALAR:
                value = _scalar(parser, event, path, loaded)
            else:
                if event.tag is not None and event.tag != "!":
                    _refuse(loaded, event, f"YAML-labels zoals '{_label(event.tag)}' zijn niet toegestaan. Schrijf alleen de waarde.")
                if len(stack) >= MAX_DEPTH:
                    _refuse(loaded, event, f"de gegevens zijn hier te diep genest (meer dan {MAX_DEPTH} niveaus in elkaar). "
                                           "Geen bestand van de site heeft dat nodig: controleer de inspringing en de haken.")
                    raise _Stop
                stack.append([[], path, None, None] if cls is _SEQUENCE_START else [{}, path, None, {}])
                continue
        elif cls in _COLLECTION_END:
            if skip:
                skip -= 1
                continue
            value = stack.pop()[0]
        elif cls is _ALIAS:
            _refuse(loaded, event, f"hier staat een YAML-verwijzing ('*{characters.visible(event.anchor)}'). Verwijzingen en "
                                   "ankers zijn niet toegestaan: schrijf de waarde uit. Begint een tekst met '*' of '&'? "
                                   "Zet de hele tekst dan tussen aanhalingstekens.")
            raise _Stop
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                _refuse(loaded, event, "er staat een tweede YAML-document in dit bestand (na een regel '---'). "
                                       "Eén bestand is één kaart, sessie of lijst: zet het tweede deel in een eigen "
                                       "bestand, of haal de regel '---' weg.")
                raise _Stop
            continue
        elif cls is yaml.StreamEndEvent:
            return result
        else:  # the start of the stream, the end of a document
            continue

        # A finished value (a scalar, or a list or block just closed) goes into its parent.
        if not stack:
            result = value
            continue
        frame = stack[-1]
        if frame[0].__class__ is list:
            frame[0].append(value)
        else:
            frame[0][frame[2]] = value
            frame[2] = None


def _key(event, frame: list, loaded: LoadedFile) -> None:
    """Take `event` as the next key of the mapping in `frame`, or refuse it (frame[2] = _SKIPPED)."""
    line, column = event.start_mark.line + 1, event.start_mark.column + 1
    if event.__class__ is not _SCALAR:
        loaded.problems.append(Problem(loaded.name, line, column, "een veldnaam moet een woord zijn, zoals 'titel'."))
        frame[2] = _SKIPPED
        return
    if event.tag is not None and event.tag != "!":
        loaded.problems.append(Problem(loaded.name, line, column,
                                       f"YAML-labels zoals '{_label(event.tag)}' zijn niet toegestaan. Schrijf alleen de waarde."))
        frame[2] = _SKIPPED
        return
    key = event.value
    refused = event.style == '"' and characters.REFUSED_IN_VALUE.search(key)
    if refused:
        loaded.problems.append(Problem(loaded.name, line, column, characters.refusal(refused.group())))
        frame[2] = _SKIPPED
    elif key == "<<" and not event.style:
        loaded.problems.append(Problem(loaded.name, line, column,
                                       "samenvoegen met '<<' is niet toegestaan; schrijf de velden uit."))
        frame[2] = _SKIPPED
    elif key in frame[3]:
        loaded.problems.append(Problem(loaded.name, line, column,
                                       f"het veld '{characters.visible(key)}' staat twee keer in hetzelfde blok "
                                       f"(ook op regel {frame[3][key]}). Houd er één over."))
        frame[2] = _SKIPPED
    else:
        frame[3][key] = line
        frame[2] = key
        loaded.key_positions[frame[1] + (key,)] = (line, column)


def _scalar(parser, event: yaml.ScalarEvent, path: Path_, loaded: LoadedFile) -> Any:
    value = event.value
    if event.tag is not None and event.tag != "!":
        loaded.problems.append(loaded.problem(path, f"YAML-labels zoals '{_label(event.tag)}' zijn niet toegestaan. Schrijf alleen de waarde."))
        return value
    style = event.style
    if style:  # quoted, or a block (| or >): text
        refused = style == '"' and characters.REFUSED_IN_VALUE.search(value)
        if refused:  # written as an escape ("\u202e", "\x1b"): the bytes of the file were clean
            loaded.problems.append(loaded.problem(path, characters.refusal(refused.group())))
        return value
    tag = parser.resolve(yaml.ScalarNode, value, event.implicit)
    if tag in (_STR, _TIMESTAMP):
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        # Only true/false: YAML 1.1 also reads yes/no/on/off as booleans, which surprises editors.
        return value.lower() == "true" if value.lower() in ("true", "false") else value
    if tag == _INT:
        # Digits only, and no more than a number the site could mean (Python refuses to read a
        # number of thousands of digits, with an exception).
        if _WHOLE_NUMBER.fullmatch(value):
            return int(value)
        return value
    if tag == _FLOAT:
        number = _constructor.construct_yaml_float(yaml.ScalarNode(tag, value))
        return number if number == number and abs(number) != float("inf") else value  # no NaN or infinity
    return value


def strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text in a loaded value, with its path (for position lookups)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))
