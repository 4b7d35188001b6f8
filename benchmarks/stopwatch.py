"""`make bench`: one `mkdocs build -q` of our site, with a stopwatch on our plugin's hooks.

Run in its own process by benchmarks.bench.time_build. It imports only what the build itself
does, so our build is not charged for the benchmark's own modules."""

from __future__ import annotations

import functools
import time


def timed_build(config_file: str, site_dir: str) -> None:
    """What `mkdocs build -q` does, with a stopwatch on every hook of our plugin; prints the
    seconds spent in them."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from kennisplein import mkdocs_plugin

    spent = [0.0]

    def timed(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        return wrapper

    plugin, page = mkdocs_plugin.KennispleinPlugin, mkdocs_plugin.GeneratedPage
    for name in [n for n in vars(plugin) if n.startswith("on_")]:
        setattr(plugin, name, timed(getattr(plugin, name)))
    for name in ("read_source", "render"):  # our pages (their bodies: in on_page_context)
        setattr(page, name, timed(getattr(page, name)))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    print(f"{spent[0]:.4f}")
