"""Auto-pagination of the generated SDK, against a stateful local server for each paging style.

The SDK is generated from paging/paging.yaml (Square's cursor in the query and in the body,
Stripe's starting_after with has_more, GitHub's Link header, and a cursor declared with
x-pagination); each style is driven through ``Client`` and ``AsyncClient``: every item of
three pages, the caller's filters sent on every request, a server repeating its cursor
stopped with PaginationError, and an empty first page iterating nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sdk_paging_server import PagingServer

from sdkforge.cli import main

SPEC = Path(__file__).parent / "paging" / "paging.yaml"


@pytest.fixture(scope="module")
def sdk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paging_sdk")
    assert main(["generate", str(SPEC), "--out", str(out), "--package-name", "paging_demo", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def sdk(sdk_dir: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(sdk_dir))
    try:
        yield importlib.import_module("paging_demo")
    finally:
        sys.path.remove(str(sdk_dir))
        for name in [n for n in sys.modules if n == "paging_demo" or n.startswith("paging_demo.")]:
            del sys.modules[name]


@pytest.fixture
def server() -> Iterator[PagingServer]:
    with PagingServer(count=7, page_size=3) as s:
        yield s


def _query(path: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(path).query)


def _collect(sdk: ModuleType, kind: str, server: PagingServer, call: Any) -> list[Any]:
    """Every item ``call(client)`` iterates over, with a Client (sync) or an AsyncClient."""
    if kind == "sync":
        with sdk.Client(base_url=server.url) as client:
            return list(call(client))

    async def main() -> list[Any]:
        async with sdk.AsyncClient(base_url=server.url) as client:
            return [item async for item in call(client)]

    return asyncio.run(main())


KINDS = ["sync", "async"]


@pytest.mark.parametrize("kind", KINDS)
def test_query_cursor_iterates_every_item_resending_filters(sdk: ModuleType, server: PagingServer, kind: str) -> None:
    payments = _collect(sdk, kind, server, lambda c: c.payments.list_payments(location_id="L1", limit=3))
    assert [p.id for p in payments] == [f"pay-{n}" for n in range(7)]
    assert all(type(p).__name__ == "Payment" for p in payments)
    queries = [_query(r.raw_path) for r in server.requests]
    assert [q.get("cursor") for q in queries] == [None, ["CURSOR-3"], ["CURSOR-6"]]
    assert all(q["location_id"] == ["L1"] and q["limit"] == ["3"] for q in queries)


@pytest.mark.parametrize("kind", KINDS)
def test_body_cursor_iterates_every_item_resending_filters(sdk: ModuleType, server: PagingServer, kind: str) -> None:
    body = sdk.models.SearchOrdersRequest(location_ids=["L1"], limit=3)
    orders = _collect(sdk, kind, server, lambda c: c.orders.search_orders(body))
    assert [o.id for o in orders] == [f"order-{n}" for n in range(7)]
    bodies = [r.json() for r in server.requests]
    assert [b.get("cursor") for b in bodies] == [None, "CURSOR-3", "CURSOR-6"]
    assert all(b["location_ids"] == ["L1"] and b["limit"] == 3 for b in bodies)


@pytest.mark.parametrize("kind", KINDS)
def test_starting_after_with_has_more(sdk: ModuleType, server: PagingServer, kind: str) -> None:
    customers = _collect(sdk, kind, server, lambda c: c.customers.list_customers(email="a@example.com"))
    assert [c.id for c in customers] == [f"cus_{n}" for n in range(7)]
    queries = [_query(r.raw_path) for r in server.requests]
    assert [q.get("starting_after") for q in queries] == [None, ["cus_2"], ["cus_5"]]
    assert all(q["email"] == ["a@example.com"] for q in queries)


@pytest.mark.parametrize("kind", KINDS)
def test_link_header(sdk: ModuleType, server: PagingServer, kind: str) -> None:
    repos = _collect(sdk, kind, server, lambda c: c.repos.repos_list_for_org("acme", type="public", per_page=3))
    assert [r.name for r in repos] == [f"repo-{n}" for n in range(7)]
    queries = [_query(r.raw_path) for r in server.requests]
    assert [q.get("page") for q in queries] == [None, ["2"], ["3"]]
    # the Link URL leaves per_page out: the caller's value is still sent
    assert all(q["type"] == ["public"] and q["per_page"] == ["3"] for q in queries)


@pytest.mark.parametrize("kind", KINDS)
def test_declared_by_extension(sdk: ModuleType, server: PagingServer, kind: str) -> None:
    events = _collect(sdk, kind, server, lambda c: c.events.list_events(kind="sale"))
    assert events == [f"event-{n}" for n in range(7)]
    queries = [_query(r.raw_path) for r in server.requests]
    assert [q.get("page_after") for q in queries] == [None, ["CURSOR-3"], ["CURSOR-6"]]


CALLS = {
    "query cursor": lambda c: c.payments.list_payments(location_id="L1"),
    "starting_after": lambda c: c.customers.list_customers(email="a@example.com"),
    "link": lambda c: c.repos.repos_list_for_org("acme", type="public"),
    "extension": lambda c: c.events.list_events(kind="sale"),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", list(CALLS))
def test_a_repeated_cursor_stops_with_an_error(sdk: ModuleType, server: PagingServer, kind: str, style: str) -> None:
    server.repeat_cursor = True
    with pytest.raises(sdk.PaginationError, match="again"):
        _collect(sdk, kind, server, CALLS[style])
    assert len(server.requests) == 2  # the second page repeats the first's cursor: no third request


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", list(CALLS))
def test_an_empty_first_page_iterates_nothing(sdk: ModuleType, kind: str, style: str) -> None:
    with PagingServer(count=0) as server:
        assert _collect(sdk, kind, server, CALLS[style]) == []
        assert len(server.requests) == 1


def test_first_page_is_the_response_model(sdk: ModuleType, server: PagingServer) -> None:
    from paging_demo.models import ListPaymentsResponse

    with sdk.Client(base_url=server.url) as client:
        page = client.payments.list_payments(location_id="L1")
        assert isinstance(page, ListPaymentsResponse)
        assert page.cursor == "CURSOR-3"
        assert [p.id for p in page.payments] == ["pay-0", "pay-1", "pay-2"]
        assert len(server.requests) == 1  # nothing fetched before iterating
        pages = list(page.iter_pages())
        assert [p.cursor for p in pages] == ["CURSOR-3", "CURSOR-6", sdk.UNSET]
        assert all(isinstance(p, ListPaymentsResponse) for p in pages)
        assert len(list(page)) == 7  # iterating again starts again from this page


def test_async_await_gives_the_first_page(sdk: ModuleType, server: PagingServer) -> None:
    from paging_demo.models import ListPaymentsResponse

    async def main() -> None:
        async with sdk.AsyncClient(base_url=server.url) as client:
            page = await client.payments.list_payments(location_id="L1")
            assert isinstance(page, ListPaymentsResponse)
            assert page.cursor == "CURSOR-3"
            assert len(server.requests) == 1
            assert len([p async for p in page]) == 7
            pages = [p async for p in client.payments.list_payments(location_id="L1").iter_pages()]
            assert [len(p.payments) for p in pages] == [3, 3, 1]

    asyncio.run(main())


def test_a_link_to_another_server_is_not_followed(sdk: ModuleType) -> None:
    with PagingServer() as server, PagingServer() as other:
        server.link_base = other.url
        with sdk.Client(base_url=server.url) as client:
            page = client.repos.repos_list_for_org("acme", type="public")
            with pytest.raises(sdk.PaginationError, match="leaves the client's base URL"):
                list(page)
        assert other.requests == []


def test_generated_paging_code_passes_mypy_strict(sdk_dir: Path) -> None:
    user = sdk_dir / "user.py"
    user.write_text(
        "from paging_demo import AsyncClient, Client\n"
        "from paging_demo.models import ListPaymentsResponse, Payment\n\n\n"
        "def first(client: Client) -> ListPaymentsResponse:\n"
        "    page = client.payments.list_payments(location_id='L1')\n"
        "    every: list[Payment] = list(page)\n"
        "    cursor: str | None = page.cursor or None\n"
        "    return page if every and cursor else page\n\n\n"
        "async def every(client: AsyncClient) -> list[Payment]:\n"
        "    page = await client.payments.list_payments()\n"
        "    assert isinstance(page, ListPaymentsResponse)\n"
        "    return [p async for p in client.payments.list_payments()]\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "paging_demo", "user.py"],
        cwd=sdk_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _block_after(text: str, heading: str, nth: int = 0) -> str:
    """The ``nth`` Python block after ``heading`` (before the next heading)."""
    section = text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0].split("\n# ", 1)[0]
    return re.findall(r"```python\n(.*?)\n```", section, re.DOTALL)[nth]


def _run(code: str, scope: dict[str, Any]) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<doc block>", "exec"), scope)
    return out.getvalue().splitlines()


DOC_PAGES = {"payments.md": "payments", "orders.md": "orders", "customers.md": "customers", "repos.md": "repos"}


@pytest.mark.parametrize("page", sorted(DOC_PAGES))
def test_group_page_paging_block_runs(sdk: ModuleType, sdk_dir: Path, server: PagingServer, page: str) -> None:
    text = (sdk_dir / "doc" / "api" / page).read_text()
    intro = re.findall(r"```python\n(.*?)\n```", text, re.DOTALL)[0]  # the page's intro block
    with sdk.Client(base_url=server.url) as client:
        printed = _run(intro + "\n" + _block_after(text, "## Paging"), {"client": client})
    assert len(printed) == 7 and len(server.requests) == 3


@pytest.mark.parametrize("nth", [0, 1])
def test_readme_paging_blocks_run(sdk: ModuleType, sdk_dir: Path, server: PagingServer, nth: int) -> None:
    block = _block_after((sdk_dir / "README.md").read_text(), "## Paging", nth)
    # the substitution the README documents for a local test server
    printed = _run(block.replace('environment="default"', f'base_url="{server.url}"'), {"__name__": "__main__"})
    assert printed == [
        repr(p) for p in _collect(sdk, "sync", server, lambda c: c.payments.list_payments(location_id="L1"))
    ]
    assert len(server.requests) == 6  # three for the block, three for the expected items


def test_readme_has_no_paging_section_for_an_api_that_does_not_page() -> None:
    golden = Path(__file__).resolve().parents[2] / "generated" / "python"
    assert "## Paging" not in (golden / "README.md").read_text()
    assert not (golden / "square_oauth" / "_pagination.py").exists()
