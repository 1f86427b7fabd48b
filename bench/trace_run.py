"""Where one run's time goes: sdkforge's command with a line on stderr for each call of
the pipeline's stages, in whichever process makes it.

    python bench/trace_run.py generate SPEC --out DIR --package-name x 2>&1 | grep TRACE | sort -k4 -n

Each line gives the process, the function, when the call started and ended (seconds since
this script started: Python's start is not counted, about 0.02 s here), its CPU seconds
and the page faults the process took meanwhile (a page first touched, or first written
after a fork while a forked child still shares it: the kernel's part of the CPU); the
END line, the main process's user and system CPU and its faults in all. Runs in the side
processes (validation, the surface record, keeping the model) are traced too: they are
forked from this one. Between two traced calls of the main process lies what is not
traced (the keys of the files, say, between ``target.plan`` and ``_render``). The target
traced is the one ``--target`` names (Python's without it). Run it with the interpreter
of the sdkforge to measure, after ``python -m compileall -q generator`` if bytecode is
not written.
"""

from __future__ import annotations

import functools
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

START = time.perf_counter()

import sdkforge.cache.carried as carried  # noqa: E402 - after START: importing is part of a run
import sdkforge.current as current  # noqa: E402
import sdkforge.pipeline as pipeline  # noqa: E402
from sdkforge.cli import main  # noqa: E402
from sdkforge.targets.registry import get_target  # noqa: E402

CURRENT_STAGES = ("current_output", "output_is_current")
"""A run's start, to the end of one whose output is current (generator.current)."""
STAGES = (
    "recall_folder",
    "_carried_edit",
    "read_spec",
    "_FolderRun",
    "_build_chosen",
    "build_recorded",
    "_keys",
    "_validate",
    "_render",
    "write_files",
    "remember",
    "_regeneration",
)
TARGET_STAGES = ("name", "plan", "surface")
CACHE_STAGES = ("recall_built", "carry")
"""Keeping the model for the next run, and taking it back (generator.cache.carried)."""


def _faults() -> int:
    """The page faults this process has taken so far (minor ones: a page first touched,
    or first written after a fork)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def traced(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, writing a TRACE line for each call."""

    @functools.wraps(function)
    def tracing(*args: Any, **kwargs: Any) -> Any:
        started, cpu, faults = time.perf_counter(), time.process_time(), _faults()
        try:
            return function(*args, **kwargs)
        finally:
            took = time.process_time() - cpu
            line = f"TRACE {os.getpid():>7} {name:<24} {started - START:6.3f} -> {time.perf_counter() - START:6.3f}"
            sys.stderr.write(f"{line}  cpu {took:6.3f}  faults {_faults() - faults:>6}\n")

    return tracing


def main_traced(argv: list[str]) -> int:
    for name in CURRENT_STAGES:
        setattr(current, name, traced(name, getattr(current, name)))
    for name in STAGES:
        setattr(pipeline, name, traced(name, getattr(pipeline, name)))
    for name in CACHE_STAGES:  # imported where they are called: the module's own is replaced
        setattr(carried, name, traced(name, getattr(carried, name)))
    named = argv[argv.index("--target") + 1] if "--target" in argv[:-1] else "python"
    target = get_target(named)  # the registry's own object: the pipeline asks for it by name
    for name in TARGET_STAGES:
        object.__setattr__(target, name, traced(f"target.{name}", getattr(target, name)))
    try:
        return main(argv, exiting=True)
    finally:
        used = resource.getrusage(resource.RUSAGE_SELF)
        line = f"TRACE {os.getpid():>7} {'END':<24} {time.perf_counter() - START:6.3f}"
        sys.stderr.write(f"{line}  user {used.ru_utime:.3f}  sys {used.ru_stime:.3f}  faults {_faults()}\n")


if __name__ == "__main__":
    sys.exit(main_traced(sys.argv[1:]))
