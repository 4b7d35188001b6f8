"""Word for word: every verbatim field in data/ stands in the source document it names.

The sources are the five text conversions in brondocumenten/, one per document in
data/documenten/, named after its id. A field passes when its text, normalised, is part of its document, normalised the same
way. The normaliser only undoes what is not wording:

- whitespace and line breaks (also page breaks inside a paragraph);
- the style of quote marks (‘’“”'" are one mark), and outer quote marks that the data leaves
  off a quote (including a full stop the source puts after the closing mark);
- Markdown of the conversion: emphasis, headings, list bullets, links `[text](#)`, HTML tags;
- in 003 (a brochure with one line per printed line) words split with a hyphen at a line end;
- the text-conversion damage listed in data/correcties/ (replaced in the source first).

Editorial fields (written by the site's editors, not quoted) are exempt: a card's `titel`,
`indeling_toelichting` and `trefwoorden`, a session's `deelnemers_toelichting`, `samenvatting`,
the model's `inleiding` and a vocabulary's `toelichting`, a recommendation's `toelichting`,
section titles, table captions (`bijschrift`), sections titled "Noot van de redactie…", and in
the session guide (data/draaiboek.yaml) `titel`, `samenvatting`, `inleiding`, `uitleg`, `wat`,
`waar`, everything under `redactie` and a part's `titel` without `titel_herkomst`.
What such text puts between ‘…’ or “…” is a quote, and must stand in a source too.

The last test goes the other way: every sentence of every source is somewhere in data/, except
the few fragments listed in LEFT_OUT with the reason they are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kennisplein.paths import DATA, SOURCE_DOCUMENTS
from kennisplein.vocabularies import MAANDEN
# Every document in data/documenten/ has its text in brondocumenten/<id>.txt.
DOCUMENTS = tuple(sorted(path.stem for path in (DATA / "documenten").glob("*.yaml")))
HYPHENATED_AT_LINE_ENDS = {"sigra-actieprogramma-behoud"}
EDITORIAL_SECTION = "Noot van de redactie"
PAGE_BREAK = "[paginawissel]"  # how data/correcties/ writes a page break inside a sentence
OMISSION = "…"  # in a source's `toelichting`: joins two passages that are not next to each other

QUOTE_MARKS = str.maketrans({mark: "'" for mark in "‘’‚‛“”„\"´`"})
LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\([^)\s]*\)")
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
LINE_START = re.compile(r"(?m)^[ \t]*(?:[-•¢][ \t]+)?(?:#+[ \t]+)?")  # ¢: a bullet, as 003 converted it
HYPHEN_AT_LINE_END = re.compile(r"(\w)-[ \t]*\n\s*(\w)")
QUOTED = re.compile(r"[‘“](.+?)[’”](?!\w)", re.S)


# --- the normaliser ------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Both sides: no Markdown, one kind of quote mark, single spaces."""
    text = LINK.sub(r"\1", text)
    text = text.replace("*", "").translate(QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip()


def normalise_source(text: str, document: str) -> str:
    """A source document's text (or a piece of it) as the data must quote it."""
    text = HTML_TAG.sub("", text)
    if document in HYPHENATED_AT_LINE_ENDS:
        text = HYPHEN_AT_LINE_END.sub(r"\1\2", text)
    return normalise(LINE_START.sub("", text))


@dataclass(frozen=True)
class Source:
    document: str
    raw: str
    text: str  # normalised, with the listed corrections applied


def read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def corrections() -> list[dict]:
    return [c for f in sorted((DATA / "correcties").glob("*.yaml")) for c in read_yaml(f)["correcties"]]


@lru_cache(maxsize=None)
def source(document: str) -> Source:
    raw = (SOURCE_DOCUMENTS / f"{document}.txt").read_text(encoding="utf-8")
    text = normalise_source(raw, document)
    for c in corrections():
        if c["document"] == document:
            text = text.replace(normalise_source(c["fout"], document), normalise_source(c["correctie"], document))
    return Source(document, raw, text)


def stands_in(text: str, documents: tuple[str, ...], heading: bool = False) -> bool:
    wanted = normalise(text)
    if not wanted:
        return True
    for document in documents:
        haystack = source(document).text
        needle = wanted
        if heading:  # headings are often in capitals in the source
            haystack, needle = haystack.casefold(), needle.casefold()
        if needle in haystack:
            return True
        # the data ends a quote with its full stop where the source has the stop after the mark
        if needle.endswith(".") and needle[:-1] + "'." in haystack:
            return True
    return False


# --- which fields are verbatim, and where ---------------------------------------------------

@dataclass(frozen=True)
class Field:
    file: str
    path: str
    text: str
    documents: tuple[str, ...]
    heading: bool = False

    def __str__(self) -> str:
        shown = self.text if len(self.text) < 160 else self.text[:157] + "..."
        return f"{self.file} {self.path} [{', '.join(self.documents)}]: {shown!r}"


def _docs(*herkomsten) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h["document"] for h in herkomsten if h))


def block_fields(file: str, where: str, blocks, documents):
    """Verbatim fields in an `inhoud` list; editorial ones go to `quotes_in`."""
    for i, block in enumerate(blocks or []):
        (kind, value), = block.items()
        path = f"{where}[{i}].{kind}"
        if kind == "kop":
            yield Field(file, path, value, documents, heading=True)
        elif kind == "tekst":
            yield Field(file, path, value, documents)
        elif kind == "citaten":
            for j, quote in enumerate(value):
                for key in ("tekst", "reactie", "wie"):
                    if quote.get(key):
                        yield Field(file, f"{path}[{j}].{key}", quote[key], documents)
        elif kind in ("punten", "stappen", "tips"):
            for j, point in enumerate(value):
                if isinstance(point, str):
                    yield Field(file, f"{path}[{j}]", point, documents)
                else:
                    yield Field(file, f"{path}[{j}].tekst", point["tekst"], documents)
                    for k, sub in enumerate(point["punten"]):
                        yield Field(file, f"{path}[{j}].punten[{k}]", sub, documents)
        elif kind == "gewoontes":
            for j, habit in enumerate(value):
                yield Field(file, f"{path}[{j}].tekst", habit["tekst"], documents)
        elif kind == "tabel":
            for j, column in enumerate(value["kolommen"]):
                yield Field(file, f"{path}.kolommen[{j}]", column, documents, heading=True)
            for j, row in enumerate(value["rijen"]):
                for k, cell in enumerate(row):
                    if cell:
                        yield Field(file, f"{path}.rijen[{j}][{k}]", cell, documents)


def editorial_texts(blocks):
    """All text in an `inhoud` list, for the quotes it may hold."""
    for block in blocks or []:
        (_, value), = block.items()
        yield from _strings(value)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _sections(file: str, value: dict):
    verbatim, editorial = [], []
    for i, sectie in enumerate(value.get("secties", [])):
        if sectie["titel"].startswith(EDITORIAL_SECTION):
            editorial.extend(editorial_texts(sectie["inhoud"]))
        else:
            verbatim.extend(block_fields(file, f"secties[{i}].inhoud", sectie["inhoud"], _docs(sectie["herkomst"])))
    return verbatim, editorial


def _names(text: str) -> list[str]:
    """The people in a list of authors as the data writes it ('A, B en C', 'A / B', 'A & B')."""
    return [n for n in re.split(r",\s+|\s+(?:en|&|/)\s+", text) if n.strip()]


def _date_text(datum: str) -> str:
    parts = [int(p) for p in datum.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MAANDEN[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MAANDEN[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def collect() -> tuple[list[Field], list[tuple[str, str]]]:
    """Every verbatim field in data/, and every editorial text (file, text) with its quotes."""
    fields: list[Field] = []
    editorial: list[tuple[str, str]] = []

    def rel(path: Path) -> str:
        return path.relative_to(DATA.parent).as_posix()

    for path in sorted((DATA / "kaarten").glob("*.yaml")):
        v, f = read_yaml(path), rel(path)
        fields.append(Field(f, "tekst", v["tekst"], ("eindverslag-2022",)))
        for i, h in enumerate(v.get("herkomst", [])):
            fields.append(Field(f, f"herkomst[{i}].formulering", h["formulering"], _docs(h)))
        editorial += [(f, v.get("indeling_toelichting") or "")]

    for path in sorted((DATA / "sessies").glob("*.yaml")):
        v, f = read_yaml(path), rel(path)
        docs = _docs(v["herkomst"])
        fields.append(Field(f, "titel", v["titel"], docs, heading=True))
        if v.get("datum"):
            fields.append(Field(f, "datum", _date_text(v["datum"]), docs, heading=True))
        for key in ("organisatie", "plaats"):
            if (v.get("locatie") or {}).get(key):
                fields.append(Field(f, f"locatie.{key}", v["locatie"][key], docs))
        for i, name in enumerate(v.get("begeleiders", [])):
            fields.append(Field(f, f"begeleiders[{i}]", name, docs))
        for i, d in enumerate(v.get("deelnemers", [])):
            fields.append(Field(f, f"deelnemers[{i}].omschrijving", d["omschrijving"], _docs(d["herkomst"])))
        fields += block_fields(f, "inleiding", v.get("inleiding"), docs)
        for i, ronde in enumerate(v["rondes"]):
            fields.append(Field(f, f"rondes[{i}].titel", ronde["titel"], docs, heading=True))
            fields += block_fields(f, f"rondes[{i}].inhoud", ronde["inhoud"], docs)
        fields += block_fields(f, "afsluiting", v.get("afsluiting"), docs)
        editorial += [(f, v.get("deelnemers_toelichting") or "")]

    for path in sorted((DATA / "themas").glob("*.yaml")):
        v, f = read_yaml(path), rel(path)
        fields.append(Field(f, "omschrijving.tekst", v["omschrijving"]["tekst"], _docs(v["omschrijving"]["herkomst"])))
        for i, other in enumerate(v.get("andere_namen", [])):
            fields.append(Field(f, f"andere_namen[{i}].naam", other["naam"], _docs(other["herkomst"]), heading=True))
        verbatim, notes = _sections(f, v)
        fields += verbatim
        editorial += [(f, n) for n in notes]

    for path in sorted((DATA / "aanpakken").glob("*.yaml")):
        v, f = read_yaml(path), rel(path)
        verbatim, notes = _sections(f, v)
        fields += verbatim
        editorial += [(f, n) for n in notes] + [(f, v["samenvatting"])]

    for path in sorted((DATA / "aanbevelingen").glob("*.yaml")):
        f = rel(path)
        for i, a in enumerate(read_yaml(path)["aanbevelingen"]):
            docs = _docs(a["herkomst"])
            fields.append(Field(f, f"aanbevelingen[{i}].tekst", a["tekst"], docs))
            for j, point in enumerate(a.get("punten", [])):
                fields.append(Field(f, f"aanbevelingen[{i}].punten[{j}]", point, docs))
            editorial += [(f, a.get("toelichting") or "")]

    model, f = read_yaml(DATA / "model.yaml"), "data/model.yaml"
    vocabularies = {}
    for i, w in enumerate(model["woordenschatten"]):
        docs = _docs(*w["herkomst"])
        vocabularies[w["id"]] = docs
        fields += block_fields(f, f"woordenschatten[{i}].inhoud", w.get("inhoud"), docs)
        editorial += [(f, w.get("toelichting") or "")]
    for i, e in enumerate(model["e"]):
        for j, naam in enumerate(e["namen"]):
            docs = vocabularies[naam["woordenschat"]]
            fields.append(Field(f, f"e[{i}].namen[{j}].naam", naam["naam"], docs, heading=True))
            for key in ("omschrijving", "vraag"):
                if naam.get(key):
                    fields.append(Field(f, f"e[{i}].namen[{j}].{key}", naam[key], docs))
    editorial += [(f, t) for t in editorial_texts(model["inleiding"])]

    for path in sorted((DATA / "bronnen").glob("*.yaml")):
        f = rel(path)
        for i, b in enumerate(read_yaml(path)["bronnen"]):
            docs = _docs(*b["vermeld_in"])
            where = f"bronnen[{i}] ({b['id']})"
            if not is_descriptive_title(b["titel"]):
                fields.append(Field(f, f"{where}.titel", b["titel"], docs))
            for key in ("uitgever", "jaar", "url"):
                if b.get(key):
                    fields.append(Field(f, f"{where}.{key}", b[key], docs))
            # a source named in two places quotes both passages, joined by " … "
            for part in (b.get("toelichting") or "").split(OMISSION):
                if part.strip():
                    fields.append(Field(f, f"{where}.toelichting", part, docs))
            for name in _names(b.get("auteurs") or ""):
                fields.append(Field(f, f"{where}.auteurs", name, docs))
    fields += draaiboek_fields(DATA / "draaiboek.yaml")
    editorial += draaiboek_editorial(DATA / "draaiboek.yaml")
    return fields, [(file, text) for file, text in editorial if text]


def draaiboek_fields(path: Path) -> list[Field]:
    """The session guide: every passage (`tekst` with its `herkomst`), the headings taken from
    a source (`titel` with `titel_herkomst`) and the quoted list of tips."""
    v, f = read_yaml(path), f"data/{path.name}"
    fields: list[Field] = []

    def passages(items, where: str) -> None:
        for i, passage in enumerate(items or []):
            fields.append(Field(f, f"{where}[{i}].tekst", passage["tekst"], _docs(passage["herkomst"])))

    passages(v["opzet"], "opzet")
    for i, item in enumerate(v["voorbereiden"]):
        passages(item["bron"], f"voorbereiden[{i}].bron")
    for i, part in enumerate(v["onderdelen"]):
        where = f"onderdelen[{i}] ({part['id']})"
        if part.get("titel_herkomst"):
            fields.append(Field(f, f"{where}.titel", part["titel"], _docs(part["titel_herkomst"]), heading=True))
        passages(part["beschrijving"], f"{where}.beschrijving")
        passages(part.get("vragen"), f"{where}.vragen")
        for j, variant in enumerate(part.get("varianten", [])):
            passages(variant["bron"], f"{where}.varianten[{j}].bron")
    if v.get("tips"):
        docs = _docs(v["tips"]["herkomst"])
        fields.append(Field(f, "tips.titel", v["tips"]["titel"], docs, heading=True))
        for i, point in enumerate(v["tips"]["punten"]):
            fields.append(Field(f, f"tips.punten[{i}]", point, docs))
    return fields


def draaiboek_editorial(path: Path) -> list[tuple[str, str]]:
    """What the editors wrote in the guide: held to the sources only where it quotes."""
    v, f = read_yaml(path), f"data/{path.name}"
    texts = [v["titel"], v["samenvatting"], v["inleiding"], v["uitleg"], (v.get("tips") or {}).get("inleiding") or ""]
    texts += [t for item in v["voorbereiden"] for t in (item["wat"], item.get("redactie") or "")]
    for part in v["onderdelen"]:
        if not part.get("titel_herkomst"):
            texts.append(part["titel"])
        texts += [variant["waar"] for variant in part.get("varianten", [])]
        texts += (part.get("redactie") or {}).get("tips", [])
    return [(f, text) for text in texts]


def is_descriptive_title(titel: str) -> bool:
    """A title the editors wrote because the source gives none: written between [ and ]."""
    return titel.startswith("[") and titel.endswith("]")


# --- the tests -----------------------------------------------------------------------------

def test_every_document_has_its_source_text_in_the_repository():
    assert len(DOCUMENTS) == 5
    texts = {path.stem for path in SOURCE_DOCUMENTS.glob("*.txt")}
    assert texts == set(DOCUMENTS), "brondocumenten/ holds exactly one <id>.txt per data/documenten/<id>.yaml"
    for document in DOCUMENTS:
        assert len(source(document).text) > 5000


def test_every_verbatim_field_stands_in_its_source_document():
    fields, _ = collect()
    assert len(fields) > 1250  # the walk found the data (a wrong path would pass vacuously)
    failures = [field for field in fields if not stands_in(field.text, field.documents, field.heading)]
    report = "\n".join(str(f) for f in failures)
    assert not failures, f"{len(failures)} of {len(fields)} verbatim fields are not in their source:\n{report}"


def test_quotes_inside_editorial_text_stand_in_a_source():
    _, editorial = collect()
    everything = tuple(DOCUMENTS)
    failures = [
        f"{file}: ‘{quote}’"
        for file, text in editorial
        for quote in QUOTED.findall(text)
        if not stands_in(quote, everything)
    ]
    assert not failures, "Quoted in an editorial text, but not in any source:\n" + "\n".join(failures)


NUMBER_WORDS = {4: "vier", 5: "vijf", 6: "zes", 11: "elf"}


def test_participant_numbers_are_the_ones_their_description_states():
    """`aantal` is only set where the verbatim description itself gives that number."""
    failures = []
    for path in sorted((DATA / "sessies").glob("*.yaml")):
        for d in read_yaml(path).get("deelnemers", []):
            if d.get("aantal") is None:
                continue
            words = set(re.findall(r"[\w’']+", d["omschrijving"].casefold()))
            if str(d["aantal"]) not in words and NUMBER_WORDS.get(d["aantal"]) not in words:
                failures.append(f"{path.name}: {d['aantal']} not in {d['omschrijving']!r}")
    assert not failures, "\n".join(failures)


# Two entries describe markup instead of quoting it, because the data checks refuse a link
# without an address and HTML in any text: the normaliser removes such markup anyway.
MARKUP_NOTES = {("eindverslag-2022", "Luka"), ("rotterdamsezorg-inspiratiebundel-2025", "Gezond werken stimuleren ⁴")}


def test_every_listed_correction_is_in_its_source():
    """data/correcties/ lists real damage: each `fout` stands in the conversion as written."""
    failures = []
    for c in corrections():
        if (c["document"], c["correctie"]) in MARKUP_NOTES:
            continue
        raw = re.sub(r"\s+", " ", source(c["document"]).raw)
        fout = re.sub(r"\s+", " ", c["fout"].replace(PAGE_BREAK, " ")).strip()
        if fout not in raw:
            failures.append(f"{c['document']}: {c['fout']!r}")
    assert not failures, "Corrections whose 'fout' is not in the source:\n" + "\n".join(failures)


def test_sources_cited_without_a_title_get_a_marked_descriptive_title():
    """A source cited only by a link like 'hier' or 'Video' gets a title in [brackets]; the
    verbatim test above holds every other title to the source's words."""
    titles = {
        b["id"]: b["titel"] for path in sorted((DATA / "bronnen").glob("*.yaml")) for b in read_yaml(path)["bronnen"]
    }
    # cited in 004 only as 'Bekijk dan hier de video', 'hier', 'Klik hier', 'serious game', 'infographic', ...
    for ident in ("lerend-netwerk-video", "cnv-goed-werkgeverschap", "goudse-verzekeringen-goed-werkgever",
                  "staz-vernieuwende-roostermethoden", "jobcraft-company-infographic", "ggj-onderzoek-2021"):
        assert is_descriptive_title(titles[ident]), f"{ident}: {titles[ident]!r} is not marked as descriptive"


def test_normaliser_handles_the_known_deviations():
    """The normaliser itself: each kind of deviation it forgives, and a real change it does not."""
    assert stands_in("Zo voelt de stagiaire zich welkom", ("eindverslag-2022",))
    assert stands_in("Over EMB bewoner op bezoek bij jarige vader", ("eindverslag-2022",))  # listed correction
    assert stands_in("zo’n vraag uit de kaartenset inbrengen'", ("eindverslag-2022",))  # page break, quote style
    assert stands_in("Het is ook wel een keer geëscaleerd", ("eindverslag-2022",))
    assert stands_in("ze komen immers in een team met weinig verloop.", ("dialoograpport-2021",))  # ”. -> .
    assert stands_in("Ze staan aan het begin of hebben al elementen van magneet in hun organisaties geïmplementeerd.", ("sigra-actieprogramma-behoud",))
    assert stands_in("Job Demands-Resources (JD-R) Theorie", ("rotterdamsezorg-inspiratiebundel-2025",))
    assert not stands_in("Zo voelt de stagiair zich welkom", ("eindverslag-2022",))
    assert not stands_in("Over EMD bewoner op bezoek bij jarige vader", ("eindverslag-2022",))


# --- and the other way round: every fragment of a source is in data/ -------------------------

# What data/ leaves out of the sources, on purpose. Each entry: document, the fragment's start, why.
LEFT_OUT = [
    ("eindverslag-2022", "Inhoudsopgave", "table of contents"),
    ("eindverslag-2022", "Klik hier om terug te gaan", "navigation inside the PDF"),
    ("eindverslag-2022", "Bijlagen", "heading of the annexes; each annex is its own page"),
    ("eindverslag-2022", "Bijlage 2: Impressieverslagen van de vier regionale sessies", "heading; the four reports are session pages"),
    ("eindverslag-2022", "Hieronder staan de impressieverslagen", "navigation: the reports are session pages, listed in order of date"),
    ("eindverslag-2022", "Reflectie op doelen en leerervaringen", "chapter heading of 5A and 5B, which are shown"),
    ("eindverslag-2022", "Blik vooruit: aanbevelingen", "chapter heading of 6A and 6B, which are shown"),
    ("eindverslag-2022", "Tot slot vertelt initiatiefnemer", "shown as a sentence and a quote (split at the colon)"),
    ("dialoograpport-2021", "Inhoudsopgave", "table of contents"),
    ("beroepseer-goed-werk-aanpak", "Lees meer", "link text of the web page"),
    ("beroepseer-goed-werk-aanpak", "Nieuwsbrief ontvangen?", "newsletter sign-up of the web page"),
    ("beroepseer-goed-werk-aanpak", "Wij houden u graag op de hoogte", "newsletter sign-up of the web page"),
    ("beroepseer-goed-werk-aanpak", "Wilt u onze nieuwsbrief ontvangen?", "newsletter sign-up of the web page"),
    ("beroepseer-goed-werk-aanpak", "Dan kunt u zich hieronder aanmelden", "newsletter sign-up of the web page"),
    ("rotterdamsezorg-inspiratiebundel-2025", "RO⁺HERDAMSE", "logo on the cover"),
    ("rotterdamsezorg-inspiratiebundel-2025", "Inhoudsopgave", "table of contents"),
]
# Session facts that data/ holds in fields of their own (datum, locatie, begeleiders): the
# tests above hold them to the source; here they are recognised by their form.
SESSION_FACT = re.compile(
    r"^(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag) \d{1,2} \w+ 20\d\d"  # Vrijdag 9 september 2022
    r"|[A-Z][\w ]+, [A-Z][\w]+"  # Sius, Groenlo
    r"|\w+ \((?:VWS|HKU|Vilans)\), \w+ \((?:VWS|HKU|Vilans)\) & \w+ \((?:VWS|HKU|Vilans)\))$",  # Anouk (VWS), ...
    re.IGNORECASE,
)


def _fragments(document: str):
    """The source as fragments a reader would quote: lines and table cells, cut into sentences."""
    text = HTML_TAG.sub("", source(document).raw)
    if document in HYPHENATED_AT_LINE_ENDS:
        text = HYPHEN_AT_LINE_END.sub(r"\1\2", text)
    fixes = [(normalise_source(c["fout"], document), normalise_source(c["correctie"], document))
             for c in corrections() if c["document"] == document]
    for line in re.split(r"[\n\t]", LINE_START.sub("", text)):
        line = normalise(line)
        for fout, correctie in fixes:
            line = line.replace(fout, correctie)
        line = re.sub(r"^(?:Datum|Locatie|Deelnemers): ", "", line)
        for sentence in re.split(r"(?<=[.!?])'?\s+'?", line):
            sentence = sentence.strip("' ").rstrip(".:").strip("' ")
            if len(sentence) >= 4:
                yield sentence


def test_every_fragment_of_every_source_is_in_the_data():
    """The other direction: a reader of a source finds each of its sentences in data/."""
    texts = [t for path in sorted(DATA.rglob("*.yaml")) for t in _strings(read_yaml(path))]
    corpus = " || ".join(normalise(t) for t in texts).casefold()
    missing = []
    for document in DOCUMENTS:
        left_out = [start.casefold() for doc, start, _ in LEFT_OUT if doc == document]
        for fragment in _fragments(document):
            folded = fragment.casefold()
            if folded in corpus or SESSION_FACT.match(fragment) or any(folded.startswith(s) for s in left_out):
                continue
            missing.append(f"{document}: {fragment[:150]!r}")
    assert not missing, f"{len(missing)} fragments of the sources are not in data/:\n" + "\n".join(missing)


def test_the_session_guide_is_held_to_its_sources_and_a_changed_word_is_caught(tmp_path):
    """data/draaiboek.yaml quotes the sources' account of the rounds: each of its passages is
    checked like all other source text, and one word changed in a copy makes it fail."""
    fields = draaiboek_fields(DATA / "draaiboek.yaml")
    assert len(fields) > 50
    assert all(stands_in(f.text, f.documents, f.heading) for f in fields)
    changed = tmp_path / "draaiboek.yaml"
    changed.write_text((DATA / "draaiboek.yaml").read_text(encoding="utf-8").replace(
        "We onderstrepen\n          een stukje dat ons raakt.", "We markeren\n          een stukje dat ons raakt.", 1), encoding="utf-8")
    failing = [f.path for f in draaiboek_fields(changed) if not stands_in(f.text, f.documents, f.heading)]
    assert failing == ["voorbereiden[1].bron[0].tekst"]
