"""A stateful local server paging the way real APIs do, for the paging spec (paging/paging.yaml).

It holds a list of records per collection and serves them ``page_size`` at a time:

- ``GET /v2/payments``: Square's cursor in the query, the next one in the body's ``cursor``;
- ``POST /v2/orders/search``: Square's cursor in the JSON body;
- ``GET /v1/customers``: Stripe's ``starting_after`` (the last id) while ``has_more``;
- ``GET /orgs/{org}/repos``: GitHub's ``page`` with the next URL in a ``Link`` header;
- ``GET /v1/events``: a cursor at ``meta.next`` (the spec declares it with x-pagination).

Every request must carry the filter the test set (``required_filter``): a page asked
without it is answered 400, so a client that drops the caller's arguments fails.
``repeat_cursor`` makes the server send the same next cursor on every page, as a
broken server would; ``link_base`` points its Link headers at another server.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from sdk_servers import RecordedRequest, _BaseServer, _Handler


class PagingServer(_BaseServer):
    def __init__(self, count: int = 7, page_size: int = 3) -> None:
        super().__init__()
        self.count = count
        self.page_size = page_size
        self.repeat_cursor = False
        self.link_base: str | None = None  # where the Link header's URLs point; None: here

    def _respond(self, handler: _Handler, request: RecordedRequest) -> None:
        parts = urlsplit(request.raw_path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        body = request.json() if request.body else {}
        status, data, headers = self._page(request.method, parts.path, query, body)
        handler.send(status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers})

    def _slice(self, start: int) -> tuple[list[int], int | None]:
        """The record numbers of the page starting at ``start``, and the next page's start."""
        end = min(start + self.page_size, self.count)
        return list(range(start, end)), (end if end < self.count else None)

    def _cursor(self, start: int | None) -> str | None:
        if start is None:
            return None
        return "CURSOR-SAME" if self.repeat_cursor else f"CURSOR-{start}"

    @staticmethod
    def _start(cursor: str | None) -> int:
        if not cursor:
            return 0
        return 3 if cursor == "CURSOR-SAME" else int(cursor.removeprefix("CURSOR-"))

    def _page(
        self, method: str, path: str, query: dict[str, str], body: dict[str, Any]
    ) -> tuple[int, Any, dict[str, str]]:
        if method == "GET" and path == "/v2/payments":
            if query.get("location_id") != "L1":
                return 400, {"errors": [{"code": "MISSING_FILTER"}]}, {}
            numbers, following = self._slice(self._start(query.get("cursor")))
            data: dict[str, Any] = {"payments": [{"id": f"pay-{n}", "amount": 100 + n} for n in numbers]}
            if (cursor := self._cursor(following)) is not None:
                data["cursor"] = cursor
            return 200, data, {}
        if method == "POST" and path == "/v2/orders/search":
            if body.get("location_ids") != ["L1"]:
                return 400, {"errors": [{"code": "MISSING_FILTER"}]}, {}
            numbers, following = self._slice(self._start(body.get("cursor")))
            data = {"orders": [{"id": f"order-{n}"} for n in numbers]}
            if (cursor := self._cursor(following)) is not None:
                data["cursor"] = cursor
            return 200, data, {}
        if method == "GET" and path == "/v1/customers":
            if query.get("email") != "a@example.com":
                return 400, {"error": {"message": "missing filter"}}, {}
            after = query.get("starting_after")
            start = 0 if after is None else int(after.removeprefix("cus_")) + 1
            if self.repeat_cursor and after is not None:
                start = 0  # a broken server: the same first page again
            numbers, following = self._slice(start)
            customers = [{"id": f"cus_{n}", "email": "a@example.com"} for n in numbers]
            return 200, {"object": "list", "data": customers, "has_more": following is not None}, {}
        if method == "GET" and path == "/orgs/acme/repos":
            if query.get("type") != "public":
                return 400, {"message": "missing filter"}, {}
            page = int(query.get("page", "1"))
            numbers, following = self._slice((page - 1) * self.page_size)
            headers = {}
            if following is not None:
                next_page = 2 if self.repeat_cursor else page + 1
                base = self.link_base or self.url
                link = f"{base}{path}?{urlencode({'type': 'public', 'page': next_page})}"
                headers["Link"] = f'<{link}>; rel="next", <{self.url}{path}?page=1>; rel="first"'
            return 200, [{"id": n, "name": f"repo-{n}"} for n in numbers], headers
        if method == "GET" and path == "/v1/events":
            if query.get("kind") != "sale":
                return 400, {"message": "missing filter"}, {}
            numbers, following = self._slice(self._start(query.get("page_after")))
            cursor = self._cursor(following)
            return 200, {"entries": [f"event-{n}" for n in numbers], "meta": {"next": cursor}}, {}
        return 404, {"message": f"no route {method} {path}"}, {}
