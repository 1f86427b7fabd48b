"""Render an SDK's files on both cores of the machine.

Rendering and formatting a big SDK is most of a run, and each file is made on its own.
:func:`render_on_both_cores` lets this process and a forked helper (see
:mod:`generator.parallel.beside`) take the files in small batches from one queue: a pipe
holding each batch's number, from which a read takes exactly one. So each process does
as much as it has time for, whenever it starts, and the two end together. Each formats
each batch it rendered, so that formatting is shared out by the queue too, and does with
it whatever else ``finish`` does (stage the files for the write, say); the helper sends
back what ``finish`` gave (the files, or only their hashes once they are staged).

The helper starts when ``wait_for`` (work already running in another child, such as
validation) has finished: two processes at a time use the two cores, and a third would
only add its memory. The batches that process took before then are simply its own.

With no helper (no ``fork``, other threads running, a child that dies), this process
takes every batch, or renders the helper's afterwards: the files are the same. Bad
input the helper meets (a :class:`~generator.errors.UsageError`, such as a user's
template that fails) comes back as it is and is raised here.

Work that needs the model but not the files (the record of the SDK's surface, the file
keys, keeping the model for the next run) can be handed over as :class:`SideWork`: the helper does it
before it takes its first batch, while this process renders.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from ..errors import UsageError
from ..render.job import RenderJob
from .beside import Pending, beside

FROM = 200
"""From this many files on, a helper takes a share. Below it, forking and sending the
files back would cost more than the helper saves."""

BATCHES = 2048
"""At most this many batches (of at least :data:`BATCH` files): their numbers, four bytes
each, must fit into a pipe's buffer at once (16 KB at the least on the systems we know)."""

BATCH = 8
"""Files a batch holds at the least: small enough that the two processes end close
together, big enough that taking a batch costs nothing next to rendering it."""

_NUMBER = struct.Struct("<I")

Files = dict[str, str]
_Answer = tuple[tuple[Any] | None, Files | UsageError]
"""The helper's: the result of its side work (None: none done), and its files or the bad input it met."""
T = TypeVar("T")
U = TypeVar("U")


class SideWork(Generic[T]):
    """Work for the helper to do before it renders; if there is no helper (or it gave no
    answer), for this process, when its result is asked for. Its result crosses back
    from the helper pickled."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._done: tuple[T] | None = None

    def result(self) -> T:
        """The work's result, doing it here if the helper did not."""
        if self._done is None:
            self._done = (self._work(),)
        return self._done[0]


def both(first: SideWork[T] | None, second: SideWork[U]) -> SideWork[tuple[T | None, U]]:
    """Two pieces of side work as one: the first may be None (nothing to do)."""
    return SideWork(lambda: (first.result() if first is not None else None, second.result()))


def render_on_both_cores(
    jobs: list[RenderJob],
    render: Callable[[list[RenderJob]], Files],
    finish: Callable[[Files], Files],
    wait_for: Pending[Any] | None = None,
    side: SideWork[Any] | None = None,
) -> Files:
    """``finish(render(jobs))``, split between this process and a helper. ``jobs`` is
    emptied: from :data:`FROM` files on, each job is let go of once rendered (the values
    a big plan's files are made from take as much memory as the files). ``finish`` is
    called on each batch by the process that rendered it, and gives a value for each of
    the batch's paths (their texts, or whatever stands for them): those come back in the
    jobs' order. ``side``: work for the helper, before its first batch."""
    order = [job.path for job in jobs]
    seen: set[str] = set()
    for path in order:  # batches are rendered apart: one could not see the other's file
        if path in seen:
            raise RuntimeError(f"two output files for one path: {path!r}")
        seen.add(path)
    if len(jobs) < FROM:
        few = list(jobs)
        jobs.clear()
        return finish(render(few))
    size = max(BATCH, -(-len(jobs) // BATCHES))
    todo: list[RenderJob | None] = list(jobs)
    jobs.clear()
    queue = _Queue(range(0, len(todo), size))

    def take_batches(after_each: Callable[[], None] = lambda: None) -> Files:
        rendered: Files = {}
        for start in queue:
            batch = todo[start : start + size]
            todo[start : start + size] = [None] * len(batch)
            # Each batch is formatted as it is rendered: the files that need black come
            # together in the plan's order (a big API's groups), so formatting them all
            # at the end left one process at it alone (for seconds, on Microsoft Graph's
            # spec) while the other had nothing left to take.
            rendered.update(finish(render([job for job in batch if job is not None])))
            after_each()
        return rendered

    helper: list[Pending[_Answer]] = []

    def helper_work() -> _Answer:
        side_done = (side.result(),) if side is not None else None
        try:
            return side_done, take_batches()
        except UsageError as exc:  # bad input (a user's template that fails): sent back to be said as it is
            return side_done, exc

    def helper_rest() -> _Answer:  # the helper gave no answer: its batches are still in ``todo`` here
        return None, finish(render([job for job in todo if job is not None]))  # and its side work is not done

    def start_helper() -> None:
        if not helper and (wait_for is None or not wait_for.running()):
            helper.append(beside(helper_work, helper_rest))

    try:
        files = take_batches(start_helper)
    except BaseException:
        for other in helper:
            other.cancel()
        raise
    finally:
        queue.close()
    for other in helper:
        try:
            side_done, theirs = other.result()
        except BaseException:  # Ctrl-C while waiting: the helper is stopped before this process goes on
            other.cancel()
            raise
        if isinstance(theirs, UsageError):
            raise theirs
        files.update(theirs)
        if side is not None and side_done is not None:
            side._done = side_done
    return {path: files[path] for path in order}


class _Queue:
    """Numbers in a pipe, each read by exactly one of the processes sharing it."""

    def __init__(self, numbers: range) -> None:
        self._read, write = os.pipe()
        try:
            data = b"".join(_NUMBER.pack(n) for n in numbers)
            while data:
                data = data[os.write(write, data) :]
        finally:
            os.close(write)  # once the numbers are all taken, a read finds the end

    def __iter__(self) -> Iterator[int]:
        while self._read >= 0 and (data := os.read(self._read, _NUMBER.size)):
            yield _NUMBER.unpack(data)[0]

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
