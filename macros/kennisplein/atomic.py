"""Writing a file so that no reader ever sees half of it: two builds at once (the tests,
`mkdocs serve` next to `make build`) share the caches and the list of published URLs."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    os.chmod(temp, 0o644)  # as any other file in the checkout (mkstemp makes it private)
    os.replace(temp, path)
