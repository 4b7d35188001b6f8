"""Mijn kaarten: marks and notes on cards, kept in the visitor's browser only (localStorage);
/kaarten/mijn/ lists them by status, saves them to a file that follows its published schema,
reads such a file back (and refuses a broken or foreign one without losing anything), and
erases everything after a confirmation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from helpers import ROOT
from kennisplein import build_site, my_cards
from kennisplein.vocabularies import MIJN_KAARTEN_STATUSSEN
from quality_gates import axe_violations, tab_through

MIJN = "kaarten/mijn/"
STORE = "kennisplein.mijn-kaarten"


@pytest.fixture(scope="module")
def schema(built_site):
    return json.loads((built_site / my_cards.SCHEMA).read_text(encoding="utf-8"))


def stored(page) -> dict:
    return page.evaluate("KennispleinMijnKaarten.all()")


def mark_on_card_page(page, served_site, kaart, status: str, note: str = "") -> None:
    page.goto(served_site + kaart.url, wait_until="load")
    section = page.locator("section.kp-mijn--pagina")
    section.get_by_label(MIJN_KAARTEN_STATUSSEN[status]).check()
    if note:
        section.get_by_label("Notitie").fill(note)
        section.get_by_label("Notitie").blur()


def save_file(page, tmp_path: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Bewaar als bestand").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def read_back(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Zet een bestand terug…").click()
    chooser.value.set_files(str(path))


# --- marking ----------------------------------------------------------------------------------

def test_a_card_is_marked_by_keyboard_alone_and_the_mark_survives_a_reload(new_context, served_site, data):
    page = new_context().new_page()
    kaart = data.kaarten[0]
    page.goto(served_site + kaart.url, wait_until="load")
    first = page.locator("section.kp-mijn--pagina input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")  # the first status
    page.keyboard.press("ArrowDown")  # a radio group: the arrows change the one status
    page.keyboard.press("Tab")
    page.keyboard.type("Bespreken in het teamoverleg van dinsdag")
    page.keyboard.press("Tab")
    expected = {"status": "doe-ik-al", "notitie": "Bespreken in het teamoverleg van dinsdag"}
    assert {k: stored(page)[kaart.id][k] for k in expected} == expected
    assert "Notitie bewaard." in page.locator("section.kp-mijn--pagina [role=status]").inner_text()
    page.reload(wait_until="load")
    section = page.locator("section.kp-mijn--pagina")
    assert section.get_by_label("Doe ik al").is_checked()
    assert section.get_by_label("Notitie").input_value() == expected["notitie"]
    # The mark can be taken away again; the note stays until it is emptied.
    section.get_by_label("Geen markering").check()
    assert stored(page)[kaart.id]["status"] is None
    section.get_by_label("Notitie").fill("")
    section.get_by_label("Notitie").blur()
    assert kaart.id not in stored(page)


def test_a_tile_opens_the_same_control_and_shows_the_mark(new_context, served_site, data):
    page = new_context().new_page()
    page.goto(served_site + "kaarten/", wait_until="load")
    kaart = data.kaarten[3]
    tile = page.locator(f"#kaart-{kaart.id}")
    assert tile.get_by_role("button", name=f"Mijn kaart bij de kaart {kaart.titel}").count() == 1
    button = tile.locator(".kp-mijn__knop")  # its name changes with the mark
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press("Space")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('kp-mijn__knop')")
    assert button.inner_text().startswith("Mijn kaart: Wil ik proberen")
    assert tile.get_by_role("button", name=f"Mijn kaart: Wil ik proberen bij de kaart {kaart.titel}").count() == 1
    assert stored(page)[kaart.id]["status"] == "wil-ik-proberen"
    # Marked elsewhere (another tab, the card page): every control of that card follows.
    page.evaluate("([id]) => KennispleinMijnKaarten.set(id, {status: 'besproken-in-het-team'})", [kaart.id])
    page.reload(wait_until="load")
    assert page.locator(f"#kaart-{kaart.id} .kp-mijn__knop").inner_text().startswith("Mijn kaart: Besproken in het team")


def test_my_cards_page_lists_the_cards_by_status_with_print_and_present(new_context, served_site, data):
    page = new_context().new_page()
    a, b, c = data.kaarten[0], data.kaarten[4], data.kaarten[9]
    mark_on_card_page(page, served_site, a, "wil-ik-proberen", "Eerst met Jan")
    mark_on_card_page(page, served_site, c, "wil-ik-proberen")
    mark_on_card_page(page, served_site, b, "besproken-in-het-team")
    page.goto(served_site + MIJN, wait_until="load")
    assert "alleen in deze browser" in page.locator(".kp-mijn-pagina__privacy").inner_text()
    trying = page.locator("[data-kp-mijn-groep=wil-ik-proberen]")
    assert trying.locator("h2").inner_text() == "Wil ik proberen (2)"
    assert [t.get_attribute("data-id") for t in trying.locator(".kp-tegel").all()] == [a.id, c.id]
    assert "Eerst met Jan" in trying.locator(f".kp-tegel[data-id={a.id}]").inner_text()
    assert trying.get_by_role("link", name="Print deze kaarten").get_attribute("href").endswith(f"printen/?kaarten={a.id},{c.id}")
    assert trying.get_by_role("link", name="Presenteer deze kaarten").get_attribute("href").endswith(f"presenteren/?kaarten={a.id},{c.id}")
    assert page.locator("[data-kp-mijn-groep=besproken-in-het-team] .kp-tegel").count() == 1
    assert page.locator("[data-kp-mijn-groep=doe-ik-al]").is_hidden()
    assert page.locator("[data-kp-mijn-leeg]").is_hidden()
    trying.get_by_role("link", name="Presenteer deze kaarten").click()
    page.wait_for_url("**/presenteren/?kaarten=*")
    assert page.evaluate("KennispleinPresentatie.ids()") == [a.id, c.id]


def test_a_shared_link_carries_card_ids_never_notes(new_context, served_site, data):
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    a = data.kaarten[2]
    mark_on_card_page(page, served_site, a, "doe-ik-al", "Geheime notitie over Piet")
    page.goto(served_site + MIJN, wait_until="load")
    page.locator("[data-kp-mijn-groep=doe-ik-al]").get_by_role("button", name="Kopieer een link naar deze kaarten").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith(f"/kaarten/mijn/?kaarten={a.id}") and "Piet" not in link and "notitie" not in link
    # Someone else opens it: the cards, without anyone's marks or notes.
    other = new_context().new_page()
    other.goto(served_site + MIJN + f"?kaarten={a.id}", wait_until="load")
    shared = other.locator("[data-kp-mijn-gedeeld]")
    assert [t.get_attribute("data-id") for t in shared.locator(".kp-tegel").all()] == [a.id]
    assert "Piet" not in other.content()
    assert other.evaluate("KennispleinMijnKaarten.all()") == {}


# --- saving to a file and reading it back -------------------------------------------------------

def test_the_saved_file_follows_its_schema_and_reads_back_into_a_fresh_browser(new_context, served_site, data, schema, tmp_path):
    page = new_context().new_page()
    a, b = data.kaarten[1], data.kaarten[6]
    mark_on_card_page(page, served_site, a, "wil-ik-proberen", "Met het hele team ‘samen’ — één keer per week")
    mark_on_card_page(page, served_site, b, "doe-ik-al")
    page.goto(served_site + MIJN, wait_until="load")
    path = save_file(page, tmp_path)
    assert path.name.startswith("mijn-kaarten-") and path.suffix == ".json"
    value = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(value)
    assert value["soort"] == "mijn-kaarten" and value["$schema"] == schema["$id"]
    assert [(k["id"], k.get("status")) for k in value["kaarten"]] == [(a.id, "wil-ik-proberen"), (b.id, "doe-ik-al")]
    saved = stored(page)

    fresh = new_context().new_page()
    fresh.goto(served_site + MIJN, wait_until="load")
    assert fresh.evaluate("KennispleinMijnKaarten.all()") == {}
    read_back(fresh, path)
    fresh.wait_for_function("Object.keys(KennispleinMijnKaarten.all()).length === 2")
    assert fresh.evaluate("KennispleinMijnKaarten.all()") == saved
    assert "2 kaarten teruggezet" in fresh.locator("[data-kp-mijn-melding]").inner_text()
    assert fresh.locator("[data-kp-mijn-groep=wil-ik-proberen] .kp-tegel").count() == 1


BROKEN_FILES = {
    "geen JSON": ("{kaarten: [", "geen JSON-bestand"),
    "ander JSON-bestand": (json.dumps({"titel": "Nieuwe goede gewoontes", "kaarten": []}), "geen bestand van Mijn kaarten"),
    "onbekende markering": (json.dumps({"soort": "mijn-kaarten", "versie": 1, "kaarten": [{"id": "blijf-gesprek", "status": "misschien"}]}), "onbekende markering"),
    "te lange notitie": (json.dumps({"soort": "mijn-kaarten", "versie": 1, "kaarten": [{"id": "blijf-gesprek", "notitie": "x" * 501}]}), "langer dan 500 tekens"),
    "dubbele kaart": (json.dumps({"soort": "mijn-kaarten", "versie": 1, "kaarten": [{"id": "kwalitijd", "status": "doe-ik-al"}, {"id": "kwalitijd", "status": "doe-ik-al"}]}), "twee keer"),
    "nieuwere versie": (json.dumps({"soort": "mijn-kaarten", "versie": 2, "kaarten": []}), "andere versie"),
}


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_a_broken_or_foreign_file_is_refused_and_nothing_changes(new_context, served_site, data, tmp_path, name):
    content, message = BROKEN_FILES[name]
    page = new_context().new_page()
    mark_on_card_page(page, served_site, data.kaarten[0], "doe-ik-al", "Blijft staan")
    before = stored(page)
    page.goto(served_site + MIJN, wait_until="load")
    path = tmp_path / "bestand.json"
    path.write_text(content, encoding="utf-8")
    read_back(page, path)
    alert = page.locator("[data-kp-mijn-fout]")
    alert.filter(has_text="Er is niets veranderd.").wait_for()
    assert message in alert.inner_text() and alert.get_attribute("role") == "alert"
    assert stored(page) == before


def test_the_scripts_check_agrees_with_the_published_schema(new_context, served_site, schema):
    """The page checks a file by the same rules as its schema (without a JSON Schema library in
    the browser): every case the one accepts, the other accepts too."""
    page = new_context().new_page()
    page.goto(served_site + MIJN, wait_until="load")
    card = {"id": "blijf-gesprek", "status": "doe-ik-al"}
    base = {"soort": "mijn-kaarten", "versie": 1, "kaarten": [card]}
    cases = [
        base, {**base, "kaarten": []}, {**base, "bewaard": "2026-01-02T03:04:05.678Z", "site": "https://x.example/", "$schema": "s"},
        {**base, "kaarten": [{"id": "blijf-gesprek", "notitie": "n"}]}, {**base, "kaarten": [{**card, "gewijzigd": "2026-01-02T03:04:05Z"}]},
        {**base, "extra": 1}, {**base, "soort": "kaarten"}, {**base, "versie": "1"}, {**base, "kaarten": {}},
        {**base, "kaarten": [{"id": "Blijf Gesprek", "status": "doe-ik-al"}]}, {**base, "kaarten": [{"id": "blijf-gesprek"}]},
        {**base, "kaarten": [{**card, "notitie": ""}]}, {**base, "kaarten": [{**card, "notitie": 5}]},
        {**base, "kaarten": [{**card, "gewijzigd": "gisteren"}]}, {**base, "kaarten": [{**card, "kleur": "rood"}]},
        {**base, "bewaard": "vandaag"}, {**base, "site": 3}, [base], "mijn-kaarten",
    ]
    validator = jsonschema.Draft202012Validator(schema)
    for case in cases:
        by_page = page.evaluate("(value) => KennispleinMijnKaarten.check(value).ok", case)
        assert by_page == validator.is_valid(case), case


def test_erase_everything_asks_first(new_context, served_site, data):
    page = new_context().new_page()
    mark_on_card_page(page, served_site, data.kaarten[0], "doe-ik-al")
    page.goto(served_site + MIJN, wait_until="load")
    page.get_by_role("button", name="Wis alles").click()
    assert page.evaluate("document.activeElement.textContent") == "Nee, bewaar ze"
    page.keyboard.press("Enter")
    assert len(stored(page)) == 1 and page.locator("[data-kp-mijn-melding]").inner_text() == "Er is niets gewist."
    page.get_by_role("button", name="Wis alles").click()
    page.get_by_role("button", name="Ja, wis alles").click()
    assert stored(page) == {} and page.evaluate(f"localStorage.getItem('{STORE}')") is None
    assert page.locator("[data-kp-mijn-leeg]").is_visible()


def test_nothing_of_it_leaves_the_browser(new_context, served_site, data):
    context = new_context()
    page = context.new_page()
    sent = []
    context.on("request", lambda r: sent.append(r) if r.method != "GET" or "Piet" in r.url else None)
    mark_on_card_page(page, served_site, data.kaarten[0], "doe-ik-al", "Piet")
    page.goto(served_site + MIJN, wait_until="load")
    assert sent == []


def test_the_page_says_how_to_begin_when_nothing_is_marked(new_context, served_site):
    page = new_context().new_page()
    page.goto(served_site + MIJN, wait_until="load")
    assert "nog geen kaarten gemarkeerd" in page.locator("[data-kp-mijn-leeg]").inner_text()
    assert page.get_by_role("button", name="Wis alles").is_hidden()


# --- accessibility ----------------------------------------------------------------------------

# Tiles far below the screen are not laid out until they come near (content-visibility in
# kaarten.css): axe measures them at their placeholder size, where a tile's last button would
# overlap the next tile. Laid out, as a visitor sees them, they do not.
LAY_OUT_EVERY_TILE = "document.head.insertAdjacentHTML('beforeend', '<style>.kp-tegel { content-visibility: visible !important; }</style>')"


@pytest.mark.parametrize("width", [1280, 375])
def test_no_axe_violations_on_the_page_the_card_and_an_open_tile(new_context, served_site, data, width):
    page = new_context(width).new_page()
    mark_on_card_page(page, served_site, data.kaarten[0], "wil-ik-proberen", "Notitie")
    assert axe_violations(page) == []
    page.goto(served_site + MIJN, wait_until="load")
    page.locator(".kp-mijn-groep .kp-mijn__knop").first.click()
    page.get_by_role("button", name="Wis alles").click()
    page.wait_for_timeout(500)  # Material's header fades its title in after a scroll
    assert axe_violations(page) == []
    page.goto(served_site + "kaarten/", wait_until="load")
    page.evaluate(LAY_OUT_EVERY_TILE)
    page.locator(".kp-tegel .kp-mijn__knop").nth(2).click()
    page.wait_for_timeout(500)
    assert axe_violations(page) == []


def test_every_control_on_my_cards_is_reached_by_tab_and_visibly_focused(new_context, served_site, data):
    page = new_context().new_page()
    mark_on_card_page(page, served_site, data.kaarten[0], "wil-ik-proberen")
    page.goto(served_site + MIJN, wait_until="load")
    walk = tab_through(page)
    missed = [walk.controls[i] for i in range(len(walk.controls)) if i not in walk.reached]
    assert missed == [] and walk.problems == []


def test_the_schema_is_published_and_lists_the_statuses(built_site, schema):
    assert schema["properties"]["kaarten"]["items"]["properties"]["status"]["enum"] == list(MIJN_KAARTEN_STATUSSEN)
    jsonschema.Draft202012Validator.check_schema(schema)
    downloads = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "mijn-kaarten.schema.json" in downloads


def test_a_file_saved_before_a_card_was_renamed_still_finds_the_card(tmp_path):
    """Old ids reach the page as JSON in an attribute (quoted so that the JSON's own quotes
    cannot end it), and the page maps them to the card's current id."""
    import dataclasses

    from bs4 import BeautifulSoup

    from kennisplein.pages import mijn_kaarten_page, render

    site = build_site(ROOT / "data", ROOT / "docs")
    renamed = dataclasses.replace(site.kaarten[0], eerdere_ids=("oud-id", 'met-"quote'))
    site = dataclasses.replace(site, kaarten=(renamed,) + site.kaarten[1:])
    html = render(mijn_kaarten_page(site, "https://kennisplein-goed-werk.nl/"), site)
    root = BeautifulSoup(html, "html.parser").select_one("[data-kp-mijn-pagina]")
    assert json.loads(root["data-eerdere-ids"]) == {"oud-id": renamed.id, 'met-"quote': renamed.id}
    assert root["data-schema"] == "https://kennisplein-goed-werk.nl/downloads/mijn-kaarten.schema.json"
