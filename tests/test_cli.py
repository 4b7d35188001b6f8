"""The editors' command line: new files that validate once filled, Dutch answers, GitHub output."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import BROKEN, MINI_DATA, ROOT, copy_data
from invullen import fill
from kennisplein import DataError, build_site, cli, schema_docs
from kennisplein.placeholders import PLACEHOLDER

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\.\./\.\./macros/schemas/(\w+)\.schema\.json\n")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def new_session(capsys, data, *extra: str):
    return run(capsys, "nieuw-verslag", "--data", str(data), *extra)


# --- nieuw-verslag -----------------------------------------------------------------------------

def test_new_session_has_the_right_id_place_schema_line_and_a_comment_above_every_field(mini_data, capsys):
    code, out, err = new_session(capsys, mini_data, "--datum", "2025-03-14", "--regio", "Noord",
                                 "--organisatie", "Zorggroep 't Noorden", "--plaats", "Zwolle")
    assert code == 0, err
    path = mini_data / "sessies" / "2025-03-14-noord.yaml"
    assert "Nieuw bestand:" in out and "2025-03-14-noord.yaml" in out and "VUL IN" in out
    text = path.read_text(encoding="utf-8")
    assert SCHEMA_LINE.match(text).group(1) == "sessie"
    assert "id: 2025-03-14-noord\n" in text and "datum: '2025-03-14'\n" in text
    assert "organisatie: 'Zorggroep ''t Noorden'\n" in text  # an apostrophe stays valid YAML

    lines = text.splitlines()
    for veld in schema_docs.fields("sessie"):
        # every field is in the file (optional ones may be commented out) ...
        pattern = re.compile(rf"^\s*(- )?(# )?{veld.naam}:")
        index = next((i for i, line in enumerate(lines) if pattern.match(line)), None)
        assert index is not None, f"veld {veld.pad} ontbreekt"
        # ... with a Dutch comment above it, saying what goes there (from the schema)
        comment = []
        for line in reversed(lines[:index]):
            if not line.lstrip().startswith("#") or line.lstrip().startswith(f"# {veld.naam}:"):
                break
            comment.insert(0, line.strip("# ").strip())
        assert comment, f"geen uitleg boven {veld.pad}"
        if veld.uitleg:
            assert veld.uitleg.split()[0] in " ".join(comment), f"uitleg boven {veld.pad} klopt niet"


def test_new_session_validates_as_soon_as_its_placeholders_are_filled(mini_data, capsys):
    code, _, err = new_session(capsys, mini_data, "--datum", "2025-03-14", "--regio", "Noord", "--rondes", "2")
    assert code == 0, err
    path = mini_data / "sessies" / "2025-03-14-noord.yaml"

    with pytest.raises(DataError) as unfilled:
        build_site(mini_data, ROOT / "docs")
    messages = [p.message for p in unfilled.value.problems]
    assert messages and all("nog niet ingevuld" in m for m in messages), messages

    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    site = build_site(mini_data, ROOT / "docs")
    sessie = next(s for s in site.sessies if s.id == "2025-03-14-noord")
    assert sessie.regio == "Noord" and len(sessie.rondes) == 2


def test_new_session_refuses_to_overwrite_an_existing_file(mini_data, capsys):
    existing = mini_data / "sessies" / "2022-09-09-oost.yaml"
    before = existing.read_bytes()
    code, _, err = new_session(capsys, mini_data, "--datum", "2022-09-09", "--regio", "Oost")
    assert code == 1
    assert "bestaat al" in err and "overschrijf" in err
    assert existing.read_bytes() == before


@pytest.mark.parametrize("datum, melding", [
    ("9-9-2022", "Schrijf '2022-09-09'"),
    ("2022-02-30", "februari 2022 heeft 28 dagen"),
    ("14 oktober 2022", "Schrijf '2022-10-14'"),
])
def test_new_session_checks_the_date(mini_data, capsys, datum, melding):
    code, _, err = new_session(capsys, mini_data, "--datum", datum, "--regio", "Noord")
    assert code == 1 and melding in err
    assert sorted(p.name for p in (mini_data / "sessies").iterdir()) == ["2022-09-09-oost.yaml"]


def test_new_session_suggests_the_closest_programme(mini_data, capsys):
    code, _, err = new_session(capsys, mini_data, "--datum", "2025-03-14", "--regio", "Noord", "--aanpak", "goed-werk")
    assert code == 1 and "Bedoelde je 'goed-werk-2022'?" in err


def test_new_session_without_region_place_or_id_says_what_to_give(mini_data, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: nothing is asked
    code, _, err = new_session(capsys, mini_data, "--datum", "2025-03-14")
    assert code == 1 and "--regio" in err and "--id" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_new_session_asks_for_what_is_missing_when_someone_is_typing(mini_data, capsys, monkeypatch):
    answers = iter(["9-9-2025", "2025-09-09", "Noord", "Zorggroep Test", "Zwolle", "", "regionaal", "", ""])
    asked: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return next(answers)

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", answer)
    code, out, err = new_session(capsys, mini_data)
    assert code == 0, err
    assert asked[0].startswith("Datum van de sessie") and asked[1] == asked[0]  # asked again after a wrong date
    assert "Schrijf '2025-09-09'" in out
    text = (mini_data / "sessies" / "2025-09-09-noord.yaml").read_text(encoding="utf-8")
    assert "plaats: 'Zwolle'" in text and "soort: regionaal" in text
    assert "titel: VUL IN" in text  # skipped with Enter: left for later


# --- nieuwe-kaart ------------------------------------------------------------------------------

def test_new_card_validates_once_filled_and_its_text_is_in_the_session(mini_data, capsys):
    habit = "Drink elke ochtend samen koffie voordat de dienst begint."
    code, out, err = run(capsys, "nieuwe-kaart", "--data", str(mini_data), "--titel", "Samen koffie",
                         "--tekst", habit, "--thema", "teamwerk", "--voor", "team", "--voor", "medewerker")
    assert code == 0, err
    path = mini_data / "kaarten" / "samen-koffie.yaml"
    text = path.read_text(encoding="utf-8")
    assert SCHEMA_LINE.match(text).group(1) == "kaart"
    assert "voor: [team, medewerker]" in text and "kaart: samen-koffie" in out

    path.write_text(fill(text), encoding="utf-8")
    with pytest.raises(DataError) as error:  # no source holds the habit yet
        build_site(mini_data, ROOT / "docs")
    assert [p.file for p in error.value.problems] == ["data/kaarten/samen-koffie.yaml"]

    code, _, err = new_session(capsys, mini_data, "--datum", "2025-03-14", "--regio", "Noord", "--rondes", "1")
    assert code == 0, err
    session = mini_data / "sessies" / "2025-03-14-noord.yaml"
    session.write_text(fill(session.read_text(encoding="utf-8")).replace(
        "tekst: 'We delen verhalen over goed werk: momenten waarop het klopte.'\n            kaart: blijf-gesprek",
        f"tekst: {habit}\n            kaart: samen-koffie"), encoding="utf-8")
    kaart = build_site(mini_data, ROOT / "docs").kaart("samen-koffie")
    assert kaart.tekst == habit and kaart.voor == ("team", "medewerker")


def test_new_cards_commented_source_block_validates_once_its_hash_marks_are_removed(mini_data, capsys):
    habit = "Geef elke week één collega een compliment in het teamoverleg."
    code, _, err = run(capsys, "nieuwe-kaart", "--data", str(mini_data), "--titel", "Compliment van de week",
                       "--tekst", habit, "--thema", "teamwerk", "--voor", "team")
    assert code == 0, err
    path = mini_data / "kaarten" / "compliment-van-de-week.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# herkomst:")
    lines[start:start + 4] = [line.removeprefix("# ") for line in lines[start:start + 4]]  # as the comment says
    path.write_text(fill("\n".join(lines), formulering=habit), encoding="utf-8")
    kaart = build_site(mini_data, ROOT / "docs").kaart("compliment-van-de-week")
    assert [v.formulering for v in kaart.vindplaatsen] == [habit]


@pytest.mark.parametrize("argv, melding", [
    (["--titel", "Samen koffie", "--thema", "teamwrk"], "Bedoelde je 'teamwerk'?"),
    (["--id", "trek"], "gereserveerd"),
    (["--id", "Samen_Koffie"], "'samen-koffie'"),
    (["--titel", "Een titel die veel te lang is voor op een kaart van dit formaat, echt veel te lang"], "hoogstens 60 tekens"),
])
def test_new_card_refuses_what_would_not_validate(mini_data, capsys, monkeypatch, argv, melding):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "nieuwe-kaart", "--data", str(mini_data), *argv)
    assert code == 1 and melding in err
    assert len(list((mini_data / "kaarten").iterdir())) == 3


def test_new_card_refuses_to_overwrite(mini_data, capsys):
    code, _, err = run(capsys, "nieuwe-kaart", "--data", str(mini_data), "--id", "blijf-gesprek")
    assert code == 1 and "bestaat al" in err


# --- controleer --formaat github ---------------------------------------------------------------

def test_github_format_puts_each_problem_on_its_file_and_line_and_writes_a_dutch_summary(tmp_path, capsys):
    data = copy_data(MINI_DATA, tmp_path / "data", BROKEN / "17-html-in-tekst" / "data",
                     BROKEN / "46-lijst-op-een-regel" / "data")
    summary = tmp_path / "samenvatting.md"
    code, out, err = run(capsys, "controleer", "--data", str(data), "--formaat", "github", "--samenvatting", str(summary))
    assert code == 1
    annotations = out.splitlines()
    # Four from the two cases, and one because both new cards took number 31 (the list of the
    # second case gives it to its card).
    assert len(annotations) == 5
    first = re.match(r"^::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)$", annotations[0])
    assert first.groups()[:3] == ("data/kaarten/html-in-tekst.yaml", "2", "8")
    assert "HTML ('<b') is niet toegestaan" in first.group(5)
    assert any("kaartnummer 31 is al uitgegeven aan de kaart 'spreek-waardering-uit'" in a for a in annotations)
    # the text report is still in the log, for whoever reads it there
    assert "5 problemen in 3 bestanden" in err

    text = summary.read_text(encoding="utf-8")
    assert "Controle van de gegevens: 5 problemen in 3 bestanden" in text
    assert "De site is niet gebouwd" in text
    assert text.count("<tr><td><code>data/") == 5
    assert "&lt;script" in text and "<script" not in text  # editor text is escaped in the summary


def test_github_format_escapes_newlines_and_percent_signs():
    from kennisplein.github import annotation
    from kennisplein.problems import Problem

    line = annotation(Problem("data/a,b.yaml", 3, 4, "100% fout: regel twee"))
    assert line == "::error file=data/a%2Cb.yaml,line=3,col=4,title=Fout in de gegevens::100%25 fout: regel twee"


def test_github_format_on_good_data_summarises_what_was_checked(tmp_path, capsys):
    summary = tmp_path / "samenvatting.md"
    code, out, _ = run(capsys, "controleer", "--data", str(MINI_DATA), "--formaat", "github", "--samenvatting", str(summary))
    assert code == 0 and "::error" not in out
    assert "alles in orde" in summary.read_text(encoding="utf-8") and "3 kaarten" in summary.read_text(encoding="utf-8")


def test_summary_goes_to_github_step_summary_when_set(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(capsys, "controleer", "--data", str(MINI_DATA), "--formaat", "github")
    assert "Controle van de gegevens" in summary.read_text(encoding="utf-8")


# --- the program as installed ------------------------------------------------------------------

def test_help_and_argument_errors_are_dutch():
    help_text = subprocess.run([sys.executable, "-m", "kennisplein", "--help"], capture_output=True, text=True).stdout
    assert help_text.startswith("gebruik: kennisplein")
    for word in ("controleer", "nieuw-verslag", "nieuwe-kaart", "toon deze hulp"):
        assert word in help_text
    wrong = subprocess.run([sys.executable, "-m", "kennisplein", "nieuwe-kaart", "--voor", "baas"], capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "fout: bij --voor: ongeldige keuze: 'baas'" in wrong.stderr and "usage" not in wrong.stderr


def test_installed_command_makes_a_card(tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data")
    command = Path(sys.executable).parent / "kennisplein"  # the script pip installed next to this Python
    result = subprocess.run([str(command), "nieuwe-kaart", "--data", str(data), "--titel", "Samen koffie"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert PLACEHOLDER in (data / "kaarten" / "samen-koffie.yaml").read_text(encoding="utf-8")
