"""Synthetic data for the benchmark and for tests that need many cards.

`write_synthetic_data(target, n)` writes a valid data folder with exactly n cards: the real
data (the hand-written pages in docs/ show real cards and sessions by id, so they need the real
ones) plus synthetic cards, each quoted verbatim in the habits of a synthetic session report,
a session for every 20 cards. `synthetic_site(n)` is the real Site with its cards repeated.
"""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
from pathlib import Path

import yaml

from kennisplein import numbering
from kennisplein.paths import DATA, ROOT
from kennisplein.records import Site
from kennisplein.site import build_site
from kennisplein.vocabularies import NUMBERS_FILE


def site_url() -> str:
    """mkdocs.yml's site_url when KENNISPLEIN_SITE_URL is not set (the QR codes' length)."""
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())["site_url"]


CARDS_PER_SESSION = 20
THEMES = ("reflectie", "teamwerk", "goed-werkgeverschap")
ROLES = ("medewerker", "team", "leidinggevende", "bestuurder")
ES = ("excellentie", "ethiek", "energie")


def _vocabulary() -> list[str]:
    """Real Dutch words: every word of the real cards' texts."""
    words: set[str] = set()
    for path in sorted((DATA / "kaarten").glob("*.yaml")):
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
        words.update(re.findall(r"[a-zà-ÿ]{3,}", str(value.get("tekst", "")).lower()))
    return sorted(words) or ["goed", "werk", "team", "gesprek", "zorg", "collega"]


class Writer:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.words = _vocabulary()

    def sentence(self, n: int) -> str:
        text = " ".join(self.random.choice(self.words) for _ in range(n))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(self.sentence(self.random.randint(8, 16)) for _ in range(sentences))


def dump(path: Path, value: dict) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def write_synthetic_data(target: Path, n_cards: int) -> Path:
    """A valid data folder with exactly `n_cards` cards: the real data plus synthetic cards,
    each quoted verbatim in the habits of a synthetic session report (as real cards are)."""
    shutil.copytree(DATA, target)
    existing = len(list((target / "kaarten").glob("*.yaml")))
    first = numbering.next_number(target)
    writer = Writer(n_cards)
    cards = []
    for number in range(1, n_cards - existing + 1):
        ident = f"synthetisch-{number:05d}"
        card = {
            "id": ident,
            "nummer": first + number - 1,
            "titel": f"Synthetische kaart {number}",
            "tekst": writer.sentence(writer.random.randint(10, 30)),
            "thema": THEMES[number % 3],
            "voor": sorted({ROLES[number % 4], ROLES[(number // 4) % 4]}),
            "e": [ES[number % 3]],
            "indeling_redactioneel": True,
            "trefwoorden": sorted({writer.random.choice(writer.words) for _ in range(4)}),
        }
        dump(target / "kaarten" / f"{ident}.yaml", card)
        cards.append(card)
    with (target / NUMBERS_FILE).open("a", encoding="utf-8") as issued:  # every number, as the CLI adds them
        issued.writelines(f"  - {{nummer: {c['nummer']}, kaart: {c['id']}}}\n" for c in cards)
    for index in range(0, len(cards), CARDS_PER_SESSION):
        number = index // CARDS_PER_SESSION + 1
        group = cards[index:index + CARDS_PER_SESSION]
        ident = f"synthetische-sessie-{number:04d}"
        dump(target / "sessies" / f"{ident}.yaml", {
            "id": ident,
            "titel": f"Synthetische sessie {number}",
            "aanpak": "goed-werk-2022",
            "soort": "regionaal",
            "regio": ("Oost", "Zuid", "West", "Noord")[number % 4],
            "datum": f"{2023 + number // 336}-{number // 28 % 12 + 1:02d}-{number % 28 + 1:02d}",
            "herkomst": {"document": "eindverslag-2022", "sectie": "Synthetisch"},
            "inleiding": [{"tekst": writer.paragraph()}],
            "rondes": [
                {"titel": "Beelden van goed werk", "inhoud": [
                    {"tekst": writer.paragraph()},
                    {"citaten": [{"tekst": writer.paragraph(2)} for _ in range(3)]},
                    {"punten": [writer.sentence(6) for _ in range(5)]},
                ]},
                {"titel": "Wat raakt je?", "inhoud": [{"tekst": writer.paragraph(6)}]},
                {"titel": "Nieuwe goede gewoontes", "inhoud": [
                    {"gewoontes": [{"tekst": card["tekst"], "kaart": card["id"]} for card in group]},
                ]},
            ],
            "afsluiting": [{"tekst": writer.paragraph(2)}],
        })
    return target



def synthetic_site(n_cards: int, data_dir: Path = DATA) -> Site:
    """The real site with its cards repeated (new ids and numbers) up to `n_cards`."""
    site = build_site(data_dir)
    cards = []
    for number in range(1, n_cards + 1):
        model = site.kaarten[(number - 1) % len(site.kaarten)]
        cards.append(dataclasses.replace(
            model, id=f"synthetisch-{number:05d}-{model.id}", nummer=number, eerdere_ids=(),
        ))
    return dataclasses.replace(site, kaarten=tuple(cards))
