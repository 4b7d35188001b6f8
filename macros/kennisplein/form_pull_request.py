"""`kennisplein formulier-pr`: a labelled issue form becomes a pull request and a Dutch comment.

The workflow `.github/workflows/formulier.yml` runs this on the event `issues: labeled`. The
issue body is read from the event file ($GITHUB_EVENT_PATH) by Python: it never passes a
shell or an `${{ }}` expression. Then:

- the form has problems: a comment on the issue names each by its form field;
- the site did not build (the workflow's first job): a comment says so, nothing is pushed;
- else: the new file is committed on `formulier/issue-<n>`, made anew from the default branch
  every time (the issue is the source; editing it and labelling again updates the same pull
  request), pushed, and the pull request is opened or updated; a comment links it.

Either way the label comes off again, so adding it once more processes the edited issue.
GitHub is reached only with documented `gh` commands (`gh pr list`, `gh pr create`,
`gh pr edit`, `gh issue comment`, `gh issue edit`). With `--gh-droog` the commands that change
something on GitHub are printed instead of run (git still works for real), which is how the
tests read them. The token reaches git only through the environment of the two commands that
talk to the remote, never a file in the checkout.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import from_form
from .form_text import FieldProblem
from .issue_forms import LABEL
from .paths import PACKAGE_TEMPLATES
from .vocabularies import NUMBERS_FILE

TEMPLATES = PACKAGE_TEMPLATES / "formulier"
BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"  # GitHub's own address for it
_LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
_MARKDOWN = re.compile(r"([\\`*_\[\]<>~&])")


class Stop(Exception):
    """This event is not one to act on; the message says why (printed, not an error)."""


@dataclass(frozen=True)
class Event:
    """What this script needs from GitHub's `issues` event, checked on the way in."""

    nummer: int
    body: str
    repo: str  # owner/name
    basis: str  # the default branch
    auteur: str | None  # the issue author's login, if it is a plain GitHub login
    auteur_id: int | None

    @property
    def branch(self) -> str:
        return f"formulier/issue-{self.nummer}"


def read_event(path: Path) -> Event:
    event = json.loads(Path(path).read_text(encoding="utf-8"))
    if event.get("action") != "labeled" or (event.get("label") or {}).get("name") != LABEL:
        raise Stop(f"Niets te doen: dit is niet het toevoegen van het label '{LABEL}'.")
    issue = event.get("issue") or {}
    if "pull_request" in issue:
        raise Stop("Niets te doen: het label staat op een pull request, niet op een formulier.")
    if issue.get("state") != "open":
        raise Stop("Niets te doen: het issue is gesloten.")
    repository = event["repository"]
    user = issue.get("user") or {}
    login = user.get("login") if isinstance(user.get("login"), str) and _LOGIN.fullmatch(user["login"]) else None
    return Event(
        nummer=int(issue["number"]), body=issue.get("body") or "", repo=str(repository["full_name"]),
        basis=str(repository["default_branch"]), auteur=login,
        auteur_id=user.get("id") if isinstance(user.get("id"), int) else None,
    )


# --- messages --------------------------------------------------------------------------------

def markdown_text(text: object) -> str:
    """Editor text inside our Markdown, shown as typed: what Markdown would act on (links,
    images, HTML, emphasis, code) is escaped, and an invisible space after '@' keeps GitHub
    from turning '@name' into a mention (a backslash does not stop that)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split())).replace("@", "@\u200b")


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False,  # Markdown: editor text goes through `md`
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = markdown_text
    return env


def render(name: str, **context) -> str:
    return _environment().get_template(name).render(label=LABEL, **context)


def problems_comment(problems: tuple[FieldProblem, ...] | list[FieldProblem]) -> str:
    count = "1 punt" if len(problems) == 1 else f"{len(problems)} punten"
    return render("reactie-problemen.md.j2", problemen=problems, aantal=count)


# --- git and gh ------------------------------------------------------------------------------

class Runner:
    """Runs git in the repository and gh against GitHub; with `gh_dry_run`, prints the gh
    commands that would change something instead of running them."""

    def __init__(self, repo_dir: Path, *, gh_dry_run: bool = False, token: str | None = None,
                 server: str = "https://github.com", out=None) -> None:
        self.repo_dir, self.gh_dry_run, self.token, self.server = Path(repo_dir).resolve(), gh_dry_run, token, server
        self.out = out or sys.stdout

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def git(self, *args: str, remote: bool = False, check: bool = True) -> str:
        env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
        if remote and self.token:
            # The checkout kept no credentials (persist-credentials: false); this command alone
            # gets the token, through its environment, the way actions/checkout sets it.
            basic = base64.b64encode(f"x-access-token:{self.token}".encode()).decode()
            env.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0=f"http.{self.server}/.extraheader",
                       GIT_CONFIG_VALUE_0=f"AUTHORIZATION: basic {basic}")
        result = subprocess.run(["git", *args], cwd=self.repo_dir, env=env, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"git {args[0]} mislukte: {result.stderr.strip()}")
        return result.stdout.strip()

    def _gh(self, args: tuple[str, ...], stdin: str | None) -> str:
        result = subprocess.run(["gh", *args], input=stdin, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"gh {' '.join(args[:2])} mislukte: {result.stderr.strip()}")
        return result.stdout

    def gh_query(self, *args: str) -> str:
        """A gh command that only reads: always run (the tests put a stand-in `gh` on PATH)."""
        return self._gh(args, None)

    def gh(self, *args: str, stdin: str | None = None) -> str:
        """A gh command that changes something on GitHub."""
        if self.gh_dry_run:
            self.say("gh-droog: " + shlex.join(["gh", *args]))
            if stdin is not None:
                self.say("----- invoer -----\n" + stdin.rstrip("\n") + "\n----- einde invoer -----")
            return ""
        return self._gh(args, stdin)


# --- the steps ------------------------------------------------------------------------------

def _commit_message(event: Event, conversion: from_form.Conversion) -> str:
    kind = "Sessieverslag" if conversion.form.kind == "sessie" else "Kaart"
    message = f"{kind} {conversion.id} uit het formulier in #{event.nummer}\n\nBestand: {conversion.pad}\n"
    if event.auteur and event.auteur_id:
        message += f"\nCo-authored-by: {event.auteur} <{event.auteur_id}+{event.auteur}@users.noreply.github.com>\n"
    return message


def _start_from_base(runner: Runner, event: Event) -> str:
    """Stand on the newest default branch (what the form is checked against and the branch
    starts from); the commit of the issue's branch on GitHub, or "" when there is none yet."""
    runner.git("fetch", "--quiet", "--no-tags", "origin", f"+refs/heads/{event.basis}:refs/remotes/origin/{event.basis}", remote=True)
    listed = runner.git("ls-remote", "--heads", "origin", f"refs/heads/{event.branch}", remote=True)
    previous = listed.split()[0] if listed else ""
    if previous:
        runner.git("fetch", "--quiet", "--no-tags", "origin", f"+refs/heads/{event.branch}:refs/remotes/origin/{event.branch}", remote=True)
    runner.git("switch", "--quiet", "--discard-changes", "--detach", f"origin/{event.basis}")
    return previous


def _publish(runner: Runner, event: Event, conversion: from_form.Conversion, previous: str) -> tuple[bool, str]:
    """Commit the file on the issue's branch, made anew from the default branch, and push it.
    Returns (changed, the commit on GitHub)."""
    branch = event.branch
    runner.git("switch", "--quiet", "--force-create", branch)
    path = from_form.write(conversion, runner.repo_dir / "data")
    runner.git("add", "--", str(path.relative_to(runner.repo_dir)))
    if "nummer" in conversion.waarde:  # a card also adds its number to the list (numbering.py)
        runner.git("add", "--", f"data/{NUMBERS_FILE}")
    runner.git("-c", f"user.name={BOT_NAME}", "-c", f"user.email={BOT_EMAIL}",
               "commit", "--quiet", "--message", _commit_message(event, conversion))
    commit = runner.git("rev-parse", "HEAD")
    if previous and runner.git("rev-parse", f"{previous}^{{tree}}") == runner.git("rev-parse", "HEAD^{tree}"):
        return False, previous
    runner.git("push", "--quiet", f"--force-with-lease=refs/heads/{branch}:{previous}", "origin",
               f"HEAD:refs/heads/{branch}", remote=True)
    return True, commit


def _run_url(event: Event) -> str:
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    run = os.environ.get("GITHUB_RUN_ID", "")
    return f"{server}/{event.repo}/actions/runs/{run}" if run.isdigit() else f"{server}/{event.repo}/actions"


def _pull_request(runner: Runner, event: Event, conversion: from_form.Conversion) -> str:
    """Open the pull request, or update the one already open for this branch; its address."""
    found = json.loads(runner.gh_query("pr", "list", "--repo", event.repo, "--head", event.branch,
                                       "--state", "open", "--json", "number,url", "--limit", "1") or "[]")
    body = render("pull-request.md.j2", formulier=conversion.form.name, issue=event.nummer, pad=conversion.pad,
                  run_adres=_run_url(event), branch=event.branch, basis=event.basis, toelichting=conversion.toelichting)
    title = " ".join(conversion.titel.split())[:200]
    if found:
        runner.gh("pr", "edit", str(found[0]["number"]), "--repo", event.repo, "--title", title, "--body-file", "-", stdin=body)
        return found[0]["url"]
    created = runner.gh("pr", "create", "--repo", event.repo, "--base", event.basis, "--head", event.branch,
                        "--title", title, "--body-file", "-", stdin=body).strip()
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    return created or f"{server}/{event.repo}/pulls?q=" + quote(f"is:pr head:{event.branch}")


def process(event: Event, repo_dir: Path, runner: Runner, build_result: str = "success") -> int:
    """Everything after the label: convert, then comment problems, or push and open the pull request."""
    repo_dir = runner.repo_dir
    try:
        previous = _start_from_base(runner, event)
        outcome = from_form.from_body(event.body, repo_dir / "data", repo_dir / "docs", issue=event.nummer)
        if not outcome.ok:
            runner.say(f"Het formulier is niet omgezet ({len(outcome.problems)} punten); de reactie op het issue noemt ze per veld.")
            comment = problems_comment(outcome.problems)
        elif build_result != "success":
            runner.say("De gegevens zijn in orde, maar de site is niet gebouwd: geen pull request.")
            comment = render("reactie-mislukt.md.j2", run_adres=_run_url(event), bouw=True)
        else:
            conversion = outcome.conversion
            changed, commit = _publish(runner, event, conversion, previous)
            runner.say(f"{conversion.pad} staat op {event.branch} (commit {commit[:12]})"
                       + ("." if changed else "; er was niets veranderd."))
            url = _pull_request(runner, event, conversion)
            kind_url = f"/{'sessies' if conversion.form.kind == 'sessie' else 'kaarten'}/{conversion.id}/"
            comment = render("reactie-klaar.md.j2", ongewijzigd=not changed, pad=conversion.pad, pr_adres=url,
                             wat="het verslag" if conversion.form.kind == "sessie" else "de kaart",
                             adres=kind_url, run_adres=_run_url(event))
        runner.gh("issue", "comment", str(event.nummer), "--repo", event.repo, "--body-file", "-", stdin=comment)
    except Exception:
        # Say so on the issue, so the editor is not left waiting; the run shows what failed.
        runner.gh("issue", "comment", str(event.nummer), "--repo", event.repo, "--body-file", "-",
                  stdin=render("reactie-mislukt.md.j2", run_adres=_run_url(event), bouw=False))
        raise
    finally:
        runner.gh("issue", "edit", str(event.nummer), "--repo", event.repo, "--remove-label", LABEL)
    return 0


def main(event_path: Path, repo_dir: Path, *, gh_dry_run: bool = False, build_result: str = "success") -> int:
    runner = Runner(repo_dir, gh_dry_run=gh_dry_run, token=os.environ.get("GH_TOKEN") or os.environ.get("GITHUB_TOKEN"),
                    server=os.environ.get("GITHUB_SERVER_URL", "https://github.com"))
    # Nothing an editor typed may become a workflow command in the log: stop reading them.
    stop = secrets.token_hex(16)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        runner.say(f"::stop-commands::{stop}")
    try:
        try:
            event = read_event(event_path)
        except Stop as reason:
            runner.say(str(reason))
            return 0
        try:
            return process(event, repo_dir, runner, build_result)
        except (RuntimeError, OSError, ValueError) as error:
            # The issue has its comment already (process); the run goes red with the reason.
            runner.say("Er ging iets mis: " + " ".join(str(error).split()))
            return 1
    finally:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            runner.say(f"::{stop}::")
