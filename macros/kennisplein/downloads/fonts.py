"""The open fonts of the cards, on screen and on paper, and the only files WeasyPrint may read.

Atkinson Hyperlegible (SIL Open Font License) was drawn by the Braille Institute for readers
with low vision; it has every Dutch letter and curly quote. Its zero has a slash, and at the
size of a card's number "Kaart 30" reads like "Kaart 39": the figures come from Lexend (SIL
Open Font License, drawn for reading ease), whose zero is a plain oval. Only its ten figures
are taken, at the two weights the cards use, as the fonts "Kennisplein Cijfers" (the CSS
gives them the range U+0030-0039, so every other character stays Atkinson's).

Both come from PyPI as packages (pyproject.toml), so a fresh machine gets the very same
fonts, and the PDFs stay byte-identical wherever they are built.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson
import fontpkg_lexend as lexend

from .. import caching

FAMILY = "Atkinson Hyperlegible"
FIGURES = "0123456789"
# Spaces too: text shaping keeps a space between two figures ("63 × 88", "2 3") in the
# figures' font, and without a space glyph there a PDF gets an invisible .notdef instead.
SPACES = " \u00a0\u202f"

# Site path (as the CSS names it) -> the font file. The build copies these into the site;
# WeasyPrint reads them straight from the package.
FONT_FILES: dict[str, Path] = {
    "assets/fonts/atkinson-hyperlegible-regular.ttf": atkinson.ROOT / "files" / "AtkinsonHyperlegible-Regular.ttf",
    "assets/fonts/atkinson-hyperlegible-bold.ttf": atkinson.ROOT / "files" / "AtkinsonHyperlegible-Bold.ttf",
}
# Site path -> the weight of Lexend's figures in it (made from the variable font, see figures()).
# Lexend is heavier than Atkinson at the same weight: 320 and 620 match its strokes by eye.
FIGURE_FILES: dict[str, int] = {
    "assets/fonts/kennisplein-cijfers-regular.ttf": 320,
    "assets/fonts/kennisplein-cijfers-bold.ttf": 620,
}
LEXEND = lexend.ROOT / "files" / "Lexend[wght].ttf"


@cache
def font_files(cache_dir: Path | None = None) -> dict[str, bytes]:
    """Every font the site and the print documents use: site path -> the file's bytes. The
    figures are kept in `cache_dir` (made once per machine, see figures())."""
    files = {path: source.read_bytes() for path, source in FONT_FILES.items()}
    files |= {path: figures(weight, cache_dir) for path, weight in FIGURE_FILES.items()}
    return files


@cache
def sources_digest() -> str:
    """Changes when a font the site uses changes, or how its figures are made: the key of the
    kept figures and part of the PDF cache key. Read from the package files, so a build that
    finds its PDFs kept makes no font at all."""
    import fontTools

    digest = hashlib.sha256()
    for source in (*FONT_FILES.values(), LEXEND):
        digest.update(source.read_bytes() + b"\0")
    digest.update(repr((sorted(FIGURE_FILES.items()), FIGURES, SPACES, fontTools.version)).encode())
    return digest.hexdigest()


@cache
def figures(weight: int, cache_dir: Path | None = None) -> bytes:
    """Lexend's ten figures at one weight, as a small static font (5 KB): made by fontTools in
    0.1 to 0.3 s, so kept, sealed (caching.py), in `cache_dir` when there is one."""
    key = f"{sources_digest()}-{weight}"
    kept = cache_dir / f"cijfers-{weight}-{sources_digest()[:20]}.ttf" if cache_dir else None
    if kept is not None and (data := caching.read(kept, "lettertype", key)) is not None:
        return data
    data = _make_figures(weight)
    if kept is not None:
        caching.write(kept, "lettertype", key, data)
    return data


def _make_figures(weight: int) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    # Same input, same bytes: no timestamp of today in the font's header.
    font = TTFont(LEXEND, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]  # the copyright and licence stay in the font
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=FIGURES + SPACES)
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": weight})
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


def web_fonts(cache_dir: Path | None = None) -> dict[str, bytes]:
    """Every font of font_files() also as WOFF2, for the screen: every glyph, compressed with
    Brotli and without hinting (Atkinson 15 KB instead of 54), which browsers fetch before the
    TTF named after it in the CSS. Site path '.woff2' -> bytes. Made from the TTF (0.3 to 0.6 s
    a font), kept sealed in `cache_dir` under the TTF's digest; WeasyPrint keeps reading the
    TTFs, hinting and all."""
    fonts = {}
    for path, content in font_files(cache_dir).items():
        key = hashlib.sha256(content + WEB_RECIPE.encode()).hexdigest()
        kept = cache_dir / f"{key[:20]}.woff2" if cache_dir else None
        data = caching.read(kept, "woff2", key) if kept is not None else None
        if data is None:
            data = _woff2(content)
            if kept is not None:
                caching.write(kept, "woff2", key, data)
        fonts[path.removesuffix(".ttf") + ".woff2"] = data
    return fonts


# Hinting is instructions for drawing letters on a coarse grid of pixels; phones and screens
# of today draw without them (and Chrome and Firefox ignore most of them), while they are a
# third of Atkinson's file: every byte before the first paint counts on a slow line
# (README, Eerste weergave). Part of the kept WOFF2's key, so a changed recipe makes them anew.
WEB_RECIPE = "woff2: elk teken, zonder hinting"


@cache
def _woff2(ttf: bytes) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(ttf), recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]  # every ligature, kerning pair and alternative stays
    options.name_IDs = ["*"]  # the copyright and licence stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap())
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


@cache
def covered_characters() -> frozenset[str]:
    """Every character the regular face has a glyph for (tests check card texts against it)."""
    from fontTools.ttLib import TTFont

    path = next(iter(FONT_FILES.values()))
    return frozenset(chr(code) for code in TTFont(path).getBestCmap())
