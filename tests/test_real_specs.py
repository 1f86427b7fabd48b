"""Square's published specs (../shared/corpus/square) generate SDKs that import and type-check.

These are smoke tests on real input: both files are imperfect (dangling $refs,
duplicate operationIds across groups, unknown keys), and must still generate, with
warnings, a package whose every module imports and that passes ``mypy --strict``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from project_paths import npm_spec, shared_path

from sdkforge.model.naming import pascal

CORPUS = {
    "swagger2": ("api-2022-05-12.swagger2.json", 36, 223),
    "oas3": ("api-2025-08-20.oas3.json", 42, 316),
}


@pytest.fixture(scope="module", params=sorted(CORPUS))
def square_sdk(request, tmp_path_factory):
    file, groups, operations = CORPUS[request.param]
    spec = shared_path("corpus", "square", file)
    out = tmp_path_factory.mktemp(request.param)
    result = subprocess.run(
        [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--package-name", "square"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return spec, out, groups, operations, result.stderr


def _component_schemas(spec: Path) -> dict[str, dict]:
    data = json.loads(spec.read_text())
    return data.get("definitions") or data["components"]["schemas"]


def test_every_group_and_operation_is_generated(square_sdk):
    spec, out, groups, operations, stderr = square_sdk
    assert f"{groups} groups, {operations} operations" in stderr
    data = json.loads(spec.read_text())
    tags = {op["tags"][0] for item in data["paths"].values() for op in item.values() if isinstance(op, dict)}
    assert len(tags) == groups
    api_modules = [p for p in (out / "square" / "api").glob("*.py") if p.name != "__init__.py"]
    assert len(api_modules) == groups
    # each group: its class, its asyncio class and their two with_raw_response classes (minus
    # the four __init__s); a paged method of an asyncio class is a plain def returning an
    # (awaitable) AsyncPager
    pagers = sum(p.read_text().count(") -> AsyncPager[") for p in api_modules)
    blocking = sum(p.read_text().count("\n    def ") for p in api_modules) - groups * 4 - pagers
    asyncio = sum(p.read_text().count("\n    async def ") for p in api_modules) + pagers
    assert blocking == asyncio == 2 * operations


def test_every_object_and_enum_schema_becomes_a_class(square_sdk):
    spec, out, *_ = square_sdk
    sys.path.insert(0, str(out))
    try:
        models = importlib.import_module("square.models")
        expected = [
            name for name, schema in _component_schemas(spec).items() if schema.get("enum") or schema.get("properties")
        ]
        missing = [name for name in expected if not hasattr(models, pascal(name))]
        assert not missing
        for module in pkgutil.iter_modules(models.__path__):
            importlib.import_module(f"square.models.{module.name}")
        client = importlib.import_module("square").Client()
        for name in dir(client):
            if not name.startswith("_"):
                getattr(client, name)  # every API group imports
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "square" or m.startswith("square.")]:
            del sys.modules[name]


def test_secrets_are_hidden_by_name_where_the_spec_does_not_mark_them(square_sdk):
    spec, out, *_ = square_sdk
    schema = _component_schemas(spec)["ObtainTokenResponse"]["properties"]["access_token"]
    assert "x-sensitive" not in schema and schema.get("format") != "password"  # only its name says so
    sys.path.insert(0, str(out))
    try:
        models = importlib.import_module("square.models")
        token = models.ObtainTokenResponse.from_dict(
            {"access_token": "EAAA-REAL-SECRET", "refresh_token": "EQAA-REAL-SECRET", "token_type": "bearer"}
        )
        assert "REAL-SECRET" not in repr(token) and "REAL-SECRET" not in str(token)
        assert "access_token='***'" in repr(token) and "token_type='bearer'" in repr(token)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "square" or m.startswith("square.")]:
            del sys.modules[name]


def test_the_package_passes_mypy_strict(square_sdk, tmp_path):
    _, out, *_ = square_sdk
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), "square"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_package_is_black_formatted(square_sdk):
    _, out, *_ = square_sdk
    result = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--diff", "--quiet", "square"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_imperfections_are_reported_as_located_warnings(square_sdk):
    _, _, _, _, stderr = square_sdk
    warnings = [line for line in stderr.splitlines() if ": warning: " in line]
    assert warnings, "both corpus files have known imperfections"
    for line in warnings:
        assert line.startswith("api-20"), line  # the spec's file name first
        assert " (at /" in line, line  # and a JSON pointer


def test_docs_have_a_page_per_group_model_and_enum_and_every_link_resolves(square_sdk):
    _, out, groups, _, stderr = square_sdk
    sys.path.insert(0, str(Path(__file__).parent / "docs"))
    try:
        mdscan = importlib.import_module("mdscan")
    finally:
        sys.path.pop(0)
    summary = stderr.strip().splitlines()[-1]
    models, enums = (int(summary.split(f" {kind},")[0].rsplit(" ", 1)[-1]) for kind in ("models", "enums"))
    assert len(list((out / "doc" / "api").glob("*.md"))) == groups
    assert len(list((out / "doc" / "models").glob("*.md"))) == models + enums
    pages = [out / "README.md", *sorted((out / "doc").rglob("*.md"))]
    problems = mdscan.broken_links(out, pages)
    assert not problems, "\n".join(problems[:20])


def test_the_version_header_keyed_creates_and_the_token_endpoint(square_sdk):
    """Square's 2025 spec declares ``Square-Version`` twice (Fern's global header and the
    oauth2 scheme's additional header): the client sends it once, set by ``version``; the
    2022 spec declares none. In both, creates carry ``idempotency_key`` and are retried,
    and ObtainToken backs the token manager."""
    spec, out, *_ = square_sdk
    sys.path.insert(0, str(out))
    try:
        square = importlib.import_module("square")
        if "2025" in spec.name:
            assert square.Client()._http.settings.global_headers == {"Square-Version": "2025-08-20"}
            assert square.Client(version="2024-01-18")._http.settings.global_headers == {"Square-Version": "2024-01-18"}
            assert square.Client(version=None)._http.settings.global_headers == {}
        else:
            assert square.Client()._http.settings.global_headers == {}
        payments = importlib.import_module("square.api.payments")
        models = importlib.import_module("square.models")
        money = {"amount": 100, "currency": "USD"}  # required in 2022
        body = models.CreatePaymentRequest.from_dict({"source_id": "S", "idempotency_key": "K", "amount_money": money})
        request = payments._create_payment_request(body)
        assert (request.retry_safe, request.idempotency_field) == (True, "idempotency_key")
        assert importlib.import_module("square._auth").TOKEN_URL == "https://connect.squareup.com/oauth2/token"
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "square" or m.startswith("square.")]:
            del sys.modules[name]


@pytest.mark.slow
def test_githubs_sdk_passes_mypy_strict(tmp_path):
    """GitHub's spec, the biggest the suite generates a Python SDK from: every runtime
    feature its spec calls for (Link-header paging, raw responses, retries...) type-checks
    as generated."""
    out = tmp_path / "github"
    spec = npm_spec("github")
    command = [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--package-name", "github"]
    result = subprocess.run([*command, "--no-cache", "-q"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "github" / "_pagination.py").is_file(), "GitHub's Link-header paging is generated"
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), "github"],
        capture_output=True,
        text=True,
        cwd=out,
    )
    assert checked.returncode == 0, checked.stdout[-5000:]
