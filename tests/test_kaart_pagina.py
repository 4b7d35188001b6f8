"""One card's page, the card browser and "Trek een kaart" as HTML: what a visitor and a
link preview get before any JavaScript runs, and the QR code of every card."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, SITE_URL
from kennisplein.sharing import editie_tekst


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site_url() -> str:
    # The address the build used: mkdocs.yml's default (tests do not set KENNISPLEIN_SITE_URL).
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("site_url:"))
    return line.split('"')[1]


def test_card_page_gives_the_permanent_link_and_a_citation(built_site, data, site_url):
    kaart = data.kaart("blijf-gesprek")
    page = soup(built_site, kaart.url)
    address = site_url + kaart.url
    assert page.select_one("#kp-adres")["href"] == address
    assert page.select_one("#kp-adres").get_text(strip=True) == address
    citation = page.select_one("#kp-bronvermelding").get_text(strip=True)
    assert citation.startswith(f"“{kaart.titel}”. Kaart {kaart.nummer} op het Kennisplein Goed Werk, editie {editie_tekst(data.editie)}.")
    assert citation.endswith(address)
    buttons = {b.get_text(strip=True): b for b in page.select(".kp-delen button")}
    assert buttons["Kopieer link"]["data-kp-kopieer"] == address
    assert buttons["Kopieer bronvermelding"]["data-kp-kopieer"] == citation
    assert all(b["type"] == "button" for b in buttons.values())
    status = page.select_one("#kp-kopieer-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"


def test_card_page_link_preview_has_title_text_and_canonical_address(built_site, data, site_url):
    kaart = data.kaart("spreek-waardering-uit")
    page = soup(built_site, kaart.url)
    address = site_url + kaart.url
    assert page.find("link", rel="canonical")["href"] == address
    assert page.find("meta", property="og:url")["content"] == address
    assert page.find("meta", property="og:title")["content"] == f"{kaart.titel} · Kennisplein Goed Werk"
    assert page.find("meta", property="og:description")["content"] == kaart.tekst
    assert page.find("meta", attrs={"name": "twitter:title"})["content"].startswith(kaart.titel)
    assert page.find("meta", attrs={"name": "twitter:description"})["content"] == kaart.tekst
    assert page.title.get_text().startswith(kaart.titel)


def test_card_page_has_text_theme_roles_variants_sources_and_neighbours(built_site, data):
    kaart = next(k for k in data.kaarten if k.varianten and k.sessies)
    page = soup(built_site, kaart.url)
    assert page.select_one(".kp-kaart__tekst").get_text(strip=True) == kaart.tekst
    kenmerken = page.select_one(".kp-kenmerken").get_text(" ", strip=True)
    assert data.thema(kaart.thema).naam in kenmerken
    quoted = [q.get_text(strip=True) for q in page.select(".kp-formulering")]
    assert all(v.formulering in quoted for v in kaart.varianten)
    assert page.select('.kp-bronplaatsen a[href*="sessies/"]')
    assert page.select(".kp-bladeren a") and page.select("#verwant ~ .kp-tegels .kp-tegel")


def qr_image(page: BeautifulSoup) -> str:
    return page.select_one(".kp-qr img")["src"]


def test_qr_code_is_made_by_segno_and_in_the_page_itself(built_site, data):
    """A data: URL: the phone that opens the card needs no second request, and the build
    writes no file per card."""
    kaart = data.kaarten[0]
    page = soup(built_site, kaart.url)
    src = qr_image(page)
    assert src.startswith("data:image/svg+xml,")
    assert unquote(src.partition(",")[2]).startswith("<svg xmlns='http://www.w3.org/2000/svg'")
    assert page.select_one(".kp-qr img")["alt"]
    download = page.select_one(".kp-qr a[download]")
    assert download["href"] == src and download["download"] == f"qr-kaart-{kaart.id}.svg"
    assert page.select_one(".kp-kaart__papier img")["src"] == src  # the page printed on paper
    assert not list(built_site.glob("kaarten/*/*.svg"))


@pytest.mark.parametrize("svg", [
    None,  # segno's own drawing: the quick encoding
    '<svg><title>Kaart "één" & co #1</title></svg>',  # what the quick encoding does not cover
])
def test_qr_data_url_encodes_as_quote_does_and_needs_no_html_escaping(data, monkeypatch, svg):
    from kennisplein import sharing

    if svg is not None:
        monkeypatch.setattr(sharing, "qr_svg", lambda url: svg)
    kaart = data.kaarten[0]
    url = sharing.qr_data_url(kaart, SITE_URL)
    drawn = svg if svg is not None else str(sharing.qr_svg(SITE_URL + kaart.url)).strip()
    assert url == "data:image/svg+xml," + quote(drawn.replace('"', "'"), safe="/:=',.")
    assert unquote(url.partition(",")[2]) == drawn.replace('"', "'")
    assert not set('"<>&') & set(url)  # safe in a double-quoted attribute as it is
    assert sharing.qr_data_url(kaart, "") is None


def decoded(browser, src: str, png: Path) -> str:
    """The text of a QR code image, rasterised in Chromium and read back with zbarimg (zbar-tools)."""
    page = browser.new_page(viewport={"width": 400, "height": 400})
    try:
        # Enlarge the code: zbar reads a code best at a few pixels per module.
        page.set_content(f'<img src="{src}" style="width:300px;height:300px">')
        page.wait_for_function("document.images[0].complete && document.images[0].naturalWidth > 0")
        page.locator("img").screenshot(path=str(png))
    finally:
        page.close()
    return subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True).stdout.strip()


def test_every_card_qr_code_decodes_to_that_cards_url(built_site, browser, data, site_url, tmp_path):
    for kaart in data.kaarten:
        src = qr_image(soup(built_site, kaart.url))
        assert decoded(browser, src, tmp_path / f"{kaart.id}.png") == site_url + kaart.url, kaart.id


def test_card_browser_has_every_card_in_the_html_and_a_labelled_filter(built_site, data):
    page = soup(built_site, "kaarten")
    tiles = page.select(".kp-tegel[data-id]")
    assert [t["data-id"] for t in tiles] == [k.id for k in data.kaarten]
    assert not any(t.has_attr("hidden") for t in tiles)
    form = page.select_one("form[data-kp-filter]")
    names = [c["name"] for c in form.select("input, select")]
    assert names == ["q", "thema", "voor", "e", "sessie"]
    for control in form.select("input, select"):
        assert page.find("label", attrs={"for": control["id"]}).get_text(strip=True)
    assert page.select_one("#kp-resultaat")["aria-live"] == "polite"
    sessions = [o["value"] for o in form.select("#kp-sessie option") if o["value"]]
    assert "2022-09-09-oost" in sessions
    # The words a search looks in, beyond what the tile shows: keywords and other wordings.
    kaart = next(k for k in data.kaarten if k.trefwoorden and k.varianten)
    zoek = page.select_one(f'.kp-tegel[data-id="{kaart.id}"]')["data-zoek"]
    assert kaart.trefwoorden[0] in zoek and kaart.varianten[0].formulering in zoek


def test_print_link_uses_the_print_pages_query_format(built_site, data):
    link = soup(built_site, "kaarten").select_one("#kp-print")
    assert link["href"] == "printen/?kaarten=" + ",".join(k.id for k in data.kaarten)


def test_trek_page_without_javascript_shows_the_first_card_and_says_why(built_site, data):
    page = soup(built_site, "kaarten/trek")
    cards = page.select(".kp-trek__kaart")
    assert len(cards) == len(data.kaarten)
    shown = [c for c in cards if not c.has_attr("hidden")]
    assert len(shown) == 1
    assert shown[0].select_one(".kp-kaart__open a")["href"] == f"../{data.kaarten[0].id}/"
    assert "Zonder JavaScript zie je hier de eerste kaart" in page.select_one(".kp-trek noscript").get_text()
    # A table of contents of every card would be noise: the titles carry no anchors.
    assert not page.select(".md-nav--secondary a")


def test_trek_page_stays_out_of_the_site_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "kaarten/" in locations
    assert "kaarten/trek/" not in locations


def test_reserved_ids_and_the_pages_that_use_them_agree(data):
    from kennisplein.pages import pages
    from kennisplein.vocabularies import GERESERVEERDE_IDS

    card_urls = {k.url for k in data.kaarten}
    others = {p.url for p in pages(data) if p.url.startswith("kaarten/") and p.url not in card_urls}
    assert others <= {"kaarten/"} | {f"kaarten/{i}/" for i in GERESERVEERDE_IDS}
    assert "kaarten/trek/" in others



def test_the_qr_code_downloads_as_an_svg_file_named_after_the_card(browser, served_site, data):
    kaart = data.kaarten[0]
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(served_site + kaart.url)
        with page.expect_download() as download:
            page.click(".kp-qr a[download]")
        assert download.value.suggested_filename == f"qr-kaart-{kaart.id}.svg"
        assert Path(download.value.path()).read_text(encoding="utf-8").startswith("<svg xmlns=")
    finally:
        context.close()
