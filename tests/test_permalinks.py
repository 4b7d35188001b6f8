"""Links that never break: the list of published URLs, and redirects for old card ids.

The builds here use the mini data set in a temporary folder; the plugin keeps the list of
published URLs next to that data folder, so each scenario has its own list.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from helpers import MINI_DATA, ROOT, copy_data
from kaart_fixtures import remove_card, rename_card
from kennisplein import build_site
from kennisplein.permalinks import LIST_NAME, MissingUrlsError, check, read_list, redirect_files, write_list


# --- the list, as plain functions ------------------------------------------------------------

def test_check_returns_the_list_with_new_urls_added(tmp_path):
    path = tmp_path / LIST_NAME
    write_list(path, {"/", "/kaarten/a/"})
    assert check(path, {"/", "/kaarten/a/", "/kaarten/b/"}) == {"/", "/kaarten/a/", "/kaarten/b/"}


def test_check_names_every_url_that_would_disappear_in_dutch(tmp_path):
    path = tmp_path / LIST_NAME
    write_list(path, {"/", "/kaarten/a/", "/kaarten/b/", "/sessies/x/"})
    with pytest.raises(MissingUrlsError) as error:
        check(path, {"/", "/kaarten/b/"})
    message = str(error.value)
    assert error.value.missing == ["/kaarten/a/", "/sessies/x/"]
    assert "  /kaarten/a/\n  /sessies/x/\n" in message
    assert "De site is niet gebouwd." in message
    assert "eerdere_ids" in message and LIST_NAME in message


def test_a_new_site_starts_an_empty_list(tmp_path):
    assert check(tmp_path / LIST_NAME, {"/"}) == {"/"}


def test_the_list_is_sorted_one_url_a_line_and_keeps_what_is_already_there(tmp_path):
    path = tmp_path / LIST_NAME
    assert write_list(path, {"/kaarten/b/", "/"})
    # Another build that does not know /kaarten/b/ (yet) must not drop it from the file.
    assert write_list(path, {"/kaarten/a/"})
    assert not write_list(path, {"/kaarten/a/"})  # unchanged: the file is not touched
    urls = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert urls == ["/", "/kaarten/a/", "/kaarten/b/"]


def test_committed_list_is_sorted_and_names_the_contract_urls():
    path = ROOT / LIST_NAME
    urls = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert urls == sorted(set(urls))
    site = build_site(ROOT / "data", ROOT / "docs")
    expected = {"/", "/kaarten/", "/kaarten/trek/", "/sessies/", "/model/", "/aanbevelingen/", "/downloads/"}
    expected |= {f"/{k.url}" for k in site.kaarten} | {f"/{s.url}" for s in site.sessies} | {f"/{t.url}" for t in site.themas}
    assert expected <= set(urls)


def test_redirect_page_for_an_old_id(tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data")
    rename_card(data, "blijf-gesprek", "jaarlijks-blijf-gesprek")
    site = build_site(data, ROOT / "docs")
    (page,) = redirect_files(site, "https://voorbeeld.nl/")
    assert page.path == "kaarten/blijf-gesprek/index.html"
    html = BeautifulSoup(page.content, "html.parser")
    assert html.html["lang"] == "nl"
    assert html.find("link", rel="canonical")["href"] == "https://voorbeeld.nl/kaarten/jaarlijks-blijf-gesprek/"
    assert html.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../jaarlijks-blijf-gesprek/"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    link = html.find("main").find("a")
    assert link["href"] == "../jaarlijks-blijf-gesprek/"
    assert link.get_text() == site.kaart("jaarlijks-blijf-gesprek").titel


# --- the real build on a mini site -------------------------------------------------------------

@pytest.fixture(scope="module")
def published_mini(mkdocs, tmp_path_factory):
    """The mini site built once: its data folder and the list the build wrote next to it."""
    root = tmp_path_factory.mktemp("gepubliceerd")
    data = copy_data(MINI_DATA, root / "data")
    result = mkdocs(root / "site", data)
    assert result.returncode == 0, result.stderr
    return root


def test_first_build_writes_every_page_url(published_mini):
    urls = read_list(published_mini / LIST_NAME)
    assert {"/", "/kaarten/", "/kaarten/trek/", "/kaarten/blijf-gesprek/", "/sessies/2022-09-09-oost/"} <= urls
    pages = {"/" + p.parent.relative_to(published_mini / "site").as_posix().replace(".", "") for p in (published_mini / "site").rglob("index.html")}
    pages = {p if p == "/" else p + "/" for p in pages}
    assert urls == pages


def test_removing_a_card_without_redirect_stops_the_build(mkdocs, published_mini, tmp_path):
    data = copy_data(published_mini / "data", tmp_path / "data")
    shutil.copy(published_mini / LIST_NAME, tmp_path / LIST_NAME)
    remove_card(data, "benut-verborgen-talent")
    build_site(data, ROOT / "docs")  # the data itself is valid: only the address is lost
    result = mkdocs(tmp_path / "site", data)
    assert result.returncode != 0
    assert "Dit webadres bestond al, maar de site maakt het niet meer:\n  /kaarten/benut-verborgen-talent/" in result.stderr
    assert "eerdere_ids" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_renaming_a_card_with_its_old_id_keeps_the_old_url_working(mkdocs, published_mini, tmp_path):
    data = copy_data(published_mini / "data", tmp_path / "data")
    shutil.copy(published_mini / LIST_NAME, tmp_path / LIST_NAME)
    rename_card(data, "blijf-gesprek", "jaarlijks-blijf-gesprek")
    result = mkdocs(tmp_path / "site", data)
    assert result.returncode == 0, result.stderr
    old = tmp_path / "site" / "kaarten" / "blijf-gesprek" / "index.html"
    assert 'url=../jaarlijks-blijf-gesprek/' in old.read_text(encoding="utf-8")
    urls = read_list(tmp_path / LIST_NAME)
    assert {"/kaarten/blijf-gesprek/", "/kaarten/jaarlijks-blijf-gesprek/"} <= urls


def test_an_old_id_still_finds_its_card(tmp_path):
    """Hand-written pages (docs/) and macros that name a card by its old id keep working."""
    data = copy_data(MINI_DATA, tmp_path / "data")
    rename_card(data, "blijf-gesprek", "jaarlijks-blijf-gesprek")
    site = build_site(data, ROOT / "docs")
    assert site.kaart("blijf-gesprek") is site.kaart("jaarlijks-blijf-gesprek")
    with pytest.raises(KeyError):
        site.kaart("bestaat-niet")


def test_a_session_that_still_names_the_old_id_stays_a_source_of_the_card(tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data")
    before = build_site(data, ROOT / "docs").kaart("blijf-gesprek").vindplaatsen
    card = data / "kaarten" / "blijf-gesprek.yaml"
    text = card.read_text(encoding="utf-8").replace("id: blijf-gesprek\n", "id: jaarlijks-blijf-gesprek\n")
    card.unlink()
    (data / "kaarten" / "jaarlijks-blijf-gesprek.yaml").write_text(text + "eerdere_ids: [blijf-gesprek]\n", encoding="utf-8")
    # The session file still says `kaart: blijf-gesprek`: nothing else was changed.
    after = build_site(data, ROOT / "docs").kaart("jaarlijks-blijf-gesprek").vindplaatsen
    assert after == before and any(v.sessie for v in after)


def test_list_path_can_be_set_in_the_plugin_config(mkdocs, tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data")
    elsewhere = tmp_path / "elders" / "adressen.txt"
    write_list(elsewhere, {"/kaarten/bestaat-niet-meer/"})
    result = mkdocs(tmp_path / "site", data, {"KENNISPLEIN_ADRESSEN": str(elsewhere)})
    assert result.returncode != 0
    assert "/kaarten/bestaat-niet-meer/" in result.stderr
    assert not (tmp_path / LIST_NAME).exists()
