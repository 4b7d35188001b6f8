"""Coverage: what the five sources hold is on the built site, and the site says where it came from.

Every number and phrase in the tables below was counted and copied from the source documents
in brondocumenten/ (line numbers refer to them), not from data/: if a record, a quote or a list
item goes missing from data/ or from a page, a test here fails. The pages are the generated
pages' bodies as pages.render makes them from the real data (no MkDocs needed), read with
BeautifulSoup; one test reads the built site for what MkDocs adds (the page heading).
"""

from __future__ import annotations

import posixpath
import re

import pytest
from bs4 import BeautifulSoup, Tag

from helpers import SITE_URL
from kennisplein.pages import pages, render
from kennisplein.paths import DATA
from kennisplein.site import build_site

QUOTE_MARKS = str.maketrans({mark: "'" for mark in "‘’“”\""})

EINDVERSLAG, DIALOOGRAPPORT, BEROEPSEER, SIGRA, ROTTERDAM = (
    "eindverslag-2022", "dialoograpport-2021", "beroepseer-goed-werk-aanpak",
    "sigra-actieprogramma-behoud", "rotterdamsezorg-inspiratiebundel-2025",
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip().casefold()


@pytest.fixture(scope="module")
def generated():
    """Every generated page of the real data, by URL, and the Site they show."""
    site = build_site(DATA)
    return {page.url: page for page in pages(site, site_url=SITE_URL)}, site


@pytest.fixture(scope="module")
def read(generated):
    by_url, site = generated
    cache: dict[str, Tag] = {}

    def article(url: str) -> Tag:
        """The body of a generated page, as pages.render makes it (no MkDocs needed)."""
        url = url.strip("/") + "/"
        if url not in cache:
            cache[url] = BeautifulSoup(render(by_url[url], site), "html.parser")
        return cache[url]
    return article


def resolve(page_url: str, href: str) -> str:
    """The site URL a relative link on the page at `page_url` points to."""
    return posixpath.normpath(posixpath.join(page_url, href)) + "/"


def section(article: Tag, title: str) -> Tag:
    """The <section> whose heading is `title` (a round's heading may start with its number)."""
    wanted = norm(title)
    for candidate in article.select("section"):
        heading = candidate.find(["h2", "h3"])
        if heading and norm(re.sub(r"^\d+\. ", "", heading.get_text(" ", strip=True))) == wanted:
            return candidate
    headings = [h.get_text(" ", strip=True) for h in article.select("section > h2")]
    raise AssertionError(f"no section {title!r} on the page; headings: {headings}")


def counts(part: Tag) -> dict[str, int]:
    """What a part of a page shows: quotes, habits, list items, distinct cards, table rows."""
    cards = {a["href"] for a in part.select("ul.kp-gewoontes a.kp-naar-kaart")}
    return {
        "citaten": len(part.select("blockquote.kp-citaat")),
        "gewoontes": len(part.select("ul.kp-gewoontes > li")),
        "kaarten": len(cards),
        "punten": len(part.select(":scope > ul:not(.kp-gewoontes):not(.kp-tips) > li, :scope > ol > li")),
        "tips": len(part.select("ul.kp-tips > li")),
        "rijen": len(part.select("table tbody tr")),
    }


def check(part: Tag, where: str, **expected: int) -> None:
    shown = counts(part)
    wrong = {k: f"{shown[k]} on the page, {v} in the source" for k, v in expected.items() if shown[k] != v}
    assert not wrong, f"{where}: {wrong}"


# --- the regional and national sessions (000, Bijlage 2 and 3) ------------------------------

ROUND_1, ROUND_2, ROUND_3 = "Beelden van goed werk", "Rapport: Iedereen wil goed werk leveren! Wat raakt jou?", "Nieuwe goede gewoontes"

SESSION_ROUNDS = [
    # url, round as titled in the source, what the source gives in that round
    ("sessies/2022-09-09-oost/", ROUND_1, dict(citaten=1, punten=3)),        # 000:286 story, 290-292 E's
    ("sessies/2022-09-09-oost/", ROUND_2, dict(citaten=3)),                  # 000:306-308
    ("sessies/2022-09-09-oost/", ROUND_3, dict(gewoontes=3, kaarten=3)),     # 000:316-318
    ("sessies/2022-10-14-zuid/", ROUND_1, dict(citaten=2, punten=3)),        # 000:343-344, 348-350
    ("sessies/2022-10-14-zuid/", ROUND_2, dict(citaten=8)),                  # 000:358-366
    # 000:374-384: eleven bullets; "Voorwaarde voor dit spiegelen ..." continues the first one
    ("sessies/2022-10-14-zuid/", ROUND_3, dict(gewoontes=11, kaarten=10)),
    ("sessies/2022-10-19-west/", ROUND_1, dict(citaten=6, punten=6)),        # 000:410-415; E's 419-421 + retold 427-430
    ("sessies/2022-10-19-west/", ROUND_2, dict(citaten=12)),                 # 000:438-444 and 448-452
    ("sessies/2022-10-19-west/", ROUND_3, dict(gewoontes=13, kaarten=13)),   # 000:460-473
    ("sessies/2022-10-26-noord/", ROUND_1, dict(citaten=1, punten=3)),       # 000:498, 502-504
    ("sessies/2022-10-26-noord/", ROUND_2, dict(citaten=3)),                 # 000:516-518
    ("sessies/2022-10-26-noord/", ROUND_3, dict(gewoontes=6, kaarten=6)),    # 000:526-531
    ("sessies/2022-12-12-landelijk/", "Opening", dict(citaten=2)),           # 000:561-562
    ("sessies/2022-12-12-landelijk/", ROUND_1, dict(citaten=5, punten=3)),   # 000:572-576, 580-582
    # 000:592-597: reflections on the cards, not new habits
    ("sessies/2022-12-12-landelijk/", ROUND_3, dict(citaten=6, gewoontes=0)),
    ("sessies/2022-12-12-landelijk/", "Plenaire afsluiting", dict(citaten=11)),  # 000:603-609, 613-616
]


@pytest.mark.parametrize("url, title, expected", SESSION_ROUNDS, ids=[f"{u.split('/')[1]}-{t[:20]}" for u, t, _ in SESSION_ROUNDS])
def test_every_round_of_the_2022_sessions_is_complete(read, url, title, expected):
    check(section(read(url), title), f"{url} {title}", **expected)


SESSION_FACTS = [
    # url, facts as the session report states them (000, Bijlage 2 and 3)
    ("sessies/2022-09-09-oost/", ["vrijdag 9 september 2022", "Sius, Groenlo", "Elf zorgprofessionals inclusief twee ambassadeurs",
                                  "Anouk (VWS)", "Peter (HKU)", "Petra (Vilans)", "Hans Poortier"]),
    ("sessies/2022-10-14-zuid/", ["vrijdag 14 oktober 2022", "Sovak, Terheijden", "Vier zorgprofessionals inclusief twee ambassadeurs",
                                  "Docent Fontys hogeschool", "Bestuurder", "Ingrid (VWS)", "Bart (HKU)", "Jeroen (Vilans)"]),
    ("sessies/2022-10-19-west/", ["woensdag 19 oktober 2022", "Middin, Rijswijk", "Zes zorgprofessionals inclusief twee ambassadeurs",
                                  "Anouk (VWS)", "Bart (HKU)", "Jeroen (Vilans)"]),
    ("sessies/2022-10-26-noord/", ["woensdag 26 oktober 2022", "Alliade, Beetsterzwaag", "Vijf zorgprofessionals inclusief twee ambassadeurs",
                                   "Ingrid (VWS)", "Peter (HKU)", "Petra (Vilans)", "de avond ervoor afgemeld", "spoken-word"]),
    ("sessies/2022-12-12-landelijk/", ["maandag 12 december 2022", "Postillion hotel, Bunnik",
                                       "30 personen uit de praktijk: zorgprofessionals, verwanten, LFB, managers en bestuurders",
                                       "Petra van Alphen (Vilans)", "Bart van Rosmalen (HKU)", "Anouk Segond Von Banchet (VWS)",
                                       "Congres Toekomstagenda Gehandicaptenzorg en -ondersteuning"]),
]


@pytest.mark.parametrize("url, facts", SESSION_FACTS, ids=[u.split("/")[1] for u, _ in SESSION_FACTS])
def test_sessions_show_date_place_participants_and_facilitators(read, url, facts):
    text = norm(read(url).get_text(" "))
    assert [f for f in facts if norm(f) not in text] == []


def test_the_four_regional_sessions_hold_all_28_participants_in_the_results_list(read):
    # 000:95-99: "in totaal 28 deelnemers": 11 + 6 + 6 + 5
    numbers = {"2022-09-09-oost": 11, "2022-10-14-zuid": 6, "2022-10-19-west": 6, "2022-10-26-noord": 5}
    assert sum(numbers.values()) == 28
    for ident, n in numbers.items():
        assert f"met {n} deelnemers uit de praktijk" in norm(read(f"sessies/{ident}/").get_text(" "))


# --- the cards of Nieuwe Goede Gewoontes ----------------------------------------------------

def test_the_card_set_has_every_habit_once(read):
    """35 habits: 31 from the session reports (Oost 3, Zuid 10, West 13, Noord 6; the blijf-gesprek
    of Oost and the levensloopgesprek of Noord are one card), plus 'Spreek waardering...' (4A, 5B),
    'Geef ieder jaar een aantal medewerkers de kans om hun verborgen talent...' (4A only: no source
    makes it Oost's 'Is de medewerker ook ergens anders in geschoold', 000:316) and 'Benoem als
    bestuurder...' and 'Geef mensen die enthousiast zijn...' (6A only)."""
    tiles = read("kaarten/").select(".kp-kaarten article.kp-tegel")
    assert len(tiles) == 35
    assert len({t["data-id"] for t in tiles}) == 35


MERGED_CARDS = [
    # wordings of one habit in several places (start of the wording, page it is on), places in all
    ([("sessies/2022-09-09-oost/", "Voer regelmatig een blijf-gesprek"), ("sessies/2022-10-26-noord/", "Voer een levensloopgesprek")],
     ["4A)", "6A)"], 4),
    # its own card (000:316); no source makes it the 4A card about hidden talent (000:156)
    ([("sessies/2022-09-09-oost/", "Is de medewerker ook ergens anders in geschoold")], ["Oost"], 1),
    ([("sessies/2022-09-09-oost/", "Schrijf met het team en de cliënten een kaartje")], ["4A)"], 2),
    ([("sessies/2022-10-26-noord/", "Leg uit waarom er bezuinigd moet worden")], ["4A)"], 2),
    ([("sessies/2022-10-14-zuid/", "Oefening Marcus Aurelius")], ["5B)"], 2),
]


@pytest.mark.parametrize("wordings, sections, places", MERGED_CARDS, ids=[w[0][1][:25] for w, _, _ in MERGED_CARDS])
def test_a_habit_worded_in_several_places_is_one_card_with_all_its_places(read, wordings, sections, places):
    cards = set()
    for url, start in wordings:
        items = [li for li in read(url).select("ul.kp-gewoontes > li") if norm(li.get_text(" ")).startswith(norm(start))]
        assert len(items) == 1, f"{start!r} on {url}"
        cards.add(resolve(url, items[0].select_one("a.kp-naar-kaart")["href"]))
    assert len(cards) == 1, f"these wordings lead to different cards: {cards}"
    card = read(cards.pop())
    listed = card.select(".kp-bronplaatsen > li")
    assert len(listed) == places
    text = card.select_one(".kp-bronplaatsen").get_text(" ")
    assert all(s in text for s in sections)


def test_the_wordings_as_in_the_card_set_are_on_the_site(read):
    """4A gives five wordings 'geformuleerd zoals in de kaartenset' (000:153-157); 6A three
    (000:215-217); 5B two (000:198). Each shows and links to its card."""
    section_4a = section(read("aanpakken/goed-werk-2022/"), "4A) Samenvatting van de vier regionale sessies")
    check(section_4a, "4A", gewoontes=5, kaarten=5, citaten=6)
    practice = read("aanbevelingen/").select_one("#praktijk").find_next_sibling("ol")
    first = practice.find("li", recursive=False)
    assert len(first.select(":scope > ul > li")) == 3
    assert len(first.select(".kp-links a[href*='kaarten/']")) == 3
    reflection = norm(read("themas/reflectie/").get_text(" "))
    for wording in ("Stel elkaar de vraag: wat leerde je van wie? Wat zag je die persoon doen?",
                    "Spreek waardering naar elkaar uit en gun jezelf waardering te ontvangen."):
        assert norm(wording) in reflection


# --- the three themes (001) and what 000 says about them (5B) --------------------------------

THEMES = [
    # url, tips (001:98-101, 137-140, 164-167), quotes set apart (001:92,115 / 129,148 / 175,181), 5B points (000:197-208)
    ("themas/reflectie/", 4, 2, 2, "Wat moet er echt nog gebeuren?"),
    ("themas/teamwerk/", 4, 2, 2, "Wat moet er nog gebeuren?"),
    ("themas/goed-werkgeverschap/", 4, 2, 2, "Wat moet er nog gebeuren?"),
]


@pytest.mark.parametrize("url, tips, quotes, points_5b, still_to_do", THEMES, ids=[t[0].split("/")[1] for t in THEMES])
def test_every_theme_has_what_happens_what_must_happen_and_every_tip(read, url, tips, quotes, points_5b, still_to_do):
    article = read(url)
    check(article, url, tips=tips, citaten=quotes)
    section(article, "Wat gebeurt er al?")
    section(article, still_to_do)
    five_b = [s for s in article.select("section") if "5B)" in s.select_one(".kp-bron").get_text()]
    assert len(five_b) == 1
    check(five_b[0], f"{url} 5B", punten=points_5b)


def test_the_themes_other_names_are_shown(read):
    # 000:69 "Werkgeverschap", 001:59 "reflectietijd, teamwerk en modern werkgeverschap"
    assert "'Werkgeverschap'" in read("themas/goed-werkgeverschap/").get_text().translate(QUOTE_MARKS)
    assert "'modern werkgeverschap'" in read("themas/goed-werkgeverschap/").get_text().translate(QUOTE_MARKS)
    assert "'reflectietijd'" in read("themas/reflectie/").get_text().translate(QUOTE_MARKS)


def test_the_2021_dialogues_their_dates_and_advice(read):
    article = read("aanpakken/dialoogsessies-2021/")
    text = norm(article.get_text(" "))
    for fact in ("1 december 2020, 8 april en 25 mei 2021", "Op 1 juli 2021", "Zo'n 70 medewerkers", "klankbordgroep Volwaardig leven"):
        assert norm(fact) in text
    check(section(article, "Wat zijn we te weten gekomen?"), "dialogen organiseren", tips=6)  # 001:73-78
    check(section(article, "Advies voor de toekomst"), "advies", citaten=2)  # 001:191, 203


# --- recommendations (000 6A, 6B; 001 Advies voor de toekomst) -------------------------------

def test_every_recommendation_is_there(read):
    article = read("aanbevelingen/")
    sizes = {h["id"]: len(h.find_next_sibling("ol").find_all("li", recursive=False)) for h in article.select("h2[id]")}
    # 000:214-221 five bullets; 000:225-231 four paragraphs; 001:193-201 five paragraphs of advice
    assert sizes == {"praktijk": 5, "beleid": 4, "toekomst": 5}
    for item in article.select("ol.kp-aanbevelingen > li"):
        assert "Bron:" in item.select_one(".kp-bron").get_text()


def test_the_repeated_policy_recommendation_is_kept_twice_and_marked(read):
    policy = read("aanbevelingen/").select_one("#beleid").find_next_sibling("ol").find_all("li", recursive=False)
    start = norm("Goed werk blijkt prima als thema op te pakken in kleine groepen, met mensen van de werkvloer.")
    twice = [li for li in policy if norm(li.p.get_text(" ")).startswith(start)]
    assert len(twice) == 2  # 000:230 and 000:231
    assert "dezelfde aanbeveling" in twice[1].select_one(".kp-noot").get_text()


# --- the 3E model ----------------------------------------------------------------------------

E_NAMES = {
    # column -> every name the sources give, with its guiding words where they are a question or statement
    "Excellentie": [("Excellent", "het goed doen"), ("Excellentie", "doe je het goed?"), ("Excellentie", "het is goed"),
                    ("Excellent", None), ("Excellence", None), ("Vakmanschap", None), ("vakmanschap", None)],
    "Ethiek": [("Ethisch", "het goede doen"), ("Ethiek", "is het het goede?"), ("Ethiek", "het doet goed"),
               ("Ethiek", None), ("Ethics", None), ("Verantwoordelijkheid", None), ("morele verantwoordelijkheid", None)],
    "Energie": [("'Engaging' en energie", "het voelt goed"), ("Energie", "voelt het goed?"), ("Energie", "het voelt goed"),
                ("Energie", None), ("Engagement", None), ("Persoonlijke betrokkenheid", None), ("persoonlijke betrokkenheid", None)],
}
# 000:131-133 (Gardner et al. 2001), 290-292 and 502-504 (Oost, Noord), 348-350 and 419-421 (Zuid, West),
# 580-582 (national session); 002:11 (Excellence, Engagement, Ethics; Vakmanschap, ...), 002:30 (toolkit)
E_DESCRIPTIONS = [
    "het werk voldoet aan de standaarden", "het werk dient een groter doel", "het werk is persoonlijk zinvol",
    "het werk doen volgens de professionele standaard", "dat je werk 'goed doet', bijdraagt aan het goede",
    "de voldoening die je ervaart bij je werk", "Professionals beschikken over (specifieke) deskundigheid en ervaring",
    "zij zijn in staat om verantwoordelijk te handelen", "Zij zijn begaan met hun werk en de resultaten daarvan",
]


def test_every_e_in_every_vocabulary(read):
    table = read("model/").select_one(".kp-modeltabel")
    columns = [th.get_text(strip=True) for th in table.select("thead th")][1:]
    shown = {c: [] for c in columns}
    for row in table.select("tbody tr"):
        for column, cell in zip(columns, row.find_all("td")):
            name = cell.strong.get_text(strip=True) if cell.strong else None
            rest = norm(cell.get_text(" ").replace(name or "", "", 1)) if name else ""
            shown[column].append((name.translate(QUOTE_MARKS) if name else None, rest or None))
    for column, names in E_NAMES.items():
        assert sorted(shown[column], key=str) == sorted(((n, norm(q) if q else None) for n, q in names), key=str), column
    text = norm(read("model/").get_text(" "))
    assert [d for d in E_DESCRIPTIONS if norm(d) not in text] == []


# --- the other programmes ----------------------------------------------------------------------

def test_beroepseer_goed_werk_aanpak(read):
    article = read("aanpakken/goed-werk-aanpak-beroepseer/")
    for title in ("Goed Werk Plaats", "Goed Werk Traject", "Goed Werk Toolkit", "De REVIEW Methode"):
        section(article, title)
    check(section(article, "Meerwaarde Goed Werk aanpak"), "meerwaarde", punten=12)  # 002:59-70
    check(section(article, "Opdrachtgevers"), "opdrachtgevers", punten=11)           # 002:76-86
    check(section(article, "Goed Werk Traject"), "traject", punten=6)                # 002:44-53 (+4 sub-items)
    assert len(section(article, "Goed Werk Traject").select(":scope > ul > li > ul > li")) == 4
    check(section(article, "Testimonials"), "testimonials", citaten=4)              # 002:108-122


def test_sigra_networks_and_spiral(read):
    article = read("aanpakken/actieprogramma-behoud/")
    for network in ("magneet", "behoud", "onboarding"):  # 003:160, 211, 245
        section(article, f"Actieleernetwerk {network}")
    check(section(article, "Actieleernetwerk magneet"), "magneetkenmerken", punten=8 + 2)  # 003:178-188, 195-201
    check(section(article, "Actieleernetwerk behoud"), "sessies", punten=5)              # 003:227-239
    check(section(article, "De methode"), "spiraal", punten=4)                           # 003:131-138
    assert "november 2022" in section(article, "Kick-off bijeenkomst").get_text()


ROTTERDAM_MEETINGS = [
    # title as in the table of contents (004:45-50), and what each meeting's pages hold
    ("Kick-off lerend netwerk", [("Kick-off lerend netwerk", dict(punten=5))]),  # 004:176-180
    ("Bijeenkomst 2 - Verdieping", [("Verdieping", dict(punten=11)),  # recipe, 004:209-219
                                    ("Inspiratie in de breedte!", dict(punten=9))]),  # 004:230-238
    ("Bijeenkomst 3 - Roosteren", [("Inspiratie specifiek over roosteren en meer uren werken", dict(punten=5))]),  # 004:298-307
    ("Bijeenkomst 4 - Generaties", [("Generaties", dict(citaten=2, punten=4)),  # 004:318-332
                                    ("Generatie/levensfase overstijgende interventies", dict(tips=5)),  # 004:336-344
                                    ("Generatie X - Oudere professional", dict(rijen=12)),  # 004:355-366
                                    ("Generatie pragmaten - Zeer ervaren professional", dict(rijen=9)),  # 004:381-389
                                    ("Generatie Y - Ervaren professional", dict(rijen=8)),  # 004:404-411
                                    ("Generatie Z - Young professional", dict(rijen=9)),  # 004:418-426
                                    ("Ter inspiratie over generaties", dict(punten=14))]),  # 004:432-445
    ("Bijeenkomst 5 – Het goede gesprek", [("Het goede gesprek", dict(citaten=1, tips=16)),  # Mandela; TOOL -> DOEL 004:473-488
                                           ("Ter inspiratie over het goede gesprek", dict(punten=10))]),  # 004:496-511
    ("Bijeenkomst 6 – Jobcraften", [("Boeken en artikelen over jobcraften", dict(punten=8))]),  # 004:531-543
]


def test_the_six_rotterdam_meetings_are_sessions_of_their_programme(read):
    listed = read("aanpakken/lerend-netwerk-gepersonaliseerde-arbeidsrelatie/").select_one("#sessies").find_next_sibling("ul")
    titles = [a.get_text(strip=True) for a in listed.select("li > a")]
    assert titles == [title for title, _ in ROTTERDAM_MEETINGS]


@pytest.mark.parametrize("title, parts", ROTTERDAM_MEETINGS, ids=[t for t, _ in ROTTERDAM_MEETINGS])
def test_every_rotterdam_meeting_is_complete(read, generated, title, parts):
    listed = read("aanpakken/lerend-netwerk-gepersonaliseerde-arbeidsrelatie/").select_one("#sessies").find_next_sibling("ul")
    href = next(a["href"] for a in listed.select("li > a") if a.get_text(strip=True) == title)
    url = resolve("aanpakken/lerend-netwerk-gepersonaliseerde-arbeidsrelatie/", href)
    assert norm(generated[0][url.strip("/") + "/"].titel) == norm(title)  # the page's heading
    article = read(url)
    for part, expected in parts:
        check(section(article, part), f"{title}: {part}", **expected)
    # only the kick-off has a date (004:168 "In april 2024"); none has a place or a head count
    times = article.select("dl.kp-kenmerken time")
    assert [t["datetime"] for t in times] == (["2024-04"] if title.startswith("Kick-off") else [])
    terms = [dt.get_text(strip=True) for dt in article.select("dl.kp-kenmerken dt")]
    assert "Locatie" not in terms and "Deelnemers" not in terms


def test_the_generation_tables_keep_the_four_columns(read):
    article = read("sessies/gepersonaliseerde-arbeidsrelatie-4-generaties/")
    columns = ["Behoeften qua arbeid/werkstijl", "Uitdagingen", "Beschikbaar aanbod", "(door) Te ontwikkelen aanbod"]  # 004:354
    tables = article.select("table")
    assert len(tables) == 4
    for table in tables:
        assert [th.get_text(strip=True) for th in table.select("thead th")] == columns


# --- sources cited (bronnen) -----------------------------------------------------------------

SOURCES_PER_DOCUMENT = {
    # 000: the 2021 report, Gardner et al. 2001, HKU Musework, two vlogs, the Kennisplein, the
    # interview, the card set, Volwaardig leven, Begeleiding à la carte, Toekomstagenda, Waardenkompas
    EINDVERSLAG: 12,
    DIALOOGRAPPORT: 1,  # the Wervingsfilmpje of Tom Schoormans (001:57)
    BEROEPSEER: 4,  # The Good Work Project, the toolkit, the REVIEW method, Mulder et al. 2018 (002)
    SIGRA: 3,  # Jacobs et al. 2018, the Sigra web page, and actieleren (also in 004)
    # 004: 83 links, less 3 that are no source (the network itself, a person, the word-cloud
    # question), less 8 repeats (HR met ballen, four footnotes, the research report and its
    # podcast in B2 and B4, the two links of the JD-R article), plus 6 named without a link
    # (three news items, Werk als Waarde, the Workforce Preference Study, the thesis of Lex Bos)
    ROTTERDAM: 78,
}

# Titles the sources themselves give (link texts and named works), per document section.
SOURCE_TITLES = {
    EINDVERSLAG: ["Iedereen wil goed werk leveren", "Gardner et al., 2001", "HKU Musework", "Kennisplein Gehandicaptensector",
                  "Begeleiding à la carte", "Waardenkompas", "Volwaardig leven"],
    DIALOOGRAPPORT: ["Wervingsfilmpje van Tom Schoormans"],
    BEROEPSEER: ["The Good Work Project", "Goed Werk Toolkit", "REVIEW methode",
                 "Addressing the hidden curriculum in the clinical workplace"],
    SIGRA: ["Actieonderzoek: de praktijk centraal", "Actieprogramma behoud | sigra"],
    ROTTERDAM: [
        "Nieuwsbericht kick-off Lerend Netwerk", "Nieuwsbericht Lerend netwerk in volle gang", "Nieuwsbericht afronding",
        "Actieleren", "Sociaal contract als instrument voor dialoog", "Een goede overeenkomst is het halve werk",
        "Inzetbaarheid als service", "Het arbeidscontract moet vernieuwd: inzet kan duurzamer",
        "Goed Werkgeverschap in de zorg, #Hoedan?", "Alles loopt op rolletjes", "Hoe hou je jonge zorgprofessionals binnenboord?",
        "Onderzoek naar behoud jonge zorgprofessionals", "Zet de patiënt op 2", "HR met ballen", "Boekbespreking HR met ballen",
        "Het Potentieel Pakken", "Meer werkplezier en minder administratieve lasten door Rob Otmans",
        "Maak langere diensten mogelijk in het rooster!", "Stichting Arbeidsmarkt Ziekenhuizen",
        "Mantelzorg Regioplus", "Werk en mantelzorg", "Club van 60+", "Gezond werken stimuleren",
        "Van boomer tot zoomer – generatieverschillen op de werkvloer",
        "Hoe ga jij om met generatieverschillen op de werkvloer? 4 handige tips op maat.",
        "Talent heeft meer behoefte aan financiële zekerheid.", "Workforce Preference Study 2022",
        "Generatieverschillen dwingen tot nieuw werkgeverschap.", "Welke werkgevers zijn favoriet bij jongeren – Generatie Z?",
        "E-zine over generatie Z", "Young Sherpa", "De leeftijdloze samenleving", "Nieuwe generaties in vergrijzende organisaties",
        "Jong talent vinden en binden. Zo doe je dat!", "Het generatiespel", "Qidos", "gesprekswijzer", "gesprekskaart",
        "TeamWork-outs", "koekjestrommel-gesprekken", "vaardigheidsversnellers", "1-2-4-all oefening",
        "StAZ Dialoog Over Duurzame Inzetbaarheid", "TOP gesprek", "drie werkende principes voor een goede inspiratie",
        "Werk als Waarde", "Stay-in gesprek", "Luisterboek", "Activerende ontwikkelgesprekken", "100 Communicatieversnellers",
        "Praktijkboek dynamische oordeelsvorming", "Oordeelsvorming in groepen", "Leider zijn in dialoog",
        "De gelukkige organisatie", "Verbindend communiceren, hoe dan?", "Mooi Werk", "Mooier werk", "Aan de slag met jobcraften",
        "Job Demands-Resources (JD-R) Theorie", "Langer doorwerken is geen vanzelfsprekendheid", "OpRijk",
    ],
}


def _sources_by_document(article: Tag) -> dict[str, list[Tag]]:
    found: dict[str, list[Tag]] = {}
    for item in article.select("ul.kp-bronnenlijst > li"):
        for link in item.select(".kp-herkomst a[href^='#']"):
            found.setdefault(link["href"][1:], [])
            if item not in found[link["href"][1:]]:
                found[link["href"][1:]].append(item)
    return found


def test_every_cited_source_is_on_the_sources_page(read):
    article = read("bronnen/")
    found = _sources_by_document(article)
    assert {doc: len(items) for doc, items in found.items()} == SOURCES_PER_DOCUMENT
    assert len(article.select("ul.kp-bronnenlijst > li")) == 97  # 12 + 1 + 4 + 2 + 78 (actieleren counted once)
    for document, titles in SOURCE_TITLES.items():
        cited = [norm(item.cite.get_text()) for item in found[document]]
        missing = [t for t in titles if not any(norm(t) in c for c in cited)]
        assert missing == [], f"{document}: {missing}"


def test_sources_cited_twice_in_004_are_one_entry_naming_both_places(read):
    """004 cites the research on young care professionals and its podcast in B2 and again in B4."""
    article = read("bronnen/")
    for title in ("Onderzoek naar behoud jonge zorgprofessionals", "Hoe hou je jonge zorgprofessionals binnenboord?"):
        items = [li for li in article.select("ul.kp-bronnenlijst > li") if norm(li.cite.get_text()) == norm(title)]
        assert len(items) == 1
        places = items[0].select_one(".kp-herkomst").get_text()
        assert "Bijeenkomst 2" in places and "Bijeenkomst 4" in places


def test_descriptive_source_titles_are_explained(read):
    article = read("bronnen/")
    assert "[vierkante haken]" in article.get_text()
    assert any(c.get_text().startswith("[") for c in article.select("ul.kp-bronnenlijst cite"))


# --- where the sources disagree, the page says so -------------------------------------------

def test_zuid_shows_both_participant_statements_and_explains(read):
    article = read("sessies/2022-10-14-zuid/")
    listed = norm(article.select_one("dl.kp-kenmerken").get_text(" "))
    for statement in ("met 6 deelnemers uit de praktijk", "Vier zorgprofessionals inclusief twee ambassadeurs",
                      "Docent Fontys hogeschool", "Bestuurder"):
        assert norm(statement) in listed
    note = article.select_one(".kp-verschil")
    assert note is not None, "no note on the participants"
    note = norm(note.get_text(" "))
    assert "6 deelnemers" in note and "vier zorgprofessionals" in note


def test_national_session_shows_30_and_about_35(read):
    article = read("sessies/2022-12-12-landelijk/")
    listed = norm(article.select_one("dl.kp-kenmerken").get_text(" "))
    assert "30 personen uit de praktijk" in listed and "met 30 deelnemers uit de praktijk" in listed
    assert norm("bij elkaar zo’n 35 deelnemers") in listed
    note = article.select_one(".kp-verschil")
    assert note is not None, "no note on the participants"
    assert not re.search(r"[a-z]\.[A-Z]", note.get_text()), "sentences run together in the note"
    note = norm(note.get_text(" "))
    assert "30" in note and "35" in note


def test_sigra_shows_both_start_dates_and_says_they_differ(read):
    text = norm(read("aanpakken/actieprogramma-behoud/").get_text(" "))
    assert "het programma start in september 2022" in text  # 003:26
    assert "is gestart in januari 2022" in text  # 003:248-249
    assert "twee verschillende startmomenten" in text


def test_rotterdam_shows_seven_organisations_half_a_year_and_a_year(read):
    article = read("aanpakken/lerend-netwerk-gepersonaliseerde-arbeidsrelatie/")
    text = norm(article.get_text(" "))
    for phrase in ("uit zeven zorgorganisaties een half jaar lang", "zes maanden lang", "heeft zich het afgelopen jaar gebogen"):
        assert phrase in text  # 004:59, 71, 28
    organisations = section(article, "Deelnemers lerend netwerk Gepersonaliseerde Arbeidsrelatie").select(":scope > ul > li")
    assert len(organisations) == 5  # 004:549-565; deRotterdamseZorg's own logo closes the page
    note = [s for s in article.select("section") if s.h2.get_text().startswith("Noot van de redactie")]
    assert note and "zeven" in note[0].get_text() and "afgelopen jaar" in note[0].get_text()


def test_quotes_that_appear_twice_are_kept_in_both_places(read):
    # the Josti-band quote (000:143 in 4A and 000:438 in West); "één groep" (000:123) and "1 groep" (000:516)
    goed_werk = norm(read("aanpakken/goed-werk-2022/").get_text(" "))
    assert "de gehandicaptenzorg is meer dan de josti-band" in goed_werk
    assert "vg is meer dan de josti-band" in norm(read("sessies/2022-10-19-west/").get_text(" "))
    assert "tijdens corona hadden we één groep dagbesteding" in goed_werk
    assert "tijdens corona hadden we 1 groep dagbesteding" in norm(read("sessies/2022-10-26-noord/").get_text(" "))


# --- every page names where its content comes from -------------------------------------------

def _generated(generated, folder: str) -> list[str]:
    """The record pages of one kind ('kaarten' lists the card pages, not the browser or the
    page to draw a card)."""
    by_url, _ = generated
    kind = {"kaarten": "kaart", "sessies": "sessie", "themas": "thema", "aanpakken": "aanpak"}[folder]
    return sorted(url for url, page in by_url.items() if page.soort == kind)


def test_every_page_names_its_source_document_and_section(read, generated):
    problems = []
    for url in _generated(generated, "kaarten"):
        places = read(url).select(".kp-bronplaatsen > li")
        if not places or not all(p.select_one("blockquote") for p in places):
            problems.append(f"{url}: no places with their wording")
    for url in _generated(generated, "sessies"):
        if "Bron:" not in read(url).select_one(".kp-bron").get_text():
            problems.append(f"{url}: no source line")
    for url in _generated(generated, "themas") + _generated(generated, "aanpakken"):
        for part in read(url).select("section[aria-labelledby^='sectie-']"):
            source = part.find(class_="kp-bron", recursive=False)
            if source is None or "Bron:" not in source.get_text():
                problems.append(f"{url}: section {part.h2.get_text(strip=True)!r} names no source")
    for part in read("model/").select("section[aria-labelledby]"):
        if part.h3 and "Bron:" not in part.get_text():
            problems.append(f"model/: {part.h3.get_text(strip=True)!r} names no source")
    for item in read("bronnen/").select("ul.kp-bronnenlijst > li"):
        if "Genoemd in:" not in item.get_text():
            problems.append(f"bronnen/: {item.cite.get_text()!r} names no place")
    assert problems == []
    assert len(_generated(generated, "kaarten")) == 35 and len(_generated(generated, "sessies")) == 11


def test_quoted_text_never_becomes_a_heading(built_site):
    """A text like '#Dekrachtzitindemixvandeverschillen!' (004:198) or '#1 Investeren …' (004:336)
    is the source's wording: each page keeps its single <h1>, and the text stays text."""
    files = [path for folder in ("kaarten", "sessies", "themas", "aanpakken") for path in (built_site / folder).rglob("index.html")]
    pages = {path.parent.relative_to(built_site).as_posix() + "/": BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
             for path in files}
    assert len(pages) > 50
    assert [url for url, page in pages.items() if len(page.find_all("h1")) != 1] == []
    verdieping = pages["sessies/gepersonaliseerde-arbeidsrelatie-2-verdieping/"].get_text()
    assert "#Dekrachtzitindemixvandeverschillen!" in verdieping
    assert "#1 Investeren" in pages["sessies/gepersonaliseerde-arbeidsrelatie-4-generaties/"].get_text()
