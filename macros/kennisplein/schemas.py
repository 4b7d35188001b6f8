"""The JSON Schemas of the data files: read once, with their references inlined, and the two
validators that check against them.

The schemas are the one place where a field's shape is written: the id and date patterns, the
id's length, what each field means. Everything else (checks, scaffold, guide) asks here.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .paths import SCHEMAS

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


@cache
def raw(name: str) -> dict:
    """The schema file `<name>.schema.json` as written, e.g. 'sessie' or 'gemeenschappelijk'."""
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def names() -> tuple[str, ...]:
    """Every schema, by the name its file starts with."""
    return tuple(sorted(path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")))


@cache
def _by_id() -> dict[str, dict]:
    return {schema["$id"]: schema for schema in map(raw, names())}


def definition(name: str) -> dict:
    """A shared building block of gemeenschappelijk.schema.json, e.g. 'id' or 'datum'."""
    return raw("gemeenschappelijk")["$defs"][name]


ID_PATTERN: str = definition("id")["pattern"]
ID_LENGTH: tuple[int, int] = (definition("id")["minLength"], definition("id")["maxLength"])
DATE_PATTERN: str = definition("datum")["pattern"]
CARD_TITLE_LENGTH: int = raw("kaart")["properties"]["titel"]["maxLength"]


def matches(pattern: str, text: str) -> bool:
    """Whether `text` matches a schema pattern as JSON Schema means it (ECMA-262): `$` is the
    end of the text. Python's `$` also matches before a final newline, which would let
    'oud\\n' pass as an id."""
    return _compiled(pattern).search(text) is not None


@cache
def _compiled(pattern: str) -> re.Pattern:
    # Our patterns use `$` only as "end": outside a character class and unescaped it becomes \Z.
    return re.compile(re.sub(r"(?<!\\)\$(?![^\[]*\])", r"\\Z", pattern))


@cache
def schema(kind: str) -> dict:
    """The schema of one kind of file, with its references inlined."""
    return _inline_refs(_by_id()[f"{kind}.schema.json"], f"{kind}.schema.json")


@cache
def quick_validator(kind: str) -> jsonschema_rs.Validator:
    """The schema in jsonschema-rs, 60 times faster: it says whether a file is valid, and only a
    file that is not is checked again by `explaining_validator` for errors to explain in Dutch.
    Our schemas refer to nothing recursively, so inlined they have no `$ref` left and it needs
    no registry (a recursive reference would make this raise, in every test)."""
    return jsonschema_rs.validator_for(schema(kind))


@cache
def explaining_validator(kind: str) -> Draft202012Validator:
    """The validator whose errors are explained in Dutch. It is imported only when a file has
    errors: a build of valid data needs only `quick_validator`."""
    from referencing import Registry, Resource

    registry = Registry().with_resources((i, Resource.from_contents(s)) for i, s in _by_id().items())
    return validator_class()(schema(kind), registry=registry)


@cache
def validator_class() -> type[Draft202012Validator]:
    """jsonschema's Draft 2020-12 validator with `pattern` as JSON Schema means it (`matches`)."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    def whole_value_pattern(validator, pattern, instance, _schema):
        if validator.is_type(instance, "string") and not matches(pattern, instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    return validators.extend(Draft202012Validator, {"pattern": whole_value_pattern})


def _inline_refs(node: Any, base: str, seen: tuple[str, ...] = ()) -> Any:
    """The schema with every `$ref` replaced by the schema it points to: merged in where the
    two share no keyword, else as `allOf: [target]`.

    Resolving a `$ref` costs jsonschema a URL join and a lookup each time a value is checked:
    more than half of all validation time. `allOf` with the target checks exactly the same
    (a `$ref` next to other keywords applies both, as allOf does); a reference to a schema
    that is being inlined already (recursion) stays a `$ref`.
    """
    if isinstance(node, list):
        return [_inline_refs(item, base, seen) for item in node]
    if not isinstance(node, dict) or "$ref" not in node:
        return {k: _inline_refs(v, base, seen) for k, v in node.items()} if isinstance(node, dict) else node
    rest = {k: _inline_refs(v, base, seen) for k, v in node.items() if k != "$ref"}
    document, _, pointer = node["$ref"].partition("#")
    document = document or base
    key = f"{document}#{pointer}"
    if key in seen:
        return dict(rest, **{"$ref": node["$ref"]})
    target = _by_id()[document]
    for part in (p for p in pointer.split("/") if p):
        target = target[part]
    inlined = _inline_refs(target, document, seen + (key,))
    # Mostly a reference only adds a description to a shared definition: then its keywords
    # can sit in this schema itself, which spares jsonschema a level of allOf per value.
    if isinstance(inlined, dict) and _mergeable(rest, inlined):
        return {**inlined, **rest}
    return dict(rest, allOf=[*rest.get("allOf", []), inlined])


# Keywords that only describe: a reference's own description wins over its target's.
# (x-tekstsoort and x-herkomst say what kind of text a field holds: see sourcing.py.)
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$comment", "deprecated",
                          "x-tekstsoort", "x-herkomst"})
# Keywords that check a value on their own, whatever other keywords stand next to them (unlike
# additionalProperties next to properties, or then next to if): safe to add to a target.
_INDEPENDENT = frozenset({
    "type", "enum", "const", "minLength", "maxLength", "pattern", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
    "minProperties", "maxProperties", "required",
})
_SCOPE = ("$id", "$schema", "$defs", "$anchor", "$dynamicAnchor", "$ref", "$dynamicRef")


def _mergeable(rest: dict, target: dict) -> bool:
    own = rest.keys() - _ANNOTATIONS
    return own <= _INDEPENDENT and not own & target.keys() and not any(k in target for k in _SCOPE)
