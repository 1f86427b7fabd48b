"""Errors of the generated SDK by status, against a real local server: one ApiError
subclass per common status, the request id, and every exception pickling and copying."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import httpx
import pytest
import square_oauth
from sdk_helpers import CLIENT_ID, CLIENT_SECRET, KINDS, Call, run_scenario
from sdk_servers import Reply, ScriptedServer
from square_oauth import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SdkError,
    UnprocessableEntityError,
)
from square_oauth.models import ErrorCategory, ErrorCode, ObtainTokenRequest

STATUS_CLASSES: list[tuple[int, type[ApiError]]] = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (599, InternalServerError),
]


def square_error(category: str, code: str, detail: str) -> dict[str, Any]:
    """An error body as Square sends it."""
    return {"errors": [{"category": category, "code": code, "detail": detail}]}


def obtain_body() -> ObtainTokenRequest:
    return ObtainTokenRequest.builder(CLIENT_ID, CLIENT_SECRET, "authorization_code").code("sq0cgp-CODE-x").build()


async def failing_call(client: Any, call: Call) -> ApiError:
    with pytest.raises(ApiError) as caught:
        await call(client.o_auth.obtain_token, obtain_body())
    return caught.value


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("status", "error_class"), STATUS_CLASSES)
def test_each_status_raises_its_class(
    kind: str, status: int, error_class: type[ApiError], scripted: ScriptedServer
) -> None:
    body = square_error("INVALID_REQUEST_ERROR", "NOT_FOUND", f"status {status} detail")
    scripted.script(Reply(status, body, {"Square-Request-Id": f"req-{status}"}))
    error = run_scenario(kind, failing_call, base_url=scripted.url, max_retries=0)
    assert type(error) is error_class
    assert isinstance(error, ApiError) and isinstance(error, SdkError)  # `except ApiError` still catches it
    assert error.status_code == status
    assert error.request_id == f"req-{status}"
    assert error.body == body and f"status {status} detail" in error.raw_body
    assert [(e.category, e.code, e.detail) for e in error.errors] == [
        (ErrorCategory.INVALID_REQUEST_ERROR, ErrorCode.NOT_FOUND, f"status {status} detail")
    ]
    assert f"status {status} detail" in str(error)
    assert error.headers["square-request-id"] == f"req-{status}"


@pytest.mark.parametrize("status", [402, 405, 410, 418, 451])
def test_a_status_without_a_class_is_a_plain_api_error(status: int, scripted: ScriptedServer) -> None:
    scripted.script(Reply(status, square_error("INVALID_REQUEST_ERROR", "BAD_REQUEST", "no")))
    error = run_scenario("sync", failing_call, base_url=scripted.url, max_retries=0)
    assert type(error) is ApiError and error.status_code == status and error.request_id is None


def test_a_2xx_body_of_the_wrong_shape_is_a_plain_api_error(scripted: ScriptedServer) -> None:
    scripted.script(Reply(200, "not json", {"X-Request-Id": "req-bad-body"}))
    error = run_scenario("sync", failing_call, base_url=scripted.url, max_retries=0)
    assert type(error) is ApiError and error.status_code == 200
    assert error.request_id == "req-bad-body" and "not valid JSON" in str(error)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Request-Id": "a", "Square-Request-Id": "b"}, "a"),
        ({"Request-Id": "req_stripe"}, "req_stripe"),
        ({"Square-Request-Id": "sq"}, "sq"),
        ({"x-amzn-request-id": "amz"}, "amz"),
        ({"X-Other": "nothing"}, None),
    ],
)
def test_the_request_id_comes_from_the_documented_headers(
    headers: dict[str, str], expected: str | None, scripted: ScriptedServer
) -> None:
    scripted.script(Reply(404, square_error("INVALID_REQUEST_ERROR", "NOT_FOUND", "gone"), headers))
    error = run_scenario("sync", failing_call, base_url=scripted.url)
    assert error.request_id == expected
    assert repr(error).startswith(f"NotFoundError(status_code=404, request_id={expected!r}")


def roundtrips(error: BaseException) -> list[BaseException]:
    return [pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)]


def test_every_error_class_pickles_and_copies(scripted: ScriptedServer) -> None:
    for status, error_class in [*STATUS_CLASSES, (418, ApiError)]:
        body = square_error("RATE_LIMIT_ERROR", "RATE_LIMITED", f"detail {status}")
        scripted.script(Reply(status, body, {"X-Request-Id": f"rid-{status}"}))
        error = run_scenario("sync", failing_call, base_url=scripted.url, max_retries=0)
        assert type(error) is error_class
        for copied in roundtrips(error):
            assert type(copied) is error_class and copied is not error
            assert isinstance(copied, ApiError)
            assert (str(copied), repr(copied), copied.args) == (str(error), repr(error), error.args)
            assert copied.status_code == status and copied.request_id == f"rid-{status}"
            assert copied.errors == error.errors and copied.errors[0].detail == f"detail {status}"
            assert (copied.body, copied.raw_body) == (error.body, error.raw_body)
            assert isinstance(copied.headers, httpx.Headers) and copied.headers == error.headers


def test_the_errors_without_a_response_pickle_and_copy(scripted: ScriptedServer) -> None:
    with square_oauth.Client(base_url=scripted.url, timeout=0.2, max_retries=0) as client:
        scripted.script(Reply(200, {}, delay=2))
        with pytest.raises(ApiTimeoutError) as timed_out:
            client.o_auth.obtain_token(obtain_body())
    for error in [timed_out.value, ApiConnectionError("refused"), SdkError("base")]:
        for copied in roundtrips(error):
            assert type(copied) is type(error) and str(copied) == str(error) and repr(copied) == repr(error)


def test_the_status_classes_are_exported_from_the_top_level() -> None:
    for _, error_class in STATUS_CLASSES:
        assert getattr(square_oauth, error_class.__name__) is error_class
        assert error_class.__name__ in square_oauth.__all__
        assert issubclass(error_class, ApiError)
