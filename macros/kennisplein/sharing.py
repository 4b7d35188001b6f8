"""Sharing a card: its permanent address, a citation to paste, and its QR code.

Plain functions over records and the public site address (`site_url`, from mkdocs.yml), so
pages, printed decks and tests compute the same address in the same way.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

from .qr import qr_svg
from .records import Datum, Editie, Kaart, Site

_SAFE_IN_ATTRIBUTE = re.compile(r"[A-Za-z0-9/:=',.%_~-]*")


def absolute_url(site_url: str, url: str) -> str:
    """The public address of a site-relative url ('kaarten/x/'); '' if the site has no address."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def editie_tekst(editie: Editie) -> str:
    """'3 maart 2025' for the edition date; the date as given if it is not a plain date."""
    try:
        return Datum.parse(editie.datum).kort
    except (TypeError, ValueError):
        return editie.datum


SITE_NAME = "Kennisplein Goed Werk"  # when mkdocs.yml gives none


def citation(kaart: Kaart, site: Site, site_url: str, site_naam: str) -> str:
    """A citation a trainer pastes into a slide or report: title, the card's number on this
    site (the number on the printed card too), edition, address."""
    address = absolute_url(site_url, kaart.url) or "/" + kaart.url
    return (
        f"“{kaart.titel}”. Kaart {kaart.nummer} op het {site_naam or SITE_NAME}, "
        f"editie {editie_tekst(site.editie)}. {address}"
    )


def qr_data_url(kaart: Kaart, site_url: str) -> Markup | None:
    """The card's QR code (its permanent address) as an SVG `data:` URL, for an <img> and a
    download link in the page itself: no file per card, which would cost the build about as
    much as writing the card's page again. None without a site address."""
    if not site_url:
        return None
    svg = str(qr_svg(absolute_url(site_url, kaart.url))).strip().replace('"', "'")  # ' is shorter once encoded
    # segno's SVG needs only these five encoded (and str.replace is ten times quicker than
    # quote()); anything else it may hold one day goes through quote().
    encoded = svg.replace("%", "%25").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("#", "%23")
    if not _SAFE_IN_ATTRIBUTE.fullmatch(encoded):
        encoded = quote(svg, safe="/:=',.")
    # Only characters that are safe in a quoted attribute: no HTML escaping needed, which
    # would turn every ' into &#39;.
    return Markup("data:image/svg+xml," + encoded)
