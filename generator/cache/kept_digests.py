"""The last run's digests of its models and enums, kept for the next run into the same
output folder (see :class:`generator.model.subjects.KeptDigests`).

A run after an edit whose model holds, unchanged, the objects of the last run's carried
model (see :mod:`generator.cache.carried`) takes those types' digests from here instead
of pickling each type again for the files' keys, and the reach, example and group
digests that still hold. The entry is tied to the carried model
by its stamp: one kept beside another carried model is not read.

Stored as plain data in :mod:`marshal`'s form (a tuple of strings, a dictionary, tuples
of bytes: reading it runs no code, and anything of another shape is refused), under the
key of the folder's record, which names this sdkforge.
"""

from __future__ import annotations

import marshal
from typing import BinaryIO

from ..model.subjects import Fingerprints, KeptDigests
from .store import Cache

NAMESPACE = "kept-digests"
LAYOUT = 3
"""The layout of the entry, kept in it: an entry of another layout is not read."""
_DIGEST = 16
"""The length of each digest (see :class:`generator.model.subjects.Fingerprints`)."""


def keep_digests(cache: Cache, key: str, stamp: str, fingerprints: Fingerprints) -> bool:
    """Keep the digests of the types ``fingerprints`` made (see
    :meth:`~generator.model.subjects.Fingerprints.kept`) for the next run into the folder
    whose record is under ``key``, under ``stamp``: that of the model this run carries.
    Whether they were kept."""
    kept = fingerprints.kept(stamp)
    data = marshal.dumps((LAYOUT, kept.stamp, kept.types, kept.reach, kept.examples, kept.users, kept.groups))

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return cache.put_stream(NAMESPACE, key, write)


def recall_digests(cache: Cache, key: str, stamp: str) -> KeptDigests | None:
    """The digests kept for the folder whose record is under ``key`` beside the model
    carried under ``stamp``; None if there are none, or they were kept under another
    stamp, or the entry is damaged or of another shape."""
    data = cache.get_bytes(NAMESPACE, key)
    if data is None:
        return None
    try:
        entry = marshal.loads(data)  # noqa: S302 - plain data, written by this sdkforge, checked whole by the cache
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(entry, tuple) or len(entry) != 7 or entry[0] != LAYOUT or entry[1] != stamp:
        return None
    _, _, types, reach, examples, users, groups = entry
    if not isinstance(types, dict) or not all(_is_kept(name, digests) for name, digests in types.items()):
        return None
    if not all(
        isinstance(found, dict) and all(map(_is_digest, found.keys(), found.values())) for found in (reach, examples)
    ):
        return None
    if not isinstance(users, dict) or not all(map(_are_users, users.keys(), users.values())):
        return None
    if not isinstance(groups, dict) or not all(map(_is_group, groups.keys(), groups.values())):
        return None
    return KeptDigests(stamp, types, reach, examples, users, groups)


def _is_digest(name: object, digest: object) -> bool:
    """Whether ``name`` and ``digest`` are a type's name and one digest."""
    return type(name) is str and type(digest) is bytes and len(digest) == _DIGEST


def _are_users(name: object, users: object) -> bool:
    """Whether ``name`` and ``users`` are a name and the names of the models that mention it."""
    return type(name) is str and type(users) is tuple and all(type(user) is str for user in users)


def _is_group(name: object, kept: object) -> bool:
    """Whether ``name`` and ``kept`` are a group's name, its two digests and its operations' methods and paths."""
    return (
        type(name) is str
        and type(kept) is tuple
        and len(kept) == 3
        and all(type(d) is bytes and len(d) == _DIGEST for d in kept[:2])
        and _are_users("", kept[2])
    )


def _is_kept(name: object, digests: object) -> bool:
    """Whether ``name`` and ``digests`` are a type's name and its four digests."""
    return (
        type(name) is str
        and type(digests) is tuple
        and len(digests) == 4
        and all(type(d) is bytes and len(d) == _DIGEST for d in digests)
    )
