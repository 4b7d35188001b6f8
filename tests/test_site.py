"""The real site, built once: every URL of the contract resolves and pages show their records."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import MINI_DATA, ROOT, copy_data
from kennisplein import build_site
from kennisplein.sharing import editie_tekst


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url.strip("/") / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


CONTRACT = ["", "kaarten/", "sessies/", "model/", "themas/", "aanbevelingen/", "downloads/", "bronnen/", "aanpakken/"]


@pytest.mark.parametrize("url", CONTRACT)
def test_index_pages_exist_in_dutch(built_site, url):
    page = soup(built_site, url)
    assert page.html["lang"] == "nl"
    assert page.find("h1").get_text(strip=True)


def test_every_record_has_its_page(built_site, data):
    urls = [k.url for k in data.kaarten] + [s.url for s in data.sessies] + [t.url for t in data.themas] + [a.url for a in data.aanpakken]
    missing = [u for u in urls if not (built_site / u / "index.html").is_file()]
    assert missing == []
    assert len(data.themas) == 3


def test_card_page_shows_text_theme_roles_and_sources(built_site, data):
    kaart = data.kaart("blijf-gesprek")
    page = soup(built_site, kaart.url)
    assert page.find("h1").get_text(strip=True) == kaart.titel
    assert page.select_one(".kp-kaart__tekst").get_text(strip=True) == kaart.tekst
    assert page.select_one(".kp-kaart .kp-kaart__thema").get_text(strip=True) == data.thema(kaart.thema).naam
    links = {a["href"] for a in page.select(".kp-bronplaatsen a")}
    assert "../../sessies/2022-09-09-oost/#ronde-3" in links
    assert page.find("meta", attrs={"name": "description"})["content"] == kaart.tekst


def test_session_page_links_each_habit_to_its_card(built_site, data):
    sessie = data.sessie("2022-09-09-oost")
    page = soup(built_site, sessie.url)
    ronde = page.find(id="ronde-3").find_parent("section")
    hrefs = [a["href"] for a in ronde.select(".kp-gewoontes a")]
    assert hrefs == [f"../../{data.kaart(g.kaart).url}" for g in sessie.gewoontes]
    assert "vrijdag 9 september 2022" in page.get_text()


def test_model_page_shows_every_vocabulary(built_site, data):
    page = soup(built_site, "model/")
    header = [th.get_text(strip=True) for th in page.select(".kp-modeltabel thead th")]
    assert header[1:] == [e.naam for e in data.model.e]
    rows = page.select(".kp-modeltabel tbody tr")
    assert len(rows) == len(data.model.woordenschatten)


def test_generated_pages_are_not_in_the_nav(built_site, data):
    nav = soup(built_site, "").select_one("nav.md-nav--primary")
    nav_links = {a.get("href") for a in nav.find_all("a")}
    assert not any(k.id in (href or "") for k in data.kaarten for href in nav_links)


def test_editor_text_is_escaped_everywhere(mkdocs, tmp_path):
    """Characters with a meaning in HTML stay text: in the body, the <title> and meta tags.

    (Tags themselves are refused by the checks: see tests/broken/17-html-in-tekst.)"""
    data = copy_data(MINI_DATA, tmp_path / "data")
    card = data / "kaarten" / "welkomstkaartje-stagiaire.yaml"
    text = card.read_text(encoding="utf-8")
    title = 'Welkom 5 < 6 > 4 & "ja" \'n stagiaire'
    text = text.replace("titel: Een welkomstkaartje voor de nieuwe stagiaire", "titel: " + repr(title).replace("\\'", "''"))
    card.write_text(text, encoding="utf-8")
    result = mkdocs(tmp_path / "site", data)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "kaarten" / "welkomstkaartje-stagiaire" / "index.html").read_text(encoding="utf-8")
    assert "5 < 6 >" not in html
    assert "5 &lt; 6 &gt; 4 &amp;" in html
    page = BeautifulSoup(html, "html.parser")
    assert page.find("h1").get_text() == title.replace("\\'", "'")
    assert page.title.get_text().startswith(title.replace("\\'", "'"))
    assert page.find("meta", property="og:title")["content"].startswith(title.replace("\\'", "'"))


def test_search_finds_a_card_on_its_own_page_not_on_every_list(built_site, data):
    """Tiles and the share block stay out of Material's search index: it is fetched on every page."""
    import json

    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    lists = " ".join(d["text"] for d in docs if d["location"].startswith(("kaarten/#", "#")) or d["location"] in ("", "kaarten/"))
    assert not [k.id for k in data.kaarten if k.tekst in lists]
    assert not [d["location"] for d in docs if d["location"].endswith(("#delen", "#verwant"))]
    assert not [d["location"] for d in docs if d["location"].startswith("themas/") and d["location"].endswith("#kaarten")]
    kaart = data.kaart("blijf-gesprek")
    assert any(d["location"] == kaart.url and kaart.tekst in d["text"] for d in docs)
    on_paper_only = f"editie {editie_tekst(data.editie)}"  # printed under the card, not for search
    assert not [d["location"] for d in docs if d["location"].startswith("kaarten/") and on_paper_only in d["text"]]
    # How the site made a page (the Verantwoording) is the same sentences on every card: a
    # search for "redactie" or "vaste nummer" must not find every card.
    # Where a source words a card as the card does, those words are found once, at the top
    # of its page, not again under "Waar komt deze gewoonte vandaan?".
    herkomst = {d["location"]: d["text"] for d in docs if d["location"].endswith("#herkomst")}
    same = [k for k in data.kaarten if all(v.formulering == k.tekst for v in k.vindplaatsen)]
    assert len(same) > 20 and [k.id for k in same if k.tekst in herkomst[k.url + "#herkomst"]] == []
    made = [d for d in docs if d["location"].startswith(("kaarten/", "sessies/", "themas/", "model/"))]
    assert not [d["location"] for d in made if "vaste nummer van deze kaart" in d["text"] or "Verantwoording" in d["text"]]

    # Left out of the index, not out of the page: the share block, the related cards, the
    # note for paper are all there, and no trace of how they were left out.
    html = (built_site / kaart.url / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("#delen") and page.select_one("#verwant") and page.select(".kp-tegel")
    assert "vaste nummer van deze kaart" in page.select_one("details.kp-verantwoording").get_text()
    assert on_paper_only in page.select_one(".kp-kaart__papier").get_text()
    assert "kp:buiten-zoekindex" not in html and "data-search-exclude" not in html


def test_every_page_has_the_menu_with_links_to_the_menu_pages(built_site):
    """Material's menu is drawn once per folder for the pages outside it (fragments.py): from
    every page its links must lead to the same pages as from the home page (which draws its
    own), and mark at most the page itself as the current one."""
    from urllib.parse import urljoin

    def menu(html_file: Path) -> tuple[str, list[str], list[str]]:
        folder = html_file.parent.relative_to(built_site).as_posix()
        address = "https://site/" + ("" if folder == "." else folder + "/")
        nav = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").select_one("nav.md-nav--primary")
        links = [urljoin(address, a["href"]) for a in nav.select("a.md-nav__link") if "#" not in a["href"]]
        active = [urljoin(address, a["href"]) for a in nav.select("a.md-nav__link--active") if "#" not in a["href"]]
        return address, links, active

    _, expected, _ = menu(built_site / "index.html")
    assert len(expected) == 11 and "https://site/kaarten/" in expected
    pages = sorted(built_site.rglob("index.html"))
    for html_file in pages:
        address, links, active = menu(html_file)
        assert links == expected, address
        assert active == ([address] if address in expected else []), address
    assert len(pages) > 60


def test_what_is_drawn_once_is_what_drawing_every_time_gives(built_site, tmp_path, monkeypatch):
    """The same site built with every `{% cached %}` piece drawn anew (fragments.py off: the
    menu, header, settings, styles, scripts and footer per folder, the tiles per card): every
    page is the same, to the byte. Guards the cache against a Material whose parts start to
    depend on more than the folder (a feature such as toc.integrate), and against a tile that
    starts to depend on its page."""
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from kennisplein import fragments

    addresses = tmp_path / "gepubliceerde-adressen.txt"
    shutil.copyfile(ROOT / "gepubliceerde-adressen.txt", addresses)
    monkeypatch.setenv("KENNISPLEIN_ADRESSEN", str(addresses))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(fragments.FragmentCache, "_draw", lambda self, place, key, caller: caller())
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()

    pages = [p.relative_to(built_site) for p in sorted(built_site.rglob("*.html"))]
    assert [p for p in pages if (built_site / p).read_bytes() != (tmp_path / "site" / p).read_bytes()] == []
    assert len(pages) > 60


@pytest.mark.parametrize("synthetic", [0, 300])
def test_related_cards_are_the_best_scored_of_all_cards(tmp_path, synthetic):
    """_related skips scoring most cards; it must pick what scoring every card would."""
    from benchmarks.synthetic import write_synthetic_data
    from kennisplein.pages import _related

    site = build_site(write_synthetic_data(tmp_path / "data", synthetic) if synthetic else ROOT / "data", ROOT / "docs")

    def score(kaart, other):
        return (3 * len(set(kaart.trefwoorden) & set(other.trefwoorden)) + len(set(kaart.voor) & set(other.voor))
                + len(set(kaart.sessies) & set(other.sessies)) + 2 * (kaart.thema == other.thema))

    for kaart in site.kaarten:
        others = sorted((o for o in site.kaarten if o.id != kaart.id), key=lambda o: (-score(kaart, o), o.nummer))
        assert _related(kaart, site) == tuple(others[:4]), kaart.id


def test_generated_pages_list_their_sections_in_the_table_of_contents(built_site):
    """A generated page's headings reach Material's "on this page" menu (GeneratedPage.render
    reads them from the body: there is no Markdown for MkDocs to read them from)."""
    site = build_site(ROOT / "data", ROOT / "docs")
    sessie = next(s for s in site.sessies if s.rondes)
    page = soup(built_site, sessie.url)
    listed = [a.get_text(" ", strip=True) for a in page.select(".md-nav--secondary a")]
    assert [r.titel for r in sessie.rondes if any(r.titel in t for t in listed)] == [r.titel for r in sessie.rondes]


def test_bench_ratio_is_the_median_of_each_rounds_ratio():
    """The machine drifts between rounds: each round's builds are compared with each other."""
    from benchmarks.bench import BuildTime, Row

    def t(wall: float) -> BuildTime:
        return BuildTime(wall, wall / 2)

    row = Row("x", 1000, rounds=[(t(4.0), t(3.0), t(2.0)), (t(6.0), t(5.0), t(4.0)), (t(5.0), t(4.5), t(2.5))])
    assert row.ratio(1) == pytest.approx(1.2)  # of 1.33, 1.2 and 1.11 (the fastest two: 4.0 / 3.0)
    assert row.ratio(2, cpu=True) == pytest.approx(2.0)  # of 2.0, 1.5 and 2.0
    assert Row("leeg", 0).ratio(1) == 0.0


def test_a_copy_of_a_site_never_shares_its_lookups():
    """Indexes are made per Site: a copy with other cards finds its own cards, and the original
    still finds all of its own (it once shared one dict, which the copy overwrote)."""
    import dataclasses

    original = build_site(MINI_DATA)
    first, *rest = original.kaarten
    original.kaarten_met_thema(first.thema)  # a derived index, made before the copy
    copy = dataclasses.replace(original, kaarten=tuple(rest))
    assert original.kaart(first.id) is first
    assert first in original.kaarten_met_thema(first.thema)
    with pytest.raises(KeyError):
        copy.kaart(first.id)
    assert first not in copy.kaarten_met_thema(first.thema)
    with pytest.raises(ValueError):
        dataclasses.replace(original, _index={})  # not a field one can pass


def test_the_filter_fields_have_one_home(built_site):
    """vocabularies.FILTERVELDEN names the filter's URL parameters: the form's fields, what
    kaarten.js reads (on its own script tag) and what the head of the page waits for."""
    from kennisplein.vocabularies import FILTERVELDEN

    for url in ("kaarten/", "kaarten/trek/"):
        page = soup(built_site, url)
        assert sorted(f["name"] for f in page.select("form[data-kp-filter] [name]")) == sorted(FILTERVELDEN), url
        assert page.select_one("script[data-src$='kaarten.js']")["data-velden"] == " ".join(FILTERVELDEN)
        assert f"[?&]({'|'.join(FILTERVELDEN)})=" in str(page.head)
    for url in ("kaarten/printen/", "kaarten/presenteren/", "kaarten/blijf-gesprek/"):
        assert soup(built_site, url).select_one("script[data-src$='kaarten.js']")["data-velden"] == " ".join(FILTERVELDEN)
