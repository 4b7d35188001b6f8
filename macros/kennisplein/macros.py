"""Macros for the hand-written pages in docs/ (mkdocs-macros, opt-in per page).

They read the same Site the generated pages use, loaded once by the kennisplein plugin.
"""

from __future__ import annotations

from markupsafe import Markup

from . import guide
from .records import Site
from .rendering import render_template


def define_env(env) -> None:
    def site() -> Site:
        return env.conf.plugins["kennisplein"].site

    def page_url() -> str:
        return env.page.url if env.page else ""

    @env.macro
    def aantal(soort: str) -> int:
        """Hoeveel kaarten, sessies, thema's, aanbevelingen, aanpakken of bronnen er zijn."""
        return len(getattr(site(), soort))

    @env.macro
    def kaart(ident: str) -> Markup:
        """Eén kaart als tegel, met een link naar de kaartpagina."""
        return Markup(render_template("macro_kaarten.html", page_url(), site=site(), kaarten=(site().kaart(ident),)))

    @env.macro
    def kaarten(ids: list[str] | None = None, thema: str | None = None, aantal: int | None = None) -> Markup:
        """Kaarten als tegels: de genoemde ids, of alle (van één thema); eventueel de eerste `aantal`."""
        if ids:
            selectie = tuple(site().kaart(i) for i in ids)
        else:
            selectie = site().kaarten_met_thema(thema) if thema else site().kaarten
        return Markup(render_template("macro_kaarten.html", page_url(), site=site(), kaarten=selectie[:aantal]))

    @env.macro
    def sessies(aanpak: str | None = None) -> Markup:
        """De sessies als lijst met datum en plaats: alle, of die van één aanpak."""
        selectie = site().sessies_van_aanpak(aanpak) if aanpak else site().sessies
        return Markup(render_template("macro_sessies.html", page_url(), site=site(), sessies=selectie))

    @env.macro
    def themas() -> Markup:
        """De drie thema's met hun omschrijving."""
        return Markup(render_template("macro_themas.html", page_url(), site=site(), themas=site().themas))

    @env.macro
    def editie() -> str:
        """De editie van de gegevens: datum en versie."""
        e = site().editie
        return f"{e.datum} (versie {e.versie})"

    @env.macro
    def bijdragen() -> str:
        """De handleiding voor de redactie (CONTRIBUTING.md), als Markdown voor de pagina Bijdragen."""
        return guide.site_markdown()
