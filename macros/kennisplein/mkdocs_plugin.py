"""The thin adapter between the content pipeline and MkDocs.

It loads the Site once per build, hands the generated pages to MkDocs as generated files,
swaps in their rendered bodies, and turns data problems into one readable Dutch report.
Everything it calls is plain Python that works without MkDocs.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from .pages import Page, pages, render
from .problems import DataError
from .rendering import outline
from .records import Site
from .site import build_site

log = logging.getLogger("mkdocs.plugins.kennisplein")


class KennispleinConfig(Config):
    data_dir = config_options.Type(str, default="data")


class KennispleinPlugin(BasePlugin[KennispleinConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.pages: dict[str, Page] = {}

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        try:
            self.site = build_site(root / self.config.data_dir, Path(config.docs_dir))
        except DataError as error:
            raise PluginError(
                "De gegevens in data/ bevatten fouten; de site is niet gebouwd.\n\n" + str(error)
            ) from None
        config.extra["kennisplein_editie"] = self.site.editie
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.site is not None
        self.pages = {}
        for page in pages(self.site):
            self.pages[page.src_uri] = page
            files.append(File.generated(config, page.src_uri, content=_front_matter(page)))
        return files

    def on_page_content(self, html: str, page, config, files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return html
        body = render(generated, self.site)
        # The body replaces what Markdown made, so its headings and anchors must replace
        # Markdown's too: for the table of contents and for MkDocs' anchor validation.
        ids, tokens = outline(body)
        page.toc = get_toc(tokens)
        page.present_anchor_ids = ids
        return body

    def on_page_context(self, context, page, config, nav):
        generated = self.pages.get(page.file.src_uri)
        context["kennisplein_pagina"] = generated
        return context


def _front_matter(page: Page) -> str:
    # JSON strings are valid YAML scalars, so any editor text is safely quoted here.
    return (
        "---\n"
        f"title: {json.dumps(page.titel, ensure_ascii=False)}\n"
        f"description: {json.dumps(page.beschrijving, ensure_ascii=False)}\n"
        f"kennisplein_soort: {page.soort}\n"
        "---\n"
    )
