"""The Jinja environment that lays out records, and the small Markdown subset editors may use.

Everything an editor wrote is escaped before it reaches HTML: Jinja autoescapes, and the
Markdown filter escapes the text first and only then turns **vet**, *cursief* and links
into tags. Links are made relative to the page, so the site works under any base path.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
import posixpath
from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from . import vocabularies

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "overrides" / "kennisplein"


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at `from_url` to `to_url`, both site-relative ('kaarten/x/')."""
    if to_url.startswith(("https:", "mailto:", "#")):
        return to_url
    target, _, fragment = to_url.lstrip("/").partition("#")
    rel = posixpath.relpath(target.rstrip("/") or ".", from_url.rstrip("/") or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


class _RelativeLinks(Treeprocessor):
    def __init__(self, md: markdown.Markdown, page_url: str):
        super().__init__(md)
        self.page_url = page_url

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value and value.startswith("/"):
                    element.set(attribute, relative_url(self.page_url, value))
            if element.tag == "a" and (element.get("href") or "").startswith("https:"):
                element.set("rel", "noopener")


def markdown_to_html(text: str, page_url: str = "", *, inline: bool = False) -> Markup:
    """Editor Markdown (bold, italic, links) as safe HTML; any HTML in the text stays text."""
    md = markdown.Markdown(extensions=[], output_format="html")
    # Only paragraphs: a quoted '#Dekrachtzit…' or '#1 Investeren…' is text, not a heading or list.
    for name in [item.name for item in md.parser.blockprocessors._priority]:
        if name not in ("empty", "paragraph"):
            md.parser.blockprocessors.deregister(name)
    md.treeprocessors.register(_RelativeLinks(md, page_url), "kennisplein-links", 1)
    rendered = md.convert(html.escape(text, quote=False))
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ROLLEN"] = vocabularies.ROLLEN
    env.globals["SESSIESOORTEN"] = vocabularies.SESSIESOORTEN
    env.globals["AANBEVELINGSOORTEN"] = vocabularies.AANBEVELINGSOORTEN
    env.globals["BRONSOORTEN"] = vocabularies.BRONSOORTEN
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


class _Outline(HTMLParser):
    """Collects every id in a page body, and its h2/h3 headings for the table of contents."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str, str]] = []
        self._open: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if ident:
            self.ids.add(ident)
        if tag in ("h2", "h3") and ident:
            self._open = (int(tag[1]), ident, [])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == f"h{self._open[0]}":
            level, ident, parts = self._open
            self.headings.append((level, ident, " ".join("".join(parts).split())))
            self._open = None


def outline(body: str) -> tuple[set[str], list[dict]]:
    """The ids in a rendered body, and its headings as MkDocs/Python-Markdown toc tokens."""
    parser = _Outline()
    parser.feed(body)
    tokens: list[dict] = []
    for level, ident, name in parser.headings:
        token = {"level": level, "id": ident, "name": name, "html": html.escape(name), "children": []}
        if level == 3 and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return parser.ids, tokens
