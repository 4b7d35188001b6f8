"""Material's templates that overrides/ copies to make its markup valid and accessible.

A copy is only as good as its last comparison: each test below applies our documented changes
to the installed Material's own template and expects our copy. A new Material version that
changes one of these templates fails here, with the template named, instead of drifting apart
unnoticed. Then the theme's Material behaviour (menu, search, table of contents) is tried in
Chromium, with the changed markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import material

from kennisplein.paths import OVERRIDES

MATERIAL = Path(material.__file__).parent / "templates"
GENERATED = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# Our copy -> (Material's text, ours) for each change; everything else is Material's.
CHANGES = {
    "base.html": [
        ('    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n',
         '    <form id="__toggles" autocomplete="off" hidden></form>\n'
         '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search" form="__toggles">'),
        ('        <link rel="stylesheet" href="{{ \'assets/stylesheets/palette.fb2fffe2.min.css\' | url }}">\n',
         '        {% if palette is not mapping or palette.scheme | d("default", true) != "default" or palette.primary != "custom" or palette.accent != "custom" %}\n'
         '        <link rel="stylesheet" href="{{ \'assets/stylesheets/palette.fb2fffe2.min.css\' | url }}">\n'
         '        {% endif %}\n'),
        # Fetched after the page has loaded, by na-laden.js, which starts Material's components.
        ("<script src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\"></script>",
         "<script type=\"kennisplein/na-laden\" data-src=\"{{ 'assets/javascripts/bundle.a5f9d56c.min.js' | url }}\" data-material></script>"),
    ],
    "partials/search.html": [
        (' autocorrect="off"', ""),
        ('data-md-component="search" role="dialog">', 'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ],
    "partials/logo.html": [
        ('alt="logo">', 'alt="logo" width="48" height="48">'),
    ],
    "partials/toc.html": [
        ('    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n      {{ title }}\n    </label>\n',
         '    {% if page in nav.pages %}\n'
         '    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n      {{ title }}\n    </label>\n'
         '    {% else %}\n'
         '    <div class="md-nav__title">\n      <span class="md-nav__icon md-icon"></span>\n      {{ title }}\n    </div>\n'
         '    {% endif %}\n'),
        # Drawn once per folder and set of headings (kennisplein/fragments.py).
        ('{% set title = lang.t("toc") %}\n', '{% cached kennisplein_inhoudsopgave_sleutel | default(none) %}\n{% set title = lang.t("toc") %}\n'),
        ("</nav>\n", "</nav>\n{% endcached %}\n"),
    ],
}


def without_leading_comment(template: str) -> str:
    """A template without the Jinja comment it starts with (Material's or our explanation)."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", template, count=1, flags=re.S)


@pytest.mark.parametrize("name", CHANGES)
def test_copied_template_is_materials_own_but_for_the_documented_changes(name):
    theirs = (MATERIAL / name).read_text(encoding="utf-8")
    assert theirs.startswith(GENERATED), f"{name}: Material's template starts differently now"
    expected = without_leading_comment(theirs)
    for old, new in CHANGES[name]:
        assert expected.count(old) == 1, f"Material's {name} changed: {old!r} is not in it once; copy it again and redo our changes"
        expected = expected.replace(old, new)
    ours = (OVERRIDES / name).read_text(encoding="utf-8")
    assert ours.startswith("{#-"), f"overrides/{name} starts with a comment that says why it is a copy"
    assert without_leading_comment(ours) == expected


def test_the_logo_is_as_square_as_its_size_says():
    svg = (OVERRIDES / "assets" / "images" / "logo.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 48 48"' in svg


# --- what the changed markup does in the built site ----------------------------------------

def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_search_dialog_has_a_name_and_no_non_standard_attributes(built_site):
    page = soup(built_site, "kaarten/")
    dialog = page.select_one("[data-md-component=search][role=dialog]")
    assert dialog["aria-label"] == "Zoeken"
    box = dialog.select_one("input.md-search__input")
    assert not box.has_attr("autocorrect") and box["autocomplete"] == "off"  # allowed on a text box
    for toggle in page.select("input.md-toggle"):
        assert toggle["type"] == "checkbox" and not toggle.has_attr("autocomplete")


@pytest.mark.parametrize("path, in_menu", [("model/", True), ("kaarten/blijf-gesprek/", False), ("sessies/2022-09-09-oost/", False)])
def test_table_of_contents_title_labels_a_toggle_only_where_there_is_one(built_site, path, in_menu):
    page = soup(built_site, path)
    title = page.select_one(".md-sidebar--secondary .md-nav--secondary > .md-nav__title")
    assert title.get_text(strip=True) == "Inhoudsopgave"
    if in_menu:
        assert title.name == "label" and page.find("input", id=title["for"])
    else:
        assert title.name == "div" and page.find(id="__toc") is None


# --- Material's behaviour, with our markup -------------------------------------------------

def test_menu_and_search_open_and_close_on_a_phone(browser, served_site):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/blijf-gesprek/")
        drawer = page.locator(".md-sidebar--primary")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function("document.getElementById('__drawer').checked")
        page.wait_for_timeout(300)  # the drawer slides in
        assert drawer.bounding_box()["x"] >= -1
        page.locator("label.md-overlay").click(position={"x": 360, "y": 400})
        page.wait_for_function("!document.getElementById('__drawer').checked")
        page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("stagiaire")
        page.locator(".md-search-result__item").first.wait_for()
        assert page.locator("[role=dialog][aria-label=Zoeken] .md-search__input").is_visible()
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__search').checked")
    finally:
        context.close()


def test_menu_is_closed_again_after_back(browser, served_site):
    """What autocomplete="off" on the toggles did: a browser that restores form fields ("back"
    to a page it did not keep in memory; Firefox also on a reload) must not show the menu or
    the search open again."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    try:
        # no-store: Chromium does not keep the page in its back/forward memory, and restores
        # its form fields instead, as after a reload.
        page.route("**/model/", lambda route: route.fulfill(response=route.fetch(), headers={"Cache-Control": "no-store"}))
        page.goto(served_site + "model/")
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function("document.getElementById('__drawer').checked")
        page.goto(served_site + "over/")
        page.go_back()
        page.wait_for_load_state("load")
        assert page.evaluate("[...document.querySelectorAll('input[data-md-toggle]')].map(t => t.checked)") == [False, False]
    finally:
        context.close()
