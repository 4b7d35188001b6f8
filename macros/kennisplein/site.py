"""`build_site(data_dir)`: the one entry point from YAML files to a checked `Site`.

load every file (positions kept) -> schema per file -> rules and cross-references across
files -> records. Every problem is collected; if there is any, `DataError` carries them all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from . import checkout, checks, numbering, schemas, sourcing
from .loading import LoadedFile, load_file
from .placeholders import is_placeholder
from .problems import DataError, Problem
from .records import (
    Aanbeveling, Aanpak, AndereNaam, Blok, Bron, Bronpassage, Brontips, Citaat, Correctie, Datum,
    Deelnemersopgave, Document, Draaiboek, E, Editie, ENaam, Gewoonte, Herkomst, Kaart, Locatie,
    Model, Onderdeel, Punt, Ronde, Sectie, Sessie, Site, Tabel, Thema, Variant, Vindplaats,
    Voorbereiding, Woordenschat, normalise,
)
from .vocabularies import DRAAIBOEK_FILE, KIND_BY_FILE, KIND_BY_FOLDER, MODEL_FILE, ONE_RECORD_PER_FILE

IGNORED_NAMES = {"README.md", "LEESMIJ.md"}


def build_site(data_dir: Path, docs_dir: Path | None = None) -> Site:
    """Load, check and link everything in `data_dir`; raise DataError with every problem."""
    if Path(data_dir).is_symlink():  # never read through a link (checkout.py)
        raise DataError([checkout.symlink_problem("data")])
    data_dir = Path(data_dir).resolve()
    docs_dir = Path(docs_dir) if docs_dir else data_dir.parent / "docs"
    files, problems = _discover(data_dir)
    problems.extend(checkout.docs_problems(docs_dir))
    images = checkout.published_images(docs_dir), checkout.image_names(docs_dir)
    by_kind: dict[str, list[LoadedFile]] = {}
    for kind, path, name in files:
        loaded = load_file(path, name)
        problems.extend(loaded.problems)
        if loaded.problems:
            continue
        problems.extend(checks.schema_problems(loaded, kind))
        problems.extend(checks.text_problems(loaded, images))
        problems.extend(sourcing.problems(loaded, kind))
        by_kind.setdefault(kind, []).append(loaded)
    if not any(kind == "model" for kind, _, _ in files):
        problems.append(Problem(f"data/{MODEL_FILE}", 1, 1, "het bestand met het 3E-model ontbreekt."))
    if not any(kind == "draaiboek" for kind, _, _ in files):
        problems.append(Problem(f"data/{DRAAIBOEK_FILE}", 1, 1, "het bestand met het draaiboek voor /sessie-houden/ ontbreekt. Kopieer het uit de gegevens van de site en pas het aan."))
    problems.extend(_rules(by_kind))
    if "kaartnummers" in by_kind or not any(kind == "kaartnummers" for kind, _, _ in files):
        # (A list that did not load has its own problem; without it, numbers cannot be checked.)
        registry = next(iter(by_kind.get("kaartnummers", [])), None)
        problems.extend(numbering.problems(by_kind.get("kaart", []), registry))
    if problems:
        raise DataError(problems)
    # Without problems every file was loaded: the version hashes the bytes as they were read.
    return _records(by_kind, _edition(data_dir, [f for loaded in by_kind.values() for f in loaded]))


def _discover(data_dir: Path) -> tuple[list[tuple[str, Path, str]], list[Problem]]:
    files, problems = [], []
    if not data_dir.is_dir():
        return files, [Problem("data", 1, 1, f"de map met gegevens bestaat niet ({data_dir}).")]
    for path, linked in checkout.entries(data_dir):
        relative = path.relative_to(data_dir)
        name = "data/" + relative.as_posix()
        if linked:
            problems.append(checkout.symlink_problem(name))
            continue
        if path.name in IGNORED_NAMES:
            continue
        if not path.is_file():
            problems.append(Problem(name, 1, 1, "dit is geen gewoon bestand. Alleen .yaml-bestanden horen in data/."))
            continue
        if path.suffix == ".yml":
            problems.append(Problem(name, 1, 1, f"gebruik de extensie .yaml: hernoem het bestand naar {path.stem}.yaml."))
            continue
        if path.suffix != ".yaml":
            problems.append(Problem(name, 1, 1, "onbekend bestand in data/. Alleen .yaml-bestanden horen hier; zet afbeeldingen in docs/afbeeldingen/."))
            continue
        parts = relative.parts
        if len(parts) == 1 and parts[0] in KIND_BY_FILE:
            files.append((KIND_BY_FILE[parts[0]], path, name))
        elif len(parts) == 2 and parts[0] in KIND_BY_FOLDER:
            files.append((KIND_BY_FOLDER[parts[0]], path, name))
        else:
            folders = ", ".join(f"data/{f}/" for f in KIND_BY_FOLDER)
            match = difflib.get_close_matches(parts[0], KIND_BY_FOLDER, n=1, cutoff=0.6) if len(parts) == 2 else []
            closest = f" Bedoelde je data/{match[0]}/?" if match else ""
            problems.append(Problem(name, 1, 1, f"dit bestand staat op een onbekende plek.{closest} Zet het in één van: {folders}."))
    return files, problems


# --- rules across files --------------------------------------------------------------------

def _items(value: Any, key: str) -> list[tuple[int, dict]]:
    items = value.get(key) if isinstance(value, dict) else None
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []


def _blocks(blocks: Any, path: tuple):
    """Each (path, block) of an `inhoud` list."""
    if isinstance(blocks, list):
        for index, block in enumerate(blocks):
            if isinstance(block, dict):
                yield path + (index,), block


def _rules(by_kind: dict[str, list[LoadedFile]]) -> list[Problem]:
    refs = checks.References()
    problems: list[Problem] = []
    wordings: dict[str, list[str]] = {}  # card id -> wordings in the sources

    def herkomst(loaded: LoadedFile, value: Any, path: tuple) -> None:
        if isinstance(value, dict):
            refs.use("document", value.get("document"), loaded, path + ("document",))

    def inhoud(loaded: LoadedFile, blocks: Any, path: tuple) -> None:
        for block_path, block in _blocks(blocks, path):
            for index, habit in enumerate(block.get("gewoontes") or []):
                if isinstance(habit, dict) and isinstance(habit.get("kaart"), str):
                    refs.use("kaart", habit["kaart"], loaded, block_path + ("gewoontes", index, "kaart"))
                    if isinstance(habit.get("tekst"), str):
                        wordings.setdefault(habit["kaart"], []).append(habit["tekst"])

    def secties(loaded: LoadedFile, value: Any) -> None:
        for index, sectie in _items(value, "secties"):
            herkomst(loaded, sectie.get("herkomst"), ("secties", index, "herkomst"))
            inhoud(loaded, sectie.get("inhoud"), ("secties", index, "inhoud"))

    for kind, files in by_kind.items():
        for loaded in files:
            value = loaded.value
            if kind in ONE_RECORD_PER_FILE and isinstance(value, dict):
                ident = value.get("id")
                stem = Path(loaded.name).stem
                if isinstance(ident, str) and ident != stem and not is_placeholder(ident):
                    problems.append(loaded.problem(("id",), f"het id '{ident}' moet gelijk zijn aan de bestandsnaam: hernoem het bestand naar {ident}.yaml, of maak het id '{stem}'."))
                refs.define(kind, ident, loaded, ("id",))
            if not isinstance(value, dict):
                continue
            if kind == "kaart":
                refs.use("thema", value.get("thema"), loaded, ("thema",))
                for index, item in _items(value, "herkomst"):
                    herkomst(loaded, item, ("herkomst", index))
                for index, old in enumerate(value.get("eerdere_ids") or []):
                    refs.define("kaart", old, loaded, ("eerdere_ids", index))
            elif kind == "sessie":
                refs.use("aanpak", value.get("aanpak"), loaded, ("aanpak",))
                herkomst(loaded, value.get("herkomst"), ("herkomst",))
                for index, item in _items(value, "deelnemers"):
                    herkomst(loaded, item.get("herkomst"), ("deelnemers", index, "herkomst"))
                inhoud(loaded, value.get("inleiding"), ("inleiding",))
                inhoud(loaded, value.get("afsluiting"), ("afsluiting",))
                for index, ronde in _items(value, "rondes"):
                    inhoud(loaded, ronde.get("inhoud"), ("rondes", index, "inhoud"))
                datum, ident = value.get("datum"), value.get("id")
                problems.extend(_date_rules(loaded, datum, ident))
            elif kind == "thema":
                herkomst(loaded, value.get("omschrijving", {}).get("herkomst") if isinstance(value.get("omschrijving"), dict) else None, ("omschrijving", "herkomst"))
                for index, item in _items(value, "andere_namen"):
                    herkomst(loaded, item.get("herkomst"), ("andere_namen", index, "herkomst"))
                secties(loaded, value)
            elif kind == "aanpak":
                secties(loaded, value)
            elif kind == "model":
                inhoud(loaded, value.get("inleiding"), ("inleiding",))
                for index, item in _items(value, "woordenschatten"):
                    refs.define("woordenschat", item.get("id"), loaded, ("woordenschatten", index, "id"))
                    for h_index, h in enumerate(item.get("herkomst") or []):
                        herkomst(loaded, h, ("woordenschatten", index, "herkomst", h_index))
                    for s_index, sessie in enumerate(item.get("sessies") or []):
                        refs.use("sessie", sessie, loaded, ("woordenschatten", index, "sessies", s_index))
                    inhoud(loaded, item.get("inhoud"), ("woordenschatten", index, "inhoud"))
                seen_e: dict[str, int] = {}
                for index, item in _items(value, "e"):
                    if item.get("id") in seen_e:
                        problems.append(loaded.problem(("e", index, "id"), f"de E '{item['id']}' staat twee keer in het model."))
                    seen_e[item.get("id")] = index
                    for n_index, naam in _items(item, "namen"):
                        refs.use("woordenschat", naam.get("woordenschat"), loaded, ("e", index, "namen", n_index, "woordenschat"))
            elif kind == "aanbevelingen":
                for index, item in _items(value, "aanbevelingen"):
                    path = ("aanbevelingen", index)
                    refs.define("aanbeveling", item.get("id"), loaded, path + ("id",))
                    herkomst(loaded, item.get("herkomst"), path + ("herkomst",))
                    for k_index, kaart in enumerate(item.get("kaarten") or []):
                        refs.use("kaart", kaart, loaded, path + ("kaarten", k_index))
                    for t_index, thema in enumerate(item.get("themas") or []):
                        refs.use("thema", thema, loaded, path + ("themas", t_index))
                    if item.get("zelfde_als") is not None:
                        refs.use("aanbeveling", item.get("zelfde_als"), loaded, path + ("zelfde_als",))
            elif kind == "bronnen":
                for index, item in _items(value, "bronnen"):
                    refs.define("bron", item.get("id"), loaded, ("bronnen", index, "id"))
                    for v_index, plaats in enumerate(item.get("vermeld_in") or []):
                        herkomst(loaded, plaats, ("bronnen", index, "vermeld_in", v_index))
            elif kind == "correcties":
                for index, item in _items(value, "correcties"):
                    refs.use("document", item.get("document"), loaded, ("correcties", index, "document"))
            elif kind == "draaiboek":
                _draaiboek_rules(loaded, value, herkomst, problems)

    problems.extend(refs.check())
    problems.extend(_card_wording_rules(by_kind.get("kaart", []), wordings))
    return problems


def _draaiboek_rules(loaded: LoadedFile, value: dict, herkomst, problems: list[Problem]) -> None:
    """Every quoted passage names a document that exists; the parts' ids are unique (anchors)."""
    def passages(items: Any, path: tuple) -> None:
        for index, passage in enumerate(items if isinstance(items, list) else []):
            if isinstance(passage, dict):
                herkomst(loaded, passage.get("herkomst"), path + (index, "herkomst"))

    passages(value.get("opzet"), ("opzet",))
    for index, item in _items(value, "voorbereiden"):
        passages(item.get("bron"), ("voorbereiden", index, "bron"))
    seen: dict[str, int] = {}
    for index, part in _items(value, "onderdelen"):
        path = ("onderdelen", index)
        ident = part.get("id")
        if isinstance(ident, str) and ident in seen:
            problems.append(loaded.problem(path + ("id",), f"het id '{ident}' staat al bij onderdeel {seen[ident] + 1}. Kies voor elk onderdeel een eigen id: het is ook het anker op de pagina."))
        elif isinstance(ident, str):
            seen[ident] = index
        herkomst(loaded, part.get("titel_herkomst"), path + ("titel_herkomst",))
        passages(part.get("beschrijving"), path + ("beschrijving",))
        passages(part.get("vragen"), path + ("vragen",))
        for v_index, variant in _items(part, "varianten"):
            passages(variant.get("bron"), path + ("varianten", v_index, "bron"))
    if isinstance(value.get("tips"), dict):
        herkomst(loaded, value["tips"].get("herkomst"), ("tips", "herkomst"))


def _date_rules(loaded: LoadedFile, datum: Any, ident: Any) -> list[Problem]:
    problems = []
    if isinstance(datum, str) and schemas.matches(schemas.DATE_PATTERN, datum):
        why = checks.date_problem(datum)
        if why:
            problems.append(loaded.problem(("datum",), why + " Controleer de datum in de bron."))
        elif isinstance(ident, str):
            prefix = re.match(r"^(\d{4}-\d{2}-\d{2})-", ident)
            if prefix and prefix.group(1) != datum:
                problems.append(loaded.problem(("id",), f"het id begint met {prefix.group(1)}, maar de datum is {datum}. Laat het id met de datum van de sessie beginnen."))
    return problems


def _card_wording_rules(cards: list[LoadedFile], wordings: dict[str, list[str]]) -> list[Problem]:
    problems = []
    for loaded in cards:
        value = loaded.value
        if not isinstance(value, dict) or not isinstance(value.get("tekst"), str) or is_placeholder(value["tekst"]):
            continue
        ident = value.get("id")
        # A session may still name the card by an old id (eerdere_ids): that is the same card.
        places = [w for key in [ident, *(value.get("eerdere_ids") or [])] if isinstance(key, str) for w in wordings.get(key, [])]
        places += [item.get("formulering") for _, item in _items(value, "herkomst") if isinstance(item.get("formulering"), str)]
        if not places:
            problems.append(loaded.problem(("id",), f"de kaart '{ident}' komt in geen enkele bron voor. Verwijs ernaar vanuit een sessie (gewoontes: - tekst: … kaart: {ident}) of geef 'herkomst' met 'formulering'."))
        elif normalise(value["tekst"]) not in {normalise(p) for p in places}:
            closest = difflib.get_close_matches(value["tekst"], places, n=1, cutoff=0) or places
            problems.append(loaded.problem(("tekst",), "de tekst van de kaart staat niet letterlijk in een bron. Neem de tekst precies over uit een sessieverslag (gewoontes) of uit 'herkomst' (formulering), met dezelfde woorden en leestekens. "
                                           f"Het meest lijkt deze formulering in de bron: '{' '.join(closest[0].split())}'"))
    return problems


# --- records -------------------------------------------------------------------------------

def _h(value: dict) -> Herkomst:
    return Herkomst(document=value["document"], sectie=value["sectie"])


def _punt(value: Any) -> Punt:
    if isinstance(value, str):
        return Punt(value)
    return Punt(value["tekst"], tuple(value.get("punten", ())))


def _blok(value: dict) -> Blok:
    (soort, content), = value.items()
    if soort in ("kop", "tekst"):
        return Blok(soort, tekst=content)
    if soort == "citaten":
        return Blok(soort, citaten=tuple(Citaat(c["tekst"], c.get("reactie"), c.get("wie")) for c in content))
    if soort in ("punten", "stappen", "tips"):
        return Blok(soort, punten=tuple(_punt(p) for p in content))
    if soort == "gewoontes":
        return Blok(soort, gewoontes=tuple(Gewoonte(g["tekst"], g.get("kaart")) for g in content))
    return Blok(soort, tabel=Tabel(
        kolommen=tuple(content["kolommen"]),
        rijen=tuple(tuple(r) for r in content["rijen"]),
        bijschrift=content.get("bijschrift"),
    ))


def _inhoud(values: Any) -> tuple[Blok, ...]:
    return tuple(_blok(v) for v in values or ())


def _secties(values: list[dict]) -> tuple[Sectie, ...]:
    return tuple(
        Sectie(v["titel"], _h(v["herkomst"]), _inhoud(v["inhoud"]), anker=f"sectie-{i}")
        for i, v in enumerate(values, start=1)
    )


def _sessie(v: dict, name: str) -> Sessie:
    locatie = v.get("locatie")
    return Sessie(
        id=v["id"], titel=v["titel"], aanpak=v["aanpak"], soort=v["soort"], herkomst=_h(v["herkomst"]),
        rondes=tuple(Ronde(i, r["titel"], _inhoud(r["inhoud"])) for i, r in enumerate(v["rondes"], start=1)),
        bestand=name, regio=v.get("regio"),
        datum=Datum.parse(v["datum"]) if v.get("datum") else None,
        locatie=Locatie(locatie.get("organisatie"), locatie.get("plaats")) if locatie else None,
        deelnemers=tuple(Deelnemersopgave(d["omschrijving"], _h(d["herkomst"]), d.get("aantal")) for d in v.get("deelnemers", ())),
        deelnemers_toelichting=v.get("deelnemers_toelichting"),
        begeleiders=tuple(v.get("begeleiders", ())),
        inleiding=_inhoud(v.get("inleiding")), afsluiting=_inhoud(v.get("afsluiting")),
    )


def _sort_key_sessie(sessie: Sessie):
    return (sessie.datum is None, sessie.datum or Datum(0), sessie.id)


def _records(by_kind: dict[str, list[LoadedFile]], editie: Editie) -> Site:
    def each(kind: str):
        return [(f.value, f.name) for f in by_kind.get(kind, [])]

    def listed(kind: str, key: str):
        return [(item, f.name) for f in by_kind.get(kind, []) for item in f.value[key]]

    themas = sorted(
        (Thema(
            id=v["id"], naam=v["naam"], volgorde=v["volgorde"],
            omschrijving=v["omschrijving"]["tekst"], omschrijving_herkomst=_h(v["omschrijving"]["herkomst"]),
            secties=_secties(v["secties"]), bestand=name,
            andere_namen=tuple(AndereNaam(a["naam"], _h(a["herkomst"])) for a in v.get("andere_namen", ())),
        ) for v, name in each("thema")),
        key=lambda t: (t.volgorde, t.id),
    )
    sessies = sorted((_sessie(v, name) for v, name in each("sessie")), key=_sort_key_sessie)

    places: dict[str, list[Vindplaats]] = {}
    current_id = {old: v["id"] for v, _ in each("kaart") for old in v.get("eerdere_ids", ())}
    for sessie in sessies:
        for ronde in sessie.rondes:
            for gewoonte in ronde.gewoontes:
                if gewoonte.kaart:
                    places.setdefault(current_id.get(gewoonte.kaart, gewoonte.kaart), []).append(Vindplaats(
                        gewoonte.tekst,
                        Herkomst(sessie.herkomst.document, f"{sessie.herkomst.sectie}, ronde {ronde.nummer}: {ronde.titel}"),
                        sessie=sessie.id, ronde=ronde.nummer,
                    ))
    theme_order = {t.id: t.volgorde for t in themas}
    card_values = sorted(each("kaart"), key=lambda vn: (theme_order.get(vn[0]["thema"], 99), vn[0]["titel"].casefold(), vn[0]["id"]))
    kaarten = tuple(
        Kaart(
            id=v["id"], titel=v["titel"], tekst=normalise(v["tekst"]), thema=v["thema"], voor=tuple(v["voor"]),
            e=tuple(v.get("e", ())), indeling_redactioneel=v["indeling_redactioneel"],
            vindplaatsen=tuple(places.get(v["id"], ())) + tuple(
                Vindplaats(h["formulering"], _h(h), kaartenset=h.get("kaartenset", False)) for h in v.get("herkomst", ())
            ),
            bestand=name, nummer=v["nummer"], indeling_toelichting=v.get("indeling_toelichting"),
            trefwoorden=tuple(v.get("trefwoorden", ())), eerdere_ids=tuple(v.get("eerdere_ids", ())),
        )
        for v, name in card_values
    )

    (model_value, model_name), = each("model")
    model = Model(
        titel=model_value["titel"], inleiding=_inhoud(model_value["inleiding"]),
        woordenschatten=tuple(
            Woordenschat(w["id"], w["naam"], tuple(_h(h) for h in w["herkomst"]), w.get("toelichting"),
                         tuple(w.get("sessies", ())), _inhoud(w.get("inhoud")))
            for w in model_value["woordenschatten"]
        ),
        e=tuple(
            E(e["id"], e["naam"], tuple(ENaam(n["woordenschat"], n["naam"], n.get("omschrijving"), n.get("vraag")) for n in e["namen"]))
            for e in model_value["e"]
        ),
        bestand=model_name,
    )
    aanbevelingen = tuple(
        Aanbeveling(
            id=a["id"], soort=a["soort"], tekst=a["tekst"], herkomst=_h(a["herkomst"]), bestand=name,
            punten=tuple(a.get("punten", ())), kaarten=tuple(a.get("kaarten", ())), themas=tuple(a.get("themas", ())),
            zelfde_als=a.get("zelfde_als"), toelichting=a.get("toelichting"),
        )
        for a, name in listed("aanbevelingen", "aanbevelingen")
    )
    aanpakken = tuple(sorted(
        (Aanpak(v["id"], v["naam"], v["organisatie"], v["samenvatting"], _secties(v["secties"]), name, v.get("periode"),
                _h(v["herkomst"]) if v.get("herkomst") else None)
         for v, name in each("aanpak")),
        key=lambda a: a.id,
    ))
    documenten = tuple(sorted(
        (Document(v["id"], v["titel"], v["uitgever"], v["datum"], v["volgorde"], name,
                  v.get("ondertitel"), v.get("auteurs"), v.get("samenvatting"))
         for v, name in each("document")),
        key=lambda d: (d.volgorde, d.id),
    ))
    bronnen = tuple(sorted(
        (Bron(b["id"], b["soort"], b["titel"], tuple(_h(h) for h in b["vermeld_in"]), name,
              b.get("auteurs"), b.get("jaar"), b.get("uitgever"), b.get("url"), b.get("toelichting"))
         for b, name in listed("bronnen", "bronnen")),
        key=lambda b: (b.titel.lstrip("[").casefold(), b.id),  # [descriptive titles] sort by their words
    ))
    correcties = tuple(
        Correctie(c["document"], c["fout"], c["correctie"], c.get("toelichting"), c.get("zeker", True))
        for c, _ in listed("correcties", "correcties")
    )
    (draaiboek_value, draaiboek_name), = each("draaiboek")
    return Site(
        kaarten=kaarten, sessies=tuple(sessies), themas=tuple(themas), model=model,
        aanbevelingen=aanbevelingen, aanpakken=aanpakken, bronnen=bronnen, documenten=documenten,
        correcties=correcties, editie=editie, draaiboek=_draaiboek(draaiboek_value, draaiboek_name),
    )


def _passages(values: Any) -> tuple[Bronpassage, ...]:
    return tuple(Bronpassage(p["tekst"], _h(p["herkomst"])) for p in values or ())


def _draaiboek(v: dict, name: str) -> Draaiboek:
    onderdelen, rondes = [], 0
    for part in v["onderdelen"]:
        rondes += part["soort"] == "ronde"
        redactie = part.get("redactie") or {}
        onderdelen.append(Onderdeel(
            id=part["id"], soort=part["soort"], titel=part["titel"], beschrijving=_passages(part["beschrijving"]),
            nummer=rondes if part["soort"] == "ronde" else None,
            titel_herkomst=_h(part["titel_herkomst"]) if part.get("titel_herkomst") else None,
            vragen=_passages(part.get("vragen")),
            varianten=tuple(Variant(x["waar"], _passages(x["bron"])) for x in part.get("varianten", ())),
            kaarten=part.get("kaarten", False), duur_minuten=redactie.get("duur_minuten"),
            tips=tuple(redactie.get("tips", ())),
        ))
    tips = v.get("tips")
    return Draaiboek(
        titel=v["titel"], samenvatting=v["samenvatting"], inleiding=v["inleiding"], uitleg=v["uitleg"],
        opzet=_passages(v["opzet"]),
        voorbereiden=tuple(Voorbereiding(x["wat"], _passages(x["bron"]), x.get("redactie")) for x in v["voorbereiden"]),
        onderdelen=tuple(onderdelen), bestand=name,
        tips=Brontips(tips["titel"], _h(tips["herkomst"]), tuple(tips["punten"]), tips.get("inleiding")) if tips else None,
    )


def _edition(data_dir: Path, files: list[LoadedFile]) -> Editie:
    """A version that changes with any data byte, and the date of the last data change."""
    digest = hashlib.sha256()
    for loaded in sorted(files, key=lambda f: f.name):
        digest.update(loaded.name.encode() + b"\0" + loaded.raw + b"\0")
    return Editie(versie=digest.hexdigest()[:10], datum=_data_date(data_dir))


def _data_date(data_dir: Path) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", "."], cwd=data_dir,
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    newest = max((p.stat().st_mtime for p in data_dir.rglob("*.yaml")), default=0)
    return dt.datetime.fromtimestamp(newest, dt.timezone.utc).date().isoformat()
