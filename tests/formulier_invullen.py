"""Fill in a form the way GitHub writes a submitted one: `### Label`, the answer, `_No response_`.

`session_body` types an existing session report into the form *Nieuw sessieverslag* with the
text conventions of the form's help (it is a test's editor, not part of the product): it
shows that every report in data/sessies/ can be entered through the form.
"""

from __future__ import annotations

from kennisplein import form_text, issue_forms
from kennisplein.issue_forms import CHECK_LABEL, SESSION_FORM, Form
from kennisplein.records import Site

NO_RESPONSE = "_No response_"


def body(form: Form, answers: dict[str, str | None], ticked: list[str] | None = None) -> str:
    """The issue body of a submitted form: every field in order, answers by field id."""
    parts = []
    for field in form.fields:
        value = answers.get(field.id)
        parts.append(f"### {field.label}\n\n{value if value else NO_RESPONSE}")
    checks = form.checks if ticked is None else ticked
    parts.append(f"### {CHECK_LABEL}\n\n" + "\n".join(
        f"- [{'X' if text in checks else ' '}] {text}" for text in form.checks))
    return "\n\n".join(parts) + "\n"


def _option(form: Form, ident: str, value: str, site: Site) -> str:
    options = issue_forms.options(form, form.field(ident), site)
    return next(o.tekst for o in options if o.id == value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def content(blocks: list[dict]) -> str:
    """Content blocks as an editor types them in a text field of the form."""
    out: list[str] = []
    for block in blocks:
        (kind, value), = block.items()
        if kind == "tekst":
            out.append(value)
        elif kind == "kop":
            out.append(f"### {value}")
        elif kind == "citaten":
            for quote in value:
                lines = [f"> {quote['tekst']}"]
                if "reactie" in quote:
                    lines.append(f"Reactie: {quote['reactie']}")
                if "wie" in quote:
                    lines.append(f"Wie: {quote['wie']}")
                out.append("\n".join(lines))
        elif kind in ("punten", "stappen", "tips"):
            lines = [] if kind != "tips" else ["Tips:"]
            for number, punt in enumerate(value, start=1):
                mark = f"{number}." if kind == "stappen" else "-"
                if isinstance(punt, dict):
                    lines.append(f"{mark} {punt['tekst']}")
                    lines.extend(f"  - {sub}" for sub in punt["punten"])
                else:
                    lines.append(f"{mark} {punt}")
            if kind == "punten":
                lines.insert(0, "Punten:")
            out.append("\n".join(lines))
        elif kind == "gewoontes":
            out.append("\n".join(["Gewoontes:"] + [
                f"- {g['tekst']}" + (f" (kaart: {g['kaart']})" if "kaart" in g else "") for g in value]))
        elif kind == "tabel":
            lines = [f"Tabel: {value['bijschrift']}"] if "bijschrift" in value else []
            lines.append("| " + " | ".join(_cell(c) for c in value["kolommen"]) + " |")
            lines.append("|" + " --- |" * len(value["kolommen"]))
            lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in value["rijen"])
            out.append("\n".join(lines))
    return "\n\n".join(out)


def session_body(session: dict, site: Site) -> str:
    """An existing session (as the loader reads it) typed into the form."""
    form = SESSION_FORM
    herkomst = session["herkomst"]
    participants = []
    for opgave in session.get("deelnemers", []):
        line = f"- {opgave['omschrijving']}"
        if "aantal" in opgave:
            line += f" (aantal: {opgave['aantal']})"
        if opgave["herkomst"]["sectie"] != herkomst["sectie"]:
            line += f" (sectie: {opgave['herkomst']['sectie']})"
        if opgave["herkomst"]["document"] != herkomst["document"]:
            line += f" (document: {opgave['herkomst']['document']})"
        participants.append(line)
    rounds = "\n\n".join(f"{form_text.ROUND_MARK}{r['titel']}\n\n{content(r['inhoud'])}" for r in session["rondes"])
    locatie = session.get("locatie", {})
    return body(form, {
        "titel": session["titel"],
        "soort": _option(form, "soort", session["soort"], site),
        "aanpak": _option(form, "aanpak", session["aanpak"], site),
        "datum": session.get("datum"),
        "regio": session.get("regio"),
        "organisatie": locatie.get("organisatie"),
        "plaats": locatie.get("plaats"),
        "deelnemers": "\n".join(participants),
        "deelnemers_toelichting": session.get("deelnemers_toelichting"),
        "begeleiders": "\n".join(session.get("begeleiders", [])),
        "document": _option(form, "document", herkomst["document"], site),
        "sectie": herkomst["sectie"],
        "inleiding": content(session.get("inleiding", [])),
        "rondes": rounds,
        "afsluiting": content(session.get("afsluiting", [])),
        "id": session["id"],
    })
