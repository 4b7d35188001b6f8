"""The Jinja environment that lays out records, and the one gate for what editor text may put
on a page.

Everything an editor wrote is escaped before it reaches HTML: Jinja autoescapes, and the
Markdown filter escapes the text first and only then turns **vet**, *cursief*, links and
images into tags. What Markdown made then passes an allowlist sanitizer (nh3, in Rust) before
it is published: tags, attributes and URL schemes by name, and every link and image address
decided by `url_refusal`, as a browser would read it. The data check (checks.py) asks this same
code which addresses it refused (`editor_links`), so what is checked is what is published.
Links are made relative to the page, so the site works under any base path.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown.extensions.abbr import AbbrExtension
from markupsafe import Markup

from . import vocabularies
from .fragments import FragmentCache
from .paths import PAGE_TEMPLATES
from .qr import qr_svg
from .scripts import page_script


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at `from_url` to `to_url`, both site-relative ('kaarten/x/')."""
    return linker(from_url)(to_url)


def linker(from_url: str):
    """`relative_url` from one page: a page asks for twenty links or more, so its own place
    is split once."""
    # Plain string work, not posixpath.relpath (which asks the file system for the working
    # folder on every call): site URLs have no '.' or '..' parts.
    here = [part for part in from_url.split("/") if part]

    def link(to_url: str) -> str:
        if to_url.startswith(("https:", "mailto:", "#")):
            return to_url
        target, _, fragment = to_url.lstrip("/").partition("#")
        there = [part for part in target.split("/") if part]
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
        if target.endswith("/") or not target:
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{fragment}" if fragment else "")

    return link


# --- the gate ----------------------------------------------------------------------------

# What Markdown may make of editor text, and nothing else reaches a page: the subset of
# CONTRIBUTING.md ('Opmaak'), plus the code spans and line breaks Markdown also makes, and the
# abbreviations of vocabularies.AFKORTINGEN with their meaning.
ALLOWED_TAGS = frozenset({"p", "strong", "em", "code", "br", "a", "img", "abbr"})
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"}), "img": frozenset({"src", "alt", "title"}), "abbr": frozenset({"title"})}
ALLOWED_SCHEMES = frozenset({"https", "mailto"})
# Python-Markdown is slow on some input: from every '[' it reads the rest of the text a
# character at a time, looking for the end of a link (a few thousand '[' take seconds), and
# every other piece of markup, and every paragraph, costs it a pass over the text. So a text,
# and a file, hold at most this many; real data holds at most 3 '[' and 22 markup characters
# and line ends in a text, 15 and 93 in a file. With texts no longer than the schemas allow, the slowest file the check lets
# through converts in well under a second (`make bench` measures it).
MARKUP = frozenset("[]()*_`\\&<>!\n")
MAX_BRACKETS = 10
MAX_MARKUP = 100
MAX_BRACKETS_PER_FILE = 60
MAX_MARKUP_PER_FILE = 1000


def markup_count(text: str) -> tuple[int, int]:
    """How many '[' and how many markup characters and line ends (MARKUP) a text holds."""
    return text.count("["), sum(map(text.count, MARKUP))

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# Characters an address never holds as they are (RFC 3986): a quote or an angle bracket in one
# is a sign of markup, not of a web page.
_NEVER_IN_URLS = frozenset('"<>`{}|^')


def browser_view(url: str) -> str:
    """An address as a browser's URL parser reads it (WHATWG URL standard): without leading and
    trailing C0 controls and spaces, and without any tab or newline anywhere."""
    return url.strip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "")


def url_refusal(url: str, element: str = "a") -> str | None:
    """Why the address of a link (`a`) or an image (`img`) may not be published, as a reason
    code that checks.py words for editors; None if it may. Allowed: `https://host…`,
    `mailto:…`, a site path `/…` and an anchor `#…`; an image only as a site path."""
    target = browser_view(url)
    if not target or target == "#":
        return "leeg"
    if "\\" in target:
        return "backslash"  # a browser reads it as '/': '\\\\host' is another site
    if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in target):
        return "onzichtbaar"
    if not target.isascii():
        return "niet-ascii"  # look-alike letters (а for a) in a host name
    if any(char in _NEVER_IN_URLS for char in target):
        return "teken"
    scheme = _SCHEME.match(target)
    if element == "img":
        return "afbeelding-extern" if scheme or target.startswith("//") or not target.startswith("/") else None
    if scheme:
        name = scheme.group()[:-1].lower()
        if name == "https":
            rest = target[len("https:"):]
            return None if rest.startswith("//") and rest[2:3] not in ("", "/", "?", "#") else "https-onvolledig"
        if name == "mailto":
            return None if len(target) > len("mailto:") else "leeg"
        return "http" if name == "http" else "schema"
    if target.startswith("//"):
        return "ander-domein"  # protocol-relative: another host
    if target.startswith(("/", "#")):
        return None
    return "relatief"


def _allowed_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute not in ("href", "src"):
        return value
    if url_refusal(value, element) is not None:
        return None
    target = browser_view(value)
    return relative_url(_page.url, target) if target.startswith("/") else target


class _Page:
    url = ""  # the page being rendered, set before each text (calls never overlap)


_page = _Page()


@cache
def _sanitizer() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS), attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_allowed_attribute, url_schemes=set(ALLOWED_SCHEMES), link_rel="noopener",
        strip_comments=True, clean_content_tags=set(),
    )


@cache
def _markdown() -> markdown.Markdown:
    # One converter for every text (setting one up costs more than converting a paragraph).
    # Abbreviations the sources use get their meaning as <abbr title> (vocabularies.AFKORTINGEN).
    glossary = {name: a.betekenis for name, a in vocabularies.AFKORTINGEN.items()}
    md = markdown.Markdown(extensions=[AbbrExtension(glossary=glossary)], output_format="html")
    # Only paragraphs (and so no abbreviation definitions of the editors' own): a quoted '#Dekrachtzit…' or '#1 Investeren…' is text, not a heading or list.
    for name in [item.name for item in md.parser.blockprocessors._priority]:
        if name not in ("empty", "paragraph"):
            md.parser.blockprocessors.deregister(name)
    return md


@lru_cache(maxsize=8192)  # the check converts a text with a link, and its page again
def _converted(text: str) -> str:
    """Markdown's HTML of an editor text, before the gate."""
    brackets, markup = markup_count(text)
    if brackets > MAX_BRACKETS or markup > MAX_MARKUP:  # refused by the check; never converted
        return "<p>" + html.escape(text.strip(), quote=False) + "</p>"
    return _markdown().reset().convert(html.escape(text, quote=False))


def _sanitized(converted: str, page_url: str) -> str:
    _page.url = page_url
    return _sanitizer().clean(converted)


def markdown_to_html(text: str, page_url: str = "", *, inline: bool = False) -> Markup:
    """Editor Markdown (bold, italic, links, images) as safe HTML; any HTML in the text stays
    text. Every text takes this one path: Markdown, then the gate. One converter serves every
    call, so calls must not overlap (no threads)."""
    rendered = _sanitized(_converted(text), page_url)
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


@dataclass(frozen=True)
class EditorLink:
    """A link or image in an editor text, and whether the gate let its address through."""

    element: str  # "a" or "img"
    label: str  # the link's text or the image's alt text
    target: str  # the address as the editor wrote it (HTML entities read)
    refusal: str | None  # why the gate refused it (url_refusal's code), None if published


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[list] = []  # [element, attributes, text]
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "img"):
            item = [tag, dict(attrs), ""]
            self.found.append(item)
            self._open = item if tag == "a" else None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None


def _links(rendered: str) -> list[list]:
    parser = _Links()
    parser.feed(rendered)
    parser.close()
    return parser.found


def editor_links(text: str) -> list[EditorLink]:
    """Every link and image Markdown makes of `text`, each with the gate's verdict: read from
    what the gate published, so the check reports exactly what the site would drop."""
    converted = _converted(text)
    if "<a" not in converted and "<img" not in converted:
        return []
    made, published = _links(converted), _links(_sanitized(converted, ""))
    links = []
    for (element, attributes, label), (_, kept, _) in zip(made, published, strict=True):
        name = "href" if element == "a" else "src"
        target = attributes.get(name) or ""
        refusal = url_refusal(target, element)
        if refusal is None and name not in kept:
            refusal = "geweigerd"  # the sanitizer's own rules refused it
        links.append(EditorLink(element, attributes.get("alt", "") if element == "img" else label, target, refusal))
    return links


@dataclass(frozen=True)
class Tekstdeel:
    """A piece of a plain text: words as they stand, or an abbreviation with its meaning."""

    tekst: str
    betekenis: str | None = None


_ABBREVIATION = re.compile(
    r"\b(" + "|".join(re.escape(a) for a in sorted(vocabularies.AFKORTINGEN, key=len, reverse=True)) + r")\b"
)


def with_abbreviations(text: str) -> tuple[Tekstdeel, ...]:
    """A plain text (a quote, a card's text) in pieces, the abbreviations of
    vocabularies.AFKORTINGEN apart, for the `tekst` macro to wrap in <abbr>: the words
    themselves never change."""
    parts, last = [], 0
    for match in _ABBREVIATION.finditer(text):
        if match.start() > last:
            parts.append(Tekstdeel(text[last:match.start()]))
        parts.append(Tekstdeel(match.group(), vocabularies.AFKORTINGEN[match.group()].betekenis))
        last = match.end()
    if last < len(text):
        parts.append(Tekstdeel(text[last:]))
    return tuple(parts)


# Parts of a page the site search must not index are marked by the template macro
# `buiten_zoekindex` (_macros.html). Material's search parses every tag of a page, also of the
# parts it leaves out (data-search-exclude): cutting them out before it reads the page makes
# indexing a card page four times cheaper, and the page itself shows them without the marks.
_OUT_START, _OUT_END = "<!--kp:buiten-zoekindex-->", "<!--/kp:buiten-zoekindex-->"
_OUT_MARK = re.compile(f"({re.escape(_OUT_START)}|{re.escape(_OUT_END)})")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PAGE_TEMPLATES),
        extensions=[FragmentCache],  # `{% cached %}`: a card's tile is drawn once
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ROLLEN"] = vocabularies.ROLLEN
    env.globals["FILTERVELDEN"] = vocabularies.FILTERVELDEN
    env.globals["MIJN_KAARTEN_STATUSSEN"] = vocabularies.MIJN_KAARTEN_STATUSSEN
    env.globals["MIJN_KAARTEN_NOTITIE_MAX"] = vocabularies.MIJN_KAARTEN_NOTITIE_MAX
    env.globals["SESSIESOORTEN"] = vocabularies.SESSIESOORTEN
    env.globals["AANBEVELINGSOORTEN"] = vocabularies.AANBEVELINGSOORTEN
    env.globals["BRONSOORTEN"] = vocabularies.BRONSOORTEN
    env.globals["tekstdelen"] = with_abbreviations  # the `tekst` macro: <abbr> in plain texts
    env.globals["qr_svg"] = qr_svg  # printed cards draw their code inline
    env.globals["ingebouwd_script"] = page_script  # a tiny script written into the pages that need it
    env.globals["BUITEN_ZOEKINDEX"] = (Markup(_OUT_START), Markup(_OUT_END))  # see searchable()
    return env


def keep_compiled(kept: BytecodeCache) -> None:
    """Keep the compiled templates in `kept` (a build's cache, see compiled.py)."""
    environment().bytecode_cache = kept


def render_template(name: str, page_url: str, **context) -> str:
    """Render one body template for the page at `page_url` (links come out relative)."""
    env = environment()
    # Pieces drawn once (`{% cached %}`) belong to one Site: every build makes a new one, so
    # neither changed data nor a template edited while `mkdocs serve` runs gives an old piece.
    env.extensions[FragmentCache.identifier].drawing_for(context.get("site"))
    template = env.get_template(name)
    return template.render(
        url=linker(page_url),
        md=lambda text: markdown_to_html(text, page_url),
        md_inline=lambda text: markdown_to_html(text, page_url, inline=True),
        page_url=page_url,
        **context,
    )


# Our own templates write every body, with autoescaped, double-quoted attributes (a raw ">"
# or '"' never appears inside one), so a page's ids and headings can be read with patterns:
# 30 times faster than an HTML parser, which cost more than rendering the pages. A test
# checks the result against Python's HTML parser on every page of the site.
_START_TAG = re.compile(r"<[a-zA-Z][^>]*")
_ID = re.compile(r'\sid="([^"]*)"')  # within one start tag: text may hold ' id="x"' as it is
_HEADING = re.compile(r'<h([23])\b[^>]*?\sid="([^"]*)"[^>]*>(.*?)</h\1\s*>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def outline(body: str) -> tuple[set[str], list[dict]]:
    """The ids in a rendered body, and its h2/h3 headings with an id as MkDocs/Python-Markdown
    toc tokens (h3 under the h2 before it)."""
    tokens: list[dict] = []
    for level, ident, inner in _HEADING.findall(body):
        ident = html.unescape(ident)
        name = " ".join(html.unescape(_TAG.sub("", inner)).split())
        token = {"level": int(level), "id": ident, "name": name, "html": html.escape(name), "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    # Tag by tag: one pattern for "a tag with an id" crawls through long attributes (a QR
    # code's data: URL) a character at a time, five times slower.
    ids = {html.unescape(m[1]) for tag in _START_TAG.findall(body) if 'id="' in tag and (m := _ID.search(tag))}
    return ids, tokens


# Code blocks (YAML examples, error messages) are for editors, not for the public search.
_CODE_BLOCK = re.compile(r"<pre\b.*?</pre\s*>", re.DOTALL)


def out_of_search(text: str) -> str:
    """`text` (HTML, or Markdown on a page of docs/) marked to stay out of the site search."""
    return f"{_OUT_START}\n{text.rstrip()}\n{_OUT_END}\n"


def has_search_cuts(html_text: str) -> bool:
    return _OUT_START in html_text or "<pre" in html_text


def searchable(html_text: str) -> str:
    """The page without its marked parts (which may nest) and code blocks: what the site
    search indexes."""
    html_text = _CODE_BLOCK.sub("", html_text)
    kept, depth = [], 0
    for part in _OUT_MARK.split(html_text):
        if part == _OUT_START:
            depth += 1
        elif part == _OUT_END:
            depth = max(depth - 1, 0)  # a stray end mark must not hide the rest of the page
        elif depth == 0:
            kept.append(part)
    return "".join(kept)


def shown(html_text: str) -> str:
    """The page as shown: everything, without the marks."""
    return _OUT_MARK.sub("", html_text)
