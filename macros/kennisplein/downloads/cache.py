"""A folder of PDFs by the hash of everything that shapes them, so a build whose cards did not
change copies last build's PDF instead of laying it out again (a deck takes seconds).

The key is the hash of the document's name and inputs (the data version and the site's
address, see catalog.py), the print templates, the stylesheets, the fonts, this package's
code and the versions of the libraries that draw the PDF. Entries unused for 30 days go.
Each entry is sealed (caching.py): a PDF in the folder that this machine did not make, with
this key, is never published, whatever its name.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import caching
from .fonts import sources_digest
from ..paths import PACKAGE, PRINT_TEMPLATES
from .styles import CARD_CSS, SITE_CSS

MAX_AGE = 30 * 24 * 3600
# What draws a PDF: WeasyPrint and the libraries it lays out and writes with, and ours.
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2", "pyphen", "fonttools", "pillow",
             "segno", "jinja2", "markupsafe", "markdown")


@cache
def _library_versions() -> bytes:
    return " ".join(f"{name} {library_version(name)}" for name in LIBRARIES).encode()


def library_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # e.g. a library an older WeasyPrint did not use
        return "-"


def code_digest() -> str:
    """Changes when the stylesheets, print templates, our code or a drawing library change.
    Read anew every build (a few dozen small files): `mkdocs serve` must see an edited template."""
    digest = hashlib.sha256(_library_versions())
    for path in sorted([*PACKAGE.rglob("*.py"), *PRINT_TEMPLATES.glob("*.html"), CARD_CSS, SITE_CSS]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass
class PdfCache:
    directory: Path | None  # None: no cache, always render
    render_missing: bool = True  # False: a PDF that is not in the cache is skipped (None)
    hits: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    code: str = field(default_factory=code_digest)  # once per build

    def key(self, inputs: str) -> str:
        digest = hashlib.sha256()
        for part in (self.code, sources_digest(), inputs):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def get_or_make(self, name: str, inputs: str, make: Callable[[], tuple[bytes, list]]) -> tuple[bytes, list] | None:
        """The PDF `name` and its notes (e.g. cards too long): from the cache, or from `make`.
        `inputs` must change whenever anything the PDF shows changes."""
        paths = None
        if self.directory is not None:
            key = self.key(name + "\0" + inputs)
            paths = self.directory / f"{key}.pdf", self.directory / f"{key}.json"
            content = caching.read(paths[0], "pdf", key)
            notes_bytes = caching.read(paths[1], "pdf-notities", key)
            try:
                notes = json.loads(notes_bytes) if notes_bytes is not None else None
            except ValueError:
                notes = None
            if content is not None and isinstance(notes, list):
                with contextlib.suppress(OSError):
                    os.utime(paths[0])
                self.hits.append(name)
                return content, [tuple(n) for n in notes]
        if not self.render_missing:
            self.skipped.append(name)
            return None
        content, notes = make()
        self.rendered.append(name)
        if paths:
            caching.write(paths[1], "pdf-notities", key, json.dumps(notes).encode())
            caching.write(paths[0], "pdf", key, content)
        return content, notes

    def prune(self) -> None:
        if self.directory is None or not self.directory.is_dir():
            return
        cutoff = time.time() - MAX_AGE
        for path in self.directory.glob("*.pdf"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                path.with_suffix(".json").unlink(missing_ok=True)
