"""Files the build writes into the site as they are, not as pages: downloads, fonts, redirects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteFile:
    """Where in the site a file goes, and its bytes."""

    path: str  # site-relative, e.g. "downloads/kaarten.csv" or "kaarten/<old-id>/index.html"
    content: bytes
