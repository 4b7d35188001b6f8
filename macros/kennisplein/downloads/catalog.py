"""`build_downloads(site, site_url, cache_dir)`: every downloadable file and what the downloads
page says about it. A plain function (no MkDocs); the plugin only hands the files to MkDocs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import my_cards
from ..records import Site
from ..site_files import SiteFile
from . import decks, guide, opendata
from .cache import PdfCache
from .fonts import font_files, web_fonts


@dataclass(frozen=True)
class Download:
    """One downloadable file, as the downloads page lists it."""

    bestand: str  # path under the site root, e.g. "downloads/kaarten.csv"
    titel: str
    omschrijving: str
    formaat: str
    grootte: int  # bytes
    groep: str = "Open data"  # the heading the downloads page lists it under

    @property
    def grootte_tekst(self) -> str:
        """'87,4 kB', '1,2 MB': the size as a Dutch reader writes it."""
        size, unit = (self.grootte / 1e6, "MB") if self.grootte >= 1e6 else (self.grootte / 1e3, "kB")
        return f"{size:.1f}".replace(".", ",") + f" {unit}"


PRINT_GROUP = "Kaartensets om te printen"
READ_GROUP = "Om te lezen"
DATA_GROUP = "Open data"


@dataclass(frozen=True)
class Downloads:
    files: tuple[SiteFile, ...]  # everything to write, downloads and the print page's fonts
    listed: tuple[Download, ...]  # what the downloads page lists, in its order
    problems: tuple[str, ...]  # Dutch warnings for editors (a card too long to print)
    rendered: tuple[str, ...]  # PDFs laid out in this build
    from_cache: tuple[str, ...]  # PDFs taken from the cache
    skipped: tuple[str, ...]  # PDFs left out: not in the cache, and not to be laid out now


def _plural(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def _deck_description(spec: decks.DeckSpec) -> str:
    cards = len(spec.kaarten)
    what = {"alle": "Alle", "thema": "De", "sessie": "De"}[spec.soort]
    which = {"alle": "op deze site", "thema": "van dit thema", "sessie": "uit deze sessie"}[spec.soort]
    return (
        f"{what} {_plural(cards, 'kaart', 'kaarten')} {which} op {_plural(decks.sheet_count(cards), 'vel', 'vellen')} A4 "
        f"({decks.page_count(cards)} pagina’s): voorkant met de gewoonte, achterkant met webadres, QR-code en bron. "
        "Met uitleg over printen en snijden."
    )


def _problems(name: str, too_long: list) -> list[str]:
    return [
        f"downloads/{name}: de tekst van kaart '{card}' past niet op de {'voorkant' if side == 'voor' else 'achterkant'}"
        " van een geprinte kaart, ook niet in de kleinste letter. Kies in data/kaarten/"
        f"{card}.yaml een kortere formulering uit de bron."
        for card, side in too_long
    ]


def _make_deck(spec: decks.DeckSpec, site: Site, site_url: str) -> tuple[bytes, list]:
    rendered = decks.render_deck(spec, site, site_url)
    return rendered.pdf, [list(item) for item in rendered.too_long]


def _make_overview(site: Site, site_url: str) -> tuple[bytes, list]:
    from . import pdf  # WeasyPrint only when a PDF is laid out

    return pdf.render_pdf(decks.overview_html(site, site_url), tagged=True), []


def build_downloads(site: Site, site_url: str, cache_dir: Path | None = None, *, render_pdfs: bool = True) -> Downloads:
    """Every download of the site, built from `site`; `site_url` makes the permanent addresses.

    With `render_pdfs` False (while `mkdocs serve` rebuilds after each save) only PDFs already
    in the cache are included: laying out every deck anew would slow each reload by seconds.
    """
    cache = PdfCache(Path(cache_dir) if cache_dir else None, render_missing=render_pdfs)
    files: list[SiteFile] = []
    listed: list[Download] = []
    problems: list[str] = []

    def add(name: str, content: bytes, titel: str, omschrijving: str, formaat: str, groep: str) -> None:
        path = f"downloads/{name}"
        files.append(SiteFile(path, content))
        listed.append(Download(path, titel, omschrijving, formaat, len(content), groep))

    # What a PDF shows follows from the data (its version changes with any data byte), the
    # site's address and the code: so that is the key, and a cached PDF costs no layout at all.
    data = f"{site_url}\0{site.editie.versie}\0{site.editie.datum}"
    for spec in decks.decks(site):
        made = cache.get_or_make(spec.bestand, data, functools.partial(_make_deck, spec, site, site_url))
        if made:
            problems += _problems(spec.bestand, made[1])
            add(spec.bestand, made[0], spec.label, _deck_description(spec), "PDF, A4", PRINT_GROUP)

    made = cache.get_or_make(decks.OVERVIEW_FILE, data, functools.partial(_make_overview, site, site_url))
    if made:
        add(decks.OVERVIEW_FILE, made[0], "Overzicht van alle kaarten",
            f"Alle {len(site.kaarten)} kaarten op deze site in één lijst, per thema, met hun kaartnummer, voor wie ze zijn, hun bron en hun webadres. "
            "Om te lezen of door te sturen, niet om te knippen.", "PDF, A4", READ_GROUP)

    if site.draaiboek:
        made = cache.get_or_make(guide.GUIDE_FILE, data, functools.partial(guide.render_guide, site, site_url))
        if made:
            add(guide.GUIDE_FILE, made[0], site.draaiboek.titel,
                "Het draaiboek voor een eigen Goed Werk-sessie op A4: het programma, wat je voorbereidt, en elk onderdeel "
                "met de beschrijving en de vragen uit de bronnen. Om mee te nemen of uit te delen.", "PDF, A4", READ_GROUP)

    name = lambda path: path.removeprefix("downloads/")  # noqa: E731
    add(name(opendata.CARDS_JSON), opendata.cards_json(site, site_url), "Kaarten (JSON)",
        "Alle kaarten met al hun velden: titel, tekst, thema, rollen, E’s, trefwoorden, sessies, "
        "de formuleringen in de bronnen en het vaste webadres.", "JSON", DATA_GROUP)
    add(name(opendata.CARDS_SCHEMA), opendata.cards_schema(site, site_url), "Schema van kaarten.json",
        "Welke velden kaarten.json heeft en wat ze betekenen, om het bestand te controleren.",
        "JSON Schema (Draft 2020-12)", DATA_GROUP)
    add(name(opendata.CARDS_CSV), opendata.cards_csv(site, site_url), "Kaarten (CSV)",
        "Alle kaarten als tabel, één rij per kaart. Opent direct in Excel: puntkomma’s tussen de velden, UTF-8.",
        "CSV", DATA_GROUP)
    add(name(opendata.SESSIONS_JSON), opendata.sessions_json(site, site_url), "Sessies (JSON)",
        "Alle sessieverslagen met hun rondes, citaten en punten, en de kaarten bij hun gewoontes.", "JSON", DATA_GROUP)
    add(name(opendata.SOURCES_JSON), opendata.sources_json(site, site_url), "Bronnen (JSON)",
        "De brondocumenten van deze site en alle publicaties, boeken, artikelen, video’s en podcasts die zij noemen.",
        "JSON", DATA_GROUP)

    add(name(my_cards.SCHEMA), my_cards.schema(site_url), "Schema van Mijn kaarten",
        "Welke velden het bestand heeft dat je op de pagina Mijn kaarten bewaart, om het te controleren of zelf te gebruiken.",
        "JSON Schema (Draft 2020-12)", DATA_GROUP)

    kept = Path(cache_dir) if cache_dir else None
    files += [SiteFile(path, content) for path, content in font_files(kept).items()]
    files += [SiteFile(path, content) for path, content in web_fonts(kept).items()]
    cache.prune()
    return Downloads(tuple(files), tuple(listed), tuple(problems), tuple(cache.rendered), tuple(cache.hits), tuple(cache.skipped))
