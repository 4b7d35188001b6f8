"""Every sentence the site adds holds up against the sources (issue 19).

One test per claim that a fact-check of the site's own text found unsupported, contradicted or
distorted, read from the built site as a visitor reads it (HTML, PDF, open data); then the
card numbers (stored in the cards, never reused, the same on screen, in the citation and on
paper), the rule that a number, date or name carries its source, and the templates' own text.
Line numbers in comments are those of the source texts (000 = eindverslag 2022, 001 =
dialoograpport 2021, 002 = Beroepseer, 003 = Sigra, 004 = deRotterdamseZorg).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from helpers import ROOT, copy_data
from kaartvel_pdf import card_labels, page_words
from kennisplein import DataError, build_site

DATA = ROOT / "data"


def norm(text: str) -> str:
    """One kind of quote mark, single spaces, no space that get_text puts before punctuation
    after an inline element (an <abbr>, a link)."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()
    return re.sub(r" ([,.;:)])", r"\1", text)


@pytest.fixture(scope="module")
def shown(built_site):
    cache: dict[str, BeautifulSoup] = {}

    def read(url: str) -> BeautifulSoup:
        if url not in cache:
            path = built_site / url.strip("/") / "index.html" if url.strip("/") else built_site / "index.html"
            cache[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return cache[url]
    return read


def text(soup: BeautifulSoup, selector: str = "article") -> str:
    return norm(soup.select_one(selector).get_text(" "))


def cards() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "kaarten").glob("*.yaml"))}


def pdf_text(path: Path) -> str:
    return norm(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


# --- "34 kaarten" of the card set: counts come from the data and say what they count -----------

def test_the_card_browser_counts_the_cards_on_this_site_not_the_printed_set(shown):
    browser = shown("kaarten/")
    intro = text(browser, ".kp-browser__intro")
    assert "verzameld in de regionale sessies" in intro and not re.search(r"\d", intro)  # no count of the set
    assert text(browser, "#kp-resultaat") == f"Alle {len(cards())} kaarten op deze site."
    assert "Hier staan alle" not in text(browser)
    assert "van de set" not in browser.find("meta", attrs={"name": "description"})["content"]
    assert "kaarten op deze site" in browser.find("meta", attrs={"name": "description"})["content"]
    # the Verantwoording says what the sources say about the set: it is never counted (000:151, 314)
    note = text(browser, "details.kp-verantwoording")
    assert "zegt niet hoeveel kaarten de geprinte set heeft" in note
    assert "'geformuleerd zoals in de kaartenset'" in note


def test_downloads_and_pdfs_count_the_cards_on_this_site(shown, built_site):
    downloads = text(shown("downloads/"))
    assert "van de set" not in downloads and "de set Nieuwe goede gewoontes" not in downloads
    assert f"Alle {len(cards())} kaarten op deze site" in downloads
    for name in ("kaartenset-alle-kaarten.pdf", "kaarten-overzicht.pdf"):
        path = built_site / "downloads" / name
        subject = PdfReader(path).metadata.get("/Subject", "")
        assert "van de set" not in subject and "Kennisplein Goed Werk" in subject, (name, subject)
        assert "van de set" not in pdf_text(path), name
    assert "De 35 kaarten op het Kennisplein Goed Werk" in pdf_text(built_site / "downloads" / "kaarten-overzicht.pdf")


# --- card numbers: the site's own, stored in the data, the same everywhere ---------------------

def test_every_card_stores_its_own_number_and_the_list_holds_every_number_issued():
    stored = {ident: card["nummer"] for ident, card in cards().items()}
    assert len(set(stored.values())) == len(stored)
    issued = yaml.safe_load((DATA / "kaartnummers.yaml").read_text(encoding="utf-8"))["kaartnummers"]
    assert {line["kaart"]: line["nummer"] for line in issued} == stored
    # The numbers of the cards that existed before numbers were stored: the sort order of then
    # (theme, then title), so that decks printed before stay right.
    assert stored["beken-je-eigen-kracht"] == 1 and stored["kwalitijd"] == 9 and stored["bezuiniging-uitleggen"] == 34


def test_the_citation_and_the_card_name_the_number_on_the_kennisplein(shown):
    for ident, card in cards().items():
        soup = shown(f"kaarten/{ident}/")
        citation = norm(soup.select_one("#kp-bronvermelding").get_text())
        assert f"Kaart {card['nummer']} op het Kennisplein Goed Werk" in citation, ident
        assert "kaartenset" not in citation
        assert f"Kaartnummer Kaart {card['nummer']} op het Kennisplein" in text(soup, "dl.kp-kenmerken")
        assert norm(soup.select_one(".kp-kaart__nummer").get_text()) == f"Kaart {card['nummer']}"  # the card's band


def test_the_printed_cards_carry_the_same_numbers_as_the_pages(built_site):
    numbers = {card["nummer"]: ident for ident, card in cards().items()}
    pages = page_words(built_site / "downloads" / "kaartenset-alle-kaarten.pdf")
    on_paper = set()
    for back in pages[3::2]:
        words = " ".join(w.text for w in back)
        for number in card_labels(back):
            assert f"Kaart {number} op het Kennisplein Goed Werk" in words
            assert f"kaarten/ {numbers[number]}/" in words or f"kaarten/{numbers[number]}/" in words
            on_paper.add(number)
    assert on_paper == set(numbers)


def test_open_data_gives_the_stored_numbers(built_site):
    listed = json.loads((built_site / "downloads" / "kaarten.json").read_text(encoding="utf-8"))
    assert {k["id"]: k["nummer"] for k in listed["kaarten"]} == {i: c["nummer"] for i, c in cards().items()}
    schema = json.loads((built_site / "downloads" / "kaarten.schema.json").read_text(encoding="utf-8"))
    described = schema["properties"]["kaarten"]["items"]["properties"]["nummer"]["description"]
    assert "Kennisplein" in described and "volledige set" not in described


def _new_card(data: Path, ident: str, titel: str) -> None:
    """Add a card as an editor does: `kennisplein nieuwe-kaart`, then the habit in its session."""
    wording = "Voorwaarde voor dit spiegelen is diversiteit in het team."  # 000:375, no card yet
    result = subprocess.run(
        [sys.executable, "-m", "kennisplein", "nieuwe-kaart", "--data", str(data), "--id", ident, "--titel", titel,
         "--tekst", wording, "--thema", "reflectie", "--voor", "team"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    path = data / "kaarten" / f"{ident}.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "VUL IN" not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    session = data / "sessies" / "2022-10-14-zuid.yaml"
    body = session.read_text(encoding="utf-8")
    old = "          - tekst: Voorwaarde voor dit spiegelen is diversiteit in het team.\n"
    session.write_text(body.replace(old, old + f"            kaart: {ident}\n"), encoding="utf-8")


def test_adding_a_card_changes_no_existing_number_and_takes_the_next_free_one(tmp_path):
    before = {k.id: k.nummer for k in build_site(DATA, ROOT / "docs").kaarten}
    data = copy_data(DATA, tmp_path / "data")
    _new_card(data, "aaa-eerste-kaart", "Aaa, de eerste titel van het alfabet")  # would sort first
    after = {k.id: k.nummer for k in build_site(data, ROOT / "docs").kaarten}
    assert {i: n for i, n in after.items() if i in before} == before
    assert after["aaa-eerste-kaart"] == max(before.values()) + 1
    assert "{nummer: %d, kaart: aaa-eerste-kaart}" % after["aaa-eerste-kaart"] in (data / "kaartnummers.yaml").read_text()


def test_a_removed_cards_number_is_never_given_again(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    highest = max(c["nummer"] for c in cards().values())
    (data / "kaarten" / "bezuiniging-uitleggen.yaml").unlink()  # number 34
    for path in [*(data / "sessies").glob("*.yaml"), *(data / "aanpakken").glob("*.yaml")]:
        path.write_text(re.sub(r"(?m)^ +kaart: bezuiniging-uitleggen\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    _new_card(data, "nieuwe-kaart", "Een nieuwe kaart")
    assert build_site(data, ROOT / "docs").kaart("nieuwe-kaart").nummer == highest + 1
    # and an editor who writes the card by hand and takes the freed number is stopped, with
    # file, line and the fix
    numbers = data / "kaartnummers.yaml"
    numbers.write_text(numbers.read_text(encoding="utf-8").replace(f"  - {{nummer: {highest + 1}, kaart: nieuwe-kaart}}\n", ""), encoding="utf-8")
    card = data / "kaarten" / "nieuwe-kaart.yaml"
    card.write_text(card.read_text(encoding="utf-8").replace(f"nummer: {highest + 1}", "nummer: 34"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        build_site(data, ROOT / "docs")
    assert [str(p) for p in error.value.problems] == [
        "data/kaarten/nieuwe-kaart.yaml:20:9: kaartnummer 34 is al uitgegeven aan de kaart 'bezuiniging-uitleggen' "
        "(data/kaartnummers.yaml:41). Een nummer wordt nooit opnieuw gebruikt, ook niet als die kaart er niet meer "
        f"is. Geef deze kaart het volgende vrije nummer, {highest + 1}, en zet onderaan data/kaartnummers.yaml de "
        f"regel '- {{nummer: {highest + 1}, kaart: nieuwe-kaart}}'."]


# --- "de bronnen delen de kaarten niet in" (000:181, 198 contradict it) --------------------------

def test_no_card_says_the_sources_do_not_classify_the_cards(shown):
    for ident in cards():
        body = text(shown(f"kaarten/{ident}/"))
        assert "delen de kaarten niet in" not in body, ident
    note = text(shown("kaarten/blijf-gesprek/"), "details.kp-verantwoording")
    assert "Thema, rollen en E's zijn gekozen door de redactie van deze site." in note
    note = text(shown("kaarten/bezuiniging-uitleggen/"), "details.kp-verantwoording")  # a card without E's
    assert "Thema en rollen zijn gekozen door de redactie van deze site." in note


# --- /aanpakken/: Beroepseer works with government, not care (002:30, 74-86) --------------------

def test_the_approaches_are_not_said_to_serve_care_workers_alike(shown):
    body = text(shown("aanpakken/"))
    assert "werken aan hetzelfde" not in body
    assert "niet alle over de zorg" in body
    assert "Binnen de overheid voerde Stichting Beroepseer de aanpak uit" in body


# --- the Sigra brochure carries no date (003:26, 249, 274 are programme dates) -----------------

def test_the_sigra_brochure_gets_no_invented_year(shown, built_site):
    bronnen = shown("bronnen/")
    entry = text(bronnen.find(id="sigra-actieprogramma-behoud"), "p")
    assert entry == "Sigra, Zonder datum."
    documents = json.loads((built_site / "downloads" / "bronnen.json").read_text(encoding="utf-8"))["documenten"]
    assert next(d for d in documents if d["id"] == "sigra-actieprogramma-behoud")["datum"] == "Zonder datum"


# --- home: only the regional sessions collected habits (000:101, 586) ---------------------------

def test_home_says_the_regional_sessions_collected_the_habits(shown):
    home = text(shown(""))
    assert "één landelijke sessie vertelden" not in home
    assert "In regionale sessies vertelden zorgprofessionals elkaar over momenten van goed werk en verzamelden ze nieuwe goede gewoontes" in home
    assert "waarmee de deelnemers van de landelijke inspiratiesessie aan de slag gingen" in home
    assert "welke gewoontes ze bedachten" not in home


# --- Over deze site: a traject (000:26), and one document disagreeing with itself (000:107/161) -

def test_about_calls_goed_werk_a_traject_and_places_the_disagreement_in_one_document(shown):
    about = text(shown("over/"))
    assert "programma Goed Werk" not in about and "traject Goed Werk" in about
    assert "Soms zeggen twee bronnen iets anders, bijvoorbeeld over het aantal deelnemers van een sessie" not in about
    assert "of twee plekken in hetzelfde document" in about
    assert "Kaartnummers" in about and "geen nummer uit de geprinte kaartenset" in about


# --- /model/: the facilitators named the E's (000:125, 288, 500, 578); the eindverslag's words --

def test_the_model_page_says_who_named_the_es_and_whose_words_the_first_column_holds(shown):
    model = shown("model/")
    body = text(model)
    assert "zochten ze samen welke E's ze hoorden" not in body
    assert "De begeleiders (van VWS, de HKU en Vilans) luisterden en gaven terug" in body
    rows = [norm(th.get_text(" ")) for th in model.select("table.kp-modeltabel tbody th")]
    assert "Gardner et al. (2001)" not in rows
    assert "Eindverslag Goed Werk (2022), naar Gardner et al. (2001)" in rows
    toolkit = next(r for r in rows if "Toolkit" in r)
    assert toolkit == "Goed Werk Toolkit (Nederlandse bewerking van Stichting Beroepseer)"


# --- /themas/: the traject built on the report's recommendations (000:26), 5B looks back (000:193)

def test_the_themes_are_not_said_to_be_the_basis_of_the_traject(shown):
    body = text(shown("themas/"))
    assert "basis van het traject" not in body
    assert "kijkt er na het traject op terug" in body


# --- cards: wordings and titles as the sources give them ----------------------------------------

def test_wat_leerde_je_van_wie_does_not_claim_the_card_set_wording_or_turn_5b_round(shown):
    card = shown("kaarten/wat-leerde-je-van-wie/")
    body = text(card)
    assert "formulering uit de kaartenset" not in body and "de formulering van de kaartenset" not in body
    assert "Op de kaart staat de formulering uit Eindverslag Goed Werk, 5B)" in body
    assert "veel gewoontes hierover ook bij Teamwerk horen" not in body
    assert "'Veel van de nieuwe goede gewoontes (ook bij Teamwerk) gaan hier over. Bijvoorbeeld:'" in body


def test_a_card_with_the_card_set_wording_says_where_the_source_gives_it(shown):
    body = text(shown("kaarten/blijf-gesprek/"))
    assert "Op de kaart staat de formulering van de kaartenset, zoals Eindverslag Goed Werk die geeft in 4A)" in body


def test_the_oost_talent_habit_is_its_own_card_not_the_hidden_talent_of_4a(shown):
    oost = shown("sessies/2022-09-09-oost/")
    habit = next(li for li in oost.select("ul.kp-gewoontes > li") if "ergens anders in geschoold" in li.get_text())
    assert habit.select_one("a.kp-naar-kaart")["href"].rstrip("/").endswith("ergens-anders-geschoold")
    places = shown("kaarten/benut-verborgen-talent/").select(".kp-bronplaatsen > li")
    assert len(places) == 1 and "4A)" in places[0].get_text()


@pytest.mark.parametrize("ident, title, kept", [
    ("team-leren-kennen", "Leer je team goed kennen", ["tools"]),                            # 000:382, a question
    ("bezuiniging-uitleggen", "Leg uit waarom er bezuinigd wordt", ["hiervoor gekozen"]),   # 000:157, this choice
    ("ervaren-begeleider-neemt-mee", "Een ervaren begeleider neemt een nieuwe collega mee", ["jonge", "langer"]),  # 000:526
])
def test_card_titles_keep_the_meaning_of_the_habit(shown, ident, title, kept):
    shown = norm(shown(f"kaarten/{ident}/").find("h1").get_text())
    assert shown != title
    assert all(word in shown for word in kept), shown


# --- Sigra's dream (003:5-7), the toolkit's makers (002:26-30), Verbeten (004:210) --------------

def test_sigra_dreams_of_excellent_employers_in_2040(shown):
    summary = text(shown("aanpakken/actieprogramma-behoud/"), ".kp-inleiding")
    assert "goede werkgevers" not in summary
    assert "in 2040" in summary and "'excellente werkgevers'" in summary


def test_the_goed_werk_toolkit_is_the_good_work_projects_adapted_by_beroepseer(shown):
    entry = shown("bronnen/").find(id="bron-goed-werk-toolkit")
    listing = norm(entry.get_text(" "))
    assert listing.startswith("Methode Good Work Project. Goed Werk Toolkit.")
    assert "de toolkit aangepast aan de Nederlandse situatie" in listing


def test_the_reading_verbeteren_is_marked_as_the_editors(shown):
    table = text(shown("bronnen/"), "#correcties ~ div table")
    assert "Verbeteren (lezing van de redactie, niet zeker)" in table
    note = text(shown("sessies/gepersonaliseerde-arbeidsrelatie-2-verdieping/"), "details.kp-verantwoording")
    assert "In de tekstversie van de bron staat 'Verbeten'. De redactie leest dat als 'Verbeteren'" in note


# --- outside the content: the guide's worked example is plainly an example ---------------------

def test_the_guide_invents_no_session(shown):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "14 maart 2025" not in guide
    assert "14 maart 2025" not in text(shown("bijdragen/"))
    assert "`Verslag sessie regio Oost, 9 september 2022`" in guide  # a report that is on the site


# --- found in the fact-check beyond the issue ---------------------------------------------------

def test_the_national_sessions_numbers_are_one_documents_not_two_sources(shown):
    body = text(shown("sessies/2022-12-12-landelijk/"))
    assert "De bronnen noemen" not in body and "afhankelijk van de bron" not in body
    assert "Het eindverslag noemt niet overal hetzelfde aantal." in body
    assert "30 of 35" not in body  # 'zo'n 35' (000:161) is no exact 35


def test_recommendation_links_and_the_repeated_recommendation_are_the_editors(shown):
    body = text(shown("aanbevelingen/"))
    assert "De links naar kaarten en thema's bij een aanbeveling zijn gelegd door de redactie." in body
    assert "de bron geeft haar twee keer" not in body
    assert "de redactie leest ze als dezelfde aanbeveling in andere woorden" in body


def test_open_data_says_the_habits_were_collected_not_thought_up(built_site):
    schema = (built_site / "downloads" / "kaarten.schema.json").read_text(encoding="utf-8")
    assert "bedacht" not in schema and "Kaarten van de set" not in schema


def test_the_network_page_does_not_count_logos_it_cannot_see(shown):
    body = text(shown("aanpakken/lerend-netwerk-gepersonaliseerde-arbeidsrelatie/"))
    assert "staan vijf zorgorganisaties" not in body
    assert "Afbeeldingen zijn bij het omzetten naar tekst weggevallen" in body


# --- the rule: a number, date or name says where it comes from --------------------------------

def test_the_rule_finds_numbers_dates_and_names():
    from kennisplein.sourcing import mentions

    assert mentions("Het programma start in september 2022") == ("een datum", "september")
    assert mentions("met 6 deelnemers") == ("een getal", "6")
    assert mentions("Vier zorgprofessionals") == ("een getal", "Vier")
    assert mentions("de sessie bij Sius") == ("een naam", "Sius")
    assert mentions("Rommel-lummel-tijd mag er zijn. Is heel productief.") is None  # capitals that start sentences


def test_the_real_data_passes_the_rule_and_editorial_fields_may_name_facts():
    site = build_site(DATA, ROOT / "docs")  # would raise DataError with any unsourced fact
    sigra = site.aanpak("actieprogramma-behoud")
    assert "2040" in sigra.samenvatting and sigra.herkomst is not None


# --- the templates' own text holds no counts the data can compute ------------------------------

TEMPLATES = ROOT / "overrides" / "kennisplein"
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
TAGS = re.compile(r"<style.*?</style>|<script.*?</script>|<[^>]+>", re.S)
COUNT = re.compile(r"\b\d+\b|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig)\b", re.I)
# Not counts of data: printing and cutting (card size, paper weight, proof pages, 'one cut frees
# two cards', print at 100 %), names of formats (UTF-8, JSON Schema Draft 2020-12), and the
# model's name 'de drie E's' (the model schema holds exactly three).
ALLOWED = {("print/deck.html", n) for n in ("63", "88")} | {
    ("print/_uitleg.html", n) for n in ("100", "160", "200", "3", "4", "twee")} | {("downloads.html", "8"), ("downloads.html", "2020"), ("downloads.html", "12"),
    ("model.html", "drie")}


def test_templates_state_no_counts_of_their_own():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        words = TAGS.sub(" ", JINJA.sub(" ", path.read_text(encoding="utf-8")))
        found += [(name, m.group()) for m in COUNT.finditer(words) if (name, m.group()) not in ALLOWED]
    assert found == []
