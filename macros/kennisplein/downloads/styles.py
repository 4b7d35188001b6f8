"""Where the print stylesheets live, and the theme colours the printed cards share with the site.

Free of WeasyPrint, so a build whose PDFs all come from the cache never imports it (0.6 s).
"""

from __future__ import annotations

import re
from functools import cache

from ..paths import STYLESHEETS

CARD_CSS = STYLESHEETS / "kennisplein-kaartvel.css"
SITE_CSS = STYLESHEETS / "kennisplein.css"


@cache
def theme_colours() -> dict[str, str]:
    """Theme id -> colour, read from the site's palette (kennisplein.css), its one home."""
    return dict(re.findall(r"--kp-([a-z0-9-]+):\s*(#[0-9a-fA-F]{3,6})\s*;", SITE_CSS.read_text(encoding="utf-8")))
