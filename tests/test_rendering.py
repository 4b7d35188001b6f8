"""Relative links and the editors' Markdown subset."""

from __future__ import annotations

import pytest

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
