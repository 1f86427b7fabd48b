"""The code we write and the code we generate pass the checks we promise:
mypy --strict, black (generated) and ruff."""

from __future__ import annotations

import subprocess
import sys

import pytest
from project_paths import GOLDEN, ROOT


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


def test_the_generated_sdk_passes_mypy_strict(tmp_path):
    result = run("mypy", "--strict", "--cache-dir", str(tmp_path), "square_oauth", cwd=GOLDEN)
    assert result.returncode == 0, result.stdout


def test_the_generated_sdk_is_black_formatted():
    result = run("black", "--check", "--quiet", str(GOLDEN))
    assert result.returncode == 0, result.stderr


def test_the_generated_sdk_passes_ruff():
    result = run(
        "ruff",
        "check",
        "--isolated",
        "--select",
        "E,F,W,I,UP,B,RUF",
        "--ignore",
        "E501,RUF001,RUF002,RUF003",
        str(GOLDEN / "square_oauth"),
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
