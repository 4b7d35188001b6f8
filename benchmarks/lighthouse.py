"""`make bench-lighthouse`: Lighthouse on our site beside a stock Material for MkDocs page.

In one run, in temporary folders: our site is built from this repository and a stock Material
for MkDocs project (Material's defaults, no web fonts: nothing may come from another host) is
built beside it; both are served the same way (kennisplein.serving.serve_directory, on
127.0.0.1) and built for the address they are served at, so their canonical links point at the
server itself. Lighthouse (installed in benchmarks/lighthouse/ with npm, never globally) then
measures each page in Debian's Chromium with its default mobile settings (simulated slow 4G
and a slower processor), the stock page first in every round, twice: served without
compression, and with gzip as GitHub Pages and most hosts send text. Every figure is the
median of the rounds; the ratios compare our page with the stock page of the same round.

Usage: python -m benchmarks.lighthouse [--herhaal 5] [--bewaar MAP] [--rapporten MAP]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kennisplein.paths import ROOT
from kennisplein.serving import serve_directory

from .bench import write_plain_project

LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
# Headless without a sandbox (we run as root in a container), and nothing of Chromium's own
# traffic: no updates, sync or field trials; every host but the loopback address fails.
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
    "--metrics-recording-only", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# What is measured on our site: one page of each kind the issue names (stable ids from the URL
# contract). A page that the build does not have is reported as missing, not skipped silently.
PAGES = {
    "start": "",
    "kaarten": "kaarten/",
    "kaart": "kaarten/blijf-gesprek/",
    "sessie": "sessies/2022-09-09-oost/",
    "presenteren": "kaarten/presenteren/",
}
STOCK_PAGE = "paginas/pagina-00001/"

# The targets of issue #18: first contentful paint at most this many times the stock page's.
FCP_TARGETS = {"start": 1.0, "kaart": 1.0, "kaarten": 1.1}

# How the pages are served: report-file prefix -> whether text goes out gzipped, and the words.
SERVED = {"": (False, "zonder compressie"), "gzip-": (True, "met gzip, zoals een host (GitHub Pages) tekst verstuurt")}


@dataclass
class Measurement:
    """The medians of one page's Lighthouse runs."""

    fcp_ms: float
    lcp_ms: float  # the largest contentful paint: a quarter of the performance score
    scores: dict[str, float]  # per category, 0..1
    transfer: int  # bytes, as served (compressed or not)
    failing: list[str] = field(default_factory=list)  # audits below 1 outside performance
    fcp_rounds: list[float] = field(default_factory=list)  # every round's FCP, for the ratios
    performance_rounds: list[float] = field(default_factory=list)


def ratio(ours: Measurement, stock: Measurement) -> float:
    """FCP against the stock page: the median of each round's ratio. A round measures the stock
    page and ours one after the other, on a machine in the same state; between rounds the
    state drifts (other work on a shared machine) more than the pages differ."""
    return statistics.median(o / s for o, s in zip(ours.fcp_rounds, stock.fcp_rounds))


def performance_difference(ours: Measurement, stock: Measurement) -> float:
    """Our performance score minus the stock page's, the median over the rounds."""
    return statistics.median(o - s for o, s in zip(ours.performance_rounds, stock.performance_rounds))


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile defaults) of `url`; returns its JSON report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} ontbreekt: draai 'make bench-lighthouse' (installeert Lighthouse met npm ci)")
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
    ]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"Lighthouse mislukte voor {url}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise SystemExit(f"Lighthouse mislukte voor {url}: {data['runtimeError']}")
    return data


def summarise(reports: list[dict]) -> Measurement:
    def median(values):
        return statistics.median(values)

    failing: set[str] = set()
    for data in reports:
        for category in CATEGORIES[1:]:
            for ref in data["categories"][category]["auditRefs"]:
                audit = data["audits"][ref["id"]]
                if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                    failing.add(f"{category}: {ref['id']}")
    fcp = [d["audits"]["first-contentful-paint"]["numericValue"] for d in reports]
    performance = [d["categories"]["performance"]["score"] or 0 for d in reports]
    return Measurement(
        fcp_ms=median(fcp),
        lcp_ms=median([d["audits"]["largest-contentful-paint"]["numericValue"] for d in reports]),
        scores={c: median([d["categories"][c]["score"] or 0 for d in reports]) for c in CATEGORIES},
        transfer=int(median([d["audits"]["total-byte-weight"]["numericValue"] for d in reports])),
        failing=sorted(failing),
        fcp_rounds=fcp,
        performance_rounds=performance,
    )


# --- the two sites -------------------------------------------------------------------------

def build_ours(site: Path, base_url: str, work: Path) -> None:
    """Our site as `make build` makes it, for `base_url`; the list of published addresses is
    a copy (the build adds new ones to it), so the repository stays as it is."""
    addresses = work / "gepubliceerde-adressen.txt"
    shutil.copyfile(ROOT / "gepubliceerde-adressen.txt", addresses)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KENNISPLEIN_SITE_URL=base_url, KENNISPLEIN_ADRESSEN=str(addresses))
    _mkdocs(["-f", str(ROOT / "mkdocs.yml"), "-d", str(site)], ROOT, env)


def build_stock(site: Path, base_url: str, work: Path) -> None:
    """Material for MkDocs as it comes (the `make bench` yardstick 'kaal': Material's defaults
    without web fonts, a menu of one page, content pages of about 270 words), for `base_url`."""
    config = write_plain_project(work / "stock", 2, like_ours=False)
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    values["site_url"] = base_url
    config.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _mkdocs(["-f", str(config), "-d", str(site)], config.parent, dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def _mkdocs(arguments: list[str], cwd: Path, env: dict) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", *arguments]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"Bouwen mislukte ({' '.join(arguments)}):\n{result.stderr[-3000:]}")


# --- report --------------------------------------------------------------------------------

def _score(value: float) -> str:
    return f"{value:.2f}"


def table(stock: Measurement, ours: dict[str, Measurement | None]) -> str:
    head = ["", "eerste inhoud (FCP)", "× stock", "grootste inhoud (LCP)", "prestaties", "toegankelijkheid",
            "goede praktijken", "SEO", "overdracht"]
    rows = [["stock Material", f"{stock.fcp_ms / 1000:.2f} s", "1.00×", f"{stock.lcp_ms / 1000:.2f} s",
             *(_score(stock.scores[c]) for c in CATEGORIES), f"{stock.transfer / 1024:.0f} KiB"]]
    for name, m in ours.items():
        if m is None:
            rows.append([f"/{PAGES[name]}", "(niet in deze bouw)", "", "", "", "", "", "", ""])
            continue
        rows.append([f"/{PAGES[name]}", f"{m.fcp_ms / 1000:.2f} s", f"{ratio(m, stock):.2f}×", f"{m.lcp_ms / 1000:.2f} s",
                     *(_score(m.scores[c]) for c in CATEGORIES), f"{m.transfer / 1024:.0f} KiB"])
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    lines = ["| " + " | ".join(c.ljust(widths[i]) for i, c in enumerate(r)) + " |" for r in [head] + rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def verdicts(stock: Measurement, ours: dict[str, Measurement | None]) -> list[str]:
    lines = []
    for name, m in ours.items():
        if m is None:
            lines.append(f"  /{PAGES[name]}: staat niet in de gebouwde site, niet gemeten")
            continue
        problems = [f"{c} {m.scores[c]:.2f}" for c in CATEGORIES[1:] if m.scores[c] < 1]
        difference = performance_difference(m, stock)
        if difference < 0:
            problems.append("prestaties lager dan stock")
        limit = FCP_TARGETS.get(name)
        if limit is not None and ratio(m, stock) > limit:
            problems.append(f"FCP {ratio(m, stock):.2f}× stock (doel ≤ {limit:.1f}×)")
        verdict = "gehaald" if not problems else "NIET gehaald: " + "; ".join(problems)
        lines.append(f"  /{PAGES[name]}: {verdict} (prestaties {difference:+.2f} tegen stock)")
        if m.failing:
            lines.append("      audits onder 1: " + ", ".join(m.failing))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=(
        "Lighthouse (mobiel) op onze pagina's naast een standaard Material for MkDocs-pagina, in één run."))
    parser.add_argument("--herhaal", type=int, default=5, help="rondes per pagina; elk getal is de mediaan (standaard 5)")
    parser.add_argument("--bewaar", type=Path, metavar="MAP", help="bewaar de sites en de Lighthouse-rapporten in deze map")
    parser.add_argument("--rapporten", type=Path, metavar="MAP", help="meet niet, maar toon de tabel van de rapporten in MAP (van --bewaar)")
    args = parser.parse_args(argv)
    if args.rapporten:
        return show_kept(args.rapporten)
    work = args.bewaar or Path(tempfile.mkdtemp(prefix="kennisplein-lighthouse-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        ours_dir, stock_dir = work / "site", work / "stock-site"
        ours_dir.mkdir(exist_ok=True)
        stock_dir.mkdir(exist_ok=True)
        gzipped = {"now": False}
        with serve_directory(ours_dir, compress=lambda: gzipped["now"]) as ours_url, \
                serve_directory(stock_dir, compress=lambda: gzipped["now"]) as stock_url:
            print("  bouwen: onze site en de standaard Material-pagina ...", file=sys.stderr, flush=True)
            build_ours(ours_dir, ours_url, work)
            build_stock(stock_dir, stock_url, work)
            present = {name: path for name, path in PAGES.items() if (ours_dir / path / "index.html").is_file()}
            measured = {}
            for prefix, (compress, _) in SERVED.items():
                gzipped["now"] = compress
                reports: dict[str, list[dict]] = {name: [] for name in ["stock", *present]}
                for turn in range(args.herhaal):
                    for name in reports:
                        url = stock_url + STOCK_PAGE if name == "stock" else ours_url + present[name]
                        print(f"  {prefix or 'ongecomprimeerd-'}ronde {turn + 1}/{args.herhaal}: {url}", file=sys.stderr, flush=True)
                        reports[name].append(lighthouse(url, work / f"{prefix}{name}-{turn + 1}.json"))
                measured[prefix] = (reports.pop("stock"), reports)
        for prefix, (stock_reports, reports) in measured.items():
            report(stock_reports, reports, rounds=args.herhaal, served=SERVED[prefix][1])
        return 0
    finally:
        if not args.bewaar:
            shutil.rmtree(work, ignore_errors=True)


def read_reports(folder: Path, prefix: str = "") -> tuple[list[dict], dict[str, list[dict]]] | None:
    """The JSON reports a run kept (--bewaar) for one way of serving (SERVED): the stock page's
    and each of our pages'; None if that way was not measured."""
    def load(name: str) -> list[dict]:
        return [json.loads(f.read_text(encoding="utf-8")) for f in sorted(folder.glob(f"{prefix}{name}-[0-9]*.json"))]
    if not load("stock"):
        return None
    return load("stock"), {name: load(name) for name in PAGES if load(name)}


def show_kept(folder: Path) -> int:
    kept = {prefix: read_reports(folder, prefix) for prefix in SERVED}
    if not any(kept.values()):
        raise SystemExit(f"{folder}: geen rapporten van Lighthouse (stock-1.json, ...) gevonden")
    for prefix, reports in kept.items():
        if reports:
            report(*reports, rounds=None, served=SERVED[prefix][1])
    return 0


def report(stock_reports: list[dict], reports: dict[str, list[dict]], rounds: int | None, served: str = SERVED[""][1]) -> int:
    stock = summarise(stock_reports)
    ours = {name: summarise(reports[name]) if name in reports else None for name in PAGES}
    print()
    print(f"Lighthouse {stock_reports[0]['lighthouseVersion']} in {CHROMIUM}, mobiel (gesimuleerd traag 4G), "
          f"mediaan van {rounds or len(stock_reports)} rondes; geserveerd {served}")
    print("(× stock en prestaties tegen stock: de mediaan van de verhouding of het verschil per ronde);")
    print(f"stock Material: /{STOCK_PAGE} van Material for MkDocs zoals het komt (zonder webfonts), als 'kaal' in make bench.")
    print(table(stock, ours))
    print()
    print("Doelen (#18): toegankelijkheid, goede praktijken en SEO 1,00; prestaties ≥ stock; FCP ≤ 1,0× stock op de")
    print("startpagina en een kaart, ≤ 1,1× op /kaarten/:")
    print("\n".join(verdicts(stock, ours)))
    if stock.failing:
        print("  (stock Material, audits onder 1: " + ", ".join(stock.failing) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
