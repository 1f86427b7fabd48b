"""OpenAPI 3.1's JSON Schemas (draft 2020-12) written again as JSON Schema draft 7, for
fastjsonschema to compile (:mod:`generator.validate` checks 3.1 documents with them).

fastjsonschema implements drafts 4 to 7; OpenAPI 3.1's schema of documents and its
dialect's meta-schema of Schema Objects are draft 2020-12. The translation here accepts
exactly the instances jsonschema's ``Draft202012Validator`` accepts, or refuses
(:class:`Untranslatable`: the interpreted check is used then). Keyword by keyword:

- kept as they are: ``type``, ``enum``, ``required``, the bounds (``minimum``,
  ``exclusiveMaximum``, ``minLength``, ``maxItems``...), ``uniqueItems``, ``properties``,
  ``patternProperties``, ``additionalProperties``, ``propertyNames``, ``allOf``,
  ``anyOf``, ``oneOf``, ``not``, ``if``/``then``/``else``, ``contains``; ``const`` becomes
  a one-value ``enum`` (the same comparison);
- ``pattern`` becomes a custom format that calls ``re.search`` as jsonschema does
  (fastjsonschema's own ``pattern`` turns ``$`` into ``\\Z``, which differs on a trailing
  newline); ``format`` is kept only where the check asserts it (the format checker
  given), else dropped, as jsonschema ignores it then;
- ``prefixItems``/``items`` become draft 7's ``items`` list and ``additionalItems``;
  ``dependentSchemas`` and ``dependentRequired`` become ``dependencies``;
- ``$ref`` (with siblings: their ``allOf``) points into ``definitions``, one per schema
  referenced; ``$dynamicRef`` (and a ``$ref`` to a dynamic anchor) resolves as
  jsonschema resolves it when the schema checked first (the root) has that dynamic
  anchor: to the root's, the outermost of the dynamic scope;
- ``unevaluatedProperties: false`` becomes: every key of the object is named by a
  ``properties`` or matches a ``patternProperties`` of some part of the schema that
  jsonschema reads for evaluated keys (its ``$ref``s and ``allOf``s always; a
  ``dependentSchemas`` entry when its key is there; an ``anyOf``/``oneOf`` branch or an
  ``if`` when it holds; ``then``/``else`` by the ``if``), and a key named only by a
  conditional part needs one of its conditions (``dependencies`` on that key);
- annotations (``title``, ``default``, ``$comment``, ``deprecated``...) are dropped;
  anything else (``multipleOf``, ``unevaluatedItems``, ``minContains``, an
  ``unevaluatedProperties`` other than ``false``, a conditional ``patternProperties`` or
  ``additionalProperties`` beside one, a nested ``$id``...) is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from referencing import Registry
from referencing.exceptions import NoSuchAnchor
from referencing.jsonschema import DynamicAnchor

if TYPE_CHECKING:
    from referencing._core import Resolver

DRAFT7 = "http://json-schema.org/draft-07/schema#"

# Keywords jsonschema's Draft202012Validator does not assert: dropped.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$anchor",
        "$dynamicAnchor",
        "$comment",
        "$vocabulary",
        "$defs",
        "definitions",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "contentEncoding",
        "contentMediaType",
        "contentSchema",
        "then",  # read with "if"
        "else",
    }
)
_KEPT = frozenset(
    {
        "type",
        "enum",
        "required",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "uniqueItems",
    }
)
_ONE_SUBSCHEMA = ("additionalProperties", "propertyNames", "not", "contains")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_MOST_PARTS = 64  # parts of one schema read for its evaluated keys, nested: more is refused
_STRING_ONLY_FORMATS = frozenset({"regex"})
"""Formats whose check passes every value that is not a string (fastjsonschema calls a
custom format for strings only)."""


class Untranslatable(Exception):
    """The schema uses a keyword, or a form of one, that the translation does not render
    exactly."""


def translate(
    registry: Registry[Any],
    root_uri: str,
    format_check: Callable[[Any, str], bool] | None,
    checked_formats: frozenset[str],
) -> tuple[dict[str, Any], dict[str, Callable[[str], bool]]]:
    """The draft 7 form of the schema at ``root_uri`` in ``registry``, and the custom
    formats to compile it with. ``format_check(value, format)`` is the format checker's
    verdict on the formats in ``checked_formats``; None: formats are not checked."""
    translation = _Translation(registry, root_uri, format_check, checked_formats)
    return translation.bundle(), translation.formats


class _Translation:
    def __init__(
        self,
        registry: Registry[Any],
        root_uri: str,
        format_check: Callable[[Any, str], bool] | None,
        checked_formats: frozenset[str],
    ) -> None:
        self._root_uri = root_uri
        self._registry = registry
        self._resolver = registry.resolver(root_uri)
        self._format_check = format_check
        self._checked_formats = checked_formats if format_check is not None else frozenset()
        self._names: dict[int, str] = {}
        self._definitions: dict[str, Any] = {}
        self._pending: list[tuple[str, Any, Resolver[Any]]] = []
        self._kept: list[Any] = []  # the schemas named by id, kept alive while named
        self.formats: dict[str, Callable[[str], bool]] = {}

    def bundle(self) -> dict[str, Any]:
        root = self._resolver.lookup(self._root_uri)
        top = self._reference(root.contents, root.resolver)
        while self._pending:
            name, contents, resolver = self._pending.pop()
            self._definitions[name] = self._schema(contents, resolver, top_of_resource=True)
        return {"$schema": DRAFT7, "definitions": self._definitions, **top}

    def _reference(self, contents: Any, resolver: Resolver[Any]) -> dict[str, Any]:
        """A ``$ref`` to the definition of ``contents``, made when first asked for."""
        name = self._names.get(id(contents))
        if name is None:
            name = self._names[id(contents)] = f"s{len(self._names)}"
            self._kept.append(contents)
            self._pending.append((name, contents, resolver))
        return {"$ref": f"#/definitions/{name}"}

    def _lookup(self, keyword: str, ref: Any, resolver: Resolver[Any]) -> tuple[Any, Resolver[Any]]:
        """What a ``$ref`` or ``$dynamicRef`` points to, as jsonschema resolves it."""
        if not isinstance(ref, str):
            raise Untranslatable(f"{keyword} {ref!r}")
        if ref.startswith("#") and not ref.startswith("#/") and ref != "#":
            # A plain-name fragment: a dynamic anchor resolves to the outermost resource
            # of the dynamic scope that has one of that name; the root is the outermost.
            here = resolver._base_uri  # the URI the fragment is relative to
            if isinstance(self._anchor(here, ref[1:]), DynamicAnchor):
                outermost = self._anchor(self._root_uri, ref[1:])
                if not isinstance(outermost, DynamicAnchor):
                    raise Untranslatable(f"{keyword} {ref!r}: the root has no such dynamic anchor")
                return outermost.resource.contents, self._resolver
        resolved = resolver.lookup(ref)
        return resolved.contents, resolved.resolver

    def _anchor(self, uri: str, name: str) -> Any:
        try:
            return self._registry.anchor(uri, name).value
        except NoSuchAnchor as exc:
            raise Untranslatable(f"no anchor {name!r} in {uri}") from exc

    def _schema(self, schema: Any, resolver: Resolver[Any], top_of_resource: bool = False) -> Any:
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, Mapping):
            raise Untranslatable(f"a schema that is a {type(schema).__name__}")
        if "$id" in schema and not top_of_resource:
            raise Untranslatable("an $id inside a resource")
        out: dict[str, Any] = {}
        parts: list[Any] = []  # what goes beside a $ref: an allOf
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword == "$id":
                continue
            if keyword in _KEPT:
                out[keyword] = _checked_value(keyword, value)
            elif keyword in ("$ref", "$dynamicRef"):
                contents, target = self._lookup(keyword, value, resolver)
                parts.append(self._reference(contents, target))
            elif keyword == "const":
                out["enum"] = [_checked_value("enum", [value])[0]]
            elif keyword == "pattern":
                out.setdefault("allOf", []).append({"format": self._pattern_format(value)})
            elif keyword == "format":
                if isinstance(value, str) and value in self._checked_formats:
                    out.setdefault("allOf", []).append({"format": self._checked_format(value)})
            elif keyword in ("properties", "patternProperties"):
                if not isinstance(value, Mapping):
                    raise Untranslatable(keyword)
                if keyword == "patternProperties":
                    for pattern in value:
                        _compiled_pattern(pattern)
                out[keyword] = {key: self._schema(sub, resolver) for key, sub in value.items()}
            elif keyword in _ONE_SUBSCHEMA:
                out[keyword] = self._schema(value, resolver)
            elif keyword in _SUBSCHEMA_LISTS:
                if not isinstance(value, list) or not value:
                    raise Untranslatable(keyword)
                out[keyword] = out.get(keyword, []) + [self._schema(sub, resolver) for sub in value]
            elif keyword == "items":
                if "prefixItems" in schema:
                    out["additionalItems"] = self._schema(value, resolver)
                else:
                    out["items"] = self._schema(value, resolver)
            elif keyword == "prefixItems":
                if not isinstance(value, list):
                    raise Untranslatable(keyword)
                out["items"] = [self._schema(sub, resolver) for sub in value]
            elif keyword == "if":
                condition = self._schema(value, resolver)
                out["if"] = condition
                if "then" in schema:
                    out["then"] = self._schema(schema["then"], resolver)
                if "else" in schema:
                    out["else"] = self._schema(schema["else"], resolver)
            elif keyword == "dependentSchemas":
                if not isinstance(value, Mapping):
                    raise Untranslatable(keyword)
                dependencies = {key: self._schema(sub, resolver) for key, sub in value.items()}
                parts.append({"dependencies": dependencies})
            elif keyword == "dependentRequired":
                if not isinstance(value, Mapping) or not all(
                    isinstance(names, list) and all(isinstance(n, str) for n in names) for names in value.values()
                ):
                    raise Untranslatable(keyword)
                parts.append({"dependencies": {key: list(names) for key, names in value.items()}})
            elif keyword == "unevaluatedProperties":
                if value is not False:
                    raise Untranslatable("unevaluatedProperties other than false")
                parts.append(self._all_evaluated(schema, resolver))
            else:
                raise Untranslatable(keyword)
        if not parts:
            return out
        return {"allOf": ([out] if out else []) + parts}

    def _pattern_format(self, pattern: Any) -> str:
        """A custom format that checks ``pattern`` as jsonschema does (``re.search``)."""
        compiled = _compiled_pattern(pattern)
        name = f"sdkforge-pattern:{pattern}"
        self.formats[name] = lambda value: compiled.search(value) is not None
        return name

    def _checked_format(self, format_name: str) -> str:
        if format_name not in _STRING_ONLY_FORMATS:
            raise Untranslatable(f"format {format_name!r} checked on values that are not strings")
        check = self._format_check
        assert check is not None  # formats are checked only with a check
        name = f"sdkforge-format:{format_name}"
        self.formats[name] = lambda value: check(value, format_name)
        return name

    # ---- unevaluatedProperties -----------------------------------------------------

    def _all_evaluated(self, schema: Mapping[str, Any], resolver: Resolver[Any]) -> dict[str, Any]:
        """``unevaluatedProperties: false`` of ``schema``, as jsonschema reads it (see
        ``jsonschema._utils.find_evaluated_property_keys_by_schema``): each key of the
        object is evaluated by a part of ``schema`` whose conditions hold."""
        named: dict[str, list[tuple[Any, ...]]] = {}
        found: set[tuple[str, bool]] = set()
        self._evaluated_parts(schema, resolver, (), named, found, frozenset(), top=True)
        patterns = {pattern for pattern, conditional in found if not conditional}
        if {pattern for pattern, conditional in found if conditional} - patterns:
            raise Untranslatable("patternProperties in a conditional part only")
        always = {
            key
            for key, conditions in named.items()
            if () in conditions or any(_compiled_pattern(p).search(key) for p in patterns)
        }
        check: dict[str, Any] = {
            "properties": {key: True for key in named},
            "patternProperties": {pattern: True for pattern in sorted(patterns)},
            "additionalProperties": False,
        }
        dependencies = {
            key: {"anyOf": [{"allOf": list(conditions)} for conditions in named[key]]}
            for key in named
            if key not in always
        }
        return {"allOf": [check, {"dependencies": dependencies}]} if dependencies else check

    def _evaluated_parts(
        self,
        schema: Any,
        resolver: Resolver[Any],
        conditions: tuple[Any, ...],
        named: dict[str, list[tuple[Any, ...]]],
        patterns: set[tuple[str, bool]],
        seen: frozenset[int],
        top: bool = False,
    ) -> None:
        if isinstance(schema, bool):
            return
        if not isinstance(schema, Mapping):
            raise Untranslatable("a schema that is no object")
        if id(schema) in seen or len(seen) > _MOST_PARTS:
            raise Untranslatable("a cycle of in-place references")
        seen = seen | {id(schema)}

        def parts(sub: Any, more: tuple[Any, ...] = (), at: Resolver[Any] = resolver) -> None:
            self._evaluated_parts(sub, at, conditions + more, named, patterns, seen)

        for keyword in ("$ref", "$dynamicRef"):
            if keyword in schema:
                contents, target = self._lookup(keyword, schema[keyword], resolver)
                parts(contents, at=target)
        for key in schema.get("properties", {}) if isinstance(schema.get("properties"), Mapping) else ():
            named.setdefault(key, []).append(conditions)
        if schema.get("additionalProperties", False) is not False:
            raise Untranslatable("additionalProperties beside unevaluatedProperties")
        if not top and schema.get("unevaluatedProperties", False) is not False:
            raise Untranslatable("unevaluatedProperties inside unevaluatedProperties")
        if "patternProperties" in schema:
            if not isinstance(schema["patternProperties"], Mapping):
                raise Untranslatable("patternProperties")
            # a conditional pattern counts only where an unconditional one has it already
            patterns.update((pattern, bool(conditions)) for pattern in schema["patternProperties"])
        for key, sub in (schema.get("dependentSchemas") or {}).items():
            parts(sub, ({"required": [key]},))
        for sub in schema.get("allOf", ()):
            parts(sub)
        for keyword in ("oneOf", "anyOf"):
            for sub in schema.get(keyword, ()):
                parts(sub, (self._schema(sub, resolver),))
        if "if" in schema:
            condition = self._schema(schema["if"], resolver)
            parts(schema["if"], (condition,))
            if "then" in schema:
                parts(schema["then"], (condition,))
            if "else" in schema:
                parts(schema["else"], ({"not": condition},))


def _checked_value(keyword: str, value: Any) -> Any:
    """A kept keyword's value, refused when it is not plain (fastjsonschema compares
    with Python's ``==``, which holds ``1 == True`` inside lists and objects; jsonschema
    does not)."""
    if keyword == "enum":
        if not isinstance(value, list) or not all(v is None or isinstance(v, (str, bool, int, float)) for v in value):
            raise Untranslatable("an enum of lists or objects")
        return list(value)
    if keyword == "type":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise Untranslatable("type")
        return value
    if keyword == "required":
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value) or len(set(value)) < len(value):
            raise Untranslatable("required")
        return value
    if keyword == "uniqueItems":
        if not isinstance(value, bool):
            raise Untranslatable("uniqueItems")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Untranslatable(keyword)
    return value


def _compiled_pattern(pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise Untranslatable("a pattern that is no string")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise Untranslatable(f"pattern {pattern!r}") from exc
