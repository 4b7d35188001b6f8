"""Where things are in the repository: the one module that knows the folder layout.

The package lives in macros/kennisplein/ of a checkout (installed editable, see pyproject.toml),
so the repository root is two folders up. Every other module asks here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # macros/kennisplein/
ROOT = PACKAGE.parents[1]

DATA = ROOT / "data"  # the editors' YAML files (the default; mkdocs.yml may name another)
DOCS = ROOT / "docs"  # hand-written pages
SCHEMAS = ROOT / "macros" / "schemas"  # the JSON Schemas of the data files
SOURCE_DOCUMENTS = ROOT / "brondocumenten"  # the five source texts, <document id>.txt
OVERRIDES = ROOT / "overrides"  # Material overrides, our page templates, CSS and JavaScript
PAGE_TEMPLATES = OVERRIDES / "kennisplein"  # body templates of the generated pages
PRINT_TEMPLATES = PAGE_TEMPLATES / "print"  # the PDF decks and the overview
STYLESHEETS = OVERRIDES / "assets" / "stylesheets"
JAVASCRIPTS = OVERRIDES / "assets" / "javascripts"
PACKAGE_TEMPLATES = PACKAGE / "templates"  # new data files, the guide's parts, the CI summary
GUIDE = ROOT / "CONTRIBUTING.md"
PUBLISHED_URLS = "gepubliceerde-adressen.txt"  # beside the data folder
