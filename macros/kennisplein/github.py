"""The check's result as GitHub Actions shows it: annotations on the lines, and a Dutch summary.

`kennisplein controleer --formaat github` prints one `::error file=…,line=…,col=…::` line per
problem (GitHub puts it on that line in the pull request) and appends a summary in Dutch to
the file named by $GITHUB_STEP_SUMMARY.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .paths import PACKAGE_TEMPLATES
from .problems import Problem, tally
from .records import Site

TITLE = "Fout in de gegevens"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command encoding: these three would end or garble the command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One `::error` workflow command for one problem."""
    properties = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (("file", problem.file), ("line", problem.line), ("col", problem.column), ("title", TITLE))
    )
    return f"::error {properties}::{_escape_data(problem.message)}"


def counts(site: Site) -> str:
    """What a valid data set holds, in one Dutch sentence."""
    return (
        f"{len(site.kaarten)} kaarten, {len(site.sessies)} sessies, {len(site.themas)} thema's, "
        f"{len(site.aanbevelingen)} aanbevelingen, {len(site.aanpakken)} aanpakken, {len(site.bronnen)} bronnen."
    )


@cache
def _environment() -> Environment:
    # HTML in a Markdown summary: autoescaped, so editor text in a message stays text.
    return Environment(
        loader=FileSystemLoader(PACKAGE_TEMPLATES), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )


def summary(problems: list[Problem], site: Site | None = None) -> str:
    """The Dutch summary GitHub shows on the check's page (Markdown with an HTML table)."""
    problems = sorted(set(problems))
    aantal, bestanden = tally(problems)
    return _environment().get_template("samenvatting.md.j2").render(
        problemen=problems,
        aantal=aantal,
        bestanden=bestanden,
        telling=counts(site) if site else "",
    )
