"""The scripts written into pages instead of fetched.

Every other script is a file that comes after the first paint (na-laden.js fetches them). A
few cannot wait for that: na-laden.js itself, written into every page by main.html; and
presentation mode's first card (presenteren-begin.js), which must stand on the podium before
them with its text fitted (kaartmaat.js, also on the print page), written in by those pages'
templates. They are minified and printed inside the page; their source files
stay in overrides/assets/javascripts/ and are not published.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from markupsafe import Markup

from .paths import JAVASCRIPTS as SOURCE_DIR
SITE_PATH = "assets/javascripts"
# Written into every page (main.html): the script that fetches the others after the first paint.
INLINE = ("na-laden.js",)
# Written into the pages that need them by their templates (`ingebouwd_script(name)`): a
# printed card's text size (print page, presentation mode), presentation mode's first card.
IN_ONE_PAGE = ("kaartmaat.js", "presenteren-begin.js")


class ScriptError(ValueError):
    """A script that cannot be written into a page as it is (Dutch message: file and fix)."""


def inline_scripts(source_dir: Path = SOURCE_DIR) -> dict[str, Markup]:
    """File name -> its minified text, safe inside <script> ... </script>; the scripts of
    IN_ONE_PAGE are checked too (read again by page_script when their page is made, so
    `mkdocs serve` shows an edit)."""
    for name in IN_ONE_PAGE:
        _minified(source_dir, name)
    return {name: _minified(source_dir, name) for name in INLINE}


def page_script(name: str) -> Markup:
    """One of IN_ONE_PAGE, minified, for the templates of the pages that need it."""
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
