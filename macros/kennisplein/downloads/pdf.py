"""HTML -> PDF with WeasyPrint: local files only, the open font embedded, same input same bytes.

WeasyPrint may read the card stylesheet and the font files, nothing else: any other URL
(a web font, an image on another site) stops the build instead of being fetched.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.formatting_structure.boxes import InlineBox, LineBox
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .fonts import font_files
from ..paths import OVERRIDES
from .styles import CARD_CSS

# The PDF's file identifier is normally random; a fixed one keeps rebuilds byte-identical.
_IDENTIFIER = b"kennisplein-goed-werk"


class LocalOnly(URLFetcher):
    """Serves the font files by their site path; refuses every other URL."""

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path))
            try:
                site_path = path.relative_to(OVERRIDES).as_posix()
            except ValueError:
                site_path = None
            if site_path in font_files():
                return URLFetcherResponse(url, font_files()[site_path], {"Content-Type": "font/ttf"})
        raise FatalURLFetchingError(f"WeasyPrint mag {url} niet ophalen: een download gebruikt alleen eigen bestanden.")


@cache
def _stylesheets() -> tuple[weasyprint.CSS, FontConfiguration]:
    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(CARD_CSS), url_fetcher=LocalOnly(), font_config=fonts)
    return (css,), fonts


def layout(html: str, *, tagged: bool = False) -> weasyprint.Document:
    """Lay out one print document; its <title>, lang and dcterms dates become PDF metadata."""
    stylesheets, fonts = _stylesheets()
    document = weasyprint.HTML(string=html, base_url=str(CARD_CSS), url_fetcher=LocalOnly())
    return document.render(font_config=fonts, stylesheets=list(stylesheets), pdf_tags=tagged)


def write(document: weasyprint.Document, *, tagged: bool = False) -> bytes:
    return document.write_pdf(pdf_identifier=_IDENTIFIER, pdf_tags=tagged, uncompressed_pdf=False)


def render_pdf(html: str, *, tagged: bool = False) -> bytes:
    return write(layout(html, tagged=tagged), tagged=tagged)


_FLOW = {"kp-kaartzijde__inhoud", "kp-kaartzijde__adres", "kp-kaartzijde__bron"}
_FOOTER = {"kp-kaartzijde__voet", "kp-kaartzijde__editie"}


def _walk(box, side: tuple[str, str] | None, found: dict) -> None:
    element = getattr(box, "element", None)
    if element is not None and not isinstance(box, (LineBox, InlineBox)):
        classes = set((element.get("class") or "").split())
        if "kp-kaartzijde" in classes:
            side = (element.get("data-kaart"), "voor" if "kp-kaartzijde--voor" in classes else "achter")
            found.setdefault(side, {"text_bottom": 0.0, "footer_top": float("inf"), "footer": False})
            found[side]["footer_top"] = min(found[side]["footer_top"], box.position_y + box.margin_height())
        elif side and classes & _FLOW:
            found[side]["text_bottom"] = max(found[side]["text_bottom"], box.position_y + box.margin_height())
        elif side and classes & _FOOTER:
            found[side]["footer_top"] = min(found[side]["footer_top"], box.position_y)
            found[side]["footer"] = True
    for child in getattr(box, "children", ()):
        _walk(child, side, found)


def overflowing_cards(document: weasyprint.Document) -> list[tuple[str, str]]:
    """(card id, "voor" or "achter") for each card side whose text runs into its footer."""
    result = []
    for page in document.pages:
        found: dict = {}
        _walk(page._page_box, None, found)
        # A text far too long can even push the footer off the card (and off the page).
        result += [side for side, y in found.items() if y["text_bottom"] > y["footer_top"] + 0.01 or not y["footer"]]
    return result
