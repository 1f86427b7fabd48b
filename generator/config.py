"""The project's generation settings, from ``[tool.sdkforge]`` in pyproject.toml.

``sdkforge generate`` with no arguments reads them from the nearest pyproject.toml at or
above the current folder; paths in it are relative to that file's folder::

    [tool.sdkforge]
    spec = "spec/oauth.yaml"          # the spec to generate from
    out = "generated/python"          # the output folder
    target = "python"                 # optional, default "python"
    package-name = "square_oauth"     # optional, default from the spec's title
    package-version = "0.1.0"         # optional
    templates = "templates"           # optional: a folder of templates overriding the built-in ones
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

KNOWN_KEYS = {"spec", "out", "target", "package-name", "package-version", "templates"}


@dataclass(frozen=True)
class ProjectConfig:
    """Settings from ``[tool.sdkforge]``, paths made absolute."""

    spec: Path
    out: Path
    target: str = "python"
    package_name: str | None = None
    package_version: str = "0.1.0"
    templates: Path | None = None


def find_config(start: Path) -> ProjectConfig:
    """Read ``[tool.sdkforge]`` from the nearest pyproject.toml at or above ``start``."""
    pyproject = find_pyproject(start)
    if pyproject is None:
        raise UsageError("no pyproject.toml with [tool.sdkforge] here or above: pass a SPEC and --out")
    return load_config(pyproject)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``, if any."""
    for folder in [start, *start.parents]:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            return pyproject
    return None


def load_config(pyproject: Path) -> ProjectConfig:
    """Read ``[tool.sdkforge]`` from ``pyproject``."""
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{pyproject}: cannot read it: {exc}") from exc
    section = data.get("tool", {}).get("sdkforge")
    if not isinstance(section, dict):
        raise UsageError(f"{pyproject}: no [tool.sdkforge] section: pass a SPEC and --out")
    unknown = sorted(set(section) - KNOWN_KEYS)
    if unknown:
        raise UsageError(f"{pyproject}: [tool.sdkforge] has unknown keys: {', '.join(unknown)}")
    for key in ("spec", "out"):
        if not isinstance(section.get(key), str):
            raise UsageError(f'{pyproject}: [tool.sdkforge] needs {key} = "..."')
    base = pyproject.parent
    templates = section.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise UsageError(f'{pyproject}: [tool.sdkforge] templates must be a folder\'s path: templates = "..."')
    if isinstance(templates, str) and not (base / templates).is_dir():
        raise UsageError(f"{pyproject}: [tool.sdkforge] templates = {templates!r}: no such folder")
    return ProjectConfig(
        spec=base / section["spec"],
        out=base / section["out"],
        target=str(section.get("target", "python")),
        package_name=section.get("package-name"),
        package_version=str(section.get("package-version", "0.1.0")),
        templates=base / templates if isinstance(templates, str) else None,
    )
