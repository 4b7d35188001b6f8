"""Shared fixtures: the real site built once per test session, and mini data sets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kennisplein.serving import serve_directory

ROOT = Path(__file__).resolve().parent.parent
MINI_DATA = ROOT / "tests" / "fixtures" / "mini" / "data"
BROKEN = ROOT / "tests" / "broken"


def mkdocs_build(destination: Path, data_dir: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real strict build, as `make build` does, into `destination`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    if data_dir is not None:
        env["KENNISPLEIN_DATA"] = str(data_dir)
    elif "KENNISPLEIN_ADRESSEN" not in env:
        # A build of the real data checks against the committed list of published URLs, but
        # writes any new ones to a copy: tests never change files in the repository.
        copy = Path(tempfile.mkdtemp(prefix="adressen-")) / "gepubliceerde-adressen.txt"
        shutil.copyfile(ROOT / "gepubliceerde-adressen.txt", copy)
        env["KENNISPLEIN_ADRESSEN"] = str(copy)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(destination)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_data(source: Path, target: Path, *overlays: Path) -> Path:
    """A copy of a data folder with the files of each overlay folder laid over it."""
    shutil.copytree(source, target)
    for overlay in overlays:
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site from data/, built once for all tests that read its HTML."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def mini_data(tmp_path) -> Path:
    return copy_data(MINI_DATA, tmp_path / "data")


# --- browser tests -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    with serve_directory(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, headless."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer het met 'make systeem'")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (own context: no shared storage between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    yield tab
    context.close()
