"""Our own CSS as one stylesheet per page, made at build time from the source files.

A page that links five stylesheets waits for five requests before its first paint. The source
files stay separate in overrides/assets/stylesheets/ (each part has its own file, so edits
merge), and this module, the one list of them, joins them in order into one minified
stylesheet per kind of page. The sources themselves are not published.

Fonts: every @font-face in a bundle must say `font-display: swap` (text shows at once in a
fallback font, and changes when the font arrives), and the upright faces it declares are
preloaded by the pages that link it, so the font is fetched with the stylesheet instead of
after it. Adding a font is adding an @font-face to a source file: nothing else to change.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import tinycss2

from .paths import STYLESHEETS as SOURCE_DIR
SITE_PATH = "assets/stylesheets"

# Every page links the bundle of its kind (pages.Page.soort), or else the first one.
# (The Mijn kaarten control is on every card and tile, and tiles are on many kinds of page.)
EVERY_PAGE = ("kennisplein.css", "kaarten.css", "toegankelijkheid.css", "kennisplein-mijn-kaarten.css")
BUNDLES: dict[str, tuple[str, ...]] = {
    "kennisplein": EVERY_PAGE,
    # Their print rules (@page, hiding the site around the sheets) must not reach other pages.
    "kennisplein-downloads": EVERY_PAGE + ("kennisplein-downloads.css",),
    "kennisplein-printen": EVERY_PAGE + ("kennisplein-downloads.css", "kennisplein-kaartvel.css"),
    # Presentation mode shows the printed card (the card sheet's stylesheet) on the site. The
    # sheet comes first: its @font-face rules (TTF, for WeasyPrint) give way to the site's
    # (WOFF2, half the size), which the browser then fetches, preloads and keeps offline.
    "kennisplein-presenteren": ("kennisplein-kaartvel.css",) + EVERY_PAGE + ("kennisplein-presenteren.css",),
    "kennisplein-draaiboek": EVERY_PAGE + ("kennisplein-draaiboek.css",),
}
BUNDLE_OF_KIND = {"downloads": "kennisplein-downloads", "printen": "kennisplein-printen",
                  "presenteren": "kennisplein-presenteren", "sessie-houden": "kennisplein-draaiboek"}

FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}


class StylesheetError(ValueError):
    """A source stylesheet breaks a rule of this module (Dutch message: file and fix)."""


@dataclass(frozen=True)
class Font:
    path: str  # site path of the font file, 'assets/fonts/x.ttf'
    type: str  # its MIME type, for the preload link


@dataclass(frozen=True)
class Bundle:
    name: str
    path: str  # site path, with a digest of the content: 'assets/stylesheets/kennisplein.1a2b3c4d.css'
    css: str
    preload: tuple[Font, ...]  # the upright faces of its @font-face rules


def source_files() -> list[str]:
    """Every source file some bundle joins (the build leaves them out of the site)."""
    return sorted({name for names in BUNDLES.values() for name in names})


def build_bundles(source_dir: Path = SOURCE_DIR) -> dict[str, Bundle]:
    """Every bundle, joined and minified, with the fonts its pages preload."""
    bundles = {}
    texts = {file: (source_dir / file).read_text(encoding="utf-8") for file in source_files()}
    # Parsed once per file, and only a file that may declare a face (an escape can spell
    # "@font-face" otherwise): tinycss2 takes 50 ms for them all.
    declared = {file: _font_faces(text, file) if "@font-face" in text.lower() or "\\" in text else {}
                for file, text in texts.items()}
    for name, files in BUNDLES.items():
        parts = []
        # A face declared twice (same family, weight, style and range): the later rule is the
        # one the browser uses, so its font is the one to preload.
        faces: dict[tuple[str, ...], Font] = {}
        for file in files:
            faces |= declared[file]
            parts.append(f"/* {file} */\n{texts[file]}")
        css = rcssmin.cssmin("\n".join(parts))
        digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
        fonts = tuple(dict.fromkeys(faces.values()))
        bundles[name] = Bundle(name, f"{SITE_PATH}/{name}.{digest}.css", css, fonts)
    return bundles


def bundle_for(kind: str | None) -> str:
    """The name of the bundle a page of this kind links."""
    return BUNDLE_OF_KIND.get(kind or "", next(iter(BUNDLES)))


def _font_faces(css: str, file: str) -> dict[tuple[str, ...], Font]:
    """The upright faces of the @font-face rules in `css`, each with the font of its first
    url(), by (family, weight, style, unicode-range); raises StylesheetError for a rule
    without `font-display: swap`."""
    fonts = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or rule.content is None:
            continue
        line = rule.source_line
        descriptors = {d.lower_name: d for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                       if d.type == "declaration"}
        display = descriptors.get("font-display")
        if display is None or tinycss2.serialize(display.value).strip().lower() != "swap":
            raise StylesheetError(
                f"overrides/assets/stylesheets/{file}:{line}: deze @font-face mist 'font-display: swap'. Zet die regel erbij, "
                "zodat de tekst meteen verschijnt (in een reservelettertype) en niet wacht op het lettertype.")
        style = descriptors.get("font-style")
        if style is not None and tinycss2.serialize(style.value).strip().lower() != "normal":
            continue  # italics are rarer at the top of a page: fetched when needed, not preloaded
        urls = [_url(token) for token in (descriptors["src"].value if "src" in descriptors else [])]
        urls = [url for url in urls if url]
        if not urls:
            continue
        path = posixpath.normpath(posixpath.join(SITE_PATH, urls[0]))
        key = tuple(tinycss2.serialize(descriptors[d].value).strip().lower() if d in descriptors else ""
                    for d in ("font-family", "font-weight", "font-style", "unicode-range"))
        fonts[key] = Font(path, FONT_TYPES.get(posixpath.splitext(path)[1].lower(), "font/ttf"))
    return fonts


def _url(token) -> str | None:
    """The address in url(x) or url("x"), which tinycss2 reads as two kinds of token."""
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name == "url":
        strings = [a.value for a in token.arguments if a.type == "string"]
        return strings[0] if strings else None
    return None
