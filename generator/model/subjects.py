"""What each output file is made from, and a key that changes when that does.

A target's plan declares, for each file (:class:`generator.targets.RenderJob`), the
*subjects* of the model it is made from:

- :data:`HEAD`: the API's head (title, description, version, servers, credentials,
  global headers);
- :func:`group_subject`: one group, whole (its operations, their parameters, bodies and
  responses), with the target's names for it and its methods;
- :func:`type_subject`: one model or enum, whole, with the target's names for it;
- :func:`name_subject`: only the target's names for a model or enum (and whether it is
  one or the other, and an enum's base type): what a file that mentions it shows;
- :func:`reach_subject`: a model or enum and every model and enum it reaches through its
  fields, whole (a paged response, whose items are found through its fields);
- :func:`example_subject`: what an example made up for a value of a model or enum shows
  (a page's examples);
- :data:`TYPE_NAMES`: which models and enums there are, each with its names (an index of
  them all);
- :data:`EVERYTHING`: the whole model and every name (the README, the client).

:class:`Fingerprints` gives each subject a digest, once per run, and :meth:`Fingerprints.key`
a file's key: the digests of its subjects with what else decides the file (sdkforge,
its templates, the options: ``base``). Two runs that give a file the same key make the
same file (``tests/test_subjects.py`` renders every file with everything outside its
subjects changed, and finds it byte for byte as it was), so a run keeps a file whose key
is the one the last run recorded for it (see :mod:`generator.pipeline`).

A run whose models and enums are, in part, the very objects of the last run's model
(see :mod:`generator.cache.carried`) may take their digests from that run
(:class:`KeptDigests`, kept by :mod:`generator.cache.kept_digests`) instead of making
them again: a type's digests are made of its object and its names, so the same object
with names equal to those it had shows what it showed. Made again, they could differ
all the same: a digest's pickle writes a part met before as a reference to it, and
which strings of a type and its names are one object is not always what it was (a
model unpickled and named again, see ``bench/kept_digests_time.py``). The kept ones do
not.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import operator
import pickle
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import field
from enum import Enum
from functools import cache, partial
from types import ModuleType, SimpleNamespace
from typing import Any

from ..immutable import immutable
from . import ir
from .ir import Api, ApiGroup, EnumType, Field, Model, Operation, Source, TypeKind, TypeRef

HEAD = "head"
TYPE_NAMES = "type-names"
EVERYTHING = "everything"
FIXED = "fixed"
"""Among the subjects asked of a plan (see :func:`asked`): the files made from no subject
of the model (from sdkforge alone) are wanted too. Which of them a
plan makes may depend on the whole model (a runtime module for paging, say): a run that
keeps the other files asks for these to know which it makes."""
_FRAMES = frozenset({TYPE_NAMES, EVERYTHING, FIXED})
"""The subjects of the files every plan makes, but the head."""
_INNER = ("fields", "members")
"""The names a type gives its fields and values: not what a file that mentions it shows."""


@cache
def _shown(kind: type) -> Callable[[Any], Any]:
    """What a file that mentions a type shows of its names (of class ``kind``): all but :data:`_INNER`."""
    return operator.attrgetter(*[f.name for f in dataclasses.fields(kind) if f.name not in _INNER])


def group_subject(name: str) -> str:
    """A group, whole, with its names."""
    return f"group\0{name}"


def type_subject(name: str) -> str:
    """A model or enum, whole, with its names."""
    return f"type\0{name}"


def name_subject(name: str) -> str:
    """The names of a model or enum, as a file that mentions it shows them."""
    return f"name\0{name}"


def reach_subject(name: str) -> str:
    """A model or enum and every model and enum it reaches, whole."""
    return f"reach\0{name}"


def example_subject(name: str) -> str:
    """What an example made up for a value of a model or enum shows (see
    :mod:`generator.example_values`): its names, its own example, or else its required
    fields and, the same way, what they hold."""
    return f"example\0{name}"


_OWNED_ONLY = ("type\0", "group\0")


def owners_only(subjects: Collection[str] | None) -> bool:
    """Whether ``subjects`` name no model's or group's part that other files show (no
    name, reach or example subject, and not the head): then a model's or group's own
    files are the only ones made from its subjects that a plan asked for them makes, and
    a plan need not work out what every model and group mentions to tell."""
    return subjects is not None and all(s.startswith(_OWNED_ONLY) or s in _FRAMES for s in subjects)


def owner_asked(subjects: Collection[str] | None) -> Callable[[str], bool]:
    """For a plan asked for ``subjects``: whether a model's or group's own subject (see
    :func:`type_subject`, :func:`group_subject`) may make one of the files asked for.
    Always, unless ``subjects`` are owners' alone (see :func:`owners_only`): then only the
    owners named do, and a plan need not work out what the others mention."""
    if subjects is None or not owners_only(subjects):
        return lambda owner: True
    return frozenset(subjects).__contains__


def asked(job_subjects: frozenset[str], subjects: Collection[str] | None) -> bool:
    """Whether a plan asked for the files made from one of ``subjects`` (all, with None)
    makes the file made from ``job_subjects``; one made from none, with :data:`FIXED`
    among them."""
    if subjects is None:
        return True
    return not job_subjects.isdisjoint(subjects) if job_subjects else FIXED in subjects


def names_of(types: Iterable[str]) -> set[str]:
    """The name subjects of ``types``."""
    return {name_subject(t) for t in types}


def mentioned(t: TypeRef | None) -> set[str]:
    """The IR names of the models and enums a type mentions."""
    found: set[str] = set()
    if t is not None:
        _mention(t, found)
    return found


def _mention(t: TypeRef, found: set[str]) -> None:
    """Add the IR names of the models and enums ``t`` mentions to ``found``. Most types
    are a single name or primitive (nothing inside): those are seen without a walk (the
    plan and the file keys ask this of every field of every model, several times)."""
    if t.item is None and not t.members:
        if t.kind is TypeKind.MODEL or t.kind is TypeKind.ENUM:
            found.add(t.name or "")
        return
    stack: list[TypeRef | None] = [t]
    while stack:
        at = stack.pop()
        if at is None:
            continue
        if at.kind is TypeKind.MODEL or at.kind is TypeKind.ENUM:
            found.add(at.name or "")
        stack.append(at.item)
        stack.extend(at.members)


def model_mentions(model: Model) -> set[str]:
    """The models and enums a model's fields (and extra properties) mention."""
    return _fields_mention(model.fields, mentioned(model.additional_properties))


def _fields_mention(fields: Iterable[Field], found: set[str]) -> set[str]:
    """``found`` with the models and enums ``fields`` mention."""
    model_kind, enum_kind = TypeKind.MODEL, TypeKind.ENUM
    for f in fields:
        t = f.type
        if t.item is None and not t.members:  # as _mention sees one, without a call for each field
            if t.kind is model_kind or t.kind is enum_kind:
                found.add(t.name or "")
        else:
            _mention(t, found)
    return found


def operation_types(group: ApiGroup, responses: bool = True) -> set[str]:
    """The models and enums a group's operations mention: their parameters, bodies and
    (unless not ``responses``) responses."""
    found: set[str] = set()
    for op in group.operations:
        _operation_mentions(op, found, responses)
    return found


def operation_mentions(op: Operation) -> set[str]:
    """The models and enums one operation mentions: its parameters, body and responses."""
    found: set[str] = set()
    _operation_mentions(op, found, True)
    return found


def _operation_mentions(op: Operation, found: set[str], responses: bool) -> None:
    for p in op.parameters:
        _mention(p.type, found)
    if op.body is not None:
        _mention(op.body.type, found)
    for r in op.responses if responses else ():
        if r.type is not None:
            _mention(r.type, found)


@immutable
class KeptDigests:
    """A run's digests of its models and enums, for the next run: ``types`` holds, by
    IR name, the digest of the type's own names (as ``names.of_type`` gave them, see
    :meth:`_Digests.unshared`) and the three digests :meth:`Fingerprints._of_type` makes
    (whole, names, what a made-up example shows); ``reach`` and ``examples``, by IR
    name, the digests of the type's :func:`reach_subject` and :func:`example_subject`
    that run made; ``users``, for each name a model mentions, the models that mention it
    (see :meth:`Fingerprints._reach_changed`); ``groups``, by name, the digest of a
    group's own parts (its name, description and names), its :func:`group_subject`
    digest, and the method and path of each of its operations; ``stamp`` is that of the
    carried model whose objects they are of."""

    stamp: str
    types: dict[str, tuple[bytes, bytes, bytes, bytes]]
    reach: dict[str, bytes] = field(default_factory=dict)
    examples: dict[str, bytes] = field(default_factory=dict)
    users: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[str, tuple[bytes, bytes, tuple[str, ...]]] = field(default_factory=dict)


class Fingerprints:
    """Each subject's digest for one run of ``api`` with the target's ``names``, each
    made once; and file keys made of them.

    ``reused``: the models and enums of ``api`` whose objects are those the ``kept``
    digests were made of (the carried model's, unchanged). Such a type whose own names
    digest as the kept ones did takes the kept digests (it is *as kept*); any other
    type's are made. A type's kept reach and example digests hold when every type its
    fields reach is as kept (see :meth:`_reach_changed`). ``operations``: the identities
    of the operations of ``api`` that are the carried model's objects; a group whose
    operations are all such, the ones it had in their order, and whose own parts digest
    as they did takes its kept digest. ``kept_names``: the names the ``kept`` digests were
    made with (the last run's, carried with its model): a type whose names are that very
    object (taken from the last run, see :attr:`generator.targets.Target.name_again`) has
    the names it had, and its own names are not digested again to tell."""

    def __init__(
        self,
        api: Api,
        names: Any,
        base: str,
        kept: KeptDigests | None = None,
        reused: frozenset[str] = frozenset(),
        operations: frozenset[int] = frozenset(),
        kept_names: Any = None,
    ) -> None:
        self.api = api
        self.names = names
        self.base = base.encode()
        self._types: dict[str, Model | EnumType] = {**api.models, **api.enums}
        self._groups = {g.name: g for g in api.groups}
        self._found: dict[str, bytes] = {}
        self._examples: dict[str, bytes] = {}
        self._next: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = ({}, {})
        self._digest = _Digests(type(names))
        self._kept = kept.types if kept is not None and reused else {}
        self._kept_more = kept if kept is not None and reused else KeptDigests("", {})
        self._reused = reused
        self._operations = operations
        self._kept_names = kept_names
        self._own: dict[str, bytes] = {}  # the digest of a type's own names, once made
        self._as_kept: set[str] = set()  # the types that took their kept digests
        self._changed: set[str] | None = None  # see _reach_changed, once made

    def key(self, path: str, template: str, subjects: Iterable[str]) -> str:
        """The key of the file at ``path``, made with ``template`` from ``subjects``."""
        found = self._found
        digests = [found[s] if s in found else self.of(s) for s in sorted(subjects)]  # most are made already
        made = b"\0".join([self.base, path.encode(), template.encode(), *digests])
        return hashlib.blake2b(made, digest_size=20).hexdigest()

    def of(self, subject: str) -> bytes:
        """The digest of ``subject``; a subject the model does not have has one too."""
        found = self._found.get(subject)
        if found is None:
            found = self._found[subject] = self._make(subject)
        return found

    def _make(self, subject: str) -> bytes:
        _digest = self._digest
        kind, _, name = subject.partition("\0")
        if kind == "type":
            return self._of_type(name)[0]
        if kind == "name":
            return self._of_type(name)[1]
        if kind == "group":
            group = self._groups.get(name)  # written whole: a replayed model shares its strings otherwise
            kept_group = self._kept_more.groups.get(name)
            if group is not None and kept_group is not None and self._group_as_kept(group, kept_group):
                return kept_group[1]
            return _digest.unshared((group, self.names.groups.get(name)))
        if kind == "reach":
            kept = self._kept_more.reach.get(name)
            if kept is not None and self._reach_as_kept(name):
                return kept
            return _combined(sorted(self.of(type_subject(t)) for t in self._reach(name)))
        if kind == "example":
            kept = self._kept_more.examples.get(name)
            if kept is not None and self._reach_as_kept(name):
                return kept
            return _combined(sorted(map(self._example_part, self._reach(name, examples=True))))
        if kind == TYPE_NAMES:  # each type's names, in the model's order: one more or less changes it too
            return _combined([self.of(name_subject(t)) for t in self._types])
        if kind == HEAD:
            api = self.api
            return _digest.unshared(
                (api.title, api.description, api.version, api.servers, api.client_auth, api.global_headers)
            )
        if kind == EVERYTHING:
            rest = {k: v for k, v in vars(self.names).items() if k not in ("types", "groups")}
            parts = [self.of(HEAD), _digest.unshared(rest), *(self.of(group_subject(g)) for g in self._groups)]
            parts += [self.of(type_subject(t)) for t in self._types]
            return _combined(parts)
        raise ValueError(f"unknown subject {subject!r}")

    def _of_type(self, name: str) -> tuple[bytes, bytes]:
        """The digests of the type subject and the name subject of ``name``, and what a
        made-up example shows of it (see :meth:`_example_part`), each from what the one
        before it covers and more (see :meth:`_Digests.chained`): what a file that
        mentions the type shows (its names, not its fields' or values', whether it is a
        model or an enum, an enum's base); then, for a model, what a made-up example
        shows besides (its own example, or else its required fields); then the type,
        whole, with its names. A model's required fields, written for its example, are
        references in the whole: it is written once. A type reused with the names it
        had takes the kept digests instead (see :class:`Fingerprints`)."""
        value = self._types.get(name)
        own = self.names.of_type(name) if value is not None else None
        if value is not None and name in self._reused and name in self._kept:
            kept_own, whole, names, example = self._kept[name]
            own_digest = kept_own if self._names_kept(name, own) else self._digest.unshared(own)
            self._own[name] = own_digest
            if own_digest == kept_own:
                self._as_kept.add(name)
                self._found[type_subject(name)] = whole
                self._found[name_subject(name)] = names
                self._examples[name] = example
                return whole, names
        base = value.base if isinstance(value, EnumType) else None
        shown = _shown(own.__class__)(own) if own is not None else ()
        parts: list[Any] = [(type(value).__name__, base, shown)]
        if isinstance(value, Model):
            fields = [] if value.has_example else [f for f in value.fields if f.required]
            parts.append((value.name, value.has_example, value.example, fields))
        names, *more = self._digest.chained(*parts, (value, own))
        whole = more[-1]
        self._found[type_subject(name)] = whole
        self._found[name_subject(name)] = names
        self._examples[name] = more[0]  # an enum's example shows all of it
        kept = self._kept.get(name)
        if kept is not None and kept[1:] == (whole, names, more[0]):
            # Made anew (a unit built again beside an edit), as it was: it reaches and
            # shows what it did, so what reaches it digests as it did too.
            self._as_kept.add(name)
        return whole, names

    def changed(self, before: Api, before_names: Any) -> frozenset[str] | None:
        """The subjects whose digests may differ from those the ``kept`` digests were made
        with, ``before`` (that run's model) with ``before_names`` (a superset): the models
        and enums not as kept (new ones, ones made anew or named otherwise) and the kept
        ones no more in the model, with the reach and example subjects of every type whose
        fields reach one of them (see :meth:`_reach_changed`); the groups whose digests
        are not the kept ones, new or gone; the index of type names and everything. A file
        made from none of them is as that run made it. None without kept digests, or where
        the head or the names beside the types' and groups' differ from that run's: which
        files there are, and where, may then differ whatever their subjects."""
        if not self._kept or self._frame(self.api, self.names) != self._frame(before, before_names):
            return None
        reached = self._reach_changed()
        gone = self._kept.keys() - self._types.keys()
        found = {TYPE_NAMES, EVERYTHING}
        for name in (*(name for name in self._types if name not in self._as_kept), *gone):
            found.add(type_subject(name))
            found.add(name_subject(name))
        for name in (*reached, *gone):
            found.add(reach_subject(name))
        # What a made-up example shows of a type changes only with what its example walks
        # through shows (its required fields', not an optional field added).
        kept, examples = self._kept, self._examples
        shown = {
            name for name in self._types if name not in self._as_kept and kept.get(name, ())[3:] != (examples[name],)
        }
        for name in self._used_by(shown.union(gone)):
            found.add(example_subject(name))
        kept_groups = self._kept_more.groups
        for name in self._groups:
            kept_group = kept_groups.get(name)
            # A group made anew (an operation built again beside an edit) may digest as it did.
            if kept_group is None or self.of(group_subject(name)) != kept_group[1]:
                found.add(group_subject(name))
        found.update(group_subject(name) for name in kept_groups.keys() - self._groups.keys())
        return frozenset(found)

    def _frame(self, api: Api, names: Any) -> tuple[bytes, bytes]:
        """The digests of ``api``'s head and of the ``names`` beside the types' and groups'."""
        rest = {k: v for k, v in vars(names).items() if k not in ("types", "groups")}
        head = (api.title, api.description, api.version, api.servers, api.client_auth, api.global_headers)
        return self._digest.unshared(head), self._digest.unshared(rest)

    def _names_kept(self, name: str, own: Any) -> bool:
        """Whether ``own``, the names of type ``name``, is the very object the kept digests' names held for it."""
        kept_names = self._kept_names
        if kept_names is None:
            return False
        try:
            return own is kept_names.of_type(name)
        except KeyError:
            return False

    def kept(self, stamp: str) -> KeptDigests:
        """The digests of the models and enums made so far, for the next run whose model
        holds objects of the model carried under ``stamp``."""
        types: dict[str, tuple[bytes, bytes, bytes, bytes]] = {}
        reach: dict[str, bytes] = {}
        examples: dict[str, bytes] = {}
        found, own, unshared, of_type = self._found, self._own, self._digest.unshared, self.names.of_type
        for name, example in self._examples.items():
            if name in self._types:
                own_digest = own.get(name) or unshared(of_type(name))
                types[name] = (own_digest, found[type_subject(name)], found[name_subject(name)], example)
        # A type's kept reach and example digests that still hold, and that no file of
        # this run asked for, are kept again: a run that keys only the files made from
        # what changed leaves them to the next.
        holding = self._changed is not None
        for name in self._types:
            made = found.get(reach_subject(name))
            if made is None and holding and name in self._kept_more.reach and self._reach_as_kept(name):
                made = self._kept_more.reach[name]
            if made is not None:
                reach[name] = made
            made = found.get(example_subject(name))
            if made is None and holding and name in self._kept_more.examples and self._reach_as_kept(name):
                made = self._kept_more.examples[name]
            if made is not None:
                examples[name] = made
        users: dict[str, list[str]] = {}
        for name, value in self._types.items():
            if isinstance(value, Model):
                for used in self._next_of(name, False):
                    users.setdefault(used, []).append(name)
        groups = {
            name: (self._group_own(group), found[group_subject(name)], _signature(group))
            for name, group in self._groups.items()
            if group_subject(name) in found
        }
        return KeptDigests(stamp, types, reach, examples, {used: tuple(by) for used, by in users.items()}, groups)

    def _group_as_kept(self, group: ApiGroup, kept: tuple[bytes, bytes, tuple[str, ...]]) -> bool:
        """Whether ``group`` is the group ``kept`` was made of: its operations the carried
        model's objects, the ones it had (each the one at its method and path) in their
        order, and its own parts as they were."""
        operations = self._operations
        return (
            all(id(op) in operations for op in group.operations)
            and _signature(group) == kept[2]
            and self._group_own(group) == kept[0]
        )

    def _group_own(self, group: ApiGroup) -> bytes:
        """The digest of a group's own parts: its name, description and names."""
        return self._digest.unshared((group.name, group.description, self.names.groups.get(group.name)))

    def _reach_as_kept(self, name: str) -> bool:
        """Whether ``name`` is a type as kept and so is every type its fields reach."""
        changed = self._reach_changed()
        return name in self._as_kept and name not in changed

    def _reach_changed(self) -> set[str]:
        """The types whose fields reach a type not as kept (or a name that is no type):
        those whose kept reach and example digests may not hold. Found once, backwards
        from the types not as kept through the models that mention them. A type as kept
        mentions what it did (it is the object it was), so the last run's ``users``
        serve; a type not as kept is among the changed whatever it mentions."""
        changed = self._changed
        if changed is None:
            for name in self._types:
                if type_subject(name) not in self._found:
                    self._of_type(name)
            as_kept = self._as_kept
            changed = self._changed = self._used_by(
                {n for n in (*self._types, *self._kept_more.users) if n not in as_kept}
            )
        return changed

    def _used_by(self, changed: set[str]) -> set[str]:
        """``changed`` with the types whose fields reach one of them (by the last run's
        ``users``: a type as kept mentions what it did)."""
        users = self._kept_more.users
        stack = list(changed)
        while stack:
            for user in users.get(stack.pop(), ()):
                if user not in changed:
                    changed.add(user)
                    stack.append(user)
        return changed

    def _reach(self, name: str, examples: bool = False) -> set[str]:
        """``name`` and every model and enum its fields reach; with ``examples``, only
        through the required fields of models without an example, as a made-up example
        goes."""
        seen = {name}
        stack = [name]
        while stack:
            for more in self._next_of(stack.pop(), examples):
                if more not in seen:
                    seen.add(more)
                    stack.append(more)
        return seen

    def _next_of(self, name: str, examples: bool) -> tuple[str, ...]:
        """The models and enums :meth:`_reach` goes to from ``name`` in one step; once per
        type (many subjects reach the same types), as a tuple (a third of a set's memory)."""
        known = self._next[examples]
        found = known.get(name)
        if found is None:
            value = self._types.get(name)
            if not isinstance(value, Model) or (examples and value.has_example):
                found = ()
            elif not examples:
                found = tuple(model_mentions(value))
            else:
                found = tuple(_fields_mention([f for f in value.fields if f.required and not f.has_example], set()))
            known[name] = found
        return found

    def _example_part(self, name: str) -> bytes:
        """What a made-up example shows of one model (or enum: all of it); once per type."""
        found = self._examples.get(name)
        if found is None:
            self._of_type(name)
            found = self._examples[name]
        return found


def _signature(group: ApiGroup) -> tuple[str, ...]:
    """The method and path of each of a group's operations, in order: which they are."""
    return tuple([part for op in group.operations for part in (op.method, op.path)])


def _combined(digests: list[bytes]) -> bytes:
    """One digest of digests, in order (each is as long as the others: no separator is
    needed)."""
    return hashlib.blake2b(b"".join(digests), digest_size=16).digest()


class _Reductions(dict[type, Any]):
    """How :class:`_Digests` writes an object of each type the pickler does not write
    itself: a data class as its class and its fields' values, in their order (the
    pickler's default goes through ``copyreg`` and copies the object's ``__dict__``: a
    fifth slower, for the same information), but for its ``source``; what no file shows,
    as nothing (see :data:`_NOT_SHOWN`); anything else as the pickler would."""

    def __missing__(self, kind: type) -> Any:
        if kind in _NOT_SHOWN:
            found = _NOT_SHOWN[kind]
        elif dataclasses.is_dataclass(kind):
            names = [f.name for f in dataclasses.fields(kind) if f.name != "source"]
            values = operator.attrgetter(*names) if len(names) > 1 else lambda value: (getattr(value, names[0]),)
            found = partial(_as_fields, kind, values)
        elif issubclass(kind, type):
            found = _by_name  # a class (an enum's, say): by name, as the pickler writes one
        else:
            found = _default
        self[kind] = found
        return found


def _as_fields(kind: type, values: Any, value: Any) -> tuple[Any, ...]:
    return kind, values(value)


def _default(value: Any) -> Any:
    return value.__reduce_ex__(5)


def _by_name(value: type) -> str:
    return value.__qualname__


_NOT_SHOWN: dict[type, Any] = {Source: operator.attrgetter("__class__", "__slots__")}
"""What no file shows, left out of digests: where in the spec a thing was described
(for warnings; its file is the root's name, which a spec may change freely). A data
class's ``source`` field, which holds it, is not written (a model has tens of
thousands); one met elsewhere is written as its class and the names of its fields (the
same for every one)."""


def _known(*modules: ModuleType) -> list[object]:
    """The classes (data classes and enums, by name) of ``modules``, each enum followed by
    its members: what every digest writes as a reference to one of these (see
    :class:`_Digests`)."""
    found: list[object] = []
    for module in modules:
        for _, kind in sorted(vars(module).items()):
            if isinstance(kind, type) and kind.__module__ == module.__name__:
                if issubclass(kind, Enum):
                    found += [kind, *kind]
                elif dataclasses.is_dataclass(kind):
                    found.append(kind)
    return found


class _Digests:
    """Digests of values: a hash of their pickle, with data classes written as their class and fields (see
    :class:`_Reductions`). Never unpickled: what counts is that two values that differ
    in anything a file shows are written differently.

    Each pickle starts with the same memo, which holds the model's classes and enum
    members and those of the module of ``names`` (see :func:`_known`): each is written
    as a reference to its place there, not by its module and name (looked up anew by
    each pickle, with each enum member's reduction: a sixth of the time of the file keys
    on GitHub's spec), the same in every digest of a run of the same sdkforge."""

    def __init__(self, names: type | None = None) -> None:
        self._written: list[bytes] = []  # what the pickler writes: each dump's pickle, in one piece or more
        self._pickler = pickle.Pickler(SimpleNamespace(write=self._written.append), protocol=5)
        self._pickler.dispatch_table = _Reductions()
        modules = [ir] + ([sys.modules[names.__module__]] if names is not None else [])
        start = pickle.Pickler(io.BytesIO(), protocol=5)  # never pickles: its memo is the one each pickle starts with
        start.memo = {id(known): (at, known) for at, known in enumerate(_known(*modules))}
        self._memo = start.memo  # a view of it, which the pickler copies in one piece (from a dict: three times slower)
        self._unshared = pickle.Pickler(SimpleNamespace(write=self._written.append), protocol=5)
        self._unshared.dispatch_table = self._pickler.dispatch_table
        self._unshared.fast = True  # no memo: each part is written whole, wherever it was met before

    def __call__(self, value: Any) -> bytes:
        return self.chained(value)[0]

    def unshared(self, value: Any) -> bytes:
        """A digest of ``value`` written without references: two values equal part for
        part (in their types and order too) digest the same, whichever of their parts
        are one object (a name that is the very string the model holds, or a copy of
        it). For values without cycles (a type's names)."""
        self._unshared.dump(value)
        digest = hashlib.blake2b(b"".join(self._written), digest_size=16).digest()
        self._written.clear()
        return digest

    def chained(self, *values: Any) -> list[bytes]:
        """A digest of each of ``values`` with those before it (of the first, of the
        first two...), as they are pickled one after the other by one pickler: a value
        written before is a reference in those after, and the pickles of all, read one
        after the other, give them all back (so two lists that differ in anything a file
        shows are written differently)."""
        pickler = self._pickler
        pickler.memo = self._memo  # a new memo (clearing a big one costs more)
        written = self._written
        hashed = hashlib.blake2b(digest_size=16)
        found: list[bytes] = []
        for value in values:
            pickler.dump(value)
            hashed.update(b"".join(written))
            written.clear()
            found.append(hashed.digest())
        return found


# ---- what the usual files are made from (both targets' plans declare these) ----------


def group_module(group: ApiGroup, api: Api) -> frozenset[str]:
    """A group's code: the group, the names of what its operations mention, and for a
    paged operation the models its items are found through."""
    return frozenset({group_subject(group.name), *map(name_subject, operation_types(group)), *_paging(group, api)})


def group_page(group: ApiGroup, api: Api, module: frozenset[str] | None = None) -> frozenset[str]:
    """A group's page: what its code is made from (``module``, its :func:`group_module`,
    when known already), the head (the client set-up it shows), and all that what it
    sends reaches (its example code is written through their fields)."""
    sent = operation_types(group, responses=False)
    reached = [subject for t in sent for subject in (reach_subject(t), example_subject(t))]
    return (group_module(group, api) if module is None else module).union((HEAD, *reached))


def _paging(group: ApiGroup, api: Api) -> set[str]:
    """The models a paged operation's items are found through (from each response, by
    the field names its pagination lists), whole, and the names of the items' types."""
    found: set[str] = set()
    for op in group.operations:
        if op.pagination is None:
            continue
        for response in op.responses:
            at = response.type
            for name in op.pagination.items:
                model = api.models.get(at.name or "") if at is not None and at.kind is TypeKind.MODEL else None
                if model is None:
                    break
                found.add(type_subject(model.name))
                at = next((f.type for f in model.fields if f.name == name), None)
            found |= names_of(mentioned(at))
    return found


def model_page(model: Model, mentions: Iterable[str] | None = None) -> frozenset[str]:
    """A model's page: the model, and examples of what its fields hold (``mentions``, its
    :func:`model_mentions`, when known already)."""
    found = model_mentions(model) if mentions is None else mentions
    return frozenset((type_subject(model.name), *map(example_subject, found)))


def model_module(model: Model, mentions: Iterable[str] | None = None) -> frozenset[str]:
    """A model's code: the model and the names of what its fields mention (``mentions``,
    its :func:`model_mentions`, when known already)."""
    found = model_mentions(model) if mentions is None else mentions
    return frozenset((type_subject(model.name), *map(name_subject, found)))


def affected(api: Api, changed: Iterable[str]) -> frozenset[str]:
    """The subjects whose digests change with those of ``changed`` (the head, groups,
    models and enums whose prose changed; their names stay what they were)."""
    return Users(api).affected(changed)


class Users:
    """Which models mention each model or enum, found once for many questions."""

    def __init__(self, api: Api) -> None:
        self._users: dict[str, set[str]] = {}
        for model in api.models.values():
            for used in model_mentions(model):
                self._users.setdefault(used, set()).add(model.name)

    def affected(self, changed: Iterable[str]) -> frozenset[str]:
        """See :func:`affected`."""
        found = {*changed, EVERYTHING}
        types = {subject.partition("\0")[2] for subject in found if subject.startswith("type\0")}
        stack = list(types)
        while stack:
            for user in self._users.get(stack.pop(), ()):
                if user not in types:
                    types.add(user)
                    stack.append(user)
        return frozenset(found | {reach_subject(t) for t in types} | {example_subject(t) for t in types})
