"""The whole run, stage after stage: load, validate, model, plan, render, format, write.

Data flows one way; each stage is a module of its own. Nothing is written unless every
stage before writing succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .build_ir import build_api
from .errors import Finding, Severity, SpecError
from .format import format_files
from .ir import Api
from .load import load_spec
from .render import make_environment, render_all
from .targets import TargetOptions, get_planner
from .validate import validate_spec
from .write import WriteReport, plan_changes, write_files


@dataclass(frozen=True)
class GenerateRequest:
    """What to generate, from what, into where."""

    spec: Path
    out: Path
    target: str = "python"
    options: TargetOptions = field(default_factory=TargetOptions)
    templates: Path | None = None
    check: bool = False
    force: bool = False
    strict: bool = False


@dataclass
class GenerateResult:
    """What a run produced: the model, the warnings, and what happened on disk."""

    api: Api
    warnings: list[Finding]
    report: WriteReport


Progress = Callable[[str], None]


def check_spec(spec_path: Path, strict: bool = False) -> tuple[Api, list[Finding]]:
    """Load, validate and model a spec; raise :class:`SpecError` on fatal findings."""
    spec = load_spec(spec_path)
    findings = validate_spec(spec)
    if findings:
        raise SpecError(findings)
    api, warnings = build_api(spec)
    if strict and warnings:
        raise SpecError([Finding(w.file, w.pointer, w.message, Severity.ERROR, w.line, w.column) for w in warnings])
    return api, warnings


def render_sdk(api: Api, request: GenerateRequest) -> dict[str, str]:
    """Every output file's text, formatted, in memory."""
    jobs = get_planner(request.target)(api, request.options)
    env = make_environment(request.templates)
    return format_files(render_all(jobs, request.target, env))


def generate(request: GenerateRequest, progress: Progress | None = None) -> GenerateResult:
    """Run every stage; write (or, with ``check``, compare) only when all succeeded."""
    say = progress or (lambda _: None)
    say(f"loading and validating {request.spec}")
    api, warnings = check_spec(request.spec, request.strict)
    say(f"rendering {request.target} SDK")
    files = render_sdk(api, request)
    if request.check:
        report = plan_changes(request.out, files, request.force)
    else:
        say(f"writing {request.out}")
        report = write_files(request.out, files, request.force)
    return GenerateResult(api, warnings, report)
