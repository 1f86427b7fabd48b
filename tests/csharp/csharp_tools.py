"""Compiling and running C# in the tests: Mono's ``mcs`` and ``mono``.

Only the base class library is referenced: ``-noconfig`` drops mcs's default references,
so the SDK compiles against mscorlib, System, System.Core and System.Net.Http alone, as
its README promises. Without Mono the tests skip, except in CI (``CI=true``), where
``.ci/run`` installs it and every test must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

BCL = ("System.dll", "System.Core.dll", "System.Net.Http.dll")


def tool(name: str) -> str:
    """The path of ``mcs`` or ``mono``; a skip (a failure in CI) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            raise AssertionError(f"{name} is missing, and CI must run every test (.ci/run installs Mono)")
        pytest.skip(f"{name} is not installed (Debian: mono-mcs, mono-runtime, libmono-system-net-http4.0-cil)")
    return path


def compile_cs(
    sources: list[Path], out: Path, library: bool = True, references: tuple[Path, ...] = (), warn_as_error: bool = True
) -> str:
    """Compile ``sources`` into ``out`` with mcs against the BCL (and ``references``);
    returns mcs's output (its warnings). A compile error fails the test with mcs's messages.
    A library's XML documentation is written too, so a doc comment that is not
    well-formed XML (an unescaped ``<`` or ``&`` from a spec) or a public member without
    one is a warning, an error with ``warn_as_error``."""
    command = [
        tool("mcs"),
        "-noconfig",
        "-nologo",
        f"-target:{'library' if library else 'exe'}",
        f"-out:{out}",
        *([f"-doc:{out.with_suffix('.xml')}"] if library else []),
        *(f"-r:{name}" for name in BCL),
        *(f"-r:{path}" for path in references),
        *(["-warnaserror"] if warn_as_error else []),
        *map(str, sources),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mcs failed:\n{result.stdout}{result.stderr}"
    return result.stdout + result.stderr


def sources_of(folder: Path) -> list[Path]:
    """Every .cs file below ``folder``, in a fixed order."""
    return sorted(folder.rglob("*.cs"))


def run_exe(exe: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a compiled program with mono, its assemblies beside it."""
    return subprocess.run(
        [tool("mono"), str(exe), *args], capture_output=True, text=True, timeout=timeout, cwd=exe.parent
    )
