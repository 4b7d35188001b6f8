"""The schemas are valid Draft 2020-12 and list the same words as vocabularies.py."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from kennisplein import schemas, vocabularies
from kennisplein.paths import SCHEMAS as SCHEMA_DIR

SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))
validator = schemas.explaining_validator


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_is_valid(path):
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def _enum(kind: str, *path: str) -> list:
    node = validator(kind).schema
    for key in path:
        node = node[key]
    return node["enum"]


def test_enums_match_the_vocabularies():
    assert _enum("kaart", "properties", "voor", "items") == list(vocabularies.ROLLEN)
    assert _enum("kaart", "properties", "e", "items") == list(vocabularies.E_IDS)
    assert _enum("model", "properties", "e", "items", "properties", "id") == list(vocabularies.E_IDS)
    assert _enum("sessie", "properties", "soort") == list(vocabularies.SESSIESOORTEN)
    assert _enum("aanbevelingen", "properties", "aanbevelingen", "items", "properties", "soort") == list(vocabularies.AANBEVELINGSOORTEN)
    assert _enum("bronnen", "properties", "bronnen", "items", "properties", "soort") == list(vocabularies.BRONSOORTEN)
    assert _enum("draaiboek", "properties", "onderdelen", "items", "properties", "soort") == list(vocabularies.ONDERDEELSOORTEN)


def test_every_kind_has_a_schema():
    kinds = set(vocabularies.KIND_BY_FOLDER.values()) | set(vocabularies.KIND_BY_FILE.values())
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS} == kinds | {"gemeenschappelijk"}


def _data_files():
    """(kind, path) of every data file: the real data, the mini set, every broken case."""
    from helpers import BROKEN, MINI_DATA, ROOT

    for folder in [ROOT / "data", MINI_DATA, *sorted(BROKEN.glob("*/data"))]:
        for path in sorted(folder.rglob("*.yaml")):
            relative = path.relative_to(folder).parts
            if len(relative) == 1 and relative[0] in vocabularies.KIND_BY_FILE:
                yield vocabularies.KIND_BY_FILE[relative[0]], path
            elif len(relative) == 2 and relative[0] in vocabularies.KIND_BY_FOLDER:
                yield vocabularies.KIND_BY_FOLDER[relative[0]], path


def test_the_quick_validator_agrees_with_the_one_that_explains_and_with_the_schemas_as_written():
    """jsonschema-rs decides whether a file is valid; only then does jsonschema explain. If the
    quick one passed a file the other faults, that fault would go unreported. Both get the
    schemas with their references inlined: a third validator reads them as written, with
    their references, so a wrong inlining shows too."""
    from referencing import Registry, Resource

    from kennisplein.loading import load_file
    from kennisplein.schemas import quick_validator

    written = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in written)
    as_written = {s["$id"].removesuffix(".schema.json"): schemas.validator_class()(s, registry=registry) for s in written}
    checked = invalid = 0
    for kind, path in _data_files():
        value = load_file(path, path.name).value
        if value is None:
            continue  # not YAML at all: no schema is asked
        explained = list(validator(kind).iter_errors(value))
        assert quick_validator(kind).is_valid(value) == (not explained), (path, [e.message for e in explained])
        assert as_written[kind].is_valid(value) == (not explained), path
        checked, invalid = checked + 1, invalid + bool(explained)
    assert checked > 100 and invalid >= 10
