"""What a printed card shows on its front and back, and how cards fill A4 sheets.

The PDF decks and the print page in the browser both lay out `Kaartzijde`s with the same
templates (overrides/kennisplein/print/_kaart.html) and the same stylesheet
(overrides/assets/stylesheets/kennisplein-kaartvel.css).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sharing import absolute_url, editie_tekst
from ..records import Kaart, Site, Thema
from ..vocabularies import ROLLEN

CARDS_PER_SHEET = 9  # 3 × 3 cards of 63 × 88 mm on A4: the geometry is in the stylesheet

# Type sizes of the card text (see the stylesheet), largest first, and for each the most
# characters of title and text together that it is tried for first (measured on the set:
# every card fits its first try). A text that still runs over steps down a size: decks.py
# checks the laid-out PDF, the print page does the same in the browser.
TEXT_SIZES = ("kort", "middel", "lang", "kleinst")
_FIRST_TRY = (165, 280, 360)


@dataclass(frozen=True)
class Kaartzijde:
    """One card as printed: front (title, text, theme) and back (address, QR, source)."""

    kaart: Kaart
    thema: Thema
    adres: str  # the card's permanent public address
    adres_delen: tuple[str, ...]  # the address in the pieces a line may break between
    met_qr: bool  # draw the address as an inline QR code (the print page shows a data: URL image instead)
    rollen: tuple[str, ...]  # who acts, in words
    herkomst: tuple[str, ...]  # where the habit comes from, one line each
    tekstmaat: str  # one of TEXT_SIZES: the type size of the card text
    editie: str  # "Editie 3 maart 2025 · versie 1a2b3c4d5e"


@dataclass(frozen=True)
class Sheet:
    """Up to 9 cards on one A4 sheet: the front page, and the back page behind it."""

    zijden: tuple[Kaartzijde, ...]


def edition_stamp(site: Site) -> str:
    return f"Editie {editie_tekst(site.editie)} · versie {site.editie.versie}"


def _herkomst(kaart: Kaart, site: Site) -> tuple[str, ...]:
    lines = []
    for ident in kaart.sessies:
        sessie = site.sessie(ident)
        lines.append(sessie.titel + (f", {sessie.datum.kort}" if sessie.datum else ""))
    for document in dict.fromkeys(v.herkomst.document for v in kaart.vindplaatsen):
        doc = site.document(document)
        lines.append(f"Bron: {doc.titel}, {doc.datum[:1].lower()}{doc.datum[1:]}")
    return tuple(lines)


def _size(kaart: Kaart, smaller: int) -> str:
    length = len(kaart.titel) + len(kaart.tekst)
    first = next((i for i, limit in enumerate(_FIRST_TRY) if length <= limit), len(_FIRST_TRY))
    return TEXT_SIZES[min(first + smaller, len(TEXT_SIZES) - 1)]


def _address_parts(address: str) -> tuple[str, ...]:
    """The site's part and the card's own part ('blijf-gesprek/'): a line may break between
    them only, never at a hyphen inside an id (a reader would type the hyphen or not)."""
    head, _, tail = address.rstrip("/").rpartition("/")
    return (head + "/", tail + "/") if head else (address,)


def card_face(kaart: Kaart, site: Site, site_url: str, *, with_qr: bool = True, smaller: int = 0) -> Kaartzijde:
    address = absolute_url(site_url, kaart.url) or "/" + kaart.url
    return Kaartzijde(
        kaart=kaart,
        thema=site.thema(kaart.thema),
        adres=address,
        adres_delen=_address_parts(address),
        met_qr=with_qr and bool(site_url),
        rollen=tuple(ROLLEN[r] for r in kaart.voor),
        herkomst=_herkomst(kaart, site),
        tekstmaat=_size(kaart, smaller),
        editie=edition_stamp(site),
    )


def sheets(faces: tuple[Kaartzijde, ...]) -> tuple[Sheet, ...]:
    """The cards in order, 9 to a sheet; the stylesheet mirrors the backs."""
    return tuple(Sheet(faces[i:i + CARDS_PER_SHEET]) for i in range(0, len(faces), CARDS_PER_SHEET))
