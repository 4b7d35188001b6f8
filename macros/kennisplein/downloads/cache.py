"""A folder of PDFs by the hash of everything that shapes them, so a build whose cards did not
change copies last build's PDF instead of laying it out again (a deck takes seconds).

The key is the hash of the document's HTML (card data and templates), the stylesheets, the
fonts, this package's code and the WeasyPrint version. Entries unused for 30 days go.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .fonts import fonts_digest
from .pdf import code_digest

MAX_AGE = 30 * 24 * 3600


@dataclass
class PdfCache:
    directory: Path | None  # None: no cache, always render
    render_missing: bool = True  # False: a PDF that is not in the cache is skipped (None)
    hits: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def key(self, html: str) -> str:
        digest = hashlib.sha256()
        for part in (code_digest(), fonts_digest(), html):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def get_or_make(self, name: str, html: str, make: Callable[[], tuple[bytes, list]]) -> tuple[bytes, list] | None:
        """The PDF for `html` and its notes (e.g. cards too long), from the cache or from `make`."""
        paths = None
        if self.directory is not None:
            key = self.key(html)
            paths = self.directory / f"{key}.pdf", self.directory / f"{key}.json"
            try:
                content, notes = paths[0].read_bytes(), json.loads(paths[1].read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            else:
                os.utime(paths[0])
                self.hits.append(name)
                return content, [tuple(n) for n in notes]
        if not self.render_missing:
            self.skipped.append(name)
            return None
        content, notes = make()
        self.rendered.append(name)
        if paths:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomic(paths[1], json.dumps(notes).encode())
            _write_atomic(paths[0], content)
        return content, notes

    def prune(self) -> None:
        if self.directory is None or not self.directory.is_dir():
            return
        cutoff = time.time() - MAX_AGE
        for path in self.directory.glob("*.pdf"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                path.with_suffix(".json").unlink(missing_ok=True)


def _write_atomic(path: Path, content: bytes) -> None:
    # Two builds at once (tests, `mkdocs serve`) must never read half a file.
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.replace(temp, path)
