"""The records the site is made of: frozen, checked, and free of raw YAML.

Field names are the editors' Dutch names (see the JSON Schemas in macros/schemas/ for what
each field means). References between records are ids; `Site` resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from .vocabularies import MAANDEN, ROLLEN, WEEKDAGEN

import datetime as dt


@dataclass(frozen=True, order=True)
class Datum:
    """A date as precise as the source gives it: a year, a month or a day."""

    jaar: int
    maand: int | None = None
    dag: int | None = None

    @classmethod
    def parse(cls, text: str) -> "Datum":
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    @classmethod
    def from_text(cls, text: str) -> "Datum | None":
        """A date as a document gives it in words: 'Februari 2025', '2022'; None for
        anything else ('Zonder datum')."""
        words = text.lower().split()
        if len(words) == 2 and words[0] in MAANDEN and words[1].isdigit():
            return cls(int(words[1]), MAANDEN.index(words[0]) + 1)
        if len(words) == 1 and words[0].isdigit() and len(words[0]) == 4:
            return cls(int(words[0]))
        return None

    @property
    def iso(self) -> str:
        parts = [f"{self.jaar:04d}"]
        if self.maand:
            parts.append(f"{self.maand:02d}")
        if self.dag:
            parts.append(f"{self.dag:02d}")
        return "-".join(parts)

    @property
    def tekst(self) -> str:
        """Dutch, as a reader writes it: 'vrijdag 9 september 2022', 'april 2024', '2022'."""
        if self.dag and self.maand:
            weekday = WEEKDAGEN[dt.date(self.jaar, self.maand, self.dag).weekday()]
            return f"{weekday} {self.dag} {MAANDEN[self.maand - 1]} {self.jaar}"
        if self.maand:
            return f"{MAANDEN[self.maand - 1]} {self.jaar}"
        return str(self.jaar)

    @property
    def kort(self) -> str:
        if self.dag and self.maand:
            return f"{self.dag} {MAANDEN[self.maand - 1]} {self.jaar}"
        return self.tekst


@dataclass(frozen=True)
class Herkomst:
    """Where in a source document something stands."""

    document: str
    sectie: str


@dataclass(frozen=True)
class Citaat:
    tekst: str
    reactie: str | None = None
    wie: str | None = None


@dataclass(frozen=True)
class Punt:
    tekst: str
    punten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gewoonte:
    tekst: str
    kaart: str | None = None


@dataclass(frozen=True)
class Tabel:
    kolommen: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]
    bijschrift: str | None = None


BlokSoort = Literal["kop", "tekst", "citaten", "punten", "stappen", "tips", "gewoontes", "tabel"]


@dataclass(frozen=True)
class Blok:
    """One part of a text, in source order. Exactly one of the content fields is set."""

    soort: BlokSoort
    tekst: str | None = None  # kop and tekst
    citaten: tuple[Citaat, ...] = ()
    punten: tuple[Punt, ...] = ()  # punten, stappen and tips
    gewoontes: tuple[Gewoonte, ...] = ()
    tabel: Tabel | None = None


@dataclass(frozen=True)
class Sectie:
    titel: str
    herkomst: Herkomst
    inhoud: tuple[Blok, ...]
    anker: str


@dataclass(frozen=True)
class Ronde:
    nummer: int
    titel: str
    inhoud: tuple[Blok, ...]

    @property
    def anker(self) -> str:
        return f"ronde-{self.nummer}"

    @property
    def gewoontes(self) -> tuple[Gewoonte, ...]:
        return tuple(g for blok in self.inhoud for g in blok.gewoontes)


@dataclass(frozen=True)
class Locatie:
    organisatie: str | None = None
    plaats: str | None = None

    @property
    def tekst(self) -> str:
        return ", ".join(p for p in (self.organisatie, self.plaats) if p)


@dataclass(frozen=True)
class Deelnemersopgave:
    omschrijving: str
    herkomst: Herkomst
    aantal: int | None = None


@dataclass(frozen=True)
class Sessie:
    id: str
    titel: str
    aanpak: str
    soort: str
    herkomst: Herkomst
    rondes: tuple[Ronde, ...]
    bestand: str
    regio: str | None = None
    datum: Datum | None = None
    locatie: Locatie | None = None
    deelnemers: tuple[Deelnemersopgave, ...] = ()
    deelnemers_toelichting: str | None = None
    begeleiders: tuple[str, ...] = ()
    inleiding: tuple[Blok, ...] = ()
    afsluiting: tuple[Blok, ...] = ()

    @property
    def url(self) -> str:
        return f"sessies/{self.id}/"

    @property
    def aantallen(self) -> tuple[int, ...]:
        """The distinct participant numbers the sources give, in order of mention."""
        return tuple(dict.fromkeys(d.aantal for d in self.deelnemers if d.aantal is not None))

    @property
    def bronnen_verschillen(self) -> bool:
        return len(self.aantallen) > 1

    @property
    def gewoontes(self) -> tuple[Gewoonte, ...]:
        return tuple(g for ronde in self.rondes for g in ronde.gewoontes)


@dataclass(frozen=True)
class Vindplaats:
    """One place a card's habit is worded in the sources."""

    formulering: str
    herkomst: Herkomst
    sessie: str | None = None
    ronde: int | None = None
    kaartenset: bool = False  # the source says this is the printed card set's wording (4A, 6A)


def normalise(text: str) -> str:
    """Compare wordings regardless of line breaks and spacing."""
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> list[str]:
    """The words of a text in lower case, without punctuation: '(Be)ken' is 'beken'."""
    return re.sub(r"[^\w\s]", "", text.casefold()).split()


def _same_but_ending(one: str, other: str) -> bool:
    """'denk' and 'denken': one word, with another ending (at most three letters more)."""
    short, long = sorted((one, other), key=len)
    return len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 3


def same_words(title: str, text: str) -> bool:
    """Whether a card's text says no more than its title: the same words after case and
    punctuation, word for word, or differing only in a word's ending."""
    a, b = _words(title), _words(text)
    return len(a) == len(b) and all(x == y or _same_but_ending(x, y) for x, y in zip(a, b))


@dataclass(frozen=True)
class Kaart:
    id: str
    titel: str
    tekst: str
    thema: str
    voor: tuple[str, ...]
    e: tuple[str, ...]
    indeling_redactioneel: bool
    vindplaatsen: tuple[Vindplaats, ...]
    bestand: str
    nummer: int  # the site's own card number, stored in the card file (numbering.py)
    indeling_toelichting: str | None = None
    trefwoorden: tuple[str, ...] = ()
    eerdere_ids: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"kaarten/{self.id}/"

    # Derived once per card (cached_property): every page that shows the card asks again.
    @cached_property
    def rollen(self) -> tuple[str, ...]:
        """Who acts, in words ("Leidinggevende"), in the order of `voor`."""
        return tuple(ROLLEN[r] for r in self.voor)

    @cached_property
    def tekst_is_titel(self) -> bool:
        """The text repeats the title ("Denk in mogelijkheden" / "Denken in mogelijkheden."):
        a card then shows the words once, as its text (the source's own words)."""
        return same_words(self.titel, self.tekst)

    @cached_property
    def varianten(self) -> tuple[Vindplaats, ...]:
        """Other wordings of the same habit, each with the first place it stands."""
        seen = {normalise(self.tekst)}
        result = []
        for plaats in self.vindplaatsen:
            key = normalise(plaats.formulering)
            if key not in seen:
                seen.add(key)
                result.append(plaats)
        return tuple(result)

    @cached_property
    def sessies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.sessie for p in self.vindplaatsen if p.sessie))

    @cached_property
    def bron_van_tekst(self) -> Vindplaats | None:
        """Where the card's own wording stands: the card-set wording first, then the first place."""
        same = [p for p in self.vindplaatsen if normalise(p.formulering) == normalise(self.tekst)]
        return next((p for p in same if p.kaartenset), same[0] if same else None)

    @property
    def uit_kaartenset(self) -> bool:
        """Whether a source gives the card's text as the printed card set's wording."""
        place = self.bron_van_tekst
        return bool(place and place.kaartenset)

    @cached_property
    def zoektekst(self) -> str:
        """What a text search looks in besides title and text: the other wordings and keywords."""
        return " ".join([p.formulering for p in self.varianten] + list(self.trefwoorden))


@dataclass(frozen=True)
class AndereNaam:
    naam: str
    herkomst: Herkomst


@dataclass(frozen=True)
class Thema:
    id: str
    naam: str
    volgorde: int
    omschrijving: str
    omschrijving_herkomst: Herkomst
    secties: tuple[Sectie, ...]
    bestand: str
    andere_namen: tuple[AndereNaam, ...] = ()

    @property
    def url(self) -> str:
        return f"themas/{self.id}/"


@dataclass(frozen=True)
class Woordenschat:
    id: str
    naam: str
    herkomst: tuple[Herkomst, ...]
    toelichting: str | None = None
    sessies: tuple[str, ...] = ()
    inhoud: tuple[Blok, ...] = ()


@dataclass(frozen=True)
class ENaam:
    woordenschat: str
    naam: str
    omschrijving: str | None = None
    vraag: str | None = None


@dataclass(frozen=True)
class E:
    id: str
    naam: str
    namen: tuple[ENaam, ...]

    def in_woordenschat(self, woordenschat: str) -> ENaam | None:
        return next((n for n in self.namen if n.woordenschat == woordenschat), None)


@dataclass(frozen=True)
class Model:
    titel: str
    inleiding: tuple[Blok, ...]
    woordenschatten: tuple[Woordenschat, ...]
    e: tuple[E, ...]
    bestand: str

    @property
    def namen_zonder_uitleg(self) -> tuple[ENaam, ...]:
        """The names of an E that their source gives without a question or description."""
        return tuple(n for e in self.e for n in e.namen if not (n.vraag or n.omschrijving))


@dataclass(frozen=True)
class Aanbeveling:
    id: str
    soort: str
    tekst: str
    herkomst: Herkomst
    bestand: str
    punten: tuple[str, ...] = ()
    kaarten: tuple[str, ...] = ()
    themas: tuple[str, ...] = ()
    zelfde_als: str | None = None
    toelichting: str | None = None

    @property
    def kort(self) -> str:
        """The recommendation in whole sentences, as a link elsewhere shows it: the first ones,
        up to about 160 characters, without a sentence that only leads into its points
        ("… met kaarten zoals:"). Never a sentence cut in half."""
        sentences = re.split(r"(?<=[.!?])\s+", normalise(self.tekst))
        while len(sentences) > 1 and sentences[-1].endswith(":"):
            sentences.pop()
        kept = [sentences[0]]
        for sentence in sentences[1:]:
            if len(" ".join(kept + [sentence])) > 160:
                break
            kept.append(sentence)
        return " ".join(kept)


@dataclass(frozen=True)
class Aanpak:
    id: str
    naam: str
    organisatie: str
    samenvatting: str
    secties: tuple[Sectie, ...]
    bestand: str
    periode: str | None = None
    herkomst: Herkomst | None = None  # where its name, organisation and period stand

    @property
    def url(self) -> str:
        return f"aanpakken/{self.id}/"


@dataclass(frozen=True)
class Bron:
    id: str
    soort: str
    titel: str
    vermeld_in: tuple[Herkomst, ...]
    bestand: str
    auteurs: str | None = None
    jaar: str | None = None
    uitgever: str | None = None
    url: str | None = None
    toelichting: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    titel: str
    uitgever: str
    datum: str
    volgorde: int
    bestand: str
    ondertitel: str | None = None
    auteurs: str | None = None
    samenvatting: str | None = None


@dataclass(frozen=True)
class Correctie:
    document: str
    fout: str
    correctie: str
    toelichting: str | None = None
    zeker: bool = True  # False: the intended word is the editors' reading, shown as such


@dataclass(frozen=True)
class Bronpassage:
    """A passage quoted word for word, with where it stands."""

    tekst: str
    herkomst: Herkomst


@dataclass(frozen=True)
class Voorbereiding:
    """Something to prepare for a session: the editors' words for it, and where the sources name it."""

    wat: str  # editorial
    bron: tuple[Bronpassage, ...]
    redactie: str | None = None  # editorial Markdown


@dataclass(frozen=True)
class Variant:
    """How one region, the national session or another programme did a part of the session."""

    waar: str  # editorial
    bron: tuple[Bronpassage, ...]


@dataclass(frozen=True)
class Onderdeel:
    """One part of a session in the guide: the opening, a round, the closing, what comes after."""

    id: str
    soort: str  # vocabularies.ONDERDEELSOORTEN
    titel: str  # a heading of the source when `titel_herkomst` is set, else editorial
    beschrijving: tuple[Bronpassage, ...]
    nummer: int | None = None  # rounds only: 1, 2, 3
    titel_herkomst: Herkomst | None = None
    vragen: tuple[Bronpassage, ...] = ()
    varianten: tuple[Variant, ...] = ()
    kaarten: bool = False  # works with the card set: links to presenting, drawing, printing
    duur_minuten: int | None = None  # the editors' suggestion; the sources give no durations
    tips: tuple[str, ...] = ()  # editorial Markdown


@dataclass(frozen=True)
class Brontips:
    """A list of tips quoted from a source, under its own heading."""

    titel: str
    herkomst: Herkomst
    punten: tuple[str, ...]
    inleiding: str | None = None  # editorial Markdown: where the tips come from


@dataclass(frozen=True)
class Draaiboek:
    """How to hold a Goed Werk session yourself (/sessie-houden/), from the sources' account of
    the rounds: every `Bronpassage` is quoted word for word, the rest is marked editorial."""

    titel: str
    samenvatting: str
    inleiding: str  # editorial Markdown, the page's first paragraph
    uitleg: str  # editorial Markdown: how to read the page (quotes, the editors' box, the times)
    opzet: tuple[Bronpassage, ...]
    voorbereiden: tuple[Voorbereiding, ...]
    onderdelen: tuple[Onderdeel, ...]
    bestand: str
    tips: Brontips | None = None

    @property
    def url(self) -> str:
        return "sessie-houden/"

    @property
    def rondes(self) -> tuple[Onderdeel, ...]:
        return tuple(o for o in self.onderdelen if o.soort == "ronde")

    @property
    def duur_minuten(self) -> int:
        """The editors' suggested durations added up."""
        return sum(o.duur_minuten or 0 for o in self.onderdelen)

    @staticmethod
    def per_bron(passages: tuple[Bronpassage, ...]) -> tuple[tuple[Herkomst, tuple[str, ...]], ...]:
        """Passages in a row from the same place, together: the source is named once after them."""
        groups: list[tuple[Herkomst, list[str]]] = []
        for passage in passages:
            if groups and groups[-1][0] == passage.herkomst:
                groups[-1][1].append(passage.tekst)
            else:
                groups.append((passage.herkomst, [passage.tekst]))
        return tuple((herkomst, tuple(texts)) for herkomst, texts in groups)


@dataclass(frozen=True)
class Editie:
    """Which version of the data a page or download shows: a short content hash and a date."""

    versie: str
    datum: str


@dataclass(frozen=True)
class Site:
    """Everything in data/, checked and linked. Built once by `build_site`."""

    kaarten: tuple[Kaart, ...]
    sessies: tuple[Sessie, ...]  # by date, undated last
    themas: tuple[Thema, ...]  # by volgorde
    model: Model
    aanbevelingen: tuple[Aanbeveling, ...]
    aanpakken: tuple[Aanpak, ...]
    bronnen: tuple[Bron, ...]
    documenten: tuple[Document, ...]
    correcties: tuple[Correctie, ...]
    editie: Editie
    draaiboek: Draaiboek | None = None  # data/draaiboek.yaml (None only in a Site made by hand)
    # Lookups by id and selections derived from the records: made anew for every Site (also
    # for a copy made with dataclasses.replace), never passed in, never shared.
    _index: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict = {}
        object.__setattr__(self, "_index", index)
        index["kaart"] = {k.id: k for k in self.kaarten}
        # An old id still finds its card (a macro in docs/ written before the rename).
        index["eerdere_kaart_id"] = {old: k for k in self.kaarten for old in k.eerdere_ids}
        index["sessie"] = {s.id: s for s in self.sessies}
        index["thema"] = {t.id: t for t in self.themas}
        index["aanpak"] = {a.id: a for a in self.aanpakken}
        index["document"] = {d.id: d for d in self.documenten}
        index["bron"] = {b.id: b for b in self.bronnen}
        index["aanbeveling"] = {a.id: a for a in self.aanbevelingen}
        index["e"] = {e.id: e for e in self.model.e}
        index["woordenschat"] = {w.id: w for w in self.model.woordenschatten}
        aanbevelingen_per_kaart: dict[str, list[Aanbeveling]] = {}
        for aanbeveling in self.aanbevelingen:
            for kaart_id in aanbeveling.kaarten:
                aanbevelingen_per_kaart.setdefault(kaart_id, []).append(aanbeveling)
        index["aanbevelingen_per_kaart"] = aanbevelingen_per_kaart

    # lookups ------------------------------------------------------------------------------
    def kaart(self, ident: str) -> Kaart:
        found = self._index["kaart"].get(ident) or self._index["eerdere_kaart_id"].get(ident)
        if found is None:
            raise KeyError(ident)
        return found

    def sessie(self, ident: str) -> Sessie:
        return self._index["sessie"][ident]

    def thema(self, ident: str) -> Thema:
        return self._index["thema"][ident]

    def aanpak(self, ident: str) -> Aanpak:
        return self._index["aanpak"][ident]

    def document(self, ident: str) -> Document:
        return self._index["document"][ident]

    def aanbeveling(self, ident: str) -> Aanbeveling:
        return self._index["aanbeveling"][ident]

    def e(self, ident: str) -> E:
        return self._index["e"][ident]

    def woordenschat(self, ident: str) -> Woordenschat:
        return self._index["woordenschat"][ident]

    # selections ---------------------------------------------------------------------------
    def kaarten_met_thema(self, thema: str) -> tuple[Kaart, ...]:
        return self._grouped("kaarten_per_thema", lambda k: (k.thema,)).get(thema, ())

    def kaarten_voor(self, rol: str) -> tuple[Kaart, ...]:
        return tuple(k for k in self.kaarten if rol in k.voor)

    def kaarten_uit_sessie(self, sessie: str) -> tuple[Kaart, ...]:
        return self._grouped("kaarten_per_sessie", lambda k: k.sessies).get(sessie, ())

    def derived(self, name: str, make):
        """An index derived from the records, made by `make()` on first use and then kept.

        Pages ask for such selections once per card or session; scanning every card each time
        would make the build grow with the square of the number of cards."""
        if name not in self._index:
            self._index[name] = make()
        return self._index[name]

    def _grouped(self, name: str, keys) -> dict[str, tuple[Kaart, ...]]:
        def make() -> dict[str, tuple[Kaart, ...]]:
            groups: dict[str, list[Kaart]] = {}
            for kaart in self.kaarten:
                for key in dict.fromkeys(keys(kaart)):
                    groups.setdefault(key, []).append(kaart)
            return {key: tuple(cards) for key, cards in groups.items()}

        return self.derived(name, make)

    def sessies_van_aanpak(self, aanpak: str) -> tuple[Sessie, ...]:
        return tuple(s for s in self.sessies if s.aanpak == aanpak)

    def aanbevelingen_voor_kaart(self, kaart: str) -> tuple[Aanbeveling, ...]:
        return tuple(self._index["aanbevelingen_per_kaart"].get(kaart, ()))

    def aanbevelingen_van_soort(self, soort: str) -> tuple[Aanbeveling, ...]:
        return tuple(a for a in self.aanbevelingen if a.soort == soort)
