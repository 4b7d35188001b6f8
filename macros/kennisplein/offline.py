"""What the site keeps for use without a network: the list the service worker caches.

After a build, `manifest(site_dir, site)` reads the built pages that must work offline (the
card set with every card's page, presentation mode, Mijn kaarten and the session guide),
follows
every stylesheet, script, font and image they load, and writes `offline.json`:

    {"versie": "<data version>-<hash of every listed file>", "bytes": ..., "bestanden": [...]}

overrides/sw.js (the service worker, registered by kennisplein-offline.js) caches exactly
these files under that version, and replaces the whole cache when a new edition gives a new
version. The version hashes the files themselves, so any change of data or code that changes
what a visitor gets makes a new cache; an unchanged site keeps its cache.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from functools import lru_cache
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .records import Site

MANIFEST = "offline.json"
SERVICE_WORKER = "sw.js"
# Pages besides every card's own page; a page this build did not make is left out. Not kept,
# to stay within the budget (what they would add, at 35 cards): the print page (about 190 kB:
# it holds every card's printed faces, and needs a printer anyway), Trek een kaart (about
# 55 kB: presentation mode shuffles the set too), the home page, the PDFs.
PAGES = ("kaarten/", "kaarten/presenteren/", "kaarten/mijn/", "sessie-houden/")
BUDGET_BYTES = 2_000_000  # `make bench` holds the real site's cache to this


# The tags that make a browser fetch something by itself (not the links to follow), read with
# patterns rather than an HTML parser: the pages are the build's own output, and a parser took
# 12 s for 1,000 card pages. tests/test_offline.py checks the list against the pages' own tags.
_LOADING_TAG = re.compile(r"<(?:link|script|img)\s[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s(rel|href|src|data-src)="([^"]*)"', re.IGNORECASE)
_FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}


def _loads(html: str) -> list[str]:
    found = []
    for tag in _LOADING_TAG.findall(html):
        attributes = {name.lower(): value for name, value in _ATTRIBUTE.findall(tag)}
        if tag[1:5].lower() == "link":
            if _FETCHED_LINKS & set(attributes.get("rel", "").split()) and attributes.get("href"):
                found.append(html_unescape(attributes["href"]))
        elif src := attributes.get("src") or attributes.get("data-src"):  # na-laden.js fetches data-src
            found.append(html_unescape(src))
    return found


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.IGNORECASE)
_DESCRIPTOR = re.compile(r"(font-family|font-weight|font-style|unicode-range)\s*:\s*([^;]+)", re.IGNORECASE)


def _css_loads(css: str) -> list[str]:
    """What a stylesheet makes the browser fetch: its url()s, but of @font-face rules for the
    same face (family, weight, style, range) only the last, the one the browser uses (the
    card sheet declares the TTFs WeasyPrint reads; the site's WOFF2 rules come later), and of
    that rule its first source."""
    faces: dict[tuple, str] = {}
    for rule in _FONT_FACE.findall(css):
        key = tuple(sorted((name.lower(), value.strip().lower()) for name, value in _DESCRIPTOR.findall(rule)))
        urls = _CSS_URL.findall(rule)
        if urls:
            faces[key] = urls[0]
    return _CSS_URL.findall(_FONT_FACE.sub("", css)) + list(faces.values())


def _own(reference: str, base: str) -> str | None:
    """A reference as a path in the site ('assets/x.css'), or None if it is elsewhere or inline."""
    if reference.startswith("data:"):  # a QR code in the page: nothing to fetch (and not worth caching)
        return None
    return _resolved(reference, posixpath.dirname(base))


@lru_cache(maxsize=4096)  # a thousand card pages load the same few files from the same depth
def _resolved(reference: str, folder: str) -> str | None:
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    return None if path.startswith("..") else path.lstrip("/")


def _page_file(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def offline_contents(site_dir: Path, site: Site) -> dict[str, bytes]:
    """Every file to keep, as site paths (pages as their address, 'kaarten/'; others as
    files), with its bytes: each file is read once, for the links it holds and for the hash."""
    pages = [p for p in (*PAGES, *(k.url for k in site.kaarten)) if (site_dir / _page_file(p)).is_file()]
    contents = {p: (site_dir / _page_file(p)).read_bytes() for p in pages}
    queue = list(pages)
    seen = {_page_file(p) for p in pages}
    while queue:
        path = queue.pop()
        file = _page_file(path)
        text = contents[path].decode("utf-8")
        if file.endswith(".html"):
            # Not Material's search worker (named in its configuration, not in a tag): without
            # the search index, which is far too big to keep, it has nothing to search.
            references = _loads(text)
        else:
            references = _css_loads(text)
        for reference in references:
            found = _own(reference, file)
            if found is None or found in seen or not (site_dir / found).is_file():
                continue
            seen.add(found)
            contents[found] = (site_dir / found).read_bytes()
            if found.endswith(".css"):
                queue.append(found)
    return contents


def manifest(site_dir: Path, site: Site) -> bytes:
    """offline.json for the built site in `site_dir`."""
    contents = offline_contents(site_dir, site)
    files = sorted(contents)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode() + b"\0" + contents[path] + b"\0")
    value = {"versie": f"{site.editie.versie}-{digest.hexdigest()[:10]}",
             "bytes": sum(map(len, contents.values())), "bestanden": files}
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
