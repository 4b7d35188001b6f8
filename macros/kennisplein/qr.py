"""QR codes for cards, as vector SVG made at build time (no image files, no web service)."""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from markupsafe import Markup


# Unbounded: every deck draws each card's code again, and an LRU bound smaller than the
# number of cards would miss on every call (a few KB per code).
@lru_cache(maxsize=None)
def qr_svg(url: str, title: str | None = None) -> Markup:
    """The QR code of `url` as SVG markup: inline in HTML, or as a standalone .svg file.

    It has a viewBox but no size, so CSS (or the <img> that shows it) sets its size; the
    quiet zone (4 modules) is part of the drawing, so a scanner finds it whatever surrounds
    it. Error correction M survives a crease or a coffee ring on a printed card. `title`
    (escaped by segno) becomes the SVG's <title>, its accessible name.
    """
    out = io.BytesIO()
    _symbol(url).save(
        out, kind="svg", xmldecl=False, svgns=True, omitsize=True, title=title,
        svgclass="kp-qr", lineclass=None,
    )
    return Markup(out.getvalue().decode("utf-8"))


@lru_cache(maxsize=None)  # small objects; an LRU bound would thrash on a long card list
def _symbol(url: str) -> segno.QRCode:
    # Choosing the best of the eight masks is most of the work of a QR code: do it once per
    # address, though the card page and the printed card each draw the code.
    return segno.make_qr(url, error="m")
