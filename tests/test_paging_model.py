"""Which operations page, and how, as the model layer reads it from real and small specs.

Square's 2025 spec (its cursor in the query of GETs and in the body of searches), a
GitHub-shaped spec (a ``Link`` header with ``page``/``per_page``), Stripe's
``starting_after`` with ``has_more``, and the ``x-pagination`` extension, which wins over
detection and whose mistakes are located errors (exit code 2).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from project_paths import npm_spec, shared_path

from sdkforge.cli import main
from sdkforge.model.build import build_api
from sdkforge.model.ir import Api, Operation, Pagination, PaginationKind
from sdkforge.spec.load import load_spec

PAGING_SPEC = Path(__file__).parent / "sdk" / "paging" / "paging.yaml"


def _operations(api: Api) -> dict[str, Operation]:
    return {op.operation_id: op for group in api.groups for op in group.operations}


def _api(tmp_path: Path, spec: dict[str, Any]) -> Api:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec))
    return build_api(load_spec(path))[0]


def test_square_2025_lists_and_searches_page_by_cursor() -> None:
    ops = _operations(build_api(load_spec(shared_path("corpus", "square", "api-2025-08-20.oas3.json")))[0])
    assert ops["ListPayments"].pagination == Pagination(
        PaginationKind.CURSOR, ("payments",), "cursor", "query", ("cursor",)
    )
    # two arrays (orders, order_entries) besides errors: the one the operation names
    assert ops["SearchOrders"].pagination == Pagination(
        PaginationKind.CURSOR, ("orders",), "cursor", "body", ("cursor",)
    )
    assert ops["ListCustomers"].pagination is not None
    assert ops["SearchCatalogObjects"].pagination is not None
    assert ops["CreatePayment"].pagination is None
    assert ops["GetPayment"].pagination is None
    assert sum(op.pagination is not None for op in ops.values()) >= 60


GITHUB_STYLE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "GitHub-style", "version": "1"},
    "paths": {
        "/orgs/{org}/repos": {
            "get": {
                "operationId": "repos/list-for-org",
                "tags": ["repos"],
                "parameters": [
                    {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"$ref": "#/components/parameters/per-page"},
                    {"$ref": "#/components/parameters/page"},
                ],
                "responses": {
                    "200": {
                        "description": "Response",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/repository"}}
                            }
                        },
                        "headers": {"Link": {"$ref": "#/components/headers/link"}},
                    }
                },
            }
        },
        "/orgs/{org}/runners": {
            "get": {
                "operationId": "actions/list-runners",
                "tags": ["actions"],
                "parameters": [
                    {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"$ref": "#/components/parameters/per-page"},
                ],
                "responses": {"200": {"$ref": "#/components/responses/runners"}},
            }
        },
        "/orgs/{org}/runners/{id}": {
            "get": {
                "operationId": "actions/get-runner",
                "tags": ["actions"],
                "parameters": [
                    {"name": "org", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "One runner (GitHub declares Link here too).",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/runner"}}},
                        "headers": {"Link": {"$ref": "#/components/headers/link"}},
                    }
                },
            }
        },
    },
    "components": {
        "parameters": {
            "per-page": {"name": "per_page", "in": "query", "schema": {"type": "integer", "default": 30}},
            "page": {"name": "page", "in": "query", "schema": {"type": "integer", "default": 1}},
        },
        "headers": {"link": {"schema": {"type": "string"}}},
        "responses": {
            "runners": {
                "description": "Response",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "total_count": {"type": "integer"},
                                "runners": {"type": "array", "items": {"$ref": "#/components/schemas/runner"}},
                            },
                        }
                    }
                },
                "headers": {"Link": {"$ref": "#/components/headers/link"}},
            }
        },
        "schemas": {
            "repository": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "runner": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "labels": {"type": "array", "items": {"type": "string"}}},
            },
        },
    },
}


def test_github_link_header_operations_page(tmp_path: Path) -> None:
    ops = _operations(_api(tmp_path, GITHUB_STYLE))
    assert ops["repos/list-for-org"].pagination == Pagination(PaginationKind.LINK, ())
    assert ops["actions/list-runners"].pagination == Pagination(PaginationKind.LINK, ("runners",))
    assert ops["actions/get-runner"].pagination is None  # a Link header, but no page parameter


@pytest.mark.slow
def test_githubs_own_spec_pages_by_link_header_where_a_page_parameter_says_so() -> None:
    ops = _operations(build_api(load_spec(npm_spec("github")))[0])
    assert ops["repos/list-for-org"].pagination == Pagination(PaginationKind.LINK, ())  # an array of repos
    assert ops["issues/list-for-repo"].pagination == Pagination(PaginationKind.LINK, ())
    runners = ops["actions/list-self-hosted-runners-for-org"].pagination
    assert runners == Pagination(PaginationKind.LINK, ("runners",))  # wrapped: {"total_count": ..., "runners": [...]}
    assert ops["actions/get-hosted-runner-for-org"].pagination is None  # a Link header, one runner
    assert ops["repos/get"].pagination is None
    assert sum(1 for op in ops.values() if op.pagination is not None) > 150


def test_stripe_starting_after_with_has_more() -> None:
    ops = _operations(build_api(load_spec(PAGING_SPEC))[0])
    assert ops["ListCustomers"].pagination == Pagination(
        PaginationKind.LAST_ITEM, ("data",), "starting_after", "query", ("id",), ("has_more",)
    )


def test_the_extension_wins_over_detection(tmp_path: Path) -> None:
    spec = yaml.safe_load(PAGING_SPEC.read_text())
    ops = _operations(build_api(load_spec(PAGING_SPEC))[0])
    assert ops["ListEvents"].pagination == Pagination(
        PaginationKind.CURSOR, ("entries",), "page_after", "query", ("meta", "next")
    )
    changed = copy.deepcopy(spec)
    changed["paths"]["/v2/payments"]["get"]["x-pagination"] = False
    changed["paths"]["/v1/customers"]["get"]["x-fern-pagination"] = {
        "cursor": "$request.starting_after",
        "next_cursor": "$response.data[-1].id",
        "has_more": "$response.has_more",
        "results": "$response.data",
    }
    ops = _operations(_api(tmp_path, changed))
    assert ops["ListPayments"].pagination is None
    assert ops["ListCustomers"].pagination == Pagination(
        PaginationKind.LAST_ITEM, ("data",), "starting_after", "query", ("id",), ("has_more",)
    )


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ("yes", "x-pagination must be an object"),
        ({"cursor": "$request.nope", "next_cursor": "$response.cursor", "results": "$response.payments"}, "'nope'"),
        ({"cursor": "$request.cursor", "next_cursor": "$response.cursor", "results": "$response.cursor"}, "array"),
        ({"cursor": "$request.cursor", "next_cursor": "cursor", "results": "$response.payments"}, "next_cursor"),
        ({"results": "$response.payments"}, "must name the request's cursor, or say type: link"),
    ],
)
def test_a_wrong_extension_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], declared: Any, message: str
) -> None:
    spec = yaml.safe_load(PAGING_SPEC.read_text())
    spec["paths"]["/v2/payments"]["get"]["x-pagination"] = declared
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    assert main(["generate", str(path), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "spec.yaml:" in err and "/paths/~1v2~1payments/get/x-pagination" in err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_page_classes_never_take_a_model_name(tmp_path: Path) -> None:
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Clash", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "ListThings",
                    "tags": ["Things"],
                    "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "A page.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Listing"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Listing": {
                    "type": "object",
                    "properties": {
                        "cursor": {"type": "string"},
                        "things": {"type": "array", "items": {"$ref": "#/components/schemas/ListThingsPage"}},
                    },
                },
                "ListThingsPage": {"type": "object", "properties": {"id": {"type": "string"}}},
            }
        },
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "out"
    assert main(["generate", str(path), "--out", str(out), "--package-name", "clash", "-q"]) == 0
    module = (out / "clash" / "api" / "things.py").read_text()
    assert "class ListThingsPage1(Listing, SyncPage[ListThingsPage]):" in module
    assert "class AsyncListThingsPage1(Listing, AsyncPage[ListThingsPage]):" in module


def test_page_classes_of_two_methods_never_share_a_name(tmp_path: Path) -> None:
    listed = {
        "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}}],
        "responses": {
            "200": {
                "description": "A page.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Listing"}}},
            }
        },
    }
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Twins", "version": "1"},
        "paths": {
            # list's asyncio page class and async_list's blocking one would both be AsyncListPage
            "/a": {"get": {"operationId": "List", "tags": ["Items"], **listed}},
            "/b": {"get": {"operationId": "AsyncList", "tags": ["Items"], **listed}},
        },
        "components": {
            "schemas": {
                "Listing": {
                    "type": "object",
                    "properties": {
                        "cursor": {"type": "string"},
                        "items": {"type": "array", "items": {"type": "string"}},
                    },
                }
            }
        },
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec))
    out = tmp_path / "out"
    assert main(["generate", str(path), "--out", str(out), "--package-name", "twins", "-q"]) == 0
    module = (out / "twins" / "api" / "items.py").read_text()
    classes = [line.split("(")[0] for line in module.splitlines() if line.startswith("class ") and "Page" in line]
    assert len(classes) == len(set(classes)) == 4, classes  # two methods, a blocking and an asyncio page class each


def test_offset_paging_is_said_and_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = yaml.safe_load(PAGING_SPEC.read_text())
    spec["paths"]["/v2/payments"]["get"]["x-fern-pagination"] = {
        "offset": "$request.limit",
        "results": "$response.payments",
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    assert main(["generate", str(path), "--out", str(tmp_path / "out"), "--package-name", "paging_demo"]) == 0
    err = capsys.readouterr().err
    assert "warning: x-fern-pagination: offset paging is not generated yet" in err
    assert "/paths/~1v2~1payments/get/x-fern-pagination" in err
    assert "-> ListPaymentsResponse:" in (tmp_path / "out" / "paging_demo" / "api" / "payments.py").read_text()
