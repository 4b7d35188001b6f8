"""Every broken file in tests/broken/ gives exactly the Dutch problems in its verwacht.txt.

Each case folder holds `data/...` files laid over the mini data set (and maybe `docs/...`
files laid over a copy of the site's docs/), and `verwacht.txt`: the complete report lines
(file:line:column: message), in order.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import BROKEN, MINI_DATA, ROOT, copy_data
from kennisplein import DataError, build_site

CASES = sorted(p for p in BROKEN.iterdir() if p.is_dir())


def problems_for(case, tmp_path) -> list[str]:
    data = copy_data(MINI_DATA, tmp_path / "data", *[case / "data"] if (case / "data").is_dir() else [])
    docs = copy_data(ROOT / "docs", tmp_path / "docs", case / "docs") if (case / "docs").is_dir() else ROOT / "docs"
    with pytest.raises(DataError) as error:
        build_site(data, docs)
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gives_its_exact_problems(case, tmp_path):
    expected = (case / "verwacht.txt").read_text(encoding="utf-8").splitlines()
    assert problems_for(case, tmp_path) == [line for line in expected if line.strip()]


def test_corpus_is_large_enough():
    assert len(CASES) >= 15


def test_the_mini_data_itself_is_valid():
    site = build_site(MINI_DATA, ROOT / "docs")
    assert [k.id for k in site.kaarten]


def test_controleer_exits_non_zero_and_reports_in_dutch(tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data", BROKEN / "10-kaart-bestaat-niet" / "data")
    result = subprocess.run(
        [sys.executable, "-m", "kennisplein", "controleer", "--data", str(data)],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "data/sessies/2022-10-14-zuid.yaml:12:20: de kaart 'blijf-gesprk' bestaat niet" in result.stderr
    assert "1 probleem in 1 bestand. De site is niet gebouwd." in result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_build_stops_with_the_report_not_a_traceback(mkdocs, tmp_path):
    data = copy_data(MINI_DATA, tmp_path / "data", BROKEN / "06-verplicht-veld-ontbreekt" / "data")
    result = mkdocs(tmp_path / "site", data)
    assert result.returncode != 0
    assert "het verplichte veld 'thema' ontbreekt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
