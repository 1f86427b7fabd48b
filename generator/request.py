"""What a run is asked to make, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .immutable import immutable
from .targets import TargetOptions

if TYPE_CHECKING:
    from .cache.incremental import Summary
    from .changes.report import Report
    from .errors import Finding
    from .output.write import WriteReport


@immutable
class GenerateRequest:
    """What to generate, from what, into where."""

    spec: Path
    out: Path
    target: str = "python"
    options: TargetOptions = field(default_factory=TargetOptions)
    templates: Path | None = None
    groups: tuple[str, ...] = ()
    cache_dir: Path | None = None
    """Where slow results (black, validation) are remembered; None: nowhere."""
    check: bool = False
    force: bool = False
    strict: bool = False
    bump: bool = False
    """Raise ``options.package_version`` by what changed for users since the last run."""


@dataclass
class GenerateResult:
    """What a run produced: counts, warnings, what happened on disk, and what changed for
    the SDK's users since the last run into the folder (None when that is not known: no
    record of the last run's surface, or no new run)."""

    summary: Summary
    warnings: list[Finding]
    report: WriteReport
    changes: Report | None = None
    version: str | None = None
    """The package version generated (after ``bump``)."""
    cache_trouble: str | None = None
    """Why the cache could not be written, if it could not (the run is whole all the same)."""


def run_options(request: GenerateRequest) -> dict[str, object]:
    """Everything besides the spec and sdkforge itself that decides the output."""
    return {
        "target": request.target,
        "package_name": request.options.package_name,
        "package_version": request.options.package_version,
        "groups": sorted(request.groups),
    }
