"""`make bench`: how validation, build time and page weight grow with the number of cards.

For the current data and for synthetic data sets of 100, 1,000 and 5,000 cards (with a
session for every 20 cards that references them), in a temporary folder:

- validation: `build_site()` in this process (load, schema, rules, records);
- build: `mkdocs build` of the whole site, PDFs left out (they are timed on their own), next to
  two plain MkDocs + Material builds of as many plain Markdown pages, and the ratios: one
  with Material as our site sets it up (its menu of 11 sections, features and Markdown
  extensions, which alone cost more than the other: the report says how much), the yardstick
  for what our content pipeline adds; and one with Material's defaults and a one-item menu;
- the search index, and what the card browser transfers: the page and everything it loads
  (CSS, JavaScript, the search index Material fetches), each gzip-compressed as a web server
  would send it, measured in Chromium;
- the card browser's filter on the synthetic cards, in Chromium, and the full PDF deck.

Wall times drift on shared machines: the ratios are the median of each round's ratio (see
Row.ratio), and only ratios from one run compare.
Usage, from the repository's root: python -m benchmarks.bench [--aantallen 100,1000,5000]
[--herhaal 3] [--zonder-pdf] (or `make bench`).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import cProfile
import gc
import gzip
import io
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kennisplein.paths import DATA, DOCS, PACKAGE, ROOT
from kennisplein.serving import serve_directory
from kennisplein.site import build_site

from .room import FRAME_MS, RoomFigures, measure_room
from .synthetic import Writer, dump, write_synthetic_data

CHROMIUM = "/usr/bin/chromium"
TARGETS = {
    "validation_5000_s": 2.0,
    "build_ratio_1000": 1.3,
    "browser_kb_1000": 300,
    "offline_bytes_current": 2_000_000,  # the service worker's cache for the real site
    "key_frame_ms": FRAME_MS,  # presentation mode: a key's change in the next frame
}
ROOM_UP_TO = 1000  # the offline copy and presentation mode are measured up to this many cards


def write_plain_project(target: Path, n_pages: int, *, like_ours: bool) -> Path:
    """A plain MkDocs + Material project of `n_pages` Markdown pages of ~270 words, out of the
    nav like our card pages. `like_ours`: Material, Markdown extensions and a menu of as many
    items as our mkdocs.yml has, without our plugin, macros and template overrides; else
    Material's defaults and a menu of one page."""
    writer = Writer(n_pages)
    docs = target / "docs"
    (docs / "paginas").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\n" + writer.paragraph() + "\n", encoding="utf-8")
    for number in range(1, n_pages):
        body = "\n\n".join([
            f"# Pagina {number}", writer.paragraph(), "## Meer", writer.paragraph(),
            "\n".join(f"- {writer.sentence(6)}" for _ in range(5)), writer.paragraph(3),
        ])
        (docs / "paginas" / f"pagina-{number:05d}.md").write_text(body + "\n", encoding="utf-8")
    config = {
        "site_name": "Vergelijking", "site_url": "https://example.org/",
        "theme": {"name": "material", "language": "nl", "font": False},
        "plugins": [{"search": {"lang": "nl"}}],
        "nav": [{"Start": "index.md"}], "not_in_nav": "/paginas/*.md",
    }
    if like_ours:
        ours = _our_config()
        theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
        menu = [{"Start": "index.md"}] + [
            {f"Onderdeel {i}": f"paginas/pagina-{i:05d}.md"} for i in range(1, len(ours["nav"]))]
        config.update(theme=theme, markdown_extensions=ours.get("markdown_extensions", []), nav=menu)
    dump(target / "mkdocs.yml", config)
    return target / "mkdocs.yml"


def _our_config() -> dict:
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())


def write_our_config(target: Path, data_dir: Path) -> Path:
    """Our mkdocs.yml, pointed at `data_dir`, with its caches and lists in `target` and no PDFs
    laid out (they take seconds per deck and are timed on their own)."""
    config = _our_config()
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config.pop("watch", None)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "kennisplein" in plugin:
            plugin["kennisplein"] = dict(
                plugin["kennisplein"] or {}, data_dir=str(data_dir), pdf=False,
                cache=str(target / "cache"), adressen=str(target / "adressen.txt"),
            )
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- measuring -----------------------------------------------------------------------------

def time_validation(data_dir: Path, repeat: int) -> tuple[float, float]:
    """The fastest of `repeat` runs of `build_site`: wall and processor seconds."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        build_site(data_dir, DOCS)
        best = min(best, (time.perf_counter() - start, time.process_time() - cpu))
    return best


@dataclass
class BuildTime:
    wall: float  # the whole `mkdocs build`, start-up included
    cpu: float  # its processor time (user + system): steadier than wall time on a busy machine
    ours: float = 0.0  # of the wall time: in our plugin's hooks and pages (records, pages, QR codes, downloads)


def time_build(config: Path, site_dir: Path, ours: bool = True) -> BuildTime:
    """`mkdocs build` in a fresh process, as `make build` runs it; for our site the time in our
    plugin's hooks is measured too (see benchmarks/stopwatch.py)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))  # `benchmarks` from any folder
    # The stopwatch module imports nothing of the benchmark: our build must not pay for
    # importing it (the MkDocs builds beside it do not).
    code = f"from benchmarks.stopwatch import timed_build; timed_build({str(config)!r}, {str(site_dir)!r})"
    command = [sys.executable, "-c", code] if ours else [
        sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    # Pages the previous build wrote go to disk first: otherwise this build would pay for
    # writing them (the builds alternate, so each would pay for the other's 25 to 50 MB).
    os.sync()
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True)
    elapsed, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"Het bouwen van {config} mislukte:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildTime(elapsed, cpu, float(result.stdout.strip().splitlines()[-1]) if ours else 0.0)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_count(site_dir: Path) -> int:
    return (site_dir / "sitemap.xml").read_text(encoding="utf-8").count("<loc>")


FILTER_TIMING = """() => {
  const K = window.KennispleinKaarten;
  if (!K || !K.browser) return null;
  const items = K.browser.items;
  const states = [{q: "team"}, {thema: "teamwerk"}, {voor: "leidinggevende", q: "gesprek"}, {e: "energie", q: "zorg werk"}];
  let start = performance.now();
  for (let i = 0; i < 200; i++) K.filter(items, states[i % states.length]);
  const filter = (performance.now() - start) / 200;
  start = performance.now();
  for (let i = 0; i < 20; i++) { K.browser.apply(states[i % states.length]); document.body.offsetHeight; }
  const apply = (performance.now() - start) / 20;
  K.browser.apply({});
  return {filter: filter, apply: apply, kaarten: items.length};
}"""


@dataclass
class BrowserFigures:
    transferred: int = 0  # gzip bytes of everything the card browser loads when it opens
    requests: int = 0
    search_index_loaded: bool = False  # Material's search index among them (it should wait for a search)
    load_ms: float = 0.0
    filter_ms: float | None = None  # one filter call on every card
    apply_ms: float | None = None  # one filter with the page updated and laid out


def measure_browser(site_dir: Path) -> BrowserFigures | None:
    """What opening the card browser costs, in Chromium: bytes, load time, filter time."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    figures = BrowserFigures()
    with serve_directory(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        bodies: dict[str, bytes] = {}
        page.on("requestfinished", lambda request: bodies.setdefault(request.url, request.response().body()))
        page.goto(base + "kaarten/", wait_until="networkidle")
        page.wait_for_selector("html[data-kp-geladen]", state="attached")  # scripts come after load
        page.wait_for_timeout(500)  # anything late, such as Material's search worker
        figures.transferred = sum(gzip_size(body) for body in bodies.values())
        figures.requests = len(bodies)
        figures.search_index_loaded = any(url.endswith("search_index.json") for url in bodies)
        figures.load_ms = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        timing = page.evaluate(FILTER_TIMING)
        if timing:
            figures.filter_ms, figures.apply_ms = timing["filter"], timing["apply"]
        browser.close()
    return figures


@dataclass
class Row:
    label: str
    cards: int
    pages: int = 0
    validation: float = 0.0
    validation_cpu: float = 0.0
    first: BuildTime | None = None  # the first build, its caches empty (QR codes drawn)
    build: BuildTime | None = None  # the fastest of the builds below
    same: BuildTime | None = None  # plain pages, Material set up as ours: the yardstick
    plain: BuildTime | None = None  # plain pages, Material's defaults
    # Every round's builds: ours and the two yardsticks, one after the other.
    rounds: list[tuple[BuildTime, BuildTime, BuildTime]] = field(default_factory=list)
    search_raw: int = 0
    search_gzip: int = 0
    browser: BrowserFigures | None = None
    room: RoomFigures | None = None  # the offline copy and presentation mode (benchmarks/room.py)

    def ratio(self, yardstick: int, cpu: bool = False, of: int = 0) -> float:
        """Build `of` (0: ours) against build `yardstick` (1: same set-up, 2: plain): the
        median of each round's ratio. The builds of one round run one after the other, so they
        meet the machine in the same state; on a shared machine that state drifts more between
        rounds (the kernel's share of a build grew from 0.3 to 1.2 s over eight rounds) than
        our build and the yardstick differ."""
        ratios = self.ratios(yardstick, cpu, of)
        return statistics.median(ratios) if ratios else 0.0

    def ratios(self, yardstick: int, cpu: bool = False, of: int = 0) -> list[float]:
        return [(r[of].cpu / r[yardstick].cpu) if cpu else (r[of].wall / r[yardstick].wall) for r in self.rounds]


def _fastest(times: list[BuildTime]) -> BuildTime:
    fastest = min(times, key=lambda b: b.wall)
    return BuildTime(fastest.wall, min(b.cpu for b in times), fastest.ours)


def measure(label: str, data_dir: Path, work: Path, repeat: int) -> Row:
    cards = len(list((data_dir / "kaarten").glob("*.yaml")))
    row = Row(label, cards)
    work.mkdir(parents=True, exist_ok=True)
    print(f"  {label}: valideren ...", file=sys.stderr, flush=True)
    row.validation, row.validation_cpu = time_validation(data_dir, repeat)
    ours = write_our_config(work, data_dir)
    print(f"  {label}: bouwen ...", file=sys.stderr, flush=True)
    row.first = time_build(ours, work / "site")  # fills the caches and writes the URL list
    row.pages = page_count(work / "site")
    same = write_plain_project(work / "zelfde", row.pages, like_ours=True)
    plain = write_plain_project(work / "kaal", row.pages, like_ours=False)
    for turn in range(repeat):
        builds = {
            "ours": lambda: time_build(ours, work / "site"),
            "same": lambda: time_build(same, work / "zelfde" / "site", ours=False),
            "plain": lambda: time_build(plain, work / "kaal" / "site", ours=False),
        }
        order = list(builds) if turn % 2 == 0 else list(reversed(builds))  # neither always goes first
        timed = {name: builds[name]() for name in order}
        row.rounds.append((timed["ours"], timed["same"], timed["plain"]))
    row.build, row.same, row.plain = (_fastest([r[i] for r in row.rounds]) for i in range(3))
    index = (work / "site" / "search" / "search_index.json").read_bytes()
    row.search_raw, row.search_gzip = len(index), gzip_size(index)
    print(f"  {label}: kaartenbak in Chromium ...", file=sys.stderr, flush=True)
    row.browser = measure_browser(work / "site")
    if cards <= ROOM_UP_TO:
        print(f"  {label}: offline en presenteren in Chromium ...", file=sys.stderr, flush=True)
        row.room = measure_room(work / "site")
    return row


# --- report --------------------------------------------------------------------------------

def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", ".")


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} ms"


def _markdown(head: list[str], rows: list[list[str]]) -> str:
    lines = [head] + rows
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _time(b: BuildTime | None) -> str:
    return f"{_s(b.wall)} ({_s(b.cpu)})" if b else "-"


def time_table(rows: list[Row]) -> str:
    head = ["", "kaarten", "pagina's", "validatie", "eerste bouw", "bouw", "waarvan eigen code",
            "MkDocs, zelfde opzet", "verhouding", "MkDocs, kaal", "verhouding"]
    return _markdown(head, [[
        r.label, _n(r.cards), _n(r.pages), f"{_s(r.validation)} ({_s(r.validation_cpu)})",
        _time(r.first), _time(r.build), _s(r.build.ours) if r.build else "-",
        _time(r.same), f"{r.ratio(1):.2f}× ({r.ratio(1, cpu=True):.2f}×)",
        _time(r.plain), f"{r.ratio(2):.2f}× ({r.ratio(2, cpu=True):.2f}×)",
    ] for r in rows])


def weight_table(rows: list[Row]) -> str:
    head = ["", "kaarten", "zoekindex (gzip)", "kaartenbak (gzip)", "verzoeken", "laden", "filter", "filter + tonen"]
    lines = []
    for r in rows:
        b = r.browser
        opened = "-"
        if b:
            opened = _kb(b.transferred) + (" met zoekindex" if b.search_index_loaded else "")
        lines.append([
            r.label, _n(r.cards), f"{_kb(r.search_raw)} ({_kb(r.search_gzip)})", opened,
            str(b.requests) if b else "-", f"{b.load_ms:.0f} ms" if b else "-",
            _ms(b.filter_ms if b else None), _ms(b.apply_ms if b else None),
        ])
    return _markdown(head, lines)


def room_table(rows: list[Row]) -> str:
    head = ["", "kaarten", "offline bewaard", "bestanden", "ophalen (gzip)", "toets → beeld (mediaan)", "p90", "max",
            "alleen de toets (mediaan)"]
    body = []
    for row in rows:
        r = row.room
        if r is None:
            continue
        body.append([row.label, _n(row.cards), _kb(r.offline_bytes), _n(r.offline_files), _kb(r.offline_gzip),
                     _ms(r.key_frame_median_ms), _ms(r.key_frame_p90_ms), _ms(r.key_frame_max_ms), _ms(r.key_handler_median_ms)])
    return _markdown(head, body) if body else ""


def growth(rows: list[Row]) -> list[str]:
    """Processor time per extra card between consecutive sizes: equal numbers mean linear growth."""
    synthetic = sorted((r for r in rows if r.label.startswith("synthetisch") and r.build), key=lambda r: r.cards)
    lines = []
    for a, b in zip(synthetic, synthetic[1:]):
        extra = b.cards - a.cards
        lines.append(
            f"  {_n(a.cards)} -> {_n(b.cards)} kaarten, per extra kaart: validatie {(b.validation_cpu - a.validation_cpu) / extra * 1000:.2f} ms, "
            f"bouw {(b.build.cpu - a.build.cpu) / extra * 1000:.1f} ms "
            f"(MkDocs, zelfde opzet: {(b.same.cpu - a.same.cpu) / (b.pages - a.pages) * 1000:.1f} ms per extra pagina)"
        )
    return lines


def verdicts(rows: list[Row]) -> list[str]:
    by_cards = {r.cards: r for r in rows if r.label.startswith("synthetisch")}
    lines = []

    def verdict(ok: bool) -> str:
        return "gehaald" if ok else "NIET gehaald"

    if 5000 in by_cards:
        v = by_cards[5000].validation
        lines.append(f"  validatie van 5.000 kaarten onder {TARGETS['validation_5000_s']:.0f} s: {_s(v)} "
                     f"(processortijd {_s(by_cards[5000].validation_cpu)}): {verdict(v < TARGETS['validation_5000_s'])}")
    if 1000 in by_cards:
        r = by_cards[1000]
        ratio = r.ratio(1)
        lines.append(f"  bouw bij 1.000 kaarten hoogstens {TARGETS['build_ratio_1000']}× MkDocs met gewone pagina's "
                     f"(zelfde opzet): {ratio:.2f}× (rondes {min(r.ratios(1)):.2f}× tot {max(r.ratios(1)):.2f}×; "
                     f"processortijd {r.ratio(1, cpu=True):.2f}×; snelste tijden {r.build.wall / r.same.wall:.2f}×): "
                     f"{verdict(ratio <= TARGETS['build_ratio_1000'])}")
        lines.append(f"    (tegen MkDocs met Material zoals het komt en een menu van één pagina: {r.ratio(2):.2f}×; "
                     f"die opzet zelf is {r.ratio(2, of=1):.2f}× zo duur)")
        if r.browser:
            kb = r.browser.transferred / 1024
            lines.append(f"  kaartenbak bij 1.000 kaarten onder {TARGETS['browser_kb_1000']} KB (gzip): {kb:.0f} KB: {verdict(kb < TARGETS['browser_kb_1000'])}")
            lines.append(f"    (de zoekindex, {r.search_gzip / 1024:.0f} KB, komt pas bij de eerste zoekopdracht)")
    current = next((r for r in rows if not r.label.startswith("synthetisch")), None)
    if current and current.room:
        room = current.room
        budget = TARGETS["offline_bytes_current"]
        room_left = f"{budget - room.offline_bytes:,}".replace(",", ".")
        lines.append(f"  offline bewaard voor de huidige site onder {budget / 1e6:.0f} MB: {room.offline_bytes / 1e6:.2f} MB "
                     f"({room.offline_files} bestanden, {room_left} bytes ruimte): {verdict(room.offline_bytes < budget)}")
    for row in rows:
        if row.room and row.room.cards:
            room = row.room
            # The median decides: on a shared machine single presses wait for other work (p90 and
            # max move from run to run, the median does not).
            ok = room.key_changed_all and room.key_frame_median_ms <= TARGETS["key_frame_ms"]
            lines.append(f"  presenteren ({row.label}, {_n(room.cards)} kaarten): een toets in het volgende beeld "
                         f"(binnen {TARGETS['key_frame_ms']:.1f} ms): mediaan {room.key_frame_median_ms:.1f} ms, "
                         f"p90 {room.key_frame_p90_ms:.1f} ms, max {room.key_frame_max_ms:.1f} ms: {verdict(ok)}")
    return lines


def report_gate(rows: list[Row], work_root: Path) -> None:
    """The one gate for editor text (Markdown, then nh3) at 1,000 cards, and hostile input."""
    from . import hostile

    row = next((r for r in rows if r.cards == 1000 and r.build), None) or next((r for r in rows if r.build), None)
    if row is None:
        return
    data = work_root / f"synthetisch-{row.cards}" / "data" if row.label.startswith("synthetisch") else DATA
    cost = hostile.editor_text_cost(data)
    print(f"Redactietekst bij {row.label} ({_n(cost.texts)} teksten door Markdown en de sanitizer, alle gemaakte pagina's"
          f" opgemaakt in {_s(cost.pages_s)}):")
    print(f"  Markdown {_s(cost.markdown_s)} ({cost.markdown_s / row.build.wall:.1%} van de bouw van {_s(row.build.wall)}), "
          f"sanitizer (nh3) {_s(cost.sanitizer_s)} ({cost.sanitizer_s / row.build.wall:.1%}): "
          f"{'gehaald' if cost.sanitizer_s / row.build.wall < 0.05 else 'NIET gehaald'} (doel: sanitizer onder 5 %)")
    print(f"  {_n(cost.plain)} gewone zinnen gaan nu ook door Markdown (vroeger overgeslagen): {_s(cost.plain_markdown_s)} "
          f"({cost.plain_markdown_s / row.build.wall:.1%} van de bouw)")
    work = work_root / "sjablonen"
    work.mkdir(exist_ok=True)
    (first, first_s), (kept, kept_s) = hostile.template_compile_cost(write_our_config(work, data), work / "site")
    print(f"  sjablonen compileren: {first} in {_s(first_s)} met een lege cache ({first_s / row.build.wall:.1%} van de bouw); "
          f"in de bouw daarna, met de bewaarde (verzegelde) sjablonen, {kept} in {_s(kept_s)}")
    shape, ms = hostile.slowest_allowed_text()
    print(f"Traagste tekst die de controle toelaat ({shape}): {ms:.1f} ms")
    clean, attacked, found = hostile.hostile_check_cost(DATA, work_root / "vijandig")
    print(f"Controle van de huidige data: {_s(clean)}; met een bestand van elke vijandige soort erbij "
          f"({len(hostile.hostile_files())} bestanden, {found} meldingen): {_s(attacked)}")


# --- profile -------------------------------------------------------------------------------

def profile_build(n_cards: int, work: Path, top: int = 30) -> str:
    """Where the time of one build of `n_cards` synthetic cards goes (cProfile, in process),
    after an untimed build that fills the caches, as `measure` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    data = write_synthetic_data(work / "data", n_cards)
    config_file = write_our_config(work, data)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    profiler = cProfile.Profile()
    for profiled in (False, True):
        config = load_config(str(config_file), site_dir=str(work / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        if profiled:
            profiler.enable()
        build(config)
        profiler.disable()
        config.plugins.on_shutdown()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --- main ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=(
        "Meet validatie, bouwtijd, zoekindex en het gewicht van de kaartenbak, voor de huidige "
        "data en voor synthetische sets kaarten."))
    parser.add_argument("--aantallen", default="100,1000,5000", help="aantallen kaarten, met komma's (standaard 100,1000,5000)")
    parser.add_argument("--herhaal", type=int, default=3, help="rondes per set: de snelste tijd, de mediaan van de verhoudingen (standaard 3)")
    parser.add_argument("--zonder-huidige", action="store_true", help="sla de huidige data over")
    parser.add_argument("--zonder-pdf", action="store_true", help="sla het PDF-kaartendeck van 1.000 kaarten over")
    parser.add_argument("--profiel", type=int, metavar="KAARTEN", help="profileer één bouw van zoveel kaarten en stop")
    parser.add_argument("--bewaar", type=Path, metavar="MAP", help="bewaar de gegevens en gebouwde sites in deze map")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.aantallen.split(",") if n.strip()]

    # Compiled modules, as Python keeps them after a first import; for MkDocs and Material pip
    # wrote them when it installed them, but this package is installed editable, and on
    # machines with PYTHONDONTWRITEBYTECODE every build would compile it anew (0.1 s).
    compileall.compile_dir(PACKAGE, quiet=1)
    work_root = Path(tempfile.mkdtemp(prefix="kennisplein-bench-")) if not args.bewaar else args.bewaar
    work_root.mkdir(parents=True, exist_ok=True)
    try:
        if args.profiel:
            print(profile_build(args.profiel, work_root / f"profiel-{args.profiel}"))
            return 0
        rows = []
        if not args.zonder_huidige:
            rows.append(measure("huidige data", DATA, work_root / "huidig", args.herhaal))
        for n in sizes:
            work = work_root / f"synthetisch-{n}"
            data = write_synthetic_data(work / "data", n)
            rows.append(measure(f"synthetisch {n:,}".replace(",", "."), data, work, args.herhaal))
        deck = None
        if not args.zonder_pdf:
            print("  PDF-kaartendeck van 1.000 kaarten ...", file=sys.stderr, flush=True)
            with contextlib.suppress(ImportError):
                from .deck import bench_deck

                gc.collect()
                deck = bench_deck(1000)
        print()
        print("Tijd: wandkloktijd (processortijd), de snelste van de rondes. Verhouding: onze bouw gedeeld door die")
        print("van MkDocs met evenveel gewone Markdown-pagina's in dezelfde ronde, de mediaan over de rondes: 'zelfde")
        print("opzet' met Material, menu en Markdown-uitbreidingen als onze mkdocs.yml (zonder onze plugin, macro's")
        print("en sjablonen), 'kaal' met Material zoals het komt.")
        print(time_table(rows))
        print()
        print(weight_table(rows))
        print()
        room = room_table(rows)
        if room:
            print("In de ruimte: wat de service worker bewaart (in de cache van Chromium, ongecomprimeerd) en wat het")
            print("ophalen ervan kost (gzip); presenteren: van een toets tot het volgende beeld (1920×1080, 60 toetsen).")
            print(room)
            print()
        print("Groei:")
        print("\n".join(growth(rows)) or "  (meet ten minste twee synthetische sets)")
        print("Doelen:")
        print("\n".join(verdicts(rows)) or "  (meet 1.000 en 5.000 kaarten)")
        report_gate(rows, work_root)
        if deck:
            print(f"PDF-kaartendeck: {deck['kaarten']} kaarten, {deck['paginas']} pagina's, "
                  f"{deck['bytes'] / 1024 / 1024:.1f} MB in {deck['seconden']:.1f} s")
        print()
        print("Bouw: `mkdocs build` zonder PDF's, na een eerste bouw die de caches vult (QR-codes, PDF's);")
        print("eerste bouw: met lege caches, zoals op een nieuwe machine.")
        print("Kaartenbak: /kaarten/ met alles wat de browser bij het openen ophaalt, elk bestand gzip-gecomprimeerd;")
        print("de zoekindex haalt de browser pas op als iemand naar het zoekveld gaat.")
        print("Filter: één filteraanroep op alle kaarten; filter + tonen: met de pagina bijgewerkt.")
        return 0
    finally:
        if not args.bewaar:
            shutil.rmtree(work_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
