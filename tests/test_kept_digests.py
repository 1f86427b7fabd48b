"""A run may take its models' and enums' digests from the last run (see
generator/model/subjects.py, :class:`KeptDigests`, and generator/cache/kept_digests.py):
the files' keys are those made without them, a kept digest is used only for a type
reused with the names it had, and an entry kept beside another carried model, or
damaged, is not read."""

from __future__ import annotations

import dataclasses
import marshal
from pathlib import Path
from typing import Any

import pytest
from project_paths import CONSTRUCTS_SPEC, SPEC

from sdkforge.cache.kept_digests import LAYOUT, NAMESPACE, keep_digests, recall_digests
from sdkforge.cache.store import Cache
from sdkforge.model.build import build_api
from sdkforge.model.ir import Api
from sdkforge.model.subjects import (
    EVERYTHING,
    TYPE_NAMES,
    Fingerprints,
    KeptDigests,
    example_subject,
    group_subject,
    name_subject,
    reach_subject,
    type_subject,
)
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target

OPTIONS = TargetOptions(package_name="sdk")
BASE = "base"
WRONG = bytes(16)


def _named(spec: Path, target_name: str = "python") -> tuple[Api, Any, list[tuple[str, str, frozenset[str]]]]:
    """The model of ``spec``, the target's names for it, and each planned file's path,
    template and subjects."""
    api, _ = build_api(load_spec(spec))
    target = get_target(target_name)
    names = target.name(api)
    jobs = target.plan(api, OPTIONS, names, None)
    return api, names, [(job.path, job.template, job.subjects) for job in jobs]


def _keys(fingerprints: Fingerprints, made_from: list[tuple[str, str, frozenset[str]]]) -> dict[str, str]:
    return {path: fingerprints.key(path, template, subjects) for path, template, subjects in made_from}


def _types(api: Api) -> frozenset[str]:
    return frozenset(api.models.keys() | api.enums.keys())


def _wrong(kept: KeptDigests) -> KeptDigests:
    """``kept`` with every type's digests wrong but its names' digest right: a key made
    with one of them shows that it was used."""
    return KeptDigests(kept.stamp, {name: (own, WRONG, WRONG, WRONG) for name, (own, *_) in kept.types.items()})


def _of_types(subject: str) -> bool:
    """Whether ``subject``'s digest is made of types' digests."""
    return subject in (EVERYTHING, TYPE_NAMES) or subject.partition("\0")[0] in ("type", "name", "reach", "example")


def _renamed(names: Any, type_name: str) -> Any:
    own = names.types[type_name]
    return dataclasses.replace(names, types={**names.types, type_name: dataclasses.replace(own, class_name="Zq")})


@pytest.mark.parametrize("target_name", ["python", "csharp"])
@pytest.mark.parametrize("spec", [SPEC, CONSTRUCTS_SPEC], ids=["oauth", "constructs"])
def test_keys_with_the_kept_digests_are_the_keys_without(spec, target_name):
    api, names, made_from = _named(spec, target_name)
    made = Fingerprints(api, names, BASE)
    keys = _keys(made, made_from)
    kept = made.kept("stamp")
    assert kept.types.keys() == _types(api)  # the keys of all files need every type
    again = Fingerprints(api, names, BASE, kept=kept, reused=_types(api))
    assert _keys(again, made_from) == keys
    assert again.kept("next") == dataclasses.replace(kept, stamp="next")


def test_a_reused_type_takes_its_kept_digests():
    api, names, made_from = _named(CONSTRUCTS_SPEC)
    made = Fingerprints(api, names, BASE)
    keys = _keys(made, made_from)
    wrong = Fingerprints(api, names, BASE, kept=_wrong(made.kept("stamp")), reused=_types(api))
    for name in _types(api):
        assert wrong.of(type_subject(name)) == WRONG
        assert wrong.of(name_subject(name)) == WRONG
    changed = {path for path, key in _keys(wrong, made_from).items() if key != keys[path]}
    assert changed == {path for path, _, subjects in made_from if any(map(_of_types, subjects))}
    assert changed != {path for path, _, _ in made_from}  # the head's files, say, are as they were


def test_a_type_not_reused_or_renamed_is_made_again():
    api, names, _ = _named(CONSTRUCTS_SPEC)
    made = Fingerprints(api, names, BASE)
    for name in _types(api):
        made.of(type_subject(name))
    kept = _wrong(made.kept("stamp"))
    not_reused, renamed, reused = sorted(api.models)[:3]
    names_now = _renamed(names, renamed)
    fresh = Fingerprints(api, names_now, BASE)
    found = Fingerprints(api, names_now, BASE, kept=kept, reused=_types(api) - {not_reused})
    for name in (not_reused, renamed):
        assert found.of(type_subject(name)) == fresh.of(type_subject(name)) != WRONG
        assert found.of(name_subject(name)) == fresh.of(name_subject(name)) != WRONG
    assert found.of(type_subject(reused)) == WRONG
    # What the next run keeps: the digests made, and the kept ones carried on.
    assert found.kept("next").types[renamed] == fresh.kept("next").types[renamed]
    assert found.kept("next").types[reused] == kept.types[reused]


def _copy(text: str) -> str:
    """An equal string, another object (but for the shortest, of which Python has one)."""
    return (text + ".")[:-1]


def _with_fields(names: Any, fields: Any) -> Any:
    """``names`` with each type's fields named as ``fields`` names them anew."""
    types = {name: dataclasses.replace(own, fields=fields(own.fields)) for name, own in names.types.items()}
    return dataclasses.replace(names, types=types)


def test_names_equal_part_for_part_take_the_kept_digests():
    api, names, made_from = _named(CONSTRUCTS_SPEC)
    # A field's attribute the very string of its wire name (where they are equal), then a copy.
    shared = _with_fields(names, lambda fields: {k: k if k == v else v for k, v in fields.items()})
    copied = _with_fields(shared, lambda fields: {_copy(k): _copy(v) for k, v in fields.items()})
    assert copied == shared
    assert any(k == v and len(k) > 1 for own in shared.types.values() for k, v in own.fields.items())
    made = Fingerprints(api, shared, BASE)
    keys = _keys(made, made_from)
    # Made again, the digests differ: the pickle writes a string met before as a reference.
    assert _keys(Fingerprints(api, copied, BASE), made_from) != keys
    found = Fingerprints(api, copied, BASE, kept=_wrong(made.kept("stamp")), reused=_types(api))
    assert all(found.of(type_subject(name)) == WRONG for name in _types(api))
    again = Fingerprints(api, copied, BASE, kept=made.kept("stamp"), reused=_types(api))
    assert _keys(again, made_from) == keys


def test_names_equal_but_in_another_order_are_not_the_names_kept():
    api, names, _ = _named(CONSTRUCTS_SPEC)
    made = Fingerprints(api, names, BASE)
    for name in _types(api):
        made.of(type_subject(name))
    model = next(name for name in sorted(api.models) if len(names.types[name].fields) > 1)
    own = names.types[model]
    reordered = dataclasses.replace(own, fields=dict(reversed(own.fields.items())))
    assert reordered == own
    names_now = dataclasses.replace(names, types={**names.types, model: reordered})
    found = Fingerprints(api, names_now, BASE, kept=_wrong(made.kept("stamp")), reused=_types(api))
    assert found.of(type_subject(model)) == Fingerprints(api, names_now, BASE).of(type_subject(model)) != WRONG


def test_names_that_are_the_kept_names_objects_are_not_digested_again():
    """With the names the kept digests were made with, a type whose names are that very
    object takes its kept digests (here each one wrong, its names' digest too: only the
    object tells); one whose names are another object, or with no kept names, does
    not; what the next run keeps carries the kept names' digest on."""
    api, names, _ = _named(CONSTRUCTS_SPEC)
    kept = KeptDigests("stamp", {name: (WRONG, WRONG, WRONG, WRONG) for name in _types(api)})
    renamed, reused = sorted(api.models)[:2]
    names_now = _renamed(names, renamed)
    assert names_now.types[reused] is names.types[reused]
    found = Fingerprints(api, names_now, BASE, kept=kept, reused=_types(api), kept_names=names)
    assert found.of(type_subject(reused)) == WRONG
    assert found.of(type_subject(renamed)) == Fingerprints(api, names_now, BASE).of(type_subject(renamed)) != WRONG
    assert found.kept("next").types[reused] == kept.types[reused]
    alone = Fingerprints(api, names_now, BASE, kept=kept, reused=_types(api))
    assert all(alone.of(type_subject(name)) != WRONG for name in _types(api))
    other = Fingerprints(api, names_now, BASE, kept=kept, reused=_types(api), kept_names=_renamed(names, reused))
    assert other.of(type_subject(reused)) != WRONG


def test_only_the_types_made_are_kept():
    api, names, _ = _named(CONSTRUCTS_SPEC)
    made = Fingerprints(api, names, BASE)
    name = sorted(api.models)[0]
    made.of(type_subject(name))
    assert made.kept("stamp").types.keys() == {name}
    assert made.kept("stamp").reach == made.kept("stamp").examples == {}
    assert Fingerprints(api, names, BASE).kept("stamp").types == {}


def test_digests_kept_in_the_cache_are_recalled_under_their_stamp_only(tmp_path):
    api, names, made_from = _named(SPEC)
    cache = Cache(tmp_path / "cache")
    made = Fingerprints(api, names, BASE)
    keys = _keys(made, made_from)
    assert keep_digests(cache, "folder", "stamp", made)
    recalled = recall_digests(cache, "folder", "stamp")
    assert recalled == made.kept("stamp")
    assert recall_digests(cache, "folder", "another") is None
    assert recall_digests(cache, "another folder", "stamp") is None
    again = Fingerprints(api, names, BASE, kept=recalled, reused=_types(api))
    assert _keys(again, made_from) == keys


def test_an_entry_that_cannot_be_written_is_not_kept(tmp_path):
    api, names, _ = _named(SPEC)
    (tmp_path / "cache").write_text("not a folder")
    assert not keep_digests(Cache(tmp_path / "cache"), "folder", "stamp", Fingerprints(api, names, BASE))


PET = {"Pet": (WRONG,) * 4}
KEPT = KeptDigests(
    "stamp", PET, {"Pet": WRONG}, {"Pet": WRONG}, {"Pet": ("Owner",)}, {"pets": (WRONG, WRONG, ("GET", "/pets"))}
)


def _entry(*parts: Any) -> bytes:
    """An entry of :data:`KEPT` with ``parts`` in place of its first ones."""
    return marshal.dumps(
        (*parts, *(LAYOUT, "stamp", PET, KEPT.reach, KEPT.examples, KEPT.users, KEPT.groups)[len(parts) :])
    )


@pytest.mark.parametrize(
    "entry",
    [
        b"not marshal",
        marshal.dumps([LAYOUT, "stamp", PET, {}, {}, {}, {}]),
        marshal.dumps((LAYOUT, "stamp", PET, {}, {}, {})),
        _entry(LAYOUT + 1),
        marshal.dumps((LAYOUT, "stamp", PET)),
        marshal.dumps((LAYOUT - 1, "stamp", PET)),
        _entry(LAYOUT, "stamp", []),
        _entry(LAYOUT, "stamp", {"Pet": (WRONG,) * 3}),
        _entry(LAYOUT, "stamp", {"Pet": (WRONG, WRONG, WRONG, b"short")}),
        _entry(LAYOUT, "stamp", {"Pet": [WRONG] * 4}),
        _entry(LAYOUT, "stamp", {1: (WRONG,) * 4}),
        _entry(LAYOUT, "stamp", PET, {"Pet": b"short"}),
        _entry(LAYOUT, "stamp", PET, {"Pet": WRONG}, [("Pet", WRONG)]),
        _entry(LAYOUT, "stamp", PET, {}, {}, {"Pet": ["Owner"]}),
        _entry(LAYOUT, "stamp", PET, {}, {}, {"Pet": ("Owner", 1)}),
        _entry(LAYOUT, "stamp", PET, {}, {}, {}, {"pets": (WRONG, WRONG)}),
        _entry(LAYOUT, "stamp", PET, {}, {}, {}, {"pets": (WRONG, b"short", ())}),
        _entry(LAYOUT, "stamp", PET, {}, {}, {}, {"pets": (WRONG, WRONG, ["GET"])}),
    ],
)
def test_an_entry_of_another_shape_is_not_recalled(tmp_path, entry):
    cache = Cache(tmp_path)
    assert recall_digests(cache, "folder", "stamp") is None
    cache.put_bytes(NAMESPACE, "folder", _entry())
    assert recall_digests(cache, "folder", "stamp") == KEPT
    cache.put_bytes(NAMESPACE, "folder", entry)  # under a checksum that holds: the shape is what refuses it
    assert recall_digests(cache, "folder", "stamp") is None


def test_a_damaged_entry_is_not_recalled(tmp_path):
    cache = Cache(tmp_path)
    cache.put_bytes(NAMESPACE, "folder", _entry())
    (entry,) = (tmp_path / NAMESPACE).rglob("folder")
    data = bytearray(entry.read_bytes())
    data[5] ^= 1
    entry.write_bytes(bytes(data))
    assert recall_digests(cache, "folder", "stamp") is None


DEEP_SPEC = """
openapi: 3.0.3
info: {title: Deep, version: "1"}
paths:
  /outer:
    post:
      operationId: postOuter
      tags: [things]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Outer'}
      responses:
        "200": {description: ok}
  /other:
    post:
      operationId: postOther
      tags: [others]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Other'}
      responses:
        "200": {description: ok}
components:
  schemas:
    Outer: {type: object, required: [middle], properties: {middle: {$ref: '#/components/schemas/Middle'}}}
    Middle: {type: object, required: [inner], properties: {inner: {$ref: '#/components/schemas/Inner'}}}
    Inner: {type: object, required: [id], properties: {id: {type: string}}}
    Other: {type: object, required: [name], properties: {name: {type: string}}}
"""


def _deep(tmp_path: Path, spec: str) -> tuple[Api, Any, list[tuple[str, str, frozenset[str]]]]:
    (tmp_path / "deep.yaml").write_text(spec)
    return _named(tmp_path / "deep.yaml")


def _inner_edited(tmp_path: Path, api: Api) -> tuple[Api, Any, list[tuple[str, str, frozenset[str]]]]:
    """``api`` after a required field is added to ``Inner``, which ``Outer`` reaches through
    ``Middle``: every other type is the object it was (as in a replayed run)."""
    edited, _, _ = _deep(
        tmp_path,
        DEEP_SPEC.replace(
            "required: [id], properties: {id:", "required: [id, size], properties: {size: {type: integer}, id:"
        ),
    )
    api_now = dataclasses.replace(api, models={**api.models, "Inner": edited.models["Inner"]})
    target = get_target("python")
    names_now = target.name(api_now)
    jobs = target.plan(api_now, OPTIONS, names_now, None)
    return api_now, names_now, [(job.path, job.template, job.subjects) for job in jobs]


def test_a_field_added_deep_in_a_types_reach_changes_the_files_that_show_it(tmp_path):
    api, names, made_from = _deep(tmp_path, DEEP_SPEC)
    made = Fingerprints(api, names, BASE)
    keys = _keys(made, made_from)
    kept = made.kept("stamp")
    assert {"Outer", "Other"} <= kept.reach.keys() and {"Outer", "Other"} <= kept.examples.keys()
    api_now, names_now, made_from_now = _inner_edited(tmp_path, api)
    fresh = _keys(Fingerprints(api_now, names_now, BASE), made_from_now)
    found = Fingerprints(api_now, names_now, BASE, kept=kept, reused=_types(api) - {"Inner"})
    assert _keys(found, made_from_now) == fresh
    changed = {path for path, key in fresh.items() if keys.get(path) != key}
    assert any("things" in path for path in changed)  # the page of the group that sends an Outer
    assert not any("others" in path for path in changed)
    for subject in (reach_subject("Outer"), example_subject("Outer"), example_subject("Middle")):
        assert found.of(subject) != made.of(subject)


def test_a_kept_reach_digest_is_taken_only_where_every_type_reached_is_as_kept(tmp_path):
    api, names, made_from = _deep(tmp_path, DEEP_SPEC)
    made = Fingerprints(api, names, BASE)
    _keys(made, made_from)
    kept = made.kept("stamp")
    wrong = dataclasses.replace(
        kept, reach=dict.fromkeys(kept.reach, WRONG), examples=dict.fromkeys(kept.examples, WRONG)
    )
    api_now, names_now, _ = _inner_edited(tmp_path, api)
    found = Fingerprints(api_now, names_now, BASE, kept=wrong, reused=_types(api) - {"Inner"})
    fresh = Fingerprints(api_now, names_now, BASE)
    assert found.of(reach_subject("Other")) == found.of(example_subject("Other")) == WRONG
    for name in ("Outer", "Middle", "Inner"):
        for subject in (reach_subject(name), example_subject(name)):
            assert found.of(subject) == fresh.of(subject) != WRONG
    # Renamed, a type is not as kept either: what reaches it is made again.
    renamed = Fingerprints(api, _renamed(names, "Middle"), BASE, kept=wrong, reused=_types(api))
    assert renamed.of(reach_subject("Outer")) != WRONG and renamed.of(reach_subject("Other")) == WRONG
    # A type no longer there is no type as kept, whatever was kept for it.
    removed = dataclasses.replace(api, models={k: v for k, v in api.models.items() if k != "Other"})
    gone = Fingerprints(removed, names, BASE, kept=wrong, reused=_types(removed))
    assert gone.of(reach_subject("Other")) != WRONG


def _operations(api: Api) -> frozenset[int]:
    return frozenset(id(op) for group in api.groups for op in group.operations)


def _wrong_groups(kept: KeptDigests) -> KeptDigests:
    """``kept`` with every group's digest wrong but its own parts' and operations' right."""
    return dataclasses.replace(kept, groups={name: (own, WRONG, ops) for name, (own, _, ops) in kept.groups.items()})


def test_a_group_of_the_operations_it_had_takes_its_kept_digest():
    api, names, made_from = _named(SPEC)
    made = Fingerprints(api, names, BASE)
    keys = _keys(made, made_from)
    kept = made.kept("stamp")
    assert kept.groups.keys() == {group.name for group in api.groups}
    again = Fingerprints(api, names, BASE, kept=kept, reused=_types(api), operations=_operations(api))
    assert _keys(again, made_from) == keys
    wrong = Fingerprints(api, names, BASE, kept=_wrong_groups(kept), reused=_types(api), operations=_operations(api))
    assert all(wrong.of(group_subject(group.name)) == WRONG for group in api.groups)


def test_a_group_with_an_operation_made_again_or_another_list_or_names_is_made_again():
    api, names, _ = _named(SPEC)
    made = Fingerprints(api, names, BASE)
    for group in api.groups:
        made.of(group_subject(group.name))
    kept = _wrong_groups(made.kept("stamp"))
    group = next(group for group in api.groups if len(group.operations) > 1)
    first, *rest = group.operations
    # An operation made again (equal, but not the carried model's object).
    fresh = Fingerprints(api, names, BASE)
    made_again = Fingerprints(
        api, names, BASE, kept=kept, reused=_types(api), operations=_operations(api) - {id(first)}
    )
    assert made_again.of(group_subject(group.name)) == fresh.of(group_subject(group.name)) != WRONG
    # The operations it had, one fewer, or in another order.
    for operations in (tuple(rest), (*rest, first)):
        edited = dataclasses.replace(api, groups=(dataclasses.replace(group, operations=operations),))
        found = Fingerprints(edited, names, BASE, kept=kept, reused=_types(api), operations=_operations(api))
        assert found.of(group_subject(group.name)) == Fingerprints(edited, names, BASE).of(group_subject(group.name))
        assert found.of(group_subject(group.name)) != WRONG
    # Another description, or other names for its methods.
    described = dataclasses.replace(api, groups=(dataclasses.replace(group, description="Other."),))
    found = Fingerprints(described, names, BASE, kept=kept, reused=_types(api), operations=_operations(api))
    assert found.of(group_subject(group.name)) != WRONG
    own = names.groups[group.name]
    methods = {operation_id: method + "_2" for operation_id, method in own.methods.items()}
    renamed = dataclasses.replace(names, groups={**names.groups, group.name: dataclasses.replace(own, methods=methods)})
    found = Fingerprints(api, renamed, BASE, kept=kept, reused=_types(api), operations=_operations(api))
    assert (
        found.of(group_subject(group.name)) == Fingerprints(api, renamed, BASE).of(group_subject(group.name)) != WRONG
    )
    # As it was: the kept (here wrong) digest.
    found = Fingerprints(api, names, BASE, kept=kept, reused=_types(api), operations=_operations(api))
    assert found.of(group_subject(group.name)) == WRONG
