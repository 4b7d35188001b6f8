"""Site -> the generated pages: which exist, what each shows, and their HTML body.

Plain functions, no MkDocs: `pages(site)` lists every page with a typed context, and
`render(page, site)` lays it out with the templates in overrides/kennisplein/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .records import Aanbeveling, Aanpak, E, Kaart, Sessie, Site, Thema, Vindplaats
from .rendering import render_template
from .vocabularies import AANBEVELINGSOORTEN, ROLLEN


@dataclass(frozen=True)
class Page:
    """One generated page: where it lives, its title and description, and what it shows."""

    src_uri: str  # e.g. "kaarten/blijf-gesprek.md"; MkDocs serves it at `url`
    url: str  # e.g. "kaarten/blijf-gesprek/"
    titel: str
    beschrijving: str  # plain text for <meta name="description"> and link previews
    template: str  # body template in overrides/kennisplein/
    context: Any
    soort: str  # "kaart", "sessie", ... : the page kind, also a CSS hook


# --- contexts (what each template receives) ------------------------------------------------

@dataclass(frozen=True)
class Bronplaats:
    """A card's wording at one place, with the session it comes from (if any)."""

    vindplaats: Vindplaats
    sessie: Sessie | None


@dataclass(frozen=True)
class KaartPagina:
    kaart: Kaart
    thema: Thema
    e: tuple[E, ...]
    rollen: tuple[str, ...]
    bronplaatsen: tuple[Bronplaats, ...]
    aanbevelingen: tuple[Aanbeveling, ...]
    gerelateerd: tuple[Kaart, ...]
    vorige: Kaart | None
    volgende: Kaart | None


@dataclass(frozen=True)
class KaartenPagina:
    kaarten: tuple[Kaart, ...]
    themas: tuple[Thema, ...]
    e: tuple[E, ...]
    sessies: tuple[Sessie, ...]  # sessions that produced cards, for the filter


@dataclass(frozen=True)
class SessiePagina:
    sessie: Sessie
    aanpak: Aanpak
    kaarten: dict[str, Kaart]  # card id -> card, for the habits' links
    vorige: Sessie | None
    volgende: Sessie | None


@dataclass(frozen=True)
class SessieGroep:
    aanpak: Aanpak
    sessies: tuple[Sessie, ...]


@dataclass(frozen=True)
class SessiesPagina:
    groepen: tuple[SessieGroep, ...]


@dataclass(frozen=True)
class ThemaPagina:
    thema: Thema
    kaarten: tuple[Kaart, ...]
    aanbevelingen: tuple[Aanbeveling, ...]


@dataclass(frozen=True)
class ThemasPagina:
    themas: tuple[Thema, ...]
    aantallen: dict[str, int]  # theme id -> number of cards


@dataclass(frozen=True)
class AanbevelingGroep:
    soort: str
    titel: str
    aanbevelingen: tuple[Aanbeveling, ...]


@dataclass(frozen=True)
class AanbevelingenPagina:
    groepen: tuple[AanbevelingGroep, ...]


@dataclass(frozen=True)
class AanpakPagina:
    aanpak: Aanpak
    sessies: tuple[Sessie, ...]


@dataclass(frozen=True)
class Download:
    """One downloadable file, as the downloads page lists it."""

    bestand: str  # path under the site root, e.g. "downloads/kaarten.csv"
    titel: str
    omschrijving: str
    formaat: str
    grootte: int  # bytes


@dataclass(frozen=True)
class DownloadsPagina:
    downloads: tuple[Download, ...] = field(default_factory=tuple)


# --- the pages -----------------------------------------------------------------------------

def _related(kaart: Kaart, site: Site, limit: int = 4) -> tuple[Kaart, ...]:
    """Cards most like this one: shared keywords and roles weigh most, then the same theme."""
    def score(other: Kaart) -> tuple:
        shared_words = len(set(kaart.trefwoorden) & set(other.trefwoorden))
        shared_roles = len(set(kaart.voor) & set(other.voor))
        shared_sessions = len(set(kaart.sessies) & set(other.sessies))
        return (-(3 * shared_words + 2 * (other.thema == kaart.thema) + shared_roles + shared_sessions), other.nummer)

    others = [k for k in site.kaarten if k.id != kaart.id]
    return tuple(sorted(others, key=score)[:limit])


def kaart_page(kaart: Kaart, site: Site) -> Page:
    same_theme = site.kaarten_met_thema(kaart.thema)
    index = same_theme.index(kaart)
    context = KaartPagina(
        kaart=kaart,
        thema=site.thema(kaart.thema),
        e=tuple(site.e(e) for e in kaart.e),
        rollen=tuple(ROLLEN[r] for r in kaart.voor),
        bronplaatsen=tuple(
            Bronplaats(v, site.sessie(v.sessie) if v.sessie else None) for v in kaart.vindplaatsen
        ),
        aanbevelingen=site.aanbevelingen_voor_kaart(kaart.id),
        gerelateerd=_related(kaart, site),
        vorige=same_theme[index - 1] if index > 0 else None,
        volgende=same_theme[index + 1] if index + 1 < len(same_theme) else None,
    )
    return Page(f"kaarten/{kaart.id}.md", kaart.url, kaart.titel, kaart.tekst, "kaart.html", context, "kaart")


def sessie_page(sessie: Sessie, site: Site) -> Page:
    siblings = site.sessies_van_aanpak(sessie.aanpak)
    index = siblings.index(sessie)
    context = SessiePagina(
        sessie=sessie,
        aanpak=site.aanpak(sessie.aanpak),
        kaarten={g.kaart: site.kaart(g.kaart) for g in sessie.gewoontes if g.kaart},
        vorige=siblings[index - 1] if index > 0 else None,
        volgende=siblings[index + 1] if index + 1 < len(siblings) else None,
    )
    parts = [sessie.datum.kort if sessie.datum else None, sessie.locatie.tekst if sessie.locatie else None]
    where = ", ".join(p for p in parts if p)
    description = f"Verslag van {sessie.titel}" + (f" ({where})" if where else "") + f", {site.aanpak(sessie.aanpak).naam}."
    return Page(f"sessies/{sessie.id}.md", sessie.url, sessie.titel, description, "sessie.html", context, "sessie")


def thema_page(thema: Thema, site: Site) -> Page:
    context = ThemaPagina(
        thema=thema,
        kaarten=site.kaarten_met_thema(thema.id),
        aanbevelingen=tuple(a for a in site.aanbevelingen if thema.id in a.themas),
    )
    return Page(f"themas/{thema.id}.md", thema.url, thema.naam, thema.omschrijving, "thema.html", context, "thema")


def aanpak_page(aanpak: Aanpak, site: Site) -> Page:
    context = AanpakPagina(aanpak=aanpak, sessies=site.sessies_van_aanpak(aanpak.id))
    return Page(f"aanpakken/{aanpak.id}.md", aanpak.url, aanpak.naam, aanpak.samenvatting, "aanpak.html", context, "aanpak")


def index_pages(site: Site, downloads: tuple[Download, ...] = ()) -> list[Page]:
    with_cards = tuple(s for s in site.sessies if site.kaarten_uit_sessie(s.id))
    return [
        Page("kaarten/index.md", "kaarten/", "Kaarten: Nieuwe Goede Gewoontes",
             f"Alle {len(site.kaarten)} kaarten van de set Nieuwe Goede Gewoontes: zoek en filter op thema, rol, E en sessie.",
             "kaarten.html", KaartenPagina(site.kaarten, site.themas, site.model.e, with_cards), "kaarten"),
        Page("sessies/index.md", "sessies/", "Sessies",
             "Verslagen van de regionale en landelijke sessies van Goed Werk en van bijeenkomsten van andere programma's.",
             "sessies.html", SessiesPagina(tuple(
                 SessieGroep(a, site.sessies_van_aanpak(a.id)) for a in site.aanpakken if site.sessies_van_aanpak(a.id)
             )), "sessies"),
        Page("themas/index.md", "themas/", "Thema's",
             "De drie thema's van goed werk: reflectie, teamwerk en goed werkgeverschap.",
             "themas.html", ThemasPagina(site.themas, {t.id: len(site.kaarten_met_thema(t.id)) for t in site.themas}), "themas"),
        Page("model/index.md", "model/", site.model.titel,
             "Het model van Goed Werk: excellentie, ethiek en energie, in de woorden van elke bron.",
             "model.html", site.model, "model"),
        Page("aanbevelingen/index.md", "aanbevelingen/", "Aanbevelingen",
             "Aanbevelingen voor de praktijk en voor landelijk beleid uit het eindverslag Goed Werk.",
             "aanbevelingen.html", AanbevelingenPagina(tuple(
                 AanbevelingGroep(soort, titel, site.aanbevelingen_van_soort(soort))
                 for soort, titel in AANBEVELINGSOORTEN.items() if site.aanbevelingen_van_soort(soort)
             )), "aanbevelingen"),
        Page("aanpakken/index.md", "aanpakken/", "Aanpakken en programma's",
             "Programma's rond goed werk: het traject Goed Werk, de dialoogsessies, Stichting Beroepseer, Sigra en deRotterdamseZorg.",
             "aanpakken.html", site.aanpakken, "aanpakken"),
        Page("bronnen/index.md", "bronnen/", "Bronnen",
             "De brondocumenten van deze site en alle publicaties, boeken, artikelen, video's en podcasts die zij noemen.",
             "bronnen.html", site, "bronnen"),
        Page("downloads/index.md", "downloads/", "Downloads",
             "Kaartensets om te printen en open data van het Kennisplein Goed Werk.",
             "downloads.html", DownloadsPagina(downloads), "downloads"),
    ]


def pages(site: Site, downloads: tuple[Download, ...] = ()) -> list[Page]:
    """Every generated page of the site."""
    result = index_pages(site, downloads)
    result += [kaart_page(k, site) for k in site.kaarten]
    result += [sessie_page(s, site) for s in site.sessies]
    result += [thema_page(t, site) for t in site.themas]
    result += [aanpak_page(a, site) for a in site.aanpakken]
    return result


def render(page: Page, site: Site) -> str:
    """The HTML body of a generated page."""
    return render_template(page.template, page.url, page=page, p=page.context, site=site)
