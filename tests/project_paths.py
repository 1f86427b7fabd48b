"""Where things are, for every test: the project, its spec and golden tree, ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "oauth.yaml"
GOLDEN = ROOT / "generated" / "python"
GOLDEN_CSHARP = ROOT / "generated" / "csharp"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file in ../shared; skipped with a reason when absent, except in CI where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{path} is missing, and CI must run every test")
        pytest.skip(f"{path} is not here: ../shared/ comes with the sdkforge workspace, not the repository")
    return path
