"""The user's template folder (``--templates``), checked before a run uses it.

A template in that folder takes the place of the built-in one at the same relative
path (``python/doc/model.md.j2``). A folder that does not exist, or a template at a
path no built-in template has, would change nothing: a run would succeed and the user
would not learn why the output looks as before. Both are bad input instead. Only
``*.j2`` files are judged (a README or an editor's file beside them is left alone),
and a ``*.j2`` file that another of the user's templates includes, imports or extends
is a partial of theirs, not a misplaced override.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

import jinja2
import jinja2.meta

from ..errors import UsageError
from .package_files import TEMPLATES


def check_templates(folder: Path, target: str = "python") -> None:
    """Raise :class:`UsageError` unless ``folder`` is a folder whose every ``*.j2`` file
    overrides a built-in template or is used by one of the user's templates; a path meant
    is looked for among ``target``'s templates first."""
    if not folder.exists():
        raise UsageError(f"templates folder {folder}: no such folder")
    if not folder.is_dir():
        raise UsageError(f"templates folder {folder}: not a folder")
    builtin = sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.j2"))
    mine = {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*.j2")) if path.is_file()}
    used = _referenced(mine.values())
    for name, path in mine.items():
        if name in builtin or name in used:
            continue
        raise UsageError(
            f"{path}: template error: no built-in template is at {name}, so this file would change nothing; "
            f"{_hint(name, builtin, target)}"
        )


def _referenced(paths: Iterable[Path]) -> set[str]:
    """The template names the user's templates include, import or extend by name."""
    env = jinja2.Environment()  # noqa: S701 - parsed only, never rendered
    names: set[str] = set()
    for path in paths:
        try:
            tree = env.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            continue  # rendering reports it, with its line, if the file is used
        names.update(name for name in jinja2.meta.find_referenced_templates(tree) if name is not None)
    return names


def _hint(name: str, builtin: list[str], target: str) -> str:
    """The built-in path the user most likely meant (``target``'s first), or the list of them all."""
    ending = sorted(
        (path for path in builtin if path.endswith("/" + name)), key=lambda p: not p.startswith(target + "/")
    )
    close = ending or difflib.get_close_matches(name, builtin, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]}?"
    listed = [path for path in builtin if path.startswith(target + "/")] or builtin
    return "the built-in templates are: " + ", ".join(listed)
