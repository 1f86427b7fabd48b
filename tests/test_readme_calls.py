"""The README of a Python SDK lists methods by what their views say (retried or not,
keyed by a header, paged), but reads those traits from the model and the names, without
making the view of every group: these tests hold the two to the same answers."""

from __future__ import annotations

import json
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


def _kennel(where: str) -> dict[str, object]:
    """A spec whose one union with a discriminator (``Cat | Dog`` by ``kind``) is used
    only ``where``: in a list field of a model, a request body, a response, or nowhere."""
    pet = {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "kind"},
    }
    plain = {"$ref": "#/components/schemas/Cat"}
    animal = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
    pen = {"type": "object", "properties": {"name": {"type": "string"}}}
    if where == "field":
        pen["properties"]["occupants"] = {"type": "array", "items": pet}  # type: ignore[index]
    body = pet if where == "body" else {"$ref": "#/components/schemas/Pen"}
    answer = pet if where == "response" else plain
    return {
        "openapi": "3.0.3",
        "info": {"title": "Kennel", "version": "1"},
        "servers": [{"url": "https://kennel.example.com"}],
        "components": {"schemas": {"Cat": animal, "Dog": animal, "Pen": pen}},
        "paths": {
            "/pens": {
                "post": {
                    "operationId": "CreatePen",
                    "tags": ["Pens"],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": answer}}}},
                }
            }
        },
    }


@pytest.mark.parametrize("where", ["field", "body", "response", "nowhere"])
def test_the_readme_tells_of_a_discriminated_union_wherever_it_is_used(tmp_path, where):
    spec = tmp_path / "kennel.json"
    spec.write_text(json.dumps(_kennel(where)))
    doc, _ = readme_and_views(spec)
    assert doc.discriminated_unions == (where != "nowhere")
