"""New data files for editors: a session report or a card with every field and its explanation.

`kennisplein nieuw-verslag` and `kennisplein nieuwe-kaart` call these functions; the guide
shows the same templates with every value left as `VUL IN`. The files are laid out by the
Jinja templates in templates/; the comment above each field comes from the JSON Schema.
"""

from __future__ import annotations

import os
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import checks, schemas
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

def _yaml(value: object) -> str:
    """A value as a YAML scalar: `VUL IN` for what is unknown, an id as is, other text quoted."""
    if value is None or value == PLACEHOLDER:
        return PLACEHOLDER
    text = str(value).replace("\n", " ").strip()
    if schemas.matches(schemas.ID_PATTERN, text) and re.search("[a-z]", text) and text not in _YAML_WORDS:
        return text
    return "'" + text.replace("'", "''") + "'"


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _comment(text: str, indent: int) -> str:
    """Comment lines; a 'quoted example' is never broken over two lines."""
    text = re.sub(r"(?<!\w)'[^']*'(?!\w)", lambda m: m.group().replace(" ", "\u00a0"), text)
    lines = textwrap.wrap(text, width=_WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * indent).join("# " + line.replace("\u00a0", " ") for line in lines)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE_TEMPLATES),
        autoescape=False,  # YAML, not HTML: values go through the `yaml` filter instead
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = _yaml
    env.globals["PLACEHOLDER"] = PLACEHOLDER
    return env


def _render(kind: str, **context) -> str:
    by_path = {veld.pad.replace("[]", ""): veld for veld in fields(kind)}
    by_block = {veld.pad: veld for veld in blocks()}

    def uitleg(path: str, extra: str = "", indent: int = 0) -> str:
        veld = by_path[path]
        text = ("Verplicht. " if veld.verplicht else "") + veld.uitleg
        return _comment(f"{text} {extra}".strip(), indent)

    def blok(name: str, extra: str = "", indent: int = 0) -> str:
        return _comment(f"Blok '{name}': {lower_first(by_block[name].uitleg)} {extra}".strip(), indent)

    text = _environment().get_template(f"{kind}.yaml.j2").render(uitleg=uitleg, blok=blok, **context)
    return re.sub(r"\n{3,}", "\n\n", text)


def session_text(data_dir: Path, verslag: NieuwVerslag, ident: str | None) -> str:
    return _render(
        "sessie",
        id=ident, titel=verslag.titel, aanpak=verslag.aanpak, soort=verslag.soort,
        regio=verslag.regio, datum=verslag.datum, organisatie=verslag.organisatie,
        plaats=verslag.plaats, document=verslag.document, rondes=verslag.rondes,
        aanpakken=existing_ids(data_dir, "aanpakken"), documenten=existing_ids(data_dir, "documenten"),
    )


def card_text(data_dir: Path, kaart: NieuweKaart, ident: str | None) -> str:
    return _render(
        "kaart",
        id=ident or PLACEHOLDER, titel=kaart.titel, tekst=kaart.tekst, thema=kaart.thema,
        voor=list(kaart.voor) or [PLACEHOLDER], e=list(kaart.e) or [PLACEHOLDER],
    )


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
    """The path and text of a new card file; checks what the editor typed first."""
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
    return path, card_text(data_dir, kaart, ident)


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
