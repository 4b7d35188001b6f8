"""The GitHub issue forms editors without git fill in, made from the JSON Schemas and data/.

`.github/ISSUE_TEMPLATE/` holds two forms, *Nieuw sessieverslag* and *Nieuwe gewoonte
voorstellen*, and `config.yml` (no blank issues; links for people with a question). They are
written by `kennisplein gids` and checked by `kennisplein gids --controleer`, like the
generated parts of CONTRIBUTING.md: the help under each field is the schema's description of
the field it fills, the choices of a dropdown come from the schema's `enum` or from the
records in data/, and `from_form.py` reads a submitted form with these same definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import form_text, schema_docs
from .paths import ROOT
from .problems import DataError
from .records import Site
from .site import build_site
from .vocabularies import ROLLEN, SESSIESOORTEN

FOLDER = ".github/ISSUE_TEMPLATE"
LABEL = "verwerken"  # the label a maintainer adds to turn a filled-in form into a pull request
CONFIG = "config.yml"
_HEADER = ("# Gemaakt door 'kennisplein gids' uit de schema's in macros/schemas/ en de gegevens in data/.\n"
           "# Niet met de hand aanpassen: verander het schema of macros/kennisplein/issue_forms.py en draai\n"
           "# dan 'kennisplein gids'.\n")


@dataclass(frozen=True)
class Option:
    id: str  # what goes into the data file
    tekst: str  # what the editor sees and GitHub writes into the issue


@dataclass(frozen=True)
class FormField:
    """One field of a form. Its help text is the schema's description of `schema_path`, then `how`."""

    id: str  # GitHub's id of the field
    type: str  # input, textarea, dropdown or checkboxes
    label: str  # the heading GitHub writes above the answer in the issue
    schema_path: tuple[str | int, ...] | None = None  # the field it fills, in the form's kind
    required: bool | None = None  # None: as the schema says
    how: str = ""  # what to type, after the schema's description
    placeholder: str = ""
    options: str = ""  # where the choices come from: a key of `_OPTIONS`


@dataclass(frozen=True)
class Form:
    file: str  # in .github/ISSUE_TEMPLATE/
    kind: str  # the schema: "sessie" or "kaart"
    name: str
    about: str
    title: str  # the title to start with
    intro: str  # Markdown above the fields
    fields: tuple[FormField, ...]
    checks: tuple[str, ...]  # statements the editor ticks in the last field, "Controle"

    def field(self, ident: str) -> FormField:
        return next(f for f in self.fields if f.id == ident)


CHECK_LABEL = "Controle"
OWN_SESSION = "geen-brondocument"  # the card form's choice for a habit from a session of one's own

_AFTERWARDS = (
    f"**Wat er daarna gebeurt.** Een beheerder leest je formulier en zet het label `{LABEL}` erop. "
    "Dan maakt GitHub er een bestand van, controleert het en zet het klaar als pull request: een "
    "voorstel dat een collega nakijkt voor het op de site komt. In een reactie onder je issue lees "
    "je de link, of per veld wat er nog niet klopt. Verbeter dat met **Edit** (bij de drie puntjes "
    "rechtsboven je issue) en vraag de beheerder het label opnieuw te zetten: dezelfde pull request "
    "wordt dan bijgewerkt.")

SESSION_FORM = Form(
    file="sessieverslag.yml",
    kind="sessie",
    name="Nieuw sessieverslag",
    about="Voeg het verslag van een sessie toe aan het Kennisplein, zonder git en zonder YAML.",
    title="Sessieverslag: ",
    intro=(
        "Met dit formulier voeg je het verslag van een sessie toe aan het Kennisplein Goed Werk. "
        "Leg het brondocument naast je: alles wat je invult neem je **letterlijk** over, en je voegt "
        "niets toe wat niet in de bron staat. Noemt de bron iets niet, laat het veld dan leeg.\n\n"
        + _AFTERWARDS),
    fields=(
        FormField("titel", "input", "Titel", ("titel",), placeholder="Sessie regio Oost"),
        FormField("soort", "dropdown", "Soort sessie", ("soort",), options="soort"),
        FormField("aanpak", "dropdown", "Programma", ("aanpak",), options="aanpak"),
        FormField("datum", "input", "Datum", ("datum",), placeholder="2022-09-09"),
        FormField("regio", "input", "Regio", ("regio",), placeholder="Oost"),
        FormField("organisatie", "input", "Gastorganisatie", ("locatie", "organisatie"), placeholder="Sius"),
        FormField("plaats", "input", "Plaats", ("locatie", "plaats"), placeholder="Groenlo"),
        FormField("deelnemers", "textarea", "Deelnemers", ("deelnemers",), how=form_text.PARTICIPANTS_HOW,
                  placeholder=form_text.PARTICIPANTS_PLACEHOLDER),
        FormField("deelnemers_toelichting", "textarea", "Toelichting bij de deelnemers", ("deelnemers_toelichting",)),
        FormField("begeleiders", "textarea", "Begeleiders", ("begeleiders",), how=form_text.LINES_HOW,
                  placeholder="Anouk (VWS)\nPeter (HKU)"),
        FormField("document", "dropdown", "Brondocument", ("herkomst", "document"), options="document",
                  how="Staat het document er niet bij? Vraag dan eerst een beheerder om het toe te voegen."),
        FormField("sectie", "input", "Sectie in het brondocument", ("herkomst", "sectie"),
                  how="Hier: de plek van het hele verslag.", placeholder="Bijlage 2.1 Regio Oost"),
        FormField("inleiding", "textarea", "Inleiding", ("inleiding",),
                  how="Schrijf de inhoud zoals hierboven uitgelegd.", placeholder="Een alinea uit het verslag."),
        FormField("rondes", "textarea", "Rondes", ("rondes",), how=form_text.ROUNDS_HOW,
                  placeholder=form_text.ROUNDS_PLACEHOLDER),
        FormField("afsluiting", "textarea", "Afsluiting", ("afsluiting",),
                  how="Schrijf de inhoud zoals hierboven uitgelegd.", placeholder="Een alinea uit het verslag."),
        FormField("id", "input", "Id (webadres)", ("id",), required=False,
                  how="Laat dit leeg: dan wordt het id de datum met de regio (of de plaats of de titel) erachter. "
                      "Het verslag komt op /sessies/<id>/."),
    ),
    checks=(
        "Wat ik heb ingevuld staat zo in het brondocument: teksten, citaten en gewoontes letterlijk, met dezelfde woorden en leestekens.",
        "Ik heb niets verzonnen: geen namen, aantallen, datums of links die niet in de bron staan.",
    ),
)

HABIT_FORM = Form(
    file="gewoonte.yml",
    kind="kaart",
    name="Nieuwe gewoonte voorstellen",
    about="Stel een nieuwe goede gewoonte voor als kaart, bijvoorbeeld uit een sessie die je zelf hebt gehouden.",
    title="Nieuwe gewoonte: ",
    intro=(
        "Heb je zelf een Goed Werk-sessie gehouden (hoe dat gaat, staat op de site onder "
        "/sessie-houden/) en kwam daar een nieuwe goede gewoonte uit? Of staat er in een brondocument "
        "een gewoonte die nog geen kaart is? Stel haar hier voor. Eén gewoonte per formulier.\n\n"
        "Elke kaart op het Kennisplein staat letterlijk in een brondocument. Komt je gewoonte uit een "
        "eigen sessie waarvan nog geen verslag op het Kennisplein staat, kies dan bij *Brondocument* "
        "de laatste keuze: de redactie bespreekt je voorstel dan eerst met je.\n\n" + _AFTERWARDS),
    fields=(
        FormField("tekst", "textarea", "De gewoonte", ("tekst",),
                  how="Schrijf de gewoonte precies zoals ze in de bron (of op het kaartje uit je sessie) staat.",
                  placeholder="Schrijf met het team een welkomstkaartje voor een nieuwe stagiaire."),
        FormField("titel", "input", "Korte titel", ("titel",), placeholder="Een welkomstkaartje voor de stagiaire"),
        FormField("document", "dropdown", "Brondocument", ("herkomst", 0, "document"), required=True,
                  options="document_of_eigen"),
        FormField("sectie", "input", "Sectie in het brondocument", ("herkomst", 0, "sectie"), required=False,
                  how="Nodig als je een brondocument kiest.", placeholder="6A) Aanbevelingen voor de praktijk"),
        FormField("sessie", "textarea", "Over je sessie", required=False,
                  how="Kwam de gewoonte uit een sessie die je zelf hebt gehouden? Schrijf hier wanneer en waar, "
                      "met wie, en hoe de gewoonte op tafel kwam. Dit komt niet op de site; het helpt de redactie."),
        FormField("thema", "dropdown", "Thema", ("thema",), options="thema"),
        FormField("voor", "checkboxes", "Voor wie", ("voor",), options="voor", how="Kies er een of meer."),
        FormField("e", "checkboxes", "E's van goed werk", ("e",), options="e"),
        FormField("indeling_toelichting", "textarea", "Waarom dit thema en deze rollen?", ("indeling_toelichting",)),
        FormField("trefwoorden", "input", "Trefwoorden", ("trefwoorden",), how="Met komma's ertussen.",
                  placeholder="stagiaire, welkom, inwerken"),
        FormField("id", "input", "Id (webadres)", ("id",), required=False,
                  how="Laat dit leeg: dan wordt het id gemaakt van de korte titel."),
    ),
    checks=(
        "De gewoonte staat zo in het brondocument dat ik koos, of precies zo op een kaartje uit mijn sessie.",
        "Ik heb niets verzonnen: geen namen, aantallen, datums of links die niet in de bron staan.",
    ),
)

FORMS = (SESSION_FORM, HABIT_FORM)


# --- choices ---------------------------------------------------------------------------------

def _enum(kind: str, path: tuple[str | int, ...]) -> list[str]:
    node, current = schema_docs.schema(kind), kind
    for step in path:
        node, current, _ = schema_docs.resolve(node, current)
        node = node["items"] if isinstance(step, int) else node["properties"][step]
    node, current, _ = schema_docs.resolve(node, current)
    if node.get("type") == "array":
        node, _, _ = schema_docs.resolve(node["items"], current)
    return list(node["enum"])


def options(form: Form, form_field: FormField, site: Site) -> tuple[Option, ...]:
    """The choices of a dropdown or checkbox field, in the order the editor sees them."""
    source = form_field.options
    if source == "soort":
        return tuple(Option(i, f"{SESSIESOORTEN[i]} ({i})") for i in _enum(form.kind, form_field.schema_path))
    if source == "aanpak":
        return tuple(Option(a.id, f"{a.naam} ({a.id})") for a in site.aanpakken)
    if source in ("document", "document_of_eigen"):
        documents = tuple(Option(d.id, f"{d.titel} ({d.id})") for d in site.documenten)
        if source == "document":
            return documents
        return documents + (Option(OWN_SESSION, "Geen van deze: een eigen sessie, of een document dat nog niet op het Kennisplein staat"),)
    if source == "thema":
        return tuple(Option(t.id, f"{t.naam} ({t.id})") for t in site.themas)
    if source == "voor":
        return tuple(Option(i, ROLLEN[i]) for i in _enum(form.kind, form_field.schema_path))
    if source == "e":
        return tuple(Option(i, site.e(i).naam) for i in _enum(form.kind, form_field.schema_path))
    raise ValueError(f"onbekende keuzes: {source}")  # pragma: no cover


def choice(text: str, choices: tuple[Option, ...]) -> Option | None:
    """The option an answer names: its text, its id, or '(id)' at its end; any case."""
    wanted = " ".join(text.split()).casefold()
    for option in choices:
        if wanted in (option.tekst.casefold(), option.id):
            return option
    tail = re.search(r"\(([a-z0-9-]+)\)\s*$", wanted)
    return next((o for o in choices if tail and o.id == tail.group(1)), None)


# --- the form files --------------------------------------------------------------------------

def description(form: Form, form_field: FormField) -> str:
    """The help under a field: the schema's description of what it fills, then what to type."""
    parts = []
    if form_field.schema_path:
        veld = schema_docs.field_at(form.kind, form_field.schema_path)
        parts.append(veld.uitleg)
    if form_field.how:
        parts.append(form_field.how)
    return " ".join(parts)


def required(form: Form, form_field: FormField) -> bool:
    if form_field.required is not None:
        return form_field.required
    veld = schema_docs.field_at(form.kind, form_field.schema_path)
    if form_field.schema_path[:-1]:  # a field inside a block: required if the block is too
        parent = schema_docs.field_at(form.kind, tuple(p for p in form_field.schema_path[:-1] if isinstance(p, str)))
        return veld.verplicht and parent.verplicht
    return veld.verplicht


def form_value(form: Form, site: Site) -> dict:
    """The form as GitHub's issue-forms syntax, as data."""
    body: list[dict] = [{"type": "markdown", "attributes": {"value": form.intro}}]
    for form_field in form.fields:
        if form_field.id == "inleiding":  # the text convention, once, above the three fields that use it
            body.append({"type": "markdown", "attributes": {"value": form_text.CONTENT_HELP}})
        attributes: dict = {"label": form_field.label, "description": description(form, form_field)}
        if form_field.type in ("dropdown", "checkboxes"):
            choices = options(form, form_field, site)
            if form_field.type == "dropdown":
                attributes["options"] = [o.tekst for o in choices]
            else:
                attributes["options"] = [{"label": o.tekst} for o in choices]
        if form_field.placeholder:
            attributes["placeholder"] = form_field.placeholder
        item = {"type": form_field.type, "id": form_field.id, "attributes": attributes}
        if form_field.type != "checkboxes":
            item["validations"] = {"required": required(form, form_field)}
        body.append(item)
    body.append({"type": "checkboxes", "id": "controle", "attributes": {
        "label": CHECK_LABEL, "description": "Zet een vinkje bij elk punt dat klopt.",
        "options": [{"label": text, "required": True} for text in form.checks]}})
    return {"name": form.name, "description": form.about, "title": form.title, "body": body}


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None  # help texts with lists stay readable
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(value: dict) -> str:
    return _HEADER + yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml as written: `!ENV [NAME, default]` is its default, whatever is set now."""


_MkDocsLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                              if isinstance(node, yaml.SequenceNode) else None)


def site_url(root: Path = ROOT) -> str:
    """The site's public address as mkdocs.yml states it (the one place it is written)."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    return str(config["site_url"]).rstrip("/") + "/"


def config_value(root: Path = ROOT) -> dict:
    """config.yml: no blank issues; a question goes to the pages of the site that answer it."""
    base = site_url(root)
    return {
        "blank_issues_enabled": False,
        "contact_links": [
            {"name": "Een vraag over bijdragen",
             "url": f"{base}bijdragen/",
             "about": "Hoe je een sessieverslag of een kaart toevoegt, met of zonder formulier: de handleiding voor de redactie."},
            {"name": "Een vraag over de inhoud",
             "url": f"{base}over/",
             "about": "Waar de inhoud van het Kennisplein vandaan komt en hoe de redactie met de bronnen omgaat."},
        ],
    }


def files(root: Path = ROOT) -> dict[str, str]:
    """Every file of .github/ISSUE_TEMPLATE/ as it should be, by path from the root."""
    try:
        site = build_site(root / "data", root / "docs")
    except DataError as error:
        raise FormError("De formulieren worden gemaakt uit de gegevens in data/, maar die kloppen niet:\n"
                        + str(error)) from None
    result = {f"{FOLDER}/{form.file}": _dump(form_value(form, site)) for form in FORMS}
    result[f"{FOLDER}/{CONFIG}"] = _dump(config_value(root))
    return result


class FormError(Exception):
    """The forms cannot be made (the data they list choices from is broken)."""


def outdated(root: Path = ROOT) -> list[str]:
    """The form files that differ from what the schemas and data make (or are missing)."""
    return [name for name, text in files(root).items()
            if not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != text]


def update(root: Path = ROOT) -> list[str]:
    """Write the form files; the names of those that changed."""
    changed = []
    for name, text in files(root).items():
        path = root / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(name)
    return changed
