"""New data files for editors: a session report or a card with every field and its explanation.

`kennisplein nieuw-verslag` and `kennisplein nieuwe-kaart` call these functions; the guide
shows the same templates with every value left as `VUL IN`. The files are laid out by the
Jinja templates in templates/; the comment above each field comes from the JSON Schema.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import checks, numbering, schemas
from .paths import PACKAGE_TEMPLATES
from .placeholders import PLACEHOLDER
from .schema_docs import blocks, fields, lower_first
from .vocabularies import E_IDS, GERESERVEERDE_IDS, ROLLEN, SESSIESOORTEN

_WIDTH = 78  # comment lines fit GitHub's editor and the code blocks of the site without scrolling


class ScaffoldError(Exception):
    """Why a new file cannot be made, in Dutch, with what to do instead."""


@dataclass(frozen=True)
class NieuwVerslag:
    """What an editor told us about a new session; None leaves `VUL IN` in the file."""

    datum: str | None = None
    regio: str | None = None
    organisatie: str | None = None
    plaats: str | None = None
    titel: str | None = None
    soort: str | None = None
    aanpak: str | None = None
    document: str | None = None
    id: str | None = None
    rondes: int = 3


@dataclass(frozen=True)
class NieuweKaart:
    """What an editor told us about a new card; None (or empty) leaves `VUL IN` in the file."""

    titel: str | None = None
    tekst: str | None = None
    thema: str | None = None
    voor: tuple[str, ...] = field(default_factory=tuple)
    e: tuple[str, ...] = field(default_factory=tuple)
    id: str | None = None


# --- checks on what the editor typed ---------------------------------------------------------

def date_problem(text: str) -> str | None:
    """Why `text` is not a date as the data files want it (JJJJ-MM-DD, or JJJJ-MM, or JJJJ)."""
    if not schemas.matches(schemas.DATE_PATTERN, text):
        return checks.pattern_message(schemas.DATE_PATTERN, "datum", text)
    return checks.date_problem(text)


def id_problem(text: str) -> str | None:
    shortest, longest = schemas.ID_LENGTH
    if not schemas.matches(schemas.ID_PATTERN, text) or not shortest <= len(text) <= longest:
        return checks.pattern_message(schemas.ID_PATTERN, "id", text)
    return None


def slug(text: str) -> str:
    """An id made from a text: 'Regio Oost' -> 'regio-oost'."""
    return checks.kebab(text)


def existing_ids(data_dir: Path, folder: str) -> list[str]:
    """The ids in one folder of data/, read from the file names (ids equal file names)."""
    return sorted(p.stem for p in (Path(data_dir) / folder).glob("*.yaml"))


def _choice(value: str | None, options: list[str] | tuple[str, ...], what: str) -> str | None:
    if value is None or value in options:
        return value
    hint = checks.suggestion(value, options)
    raise ScaffoldError(f"'{value}' is geen {what}.{hint} Kies uit: {', '.join(options)}.")


# --- the files -------------------------------------------------------------------------------

_FILE_WIDTH = 96  # a long text folds onto lines of this width, like the hand-written files


def _yaml(value: object) -> str:
    """A value as a YAML scalar: `VUL IN` for what is unknown, an id as is, other text quoted."""
    if value is None or value == PLACEHOLDER:
        return PLACEHOLDER
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\n", " ").strip()
    if not text.isprintable():  # single quotes cannot hold it; escapes can (\uXXXX)
        return json.dumps(text)
    if schemas.matches(schemas.ID_PATTERN, text) and re.search("[a-z]", text) and text not in _YAML_WORDS:
        return text
    return "'" + text.replace("'", "''") + "'"


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _value(value: object, indent: int, used: int) -> str:
    """What follows 'key:' (or '- '): the value on the same line if it fits, else a folded
    text (`>-`) on the lines below, `indent` spaces in. Only a text that folds back to itself
    exactly is folded: no line breaks, no double spaces, nothing unprintable."""
    inline = _yaml(value)
    foldable = (isinstance(value, str) and value == value.strip() and value.isprintable()
                and "  " not in value and value != PLACEHOLDER)
    if used + 1 + len(inline) <= _FILE_WIDTH or not foldable:
        return " " + inline
    lines = textwrap.wrap(value, width=max(_FILE_WIDTH - indent, 40), break_long_words=False, break_on_hyphens=False)
    return " >-\n" + "\n".join(" " * indent + line for line in lines)


def _comment(text: str, indent: int) -> str:
    """Comment lines; a 'quoted example' is never broken over two lines."""
    text = re.sub(r"(?<!\w)'[^']*'(?!\w)", lambda m: m.group().replace(" ", "\u00a0"), text)
    lines = textwrap.wrap(text, width=_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * indent).join("# " + line.replace("\u00a0", " ") for line in lines)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE_TEMPLATES),
        autoescape=False,  # YAML, not HTML: values go through `_value` and `_yaml` instead
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml
    env.globals["PLACEHOLDER"] = PLACEHOLDER
    return env


class _Writer:
    """The helpers a file template lays values out with, each field with the comment the
    schema gives it. `indent` is always the column where the key (or the '- ') starts."""

    def __init__(self, kind: str) -> None:
        self.by_path = {veld.pad.replace("[]", ""): veld for veld in fields(kind)}
        self.by_block = {veld.pad: veld for veld in blocks()}

    def uitleg(self, path: str, extra: str = "", indent: int = 0) -> str:
        veld = self.by_path[path]
        text = ("Verplicht. " if veld.verplicht else "") + veld.uitleg
        return _comment(f"{text} {extra}".strip(), indent)

    def blok(self, name: str, extra: str = "", indent: int = 0) -> str:
        return _comment(f"Blok '{name}': {lower_first(self.by_block[name].uitleg)} {extra}".strip(), indent)

    def veld(self, key: str, value: object, indent: int = 0) -> str:
        return " " * indent + f"{key}:" + _value(value, indent + 2, indent + len(key) + 1)

    def lijst(self, values, indent: int) -> str:
        return "\n".join(" " * indent + "-" + _value(v, indent + 2, indent + 1) for v in values)

    def item(self, value: dict, path: str, indent: int, uitleg_erbij: bool = True, extra: dict | None = None) -> str:
        """One item of a list of blocks with fields (`- aantal: …`), nested blocks included.
        `extra` adds to the explanation of a field, by its path inside the item."""
        lines: list[str] = []
        extra = extra or {}

        def mapping(node: dict, inner: str, column: int, dash: bool) -> None:
            for number, (key, item_value) in enumerate(node.items()):
                lead = "- " if dash and number == 0 else ""
                key_column = column + 2 if dash else column
                start = column if lead else key_column  # where this line and its comment begin
                relative = f"{inner}{key}"
                if uitleg_erbij:
                    lines.append(" " * start + self.uitleg(f"{path}.{relative}", extra.get(relative, ""), indent=start))
                if isinstance(item_value, dict):
                    lines.append(" " * start + f"{lead}{key}:")
                    mapping(item_value, f"{relative}.", key_column + 2, dash=False)
                else:
                    lines.append(" " * start + f"{lead}{key}:"
                                 + _value(item_value, key_column + 2, key_column + len(key) + 1))

        mapping(value, "", indent, dash=True)
        return "\n".join(lines)

    def inhoud(self, blocks_: list[dict], indent: int, blokuitleg: dict | None = None) -> str:
        """A list of content blocks. With `blokuitleg` (the rounds), the first block of each
        kind gets the schema's explanation of that kind, and what the template adds to it."""
        lines: list[str] = []
        explained: set[str] = set()
        for block in blocks_:
            (name, content), = block.items()
            if blokuitleg is not None and name not in explained:
                explained.add(name)
                lines.append(" " * indent + self.blok(name, blokuitleg.get(name, ""), indent))
            lines.append(_block(name, content, indent))
        return "\n".join(lines)


def _block(name: str, content: object, indent: int) -> str:
    head = " " * indent + f"- {name}:"
    items = indent + 4  # the column of the '- ' of the block's own items
    if name in ("kop", "tekst"):
        return head + _value(content, indent + 4, len(head))
    if name in ("punten", "stappen", "tips"):
        lines = [head]
        for punt in content:
            if isinstance(punt, dict):
                lines.append(" " * items + "- tekst:" + _value(punt["tekst"], items + 4, items + 8))
                lines.append(" " * (items + 2) + "punten:")
                lines.extend(" " * (items + 4) + "-" + _value(sub, items + 6, items + 5) for sub in punt["punten"])
            else:
                lines.append(" " * items + "-" + _value(punt, items + 2, items + 1))
        return "\n".join(lines)
    if name in ("citaten", "gewoontes"):
        lines = [head]
        for entry in content:
            for number, (key, value) in enumerate(entry.items()):
                lead = "- " if number == 0 else "  "
                lines.append(" " * items + f"{lead}{key}:" + _value(value, items + 4, items + 3 + len(key)))
        return "\n".join(lines)
    if name == "tabel":
        lines = [head]
        if "bijschrift" in content:
            lines.append(" " * (indent + 4) + "bijschrift:" + _value(content["bijschrift"], indent + 6, indent + 15))
        # Rows as flow lists of JSON strings (valid YAML), one row a line, like the hand-written tables.
        lines.append(" " * (indent + 4) + "kolommen: " + json.dumps(content["kolommen"], ensure_ascii=False))
        lines.append(" " * (indent + 4) + "rijen:")
        lines.extend(" " * (indent + 6) + "- " + json.dumps(row, ensure_ascii=False) for row in content["rijen"])
        return "\n".join(lines)
    raise ValueError(f"onbekend blok: {name}")  # pragma: no cover - the schema knows no other


def _render(kind: str, **context) -> str:
    writer = _Writer(kind)
    env = _environment()
    text = env.get_template(f"{kind}.yaml.j2").render(
        uitleg=writer.uitleg, blok=writer.blok, veld=writer.veld, lijst=writer.lijst, item=writer.item,
        inhoud=writer.inhoud, opmerking=lambda text: _comment(text, 0), **context)
    return re.sub(r"\n{3,}", "\n\n", text)


def _or_placeholder(value: object) -> object:
    return PLACEHOLDER if value is None else value


def _session_skeleton(verslag: NieuwVerslag, ident: str | None) -> dict:
    """The new session as data: what the editor gave, `VUL IN` for the rest."""
    document = _or_placeholder(verslag.document)

    def rounds() -> list[dict]:
        result = []
        for number in range(1, verslag.rondes + 1):
            inhoud = [{"tekst": PLACEHOLDER},
                      {"citaten": [{"tekst": PLACEHOLDER, "reactie": PLACEHOLDER, "wie": PLACEHOLDER}]},
                      {"punten": [PLACEHOLDER]}]
            if number == verslag.rondes:
                inhoud.append({"gewoontes": [{"tekst": PLACEHOLDER, "kaart": PLACEHOLDER}]})
            result.append({"titel": PLACEHOLDER, "inhoud": inhoud})
        return result

    return {
        "id": _or_placeholder(ident), "titel": _or_placeholder(verslag.titel),
        "aanpak": _or_placeholder(verslag.aanpak), "soort": _or_placeholder(verslag.soort),
        "regio": _or_placeholder(verslag.regio), "datum": _or_placeholder(verslag.datum),
        "locatie": {"organisatie": _or_placeholder(verslag.organisatie), "plaats": _or_placeholder(verslag.plaats)},
        "deelnemers": [{"aantal": PLACEHOLDER, "omschrijving": PLACEHOLDER,
                        "herkomst": {"document": document, "sectie": PLACEHOLDER}}],
        "begeleiders": [PLACEHOLDER],
        "herkomst": {"document": document, "sectie": PLACEHOLDER},
        "inleiding": [{"tekst": PLACEHOLDER}],
        "rondes": rounds(),
        "afsluiting": [{"tekst": PLACEHOLDER}],
    }


def session_file(data_dir: Path, value: dict, *, leeg: bool = False, herkomst_bestand: str = "") -> str:
    """A session file for `value` (a session as data), with the explanation above each field.
    Fields missing from `value` are left out; `leeg` writes the commented-out optional lines
    of the empty template. `herkomst_bestand` is a comment on where the file came from."""
    return _render(
        "sessie", v=value, leeg=leeg, herkomst_bestand=herkomst_bestand,
        aanpakken=existing_ids(data_dir, "aanpakken"), documenten=existing_ids(data_dir, "documenten"),
    )


def card_file(value: dict, *, leeg: bool = False, herkomst_bestand: str = "") -> str:
    """A card file for `value` (a card as data), with the explanation above each field."""
    return _render("kaart", v=value, leeg=leeg, herkomst_bestand=herkomst_bestand)


def session_text(data_dir: Path, verslag: NieuwVerslag, ident: str | None) -> str:
    return session_file(data_dir, _session_skeleton(verslag, ident), leeg=True)


def card_text(data_dir: Path, kaart: NieuweKaart, ident: str | None, nummer: int | None = None) -> str:
    return card_file({
        "id": ident or PLACEHOLDER, "nummer": nummer or PLACEHOLDER, "titel": _or_placeholder(kaart.titel), "tekst": _or_placeholder(kaart.tekst),
        "thema": _or_placeholder(kaart.thema), "voor": list(kaart.voor) or [PLACEHOLDER],
        "e": list(kaart.e) or [PLACEHOLDER], "indeling_redactioneel": True, "indeling_toelichting": PLACEHOLDER,
        "trefwoorden": [PLACEHOLDER],
    }, leeg=True)


def new_session(data_dir: Path, verslag: NieuwVerslag) -> tuple[Path, str]:
    """The path and text of a new session file; checks what the editor typed first."""
    data_dir = Path(data_dir)
    if verslag.datum is None:
        raise ScaffoldError("Geef de datum van de sessie, bijvoorbeeld --datum 2022-09-09.")
    if why := date_problem(verslag.datum):
        raise ScaffoldError(why[0].upper() + why[1:])
    _choice(verslag.soort, tuple(SESSIESOORTEN), "soort sessie")
    _choice(verslag.aanpak, existing_ids(data_dir, "aanpakken"), "aanpak in data/aanpakken/")
    _choice(verslag.document, existing_ids(data_dir, "documenten"), "document in data/documenten/")
    if not 1 <= verslag.rondes <= 20:
        raise ScaffoldError("Geef een aantal rondes van 1 tot en met 20.")
    ident = verslag.id
    if ident is None:
        name = verslag.regio or verslag.plaats or verslag.organisatie
        if not name:
            raise ScaffoldError("Geef de regio (--regio), de plaats (--plaats) of zelf een id (--id): "
                                "het id is de datum met de regio erachter, bijvoorbeeld 2022-09-09-oost.")
        ident = f"{verslag.datum}-{slug(name)}"
    if why := id_problem(ident):
        raise ScaffoldError(why[0].upper() + why[1:])
    if ident in GERESERVEERDE_IDS:
        raise ScaffoldError(f"Het id '{ident}' is gereserveerd voor een pagina van de site. Kies een ander id met --id.")
    path = data_dir / "sessies" / f"{ident}.yaml"
    return path, session_text(data_dir, verslag, ident)


def new_card(data_dir: Path, kaart: NieuweKaart) -> tuple[Path, str]:
    """The path and text of a new card file, with the next free card number; checks what the
    editor typed first. Once the file is written, `register_card` adds its number to the list."""
    data_dir = Path(data_dir)
    if kaart.titel and len(kaart.titel) > schemas.CARD_TITLE_LENGTH:
        raise ScaffoldError(f"De titel is {len(kaart.titel)} tekens lang; maak hem hoogstens {schemas.CARD_TITLE_LENGTH} tekens.")
    ident = kaart.id or (slug(kaart.titel) if kaart.titel else None)
    if ident is None:
        raise ScaffoldError("Geef de titel van de kaart (--titel) of zelf een id (--id), bijvoorbeeld --id welkomstkaartje-stagiaire.")
    if why := id_problem(ident):
        raise ScaffoldError(why[0].upper() + why[1:])
    if ident in GERESERVEERDE_IDS:
        raise ScaffoldError(f"Het id '{ident}' is gereserveerd voor een pagina van de site. Kies een ander id met --id.")
    _choice(kaart.thema, existing_ids(data_dir, "themas"), "thema in data/themas/")
    for rol in kaart.voor:
        _choice(rol, tuple(ROLLEN), "rol voor 'voor'")
    for e in kaart.e:
        _choice(e, E_IDS, "E van goed werk")
    path = data_dir / "kaarten" / f"{ident}.yaml"
    return path, card_text(data_dir, kaart, ident, numbering.next_number(data_dir))


def register_card(data_dir: Path, path: Path) -> int:
    """Add the number of the card file just written to data/kaartnummers.yaml; returns it."""
    from .loading import load_file

    value = load_file(path, path.name).value
    numbering.register(data_dir, value["nummer"], value["id"])
    return value["nummer"]


def write_new(path: Path, text: str) -> str:
    """Write a new file; never overwrite one. Returns its path as the editor would type it."""
    relative = os.path.relpath(path)
    name = relative if not relative.startswith("..") else str(path)
    if path.exists():
        raise ScaffoldError(
            f"{name} bestaat al. Ik overschrijf het niet. Pas dat bestand aan, of kies een ander id met --id.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return name


def template(kind: str, data_dir: Path) -> str:
    """The empty template the guide shows: every value `VUL IN`."""
    if kind == "sessie":
        return session_text(data_dir, NieuwVerslag(), None)
    return card_text(data_dir, NieuweKaart(), None)
