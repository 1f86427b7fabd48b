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
from typing import Any, BinaryIO, Generic, NoReturn, TypeVar, cast

T = TypeVar("T")
U = TypeVar("U")


class Pending(Generic[T]):
    """The result of work that may still be running in a child process: the ``index``-th
    of the answers ``child`` writes, one after the other, on its pipe."""

    def __init__(self, work: Callable[[], T], child: _Child | None = None, index: int = 0) -> None:
        self._work = work
        self._child = child
        self._index = index
        self._done = False
        self._value: T | None = None

    @property
    def pid(self) -> int | None:
        """The child's process id while it has not been waited for; None without a child."""
        return self._child.pid if self._child is not None else None

    def result(self) -> T:
        """The work's result: the child's, once it has finished, or the work done here."""
        if not self._done:
            answered, value = self._child.answer(self._index) if self._child is not None else (False, None)
            self._value = value if answered else self._work()
            self._done = True
            del self._work  # and with it whatever the work held
        return self._value  # type: ignore[return-value]

    def running(self) -> bool:
        """Whether a child is still at the work (it has neither answered nor ended)."""
        return not self._done and self._child is not None and self._child.running(self._index)

    def discard(self) -> None:
        """Say the result is not needed: a child is waited for (not left a zombie), work
        not started is not done."""
        if not self._done:
            if self._child is not None:
                self._child.answer(self._index)
            self._done = True
            del self._work

    def cancel(self) -> None:
        """Stop the child if it is still at the work, and wait for it: its result is not
        needed (this process failed). Work it was to do after this is then done here."""
        if not self._done and self._child is not None:
            self._child.kill()
        self.discard()


class _Child:
    """A forked child that writes ``count`` answers on ``pipe``, one after the other."""

    def __init__(self, pid: int, pipe: int, count: int) -> None:
        self.pid: int | None = pid
        self._pipe: BinaryIO | None = os.fdopen(pipe, "rb")
        self._answers: list[tuple[bool, Any]] = []
        self._count = count

    def running(self, index: int) -> bool:
        """Whether the ``index``-th answer is yet to come (or, after the first, to be read)."""
        if index < len(self._answers) or self._pipe is None:
            return False
        return index > len(self._answers) or not select.select([self._pipe], [], [], 0)[0]

    def answer(self, index: int) -> tuple[bool, Any]:
        """Whether the child gave its ``index``-th answer, and the answer, read (with those
        before it) as it comes: no copy of the whole answer is held besides the objects.
        The child is waited for once all are read. Interrupted (Ctrl-C) while reading, this
        can be called again to wait for the child: the pipe is closed then, and answers not
        read are failures (the work is done here)."""
        while len(self._answers) <= index:
            outcome, value = "failed", None
            if self._pipe is not None:
                try:
                    outcome, value = pickle.load(self._pipe)  # noqa: S301 - our own child's answer, on a pipe only it writes
                except BaseException as failure:  # no answer (the child was killed), or Ctrl-C
                    self._pipe.close()
                    self._pipe = None
                    if not isinstance(failure, Exception):
                        raise
            self._answers.append((outcome == "ok", value))
        found, self._answers[index] = self._answers[index], (False, None)  # held by the caller alone
        if len(self._answers) >= self._count or self._pipe is None:
            if self._pipe is not None:
                self._pipe.close()
                self._pipe = None
            if self.pid is not None:
                with contextlib.suppress(ChildProcessError):  # reaped already, by a handler of the caller's
                    os.waitpid(self.pid, 0)
                self.pid = None
        return found

    def kill(self) -> None:
        """Stop the child, if it has not been waited for."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def done(value: T) -> Pending[T]:
    """A result already at hand."""
    pending = Pending(lambda: value)
    pending.result()
    return pending


def beside(work: Callable[[], T], redo: Callable[[], T] | None = None, *, background: bool = False) -> Pending[T]:
    """Start ``work`` in a forked child process; its result is picked up later.

    ``redo`` is what this process does instead if the child gives no answer (``work``
    itself by default). Giving one lets this process let go of what ``work`` holds: the
    parsed spec, say, which ``redo`` can parse again.

    ``background``: work whose result only the run's end waits for (what is kept for the
    next run). Its child runs at a lower priority (:data:`BACKGROUND_NICENESS`): where
    more processes want the two cores than there are, this process and the children it
    waits for sooner take them, and the background child takes what they leave.
    """
    child = _fork([work], background)
    return Pending(redo or work, child)


def beside_pair(work: Callable[[], tuple[T, U]], redo: Callable[[], tuple[T, U]]) -> tuple[Pending[T], Pending[U]]:
    """:func:`beside` for work whose result is a pair, picked up as two results: each is
    there when the pair is (one answer, so the child ends when the pair is made, and
    :meth:`Pending.running` says so as soon as it starts writing it). The first is the one
    to wait for, discard or cancel; the second is only taken, after the first."""
    return parts(beside(work, redo))


def parts(whole: Pending[tuple[T, U]]) -> tuple[Pending[T], Pending[U]]:
    """The two items of the pair ``whole`` will be, as two results (see :func:`beside_pair`)."""
    return _Part(whole, 0), _Part(whole, 1)


class _Part(Pending[T]):
    """One item of the pair ``whole`` will be (see :func:`beside_pair`)."""

    def __init__(self, whole: Pending[tuple[Any, Any]], index: int) -> None:
        self._whole = whole
        self._item = index

    @property
    def pid(self) -> int | None:
        return self._whole.pid

    def result(self) -> T:
        whole = self._whole.result()
        return cast(T, whole[self._item] if whole is not None else None)  # None: the pair was discarded

    def running(self) -> bool:
        return self._whole.running()

    def discard(self) -> None:
        self._whole.discard()

    def cancel(self) -> None:
        self._whole.cancel()


def beside_then(
    first: Callable[[], T], then: Callable[[], U], redo: Callable[[], U] | None = None
) -> tuple[Pending[T], Pending[U]]:
    """Start ``first``, and ``then`` after it, in one forked child: the first's result can
    be picked up as soon as it is made, while the child goes on with the other. ``redo``:
    what this process does instead of ``then`` if the child gives no answer to it (see
    :func:`beside`)."""
    child = _fork([first, then])
    return Pending(first, child, 0), Pending(redo or then, child, 1)


BACKGROUND_NICENESS = 10
"""How much lower a background child's priority is (see :func:`beside`): Linux then
gives it about a tenth of a core that another process wants too."""


def _fork(works: list[Callable[[], Any]], background: bool = False) -> _Child | None:
    """A child forked to do ``works``, one after the other; None where there is none."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        # Windows has no fork; and forking a process with threads can leave the child
        # waiting for a lock some other thread held: the work is done when asked for.
        return None
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: work, answer, and leave without running the parent's exit handlers
        _die_with(parent)
        if background and hasattr(os, "nice"):
            with contextlib.suppress(OSError):
                os.nice(BACKGROUND_NICENESS)
        os.close(read_end)
        gc.freeze()
        _answer(works, write_end)
    os.close(write_end)
    return _Child(pid, read_end, len(works))


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


def _answer(works: list[Callable[[], Any]], write_end: int) -> NoReturn:
    """The child's part: do each piece of work, write its pickled result, exit. An answer
    but the last is written by a thread of the child's while it goes on with the next
    piece: a pipe holds 64 KB, and the parent may read it only later (a child that dies
    before then takes it along: the parent does that work too)."""
    try:
        with os.fdopen(write_end, "wb") as pipe:
            sending: threading.Thread | None = None
            for work in works[:-1]:
                data = pickle.dumps(_outcome(work), protocol=pickle.HIGHEST_PROTOCOL)
                if sending is not None:
                    sending.join()
                sending = threading.Thread(target=_send, args=(pipe, data), daemon=True)
                sending.start()
            last = _outcome(works[-1])
            if sending is not None:
                sending.join()
            # Written as it is pickled: a big result (a helper's rendered files) is never held whole in memory.
            pickle.dump(last, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        os._exit(0)


def _outcome(work: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", work()
    except BaseException:  # noqa: BLE001 - whatever went wrong, the parent does the work itself
        return "failed", None


def _send(pipe: BinaryIO, data: bytes) -> None:
    pipe.write(data)
    pipe.flush()
