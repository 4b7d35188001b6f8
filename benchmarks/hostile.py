"""What the one gate for editor text costs, and what hostile input costs the check.

- `editor_text_cost(data_dir)`: every generated page of the site rendered in this process, with
  the time spent in Markdown and in the sanitizer (nh3) counted apart; the share of the build
  is taken against the build time `make bench` measured for the same data.
- `slowest_allowed_text()`: the slowest text the check lets through (the longest allowed, with
  the most '[' allowed, in the shapes Python-Markdown is slowest on), rendered.
- `hostile_check_cost(data_dir, work)`: `build_site` on the data, and on the same data with a
  file of each hostile kind added (tests/test_vijandige_invoer.py has them all): the difference
  is what an attacker's pull request can cost the check.
- `template_compile_cost(config_file, site_dir)`: the time `mkdocs build` spends compiling
  templates, Material's and ours: with an empty cache (a first build), and in the next build,
  which finds them kept (compiled.py: sealed, so a planted entry is never loaded).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from kennisplein import rendering
from kennisplein.loading import MAX_FILE_BYTES
from kennisplein.pages import pages, render
from kennisplein.problems import DataError
from kennisplein.schemas import definition
from kennisplein.site import build_site


@dataclass
class TextCost:
    texts: int  # editor texts rendered (Markdown, then the sanitizer)
    markdown_s: float
    sanitizer_s: float
    pages_s: float  # rendering every generated page, all included
    plain: int  # texts the removed skip would have sent past Markdown
    plain_markdown_s: float  # what Markdown costs for those


# The plain-text skip that was removed: texts without any of these went past Markdown.
_OLD_SKIP = re.compile(r"[*_\[\]`\\<>&!\x00-\x09\x0b-\x1f]|\n[ ]*\n| \n| $")


def editor_text_cost(data_dir: Path) -> TextCost:
    site = build_site(data_dir)
    listed = pages(site, (), site_url="https://example.org/", site_naam="Kennisplein Goed Werk")
    converted, sanitized = rendering._converted, rendering._sanitized
    spent = {"markdown": 0.0, "sanitizer": 0.0, "texts": 0, "plain": 0, "plain_markdown": 0.0}

    def timed_markdown(text):
        start = time.perf_counter()
        try:
            return converted(text)
        finally:
            took = time.perf_counter() - start
            spent["markdown"] += took
            spent["texts"] += 1
            if text.strip() and not _OLD_SKIP.search(text):
                spent["plain"] += 1
                spent["plain_markdown"] += took

    def timed_sanitizer(html, page_url):
        start = time.perf_counter()
        try:
            return sanitized(html, page_url)
        finally:
            spent["sanitizer"] += time.perf_counter() - start

    rendering._converted, rendering._sanitized = timed_markdown, timed_sanitizer
    try:
        for page in listed[:3]:  # warm up: templates compiled, converter made
            render(page, site)
        spent.update(markdown=0.0, sanitizer=0.0, texts=0, plain=0, plain_markdown=0.0)
        start = time.perf_counter()
        for page in listed:
            render(page, site)
        total = time.perf_counter() - start
    finally:
        rendering._converted, rendering._sanitized = converted, sanitized
    return TextCost(spent["texts"], spent["markdown"], spent["sanitizer"], total, spent["plain"], spent["plain_markdown"])


def slowest_allowed_text() -> tuple[str, float]:
    """The slowest of the texts the check allows at their limits: (shape, milliseconds)."""
    longest = definition("opgemaakte_tekst")["maxLength"]
    brackets = rendering.MAX_BRACKETS
    shapes = {
        "'[' voorop": "[" * brackets + "a" * (longest - brackets),
        "'[' verspreid": ("[" + "a" * (longest // brackets - 1)) * brackets,
        "'![[' verspreid": ("![[" + "a" * (longest // brackets - 3)) * (brackets // 2),
        "'[a](' herhaald": ("[a](" + "b" * (longest // brackets - 4)) * brackets,
        "'*' en '_'": "*_" * (longest // 2),
        "'`' en '\\\\'": "`\\" * (longest // 2),
        "'&' en '<'": "&<" * (longest // 2),
        "'(' na een link": "[a](" + "(" * (longest - 4),
    }
    slowest = ("", 0.0)
    for shape, text in shapes.items():
        start = time.perf_counter()
        rendering.markdown_to_html(text, "sessies/x/")
        ms = (time.perf_counter() - start) * 1000
        slowest = max(slowest, (shape, ms), key=lambda item: item[1])
    return slowest


BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))


def hostile_files() -> dict[str, str]:
    """One file of each hostile kind, each as large as the loader lets through."""
    room = MAX_FILE_BYTES - 64
    return {
        "kaarten/verwijzingen.yaml": BILLION_LAUGHS,
        "kaarten/diep.yaml": "a: " + "[" * (room // 2) + "\n",
        "kaarten/haken.yaml": "id: haken\ntitel: '" + "[" * (room - 32) + "'\n",
        "kaarten/lange-lijst.yaml": "id: lange-lijst\ntrefwoorden: [" + "ab, " * (room // 4 - 8) + "ab]\n",
        "kaarten/veel-velden.yaml": "id: veel-velden\n" + "".join(f"veld{i}: x\n" for i in range(room // 12)),
        "kaarten/veel-haken.yaml": "id: veel-haken\ntrefwoorden:\n" + "".join(
            "  - '" + "[" * 20 + "a" * 100 + "'\n" for _ in range(room // 130)),
        "aanbevelingen/onbekend.yaml": "aanbevelingen:\n" + "".join(
            f"  - {{id: a{i}, kaarten: [onbekende-kaart-{i}]}}\n" for i in range(room // 50)),
        # The slowest file the check lets through: texts of the longest allowed length, each with
        # the most '[' a text may hold, at its start (from each, Markdown reads the whole rest).
        "kaarten/traagst-toegestaan.yaml": "id: traagst-toegestaan\n" + "".join(
            f"tekst{i}: '" + "[" * 10 + "a" * 3_989 + "'\n" for i in range(6)),
        "kaarten/stuurtekens.yaml": "titel: " + "\x1b" * (room - 16) + "\n",
        "kaarten/te-groot.yaml": "titel: " + "x" * (MAX_FILE_BYTES + 1) + "\n",
        "kaarten/getal.yaml": "aantal: " + "9" * (room - 16) + "\n",
    }


def hostile_check_cost(data_dir: Path, work: Path) -> tuple[float, float, int]:
    """Seconds for `build_site` on the data, and on the data with every hostile file added (in
    data/kaarten/), and the number of problems found there."""
    start = time.perf_counter()
    build_site(data_dir)
    clean = time.perf_counter() - start
    hostile = work / "data"
    shutil.copytree(data_dir, hostile)
    for name, content in hostile_files().items():
        (hostile / name).parent.mkdir(exist_ok=True)
        (hostile / name).write_text(content, encoding="utf-8")
    start = time.perf_counter()
    try:
        build_site(hostile)
        found = 0
    except DataError as error:
        found = len(error.problems)
    return clean, time.perf_counter() - start, found


def template_compile_cost(config_file: Path, site_dir: Path) -> list[tuple[int, float]]:
    """(templates compiled, seconds) in two in-process `mkdocs build`s one after another: the
    first fills the cache of compiled templates, the second reads it."""
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    compile_ = jinja2.Environment.compile
    spent = {"n": 0, "s": 0.0}

    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return compile_(self, *args, **kwargs)
        finally:
            spent["n"] += 1
            spent["s"] += time.perf_counter() - start

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    jinja2.Environment.compile = timed
    results = []
    try:
        for _ in range(2):
            spent.update(n=0, s=0.0)
            config = load_config(str(config_file), site_dir=str(site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
            results.append((spent["n"], spent["s"]))
    finally:
        jinja2.Environment.compile = compile_
    return results
