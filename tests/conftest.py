"""Shared fixtures: paths of the project, and running the CLI in-process."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from project_paths import GOLDEN, ROOT, SHARED, SPEC, shared_path  # noqa: F401 - re-exported for fixtures

from sdkforge.cli import main


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``sdkforge ARGS`` in this process; returns exit code, stdout and stderr."""

    def run(*args: str | os.PathLike[str]) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs in tests (and the subprocesses they start) cache in a folder of their own,
    never in the user's ~/.cache/sdkforge."""
    os.environ["SDKFORGE_CACHE_DIR"] = str(tmp_path_factory.mktemp("sdkforge-cache"))
