"""How long a run takes to start rendering: everything before it runs in the main process,
one stage after the other (loading, the folder's record, modelling, naming, planning).

    XDG_CACHE_HOME=$(mktemp -d) python bench/render_start.py generate SPEC --out DIR --package-name x

Runs ``sdkforge`` with these arguments and, when rendering starts, prints the wall
seconds since this script started and the main process's CPU seconds so far (its
imports included; not its children's), then stops the run: nothing is rendered or
written. For an edit, run it after a full run into the same folder and cache. To compare
two commits, run it alternately with each one's code, in fresh folders and caches.
"""

from __future__ import annotations

import os
import sys
import time

STARTED = time.perf_counter()

import sdkforge.pipeline as pipeline  # noqa: E402 - after the clock starts: the imports are part of the run
from sdkforge.cli import main  # noqa: E402


def _stop(*_: object, **__: object) -> None:
    wall, cpu = time.perf_counter() - STARTED, time.process_time()
    sys.stderr.write(f"render starts at {wall:.3f} s wall, {cpu:.3f} s CPU (main process)\n")
    sys.stderr.flush()
    os._exit(0)  # the children die with this process (see sdkforge.parallel.beside)


if __name__ == "__main__":
    pipeline._render = _stop  # type: ignore[assignment]
    sys.exit(main(sys.argv[1:]))
