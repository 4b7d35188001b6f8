"""Reading printed card sheets back from a PDF: where each card is, and what its QR code says.

Used by test_downloads.py (the PDF decks) and test_print_selectie.py (the browser's print).
Positions come from poppler's `pdftotext -bbox`, QR codes from `pdftoppm` + `zbarimg`: both
from poppler-utils and zbar-tools (scripts/installeer-systeem.sh).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
PAGE_W = 210 * MM
CARD_W, CARD_H = 63 * MM, 88 * MM
# The card grid the stylesheet promises: 3 × 3 cards of 63 × 88 mm, centred on A4.
LEFTS = [(10.5 + 63 * c) * MM for c in range(3)]
TOPS = [(16.5 + 88 * r) * MM for r in range(3)]


@dataclass(frozen=True)
class Word:
    text: str
    x: float
    y: float
    x2: float  # right edge


def page_words(pdf: Path) -> list[list[Word]]:
    """Every word of every page, with the top-left corner of its box in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        pages.append([
            Word(unescape(text), float(x), float(y), float(x2))
            for x, y, x2, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</word>', page)
        ])
    return pages


def page_text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def squeeze(text: str) -> str:
    """Text without spaces and line breaks, to compare wrapped text with the original."""
    return re.sub(r"\s+", "", text)


def card_labels(words: list[Word]) -> dict[int, tuple[float, float]]:
    """Card number -> where its label 'Kaart N' ends: the right end and the top of the text.

    The label stands right-aligned in the band at the top of both sides of a card; the back
    names the number once more below it ('Kaart N op het Kennisplein Goed Werk'), so the
    topmost one is the label."""
    labels: dict[int, tuple[float, float]] = {}
    for first, second in zip(words, words[1:]):
        if first.text == "Kaart" and second.text.isdigit() and abs(first.y - second.y) < 0.5:
            number = int(second.text)
            if number not in labels or first.y < labels[number][1]:
                labels[number] = (second.x2, first.y)
    return labels


def cell(x: float, y: float) -> tuple[int, int, float, float]:
    """(row, column) of the grid cell a point lies in, and its offset from the cell's corner."""
    column = max(c for c in range(3) if LEFTS[c] <= x + 0.01)
    row = max(r for r in range(3) if TOPS[r] <= y + 0.01)
    return row, column, x - LEFTS[column], y - TOPS[row]


def mirror_problems(front: list[Word], back: list[Word]) -> list[str]:
    """What is wrong with how this back page lines up behind this front page (long-edge flip).

    Each card's back must sit in the same row and the mirrored column, at the same spot
    inside its cell, so that it lands behind its own front when the sheet is turned over."""
    problems = []
    fronts, backs = card_labels(front), card_labels(back)
    if set(fronts) != set(backs):
        problems.append(f"cards on the front {sorted(fronts)} but on the back {sorted(backs)}")
    for number in sorted(set(fronts) & set(backs)):
        row_f, col_f, dx_f, dy_f = cell(*fronts[number])
        row_b, col_b, dx_b, dy_b = cell(*backs[number])
        if (row_b, col_b) != (row_f, 2 - col_f):
            problems.append(f"card {number}: front in cell {(row_f, col_f)}, back in {(row_b, col_b)}")
        elif abs(dx_f - dx_b) > 0.5 or abs(dy_f - dy_b) > 0.5:
            problems.append(f"card {number}: back is {dx_b - dx_f:.2f} pt, {dy_b - dy_f:.2f} pt off its front")
    return problems


def qr_codes_per_cell(pdf: Path, page: int, dpi: int = 100) -> dict[tuple[int, int], str]:
    """(row, column) -> what the QR code in that card cell of a page decodes to."""
    from PIL import Image

    scale = dpi / 72
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "p"
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(prefix)], check=True)
        image = Image.open(f"{prefix}.png")
        names = {}
        for row in range(3):
            for column in range(3):
                box = (LEFTS[column], TOPS[row], LEFTS[column] + CARD_W, TOPS[row] + CARD_H)
                name = Path(tmp) / f"cel-{row}-{column}.png"
                image.crop(tuple(round(v * scale) for v in box)).save(name)
                names[str(name)] = (row, column)
        out = subprocess.run(["zbarimg", "--xml", "-q", "--nodbus", *names], capture_output=True, text=True).stdout
    found = {}
    for source, body in re.findall(r"<source href='([^']+)'>(.*?)</source>", out, re.S):
        codes = re.findall(r"<data><!\[CDATA\[(.*?)\]\]></data>", body, re.S)
        if codes:
            found[names[source]] = codes[0]
    return found
