"""Fixtures of the generated-SDK tests: the SDK on sys.path, and real servers on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SDK_ROOT = Path(__file__).resolve().parents[2] / "generated" / "python"
if str(SDK_ROOT) not in sys.path:
    sys.path.insert(0, str(SDK_ROOT))

from sdk_helpers import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI  # noqa: E402
from sdk_servers import OAuthServer, ScriptedServer, TestClock  # noqa: E402


@pytest.fixture
def clock() -> TestClock:
    return TestClock()


@pytest.fixture
def oauth_server(clock: TestClock) -> Iterator[OAuthServer]:
    """The stateful OAuth server, with one application registered (CLIENT_ID / CLIENT_SECRET)."""
    with OAuthServer(clock) as server:
        server.register_application(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)
        yield server


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    """A server that answers with the replies the test scripts, recording each request."""
    with ScriptedServer() as server:
        yield server
