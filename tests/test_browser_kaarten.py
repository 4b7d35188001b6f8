"""The flows a trainer uses, in Chromium: filter and share, back and forward, choose cards
to print, copy a link or a citation, draw cards, follow an old link, on a phone and by
keyboard only."""

from __future__ import annotations

import pytest

from helpers import MINI_DATA, SITE_URL, copy_data
from kaart_fixtures import rename_card
from kennisplein.serving import serve_directory as serve
from kennisplein.sharing import absolute_url




def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(".kp-tegel[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")


def form_values(page) -> dict[str, str]:
    return page.eval_on_selector(
        "form[data-kp-filter]",
        "f => Object.fromEntries(['q','thema','voor','e','sessie'].map(n => [n, f.elements[n].value]))",
    )


# --- the card browser ----------------------------------------------------------------------

def test_filter_then_share_the_url_and_see_the_same_cards(served_site, browser, page, data):
    page.goto(served_site + "kaarten/")
    assert len(visible_ids(page)) == len(data.kaarten)
    page.select_option("#kp-thema", "teamwerk")
    page.select_option("#kp-voor", "team")
    expected = [k.id for k in data.kaarten if k.thema == "teamwerk" and "team" in k.voor]
    assert 0 < len(expected) < len(data.kaarten)
    assert visible_ids(page) == expected
    page.fill("#kp-q", "Elkaar")  # case and the text filter combine with the lists
    shown = visible_ids(page)
    assert shown and set(shown) < set(expected)
    assert "thema=teamwerk" in page.url and "voor=team" in page.url and "q=Elkaar" in page.url
    # The count is announced once typing pauses.
    page.wait_for_function(f"document.getElementById('kp-resultaat').textContent === '{len(shown)} van de {len(data.kaarten)} kaarten.'")
    # Groups without a match disappear, with their entry in the table of contents.
    assert page.locator("#groep-reflectie").is_hidden()

    shared = page.url
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    fresh = other.new_page()
    fresh.goto(shared)
    assert visible_ids(fresh) == shown
    assert form_values(fresh) == {"q": "Elkaar", "thema": "teamwerk", "voor": "team", "e": "", "sessie": ""}
    # Material's own site search also reads ?q=; it must stay closed here.
    assert not fresh.evaluate("document.getElementById('__search').checked")
    assert fresh.url == shared
    other.close()


def test_back_and_forward_restore_the_filter(served_site, page, data):
    page.goto(served_site + "kaarten/")
    page.select_option("#kp-thema", "reflectie")
    page.select_option("#kp-e", "energie")
    page.fill("#kp-q", "w")
    page.fill("#kp-q", "waardering")  # typing on: one history entry for the whole search
    with_search = visible_ids(page)
    page.go_back()
    assert form_values(page)["q"] == "" and form_values(page)["e"] == "energie"
    assert visible_ids(page) == [k.id for k in data.kaarten if k.thema == "reflectie" and "energie" in k.e]
    page.go_back()
    assert form_values(page) == {"q": "", "thema": "reflectie", "voor": "", "e": "", "sessie": ""}
    page.go_back()
    assert visible_ids(page) == [k.id for k in data.kaarten]
    assert page.url == served_site + "kaarten/"
    page.go_forward()
    page.go_forward()
    page.go_forward()
    assert form_values(page)["q"] == "waardering"
    assert visible_ids(page) == with_search


def test_session_filter_and_an_empty_result(served_site, page, data):
    page.goto(served_site + "kaarten/?sessie=2022-09-09-oost")
    assert visible_ids(page) == [k.id for k in data.kaarten_uit_sessie("2022-09-09-oost")]
    page.fill("#kp-q", "zzzgeenkaart")
    assert visible_ids(page) == []
    assert page.locator(".kp-geen").is_visible()
    page.click(".kp-geen button")
    assert visible_ids(page) == [k.id for k in data.kaarten]
    assert page.url == served_site + "kaarten/"


def test_unknown_values_in_a_link_are_ignored(served_site, page, data):
    page.goto(served_site + "kaarten/?thema=bestaat-niet&voor=team")
    assert form_values(page)["thema"] == ""
    assert visible_ids(page) == [k.id for k in data.kaarten_voor("team")]


def test_search_finds_keywords_and_ignores_accents(served_site, page, data):
    kaart = next(k for k in data.kaarten if any(w not in (k.titel + k.tekst).lower() for w in k.trefwoorden))
    word = next(w for w in kaart.trefwoorden if w not in (kaart.titel + kaart.tekst).lower())
    page.goto(served_site + "kaarten/?q=" + word)
    assert kaart.id in visible_ids(page)
    page.goto(served_site + "kaarten/?q=printen")  # words of the controls are not searched
    assert visible_ids(page) == []
    page.goto(served_site + "kaarten/?q=client")  # finds 'cliënt'
    assert visible_ids(page)
    assert all("client" in t for t in page.eval_on_selector_all(
        ".kp-tegel:not([hidden])", "els => els.map(e => (e.textContent + e.dataset.zoek).normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase())"))


def test_choose_cards_and_open_the_print_page_with_them(served_site, page, data):
    page.goto(served_site + "kaarten/?thema=goed-werkgeverschap")
    shown = visible_ids(page)
    assert page.get_attribute("#kp-print", "href") == "printen/?kaarten=" + ",".join(shown)
    assert page.text_content("#kp-print") == f"Print de getoonde kaarten ({len(shown)})"
    page.check(f'.kp-kies[value="{shown[1]}"]')
    page.check(f'.kp-kies[value="{shown[0]}"]')
    assert page.get_attribute("#kp-print", "href") == f"printen/?kaarten={shown[0]},{shown[1]}"
    assert page.text_content("#kp-keuze-status") == "2 kaarten gekozen."
    # The choice stays when the filter changes; "choose all shown" adds the shown cards.
    page.select_option("#kp-thema", "teamwerk")
    page.click("#kp-kies-alle")
    teamwerk = visible_ids(page)
    chosen = [k.id for k in data.kaarten if k.id in set(shown[:2]) | set(teamwerk)]
    href = page.get_attribute("#kp-print", "href")
    assert href == "printen/?kaarten=" + ",".join(chosen)
    page.click("#kp-print")
    page.wait_for_url("**/kaarten/printen/?kaarten=*")
    assert page.url == served_site + "kaarten/" + href
    page.go_back()
    page.click("#kp-wis-keuze")
    assert page.text_content("#kp-print").startswith("Print de getoonde kaarten")


def test_keyboard_only(served_site, page, data):
    page.goto(served_site + "kaarten/")
    page.focus("#kp-q")
    page.keyboard.type("gesprek")
    assert "q=gesprek" in page.url
    page.keyboard.press("Tab")  # to Thema
    assert page.evaluate("document.activeElement.id") == "kp-thema"
    page.keyboard.press("ArrowDown")
    assert form_values(page)["thema"] == data.themas[0].id
    for _ in range(4):  # Voor wie, E, Sessie, Wis alle filters
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    assert form_values(page)["thema"] == "" and visible_ids(page) == [k.id for k in data.kaarten]
    assert page.evaluate("document.activeElement.id") == "kp-q"
    # A tick box on a tile is reached by Tab and ticked with Space.
    page.focus(f'#kaart-{data.kaarten[0].id} .kp-tegel__titel a')
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.text_content("#kp-keuze-status") == "1 kaart gekozen."
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_filtering_moves_nothing_above_the_cards(served_site, page):
    page.add_init_script("""window.kpShifts = 0; new PerformanceObserver(list => {
        for (const e of list.getEntries()) window.kpShifts += e.value; }).observe({type: 'layout-shift', buffered: true});""")
    page.goto(served_site + "kaarten/?thema=teamwerk&q=team")
    page.wait_for_timeout(300)
    # Loading a filtered link keeps the page below the header out of sight until kaarten.js
    # has chosen the cards (main.html: kp-wacht): no shift at all.
    assert page.evaluate("window.kpShifts") == 0
    before = page.eval_on_selector_all("form[data-kp-filter], #kp-resultaat, .kp-keuze", "els => els.map(e => e.getBoundingClientRect().top)")
    page.select_option("#kp-thema", "reflectie")
    page.fill("#kp-q", "")
    page.select_option("#kp-voor", "bestuurder")
    after = page.eval_on_selector_all("form[data-kp-filter], #kp-resultaat, .kp-keuze", "els => els.map(e => e.getBoundingClientRect().top)")
    assert after == before
    # Neither does "Trek een kaart" when it swaps the first card for a drawn one.
    page.goto(served_site + "kaarten/trek/")
    page.wait_for_timeout(300)
    assert page.evaluate("window.kpShifts") == 0


def test_without_javascript_every_card_shows_and_no_dead_controls(served_site, browser, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "kaarten/?thema=teamwerk")
    assert page.locator(".kp-tegel").count() == len(data.kaarten)
    assert page.locator(".kp-tegel:visible").count() == len(data.kaarten)
    assert page.locator("form[data-kp-filter]").is_hidden()
    assert page.locator(".kp-kies").first.is_hidden()
    explanation = page.locator(".kp-browser noscript p")
    assert explanation.is_visible()
    assert explanation.inner_text().startswith("Zoeken, filteren en kaarten kiezen om te printen werkt met JavaScript.")
    context.close()


def test_filter_function_is_exposed_for_the_benchmark(served_site, page):
    """`make bench` times KennispleinKaarten.filter and .browser.apply (benchmarks/bench.py, FILTER_TIMING)."""
    page.goto(served_site + "kaarten/")
    result = page.evaluate("""() => {
        const K = window.KennispleinKaarten, themas = ['reflectie', 'teamwerk', 'goed-werkgeverschap'];
        const items = Array.from({length: 1000}, (_, i) => ({id: 'k' + i, thema: themas[i % 3],
            voor: i % 2 ? ['team'] : ['medewerker'], e: ['energie'], sessies: [],
            tekst: K.normalise('Kaart ' + i + (i % 10 ? '' : ' overdracht'))}));
        return [K.filter(items, {thema: 'teamwerk', q: 'OVERDRACHT'}).length, K.filter(items, {}).length,
                K.browser.apply({voor: 'bestuurder'})];
    }""")
    assert result[0] == len([i for i in range(1000) if i % 3 == 1 and i % 10 == 0])
    assert result[1] == 1000
    assert result[2] == len(visible_ids(page)) > 0


# --- one card --------------------------------------------------------------------------------

def test_copy_link_and_citation(served_site, page, data):
    kaart = data.kaart("blijf-gesprek")
    page.goto(served_site + kaart.url)
    page.click("text=Kopieer link")
    page.wait_for_function("document.getElementById('kp-kopieer-status').textContent !== ''")
    assert page.text_content("#kp-kopieer-status") == "De link naar deze kaart is gekopieerd."
    assert page.evaluate("navigator.clipboard.readText()") == absolute_url(SITE_URL, kaart.url)
    # By keyboard: Tab to the next button, Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('kp-kopieer-status').textContent.includes('bronvermelding')")
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith(f"“{kaart.titel}”.") and citation.endswith(absolute_url(SITE_URL, kaart.url))
    assert "Kennisplein Goed Werk, editie" in citation


def test_copy_without_clipboard_selects_the_text_and_says_how(served_site, browser, data):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(navigator, 'clipboard', {value: undefined});
        document.execCommand = () => false;""")
    page = context.new_page()
    kaart = data.kaart("blijf-gesprek")
    page.goto(served_site + kaart.url)
    page.click("text=Kopieer bronvermelding")
    assert "druk op Ctrl+C" in page.text_content("#kp-kopieer-status")
    assert page.evaluate("getSelection().toString()") == page.text_content("#kp-bronvermelding")
    context.close()


def test_printing_a_card_gives_one_clean_card(served_site, page, data):
    kaart = data.kaart("blijf-gesprek")
    page.goto(served_site + kaart.url)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".kp-delen", "#herkomst", ".kp-bladeren", ".kp-tegels"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".kp-kaart__tekst").is_visible()
    assert page.locator(".kp-kaart__papier img").is_visible()
    assert absolute_url(SITE_URL, kaart.url) in page.text_content(".kp-kaart__papier")
    from io import BytesIO

    from pypdf import PdfReader

    pdf = PdfReader(BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Waar komt deze gewoonte vandaan" not in text and "Kopieer" not in text


# --- Trek een kaart ----------------------------------------------------------------------------

def drawn(page) -> tuple[str, str]:
    card = page.locator(".kp-trek__kaart:not([hidden])")
    assert card.count() == 1
    return card.get_attribute("data-id"), card.locator(".kp-kaart__open a").get_attribute("href")


def test_draw_three_cards_and_open_the_third(served_site, page, data):
    page.goto(served_site + "kaarten/trek/")
    seen = [drawn(page)]
    for _ in range(2):
        page.click("#kp-volgende")
        seen.append(drawn(page))
    ids = [ident for ident, _ in seen]
    assert len(set(ids)) == 3
    assert all(href == f"../{ident}/" for ident, href in seen)
    # The status names the card as the card shows it: its text where that repeats the title
    # ("Denken in mogelijkheden." for "Denk in mogelijkheden"); no second full stop after ? or !
    kaart = data.kaart(ids[2])
    title = kaart.tekst if kaart.tekst_is_titel else kaart.titel
    assert page.text_content("#kp-resultaat").startswith(f"Getrokken: {title}{'' if title[-1] in '.!?' else '.'}")
    page.click(".kp-trek__kaart:not([hidden]) .kp-kaart__open a")
    assert page.url == served_site + data.kaart(ids[2]).url
    assert page.text_content("h1") == data.kaart(ids[2]).titel


def test_draw_from_the_browsers_filter(served_site, page, data):
    page.goto(served_site + "kaarten/?thema=teamwerk&voor=medewerker")
    page.click("[data-kp-trek-link]")
    page.wait_for_url(served_site + "kaarten/trek/?thema=teamwerk&voor=medewerker")  # a busy machine: the click only starts it
    page.wait_for_load_state()
    pool = {k.id for k in data.kaarten if k.thema == "teamwerk" and "medewerker" in k.voor}
    seen = []
    for _ in range(len(pool)):
        seen.append(drawn(page)[0])
        page.click("#kp-volgende")
    assert set(seen) == pool  # a whole deck, each card once
    assert page.locator(".kp-trek__filter").get_attribute("open") is not None
    page.select_option("#kp-thema", "")
    page.select_option("#kp-voor", "")
    assert page.url == served_site + "kaarten/trek/"
    assert page.get_attribute("[data-kp-overzicht-link]", "href") == "../"


# --- an old link ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def renamed_site(mkdocs, tmp_path_factory):
    """The mini site after an editor renamed 'blijf-gesprek' and kept the old id."""
    root = tmp_path_factory.mktemp("hernoemd")
    data = copy_data(MINI_DATA, root / "data")
    rename_card(data, "blijf-gesprek", "jaarlijks-blijf-gesprek")
    result = mkdocs(root / "site", data)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_old_card_address_lands_on_the_card(renamed_site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(renamed_site + "kaarten/blijf-gesprek/?thema=x#herkomst")
    page.wait_for_url("**/kaarten/jaarlijks-blijf-gesprek/**")
    assert page.text_content("h1") == "Een blijf-gesprek in plaats van een exitgesprek"
    if javascript:  # the script keeps the query and the anchor of the old link
        assert page.url.endswith("/kaarten/jaarlijks-blijf-gesprek/?thema=x#herkomst")
    context.close()


# --- a phone -------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["kaarten/", "kaarten/blijf-gesprek/", "kaarten/trek/"])
def test_375_px_wide_nothing_sticks_out(served_site, browser, url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_site + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for control in page.locator(".kp-knop:visible, .kp-veld select, .kp-veld input").all():
        box = control.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 375
    context.close()


def test_375_px_filter_by_touch(served_site, browser, data):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_site + "kaarten/")
    page.tap("#kp-q")
    page.keyboard.type("team")
    page.select_option("#kp-thema", "teamwerk")
    assert visible_ids(page) and all(i in {k.id for k in data.kaarten_met_thema("teamwerk")} for i in visible_ids(page))
    page.tap('.kp-tegel:not([hidden]) .kp-tegel__kies')
    assert page.text_content("#kp-keuze-status") == "1 kaart gekozen."
    context.close()
