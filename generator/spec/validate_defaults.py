"""Whether a ``default`` passes the validator's check, decided without the validator.

openapi-spec-validator checks each ``default`` of a Swagger 2.0 or OpenAPI 3.0 spec with
openapi-schema-validator's OAS 3.0 check (jsonschema's keywords, OpenAPI's ``type`` and
``nullable``, its format checker), bounded as :func:`generator.spec.validate._bounded_default_checks`
makes it. Importing them takes 0.15 s; real defaults are scalars beside a few keywords
(GitHub's 973: ``type``, ``enum``, ``minimum``, ``maxLength``, ``format``). :func:`passes`
says that such a default passes, exactly when that check finds nothing; for anything else
(an error, a keyword it does not mirror, a list or an object) it says it does not know, and
the validator checks, and reports. ``tests/test_validate_defaults.py`` holds it to the
validator's verdict.
"""

from __future__ import annotations

import math
from typing import Any

_READ_BESIDE = frozenset({"exclusiveMinimum", "exclusiveMaximum", "nullable"})
"""Keywords read by ``minimum``, ``maximum`` and ``type``, as they are read there."""
_NOTHING_FOR_A_SCALAR = frozenset(
    {
        # annotations: no check of their own (some are "not implemented" checks that pass)
        "default",
        "description",
        "title",
        "example",
        "deprecated",
        "readOnly",
        "writeOnly",
        "xml",
        "externalDocs",
        # Swagger 2.0's parameter fields beside its default (``required``: see below)
        "name",
        "in",
        "collectionFormat",
        "allowEmptyValue",
        # checks of arrays and objects alone, which pass anything else
        "items",
        "properties",
        "required",
        "additionalProperties",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        # not applied to a default (see _bounded_default_checks)
        "pattern",
        "patternProperties",
        "unevaluatedProperties",
    }
)
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def passes(schema: Any, default: Any, formats: frozenset[str]) -> bool:
    """Whether the validator's check of ``default`` against ``schema`` finds nothing;
    False also when that is not known here. ``formats``: those the validator checks."""
    if not isinstance(schema, dict) or not _scalar(default):
        return False
    number = isinstance(default, (int, float)) and not isinstance(default, bool)
    for keyword, value in schema.items():
        if keyword in _NOTHING_FOR_A_SCALAR or keyword in _READ_BESIDE:
            continue
        if not isinstance(keyword, str) or keyword.startswith("x-"):
            continue  # not a keyword of the check's
        if keyword == "type":
            if default is None:  # OpenAPI 3.0: a null passes only where the schema is nullable
                if schema.get("nullable") is not True:
                    return False
            elif not (isinstance(value, str) and value in _TYPES and _TYPES[value](default)):
                return False
        elif keyword == "enum":
            if not isinstance(value, list) or not any(_equal(item, default) for item in value):
                return False
        elif keyword in ("minimum", "maximum"):
            if number and not _within(keyword, value, default, schema):
                return False
        elif keyword in ("minLength", "maxLength"):
            if not _plain_number(value):
                return False
            if isinstance(default, str) and (len(default) < value if keyword == "minLength" else len(default) > value):
                return False
        elif keyword == "format":
            if not isinstance(value, str) or (default is not None and value in formats):
                return False  # a format that is checked: the validator checks it
        else:
            return False
    return True


def _scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, (str, bool, int))


def _plain_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _within(keyword: str, bound: Any, number: Any, schema: dict[str, Any]) -> bool:
    """``minimum`` or ``maximum`` as draft 4 checks it (``exclusive...`` when truthy)."""
    if not _plain_number(bound):
        return False
    if keyword == "minimum":
        return bool(number > bound if schema.get("exclusiveMinimum", False) else number >= bound)
    return bool(number < bound if schema.get("exclusiveMaximum", False) else number <= bound)


def _equal(item: Any, default: Any) -> bool:
    """jsonschema's equality of an ``enum`` item and a scalar: ``true`` is not ``1``."""
    if not _scalar(item):
        return False  # a list or an object equals no scalar
    if isinstance(item, bool) or isinstance(default, bool):
        return item is default
    return bool(item == default)  # strings, numbers (1 equals 1.0) and null
