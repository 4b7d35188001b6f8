"""The scripts written into pages instead of fetched.

Every other script is a file that comes after the first paint (na-laden.js fetches them). Two
cannot wait for that: na-laden.js itself, written into every page by main.html, and
presentation mode's first card (presenteren-begin.js, written into that page by its
template), which must stand on the podium in the first paint. They are minified and printed
inside the page; their source files stay in overrides/assets/javascripts/ and are not
published.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rjsmin
from markupsafe import Markup

from .paths import JAVASCRIPTS as SOURCE_DIR
SITE_PATH = "assets/javascripts"
# Written into every page (main.html): the script that fetches the others after the first paint.
INLINE = ("na-laden.js",)
# Written into one page by its template (`ingebouwd_script(name)`): presentation mode's first card.
IN_ONE_PAGE = ("presenteren-begin.js",)


class ScriptError(ValueError):
    """A script that cannot be written into a page as it is (Dutch message: file and fix)."""


def inline_scripts(source_dir: Path = SOURCE_DIR) -> dict[str, Markup]:
    """File name -> its minified text, safe inside <script> ... </script>."""
    return {name: _minified(source_dir, name) for name in INLINE}


@cache
def page_script(name: str) -> Markup:
    """One of IN_ONE_PAGE, minified, for the template of the page it belongs to."""
    if name not in IN_ONE_PAGE:
        raise ScriptError(f"{name}: geen script om in een pagina te schrijven; kies uit {', '.join(IN_ONE_PAGE)}.")
    return _minified(SOURCE_DIR, name)


def unpublished() -> tuple[str, ...]:
    """The scripts that are only ever written into pages: their files stay out of the site."""
    return INLINE + IN_ONE_PAGE


def _minified(source_dir: Path, name: str) -> Markup:
    text = rjsmin.jsmin((source_dir / name).read_text(encoding="utf-8"))
    if "</script" in text.lower() or "<!--" in text:
        raise ScriptError(
            f"overrides/assets/javascripts/{name}: dit script komt in de pagina zelf en mag daarom geen "
            "'</script' of '<!--' bevatten. Schrijf bijvoorbeeld '<\\/script'.")
    return Markup(text)
