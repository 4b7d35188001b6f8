"""Presentation mode (/kaarten/presenteren/) and the fixes to "Trek een kaart", in Chromium:
the card fills the screen in the printed design, keys, swipes, the order and position kept in
the tab, the end of the deck, the timer, the QR code, the Presenteer buttons, accessibility."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from quality_gates import axe_violations, horizontal_overflow, tab_through

URL = "kaarten/presenteren/"


@pytest.fixture
def open_at(new_context, served_site):
    """Open a page at a window size in a fresh context; returns a function (path, width, height)."""
    def opener(path: str, width: int = 1280, height: int = 720, referer: str | None = None, **options):
        page = new_context(width, height, **options).new_page()
        page.goto(served_site + path, wait_until="load", referer=referer)
        return page

    return opener


def shown(page) -> str:
    """The id of the card on the podium ('' at the end of the deck)."""
    return page.evaluate("() => { const f = document.querySelector('#kp-podium-kaart .kp-kaartzijde'); return f ? f.dataset.kaart : ''; }")


def deck(page) -> list[str]:
    return page.evaluate("KennispleinPresentatie.ids()")


# --- on a projector ---------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720)])
def test_the_printed_card_fills_most_of_the_screen_without_the_sites_navigation(open_at, width, height):
    page = open_at(URL, width, height)
    card = page.locator("#kp-podium-kaart .kp-kaartzijde--voor")
    box = card.bounding_box()
    assert box["height"] >= 0.8 * height, f"{box['height']:.0f} of {height}px"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height and 0 <= box["x"] and box["x"] + box["width"] <= width
    # The printed deck's design: the front of print/_kaart.html, with its band and its footer.
    assert card.locator(".kp-kaartzijde__band").is_visible() and card.locator(".kp-kaartzijde__voet").is_visible()
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    stop = page.get_by_role("link", name="Stoppen met presenteren")
    assert stop.is_visible() and stop.bounding_box()["y"] + stop.bounding_box()["height"] <= height
    assert horizontal_overflow(page) <= 0


def test_right_arrow_changes_the_card_and_a_reload_shows_the_same_card_in_the_same_order(open_at):
    page = open_at(URL)
    order, first = deck(page), shown(page)
    assert first == order[0] and len(order) > 30
    page.keyboard.press("ArrowRight")
    assert shown(page) == order[1]
    page.keyboard.press("ArrowRight")
    page.reload(wait_until="load")
    assert deck(page) == order and shown(page) == order[2]
    # Its place in the presentation, kept apart from the card's number on its band.
    assert page.locator("#kp-plek").inner_text() == f"3 van {len(order)}"


def test_the_address_chooses_cards_in_its_order_and_the_deck_ends_and_starts_again(open_at, data):
    a, b = data.kaarten[5].id, data.kaarten[1].id
    page = open_at(f"{URL}?kaarten={a},{b}")
    assert deck(page) == [a, b] and shown(page) == a
    page.keyboard.press("ArrowRight")
    assert shown(page) == b
    page.keyboard.press("ArrowRight")
    assert shown(page) == ""
    assert page.get_by_role("heading", name="Dat was de laatste kaart.").is_visible()
    assert "Einde van de stapel" in page.locator("#kp-presentatie-status").inner_text()
    page.get_by_role("button", name="Begin opnieuw", exact=True).click()
    assert shown(page) == a
    assert page.evaluate("document.activeElement.id") == "kp-volgende"


def test_the_filter_of_the_card_browser_chooses_the_same_cards(open_at, data):
    page = open_at(f"{URL}?thema=teamwerk&voor=team")
    expected = [k.id for k in data.kaarten if k.thema == "teamwerk" and "team" in k.voor]
    assert expected and deck(page) == expected


def test_a_search_word_chooses_what_the_card_browser_finds(open_at):
    """The text filter reads the printed front (theme, title, text, roles) and the other
    wordings, as the card browser reads its tiles."""
    browser_page = open_at("kaarten/?q=stagiaire")
    found = browser_page.eval_on_selector_all(".kp-tegel[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert found
    page = open_at(f"{URL}?q=stagiaire")
    assert deck(page) == found
    assert not page.locator("#__search").is_checked()  # q is the card filter, not Material's site search
    assert page.url.endswith("?q=stagiaire")
    assert deck(open_at(f"{URL}?q=leidinggevende&thema=teamwerk")) == open_at("kaarten/?q=leidinggevende&thema=teamwerk").eval_on_selector_all(
        ".kp-tegel[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")


def test_without_a_choice_the_whole_set_is_shuffled(open_at, data):
    first, second = deck(open_at(URL)), deck(open_at(URL))
    everything = sorted(k.id for k in data.kaarten)
    assert sorted(first) == sorted(second) == everything
    assert first != second  # 34 cards: the same order twice is as good as impossible


def test_the_first_card_is_on_the_podium_before_any_script_file(new_context, served_site, data):
    """The script files come after the first paint (na-laden.js); presenteren-begin.js, written
    into the page, shows the first card before them, at its size, once the page has loaded.
    The script then deals the rest behind that very card (the same element: nothing is drawn
    twice)."""
    context = new_context(1280, 720)
    context.route(re.compile(r".*/javascripts/[^/]+\.js(\?.*)?$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(served_site + URL)
    first = shown(page)
    assert first in {k.id for k in data.kaarten}
    assert page.locator("#kp-podium-kaart").evaluate("e => parseFloat(e.style.zoom)") > 1
    assert page.locator("#kp-podium-kaart .kp-kaartzijde__titel").is_visible()
    assert page.locator("[data-kp-presentatie]").get_attribute("data-eerste") == first

    page = new_context(1280, 720).new_page()
    page.add_init_script("""window.addEventListener('load', () => setTimeout(() => {
        const front = document.querySelector('#kp-podium-kaart .kp-kaartzijde'); if (front) front.kpVanBegin = true; }));""")
    page.goto(served_site + URL)
    assert deck(page)[0] == shown(page) == page.locator("[data-kp-presentatie]").get_attribute("data-eerste")
    assert page.evaluate("document.querySelector('#kp-podium-kaart .kp-kaartzijde').kpVanBegin") is True
    # Where the address chooses the cards, or the tab kept a place, the script decides alone.
    page.goto(served_site + URL + f"?kaarten={data.kaarten[3].id}")
    assert page.locator("[data-kp-presentatie]").get_attribute("data-eerste") is None
    assert shown(page) == data.kaarten[3].id


def test_unknown_ids_are_named_instead_of_an_empty_screen(open_at):
    page = open_at(f"{URL}?kaarten=bestaat-niet")
    assert shown(page) == ""
    assert "bestaat-niet" in page.locator("#kp-einde").inner_text()
    assert page.get_by_role("button", name="Begin opnieuw", exact=True).is_hidden()


def test_every_key(open_at, served_site, data):
    ids = [k.id for k in data.kaarten[:4]]
    page = open_at(f"{URL}?kaarten={','.join(ids)}", referer=served_site + "kaarten/?thema=reflectie")
    page.keyboard.press("Space")
    assert shown(page) == ids[1]
    page.keyboard.press("PageDown")
    assert shown(page) == ids[2]
    page.keyboard.press("ArrowLeft")
    assert shown(page) == ids[1]
    page.keyboard.press("End")
    assert shown(page) == ids[3]
    page.keyboard.press("Home")
    assert shown(page) == ids[0]
    # Material's own shortcuts (F and S open its search) do not apply here.
    page.keyboard.press("s")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    assert page.get_by_role("button", name="Volledig scherm uit").get_attribute("aria-pressed") == "true"
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")
    # Esc leaves, to the page that opened presentation mode.
    page.keyboard.press("Escape")
    page.wait_for_url(served_site + "kaarten/?thema=reflectie")


def test_a_visit_to_a_card_page_keeps_the_position(open_at, served_site):
    page = open_at(URL)
    page.keyboard.press("ArrowRight")
    order, current = deck(page), shown(page)
    page.get_by_role("link", name="open haar hier").click()
    page.wait_for_url(served_site + f"kaarten/{current}/")
    page.go_back(wait_until="load")
    assert deck(page) == order and shown(page) == current
    page.goto(served_site + URL, wait_until="load")  # opened again in the same tab
    assert deck(page) == order and shown(page) == current


def test_a_swipe_turns_the_card(open_at, data):
    ids = [k.id for k in data.kaarten[:3]]
    page = open_at(f"{URL}?kaarten={','.join(ids)}", 768, 1024, has_touch=True)

    def swipe(dx: int) -> None:
        page.evaluate("""(dx) => {
          const podium = document.querySelector('#kp-podium');
          const event = (type, x) => new PointerEvent(type, {bubbles: true, pointerType: 'touch', clientX: x, clientY: 500});
          podium.dispatchEvent(event('pointerdown', 400));
          podium.dispatchEvent(event('pointerup', 400 + dx));
        }""", dx)

    swipe(-200)
    assert shown(page) == ids[1]
    swipe(200)
    assert shown(page) == ids[0]
    swipe(-20)  # a tap, not a swipe
    assert shown(page) == ids[0]


def test_the_timer_says_in_words_when_time_is_up(new_context, served_site, data):
    context = new_context(1280, 720)
    context.clock.install()
    page = context.new_page()
    page.goto(served_site + f"{URL}?kaarten={data.kaarten[0].id},{data.kaarten[1].id}")
    page.get_by_label("Tijd per kaart").select_option("3")
    assert page.locator("#kp-klok").inner_text() == "Nog 3:00"
    context.clock.run_for("02:00")
    assert page.locator("#kp-klok").inner_text() == "Nog 1:00"
    context.clock.run_for("01:01")
    assert page.locator("#kp-klok").inner_text() == "De tijd is om"
    status = page.locator("#kp-presentatie-status")
    assert status.get_attribute("aria-live") == "polite" and status.inner_text() == "De tijd voor deze kaart is om."
    assert page.evaluate("document.querySelectorAll('audio, video').length") == 0
    page.keyboard.press("ArrowRight")  # the next card starts its own time
    assert page.locator("#kp-klok").inner_text() == "Nog 3:00"
    page.reload()
    assert page.get_by_label("Tijd per kaart").input_value() == "3"


def test_the_qr_code_is_the_card_pages_own(open_at, built_site):
    page = open_at(URL, 1920, 1080)
    current = shown(page)
    qr = page.locator("#kp-qr-beeld")
    qr.wait_for(state="visible")
    assert qr.bounding_box()["width"] <= 200
    card_page = BeautifulSoup((built_site / "kaarten" / current / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert qr.get_attribute("src") == card_page.select_one(".kp-qr img")["src"]
    assert qr.get_attribute("src").startswith("data:image/svg+xml,")
    # The next card's code follows the card, also read from its own page.
    page.keyboard.press("ArrowRight")
    following = shown(page)
    page.wait_for_function("([id]) => document.querySelector('#kp-qr-beeld').src.length > 100 && !document.querySelector('#kp-qr').hidden", arg=[following])
    card_page = BeautifulSoup((built_site / "kaarten" / following / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert qr.get_attribute("src") == card_page.select_one(".kp-qr img")["src"]


def test_the_presenteer_buttons_open_the_current_choice(open_at, served_site, data):
    page = open_at("kaarten/")
    button = page.get_by_role("link", name=re.compile("^Presenteer"))
    assert button.get_attribute("href").endswith("presenteren/")  # nothing chosen: the whole set, shuffled
    page.get_by_label("Thema", exact=True).select_option("reflectie")
    assert button.get_attribute("href").endswith("presenteren/?thema=reflectie")
    a, b = data.kaarten[2], data.kaarten[0]
    page.get_by_role("checkbox", name=f"Kies {a.titel} om te printen").check()
    page.get_by_role("checkbox", name=f"Kies {b.titel} om te printen").check()
    assert button.get_attribute("href").endswith(f"presenteren/?kaarten={b.id},{a.id}")
    button.click()
    page.wait_for_url("**/kaarten/presenteren/?kaarten=*")
    assert deck(page) == [b.id, a.id]

    page = open_at("kaarten/trek/?thema=teamwerk")
    assert page.get_by_role("link", name=re.compile("^Presenteer")).get_attribute("href").endswith("presenteren/?thema=teamwerk")


def test_without_javascript_it_says_what_to_do_instead(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_site + URL)
        assert "Presenteren werkt met JavaScript" in page.locator("article").inner_text()
        assert not page.locator("#kp-podium").is_visible()
    finally:
        context.close()


# --- accessibility ----------------------------------------------------------------------------

@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720), (375, 812)])
def test_no_axe_violations_in_any_state(open_at, data, width, height):
    page = open_at(f"{URL}?kaarten={data.kaarten[0].id}", width, height)
    assert axe_violations(page) == []
    page.get_by_label("Tijd per kaart").select_option("5")
    page.locator(".kp-presentatie__hulp summary").click()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Volgende kaart", exact=True).click()
    assert page.get_by_role("heading", name="Dat was de laatste kaart.").is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("width, height", [(1280, 720), (375, 812)])
def test_every_control_is_reached_by_tab_and_visibly_focused(open_at, width, height):
    page = open_at(URL, width, height)
    walk = tab_through(page)
    missed = [walk.controls[i] for i in range(len(walk.controls)) if i not in walk.reached]
    assert len(walk.controls) >= 5
    assert missed == [] and walk.problems == []


def test_every_control_works_by_keyboard_alone(open_at, served_site, data):
    ids = [k.id for k in data.kaarten[:2]]
    page = open_at(f"{URL}?kaarten={','.join(ids)}")
    next_button = page.get_by_role("button", name="Volgende kaart", exact=True)
    next_button.focus()
    page.keyboard.press("Enter")
    assert shown(page) == ids[1]
    page.get_by_role("button", name="Vorige kaart").focus()
    page.keyboard.press("Space")  # on a button, Space presses that button
    assert shown(page) == ids[0]
    page.get_by_label("Tijd per kaart").focus()
    page.keyboard.press("ArrowDown")  # a list keeps its arrow keys
    assert shown(page) == ids[0] and page.get_by_label("Tijd per kaart").input_value() == "3"
    page.locator(".kp-presentatie__hulp summary").focus()
    page.keyboard.press("Enter")
    assert page.locator(".kp-presentatie__hulp").get_attribute("open") is not None
    page.get_by_role("button", name="Volledig scherm").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.fullscreenElement !== null")
    page.keyboard.press("Enter")
    page.wait_for_function("document.fullscreenElement === null")
    page.get_by_role("link", name="Stoppen met presenteren").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + "kaarten/")


# --- Trek een kaart ---------------------------------------------------------------------------

def drawn(page) -> str:
    return page.evaluate("document.querySelector('.kp-trek__kaart:not([hidden])').dataset.id")


def test_trek_keeps_its_deck_when_a_drawn_card_is_opened_and_closed(open_at, served_site, data):
    page = open_at("kaarten/trek/")
    card, status = drawn(page), page.locator("#kp-resultaat").inner_text()
    page.locator(".kp-trek__kaart:not([hidden]) .kp-kaart__open a").click()
    page.wait_for_url(served_site + f"kaarten/{card}/")
    page.go_back(wait_until="load")
    assert drawn(page) == card and page.locator("#kp-resultaat").inner_text() == status
    page.reload(wait_until="load")
    assert drawn(page) == card and page.locator("#kp-resultaat").inner_text() == status
    # Every card comes once before any comes again.
    seen = {card}
    for _ in range(len(data.kaarten) - 1):
        page.get_by_role("button", name="Volgende kaart", exact=True).click()
        seen.add(drawn(page))
    assert len(seen) == len(data.kaarten)


def test_trek_draws_with_a_key_and_ends_the_status_line_once(open_at, data):
    page = open_at("kaarten/trek/?q=wat%20leerde")
    assert drawn(page) == "wat-leerde-je-van-wie"
    status = page.locator("#kp-resultaat").inner_text()
    assert status.startswith("Getrokken: Wat leerde je van wie? Nog ") and "?." not in status
    page = open_at("kaarten/trek/")
    first = drawn(page)
    page.keyboard.press("ArrowRight")
    second = drawn(page)
    page.keyboard.press("Space")
    assert len({first, second, drawn(page)}) == 3
    total = len(data.kaarten)
    assert re.fullmatch(rf"Getrokken: .+[.?!] Nog {total - 3} van de {total} kaarten in de stapel\.", page.locator("#kp-resultaat").inner_text())


def test_trek_uses_the_width_of_a_projector(open_at):
    page = open_at("kaarten/trek/", 1920, 1080)
    card = page.locator(".kp-trek__kaart:not([hidden])").bounding_box()
    assert card["width"] >= 0.6 * 1920, card
    assert not page.locator(".md-sidebar--secondary").is_visible()
