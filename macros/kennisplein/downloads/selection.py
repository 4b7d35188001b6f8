"""The print page for an own selection, /kaarten/printen/: every card rendered at build time as
printed faces, so the browser can lay out any selection without a server.

The selection is in the address: `?kaarten=id1,id2` (the cards ticked in the card browser,
in that order) or the card browser's filter (`?thema=…&voor=…&e=…&sessie=…&q=…`).
kennisplein-printen.js reads it, fills A4 sheets and prints them with the same stylesheet
as the PDF decks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sharing import qr_data_url
from ..records import Site
from .faces import CARDS_PER_SHEET, Kaartzijde, TEXT_SIZES, card_face

PAGE_URL = "kaarten/printen/"


@dataclass(frozen=True)
class PrintCard:
    zijde: Kaartzijde
    qr: str | None  # the card's QR code as a data: URL, if the site has an address


@dataclass(frozen=True)
class PrintenPagina:
    kaarten: tuple[PrintCard, ...]  # every card, in the order of the set
    tekstmaten: tuple[str, ...]  # the text sizes, largest first, for the script's fitting
    kaarten_per_vel: int = CARDS_PER_SHEET  # how the script fills the A4 sheets, as the PDFs do


def printen_context(site: Site, site_url: str) -> PrintenPagina:
    # The QR code is a data: URL on an <img> inside the card's <template>: drawn only for the
    # chosen cards, and ~200 bytes a card once compressed (the codes share their patterns).
    return PrintenPagina(
        kaarten=tuple(
            PrintCard(card_face(k, site, site_url, with_qr=False), qr_data_url(k, site_url))
            for k in site.kaarten
        ),
        tekstmaten=TEXT_SIZES,
    )
