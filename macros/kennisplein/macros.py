"""Macros for the hand-written pages in docs/ (mkdocs-macros, opt-in per page).

They read the same Site the generated pages use, loaded once by the kennisplein plugin.
"""

from __future__ import annotations

from markupsafe import Markup

from . import guide
from .sharing import editie_tekst
from .vocabularies import AFKORTINGEN
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
        """De datum van de editie van de gegevens, in woorden: '26 november 2026'."""
        return editie_tekst(site().editie)

    @env.macro
    def versie() -> str:
        """De versie van de gegevens: een korte code die met elke wijziging in data/ verandert."""
        return site().editie.versie

    @env.macro
    def afkortingen() -> Markup:
        """De afkortingen die de bronnen gebruiken, met hun betekenis (vocabularies.AFKORTINGEN)."""
        return Markup(render_template("macro_afkortingen.html", page_url(), site=site(), afkortingen=AFKORTINGEN))

    @env.macro
    def startdeuren() -> Markup:
        """De drie ingangen van de startpagina: kaarten, voor trainers, sessies."""
        return Markup(render_template("macro_startdeuren.html", page_url(), site=site()))

    @env.macro
    def bijdragen() -> str:
        """De handleiding voor de redactie (CONTRIBUTING.md), als Markdown voor de pagina Bijdragen."""
        return guide.site_markdown(repo_url=env.conf.get("repo_url"))
