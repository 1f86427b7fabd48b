"""The package's layout holds: data flows one way, spec to model to target to files.

Read from the source with ``ast`` (imports inside functions and under ``TYPE_CHECKING``
count: each is an import all the same), so the test needs nothing imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "generator"

MAY_NOT_IMPORT = {
    "spec": ("model", "targets", "render", "output", "changes", "pipeline", "cli"),
    "model": ("targets", "render", "output", "changes", "pipeline", "cli", "cache"),
    "render": ("targets", "model", "output", "changes", "pipeline", "cli"),
    "output": ("spec", "model", "targets", "render", "changes", "pipeline", "cli"),
    "targets": ("output", "pipeline", "cli"),
    "parallel": ("targets", "pipeline", "cli"),
}
"""Each subpackage, and the top-level modules and subpackages its modules never import.
The stages run spec, model, targets, render, output: each reads only those before it,
and ``render``, which runs the jobs a target plans, none of them (the job type is its
own); the pipeline and the CLI, which run the stages, are read by none."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in GENERATOR.rglob("*.py"):
        if "runtime" in path.relative_to(GENERATOR).parts:
            continue  # the generated SDK's own code, copied into it: not part of sdkforge's graph
        parts = list(path.relative_to(GENERATOR).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """The modules of sdkforge that ``name`` imports, wherever in the file: a package's
    ``__init__`` counts when it is not one of ``name``'s own parents (Python runs it first)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            for alias in node.names:
                child = f"{module}.{alias.name}" if module else alias.name
                yield from _with_parents(name, child if child in MODULES else module)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            named = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            absolute = [n for n in named if n.split(".")[0] in ("sdkforge", "generator")]
            assert not absolute, f"{path}: {ast.unparse(node)}: sdkforge's modules import each other relatively"


def _with_parents(importer: str, module: str) -> Iterator[str]:
    """``module`` itself, and the packages above it that are not above ``importer`` too
    (importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first; a module's own
    packages are already running)."""
    parts = module.split(".") if module else []
    if module in MODULES and module != importer:
        yield module
    for end in range(1, len(parts)):
        ancestor = ".".join(parts[:end])
        if ancestor in MODULES and not importer.startswith(f"{ancestor}."):
            yield ancestor


GRAPH = {name: set(_imports(name, path)) for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """The graph's strongly connected components of more than one module (Tarjan's)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(GRAPH[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read_whole():
    # the reader finds what is there: a known edge, one inside a package, one up two levels
    assert "model.ir" in GRAPH["model.build"]
    assert "targets" in GRAPH["targets.python"]
    assert "render.job" in GRAPH["targets.python.plan"]
    assert len(MODULES) > 60


def test_no_module_imports_a_module_that_imports_it():
    assert _cycles() == []


@pytest.mark.parametrize("package", sorted(MAY_NOT_IMPORT))
def test_each_stage_reads_only_the_stages_before_it(package):
    wrong = {
        f"{name} -> {other}"
        for name, imported in GRAPH.items()
        if name == package or name.startswith(f"{package}.")
        for other in imported
        if other.split(".")[0] in MAY_NOT_IMPORT[package]
    }
    assert wrong == set()


def test_no_target_imports_another():
    def target_of(name: str) -> str | None:
        parts = name.split(".")
        return parts[1] if len(parts) > 1 and parts[0] == "targets" and parts[1] in targets else None

    packages = [name.split(".") for name, path in MODULES.items() if path.name == "__init__.py"]
    targets = {parts[1] for parts in packages if len(parts) == 2 and parts[0] == "targets"}
    assert {"python", "csharp"} <= targets
    for name, imported in GRAPH.items():
        if target_of(name) is not None:
            assert {target_of(o) for o in imported} <= {target_of(name), None}, name
