"""The fixed word lists of the site, each in one place.

The JSON Schemas repeat these lists as `enum` so that editors' tools can complete them;
tests/test_schemas.py keeps both in step.
"""

from __future__ import annotations

from typing import NamedTuple

# Who acts on a card (`voor`), in the order the site lists them.
ROLLEN: dict[str, str] = {
    "medewerker": "Medewerker",
    "team": "Team",
    "leidinggevende": "Leidinggevende",
    "bestuurder": "Bestuurder",
}

# The three E's of good work, as ids; names and descriptions live in data/model.yaml.
E_IDS: tuple[str, ...] = ("excellentie", "ethiek", "energie")

# The card browser's filter: its URL parameters (?thema=…&voor=…&e=…&sessie=…&q=…), the names
# of its form fields, in the order a link writes them. kaarten.js and the head of the page
# read them from here (through the page); a shared link depends on them, so never rename one.
FILTERVELDEN: tuple[str, ...] = ("thema", "voor", "e", "sessie", "q")

# Kinds of session (`soort`) with the word used on the site.
SESSIESOORTEN: dict[str, str] = {
    "regionaal": "Regionale sessie",
    "landelijk": "Landelijke sessie",
    "dialoog": "Dialoogsessie",
    "netwerk": "Bijeenkomst lerend netwerk",
}

AANBEVELINGSOORTEN: dict[str, str] = {
    "praktijk": "Aanbevelingen voor de praktijk",
    "beleid": "Aanbevelingen voor landelijk beleid",
    "toekomst": "Advies voor de toekomst (2021)",
}

BRONSOORTEN: dict[str, str] = {
    "rapport": "Rapport",
    "boek": "Boek",
    "artikel": "Artikel",
    "onderzoek": "Onderzoek",
    "video": "Video",
    "vlog": "Vlog",
    "podcast": "Podcast",
    "website": "Website",
    "methode": "Methode",
    "programma": "Programma",
    "interview": "Interview",
}

# Where a kind of record has a page of its own: /<folder>/<id>/.
RECORD_FOLDERS: dict[str, str] = {"kaart": "kaarten", "sessie": "sessies", "thema": "themas", "aanpak": "aanpakken"}

# Names the site uses for pages and folders of its own, with the page each one is. No record
# of any kind may take one as its id (nor a card as an old id): /sessies/index/ would replace
# the list of sessions, /kaarten/trek/ would be a card and "Trek een kaart" at once. The folder
# names the site writes into are here as well, so that no id can ever meet them. A test checks
# this list against every page and folder a build makes (tests/test_vijandige_invoer.py).
GERESERVEERDE_IDS: dict[str, str] = {
    "index": "",  # /<folder>/index/ is the overview /<folder>/ itself
    "trek": "/kaarten/trek/",
    "printen": "/kaarten/printen/",
    "presenteren": "/kaarten/presenteren/",
    "mijn": "/kaarten/mijn/",
    "kaarten": "/kaarten/",
    "sessies": "/sessies/",
    "themas": "/themas/",
    "aanpakken": "/aanpakken/",
    "model": "/model/",
    "aanbevelingen": "/aanbevelingen/",
    "bronnen": "/bronnen/",
    "downloads": "/downloads/",
    "nieuw": "/nieuw/",
    "sessie-houden": "/sessie-houden/",
    "over": "/over/",
    "bijdragen": "/bijdragen/",
    "toegankelijkheid": "/toegankelijkheid/",
    "afbeeldingen": "/afbeeldingen/",
    "schemas": "/schemas/",
    "assets": "/assets/",
    "search": "/search/",
    "404": "/404.html",
}

# The folder in docs/ for editors' images, published as /afbeeldingen/.
IMAGE_FOLDER = "afbeeldingen"

# The time per card a presenter can set in presentation mode, in minutes (none, or one of these).
TIMER_MINUTEN: tuple[int, ...] = (3, 5, 10)

# How a visitor marks a card in "Mijn kaarten" (kept in their browser only), in the order the
# site lists them. The ids are in the exported file and its schema: never change one.
MIJN_KAARTEN_STATUSSEN: dict[str, str] = {
    "wil-ik-proberen": "Wil ik proberen",
    "doe-ik-al": "Doe ik al",
    "besproken-in-het-team": "Besproken in het team",
}

# The longest note a visitor can keep with a card in "Mijn kaarten", in characters ("a short
# private note"): the form, the script and the schema of the exported file hold to it.
MIJN_KAARTEN_NOTITIE_MAX = 500

# Which schema a data file follows, by where it stands in data/.
# A folder holds one record per file; the others hold a list under their top key.
KIND_BY_FOLDER: dict[str, str] = {
    "kaarten": "kaart",
    "sessies": "sessie",
    "themas": "thema",
    "aanpakken": "aanpak",
    "documenten": "document",
    "aanbevelingen": "aanbevelingen",
    "bronnen": "bronnen",
    "correcties": "correcties",
}
ONE_RECORD_PER_FILE = ("kaart", "sessie", "thema", "aanpak", "document")
MODEL_FILE = "model.yaml"
# Every card number ever issued (see numbering.py): a number is never given to another card.
NUMBERS_FILE = "kaartnummers.yaml"
DRAAIBOEK_FILE = "draaiboek.yaml"  # the guide of /sessie-houden/
# The files directly in data/, with the schema each follows.
KIND_BY_FILE: dict[str, str] = {MODEL_FILE: "model", NUMBERS_FILE: "kaartnummers", DRAAIBOEK_FILE: "draaiboek"}

# The parts of a session in the guide (`soort` in data/draaiboek.yaml), with the word used on
# the site; rounds are numbered on the page.
ONDERDEELSOORTEN: dict[str, str] = {
    "opening": "Opening",
    "ronde": "Ronde",
    "afsluiting": "Afsluiting",
    "daarna": "Daarna",
}

MAANDEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


class Afkorting(NamedTuple):
    betekenis: str  # what it stands for, as a reader of this sector understands it
    uitleg: str  # where that meaning comes from: a source's own explanation, or the editors'


# Abbreviations the quoted sources use, with their meaning: the one list behind every <abbr>
# on the site and the list on "Over deze site". Only meanings that are certain; a name the
# sources never write out (HKU) is left as the sources give it.
AFKORTINGEN: dict[str, Afkorting] = {
    "bv": Afkorting("bijvoorbeeld", "gewone Nederlandse afkorting"),
    "EMB": Afkorting("ernstig meervoudige beperking", "zo uitgelegd in het eindverslag Goed Werk, 4A"),
    "HR": Afkorting("human resources: personeelszaken", "gewone afkorting in organisaties"),
    "ipv": Afkorting("in plaats van", "gewone Nederlandse afkorting"),
    "JD-R": Afkorting("Job Demands-Resources", "zo voluit genoemd in de inspiratiebundel van deRotterdamseZorg"),
    "MT": Afkorting("managementteam", "gewone afkorting in organisaties"),
    "VG": Afkorting("verstandelijk gehandicaptenzorg: de zorg voor mensen met een verstandelijke beperking",
                    "uitleg van de redactie; de bronnen schrijven de afkorting niet voluit"),
    "VWS": Afkorting("het ministerie van Volksgezondheid, Welzijn en Sport",
                     "zo voluit genoemd in het rapport Iedereen wil goed werk leveren"),
    "ZZP": Afkorting("zelfstandige zonder personeel", "gewone Nederlandse afkorting"),
}
