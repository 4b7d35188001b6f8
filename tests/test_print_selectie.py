"""/kaarten/printen/: an own selection printed from the browser, with the layout of the PDF decks.

Chromium opens the page with a selection in the address, and its own print output (a PDF)
is read back like the decks: the cards, their positions, the mirrored backs.
"""

from __future__ import annotations

import pytest

from helpers import SITE_URL
from kaartvel_pdf import card_labels, mirror_problems, page_text, page_words, qr_codes_per_cell, squeeze
from kennisplein.downloads import decks




def open_print_page(page, served_site, query):
    page.goto(served_site + "kaarten/printen/" + query)
    page.wait_for_load_state("networkidle")
    return page


def shown_cards(page, side="voor"):
    return page.eval_on_selector_all(f"#kp-vellen .kp-kaartzijde--{side}", "els => els.map(e => e.dataset.kaart)")


def test_ticked_cards_come_in_their_order_and_unknown_ids_are_named(page, served_site, data):
    ids = [data.kaarten[5].id, data.kaarten[0].id, "bestaat-niet", data.kaarten[5].id]
    open_print_page(page, served_site, "?kaarten=" + ",".join(ids))
    assert shown_cards(page, "voor") == [data.kaarten[5].id, data.kaarten[0].id]
    assert shown_cards(page, "achter") == [data.kaarten[5].id, data.kaarten[0].id]
    status = page.inner_text("#kp-printen-status")
    assert status.startswith("2 kaarten op 1 vel A4 (2 pagina’s)")
    assert "bestaat-niet" in status and data.kaarten[5].titel in status
    assert page.is_enabled("#kp-printen-knop")


def test_cards_ticked_in_the_card_browser_arrive_here(page, served_site, data):
    page.goto(served_site + "kaarten/")
    chosen = [data.kaarten[3], data.kaarten[7]]
    for kaart in chosen:
        page.check(f"#kaart-{kaart.id} .kp-kies")
    page.click("#kp-print")
    page.wait_for_url("**/kaarten/printen/?kaarten=*")
    page.wait_for_load_state("networkidle")
    assert shown_cards(page) == [k.id for k in chosen]


def test_the_card_browser_filter_selects_the_same_cards(page, served_site, data):
    open_print_page(page, served_site, "?thema=teamwerk&voor=team")
    expected = [k.id for k in data.kaarten if k.thema == "teamwerk" and "team" in k.voor]
    assert expected and shown_cards(page) == expected
    assert page.locator("#kp-vellen .kp-vel").count() == 2 * -(-len(expected) // 9)


def test_without_a_selection_it_says_what_to_do(page, served_site):
    open_print_page(page, served_site, "")
    assert "nog geen kaarten gekozen" in page.inner_text("#kp-printen-status")
    assert page.is_disabled("#kp-printen-knop")
    assert page.locator("#kp-vellen .kp-vel").count() == 0


def test_printing_gives_the_layout_of_the_pdf_decks(page, served_site, data, built_site):
    """Chromium's print: fronts then mirrored backs, each card exactly where the deck has it."""
    spec = decks.decks(data)[0]
    chosen = spec.kaarten[:11]  # two sheets: 9 cards, then 2
    open_print_page(page, served_site, "?kaarten=" + ",".join(k.id for k in chosen))
    pdf = built_site.parent / "printen-selectie.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    printed = page_words(pdf)
    assert len(printed) == 4
    for front, back in zip(printed[0::2], printed[1::2]):
        assert mirror_problems(front, back) == []
    for kaart in chosen:
        sheet = 2 * (chosen.index(kaart) // 9)
        assert squeeze(kaart.tekst if kaart.tekst_is_titel else kaart.titel) in squeeze(page_text(printed[sheet]))
        assert f"{SITE_URL}{kaart.url}" in squeeze(page_text(printed[sheet + 1]))
    scanned = [*qr_codes_per_cell(pdf, page=2).values(), *qr_codes_per_cell(pdf, page=4).values()]
    assert sorted(scanned) == sorted(SITE_URL + k.url for k in chosen)  # every back's code scans

    # The same cards in the same places as on the first sheet of the full deck: within half a
    # millimetre (Chromium rounds to its pixels and sets text a hair differently).
    deck = page_words(built_site / "downloads" / spec.bestand)
    for in_browser, in_deck in ((printed[0], deck[2]), (printed[1], deck[3])):
        browser_labels, deck_labels = card_labels(in_browser), card_labels(in_deck)
        assert browser_labels.keys() == deck_labels.keys()
        for number, (x, y) in browser_labels.items():
            assert x == pytest.approx(deck_labels[number][0], abs=1.5) and y == pytest.approx(deck_labels[number][1], abs=1.5)


def test_fronts_only_when_the_backs_are_switched_off(page, served_site, data, built_site):
    open_print_page(page, served_site, "?kaarten=" + ",".join(k.id for k in data.kaarten[:3]))
    page.keyboard.press("Tab")
    page.focus("#kp-printen-achterkanten")
    page.keyboard.press("Space")  # by keyboard
    assert not page.is_checked("#kp-printen-achterkanten")
    assert "1 pagina)" in page.inner_text("#kp-printen-status")
    pdf = built_site.parent / "printen-voorkanten.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    printed = page_words(pdf)
    assert len(printed) == 1 and set(card_labels(printed[0])) == {k.nummer for k in data.kaarten[:3]}


def test_long_texts_fit_their_card_in_the_browser_too(page, served_site, data):
    longest = sorted(data.kaarten, key=lambda k: len(k.titel) + len(k.tekst))[-9:]
    open_print_page(page, served_site, "?kaarten=" + ",".join(k.id for k in longest))
    overflowing = page.evaluate("""() => Array.from(document.querySelectorAll('#kp-vellen .kp-kaartzijde--voor'))
        .filter(f => f.querySelector('.kp-kaartzijde__inhoud').getBoundingClientRect().bottom
                   > f.querySelector('.kp-kaartzijde__voet').getBoundingClientRect().top + 0.5)
        .map(f => f.dataset.kaart)""")
    assert overflowing == []


def test_the_page_fits_a_phone(browser, served_site, data):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nl-NL")
    phone = context.new_page()
    open_print_page(phone, served_site, "?kaarten=" + ",".join(k.id for k in data.kaarten[:4]))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    sheet = phone.locator("#kp-vellen .kp-vel").first.bounding_box()
    assert 0 < sheet["width"] <= 375
    context.close()

