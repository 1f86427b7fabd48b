"""Run one piece of work on the machine's other core, and take its result later.

Validation needs only the parsed spec, and modelling does not need its verdict until
the end: the two can run side by side; so can the rendering of two halves of an SDK's
files. :func:`beside` forks a child process that does the work and streams back its
pickled result through a pipe; the parent goes on and calls :meth:`Pending.result`
when it needs the answer.

A forked child starts with the parent's memory, shared until either writes to it. The
child moves every object it inherits out of reach of its cycle collector
(:func:`gc.freeze`): a collection would otherwise write to each of them and so copy
every page of the parent's memory. Python's reference counts still copy the pages of
the objects the child reads.

A child never outlives this process: on Linux the kernel kills it when its parent dies
(``prctl(PR_SET_PDEATHSIG, SIGKILL)``); elsewhere a thread of the child's checks every
half second that its parent is still the one that forked it. A child left to itself
after the run was killed would go on using a core for nothing (for minutes, on a spec
that is slow to validate).

Where there is no ``fork`` (Windows), where this process runs other threads, where
forking fails, or where the child dies without an answer, the work is done in this
process instead: the result is the same, only later.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """The result of work that may still be running in a child process."""

    def __init__(self, work: Callable[[], T], pid: int | None = None, pipe: int | None = None) -> None:
        self._work = work
        self._pid = pid
        self._pipe = pipe
        self._done = False
        self._value: T | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id while it has not been waited for; None without a child."""
        return self._pid

    def result(self) -> T:
        """The work's result: the child's, once it has finished, or the work done here."""
        if not self._done:
            answered, value = self._from_child() if self._pid is not None else (False, None)
            self._value = value if answered else self._work()
            self._done = True
            del self._work  # and with it whatever the work held
        return self._value  # type: ignore[return-value]

    def running(self) -> bool:
        """Whether a child is still at the work (it has neither answered nor ended)."""
        if self._done or self._pid is None or self._pipe is None:
            return False
        readable, _, _ = select.select([self._pipe], [], [], 0)
        return not readable

    def discard(self) -> None:
        """Say the result is not needed: a child is waited for (not left a zombie), work
        not started is not done."""
        if not self._done:
            if self._pid is not None:
                self._from_child()
            self._done = True
            del self._work

    def cancel(self) -> None:
        """Stop the child if it is still at the work, and wait for it: its result is not
        needed (this process failed)."""
        if not self._done and self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self.discard()

    def _from_child(self) -> tuple[bool, T | None]:
        """Whether the child answered, and its answer. Interrupted (Ctrl-C) while reading
        it, this can be called again to wait for the child: the pipe is closed then."""
        assert self._pid is not None
        outcome, value = "failed", None
        if self._pipe is not None:
            fd, self._pipe = self._pipe, None
            with os.fdopen(fd, "rb") as pipe:
                try:  # read as it comes: no copy of the whole answer is held besides the objects
                    outcome, value = pickle.load(pipe)  # noqa: S301 - our own child's answer, on a pipe only it writes
                except Exception:  # noqa: BLE001 - no answer (the child was killed): the work is done here
                    outcome, value = "failed", None
        with contextlib.suppress(ChildProcessError):  # reaped already, by a handler of the caller's
            os.waitpid(self._pid, 0)
        self._pid = None
        return outcome == "ok", value


def done(value: T) -> Pending[T]:
    """A result already at hand."""
    pending = Pending(lambda: value)
    pending.result()
    return pending


def beside(work: Callable[[], T], redo: Callable[[], T] | None = None) -> Pending[T]:
    """Start ``work`` in a forked child process; its result is picked up later.

    ``redo`` is what this process does instead if the child gives no answer (``work``
    itself by default). Giving one lets this process let go of what ``work`` holds: the
    parsed spec, say, which ``redo`` can parse again.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        # Windows has no fork; and forking a process with threads can leave the child
        # waiting for a lock some other thread held: the work is done when asked for.
        return Pending(work)
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return Pending(work)
    if pid == 0:  # the child: work, answer, and leave without running the parent's exit handlers
        _die_with(parent)
        os.close(read_end)
        gc.freeze()
        _answer(work, write_end)
    os.close(write_end)
    return Pending(redo or work, pid, read_end)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_EVERY = 0.5  # seconds between a child's checks of its parent, where the kernel does not kill it


def _die_with(parent: int) -> None:
    """Make this (forked) process end when ``parent``, the process that forked it, ends."""
    if sys.platform.startswith("linux") and _kill_me_when_parent_dies():
        if os.getppid() != parent:  # it died before the request was made: nobody to answer
            os._exit(0)
        return
    threading.Thread(target=_watch, args=(parent,), name="sdkforge-parent-watch", daemon=True).start()


def _kill_me_when_parent_dies() -> bool:
    """Ask Linux to send this process SIGKILL when its parent dies; whether it agreed."""
    import ctypes  # here: only a forked child needs it, and every run imports this module

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return False
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return bool(prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)


def _watch(parent: int) -> NoReturn:  # pragma: no cover - where prctl is not there (not Linux)
    """Watch the parent (in a thread of the child's): once it has died, and the child has
    been handed to another process, end the child."""
    while os.getppid() == parent:
        time.sleep(_WATCH_EVERY)
    os._exit(1)


def _answer(work: Callable[[], T], write_end: int) -> NoReturn:
    """The child's part: do the work, write its pickled result, exit."""
    try:
        with os.fdopen(write_end, "wb") as pipe:
            try:
                value = work()
            except BaseException:  # noqa: BLE001 - whatever went wrong, the parent does the work itself
                pickle.dump(("failed", None), pipe)
            else:  # written as it is pickled: a big result is never held whole in memory
                pickle.dump(("ok", value), pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)
