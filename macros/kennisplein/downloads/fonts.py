"""The open font of the printed cards, and the only files WeasyPrint may read.

Atkinson Hyperlegible (SIL Open Font License) was drawn by the Braille Institute for readers
with low vision; it has every Dutch letter and curly quote. It comes from PyPI as a package
(pyproject.toml), so a fresh machine gets the very same font file, and the PDFs stay
byte-identical wherever they are built.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

FAMILY = "Atkinson Hyperlegible"

# Site path (as the card CSS names it) -> the font file. The build copies these into the
# site for the print page in the browser; WeasyPrint reads them straight from the package.
FONT_FILES: dict[str, Path] = {
    "assets/fonts/atkinson-hyperlegible-regular.ttf": atkinson.ROOT / "files" / "AtkinsonHyperlegible-Regular.ttf",
    "assets/fonts/atkinson-hyperlegible-bold.ttf": atkinson.ROOT / "files" / "AtkinsonHyperlegible-Bold.ttf",
}


@cache
def fonts_digest() -> str:
    """Changes when a font file changes: part of the PDF cache key."""
    digest = hashlib.sha256()
    for name, path in sorted(FONT_FILES.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def covered_characters() -> frozenset[str]:
    """Every character the regular face has a glyph for (tests check card texts against it)."""
    from fontTools.ttLib import TTFont

    path = next(iter(FONT_FILES.values()))
    return frozenset(chr(code) for code in TTFont(path).getBestCmap())
