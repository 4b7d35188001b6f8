"""Open data: the cards as JSON (with its JSON Schema) and CSV, the sessions and sources as JSON.

Every file is made from the records alone, in the records' order, with no timestamp but the
edition's: the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from ..sharing import absolute_url
from ..records import Datum, Kaart, Site
from ..vocabularies import E_IDS, ROLLEN

CARDS_JSON = "downloads/kaarten.json"
CARDS_SCHEMA = "downloads/kaarten.schema.json"
CARDS_CSV = "downloads/kaarten.csv"
SESSIONS_JSON = "downloads/sessies.json"
SOURCES_JSON = "downloads/bronnen.json"

# CSV columns in order, with what each holds (the downloads page and the schema say the same).
CSV_COLUMNS = (
    "id", "nummer", "titel", "tekst", "thema", "thema_naam", "voor", "e", "trefwoorden",
    "sessies", "bronnen", "indeling_redactioneel", "indeling_toelichting", "url",
)


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _editie(site: Site) -> dict:
    return {"datum": site.editie.datum, "versie": site.editie.versie}


def _card(kaart: Kaart, site_url: str) -> dict:
    return {
        "id": kaart.id,
        "nummer": kaart.nummer,
        "titel": kaart.titel,
        "tekst": kaart.tekst,
        "thema": kaart.thema,
        "voor": list(kaart.voor),
        "e": list(kaart.e),
        "indeling_redactioneel": kaart.indeling_redactioneel,
        "indeling_toelichting": kaart.indeling_toelichting,
        "trefwoorden": list(kaart.trefwoorden),
        "sessies": list(kaart.sessies),
        "vindplaatsen": [
            {
                "formulering": v.formulering,
                "document": v.herkomst.document,
                "sectie": v.herkomst.sectie,
                "sessie": v.sessie,
                "ronde": v.ronde,
                "kaartenset": v.kaartenset,
            }
            for v in kaart.vindplaatsen
        ],
        "eerdere_ids": list(kaart.eerdere_ids),
        "url": absolute_url(site_url, kaart.url),
    }


def cards_json(site: Site, site_url: str) -> bytes:
    return _json_bytes({
        "$schema": absolute_url(site_url, CARDS_SCHEMA),
        "titel": "Nieuwe goede gewoontes",
        "bron": "Kennisplein Goed Werk",
        "site": site_url,
        "editie": _editie(site),
        "themas": [{"id": t.id, "naam": t.naam, "url": absolute_url(site_url, t.url)} for t in site.themas],
        "rollen": [{"id": ident, "naam": naam} for ident, naam in ROLLEN.items()],
        "e": [{"id": e.id, "naam": e.naam} for e in site.model.e],
        "kaarten": [_card(k, site_url) for k in site.kaarten],
    })


def cards_schema(site: Site, site_url: str) -> bytes:
    """The JSON Schema (Draft 2020-12) of kaarten.json; its lists of ids come from the data."""
    text = {"type": "string", "minLength": 1}
    text_or_null = {"type": ["string", "null"], "minLength": 1}
    ident = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
    thema = {"enum": [t.id for t in site.themas]}
    rol = {"enum": list(ROLLEN)}
    e = {"enum": list(E_IDS)}

    def obj(properties: dict, description: str) -> dict:
        return {"type": "object", "description": description, "required": list(properties),
                "additionalProperties": False, "properties": properties}

    def listing(items: dict) -> dict:
        return {"type": "array", "items": items}

    card = obj({
        "id": {**ident, "description": "Vast id van de kaart; ook het laatste deel van haar webadres."},
        "nummer": {"type": "integer", "minimum": 1, "description": "Vast nummer van de kaart op het Kennisplein, ook op de geprinte kaart en in de bronvermelding; verandert nooit en gaat nooit naar een andere kaart. Geen nummer uit de geprinte kaartenset Nieuwe Goede Gewoontes."},
        "titel": {**text, "description": "Korte titel, geschreven voor de kaart."},
        "tekst": {**text, "description": "De gewoonte, letterlijk zoals de bron haar formuleert."},
        "thema": {**thema, "description": "Id van het thema (zie 'themas')."},
        "voor": {**listing(rol), "minItems": 1, "description": "Wie de gewoonte in praktijk brengt (zie 'rollen')."},
        "e": {**listing(e), "description": "De E's van goed werk waar de kaart bij hoort (zie 'e'); keuze van de redactie."},
        "indeling_redactioneel": {"type": "boolean", "description": "true als thema, rollen en E's door de redactie zijn gekozen en niet door de bron."},
        "indeling_toelichting": {**text_or_null, "description": "Waarom de redactie de kaart zo indeelt."},
        "trefwoorden": {**listing(text), "description": "Zoekwoorden."},
        "sessies": {**listing(ident), "description": "Ids van de sessies waarvan het verslag de gewoonte noemt (zie sessies.json); de koppeling is van de redactie."},
        "vindplaatsen": {**listing(obj({
            "formulering": {**text, "description": "De woorden van de bron op deze plek."},
            "document": {**ident, "description": "Id van het brondocument (zie bronnen.json, 'documenten')."},
            "sectie": {**text, "description": "Hoofdstuk of paragraaf in het brondocument."},
            "sessie": {"type": ["string", "null"], "description": "Id van de sessie, als de plek een sessieverslag is."},
            "ronde": {"type": ["integer", "null"], "minimum": 1, "description": "Nummer van de ronde in die sessie."},
            "kaartenset": {"type": "boolean", "description": "true als de bron hier zegt dat dit de formulering van de geprinte kaartenset is."},
        }, "Eén plek in de bronnen waar de gewoonte staat.")), "minItems": 1},
        "eerdere_ids": {**listing(ident), "description": "Oude ids; hun webadressen sturen door naar deze kaart."},
        "url": {"type": "string", "format": "uri", "description": "Vast webadres van de kaart."},
    }, "Eén kaart: een nieuwe goede gewoonte.")
    named = obj({"id": ident, "naam": text}, "Een id met de naam die de site toont.")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute_url(site_url, CARDS_SCHEMA),
        "title": "Kaarten met nieuwe goede gewoontes op het Kennisplein Goed Werk",
        **obj({
            "$schema": {"type": "string"},
            "titel": text,
            "bron": text,
            "site": {"type": "string"},
            "editie": obj({
                "datum": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                "versie": {"type": "string", "pattern": "^[0-9a-f]+$"},
            }, "Editie van de gegevens: datum van de laatste wijziging en een korte versiecode."),
            "themas": listing(obj({"id": thema, "naam": text, "url": {"type": "string", "format": "uri"}}, "Een thema.")),
            "rollen": listing(named),
            "e": listing(named),
            "kaarten": {**listing(card), "minItems": 1},
        }, "Alle kaarten met hun velden en vaste webadressen."),
    }
    return _json_bytes(schema)


def _excel_safe(value: str) -> str:
    """Excel runs a cell that starts with = + - @ as a formula: a leading ' keeps it text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def cards_csv(site: Site, site_url: str) -> bytes:
    """UTF-8 with a byte-order mark, ';' between fields and CRLF after rows: Dutch Excel opens it
    as it is. Fields with ';', quotes or line breaks are quoted (quotes doubled)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for k in site.kaarten:
        documents = dict.fromkeys(f"{site.document(v.herkomst.document).titel}, {v.herkomst.sectie}" for v in k.vindplaatsen)
        row = {
            "id": k.id,
            "nummer": str(k.nummer),
            "titel": k.titel,
            "tekst": k.tekst,
            "thema": k.thema,
            "thema_naam": site.thema(k.thema).naam,
            "voor": ", ".join(k.voor),
            "e": ", ".join(k.e),
            "trefwoorden": ", ".join(k.trefwoorden),
            "sessies": ", ".join(k.sessies),
            "bronnen": "\n".join(documents),  # one source a line, inside the cell
            "indeling_redactioneel": "ja" if k.indeling_redactioneel else "nee",
            "indeling_toelichting": k.indeling_toelichting or "",
            "url": absolute_url(site_url, k.url),
        }
        writer.writerow([_excel_safe(row[column]) for column in CSV_COLUMNS])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _plain(value: Any) -> Any:
    """Records as JSON values: dates as ISO text; internal fields and empty values left out."""
    if isinstance(value, Datum):
        return value.iso
    if dataclasses.is_dataclass(value):
        result = {}
        for f in dataclasses.fields(value):
            if f.name in ("bestand", "anker") or f.name.startswith("_"):
                continue
            item = _plain(getattr(value, f.name))
            if item not in (None, [], {}):
                result[f.name] = item
        return result
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def sessions_json(site: Site, site_url: str) -> bytes:
    sessions = []
    for sessie in site.sessies:
        item = {"id": sessie.id, "url": absolute_url(site_url, sessie.url), **_plain(sessie)}
        item["kaarten"] = [k.id for k in site.kaarten_uit_sessie(sessie.id)]
        sessions.append(item)
    return _json_bytes({
        "titel": "Sessies van Goed Werk en verwante programma's",
        "bron": "Kennisplein Goed Werk",
        "site": site_url,
        "editie": _editie(site),
        "aanpakken": [{"id": a.id, "naam": a.naam, "organisatie": a.organisatie, "url": absolute_url(site_url, a.url)}
                      for a in site.aanpakken],
        "sessies": sessions,
    })


def sources_json(site: Site, site_url: str) -> bytes:
    return _json_bytes({
        "titel": "Brondocumenten en de publicaties die zij noemen",
        "bron": "Kennisplein Goed Werk",
        "site": site_url,
        "editie": _editie(site),
        "documenten": [_plain(d) for d in site.documenten],
        "bronnen": [_plain(b) for b in site.bronnen],
    })
