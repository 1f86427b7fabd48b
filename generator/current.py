"""The start of every run: the output folder held, the cycle collector at rest, and the
run's end there when the folder holds what it would make.

A run whose inputs are those of the run that made the output folder as it is now stops
before parsing the spec (see :mod:`generator.cache.incremental`). That run needs none of
the stages: they are imported by the runs that go on (:func:`run`'s ``in_full``, the
rest of :func:`generator.pipeline.generate`), not here (70 - 90 ms of every run with
nothing to do).
"""

from __future__ import annotations

import gc
import hashlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .cache.incremental import FolderRecord, RunRecord, output_is_current, recall, remember, run_key, sources_unchanged
from .cache.store import Cache
from .output.write import MANIFEST, WriteReport, output_folder, telling_stats
from .progress import Progress
from .request import GenerateRequest, GenerateResult, run_options
from .spec.load import Read, read_spec_bytes

if TYPE_CHECKING:
    from .output.journal import FileStat

InFull = Callable[[GenerateRequest, Progress, Cache | None, list[Read | None], list[object] | None], GenerateResult]
"""The rest of a run whose output is not current: given the request, the progress, the
cache, the spec's root file as read here (in a list it takes it from: see :func:`run`)
and where to leave its objects (see :func:`leave`)."""


def run(
    request: GenerateRequest, progress: Progress, in_full: InFull, *, leave_to_exit: bool = False
) -> GenerateResult:
    """Run ``request``: its result here if the output folder is current, else ``in_full``'s.

    The run holds the output folder (see :func:`generator.output.write.output_folder`) from
    before anything reads it to the end of its write; another run on the folder waits.
    ``leave_to_exit``: see :func:`generator.pipeline.generate`.
    """
    waiting = partial(progress.stage, "wait", f"for another sdkforge run on {request.out}")
    left = _LEFT_TO_EXIT if leave_to_exit else None
    with no_collections(leave_to_exit), output_folder(request.out, read_only=request.check, on_wait=waiting):
        cache = Cache(request.cache_dir) if request.cache_dir is not None else None
        result = _current_or(request, progress, cache, in_full, left)
        if cache is not None:
            result.cache_trouble = cache.trouble()
        return result


def _current_or(
    request: GenerateRequest, progress: Progress, cache: Cache | None, in_full: InFull, left: list[object] | None
) -> GenerateResult:
    if request.templates is not None:
        from .render.user_templates import check_templates  # with the user's templates alone

        check_templates(
            request.templates, request.target
        )  # before any shortcut: a record may hold a run with this folder
    progress.stage("load", str(request.spec))
    current, read = current_output(cache, request)
    if current is not None:
        return current
    handed = [read]  # taken from the list: this frame does not keep the spec's bytes while the run goes on
    del read
    return in_full(request, progress, cache, handed, left)


@contextmanager
def no_collections(leave_to_exit: bool = False) -> Iterator[None]:
    """Python's cycle collector looks at the newest objects every so many allocations
    (700 by default; 50,000 did not make its looks cheap). A run makes millions of objects
    that live to its end, and almost no garbage in cycles: 46,000 small objects (6 MB)
    in a whole run on GitHub's spec, which makes 14,000 files. Each look was for nothing,
    and they added up to 0.7 – 0.8 s in a cold run on that spec (0.46 – 0.48 s in this
    process, 0.18 – 0.25 s in the render helper, 0.05 – 0.07 s in the validation child:
    the processes it forks start with the collector as this one has it). The collector
    rests while the run lasts, and is as it was when the run ends.

    Turned back on as it is, it would at once look at every object the run made (they
    are all "new" to it: 0.2 s on GitHub's spec, once the files are written, in a
    process that then exits). So they first join its oldest generation, in one step
    (:func:`gc.freeze`, then :func:`gc.unfreeze`): the cyclic garbage among them is
    found by the next full collection, if the process lives to make one.

    ``leave_to_exit`` (see :func:`generator.pipeline.generate`): they stay out of its reach
    (frozen), since the process ends without freeing them: its next full collection would
    walk them all (0.03 s after an edit of GitHub's spec)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            if not leave_to_exit:
                gc.unfreeze()
            gc.enable()


_LEFT_TO_EXIT: list[object] = []
"""What runs asked to leave their objects to the process's exit hold (see :func:`run`)."""


def leave(left: list[object] | None) -> None:
    """When the run is to leave its objects to the process's exit (see
    :func:`generator.pipeline.generate`), keep the caller's frame in ``left``: a frame kept
    past its function's return keeps that function's local variables, on whichever
    ``return`` it leaves by."""
    if left is not None:
        left.append(sys._getframe(1))


def current_output(cache: Cache | None, request: GenerateRequest) -> tuple[GenerateResult | None, Read | None]:
    """The result of the run that made the output folder as it is, if this run would
    make it again (see :mod:`generator.cache.incremental`); None: run in full. And the
    spec's root file as read here, if it was, for loading (one read and digest, not two:
    0.016 s for GitHub's 13 MB)."""
    if cache is None:
        return None, None
    try:
        root = request.spec.resolve()
        raw = read_spec_bytes(root)
    except (OSError, ValueError, RuntimeError):
        return None, None  # loading says what is wrong with the path
    read = (raw, hashlib.sha256(raw).hexdigest())
    key = run_key(root, read[1], run_options(request), request.templates)
    record = recall(cache, key)
    if record is None or (record.warnings and request.strict):
        return None, read
    if not sources_unchanged(record, root):
        return None, read
    fresh = stats_if_current(request.out, record)
    if fresh is None:
        return None, read
    if fresh:  # files read to be found current: not read next time
        sources = {Path(path): digest for path, digest in record.sources.items()}
        stats = record.stats | fresh
        remember(cache, key, sources, record.files, record.warnings, record.summary, stats)
    unchanged = sorted([*record.files, MANIFEST])
    return GenerateResult(record.summary, record.warnings, WriteReport(unchanged=unchanged)), None


def stats_if_current(out: Path, record: RunRecord | FolderRecord) -> dict[str, FileStat] | None:
    """Whether ``out`` holds the ``record``'s files (see :func:`output_is_current`): the
    stats of the files read to be sure, which will tell a later change (see
    :func:`generator.output.write.telling_stats`), for this run's record; None if not."""
    fresh: dict[str, FileStat] = {}
    return telling_stats(out, fresh) if output_is_current(out, record, fresh) else None
