"""Stoplight Prism for the contract tests: installed from the npm registry, pinned, and run.

The version (and every dependency) is pinned by ``tests/sdk/prism/package-lock.json``;
``npm ci`` installs exactly that into ``tests/sdk/prism/node_modules/`` (ignored by git),
once: a stamp holding the lockfile's hash says the install is current.

``python tests/sdk/sdk_prism.py`` installs it ahead of the tests (``.ci/run`` does).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PRISM_DIR = Path(__file__).resolve().parent / "prism"
LOCKFILE = PRISM_DIR / "package-lock.json"
NODE_MODULES = PRISM_DIR / "node_modules"
STAMP = NODE_MODULES / ".sdkforge-installed-lock.sha256"
PRISM_BIN = NODE_MODULES / ".bin" / "prism"
INSTALL_TIMEOUT = 600.0
START_TIMEOUT = 60.0


class PrismUnavailable(RuntimeError):
    """Prism could not be installed or started (no node/npm, no network...)."""


def pinned_version() -> str:
    lock = json.loads(LOCKFILE.read_text())
    return str(lock["packages"]["node_modules/@stoplight/prism-cli"]["version"])


def _lock_hash() -> str:
    return hashlib.sha256(LOCKFILE.read_bytes()).hexdigest()


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    """Serialise installs: several test runs may share this checkout."""
    name = "sdkforge-prism-" + hashlib.sha256(str(PRISM_DIR).encode()).hexdigest()[:16] + ".lock"
    with open(Path(tempfile.gettempdir()) / name, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_prism() -> Path:
    """The path of the pinned ``prism`` executable, installing it with ``npm ci`` if needed."""
    if shutil.which("node") is None or (npm := shutil.which("npm")) is None:
        raise PrismUnavailable("node and npm are needed for the Prism contract tests")
    with _install_lock():
        if PRISM_BIN.exists() and STAMP.exists() and STAMP.read_text().strip() == _lock_hash():
            return PRISM_BIN
        command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        try:
            done = subprocess.run(
                command, cwd=PRISM_DIR, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise PrismUnavailable(f"`npm ci` in {PRISM_DIR} took more than {INSTALL_TIMEOUT:.0f} s") from exc
        if done.returncode != 0 or not PRISM_BIN.exists():
            raise PrismUnavailable(f"`npm ci` in {PRISM_DIR} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        STAMP.write_text(_lock_hash() + "\n")
        return PRISM_BIN


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def run_prism(spec: Path, log_path: Path) -> Iterator[str]:
    """Run ``prism mock SPEC`` with request validation errors on; yields its base URL."""
    prism = ensure_prism()
    port = free_port()
    command = [
        str(prism),
        "mock",
        str(spec),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--errors",
        "--seed",
        "sdkforge",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
                try:  # waits a little, and notices when Prism gave up
                    code = process.wait(timeout=0.2)
                except subprocess.TimeoutExpired:
                    code = None
                if code is not None or time.monotonic() > deadline:
                    why = f"exited with {code}" if code is not None else f"did not listen within {START_TIMEOUT:.0f} s"
                    raise PrismUnavailable(f"prism {why}:\n{log_path.read_text(errors='replace')[-3000:]}")
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


if __name__ == "__main__":
    try:
        path = ensure_prism()
    except PrismUnavailable as exc:
        sys.exit(f"error: {exc}")
    print(f"prism {pinned_version()}: {path}")
