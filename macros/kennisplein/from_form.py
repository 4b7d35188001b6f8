"""`kennisplein uit-formulier`: a submitted issue form becomes one new data file, or a list of
problems, each named by the form field the editor filled in.

    issue body --sections by label--> answers --form_text--> data (+ where each value came from)
        --scaffold--> the file, with the comments a new file from the scaffold has
        --build_site on a copy of data/ with the file--> the data checks, their problems
          traced back from file position to data path to form field

`convert` is pure: it reads data/ (for ids and choices) and returns the file's path and text,
or problems. `check` runs the data checks on a copy. `write` puts the file in data/, and
nowhere else. GitHub writes a submitted form as `### Label` sections in field order, with
`_No response_` for an empty optional field and `- [X] label` for a ticked box.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import form_text, issue_forms, numbering, scaffold, schemas
from .form_text import FieldProblem, Parsed
from .issue_forms import CHECK_LABEL, OWN_SESSION, Form, FormField
from .loading import load_file, strings
from .placeholders import is_placeholder
from .problems import DataError
from .records import Site
from .schema_docs import lower_first
from .site import build_site

NO_RESPONSE = "_No response_"
_ID_LENGTH = schemas.ID_LENGTH[1]
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Conversion:
    """A form turned into a data file."""

    form: Form
    pad: str  # e.g. "data/sessies/2022-09-09-oost.yaml"
    tekst: str  # the file
    waarde: dict  # the file's data, as the loader will read it back
    titel: str  # the record's title, for the pull request
    herkomst: dict[Path_, tuple[str, str]] = field(default_factory=dict)  # data path -> (field label, place)
    toelichting: str = ""  # what the editor wrote for the reviewers only (not in the file)

    @property
    def id(self) -> str:
        return self.waarde["id"]


@dataclass(frozen=True)
class Outcome:
    conversion: Conversion | None
    problems: tuple[FieldProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.conversion is not None and not self.problems


# --- the body ----------------------------------------------------------------------------------

def sections(body: str, labels: list[str]) -> dict[str, str | None]:
    """Each label's answer (None where the heading is missing). A value may itself hold a line
    '### <a later label>'; the real headings are found from the end: each label's last heading
    before the next label's, the order GitHub writes them in."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    heading = {label: [i for i, line in enumerate(lines) if line.strip() == f"### {label}"] for label in labels}
    found: dict[str, int] = {}
    limit = len(lines)
    for label in reversed(labels):
        before = [i for i in heading[label] if i < limit]
        if before:
            found[label] = before[-1]
            limit = before[-1]
    answers: dict[str, str | None] = {}
    ordered = sorted(found.items(), key=lambda item: item[1])
    for position, (label, start) in enumerate(ordered):
        end = ordered[position + 1][1] if position + 1 < len(ordered) else len(lines)
        answers[label] = "\n".join(lines[start + 1:end]).strip("\n")
    return {label: answers.get(label) for label in labels}


def _labels(form: Form) -> list[str]:
    return [f.label for f in form.fields] + [CHECK_LABEL]


def which_form(body: str) -> Form | None:
    """The form a body was made with: the one whose field headings it holds most of."""
    counts = []
    for form in issue_forms.FORMS:
        found = sum(value is not None for value in sections(body, _labels(form)).values())
        counts.append((found / len(_labels(form)), form))
    share, form = max(counts, key=lambda pair: pair[0])
    return form if share >= 0.5 else None


def answers(body: str) -> dict[str, str | None]:
    """Each field's answer by its label, for the form the body was made with ({} for none)."""
    form = which_form(body)
    return sections(body, _labels(form)) if form else {}


class _Answers:
    """The answers of one submitted form, read field by field; problems are collected."""

    def __init__(self, form: Form, body: str, site: Site) -> None:
        self.form, self.site = form, site
        self.raw = sections(body, _labels(form))
        self.problems: list[FieldProblem] = []
        self.origins: dict[Path_, tuple[str, str]] = {}

    def problem(self, form_field: FormField | str, message: str, place: str = "") -> None:
        label = form_field if isinstance(form_field, str) else form_field.label
        self.problems.append(FieldProblem(label, message, place))

    def text(self, ident: str) -> str | None:
        """A field's answer as typed, or None when it was left empty."""
        form_field = self.form.field(ident)
        value = self.raw[form_field.label]
        if value is None or not value.strip() or value.strip() == NO_RESPONSE:
            if issue_forms.required(self.form, form_field) if form_field.schema_path else form_field.required:
                what = f" Hier hoort: {lower_first(issue_forms.description(self.form, form_field))}"
                self.problem(form_field, "dit veld is leeg, maar het is nodig." + what)
            return None
        return value.strip("\n")

    def line(self, ident: str, path: Path_ | None = None) -> str | None:
        """An answer as one text: its lines joined with a space (also a plain text field's)."""
        value = self.text(ident)
        if value is None:
            return None
        value = " ".join(value.split())
        if path:
            self.origins[path] = (self.form.field(ident).label, "")
        return value

    def choice(self, ident: str, path: Path_ | None = None) -> issue_forms.Option | None:
        form_field = self.form.field(ident)
        value = self.text(ident)
        if value is None:
            return None
        choices = issue_forms.options(self.form, form_field, self.site)
        option = issue_forms.choice(value, choices)
        if option is None:
            self.problem(form_field, f"'{' '.join(value.split())}' is geen van de keuzes. Kies uit: "
                                     + "; ".join(o.tekst for o in choices) + ".")
        elif path:
            self.origins[path] = (form_field.label, "")
        return option

    def ticked(self, ident: str | None, labels: list[str] | None = None) -> list[str]:
        """The ticked boxes of a checkbox field, as their labels, in the form's order."""
        label = CHECK_LABEL if ident is None else self.form.field(ident).label
        value = self.raw[label] or ""
        ticked = {" ".join(m.group(1).split()) for m in re.finditer(r"^\s*[-*] \[[xX]\]\s+(.*?)\s*$", value, re.M)}
        return [text for text in (labels or []) if " ".join(text.split()) in ticked]

    def parsed(self, ident: str, parsed: Parsed, path: Path_) -> Any:
        label = self.form.field(ident).label
        self.problems.extend(parsed.problems)
        self.origins[path] = (label, "")
        for inner, place in parsed.origins.items():
            self.origins[path + inner] = (label, place)
        return parsed.value


# --- a session -----------------------------------------------------------------------------------

def _session(answers: _Answers, data_dir: Path) -> tuple[dict, str, str]:
    site = answers.site
    value: dict[str, Any] = {}
    value["titel"] = answers.line("titel", ("titel",))
    soort = answers.choice("soort", ("soort",))
    aanpak = answers.choice("aanpak", ("aanpak",))
    value["aanpak"] = aanpak.id if aanpak else None
    value["soort"] = soort.id if soort else None
    if (regio := answers.line("regio", ("regio",))) is not None:
        value["regio"] = regio
    if (datum := answers.line("datum", ("datum",))) is not None:
        if why := scaffold.date_problem(datum):
            answers.problem(answers.form.field("datum"), why)
        value["datum"] = datum
    locatie = {}
    for key in ("organisatie", "plaats"):
        if (found := answers.line(key, ("locatie", key))) is not None:
            locatie[key] = found
    if locatie:
        value["locatie"] = locatie
        answers.origins[("locatie",)] = (answers.form.field("organisatie" if "organisatie" in locatie else "plaats").label, "")
    document = answers.choice("document", ("herkomst", "document"))
    sectie = answers.line("sectie", ("herkomst", "sectie"))
    document_id = document.id if document else None
    if (text := answers.text("deelnemers")) is not None:
        value["deelnemers"] = answers.parsed("deelnemers", form_text.participants(
            text, answers.form.field("deelnemers").label, document_id, sectie, [d.id for d in site.documenten]),
            ("deelnemers",))
    if (toelichting := answers.line("deelnemers_toelichting", ("deelnemers_toelichting",))) is not None:
        value["deelnemers_toelichting"] = toelichting
    if (text := answers.text("begeleiders")) is not None:
        value["begeleiders"] = answers.parsed("begeleiders", form_text.one_per_line(text), ("begeleiders",))
    value["herkomst"] = {"document": document_id, "sectie": sectie}
    answers.origins[("herkomst",)] = (answers.form.field("document").label, "")
    kaart_ids = [k.id for k in site.kaarten] + [old for k in site.kaarten for old in k.eerdere_ids]
    for key in ("inleiding", "afsluiting"):
        if (text := answers.text(key)) is not None:
            value[key] = answers.parsed(key, form_text.content(text, answers.form.field(key).label, kaart_ids), (key,))
    if (text := answers.text("rondes")) is not None:
        value["rondes"] = answers.parsed("rondes", form_text.rounds(text, answers.form.field("rondes").label, kaart_ids), ("rondes",))
    else:
        value["rondes"] = []

    ident = answers.line("id")
    if ident is None and value["titel"]:
        name = regio or locatie.get("plaats") or locatie.get("organisatie")
        ident = f"{datum}-{scaffold.slug(name)}" if datum and name and not scaffold.date_problem(datum) else (
            f"{datum}-{scaffold.slug(value['titel'])}" if datum and not scaffold.date_problem(datum) else scaffold.slug(value["titel"]))
        ident = _shorten(ident)
    value = {"id": ident, **value}
    title = f"Sessieverslag: {value['titel']}" + (f" ({datum})" if datum else "")
    return value, "sessies", title


def _shorten(ident: str) -> str:
    """An id made from a long title: at most 80 characters, cut between words."""
    if len(ident) <= _ID_LENGTH:
        return ident
    return ident[:_ID_LENGTH].rsplit("-", 1)[0]


# --- a card --------------------------------------------------------------------------------------

def _card(answers: _Answers) -> tuple[dict, str, str]:
    form = answers.form
    value: dict[str, Any] = {}
    titel = answers.line("titel", ("titel",))
    tekst = answers.line("tekst", ("tekst",))
    document = answers.choice("document", ("herkomst", 0, "document"))
    sectie = answers.line("sectie", ("herkomst", 0, "sectie"))
    if document and document.id == OWN_SESSION:
        answers.problem(form.field("document"),
                        "een kaart op het Kennisplein staat altijd letterlijk in een brondocument, en deze gewoonte "
                        "komt (nog) niet uit een document dat op het Kennisplein staat. Er komt dus nog geen pull "
                        "request. De redactie bespreekt je voorstel hier in het issue. Staat het verslag van je sessie "
                        "later als brondocument op het Kennisplein, kies het dan hier en vraag opnieuw om verwerking.")
        document = None
    elif document and not sectie:
        answers.problem(form.field("sectie"), "dit veld is leeg. Schrijf het hoofdstuk of de paragraaf waar de gewoonte "
                                              "in het brondocument staat, zoals de bron die noemt.")
    thema = answers.choice("thema", ("thema",))
    voor_options = issue_forms.options(form, form.field("voor"), answers.site)
    voor = [o.id for o in voor_options if o.tekst in answers.ticked("voor", [o.tekst for o in voor_options])]
    if not voor:
        answers.problem(form.field("voor"), "kies minstens één: " + ", ".join(o.tekst for o in voor_options) + ".")
    answers.origins[("voor",)] = (form.field("voor").label, "")
    e_options = issue_forms.options(form, form.field("e"), answers.site)
    e = [o.id for o in e_options if o.tekst in answers.ticked("e", [o.tekst for o in e_options])]
    answers.origins[("e",)] = (form.field("e").label, "")
    toelichting = answers.line("indeling_toelichting", ("indeling_toelichting",))
    trefwoorden = form_text.words(answers.text("trefwoorden") or "")
    answers.origins[("trefwoorden",)] = (form.field("trefwoorden").label, "")
    over_sessie = answers.text("sessie") or ""

    ident = answers.line("id")
    if ident is None and titel:
        ident = _shorten(scaffold.slug(titel))
    value["id"] = ident
    value["titel"] = titel
    value["tekst"] = tekst
    value["thema"] = thema.id if thema else None
    value["voor"] = voor
    if e:
        value["e"] = e
    value["indeling_redactioneel"] = True  # proposed by an editor or a trainer, never by a source
    if toelichting is not None:
        value["indeling_toelichting"] = toelichting
    value["herkomst"] = [{"document": document.id if document else None, "sectie": sectie, "formulering": tekst}]
    answers.origins[("herkomst",)] = (form.field("document").label, "")
    answers.origins[("herkomst", 0, "formulering")] = (form.field("tekst").label, "")
    if trefwoorden:
        value["trefwoorden"] = trefwoorden
    return value, "kaarten", f"Nieuwe kaart: {titel}", over_sessie


# --- from body to file ---------------------------------------------------------------------------

def convert(body: str, data_dir: Path, site: Site | None = None, issue: int | None = None,
            docs_dir: Path | None = None) -> Outcome:
    """The new data file an issue body asks for, or why not (per form field). Writes nothing.
    `site` is data_dir's Site (the choices and card ids), built here when not given."""
    data_dir = Path(data_dir)
    form = which_form(body)
    if form is None:
        return Outcome(None, (FieldProblem("", "dit issue is niet met een van de formulieren gemaakt (Nieuw sessieverslag "
                                               "of Nieuwe gewoonte voorstellen), of de koppen van de velden zijn veranderd. "
                                               "Maak een nieuw issue met een formulier."),))
    if site is None:
        site = build_site(data_dir, docs_dir or data_dir.parent / "docs")
    answers = _Answers(form, body, site)
    toelichting = ""
    if form.kind == "sessie":
        value, folder, title = _session(answers, data_dir)
    else:
        value, folder, title, toelichting = _card(answers)
        value["nummer"] = numbering.next_number(data_dir)  # the next free card number (numbering.py)
    ticked = answers.ticked(None, list(form.checks))
    for statement in form.checks:
        if statement not in ticked:
            answers.problem(CHECK_LABEL, f"zet een vinkje bij '{statement}' als dat klopt.")

    ident = value.get("id")
    id_field = form.field("id")
    answers.origins[("id",)] = (id_field.label, "")
    if ident is not None:
        if why := scaffold.id_problem(ident):
            answers.problem(id_field, why)
        elif (data_dir / folder / f"{ident}.yaml").exists() or (data_dir / folder / f"{ident}.yaml").is_symlink():
            what = "een sessieverslag" if form.kind == "sessie" else "een kaart"
            answers.problem(id_field, f"er staat al {what} met het id '{ident}' op het Kennisplein "
                                      f"(data/{folder}/{ident}.yaml). Is dit iets nieuws? Geef dan hier een ander id.")
    for path, text in strings(value):
        if is_placeholder(text):
            label, place = _origin(answers.origins, path)
            answers.problems.append(FieldProblem(label, "hier staat nog 'VUL IN'. Vul de tekst uit de bron in.", place))
    if answers.problems:
        return Outcome(None, tuple(_in_form_order(form, answers.problems)))

    herkomst = f"Gemaakt met het formulier '{form.name}'" + (f" in issue #{issue}." if issue else ".")
    if form.kind == "sessie":
        text = scaffold.session_file(data_dir, value, herkomst_bestand=herkomst)
    else:
        text = scaffold.card_file(value, herkomst_bestand=herkomst)
    conversion = Conversion(form, f"data/{folder}/{ident}.yaml", text, value, title, dict(answers.origins), toelichting)
    return Outcome(conversion)


def _in_form_order(form: Form, problems: list[FieldProblem]) -> list[FieldProblem]:
    """Each problem once, by the order of the fields in the form (the form as a whole first)."""
    order = {"": -1, **{label: i for i, label in enumerate(_labels(form))}}
    return sorted(_unique(problems), key=lambda p: order.get(p.veld, len(order)))


def _unique(problems: list[FieldProblem]) -> list[FieldProblem]:
    seen: list[FieldProblem] = []
    for problem in problems:
        if problem not in seen:
            seen.append(problem)
    return seen


def _origin(origins: dict[Path_, tuple[str, str]], path: Path_) -> tuple[str, str]:
    """The form field (and place in it) a value at `path` came from: its own, or its parent's."""
    path = tuple(path)
    while path:
        if path in origins:
            return origins[path]
        path = path[:-1]
    return ("", "")


def check(conversion: Conversion, data_dir: Path, docs_dir: Path | None = None) -> list[FieldProblem]:
    """The data checks on data/ with the new file added (in a copy), each problem named by the
    form field its value came from. Empty when the file may be published."""
    data_dir = Path(data_dir)
    docs_dir = Path(docs_dir) if docs_dir else data_dir.parent / "docs"
    with tempfile.TemporaryDirectory(prefix="formulier-") as temporary:
        copy = Path(temporary) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        target = copy / conversion.pad.removeprefix("data/")
        target.write_text(conversion.tekst, encoding="utf-8", newline="\n")
        if "nummer" in conversion.waarde:  # a card: its number in the list, as `write` does
            numbering.register(copy, conversion.waarde["nummer"], conversion.id)
        loaded = load_file(target, conversion.pad)
        if loaded.value != conversion.waarde:  # the writer's own promise: what it writes reads back
            raise AssertionError(f"{conversion.pad} leest niet terug als wat het formulier gaf")
        try:
            build_site(copy, docs_dir)
        except DataError as error:
            return _in_form_order(conversion.form, _field_problems(error.problems, loaded, conversion.herkomst))
    return []


def _field_problems(problems, loaded, origins) -> list[FieldProblem]:
    """Each data-check problem at a file position, traced to the data path there, then to the field."""
    at: dict[tuple[int, int], list[Path_]] = {}
    for table in (loaded.positions, loaded.key_positions):
        for path, position in table.items():
            at.setdefault(position, []).append(path)
    result = []
    for problem in problems:
        message = problem.message
        if problem.file != loaded.name:
            result.append(FieldProblem("", "er klopt iets niet in de gegevens die al op het Kennisplein staan "
                                           f"({problem.file}): {message} Een beheerder kijkt ernaar."))
            continue
        path = max(at.get((problem.line, problem.column), [()]), key=len)
        label, place = _origin(origins, path)
        result.append(FieldProblem(label, message, place))
    return _unique(result)


def from_body(body: str, data_dir: Path, docs_dir: Path | None = None, issue: int | None = None,
              site: Site | None = None) -> Outcome:
    """Convert and check: the file, or every problem by form field."""
    outcome = convert(body, data_dir, site, issue, docs_dir)
    if not outcome.conversion:
        return outcome
    problems = check(outcome.conversion, data_dir, docs_dir)
    return Outcome(outcome.conversion, tuple(problems)) if problems else outcome


_SAFE_PATH = re.compile(r"data/(sessies|kaarten)/[a-z0-9]+(-[a-z0-9]+)*\.yaml")


def write(conversion: Conversion, data_dir: Path) -> Path:
    """Put the new file in data/: only a new file, only in data/sessies/ or data/kaarten/."""
    data_dir = Path(data_dir)
    if not _SAFE_PATH.fullmatch(conversion.pad) or len(Path(conversion.pad).stem) > _ID_LENGTH:
        raise ValueError(f"geen veilige plek voor een nieuw bestand: {conversion.pad!r}")
    folder = (data_dir / conversion.pad.split("/")[1]).resolve()
    target = folder / Path(conversion.pad).name
    if not folder.is_relative_to(data_dir.resolve()) or target.parent != folder:
        raise ValueError(f"{conversion.pad} ligt buiten {data_dir}")
    folder.mkdir(exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as handle:  # never over an existing file
        handle.write(conversion.tekst)
    if "nummer" in conversion.waarde:  # a new card: its number goes in the list of issued numbers
        numbering.register(data_dir, conversion.waarde["nummer"], conversion.id)
    return target
