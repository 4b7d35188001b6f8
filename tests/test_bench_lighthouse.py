"""`make bench-lighthouse` reads Lighthouse's reports: its figures and verdicts, on made-up
reports (running Lighthouse itself is the benchmark's job, not a test's)."""

from __future__ import annotations

import pytest

from benchmarks import lighthouse


def fake_report(fcp: float, performance: float, accessibility: float = 1.0, failing: str | None = None) -> dict:
    audits = {"first-contentful-paint": {"numericValue": fcp}, "largest-contentful-paint": {"numericValue": fcp + 100},
              "total-byte-weight": {"numericValue": 300 * 1024}}
    categories = {c: {"score": 1.0, "auditRefs": []} for c in lighthouse.CATEGORIES}
    categories["performance"]["score"] = performance
    categories["accessibility"]["score"] = accessibility
    if failing:
        audits[failing] = {"score": 0}
        categories["accessibility"]["auditRefs"] = [{"id": failing, "weight": 3}]
    return {"audits": audits, "categories": categories, "lighthouseVersion": "12"}


def test_ratios_are_the_median_of_each_rounds_ratio():
    # The machine slows down in round 2 for both pages: per round, ours stays at 0.8×.
    stock = lighthouse.summarise([fake_report(2000, 0.97), fake_report(4000, 0.80), fake_report(2100, 0.96)])
    ours = lighthouse.summarise([fake_report(1600, 0.98), fake_report(3200, 0.85), fake_report(1680, 0.97)])
    assert lighthouse.ratio(ours, stock) == pytest.approx(0.8)
    assert lighthouse.performance_difference(ours, stock) == pytest.approx(0.01)


def test_verdicts_name_each_missed_target_and_failing_audit():
    stock = lighthouse.summarise([fake_report(2000, 0.97)])
    ours = {
        "start": lighthouse.summarise([fake_report(1900, 0.98)]),
        "kaarten": lighthouse.summarise([fake_report(2300, 0.95, accessibility=0.96, failing="aria-dialog-name")]),
        "kaart": None,
    }
    lines = lighthouse.verdicts(stock, ours)
    assert lines[0].startswith("  /: gehaald")
    assert lines[1].startswith("  /kaarten/: NIET gehaald: accessibility 0.96; prestaties lager dan stock; FCP 1.15× stock (doel ≤ 1.1×)")
    assert lines[2] == "      audits onder 1: accessibility: aria-dialog-name"
    assert lines[3] == "  /kaarten/blijf-gesprek/: staat niet in de gebouwde site, niet gemeten"


def test_kept_reports_are_shown_for_each_way_of_serving(tmp_path, capsys):
    """--rapporten MAP: one table served without compression, one with gzip (files gzip-*.json)."""
    import json

    for prefix, performance in (("", 0.95), ("gzip-", 1.0)):
        for name in ("stock", "start"):
            (tmp_path / f"{prefix}{name}-1.json").write_text(json.dumps(fake_report(1800, performance)), encoding="utf-8")
    assert lighthouse.show_kept(tmp_path) == 0
    out = capsys.readouterr().out
    assert out.index("geserveerd zonder compressie") < out.index("geserveerd met gzip")
    assert [line.split("|")[5].strip() for line in out.splitlines() if line.startswith("| / ")] == ["0.95", "1.00"]
    with pytest.raises(SystemExit, match="geen rapporten van Lighthouse"):
        lighthouse.show_kept(tmp_path / "leeg")


def test_the_test_server_gzips_text_only_when_asked(tmp_path):
    """kennisplein.serving: uncompressed unless `compress`; then text goes out gzipped to a
    browser that accepts it (as a host sends it), fonts and images as they are."""
    import gzip
    import urllib.request

    from kennisplein.serving import serve_directory

    (tmp_path / "kaarten").mkdir()
    (tmp_path / "kaarten" / "index.html").write_text("<p>kaart</p>" * 200, encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"wOF2" + bytes(500))

    def fetch(url, accept="gzip"):
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": accept})) as response:
            return response.headers.get("Content-Encoding"), response.read()

    mode = {"gzip": False}
    with serve_directory(tmp_path, compress=lambda: mode["gzip"]) as url:
        assert fetch(url + "kaarten/") == (None, b"<p>kaart</p>" * 200)
        mode["gzip"] = True
        encoding, body = fetch(url + "kaarten/")
        assert encoding == "gzip" and gzip.decompress(body) == b"<p>kaart</p>" * 200 and len(body) < 200
        assert fetch(url + "kaarten/", accept="identity") == (None, b"<p>kaart</p>" * 200)
        assert fetch(url + "font.woff2") == (None, b"wOF2" + bytes(500))
        assert fetch(url + "kaarten")[0] == "gzip"  # redirected to kaarten/ first
