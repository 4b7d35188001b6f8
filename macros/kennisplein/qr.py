"""QR codes for cards, as vector SVG made at build time (no image files, no web service).

Drawing a code costs ~7 ms, most of it choosing the best of its eight masks: for 1,000 cards
more than the rest of the site's pages together. A card's address never changes, so codes
are kept between builds in one file (`kept_in`), as Material keeps its social cards. The
codes go into every card page as markup, so the file is sealed (caching.py): one this machine
did not write is not read, and every code is drawn anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from collections.abc import Iterator
from functools import cache
from importlib.metadata import version
from pathlib import Path

from markupsafe import Markup

from . import caching

CACHE_FILE = "qr-codes.json"

# url -> SVG text. Codes drawn in this process, and those read from the cache file.
_drawn: dict[str, str] = {}
# The codes asked for since `kept_in` began: what the file keeps.
_used: set[str] = set()


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as SVG markup: inline in a printed card, or as a standalone .svg
    (the card page's data: URL, sharing.qr_data_url).

    It has a viewBox but no size, so CSS (or the <img> that shows it) sets its size; the
    quiet zone (4 modules) is part of the drawing, so a scanner finds it whatever surrounds
    it. Error correction M survives a crease or a coffee ring on a printed card.
    """
    svg = _drawn.get(url)
    if svg is None:
        svg = _drawn[url] = _draw(url)
    _used.add(url)
    return Markup(svg)


def _draw(url: str) -> str:
    import segno  # only when a code is not in the cache

    out = io.BytesIO()
    segno.make_qr(url, error="m").save(
        out, kind="svg", xmldecl=False, svgns=True, omitsize=True, svgclass="kp-qr", lineclass=None,
    )
    return out.getvalue().decode("utf-8")


@cache
def _version() -> str:
    # New codes when segno or the way we draw them changes.
    return hashlib.sha256(version("segno").encode() + Path(__file__).read_bytes()).hexdigest()[:16]


@contextlib.contextmanager
def kept_in(directory: Path | None) -> Iterator[None]:
    """Reuse the codes a previous build kept in `directory`; afterwards keep the codes this
    build used (a removed card's drop out). Without a directory, nothing is kept."""
    if directory is None:
        yield
        return
    path = directory / CACHE_FILE
    try:
        stored = json.loads(caching.read(path, "qr-codes", _version()) or b"{}")
    except ValueError:
        stored = {}
    if isinstance(stored, dict) and stored.get("versie") == _version():
        with contextlib.suppress(TypeError, ValueError):  # a damaged file: codes are drawn anew
            for url, svg in stored.get("codes", []):
                _drawn.setdefault(str(url), str(svg))
    _used.clear()
    yield
    kept = {"versie": _version(), "codes": [[url, _drawn[url]] for url in sorted(_used)]}
    if kept != stored:
        caching.write(path, "qr-codes", _version(), json.dumps(kept, ensure_ascii=False).encode("utf-8"))
