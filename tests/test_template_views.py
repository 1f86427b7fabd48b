"""Templates receive views only: every value a template context reaches is a plain value
or a view the target built for that file, never the model (``sdkforge.ir``). So what a
file is made from is what its plan says (its views), and every decision about the spec's
meaning is made in Python, where it is typed and tested."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from project_paths import CONSTRUCTS_SPEC, SPEC, npm_spec

from sdkforge import ir
from sdkforge.pipeline import check_spec
from sdkforge.targets import TargetOptions, get_planner

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
