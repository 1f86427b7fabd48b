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

More outputs (another target, another package name) are ``[[tool.sdkforge.outputs]]``
entries; each takes the keys above, ``spec``, ``package-version`` and ``templates``
defaulting to the table's own, and ``out`` required. The table's ``out``, when given, is
the first output::

    [[tool.sdkforge.outputs]]
    target = "csharp"
    out = "generated/csharp"
    package-name = "Square.OAuth"
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError
from .immutable import immutable

KNOWN_KEYS = {"spec", "out", "target", "package-name", "package-version", "templates", "outputs"}
OUTPUT_KEYS = KNOWN_KEYS - {"outputs"}


@immutable
class ProjectConfig:
    """Settings from ``[tool.sdkforge]``, paths made absolute."""

    spec: Path
    out: Path
    target: str = "python"
    package_name: str | None = None
    package_version: str = "0.1.0"
    templates: Path | None = None


def find_config(start: Path) -> ProjectConfig:
    """The first output of ``[tool.sdkforge]`` in the nearest pyproject.toml at or above ``start``."""
    return find_configs(start)[0]


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start``, if any."""
    for folder in [start, *start.parents]:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            return pyproject
    return None


def find_configs(start: Path) -> list[ProjectConfig]:
    """Every output of ``[tool.sdkforge]`` in the nearest pyproject.toml at or above ``start``."""
    pyproject = find_pyproject(start)
    if pyproject is None:
        raise UsageError("no pyproject.toml with [tool.sdkforge] here or above: pass a SPEC and --out")
    return load_configs(pyproject)


def load_configs(pyproject: Path) -> list[ProjectConfig]:
    """Every output of ``[tool.sdkforge]`` in ``pyproject``: the table's own (when it has
    ``out``), then each ``[[tool.sdkforge.outputs]]`` entry."""
    import tomllib  # here: a run given its spec and output reads no pyproject.toml (5 ms to import)

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
    entries = section.get("outputs", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageError(f"{pyproject}: [tool.sdkforge] outputs must be [[tool.sdkforge.outputs]] tables")
    defaults = {k: v for k, v in section.items() if k in ("spec", "package-version", "templates")}
    tables = [("[tool.sdkforge]", section)] if "out" in section or not entries else []
    tables += [(f"[[tool.sdkforge.outputs]] number {i}", {**defaults, **e}) for i, e in enumerate(entries, 1)]
    configs = []
    for where, table in tables:
        unknown = sorted(set(table) - (KNOWN_KEYS if table is section else OUTPUT_KEYS))
        if unknown:
            raise UsageError(f"{pyproject}: {where} has unknown keys: {', '.join(unknown)}")
        configs.append(_output(pyproject, table, where))
    return configs


def _output(pyproject: Path, table: dict[str, object], where: str) -> ProjectConfig:
    for key in ("spec", "out"):
        if not isinstance(table.get(key), str):
            raise UsageError(f'{pyproject}: {where} needs {key} = "..."')
    base = pyproject.parent
    templates = table.get("templates")
    if templates is not None and not isinstance(templates, str):
        raise UsageError(f'{pyproject}: {where} templates must be a folder\'s path: templates = "..."')
    if isinstance(templates, str) and not (base / templates).is_dir():
        raise UsageError(f"{pyproject}: {where} templates = {templates!r}: no such folder")
    package_name = table.get("package-name")
    return ProjectConfig(
        spec=base / str(table["spec"]),
        out=base / str(table["out"]),
        target=str(table.get("target", "python")),
        package_name=package_name if isinstance(package_name, str) else None,
        package_version=str(table.get("package-version", "0.1.0")),
        templates=base / templates if isinstance(templates, str) else None,
    )
