"""The session guide (/sessie-houden/, data/draaiboek.yaml) as an A4 PDF of one or two pages,
laid out with print/draaiboek.html and the card stylesheet's open font, like the decks."""

from __future__ import annotations

from ..records import Site
from ..rendering import render_template
from ..sharing import absolute_url, editie_tekst

GUIDE_PDF = "downloads/sessie-houden.pdf"
GUIDE_FILE = GUIDE_PDF.removeprefix("downloads/")
MAX_PAGES = 2  # "one or two pages": tests/test_sessie_houden.py holds the PDF to it


def guide_html(site: Site, site_url: str) -> str:
    draaiboek = site.draaiboek
    return render_template(
        "print/draaiboek.html", draaiboek.url,
        draaiboek=draaiboek, site=site, editie=site.editie,
        editie_tekst=f"editie {editie_tekst(site.editie)}",
        adres=absolute_url(site_url, draaiboek.url) or "/" + draaiboek.url,
        kaarten_adres=absolute_url(site_url, "kaarten/") or "/kaarten/",
    )


def render_guide(site: Site, site_url: str) -> tuple[bytes, list]:
    from . import pdf  # WeasyPrint only when a PDF is laid out

    return pdf.render_pdf(guide_html(site, site_url), tagged=True), []
