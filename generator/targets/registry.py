"""The targets sdkforge has, by name: the one place that knows every target.

The stages that run a target (the pipeline, the CLI, the change report) find it here;
no target imports another, and none imports this module.

A target's modules are imported when the target is first asked for, not with this
module: a run makes one SDK, and importing the other target too (its naming, plan and
docs) took 25 ms of every start.
"""

from __future__ import annotations

from . import Planner, Target

TARGET_NAMES = ("python", "csharp")


class _Targets(dict[str, Target]):
    """The targets by name, each imported the first time it is looked up."""

    def __missing__(self, name: str) -> Target:
        if name == "python":
            from . import python  # here, not above: see the module's docstring

            target = python.TARGET
        elif name == "csharp":
            from . import csharp

            target = csharp.TARGET
        else:
            raise KeyError(name)
        self[name] = target
        return target


TARGETS: dict[str, Target] = _Targets()


def get_target(name: str) -> Target:
    """The target called ``name``; raises KeyError for an unknown one."""
    return TARGETS[name]


def get_planner(name: str) -> Planner:
    """The planner of the target called ``name``; raises KeyError for an unknown one."""
    return get_target(name).planner()
