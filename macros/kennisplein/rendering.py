"""The Jinja environment that lays out records, and the small Markdown subset editors may use.

Everything an editor wrote is escaped before it reaches HTML: Jinja autoescapes, and the
Markdown filter escapes the text first and only then turns **vet**, *cursief* and links
into tags. Links are made relative to the page, so the site works under any base path.
"""

from __future__ import annotations

import html
import re
from functools import cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.abbr import AbbrExtension
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from dataclasses import dataclass

from . import vocabularies
from .paths import PAGE_TEMPLATES
from .qr import qr_svg



def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at `from_url` to `to_url`, both site-relative ('kaarten/x/')."""
    if to_url.startswith(("https:", "mailto:", "#")):
        return to_url
    target, _, fragment = to_url.lstrip("/").partition("#")
    # Plain string work, not posixpath.relpath (which asks the file system for the working
    # folder on every call): site URLs have no '.' or '..' parts.
    here = [part for part in from_url.split("/") if part]
    there = [part for part in target.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


class _RelativeLinks(Treeprocessor):
    page_url = ""  # set before each conversion

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value and value.startswith("/"):
                    element.set(attribute, relative_url(self.page_url, value))
            if element.tag == "a" and (element.get("href") or "").startswith("https:"):
                element.set("rel", "noopener")


@cache
def _markdown() -> tuple[markdown.Markdown, _RelativeLinks]:
    # One converter for every text (setting one up costs more than converting a paragraph).
    # Abbreviations the sources use get their meaning as <abbr title> (vocabularies.AFKORTINGEN).
    glossary = {name: a.betekenis for name, a in vocabularies.AFKORTINGEN.items()}
    md = markdown.Markdown(extensions=[AbbrExtension(glossary=glossary)], output_format="html")
    # Only paragraphs (and so no abbreviation definitions of the editors' own): a quoted '#Dekrachtzit…' or '#1 Investeren…' is text, not a heading or list.
    for name in [item.name for item in md.parser.blockprocessors._priority]:
        if name not in ("empty", "paragraph"):
            md.parser.blockprocessors.deregister(name)
    links = _RelativeLinks(md)
    md.treeprocessors.register(links, "kennisplein-links", 1)
    return md, links


# Most texts are plain sentences, and Markdown makes "<p>text</p>" of them at a tenth of a
# millisecond each: a thousand session paragraphs cost 0.1 s. A text without any of these
# goes straight to that paragraph; a test checks it against Markdown on every text.
_NEEDS_MARKDOWN = re.compile(r"[*_\[\]`\\<>&!\x00-\x09\x0b-\x1f]|\n[ ]*\n| \n| $")


def markdown_to_html(text: str, page_url: str = "", *, inline: bool = False) -> Markup:
    """Editor Markdown (bold, italic, links) as safe HTML; any HTML in the text stays text.
    One converter serves every call, so calls must not overlap (no threads)."""
    if _NEEDS_MARKDOWN.search(text) or not text.strip() or _ABBREVIATION.search(text):
        rendered = _converted(text, page_url)
    else:
        rendered = "<p>" + text.lstrip().rstrip("\n") + "</p>"
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


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


def _converted(text: str, page_url: str) -> str:
    md, links = _markdown()
    links.page_url = page_url
    return md.reset().convert(html.escape(text, quote=False))


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
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ROLLEN"] = vocabularies.ROLLEN
    env.globals["SESSIESOORTEN"] = vocabularies.SESSIESOORTEN
    env.globals["AANBEVELINGSOORTEN"] = vocabularies.AANBEVELINGSOORTEN
    env.globals["BRONSOORTEN"] = vocabularies.BRONSOORTEN
    env.globals["tekstdelen"] = with_abbreviations  # the `tekst` macro: <abbr> in plain texts
    env.globals["qr_svg"] = qr_svg  # printed cards draw their code inline
    env.globals["BUITEN_ZOEKINDEX"] = (Markup(_OUT_START), Markup(_OUT_END))  # see searchable()
    return env


def render_template(name: str, page_url: str, **context) -> str:
    """Render one body template for the page at `page_url` (links come out relative)."""
    template = environment().get_template(name)
    return template.render(
        url=lambda target: relative_url(page_url, target),
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
_ID = re.compile(r'\sid="([^"]*)"')  # within one start tag
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
