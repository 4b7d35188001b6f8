"""The print page for an own selection, /kaarten/printen/: every card rendered at build time as
printed faces, so the browser can lay out any selection without a server.

The selection is in the address: `?kaarten=id1,id2` (the cards ticked in the card browser,
in that order) or the card browser's filter (`?thema=…&voor=…&e=…&sessie=…&q=…`).
kennisplein-printen.js reads it, fills A4 sheets and prints them with the same stylesheet
as the PDF decks.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..delen import qr_path
from ..records import Site
from .faces import TEXT_SIZES, CardFace, card_face

PAGE_URL = "kaarten/printen/"


@dataclass(frozen=True)
class PrintCard:
    face: CardFace
    qr_bestand: str | None  # site-relative QR code file of the card, if the site has an address


@dataclass(frozen=True)
class PrintenPagina:
    kaarten: tuple[PrintCard, ...]  # every card, in the order of the set
    tekstmaten: tuple[str, ...]  # the text sizes, largest first, for the script's fitting


def printen_context(site: Site, site_url: str) -> PrintenPagina:
    # The QR code comes as the card's own SVG file (delen.qr_files), loaded only for the
    # chosen cards, instead of 34 inline drawings in the page.
    return PrintenPagina(
        kaarten=tuple(
            PrintCard(card_face(k, site, site_url, with_qr=False), qr_path(k) if site_url else None)
            for k in site.kaarten
        ),
        tekstmaten=TEXT_SIZES,
    )
