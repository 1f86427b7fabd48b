"""Real specs generate C# SDKs that mcs compiles without a warning: Square's two published
files (../shared/corpus/square), GitHub's and Stripe's (the bench's pinned npm packages,
bench/.work/npm: see bench/corpus.py). Slow: about 90 s in all on two cores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from csharp_tools import compile_cs, sources_of
from project_paths import NPM_SPECS, npm_spec, shared_path

SQUARE_SPECS = {"square2022": "api-2022-05-12.swagger2.json", "square2025": "api-2025-08-20.oas3.json"}


@pytest.mark.slow
@pytest.mark.parametrize("key", [*SQUARE_SPECS, *NPM_SPECS])
def test_a_real_spec_gives_a_csharp_sdk_that_compiles(key: str, tmp_path: Path):
    spec = shared_path("corpus", "square", SQUARE_SPECS[key]) if key in SQUARE_SPECS else npm_spec(key)
    out = tmp_path / "sdk"
    command = [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--target", "csharp"]
    result = subprocess.run([*command, "--package-name", "Api", "--no-cache"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    stems = {p.stem for p in (out / "Api" / "Apis").glob("*.cs")}
    groups = len({s for s in stems if "I" + s in stems})
    assert f" {groups} groups, " in result.stderr  # every group became an interface (and a class)
    compile_cs(sources_of(out), tmp_path / "Api.dll")
