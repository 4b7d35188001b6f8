"""Sharing a card: its permanent address, a citation to paste, and its QR code file.

Plain functions over records and the public site address (`site_url`, from mkdocs.yml), so
pages, printed decks and tests compute the same address in the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .qr import qr_svg
from .records import Datum, Editie, Kaart, Site

QR_BESTAND = "qr-code.svg"  # next to each card page: /kaarten/<id>/qr-code.svg


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build writes as is (not a page): where it goes, and its text."""

    path: str  # site-relative, e.g. "kaarten/blijf-gesprek/qr-code.svg"
    content: str


def absolute_url(site_url: str, url: str) -> str:
    """The public address of a site-relative url ('kaarten/x/'); '' if the site has no address."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def qr_path(kaart: Kaart) -> str:
    return kaart.url + QR_BESTAND


def editie_tekst(editie: Editie) -> str:
    """'3 maart 2025' for the edition date; the date as given if it is not a plain date."""
    try:
        return Datum.parse(editie.datum).kort
    except (TypeError, ValueError):
        return editie.datum


def citation(kaart: Kaart, site: Site, site_url: str, site_naam: str) -> str:
    """A citation a trainer pastes into a slide or report: title, set, site, edition, address."""
    address = absolute_url(site_url, kaart.url) or "/" + kaart.url
    published = f"{site_naam}, editie" if site_naam else "Editie"
    return (
        f"“{kaart.titel}”. Kaart {kaart.nummer} uit de kaartenset Nieuwe Goede Gewoontes. "
        f"{published} {editie_tekst(site.editie)}. {address}"
    )


def qr_files(site: Site, site_url: str) -> list[GeneratedFile]:
    """One SVG QR code per card, encoding its permanent address (none without a site address)."""
    if not site_url:
        return []
    return [
        GeneratedFile(qr_path(k), qr_svg(absolute_url(site_url, k.url), title=f"QR-code: {absolute_url(site_url, k.url)}"))
        for k in site.kaarten
    ]
