"""The full deck for N synthetic cards, timed: for `make bench` (budget: 1,000 cards < 30 s).

    from kennisplein.downloads.bench import bench_deck
    bench_deck(1000)  # -> {"kaarten": 1000, "paginas": 226, "seconden": ..., ...}

Or from the shell: `python -m kennisplein.downloads.bench 1000`.
"""

from __future__ import annotations

import dataclasses
import resource
import sys
import time
from pathlib import Path

from ..records import Site
from ..site import build_site
from . import decks

ROOT = Path(__file__).resolve().parents[3]
SITE_URL = "https://kennisplein-goed-werk.nl/"


def synthetic_site(n_cards: int, data_dir: Path = ROOT / "data") -> Site:
    """The real site with its cards repeated (new ids and numbers) up to `n_cards`."""
    site = build_site(data_dir)
    cards = []
    for number in range(1, n_cards + 1):
        model = site.kaarten[(number - 1) % len(site.kaarten)]
        cards.append(dataclasses.replace(
            model, id=f"synthetisch-{number:05d}-{model.id}", nummer=number, eerdere_ids=(),
        ))
    return dataclasses.replace(site, kaarten=tuple(cards), _index={})


def _cpu() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def bench_deck(n_cards: int = 1000) -> dict:
    """Lay out and write the full deck of `n_cards` synthetic cards once, without the cache."""
    site = synthetic_site(n_cards)
    spec = decks.decks(site)[0]
    wall, cpu = time.perf_counter(), _cpu()
    rendered = decks.render_deck(spec, site, SITE_URL)
    return {
        "kaarten": n_cards,
        "paginas": decks.page_count(n_cards),
        "bytes": len(rendered.pdf),
        "seconden": round(time.perf_counter() - wall, 2),
        "cpu_seconden": round(_cpu() - cpu, 2),  # this process and its workers together
        "te_lang": len(rendered.too_long),
    }


if __name__ == "__main__":
    print(bench_deck(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
