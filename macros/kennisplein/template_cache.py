"""Compiled templates kept between builds, ours and Material's: compiling them costs a fresh
`mkdocs build` about 0.2 s, more than a tenth of what our pages add to MkDocs' own work.

Jinja checks each kept template against its source. What else shapes the compiled code is in
the folder's name: our code (the environments' options and the `{% cached %}` tag) and the
versions of Jinja, MkDocs and Material. A build with other code starts a new folder and
removes the old one, so only one set is ever kept.
"""

from __future__ import annotations

import hashlib
import shutil
from functools import cache
from pathlib import Path

import jinja2

from .downloads.cache import code_digest, library_version

# Babel: with it, Jinja's i18n extension compiles templates otherwise.
TOOLS = ("jinja2", "markupsafe", "mkdocs", "mkdocs-material", "babel")


@cache
def _running_code() -> str:
    # Once per process: `mkdocs serve` does not load edited Python again, so the files on disk
    # may no longer be the code that compiles the templates.
    return hashlib.sha256(code_digest().encode() + " ".join(library_version(t) for t in TOOLS).encode()).hexdigest()[:16]


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # e.g. a build of other code removed the folder: compile next time again
            pass


def compiled_templates(folder: Path) -> jinja2.FileSystemBytecodeCache:
    """A bytecode cache for Jinja environments in `folder`/<digest of the running code>/."""
    current = folder / _running_code()
    current.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old != current and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return _CompiledTemplates(str(current))
