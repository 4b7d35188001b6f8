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


class DataError(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
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
