"""`VUL IN`: the placeholder new data files carry until an editor fills them in.

A file made by `kennisplein nieuw-verslag` or copied from the guide has `VUL IN` wherever the
editor must write something. Until it is replaced, the checks say "not filled in yet" for
that field, and nothing else about it (no "not a valid id", no "card does not exist").
"""

from __future__ import annotations

from typing import Any

from .loading import LoadedFile, strings
from .problems import Problem
from .schema_docs import field_at, lower_first

PLACEHOLDER = "VUL IN"


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.strip().startswith(PLACEHOLDER)


def placeholder_problems(loaded: LoadedFile, kind: str) -> list[Problem]:
    """One problem for every `VUL IN` left in a file, saying what belongs there."""
    problems = []
    for path in (path for path, text in strings(loaded.value) if is_placeholder(text)):
        veld = field_at(kind, path)
        name = veld.naam if veld else "dit veld"
        what = f" Hier hoort: {lower_first(veld.uitleg)}" if veld and veld.uitleg else ""
        # An item of a list: whether it may go depends on the list (`begeleiders: - VUL IN`).
        optional = field_at(kind, path[:-1] if isinstance(path[-1], int) else path)
        todo = ""
        if optional and not optional.verplicht:
            todo = (" Niet nodig, of noemt de bron het niet? Verwijder dan de regel met "
                    f"'{optional.naam}:' en de regels die eronder verder inspringen.")
        problems.append(loaded.problem(
            path, f"'{name}' is nog niet ingevuld: vervang '{PLACEHOLDER}' door de juiste waarde.{what}{todo}"))
    return problems

