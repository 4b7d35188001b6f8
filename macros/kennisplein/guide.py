"""The editors' guide: CONTRIBUTING.md, with its generated parts kept in step with the sources.

CONTRIBUTING.md is written by hand, except the parts between
`<!-- gegenereerd: WAT -->` and `<!-- einde gegenereerd -->`: field tables from the JSON
Schemas, the empty templates, a whole data file as worked example, error messages from the
broken-file corpus, and the text conventions of the issue forms with an answer as example. `kennisplein gids` rewrites those parts; the site's page "Bijdragen"
shows the same file through the macro `bijdragen()`, its parts rendered fresh.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import form_text, schema_docs
from .from_form import answers
from .paths import GUIDE as GUIDE_PATH, PACKAGE_TEMPLATES, ROOT
from .rendering import out_of_search
from .scaffold import template

GUIDE = GUIDE_PATH.name
_PART = re.compile(r"(<!-- gegenereerd: (?P<what>[^>]+?) -->\n)(?P<body>.*?)(<!-- einde gegenereerd -->)", re.S)
_MARKERS = re.compile(r"^<!-- (gegenereerd: [^>]+|einde gegenereerd|[^>]*kennisplein gids[^>]*) -->\n", re.M)


class GuideError(Exception):
    """A generated part that names something that does not exist."""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def _field_name(path: str) -> str:
    return " › ".join(f"`{part}`" for part in path.replace("[]", "").split("."))


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE_TEMPLATES / "gids"),
        autoescape=False,  # Markdown; table cells go through `cel`
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["cel"] = _cell
    env.filters["veldnaam"] = _field_name
    return env


def _code(text: str, language: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return _environment().get_template("code.md.j2").render(
        hek="`" * max(3, longest + 1), taal=language, inhoud=text.rstrip("\n"))


def part(what: str, root: Path = ROOT) -> str:
    """The Markdown of one generated part, e.g. 'velden sessie' or 'sjabloon kaart'."""
    kind, _, argument = what.partition(" ")
    if kind == "velden":
        velden = schema_docs.blocks() if argument == "blokken" else schema_docs.fields(argument)
        return _environment().get_template("velden.md.j2").render(velden=velden)
    if kind == "sjabloon":
        return _code(template(argument, root / "data"), "yaml")
    if kind == "bestand":
        path = root / argument
        if not path.is_file():
            raise GuideError(f"{GUIDE}: het voorbeeldbestand {argument} bestaat niet.")
        return _code(path.read_text(encoding="utf-8"), "yaml")
    if kind == "formulier":
        if argument == "uitleg":  # the forms show the same help (issue_forms.py)
            return "\n\n".join((form_text.CONTENT_HELP, f"In het veld **Rondes**: {schema_docs.lower_first(form_text.ROUNDS_HOW)}",
                                f"In het veld **Deelnemers**: {schema_docs.lower_first(form_text.PARTICIPANTS_HOW)}")) + "\n"
        label, _, file = argument.partition(" uit ")
        path = root / file
        if not path.is_file():
            raise GuideError(f"{GUIDE}: het voorbeeld van een formulier {file} bestaat niet.")
        answer = answers(path.read_text(encoding="utf-8")).get(label)
        if answer is None:
            raise GuideError(f"{GUIDE}: in {file} staat geen veld '{label}'.")
        # The example repeats a session report: its page is what a search should find.
        return out_of_search(_code(answer, "text"))
    if kind == "melding":
        expected = root / "tests" / "broken" / argument / "verwacht.txt"
        if not expected.is_file():
            raise GuideError(f"{GUIDE}: het voorbeeld van een foutmelding {argument} bestaat niet in tests/broken/.")
        return _code(expected.read_text(encoding="utf-8"), "text")
    raise GuideError(f"{GUIDE}: onbekend gegenereerd deel '{what}'.")


def refresh(text: str, root: Path = ROOT) -> str:
    """The guide with every generated part made anew."""
    return _PART.sub(lambda m: m.group(1) + part(m.group("what"), root) + m.group(4), text)


# Where the guide sends an editor to the repository: on the site that becomes a link.
REPOSITORY_STEP = "Ga op GitHub naar de repository"


def site_markdown(root: Path = ROOT, repo_url: str | None = None) -> str:
    """The guide as the site shows it: parts fresh, the markers left out, and, given the
    repository's address (mkdocs.yml's repo_url), a link where it sends editors there."""
    text = _MARKERS.sub("", refresh((root / GUIDE).read_text(encoding="utf-8"), root))
    if repo_url:
        if REPOSITORY_STEP not in text:
            raise GuideError(f"{GUIDE}: de zin '{REPOSITORY_STEP}' ontbreekt; daar hoort de link naar de repository.")
        text = text.replace(REPOSITORY_STEP, f"Ga op GitHub naar [de repository van deze site]({repo_url})")
    return text


def update(root: Path = ROOT) -> bool:
    """Rewrite the generated parts of CONTRIBUTING.md; True if anything changed."""
    path = root / GUIDE
    old = path.read_text(encoding="utf-8")
    new = refresh(old, root)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old
