"""Templates receive views only: every value a template context reaches is a plain value
or a view the target built for that file, never the model (``sdkforge.model.ir``). So what a
file is made from is what its plan says (its views), and every decision about the spec's
meaning is made in Python, where it is typed and tested."""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import inspect
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from project_paths import CONSTRUCTS_SPEC, ROOT, SPEC, npm_spec

from sdkforge.cache.prose import (
    API_SUBJECT,
    enum_subject,
    fields_subject,
    group_subject,
    model_subject,
    operation_subject,
    owner_map,
    values_subject,
)
from sdkforge.model import ir
from sdkforge.model.subjects import Users
from sdkforge.pipeline import check_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_planner

IR_CLASSES = tuple(c for _, c in inspect.getmembers(ir, inspect.isclass) if c.__module__ == ir.__name__)
PLAIN = (str, int, float, bool, type(None))


def model_values(value: Any, at: str, seen: set[int]) -> Iterator[str]:
    """Where, below ``value`` (reached at ``at``), a value of the model is, or a value that
    is neither plain, nor a container, nor a view (a dataclass)."""
    if isinstance(value, PLAIN):
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, IR_CLASSES):
        yield f"{at}: {type(value).__name__} of the model"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from model_values(key, f"{at} key", seen)
            yield from model_values(item, f"{at}[{key!r}]", seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from model_values(getattr(value, field.name), f"{at}.{field.name}", seen)
    elif isinstance(value, list | tuple | set | frozenset) or type(value).__name__ == "LazyViews":
        for i, item in enumerate(value):
            yield from model_values(item, f"{at}[{i}]", seen)
    else:
        yield f"{at}: {type(value).__name__}, not a view"


def problems(spec: Path, target: str) -> list[str]:
    api, _ = check_spec(spec)
    found: list[str] = []
    for job in get_planner(target)(api, TargetOptions()):
        seen: set[int] = set()
        found += [f"{job.path} ({job.template}) {where}" for where in model_values(job.context, "context", seen)]
    return found


@pytest.mark.parametrize("target", ["python", "csharp"])
@pytest.mark.parametrize("spec", [SPEC, CONSTRUCTS_SPEC], ids=["oauth", "constructs"])
def test_template_contexts_hold_views_only(spec, target):
    assert problems(spec, target) == []


@pytest.mark.parametrize("target", ["python", "csharp"])
def test_template_contexts_of_a_real_spec_hold_views_only(target):
    assert problems(npm_spec("github"), target)[:20] == []


def test_the_walk_finds_the_model_wherever_it_is():
    """The check itself: a model object inside a view, a list or a dict is found."""

    @dataclasses.dataclass(frozen=True)
    class View:
        items: tuple[Any, ...]

    server = ir.Server("prod", "https://example.com", "")
    context = {"ok": View(("a", 1)), "bad": [View(({"x": server},))], "fn": len}
    assert list(model_values(context, "context", set())) == [
        "context['bad'][0].items[0]['x']: Server of the model",
        "context['fn']: builtin_function_or_method, not a view",
    ]


# ---- subjects: a file whose views hold some prose is made from a part of the model it changes ----


class Marks:
    """Unique words standing for each prose text of a model, each knowing its subject."""

    def __init__(self) -> None:
        self.subjects: list[str] = []

    def __call__(self, subject: str) -> str:
        self.subjects.append(subject)
        return f"zqp{len(self.subjects) - 1}qz"

    def found(self, text: str) -> set[str]:
        return {self.subjects[int(n)] for n in re.findall(r"zqp(\d+)qz", text)}


def marked(api: ir.Api) -> tuple[ir.Api, Marks]:
    """``api`` with each of its prose texts (those :mod:`sdkforge.cache.prose` fingerprints)
    replaced by a mark of its subject."""
    mark = Marks()
    replace = dataclasses.replace

    def operation(group: ir.ApiGroup, op: ir.Operation) -> ir.Operation:
        subject = operation_subject(group, op)
        return replace(
            op,
            summary=mark(subject),
            description=mark(subject),
            parameters=tuple(replace(p, description=mark(subject)) for p in op.parameters),
            body=replace(op.body, description=mark(subject)) if op.body is not None else None,
            responses=tuple(replace(r, description=mark(subject)) for r in op.responses),
        )

    groups = tuple(
        replace(g, description=mark(group_subject(g)), operations=tuple(operation(g, op) for op in g.operations))
        for g in api.groups
    )
    models = {
        name: replace(
            m,
            description=mark(model_subject(name)),
            fields=tuple(replace(f, description=mark(fields_subject(name))) for f in m.fields),
        )
        for name, m in api.models.items()
    }
    enums = {
        name: replace(
            e,
            description=mark(enum_subject(name)),
            values=tuple(replace(v, description=mark(values_subject(name))) for v in e.values),
        )
        for name, e in api.enums.items()
    }
    return replace(
        api,
        description=mark(API_SUBJECT),
        servers=tuple(replace(s, description=mark(API_SUBJECT)) for s in api.servers),
        client_auth=tuple(replace(a, description=mark(API_SUBJECT)) for a in api.client_auth),
        groups=groups,
        models=models,
        enums=enums,
    ), mark


def texts(value: Any, seen: set[int]) -> Iterator[str]:
    """Every string below ``value`` (a context of views)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, PLAIN) or id(value) in seen:
        return
    else:
        seen.add(id(value))
        if isinstance(value, Mapping):
            for key, item in value.items():
                yield from texts(key, seen)
                yield from texts(item, seen)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                yield from texts(getattr(value, field.name), seen)
        else:
            for item in value:
                yield from texts(item, seen)


def undeclared(spec: Path, target: str) -> list[str]:
    api, _ = check_spec(spec)
    api, marks = marked(api)
    found: list[str] = []
    users, held_by = Users(api), owner_map(api)
    changes = functools.cache(lambda subject: users.affected({held_by[subject]}))
    for job in get_planner(target)(api, TargetOptions(package_name="sdk")):
        shown = set().union(*(marks.found(text) for text in texts(job.context, set())))
        # the file is made from a part of the model whose digest that prose changes
        found += [f"{job.path} shows the prose of {s}" for s in sorted(shown) if job.subjects.isdisjoint(changes(s))]
    return found


@pytest.mark.parametrize("target", ["python", "csharp"])
@pytest.mark.parametrize("spec", [SPEC, CONSTRUCTS_SPEC], ids=["oauth", "constructs"])
def test_the_views_of_a_file_hold_the_prose_of_its_declared_subjects_only(spec, target):
    assert undeclared(spec, target) == []


@pytest.mark.parametrize("target", ["python", "csharp"])
def test_the_views_of_a_real_specs_files_hold_the_prose_of_their_declared_subjects_only(target):
    assert undeclared(npm_spec("github"), target)[:20] == []


# ---- README's "Your own templates" names what each context holds -------------------


def readme_contexts() -> tuple[dict[str, set[str]], list[tuple[str, set[str]]]]:
    """From README's table: the plain values of each target, and (template pattern,
    views) per row."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    plain_text = re.search(r"template has the plain values \(Python: (.*?); C#: (.*?)\)", text, re.S)
    assert plain_text is not None
    targets = ("python", "csharp")
    plain = {t: set(re.findall(r"`(\w+)`", names)) for t, names in zip(targets, plain_text.groups(), strict=True)}
    table = text[text.index("| Template | Views |") :].split("\n\n")[0].splitlines()[2:]
    rows = []
    for row in table:
        templates, views = row.strip("|").split("|")
        names = set(re.findall(r"`(\w+)`", views))
        rows += [(pattern, names) for pattern in re.findall(r"`([^`]+)`", templates)]
    return plain, rows


@pytest.mark.parametrize("target", ["python", "csharp"])
@pytest.mark.parametrize("spec", [SPEC, CONSTRUCTS_SPEC], ids=["oauth", "constructs"])
def test_readme_names_what_each_template_receives(spec, target):
    """A user's template sees the context of the one it replaces: README tells it."""
    plain, rows = readme_contexts()
    api, _ = check_spec(spec)
    for job in get_planner(target)(api, TargetOptions()):
        if job.text is not None:  # a runtime file, copied: no template a user could replace, no context
            assert job.context == {}, job.path
            continue
        name = f"{target}/{job.template}"
        views = next((names for pattern, names in rows if fnmatch.fnmatchcase(name, pattern)), set())
        assert set(job.context) == plain[target] | views, name
