"""The installed version of a distribution (black, jinja2...), a part of cache keys.

``importlib.metadata`` answers that, but importing it takes 10 to 20 ms (``email``,
``csv`` and ``zipfile`` come with it), and every run asks, a no-op run included. A
distribution installed from a wheel has its version in the name of its ``.dist-info``
folder (``black-26.10.1.dist-info``), which a listing of each folder of ``sys.path``
finds, in the order ``importlib.metadata`` looks there. Only where there is no such
folder (an egg, say) is ``importlib.metadata`` asked. Both change when another version
is installed, which is all a cache key needs.
"""

from __future__ import annotations

import functools
import os
import re
import sys


def _normalized(name: str) -> str:
    """A distribution's name as its folder spells it (PEP 503, with ``_`` for ``-``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.cache
def installed_version(name: str) -> str:
    """The version of the distribution ``name`` that imports find first."""
    wanted = _normalized(name)
    for entry in sys.path:
        found = _in_folder(entry or ".", wanted)
        if found is not None:
            kind, version = found
            if kind == "dist-info" and version:
                return version
            break  # an egg's (or a nameless) folder: importlib.metadata reads its files
    from importlib import metadata

    return metadata.version(name)


def _in_folder(folder: str, wanted: str) -> tuple[str, str] | None:
    """The kind (``dist-info`` or ``egg-info``) and the version in the name of the first
    folder of metadata of ``wanted`` in ``folder``; None when there is none."""
    try:
        children = os.listdir(folder)
    except OSError:  # not a folder (a zip file, say) or gone
        return None
    for child in children:
        stem, _, kind = child.rpartition(".")
        if kind in ("dist-info", "egg-info"):
            distribution, _, version = stem.partition("-")
            if _normalized(distribution) == wanted:
                return kind, version
    return None
