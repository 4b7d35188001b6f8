"""The print-ready card decks (the full set, one per theme, one per session) and the overview.

`decks(site)` says which decks exist; `deck_html` and `overview_html` lay them out with the
templates in overrides/kennisplein/print/; `render_deck` makes a deck's PDF (fitting long
texts, and in two processes for a big deck), `pdf.render_pdf` the overview's. WeasyPrint is
imported only when a PDF is laid out: a build whose PDFs all come from the cache spares it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..records import Kaart, Site, Thema
from ..rendering import environment
from . import styles
from .faces import CARDS_PER_SHEET, TEXT_SIZES, Kaartzijde, card_face, edition_stamp, sheets


@dataclass(frozen=True)
class DeckSpec:
    """One deck: its file name, title, what it holds, and its cards in print order."""

    bestand: str  # file name under downloads/
    titel: str  # the PDF's title
    label: str  # its name in the list on the downloads page
    omschrijving: str  # one sentence: which cards
    kaarten: tuple[Kaart, ...]
    soort: str  # "alle", "thema" or "sessie"


@dataclass(frozen=True)
class Deck:
    """A deck laid out: what deck.html receives."""

    titel: str
    omschrijving: str
    aantal: int  # cards in the whole deck
    vellen: int  # sheets in the whole deck
    editie: str


@dataclass(frozen=True)
class OverviewTheme:
    thema: Thema
    zijden: tuple[Kaartzijde, ...]


@dataclass(frozen=True)
class Overview:
    """Every card in one list, grouped by theme: what overzicht.html receives."""

    titel: str
    aantal: int
    themas: tuple[OverviewTheme, ...]
    editie: str


OVERVIEW_FILE = "kaarten-overzicht.pdf"


def sheet_count(cards: int) -> int:
    return -(-cards // CARDS_PER_SHEET)


def page_count(cards: int) -> int:
    """Instructions and their blank back, then a front page and a back page per sheet."""
    return 2 + 2 * sheet_count(cards)


def decks(site: Site) -> tuple[DeckSpec, ...]:
    """Every deck the downloads offer: all cards, each theme, each session that has cards."""
    result = [DeckSpec("kaartenset-alle-kaarten.pdf", "Nieuwe goede gewoontes: alle kaarten", "Alle kaarten",
                       f"Alle {len(site.kaarten)} kaarten op het Kennisplein Goed Werk.", site.kaarten, "alle")]
    for thema in site.themas:
        cards = site.kaarten_met_thema(thema.id)
        if cards:
            result.append(DeckSpec(f"kaartenset-thema-{thema.id}.pdf", f"Nieuwe goede gewoontes: {thema.naam}", f"Thema {thema.naam}",
                                   f"De kaarten van het thema {thema.naam}.", cards, "thema"))
    for sessie in site.sessies:
        cards = site.kaarten_uit_sessie(sessie.id)
        if cards:
            when = f", {sessie.datum.kort}" if sessie.datum else ""
            result.append(DeckSpec(f"kaartenset-sessie-{sessie.id}.pdf", f"Nieuwe goede gewoontes: {sessie.titel}{when}", f"{sessie.titel}{when}",
                                   f"De kaarten uit de sessie ‘{sessie.titel}’{when}.", cards, "sessie"))
    return tuple(result)


def _render(template: str, site: Site, **context) -> str:
    colours = styles.theme_colours()
    kleuren = {t.id: colours[t.id] for t in site.themas if t.id in colours}  # else the site's green
    return environment().get_template(template).render(editie=site.editie, kleuren=kleuren, **context)


def deck_html(spec: DeckSpec, site: Site, site_url: str, smaller: Mapping[str, int] | None = None) -> str:
    """The deck as HTML; `smaller` steps the text of some cards down by that many sizes."""
    smaller = smaller or {}
    faces = tuple(card_face(k, site, site_url, smaller=smaller.get(k.id, 0)) for k in spec.kaarten)
    deck = Deck(spec.titel, spec.omschrijving, len(spec.kaarten), sheet_count(len(spec.kaarten)), edition_stamp(site))
    return _render("print/deck.html", site, deck=deck, vellen=sheets(faces))


@dataclass(frozen=True)
class RenderedDeck:
    pdf: bytes
    too_long: tuple[tuple[str, str], ...]  # (card id, side) whose text still runs over


def render_deck(spec: DeckSpec, site: Site, site_url: str) -> RenderedDeck:
    """The deck as PDF. A card whose text runs into its footer is laid out again a size smaller."""
    from . import pdf

    smaller: dict[str, int] = {}
    html = deck_html(spec, site, site_url)
    while True:
        document = pdf.layout(html)
        over = pdf.overflowing_cards(document)
        fixable = [card for card, side in over if side == "voor" and smaller.get(card, 0) < len(TEXT_SIZES) - 1]
        if not fixable:
            return RenderedDeck(pdf.write(document), tuple(over))
        for card in fixable:
            smaller[card] = smaller.get(card, 0) + 1
        html = deck_html(spec, site, site_url, smaller)


def overview_html(site: Site, site_url: str) -> str:
    themes = tuple(
        OverviewTheme(t, tuple(card_face(k, site, site_url, with_qr=False) for k in site.kaarten_met_thema(t.id)))
        for t in site.themas if site.kaarten_met_thema(t.id)
    )
    overview = Overview("Nieuwe goede gewoontes: overzicht van alle kaarten", len(site.kaarten), themes, edition_stamp(site))
    return _render("print/overzicht.html", site, overzicht=overview)
