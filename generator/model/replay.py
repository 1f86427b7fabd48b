"""What one build of the model read and made, unit by unit: what the next build replays.

A spec's *units* are the members of its root file's ``paths`` and of each of its
``components`` maps but ``securitySchemes`` (``/paths/~1pets``, ``/components/schemas/Pet``),
and each other file whole. The rest of the root file (``info``, ``servers``, ``security``,
``tags``, the security schemes...) is its *frame*.

Modelling (:mod:`generator.model.build`) builds one unit after another: each component
schema in turn (and whatever schemas it reaches that are not built yet), then each path
item. A build that records keeps, for each unit it built, a :class:`UnitRecord`: the
units whose content it read, the names it asked for and got, what it looked up that other
units made (types, names, models, shared parameters and responses) and the values it
found, what it made (types, names, models, enums, shared parts), the findings it said and,
for a path item, its operations. The next build of an edited spec replays a unit whose
record still holds (every unit it read has the digest it had, every value it looked up is
the one it found, every name it asked for comes out the same) instead of building it: it
puts back what the unit made, the very objects of the last model, and says its findings
again where they stand now. So a replayed build makes the model a full build would make,
and the same findings (``tests/test_replay.py`` edits specs at random to check).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Severity
from ..immutable import immutable
from ..spec.load import LoadedSpec, Ref
from .ir import Api, Model, Operation, Parameter, SecurityScheme, TypeRef

CONSTRAINT_KEYWORDS = (
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)
"""The validation keywords a model's fields and parameters carry as constraints."""

FRAME = ""
"""The unit key of the root file's frame (what is no unit)."""
_NOT_UNITS = frozenset({"securitySchemes"})
"""The ``components`` maps whose members are part of the frame (modelling reads the
security schemes outside any unit: every operation's credentials depend on them)."""

Said = tuple[Path, str, str, Severity]
"""A finding as a unit said it: its file, JSON pointer, message and severity (its line is
found again where it stands now)."""
SharedKey = tuple[Path, str]
"""A shared parameter or response: where it is (its file and JSON pointer)."""
Shared = tuple[str, str, TypeRef | None]
"""A shared response as it is made once: description, media type, type."""


@immutable
class MadeOperation:
    """An operation a path item made, with what the build does with it after the unit."""

    method: str
    group: str
    operation: Operation
    tagged: bool
    file: Path
    pointer: str


@immutable
class UnitRecord:
    """What building one unit read and made (see the module's docstring)."""

    units: frozenset[str]
    asked: tuple[tuple[str, str], ...]
    """Each name asked for (a hint) and the name got, in order."""
    types_read: tuple[tuple[Ref, TypeRef | None], ...]
    facets_read: tuple[tuple[Ref, bytes], ...]
    """Nodes a field's ``$ref`` leads to, each with the digest of what a field reads of
    it (see :func:`facet`): a field of a model's type reads that much of the model."""
    names_read: tuple[tuple[Ref, str | None], ...]
    models_read: tuple[tuple[str, Model | None], ...]
    parameters_read: tuple[tuple[SharedKey, Parameter], ...]
    responses_read: tuple[tuple[SharedKey, Shared], ...]
    types_made: tuple[tuple[Ref, TypeRef], ...]
    names_made: tuple[tuple[Ref, str], ...]
    models_made: tuple[str, ...]
    enums_made: tuple[str, ...]
    parameters_made: tuple[tuple[SharedKey, Parameter], ...]
    responses_made: tuple[tuple[SharedKey, Shared], ...]
    said: tuple[Said, ...]
    operations: tuple[MadeOperation, ...]


@immutable
class BuildRecord:
    """A recorded build: where and what it built from, and each unit's record."""

    root: str
    version: str
    digests: dict[str, bytes]
    """Each unit's digest, and the frame's (see :func:`unit_digests`)."""
    schemes: tuple[SecurityScheme, ...]
    client_held: frozenset[str]
    units: dict[str, UnitRecord]
    leaves: tuple[TypeRef, ...]
    """The primitive and free-form types the build made, each once (a replay shares them)."""


@immutable
class Built:
    """A model with the record of its build, and the units that build replayed."""

    api: Api
    record: BuildRecord
    replayed: frozenset[str]

    def replayed_types(self) -> frozenset[str]:
        """The models and enums the replayed units made: the objects of the model replayed from."""
        units = self.record.units
        return frozenset(name for unit in self.replayed for name in (*units[unit].models_made, *units[unit].enums_made))

    def replayed_operations(self) -> frozenset[int]:
        """The identities of the operations the replayed units made: the objects of the model replayed from."""
        units = self.record.units
        return frozenset(id(made.operation) for unit in self.replayed for made in units[unit].operations)


def unit_of(file: Path, root: Path, pointer: str) -> str:
    """The key of the unit the node at ``pointer`` of ``file`` belongs to."""
    if file != root:
        return f"file:{file}"
    parts = pointer.split("/", 4)
    if len(parts) > 2 and parts[1] == "paths":
        return f"/paths/{parts[2]}"
    if len(parts) > 3 and parts[1] == "components" and parts[2] not in _NOT_UNITS:
        return f"/components/{parts[2]}/{parts[3]}"
    return FRAME


def unit_digests(spec: LoadedSpec) -> dict[str, bytes]:
    """The digest of each unit of ``spec`` and of its frame (:data:`FRAME`)."""
    found: dict[str, bytes] = {}
    data = spec.data
    frame: dict[Any, Any] = dict(data) if isinstance(data, dict) else {"": data}
    paths = frame.pop("paths", None)
    if isinstance(paths, dict):
        for path, item in paths.items():
            _put(found, f"/paths/{_escaped(path)}", _digest(item))
    else:
        frame["paths"] = paths
    components = frame.get("components")
    if isinstance(components, dict):
        rest: dict[Any, Any] = {}
        for kind, members in components.items():
            if isinstance(kind, str) and kind not in _NOT_UNITS and isinstance(members, dict):
                for name, member in members.items():
                    _put(found, f"/components/{_escaped(kind)}/{_escaped(name)}", _digest(member))
            else:
                rest[kind] = members
        frame["components"] = rest
    found[FRAME] = _digest(frame)
    for file, digest in spec.digests.items():
        if file != spec.root:
            found[f"file:{file}"] = digest.encode()
    return found


_FACETS = ("$ref", "x-sensitive", "format", "type", "example", "examples", "enum", *CONSTRAINT_KEYWORDS)


def facet(node: Any) -> bytes:
    """The digest of what a field whose ``$ref`` leads to ``node`` reads of it: its own
    ``$ref``, what says whether it is a secret, a model, an enum, its example and its
    constraints (see ``_field`` in :mod:`generator.model.build`)."""
    if not isinstance(node, dict):
        return _digest(node)
    properties = node.get("properties")
    all_of = node.get("allOf")
    shape = ("properties" in node, bool(properties) if isinstance(properties, dict) else None, "items" in node)
    parts = (shape, isinstance(all_of, list) and len(all_of), *((k, node[k]) for k in _FACETS if k in node))
    return _digest(parts)


def _put(found: dict[str, bytes], unit: str, digest: bytes) -> None:
    """Note a unit's digest; two members named alike (a YAML key ``1`` and ``"1"``) make
    one unit that no record holds for: its digest is new at every run."""
    found[unit] = digest if unit not in found else os.urandom(16)


def _escaped(key: Any) -> str:
    text = str(key)
    return text.replace("~", "~0").replace("/", "~1") if "~" in text or "/" in text else text


def _digest(node: Any) -> bytes:
    """A digest of a parsed value: of its ``marshal`` (version 2 writes no references,
    so two equal values are written alike however their objects are shared), or of its
    ``repr`` where it holds what ``marshal`` cannot write (a YAML date)."""
    try:
        written = marshal.dumps(node, 2)
    except ValueError:
        written = repr(node).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(written, digest_size=16).digest()


def moved(record: UnitRecord, root: Path) -> UnitRecord:
    """``record``, of a spec of one file, for that file under its name now (``root``)."""

    def refs(found: tuple[tuple[Ref, Any], ...]) -> Any:
        return tuple([(Ref(root, r.pointer), value) for r, value in found]) if found else found

    def keys(found: tuple[tuple[SharedKey, Any], ...]) -> Any:
        return tuple([((root, k[1]), value) for k, value in found]) if found else found

    return UnitRecord(
        record.units,
        record.asked,
        refs(record.types_read),
        refs(record.facets_read),
        refs(record.names_read),
        record.models_read,
        keys(record.parameters_read),
        keys(record.responses_read),
        refs(record.types_made),
        refs(record.names_made),
        record.models_made,
        record.enums_made,
        keys(record.parameters_made),
        keys(record.responses_made),
        tuple([(root, *said[1:]) for said in record.said]) if record.said else record.said,
        tuple([replace(m, file=root) for m in record.operations]) if record.operations else record.operations,
    )
