"""The thin adapter between the content pipeline and MkDocs.

It loads the Site once per build, hands the generated pages and files to MkDocs (each page
as a `GeneratedPage` that renders its body from the Site), and turns data problems into one
readable Dutch report. Everything it calls is plain Python that works without MkDocs.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from . import caching, checkout, compiled, fragments, my_cards, nieuw, permalinks, qr, scripts, stylesheets
from .downloads.catalog import build_downloads
from .paths import SCHEMAS
from .pages import Page, pages, render
from .problems import DataError, Problem, report
from .rendering import has_search_cuts, keep_compiled, outline, searchable, shown
from .records import Site
from .site import build_site
from . import offline
from .vocabularies import FILTERVELDEN, IMAGE_FOLDER, MIJN_KAARTEN_NOTITIE_MAX, MIJN_KAARTEN_STATUSSEN

log = logging.getLogger("mkdocs.plugins.kennisplein")


class KennispleinConfig(Config):
    data_dir = config_options.Type(str, default="data")
    # The list of every URL the site ever published; by default next to the data folder, so a
    # build of other data (tests, benchmarks) keeps its own list.
    adressen = config_options.Optional(config_options.Type(str))
    # What is kept between builds: PDFs (so unchanged decks are not laid out again) in
    # downloads/, and the cards' QR codes. By default outside the checkout (caching.py).
    cache = config_options.Optional(config_options.Type(str))
    # false: lay out no PDF that is not in the cache (`make bench` times the pages on their own).
    pdf = config_options.Type(bool, default=True)


class GeneratedPage(MkDocsPage):
    """A page the content pipeline makes: title, description and body come from a `Page` of
    pages.py, rendered from the Site. There is no Markdown to read or convert: MkDocs would set
    up a Markdown converter for every page, which cost more than rendering the body itself."""

    def __init__(self, generated: Page, site: Site, file: File, config, menu_title: str | None) -> None:
        # In the menu under the menu's name: MkDocs leaves a page made by a plugin as it is.
        super().__init__(menu_title, file, config)
        self.generated = generated
        self.site = site

    def read_source(self, config) -> None:
        self.markdown = ""
        self.meta = {"title": self.generated.titel, "description": self.generated.beschrijving,
                     "kennisplein_soort": self.generated.soort}
        if not self.generated.in_zoekindex:
            self.meta["search"] = {"exclude": True}

    def render(self, config, files) -> None:
        self.content = render(self.generated, self.site)
        # Headings and ids for the table of contents and for MkDocs' anchor validation
        # (which runs after every page is built).
        ids, tokens = outline(self.content)
        self.toc = get_toc(tokens)
        self.present_anchor_ids = ids


class KennispleinPlugin(BasePlugin[KennispleinConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.serving = False
        self.data_dir: Path | None = None
        self.adressen_pad: Path | None = None
        self.adressen: set[str] = set()
        self.cache: Path | None = None
        self.stylesheets: dict[str, stylesheets.Bundle] = {}
        self.scripts: dict[str, Markup] = {}
        self.compiled: compiled.SealedBytecodeCache | None = None

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        self.adressen_pad = root / self.config.adressen if self.config.adressen else data_dir.resolve().parent / permalinks.LIST_NAME
        self.data_dir = data_dir
        self.cache = root / self.config.cache if self.config.cache else caching.directory(root)
        problems = []
        linked = checkout.code_problems()
        if linked:
            raise PluginError("De site is niet gebouwd.\n\n" + report(linked))
        try:
            self.site = build_site(data_dir, Path(config.docs_dir))
        except DataError as error:
            if not (self.serving and self.site):
                raise PluginError(
                    "De gegevens in data/ bevatten fouten; de site is niet gebouwd.\n\n" + str(error)
                    + ("\n\nLos de fouten op en start de server opnieuw." if self.serving else "")
                ) from None
            # While serving, a mistake must not stop the server: keep the last good site, and
            # show the problems in the terminal and at the top of every page until they are fixed.
            problems = [str(p) for p in error.problems]
            print(serving_report(error.problems), file=sys.stderr, flush=True)
            # Its records, but nothing derived from an earlier build (such as tiles drawn with
            # templates that may have been edited since).
            self.site = dataclasses.replace(self.site)
        # One cache of compiled templates for our environment and the theme's (on_env).
        self.compiled = compiled.SealedBytecodeCache(self.cache / "sjablonen")
        keep_compiled(self.compiled)
        try:
            self.stylesheets = stylesheets.build_bundles()
            self.scripts = scripts.inline_scripts()
        except (stylesheets.StylesheetError, scripts.ScriptError) as error:
            raise PluginError(str(error)) from None
        config.extra["kennisplein_fouten"] = problems
        config.extra["kennisplein_editie"] = self.site.editie
        config.extra["kennisplein_filtervelden"] = FILTERVELDEN  # the head waits for a filtered link
        # For the Mijn kaarten script, as [id, words] pairs: a JSON object would lose the order.
        config.extra["kennisplein_mijn_statussen"] = [list(item) for item in MIJN_KAARTEN_STATUSSEN.items()]
        config.extra["kennisplein_mijn_notitie_max"] = MIJN_KAARTEN_NOTITIE_MAX
        config.extra["kennisplein_mijn_sleutel"] = my_cards.STORE_KEY
        # The offline copy (service worker) only for a built site: a preview must never be
        # answered from a cache.
        config.extra["kennisplein_offline"] = not self.serving
        if not self.serving:
            # What exists now (the records, the schemas, the modules) lives until the build
            # ends: the garbage collector need not go through it again on every full round.
            # Thawed when the build ends (on_post_build, on_build_error), so a process that
            # builds more than once (the tests) collects as usual.
            gc.freeze()
        return config

    def on_startup(self, command, dirty) -> None:
        # Having this hook also keeps one plugin object for every rebuild of `mkdocs serve`.
        self.serving = command == "serve"

    def on_serve(self, server, config, builder):
        server.watch(str(self.data_dir))  # also when KENNISPLEIN_DATA points elsewhere
        return server

    def on_files(self, files: Files, config) -> Files:
        with qr.kept_in(self.cache):
            return self._add_files(files, config)

    def _add_files(self, files: Files, config) -> Files:
        assert self.site is not None and self.cache is not None
        _leave_out_unpublishable(files, Path(config.docs_dir))
        # Our stylesheets: the bundles instead of their sources (see stylesheets.py); the tiny
        # scripts are written into the pages (scripts.py).
        sources = [f"{stylesheets.SITE_PATH}/{name}" for name in stylesheets.source_files()]
        sources += [f"{scripts.SITE_PATH}/{name}" for name in scripts.unpublished()]
        for path in sources:
            source = files.get_file_from_path(path)
            if source is not None:
                files.remove(source)
        for bundle in self.stylesheets.values():
            files.append(File.generated(config, bundle.path, content=bundle.css))
        for schema in sorted(SCHEMAS.glob("*.schema.json")):  # for editors' tools: /schemas/
            files.append(File.generated(config, f"schemas/{schema.name}", abs_src_path=str(schema)))
        downloads = build_downloads(self.site, config.site_url or "", self.cache / "downloads", render_pdfs=self.config.pdf and not self.serving)
        for problem in downloads.problems:
            log.warning(problem)
        if downloads.skipped:
            log.info("%d PDF's zijn niet opnieuw gemaakt: dat doet 'make build'.", len(downloads.skipped))
        for download in downloads.files:
            files.append(File.generated(config, download.path, content=download.content))
        menu = _menu_titles(config.nav)
        new = nieuw.nieuw_context(self.site, nieuw.first_seen(self.data_dir))
        files.append(File.generated(config, nieuw.FEED_PATH, content=nieuw.atom_feed(new, config.site_url or "", config.site_name)))
        for page in pages(self.site, downloads.listed, site_url=config.site_url or "", site_naam=config.site_name, nieuw=new):
            file = File.generated(config, page.src_uri, content="")
            GeneratedPage(page, self.site, file, config, menu.get(page.src_uri))  # becomes file.page, as Material's blog posts do
            files.append(file)
        for generated in permalinks.redirect_files(self.site, config.site_url or ""):
            files.append(File.generated(config, generated.path, content=generated.content))
        return files

    def on_nav(self, nav, config, files: Files):
        # After every plugin's on_files: the URLs this build makes, pages and redirects alike.
        current = {permalinks.site_path(f.url) for f in files.documentation_pages()}
        current |= {permalinks.site_path(r.oud) for r in permalinks.redirects(self.site)}
        try:
            self.adressen = permalinks.check(self.adressen_pad, current)
        except (permalinks.MissingUrlsError, permalinks.PublishedListError) as error:
            raise PluginError(str(error)) from None
        return nav

    def on_build_error(self, error) -> None:
        gc.unfreeze()

    def on_post_build(self, config) -> None:
        gc.unfreeze()
        if not self.serving:
            # What the service worker keeps, read from the pages as they were written.
            site_dir = Path(config.site_dir)
            (site_dir / offline.MANIFEST).write_bytes(offline.manifest(site_dir, self.site))
        if permalinks.write_list(self.adressen_pad, self.adressen):
            log.info("Nieuwe webadressen toegevoegd aan %s", self.adressen_pad.name)

    def on_env(self, env, config, files):
        fragments.install(env, config.theme.dirs)
        env.bytecode_cache = self.compiled
        return env

    @event_priority(50)  # before Material's search plugin reads page.content
    def on_page_context(self, context, page, config, nav):
        context["kennisplein_pagina"] = page.generated if isinstance(page, GeneratedPage) else None
        context["kennisplein_stijl"] = self.stylesheets[stylesheets.bundle_for(page.meta.get("kennisplein_soort"))]
        context["kennisplein_scripts"] = self.scripts
        context["kennisplein_menu_sleutel"] = key = _menu_key(page, nav)
        context["kennisplein_inhoudsopgave_sleutel"] = (key, _toc_key(page.toc)) if key else None
        excluded = (page.meta.get("search") or {}).get("exclude")
        if excluded or has_search_cuts(page.content or ""):
            # The page (also a Markdown page with the kaarten() macro) shows all of it, the
            # search sees less (nothing of a page it leaves out, which it would still comb
            # through: 50 ms for /kaarten/printen/ at 1,000 cards); other pages stay exactly
            # as MkDocs and Material make them.
            context["kennisplein_inhoud"] = Markup(shown(page.content or ""))
            page.content = "" if excluded else searchable(page.content)
        return context

    def on_template_context(self, context, template_name, config):
        # Pages that are not documents, such as 404.html: the stylesheet every page has.
        context["kennisplein_stijl"] = self.stylesheets[stylesheets.bundle_for(None)]
        context["kennisplein_scripts"] = self.scripts
        return context


def _leave_out_unpublishable(files: Files, docs_dir: Path) -> None:
    """Files of docs/ that the check refuses (checkout.py) never reach the site, also while
    `mkdocs serve` keeps running on data with mistakes: no file through a symbolic link, and
    in afbeeldingen/ only the images that pass."""
    images = checkout.published_images(docs_dir)
    docs = docs_dir.resolve()
    for file in list(files):
        if file.generated or not file.abs_src_path:
            continue
        source = Path(file.abs_src_path)
        linked = any(part.is_symlink() for part in (source, *source.parents) if part.is_relative_to(docs_dir))
        image = file.src_uri.startswith(f"{IMAGE_FOLDER}/") and file.src_uri.removeprefix(f"{IMAGE_FOLDER}/") not in images
        if linked or image or not source.resolve().is_relative_to(docs):
            files.remove(file)


def _menu_titles(nav) -> dict[str, str]:
    """Page path -> its name in mkdocs.yml's nav."""
    titles: dict[str, str] = {}
    for item in nav or []:
        for title, value in (item.items() if isinstance(item, dict) else ()):
            if isinstance(value, str):
                titles[value] = title
            elif isinstance(value, list):
                titles |= _menu_titles(value)
    return titles


# The pages of a record, many of one kind in one folder (every card in kaarten/): nothing in
# the theme's menu, header, footer or scripts links to one of them, so those parts are the
# same, to the byte, for every page of the folder. A page they do link to (Bijdragen from the
# footer, Mijn kaarten from the scripts) would get "./" there instead.
SHARED_PARTS_KINDS = frozenset({"kaart", "sessie", "thema", "aanpak"})


def _menu_key(page, nav) -> str | None:
    """The key under which the theme's parts are drawn once (fragments.py) for the record
    pages of one folder, outside the menu. None: the page draws its own."""
    if page.meta.get("kennisplein_soort") not in SHARED_PARTS_KINDS:
        return None
    if page in nav.pages or any(p.url.startswith(page.url) for p in nav.pages):
        return None
    return page.url.rstrip("/").rpartition("/")[0] + "/"


def _toc_key(toc) -> tuple:
    """A page's table of contents as a value: pages with the same headings draw the same one."""
    return tuple((item.url, item.title, item.level, _toc_key(item.children)) for item in toc)


def serving_report(problems: list[Problem]) -> str:
    """What `mkdocs serve` prints when a saved file has mistakes: the report, and what happens now."""
    rule = "─" * 78
    lines = report(problems).splitlines()[:-1]  # without "the site was not built": it still runs
    return "\n".join([
        rule, "FOUT IN DE GEGEVENS. De server draait door en toont de laatste versie zonder fouten.",
        "", *lines,
        "Verbeter het bestand en sla het op; de site wordt dan vanzelf opnieuw gebouwd.", rule,
    ])
