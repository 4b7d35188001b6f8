"""Our tiny scripts, written into every page instead of fetched.

A request of its own costs a small script more than its bytes: on a slow connection it is one
more round trip before the page is complete (Lighthouse counts it against the largest paint).
These scripts are minified and printed inside the page by main.html; their source files stay
in overrides/assets/javascripts/ and are not published. Larger scripts stay files (deferred,
cached between pages).
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from markupsafe import Markup

from .paths import JAVASCRIPTS as SOURCE_DIR
SITE_PATH = "assets/javascripts"
INLINE = ("zoekindex-later.js", "toegankelijkheid.js")


class ScriptError(ValueError):
    """A script that cannot be written into a page as it is (Dutch message: file and fix)."""


def inline_scripts(source_dir: Path = SOURCE_DIR) -> dict[str, Markup]:
    """File name -> its minified text, safe inside <script> ... </script>."""
    scripts = {}
    for name in INLINE:
        text = rjsmin.jsmin((source_dir / name).read_text(encoding="utf-8"))
        if "</script" in text.lower() or "<!--" in text:
            raise ScriptError(
                f"overrides/assets/javascripts/{name}: dit script komt in de pagina zelf en mag daarom geen "
                "'</script' of '<!--' bevatten. Schrijf bijvoorbeeld '<\\/script'.")
        scripts[name] = Markup(text)
    return scripts
