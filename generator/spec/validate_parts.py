"""Validation by parts: after a structural edit, what did not change is not checked again.

The root document of a spec is cut into *parts*: each entry of ``paths`` and of each map
of ``components`` (Swagger 2.0: of ``paths``, ``definitions``, ``parameters`` and
``responses``); the rest is its *skeleton*. Two of validation's checks, the costly ones
(0.45 and about 0.15 of the 0.8 s of CPU it took on GitHub's spec), are made part by
part and remembered under a digest of each part's value as validated (see
:func:`_digest`) and its pointer:

- the check against the specification's JSON Schema. In the specification's schemas of
  all three versions, each entry of those maps is checked on its own: by the schemas its
  key picks (``properties``, ``patternProperties``, ``additionalProperties``,
  ``unevaluatedProperties``; ``propertyNames`` checks the key), never by a rule that
  reads other entries (``minProperties``, ``uniqueItems``, a branch of ``oneOf`` chosen
  by the map's content) on the way from the document's root to it.
  :func:`checked_entry_by_entry` proves that of the schema in use, and only the maps it
  holds for are cut. So the document matches the schema exactly when
  the document without the parts known to match does, and those parts do: the check is
  made on that smaller document, the skeleton and the parts not known (and, should it
  fail, on the whole document, as without a cache);
- the meta-schema check of each Schema Object (:class:`generator.spec.validate_walk.PlainWalk`
  asks :meth:`Parts.known` before making one, and tells :meth:`Parts.note` of each that
  passed). Its verdict depends on the schema's value alone, the document's
  ``jsonSchemaDialect`` (OpenAPI 3.1) and the validator, all in the key.

The rest of the walk (defaults, ``required`` names, duplicate parameters) is made over the
whole document, as before: which schemas it reaches, and which of them it checks how,
depends on the order it meets them in across parts (see
:mod:`generator.spec.validate_walk`), so its findings are not a sum of per-part ones.
Every finding is made, and located, in the run that reports it: only "this part matched"
and "this schema passed" are remembered, never a finding.

What is remembered is kept in :data:`BUCKETS` cache entries, a part in the bucket a hash of
its pointer picks, each entry under a digest of its parts' pointers and digests: an entry
is found exactly when none of its parts changed, whatever spec, file or run it came from,
and an edit to a few parts makes the parts of a few buckets be checked again (on GitHub's
spec, 2,580 parts: about 80 a bucket; an entry written costs about 0.5 ms, on a cold run
too, so there are few).
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import re
from collections.abc import Callable
from typing import Any

from ..cache.store import Cache
from ..errors import pointer_join, pointer_parts

NAMESPACE = "validate-parts"
BUCKETS = 32

_CONTAINERS = {
    "2.0": (("paths",), ("definitions",), ("parameters",), ("responses",)),
    "3.0": (
        ("paths",),
        *(
            ("components", kind)
            for kind in (
                "schemas",
                "responses",
                "parameters",
                "examples",
                "requestBodies",
                "headers",
                "securitySchemes",
                "links",
                "callbacks",
            )
        ),
    ),
}
_CONTAINERS["3.1"] = (*_CONTAINERS["3.0"], ("components", "pathItems"))
"""Per version, the maps of the root document whose entries may be parts."""

_PER_KEY = frozenset(
    {
        "type",
        "properties",
        "patternProperties",
        "additionalProperties",
        "unevaluatedProperties",
        "propertyNames",
        "required",
        "description",
        "$comment",
        "title",
        "$schema",
        "$id",
        "id",
        "definitions",
        "$defs",
    }
)
"""Keywords that check an object's entries each on its own, by key (``propertyNames``:
each key, which a part known to match passed with the map it was checked in), or say
nothing of its entries' values. ``required`` (and OpenAPI 3.1's ``anyOf`` of them) reads
which keys are there: taking entries out can only make it fail, and the document is then
checked as a whole (a verdict of "matches" is never made wrongly, only missed)."""


def checked_entry_by_entry(spec_schema: Any, container: tuple[str, ...]) -> bool:
    """Whether ``spec_schema`` (a specification's JSON Schema) checks the map at
    ``container`` entry by entry, each against schemas picked by its key alone, and
    nothing on the way there reads the map's values: then an entry taken out of the map
    changes nothing but that the entry is not checked. False when in doubt (a keyword
    not known here, a ``$ref`` outside the schema, a ``$dynamicRef``)."""
    schemas = [spec_schema]
    for key in (*container, None):  # None: the map itself, whose own schemas must hold too
        picked: list[Any] = []
        for schema in _with_refs(spec_schema, schemas):
            if schema is None:
                return False
            if isinstance(schema, bool):
                continue
            if not _only_per_key(schema):
                return False
            if key is not None:
                picked += _picked(schema, key)
        schemas = picked
    return True


def _with_refs(root: Any, schemas: list[Any]) -> list[Any]:
    """``schemas`` and every schema their ``$ref``s lead to (None for one that leads
    outside ``root``)."""
    found: list[Any] = []
    stack = list(schemas)
    seen: set[int] = set()
    while stack:
        schema = stack.pop()
        if id(schema) in seen:
            continue
        seen.add(id(schema))
        found.append(schema)
        if isinstance(schema, dict) and "$ref" in schema:
            stack.append(_local(root, schema["$ref"]))
    return found


def _local(root: Any, ref: Any) -> Any:
    """The schema a ``$ref`` of the specification's schema points to inside it; None
    otherwise. A ``$ref`` may name the schema by its id (fastjsonschema, compiling the
    schema, writes each of its ``$ref``s so)."""
    if not isinstance(ref, str):
        return None
    base, _, fragment = ref.partition("#")
    if base and not (isinstance(root, dict) and base in (root.get("$id"), root.get("id"))):
        return None
    node = root
    for part in pointer_parts(fragment):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _only_per_key(schema: dict[str, Any]) -> bool:
    for keyword, value in schema.items():
        if keyword == "$ref":
            continue  # followed by _with_refs
        if keyword == "anyOf":  # OpenAPI 3.1's root: one of paths, components, webhooks is there
            if not isinstance(value, list) or not all(isinstance(b, dict) and set(b) <= {"required"} for b in value):
                return False
        elif keyword not in _PER_KEY:
            return False
    return True


def _picked(schema: dict[str, Any], key: str) -> list[Any]:
    """The schemas ``schema`` checks the value of its entry ``key`` with."""
    picked: list[Any] = []
    properties = schema.get("properties")
    if isinstance(properties, dict) and key in properties:
        picked.append(properties[key])
    patterns = schema.get("patternProperties")
    if isinstance(patterns, dict):
        picked += [sub for pattern, sub in patterns.items() if re.search(pattern, key)]
    if not picked:
        picked += [schema[k] for k in ("additionalProperties", "unevaluatedProperties") if k in schema]
    return picked


_CUT: dict[tuple[str, int], tuple[tuple[str, ...], ...]] = {}
"""The maps cut into parts, by version and the id of the specification's schema (the
validator's module keeps those schemas alive, so an id names one schema for good)."""


def containers(version: str, spec_schema: Any) -> tuple[tuple[str, ...], ...]:
    """The maps of the root document cut into parts, for ``version`` checked by
    ``spec_schema``: those of :data:`_CONTAINERS` it checks entry by entry."""
    key = (version, id(spec_schema))
    if key not in _CUT:
        _CUT[key] = tuple(c for c in _CONTAINERS.get(version, ()) if checked_entry_by_entry(spec_schema, c))
    return _CUT[key]


def _digest(value: Any) -> str | None:
    """A digest of ``value`` that differs for any two values a check could tell apart
    (its pickle: types, keys in order), and is the same whichever objects the value
    shares (a pickle without its memo: JSON's loader shares a mapping's repeated keys,
    YAML's its aliases); None for a value that cannot be pickled so (a cycle)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: a value shared is written out each time it is met
    try:
        pickler.dump(value)
    except (pickle.PicklingError, RecursionError, TypeError, ValueError):
        return None
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


def bucket(pointer: str) -> int:
    """The bucket of the part at ``pointer``: the same in every run and every spec."""
    return (
        int.from_bytes(hashlib.blake2b(pointer.encode("utf-8", "surrogatepass"), digest_size=2).digest(), "big")
        % BUCKETS
    )


class Parts:
    """The parts of one document, and what is known of them from earlier runs."""

    def __init__(
        self, cache: Cache, document: Any, cut: tuple[tuple[str, ...], ...], version: str, fingerprint: bytes
    ) -> None:
        """``cut``: the maps cut into parts (see :func:`containers`)."""
        self._cache = cache
        self._known: dict[str, frozenset[str]] = {}  # part -> the schemas in it known to pass their meta check
        self._noted: list[str] = []  # the schemas found to pass in this run
        self._by_container: dict[tuple[str, ...], list[str]] = {}
        self._parts: set[str] = set()  # every part's pointer (the lookup of a schema's part)
        self._buckets: list[tuple[str, list[tuple[str, str]]]] = []
        self.checked = 0
        """How many parts this run checked against the specification's schema."""
        self.matched = False
        """Whether the document matched the specification's schema (what is noted is kept only then)."""
        if not isinstance(document, dict):
            return
        dialect = document.get("jsonSchemaDialect")
        salt = hashlib.sha256(fingerprint + f"\0{version}\0{dialect!r}\0".encode()).digest()
        buckets: list[list[tuple[str, str]]] = [[] for _ in range(BUCKETS)]
        for container in cut:
            entries = _at(document, container)
            if not isinstance(entries, dict):
                continue
            pointers = self._by_container[container] = []
            base = pointer_join("", *container)
            for key, value in entries.items():
                if not isinstance(key, str):
                    continue  # a key the check refuses: checked with the skeleton
                pointer = pointer_join(base, key)
                digest = _digest(value)
                if digest is None:
                    continue  # not remembered: checked with the skeleton, every run
                pointers.append(pointer)
                self._parts.add(pointer)
                buckets[bucket(pointer)].append((pointer, digest))
        for members in buckets:
            if members:
                key = hashlib.sha256(salt + json.dumps(sorted(members)).encode()).hexdigest()
                self._buckets.append((key, members))
                self._recall(key, members)

    def _recall(self, key: str, members: list[tuple[str, str]]) -> None:
        text = self._cache.get(NAMESPACE, key)
        if text is None:
            return
        try:
            entry = json.loads(text)
            known = {pointer: frozenset(entry[pointer]) for pointer, _ in members}
        except (ValueError, KeyError, TypeError):
            return  # not an entry of this shape: the bucket's parts are checked again
        self._known.update(known)

    def matches(self, document: dict[str, Any], check: Callable[[Any], bool]) -> bool:
        """Whether ``document`` matches the specification's schema, as ``check`` says of a
        document: ``check`` is made on the document without the parts known to match (and
        on the whole document only if that one does not)."""
        reduced = dict(document)
        cut = False
        for container, pointers in self._by_container.items():
            unknown = {pointer for pointer in pointers if pointer not in self._known}
            self.checked += len(unknown)
            if len(unknown) == len(pointers):
                continue
            cut = True
            node = reduced
            for key in container[:-1]:
                node[key] = dict(node[key])
                node = node[key]
            kept = node[container[-1]]
            base = pointer_join("", *container)
            node[container[-1]] = {
                key: value
                for key, value in kept.items()
                if not isinstance(key, str) or pointer_join(base, key) not in self._known
            }
        # A document without some entries fails only where the whole one does, or where a
        # ``required`` misses an entry taken out: the whole one is checked then, as without parts.
        self.matched = check(reduced) or (cut and check(document))
        return self.matched

    def known(self, pointer: str) -> bool:
        """Whether the schema at ``pointer`` (of the root document) is known to pass its meta-schema check."""
        if not self._known:
            return False  # a cold run
        part = self._part(pointer)
        return part is not None and pointer in self._known.get(part, ())

    def note(self, pointer: str) -> None:
        """The schema at ``pointer`` (of the root document) passed its meta-schema check."""
        self._noted.append(pointer)

    def _part(self, pointer: str) -> str | None:
        tokens = pointer.split("/", 4)
        for depth in (3, 4):  # /paths/<key>, /components/<kind>/<key>
            part = "/".join(tokens[:depth])
            if part in self._parts:
                return part
        return None

    def remember(self) -> None:
        """Keep what this run found of the parts of each bucket not known before; only
        for a document that matched (every part in it did) and was walked to the end."""
        if not self.matched:
            return
        noted: dict[str | None, list[str]] = {}
        for pointer in self._noted:
            noted.setdefault(self._part(pointer), []).append(pointer)
        for key, members in self._buckets:
            if all(pointer in self._known for pointer, _ in members):
                continue
            entry = {pointer: sorted(set(noted.get(pointer, ()))) for pointer, _ in members}
            self._cache.put(NAMESPACE, key, json.dumps(entry, separators=(",", ":")))


def _at(document: dict[str, Any], container: tuple[str, ...]) -> Any:
    node: Any = document
    for key in container:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node
