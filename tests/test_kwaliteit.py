"""Quality gates on the real built site: no third-party requests, no broken links, valid HTML,
a deterministic build and a helpful 404 page. Each gate is also run once on a deliberately
broken copy, to prove it can fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from quality_gates import RequestLog, broken_links, differences, first_difference, foreign_resources, html_errors

ENGLISH_404 = "404 - Not found"


def site_url(site: Path) -> str:
    """The public address the site was built for (its home page's canonical link)."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    return home.find("link", rel="canonical")["href"]


def html_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path relative to its root ('kaarten/x/')."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def linked_copy(site: Path, target: Path) -> Path:
    """A cheap copy of the built site (hard links); `replace` a file before changing it."""
    shutil.copytree(site, target, copy_function=os.link)
    return target


def replace(file: Path, text: str) -> None:
    file.unlink()  # break the hard link, so the original site stays as it was
    file.write_text(text, encoding="utf-8")


# --- no third parties ----------------------------------------------------------------------

def test_no_page_requests_anything_from_another_host(browser, served_site, built_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = RequestLog(context, served_site, block=False)  # keeps the cache: twice as fast here
    page = context.new_page()
    pages = html_pages(built_site)
    try:
        for path in pages:
            page.goto(served_site + path, wait_until="load")
        # Let late requests (the search worker, its language files) happen, and use the search.
        page.goto(served_site + "kaarten/", wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("team")
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert len(pages) > 40
    assert log.foreign == []


def _index_requested(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("search/search_index.json") else None)
    return requests


@pytest.mark.parametrize("width, how", [
    (1280, "toets /"), (1280, "klik in het zoekveld"), (375, "tik op het vergrootglas"),
])
def test_the_search_index_loads_only_when_someone_turns_to_search(browser, served_site, width, how):
    """Material fetches the search index on every page; we hold it back until someone
    searches (with 1,000 cards it is most of the card browser's weight), and search still works."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        requested = _index_requested(page)
        page.goto(served_site + "kaarten/", wait_until="networkidle")
        page.mouse.move(width // 2, 600)  # over the cards, not the search field
        page.wait_for_timeout(300)
        assert requested == []
        with page.expect_request(lambda r: r.url.endswith("search/search_index.json")):
            if how == "toets /":
                page.keyboard.press("/")
            elif how == "klik in het zoekveld":
                page.locator(".md-search__input").click()
            else:
                page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("stagiaire")
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert "stagiaire" in results.first.inner_text().lower()
        assert len(requested) == 1
    finally:
        context.close()


def test_words_from_a_search_result_are_marked_on_the_page_it_opens(browser, served_site):
    """A search result opens its page with ?h=<words>, and Material marks the words there once
    it has the index: a page opened that way loads the index without waiting for the visitor."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/blijf-gesprek/?h=gesprek")
        marks = page.locator("article mark")
        marks.first.wait_for(timeout=15_000)
        assert "gesprek" in marks.first.inner_text().lower()
    finally:
        context.close()


@pytest.mark.parametrize("block, font_host, pixel_host", [
    (True, "fonts.googleapis.com", "tracker.example"),
    # Not blocked, the browser really asks: hosts under .invalid never resolve (RFC 2606).
    (False, "fonts.invalid", "tracker.invalid"),
], ids=["geblokkeerd", "alleen-gezien"])
def test_third_party_gate_fails_on_a_page_that_loads_a_font_and_a_pixel(browser, served_site, block, font_host, pixel_host):
    context = browser.new_context()
    log = RequestLog(context, served_site, block=block)
    page = context.new_page()

    def inject(route):
        html = route.fetch().text().replace(
            "</head>", f'<link rel="stylesheet" href="https://{font_host}/css?family=Roboto"></head>'
        ).replace("</body>", f'<img src="https://{pixel_host}/pixel.gif" alt=""></body>')
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(served_site + "model/", inject)
    page.goto(served_site + "model/", wait_until="networkidle")
    context.close()
    hosts = sorted({entry.split("/")[2] for entry in log.foreign})
    assert hosts == sorted([font_host, pixel_host])


def test_no_built_file_embeds_anything_from_another_host(built_site):
    assert foreign_resources(built_site) == []


def test_static_third_party_gate_reports_embedded_resources(built_site, tmp_path):
    site = linked_copy(built_site, tmp_path / "site")
    page = site / "over" / "index.html"
    html = page.read_text(encoding="utf-8").replace("</head>", (
        '<link rel="stylesheet" href="https://cdn.example/thema.css">'
        '<link rel="canonical" href="https://elders.example/over/">'  # a link, not a fetch: allowed
        '<style>@font-face { font-family: X; src: url(https://fonts.gstatic.com/x.woff2); }</style>'
        '<script src="//analytics.example/a.js"></script></head>'
    ), 1)
    replace(page, html)
    problems = [p.split(" ")[-1] for p in foreign_resources(site) if p.startswith("over/index.html")]
    assert problems == ["//analytics.example/a.js", "https://cdn.example/thema.css", "https://fonts.gstatic.com/x.woff2"]


# --- links ---------------------------------------------------------------------------------

def test_every_link_and_anchor_in_the_built_html_resolves(built_site):
    assert broken_links(built_site, site_url(built_site)) == []


def test_link_gate_reports_each_kind_of_broken_link(built_site, tmp_path):
    site = linked_copy(built_site, tmp_path / "site")
    page = site / "over" / "index.html"
    html = page.read_text(encoding="utf-8")
    own = site_url(site)
    broken = (
        '<a href="../kaarten/bestaat-niet/">a</a>'
        '<a href="../model/#geen-anker">b</a>'
        '<a href="#ook-geen-anker">c</a>'
        f'<a href="{own}sessies/weg/">d</a>'
        '<a href="http://example.org/">e</a>'
        '<a href="mailto:geen-adres">f</a>'
        '<img src="../assets/images/weg.png" alt="">'
    )
    replace(page, html.replace("</article>", broken + "</article>", 1))
    problems = [p for p in broken_links(site, own) if p.startswith("over/index.html: ")]
    assert [p.split(" ")[3].rstrip(":") for p in problems] == [
        "../kaarten/bestaat-niet/", "../model/#geen-anker", "#ook-geen-anker",
        f"{own}sessies/weg/", "http://example.org/", "mailto:geen-adres", "../assets/images/weg.png",
    ]


# --- valid HTML ----------------------------------------------------------------------------

BROKEN_HTML = (
    '<p><input type="checkbox" autocomplete="off" aria-label="kies"></p>'
    '<p id="kaarten">dubbel id <div>blok in een alinea</span></p>'
)


@pytest.fixture(scope="module")
def html_report(built_site, tmp_path_factory):
    """The checker's errors for every built page plus one deliberately broken copy of a page,
    in one run (starting Java costs more than checking a page)."""
    broken = tmp_path_factory.mktemp("kapot") / "index.html"
    html = (built_site / "kaarten" / "index.html").read_text(encoding="utf-8")
    broken.write_text(html.replace("</article>", BROKEN_HTML + "</article>", 1), encoding="utf-8")
    pages = sorted(built_site.rglob("*.html"))
    errors = html_errors(pages + [broken])
    return pages, broken, errors


def test_every_page_is_valid_html(html_report):
    pages, broken, errors = html_report
    assert len(pages) > 40
    assert [e for e in errors if not e.startswith(f"{broken}:")] == []


def test_html_gate_reports_invalid_markup_in_our_part_of_a_page(html_report):
    _, broken, errors = html_report
    text = "\n".join(e for e in errors if e.startswith(f"{broken}:"))
    assert "Duplicate ID “kaarten”" in text
    assert "Stray end tag “span”" in text
    # The error Material's own menu toggles had (overrides/base.html removes it there).
    assert "Attribute “autocomplete” is only allowed" in text


# --- deterministic build -------------------------------------------------------------------

def test_two_builds_of_the_same_commit_are_identical(mkdocs, built_site, tmp_path):
    # Another hash seed changes the order of every set and dict of strings in Python.
    result = mkdocs(tmp_path / "again", extra_env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    found = differences(built_site, tmp_path / "again")
    details = [first_difference(built_site / f.split(": ")[1], tmp_path / "again" / f.split(": ")[1])
               for f in found[:3] if f.startswith("verschilt")]
    assert found == [], "\n".join(details)


def test_determinism_gate_ignores_the_build_date_but_not_content(built_site, tmp_path):
    site = linked_copy(built_site, tmp_path / "site")
    sitemap = site / "sitemap.xml"
    replace(sitemap, sitemap.read_text(encoding="utf-8").replace("<lastmod>", "<lastmod>1999-01-01", 1).replace("</lastmod>", "x</lastmod>", 1))
    assert differences(built_site, site) == []
    card = next((site / "kaarten").glob("*/index.html"))
    replace(card, card.read_text(encoding="utf-8") + "\n")
    assert differences(built_site, site) == [f"verschilt: {card.relative_to(site).as_posix()}"]


# --- the 404 page --------------------------------------------------------------------------

def test_404_page_is_dutch_and_helps(built_site):
    page = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    content = page.select_one("article.md-content__inner")
    assert ENGLISH_404 not in page.get_text()
    assert page.title.get_text().startswith("Pagina niet gevonden")
    assert "niet gevonden" in content.find("h1").get_text()
    form = content.find("form", role="search")
    field = form.find("input", attrs={"name": "q"})
    assert content.find("label", attrs={"for": field["id"]}).get_text(strip=True) == "Zoek op deze site"
    # Shown at any depth, so its links are root-relative: the search goes to the home page.
    assert urljoin("/kaarten/weg/", form["action"]) in ("/", "/.")
    assert content.find("a", href="/kaarten/").get_text(strip=True) == "Alle kaarten"


def test_unknown_address_shows_the_404_page_whose_search_works(page, served_site):
    response = page.goto(served_site + "kaarten/bestaat-niet/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    page.get_by_label("Zoek op deze site").fill("stagiaire")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/?q=stagiaire")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert "stagiaire" in results.first.inner_text().lower()
    page.goto(served_site + "sessies/2099-01-01-nergens/")
    page.get_by_role("link", name="Alle kaarten").click()
    assert page.url == served_site + "kaarten/"
