"""The downloads: PDF card decks and overview, open data, the downloads page, and the cache.

The decks are read back as a person would use them: every page's text and the position of
every card (pdftotext), the QR codes scanned (zbarimg), the fonts and metadata (pypdf).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from helpers import MINI_DATA, SITE_URL
from kaartvel_pdf import CARD_H, CARD_W, LEFTS, TOPS, card_labels, mirror_problems, page_text, page_words, qr_codes_per_cell, squeeze
from kennisplein import build_site
from kennisplein.sharing import editie_tekst
from kennisplein.downloads import decks, faces, fonts, opendata
from kennisplein.downloads.catalog import build_downloads
from kennisplein.records import Site



@pytest.fixture(scope="module")
def mini() -> Site:
    return build_site(MINI_DATA)


def download(built_site: Path, name: str) -> Path:
    return built_site / "downloads" / name


def letters(text: str) -> str:
    """Only letters and digits: compares text across line breaks and added hyphens."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


# --- the PDF card decks ----------------------------------------------------------------------

def test_there_is_a_deck_for_all_cards_each_theme_and_each_session_with_cards(data, built_site):
    names = {spec.bestand for spec in decks.decks(data)}
    expected = {"kaartenset-alle-kaarten.pdf"}
    expected |= {f"kaartenset-thema-{t.id}.pdf" for t in data.themas if data.kaarten_met_thema(t.id)}
    expected |= {f"kaartenset-sessie-{s.id}.pdf" for s in data.sessies if data.kaarten_uit_sessie(s.id)}
    assert names == expected
    assert len(expected) >= 1 + 3 + 4
    for name in names | {decks.OVERVIEW_FILE}:
        assert download(built_site, name).is_file(), name


def test_each_deck_holds_its_cards_front_and_back(data, built_site):
    """Page count, each card's title and text on a front page, its address on the back page."""
    for spec in decks.decks(data):
        pdf = download(built_site, spec.bestand)
        pages = page_words(pdf)
        sheets = -(-len(spec.kaarten) // 9)
        assert len(pages) == 2 + 2 * sheets == decks.page_count(len(spec.kaarten)), spec.bestand
        assert "Hoe print en snijd ik deze kaarten?" in page_text(pages[0])
        assert card_labels(pages[1]) == {}  # the blank back of the instructions
        for index, kaart in enumerate(spec.kaarten):
            sheet = index // 9
            front, back = pages[2 + 2 * sheet], pages[3 + 2 * sheet]
            assert kaart.nummer in card_labels(front) and kaart.nummer in card_labels(back)
            # The title, unless the text says no more than it (Kaart.tekst_is_titel): the words once.
            assert letters(kaart.tekst) in letters(page_text(front)), (spec.bestand, kaart.id)
            if kaart.tekst_is_titel:
                assert letters(page_text(front)).count(letters(kaart.tekst)) == 1, (spec.bestand, kaart.id)
            else:
                assert letters(kaart.titel) in letters(page_text(front)), (spec.bestand, kaart.id)
            assert f"{SITE_URL}{kaart.url}" in squeeze(page_text(back)), (spec.bestand, kaart.id)


def test_backs_carry_theme_source_and_edition(data, built_site):
    pages = page_words(download(built_site, "kaartenset-alle-kaarten.pdf"))
    back = page_text(pages[3])
    stamp = faces.edition_stamp(data)
    assert stamp.startswith("Editie ") and data.editie.versie in stamp
    assert back.count(data.editie.versie) == 9
    assert data.thema(data.kaarten[0].thema).naam in back
    first_session = data.sessie(data.kaarten[0].sessies[0])
    assert first_session.titel in back
    assert "Bron: Eindverslag Goed Werk" in back


def test_fronts_and_backs_line_up_when_the_sheet_is_turned_over(data, built_site):
    """Positions, not pixels: each card's label on a back page sits in the mirrored cell, at
    the same spot in it, as on its front page; neighbours are one card (63 × 88 mm) apart."""
    for spec in decks.decks(data):
        pages = page_words(download(built_site, spec.bestand))
        for front, back in zip(pages[2::2], pages[3::2]):
            assert mirror_problems(front, back) == [], spec.bestand
    first = card_labels(page_words(download(built_site, "kaartenset-alle-kaarten.pdf"))[2])
    assert first[2][0] - first[1][0] == pytest.approx(CARD_W, abs=0.01)
    assert first[4][1] - first[1][1] == pytest.approx(CARD_H, abs=0.01)


def test_qr_codes_scan_to_the_cards_and_sit_behind_their_fronts(data, built_site):
    pdf = download(built_site, "kaartenset-alle-kaarten.pdf")
    pages = page_words(pdf)
    scanned = {}
    for sheet in range(len(pages) // 2 - 1):
        fronts = card_labels(pages[2 + 2 * sheet])
        codes = qr_codes_per_cell(pdf, page=4 + 2 * sheet)
        for number, (x, y) in fronts.items():
            row = max(r for r in range(3) if TOPS[r] <= y)
            column = max(c for c in range(3) if LEFTS[c] <= x)
            scanned[number] = codes.get((row, 2 - column))
    assert scanned == {k.nummer: f"{SITE_URL}{k.url}" for k in data.kaarten}


def test_pdfs_embed_the_open_font_and_say_title_and_language(data, built_site):
    for name in [spec.bestand for spec in decks.decks(data)] + [decks.OVERVIEW_FILE]:
        reader = PdfReader(download(built_site, name))
        assert reader.trailer["/Root"]["/Lang"] == "nl", name
        title = reader.metadata.title
        assert title and title.startswith("Nieuwe goede gewoontes"), name
        assert reader.metadata.creation_date.date().isoformat() == data.editie.datum
        used = {}
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                used[str(font["/BaseFont"])] = "/FontFile2" in descriptor
        assert used and all(used.values()), (name, used)  # every font embedded
        # No fallback font: Atkinson Hyperlegible, and its figures from Lexend (fonts.py).
        assert all(re.search(r"\+(AtkinsonHyperlegible|KennispleinCijfers)", n.replace("-", "")) for n in used), (name, used)


def test_a_pdf_never_fetches_anything_from_another_site():
    from weasyprint.urls import FatalURLFetchingError

    from kennisplein.downloads import pdf

    for html in ('<img src="https://example.org/logo.png">', '<style>@import url("http://example.org/a.css");</style>',
                 '<img src="file:///etc/hostname">'):
        with pytest.raises(FatalURLFetchingError, match="niet ophalen"):
            pdf.render_pdf(f"<!DOCTYPE html><html lang=nl><body>{html}</body></html>")


def test_every_theme_prints_in_its_own_colour(data):
    from kennisplein.downloads import styles

    colours = styles.theme_colours()  # read from the site's palette, kennisplein.css
    assert all(t.id in colours for t in data.themas)
    html = decks.deck_html(decks.decks(data)[0], data, SITE_URL)
    for thema in data.themas:
        assert f".kp-thema-rand--{thema.id} {{ --kp-rand: {colours[thema.id]}; }}" in html


def test_every_character_of_the_cards_is_in_the_font(data):
    """Else WeasyPrint would quietly take a glyph from another font on this machine."""
    used = {c for k in data.kaarten for c in k.titel + k.tekst + data.thema(k.thema).naam}
    used |= {c for k in data.kaarten for line in faces.card_face(k, data, SITE_URL, with_qr=False).herkomst for c in line}
    assert used - fonts.covered_characters() - {" "} == set()


def test_dutch_typography_survives_as_text(built_site):
    text = "\n".join(page.extract_text() for page in PdfReader(download(built_site, "kaartenset-alle-kaarten.pdf")).pages)
    for word in ("‘", "’", "“", "”", "–", "cliënt", "één", "pagina’s", "63 × 88 mm"):
        assert word in text, word


def test_overview_lists_every_card_by_theme(data, built_site):
    reader = PdfReader(download(built_site, decks.OVERVIEW_FILE))
    text = letters(" ".join(page.extract_text() for page in reader.pages))
    for kaart in data.kaarten:
        assert letters(kaart.titel) in text and letters(kaart.tekst) in text, kaart.id
    positions = [text.index(letters(t.naam)) for t in data.themas]
    assert positions == sorted(positions)

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    bookmarks = list(titles(reader.outline))  # a reader can jump to each theme
    for thema in data.themas:
        assert f"{thema.naam} ({len(data.kaarten_met_thema(thema.id))} kaarten)" in bookmarks


def test_a_long_text_steps_down_a_size_until_it_fits(mini, monkeypatch):
    kaart = mini.kaarten[0]
    long_text = " ".join([kaart.tekst] * 2)  # about as long as the longest card in the set
    site = dataclasses.replace(mini, kaarten=(dataclasses.replace(kaart, tekst=long_text),))
    spec = decks.decks(site)[0]
    monkeypatch.setattr(faces, "_FIRST_TRY", (10_000, 10_000, 10_000))  # first try: the largest size
    assert "kp-tekstmaat--kort" in decks.deck_html(spec, site, SITE_URL)
    rendered = decks.render_deck(spec, site, SITE_URL)
    assert rendered.too_long == ()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert letters(long_text) in letters(text)

    far_too_long = dataclasses.replace(site, kaarten=(dataclasses.replace(kaart, tekst=" ".join([kaart.tekst] * 8)),))
    result = build_downloads(far_too_long, SITE_URL)
    assert result.problems and f"kaart '{kaart.id}' past niet" in result.problems[0]


# --- open data ---------------------------------------------------------------------------------

def test_cards_json_validates_against_its_schema(data, built_site):
    schema = json.loads(download(built_site, "kaarten.schema.json").read_text(encoding="utf-8"))
    cards = json.loads(download(built_site, "kaarten.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(Draft202012Validator(schema).iter_errors(cards)) == []
    assert [k["id"] for k in cards["kaarten"]] == [k.id for k in data.kaarten]
    assert [k["url"] for k in cards["kaarten"]] == [f"{SITE_URL}{k.url}" for k in data.kaarten]
    assert cards["editie"] == {"datum": data.editie.datum, "versie": data.editie.versie}
    first = cards["kaarten"][0]
    assert first["tekst"] == data.kaarten[0].tekst and first["thema"] == data.kaarten[0].thema
    broken = json.loads(json.dumps(cards))
    broken["kaarten"][0]["thema"] = "onbekend"
    del broken["kaarten"][1]["url"]
    assert len(list(Draft202012Validator(schema).iter_errors(broken))) == 2


def test_sessions_and_sources_json_hold_every_record(data, built_site):
    sessions = json.loads(download(built_site, "sessies.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in sessions["sessies"]] == [s.id for s in data.sessies]
    oost = next(s for s in sessions["sessies"] if s["id"] == "2022-09-09-oost")
    assert oost["datum"] == "2022-09-09" and oost["url"] == f"{SITE_URL}sessies/2022-09-09-oost/"
    assert oost["kaarten"] == [k.id for k in data.kaarten_uit_sessie("2022-09-09-oost")]
    assert oost["rondes"][0]["inhoud"] and "bestand" not in oost
    sources = json.loads(download(built_site, "bronnen.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in sources["bronnen"]] == [b.id for b in data.bronnen]
    assert [d["id"] for d in sources["documenten"]] == [d.id for d in data.documenten]


def read_dutch_excel_csv(content: bytes) -> list[list[str]]:
    """As Excel in Dutch reads it: a UTF-8 byte-order mark, ';' between fields."""
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"), newline=""), delimiter=";", quotechar='"'))


def test_csv_opens_in_dutch_excel_and_round_trips(data, built_site):
    content = download(built_site, "kaarten.csv").read_bytes()
    assert content.count(b"\r\n") >= len(data.kaarten) + 1 and content.endswith(b"\r\n")
    rows = read_dutch_excel_csv(content)
    assert rows[0] == list(opendata.CSV_COLUMNS)
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert [r["id"] for r in records] == [k.id for k in data.kaarten]
    for record, kaart in zip(records, data.kaarten):
        assert record["tekst"] == kaart.tekst and record["titel"] == kaart.titel
        assert record["url"] == f"{SITE_URL}{kaart.url}"
        assert record["voor"].split(", ") == list(kaart.voor)


def test_csv_keeps_quotes_semicolons_and_line_breaks_and_defuses_formulas(mini):
    tricky = 'Zeg "ja"; of zeg ‘nee’ – één keer.\nTweede regel; met "aanhalingstekens".'
    kaart = dataclasses.replace(mini.kaarten[0], tekst=tricky, titel="=SOM(A1:A9)", indeling_toelichting="-min")
    site = dataclasses.replace(mini, kaarten=(kaart,) + mini.kaarten[1:])
    rows = read_dutch_excel_csv(opendata.cards_csv(site, SITE_URL))
    record = dict(zip(rows[0], rows[1]))
    assert record["tekst"] == tricky
    assert record["titel"] == "'=SOM(A1:A9)" and record["indeling_toelichting"] == "'-min"
    assert len(rows) == len(site.kaarten) + 1 and all(len(r) == len(opendata.CSV_COLUMNS) for r in rows)


# --- the downloads page ----------------------------------------------------------------------

def test_downloads_page_lists_every_file_with_size_format_and_edition(data, built_site):
    page = BeautifulSoup((built_site / "downloads" / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = page.select("li.kp-download")
    files = sorted(p.name for p in (built_site / "downloads").iterdir() if p.name != "index.html")
    linked = sorted(item.select_one("a.kp-download__link")["href"] for item in items)
    assert linked == files
    edition = page.select_one(".kp-editie").get_text(" ", strip=True)
    # The edition in Dutch words; its version code is a technical fact, on Over deze site.
    assert editie_tekst(data.editie) in edition and data.editie.versie not in edition
    for item in items:
        name = item.select_one("a")["href"]
        size = (built_site / "downloads" / name).stat().st_size
        meta = item.select_one(".kp-download__meta").get_text(" ", strip=True)
        shown = float(re.search(r"([\d,]+) (kB|MB)", meta).group(1).replace(",", "."))
        assert shown * (1000 if "kB" in meta else 1_000_000) == pytest.approx(size, rel=0.01), name
        assert "editie" in meta  # the file name is in the link (a session's id holds an ISO date)
        assert item.select_one(".kp-download__omschrijving").get_text(strip=True)
        assert ("PDF" in meta) == name.endswith(".pdf")
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert {"Kaartensets om te printen", "Om te lezen", "Open data"} <= set(headings)


def test_the_print_page_fonts_are_in_the_site(built_site):
    for path, content in fonts.font_files().items():
        assert (built_site / path).read_bytes() == content
    assert set(fonts.FONT_FILES) | set(fonts.FIGURE_FILES) == set(fonts.font_files())


def test_the_figures_have_a_plain_zero_and_come_out_the_same_every_time():
    """Atkinson's slashed zero made "Kaart 30" read like "Kaart 39": the cards' figures come
    from Lexend, whose zero has no slash or dot (one closed oval: two contours, outside and
    inside), and the subset is made the same, byte for byte, on every build."""
    import io

    from fontTools.ttLib import TTFont

    for weight in fonts.FIGURE_FILES.values():
        made = fonts.figures(weight)
        font = TTFont(io.BytesIO(made))
        assert set(font.getBestCmap()) >= {ord(c) for c in fonts.FIGURES}
        assert font["glyf"][font.getBestCmap()[ord("0")]].numberOfContours == 2
        fonts.figures.cache_clear()
        assert fonts.figures(weight) == made
    atkinson = TTFont(fonts.FONT_FILES["assets/fonts/atkinson-hyperlegible-regular.ttf"])
    assert atkinson["glyf"][atkinson.getBestCmap()[ord("0")]].numberOfContours > 2  # the slash


# --- same data, same bytes; and the cache ------------------------------------------------------

def test_same_data_gives_byte_identical_files(mini):
    first = build_downloads(mini, SITE_URL)
    second = build_downloads(mini, SITE_URL)
    assert len(first.rendered) == len(second.rendered) == len(decks.decks(mini)) + 2  # + overview, session guide
    assert [(f.path, f.content) for f in first.files] == [(f.path, f.content) for f in second.files]


def test_the_built_site_holds_what_the_plain_function_makes(data, built_site):
    """The plugin writes the files as build_downloads makes them, cached or not."""
    spec = decks.decks(data)[-1]  # a small session deck: laid out afresh here
    assert decks.render_deck(spec, data, SITE_URL).pdf == download(built_site, spec.bestand).read_bytes()
    assert opendata.cards_csv(data, SITE_URL) == download(built_site, "kaarten.csv").read_bytes()


def test_unchanged_decks_come_from_the_cache(mini, tmp_path):
    cache = tmp_path / "cache"
    first = build_downloads(mini, SITE_URL, cache)
    pdfs = len(decks.decks(mini)) + 2  # the decks, the overview and the session guide
    assert len(first.rendered) == pdfs and first.from_cache == ()
    second = build_downloads(mini, SITE_URL, cache)
    assert second.rendered == () and len(second.from_cache) == pdfs
    assert [f.content for f in first.files] == [f.content for f in second.files]

    # Any change to the data gives a new data version, and every PDF shows the version on its
    # pages: all are laid out again. (build_site computes the version; here it is set by hand.)
    changed = dataclasses.replace(mini.kaarten[0], tekst=mini.kaarten[0].tekst + " Ook op vrijdag.")
    site = dataclasses.replace(mini, kaarten=(changed,) + mini.kaarten[1:],
                               editie=dataclasses.replace(mini.editie, versie="0123456789"))
    third = build_downloads(site, SITE_URL, cache)
    assert len(third.rendered) == pdfs and third.from_cache == ()
    overview = next(f.content for f in third.files if f.path.endswith(decks.OVERVIEW_FILE))
    assert "vrijdag" in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(overview)).pages)
    # The same data at another address: other QR codes and addresses on the cards.
    assert len(build_downloads(mini, "https://elders.example/", cache).rendered) == pdfs

    # While `mkdocs serve` rebuilds, a PDF not in the cache is left out rather than laid out.
    fresh = build_downloads(site, SITE_URL, tmp_path / "leeg", render_pdfs=False)
    assert fresh.rendered == () and len(fresh.skipped) == pdfs
    assert not any(f.path.endswith(".pdf") for f in fresh.files)


def test_an_edited_print_stylesheet_gives_new_pdfs_also_in_a_running_server(tmp_path, monkeypatch):
    """`mkdocs serve` builds again in the same process: the cache key must be read anew."""
    from kennisplein.downloads import cache

    before = cache.PdfCache(tmp_path).key("data")
    edited = tmp_path / "kennisplein-kaartvel.css"
    edited.write_text(cache.CARD_CSS.read_text(encoding="utf-8") + "\n/* anders */\n", encoding="utf-8")
    monkeypatch.setattr(cache, "CARD_CSS", edited)
    assert cache.PdfCache(tmp_path).key("data") != before


def test_qr_codes_are_kept_between_builds_and_only_while_used(tmp_path, monkeypatch):
    from kennisplein import qr

    url = SITE_URL + "kaarten/blijf-gesprek/"
    with qr.kept_in(tmp_path):
        drawn = qr.qr_svg(url)
    monkeypatch.setattr(qr, "_drawn", {})  # a new process: only the file remembers
    monkeypatch.setattr(qr, "_draw", lambda *args: pytest.fail("drawn again instead of taken from the cache"))
    with qr.kept_in(tmp_path):
        assert qr.qr_svg(url) == drawn
    monkeypatch.setattr(qr, "_drawn", {})
    with qr.kept_in(tmp_path):
        pass  # a build without that card
    from kennisplein import caching

    assert json.loads(caching.read(tmp_path / qr.CACHE_FILE, "qr-codes", qr._version()))["codes"] == []


def test_bench_builds_a_deck_of_synthetic_cards():
    from benchmarks.deck import bench_deck

    result = bench_deck(12)
    assert result["kaarten"] == 12 and result["paginas"] == 6 and result["te_lang"] == 0
    assert result["bytes"] > 10_000


def test_a_deck_of_several_sheets_keeps_its_cards_in_order(tmp_path):
    """Over three sheets: pages in order, fronts and mirrored backs, metadata, the same bytes
    for the same data."""
    from benchmarks.synthetic import synthetic_site

    site = synthetic_site(20)  # 3 sheets
    spec = decks.decks(site)[0]
    joined = decks.render_deck(spec, site, SITE_URL)
    assert joined.pdf == decks.render_deck(spec, site, SITE_URL).pdf  # same data, same bytes
    path = tmp_path / "deck.pdf"
    path.write_bytes(joined.pdf)
    pages = page_words(path)
    assert len(pages) == decks.page_count(20) == 8
    assert "Hoe print en snijd ik deze kaarten?" in page_text(pages[0])
    assert [sorted(card_labels(p)) for p in pages[2:]] == [list(range(1, 10))] * 2 + [list(range(10, 19))] * 2 + [[19, 20]] * 2
    for front, back in zip(pages[2::2], pages[3::2]):
        assert mirror_problems(front, back) == []
    reader = PdfReader(path)
    assert reader.trailer["/Root"]["/Lang"] == "nl" and reader.metadata.title == spec.titel
    assert reader.metadata.creation_date.date().isoformat() == site.editie.datum
