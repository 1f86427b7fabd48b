"""What a long run shows while it works: each stage with counts and elapsed time.

On a terminal the stages share one line that updates in place; elsewhere (CI logs,
pipes) each stage is a plain line of its own; with ``--quiet``, nothing.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """Reports stages to ``stream``: ``load``, ``validate``, ``model``, ``render``..."""

    def __init__(self, stream: TextIO | None, live: bool = False) -> None:
        self._stream = stream
        self._live = live
        self._start = time.perf_counter()
        self._width = 0

    def stage(self, name: str, detail: str = "") -> None:
        """Say that stage ``name`` is under way (or done), with what it is working on."""
        if self._stream is None:
            return
        text = f"sdkforge: {name:<8} {detail}  [{time.perf_counter() - self._start:5.1f}s]"
        if self._live:
            self._stream.write("\r" + text.ljust(self._width))
            self._width = len(text)
        else:
            self._stream.write(text + "\n")
        self._stream.flush()

    def clear(self) -> None:
        """Blank the updating line, so that other output can follow on a clean line."""
        if self._stream is not None and self._live and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._width = 0

    def done(self, summary: str) -> None:
        """End the stages with a summary line."""
        if self._stream is None:
            return
        self.clear()
        self._stream.write(f"sdkforge: {summary} in {time.perf_counter() - self._start:.1f}s\n")
        self._stream.flush()


SILENT = Progress(None)
