"""The render job: one output file, the template that makes it and the values for it.

A target plans jobs (see :mod:`generator.targets`); rendering, formatting and writing
take them and know nothing about languages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from ..immutable import immutable


@immutable
class RenderJob:
    """One output file: its path below the output folder, its template and the values for
    it; or its text, for a file copied as it is.

    The values (``context``) are plain values and views the target made for this file,
    never the model: every decision about the spec is taken before a template sees it.
    ``subjects`` are the parts of the model the file is made from (see
    :mod:`generator.model.subjects`): while their digests are what they were, the file
    stays as the last run made it. An empty set: the file is made from sdkforge alone.
    """

    path: str
    template: str
    context: Mapping[str, Any]
    subjects: frozenset[str]
    text: str | None = None
    """The file's whole text when it is copied as it is rather than rendered (a source
    file of the target's runtime, which ``template`` then names)."""


def shows(job_subjects: frozenset[str], subjects: Collection[str] | None) -> bool:
    """Whether a file made from ``job_subjects`` is wanted when only the files made from
    one of ``subjects`` are (all files, with None)."""
    return subjects is None or not job_subjects.isdisjoint(subjects)


class Deferred(Mapping[str, Any]):
    """A job's values, worked out when first read: a run that renders some of the files
    does not pay for the values of the others: ``make(*args)`` (no ``partial`` per file)."""

    def __init__(self, make: Callable[..., Mapping[str, Any]], *args: Any) -> None:
        self._make, self._args = make, args
        self._values: Mapping[str, Any] | None = None

    def worked_out(self) -> Mapping[str, Any]:
        """The values themselves (worked out now if they were not yet)."""
        if self._values is None:
            self._values, self._args = self._make(*self._args), ()
        return self._values

    def __getitem__(self, key: str) -> Any:
        return self.worked_out()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.worked_out())

    def __len__(self) -> int:
        return len(self.worked_out())
