"""Read YAML data files into plain values, keeping the position of every value.

PyYAML only composes the node tree here; we turn nodes into values ourselves, so that
  - every value and every key keeps its line and column for error messages,
  - a duplicate key is an error instead of a silent overwrite,
  - `2022-09-09` stays the text an editor typed (no implicit dates), and only
    `true`/`false` are booleans (YAML 1.1 would read `nee`-like `no` and `on` as booleans).
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import yaml

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
    raw = path.read_bytes()
    loaded = LoadedFile(name, raw)
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

    tabs = _tab_problems(text, name)
    if tabs:
        loaded.problems.extend(tabs)
        return loaded

    gc.disable()  # the collector would scan the growing node tree again and again: the load grows with the square of the file
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        loaded.problems.append(_syntax_problem(exc, text, name))
        return loaded
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a position
        loaded.problems.append(Problem(name, 1, 1, f"het bestand is geen geldige YAML ({exc})."))
        return loaded
    finally:
        gc.enable()

    if node is None:
        loaded.problems.append(
            Problem(name, 1, 1, "het bestand is leeg. Vul de velden in, of verwijder het bestand.")
        )
        return loaded
    loaded.value = _convert(node, (), loaded)
    return loaded


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
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
        f"het bestand is geen geldige YAML ({problem}).",
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


def _convert(node: yaml.Node, path: Path_, loaded: LoadedFile) -> Any:
    loaded.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            loaded.problems.append(loaded.problem(path, f"YAML-labels zoals '{node.tag}' zijn niet toegestaan."))
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<":
                loaded.problems.append(
                    Problem(loaded.name, key_line, key_node.start_mark.column + 1,
                            "samenvoegen met '<<' is niet toegestaan; schrijf de velden uit.")
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
                loaded.problems.append(
                    Problem(loaded.name, key_line, key_node.start_mark.column + 1,
                            "een veldnaam moet een woord zijn, zoals 'titel'.")
                )
                continue
            key = str(key_node.value)
            if key in seen:
                loaded.problems.append(
                    Problem(loaded.name, key_line, key_node.start_mark.column + 1,
                            f"het veld '{key}' staat twee keer in hetzelfde blok (ook op regel "
                            f"{seen[key]}). Houd er één over.")
                )
                continue
            seen[key] = key_line
            loaded.key_positions[path + (key,)] = (key_line, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, path + (key,), loaded)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            loaded.problems.append(loaded.problem(path, f"YAML-labels zoals '{node.tag}' zijn niet toegestaan."))
        return [_convert(item, path + (index,), loaded) for index, item in enumerate(node.value)]
    return _scalar(node, path, loaded)


def _scalar(node: yaml.ScalarNode, path: Path_, loaded: LoadedFile) -> Any:
    tag, value = node.tag, node.value
    if tag in (_STR, _TIMESTAMP):
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        # Only true/false: YAML 1.1 also reads yes/no/on/off as booleans, which surprises editors.
        return value.lower() == "true" if value.lower() in ("true", "false") else value
    if tag == _INT:
        if re.fullmatch(r"[-+]?[0-9]+", value):
            return int(value)
        return value
    if tag == _FLOAT:
        return _constructor.construct_yaml_float(node)
    loaded.problems.append(loaded.problem(path, f"YAML-labels zoals '{tag}' zijn niet toegestaan."))
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
