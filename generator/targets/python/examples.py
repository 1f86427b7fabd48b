"""Example Python code that passes example values to the SDK.

The values come from :mod:`generator.targets.example_values` (the same for every target).
Spec values reach the generated code only as Python literals made by
:func:`.literals.py_value` (strings by ``repr``), and identifiers only from
:mod:`.naming`, so no example can inject code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...model.ir import Api, Field, Model, TypeKind, TypeRef
from ...model.naming import UniqueNames
from ..example_values import ExampleValues
from ..view import view
from .literals import py_value
from .naming import KEYWORDS, PythonNames

LINE_LIMIT = 88
"""Lines of example code longer than this are split (black's default)."""


@dataclass
class _Code:
    """Python expressions for example values, and the model classes they need imported."""

    api: Api
    names: PythonNames
    values: ExampleValues
    imports: set[str] = field(default_factory=set)
    filling: set[str] = field(default_factory=set)  # models whose missing required fields are being made up

    def expression(self, value: Any, t: TypeRef | None) -> list[str]:
        """Lines of a Python expression for ``value`` as a ``t``; continuation lines are
        indented relative to the first line."""
        if value is None or t is None:
            return [py_value(value)]
        if t.kind is TypeKind.MODEL and isinstance(value, dict) and t.name in self.api.models:
            return self._builder(self.api.models[t.name], value)
        if t.kind is TypeKind.ENUM and t.name in self.api.enums:
            members = self.names.of_type(t.name).members
            if isinstance(value, str | int) and not isinstance(value, bool) and value in members:
                class_name = self.names.of_type(t.name).class_name
                self.imports.add(class_name)
                return [f"{class_name}.{members[value]}"]
        if t.kind is TypeKind.ARRAY and isinstance(value, list) and t.item is not None:
            return _bracketed("[", [self.expression(v, t.item) for v in value], "]")
        if t.kind is TypeKind.MAP and isinstance(value, dict) and t.item is not None:
            entries = [_prefixed(f"{py_value(k)}: ", self.expression(v, t.item)) for k, v in value.items()]
            return _bracketed("{", entries, "}")
        if t.kind is TypeKind.UNION:
            return self.expression(value, self._union_member(t, value))
        return [py_value(value)]

    def _union_member(self, t: TypeRef, value: Any) -> TypeRef | None:
        """The member of a union an example value stands for: by discriminator, else by JSON type."""
        models = [m for m in t.members if m.kind is TypeKind.MODEL]
        if isinstance(value, dict) and t.discriminator is not None:
            chosen = dict(t.discriminator.mapping).get(str(value.get(t.discriminator.property)))
            return next((m for m in models if m.name == chosen), None)
        if isinstance(value, dict):
            return next(iter(models), None)
        if isinstance(value, list):
            return next((m for m in t.members if m.kind is TypeKind.ARRAY), None)
        return None

    def _made_up(self, model: Model, f: Field) -> list[str]:
        """A required field the example leaves out; ``None`` where making one up recurses
        (a model that requires itself, whose own example leaves that field out too)."""
        if model.name in self.filling:
            return ["None"]
        self.filling.add(model.name)
        try:
            return self.expression(self.values.of_field(f), f.type)
        finally:
            self.filling.discard(model.name)

    def _builder(self, model: Model, value: dict[str, Any]) -> list[str]:
        own = self.names.of_type(model.name)
        self.imports.add(own.class_name)
        args = [
            self.expression(value[f.name], f.type) if f.name in value else self._made_up(model, f)
            for f in model.fields
            if f.required
        ]
        start = _call(f"{own.class_name}.builder", args)
        setters = [
            _call(f".{own.fields[f.name]}", [self.expression(value[f.name], f.type)])
            for f in model.fields
            if not f.required and f.name in value
        ]
        if not setters:
            return [*start[:-1], start[-1] + ".build()"]
        chain = [*start, *(line for setter in setters for line in setter), ".build()"]
        return ["(", *_indent(chain), ")"]


# Views (see generator.targets.view): compared by identity, frozen to mypy alone.
@view
class Argument:
    """One argument of an example call: the variable holding it and how it is passed."""

    variable: str
    parameter: str
    value: list[str]  # lines of the expression
    keyword: bool


@view
class Snippet:
    """Example code: what it imports (module -> names), the statements that make the
    arguments, and the ``try`` block that calls the method, blocking and awaited."""

    imports: dict[str, tuple[str, ...]]
    arguments: tuple[str, ...]
    call: tuple[str, ...]
    awaited_call: tuple[str, ...]  # for an AsyncClient, laid out for ASYNC_BODY_INDENT
    raw_call: tuple[str, ...]  # the blocking call through ``with_raw_response``
    loop: tuple[str, ...] = ()  # a paged method: ``for item in <call>: print(item)``
    async_loop: tuple[str, ...] = ()  # the same with ``async for``, laid out for ASYNC_BODY_INDENT

    @property
    def statements(self) -> tuple[str, ...]:
        """The arguments, then the blocking call."""
        return (*self.arguments, "", *self.call) if self.arguments else self.call

    def code(
        self,
        preamble: Iterable[str] = (),
        extra_imports: Mapping[str, Iterable[str]] | None = None,
        paging: bool = False,
    ) -> str:
        """The snippet as a script: imports (with ``extra_imports``), then ``preamble``
        lines, then the statements (with ``paging``, the loop over every item instead
        of the call)."""
        lines = self._imports(extra_imports, paging)
        preamble = list(preamble)
        statements = ((*self.arguments, "", *self.loop) if self.arguments else self.loop) if paging else self.statements
        return "\n".join([*lines, "", *([*preamble, ""] if preamble else []), *statements])

    def raw_code(self, preamble: Iterable[str] = (), extra_imports: Mapping[str, Iterable[str]] | None = None) -> str:
        """:meth:`code`, calling the method through ``with_raw_response``."""
        lines = self._imports(extra_imports)
        preamble = list(preamble)
        statements = (*self.arguments, "", *self.raw_call) if self.arguments else self.raw_call
        return "\n".join([*lines, "", *([*preamble, ""] if preamble else []), *statements])

    def async_code(
        self,
        opening: Sequence[str],
        intro: str,
        extra_imports: Mapping[str, Iterable[str]] | None = None,
        paging: bool = False,
    ) -> str:
        """The snippet as an asyncio script: imports, the arguments, then ``async def
        main()`` that opens the client with ``opening`` (an ``async with`` statement),
        runs ``intro`` and awaits the call (with ``paging``, iterates over every item);
        ``asyncio.run(main())`` runs it."""
        body = [*opening, *_indent([intro, *(self.async_loop if paging else self.awaited_call)])]
        lines = ["import asyncio", "", *self._imports(extra_imports, paging), ""]
        if self.arguments:
            lines += [*self.arguments, ""]
        lines += ["", "async def main() -> None:", *_indent(body), "", "", "asyncio.run(main())"]
        return "\n".join(lines)

    def _imports(self, extra_imports: Mapping[str, Iterable[str]] | None, paging: bool = False) -> list[str]:
        unused = {"ApiError"} if paging else set()  # the loop catches nothing
        imports = {module: set(names) - unused for module, names in self.imports.items()}
        imports = {module: names for module, names in imports.items() if names}
        for module, names in (extra_imports or {}).items():
            imports.setdefault(module, set()).update(names)
        return [line for module in sorted(imports) for line in _import(module, sorted(imports[module]))]


ASYNC_BODY_INDENT = 8
"""Where :meth:`Snippet.async_code` puts the awaited call: in ``main()``, in ``async with``."""


def usage_snippet(
    api: Api,
    names: PythonNames,
    package: str,
    api_variable: str,
    method: str,
    arguments: list[tuple[str, Any, TypeRef | None, bool]],
) -> Snippet:
    """The Example Usage code of one method.

    ``arguments`` are (parameter name, example value, type, passed by keyword) in call
    order. The snippet imports what it uses, assigns each argument to a variable named
    after its parameter, calls ``<api_variable>.<method>(...)`` in a ``try`` block, prints
    the result, and catches :class:`ApiError`. It expects ``api_variable`` to be defined
    (the group page's intro block does: ``o_auth_api = client.o_auth``).
    """
    code = _Code(api, names, ExampleValues(api))
    expressions = [(name, code.expression(value, t), keyword) for name, value, t, keyword in arguments]
    reserved = {"result", "raw", "e", "client", api_variable, "ApiError", "Client", "print", *code.imports}
    reserved |= {"asyncio", "main", "AsyncClient"}  # what the asyncio form adds
    variables = UniqueNames(frozenset(KEYWORDS | reserved))
    args = [Argument(variables.take(name), name, lines, keyword) for name, lines, keyword in expressions]

    imports: dict[str, tuple[str, ...]] = {package: ("ApiError",)}
    if code.imports:
        imports[f"{package}.models"] = tuple(sorted(code.imports))
    lines: list[str] = []
    for arg in args:
        lines += _prefixed(f"{arg.variable} = ", arg.value)
    passed = [[f"{a.parameter}={a.variable}" if a.keyword else a.variable] for a in args]

    def try_block(awaited: bool, indent: int) -> tuple[str, ...]:
        call = _call(f"{'await ' if awaited else ''}{api_variable}.{method}", passed, indent=indent + 4)
        caught = ["except ApiError as e:", "    print(e.status_code, e.errors)"]
        return ("try:", *_indent(_prefixed("result = ", call)), "    print(result)", *caught)

    def raw_try_block() -> tuple[str, ...]:
        call = _call(f"{api_variable}.with_raw_response.{method}", passed, indent=4)
        shown = ['    print(raw.status_code, raw.headers.get("Content-Type"))', "    result = raw.parse()"]
        caught = ["except ApiError as e:", "    print(e.status_code, e.errors)"]
        return ("try:", *_indent(_prefixed("raw = ", call)), *shown, "    print(result)", *caught)

    def loop(awaited: bool, indent: int) -> tuple[str, ...]:
        call = _call(f"{api_variable}.{method}", passed, indent=indent + 4)
        head = _suffixed(_prefixed("async for item in " if awaited else "for item in ", call), ":")
        return (*head, "    print(item)")

    return Snippet(
        imports,
        tuple(lines),
        try_block(False, 0),
        try_block(True, ASYNC_BODY_INDENT),
        raw_try_block(),
        loop(False, 0),
        loop(True, ASYNC_BODY_INDENT),
    )


def _import(module: str, names: list[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LIMIT:
        return [line]
    return [f"from {module} import (", *(f"    {n}," for n in names), ")"]


def _call(head: str, args: list[list[str]], indent: int = 0) -> list[str]:
    """``head(args)`` on one line if it fits, else one argument per line."""
    if all(len(a) == 1 for a in args):
        line = f"{head}({', '.join(a[0] for a in args)})"
        if indent + len(line) <= LINE_LIMIT:
            return [line]
    if not args:
        return [f"{head}()"]
    body = [line for a in args for line in _suffixed(a, ",")]
    return [f"{head}(", *_indent(body), ")"]


def _bracketed(open_: str, items: list[list[str]], close: str) -> list[str]:
    if all(len(i) == 1 for i in items):
        line = f"{open_}{', '.join(i[0] for i in items)}{close}"
        if len(line) <= LINE_LIMIT:
            return [line]
    return [open_, *_indent([line for i in items for line in _suffixed(i, ",")]), close]


def _prefixed(prefix: str, lines: list[str]) -> list[str]:
    return [prefix + lines[0], *lines[1:]]


def _suffixed(lines: list[str], suffix: str) -> list[str]:
    return [*lines[:-1], lines[-1] + suffix]


def _indent(lines: list[str]) -> list[str]:
    return [f"    {line}" if line else line for line in lines]
