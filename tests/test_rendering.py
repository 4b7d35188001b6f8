"""Relative links and the editors' Markdown subset."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from helpers import ROOT, SITE_URL
from kennisplein import build_site
from kennisplein.pages import pages, render
from kennisplein.rendering import markdown_to_html, outline, relative_url


@pytest.mark.parametrize("source, target, expected", [
    ("kaarten/x/", "sessies/y/", "../../sessies/y/"),
    ("kaarten/x/", "", "../../"),
    ("", "kaarten/", "kaarten/"),
    ("kaarten/x/", "kaarten/x/", "./"),
    ("kaarten/", "kaarten/x/#ronde-1", "x/#ronde-1"),
    ("sessies/y/", "/kaarten/x/", "../../kaarten/x/"),
    ("", "downloads/kaarten.pdf", "downloads/kaarten.pdf"),
    ("kaarten/x/", "https://example.org/a", "https://example.org/a"),
    ("kaarten/x/", "kaarten/y/plaatje.svg", "../y/plaatje.svg"),
    ("kaarten/x/", "kaarten/x/plaatje.svg", "plaatje.svg"),
    ("kaarten/", "kaarten/", "./"),
    ("model/", "#energie", "#energie"),
])
def test_relative_url(source, target, expected):
    assert relative_url(source, target) == expected


def test_markdown_subset_escapes_html_and_relativises_internal_links():
    html = markdown_to_html('**vet** <script>x</script> & [kaart](/kaarten/a/) [web](https://example.org)', "sessies/b/")
    assert "<strong>vet</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="../../kaarten/a/"' in html
    assert 'href="https://example.org" rel="noopener"' in html


def test_inline_markdown_has_no_paragraph():
    assert markdown_to_html("*cursief*", inline=True) == "<em>cursief</em>"


def test_outline_collects_ids_and_nests_h3_under_h2():
    ids, tokens = outline('<h2 id="a">A &amp; b</h2><p id="p">x</p><h3 id="c">C</h3><h2 id="d">D</h2>')
    assert ids == {"a", "p", "c", "d"}
    assert [(t["id"], t["name"], [c["id"] for c in t["children"]]) for t in tokens] == [("a", "A & b", ["c"]), ("d", "D", [])]


class _ReferenceOutline(HTMLParser):
    """The ids and h2/h3 headings of a body, read by Python's HTML parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: list[tuple[int, str, str]] = []
        self._open: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        ident = dict(attrs).get("id")
        if ident:
            self.ids.add(ident)
        if tag in ("h2", "h3") and ident:
            self._open = (int(tag[1]), ident, [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open[0]}":
            level, ident, parts = self._open
            self.headings.append((level, ident, " ".join("".join(parts).split())))
            self._open = None


def test_outline_finds_no_id_in_an_editors_text():
    """Markdown and the sanitizer leave '"' in text as it is: ' id="x"' there is words."""
    ids, _ = outline(markdown_to_html('Hij schreef id="x" en <span id="y">', "kaarten/a/"))
    assert ids == set()


def test_outline_reads_every_page_of_the_site_as_an_html_parser_does():
    """outline() reads bodies with patterns, for speed: on every generated page it must find
    the same ids and headings as a real HTML parser."""
    site = build_site(ROOT / "data", ROOT / "docs")
    checked = 0
    for page in pages(site, (), site_url=SITE_URL, site_naam="Kennisplein Goed Werk"):
        body = render(page, site)
        reference = _ReferenceOutline()
        reference.feed(body)
        ids, tokens = outline(body)
        flat = [(t["level"], t["id"], t["name"]) for token in tokens for t in (token, *token["children"])]
        assert (ids, flat) == (reference.ids, reference.headings), page.src_uri
        checked += 1
    assert checked > 60
