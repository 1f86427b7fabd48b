"""Targets: one per language. A target turns the language-neutral model into files to render.

A target owns everything language-specific: identifiers and file names (with keyword
escaping and collision handling), type mapping, and which template makes which file
from which values. It returns :class:`RenderJob` values; rendering, formatting and
writing are shared stages that know nothing about languages.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any, TypeAlias

from ..immutable import immutable

if TYPE_CHECKING:  # names for the annotations alone: ``--version`` and ``--help`` read this package, not the stages
    from ..cache.store import Cache
    from ..changes.surface import KeptRows, LastSurface, Surface
    from ..model.ir import Api, Source
    from ..render.job import RenderJob


@immutable
class TargetOptions:
    """What the user chose for this SDK, independent of the spec."""

    package_name: str | None = None
    package_version: str = "0.1.0"


Planner: TypeAlias = "Callable[[Api, TargetOptions], list[RenderJob]]"


@immutable
class Target:
    """A language's SDK maker, in two steps: ``name`` decides every identifier and file
    name of an API (from its structure alone, never its prose), and ``plan`` lists the
    files with those names. Apart, so a run after a prose edit can keep the last run's
    names (see :mod:`generator.cache.carried`)."""

    name: Callable[[Api], Any]
    plan: Callable[[Api, TargetOptions, Any, Collection[str] | None], list[RenderJob]]
    surface: Callable[[Api, Any], Surface]
    """What the SDK's users can name and call, with the names ``name`` gave (for
    :mod:`generator.changes.report`)."""
    filters: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    """The target's own Jinja filters (escaping for its language), beside the shared ones."""
    globals: Mapping[str, Any] = field(default_factory=dict)
    """The target's own Jinja globals (layout helpers)."""
    format: Callable[[dict[str, str], Cache | None], dict[str, str]] = lambda files, cache: files
    """The target's formatter: each file's text in the language's layout (``cache`` keeps
    what is slow to redo)."""
    check_rendered: Callable[[str, str, str], None] | None = None
    """Given a file a user's template rendered, its path and the template: raises
    :class:`generator.render.engine.TemplateError` when the language cannot read it."""
    surface_keeping: Callable[[Api, Any, LastSurface], tuple[Surface, KeptRows]] | None = None
    """``surface``, less the groups, models and enums whose rows in the last run's record
    hold as they were (see :class:`generator.changes.surface.KeptRows`); None: the target
    makes its surface whole."""
    name_again: Callable[[Api, Api, Any], Any] | None = None
    """``name``, for a model built replaying the last run's (see
    :mod:`generator.model.replay`), from that model and the names the target gave it
    then; None when those do not tell this model's. None: the target names every model
    whole."""
    unsupported: Callable[[Api], list[tuple[Source, str]]] | None = None
    """The places of the spec whose meaning the target's language can only approximate,
    each with what the SDK does instead: located warnings (errors under ``--strict``).
    None: the language expresses them all, and nothing of the target reads where in the
    spec a thing was described (a replayed model does not know: see
    :mod:`generator.model.replay`)."""

    def planner(self) -> Planner:
        """Both steps in one."""
        return lambda api, options: self.plan(api, options, self.name(api), None)
