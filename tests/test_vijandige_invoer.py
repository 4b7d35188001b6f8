"""Hostile input: nothing an editor's pull request holds can run on the public site, leak a
file or break publishing (issue 13).

Each class of attack has its exact Dutch messages in tests/broken/ (80-94); this module holds
what a broken case cannot show: that the gate, the check and the browser agree, that no input
gives a traceback or expands, that links and planted cache files are never read, and that no
line of a CI log can be a workflow command.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import MINI_DATA, ROOT, copy_data
from kennisplein import DataError, build_site, caching, characters, checkout, github, schemas
from kennisplein.loading import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, load_file, strings
from kennisplein.problems import Problem
from kennisplein.rendering import (
    ALLOWED_ATTRIBUTES, ALLOWED_TAGS, MAX_BRACKETS, editor_links, markdown_to_html, url_refusal,
)
from kennisplein.vocabularies import GERESERVEERDE_IDS, RECORD_FOLDERS

SECRET = "GEHEIM-7d1f0c"  # the content of a file outside the repository, never to be shown


def load(tmp_path: Path, content: str | bytes, name: str = "data/kaarten/x.yaml"):
    path = tmp_path / "x.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return load_file(path, name)


# --- characters that hide or reorder text ---------------------------------------------------------

def test_the_refused_characters_are_exactly_the_invisible_categories_of_unicode():
    """characters.REFUSED_RANGES is written out (reading Python's Unicode database costs 0.1 s at
    every start): it must be what the database says for the planes where these categories live."""
    expected = set()
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)) in characters.REFUSED_CATEGORIES or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
            expected.add(code)
    written = {code for first, last in characters.REFUSED_RANGES for code in range(first, last + 1)
               if code < 0x20000 or 0xE0000 <= code < 0xE1000}
    assert written == expected
    for char in "\u202e\u2066\u200f\u061c\x00\x1b\x7f\x85\u2028\ufeff\u00ad\U000e0041\ue000":
        assert characters.REFUSED_IN_VALUE.search(char) and not characters.plainly_clean("a" + char), hex(ord(char))
    for char in "a é ñ ß € “ ” ‘ ’ — … \u00a0 😀 中\t\n":
        assert not characters.REFUSED_IN_VALUE.search(char), hex(ord(char))


@pytest.mark.parametrize("content, where, code", [
    ("titel: a\u202eb\n", (1, 9), "U+202E"),  # typed into the file
    ("titel: \"a\\u2067b\"\n", (1, 8), "U+2067"),  # written as an escape: the bytes are clean
    ("titel: \"a\\x1b[31mb\"\n", (1, 8), "U+001B"),
    ("titel: \"a\\0b\"\n", (1, 8), "U+0000"),
    ("titel: \"a\\rb\"\n", (1, 8), "U+000D"),
    ("titel: a\x85b\n", (1, 9), "U+0085"),
    ("# opmerking \u202e\ntitel: a\n", (1, 13), "U+202E"),  # also in a comment (Trojan Source)
    ("\"a\\u202e\": b\n", (1, 1), "U+202E"),  # in a key
])
def test_a_refused_character_is_named_with_its_line_and_code(tmp_path, content, where, code):
    (problem,) = load(tmp_path, content).problems
    assert (problem.line, problem.column) == where
    assert f"({code})" in problem.message and problem.message.startswith("hier staat een")


def test_a_file_full_of_refused_characters_is_one_short_report(tmp_path):
    problems = load(tmp_path, "titel: " + "\x00" * 100_000 + "\n").problems
    assert len(problems) == 6 and problems[-1].message.startswith("en nog 99995 van zulke tekens")


# --- YAML features editors never need ---------------------------------------------------------------

BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))


@pytest.mark.parametrize("content, message", [
    (BILLION_LAUGHS, "hier staat een YAML-anker ('&a')"),
    ("a: *b\n", "hier staat een YAML-verwijzing ('*b')"),
    ("a: &x b\n", "hier staat een YAML-anker ('&x')"),
    ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "de gegevens zijn hier te diep genest"),
    ("".join("  " * i + "- \n" for i in range(200)), "de gegevens zijn hier te diep genest"),
    ("- " * 100_000 + "x\n", "de gegevens zijn hier te diep genest"),
    ("a: " + "{b: " * 100_000 + "1" + "}" * 100_000 + "\n", "de gegevens zijn hier te diep genest"),
    ("id: a\n---\nid: b\n", "er staat een tweede YAML-document in dit bestand"),
    ("a: !!python/object/apply:os.system ['id']\n", "YAML-labels zoals '!!python/object/apply:os.system'"),
    ("a: !!binary aGFsbG8=\n", "YAML-labels zoals '!!binary'"),
    ("a: !<tag:yaml.org,2002:python/name:os.system> x\n", "YAML-labels zoals '!!python/name:os.system'"),
    ("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n", "YAML-labels zoals 'tag:example.com,2000:x'"),
    ("a:\n  <<: {b: 1}\n", "samenvoegen met '<<' is niet toegestaan"),
    ("? [a, b]\n: c\n", "een veldnaam moet een woord zijn"),
    ("a: 1\n...\nb: 2\n", "na een regel '...'"),
    ("a: b\n\t- c\n", "hier wordt ingesprongen met een tab"),
    ("\xff\xfei\x00d\x00".encode("latin-1"), "het bestand is geen UTF-8-tekst"),
    ("id: x\n".encode("utf-16"), "het bestand is geen UTF-8-tekst"),
    ("a: " + "x" * (MAX_FILE_BYTES + 1) + "\n", "het bestand is te groot"),
    ("---\n...\n", "het bestand is leeg"),
    ("a: [" + "1, " * MAX_VALUES + "1]\n", "dit bestand heeft meer dan 50.000 waarden"),
])
def test_yaml_features_editors_never_need_are_refused_in_dutch_without_expanding(tmp_path, content, message):
    loaded = load(tmp_path, content)
    assert loaded.problems and message in loaded.problems[0].message
    assert all(re.match(r"^[a-z'(]|^YAML-", p.message) for p in loaded.problems)
    # Nothing was expanded or walked into: the loader stopped where the problem began.
    assert len(loaded.positions) <= MAX_VALUES + 1


def test_the_card_number_registry_of_the_benchs_largest_set_loads(tmp_path):
    # The one file that grows with every card ever numbered; `make bench` builds 5,000 cards
    # (at 10,000 values the loader refused the registry from 3,334 cards on).
    registry = "kaartnummers:\n" + "".join(
        f"  - {{nummer: {n}, kaart: synthetisch-{n:05d}}}\n" for n in range(1, 5001))
    loaded = load(tmp_path, registry, "data/kaartnummers.yaml")
    assert loaded.problems == [] and len(loaded.value["kaartnummers"]) == 5000


def test_nesting_just_within_the_limit_loads(tmp_path):
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, MAX_DEPTH - 1))
    assert load(tmp_path, deep).problems == []


@pytest.mark.parametrize("content, value", [
    ("a: " + "9" * 5_000 + "\n", {"a": "9" * 5_000}),  # Python refuses to read such a number
    ("a: .nan\nb: .inf\nc: 1e999\nd: 1.5\n", {"a": ".nan", "b": ".inf", "c": "1e999", "d": 1.5}),
    ("a: 0x1F\nb: 0o17\nc: 1_000\n", {"a": "0x1F", "b": "0o17", "c": "1_000"}),
    ("a: 2022-02-31\n", {"a": "2022-02-31"}),
    ("id: x\r\ntitel: y\r\n", {"id": "x", "titel": "y"}),
])
def test_odd_scalars_stay_text_the_schema_can_explain(tmp_path, content, value):
    loaded = load(tmp_path, content)
    assert loaded.problems == [] and loaded.value == value


def test_controleer_never_shows_a_traceback_on_any_hostile_file(tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data")
    hostile = {
        "anker": BILLION_LAUGHS, "diep": "a: " + "[" * 50_000 + "\n", "nul": "id: a\x00\n", "twee": "a: 1\n---\nb: 2\n",
        "label": "a: !!python/object:os.system x\n", "getal": "aantal: " + "9" * 9_999 + "\n",
        "leeg": "", "binair": "\x00\x01\x02\xff", "sleutel": "? {a: b}\n: c\n", "lijst": "- a\n- b\n",
        "tekst": "gewoon een zin\n", "haken": "titel: '" + "[" * 3_000 + "'\n",
    }
    for name, content in hostile.items():
        (data / "kaarten" / f"{name}.yaml").write_bytes(content.encode("utf-8", "surrogateescape"))
    result = subprocess.run([sys.executable, "-m", "kennisplein", "controleer", "--data", str(data)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert all(f"data/kaarten/{name}.yaml:" in result.stderr for name in hostile)


# --- one gate for links and images ------------------------------------------------------------------

@pytest.mark.parametrize("url, element, refusal", [
    ("https://www.vilans.nl/pad?a=1&b=2#x", "a", None),
    ("mailto:info@vilans.nl", "a", None),
    ("/kaarten/blijf-gesprek/", "a", None),
    ("#ronde-1", "a", None),
    ("/afbeeldingen/oost.jpg", "img", None),
    ("  https://www.vilans.nl/  ", "a", None),  # a browser strips spaces around an address
    ("javascript:alert(1)", "a", "schema"),
    ("JaVaScRiPt:alert(1)", "a", "schema"),
    (" \x01javascript:alert(1)", "a", "schema"),  # leading controls are stripped by browsers
    ("java\tscript:alert(1)", "a", "schema"),  # so are tabs and newlines anywhere
    ("java\nscript:alert(1)", "a", "schema"),
    ("java\rscript:alert(1)", "a", "schema"),
    ("vbscript:msgbox(1)", "a", "schema"),
    ("data:text/html,<script>alert(1)</script>", "a", "teken"),
    ("data:text/html;base64,PHNjcmlwdD4=", "a", "schema"),
    ("file:///etc/passwd", "a", "schema"),
    ("http://www.vilans.nl/", "a", "http"),
    ("HTTPS:www.vilans.nl", "a", "https-onvolledig"),
    ("https:/evil.example", "a", "https-onvolledig"),
    ("https:///evil.example", "a", "https-onvolledig"),
    ("https://", "a", "https-onvolledig"),
    ("//evil.example/", "a", "ander-domein"),
    ("\\\\evil.example\\share", "a", "backslash"),
    ("/\\evil.example/", "a", "backslash"),
    ("\\/evil.example/", "a", "backslash"),
    ("https://good.example\\@evil.example/", "a", "backslash"),
    ("https://www.gооgle.com/", "a", "niet-ascii"),  # Cyrillic о
    ("ｊａｖａｓｃｒｉｐｔ:alert(1)", "a", "niet-ascii"),
    ("https://a.example/\u202e", "a", "niet-ascii"),
    ("https://a.example/ b", "a", "onzichtbaar"),
    ("https://a.example/\"onclick=\"x", "a", "teken"),
    ("&#106;avascript:alert(1)", "a", "relatief"),
    ("javascript&colon;alert(1)", "a", "relatief"),
    ("%6Aavascript:alert(1)", "a", "relatief"),
    ("www.vilans.nl", "a", "relatief"),
    ("kaarten/x/", "a", "relatief"),
    ("", "a", "leeg"),
    ("#", "a", "leeg"),
    ("mailto:", "a", "leeg"),
    ("https://evil.example/x.png", "img", "afbeelding-extern"),
    ("//evil.example/x.png", "img", "afbeelding-extern"),
    ("data:image/svg+xml,<svg onload=alert(1)>", "img", "onzichtbaar"),
    ("data:image/png;base64,iVBOR", "img", "afbeelding-extern"),
    ("afbeeldingen/x.png", "img", "afbeelding-extern"),
])
def test_an_address_is_decided_as_a_browser_reads_it(url, element, refusal):
    assert url_refusal(url, element) == refusal


# Texts an attacker would try: every one must come out with only allowed tags and attributes,
# and no address that leaves the site's allowed set.
TRICKY_TEXTS = [
    "[Lees [meer]](javascript:alert(document.domain))",
    "[a [b [c]]](javascript:alert(1))",
    "[x](\\\\\\\\evil.example/)",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java&#09;script:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) )",
    "[x](//evil.example)",
    "[x](https://a.example \"t\" onclick=\"alert(1)\")",
    "[x](https://a.example 'onmouseover=alert(1)')",
    "[x](/kaarten/a/ \"t\"><script>alert(1)</script>)",
    "![x](https://evil.example/a.png)",
    "![x\" onerror=\"alert(1)](/afbeeldingen/a.png)",
    "![x](javascript:alert(1))",
    "[![x](/afbeeldingen/a.png)](javascript:alert(1))",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "[x]\n\n[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<https://evil.example>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
    "**[x](javascript:alert(1))**",
    "*[x](data:text/html,x)*",
    "[x](mailto:a@b.example?subject=<script>)",
    "[x](https://a.example/\u202egnp.exe)",
    "info@example.nl en <info@example.nl>",
    "1. [x](javascript:alert(1))\n2. b",
    "> [x](javascript:alert(1))",
    "    [x](javascript:alert(1))",
    "# [x](javascript:alert(1))",
    "[x](/kaarten/a/)[y](https://a.example)[z](mailto:a@b.example)",
]


def _rendered(text: str) -> BeautifulSoup:
    return BeautifulSoup(str(markdown_to_html(text, "sessies/x/")), "html.parser")


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_the_gate_lets_only_allowed_tags_attributes_and_addresses_through(text):
    for element in _rendered(text).find_all(True):
        assert element.name in ALLOWED_TAGS, element
        for name, value in element.attrs.items():
            assert name in ALLOWED_ATTRIBUTES.get(element.name, ()) or (element.name, name, value) == ("a", "rel", ["noopener"]), element
            assert not name.startswith("on")
            if name in ("href", "src"):
                # Published addresses are made relative to the page: https:, mailto:, ../.., #
                assert re.match(r"^(https://[^/\\]|mailto:.|\.\./|\./|#|[a-z0-9])", value), value
                assert "\\" not in value and not value.startswith("//") and ":" not in value.split("/")[0].removeprefix("https:").removeprefix("mailto:")


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_the_check_reports_exactly_what_the_gate_drops(text):
    links = editor_links(text)
    page = _rendered(text)
    published = [e for e in page.find_all(["a", "img"]) if e.get("href" if e.name == "a" else "src")]
    assert len(published) == sum(link.refusal is None for link in links)
    assert len(page.find_all(["a", "img"])) == len(links)


def test_every_address_in_the_real_data_passes_the_gate():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        for _, text in strings(load_file(path, path.name).value):
            assert [link for link in editor_links(text) if link.refusal] == [], (path, text)


def test_every_text_field_has_a_maximum_length_so_markdown_stays_fast():
    """Python-Markdown is quadratic in '[' (5,000 take seconds): with every text bounded in
    length by the schemas and in '[' by the check, no allowed text can take long. `make bench`
    shows the slowest allowed text; broken cases 92 and 93 show the messages."""
    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "string" and "enum" not in node and not node.get("pattern", "").endswith("$"):
                assert node.get("maxLength", 10_000) <= 4_000 or "allOf" in node, where
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    for name in schemas.names():
        walk(schemas.schema(name), name)
    assert MAX_BRACKETS <= 20


def test_text_without_a_bracket_never_holds_a_link_or_image():
    """The check renders only texts with a '[' (rendering.editor_links says why that is enough)."""
    for text in ["<https://a.example>", "<a@b.example>", "https://a.example", "&#91;x](javascript:alert(1))",
                 "![x](y)".replace("[", "&#91;"), "\\u005bx](javascript:alert(1))"]:
        assert "[" not in text and editor_links(text) == [] and not _rendered(text).find_all(["a", "img"])


# --- files: images and symbolic links ---------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 30


def _docs(tmp_path: Path, files: dict[str, bytes]) -> Path:
    docs = tmp_path / "docs"
    (docs / "afbeeldingen").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    for name, content in files.items():
        (docs / name).write_bytes(content)
    return docs


def test_only_png_jpeg_and_webp_by_their_bytes_are_published(tmp_path):
    docs = _docs(tmp_path, {
        "afbeeldingen/goed.png": PNG, "afbeeldingen/goed.jpg": JPEG, "afbeeldingen/goed.webp": WEBP,
        "afbeeldingen/svg-als-png.png": b"<svg onload=alert(1)>", "afbeeldingen/png-als-jpg.jpg": PNG,
        "afbeeldingen/riff-maar-geen-webp.webp": b"RIFF\x10\x00\x00\x00AVI " + b"\x00" * 30,
        "afbeeldingen/plaatje.svg": b"<svg/>", "afbeeldingen/pagina.html": b"<script>", "afbeeldingen/IMG 1.JPG": JPEG,
        "afbeeldingen/uitleg.md": b"# x", "script.js": b"alert(1)",
    })
    assert checkout.published_images(docs) == {"goed.png", "goed.jpg", "goed.webp"}
    problems = {p.file: p.message for p in checkout.docs_problems(docs)}
    assert set(problems) == {f"docs/afbeeldingen/{n}" for n in ("svg-als-png.png", "png-als-jpg.jpg", "riff-maar-geen-webp.webp",
                                                                  "plaatje.svg", "pagina.html", "IMG 1.JPG", "uitleg.md")} | {"docs/script.js"}
    assert "geen PNG-afbeelding" in problems["docs/afbeeldingen/svg-als-png.png"]
    assert "'img-1.jpg'" in problems["docs/afbeeldingen/IMG 1.JPG"]


def _link(path: Path, target: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


@pytest.mark.parametrize("where", [
    "data/kaarten/geheim.yaml", "data/sessies", "data/koppeling-weg.yaml",
    "docs/afbeeldingen/foto.png", "docs/afbeeldingen", "docs/pagina.md", "docs",
])
def test_a_symbolic_link_is_refused_by_name_and_never_read(tmp_path, where):
    outside = tmp_path / "buiten"
    outside.mkdir()
    (outside / "geheim.yaml").write_text(f"id: geheim\ntitel: {SECRET}\n", encoding="utf-8")
    (outside / "geheim.png").write_bytes(PNG + SECRET.encode())
    data = copy_data(MINI_DATA, tmp_path / "data")
    docs = _docs(tmp_path, {})
    path = tmp_path / where
    if path.exists():
        import shutil
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    target = {"data/sessies": outside, "docs/afbeeldingen": outside, "docs": outside, "data/koppeling-weg.yaml": outside / "bestaat-niet",
              "docs/afbeeldingen/foto.png": outside / "geheim.png"}.get(where, outside / "geheim.yaml")
    _link(path, target)
    with pytest.raises(DataError) as error:
        build_site(data, docs)
    report = str(error.value)
    assert f"{where}:1:1: dit is een symbolische koppeling (symlink)" in report
    assert SECRET not in report and "buiten" not in report


def test_the_data_folder_itself_may_not_be_a_link(tmp_path):
    copy_data(MINI_DATA, tmp_path / "echt")
    (tmp_path / "data").symlink_to(tmp_path / "echt")
    with pytest.raises(DataError) as error:
        build_site(tmp_path / "data", ROOT / "docs")
    assert str(error.value.problems[0]) == "data:1:1: dit is een symbolische koppeling (symlink) naar een ander bestand of een andere map. De site leest en publiceert geen koppelingen: zet het bestand zelf op deze plek."


def test_the_list_of_published_addresses_is_never_read_through_a_link_nor_quoted_unless_an_address(tmp_path):
    from kennisplein import permalinks

    secret = tmp_path / "geheim.txt"
    secret.write_text(f"{SECRET}\n::error::nep\n", encoding="utf-8")
    linked = tmp_path / "gepubliceerde-adressen.txt"
    linked.symlink_to(secret)
    with pytest.raises(permalinks.PublishedListError) as error:
        permalinks.read_list(linked)
    assert SECRET not in str(error.value)
    linked.unlink()
    linked.write_text(f"/kaarten/\n  ::error file=x::nep\n##[error]nep\n{SECRET}\n", encoding="utf-8")
    with pytest.raises(permalinks.PublishedListError) as error:
        permalinks.read_list(linked)
    # (a line that starts with '#' is a comment: never read, never shown)
    assert str(error.value).startswith("gepubliceerde-adressen.txt:2:1: regel 2, 4 is geen adres van de site.")
    assert SECRET not in str(error.value) and "::" not in str(error.value)


def test_links_among_the_code_the_build_reads_stop_the_build(tmp_path, monkeypatch):
    overrides = tmp_path / "overrides"
    (overrides / "assets").mkdir(parents=True)
    (overrides / "assets" / "x.js").symlink_to(tmp_path)
    monkeypatch.setattr(checkout, "OVERRIDES", overrides)
    monkeypatch.setattr(checkout, "ROOT", tmp_path)
    assert [p.file for p in checkout.code_problems()] == ["overrides/assets/x.js"]


# --- ids the site uses itself -----------------------------------------------------------------------

def test_every_page_and_folder_the_build_makes_is_a_reserved_id(built_site):
    """No record's URL can meet a page or folder of the site: every name the build writes at
    the top of the site or into a record folder is in vocabularies.GERESERVEERDE_IDS (or is a
    record's own page, an old card id, or a file)."""
    data = build_site(ROOT / "data", ROOT / "docs")
    own = {(RECORD_FOLDERS[kind], ident) for kind, records in
           (("kaart", data.kaarten), ("sessie", data.sessies), ("thema", data.themas), ("aanpak", data.aanpakken))
           for ident in (r.id for r in records)}
    own |= {("kaarten", old) for kaart in data.kaarten for old in kaart.eerdere_ids}
    names = {path.name for path in built_site.iterdir() if path.is_dir()}
    for folder in RECORD_FOLDERS.values():
        names |= {path.name for path in (built_site / folder).iterdir() if path.is_dir() and (folder, path.name) not in own}
    assert names - set(GERESERVEERDE_IDS) == set()
    assert {"kaarten", "downloads", "assets", "search", "trek", "printen"} <= names


# --- what reaches a CI log ---------------------------------------------------------------------------

_ANNOTATION = re.compile(r"^::error file=[^,:\n]+,line=\d+,col=\d+,title=Fout in de gegevens::[^\n]*$")


def test_no_value_in_the_github_output_can_be_a_workflow_command_or_break_the_summary(tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data")
    sneaky = "x\n::error file=README.md,line=1::nep\n##[error]nep\n\n</table>\n\n![x](https://evil.example/p.png)"
    (data / "kaarten" / "a\n::add-mask::x\n##[group]b.yaml").write_text(f"id: a\ntitel: \"{sneaky.encode('unicode_escape').decode()}\"\n", encoding="utf-8")
    (data / "kaarten" / "c.yaml").write_text("id: \"c\\n::warning::nep\"\n", encoding="utf-8")
    summary = tmp_path / "samenvatting.md"
    result = subprocess.run([sys.executable, "-m", "kennisplein", "controleer", "--data", str(data), "--formaat", "github",
                             "--samenvatting", str(summary)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert annotations and all(_ANNOTATION.match(line) for line in annotations)
    for line in result.stderr.splitlines():
        assert not line.lstrip().startswith("::") and "##[" not in line, line
    text = summary.read_text(encoding="utf-8")
    table = text[text.index("<table>"):text.index("</table>") + len("</table>")]
    assert "\n\n" not in table and text.count("</table>") == 1 and "<img" not in text
    assert table.count("<tr>") == len(annotations) + 1


def test_a_problem_is_always_one_visible_line():
    problem = Problem("data/a\n::error::b.yaml", 1, 1, "x\r\n::error file=y::z ##[error] \x1b[2J \u202e")
    assert "\n" not in str(problem) and "\r" not in str(problem) and "\x1b" not in str(problem)
    assert "::" not in problem.message and "##[" not in problem.message and "{U+202E}" in problem.message
    assert github.annotation(problem).count("::") == 2


# --- caches hold only what this machine made ---------------------------------------------------------

def test_the_caches_live_outside_the_checkout_by_default(monkeypatch):
    monkeypatch.delenv("KENNISPLEIN_CACHE", raising=False)
    assert not caching.directory(ROOT).resolve().is_relative_to(ROOT)
    assert caching.directory(ROOT) != caching.directory(ROOT / "tests")  # one per checkout


def test_a_planted_pdf_is_never_published(tmp_path):
    from kennisplein.downloads.cache import PdfCache

    cache = PdfCache(tmp_path)
    key = cache.key("kaarten.pdf\0gegevens")
    (tmp_path / f"{key}.pdf").write_bytes(b"%PDF-1.7 geplant")
    (tmp_path / f"{key}.json").write_text("[]", encoding="utf-8")
    made = cache.get_or_make("kaarten.pdf", "gegevens", lambda: (b"%PDF-1.7 echt", []))
    assert made == (b"%PDF-1.7 echt", []) and cache.rendered == ["kaarten.pdf"]
    # What this build wrote is sealed and read back; a changed byte is not.
    assert PdfCache(tmp_path).get_or_make("kaarten.pdf", "gegevens", lambda: pytest.fail("made again")) == (b"%PDF-1.7 echt", [])
    sealed = (tmp_path / f"{key}.pdf").read_bytes()
    (tmp_path / f"{key}.pdf").write_bytes(sealed.replace(b"echt", b"nept"))
    assert PdfCache(tmp_path).get_or_make("kaarten.pdf", "gegevens", lambda: (b"nieuw", [])) == (b"nieuw", [])
    # A sealed entry for another key cannot stand in for this one.
    other = PdfCache(tmp_path)
    (tmp_path / f"{key}.pdf").write_bytes(caching.seal("pdf", "andere-sleutel", b"%PDF-1.7 elders"))
    assert other.get_or_make("kaarten.pdf", "gegevens", lambda: (b"opnieuw", []))[0] == b"opnieuw"


def test_a_planted_qr_code_is_never_put_in_a_page(tmp_path, monkeypatch):
    from kennisplein import qr

    url = "https://kennisplein-goed-werk.nl/kaarten/blijf-gesprek/"
    planted = {"versie": qr._version(), "codes": [[url, "<svg onload=alert(1)><script>alert(1)</script></svg>"]]}
    (tmp_path / qr.CACHE_FILE).write_text(json.dumps(planted), encoding="utf-8")
    monkeypatch.setattr(qr, "_drawn", {})
    with qr.kept_in(tmp_path):
        assert "script" not in qr.qr_svg(url) and "onload" not in qr.qr_svg(url)


def test_a_planted_font_is_never_published(tmp_path):
    """The figures and the WOFF2 fonts are kept between builds (fonts.py): only sealed entries
    of this machine are read back, so a planted file under the right name stays out."""
    from kennisplein.downloads import fonts

    made = {**fonts.font_files(tmp_path), **fonts.web_fonts(tmp_path)}
    kept = sorted(tmp_path.iterdir())
    assert {p.suffix for p in kept} == {".ttf", ".woff2"} and len(kept) == len(made) - len(fonts.FONT_FILES)
    for path in kept:
        path.write_bytes(b"wOF2 geplant")
    fonts.font_files.cache_clear()
    fonts.figures.cache_clear()
    again = {**fonts.font_files(tmp_path), **fonts.web_fonts(tmp_path)}
    assert again == made and b"geplant" not in b"".join(again.values())


def test_the_secret_is_kept_for_its_owner_only():
    caching.seal("x", "y", b"z")
    assert (caching.base() / caching.SECRET_FILE).stat().st_mode & 0o077 == 0


def test_a_planted_compiled_template_never_runs(tmp_path):
    """Jinja's bytecode cache loads marshalled code, which runs at build time: an entry is read
    only with this machine's seal (compiled.py), and a sealed entry of an older source is
    compiled anew."""
    import jinja2
    from jinja2.bccache import Bucket

    from kennisplein.compiled import PURPOSE, SealedBytecodeCache

    templates = tmp_path / "sjablonen"
    templates.mkdir()
    (templates / "t.html").write_text("echt {{ x }}", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()

    def environment() -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=SealedBytecodeCache(cache_dir))

    assert environment().get_template("t.html").render(x=1) == "echt 1"
    [entry] = cache_dir.glob("*.jinja")
    sealed = entry.read_bytes()
    assert caching.unseal(PURPOSE, entry.stem, sealed) is not None
    # Planted: other code in Jinja's own format, for this very source, but without the seal;
    # and the sealed entry with one word changed.
    env = environment()
    planted = Bucket(env, entry.stem, env.bytecode_cache.get_source_checksum("echt {{ x }}"))
    planted.code = compile("raise SystemExit('geplante code draaide')", "t.html", "exec")
    for content in (planted.bytecode_to_string(), sealed.replace(b"echt", b"nept")):
        entry.write_bytes(content)
        assert environment().get_template("t.html").render(x=2) == "echt 2"
    # A sealed entry made for an older source is not used: Jinja compares the checksum.
    (templates / "t.html").write_text("nieuw {{ x }}", encoding="utf-8")
    assert environment().get_template("t.html").render(x=3) == "nieuw 3"


# --- the site in a browser ---------------------------------------------------------------------------

ALLOWED_BUT_TRICKY = [
    "Een [link [met haken]](/kaarten/blijf-gesprek/) en *nadruk [binnen](/themas/teamwerk/)*.",
    "Verwijzing [x][1] en [y] blijven tekst.\n\n[1]: https://www.vilans.nl/",
    "Entiteiten: &amp; &lt;script&gt;alert(1)&lt;/script&gt; &#106;avascript: &#x3C;img src=x onerror=alert(1)&#x3E;",
    "Autolinks zijn tekst: https://www.vilans.nl/ en info@vilans.nl en 3 <4 en <> en javascript:alert(1).",
    "Vreemde tekens: ‘enkel’ “dubbel” — … € ½ 😀 中文 עברית العربية ﷺ Ⅻ ﬁ \u00a0nbsp.",
    "Code `&lt;script&gt;alert(1)&lt;/script&gt;` en `[x](/kaarten/blijf-gesprek/)` en \\*geen nadruk\\*.",
    "**[Vet](https://www.vilans.nl/?a=1&b='2'#x)** en [mail](mailto:info@vilans.nl?subject=Hallo%20daar).",
    "Een afbeelding met vreemde alt: ![\"> &lt;script&gt;alert(1)&lt;/script&gt;](/afbeeldingen/foto.png \"titel\\\" onmouseover=\\\"alert(1)\")",
    "Lange regel " + "[a](/kaarten/blijf-gesprek/) " * 8,
    "Haakjes ( [ { } ] ) en ] [ losse ] haken ( en javascript:alert(1) als tekst.",
]


@pytest.fixture(scope="module")
def tricky_site(mkdocs, tmp_path_factory):
    """The mini site with texts that pass the check but try everything a browser might run."""
    root = tmp_path_factory.mktemp("vijandig")
    data = copy_data(MINI_DATA, root / "data")
    docs = copy_data(ROOT / "docs", root / "docs")
    (docs / "afbeeldingen").mkdir(exist_ok=True)
    (docs / "afbeeldingen" / "foto.png").write_bytes(PNG)
    aanpak = data / "aanpakken" / "goed-werk-2022.yaml"
    blocks = "".join(f"      - tekst: {json.dumps(text, ensure_ascii=False)}\n" for text in ALLOWED_BUT_TRICKY)
    aanpak.write_text(aanpak.read_text(encoding="utf-8").replace(
        "      - tekst: Insteek van het traject was van praten naar doen!\n",
        "      - tekst: Insteek van het traject was van praten naar doen!\n" + blocks), encoding="utf-8")
    build_site(data, docs)  # the check passes: this is what editors may publish
    config = root / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text[:text.index("\nwatch:")] + text[text.index("\nextra:"):]  # `serve` only, and relative to the repository
    config.write_text(text.replace("docs_dir: docs", f"docs_dir: {docs}")
                      .replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KENNISPLEIN_DATA=str(data), KENNISPLEIN_ADRESSEN=str(root / "adressen.txt"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(root / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_tricky_text_is_published_without_script_handlers_or_foreign_links(tricky_site):
    for html_file in sorted(tricky_site.rglob("*.html")):
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(True):
            assert not [a for a in element.attrs if a.lower().startswith("on")], (html_file, element)
            href = element.get("href") if element.name == "a" else None
            if href is None:
                continue
            target = href.strip().lower()
            if element.has_attr("download") and target.startswith("data:image/svg+xml,"):
                continue  # the card's own QR code (segno), offered as a download
            assert not target.startswith(("javascript:", "data:", "vbscript:", "//", "\\")) and "\\" not in target, (html_file, href)
    page = BeautifulSoup((tricky_site / "aanpakken" / "goed-werk-2022" / "index.html").read_text(encoding="utf-8"), "html.parser")
    content = page.select_one(".md-content")
    assert content.select("script, iframe, object, embed, svg, style, form") == []
    assert "alert(1)" in content.get_text()  # the attempts are there, as text


def test_tricky_text_runs_no_script_in_chromium(tricky_site, browser):
    from kennisplein.serving import serve_directory

    with serve_directory(tricky_site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "aanpakken/goed-werk-2022/")
        page.wait_for_load_state("networkidle")
        for link in page.locator("article a, .md-content a").all():
            link.hover()  # onmouseover, if anything had slipped through
        page.locator("img").first.dispatch_event("error")
        hrefs = page.eval_on_selector_all(".md-content a[href]", "links => links.map(a => a.href)")
        handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
            [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
        # The site search shows what it indexed of the same texts: as text too.
        page.keyboard.press("/")
        page.keyboard.type("onerror")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
        page.wait_for_timeout(300)
        found = page.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.innerHTML)")
        context.close()
    assert found and not [html for html in found if re.search(r"<(img|script|svg)\b", html, re.I)]
    assert dialogs == [] and errors == [] and handlers == []
    assert hrefs and all(h.startswith((base, "https://", "mailto:")) for h in hrefs), hrefs


def test_the_gate_alone_stops_every_attack_in_chromium(browser):
    """Without the check in front of it (as if it had been fooled): every tricky text, rendered
    by the gate, in one page; every link hovered and clicked, every image failed. No script runs."""
    body = "\n".join(f"<div>{markdown_to_html(text, 'sessies/x/')}</div>" for text in TRICKY_TEXTS)
    html = f"<!doctype html><html lang='nl'><head><title>t</title></head><body>{body}</body></html>"
    context = browser.new_context()
    context.route("**/*", lambda route: route.abort())  # nothing leaves the page
    dialogs, errors = [], []

    def fresh():
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_content(html)
        return page

    page = fresh()
    links = page.locator("a").count()
    for image in page.locator("img").all():
        image.dispatch_event("error")
    hrefs = page.eval_on_selector_all("a[href], img[src]", "es => es.map(e => e.getAttribute('href') || e.getAttribute('src'))")
    page.close()
    for index in range(links):  # a click may leave the page: a fresh one for each
        page = fresh()
        link = page.locator("a").nth(index)
        link.hover(force=True, timeout=2_000)
        link.click(no_wait_after=True, force=True, timeout=2_000)
        page.wait_for_timeout(30)
        page.close()
    context.close()
    assert links >= 20
    assert dialogs == [] and errors == []
    assert not [h for h in hrefs if re.match(r"^\s*(javascript|data|vbscript|file):|^\s*[/\\]{2}", h, re.I)], hrefs


def test_the_bench_measures_the_gate_and_every_hostile_file_is_refused(tmp_path):
    from benchmarks import hostile

    cost = hostile.editor_text_cost(MINI_DATA)
    assert cost.texts > 10 and cost.sanitizer_s > 0 and cost.markdown_s > 0
    shape, ms = hostile.slowest_allowed_text()
    assert shape and ms > 0
    for name, content in hostile.hostile_files().items():
        data = copy_data(MINI_DATA, tmp_path / name.replace("/", "-"))
        (data / name).parent.mkdir(exist_ok=True)
        (data / name).write_text(content, encoding="utf-8")
        with pytest.raises(DataError) as error:
            build_site(data, ROOT / "docs")
        assert [p for p in error.value.problems if p.file == f"data/{name}"], name
        assert len(error.value.problems) <= 60, name  # never a flood: problems.capped
