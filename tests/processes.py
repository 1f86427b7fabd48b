"""The processes and threads of a test's process, for tests of work done in forked children."""

from __future__ import annotations

import threading
import time
from pathlib import Path


def children_of(pid: int) -> set[int]:
    """The processes (not zombies) whose parent is ``pid``, from /proc (Linux)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended meanwhile
            state, parent_id = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent_id) == pid and state != "Z":
                found.add(int(entry.name))
    return found


def no_other_thread(wait: float = 30) -> None:
    """Wait for the threads earlier tests left running (a local server shutting down, say):
    sdkforge forks no child beside a thread, and does the work in this process instead.
    Fails, naming them, if some are still running after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while threading.active_count() > 1 and time.monotonic() < deadline:
        for thread in threading.enumerate():
            if thread is not threading.current_thread():
                thread.join(0.1)
    others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    assert not others, f"threads left running by earlier tests: {others}"
