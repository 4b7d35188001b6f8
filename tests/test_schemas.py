"""The schemas are valid Draft 2020-12 and list the same words as vocabularies.py."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from kennisplein import vocabularies
from kennisplein.checks import SCHEMA_DIR, validator

SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))


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


def test_every_kind_has_a_schema():
    kinds = set(vocabularies.KIND_BY_FOLDER.values()) | {"model"}
    assert {p.name.removesuffix(".schema.json") for p in SCHEMAS} == kinds | {"gemeenschappelijk"}
