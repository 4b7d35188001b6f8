"""The editors' workflow as an editor meets it: schema lines, the guide on the site, the error
messages of the broken-file corpus, a new session with two new cards from start to site, and
`mkdocs serve` surviving a mistake."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import BROKEN, MINI_DATA, ROOT, copy_data
from invullen import fill
from kennisplein import guide, schema_docs
from kennisplein.vocabularies import KIND_BY_FILE, KIND_BY_FOLDER

DATA = ROOT / "data"
SCHEMAS = ROOT / "macros" / "schemas"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


# --- schema lines and schemas --------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: str(p.relative_to(DATA)))
def test_every_data_file_starts_with_the_line_that_names_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path.relative_to(ROOT)} begint niet met '# yaml-language-server: $schema=...'"
    relative = path.relative_to(DATA)
    kind = KIND_BY_FILE.get(relative.as_posix()) or KIND_BY_FOLDER[relative.parts[0]]
    target = (path.parent / match.group(1)).resolve()
    assert target == SCHEMAS / f"{kind}.schema.json"


def test_every_field_an_editor_fills_in_is_explained_in_dutch():
    for veld in schema_docs.fields("sessie") + schema_docs.fields("kaart") + schema_docs.blocks():
        assert veld.uitleg, f"het schema zegt niet wat er in '{veld.pad}' hoort"
    english = re.compile(r"\b(the|and|with|must|should|which|this|field|value|list of)\b", re.I)
    for path in SCHEMAS.glob("*.schema.json"):
        texts = re.findall(r'"(?:description|title)": "((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"))
        assert texts
        for text in texts:
            assert not english.search(text), f"{path.name}: '{text}' lijkt Engels"


def test_schemas_are_published_with_the_site(built_site):
    for path in SCHEMAS.glob("*.schema.json"):
        published = built_site / "schemas" / path.name
        assert json.loads(published.read_text(encoding="utf-8")) == json.loads(path.read_text(encoding="utf-8"))


# --- the guide -----------------------------------------------------------------------------------

def test_contributing_md_is_in_step_with_schemas_templates_and_examples():
    text = (ROOT / guide.GUIDE).read_text(encoding="utf-8")
    assert guide.refresh(text) == text, "CONTRIBUTING.md is niet bij: draai 'kennisplein gids'"


def test_the_site_shows_the_guide_as_page_bijdragen(built_site):
    page = html(built_site, "bijdragen")
    guide_text = (ROOT / guide.GUIDE).read_text(encoding="utf-8")
    # the same headings as CONTRIBUTING.md, in the same order (a '## ' inside a code block is text)
    outside_code = re.sub(r"^(`{3,})[a-z]*\n.*?^\1$", "", guide_text, flags=re.M | re.S)
    expected = re.findall(r"^##+ (.+)$", outside_code, re.M)
    shown = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in page.select("article h2, article h3")]
    assert shown == expected
    assert page.find("h1").get_text(strip=True).startswith("Bijdragen aan het Kennisplein Goed Werk")
    # the field tables come from the schemas, every field a row
    cells = {td.get_text(" ", strip=True) for td in page.select("article table td:first-child")}
    for veld in schema_docs.fields("sessie") + schema_docs.fields("kaart"):
        assert " › ".join(veld.pad.replace("[]", "").split(".")) in cells
    # the templates and the worked example, whole, ready to copy
    blocks = [pre.get_text() for pre in page.select("article pre")]
    assert any(b.startswith("# yaml-language-server: $schema=../../macros/schemas/sessie.schema.json") and "VUL IN" in b for b in blocks)
    oost = (DATA / "sessies" / "2022-09-09-oost.yaml").read_text(encoding="utf-8")
    assert oost.rstrip("\n") in [b.rstrip("\n") for b in blocks]
    assert "gegenereerd" not in str(page.find("article"))
    # every fenced block of the guide is a code block on the site too (not text in a paragraph)
    assert len(blocks) == len(re.findall(r"^```[a-z]+$", guide.site_markdown(), re.M))
    # and every page links to it, in the footer (it is for editors, not in the main menu)
    assert any(a.get_text(strip=True) == "Bijdragen" for a in html(built_site, "").select(".md-footer a"))


def test_guide_sections_link_to_anchors_that_exist(built_site):
    page = html(built_site, "bijdragen")
    ids = {tag["id"] for tag in page.select("[id]")}
    anchors = [a["href"][1:] for a in page.select("article a[href^='#']") if not a.get("class")]
    assert anchors and all(anchor in ids for anchor in anchors)


# --- the broken-file corpus, from the editor's side ------------------------------------------------

EDITOR_CASES = sorted(p for p in BROKEN.iterdir() if p.is_dir() and int(p.name[:2]) >= 40)
FIX = re.compile(r"\b(schrijf|zet|voeg|verander|kies|gebruik|vervang|verwijder|haal|typ|kopieer|verdeel|hernoem|neem|begin|vul|sla|houd|maak|controleer|"
                 r"bedoelde je|let op)\b", re.I)


def test_there_are_at_least_fifteen_editor_cases():
    assert len(EDITOR_CASES) >= 15


@pytest.mark.parametrize("case", sorted(p for p in BROKEN.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_every_message_names_file_line_and_the_fix_in_dutch(case):
    lines = [line for line in (case / "verwacht.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines
    for line in lines:
        match = re.match(r"^((?:data|docs)/\S+):(\d+):(\d+): (.+)$", line)
        assert match, line
        message = match.group(4)
        assert FIX.search(message), f"geen oplossing in: {message}"
        assert not re.search(r"\b(found|expected|mapping|scalar|while scanning|is not of type)\b", message), message


# --- a new editor follows the guide ------------------------------------------------------------------

HABITS = {
    "samen-koffie": ("Samen koffie voor de dienst", "Drink elke ochtend samen koffie voordat de dienst begint."),
    "compliment-van-de-week": ("Het compliment van de week", "Geef elke week één collega een compliment in het teamoverleg."),
}


def kennisplein(*argv: str) -> str:
    result = subprocess.run([sys.executable, "-m", "kennisplein", *argv], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_editor_adds_a_session_with_two_new_cards_and_sees_them_on_the_site(mkdocs, tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    kennisplein("nieuw-verslag", "--data", str(data), "--datum", "2025-03-14", "--regio", "Noord",
                "--organisatie", "Zorggroep Test", "--plaats", "Teststad", "--soort", "regionaal",
                "--aanpak", "goed-werk-2022", "--document", "eindverslag-2022")
    for ident, (titel, tekst) in HABITS.items():
        out = kennisplein("nieuwe-kaart", "--data", str(data), "--titel", titel, "--tekst", tekst,
                          "--thema", "teamwerk", "--voor", "team", "--id", ident)
        assert f"kaart: {ident}" in out
        card = data / "kaarten" / f"{ident}.yaml"
        card.write_text(fill(card.read_text(encoding="utf-8")), encoding="utf-8")

    # Fill the session like the worked example; its habits name the two new cards.
    session = data / "sessies" / "2025-03-14-noord.yaml"
    habits = "".join(f"          - tekst: {tekst}\n            kaart: {ident}\n" for ident, (_, tekst) in HABITS.items())
    text = fill(session.read_text(encoding="utf-8"), titel="'Sessie regio Noord'")
    text = re.sub(r"          - tekst: [^\n]*\n            kaart: blijf-gesprek\n", habits, text)
    session.write_text(text, encoding="utf-8")
    assert "Alle gegevens zijn in orde" in kennisplein("controleer", "--data", str(data))

    site = tmp_path / "site"
    result = mkdocs(site, data, {"KENNISPLEIN_ADRESSEN": str(tmp_path / "adressen.txt")})
    assert result.returncode == 0, result.stderr
    page = html(site, "sessies/2025-03-14-noord")
    assert page.find("h1").get_text(strip=True) == "Sessie regio Noord"
    links = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page.select("article a[href*='kaarten/']")}
    for ident, (titel, tekst) in HABITS.items():
        assert ident in links
        card = html(site, f"kaarten/{ident}")
        assert titel in card.find("h1").get_text()
        assert tekst in card.get_text(" ")
        assert "2025-03-14-noord" in str(card)  # the card names the session it comes from
    index = html(site, "sessies")
    assert any("2025-03-14-noord" in a["href"] for a in index.select("article a[href]"))


# --- make serve: a mistake does not stop the server ------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode("utf-8")


def wait_for(log: Path, text: str, after: int = 0, timeout: float = 120) -> int:
    """Wait until `text` appears in the log after position `after`; return where it ends."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(encoding="utf-8", errors="replace")
        found = content.find(text, after)
        if found >= 0:
            return found + len(text)
        time.sleep(0.2)
    raise AssertionError(f"'{text}' kwam niet in de uitvoer van mkdocs serve:\n{content[-3000:]}")


def serve(data: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KENNISPLEIN_DATA=str(data),
               KENNISPLEIN_ADRESSEN=str(data.parent / "adressen.txt"))
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )


@pytest.mark.bouw  # runs `mkdocs serve`
def test_serve_shows_a_mistake_in_the_terminal_and_on_the_page_and_keeps_running(tmp_path):
    data = copy_data(DATA, tmp_path / "data")
    card = data / "kaarten" / "blijf-gesprek.yaml"
    good = card.read_text(encoding="utf-8")
    port, log = free_port(), tmp_path / "serve.log"
    server = serve(data, port, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        seen = wait_for(log, "Serving on")
        watching = re.search(r"Watching paths for changes: (.+)", log.read_text(encoding="utf-8")).group(1)
        for folder in ("'data'", "'macros'", "'overrides'", "'docs'", f"'{data}'"):
            assert folder in watching  # `make serve` rebuilds when any of these changes
        status, body = get(base)
        assert status == 200 and "kp-fouten" not in body

        card.write_text(good.replace("thema: goed-werkgeverschap", "thema: goedwerkgeverschap"), encoding="utf-8")
        seen = wait_for(log, "FOUT IN DE GEGEVENS", seen)
        seen = wait_for(log, "Reloading browsers", seen)
        output = log.read_text(encoding="utf-8")
        assert ("data/kaarten/blijf-gesprek.yaml:8:8: het thema 'goedwerkgeverschap' bestaat niet "
                "(niet gevonden in data/themas/). Bedoelde je 'goed-werkgeverschap'?") in output
        assert server.poll() is None, "de server is gestopt"
        status, body = get(base)
        banner = BeautifulSoup(body, "html.parser").select_one(".md-banner .kp-fouten")
        assert status == 200 and banner is not None
        assert "Bedoelde je 'goed-werkgeverschap'?" in banner.get_text()
        assert get(base + "kaarten/blijf-gesprek/")[0] == 200  # the last good site is still there

        card.write_text(good, encoding="utf-8")
        wait_for(log, "Reloading browsers", seen)
        status, body = get(base)
        assert status == 200 and "kp-fouten" not in body
        assert server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.bouw  # runs `mkdocs serve`
def test_serve_started_on_broken_data_says_what_to_fix(tmp_path):
    data = copy_data(DATA, tmp_path / "data", BROKEN / "10-kaart-bestaat-niet" / "data")
    log = tmp_path / "serve.log"
    server = serve(data, free_port(), log)
    try:
        assert server.wait(timeout=120) != 0
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    output = log.read_text(encoding="utf-8")
    assert "de kaart 'blijf-gesprk' bestaat niet" in output
    assert "Los de fouten op en start de server opnieuw." in output


def test_serving_on_broken_data_keeps_the_records_but_nothing_drawn_with_them(tmp_path, monkeypatch):
    """`mkdocs serve` after a mistake keeps the last good records; tiles drawn from them with
    the templates of then must not come back after a template was edited."""
    from mkdocs.config import load_config

    data = copy_data(MINI_DATA, tmp_path / "data")
    monkeypatch.setenv("KENNISPLEIN_DATA", str(data))
    monkeypatch.setenv("KENNISPLEIN_ADRESSEN", str(tmp_path / "adressen.txt"))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["kennisplein"]
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    good = plugin.site
    good.derived("fragmenten", dict)["tegel"] = "getekend met het oude sjabloon"
    next(data.glob("kaarten/*.yaml")).write_text("titel: [kapot\n", encoding="utf-8")
    plugin.on_config(config)
    assert config.extra["kennisplein_fouten"]
    assert plugin.site.kaarten == good.kaarten
    assert plugin.site.derived("fragmenten", dict) == {}
