"""The ``sdkforge`` command line.

Exit codes: 0 success; 1 ``--check`` found differences; 2 bad input (a spec error, a
wrong argument, an output folder we may not use); 3 an internal error (a bug in
sdkforge, reported in one line without a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .errors import FormatError, SpecError, UsageError, printable
from .targets.registry import TARGET_NAMES

if TYPE_CHECKING:
    from .cache.store import Cache
    from .changes.surface import Surface
    from .progress import Progress
    from .request import GenerateRequest, GenerateResult
    from .spec.load import Read

# The stages (the pipeline and what it runs) are imported by the command that uses them,
# once the arguments are read: ``--version``, ``--help`` and a wrong argument need none
# of them, and ``validate`` needs neither the templates nor a target.

EXIT_OK, EXIT_DIFFERENT, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sdkforge", description="Generate SDKs and docs from OpenAPI descriptions.")
    parser.add_argument("--version", action="version", version=f"sdkforge {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    gen = commands.add_parser(
        "generate",
        help="generate an SDK",
        description="Generate an SDK. With no SPEC, use [tool.sdkforge] in the nearest pyproject.toml.",
    )
    gen.add_argument("spec", nargs="?", type=Path, help="the OpenAPI file (YAML or JSON)")
    gen.add_argument("--out", type=Path, help="the output folder (required with SPEC)")
    gen.add_argument("--target", choices=TARGET_NAMES, help="the language to generate (default: python)")
    gen.add_argument("--package-name", help="the SDK's package name (default: from the spec's title)")
    gen.add_argument("--package-version", help="the SDK's version (default: 0.1.0)")
    gen.add_argument("--templates", type=Path, help="a folder of templates that override the built-in ones")
    gen.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 with a diff if the output is not current"
    )
    gen.add_argument("--force", action="store_true", help="generate into a non-empty folder sdkforge did not create")
    gen.add_argument("--strict", action="store_true", help="treat every warning as an error")
    gen.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="TAG",
        help="generate only this API group (a tag of the spec) and the models it uses; repeatable",
    )
    gen.add_argument(
        "--bump",
        action="store_true",
        help="raise package-version by what changed for the SDK's users since the last run (and write it "
        "into [tool.sdkforge] when the settings come from there)",
    )
    gen.add_argument(
        "--changelog",
        nargs="?",
        const="",
        metavar="FILE",
        help="prepend what changed for the SDK's users to FILE as Markdown (default: CHANGELOG.md in the output "
        "folder; write --changelog=FILE before SPEC)",
    )
    gen.add_argument("--no-cache", action="store_true", help="do not use or fill the cache of formatted files")
    gen.add_argument("--quiet", "-q", action="store_true", help="print only errors")

    diff = commands.add_parser(
        "diff",
        help="what changed for the SDK's users between two specs",
        description="Compare the SDKs two specs give, as their users see them: each change with its severity, "
        "and the version bump they call for. OLD and NEW are files, or git:REV:PATH for a spec as a git "
        "revision holds it (git:HEAD~1:spec/oauth.yaml).",
    )
    diff.add_argument("old", metavar="OLD", help="the spec before")
    diff.add_argument("new", metavar="NEW", help="the spec after")
    diff.add_argument("--target", choices=TARGET_NAMES, default="python", help="whose names to compare in")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="default: text")
    diff.add_argument("--fail-on", choices=("breaking",), help="exit 1 when a change of this severity is found")
    diff.add_argument("--no-cache", action="store_true", help="neither use nor fill the cache of validation verdicts")
    diff.add_argument(
        "--current-version",
        metavar="V",
        help="the SDK's version now, for the bump's rules (0.x or not); default: package-version of "
        "[tool.sdkforge] in the nearest pyproject.toml, else rules from 1.0 on",
    )

    val = commands.add_parser("validate", help="check a spec", description="Check a spec; exit 0 if valid, 2 if not.")
    val.add_argument("spec", type=Path, help="the OpenAPI file (YAML or JSON)")
    val.add_argument("--strict", action="store_true", help="treat every warning as an error")
    return parser


def run() -> NoReturn:
    """The ``sdkforge`` command: :func:`main`, then the process ends at once.

    By then every file is written and closed and every child process waited for; what
    is left is Python freeing, one by one, the objects of the run (a spec and an SDK's
    worth of them: half a second on GitHub's spec), memory the system takes back anyway.
    So the output streams are flushed and the process exits without that; the last run
    of the command does not free its objects when it returns either (see ``leave_to_exit``
    of :func:`generator.pipeline.generate`).
    """
    code = main(exiting=True)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said
        code = code or EXIT_INTERNAL
    os._exit(code)


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run the CLI; returns the exit code. With no arguments at all, the help is
    printed (to stdout) and the code is 2: nothing was asked for, nothing was done.
    ``exiting``: the process ends right after, without freeing anything (see :func:`run`)."""
    parser = _parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help(sys.stdout)
        return EXIT_BAD_INPUT
    args = parser.parse_args(argv)
    from .output.write import OutputError  # see the imports above

    try:
        _check_working_folder()
        if args.command == "validate":
            return _validate(args)
        if args.command == "diff":
            return _diff(args)
        return _generate(args, exiting)
    except SpecError as exc:
        for finding in exc.findings:
            print(finding.format(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except (UsageError, OutputError) as exc:
        print(printable(f"sdkforge: error: {exc}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except FormatError as exc:
        print(printable(f"sdkforge: internal error: {exc}"), file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        print(printable(f"sdkforge: internal error: {type(exc).__name__}: {exc} (please report it)"), file=sys.stderr)
        return EXIT_INTERNAL


def _check_working_folder() -> None:
    """Relative paths, the nearest pyproject.toml and the names in messages all start
    from the current folder: one that was deleted after the shell entered it is bad
    input, said before any work."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise UsageError("the current folder no longer exists: cd into an existing folder and run again") from None


def _validate(args: argparse.Namespace) -> int:
    from .pipeline import check_spec

    _, warnings = check_spec(args.spec, args.strict)
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    print(f"{args.spec}: valid", file=sys.stderr)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .cache.store import default_cache_dir
    from .changes.report import as_json, as_markdown, as_text, compare
    from .parallel.beside import beside
    from .targets.registry import get_target

    get_target(args.target)  # an unknown target is refused before any work
    cache_dir = None if args.no_cache else default_cache_dir()
    # The two sides are independent: the old one is made on the other core meanwhile.
    old = beside(partial(_surface, args.old, args.target, cache_dir))
    try:
        new = _surface(args.new, args.target, cache_dir)
    except (SpecError, UsageError):
        old.result()  # the old side's error, if it has one, is said first: it was named first
        raise
    version = args.current_version or _configured_version()
    report = compare(old.result(), new, version)
    formats = {"text": as_text, "markdown": as_markdown, "json": as_json}
    sys.stdout.write(formats[args.format](report))
    return EXIT_DIFFERENT if args.fail_on == "breaking" and report.breaking else EXIT_OK


def _surface(argument: str, target: str, cache_dir: Path | None) -> Surface:
    """The surface of the SDK the spec ``argument`` names gives; its findings name its
    files as the user did (``git:REV:PATH``)."""
    from .cache.store import Cache
    from .pipeline import sdk_surface
    from .spec.spec_source import spec_file

    with spec_file(argument) as source:
        try:
            return sdk_surface(source.path, target, Cache(cache_dir) if cache_dir is not None else None)
        except SpecError as exc:
            raise SpecError([replace(f, file=source.shown(f.file)) for f in exc.findings]) from None


def _configured_version() -> str | None:
    """package-version of [tool.sdkforge] in the nearest pyproject.toml, if there is one."""
    from .config import find_config

    try:
        return find_config(Path.cwd()).package_version
    except UsageError:
        return None


def _generate(args: argparse.Namespace, exiting: bool = False) -> int:
    """Every requested output in turn (all of [tool.sdkforge]'s without a SPEC); the worst exit code.
    ``exiting`` (see :func:`main`): the last run leaves its objects to the process's exit;
    the runs before it free theirs, for the next run's memory."""
    if args.check and (args.bump or args.changelog is not None):
        raise UsageError("--check writes nothing: not with --bump or --changelog")
    requests = _requests(args)
    if args.bump and len(requests) > 1:
        raise UsageError(
            "--bump raises one package-version by what changed in one SDK: choose the output with --target"
        )
    last = len(requests) - 1
    return max(_generate_one(args, request, exiting and i == last) for i, request in enumerate(requests))


def _generate_one(args: argparse.Namespace, request: GenerateRequest, exiting: bool = False) -> int:
    from .current import run
    from .progress import SILENT, Progress

    progress = SILENT if args.quiet else Progress(sys.stderr, live=sys.stderr.isatty())
    result = run(request, progress, _in_full, leave_to_exit=exiting)  # generator.pipeline.generate's run
    progress.clear()
    for warning in result.warnings if not args.quiet else []:
        print(warning.format(), file=sys.stderr)
    if result.cache_trouble is not None and not args.quiet:
        print(
            printable(
                f"sdkforge: warning: {result.cache_trouble}: the run went on without it "
                "(SDKFORGE_CACHE_DIR moves the cache, --no-cache turns it off)"
            ),
            file=sys.stderr,
        )
    report = result.report
    if args.check:
        if report.changed:
            sys.stdout.write(report.diff)
            print(
                f"sdkforge: {request.out} is not current: {len(report.written)} to write, "
                f"{len(report.removed)} to remove",
                file=sys.stderr,
            )
            return EXIT_DIFFERENT
        progress.done(f"{request.out} is current ({len(report.unchanged)} files)")
        return EXIT_OK
    done = result.summary
    progress.done(
        f"{done.groups} groups, {done.operations} operations, {done.models} models, "
        f"{done.enums} enums, {len(result.warnings)} warnings; files: {len(report.written)} written, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
    )
    _tell_changes(args, request, result)
    return EXIT_OK


def _tell_changes(args: argparse.Namespace, request: GenerateRequest, result: GenerateResult) -> None:
    """What the run changed for the SDK's users, in short; the bump and the changelog."""
    changes, version = result.changes, result.version or request.options.package_version
    said = print if not args.quiet else (lambda *_a, **_k: None)
    if changes is None:
        if args.bump or args.changelog is not None:
            said(f"sdkforge: {request.out} holds no record of the last run's SDK: no change to report", file=sys.stderr)
        return
    if result.report.written or result.report.removed:
        said(f"sdkforge: for SDK users: {changes.counts()}; suggested bump: {changes.bump}", file=sys.stderr)
    if not args.bump and args.changelog is None:
        return  # what follows, and the modules it imports (the settings' reader), is for those alone
    from .changes.release import prepend_changelog, set_configured_version
    from .changes.report import as_markdown
    from .config import find_pyproject

    if args.bump:
        before = changes.version or version
        if before == version:
            said(f"sdkforge: package-version stays {version}", file=sys.stderr)
        else:
            pyproject = find_pyproject(Path.cwd()) if args.spec is None else None
            if pyproject is not None:
                set_configured_version(pyproject, version)
                where = f"written to {pyproject}"
            else:
                where = f"pass --package-version {version} next time"
            said(f"sdkforge: package-version {before} -> {version} ({changes.bump}); {where}", file=sys.stderr)
    if args.changelog is not None:
        if not changes.changes:
            said("sdkforge: nothing changed for SDK users: the changelog stays as it is", file=sys.stderr)
            return
        changelog = Path(args.changelog) if args.changelog else request.out / "CHANGELOG.md"
        prepend_changelog(changelog, as_markdown(changes, heading=version if args.bump else "Unreleased"))
        said(f"sdkforge: changelog: {changelog}", file=sys.stderr)


def _in_full(
    request: GenerateRequest,
    progress: Progress,
    cache: Cache | None,
    handed: list[Read | None],
    left: list[object] | None,
) -> GenerateResult:
    """A run whose output is not current, past its start (see :mod:`generator.current`):
    the stages are imported by the runs that use them, not by one with nothing to do."""
    from .pipeline import in_full

    return in_full(request, progress, cache, handed, left)


def _requests(args: argparse.Namespace) -> list[GenerateRequest]:
    from .cache.store import default_cache_dir
    from .request import GenerateRequest
    from .targets import TargetOptions

    if args.spec is None:
        if args.out is not None:
            raise UsageError("--out needs a SPEC; without one, the settings come from pyproject.toml")
        from .config import find_configs  # here: a run with a SPEC reads no settings

        configs = find_configs(Path.cwd())
        chosen = [c for c in configs if args.target in (None, c.target)]
        if not chosen and len(configs) == 1:  # one output: --target generates it in another language
            chosen = [replace(configs[0], target=args.target)]
        if not chosen:
            raise UsageError(f"[tool.sdkforge] has no output with target = {args.target!r}")
        return [
            GenerateRequest(
                spec=config.spec,
                out=config.out,
                target=config.target,
                options=TargetOptions(
                    package_name=args.package_name or config.package_name,
                    package_version=args.package_version or config.package_version,
                ),
                templates=args.templates or config.templates,
                groups=tuple(args.group),
                cache_dir=None if args.no_cache else default_cache_dir(),
                check=args.check,
                force=args.force,
                strict=args.strict,
                bump=args.bump,
            )
            for config in chosen
        ]
    if args.out is None:
        raise UsageError("generate SPEC needs --out DIR")
    return [
        GenerateRequest(
            spec=args.spec,
            out=args.out,
            target=args.target or "python",
            options=TargetOptions(package_name=args.package_name, package_version=args.package_version or "0.1.0"),
            templates=args.templates,
            groups=tuple(args.group),
            cache_dir=None if args.no_cache else default_cache_dir(),
            check=args.check,
            force=args.force,
            strict=args.strict,
            bump=args.bump,
        )
    ]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
