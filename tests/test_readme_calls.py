"""The README of a Python SDK lists methods by what their views say (retried or not,
keyed by a header, paged), but reads those traits from the model and the names, without
making the view of every group: these tests hold the two to the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_paths import CONSTRUCTS_SPEC, SPEC, npm_spec

from sdkforge.pipeline import check_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.python.naming import name_api
from sdkforge.targets.python.plan import group_view, plan


def readme_and_views(spec: Path) -> tuple[object, list[tuple[str, object]]]:
    """The README's view of ``spec``'s SDK, and each method of each group's view, as
    ``group.method`` with the method's view."""
    api, _ = check_spec(spec)
    names = name_api(api)
    readme = next(job for job in plan(api, TargetOptions(), names) if job.path == "README.md")
    groups = [group_view(g, names, api) for g in api.groups]
    return readme.context["readme"], [(f"{g.attribute}.{m.name}", m) for g in groups for m in g.methods]


@pytest.mark.parametrize("spec", [SPEC, CONSTRUCTS_SPEC, "square", "github"])
def test_the_readme_lists_the_methods_their_views_describe(spec):
    doc, methods = readme_and_views(npm_spec(spec) if isinstance(spec, str) else spec)
    retried = [call for call, m in methods if m.idempotent or m.retry_safe]
    assert doc.not_retried == tuple(call for call, m in methods if not m.idempotent and not m.retry_safe)
    assert doc.none_retried == (bool(methods) and not retried)
    assert doc.retried_writes == tuple(call for call, m in methods if m.retry_safe)
    assert doc.keyed_by_header == tuple(call for call, m in methods if m.retry_safe and m.idempotency_header)
    assert doc.paged == tuple(call for call, m in methods if m.page is not None)
    if isinstance(spec, str):  # the real specs have each kind: not every answer is empty
        assert doc.paged and doc.not_retried and retried
