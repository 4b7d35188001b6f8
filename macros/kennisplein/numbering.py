"""Card numbers: the site's own number for each card, stored in the card, and the list of
every number ever issued (data/kaartnummers.yaml) that keeps a number from going to another card.

A printed card and a citation say "kaart 9 op het Kennisplein", so a number is never derived
from an order (adding a card would renumber the printed ones) and never reused (an old
printed card would name a new one). The card file holds its `nummer`; the list is the memory:
a card that is removed keeps its line there. The rules:

- a card keeps the number the list gave it (under its id or one of its `eerdere_ids`);
- a number in the list belongs to the card it was given to, also after that card is gone;
- a card's number stands in the list, so the next card cannot take it;
- no number twice, in the list or on two cards.

`kennisplein nieuwe-kaart` gives a new card the next free number (`next_number`) and adds it
to the list (`register`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .loading import LoadedFile, load_file
from .problems import Problem
from .vocabularies import NUMBERS_FILE

LIST_NAME = f"data/{NUMBERS_FILE}"
LIST_HEADER = (
    "# yaml-language-server: $schema=../macros/schemas/kaartnummers.schema.json\n"
    "#\n"
    "# Elk kaartnummer dat het Kennisplein ooit heeft uitgegeven, met de kaart die het kreeg.\n"
    "# Een nummer wordt nooit opnieuw gebruikt: ook als een kaart verdwijnt, blijft haar regel\n"
    "# hier staan. Haal dus nooit een regel weg en verander er geen. Een nieuwe kaart krijgt het\n"
    "# volgende vrije nummer en een regel onderaan; 'kennisplein nieuwe-kaart' doet dat zelf.\n"
    "kaartnummers:\n"
)


@dataclass(frozen=True)
class Uitgegeven:
    """One line of the list: a number, the card it was given to, and where the line stands."""

    nummer: int
    kaart: str
    regel: int


def issued(registry: LoadedFile | None) -> list[Uitgegeven]:
    """The well-formed lines of the list, in order (the schema reports the others)."""
    if registry is None or not isinstance(registry.value, dict):
        return []
    items = registry.value.get("kaartnummers")
    result = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and _is_number(item.get("nummer")) and isinstance(item.get("kaart"), str):
            result.append(Uitgegeven(item["nummer"], item["kaart"], registry.position(("kaartnummers", index))[0]))
    return result


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _card_numbers(cards: list[LoadedFile]) -> list[tuple[LoadedFile, int]]:
    return [(c, c.value["nummer"]) for c in cards if isinstance(c.value, dict) and _is_number(c.value.get("nummer"))]


def next_free(registry: LoadedFile | None, cards: list[LoadedFile]) -> int:
    """One more than the highest number in the list or on a card."""
    numbers = [u.nummer for u in issued(registry)] + [n for _, n in _card_numbers(cards)]
    return max(numbers, default=0) + 1


def _line(nummer: int, kaart: str) -> str:
    return f"- {{nummer: {nummer}, kaart: {kaart}}}"


def problems(cards: list[LoadedFile], registry: LoadedFile | None) -> list[Problem]:
    """Every way the cards' numbers and the list disagree, with the fix in Dutch."""
    found: list[Problem] = []
    lines = issued(registry)
    if registry is None:
        if cards:
            found.append(Problem(LIST_NAME, 1, 1, (
                "de lijst met uitgegeven kaartnummers ontbreekt. Maak dit bestand met onder 'kaartnummers:' "
                "voor elke kaart een regel zoals '- {nummer: 1, kaart: blijf-gesprek}' (zie CONTRIBUTING.md, "
                "'Kaartnummers').")))
        return found
    following = next_free(registry, cards)

    by_number: dict[int, Uitgegeven] = {}
    by_card: dict[str, Uitgegeven] = {}
    for index, line in enumerate(lines):
        path = ("kaartnummers", index)
        if line.nummer in by_number:
            first = by_number[line.nummer]
            found.append(registry.problem(path + ("nummer",), (
                f"kaartnummer {line.nummer} staat twee keer in deze lijst (ook op regel {first.regel}, voor "
                f"'{first.kaart}'). Een nummer hoort bij één kaart. Staat hier dezelfde kaart, verwijder dan deze "
                f"regel; is het een andere kaart, geef haar dan het volgende vrije nummer, {following}.")))
            continue
        if line.kaart in by_card:
            first = by_card[line.kaart]
            found.append(registry.problem(path + ("kaart",), (
                f"de kaart '{line.kaart}' staat twee keer in deze lijst (ook op regel {first.regel}, met nummer "
                f"{first.nummer}). Een kaart heeft één vast nummer: verwijder deze regel en geef de kaart "
                f"weer 'nummer: {first.nummer}'.")))
            continue
        by_number[line.nummer] = line
        by_card[line.kaart] = line

    on_cards: dict[int, LoadedFile] = {}
    for card, nummer in _card_numbers(cards):
        ident = card.value.get("id")
        names = [n for n in [ident, *(card.value.get("eerdere_ids") or [])] if isinstance(n, str)]
        own = next((by_card[n] for n in names if n in by_card), None)
        given = by_number.get(nummer)
        path = ("nummer",)
        if own is not None and own.nummer != nummer:
            found.append(card.problem(path, (
                f"de kaart '{own.kaart}' heeft kaartnummer {own.nummer} ({LIST_NAME}:{own.regel}). Het nummer "
                f"van een kaart verandert nooit, want geprinte kaarten en bronvermeldingen noemen het: "
                f"zet 'nummer: {own.nummer}' terug.")))
        elif given is not None and given.kaart not in names:
            found.append(card.problem(path, (
                f"kaartnummer {nummer} is al uitgegeven aan de kaart '{given.kaart}' ({LIST_NAME}:{given.regel}). "
                f"Een nummer wordt nooit opnieuw gebruikt, ook niet als die kaart er niet meer is. Geef deze "
                f"kaart het volgende vrije nummer, {following}, en zet onderaan {LIST_NAME} de regel "
                f"'{_line(following, ident)}'.")))
        elif given is None:
            if nummer in on_cards:
                other = on_cards[nummer]
                found.append(card.problem(path, (
                    f"kaartnummer {nummer} staat ook in {other.name}:{other.position(path)[0]}. Elke kaart heeft "
                    f"een eigen nummer: geef deze kaart het volgende vrije nummer, {following}, en zet onderaan "
                    f"{LIST_NAME} de regel '{_line(following, ident)}'.")))
            else:
                # A number above every issued one is a new card's; a lower one that was never
                # issued is a slip (numbers are issued in order).
                advice = "" if nummer > max(by_number, default=0) else (
                    f" Is dit een nieuwe kaart? Geef haar dan het volgende vrije nummer, {following}.")
                found.append(card.problem(path, (
                    f"kaartnummer {nummer} staat nog niet in {LIST_NAME}, de lijst van uitgegeven nummers.{advice} "
                    f"Zet onderaan die lijst de regel '{_line(nummer if not advice else following, ident)}' "
                    "(kennisplein nieuwe-kaart doet dat zelf).")))
        on_cards.setdefault(nummer, card)
    return found


# --- for the command line: the next number, and adding a card to the list ---------------------

def _read(data_dir: Path) -> tuple[LoadedFile | None, list[LoadedFile]]:
    data_dir = Path(data_dir)
    path = data_dir / NUMBERS_FILE
    registry = load_file(path, LIST_NAME) if path.is_file() else None
    cards = [load_file(p, f"data/kaarten/{p.name}") for p in sorted((data_dir / "kaarten").glob("*.yaml"))]
    return registry, cards


def next_number(data_dir: Path) -> int:
    """The number a new card in `data_dir` gets."""
    registry, cards = _read(data_dir)
    return next_free(registry, cards)


def register(data_dir: Path, nummer: int, ident: str) -> None:
    """Add a line for a newly numbered card at the end of the list (made if it is not there)."""
    path = Path(data_dir) / NUMBERS_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else LIST_HEADER
    if not text.endswith("\n"):
        text += "\n"
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text + f"  {_line(nummer, ident)}\n")
