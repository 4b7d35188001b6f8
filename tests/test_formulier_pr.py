"""The workflow's script, `kennisplein formulier-pr`, end to end: a recorded `issues: labeled`
event, a real git repository with a bare clone as its remote, and GitHub reached only through
`gh`, whose changing commands are printed (`--gh-droog`) and read here. A stand-in `gh` on PATH
answers the one question the script asks (is there an open pull request?) and fails on
anything else, so nothing in these tests can reach GitHub."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "formulieren"
EVENT = FIXTURES / "event-gelabeld.json"
BRANCH = "formulier/issue-12"
NEW_FILE = "data/sessies/formulier-het-goede-gesprek.yaml"
FAKE_GH = '''#!{python}
import os, sys
if sys.argv[1:3] == ["pr", "list"]:
    print(os.environ.get("NEP_GH_PRS", "[]"))
    sys.exit(0)
print("onverwachte gh-opdracht: " + " ".join(sys.argv[1:]), file=sys.stderr)
sys.exit(3)
'''


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def github(tmp_path):
    """A repository on 'GitHub' (a bare clone) holding data/ and docs/ on main, the workflow's
    fresh checkout of it, and a stand-in `gh`."""
    source = tmp_path / "bron"
    source.mkdir()
    shutil.copytree(ROOT / "data", source / "data")
    shutil.copytree(ROOT / "docs", source / "docs")
    git("init", "-q", "-b", "main", cwd=source)
    git("add", ".", cwd=source)
    git("commit", "-q", "-m", "begin", cwd=source)
    origin = tmp_path / "origin.git"
    git("clone", "-q", "--bare", str(source), str(origin), cwd=tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    return tmp_path, origin, bin_dir


def event_with(tmp_path: Path, **changes) -> Path:
    event = json.loads(EVENT.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key == "body":
            event["issue"]["body"] = value
        elif key == "label":
            event["label"]["name"] = value
        else:
            event[key] = value
    path = tmp_path / f"event-{len(list(tmp_path.glob('event-*')))}.json"
    path.write_text(json.dumps(event, ensure_ascii=False), encoding="utf-8")
    return path


def run(github, event: Path = EVENT, *, prs: str = "[]", bouw: str = "success", env: dict | None = None):
    """One run of the second job: a fresh checkout, then the script, as in the workflow."""
    tmp_path, origin, bin_dir = github
    checkout = tmp_path / f"checkout-{len(list(tmp_path.glob('checkout-*')))}"
    git("clone", "-q", str(origin), str(checkout), cwd=tmp_path)
    environment = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", NEP_GH_PRS=prs,
                       GITHUB_RUN_ID="4242", GITHUB_SERVER_URL="https://github.com", **(env or {}))
    environment.pop("GITHUB_ACTIONS", None)
    environment.update(env or {})
    result = subprocess.run([sys.executable, "-m", "kennisplein", "formulier-pr", "--event", str(event),
                             "--repo", str(checkout), "--bouw", bouw, "--gh-droog"],
                            capture_output=True, text=True, cwd=tmp_path, env=environment)
    return result, checkout


def gh_commands(output: str) -> list[tuple[list[str], str | None]]:
    """The gh commands the dry run printed, each with what it would read from its input."""
    commands = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("gh-droog: "):
            stdin = None
            if index + 1 < len(lines) and lines[index + 1] == "----- invoer -----":
                end = lines.index("----- einde invoer -----", index)
                stdin = "\n".join(lines[index + 2:end])
            commands.append((shlex.split(line.removeprefix("gh-droog: ")), stdin))
    return commands


def test_the_recorded_event_holds_the_form_fixture():
    event = json.loads(EVENT.read_text(encoding="utf-8"))
    assert event["action"] == "labeled" and event["label"]["name"] == "verwerken"
    assert event["issue"]["body"].replace("\r\n", "\n") == (FIXTURES / "sessie-alles.md").read_text(encoding="utf-8")


def test_a_labelled_form_becomes_a_branch_a_commit_a_pull_request_and_a_comment(github):
    tmp_path, origin, _ = github
    result, _ = run(github)
    assert result.returncode == 0, result.stderr
    # the branch: one commit on top of main, adding exactly the new file
    main = git("rev-parse", "main", cwd=origin)
    assert git("rev-parse", f"{BRANCH}^", cwd=origin) == main
    assert git("diff", "--name-status", "main", BRANCH, cwd=origin).split() == ["A", NEW_FILE]
    message = git("log", "-1", "--format=%an <%ae>%n%B", BRANCH, cwd=origin)
    assert message.startswith("github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>")
    assert "Sessieverslag formulier-het-goede-gesprek uit het formulier in #12" in message
    assert "Co-authored-by: redacteur-gw <5123456+redacteur-gw@users.noreply.github.com>" in message
    # the file: what uit-formulier makes of the same form
    committed = git("show", f"{BRANCH}:{NEW_FILE}", cwd=origin)
    made = subprocess.run([sys.executable, "-m", "kennisplein", "uit-formulier", str(FIXTURES / "sessie-alles.md"),
                           "--issue", "12", "--niet-schrijven"], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert committed == made.rstrip("\n")
    # the GitHub calls, as documented gh commands
    commands = gh_commands(result.stdout)
    assert [c[0][:3] for c in commands] == [["gh", "pr", "create"], ["gh", "issue", "comment"], ["gh", "issue", "edit"]]
    create, pr_body = commands[0]
    assert create[create.index("--head") + 1] == BRANCH and create[create.index("--base") + 1] == "main"
    assert create[create.index("--repo") + 1] == "goed-werk/kennisplein"
    assert create[create.index("--title") + 1] == "Sessieverslag: Bijeenkomst 5 – Het goede gesprek (2025-02)"
    assert "closes #12" in pr_body and NEW_FILE in pr_body and "Close pull request" in pr_body
    comment_command, comment = commands[1]
    assert comment_command[3] == "12"
    assert "https://github.com/goed-werk/kennisplein/actions/runs/4242" in comment  # where the preview is
    assert "Artifacts" in comment and "`site`" in comment and "/sessies/formulier-het-goede-gesprek/" in comment
    assert "pull request" in comment.lower()
    assert commands[2][0] == ["gh", "issue", "edit", "12", "--repo", "goed-werk/kennisplein", "--remove-label", "verwerken"]


def test_an_edited_form_labelled_again_updates_the_same_pull_request(github):
    tmp_path, origin, _ = github
    first, _ = run(github)
    assert first.returncode == 0, first.stderr
    before = git("rev-parse", BRANCH, cwd=origin)
    edited = (FIXTURES / "sessie-alles.md").read_text(encoding="utf-8").replace("Reactie: Dat herken ik.", "Reactie: Dat herken ik wel.")
    open_pr = '[{"number": 31, "url": "https://github.com/goed-werk/kennisplein/pull/31"}]'
    second, _ = run(github, event_with(tmp_path, body=edited), prs=open_pr)
    assert second.returncode == 0, second.stderr
    after = git("rev-parse", BRANCH, cwd=origin)
    assert after != before
    assert git("rev-parse", f"{BRANCH}^", cwd=origin) == git("rev-parse", "main", cwd=origin)  # made anew from main
    assert "reactie: 'Dat herken ik wel.'" in git("show", f"{BRANCH}:{NEW_FILE}", cwd=origin)
    commands = gh_commands(second.stdout)
    assert [c[0][:4] for c in commands] == [["gh", "pr", "edit", "31"], ["gh", "issue", "comment", "12"], ["gh", "issue", "edit", "12"]]
    assert "https://github.com/goed-werk/kennisplein/pull/31" in commands[1][1]
    # labelled once more without an edit: nothing to push, and the comment says so
    third, _ = run(github, event_with(tmp_path, body=edited), prs=open_pr)
    assert third.returncode == 0, third.stderr
    assert git("rev-parse", BRANCH, cwd=origin) == after
    assert "niets veranderd" in gh_commands(third.stdout)[1][1]


def test_a_form_with_problems_gets_them_in_a_comment_and_no_branch(github):
    tmp_path, origin, _ = github
    broken = FIXTURES / "fouten" / "sessie-vorm.md"
    result, _ = run(github, event_with(tmp_path, body=broken.read_text(encoding="utf-8")))
    assert result.returncode == 0, result.stderr
    assert git("branch", "--list", BRANCH, cwd=origin) == ""
    commands = gh_commands(result.stdout)
    assert [c[0][:3] for c in commands] == [["gh", "issue", "comment"], ["gh", "issue", "edit"]]
    comment = commands[0][1]
    expected = broken.with_suffix(".verwacht.txt").read_text(encoding="utf-8").splitlines()
    assert f"{len(expected)} punten" in comment
    for line in expected:  # each problem under the name of its field
        veld = re.match(r"- Bij '([^']+)'", line).group(1)
        assert f"- **{veld}**" in comment
    assert "**Titel**: dit veld is leeg, maar het is nodig." in comment
    assert "**Rondes** (ronde 3, regel 20): de kaart 'blijf-gesprk' bestaat niet. Bedoelde je 'blijf-gesprek'?" in comment


def test_when_the_site_did_not_build_there_is_no_pull_request(github):
    tmp_path, origin, _ = github
    result, _ = run(github, bouw="failure")
    assert result.returncode == 0, result.stderr
    assert git("branch", "--list", BRANCH, cwd=origin) == ""
    commands = gh_commands(result.stdout)
    assert [c[0][:3] for c in commands] == [["gh", "issue", "comment"], ["gh", "issue", "edit"]]
    assert "kon er niet mee worden gebouwd" in commands[0][1] and "actions/runs/4242" in commands[0][1]


@pytest.mark.parametrize("change", [
    {"label": "vraag"},
    {"action": "unlabeled"},
])
def test_nothing_happens_for_another_label_or_event(github, change):
    tmp_path, origin, _ = github
    result, _ = run(github, event_with(tmp_path, **change))
    assert result.returncode == 0 and "Niets te doen" in result.stdout
    assert gh_commands(result.stdout) == [] and git("branch", "--list", BRANCH, cwd=origin) == ""


def test_the_token_is_used_for_the_push_but_never_written_into_the_checkout(github):
    tmp_path, origin, _ = github
    result, checkout = run(github, env={"GH_TOKEN": "ghs_ditmagnergensstaan"})
    assert result.returncode == 0, result.stderr
    assert git("rev-parse", "--verify", BRANCH, cwd=origin)
    for path in (checkout / ".git").rglob("*"):
        if path.is_file():
            assert b"ghs_ditmagnergensstaan" not in path.read_bytes(), path
            assert b"extraheader" not in path.read_bytes(), path
    assert "ghs_ditmagnergensstaan" not in result.stdout + result.stderr


def test_nothing_in_the_body_reaches_a_shell_or_becomes_a_workflow_command(github):
    """A hostile body: shell syntax, an expression, a workflow command on a line of its own, a
    mention. None of it runs; the log has no workflow command but the script's own."""
    tmp_path, origin, _ = github
    marker = tmp_path / "GEHACKT"
    hostile = (FIXTURES / "sessie-alles.md").read_text(encoding="utf-8").replace(
        "### Titel\n\nBijeenkomst 5 – Het goede gesprek",
        f"### Titel\n\nHet goede gesprek $(touch {marker}) `touch {marker}` ${{{{ github.token }}}}\n::error::nep\n@beheerder-gw")
    result, _ = run(github, event_with(tmp_path, body=hostile), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    lines = result.stdout.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", lines[0]).group(1)
    assert lines[-1] == f"::{token}::"
    assert not [line for line in lines[1:-1] if line.startswith("::")]
    # the title as the pull request and the file have it: the text as typed, on one line
    create = gh_commands(result.stdout)[0][0]
    title = create[create.index("--title") + 1]
    assert title.startswith("Sessieverslag: Het goede gesprek $(touch") and "\n" not in title
    committed = git("show", f"{BRANCH}:{NEW_FILE}", cwd=origin)
    assert "::error::nep" in committed  # kept as text in the file, for the reviewer to see


def test_when_github_cannot_be_reached_the_editor_hears_so_and_the_run_fails(github):
    tmp_path, origin, bin_dir = github
    (bin_dir / "gh").write_text(f"#!{sys.executable}\nimport sys\nprint('HTTP 502', file=sys.stderr)\nsys.exit(1)\n",
                                encoding="utf-8")
    result, _ = run(github)
    assert result.returncode == 1
    assert "Er ging iets mis: gh pr list mislukte: HTTP 502" in result.stdout and "Traceback" not in result.stderr
    commands = gh_commands(result.stdout)
    assert [c[0][:3] for c in commands] == [["gh", "issue", "comment"], ["gh", "issue", "edit"]]
    assert "Er ging iets mis bij het verwerken" in commands[0][1]


def test_a_proposed_habit_becomes_a_card_in_a_pull_request_with_the_trainers_note(github):
    tmp_path, origin, _ = github
    text = (FIXTURES / "gewoonte-uit-document.md").read_text(encoding="utf-8").replace(
        "### Over je sessie\n\n_No response_", "### Over je sessie\n\nTeamdag op 3 maart, met @collega\nen <b>twaalf</b> begeleiders.")
    result, _ = run(github, event_with(tmp_path, body=text))
    assert result.returncode == 0, result.stderr
    # the card, and its number in the list of issued card numbers (numbering.py)
    assert git("diff", "--name-status", "main", BRANCH, cwd=origin).split() == [
        "A", "data/kaarten/diversiteit-in-het-team.yaml", "M", "data/kaartnummers.yaml"]
    numbers = git("show", f"{BRANCH}:data/kaartnummers.yaml", cwd=origin).splitlines()
    assert numbers[-1].strip().endswith("kaart: diversiteit-in-het-team}")
    create, pr_body = gh_commands(result.stdout)[0]
    assert create[create.index("--title") + 1] == "Nieuwe kaart: Diversiteit in het team"
    # the note is for the reviewers: quoted in the pull request, kept as text, not in the file
    assert "> Teamdag op 3 maart, met @\u200bcollega\n> en \\<b\\>twaalf\\</b\\> begeleiders." in pr_body
    assert "Teamdag" not in git("show", f"{BRANCH}:data/kaarten/diversiteit-in-het-team.yaml", cwd=origin)
    assert "/kaarten/diversiteit-in-het-team/" in gh_commands(result.stdout)[1][1]
