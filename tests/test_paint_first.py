"""Paint first: what a page makes the browser wait for before it can show anything.

Every page links Material's stylesheet and one of ours (joined at build time from the source
files, see kennisplein/stylesheets.py), preloads the fonts that stylesheet declares, fetches no
script file before its first paint (na-laden.js brings them after it), and gives every image
its size. Lighthouse measures the effect
(`make bench-lighthouse`); these tests hold the markup to it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kennisplein import scripts, stylesheets
from quality_gates import paint_blockers, unsized_images
from test_kwaliteit import linked_copy, replace



def site_pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect from an old card address: a page of its own, no theme
        yield file.relative_to(site).as_posix(), soup


def test_every_page_links_materials_stylesheet_and_one_of_ours(built_site):
    bundles = {b.path: b for b in stylesheets.build_bundles().values()}
    found = {}
    for name, soup in site_pages(built_site):
        sheets = [link["href"].rsplit("assets/", 1)[-1] for link in soup.select('link[rel~="stylesheet"]')]
        ours = [s for s in sheets if "assets/" + s in bundles]
        assert len(ours) == 1 and sheets[0].startswith("stylesheets/main."), (name, sheets)
        assert all(s.startswith("stylesheets/main.") for s in sheets if s not in ours), (name, sheets)
        found[name] = "assets/" + ours[0]
        preloaded = [(link["href"].rsplit("assets/", 1)[-1], link["type"]) for link in soup.select('link[rel~="preload"][as="font"]')]
        assert preloaded == [(f.path.removeprefix("assets/"), f.type) for f in bundles[found[name]].preload], name
        assert all(link.has_attr("crossorigin") for link in soup.select('link[rel~="preload"][as="font"]'))
    assert found["index.html"] == bundles[next(b.path for b in bundles.values() if b.name == "kennisplein")].path
    assert "kennisplein-printen" in found["kaarten/printen/index.html"]
    assert "kennisplein-downloads" in found["downloads/index.html"]


def test_our_stylesheets_are_published_joined_not_as_their_sources(built_site):
    built = built_site / "assets" / "stylesheets"
    for bundle in stylesheets.build_bundles().values():
        assert (built_site / bundle.path).read_text(encoding="utf-8") == bundle.css
    assert not [name for name in stylesheets.source_files() if (built / name).exists()]
    # Every source file is in some bundle: a new file in the folder must be added to the list.
    assert sorted(p.name for p in stylesheets.SOURCE_DIR.glob("*.css")) == stylesheets.source_files()


def test_the_typeface_is_preloaded_as_woff2_and_swaps(built_site):
    bundles = stylesheets.build_bundles()
    faces = ["kennisplein-cijfers-regular", "kennisplein-cijfers-bold", "atkinson-hyperlegible-regular", "atkinson-hyperlegible-bold"]
    assert [f.path for f in bundles["kennisplein"].preload] == [f"assets/fonts/{face}.woff2" for face in faces]
    assert all((built_site / f.path).is_file() for b in bundles.values() for f in b.preload)
    assert bundles["kennisplein"].css.count("font-display:swap") == 4
    # WOFF2 is the same font, smaller (without hinting): Atkinson's regular face, every
    # character and every layout feature (ligatures, kerning) kept.
    from fontTools.ttLib import TTFont
    woff2, ttf = (built_site / f"assets/fonts/atkinson-hyperlegible-regular.{ext}" for ext in ("woff2", "ttf"))
    assert woff2.stat().st_size < ttf.stat().st_size / 3
    web, full = TTFont(woff2), TTFont(ttf)
    assert web.getBestCmap().keys() == full.getBestCmap().keys()
    assert {f.FeatureTag for f in web["GSUB"].table.FeatureList.FeatureRecord} == {f.FeatureTag for f in full["GSUB"].table.FeatureList.FeatureRecord}
    assert {f.FeatureTag for f in web["GPOS"].table.FeatureList.FeatureRecord} == {f.FeatureTag for f in full["GPOS"].table.FeatureList.FeatureRecord}
    assert "fpgm" in full and not {"fpgm", "prep", "cvt "} & set(web.keys())
    # The print page's sheets declare the TTFs again (WeasyPrint reads those): the later rule wins.
    assert [f.path for f in bundles["kennisplein-printen"].preload] == [f"assets/fonts/{face}.ttf" for face in faces]


def test_nothing_but_the_two_stylesheets_comes_before_the_first_paint(built_site):
    assert paint_blockers(built_site) == []


def test_paint_gate_reports_a_script_file_and_another_stylesheet(built_site, tmp_path):
    site = linked_copy(built_site, tmp_path / "site")
    page = site / "over" / "index.html"
    html = page.read_text(encoding="utf-8").replace("</head>", (
        '<link rel="stylesheet" href="../assets/stylesheets/extra.css">'
        '<script src="../assets/javascripts/kaarten.js" defer></script>'
        '<script type="kennisplein/na-laden" data-velden="q"></script></head>'), 1)
    replace(page, html.replace("<article", '<img src="../assets/images/favicon.png" alt=""><article', 1))
    assert paint_blockers(site) == [
        "over/index.html: script kaarten.js wordt geladen voordat de pagina er staat",
        "over/index.html: na-laden zonder data-src",
        "over/index.html: nog een stylesheet: ../assets/stylesheets/extra.css",
    ]
    assert unsized_images(site) == ["over/index.html: <img src=../assets/images/favicon.png>"]


def test_script_files_wait_for_the_page_in_the_order_they_stand(built_site):
    """Every script file is a placeholder that na-laden.js (written into the page) fetches after
    the page has loaded: Material's bundle marked to be started; before it the page's own
    scripts (kaarten.js hides ?q= from Material's search while that starts), the search
    index's hold and the tools for the room; after it what follows Material."""
    pages = dict(site_pages(built_site))
    for name, soup in pages.items():
        files = [s["data-src"].rsplit("/", 1)[-1] for s in soup.find_all("script", type="kennisplein/na-laden")]
        assert files[-5:] == ["zoekindex-later.js", "kennisplein-mijn-kaarten.js", "kennisplein-offline.js",
                              "bundle.a5f9d56c.min.js", "toegankelijkheid.js"], name
        assert [s for s in soup.find_all("script", type="kennisplein/na-laden") if s.has_attr("data-material")] == \
            [soup.find("script", attrs={"data-src": re.compile(r"bundle\.[0-9a-f]+\.min\.js$")})], name
        assert str(scripts.inline_scripts()["na-laden.js"]) in [s.get_text() for s in soup.find_all("script", src=False)], name
    firsts = {name: [s["data-src"].rsplit("/", 1)[-1] for s in pages[name].find_all("script", type="kennisplein/na-laden")][:-5]
              for name in ("kaarten/index.html", "kaarten/trek/index.html", "kaarten/blijf-gesprek/index.html",
                           "kaarten/printen/index.html", "kaarten/presenteren/index.html", "index.html")}
    assert firsts == {
        "kaarten/index.html": ["kaarten.js"], "kaarten/trek/index.html": ["kaarten.js"],
        "kaarten/blijf-gesprek/index.html": ["kaarten.js"],
        "kaarten/printen/index.html": ["kaarten.js", "kennisplein-printen.js"],
        "kaarten/presenteren/index.html": ["kaarten.js", "kennisplein-presenteren.js"],
        "index.html": [],
    }
    # Where an address chooses the cards (a filter, a draw), they wait for kaarten.js, not the page.
    for name in ("kaarten/index.html", "kaarten/trek/index.html"):
        assert pages[name].find("script", attrs={"data-kp-toont": True})["data-src"].endswith("kaarten.js"), name


def test_the_scripts_that_cannot_wait_are_written_into_their_pages_not_fetched(built_site):
    inline = scripts.inline_scripts()
    for name, soup in site_pages(built_site):
        texts = [s.get_text() for s in soup.find_all("script", src=False)]
        assert [n for n, text in inline.items() if str(text) not in texts] == [], name
        first_card = str(scripts.page_script("presenteren-begin.js")) in texts
        assert first_card == (name == "kaarten/presenteren/index.html"), name
        fitting = str(scripts.page_script("kaartmaat.js")) in texts
        assert fitting == (name in ("kaarten/presenteren/index.html", "kaarten/printen/index.html")), name
    assert not [n for n in scripts.unpublished() if (built_site / scripts.SITE_PATH / n).exists()]
    with pytest.raises(scripts.ScriptError, match="kaarten.js: geen script om in een pagina te schrijven"):
        scripts.page_script("kaarten.js")


def test_a_tiny_script_that_would_end_its_own_script_element_stops_the_build(tmp_path):
    source = Path(shutil.copytree(scripts.SOURCE_DIR, tmp_path / "javascripts"))
    (source / "na-laden.js").write_text('document.write("</script>");\n', encoding="utf-8")
    with pytest.raises(scripts.ScriptError, match="na-laden.js: dit script komt in de pagina zelf"):
        scripts.inline_scripts(source)


def test_every_image_has_its_size(built_site):
    assert unsized_images(built_site) == []


# --- the bundler ---------------------------------------------------------------------------

@pytest.fixture
def sources(tmp_path) -> Path:
    return Path(shutil.copytree(stylesheets.SOURCE_DIR, tmp_path / "stylesheets"))


def test_a_font_face_without_swap_stops_the_build_naming_file_and_line(sources):
    file = sources / "kaarten.css"
    file.write_text("/* x */\n@font-face {\n  font-family: X;\n  src: url(../fonts/x.woff2);\n}\n" + file.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(stylesheets.StylesheetError) as error:
        stylesheets.build_bundles(sources)
    assert str(error.value).startswith("overrides/assets/stylesheets/kaarten.css:2: deze @font-face mist 'font-display: swap'")


def test_upright_faces_are_preloaded_in_order_italics_are_not(sources):
    file = sources / "kennisplein.css"
    faces = (
        '@font-face { font-family: A; src: url("../fonts/a.woff2") format("woff2"), url(../fonts/a.ttf); font-display: swap; }\n'
        '@font-face { font-family: A; font-style: italic; src: url(../fonts/a-italic.woff2); font-display: swap; }\n'
        '@font-face { font-family: A; font-weight: 700; src: url(../fonts/a-bold.woff2); font-display: swap; }\n'
    )
    file.write_text(faces + file.read_text(encoding="utf-8"), encoding="utf-8")
    bundle = stylesheets.build_bundles(sources)["kennisplein"]
    assert [(f.path, f.type) for f in bundle.preload][:2] == [
        ("assets/fonts/a.woff2", "font/woff2"), ("assets/fonts/a-bold.woff2", "font/woff2")]
    assert "a-italic" in bundle.css and not [f for f in bundle.preload if "italic" in f.path]


def test_a_changed_source_changes_the_bundles_address(sources):
    before = stylesheets.build_bundles(sources)["kennisplein"].path
    (sources / "toegankelijkheid.css").write_text(".kp-nieuw { color: red; }\n", encoding="utf-8")
    after = stylesheets.build_bundles(sources)["kennisplein"]
    assert after.path != before and ".kp-nieuw{color:red}" in after.css


# --- in the browser ------------------------------------------------------------------------

def test_without_javascript_the_page_shows_no_search_box_that_cannot_work(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(served_site + "kaarten/blijf-gesprek/")
        assert page.evaluate("document.documentElement.className") == "no-js"
        assert page.locator(".md-search__input").is_hidden()
        assert page.locator("article h1").is_visible()
    finally:
        context.close()


def test_with_javascript_the_first_paint_already_has_the_search_box(browser, served_site):
    """Material's bundle comes after the first paint; the head turns no-js into js before
    anything paints, so the search box does not pop into the header afterwards."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.route("**/bundle.*.min.js", lambda route: route.abort())  # Material never runs
        page.goto(served_site + "kaarten/blijf-gesprek/", wait_until="domcontentloaded")
        assert page.evaluate("document.documentElement.className") == "js"
        assert page.locator(".md-search__input").is_visible()
    finally:
        context.close()


def test_the_accessibility_script_runs_after_material(browser, served_site):
    """toegankelijkheid.js comes after Material's bundle (both after the first paint): it must
    find the scroll boxes Material puts around wide tables, and make them focusable."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(served_site + "toegankelijkheid/")
        wrap = page.locator(".md-typeset__scrollwrap").first
        wrap.wait_for()
        page.wait_for_function("document.querySelector('.md-typeset__scrollwrap').hasAttribute('data-kp-scrollbaar')")
        assert (wrap.get_attribute("tabindex"), wrap.get_attribute("role"), wrap.get_attribute("aria-label")) == ("0", "region", "Tabel")
    finally:
        context.close()


def test_the_measured_pages_load_without_an_error_or_a_missing_file(browser, served_site):
    """Lighthouse's best practices count every error in the console; a request that fails is
    one (Material fetched nieuw/sitemap.xml for the feed link, taking it for a language)."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None)
    try:
        for path in ("", "kaarten/", "kaarten/blijf-gesprek/", "sessies/2022-09-09-oost/"):
            page.goto(served_site + path, wait_until="networkidle")
        assert problems == []
    finally:
        context.close()
