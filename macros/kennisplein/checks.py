"""Check loaded data files: JSON Schema first, then the rules a schema cannot express.

Every check adds to one list of problems; nothing stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema_docs, schemas
from .loading import LoadedFile, strings
from .placeholders import is_placeholder, placeholder_problems
from .problems import MAX_PER_FILE, Problem
from .schemas import DATE_PATTERN, ID_PATTERN
from .rendering import (
    MAX_BRACKETS, MAX_BRACKETS_PER_FILE, MAX_MARKUP, MAX_MARKUP_PER_FILE, EditorLink, editor_links, markup_count, url_refusal,
)
from .vocabularies import GERESERVEERDE_IDS, IMAGE_FOLDER, MAANDEN, RECORD_FOLDERS

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# English (and common misspelled) field names editors type, with the Dutch field meant.
_ENGLISH = {
    "title": "titel", "text": "tekst", "theme": "thema", "date": "datum", "rounds": "rondes",
    "sources": "herkomst", "source": "herkomst", "keywords": "trefwoorden", "tags": "trefwoorden",
    "location": "locatie", "participants": "deelnemers", "facilitators": "begeleiders",
    "region": "regio", "kind": "soort", "type": "soort", "for": "voor", "cards": "kaarten",
    "card": "kaart", "quotes": "citaten", "quote": "citaten", "name": "naam", "content": "inhoud",
    "heading": "kop", "section": "sectie", "organisation": "organisatie", "organization": "organisatie",
    "place": "plaats", "city": "plaats", "habits": "gewoontes", "points": "punten", "year": "jaar",
    "authors": "auteurs", "author": "auteurs", "publisher": "uitgever", "closing": "afsluiting",
    "introduction": "inleiding", "intro": "inleiding", "number": "aantal", "description": "omschrijving",
    "variants": "varianten", "bronnen": "herkomst", "kaarten": "kaart",
}

_TYPE_NAMES = {
    "string": "een tekst", "array": "een lijst", "object": "een blok met velden",
    "integer": "een geheel getal", "number": "een getal", "boolean": "true of false",
    "null": "leeg",
}

_DUTCH_DATE = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})\s*$")
_WRITTEN_DATE = re.compile(r"^\s*(\d{1,2})\s+([a-zA-Z]+)\s+(\d{4})\s*$")  # 14 oktober 2022
_LOOSE_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")  # 2022-9-9
_NUMBER_WORDS = {word: number for number, word in enumerate(
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien zeventien achttien negentien twintig".split())} | {"één": 1}

# Titles and names: what a page, a card or a list shows as its name must say something.
NAME_FIELDS = frozenset({"titel", "naam", "kop"})
_HTML_TAG = re.compile(r"<\s*(/?[a-zA-Z][a-zA-Z0-9]*|!--)")


# --- schemas -------------------------------------------------------------------------------

def schema_problems(loaded: LoadedFile, kind: str) -> list[Problem]:
    """Every schema violation of one file, in Dutch; a `VUL IN` left in it counts as unfilled only."""
    problems = placeholder_problems(loaded, kind)
    if schemas.quick_validator(kind).is_valid(loaded.value):  # nearly always: no error to explain
        return problems
    explained = False
    for error in schemas.explaining_validator(kind).iter_errors(loaded.value):
        explained = True
        if not is_placeholder(error.instance):
            problems.extend(_translate(error, loaded))
        if len(problems) > MAX_PER_FILE:
            break  # the report shows the first ones (problems.capped); explaining the rest costs seconds
    if not explained:  # the two validators disagree: never let a file pass because of that
        problems.append(loaded.problem((), "dit bestand klopt niet met het schema, maar de controle kan niet zeggen waar. "
                                            "Vraag een ontwikkelaar om hulp en noem deze melding."))
    return problems


def _field(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "het bestand"


def _suggest(word: str, options: Iterable[str]) -> str | None:
    options = list(options)
    if _ENGLISH.get(word) in options:
        return _ENGLISH[word]
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return match[0] if match else None


def kebab(text: str) -> str:
    """An id made from a text: 'Regio Oost' -> 'regio-oost'."""
    text = text.lower()
    for a, b in (("ë", "e"), ("é", "e"), ("è", "e"), ("ï", "i"), ("ö", "o"), ("ü", "u"), ("á", "a")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "mijn-id"


def _translate(error: ValidationError, loaded: LoadedFile) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    field = _field(path)
    value = error.instance
    keyword = error.validator

    if keyword == "required":
        missing = re.match(r"^'(.+)' is a required property$", error.message)
        name = missing.group(1) if missing else str(error.validator_value)
        where = "" if not path else f" in '{field}'" if isinstance(path[-1], str) else f" in item {path[-1] + 1} van '{field}'"
        allowed = error.schema.get("properties", {})
        if isinstance(value, dict) and any(_suggest(k, allowed) == name for k in value if k not in allowed):
            return  # a misspelt or English key stands for it: that message says what to change
        meaning = schema_docs.description(allowed.get(name, {}), "gemeenschappelijk")
        what = f" Hier hoort: {schema_docs.lower_first(meaning)}" if meaning else ""
        yield loaded.problem(path, f"het verplichte veld '{name}' ontbreekt{where}. Voeg een regel '{name}: …' toe.{what}")
    elif keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            suggestion = _suggest(key, allowed)
            hint = (f"Bedoelde je '{suggestion}'? Verander '{key}:' dan in '{suggestion}:'." if suggestion
                    else f"Verwijder de regel met '{key}:', of kies een van de velden die hier mogen: " + ", ".join(allowed) + ".")
            yield loaded.problem(path + (key,), f"onbekend veld '{key}'. {hint}", key=True)
    elif keyword == "type":
        expected = error.validator_value
        expected_name = _TYPE_NAMES.get(expected, expected) if isinstance(expected, str) else " of ".join(
            _TYPE_NAMES.get(t, t) for t in expected)
        actual = _describe(value)
        message = f"'{field}' moet {expected_name} zijn, maar is {actual}."
        if value is None:
            message = f"'{field}' is leeg. Vul een waarde in, of laat het veld weg als het niet verplicht is."
        elif expected == "array" and isinstance(value, str) and "," in value:
            message += (f" Zet er rechte haken omheen: '{field}: [{value}]', of zet elk item op een "
                        "eigen regel die begint met '- '.")
        elif expected == "array" and isinstance(value, str):
            message += (" Schrijf een lijst met elk item op een eigen regel die begint met '- ', "
                        "of als [a, b].")
        elif expected == "array" and isinstance(value, dict) and value:
            first = next(iter(value))
            message += (f" Begin elk item van de lijst met een streepje en een spatie, zoals "
                        f"'- {first}: …', en spring de regels eronder even ver in als '{first}'.")
        elif expected == "integer" and isinstance(value, str) and value.strip().lower() in _NUMBER_WORDS:
            message += f" Schrijf het getal in cijfers: '{field}: {_NUMBER_WORDS[value.strip().lower()]}'."
        elif expected == "integer" and isinstance(value, str):
            message += f" Schrijf alleen het getal in cijfers, bijvoorbeeld '{field}: 11'."
        elif expected == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
            message += f" Zet de waarde tussen aanhalingstekens: '{value}'."
        elif expected == "boolean":
            meant = {"ja": "true", "yes": "true", "waar": "true", "nee": "false", "no": "false", "onwaar": "false"}
            fix = (f"Schrijf '{field}: {meant[str(value).lower()]}'." if str(value).lower() in meant
                   else "Schrijf true (ja) of false (nee).")
            message = f"'{field}' moet true of false zijn, maar is '{value}'. {fix}"
        yield loaded.problem(path, message)
    elif keyword == "enum":
        options = [str(o) for o in error.validator_value]
        suggestion = _suggest(str(value), options)
        hint = f" Bedoelde je '{suggestion}'?" if suggestion else ""
        yield loaded.problem(path, f"'{value}' is geen geldige waarde voor '{field}'. Kies uit: {', '.join(options)}.{hint}")
    elif keyword == "pattern":
        yield loaded.problem(path, pattern_message(error.validator_value, field, value))
    elif keyword == "minItems":
        if not value:
            yield loaded.problem(path, f"'{field}' is een lege lijst. Geef minstens {error.validator_value} item{'s' if error.validator_value > 1 else ''}.")
        else:
            yield loaded.problem(path, f"'{field}' heeft {len(value)} items, maar minstens {error.validator_value} zijn nodig.")
    elif keyword == "maxItems":
        yield loaded.problem(path, f"'{field}' heeft {len(value)} items; er mogen er hoogstens {error.validator_value} zijn.")
    elif keyword == "minLength":
        yield loaded.problem(path, f"'{field}' is leeg of te kort. Vul een tekst in.")
    elif keyword == "maxLength":
        yield loaded.problem(path, f"'{field}' is {len(value)} tekens lang; maak het hoogstens {error.validator_value} tekens.")
    elif keyword in ("minProperties", "maxProperties"):
        options = sorted(error.schema.get("properties", {}))
        if keyword == "minProperties":
            yield loaded.problem(path, "dit inhoudsblok is leeg. Gebruik één van: " + ", ".join(options) + ".")
        else:
            keys = ", ".join(value)
            yield loaded.problem(
                path,
                f"dit inhoudsblok heeft meer dan één veld ({keys}). Een blok heeft precies één van: "
                + ", ".join(options) + ". Begin elk volgend blok met een nieuwe regel '- '.",
            )
    elif keyword == "uniqueItems":
        seen, dupes = set(), []
        for item in value:
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                dupes.append(str(item))
            seen.add(marker)
        shown = ", ".join(repr(d) for d in dupes[:5]) + (f" (en nog {len(dupes) - 5})" if len(dupes) > 5 else "")
        yield loaded.problem(path, f"'{field}' noemt {shown} twee keer. Houd er één over.")
    elif keyword == "anyOf":
        yield loaded.problem(path, f"dit item in '{field}' moet een tekst zijn, of een blok met 'tekst' en 'punten'.")
    elif keyword == "minimum":
        yield loaded.problem(path, f"'{field}' moet {error.validator_value} of meer zijn.")
    else:  # pragma: no cover - keywords the schemas do not use
        yield loaded.problem(path, f"'{field}' klopt niet met het schema ({keyword}).")


def _describe(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return f"de tekst '{value[:40]}'"
    if isinstance(value, list):
        return "een lijst"
    return "een blok met velden"


def pattern_message(pattern: str, field: str, value: str) -> str:
    """What to write instead of a value that does not match a schema pattern."""
    if value != value.strip() and schemas.matches(pattern, value.strip()):
        # A pattern is about the whole value: a space or line end around it counts ("oud\n").
        return (f"'{value}' heeft een spatie of regeleinde aan het begin of eind, en dat hoort niet bij "
                f"'{field}'. Schrijf '{value.strip()}' (staat de waarde tussen \"…\", haal dan \\n weg; na '|' "
                "of '>' schrijf je '|-' of '>-').")
    if pattern == ID_PATTERN:
        return (f"'{value}' is geen geldig id voor '{field}': gebruik alleen kleine letters, cijfers en "
                f"streepjes, bijvoorbeeld '{kebab(value)}'.")
    if pattern == DATE_PATTERN:
        dutch = _DUTCH_DATE.match(value)
        if dutch:
            day, month, year = (int(g) for g in dutch.groups())
            return (f"'{value}' is geen datum in de vorm JJJJ-MM-DD. Schrijf "
                    f"'{year:04d}-{month:02d}-{day:02d}' (jaar-maand-dag).")
        written = _WRITTEN_DATE.match(value)
        if written and written.group(2).lower() in MAANDEN:
            day, month, year = int(written.group(1)), MAANDEN.index(written.group(2).lower()) + 1, int(written.group(3))
            return (f"'{value}' is geen datum in de vorm JJJJ-MM-DD. Schrijf "
                    f"'{year:04d}-{month:02d}-{day:02d}' (jaar-maand-dag).")
        loose = _LOOSE_DATE.match(value)
        if loose:
            year, month, day = (int(g) for g in loose.groups())
            return (f"'{value}' is geen datum in de vorm JJJJ-MM-DD. Schrijf "
                    f"'{year:04d}-{month:02d}-{day:02d}', met twee cijfers voor maand en dag.")
        return f"'{value}' is geen datum in de vorm JJJJ-MM-DD, bijvoorbeeld '2022-09-09'."
    if pattern == "^https://":
        if value.startswith("http://"):
            return f"gebruik een beveiligd adres: 'https://{value[7:]}'."
        return f"'{value}' is geen webadres. Een adres begint met https://."
    if pattern == "^[0-9]{4}$":
        return f"'{value}' is geen jaartal. Schrijf het jaar als vier cijfers, bijvoorbeeld '2021'."
    return f"'{value}' heeft niet de juiste vorm voor '{field}'."  # pragma: no cover


# --- rules beyond the schema ---------------------------------------------------------------

def date_problem(text: str) -> str | None:
    """Why a JJJJ[-MM[-DD]] text is not a real date, or None."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"de datum '{text}' bestaat niet: er is geen maand {parts[1]}."
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            month = MAANDEN[parts[1] - 1]
            last = (dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - dt.timedelta(days=1)).day
            return f"de datum '{text}' bestaat niet: {month} {parts[0]} heeft {last} dagen."
    return None


def text_problems(loaded: LoadedFile, images: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())) -> list[Problem]:
    """Links, images and HTML in every text of a file (see CONTRIBUTING.md, 'Opmaak').

    Whether an address may be published is not decided here: every text is rendered by the
    site's own Markdown and sanitizer (rendering.editor_links), and each address the gate drops
    becomes a message. `images`: the names of the files in docs/afbeeldingen/ that are published,
    and of all files there (checkout.py).
    Every text is checked as if it were Markdown, also where the site shows it as plain text.
    """
    problems = []
    in_file = [0, 0]  # '[' and markup characters so far
    for path, text in strings(loaded.value):
        if len(problems) > MAX_PER_FILE:
            break  # see problems.capped
        field = _field(path)
        if text and not text.strip():
            problems.append(loaded.problem(path, f"'{field}' bevat alleen spaties of witregels. Vul een tekst in, of laat het veld weg als het niet verplicht is."))
            continue
        if field in NAME_FIELDS and not any(char.isalpha() for char in text):
            problems.append(loaded.problem(path, f"'{field}' moet minstens één letter bevatten; nu staat er '{text}'. Schrijf de titel of naam uit."))
        if field == "url" and isinstance(path[-1], str) and text.startswith("https://") and url_refusal(text):
            problems.append(loaded.problem(path, f"'{text}' is geen bruikbaar webadres voor 'url'. Kopieer het adres uit de adresbalk van de browser: het begint met https:// en heeft geen spaties, backslashes (\\) of bijzondere tekens."))
        tag = _HTML_TAG.search(text) if "<" in text else None
        if tag:  # advice only: the text is escaped, so HTML shows as the characters typed
            problems.append(loaded.problem(path, f"HTML ('<{tag.group(1)}') is niet toegestaan in tekst. Gebruik **vet**, *cursief* of een link [tekst](https://…)."))
        brackets, markup = markup_count(text)
        if brackets > MAX_BRACKETS or markup > MAX_MARKUP:
            what = f"{brackets} rechte haken '['" if brackets > MAX_BRACKETS else f"{markup} opmaaktekens en regeleinden (zoals * _ ` [ ] ( ) ! & < >)"
            most = MAX_BRACKETS if brackets > MAX_BRACKETS else MAX_MARKUP
            problems.append(loaded.problem(path, f"deze tekst heeft {what}; er mogen er hoogstens {most} in één tekst staan. Haal de tekens weg die geen opmaak zijn, of verdeel de tekst over meer blokken."))
            continue
        in_file[0] += brackets
        in_file[1] += markup
        if in_file[0] > MAX_BRACKETS_PER_FILE or in_file[1] > MAX_MARKUP_PER_FILE:
            problems.append(loaded.problem(path, f"dit bestand heeft tot hier meer dan {MAX_BRACKETS_PER_FILE} rechte haken '[' of meer dan {MAX_MARKUP_PER_FILE} opmaaktekens en regeleinden (zoals * _ ` [ ] ( ) ! & < >). Zoveel heeft geen bestand van de site nodig: haal de tekens weg die geen opmaak zijn, of verdeel de inhoud over meer bestanden."))
            break
        if not brackets:
            continue  # Markdown makes a link or an image only from a '[' (its input has no '<': escaped)
        for link in editor_links(text):
            message = _link_message(link, images)
            if message:
                problems.append(loaded.problem(path, message))
    return problems


def _link_message(link: EditorLink, images: tuple[frozenset[str], frozenset[str]]) -> str | None:
    target, label = link.target, link.label
    if link.element == "img":
        shown = f"![{label}]({target})"
        if link.refusal == "afbeelding-extern" and target.lower().startswith(("http:", "https:", "//")):
            return f"de afbeelding {shown} komt van een andere website. Zet de afbeelding in docs/afbeeldingen/ en verwijs naar /afbeeldingen/<naam>."
        name = target.removeprefix(f"/{IMAGE_FOLDER}/")
        published, present = images
        if not link.refusal and name != target and name in published:
            return None
        if not link.refusal and name in present:
            return f"de afbeelding '{target}' wordt niet gepubliceerd. Verander het bestand zoals de melding bij docs/{IMAGE_FOLDER}/{name} zegt."
        return f"de afbeelding '{target}' bestaat niet. Zet het bestand in docs/afbeeldingen/ en verwijs ernaar als /afbeeldingen/<naam>."
    shown = f"[{label}]({target})"
    why = {
        None: None,
        "leeg": f"de link {shown} heeft geen adres. Schrijf alleen de tekst '{label}', of vul het volledige adres in (https://…).",
        "http": f"de link {shown} gebruikt http. Gebruik https://{target.strip()[7:]}.",
        "https-onvolledig": f"het adres van de link {shown} is geen volledig webadres. Schrijf het als https://naam-van-de-website/….",
        "ander-domein": f"de link {shown} begint met '//' en wijst zo naar een andere website, zonder https. Schrijf het volledige adres (https://…), of een adres binnen de site dat met één '/' begint.",
        "backslash": f"het adres van de link {shown} bevat een backslash (\\). Een browser leest die als '/', zodat de link naar een andere website kan wijzen. Gebruik gewone schuine strepen (/).",
        "onzichtbaar": f"het adres van de link {shown} bevat een spatie, tab of onzichtbaar teken. Haal dat weg; een spatie in een adres schrijf je als %20.",
        "niet-ascii": f"het adres van de link {shown} bevat letters buiten het gewone alfabet (zoals é, of een letter die op een gewone letter lijkt). Kopieer het adres uit de adresbalk van de browser: die schrijft zulke letters als %-codes.",
        "teken": f"het adres van de link {shown} bevat een teken dat niet in een webadres hoort (\" < > ` {{ }} | ^). Controleer het adres.",
        "relatief": f"het adres van de link {shown} begint niet met https://, mailto: of /. Schrijf een link naar een andere website met https:// ervoor, en een link binnen de site met / (zoals /kaarten/…).",
    }.get(link.refusal)
    if why or link.refusal is None:
        return why
    if link.refusal == "schema":
        scheme = target.strip().split(":", 1)[0]
        return f"de link {shown} gebruikt '{scheme}:'. Alleen https:, mailto: en adressen binnen de site (zoals /kaarten/…) zijn toegestaan. Verander het adres, of schrijf alleen de tekst '{label}'."
    return f"de link {shown} is niet toegestaan. Alleen https:, mailto: en adressen binnen de site (zoals /kaarten/…) kunnen op de site komen."


def reserved_id_problem(loaded: LoadedFile, kind: str, ident: Any, path: tuple) -> Problem | None:
    """An id (or old card id) that the site already uses for a page or folder of its own."""
    if ident not in GERESERVEERDE_IDS:
        return None
    folder, page = RECORD_FOLDERS.get(kind), GERESERVEERDE_IDS[ident]
    if page and page == f"/{folder}/{ident}/":
        where = f"{page} is al een pagina van de site"
    elif page:
        where = f"de site gebruikt '{ident}' zelf, voor {page}"
    elif folder:
        where = f"/{folder}/{ident}/ is hetzelfde adres als het overzicht /{folder}/"
    else:
        where = "de site gebruikt dit woord zelf voor haar overzichtspagina's"
    return loaded.problem(path, f"het id '{ident}' is gereserveerd: {where}. Kies een ander id, bijvoorbeeld '{ident}-{kind}'.")


def suggestion(word: str, options: Iterable[str]) -> str:
    """' Bedoelde je …?' for the closest id, or ''."""
    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.5)
    return f" Bedoelde je '{match[0]}'?" if match else ""


class References:
    """Collects ids per kind and the places that refer to them, then reports the dangling ones."""

    KIND_WORDS = {
        "kaart": ("de kaart", "data/kaarten/"),
        "sessie": ("de sessie", "data/sessies/"),
        "thema": ("het thema", "data/themas/"),
        "aanpak": ("de aanpak", "data/aanpakken/"),
        "document": ("het brondocument", "data/documenten/"),
        "aanbeveling": ("de aanbeveling", "data/aanbevelingen/"),
        "bron": ("de bron", "data/bronnen/"),
        "woordenschat": ("de woordenschat", "data/model.yaml"),
    }

    def __init__(self) -> None:
        self.defined: dict[str, dict[str, tuple[LoadedFile, tuple]]] = defaultdict(dict)
        self.uses: list[tuple[str, str, LoadedFile, tuple]] = []
        self.problems: list[Problem] = []

    def define(self, kind: str, ident: Any, loaded: LoadedFile, path: tuple) -> None:
        if not isinstance(ident, str):
            return
        reserved = reserved_id_problem(loaded, kind, ident, path)
        if reserved:
            self.problems.append(reserved)
        first = self.defined[kind].get(ident)
        if first:
            other, other_path = first
            if Path(loaded.name).stem == ident != Path(other.name).stem and path == ("id",):
                # A copied file that kept its id: blame the copy, not the file the id belongs to.
                self.defined[kind][ident] = (loaded, path)
                loaded, path, other, other_path = other, other_path, loaded, path
            line, _ = other.position(other_path)
            self.problems.append(loaded.problem(
                path, f"het id '{ident}' is al in gebruik ({other.name}:{line}). "
                      "Ids moeten uniek zijn: kies een ander id."))
            return
        self.defined[kind][ident] = (loaded, path)

    def use(self, kind: str, ident: Any, loaded: LoadedFile, path: tuple) -> None:
        if isinstance(ident, str) and not is_placeholder(ident):
            self.uses.append((kind, ident, loaded, path))

    def check(self) -> list[Problem]:
        reported: dict[str, int] = defaultdict(int)
        for kind, ident, loaded, path in self.uses:
            if ident not in self.defined[kind] and reported[loaded.name] <= MAX_PER_FILE:  # see problems.capped
                reported[loaded.name] += 1
                word, where = self.KIND_WORDS[kind]
                self.problems.append(loaded.problem(
                    path, f"{word} '{ident}' bestaat niet (niet gevonden in {where})."
                          + (suggestion(ident, self.defined[kind])
                             or " Controleer het id, of voeg het eerst toe.")))
        return self.problems
