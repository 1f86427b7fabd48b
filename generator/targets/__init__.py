"""Targets: one per language. A target turns the language-neutral model into files to render.

A target owns everything language-specific: identifiers and file names (with keyword
escaping and collision handling), type mapping, and which template makes which file
from which values. It returns :class:`RenderJob` values; rendering, formatting and
writing are shared stages that know nothing about languages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..ir import Api


@dataclass(frozen=True)
class TargetOptions:
    """What the user chose for this SDK, independent of the spec."""

    package_name: str | None = None
    package_version: str = "0.1.0"


@dataclass(frozen=True)
class RenderJob:
    """One output file: its path below the output folder, its template and the values for it."""

    path: str
    template: str
    context: Mapping[str, Any]


Planner = Callable[[Api, TargetOptions], list[RenderJob]]


def get_planner(name: str) -> Planner:
    """The planner of the target called ``name``; raises KeyError for an unknown one."""
    from .python import plan

    planners: dict[str, Planner] = {"python": plan}
    return planners[name]


TARGET_NAMES = ("python",)
