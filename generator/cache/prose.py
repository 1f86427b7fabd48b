"""Prose-only edits: telling them apart from every other change, and what they touch.

Most edits to a spec are to its prose: an operation's ``description``, a property's
``summary``. Such an edit cannot change whether the spec is valid, nor any name, type,
path or file of the SDK; it only changes the text of the few files that show that prose.
:mod:`generator.pipeline` uses that to regenerate only those files.

Two measures make the decision:

- :func:`structure_digest`: a digest of the spec with every prose string blanked. Two
  specs with the same digest differ in prose only. A prose string is the string value of
  a ``description`` or ``summary`` key of an OpenAPI object: not one inside literal data
  (``example``, ``default``, ``enum``, ``const``, an example's ``value``, ``x-``
  extensions), where a string can make a spec invalid, and not the entry of a name map
  (a property called ``description``, a discriminator mapping value), which is structure.
  :mod:`generator.spec.load` finds them (:attr:`~generator.spec.load.LoadedSpec.prose_sites`)
  as it looks for ``$ref``s, with the same rules.
- :func:`prose_fingerprints`: per *subject* of the model (the API's head; each group,
  operation, model and enum; the fields of each model and the values of each enum), a
  digest of the prose it holds, for the report of what changed for the SDK's users and
  for a run that starts from the carried model (:func:`owners` says which subjects of
  :mod:`generator.subjects` hold it, and so which files show it).

Everything else the model holds is decided by the structure: a spec with the same
structure digest gives the same model but for its prose fields. The one exception is the
head: server names are made from server descriptions, so the head's fingerprint covers
all of it.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import marshal
import pickle
from collections.abc import Collection, Sequence
from functools import partial
from typing import Any, NamedTuple

from ..model import subjects as made_from
from ..model.ir import Api, ApiGroup, Operation
from ..spec.load import LoadedSpec


def _subject(kind: str, *names: str) -> str:
    """A subject's key: unambiguous whatever the names hold (a tag ``a:b`` with operation
    ``c`` is not tag ``a`` with operation ``b:c``). A tuple's ``repr`` quotes and escapes
    each name, at a seventh of ``json.dumps``'s cost: keys are made for every file."""
    return repr((kind, *names))


API_SUBJECT = _subject("api")
"""The API's head: title, description, version, servers and credentials."""


def group_subject(group: ApiGroup) -> str:
    """The subject of a group's own prose (its tag's description)."""
    return _subject("group", group.name)


def operation_subject(group: ApiGroup, operation: Operation) -> str:
    """The subject of an operation's prose; operationIds are unique within a group."""
    return _subject("operation", group.name, operation.operation_id)


def model_subject(name: str) -> str:
    """The subject of a model's own description."""
    return _subject("model", name)


def fields_subject(name: str) -> str:
    """The subject of the descriptions of a model's fields."""
    return _subject("fields", name)


def enum_subject(name: str) -> str:
    """The subject of an enum's own description."""
    return _subject("enum", name)


def values_subject(name: str) -> str:
    """The subject of the descriptions of an enum's values."""
    return _subject("values", name)


def owners(api: Api, subjects: Collection[str]) -> set[str]:
    """The subjects of :mod:`generator.model.subjects` that hold the prose of ``subjects``."""
    held_by = owner_map(api)
    return {held_by[subject] for subject in subjects if subject in held_by}


def owner_map(api: Api) -> dict[str, str]:
    """Each prose subject of ``api`` and the subject of :mod:`generator.model.subjects`
    that holds it: the head's, its group's, its model's or enum's."""
    held_by = {API_SUBJECT: made_from.HEAD}
    for group in api.groups:
        held_by[group_subject(group)] = made_from.group_subject(group.name)
        for op in group.operations:
            held_by[operation_subject(group, op)] = made_from.group_subject(group.name)
    for name in api.models:
        held_by[model_subject(name)] = held_by[fields_subject(name)] = made_from.type_subject(name)
    for name in api.enums:
        held_by[enum_subject(name)] = held_by[values_subject(name)] = made_from.type_subject(name)
    return held_by


def structure_digest(spec: LoadedSpec) -> str | None:
    """The digest of ``spec`` with its prose blanked; None if it cannot be taken.

    Each file's data is written by :mod:`marshal` in its version 2, which writes every
    value where it stands, by type and content (the later versions write some values as
    references to earlier ones, depending on how many references Python holds to them):
    a parsed spec is JSON values alone (dates in YAML stay their text: see
    :mod:`generator.spec.load`), which it writes in a third of the time :mod:`pickle`
    takes (0.02 s for GitHub's 13 MB spec, against 0.06)."""
    digest = hashlib.sha256(f"{spec.version}\0".encode())
    for file in sorted(spec.documents):
        data = spec.documents[file]
        sites = spec.prose_sites.get(file, [])
        saved = [(node, key, node[key]) for node, key, _ in sites]
        try:
            for node, key, _ in saved:
                node[key] = ""
            name = "" if file == spec.root else spec.display_name(file)  # the root is renamed freely
            digest.update(f"{name}\0".encode())
            digest.update(marshal.dumps(data, 2))
        except ValueError:  # a value marshal cannot write, or nested deeper than it goes
            return None
        finally:
            for node, key, text in reversed(saved):
                node[key] = text
    return digest.hexdigest()


class KeptProse(NamedTuple):
    """The prose fingerprints the last run into the output folder took of its model (all
    of them), for a model that holds some of its very objects (see
    :mod:`generator.model.replay`): a model, enum or operation that is the same object is
    fingerprinted as it was, unless its subject is among ``edited``: those the prose
    edits put into that model since it was kept took again (see
    :mod:`generator.cache.carried`), which the model as kept does not hold."""

    api: Api
    prose: dict[str, str]
    edited: frozenset[str] = frozenset()


def prose_fingerprints(
    api: Api, touched: Collection[int] | None = None, kept: KeptProse | None = None
) -> dict[str, str]:
    """Per subject, a digest of its prose (of all of it, for the head). With ``touched``
    (the ``id`` of each object of the model whose prose was changed), only the subjects
    that hold one of those objects. With ``kept`` (and no ``touched``), the subjects of
    its objects that ``api`` holds are taken from it."""
    if kept is not None and touched is None and len(kept.prose) == _count(kept.api):
        return _with_kept(api, kept)

    def wanted(*objects: object) -> bool:  # a subject holding these objects
        return touched is None or any(id(o) in touched for o in objects)

    found: dict[str, str] = {}
    if wanted(api, *api.servers, *api.client_auth):
        found[API_SUBJECT] = _head(api)
    for group in api.groups:
        if wanted(group):
            found[group_subject(group)] = _digest((group.description,))
        for op in group.operations:
            if wanted(op, op.body, *op.parameters, *op.responses):
                found[operation_subject(group, op)] = _of_operation(op)
    for name, model in api.models.items():
        if wanted(model):
            found[model_subject(name)] = _digest((model.description,))
        if wanted(*model.fields):
            found[fields_subject(name)] = _digest([f.description for f in model.fields])
    for name, enum in api.enums.items():
        if wanted(enum):
            found[enum_subject(name)] = _digest((enum.description,))
        if wanted(*enum.values):
            found[values_subject(name)] = _digest([v.description for v in enum.values])
    return found


def _with_kept(api: Api, kept: KeptProse) -> dict[str, str]:
    """:func:`prose_fingerprints` of ``api``: those ``kept`` holds, less the subjects
    ``api`` does not have, and made again for each object that is not the one kept."""
    found = dict(kept.prose)
    last, edited = kept.api, kept.edited
    found[API_SUBJECT] = _head(api)
    groups = {group.name: group for group in api.groups}
    for group in last.groups:  # what is gone
        now = groups.get(group.name)
        ops = {op.operation_id for op in now.operations} if now is not None else set()
        if now is None:
            found.pop(group_subject(group), None)
        for op in group.operations:
            if op.operation_id not in ops:
                found.pop(operation_subject(group, op), None)
    for name in last.models.keys() - api.models.keys():
        found.pop(model_subject(name), None)
        found.pop(fields_subject(name), None)
    for name in last.enums.keys() - api.enums.keys():
        found.pop(enum_subject(name), None)
        found.pop(values_subject(name), None)
    last_groups = {group.name: group for group in last.groups}
    for group in api.groups:
        found[group_subject(group)] = _digest((group.description,))
        was = last_groups.get(group.name)
        old = {op.operation_id: op for op in was.operations} if was is not None else {}
        for op in group.operations:
            subject = operation_subject(group, op)
            if old.get(op.operation_id) is not op or subject in edited:
                found[subject] = _of_operation(op)
    for name, model in api.models.items():
        if last.models.get(name) is not model or model_subject(name) in edited or fields_subject(name) in edited:
            found[model_subject(name)] = _digest((model.description,))
            found[fields_subject(name)] = _digest([f.description for f in model.fields])
    for name, enum in api.enums.items():
        if last.enums.get(name) is not enum or enum_subject(name) in edited or values_subject(name) in edited:
            found[enum_subject(name)] = _digest((enum.description,))
            found[values_subject(name)] = _digest([v.description for v in enum.values])
    return found


def _count(api: Api) -> int:
    """How many subjects :func:`prose_fingerprints` gives for ``api``."""
    return 1 + len(api.groups) + sum(len(g.operations) for g in api.groups) + 2 * (len(api.models) + len(api.enums))


def _head(api: Api) -> str:
    return _digest_of_pickle((api.title, api.description, api.version, api.servers, api.client_auth))


def _of_operation(op: Operation) -> str:
    texts: list[str | None] = [op.summary, op.description]
    texts += [p.description for p in op.parameters]
    texts.append(op.body.description if op.body is not None else None)
    texts += [r.description for r in op.responses]
    return _digest(texts)


def _digest(texts: Sequence[str | None]) -> str:
    """A digest of the texts, in order (the list's ``repr`` keeps where one ends and the
    next begins, and escapes what UTF-8 cannot hold), then ``/`` and how many there are:
    a subject whose count changed changed in structure too (see :func:`prose_changed`)."""
    return f"{hashlib.blake2b(repr(texts).encode('utf-8'), digest_size=16).hexdigest()}/{len(texts)}"


def _digest_of_pickle(value: Any) -> str:
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.dispatch_table = _EVERY_FIELD
    pickler.dump(value)
    return hashlib.blake2b(stream.getbuffer(), digest_size=16).hexdigest() + "/1"


class _EveryField(dict[type, Any]):
    """How :func:`_digest_of_pickle` writes an object of a data class with a ``__dict__``:
    as the default way writes it, its class and then every field, by name, in order, as
    it was written when each object held every field (see :mod:`generator.immutable`: a
    field given its default is left to the class). The same objects give the same
    digest as then, and an object's digest does not depend on what it holds itself."""

    def __missing__(self, kind: type) -> Any:
        if isinstance(kind, type) and dataclasses.is_dataclass(kind) and "__slots__" not in vars(kind):
            names = tuple(f.name for f in dataclasses.fields(kind))
            found = self[kind] = partial(_with_every_field, kind, names)
            return found
        raise KeyError(kind)  # anything else: the pickler's own way


def _with_every_field(kind: type, names: tuple[str, ...], value: Any) -> tuple[Any, tuple[type], dict[str, Any]]:
    return copyreg.__newobj__, (kind,), {name: getattr(value, name) for name in names}  # type: ignore[attr-defined]


_EVERY_FIELD = _EveryField()


def prose_changed(before: dict[str, str], after: dict[str, str]) -> int:
    """How many subjects, in both fingerprint sets, hold other prose now while holding as
    many texts as before: a field, value or parameter added or removed changes its
    subject's fingerprint, but is a change of structure, reported as such."""
    changed = 0
    for subject, digest in after.items():
        old = before.get(subject)
        if old is not None and old != digest and old.rpartition("/")[2] == digest.rpartition("/")[2]:
            changed += 1
    return changed
