"""The full deck for N synthetic cards, timed: for `make bench`.

    from benchmarks.deck import bench_deck
    bench_deck(1000)  # -> {"kaarten": 1000, "paginas": 226, "seconden": ..., ...}

Or from the repository's root: `python -m benchmarks.deck 1000`.
"""

from __future__ import annotations

import resource
import sys
import time

from kennisplein.downloads import decks

from .synthetic import site_url, synthetic_site



def _cpu() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def bench_deck(n_cards: int = 1000) -> dict:
    """Lay out and write the full deck of `n_cards` synthetic cards once, without the cache."""
    site = synthetic_site(n_cards)
    spec = decks.decks(site)[0]
    wall, cpu = time.perf_counter(), _cpu()
    rendered = decks.render_deck(spec, site, site_url())
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
