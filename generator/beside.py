"""Run one piece of work on the machine's other core, and take its result later.

Validation needs only the parsed spec, and modelling does not need its verdict until
the end: the two can run side by side. :func:`beside` forks a child process that does
the work and sends back its pickled result through a pipe; the parent goes on and
calls :meth:`Pending.result` when it needs the answer.

A forked child starts with the parent's memory (shared until written), so this suits
work on a spec of modest size: see :data:`generator.pipeline.VALIDATE_BESIDE_UP_TO`.
Where there is no ``fork`` (Windows), where this process runs other threads, where
forking fails, or where the child dies without an answer, the work is done in this
process instead: the result is the same, only later.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """The result of work that may still be running in a child process."""

    def __init__(self, work: Callable[[], T], pid: int | None = None, pipe: int | None = None) -> None:
        self._work = work
        self._pid = pid
        self._pipe = pipe
        self._done = False
        self._value: T | None = None

    def result(self) -> T:
        """The work's result: the child's, once it has finished, or the work done here."""
        if not self._done:
            answered, value = self._from_child() if self._pid is not None else (False, None)
            self._value = value if answered else self._work()
            self._done = True
        return self._value  # type: ignore[return-value]

    def discard(self) -> None:
        """Say the result is not needed: a child is waited for (not left a zombie), work
        not started is not done."""
        if not self._done and self._pid is not None:
            self._from_child()
        self._done = True

    def _from_child(self) -> tuple[bool, T | None]:
        """Whether the child answered, and its answer."""
        assert self._pid is not None and self._pipe is not None
        chunks = []
        with os.fdopen(self._pipe, "rb") as pipe:
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        os.waitpid(self._pid, 0)
        self._pid = self._pipe = None
        try:
            outcome, value = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's answer, on a pipe only it writes
        except Exception:  # noqa: BLE001 - no answer (the child was killed): the work is done here
            return False, None
        return outcome == "ok", value


def done(value: T) -> Pending[T]:
    """A result already at hand."""
    pending = Pending(lambda: value)
    pending.result()
    return pending


def beside(work: Callable[[], T]) -> Pending[T]:
    """Start ``work`` in a forked child process; its result is picked up later."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        # Windows has no fork; and forking a process with threads can leave the child
        # waiting for a lock some other thread held: the work is done when asked for.
        return Pending(work)
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return Pending(work)
    if pid == 0:  # the child: work, answer, and leave without running the parent's exit handlers
        os.close(read_end)
        try:
            payload = pickle.dumps(("ok", work()))
        except BaseException:  # noqa: BLE001 - whatever went wrong, the parent does the work itself
            payload = pickle.dumps(("failed", None))
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    return Pending(work, pid, read_end)
