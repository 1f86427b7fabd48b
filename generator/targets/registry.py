"""The targets sdkforge has, by name: the one place that knows every target.

The stages that run a target (the pipeline, the CLI, the change report) find it here;
no target imports another, and none imports this module.
"""

from __future__ import annotations

from . import Planner, Target, csharp, python

TARGETS: dict[str, Target] = {"python": python.TARGET, "csharp": csharp.TARGET}
TARGET_NAMES = tuple(TARGETS)


def get_target(name: str) -> Target:
    """The target called ``name``; raises KeyError for an unknown one."""
    return TARGETS[name]


def get_planner(name: str) -> Planner:
    """The planner of the target called ``name``; raises KeyError for an unknown one."""
    return get_target(name).planner()
