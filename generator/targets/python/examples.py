"""Example values for the docs, and the Python code that passes them to the SDK.

Where a value comes from (first found wins):

1. the spec's example at that very place: a request body's or response's media-type
   ``example``/``examples``, a parameter's ``example``/``examples``, a property's
   ``example``, the ``x-example`` of a credential scheme passed as a parameter;
2. the example of the schema the place refers to (a model's own ``example``);
3. a value built from the type: a model from its fields (the required ones in request
   code, every one on the model's own page), an enum's first value, a list of one item,
   a map of one entry, and for anything else the placeholder below.

Placeholder rule (deterministic: the same name and type always give the same value,
never anything random). Let ``n`` be the number of ASCII letters and digits in the
name (the wire name of the field or parameter), modulo 10:

- string: the name followed by ``n`` (``client_id`` -> ``client_id8``, as on the
  source pages), cut to ``maxLength`` and padded with ``n`` up to ``minLength``; a
  string with a known ``format`` gets a fixed value of that shape instead
  (``date-time`` -> ``2006-01-02T15:04:05Z``, ``date`` -> ``2006-01-02``,
  ``email`` -> ``<name><n>@example.com``...);
- integer: ``n``; number: ``n + 0.5``; both moved inside ``minimum``/``maximum``;
- boolean: ``False``;
- a value of any type: the string placeholder.

Spec values reach the generated code only as Python literals made by
:func:`generator.render.py_value` (strings by ``repr``), and identifiers only from
:mod:`.naming`, so no example can inject code.
"""

from __future__ import annotations

import datetime
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...ir import Api, Body, Constraint, Field, Model, Parameter, Response, TypeKind, TypeRef
from ...naming import UniqueNames
from ...render import py_value
from .naming import KEYWORDS, PythonNames

LINE_LIMIT = 88
"""Lines of example code longer than this are split (black's default)."""

FORMAT_EXAMPLES = {
    "date-time": "2006-01-02T15:04:05Z",
    "date": "2006-01-02",
    "time": "15:04:05",
    "duration": "P1D",
}


def digit(name: str) -> int:
    """The placeholder digit of ``name``: how many ASCII letters and digits it has, modulo 10."""
    return sum(1 for ch in name if ch.isascii() and ch.isalnum()) % 10


def placeholder(name: str, t: TypeRef, constraints: Iterable[Constraint] = ()) -> Any:
    """The placeholder value (as JSON) for a primitive named ``name`` (see the module docs)."""
    limits = {c.keyword: c.value for c in constraints}
    n = digit(name)
    base = name or "value"
    if t.kind is TypeKind.BOOLEAN:
        return False
    if t.kind in (TypeKind.INTEGER, TypeKind.NUMBER):
        number: float = n if t.kind is TypeKind.INTEGER else n + 0.5
        number = _within(number, limits, integer=t.kind is TypeKind.INTEGER)
        return int(number) if t.kind is TypeKind.INTEGER else float(number)
    fmt = (t.format or "").lower()
    if fmt in FORMAT_EXAMPLES:
        return FORMAT_EXAMPLES[fmt]
    if fmt == "uuid":
        return str(uuid.uuid5(uuid.NAMESPACE_URL, base))
    if fmt == "email":
        return f"{base}{n}@example.com"
    if fmt in ("uri", "url"):
        return f"https://example.com/{base}{n}"
    text = f"{base}{n}"
    max_length = limits.get("maxLength")
    min_length = limits.get("minLength")
    if isinstance(max_length, int) and max_length >= 0:
        text = text[:max_length]
    if isinstance(min_length, int) and len(text) < min_length:
        text += str(n) * (min_length - len(text))
    return text


def _within(number: float, limits: dict[str, Any], integer: bool) -> float:
    step = 1 if integer else 0.5
    low, high = limits.get("minimum"), limits.get("maximum")
    if isinstance(limits.get("exclusiveMinimum"), int | float) and not isinstance(limits["exclusiveMinimum"], bool):
        low = limits["exclusiveMinimum"] + step
    if isinstance(limits.get("exclusiveMaximum"), int | float) and not isinstance(limits["exclusiveMaximum"], bool):
        high = limits["exclusiveMaximum"] - step
    if isinstance(low, int | float) and number < low:
        number = math.ceil(low) if integer else low
    if isinstance(high, int | float) and number > high:
        number = math.floor(high) if integer else high
    return number


def jsonable(value: Any) -> Any:
    """A spec value as plain JSON: YAML dates become ISO strings, non-finite numbers None."""
    if isinstance(value, datetime.datetime):
        text = value.isoformat()
        return text.replace("+00:00", "Z") if value.tzinfo is not None else text
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@dataclass(frozen=True)
class ExampleValues:
    """Example values (plain JSON) for the places of one API."""

    api: Api

    def of_type(
        self, t: TypeRef, name: str, constraints: Iterable[Constraint] = (), seen: frozenset[str] = frozenset()
    ) -> Any:
        """A value of type ``t`` for a place named ``name`` that has no example of its own."""
        if t.kind is TypeKind.MODEL and t.name in self.api.models:
            return self.of_model(self.api.models[t.name], every_field=False, seen=seen)
        if t.kind is TypeKind.ENUM and t.name in self.api.enums:
            values = self.api.enums[t.name].values
            return values[0].value if values else placeholder(name, TypeRef(TypeKind.STRING))
        if t.kind is TypeKind.ARRAY:
            item = t.item or TypeRef(TypeKind.ANY)
            return [self.of_type(item, name, (), seen)]
        if t.kind is TypeKind.MAP:
            item = t.item or TypeRef(TypeKind.ANY)
            return {f"key{digit(name)}": self.of_type(item, name, (), seen)}
        if t.kind is TypeKind.UNION and t.members:
            return self.of_type(t.members[0], name, constraints, seen)
        return placeholder(name, t, constraints)

    def of_model(self, model: Model, every_field: bool, seen: frozenset[str] = frozenset()) -> Any:
        """The model's own example, else one built from its fields (all, or the required ones)."""
        if model.has_example:
            return jsonable(model.example)
        if model.name in seen:  # a model that contains itself: stop here
            return None
        inner = seen | {model.name}
        return {f.name: self.of_field(f, inner) for f in model.fields if every_field or f.required}

    def of_field(self, f: Field, seen: frozenset[str] = frozenset()) -> Any:
        """A field's example, else a value of its type."""
        if f.has_example:
            return jsonable(f.example)
        return self.of_type(f.type, f.name, f.constraints, seen)

    def of_parameter(self, p: Parameter) -> Any:
        """A parameter's example (or its credential scheme's ``x-example``), else a value of its type."""
        if p.has_example:
            return jsonable(p.example)
        return self.of_type(p.type, p.name, p.constraints)

    def of_body(self, body: Body) -> Any:
        """A request body's example, else its model's, else one built from its required fields."""
        if body.has_example:
            return jsonable(body.example)
        return self.of_type(body.type, "body")

    def of_response(self, response: Response) -> Any:
        """A response's example, else its model's, else one built from its required fields."""
        if response.has_example:
            return jsonable(response.example)
        return None if response.type is None else self.of_type(response.type, "response")


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


@dataclass(frozen=True)
class Argument:
    """One argument of an example call: the variable holding it and how it is passed."""

    variable: str
    parameter: str
    value: list[str]  # lines of the expression
    keyword: bool


@dataclass(frozen=True)
class Snippet:
    """Example code: what it imports (module -> names), the statements that make the
    arguments, and the ``try`` block that calls the method, blocking and awaited."""

    imports: dict[str, tuple[str, ...]]
    arguments: tuple[str, ...]
    call: tuple[str, ...]
    awaited_call: tuple[str, ...]  # for an AsyncClient, laid out for ASYNC_BODY_INDENT
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
    reserved = {"result", "e", "client", api_variable, "ApiError", "Client", "print", *code.imports}
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

    def loop(awaited: bool, indent: int) -> tuple[str, ...]:
        call = _call(f"{api_variable}.{method}", passed, indent=indent + 4)
        head = _suffixed(_prefixed("async for item in " if awaited else "for item in ", call), ":")
        return (*head, "    print(item)")

    return Snippet(
        imports,
        tuple(lines),
        try_block(False, 0),
        try_block(True, ASYNC_BODY_INDENT),
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
