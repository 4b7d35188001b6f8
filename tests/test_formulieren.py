"""The issue forms for editors without git: made from the schemas, valid for GitHub, and what
`kennisplein uit-formulier` makes of a submitted one (a file, or Dutch problems per field)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from formulier_invullen import session_body
from kennisplein import build_site, form_text, from_form, issue_forms, schema_docs
from kennisplein.form_pull_request import markdown_text, problems_comment
from kennisplein.loading import load_file
from kennisplein.scaffold import template as scaffold_template

DATA = ROOT / "data"
DOCS = ROOT / "docs"
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FIXTURES = ROOT / "tests" / "fixtures" / "formulieren"
BROKEN = sorted((FIXTURES / "fouten").glob("*.md"))
FORMS = {form.file: form for form in issue_forms.FORMS}


@pytest.fixture(scope="module")
def site():
    return build_site(DATA, DOCS)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def check_jsonschema(schema: str, *paths) -> subprocess.CompletedProcess:
    # The schemas ship inside check-jsonschema ("vendor."): no network.
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# --- the forms ---------------------------------------------------------------------------------

def test_the_template_folder_holds_the_two_forms_and_the_config():
    assert sorted(p.name for p in TEMPLATES.iterdir()) == ["config.yml", "gewoonte.yml", "sessieverslag.yml"]


def test_forms_validate_against_githubs_issue_forms_schema():
    result = check_jsonschema("vendor.github-issue-forms", TEMPLATES / "sessieverslag.yml", TEMPLATES / "gewoonte.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", TEMPLATES / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_form(tmp_path):
    broken = tmp_path / "kapot.yml"
    broken.write_text((TEMPLATES / "sessieverslag.yml").read_text(encoding="utf-8").replace("type: dropdown", "type: keuzelijst", 1),
                      encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", broken).returncode != 0


def test_forms_are_in_step_with_the_schemas_and_data():
    result = subprocess.run([sys.executable, "-m", "kennisplein", "gids", "--controleer"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert issue_forms.outdated() == []


def test_a_schema_description_that_changes_makes_the_form_outdated(monkeypatch):
    original = schema_docs.schema

    def changed(name: str) -> dict:
        value = original(name)
        if name == "sessie":
            value = {**value, "properties": {**value["properties"], "regio": {
                **value["properties"]["regio"], "description": "De regio, anders gezegd."}}}
        return value

    monkeypatch.setattr(schema_docs, "schema", changed)
    assert issue_forms.outdated() == [".github/ISSUE_TEMPLATE/sessieverslag.yml"]


def _form_fields(path: Path) -> dict[str, dict]:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {item["id"]: item for item in form["body"] if "id" in item}


@pytest.mark.parametrize("file", sorted(FORMS))
def test_the_help_under_each_field_is_the_schemas_description(file):
    form = FORMS[file]
    written = _form_fields(TEMPLATES / file)
    for field in form.fields:
        description = written[field.id]["attributes"]["description"]
        if field.schema_path:
            veld = schema_docs.field_at(form.kind, field.schema_path)
            assert veld.uitleg and description.startswith(veld.uitleg), field.id
        assert description.strip(), field.id
        assert written[field.id]["attributes"]["label"] == field.label


@pytest.mark.parametrize("file", sorted(FORMS))
def test_every_field_the_schema_requires_is_asked_or_made(file):
    form = FORMS[file]
    asked = {field.schema_path[0] for field in form.fields if field.schema_path}
    # from the title or date and region; a proposal is editorial; the next free card number
    made = {"id", "indeling_redactioneel", "nummer"}
    required = set(schema_docs.schema(form.kind)["required"])
    assert required <= asked | made
    written = _form_fields(TEMPLATES / file)
    for field in form.fields:
        # (checkboxes can only require one box each: "at least one role" is checked on reading)
        if field.schema_path and field.type != "checkboxes" and field.id not in ("id", "sectie") and issue_forms.required(form, field):
            assert written[field.id]["validations"]["required"] is True, field.id


def test_the_choices_are_the_schemas_words_and_the_records_in_data(site):
    written = _form_fields(TEMPLATES / "sessieverslag.yml")
    soort = [re.search(r"\((\w+)\)$", o).group(1) for o in written["soort"]["attributes"]["options"]]
    assert soort == schema_docs.schema("sessie")["properties"]["soort"]["enum"]
    documents = written["document"]["attributes"]["options"]
    assert [re.search(r"\(([a-z0-9-]+)\)$", o).group(1) for o in documents] == [d.id for d in site.documenten]
    assert len(written["aanpak"]["attributes"]["options"]) == len(site.aanpakken)
    card = _form_fields(TEMPLATES / "gewoonte.yml")
    assert [o["label"] for o in card["voor"]["attributes"]["options"]] == ["Medewerker", "Team", "Leidinggevende", "Bestuurder"]
    assert len(card["thema"]["attributes"]["options"]) == len(site.themas)
    assert card["document"]["attributes"]["options"][-1].startswith("Geen van deze")


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_forms_are_dutch():
    english = re.compile(r"\b(the|and|with|must|should|which|please|field|required|optional|choose)\b", re.I)
    for path in TEMPLATES.glob("*.yml"):
        for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert not english.search(text), f"{path.name}: {text}"


def test_the_help_of_the_forms_names_every_mark_the_reader_knows():
    help_text = form_text.CONTENT_HELP
    for mark in ("### ", "> ", "Reactie: ", "Wie: ", "- ", "1. ", "Tips:", "Gewoontes:", "(kaart: ", "| ", "Tabel: "):
        assert f"`{mark}" in help_text, mark
    assert f"`{form_text.ROUND_MARK}`" in form_text.ROUNDS_HOW
    for mark in ("(aantal: ", "(sectie: ", "(document: "):
        assert f"`{mark}" in form_text.PARTICIPANTS_HOW, mark


def test_config_has_no_blank_issues_and_links_only_to_pages_the_site_has(built_site):
    config = yaml.safe_load((TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    base = issue_forms.site_url()
    assert config["contact_links"]
    for link in config["contact_links"]:
        assert link["url"].startswith(base)
        page = link["url"].removeprefix(base)
        assert (built_site / page / "index.html").is_file(), link["url"]


# --- reading a submitted form ------------------------------------------------------------------

def test_oost_entered_in_the_form_gives_the_hand_written_data(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "sessies" / "2022-09-09-oost.yaml").unlink()  # as before it was added
    outcome = from_form.from_body(fixture("sessie-oost.md"), data, DOCS, site=site)
    assert outcome.ok, outcome.problems
    assert outcome.conversion.pad == "data/sessies/2022-09-09-oost.yaml"
    assert outcome.conversion.waarde == load_file(DATA / "sessies" / "2022-09-09-oost.yaml", "x").value


@pytest.mark.parametrize("path", sorted((DATA / "sessies").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_session_report_can_be_entered_through_the_form(path, site, tmp_path):
    """The text conventions can say everything a session report holds: each report in data/,
    typed into the form by the test's editor, comes back as the same data."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "sessies" / path.name).unlink()
    session = load_file(path, path.name).value
    outcome = from_form.convert(session_body(session, site), data, site)
    assert not outcome.problems, outcome.problems
    assert outcome.conversion.waarde == session


def test_a_body_as_the_browser_sends_it_gives_the_same_file(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = fixture("sessie-alles.md")
    plain = from_form.convert(text, data, site)
    windows = from_form.convert(text.replace("\n", "\r\n"), data, site)
    assert plain.ok and windows.ok
    assert windows.conversion.tekst == plain.conversion.tekst


def test_the_form_with_every_convention_uses_every_kind_of_block(site):
    outcome = from_form.from_body(fixture("sessie-alles.md"), DATA, DOCS, site=site, issue=12)
    assert outcome.ok, outcome.problems
    value = outcome.conversion.waarde
    kinds = {kind for ronde in value["rondes"] for block in ronde["inhoud"] for kind in block}
    assert kinds == {"kop", "tekst", "citaten", "punten", "stappen", "tips", "gewoontes", "tabel"}
    quote = value["rondes"][0]["inhoud"][0]["citaten"][0]
    assert quote == {"tekst": "Een van onze sterkste wapens is de dialoog", "wie": "Nelson Mandela"}
    assert value["afsluiting"][0]["citaten"][0]["reactie"] == "Dat herken ik."
    assert value["deelnemers"][0] == {"aantal": 6, "omschrijving": "Zuid 14 oktober bij Sovak in Terheijden, met 6 deelnemers uit de praktijk",
                                      "herkomst": {"document": "eindverslag-2022", "sectie": "4. Resultaten"}}
    assert value["deelnemers"][1]["aantal"] == 4  # a marker on the line below runs on
    habits = next(b["gewoontes"] for b in value["rondes"][1]["inhoud"] if "gewoontes" in b)
    assert habits[0]["kaart"] == "ervaren-begeleider-neemt-mee" and "kaart" not in habits[1]
    points = next(b["punten"] for b in value["rondes"][1]["inhoud"] if "punten" in b)
    assert points[1] == {"tekst": "Good Practices – Stay-in gesprek:", "punten": [
        "Extra aandacht voor collega's!", "Medewerkers van Franciscus ziekenhuis kunnen 's avonds gerust een belletje krijgen."]}
    table = next(b["tabel"] for b in value["rondes"][1]["inhoud"] if "tabel" in b)
    assert table["rijen"][1] == ["Loyaliteit & erkenning", ""]
    assert value["id"] == "formulier-het-goede-gesprek"
    text = outcome.conversion.tekst
    assert "# Gemaakt met het formulier 'Nieuw sessieverslag' in issue #12." in text
    assert text.startswith("# yaml-language-server: $schema=../../macros/schemas/sessie.schema.json\n")


def _comments(text: str) -> list[str]:
    """Each run of comment lines, as one text (wrapping and indentation left out)."""
    runs, current = [], []
    for line in text.splitlines() + [""]:
        if line.strip().startswith("#"):
            current.append(line.strip().removeprefix("#").strip())
        elif current:
            runs.append(" ".join(current))
            current = []
    return runs


def test_a_filled_file_has_the_comments_the_scaffold_writes(site):
    """The file from a form explains its fields with the words of a new file from
    `kennisplein nieuw-verslag`: each comment is one of the scaffold's, or (for the kinds of
    block the empty template has no example of) the schema's explanation of that block."""
    outcome = from_form.convert(fixture("sessie-alles.md"), DATA, site, issue=12)
    scaffold = set(_comments(scaffold_template("sessie", DATA)))
    blocks = {f"Blok '{v.pad}': {schema_docs.lower_first(v.uitleg)}" for v in schema_docs.blocks() if "." not in v.pad}
    comments = _comments(outcome.conversion.tekst)
    assert len(comments) > 30
    for comment in comments:
        # (where the empty file says how to fill an optional line in, a filled one does not)
        assert any(c.startswith(comment) for c in scaffold) or comment in blocks or comment == \
            "Gemaakt met het formulier 'Nieuw sessieverslag' in issue #12.", comment
    assert {c for c in comments if c.startswith("Blok")} >= {b for b in blocks if "'tabel'" in b or "'tips'" in b}


def test_a_proposed_habit_becomes_a_card_with_its_source(site):
    outcome = from_form.from_body(fixture("gewoonte-uit-document.md"), DATA, DOCS, site=site)
    assert outcome.ok, outcome.problems
    card = outcome.conversion.waarde
    assert outcome.conversion.pad == "data/kaarten/diversiteit-in-het-team.yaml"
    assert card["voor"] == ["team", "leidinggevende"] and card["e"] == ["energie"]
    assert card["indeling_redactioneel"] is True
    assert card["herkomst"] == [{"document": "eindverslag-2022", "sectie": "Bijlage 2.2 Regio Zuid",
                                 "formulering": "Voorwaarde voor dit spiegelen is diversiteit in het team."}]
    assert card["trefwoorden"] == ["diversiteit", "spiegelen", "team"]


def test_a_habit_from_a_session_of_ones_own_is_not_a_card_yet(site):
    outcome = from_form.from_body(fixture("gewoonte-eigen-sessie.md"), DATA, DOCS, site=site)
    assert not outcome.ok
    (problem,) = outcome.problems
    assert problem.veld == "Brondocument" and "brondocument" in problem.melding and "redactie" in problem.melding


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_a_broken_form_gets_each_problem_named_by_its_field_in_dutch(path, site):
    outcome = from_form.from_body(path.read_text(encoding="utf-8"), DATA, DOCS, site=site)
    expected = path.with_suffix(".verwacht.txt").read_text(encoding="utf-8").splitlines()
    assert [f"- {p}" for p in outcome.problems] == expected
    form = from_form.which_form(path.read_text(encoding="utf-8"))
    labels = {f.label for f in form.fields} | {issue_forms.CHECK_LABEL}
    for problem in outcome.problems:
        assert problem.veld in labels
        # never a place in a file the editor did not write: no YAML, no file:line
        assert not re.search(r"YAML|\.yaml:\d|regel met '\w+:'|inspring", problem.melding), problem


def test_the_cases_cover_each_kind_of_mistake():
    expected = " ".join(p.with_suffix(".verwacht.txt").read_text(encoding="utf-8") for p in BROKEN)
    for words in ("leeg, maar het is nodig", "geen van de keuzes", "JJJJ-MM-DD", "in cijfers", "bestaat niet",
                  "hoort in het veld 'Rondes'", "voor de eerste ronde", "direct onder een citaat", "cellen",
                  "geen titel", "Bedoelde je 'blijf-gesprek'", "(kaart: id-van-de-kaart)", "geen lijst",
                  "nog geen inhoud", "vinkje", "gebruikt http", "HTML", "javascript:", "afbeelding",
                  "begint met 2022-09-10", "hoogstens 60 tekens", "gereserveerd", "geen geldig id", "minstens één"):
        assert words in expected, words


def test_a_body_that_is_no_form_says_so(site):
    outcome = from_form.convert("Hallo, ik heb een vraag over de kaarten.", DATA, site)
    assert not outcome.ok and "niet met een van de formulieren" in outcome.problems[0].melding


def test_a_heading_inside_an_answer_is_not_taken_for_the_next_field(site):
    """An editor may type '### Afsluiting' as a sub-heading in a round: the real heading of the
    field is the one GitHub wrote after it."""
    text = fixture("sessie-alles.md").replace(
        "Tips:\n", "### Afsluiting\n\n### Id (webadres)\n\nTips:\n")
    outcome = from_form.convert(text, DATA, site)
    assert outcome.ok, outcome.problems
    kops = [b["kop"] for b in outcome.conversion.waarde["rondes"][0]["inhoud"] if "kop" in b]
    assert kops[-2:] == ["Afsluiting", "Id (webadres)"]
    assert outcome.conversion.id == "formulier-het-goede-gesprek"


@pytest.mark.parametrize("typed, made", [
    ("../../etc/passwd", None),
    ("Sessie_Oost", None),
    ("index.yaml", None),
    (None, "2022-09-09-oost-west-etc"),  # from the date and a region typed with odd characters
])
def test_ids_and_file_names_are_safe(typed, made, site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = fixture("sessie-oost.md").replace("### Regio\n\nOost", "### Regio\n\nOost/../West <etc>")
    if typed:
        text = text.replace("### Id (webadres)\n\n_No response_", f"### Id (webadres)\n\n{typed}")
    outcome = from_form.convert(text, data, site)
    if made is None:
        assert not outcome.ok and outcome.problems[0].veld == "Id (webadres)"
        assert "kleine letters, cijfers en streepjes" in outcome.problems[0].melding
    else:
        assert outcome.ok, outcome.problems
        assert outcome.conversion.pad == f"data/sessies/{made}.yaml"
        assert from_form.write(outcome.conversion, data) == (data / "sessies" / f"{made}.yaml").resolve()


def test_an_existing_report_is_never_overwritten(site):
    outcome = from_form.convert(fixture("sessie-oost.md"), DATA, site)
    assert not outcome.ok
    assert [p.veld for p in outcome.problems] == ["Id (webadres)"]
    assert "er staat al een sessieverslag met het id '2022-09-09-oost'" in outcome.problems[0].melding


def test_write_puts_a_file_only_in_data_and_never_over_another(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    conversion = from_form.convert(fixture("sessie-alles.md"), data, site).conversion
    for pad in ("data/sessies/../../x.yaml", "data/../x.yaml", "/etc/x.yaml", "data/docs/x.yaml", "data/sessies/x.yml"):
        with pytest.raises(ValueError):
            from_form.write(from_form.Conversion(conversion.form, pad, "x", {}, "t"), data)
    # a folder of data/ that is a link to somewhere else is not followed
    outside = tmp_path / "buiten"
    outside.mkdir()
    shutil.rmtree(data / "kaarten")
    (data / "kaarten").symlink_to(outside)
    card = from_form.Conversion(conversion.form, "data/kaarten/x.yaml", "x", {}, "t")
    with pytest.raises(ValueError):
        from_form.write(card, data)
    assert not any(outside.iterdir())
    written = from_form.write(conversion, data)
    with pytest.raises(FileExistsError):
        from_form.write(conversion, data)
    assert written.read_text(encoding="utf-8") == conversion.tekst


def test_uit_formulier_writes_the_file_and_says_what_it_did(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copytree(DOCS, tmp_path / "docs")
    result = subprocess.run([sys.executable, "-m", "kennisplein", "uit-formulier", str(FIXTURES / "gewoonte-uit-document.md"),
                             "--data", str(data)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Nieuw bestand: data/kaarten/diversiteit-in-het-team.yaml" in result.stdout
    check = subprocess.run([sys.executable, "-m", "kennisplein", "controleer", "--data", str(data)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0 and "Alle gegevens zijn in orde" in check.stdout


def test_uit_formulier_names_each_problem_by_field_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    path = FIXTURES / "fouten" / "sessie-vorm.md"
    result = subprocess.run([sys.executable, "-m", "kennisplein", "uit-formulier", "--data", str(data)],
                            input=path.read_text(encoding="utf-8"), capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == path.with_suffix(".verwacht.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before


def test_the_problems_comment_keeps_editor_text_as_text():
    """Editor text in a comment by the workflow, rendered as GitHub does (CommonMark): no link,
    image, HTML, code or @mention comes alive, and it reads as typed."""
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt

    typed = "![x](https://volg.example/p.png) <img src=x onerror=alert(1)> @iedereen [klik](javascript:alert(1)) **vet** `code` ~~weg~~"
    comment = problems_comment([form_text.FieldProblem("Rondes", f"'{typed}' is geen titel.", "ronde 1, regel 2")])
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(comment)
    item = BeautifulSoup(html, "html.parser").find("li")
    assert not item.find_all(["img", "a", "code", "s", "em"]) and [s.get_text() for s in item.find_all("strong")] == ["Rondes"]
    assert typed in item.get_text().replace("\u200b", "")
    assert not re.search(r"@\w", comment)  # GitHub makes '@name' a mention
    assert markdown_text("Sessie (regio) Oost: 11 deelnemers") == "Sessie (regio) Oost: 11 deelnemers"
    assert markdown_text("a\nb") == "a b"


def test_a_placeholder_typed_into_the_form_is_not_taken_for_text(site, tmp_path):
    text = fixture("sessie-alles.md").replace("### Plaats\n\nRotterdam", "### Plaats\n\nVUL IN")
    outcome = from_form.convert(text, DATA, site)
    assert [str(p) for p in outcome.problems] == ["Bij 'Plaats': hier staat nog 'VUL IN'. Vul de tekst uit de bron in."]
