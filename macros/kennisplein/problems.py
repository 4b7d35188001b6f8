"""Problems an editor can cause, and the Dutch report that lists them all."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import one_line


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one data file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        # What an editor wrote can be quoted in a message, and a file can have any name: both
        # are kept to one visible line here, so a report printed in a terminal or a CI log (or
        # put in the GitHub summary) can never be broken out of (characters.one_line).
        object.__setattr__(self, "file", one_line(self.file))
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


# A file with more problems than this is reported by its first ones and a count: a report of
# thousands of lines helps no editor, and producing it would cost the check seconds.
MAX_PER_FILE = 50


def capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PER_FILE problems per file (the first, by line), and a line saying how many more."""
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(set(problems)):
        by_file.setdefault(problem.file, []).append(problem)
    kept = []
    for file, found in by_file.items():
        kept += found[:MAX_PER_FILE]
        if len(found) > MAX_PER_FILE:
            last = found[MAX_PER_FILE - 1]
            kept.append(Problem(file, last.line, last.column,
                                f"en nog meer problemen in dit bestand (hier staan de eerste {MAX_PER_FILE}). "
                                "Los deze eerst op; de controle meldt daarna de rest."))
    return kept


class DataError(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = capped(problems)
        super().__init__(report(self.problems))


def tally(problems: list[Problem]) -> tuple[str, str]:
    """('3 problemen', '2 bestanden'): how many problems, in how many files, in words."""
    count, files = len(set(problems)), len({p.file for p in problems})
    return (f"{count} probleem" if count == 1 else f"{count} problemen",
            f"{files} bestand" if files == 1 else f"{files} bestanden")


def report(problems: list[Problem]) -> str:
    """The report an editor reads: one line per problem, then a count."""
    problems = sorted(set(problems))
    if not problems:
        return "Alle gegevens zijn in orde."
    count, where = tally(problems)
    lines = [str(p) for p in problems]
    lines.append("")
    lines.append(
        f"{count} in {where}. De site is niet gebouwd. "
        "Los de problemen op en probeer het opnieuw (zie CONTRIBUTING.md, 'Foutmeldingen')."
    )
    return "\n".join(lines)
