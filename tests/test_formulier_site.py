"""Forms as GitHub writes them, converted with `kennisplein uit-formulier`, pass `kennisplein
controleer` and build into pages that show every value the editor entered; the report of
region Oost entered in the form builds the same page as the hand-written file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from kennisplein import build_site, from_form
from kennisplein.loading import strings

DATA = ROOT / "data"
DOCS = ROOT / "docs"
FIXTURES = ROOT / "tests" / "fixtures" / "formulieren"
OOST = "data/sessies/2022-09-09-oost.yaml"


def page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def uit_formulier(name: str, data) -> str:
    """Run the command an editor (or the workflow) runs; the path of the new file."""
    result = subprocess.run([sys.executable, "-m", "kennisplein", "uit-formulier", str(FIXTURES / name),
                             "--data", str(data), "--issue", "12"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return re.search(r"Nieuw bestand: (\S+)", result.stdout).group(1)


@pytest.fixture(scope="module")
def form_site(tmp_path_factory, mkdocs):
    """data/ without the hand-written report of Oost, plus three forms converted; built once."""
    root = tmp_path_factory.mktemp("formulieren")
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / OOST.removeprefix("data/")).unlink()
    # Without it the data refers to a session that is not there (the model names it), so the
    # choices come from the whole data, as they did before the report was added.
    oost = from_form.from_body((FIXTURES / "sessie-oost.md").read_text(encoding="utf-8"), data, DOCS,
                               site=build_site(DATA, DOCS))
    assert oost.ok, oost.problems
    from_form.write(oost.conversion, data)
    files = {"sessie-oost.md": oost.conversion.pad}
    files |= {name: uit_formulier(name, data) for name in ("sessie-alles.md", "gewoonte-uit-document.md")}
    check = subprocess.run([sys.executable, "-m", "kennisplein", "controleer", "--data", str(data)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, check.stderr
    site = root / "site"
    result = mkdocs(site, data, {"KENNISPLEIN_ADRESSEN": str(root / "adressen.txt")})
    assert result.returncode == 0, result.stderr
    return site, data, files


def test_uit_formulier_without_good_data_says_so_in_dutch(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kennisplein", "uit-formulier", str(FIXTURES / "sessie-alles.md"),
                             "--data", str(tmp_path / "geen-data")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "De gegevens in data/ kloppen zelf niet" in result.stderr


def test_the_converted_files_are_where_the_forms_said(form_site):
    _, data, files = form_site
    assert files == {
        "sessie-oost.md": OOST,
        "sessie-alles.md": "data/sessies/formulier-het-goede-gesprek.yaml",
        "gewoonte-uit-document.md": "data/kaarten/diversiteit-in-het-team.yaml",
    }
    for path in files.values():
        assert (data.parent / path).is_file()


def test_oost_from_the_form_builds_the_page_of_the_hand_written_file(form_site, built_site):
    site, _, _ = form_site
    from_form_page = page(site, "sessies/2022-09-09-oost").find("article")
    by_hand = page(built_site, "sessies/2022-09-09-oost").find("article")
    quotes = [q.get_text(" ", strip=True) for q in by_hand.select("blockquote")]
    reactions = [r.get_text(" ", strip=True) for r in by_hand.select(".kp-reactie")]
    habits = [h.get_text(" ", strip=True) for h in by_hand.select(".kp-gewoontes li")]
    assert len(quotes) == 4 and len(reactions) == 3 and len(habits) == 3
    assert [q.get_text(" ", strip=True) for q in from_form_page.select("blockquote")] == quotes
    assert [r.get_text(" ", strip=True) for r in from_form_page.select(".kp-reactie")] == reactions
    assert [h.get_text(" ", strip=True) for h in from_form_page.select(".kp-gewoontes li")] == habits
    # and not only the quotes: the whole article is the same
    assert str(from_form_page) == str(by_hand)


def _plain(markdown: str) -> str:
    """Text as the page shows it: without the Markdown marks for bold, italic and links."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return " ".join(re.sub(r"\*\*|(?<!\w)\*|\*(?!\w)", "", text).split())


def _shown(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_a_session_from_the_form_shows_every_value_entered(form_site):
    site, data, files = form_site
    value = from_form.convert((FIXTURES / "sessie-alles.md").read_text(encoding="utf-8"),
                              DATA, build_site(DATA, DOCS)).conversion.waarde
    article = page(site, "sessies/formulier-het-goede-gesprek").find("article")
    shown = _shown(article)
    ids = {"id", "aanpak", "soort", "document", "kaart"}
    checked = 0
    for path, text in strings(value):
        if path[-1] in ids or path[-1] == "datum":
            continue
        assert _plain(text) in shown, (path, text)
        checked += 1
    assert checked >= 30
    # what is stored as an id is shown by its name
    assert "Bijeenkomst lerend netwerk" in shown and "Lerend netwerk Gepersonaliseerde arbeidsrelatie" in shown
    assert "februari 2025" in shown
    card_links = [a["href"] for a in article.select(".kp-gewoontes a")]
    assert any("ervaren-begeleider-neemt-mee" in href for href in card_links)
    # the parts of the conventions land in the right HTML
    assert article.select_one("ol li").get_text(strip=True).startswith("Verbeteringen op de lijn")
    assert article.select_one(".kp-tips") and article.select_one("table caption").get_text() == "Generatie X - Oudere professional"
    assert article.select_one("blockquote footer").get_text(strip=True) == "— Nelson Mandela"
    assert article.select_one("a[href$='bronnen/']").get_text() == "Iedereen wil goed werk leveren"
    assert article.find("em", string="cursief") and article.find("strong", string="Werk als Waarde")


def test_a_card_from_the_form_shows_every_value_entered(form_site):
    site, _, _ = form_site
    card = page(site, "kaarten/diversiteit-in-het-team")
    shown = _shown(card.find("article"))
    assert card.find("h1").get_text(strip=True) == "Diversiteit in het team"
    for text in ("Voorwaarde voor dit spiegelen is diversiteit in het team.", "Teamwerk", "Team, Leidinggevende",
                 "Energie", "Eindverslag Goed Werk, Bijlage 2.2 Regio Zuid",
                 "De bron deelt de gewoonte niet in. Diversiteit gaat over het team als geheel; de leidinggevende stelt het team samen."):
        assert text in shown, text
    tile = page(site, "kaarten").select_one("#kaart-diversiteit-in-het-team")
    for word in ("diversiteit", "spiegelen", "team"):
        assert word in tile["data-zoek"]
