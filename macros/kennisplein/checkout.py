"""What the build takes from the checkout besides the YAML in data/: the pages and images in
docs/, and the rule that nothing it reads is a symbolic link.

An editor's pull request can hold any file. Two kinds would reach the public site as they are:
a file MkDocs copies from docs/ (an SVG or HTML file runs script in the site's own origin) and
a symbolic link, which makes the build read, and publish or quote, a file outside the
repository. So docs/ holds pages (`.md`) and, in docs/afbeeldingen/, images whose bytes are
PNG, JPEG or WebP; a symbolic link anywhere in data/ or docs/ is refused by its name, without
reading what it points at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .paths import GUIDE, OVERRIDES, ROOT, SCHEMAS, SOURCE_DOCUMENTS
from .problems import Problem
from .vocabularies import IMAGE_FOLDER

# The formats the site shows, by extension, with how their bytes begin (their signature).
IMAGE_FORMATS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".webp": ("WebP", (b"RIFF",)),  # and "WEBP" at byte 8, see _signature_matches
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
_IMAGE_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\.(?:png|jpe?g|webp)")
PAGE_SUFFIX = ".md"


def symlink_problem(shown: str) -> Problem:
    return Problem(shown, 1, 1, "dit is een symbolische koppeling (symlink) naar een ander bestand of een andere map. "
                                "De site leest en publiceert geen koppelingen: zet het bestand zelf op deze plek.")


def entries(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Every file and folder under `folder` (sorted, hidden ones left out), with whether it is a
    symbolic link; the contents of a linked folder are never listed."""
    for parent, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        base = Path(parent)
        for name in sorted(folders):
            if name.startswith("."):
                continue
            path = base / name
            if path.is_symlink():
                yield path, True
        folders[:] = [name for name in folders if not name.startswith(".") and not (base / name).is_symlink()]
        for name in sorted(files):
            if not name.startswith("."):
                path = base / name
                yield path, path.is_symlink()


def _shown(path: Path, root: Path, prefix: str) -> str:
    return prefix + path.relative_to(root).as_posix()


def docs_problems(docs_dir: Path, shown_as: str = "docs") -> list[Problem]:
    """Everything in docs/ that may not be published: links, files that are no page, and files
    in docs/afbeeldingen/ that are no image of an allowed format."""
    if docs_dir.is_symlink():
        return [symlink_problem(shown_as)]
    if not docs_dir.is_dir():
        return []
    problems = []
    images = docs_dir / IMAGE_FOLDER
    for path, linked in entries(docs_dir):
        shown = _shown(path, docs_dir, f"{shown_as}/")
        if linked:
            problems.append(symlink_problem(shown))
        elif path.parent == images:
            problems.extend(image_problems(path, shown))
        elif path.is_relative_to(images):
            problems.append(Problem(shown, 1, 1, f"zet afbeeldingen direct in {shown_as}/{IMAGE_FOLDER}/, niet in een map daarbinnen."))
        elif path.is_file() and path.suffix != PAGE_SUFFIX:
            problems.append(Problem(shown, 1, 1, f"dit bestand wordt niet gepubliceerd: in {shown_as}/ staan alleen pagina's "
                                                 f"(.md), en afbeeldingen in {shown_as}/{IMAGE_FOLDER}/. Verwijder het bestand, "
                                                 f"of zet een afbeelding in {shown_as}/{IMAGE_FOLDER}/."))
    return problems


def image_problems(path: Path, shown: str) -> list[Problem]:
    """Why a file in docs/afbeeldingen/ may not be published; [] if it may."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_FORMATS:
        why = (" Een SVG kan code bevatten die in de browser van de lezer draait; sla de afbeelding op als PNG."
               if suffix == ".svg" else " Sla een afbeelding op als PNG of JPEG, of verwijder het bestand.")
        return [Problem(shown, 1, 1, "dit bestand wordt niet gepubliceerd: in docs/afbeeldingen/ mogen alleen afbeeldingen "
                                     f"als PNG, JPEG of WebP (.png, .jpg, .jpeg of .webp).{why}")]
    problems = []
    if not _IMAGE_NAME.fullmatch(path.name):
        suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "afbeelding"
        problems.append(Problem(shown, 1, 1, f"de naam '{path.name}' kan niet in een webadres: gebruik kleine letters, "
                                             f"cijfers en streepjes, bijvoorbeeld '{suggestion}{suffix}'."))
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        problems.append(Problem(shown, 1, 1, f"de afbeelding is te groot ({size // (1024 * 1024)} MB; hoogstens "
                                             f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB). Maak haar kleiner, bijvoorbeeld "
                                             "2000 pixels breed."))
        return problems
    with path.open("rb") as handle:
        start = handle.read(12)
    kind, _ = IMAGE_FORMATS[suffix]
    if not _signature_matches(suffix, start):
        problems.append(Problem(shown, 1, 1, f"dit bestand heet {suffix}, maar de inhoud is geen {kind}-afbeelding. "
                                             "Sla de afbeelding opnieuw op als PNG, JPEG of WebP, met de extensie die "
                                             "bij dat formaat hoort."))
    return problems


def _signature_matches(suffix: str, start: bytes) -> bool:
    _, signatures = IMAGE_FORMATS[suffix]
    if not start.startswith(signatures):
        return False
    return suffix != ".webp" or start[8:12] == b"WEBP"


def image_names(docs_dir: Path) -> frozenset[str]:
    """The names of the files directly in docs/afbeeldingen/ (not through a link)."""
    folder = docs_dir / IMAGE_FOLDER
    if docs_dir.is_symlink() or folder.is_symlink() or not folder.is_dir():
        return frozenset()
    return frozenset(path.name for path, linked in entries(folder) if not linked and path.parent == folder and path.is_file())


def published_images(docs_dir: Path) -> frozenset[str]:
    """The names of the files in docs/afbeeldingen/ that the site publishes."""
    folder = docs_dir / IMAGE_FOLDER
    return frozenset(name for name in image_names(docs_dir) if not image_problems(folder / name, name))


def code_problems() -> list[Problem]:
    """Symbolic links among the other files the build reads or copies into the site: the theme
    overrides, the schemas, the source documents and the guide (shown as the page Bijdragen).
    These are code, reviewed as code (.github/CODEOWNERS); a link among them is refused too."""
    problems = [symlink_problem(path.relative_to(ROOT).as_posix()) for path in (GUIDE,) if path.is_symlink()]
    for folder in (OVERRIDES, SCHEMAS, SOURCE_DOCUMENTS):
        if folder.is_symlink():
            problems.append(symlink_problem(folder.relative_to(ROOT).as_posix()))
        elif folder.is_dir():
            problems.extend(symlink_problem(path.relative_to(ROOT).as_posix()) for path, linked in entries(folder) if linked)
    return problems
