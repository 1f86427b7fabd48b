"""The code we write and the code we generate pass the checks we promise:
mypy --strict, black (generated) and ruff."""

from __future__ import annotations

import subprocess
import sys

import pytest
from project_paths import GOLDEN, GOLDEN_CONSTRUCTS, ROOT

GOLDEN_PACKAGES = [GOLDEN / "square_oauth", GOLDEN_CONSTRUCTS / "shop"]
"""Both committed Python SDKs: the OAuth one, and the constructs one (unions, forms,
binary, several groups whose tags are not in alphabetical order)."""


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("package", GOLDEN_PACKAGES, ids=lambda p: p.name)
def test_the_generated_sdk_passes_mypy_strict(tmp_path, package):
    result = run("mypy", "--strict", "--cache-dir", str(tmp_path), package.name, cwd=package.parent)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("package", GOLDEN_PACKAGES, ids=lambda p: p.name)
def test_the_generated_sdk_is_black_formatted(package):
    result = run("black", "--check", "--quiet", str(package.parent))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("package", GOLDEN_PACKAGES, ids=lambda p: p.name)
def test_the_generated_sdk_passes_ruff(package):
    result = run(
        "ruff",
        "check",
        "--isolated",
        "--select",
        "E,F,W,I,UP,B,RUF",
        "--ignore",
        "E501,RUF001,RUF002,RUF003",
        str(package),
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("tool", ["mypy", "ruff-check", "ruff-format"])
def test_the_generator_passes_its_checks(tool, tmp_path):
    commands = {
        "mypy": ("mypy", "--cache-dir", str(tmp_path), "generator"),  # strict, from pyproject.toml
        "ruff-check": ("ruff", "check", "generator", "tests", "bench"),
        "ruff-format": ("ruff", "format", "--check", "generator", "tests", "bench"),
    }
    result = run(*commands[tool])
    assert result.returncode == 0, result.stdout + result.stderr
