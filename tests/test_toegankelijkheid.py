"""WCAG 2.1 AA on the real built site in Chromium: axe-core finds no violation on any page
template, at desktop width and on a phone (375 px); every control can be reached with the
Tab key and shows where the focus is. The gates are also run on a deliberately broken page."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from kennisplein import build_site
from quality_gates import axe_violations, horizontal_overflow, serve_empty_search_index, tab_through

WIDTHS = {"desktop": 1280, "telefoon": 375}

# One page of every kind the spec names, with stable ids from the URL contract.
TEMPLATES = {
    "home": "",
    "kaartenbak": "kaarten/",
    "kaartenbak gefilterd": "kaarten/?thema=teamwerk",
    "kaart": "kaarten/blijf-gesprek/",
    "sessie": "sessies/2022-09-09-oost/",
    "thema": "themas/teamwerk/",
    "model": "model/",
    "aanbevelingen": "aanbevelingen/",
    "downloads": "downloads/",
    "bronnen": "bronnen/",
    "aanpak": "aanpakken/goed-werk-2022/",
    "404": "kaarten/bestaat-niet/",
    "presenteren": "kaarten/presenteren/",
    "presenteren met keuze": "kaarten/presenteren/?kaarten=blijf-gesprek,kwalitijd",
    "mijn kaarten": "kaarten/mijn/",
    "sessie houden": "sessie-houden/",
}


def open_page(browser, url: str, width: int, site=None):
    """A page in a fresh context; given the built `site`, without Material's search index
    (only the search test needs it, and indexing the site on every page load is slow)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    if site is not None:
        serve_empty_search_index(context, url[:url.index("/", 8) + 1], site)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return context, page


def assert_accessible(page, width: int) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    if width < 400:
        # Reflow (WCAG 1.4.10): nothing makes the whole page scroll sideways on a phone.
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"de pagina is {overflow}px te breed"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_page_template_has_no_axe_violations(browser, served_site, built_site, path, width):
    context, page = open_page(browser, served_site + path, width, built_site)
    try:
        assert page.locator("header.md-header").count() == 1  # a page of the site, not a server error
        if "?thema=" in path:  # the filter is applied: axe sees the filtered state
            assert page.locator(".kp-tegel[hidden]").count() > 0
        assert_accessible(page, width)
    finally:
        context.close()


def other_pages(site) -> list[str]:
    """Pages outside TEMPLATES that are not one of many records of the same kind: the
    hand-written pages, index pages and tools (draw a card, print a selection, ...).
    Redirects from old card addresses are left out: the browser leaves them at once."""
    data = build_site(ROOT / "data", ROOT / "docs")
    records = {r.url for group in (data.kaarten, data.sessies, data.themas, data.aanpakken) for r in group}
    known = {path.split("?")[0] for path in TEMPLATES.values()}
    pages = []
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix().removesuffix("index.html")
        if path in records or path in known or path == "404.html":
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        pages.append(path)
    return pages


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_other_page_has_no_axe_violations(browser, served_site, built_site, width):
    pages = other_pages(built_site)
    assert {"over/", "sessies/", "themas/", "aanpakken/", "toegankelijkheid/"} <= set(pages)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    serve_empty_search_index(context, served_site, built_site)
    page = context.new_page()
    found = {}
    for path in pages:
        page.goto(served_site + path, wait_until="load")
        violations = axe_violations(page)
        if width < 400:
            overflow = horizontal_overflow(page)
            violations += [f"de pagina is {overflow}px te breed"] if overflow > 0 else []
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


def test_every_page_template_reflows_at_320_pixels(browser, served_site, built_site):
    """WCAG 1.4.10 asks for 320 CSS pixels (a 1280 px screen zoomed to 400 %): no page of any
    template may then scroll sideways as a whole (a wide table may scroll on its own)."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    serve_empty_search_index(context, served_site, built_site)
    page = context.new_page()
    too_wide = {}
    for name, path in TEMPLATES.items():
        page.goto(served_site + path, wait_until="load")
        overflow = horizontal_overflow(page)
        if overflow > 0:
            too_wide[name] = overflow
    context.close()
    assert too_wide == {}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_open_search_with_results_has_no_axe_violations(browser, served_site, width):
    context, page = open_page(browser, served_site + "kaarten/", width)
    try:
        page.keyboard.press("/")  # Material's shortcut to the search box
        page.keyboard.type("gesprek")
        page.locator(".md-search-result__item").first.wait_for()
        assert page.locator(".md-search__input").evaluate("e => e === document.activeElement")
        assert_accessible(page, width)
    finally:
        context.close()


# --- keyboard ------------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", ["kaarten/", "kaarten/blijf-gesprek/", "kaarten/presenteren/", "kaarten/mijn/", "sessie-houden/"],
                         ids=["kaartenbak", "kaart", "presenteren", "mijn kaarten", "sessie houden"])
@pytest.mark.parametrize("backwards", [False, True], ids=["tab", "shift-tab"])
def test_every_control_is_reached_by_tab_and_visibly_focused(browser, served_site, built_site, path, width, backwards):
    context, page = open_page(browser, served_site + path, width, built_site)
    try:
        walk = tab_through(page, backwards=backwards)
        missed = [walk.controls[i] for i in range(len(walk.controls)) if i not in walk.reached]
        assert len(walk.controls) > (4 if path == "kaarten/presenteren/" else 10)  # presenting: no site menu
        assert missed == []
        assert walk.problems == []
    finally:
        context.close()


# --- the gates can fail --------------------------------------------------------------------

BROKEN = """() => {
  const article = document.querySelector('article');
  article.insertAdjacentHTML('beforeend',
    '<p style="color:#bbb">Lichtgrijze tekst</p>' +
    '<img src="../assets/images/favicon.png">' +
    '<input type="text">' +
    '<style>#kp-kapot:focus-visible { outline: none; }</style><button id="kp-kapot">Knop</button>' +
    '<p style="width: 30rem">Een alinea met een vaste breedte</p>' +
    '<p><button style="width:12px;height:12px;padding:0">a</button><button style="width:12px;height:12px;padding:0">b</button></p>' +
    '<div role="dialog"><p>Een venster zonder naam</p></div>');
}"""


def test_axe_and_reflow_gates_report_a_broken_page(browser, served_site):
    context, page = open_page(browser, served_site + "model/", 375)
    try:
        page.evaluate(BROKEN)
        rules = {v.split(" ")[0] for v in axe_violations(page)}
        assert {"color-contrast", "image-alt", "label", "target-size", "aria-dialog-name"} <= rules
        assert horizontal_overflow(page) > 0
    finally:
        context.close()


def test_keyboard_gate_reports_a_control_without_visible_focus(browser, served_site):
    context, page = open_page(browser, served_site + "model/", 1280)
    try:
        page.evaluate(BROKEN)
        problems = tab_through(page).problems
        assert [p.split(":")[0] for p in problems if 'id="kp-kapot"' in p] == ["geen zichtbare focus (outline of box-shadow)"]
    finally:
        context.close()


# --- the accessibility statement -----------------------------------------------------------

STATEMENT = "toegankelijkheid/"


def test_accessibility_statement_has_the_usual_parts(built_site):
    page = BeautifulSoup((built_site / STATEMENT / "index.html").read_text(encoding="utf-8"), "html.parser")
    for permalink in page.select(".headerlink"):
        permalink.decompose()
    assert page.find("h1").get_text(strip=True) == "Toegankelijkheidsverklaring"
    parts = [h.get_text(" ", strip=True) for h in page.select("article h2")]
    # The parts of the government's model statement (digitoegankelijk.nl), in its order.
    assert parts == ["Status", "Voor welke onderdelen deze verklaring geldt", "Hoe de toegankelijkheid is onderzocht",
                     "Uitkomst", "Wat nog niet toegankelijk is, of wat we niet weten", "Feedback en contact",
                     "Klachtenprocedure"]
    text = page.find("article").get_text(" ", strip=True)
    assert "C: eerste maatregelen genomen" in text and "WCAG 2.2, niveau A en AA" in text
    assert "WCAG 2.1" not in text.replace("WCAG 2.1 niveau AA (via de Europese norm EN 301 549)", "")
    # The edition of the data the site was built with, not a date nobody researched on.
    assert re.search(r"editie \d{1,2} [a-z]+ \d{4}\.", text)
    # No invented contact details: no e-mail address or phone number until a publisher sets one.
    assert not page.select('article a[href^="mailto:"], article a[href^="tel:"]')


def test_every_page_links_to_the_accessibility_statement_in_its_footer(built_site):
    missing = []
    for file in sorted(built_site.rglob("*.html")):
        path = "/" + file.relative_to(built_site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}) or not soup.find("footer"):
            continue  # a redirect from an old card address, or a page that is not a site page
        links = [urljoin(path, a["href"]) for a in soup.select("footer a[href]")]
        if "/" + STATEMENT not in links:
            missing.append(path)
    assert missing == []


def test_keyboard_gate_reports_focus_hidden_under_the_sticky_header(browser, served_site, built_site):
    """WCAG 2.4.11: without the room kept free at the top (toegankelijkheid.css), Shift+Tab
    scrolls controls in under the sticky header, and the gate says so."""
    context, page = open_page(browser, served_site + "kaarten/", 1280, built_site)
    try:
        page.add_style_tag(content="html { scroll-padding-top: 0 !important; }")
        problems = tab_through(page, backwards=True).problems
        assert [p for p in problems if p.startswith("focus bedekt door iets anders")] != []
    finally:
        context.close()
