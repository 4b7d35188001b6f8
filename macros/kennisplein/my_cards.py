"""Mijn kaarten (/kaarten/mijn/): the visitor's own marks and notes, kept in their browser.

Nothing of it reaches the site: this module only says what the page gets (every card, the
statuses, old ids) and what a saved file must hold, as a JSON Schema published with the
downloads (`schema`). kennisplein-mijn-kaarten.js writes such files and checks a file it reads
back by the same rules; tests/test_mijn_kaarten.py keeps the two in step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .sharing import absolute_url
from .records import Kaart, Site
from .vocabularies import MIJN_KAARTEN_NOTITIE_MAX, MIJN_KAARTEN_STATUSSEN

PAGE_URL = "kaarten/mijn/"
SCHEMA = "downloads/mijn-kaarten.schema.json"
KIND = "mijn-kaarten"  # the file's `soort`: a file without it is not ours
# Where the browser keeps the marks (localStorage): the script gets it on its tag, and the head
# of /kaarten/mijn/ reads it to know whether there are cards to list.
STORE_KEY = "kennisplein.mijn-kaarten"
VERSION = 1


@dataclass(frozen=True)
class MijnKaartenPagina:
    kaarten: tuple[Kaart, ...]  # every card, in the order of the set
    statussen: dict[str, str]  # status id -> the words on the site
    eerdere_ids: dict[str, str]  # old card id -> current id: a file saved before a rename still finds its cards
    schema: str  # the public address of the file's schema ('' without a site address)
    adres: str  # this page's public address, for links to share ('' without a site address)
    site: str  # the site's public address, written into a saved file


def mijn_kaarten_context(site: Site, site_url: str) -> MijnKaartenPagina:
    return MijnKaartenPagina(
        kaarten=site.kaarten,
        statussen=MIJN_KAARTEN_STATUSSEN,
        eerdere_ids={old: k.id for k in site.kaarten for old in k.eerdere_ids},
        schema=absolute_url(site_url, SCHEMA),
        adres=absolute_url(site_url, PAGE_URL),
        site=site_url,
    )


def schema(site_url: str) -> bytes:
    """The JSON Schema (Draft 2020-12) of a file saved on /kaarten/mijn/."""
    date_time = {"type": "string", "format": "date-time",
                 "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"}
    card = {
        "type": "object",
        "description": "Eén gemarkeerde kaart: een markering, een notitie of allebei.",
        "additionalProperties": False,
        "required": ["id"],
        "anyOf": [{"required": ["status"]}, {"required": ["notitie"]}],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                   "description": "Het vaste id van de kaart, zoals in haar webadres /kaarten/<id>/."},
            "status": {"enum": list(MIJN_KAARTEN_STATUSSEN),
                       "description": "De markering: " + "; ".join(f"'{k}' ({v})" for k, v in MIJN_KAARTEN_STATUSSEN.items()) + "."},
            "notitie": {"type": "string", "minLength": 1, "maxLength": MIJN_KAARTEN_NOTITIE_MAX,
                        "description": f"Een eigen notitie bij de kaart, hoogstens {MIJN_KAARTEN_NOTITIE_MAX} tekens."},
            "gewijzigd": {**date_time, "description": "Wanneer de markering of notitie het laatst veranderde (ISO 8601)."},
        },
    }
    value = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute_url(site_url, SCHEMA) or SCHEMA,
        "title": "Mijn kaarten (Kennisplein Goed Werk)",
        "description": "Een bestand dat de pagina Mijn kaarten bewaart: de kaarten die iemand voor zichzelf markeerde, "
                       "met notities. Het bestand blijft bij wie het bewaart; de site leest het alleen terug in dezelfde browser.",
        "type": "object",
        "additionalProperties": False,
        "required": ["soort", "versie", "kaarten"],
        "properties": {
            "$schema": {"type": "string", "description": "Het adres van dit schema."},
            "soort": {"const": KIND, "description": "Zegt dat dit een bestand van Mijn kaarten is."},
            "versie": {"const": VERSION, "description": "De versie van deze vorm van het bestand."},
            "site": {"type": "string", "description": "Het adres van de site waar het bestand is bewaard."},
            "bewaard": {**date_time, "description": "Wanneer het bestand is bewaard (ISO 8601)."},
            "kaarten": {"type": "array", "items": card,
                        "description": "De gemarkeerde kaarten, in de volgorde van de set. Elk id komt één keer voor."},
        },
    }
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
