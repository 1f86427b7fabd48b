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
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cache import default_cache_dir
from .config import find_config
from .errors import SpecError, UsageError, printable
from .format import FormatError
from .pipeline import GenerateRequest, check_spec, generate
from .progress import SILENT, Progress
from .targets import TARGET_NAMES, TargetOptions
from .write import OutputError

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
    gen.add_argument("--no-cache", action="store_true", help="do not use or fill the cache of formatted files")
    gen.add_argument("--quiet", "-q", action="store_true", help="print only errors")

    val = commands.add_parser("validate", help="check a spec", description="Check a spec; exit 0 if valid, 2 if not.")
    val.add_argument("spec", type=Path, help="the OpenAPI file (YAML or JSON)")
    val.add_argument("--strict", action="store_true", help="treat every warning as an error")
    return parser


def run() -> NoReturn:
    """The ``sdkforge`` command: :func:`main`, then the process ends at once.

    By then every file is written and closed and every child process waited for; what
    is left is Python freeing, one by one, the objects of the run (a spec and an SDK's
    worth of them: half a second on GitHub's spec), memory the system takes back anyway.
    So the output streams are flushed and the process exits without that.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said
        code = code or EXIT_INTERNAL
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code. With no arguments at all, the help is
    printed (to stdout) and the code is 2: nothing was asked for, nothing was done."""
    parser = _parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help(sys.stdout)
        return EXIT_BAD_INPUT
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args)
        return _generate(args)
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


def _validate(args: argparse.Namespace) -> int:
    _, warnings = check_spec(args.spec, args.strict)
    for warning in warnings:
        print(warning.format(), file=sys.stderr)
    print(f"{args.spec}: valid", file=sys.stderr)
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    request = _request(args)
    progress = SILENT if args.quiet else Progress(sys.stderr, live=sys.stderr.isatty())
    result = generate(request, progress)
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
    return EXIT_OK


def _request(args: argparse.Namespace) -> GenerateRequest:
    if args.spec is None:
        if args.out is not None:
            raise UsageError("--out needs a SPEC; without one, the settings come from pyproject.toml")
        config = find_config(Path.cwd())
        return GenerateRequest(
            spec=config.spec,
            out=config.out,
            target=args.target or config.target,
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
        )
    if args.out is None:
        raise UsageError("generate SPEC needs --out DIR")
    return GenerateRequest(
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
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
