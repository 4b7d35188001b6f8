"""Fixtures: the real site built once per test session, mini data sets, the browser.

Tests are marked by what they cost, from the fixtures they use (see `pytest_collection_modifyitems`):
`bouw` for every test that builds a site with MkDocs (`built_site`, `served_site`, `mkdocs`),
`browser` for every test that drives Chromium (`browser`, `page`). `make test-snel` runs the
rest; `make test` runs everything.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, MINI_DATA, ROOT, copy_data, mkdocs_build, after_scripts, waiting_for_scripts
from quality_gates import serve_empty_search_index
from kennisplein import build_site
from kennisplein.records import Site
from kennisplein.serving import serve_directory

BUILDING = {"built_site", "mkdocs"}
BROWSING = {"browser"}


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BUILDING:
            item.add_marker(pytest.mark.bouw)
        if used & BROWSING:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def mkdocs():
    """The strict MkDocs build (helpers.mkdocs_build); using it marks a test as `bouw`."""
    return mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, mkdocs) -> Path:
    """The real site from data/, built once for all tests that read its HTML."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def data() -> Site:
    """The records of the real data/ (frozen: one Site serves every test)."""
    return build_site(ROOT / "data", ROOT / "docs")


@pytest.fixture
def mini_data(tmp_path) -> Path:
    return copy_data(MINI_DATA, tmp_path / "data")


# --- browser tests -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    with serve_directory(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, headless. Going to a page (goto, reload, back,
    wait_for_url) returns once its script files have run, and evaluate waits for them: they
    come after `load` (helpers.SCRIPTS_RUN)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer het met 'make systeem'")
    from playwright.sync_api import Page, sync_playwright

    with sync_playwright() as playwright, pytest.MonkeyPatch.context() as patch:
        for name in ("goto", "reload", "go_back", "go_forward", "wait_for_url"):
            patch.setattr(Page, name, waiting_for_scripts(getattr(Page, name)))
        patch.setattr(Page, "evaluate", after_scripts(Page.evaluate))
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, served_site, built_site):
    """Yields a function (width, height, **options) that opens a fresh context (own storage)
    on the served site, Dutch, with Material's search index answered empty; all are closed
    after the test."""
    contexts = []

    def make(width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL", **options)
        serve_empty_search_index(context, served_site, built_site)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (own context: no shared storage between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    yield tab
    context.close()
