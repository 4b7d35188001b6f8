"""The GitHub Actions workflows and the pull-request template are valid and do what the guide says.

actionlint ships no wheel on PyPI that works offline, so the workflows are checked against the
JSON Schema for GitHub workflows that `check-jsonschema` ships (SchemaStore's), their shell
steps and `kennisplein` commands are checked here, and zizmor audits every workflow offline.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from kennisplein import cli

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
TEMPLATE = ROOT / ".github" / "pull_request_template.md"


def load(path):
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def check_jsonschema(*paths) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_there_are_a_check_a_publish_and_a_form_workflow():
    assert {p.name for p in FILES} == {"controle.yml", "publiceer.yml", "formulier.yml"}


def test_workflows_match_githubs_workflow_schema():
    result = check_jsonschema(*FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "kapot.yml"
    broken.write_text(FILES[0].read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"),
                      encoding="utf-8")
    assert check_jsonschema(broken).returncode != 0


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path):
    uses = re.findall(r"^\s*(?:- )?uses: (.*)$", path.read_text(encoding="utf-8"), re.M)
    assert uses
    for line in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


ZIZMOR = Path(sysconfig.get_path("scripts")) / "zizmor"  # a program the wheel installs, not a module


def zizmor(*paths) -> subprocess.CompletedProcess:
    # --offline: no request to GitHub (the audits that need one are left out).
    assert ZIZMOR.is_file(), "zizmor ontbreekt: installeer de testpakketten met 'make install'"
    # --persona pedantic: every audit, also the ones that only ask for an explanation.
    return subprocess.run([str(ZIZMOR), "--offline", "--no-progress", "--persona", "pedantic", *map(str, paths)],
                          capture_output=True, text=True, timeout=300)


def test_zizmor_finds_nothing_in_any_workflow():
    """Pinning, permissions, credentials, caches, template injection, ... in every workflow in
    the folder (also ones added later)."""
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_reports_a_workflow_with_the_old_faults(tmp_path):
    """The test above can fail: a workflow as it was before (a tag, write permissions for the
    whole workflow, credentials kept in the checkout) gives findings."""
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "oud.yml").write_text(
        "name: oud\non: push\npermissions:\n  contents: read\n  pages: write\n  id-token: write\n"
        "jobs:\n  bouwen:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          path: .\n", encoding="utf-8")
    result = zizmor(tmp_path / ".github" / "workflows")
    assert result.returncode != 0
    for audit in ("unpinned-uses", "artipacked", "excessive-permissions"):
        assert audit in result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_job_holds_only_its_own_permissions_and_no_checkout_keeps_credentials(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, "permissions belong on the jobs that need them"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        granted = {scope for scope, level in job["permissions"].items() if level != "none"}
        if {"pages", "id-token"} & granted:
            assert [s.get("uses", "").split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"], name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
            assert not step.get("uses", "").startswith("actions/cache@"), "a cache restored in CI could carry files from elsewhere"
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert "cache" not in step.get("with", {}), name


def test_zizmor_catches_an_issue_body_in_a_shell_step(tmp_path):
    broken = tmp_path / "kapot.yml"
    broken.write_text((WORKFLOWS / "formulier.yml").read_text(encoding="utf-8").replace(
        'run: kennisplein uit-formulier --event "$GITHUB_EVENT_PATH"',
        'run: echo "${{ github.event.issue.body }}" | kennisplein uit-formulier'), encoding="utf-8")
    result = zizmor(broken)
    assert result.returncode != 0 and "template-injection" in result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_shell_step_is_valid_bash_and_every_kennisplein_command_exists(path):
    for step in steps(load(path)):
        if "run" not in step:
            continue
        script = re.sub(r"\$\{\{.*?\}\}", "x", step["run"])
        syntax = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
        assert syntax.returncode == 0, f"{step.get('name')}: {syntax.stderr}"
        for line in script.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["kennisplein"]:
                cli.parser().parse_args(words[1:])  # exits (fails the test) on an unknown option


def test_pull_requests_are_checked_built_strictly_and_the_site_is_kept():
    workflow = load(WORKFLOWS / "controle.yml")
    assert "pull_request" in workflow["on"]
    assert [job["permissions"] for job in workflow["jobs"].values()] == [{"contents": "read"}]
    runs = [step.get("run", "") for step in steps(workflow)]
    uses = [step.get("uses", "") for step in steps(workflow)]
    check = next(i for i, r in enumerate(runs) if "kennisplein controleer --formaat github" in r)
    build = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-artifact@"))
    assert check < build < upload
    assert steps(workflow)[upload]["with"]["path"].rstrip("/") == "site"


def test_main_is_built_and_published_on_github_pages():
    workflow = load(WORKFLOWS / "publiceer.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["bouwen"], workflow["jobs"]["publiceren"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}  # only the job that deploys
    assert any("mkdocs build --strict" in step.get("run", "") for step in build["steps"])
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in build["steps"])
    assert deploy["needs"] == "bouwen" and deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_main_keeps_new_addresses_in_the_repository(tmp_path):
    """The build adds a new card's address to gepubliceerde-adressen.txt; on main the workflow
    commits that back, so a later change that drops the address fails its check. The step runs
    here against a real repository and its origin."""
    jobs = load(WORKFLOWS / "publiceer.yml")["jobs"]
    build, keep_job = jobs["bouwen"], jobs["adressen"]
    # The build hands its list on; only the job that commits it may write, only after the
    # publication, and only on main (a run started by hand may be on another branch).
    runs = [step.get("run", "") for step in build["steps"]]
    upload = next(i for i, s in enumerate(build["steps"]) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert build["steps"][upload]["with"]["path"] == "gepubliceerde-adressen.txt"
    assert upload > next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    assert build["permissions"] == {"contents": "read"} and keep_job["permissions"] == {"contents": "write"}
    assert keep_job["needs"] == "publiceren" and keep_job["if"] == "github.ref == 'refs/heads/main'"
    assert not any("mkdocs" in step.get("run", "") or "pip" in step.get("run", "") for step in keep_job["steps"])
    runs = [step.get("run", "") for step in keep_job["steps"]]
    keep = next(i for i, r in enumerate(runs) if "gepubliceerde-adressen.txt" in r)

    def git(*args, cwd):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd,
                              capture_output=True, text=True, check=True).stdout

    origin, work = tmp_path / "origin.git", tmp_path / "werk"
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    git("clone", "-q", str(origin), str(work), cwd=tmp_path)
    listed = work / "gepubliceerde-adressen.txt"
    listed.write_text("/kaarten/\n", encoding="utf-8")
    git("add", ".", cwd=work)
    git("commit", "-q", "-m", "begin", cwd=work)
    git("push", "-q", "origin", "HEAD:main", cwd=work)

    listed.write_text("/kaarten/\n/kaarten/nieuwe-kaart/\n", encoding="utf-8")  # what a build does
    for _ in range(2):  # the second time there is nothing new: no commit
        subprocess.run(["bash", "-e", "-c", runs[keep]], cwd=work, check=True, capture_output=True)
    assert git("show", "main:gepubliceerde-adressen.txt", cwd=origin) == "/kaarten/\n/kaarten/nieuwe-kaart/\n"
    assert git("log", "--format=%s", "main", cwd=origin).splitlines() == [
        "Nieuwe webadressen in gepubliceerde-adressen.txt", "begin"]


def test_python_version_matches_the_project():
    for path in FILES:
        for step in steps(load(path)):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["python-version"] == f"{sys.version_info.major}.{sys.version_info.minor}"


def test_pull_request_template_is_a_dutch_checklist_naming_the_real_check():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, re.M)) >= 6
    for words in ("VUL IN", "letterlijk", "herkomst", "verzonnen"):
        assert words in text
    workflow = load(WORKFLOWS / "controle.yml")
    job = next(iter(workflow["jobs"].values()))
    check_name = f"{workflow['name']} / {job['name']}"
    assert check_name in text
    assert check_name in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


# --- the form workflow -------------------------------------------------------------------------

def test_the_form_workflow_runs_only_when_the_label_verwerken_is_added():
    workflow = load(WORKFLOWS / "formulier.yml")
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    for job in workflow["jobs"].values():
        assert "github.event.label.name == 'verwerken'" in job["if"]
    from kennisplein.issue_forms import LABEL
    assert LABEL == "verwerken"


def test_the_issue_never_reaches_a_shell_or_an_expression():
    """Only the issue's number (an integer) is used in an expression; its body and title are
    read from the event file by Python."""
    text = (WORKFLOWS / "formulier.yml").read_text(encoding="utf-8")
    expressions = re.findall(r"\$\{\{(.*?)\}\}", text)
    assert sorted(e.strip() for e in expressions) == [
        "!cancelled() && github.event.label.name == 'verwerken'", "github.event.issue.number", "github.token",
        "needs.bouwen.result"]
    for step in steps(load(WORKFLOWS / "formulier.yml")):
        if "run" in step:
            assert "${{" not in step["run"]
            assert "issue" not in step["run"] or '"$GITHUB_EVENT_PATH"' in step["run"]


def test_the_form_workflow_holds_only_the_permissions_it_needs():
    workflow = load(WORKFLOWS / "formulier.yml")
    assert workflow["permissions"] == {}
    build, publish = workflow["jobs"]["bouwen"], workflow["jobs"]["verwerken"]
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert publish["needs"] == "bouwen"
    # the job that may write builds nothing: it runs the one script that makes the pull request
    runs = [step.get("run", "") for step in publish["steps"]]
    assert not any("mkdocs" in r or "uit-formulier" in r for r in runs)
    assert [r for r in runs if "kennisplein" in r] == ['kennisplein formulier-pr --event "$GITHUB_EVENT_PATH" --bouw "$BOUW"']
    for job in (build, publish):
        checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["persist-credentials"] is False
    # the built site is the preview the comment points to
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site" and upload["with"]["path"].rstrip("/") == "site"
    build_runs = [step.get("run", "") for step in build["steps"]]
    assert build_runs.index('kennisplein uit-formulier --event "$GITHUB_EVENT_PATH"') < next(
        i for i, r in enumerate(build_runs) if "mkdocs build --strict" in r)


def _owners(path: str) -> list[str]:
    """The owners .github/CODEOWNERS gives a file: the last pattern that matches decides."""
    owners = None
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *names = line.split()
        if pattern == "*" or (pattern.startswith("/") and pattern.endswith("/") and ("/" + path).startswith(pattern)):
            owners = names
    return owners or []


@pytest.mark.parametrize("path, reviewed", [
    ("docs/index.md", True), ("docs/nieuwe-pagina.md", True), ("macros/kennisplein/macros.py", True),
    ("overrides/main.html", True), (".github/workflows/publiceer.yml", True), (".github/CODEOWNERS", True),
    ("mkdocs.yml", True), ("pyproject.toml", True), ("gepubliceerde-adressen.txt", True), ("brondocumenten/x.txt", True),
    ("data/kaarten/nieuwe-kaart.yaml", False), ("data/sessies/2025-01-01-noord.yaml", False),
    ("docs/afbeeldingen/foto.jpg", False),
])
def test_code_is_reviewed_by_a_maintainer_and_data_is_the_editors_area(path, reviewed):
    assert bool(_owners(path)) == reviewed
    # No GitHub team is named anywhere: the owner is a placeholder that can match no account.
    assert all(owner.endswith("@kennisplein.invalid") for owner in _owners(path))
