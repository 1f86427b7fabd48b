"""The names generated code uses in each scope a spec name can land in, read from the code.

A name from a spec becomes a class, a field, a method, a parameter... and shadows, in
the scope it is bound in, any name the generated code looks up there: a field called
``staticmethod`` hides the decorator from the rest of the class body, a parameter
called ``cast`` hides ``typing.cast`` from the method body, a model module called
``importlib`` replaces the ``importlib`` the models package uses. This module parses
generated files with :mod:`ast` and collects, for each kind of spec name, every name
the code around it reads or binds, so a test can check that naming reserves them all.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def _names_in(node: ast.AST | None, annotation: bool = False) -> set[str]:
    """Every name an expression reads; in an ``annotation``, those of the strings in it
    (forward references) too, but not those of a ``Literal[...]``, which are values."""
    found: set[str] = set()
    if node is None:
        return found
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal":
        return {"Literal"}
    if isinstance(node, ast.Name):
        return {node.id}
    if annotation and isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return _names_in(ast.parse(node.value, mode="eval").body, annotation)
        except SyntaxError:
            return found  # a plain string, not an annotation
    for child in ast.iter_child_nodes(node):
        found |= _names_in(child, annotation)
    return found


def _signature_names(func: FunctionNode) -> set[str]:
    """Names a ``def`` statement reads in the scope it is in: decorators, annotations, defaults."""
    args = func.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *filter(None, [args.vararg, args.kwarg])]
    found: set[str] = set()
    for node in [*func.decorator_list, *args.defaults, *args.kw_defaults]:
        found |= _names_in(node)
    for node in [func.returns, *(arg.annotation for arg in every)]:
        found |= _names_in(node, annotation=True)
    return found


def parameters(func: FunctionNode) -> list[str]:
    args = func.args
    return [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, *filter(None, [args.vararg, args.kwarg])]]


def _bound_by(statement: ast.stmt) -> set[str]:
    """Names a statement binds in the scope it runs in (not inside functions it defines)."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {statement.name}
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    found: set[str] = set()
    for sub in ast.walk(statement):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            found.add(sub.id)
        elif isinstance(sub, ast.Import | ast.ImportFrom):
            found |= {(alias.asname or alias.name).split(".")[0] for alias in sub.names}
    return found


def body_names(func: FunctionNode) -> set[str]:
    """Every name a function's body reads or binds, and its parameters: a parameter of the
    same name would hide a global it reads or be overwritten by a local it binds."""
    found = set(parameters(func))
    for statement in func.body:
        for sub in ast.walk(statement):
            if isinstance(sub, ast.Name):
                found.add(sub.id)
            elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "cast" and sub.args:
                found |= _names_in(sub.args[0], annotation=True)  # a type, read in the function's scope
            elif isinstance(sub, ast.Import | ast.ImportFrom):
                found |= {(alias.asname or alias.name).split(".")[0] for alias in sub.names}
            elif isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                found |= _signature_names(sub) | {sub.name}
    return found


def free_names(func: FunctionNode) -> set[str]:
    """Names a function's body looks up outside itself (globals and builtins)."""
    local = set(parameters(func))
    read: set[str] = set()
    for statement in func.body:
        local |= _bound_by(statement)
        for sub in ast.walk(statement):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
                read.add(sub.id)
            elif isinstance(sub, ast.FunctionDef | ast.AsyncFunctionDef):
                read |= free_names(sub)
    return read - local


def class_scope_reads(cls: ast.ClassDef) -> set[str]:
    """Names a class body reads (mypy reads the annotations of its methods there too)."""
    found: set[str] = set()
    for statement in cls.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            found |= _signature_names(statement)
        elif isinstance(statement, ast.AnnAssign):
            found |= _names_in(statement.annotation, annotation=True) | _names_in(statement.value)
        else:
            found |= {n for n in _names_in(statement) if n not in _bound_by(statement)}
    return found


def class_scope_names(cls: ast.ClassDef) -> set[str]:
    """Names a class body reads or binds: a member of the same name, bound by the spec,
    would hide or replace them."""
    return class_scope_reads(cls) | class_members(cls)


def class_members(cls: ast.ClassDef) -> set[str]:
    """Names a class body binds: its methods and class attributes."""
    return union(_bound_by(statement) for statement in cls.body)


def methods_of(cls: ast.ClassDef) -> Iterator[FunctionNode]:
    yield from (s for s in cls.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef))


def classes_of(tree: ast.Module) -> Iterator[ast.ClassDef]:
    yield from (s for s in tree.body if isinstance(s, ast.ClassDef))


def functions_of(tree: ast.Module) -> Iterator[FunctionNode]:
    yield from (s for s in tree.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef))


def module_names(tree: ast.Module) -> set[str]:
    """Every name looked up in a module's global scope: what it binds at module level
    (``if TYPE_CHECKING:`` imports too), what module-level code and class bodies read,
    and what its functions read from outside themselves."""
    found: set[str] = set()
    for statement in tree.body:
        found |= _bound_by(statement)
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            found |= _signature_names(statement) | free_names(statement)
        elif isinstance(statement, ast.ClassDef):
            found |= class_scope_reads(statement)
            for method in methods_of(statement):
                found |= free_names(method)
        else:
            found |= _names_in(statement)
    return found


def union(sets: Iterable[set[str]]) -> set[str]:
    out: set[str] = set()
    for s in sets:
        out |= s
    return out
