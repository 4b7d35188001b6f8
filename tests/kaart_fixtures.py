"""Helpers for the card tests: change a mini data set as an editor would, and serve a site."""

from __future__ import annotations

from pathlib import Path


def rename_card(data: Path, old: str, new: str) -> None:
    """Give a card a new id the way CONTRIBUTING.md asks: new file name, old id in eerdere_ids."""
    card = data / "kaarten" / f"{old}.yaml"
    text = card.read_text(encoding="utf-8").replace(f"id: {old}\n", f"id: {new}\n", 1)
    card.unlink()
    (data / "kaarten" / f"{new}.yaml").write_text(text + f"eerdere_ids: [{old}]\n", encoding="utf-8")
    _replace_references(data, old, new)


def remove_card(data: Path, ident: str) -> None:
    """Delete a card and the session lines that point at it (so the data itself stays valid)."""
    (data / "kaarten" / f"{ident}.yaml").unlink()
    for path in (data / "sessies").glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if line.strip() != f"kaart: {ident}"), encoding="utf-8")


def _replace_references(data: Path, old: str, new: str) -> None:
    for path in (data / "sessies").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"kaart: {old}\n", f"kaart: {new}\n"), encoding="utf-8")


