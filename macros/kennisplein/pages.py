"""Site -> the generated pages: which exist, what each shows, and their HTML body.

Plain functions, no MkDocs: `pages(site)` lists every page with a typed context, and
`render(page, site)` lays it out with the templates in overrides/kennisplein/.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from . import sharing
from .my_cards import PAGE_URL as MIJN_KAARTEN_URL, mijn_kaarten_context
from .records import Aanbeveling, Aanpak, Correctie, Draaiboek, E, Kaart, Sessie, Site, Thema, Vindplaats
from .downloads.catalog import Download
from .downloads.faces import CARDS_PER_SHEET
from .downloads.guide import GUIDE_PDF
from .downloads.selection import PAGE_URL as PRINT_PAGE_URL, PrintenPagina, printen_context
from .nieuw import PAGE_URL as NIEUW_URL, NieuwPagina, nieuw_context
from .rendering import render_template
from .vocabularies import AANBEVELINGSOORTEN, ROLLEN, TIMER_MINUTEN


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
    in_zoekindex: bool = True  # False for pages that only repeat other pages' text


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
    adres: str  # permanent public address ('' when the site has no site_url)
    bronvermelding: str  # citation to copy into a slide or report
    qr: str | None  # the card's QR code as a data: URL (sharing.qr_data_url)
    editie: str  # edition date, in words
    site_naam: str


@dataclass(frozen=True)
class KaartenPagina:
    """The card browser and "Trek een kaart": every card, and the options of the filter."""

    kaarten: tuple[Kaart, ...]
    themas: tuple[Thema, ...]
    e: tuple[E, ...]
    sessies: tuple[Sessie, ...]  # sessions that produced cards, for the filter

    @property
    def aantal_met_e(self) -> int:
        """How many cards have an E at all: the E filter can only ever find those."""
        return sum(1 for k in self.kaarten if k.e)

    @property
    def uit_kaartenset(self) -> tuple[Kaart, ...]:
        """The cards whose text a source gives as the printed card set's wording."""
        return tuple(k for k in self.kaarten if k.uit_kaartenset)


@dataclass(frozen=True)
class SessiePagina:
    sessie: Sessie
    aanpak: Aanpak
    kaarten: dict[str, Kaart]  # card id -> card, for the habits' links
    vorige: Sessie | None
    volgende: Sessie | None
    onzekere_correcties: tuple[Correctie, ...] = ()  # editors' readings of damaged words shown here


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
    kaarten: dict[str, Kaart] = field(default_factory=dict)  # card id -> card, for habits quoted in a section


@dataclass(frozen=True)
class DownloadsPagina:
    downloads: tuple[Download, ...] = field(default_factory=tuple)
    editie: str = ""  # the edition date in words, e.g. "3 maart 2025"
    kaarten_per_vel: int = CARDS_PER_SHEET

    @property
    def groepen(self) -> dict[str, tuple[Download, ...]]:
        """The downloads by group, in the order they come."""
        groups: dict[str, list[Download]] = {}
        for download in self.downloads:
            groups.setdefault(download.groep, []).append(download)
        return {name: tuple(items) for name, items in groups.items()}


@dataclass(frozen=True)
class PresenterenPagina:
    """/kaarten/presenteren/: the print page's cards (printed fronts, QR codes) and the timer's choices."""

    kaarten: tuple  # downloads.selection.PrintCard, every card in the order of the set
    tekstmaten: tuple[str, ...]
    timer_minuten: tuple[int, ...]


@dataclass(frozen=True)
class SessieHoudenPagina:
    """/sessie-houden/: the guide, and its PDF when this build has one."""

    draaiboek: Draaiboek
    pdf: Download | None
    kaarten: int  # cards in the set
    themas: tuple[Thema, ...]  # for links to present or print one theme's cards


# --- the pages -----------------------------------------------------------------------------

def _related(kaart: Kaart, site: Site, limit: int = 4) -> tuple[Kaart, ...]:
    """Cards most like this one: shared keywords and roles weigh most, then the same theme.

    The same as sorting every other card by (score, number), without scoring every card (that
    grew with the square of the number of cards): cards that share a keyword or a session with
    this one are scored one by one; any other card scores only by its theme and roles, which
    is the same for all cards with that theme and those roles, so only the first few of each
    such group can make the list.
    """
    like = _likeness_index(site)
    words, roles, sessions = like.traits[kaart.id]
    # How many keywords and sessions each other card shares with this one, counted in C.
    shared_words = Counter(chain.from_iterable(map(like.by_word.__getitem__, words)))
    shared_sessions = Counter(chain.from_iterable(map(like.by_session.__getitem__, sessions)))
    near = (shared_words.keys() | shared_sessions.keys()) - {kaart.id}
    candidates = []  # (-score, number, card): numbers are unique, so cards are never compared
    for ident in near:
        other = site.kaart(ident)
        score = (3 * shared_words[ident] + shared_sessions[ident] + len(roles & like.traits[ident][1])
                 + 2 * (other.thema == kaart.thema))
        candidates.append((-score, other.nummer, other))
    candidates = heapq.nsmallest(limit, candidates, key=_score_and_number)
    # A group that scores below the last of these cannot make the list.
    bar = -candidates[-1][0] if len(candidates) == limit else -1
    for (thema, group_roles), group in like.groups.items():
        group_score = 2 * (thema == kaart.thema) + len(roles & group_roles)
        if group_score < bar:
            continue
        taken = 0
        for other in group:
            if other.id != kaart.id and other.id not in near:
                candidates.append((-group_score, other.nummer, other))
                taken += 1
                if taken == limit:
                    break
    return tuple(c[2] for c in heapq.nsmallest(limit, candidates, key=_score_and_number))


def _score_and_number(candidate: tuple) -> tuple[int, int]:
    return candidate[0], candidate[1]


@dataclass(frozen=True)
class _Likeness:
    by_word: dict[str, list[str]]  # keyword -> ids of the cards with it
    by_session: dict[str, list[str]]  # session id -> ids of its cards
    groups: dict[tuple[str, frozenset], list[Kaart]]  # (theme, roles) -> cards, in card order
    traits: dict[str, tuple[frozenset, frozenset, frozenset]]  # id -> keywords, roles, sessions


def _likeness_index(site: Site) -> _Likeness:
    def make() -> _Likeness:
        like = _Likeness({}, {}, {}, {})
        for k in sorted(site.kaarten, key=lambda k: k.nummer):
            like.traits[k.id] = (frozenset(k.trefwoorden), frozenset(k.voor), frozenset(k.sessies))
            for word in like.traits[k.id][0]:
                like.by_word.setdefault(word, []).append(k.id)
            for sessie in like.traits[k.id][2]:
                like.by_session.setdefault(sessie, []).append(k.id)
            like.groups.setdefault((k.thema, like.traits[k.id][1]), []).append(k)
        return like

    return site.derived("verwant", make)


def _neighbours(kaart: Kaart, site: Site) -> tuple[Kaart | None, Kaart | None]:
    """The cards before and after this one in its theme."""
    places = site.derived("plaats_in_thema", lambda: {
        k.id: i for thema in {k.thema for k in site.kaarten} for i, k in enumerate(site.kaarten_met_thema(thema))
    })
    same_theme = site.kaarten_met_thema(kaart.thema)
    index = places[kaart.id]
    return (same_theme[index - 1] if index > 0 else None,
            same_theme[index + 1] if index + 1 < len(same_theme) else None)


def kaart_page(kaart: Kaart, site: Site, site_url: str = "", site_naam: str = "") -> Page:
    vorige, volgende = _neighbours(kaart, site)
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
        vorige=vorige,
        volgende=volgende,
        adres=sharing.absolute_url(site_url, kaart.url),
        bronvermelding=sharing.citation(kaart, site, site_url, site_naam),
        qr=sharing.qr_data_url(kaart, site_url),
        editie=sharing.editie_tekst(site.editie),
        site_naam=site_naam,
    )
    return Page(f"kaarten/{kaart.id}.md", kaart.url, kaart.titel, kaart.tekst, "kaart.html", context, "kaart")


def uncertain_corrections(site: Site, document: str, record: Any) -> tuple[Correctie, ...]:
    """The corrections of `document` that are the editors' reading, not certain, and whose
    corrected words stand in the record's texts: the page must say they are a reading."""
    readings = [c for c in site.correcties if c.document == document and not c.zeker]
    if not readings:
        return ()
    texts = " ".join(_texts(record))
    return tuple(c for c in readings if c.correctie in texts)


def _texts(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _texts(getattr(value, name))


def sessie_page(sessie: Sessie, site: Site) -> Page:
    siblings = site.sessies_van_aanpak(sessie.aanpak)
    index = siblings.index(sessie)
    context = SessiePagina(
        sessie=sessie,
        aanpak=site.aanpak(sessie.aanpak),
        kaarten={g.kaart: site.kaart(g.kaart) for g in sessie.gewoontes if g.kaart},
        vorige=siblings[index - 1] if index > 0 else None,
        volgende=siblings[index + 1] if index + 1 < len(siblings) else None,
        onzekere_correcties=uncertain_corrections(site, sessie.herkomst.document, sessie),
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
    habits = (g for sectie in aanpak.secties for blok in sectie.inhoud for g in blok.gewoontes)
    context = AanpakPagina(
        aanpak=aanpak, sessies=site.sessies_van_aanpak(aanpak.id),
        kaarten={g.kaart: site.kaart(g.kaart) for g in habits if g.kaart},
    )
    return Page(f"aanpakken/{aanpak.id}.md", aanpak.url, aanpak.naam, aanpak.samenvatting, "aanpak.html", context, "aanpak")


def index_pages(site: Site, downloads: tuple[Download, ...] = ()) -> list[Page]:
    with_cards = tuple(s for s in site.sessies if site.kaarten_uit_sessie(s.id))
    all_cards = KaartenPagina(site.kaarten, site.themas, site.model.e, with_cards)
    return [
        Page("kaarten/index.md", "kaarten/", "Kaarten: Nieuwe Goede Gewoontes",
             f"{len(site.kaarten)} kaarten op deze site met nieuwe goede gewoontes: zoek en filter op thema, rol, E en sessie.",
             "kaarten.html", all_cards, "kaarten"),
        # "trek" is a reserved card id (vocabularies.GERESERVEERDE_IDS), so no card takes this URL.
        Page("kaarten/trek.md", "kaarten/trek/", "Trek een kaart",
             "Trek een willekeurige kaart uit de kaarten op deze site, of uit je eigen selectie, en praat erover met je team.",
             "trek.html", all_cards, "trek", in_zoekindex=False),
        Page("sessies/index.md", "sessies/", "Sessies",
             "Verslagen van de regionale en landelijke sessies van Goed Werk en van bijeenkomsten van andere programma's.",
             "sessies.html", SessiesPagina(tuple(
                 SessieGroep(a, site.sessies_van_aanpak(a.id)) for a in site.aanpakken if site.sessies_van_aanpak(a.id)
             )), "sessies"),
        Page("themas/index.md", "themas/", "Thema's",
             "De thema's van goed werk: " + _and([t.naam.lower() for t in site.themas]) + ".",
             "themas.html", ThemasPagina(site.themas, {t.id: len(site.kaarten_met_thema(t.id)) for t in site.themas}), "themas"),
        Page("model/index.md", "model/", site.model.titel,
             "De drie E's van goed werk: " + _and([e.naam.lower() for e in site.model.e]) + ", in de woorden van elke bron.",
             "model.html", site.model, "model"),
        Page("aanbevelingen/index.md", "aanbevelingen/", "Aanbevelingen",
             "Aanbevelingen voor de praktijk en voor landelijk beleid uit het eindverslag Goed Werk, en het advies voor de toekomst uit het rapport Iedereen wil goed werk leveren.",
             "aanbevelingen.html", AanbevelingenPagina(tuple(
                 AanbevelingGroep(soort, titel, site.aanbevelingen_van_soort(soort))
                 for soort, titel in AANBEVELINGSOORTEN.items() if site.aanbevelingen_van_soort(soort)
             )), "aanbevelingen"),
        Page("aanpakken/index.md", "aanpakken/", "Aanpakken en programma's",
             "Programma's en aanpakken rond goed werk: " + _and([a.naam for a in site.aanpakken]) + ".",
             "aanpakken.html", site.aanpakken, "aanpakken"),
        Page("bronnen/index.md", "bronnen/", "Bronnen",
             "De brondocumenten van deze site en alle publicaties, boeken, artikelen, video's en podcasts die zij noemen.",
             "bronnen.html", site, "bronnen"),
        Page("downloads/index.md", "downloads/", "Downloads",
             "Kaartensets om te printen en open data van het Kennisplein Goed Werk.",
             "downloads.html", DownloadsPagina(downloads, sharing.editie_tekst(site.editie)), "downloads"),
    ]


def _and(items: list[str]) -> str:
    """'a, b en c'."""
    return ", ".join(items[:-1]) + " en " + items[-1] if len(items) > 1 else "".join(items)


def pages(site: Site, downloads: tuple[Download, ...] = (), *, site_url: str = "", site_naam: str = "",
          nieuw: NieuwPagina | None = None) -> list[Page]:
    """Every generated page of the site; `site_url` (the public address) makes permanent links.
    `nieuw` dates the cards for /nieuw/ (nieuw.py); without it they have the edition's date."""
    result = index_pages(site, downloads)
    result.append(nieuw_page(nieuw or nieuw_context(site, None)))
    result += [kaart_page(k, site, site_url, site_naam) for k in site.kaarten]
    result += [sessie_page(s, site) for s in site.sessies]
    result += [thema_page(t, site) for t in site.themas]
    result += [aanpak_page(a, site) for a in site.aanpakken]
    printed = printen_context(site, site_url)  # the print page's cards, also presented
    result.append(printen_page(site, site_url, printed))
    result.append(presenteren_page(site, site_url, printed))
    result.append(mijn_kaarten_page(site, site_url))
    if site.draaiboek:
        result.append(sessie_houden_page(site, downloads))
    return result


def nieuw_page(context: NieuwPagina) -> Page:
    # Only lists what other pages hold: out of the site search.
    return Page("nieuw/index.md", NIEUW_URL, "Nieuw",
                "De nieuwste sessieverslagen en kaarten van het Kennisplein Goed Werk, met hun datum, en een Atom-feed om ze te volgen.",
                "nieuw.html", context, "nieuw", in_zoekindex=False)


def printen_page(site: Site, site_url: str = "", printed: PrintenPagina | None = None) -> Page:
    # "printen" is a reserved card id (vocabularies.GERESERVEERDE_IDS), so no card takes this URL.
    return Page("kaarten/printen.md", PRINT_PAGE_URL, "Kaarten printen",
                "Print je eigen keuze uit de kaarten op deze site, met voor- en achterkant, op A4.",
                "printen.html", printed or printen_context(site, site_url), "printen", in_zoekindex=False)


def presenteren_page(site: Site, site_url: str = "", printed: PrintenPagina | None = None) -> Page:
    # "presenteren" is a reserved card id (vocabularies.GERESERVEERDE_IDS). The page
    # takes the print page's cards: the same printed fronts, the same QR codes.
    printed = printed or printen_context(site, site_url)
    return Page("kaarten/presenteren.md", "kaarten/presenteren/", "Kaarten presenteren",
                "Laat de kaarten van de set Nieuwe Goede Gewoontes één voor één zien op een groot scherm, "
                "zoals in een teamoverleg of een training.",
                "presenteren.html", PresenterenPagina(printed.kaarten, printed.tekstmaten, TIMER_MINUTEN),
                "presenteren", in_zoekindex=False)


def mijn_kaarten_page(site: Site, site_url: str = "") -> Page:
    # "mijn" is a reserved card id (vocabularies.GERESERVEERDE_IDS).
    return Page("kaarten/mijn.md", MIJN_KAARTEN_URL, "Mijn kaarten",
                "De kaarten die je zelf hebt gemarkeerd, met je notities: alleen bewaard in je eigen browser.",
                "mijn.html", mijn_kaarten_context(site, site_url), "mijn", in_zoekindex=False)


def sessie_houden_page(site: Site, downloads: tuple[Download, ...] = ()) -> Page:
    draaiboek = site.draaiboek
    pdf = next((d for d in downloads if d.bestand == GUIDE_PDF), None)
    return Page("sessie-houden.md", draaiboek.url, draaiboek.titel, draaiboek.samenvatting,
                "sessie-houden.html", SessieHoudenPagina(draaiboek, pdf, len(site.kaarten), site.themas), "sessie-houden")


def render(page: Page, site: Site) -> str:
    """The HTML body of a generated page."""
    return render_template(page.template, page.url, page=page, p=page.context, site=site)
