"""Targets: one per language. A target turns the language-neutral model into files to render.

A target owns everything language-specific: identifiers and file names (with keyword
escaping and collision handling), type mapping, and which template makes which file
from which values. It returns :class:`RenderJob` values; rendering, formatting and
writing are shared stages that know nothing about languages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..cache import Cache
from ..ir import Api, Source
from ..surface import Surface


@dataclass(frozen=True)
class TargetOptions:
    """What the user chose for this SDK, independent of the spec."""

    package_name: str | None = None
    package_version: str = "0.1.0"


@dataclass(frozen=True)
class RenderJob:
    """One output file: its path below the output folder, its template and the values for it.

    ``subjects`` are the parts of the model the file is made from (see
    :mod:`generator.subjects`): while their digests are what they were, the file stays
    as the last run made it. An empty set: the file is made from sdkforge alone.
    """

    path: str
    template: str
    context: Mapping[str, Any]
    subjects: frozenset[str]


def shows(job_subjects: frozenset[str], subjects: Collection[str] | None) -> bool:
    """Whether a file made from ``job_subjects`` is wanted when only the files made from
    one of ``subjects`` are (all files, with None)."""
    return subjects is None or not job_subjects.isdisjoint(subjects)


class Deferred(Mapping[str, Any]):
    """A job's values, worked out when first read: a run that renders some of the files
    does not pay for the values of the others."""

    def __init__(self, make: Callable[[], Mapping[str, Any]]) -> None:
        self._make: Callable[[], Mapping[str, Any]] | None = make
        self._values: Mapping[str, Any] = {}

    def _get(self) -> Mapping[str, Any]:
        if self._make is not None:
            self._values, self._make = self._make(), None
        return self._values

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


Planner = Callable[[Api, TargetOptions], list[RenderJob]]


@dataclass(frozen=True)
class Target:
    """A language's SDK maker, in two steps: ``name`` decides every identifier and file
    name of an API (from its structure alone, never its prose), and ``plan`` lists the
    files with those names. Apart, so a run after a prose edit can keep the last run's
    names (see :mod:`generator.carried`)."""

    name: Callable[[Api], Any]
    plan: Callable[[Api, TargetOptions, Any, Collection[str] | None], list[RenderJob]]
    surface: Callable[[Api, Any], Surface]
    """What the SDK's users can name and call, with the names ``name`` gave (for
    :mod:`generator.change_report`)."""
    filters: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    """The target's own Jinja filters (escaping for its language), beside the shared ones."""
    globals: Mapping[str, Any] = field(default_factory=dict)
    """The target's own Jinja globals (layout helpers)."""
    format: Callable[[dict[str, str], Cache | None], dict[str, str]] = lambda files, cache: files
    """The target's formatter: each file's text in the language's layout (``cache`` keeps
    what is slow to redo)."""
    check_rendered: Callable[[str, str, str], None] | None = None
    """Given a file a user's template rendered, its path and the template: raises
    :class:`generator.render.TemplateError` when the language cannot read it."""
    unsupported: Callable[[Api], list[tuple[Source, str]]] = lambda api: []
    """The places of the spec whose meaning the target's language can only approximate,
    each with what the SDK does instead: located warnings (errors under ``--strict``)."""

    def planner(self) -> Planner:
        """Both steps in one."""
        return lambda api, options: self.plan(api, options, self.name(api), None)


def get_target(name: str) -> Target:
    """The target called ``name``; raises KeyError for an unknown one."""
    if name == "csharp":
        from . import csharp

        return Target(csharp.name_api, csharp.plan, csharp.surface, csharp.FILTERS, unsupported=csharp.unsupported)
    from . import python

    targets = {
        "python": Target(
            python.name_api,
            python.plan,
            python.surface,
            python.FILTERS,
            python.GLOBALS,
            format=python.format_files,
            check_rendered=python.check_rendered,
        )
    }
    return targets[name]


def get_planner(name: str) -> Planner:
    """The planner of the target called ``name``; raises KeyError for an unknown one."""
    return get_target(name).planner()


TARGET_NAMES = ("python", "csharp")
