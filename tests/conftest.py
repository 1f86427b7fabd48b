"""Shared fixtures: paths of the project, and running the CLI in-process."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "oauth.yaml"
GOLDEN = ROOT / "generated" / "python"
SHARED = ROOT.parent / "shared"


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


def shared_path(*parts: str) -> Path:
    """A file in ../shared; skipped with a reason when absent, except in CI where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{path} is missing, and CI must run every test")
        pytest.skip(f"{path} is not here: ../shared/ comes with the sdkforge workspace, not the repository")
    return path
