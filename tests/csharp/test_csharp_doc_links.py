"""Every relative link and anchor of the C# SDK's docs resolves (README, group pages,
model and enum pages): the golden tree's, and the Square 2025 spec's, whose pages link
models to models, enums and error models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import mdscan
import pytest
from project_paths import GOLDEN_CSHARP, shared_path


def pages(root: Path) -> list[Path]:
    return sorted([root / "README.md", *(root / "doc").rglob("*.md")])


def test_every_link_of_the_golden_docs_resolves():
    found = pages(GOLDEN_CSHARP)
    links = {d for page in found for _, _, d in mdscan.read(page).links()}
    assert {"#renew-token", "../models/obtain-token-request.md", "../../README.md#client-set-up"} <= links
    assert "doc/models/error.md" in links  # the README's error model
    problems = mdscan.broken_links(GOLDEN_CSHARP, found)
    assert not problems, "broken links:\n" + "\n".join(problems)


@pytest.mark.slow
def test_every_link_of_a_real_specs_docs_resolves(tmp_path: Path):
    spec = shared_path("corpus", "square", "api-2025-08-20.oas3.json")
    out = tmp_path / "sdk"
    command = [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--target", "csharp", "-q"]
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0
    problems = mdscan.broken_links(out, pages(out))
    assert not problems, "broken links:\n" + "\n".join(problems[:30])
