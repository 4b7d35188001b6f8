"""The site as its visitors meet it (issue 15): a home page that starts people off, cards
before controls, one card design, public pages without editors' notes, a search that serves
visitors, what is new (page and Atom feed), and a print preview that fits every width.

The browser tests run in Chromium at the two sizes the issue names: a laptop (1280 × 800)
and a phone (375 × 812); "the first screen" is the part of the page inside that window."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, SITE_URL
from kennisplein.guide import REPOSITORY_STEP, site_markdown
from kennisplein.paths import STYLESHEETS
from kennisplein.records import same_words
from kennisplein.vocabularies import AFKORTINGEN

SCREENS = {"laptop": (1280, 800), "telefoon": (375, 812)}
ATOM = "{http://www.w3.org/2005/Atom}"


def soup(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def screen(browser, size):
    width, height = size
    return browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")


def in_first_screen(page, selector: str) -> bool:
    """Some element matching `selector` is visible and lies wholly inside the window."""
    return page.evaluate("""sel => [...document.querySelectorAll(sel)].some(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight
            && getComputedStyle(e).visibility !== 'hidden';
    })""", selector)


# --- a home page that starts people off ------------------------------------------------------

@pytest.mark.parametrize("size", SCREENS.values(), ids=SCREENS.keys())
def test_home_shows_the_menu_and_the_ways_in_within_the_first_screen(browser, served_site, size):
    context = screen(browser, size)
    page = context.new_page()
    try:
        page.goto(served_site, wait_until="load")
        if size[0] >= 1220:  # Material shows its menu beside the page from 76.25em on
            assert in_first_screen(page, ".md-sidebar--primary .md-nav__link[href$='kaarten/']")
        else:  # on a phone, the menu button in the header
            assert in_first_screen(page, "label.md-header__button[for='__drawer']")
        content = "article.md-content__inner"
        for target in ("kaarten/", "kaarten/trek/"):
            assert in_first_screen(page, f"{content} a[href='{target}']"), target
        assert (in_first_screen(page, f"{content} a[href='kaarten/printen/']")
                or in_first_screen(page, f"{content} a[href='downloads/']"))
        assert in_first_screen(page, f"{content} a[href='sessies/']")
    finally:
        context.close()


def test_home_has_three_doors_and_says_what_the_site_is(built_site):
    page = soup(built_site, "")
    doors = [h.get_text(strip=True) for h in page.select(".kp-deuren .kp-deur h2")]
    assert doors == ["Bekijk de kaarten", "Voor trainers", "Lees de sessies"]
    trainers = [a.get_text(strip=True) for a in page.select(".kp-deur")[1].select("a")]
    assert trainers == ["Trek een kaart", "Kies en print kaarten", "Kant-en-klare kaartensets",
                        "Zelf een Goed Werk-sessie houden"]
    first = page.select_one("article h1").find_next("p").get_text(" ", strip=True)
    assert first.startswith("Op het Kennisplein Goed Werk vind je") and first.endswith(".")


# --- cards first -------------------------------------------------------------------------------

@pytest.mark.parametrize("size", SCREENS.values(), ids=SCREENS.keys())
def test_a_filter_with_one_match_shows_that_card_in_the_first_screen(browser, served_site, data, size):
    context = screen(browser, size)
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/?thema=reflectie&q=kwalitijd", wait_until="load")
        shown = page.eval_on_selector_all(".kp-tegel[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
        assert shown == ["kwalitijd"]
        assert in_first_screen(page, "#kp-resultaat")
        assert in_first_screen(page, "#kaart-kwalitijd .kp-tegel__titel a")
        # The print choice is folded away until a card is ticked.
        assert page.locator(".kp-keuze").is_hidden()
        page.check("#kaart-kwalitijd .kp-kies")
        assert page.locator(".kp-keuze").is_visible()
        assert page.text_content("#kp-keuze-status") == "1 kaart gekozen."
    finally:
        context.close()


def test_all_cards_start_in_the_first_screen_on_a_laptop(browser, served_site):
    context = screen(browser, SCREENS["laptop"])
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/", wait_until="load")
        assert in_first_screen(page, "#kp-resultaat")
        assert in_first_screen(page, ".kp-tegel .kp-tegel__titel a")
    finally:
        context.close()


def test_nothing_found_says_so_kindly_and_one_click_shows_all_cards(browser, served_site, data):
    context = screen(browser, SCREENS["laptop"])
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/?q=zebrapad", wait_until="load")
        assert page.locator(".kp-geen").is_visible()
        # No empty "Inhoudsopgave" beside it.
        assert page.locator(".md-sidebar--secondary").is_hidden()
        assert page.locator("[data-kp-trek-link]").is_hidden()
        page.click(".kp-geen button")
        assert page.locator(".kp-tegel[data-id]:not([hidden])").count() == len(data.kaarten)
        assert page.locator(".md-sidebar--secondary").is_visible()
    finally:
        context.close()


def test_the_e_filter_says_that_only_some_cards_have_an_e(browser, served_site, data):
    with_e = sum(1 for k in data.kaarten if k.e)
    assert 0 < with_e < len(data.kaarten)
    context = screen(browser, SCREENS["telefoon"])
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/?e=ethiek", wait_until="load")
        status = page.text_content("#kp-resultaat")
        assert status.endswith(f"Alleen {with_e} kaarten hebben een E.")
        assert page.text_content("#kp-e-uitleg") == f"Alleen {with_e} van de {len(data.kaarten)} kaarten hebben een E."
        assert page.get_attribute("#kp-e", "aria-describedby") == "kp-e-uitleg"
    finally:
        context.close()


def test_the_intro_of_the_card_browser_does_not_count_the_cards(built_site):
    """A count in the intro ("Hier staan alle 34 kaarten") was wrong as soon as a filter was
    on; the status line under the filter counts what is shown."""
    intro = soup(built_site, "kaarten").select_one(".kp-browser__intro").get_text()
    assert not re.search(r"\d+ kaarten", intro)


# --- one card design; the words once ---------------------------------------------------------

def test_same_words_on_the_cards_the_issue_names(data):
    by_id = {k.id: k for k in data.kaarten}
    assert by_id["beken-je-eigen-kracht"].tekst_is_titel  # "(Be)ken je eigen kracht" / "(Be)ken je eigen kracht."
    assert by_id["denken-in-mogelijkheden"].tekst_is_titel  # "Denk in mogelijkheden" / "Denken in mogelijkheden."
    assert not by_id["iedereen-hoort-erbij"].tekst_is_titel  # the text says more
    assert not by_id["blijf-gesprek"].tekst_is_titel
    assert same_words("Samen koffie", "samen, koffie!")
    assert not same_words("Samen koffie", "Samen thee")
    assert not same_words("Ga", "Gaat niet")


def _title_and_text(card) -> tuple[str, str | None]:
    title = card.select_one(".kp-kaart__titel, .kp-tegel__titel, .kp-kaartzijde__titel").get_text(" ", strip=True)
    text = card.select_one(".kp-kaart__tekst, .kp-tegel__tekst, .kp-kaartzijde__tekst")
    return title, text.get_text(" ", strip=True) if text else None


def test_no_card_shows_its_text_twice(built_site, data):
    """On its page, on "Trek een kaart", as a tile and as a printed face: a card whose text
    repeats its title shows the words once, the source's own (its text)."""
    cards = []
    for kaart in data.kaarten:
        cards += soup(built_site, kaart.url).select(".kp-kaart")
    cards += soup(built_site, "kaarten/trek").select(".kp-trek__kaart")
    cards += soup(built_site, "kaarten").select(".kp-tegel")
    printed = soup(built_site, "kaarten/printen")
    for template in printed.select(".kp-printbron template"):
        cards += BeautifulSoup(template.decode_contents(), "html.parser").select(".kp-kaartzijde--voor")
    assert len(cards) >= 4 * len(data.kaarten)
    for card in cards:
        title, text = _title_and_text(card)
        assert text is None or not same_words(title, text), title
    page = soup(built_site, "kaarten/denken-in-mogelijkheden")
    assert page.select_one("h1").get_text(strip=True) == "Denken in mogelijkheden."
    assert page.select_one(".kp-kaart__tekst") is None


def test_the_card_on_screen_is_the_printed_card(built_site, data):
    """Band in the theme's colour with the theme and the number, the card's title as the
    page's heading, the same typeface as the PDF decks, figures with a plain zero."""
    kaart = data.kaart("blijf-gesprek")
    page = soup(built_site, kaart.url)
    card = page.select_one(".kp-kaart")
    assert f"kp-thema-rand--{kaart.thema}" in card["class"]
    band = card.select_one(".kp-kaart__band")
    assert band.select_one(".kp-kaart__thema").get_text(strip=True) == data.thema(kaart.thema).naam
    assert band.select_one(".kp-kaart__nummer").get_text(strip=True) == f"Kaart {kaart.nummer}"
    assert card.select_one("h1").get_text(strip=True) == kaart.titel
    # The stylesheet the card page links (joined and minified by the build, see stylesheets.py)
    # and the print sheet of the PDF decks.
    linked = page.select_one('link[rel="stylesheet"][href*="stylesheets/kennisplein"]')["href"]
    css = (built_site / kaart.url.strip("/") / linked).resolve().read_text(encoding="utf-8")
    print_css = (STYLESHEETS / "kennisplein-kaartvel.css").read_text(encoding="utf-8")
    for sheet in (css, print_css):
        assert re.search(r'url\("../fonts/atkinson-hyperlegible-regular\.(ttf|woff2)"\)', sheet)
        assert re.search(r'"Kennisplein Cijfers";\s*src:\s*url\("../fonts/kennisplein-cijfers-regular\.(ttf|woff2)"\)', sheet)
        assert re.search(r"unicode-range:\s*U\+0030-0039", sheet)
    assert re.search(r'--md-text-font:\s*"Kennisplein Cijfers",\s*"Atkinson Hyperlegible"', css)


def test_the_site_has_a_logo_of_its_own(built_site):
    page = soup(built_site, "")
    logo = page.select_one(".md-header__button.md-logo img")
    assert logo["src"].endswith("assets/images/logo.svg")
    assert (built_site / "assets/images/logo.svg").read_text(encoding="utf-8").startswith("<svg")


# --- words for the public, notes for the curious -----------------------------------------------

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# A commit or content hash: 7 to 40 hexadecimal characters with at least one letter and one digit.
HASH = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b")


def visible_text(path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    return page.get_text(" ")


def test_no_public_page_shows_a_hash_or_an_iso_date(built_site):
    """Technical facts (the edition's version, ISO dates) belong on Over deze site and in the
    editors' guide; every other page writes dates in Dutch."""
    found = {}
    for file in sorted(built_site.rglob("index.html")):
        path = file.relative_to(built_site).parent.as_posix()
        if path in ("over", "bijdragen"):
            continue
        text = visible_text(file)
        hits = ISO_DATE.findall(text) + HASH.findall(text)
        if hits:
            found[path] = hits[:3]
    assert found == {}
    over = visible_text(built_site / "over" / "index.html")
    assert not ISO_DATE.search(over)  # Over deze site, too, writes the edition's date in Dutch


def test_the_gate_for_hashes_and_iso_dates_can_fail():
    text = "Alle bestanden zijn van de editie van 2026-11-26 (versie 593dbb610e)."
    assert ISO_DATE.findall(text) == ["2026-11-26"] and HASH.findall(text) == ["593dbb610e"]
    assert HASH.findall("kwalitijd 2022 deadbeef") == []  # words and years are no hashes


def test_editorial_notes_are_folded_into_a_verantwoording(built_site, data):
    kaart = next(k for k in data.kaarten if k.indeling_redactioneel)
    page = soup(built_site, kaart.url)
    note = page.find(string=re.compile("gekozen door de redactie"))
    assert note and note.find_parent("details", class_="kp-verantwoording")
    assert page.select_one("details.kp-verantwoording > summary").get_text(strip=True) == "Verantwoording"
    model = soup(built_site, "model")
    assert "geen omschrijving" not in model.get_text()
    assert model.select_one("details.kp-verantwoording")
    sessie = next(s for s in data.sessies if s.bronnen_verschillen)
    assert soup(built_site, sessie.url).select_one("details.kp-verantwoording.kp-verschil")
    downloads = soup(built_site, "downloads")
    technical = downloads.select_one("details.kp-verantwoording").get_text()
    assert "Draft 2020-12" in technical and "UTF-8" in technical


def test_abbreviations_get_their_meaning_from_one_list_and_keep_their_words(built_site, data):
    sources = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.yaml")))
    for name in AFKORTINGEN:  # only abbreviations the data really uses
        assert re.search(rf"\b{re.escape(name)}\b", sources), name
    kaart = data.kaart("rebelse-wijsheid")
    card = soup(built_site, kaart.url).select_one(".kp-kaart")
    abbr = card.select_one(".kp-kaart__tekst abbr")
    assert abbr.get_text() == "VG" and abbr["title"] == AFKORTINGEN["VG"].betekenis
    assert card.select_one(".kp-kaart__tekst").get_text() == kaart.tekst  # the words unchanged
    west = soup(built_site, "sessies/2022-10-19-west")
    assert {a["title"] for a in west.select("abbr") if a.get_text() == "EMB"} == {AFKORTINGEN["EMB"].betekenis}
    over = soup(built_site, "over").select_one(".kp-afkortingen")
    assert [dt.get_text(strip=True) for dt in over.select("dt")] == list(AFKORTINGEN)


# --- search that serves visitors --------------------------------------------------------------

def _search(page, served_site, words: str) -> list[str]:
    page.goto(served_site + "kaarten/", wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type(words)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta') && !/initialiseren/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=15_000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.getAttribute('href'))")


def test_the_public_search_leaves_out_the_editors_guide_and_finds_plurals(browser, served_site):
    context = screen(browser, SCREENS["laptop"])
    page = context.new_page()
    try:
        found = _search(page, served_site, "waardering")
        assert found and not [h for h in found if "bijdragen" in h]
        page.fill(".md-search__input", "")
        found = _search(page, served_site, "gewoonten")
        assert any(re.search(r"kaarten/[a-z0-9-]+/", h) for h in found), found
    finally:
        context.close()


def test_the_guide_and_code_blocks_stay_out_of_the_search_index(built_site):
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("bijdragen/")]
    assert not [d for d in index["docs"] if "<pre" in d["text"]]
    # Words stay as they are in the index (Material's wildcard queries skip lunr's stemmer);
    # the Dutch stems come in with the query (zoeken-nl.js).
    assert index["config"]["lang"] == ["nl"] and "stemmer" not in index["config"]["pipeline"]
    config = json.loads(BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
                        .select_one("#__config").string)
    assert re.fullmatch(r"assets/javascripts/workers/zoeken-nl\.js\?material=search\.[0-9a-f]+\.min\.js", config["search"])
    assert (built_site / config["search"].split("?")[0]).is_file()
    assert (built_site / "assets/javascripts/workers" / config["search"].split("=")[1]).is_file()


# --- Bijdragen ---------------------------------------------------------------------------------

def test_bijdragen_is_in_the_footer_not_the_main_menu(built_site):
    home = soup(built_site, "")
    assert not [a for a in home.select(".md-nav--primary a") if a.get_text(strip=True) == "Bijdragen"]
    assert [a for a in home.select(".md-footer a") if a.get_text(strip=True) == "Bijdragen"]
    guide = soup(built_site, "bijdragen").get_text(" ")
    assert "stap 3 maakte" not in guide and "punt 3 hierboven" in guide


def test_the_guide_links_the_repository_configured_once():
    address = "https://github.com/voorbeeld/kennisplein"
    text = site_markdown(repo_url=address)
    assert f"[de repository van deze site]({address})" in text
    assert REPOSITORY_STEP not in text
    assert REPOSITORY_STEP in site_markdown()  # no address configured: no link, no guess
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "repo_url: !ENV [KENNISPLEIN_REPO_URL, null]" in config
    workflow = (ROOT / ".github/workflows/publiceer.yml").read_text(encoding="utf-8")
    assert "KENNISPLEIN_REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in workflow


# --- what is new --------------------------------------------------------------------------------

def test_the_atom_feed_is_valid_and_lists_every_session_report(built_site, data):
    feed = ET.parse(built_site / "nieuw" / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287, 4.1.1: a feed has an id, a title, updated, an author, and a self link.
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].endswith("/nieuw/atom.xml") and links["alternate"].endswith("/nieuw/")
    date = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$")
    assert date.match(feed.findtext(f"{ATOM}updated"))
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) == len(data.sessies) + len(data.kaarten)
    for entry in entries:  # 4.1.2: id, title, updated; a link, since there is no content
        assert entry.findtext(f"{ATOM}title") and date.match(entry.findtext(f"{ATOM}updated"))
        assert [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
    hrefs = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert {h for h in hrefs if "/sessies/" in h} == {SITE_URL + s.url for s in data.sessies}
    # Dates come from the data: a dated session has its own date.
    oost = next(e for e in entries if e.find(f"{ATOM}link").get("href").endswith("/sessies/2022-09-09-oost/"))
    assert oost.findtext(f"{ATOM}updated").startswith("2022-09-09")


def test_every_page_links_the_feed_and_the_page_says_what_its_dates_mean(built_site, data):
    for path in ("", "kaarten", "kaarten/blijf-gesprek", "sessies", "over"):
        link = soup(built_site, path).select_one("head link[rel~=alternate][type='application/atom+xml']")  # as feed readers read it
        assert link and link["href"].endswith("nieuw/atom.xml")
    page = soup(built_site, "nieuw")
    assert "De datum is die van de sessie." in page.get_text()
    assert "De bronnen geven een kaart geen datum." in page.get_text()
    for listing in page.select(".kp-nieuw"):
        dates = [t["datetime"] for t in listing.select("time")]
        assert dates == sorted(dates, reverse=True)  # newest first
        for time in listing.select("time"):  # in Dutch: "9 september 2022", "februari 2025"
            assert re.fullmatch(r"(\d{1,2} )?[a-z]+ \d{4}", time.get_text(strip=True))


# --- the print preview ------------------------------------------------------------------------

def test_the_print_preview_fits_every_width_after_every_resize(browser, served_site, data):
    context = screen(browser, SCREENS["laptop"])
    page = context.new_page()
    try:
        ids = ",".join(k.id for k in data.kaarten[:3])
        page.goto(served_site + f"kaarten/printen/?kaarten={ids}", wait_until="load")
        zooms = {}
        for width in (376, 1280, 376, 900, 1280, 500, 376, 320, 1920, 376):
            page.set_viewport_size({"width": width, "height": 800})
            page.wait_for_timeout(120)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{width}px: {overflow}px te breed"
            zooms.setdefault(width, set()).add(page.evaluate("document.getElementById('kp-vellen').style.zoom"))
        assert all(len(seen) == 1 for seen in zooms.values()), zooms  # the same size at the same width
    finally:
        context.close()
