"""What each field of a data file means, read from the JSON Schemas (the one place it is written).

The editors' guide, the comments in new data files and the message about an unfilled
placeholder all take a field's Dutch explanation from here, so a schema `description` is
the only text to change when a field's meaning changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .schemas import raw as schema

# A schema reference ends in one of these names when it stands for a kind of value editors know.
_VALUE_KINDS = {
    "id": "id (kleine letters, cijfers, streepjes)",
    "tekst": "tekst",
    "titel": "tekst",
    "opgemaakte_tekst": "tekst met opmaak",
    "datum": "datum (JJJJ-MM-DD)",
    "herkomst": "blok: document en sectie",
    "inhoud": "lijst van inhoudsblokken",
    "citaat": "blok",
    "gewoonte": "blok",
    "tabel": "blok",
    "sectie": "blok",
    "punt": "tekst, of tekst met punten",
}
_TYPE_WORDS = {
    "string": "tekst", "integer": "geheel getal", "number": "getal",
    "boolean": "true of false", "object": "blok", "array": "lijst",
}


@dataclass(frozen=True)
class Veld:
    """One field as an editor sees it: where it stands, whether it must be there, what goes in."""

    pad: str  # e.g. "locatie.organisatie" or "rondes[].titel"
    naam: str  # the key itself, e.g. "organisatie"
    verplicht: bool
    soort: str  # the kind of value, in Dutch
    uitleg: str  # the schema's description; "" where it has none
    diepte: int  # 0 for a top-level field


def _target(node: dict, current: str) -> tuple[dict, str, str | None]:
    """Follow one `$ref`: the schema it points at, the file it is in, and the name of its $def."""
    ref = node.get("$ref")
    if not ref:
        return node, current, None
    file, _, pointer = ref.partition("#")
    file_name = file.removesuffix(".schema.json") if file else current
    target: Any = schema(file_name)
    for part in [p for p in pointer.split("/") if p]:
        target = target[part]
    return target, file_name, pointer.rsplit("/", 1)[-1] if pointer else None


def resolve(node: dict, current: str) -> tuple[dict, str, str | None]:
    """Follow `$ref`s to the schema that says what the value is; also the last $def name."""
    name = None
    while "$ref" in node:
        node, current, ref_name = _target(node, current)
        name = ref_name or name
    return node, current, name


def description(node: dict, current: str) -> str:
    """A field's explanation: its own description, else the one of what it refers to."""
    while True:
        if node.get("description"):
            return node["description"]
        if "$ref" not in node:
            return ""
        node, current, _ = _target(node, current)


def _kind(node: dict, current: str) -> str:
    resolved, _, ref_name = resolve(node, current)
    if ref_name in _VALUE_KINDS:
        return _VALUE_KINDS[ref_name]
    if "enum" in resolved:
        return "keuze: " + ", ".join(str(v) for v in resolved["enum"])
    if resolved.get("type") == "array":
        items, _, item_ref = resolve(resolved.get("items", {}), current)
        if "enum" in items:
            return "lijst, kies uit: " + ", ".join(str(v) for v in items["enum"])
        if item_ref == "punt":
            return "lijst van punten"
        if item_ref == "id":
            return "lijst van ids"
        if item_ref in ("tekst", "titel", "opgemaakte_tekst") or items.get("type") == "string":
            return "lijst van teksten"
        if items.get("type") == "array":
            return "lijst van rijen; elke rij is een lijst van teksten"
        return "lijst van blokken"
    return _TYPE_WORDS.get(resolved.get("type"), "waarde")


def fields(kind: str) -> tuple[Veld, ...]:
    """Every field of a data file of this kind, parents before their children.

    Content blocks (`inhoud`) are listed once, by `blocks()`, not under every field that has them.
    """
    rows: list[Veld] = []

    def walk(node: dict, current: str, prefix: str, depth: int) -> None:
        resolved, current, _ = resolve(node, current)
        required = set(resolved.get("required", ()))
        for key, child in resolved.get("properties", {}).items():
            path = f"{prefix}{key}"
            rows.append(Veld(path, key, key in required, _kind(child, current), description(child, current), depth))
            target, target_file, ref_name = resolve(child, current)
            if ref_name in ("inhoud", "punt"):
                continue
            if target.get("type") == "object":
                walk(target, target_file, path + ".", depth + 1)
            elif target.get("type") == "array":
                items, items_file, items_ref = resolve(target.get("items", {}), target_file)
                if items.get("type") == "object" and items_ref not in ("punt",):
                    walk(items, items_file, path + "[].", depth + 1)

    walk(schema(kind), kind, "", 0)
    return tuple(rows)


def blocks() -> tuple[Veld, ...]:
    """The kinds of content block (`kop`, `tekst`, `citaten`, ...) and their own fields."""
    return fields_of_def("blok")


def fields_of_def(name: str) -> tuple[Veld, ...]:
    """The fields of one shared building block in gemeenschappelijk.schema.json."""
    rows: list[Veld] = []
    block = schema("gemeenschappelijk")["$defs"][name]
    for key, child in block.get("properties", {}).items():
        rows.append(Veld(key, key, False, _kind(child, "gemeenschappelijk"), description(child, "gemeenschappelijk"), 0))
        target, target_file, _ = resolve(child, "gemeenschappelijk")
        items = target.get("items") if target.get("type") == "array" else None
        item_node, item_file, item_ref = resolve(items, target_file) if items else (target, target_file, None)
        if item_node.get("type") == "object" and item_ref != "punt":
            required = set(item_node.get("required", ()))
            for sub_key, sub in item_node.get("properties", {}).items():
                prefix = f"{key}[]." if items else f"{key}."
                rows.append(Veld(prefix + sub_key, sub_key, sub_key in required, _kind(sub, item_file),
                                 description(sub, item_file), 1))
    return tuple(rows)


def field_at(kind: str, path: tuple[str | int, ...]) -> Veld | None:
    """The field at a value's path in a data file, e.g. ('rondes', 0, 'titel'); None if unknown."""
    node, current = schema(kind), kind
    required = False
    explanation = ""
    for step in path:
        node, current, _ = resolve(node, current)
        if "anyOf" in node:  # a `punt`: text, or a block with its own points
            node = next((o for o in node["anyOf"] if resolve(o, current)[0].get("type") == "object"), node)
            node, current, _ = resolve(node, current)
        if isinstance(step, int):
            if node.get("type") != "array":
                return None
            node = node.get("items", {})
            continue
        properties = node.get("properties", {})
        if step not in properties:
            return None
        required = step in node.get("required", ())
        node = properties[step]
        explanation = description(node, current)
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return None
    return Veld(".".join(names), names[-1], required, _kind(node, current), explanation, len(names) - 1)


def lower_first(text: str) -> str:
    """'Een alinea' -> 'een alinea.', to continue a sentence; abbreviations stay as they are."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
