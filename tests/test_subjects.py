"""A file is made from the subjects its plan declares, and from nothing else.

Each output file is kept from the last run while the digests of its declared subjects
(see generator/subjects.py) are what they were, so a file that read anything else could
be kept stale. Here every file of a spec is rendered twice: from the spec's model, and
from that model with everything outside the file's subjects changed (every other group,
model and enum with new prose and a new member, new models, enums and groups, the API's
head, and the names of every type and group the file does not declare); the two must be
byte for byte the same. Both targets; the OAuth spec, the constructs spec, the paging
spec and Square's.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path
from typing import Any

import pytest
from project_paths import CONSTRUCTS_SPEC, ROOT, SPEC, shared_path

from sdkforge.model.build import build_api
from sdkforge.model.ir import (
    Api,
    ApiGroup,
    Constraint,
    EnumType,
    EnumValue,
    Field,
    Model,
    Operation,
    Server,
    Source,
    TypeKind,
    TypeRef,
)
from sdkforge.model.subjects import EVERYTHING, HEAD, TYPE_NAMES, Fingerprints, name_subject, type_subject
from sdkforge.render.engine import make_environment, render_all
from sdkforge.render.job import RenderJob
from sdkforge.spec.load import load_spec
from sdkforge.spec.swagger2 import convert_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target

OPTIONS = TargetOptions(package_name="sdk")
ALTERED = "Zq"


def _model(path: Path) -> Api:
    spec = load_spec(path)
    api, _ = build_api(convert_spec(spec) if spec.version == "2.0" else spec)
    return api


def _kept(api: Api, subjects: frozenset[str]) -> tuple[set[str], set[str], set[str], set[str]]:
    """The groups, the types (whole), the types (names only) and the types (what a
    made-up example shows: names, own example, required fields) ``subjects`` keep."""
    groups, whole, named, exampled = set(), set(), set(), set()
    for subject in subjects:
        kind, _, name = subject.partition("\0")
        if subject == TYPE_NAMES:
            named |= api.models.keys() | api.enums.keys()
        elif kind == "group":
            groups.add(name)
        elif kind == "type":
            whole.add(name)
        elif kind == "name":
            named.add(name)
        elif kind == "reach":
            whole |= Fingerprints(api, None, "")._reach(name)
        elif kind == "example":
            exampled |= Fingerprints(api, None, "")._reach(name, examples=True)
    return groups, whole, named, exampled


def _altered_model(model: Model) -> Model:
    extra = Field("zq_extra", TypeRef(TypeKind.STRING), False, "Added elsewhere.")
    fields = tuple(dataclasses.replace(f, description=f.description + " Changed.") for f in model.fields)
    return dataclasses.replace(model, description=model.description + " Changed.", fields=(*fields, extra))


def _altered_optional(model: Model) -> Model:
    """``model`` with what a made-up example of it does not show changed: its
    description, its optional fields' descriptions, a new optional field."""
    extra = Field("zq_extra", TypeRef(TypeKind.STRING), False, "Added elsewhere.")
    fields = tuple(
        f if f.required else dataclasses.replace(f, description=f.description + " Changed.") for f in model.fields
    )
    return dataclasses.replace(model, description=model.description + " Changed.", fields=(*fields, extra))


def _altered_enum(enum: EnumType) -> EnumType:
    values = tuple(dataclasses.replace(v, description=v.description + " Changed.") for v in enum.values)
    extra = EnumValue(9_999 if enum.base is TypeKind.INTEGER else "zq-extra", "Added elsewhere.")
    return dataclasses.replace(enum, description=enum.description + " Changed.", values=(*values, extra))


def _altered_group(group: ApiGroup) -> ApiGroup:
    ops = tuple(
        dataclasses.replace(
            op,
            summary=op.summary + " Changed.",
            description=op.description + " Changed.",
            parameters=tuple(dataclasses.replace(p, description=p.description + " Changed.") for p in op.parameters),
        )
        for op in group.operations
    )
    extra: list[Operation] = []
    if ops:
        extra.append(dataclasses.replace(ops[0], operation_id="zqExtraOperation", path=ops[0].path + "/zq"))
    return dataclasses.replace(group, description=group.description + " Changed.", operations=(*ops, *extra))


def _elsewhere(api: Api, subjects: frozenset[str]) -> Api:
    """``api`` with everything outside ``subjects`` changed, in prose and in structure."""
    groups, whole, _, exampled = _kept(api, subjects)
    models = {
        n: m if n in whole else _altered_optional(m) if n in exampled else _altered_model(m)
        for n, m in api.models.items()
    }
    if TYPE_NAMES not in subjects:  # which types there are is part of it
        models["ZqNewModel"] = Model("ZqNewModel", "A model added elsewhere.", ())
    enums = {n: e if n in whole | exampled else _altered_enum(e) for n, e in api.enums.items()}
    new_group = ApiGroup("zq-new-group", "A group added elsewhere.", ())
    altered = dataclasses.replace(
        api,
        groups=(*(g if g.name in groups else _altered_group(g) for g in api.groups), new_group),
        models=models,
        enums=enums,
    )
    if HEAD not in subjects:
        altered = dataclasses.replace(
            altered,
            title=api.title + " Changed",
            description=api.description + " Changed.",
            version=api.version + ".1",
            servers=(*api.servers, Server("zq", "https://zq.example.com", "Added elsewhere.")),
            client_auth=tuple(dataclasses.replace(s, description=s.description + " Changed.") for s in api.client_auth),
        )
    return altered


def _renamed(names: Any, api: Api, subjects: frozenset[str]) -> Any:
    """``names`` with every name ``subjects`` do not keep changed: a type's own names
    unless the file mentions it, its fields' and values' unless the file holds it whole."""
    groups, whole, named, exampled = _kept(api, subjects)
    named |= exampled  # an example shows a model's own names, not its fields': an enum's, all of them
    whole |= exampled & api.enums.keys()

    def changed(value: Any, own: bool) -> Any:
        updates: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            at = getattr(value, f.name)
            if own and isinstance(at, str) and at:
                updates[f.name] = at + ALTERED
            elif isinstance(at, dict):
                updates[f.name] = {k: v + ALTERED for k, v in at.items()}
        return dataclasses.replace(value, **updates)

    for name, own in list(names.types.items()):
        if name not in whole:
            names.types[name] = changed(own, own=name not in named)
    for name, own in list(names.groups.items()):
        if name not in groups:
            names.groups[name] = changed(own, own=True)
    return names


def _rendered(target_name: str, jobs: list[RenderJob]) -> dict[str, str]:
    target = get_target(target_name)
    env = make_environment(None, None, target.filters, target.globals)
    return render_all(jobs, target_name, env)


SPECS = {
    "oauth": lambda: SPEC,
    "constructs": lambda: CONSTRUCTS_SPEC,
    "paging": lambda: ROOT / "tests" / "sdk" / "paging" / "paging.yaml",
    "square": lambda: shared_path("corpus", "square", "api-2025-08-20.oas3.json"),
}
SAMPLE = {"square": 60}
"""For a big spec, every n-th file (each is planned and rendered anew)."""


@pytest.mark.parametrize("target_name", ["python", "csharp"])
@pytest.mark.parametrize("spec_key", list(SPECS))
def test_a_file_reads_nothing_outside_its_subjects(spec_key: str, target_name: str) -> None:
    api = _model(SPECS[spec_key]())
    target = get_target(target_name)
    jobs = target.plan(api, OPTIONS, target.name(api), None)
    step = SAMPLE.get(spec_key, 1)
    checked = 0
    for job in itertools.islice(jobs, 0, None, step):
        if EVERYTHING in job.subjects:
            continue  # made from everything: nothing can change outside it
        before = _rendered(target_name, [job])[job.path]
        altered = _elsewhere(api, job.subjects)
        names = _renamed(target.name(altered), api, job.subjects)
        again = [j for j in target.plan(altered, OPTIONS, names, None) if j.path == job.path]
        assert again, f"{job.path}: not planned once everything outside {sorted(job.subjects)} changed"
        after = _rendered(target_name, again)[job.path]
        assert after == before, f"{job.path} reads outside its subjects {sorted(job.subjects)}"
        checked += 1
    assert checked > (3 if step == 1 else 10)


def test_a_types_digest_follows_every_value_a_file_shows_and_not_where_the_spec_said_it() -> None:
    """A file whose subjects' digests are unchanged is kept: a type's digest must change
    with any value of it or of its fields (here: the first field's, each in turn), and
    with its names; where in the spec it was described is for warnings only."""
    api = _model(CONSTRUCTS_SPEC)
    names = get_target("python").name(api)
    model = next(m for m in api.models.values() if m.fields and m.fields[0].source is not None)
    subject = type_subject(model.name)
    before = Fingerprints(api, names, "").of(subject)

    def digest_with(field: Field, altered_names: Any = names) -> bytes:
        altered = dataclasses.replace(model, fields=(field, *model.fields[1:]))
        return Fingerprints(dataclasses.replace(api, models={**api.models, model.name: altered}), altered_names, "").of(
            subject
        )

    first = model.fields[0]
    changes: dict[str, Any] = {
        "name": first.name + ALTERED,
        "type": TypeRef(TypeKind.ANY) if first.type.kind is not TypeKind.ANY else TypeRef(TypeKind.STRING),
        "description": first.description + " Changed.",
        "default": ALTERED,
        "example": [ALTERED],
        "constraints": (*first.constraints, Constraint("maxLength", 7)),
    }
    changes |= {f.name: not getattr(first, f.name) for f in dataclasses.fields(first) if f.type == "bool"}
    assert changes.keys() == {f.name for f in dataclasses.fields(first)} - {"source"}
    for attribute, value in changes.items():
        assert digest_with(dataclasses.replace(first, **{attribute: value})) != before, attribute
    moved = dataclasses.replace(first, source=Source("other.yaml", "/elsewhere"))
    assert digest_with(moved) == before
    own = names.types[model.name]
    renamed = dataclasses.replace(names, types={**names.types, model.name: dataclasses.replace(own, module="zq")})
    assert digest_with(first, renamed) != before


@pytest.mark.parametrize("target_name", ["python", "csharp"])
def test_a_types_name_digest_follows_each_of_its_own_names_and_not_its_fields(target_name: str) -> None:
    """A file that mentions a model shows its own names (class, module, file...), not its
    fields': the digest of its name subject changes with each of the former alone, and
    not with the latter."""
    api = _model(CONSTRUCTS_SPEC)
    names = get_target(target_name).name(api)
    model = next(m for m in api.models.values() if m.fields)
    own = names.types[model.name]
    before = Fingerprints(api, names, "").of(name_subject(model.name))

    def digest_with(**changes: Any) -> bytes:
        renamed = dataclasses.replace(names, types={**names.types, model.name: dataclasses.replace(own, **changes)})
        return Fingerprints(api, renamed, "").of(name_subject(model.name))

    shown = [f.name for f in dataclasses.fields(own) if isinstance(getattr(own, f.name), str)]
    assert len(shown) >= 3
    for name in shown:
        assert digest_with(**{name: getattr(own, name) + ALTERED}) != before, name
    assert digest_with(fields={wire: attribute + ALTERED for wire, attribute in own.fields.items()}) == before


def test_a_subjects_digest_does_not_depend_on_what_was_digested_before() -> None:
    """One pickler makes every digest of a run, each from the same memo: a subject's
    digest is the same whatever subjects came before it; and a value differs from another
    in a class or an enum member alone (the memo's part) digests differently."""
    api = _model(shared_path("corpus", "square", "api-2025-08-20.oas3.json"))
    names = get_target("python").name(api)
    jobs = get_target("python").plan(api, OPTIONS, names, None)
    subjects = sorted({subject for job in jobs for subject in job.subjects})
    assert len(subjects) > 500
    forward = Fingerprints(api, names, "")
    backward = Fingerprints(api, names, "")
    assert [forward.of(s) for s in subjects] == [backward.of(s) for s in reversed(subjects)][::-1]
    digest = Fingerprints(api, names, "")._digest
    assert digest(TypeRef(TypeKind.STRING)) != digest(TypeRef(TypeKind.INTEGER))
    assert digest(TypeRef(TypeKind.STRING)) == digest(TypeRef(TypeKind.STRING))
    assert digest(Constraint("maxLength", "x")) != digest(EnumValue("maxLength", "x"))
    assert digest(Source("a", "/b")) == digest(Source("c", "/d"))


def test_the_index_of_types_follows_which_types_there_are_and_their_names_only() -> None:
    """:data:`TYPE_NAMES` (what an index of every model and enum shows) changes when a
    type comes or goes or its names change, and not when a field or a description does:
    after such an edit the index is kept."""
    api = _model(CONSTRUCTS_SPEC)
    target = get_target("python")
    names = target.name(api)
    before = Fingerprints(api, names, "").of(TYPE_NAMES)
    model = next(m for m in api.models.values() if m.fields)
    widened = dataclasses.replace(
        model,
        description=model.description + " Changed.",
        fields=(*model.fields, Field("zq_extra", TypeRef(TypeKind.STRING), False, "Added.")),
    )
    edited = dataclasses.replace(api, models={**api.models, model.name: widened})
    assert Fingerprints(edited, target.name(edited), "").of(TYPE_NAMES) == before
    fewer = dataclasses.replace(api, models={n: m for n, m in api.models.items() if n != model.name})
    assert Fingerprints(fewer, target.name(fewer), "").of(TYPE_NAMES) != before
    more = dataclasses.replace(api, models={**api.models, "ZqNewModel": Model("ZqNewModel", "New.", ())})
    assert Fingerprints(more, target.name(more), "").of(TYPE_NAMES) != before
    own = names.types[model.name]
    renamed = dataclasses.replace(names, types={**names.types, model.name: dataclasses.replace(own, class_name="Zq")})
    assert Fingerprints(api, renamed, "").of(TYPE_NAMES) != before
    index = next(job for job in target.plan(api, OPTIONS, names, None) if job.path.endswith("models/__init__.py"))
    assert TYPE_NAMES in index.subjects and EVERYTHING not in index.subjects
