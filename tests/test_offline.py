"""Offline: after a first visit, the card set, presentation mode, Mijn kaarten and the session
guide work without a network (the service worker overrides/sw.js and what offline.json lists);
a new edition replaces the whole cache; `mkdocs serve` never answers from a cache."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import MINI_DATA, ROOT, copy_data
from kennisplein import offline
from kennisplein.serving import serve_directory

CACHE_READY = """async () => {
  if (!(await caches.has('kennisplein-stand'))) return null;
  const state = await caches.open('kennisplein-stand');
  const [key] = await state.keys();
  return key ? (await state.match(key)).text() : null;
}"""
OUR_CACHES = "async () => (await caches.keys()).filter(k => k.startsWith('kennisplein-') && k !== 'kennisplein-stand')"


def wait_for_version(page, version: str | None = None, timeout: float = 20) -> str:
    """The version of the complete offline copy, once there is one (or this one)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = page.evaluate(CACHE_READY)
        if found and (version is None or found == version):
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"no offline copy {version or ''} after {timeout} s (now: {page.evaluate(CACHE_READY)})")


def manifest(site: Path) -> dict:
    return json.loads((site / offline.MANIFEST).read_text(encoding="utf-8"))


def test_after_a_first_visit_the_pages_load_without_a_network(browser, built_site, data):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        with serve_directory(built_site) as base:  # this test's own server: it is stopped below
            page.goto(base + "kaarten/", wait_until="load")
            assert wait_for_version(page) == manifest(built_site)["versie"]
        context.set_offline(True)
        a, b = [k for k in data.kaarten if not k.tekst_is_titel][:2]
        for path, title in [(f"kaarten/presenteren/?kaarten={a.id},{b.id}", "Kaarten presenteren"), (a.url, a.titel),
                            ("kaarten/mijn/", "Mijn kaarten"), ("sessie-houden/", "Zelf een Goed Werk-sessie houden"),
                            ("kaarten/", "Kaarten")]:
            response = page.goto(base + path, wait_until="load")
            assert response.ok and response.from_service_worker, path
            assert page.title().startswith(title), path
            if path.startswith("kaarten/presenteren/"):
                assert page.evaluate("KennispleinPresentatie.ids()") == [a.id, b.id]
                assert page.locator("#kp-podium-kaart .kp-kaartzijde__titel").inner_text() == a.titel
                page.locator("#kp-qr-beeld").wait_for(state="visible")  # read from the card's kept page
                # The stylesheets and fonts came along: the card is laid out as printed.
                loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family))")
                assert any("Atkinson Hyperlegible" in family for family in loaded), loaded
            if path == "kaarten/mijn/":
                page.evaluate("([id]) => KennispleinMijnKaarten.set(id, {status: 'doe-ik-al'})", [b.id])
                page.reload(wait_until="load")
                assert page.locator("[data-kp-mijn-groep=doe-ik-al] .kp-tegel").count() == 1
        # What is not kept says so in the browser's own way, not with an old copy of something else.
        with pytest.raises(Exception):
            page.goto(base + "bronnen/")
    finally:
        context.close()


def test_a_new_edition_replaces_the_whole_offline_copy(browser, built_site, data, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    context = browser.new_context()
    try:
        page = context.new_page()
        with serve_directory(site) as base:
            page.goto(base + "kaarten/", wait_until="load")
            first = wait_for_version(page)
            # A new edition is published: a card's page changes, and with it offline.json.
            kaart = data.kaarten[0]
            card_page = site / kaart.url / "index.html"
            card_page.write_text(card_page.read_text(encoding="utf-8").replace("</h1>", "</h1><p>Nieuwe editie.</p>", 1), encoding="utf-8")
            (site / offline.MANIFEST).write_bytes(offline.manifest(site, data))
            second = manifest(site)["versie"]
            assert second != first
            # Online, a page is never the old copy.
            page.goto(base + kaart.url, wait_until="load")
            assert "Nieuwe editie." in page.locator("article.md-content__inner").inner_text()
            wait_for_version(page, second)
            assert page.evaluate(OUR_CACHES) == [f"kennisplein-{second}"]
        context.set_offline(True)
        page.goto(base + kaart.url, wait_until="load")
        assert "Nieuwe editie." in page.locator("article.md-content__inner").inner_text()
    finally:
        context.close()


def test_the_list_holds_every_card_page_and_what_the_pages_load(built_site, data):
    listed = manifest(built_site)
    files = listed["bestanden"]
    assert {k.url for k in data.kaarten} <= set(files)
    assert {"kaarten/", "kaarten/presenteren/", "kaarten/mijn/", "sessie-houden/"} <= set(files)
    for needed in ("assets/javascripts/kennisplein-presenteren.js", "assets/javascripts/kennisplein-mijn-kaarten.js",
                   "assets/javascripts/kaarten.js", "assets/fonts/atkinson-hyperlegible-regular.woff2"):
        assert needed in files
    # The one stylesheet of each kind of page kept (stylesheets.py): presenting's has the card sheet's rules.
    for bundle in ("kennisplein", "kennisplein-presenteren", "kennisplein-draaiboek"):
        assert [f for f in files if f.startswith(f"assets/stylesheets/{bundle}.")], bundle
    assert not [f for f in files if "search" in f or f.endswith(".map") or f.startswith("kaarten/printen")]
    for path in files:
        assert (built_site / (path + "index.html" if path.endswith("/") else path)).is_file(), path
    assert listed["versie"].startswith(data.editie.versie + "-")
    assert listed["bytes"] == sum((built_site / (p + "index.html" if p.endswith("/") else p)).stat().st_size for p in files)
    assert offline.manifest(built_site, data) == (built_site / offline.MANIFEST).read_bytes()  # same site, same list


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_preview_with_mkdocs_serve_is_never_answered_from_a_cache(browser, built_site, tmp_path):
    # The preview registers no service worker and has no offline list ...
    data = copy_data(MINI_DATA, tmp_path / "data")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KENNISPLEIN_DATA=str(data),
               KENNISPLEIN_ADRESSEN=str(tmp_path / "adressen.txt"))
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        html = ""
        for _ in range(120):
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/kaarten/", timeout=2).read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert 'src="../assets/javascripts/kennisplein-offline.js" data-sw=""' in html
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/offline.json", timeout=5)
    finally:
        server.terminate()
        server.wait(timeout=30)

    # ... and a page that says so removes a service worker and cache left on the same address
    # by a built copy of the site.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    context = browser.new_context()
    try:
        page = context.new_page()
        with serve_directory(site) as base:
            page.goto(base + "kaarten/", wait_until="load")
            wait_for_version(page)
            page_file = site / "kaarten" / "index.html"
            html = page_file.read_text(encoding="utf-8")
            assert 'data-sw="../sw.js"' in html
            page_file.write_text(html.replace('data-sw="../sw.js"', 'data-sw=""'), encoding="utf-8")
            page.reload(wait_until="load")  # a reload asks the server again, past the HTTP cache
            for _ in range(100):
                if not page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length"):
                    break
                page.wait_for_timeout(100)
            assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
            for _ in range(50):
                if not page.evaluate("async () => (await caches.keys()).filter(k => k.startsWith('kennisplein-')).length"):
                    break
                page.wait_for_timeout(100)
            assert page.evaluate("async () => (await caches.keys()).filter(k => k.startsWith('kennisplein-'))") == []
    finally:
        context.close()


def test_the_tags_read_with_patterns_are_the_ones_an_html_parser_finds(built_site):
    """offline.py reads what a page loads with patterns (a parser cost 12 s at 1,000 cards):
    on every kept page, it finds exactly what BeautifulSoup finds."""
    from bs4 import BeautifulSoup

    pages = [p for p in manifest(built_site)["bestanden"] if p.endswith("/")]
    assert len(pages) > 30
    for path in pages:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        expected = [e["href"] for e in soup.find_all("link", href=True) if {"stylesheet", "icon", "preload", "modulepreload"} & set(e.get("rel") or [])]
        expected += [e["src"] for e in soup.find_all(["script", "img"], src=True)]
        expected += [e["data-src"] for e in soup.find_all("script", type="kennisplein/na-laden")]
        assert sorted(offline._loads(html)) == sorted(expected), path
