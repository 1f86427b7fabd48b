"""Example C# code that passes example values (:mod:`generator.targets.example_values`) to the SDK,
in the shape of the seed page's Example Usage blocks.

Spec values reach the code only as C# literals made by :func:`.escape.cs_value` (strings
escaped by :func:`.escape.cs_str`), or inside a string literal given to ``Json.Parse``;
identifiers only from :mod:`.naming`. No example can inject code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ...model.ir import Api, Field, Model, TypeKind, TypeRef
from ...model.naming import UniqueNames
from ..example_values import ExampleValues
from .escape import cs_str, cs_value
from .naming import CSharpNames, escaped
from .types import cs_type

INDENT = "    "


@dataclass
class _Code:
    """C# expressions for example values."""

    api: Api
    names: CSharpNames
    values: ExampleValues
    filling: set[str] = field(default_factory=set)  # models whose missing required fields are being made up

    def expression(self, value: Any, t: TypeRef | None) -> list[str]:
        """Lines of a C# expression for ``value`` as a ``t``; continuation lines indented
        relative to the first."""
        if t is None:
            return [self._json(value)]
        if value is None:
            return ["null"]
        if t.kind is TypeKind.MODEL and isinstance(value, dict) and t.name in self.api.models:
            return self._builder(self.api.models[t.name], value)
        if t.kind is TypeKind.ARRAY and isinstance(value, list):
            item = t.item or TypeRef(TypeKind.ANY)
            items = [self.expression(v, item) for v in value]
            return self._collection(f"new List<{self._type(item)}>", items)
        if t.kind is TypeKind.MAP and isinstance(value, dict):
            item = t.item or TypeRef(TypeKind.ANY)
            entries = [_wrap(f"{{ {cs_str(k)}, ", self.expression(v, item), " }") for k, v in value.items()]
            return self._collection(f"new Dictionary<string, {self._type(item)}>", entries)
        text = self._type(t).removesuffix("?")
        if isinstance(value, bool) and text == "bool":
            return [cs_value(value)]
        if isinstance(value, int | float) and not isinstance(value, bool) and text in ("int", "long", "double"):
            if text == "long":
                return [f"{int(value)}L"] if float(value).is_integer() else [self._json(value)]
            if text == "int" and float(value).is_integer() and -(2**31) <= value < 2**31:
                return [str(int(value))]
            if text == "double":
                return [cs_value(float(value))]
        if isinstance(value, str) and text == "string":
            return [cs_str(value)]
        return [self._json(value)]

    def _type(self, t: TypeRef) -> str:
        return cs_type(t, self.names, self.api)

    def _json(self, value: Any) -> str:
        """Any JSON value, as the runtime's reader makes it (an ``object``)."""
        if value is None or isinstance(value, str | bool):
            return cs_value(value)
        return f"Json.Parse({cs_str(json.dumps(value, ensure_ascii=False))})"

    def _collection(self, head: str, items: list[list[str]]) -> list[str]:
        if not items:
            return [f"{head}()"]
        if all(len(i) == 1 for i in items) and sum(len(i[0]) for i in items) < 60:
            return [f"{head} {{ {', '.join(i[0] for i in items)} }}"]
        body = [line for i in items for line in _suffixed(i, ",")]
        return [head, "{", *_indent(body), "}"]

    def _made_up(self, model: Model, f: Field) -> list[str]:
        if model.name in self.filling:
            return ["null"]
        self.filling.add(model.name)
        try:
            return self.expression(self.values.of_field(f), f.type)
        finally:
            self.filling.discard(model.name)

    def _builder(self, model: Model, value: dict[str, Any]) -> list[str]:
        own = self.names.of_type(model.name)
        required = [f for f in model.fields if f.required and not f.read_only and not f.write_only]
        args = [
            self.expression(value[f.name], f.type) if f.name in value else self._made_up(model, f) for f in required
        ]
        setters = [
            _wrap(f".{own.fields[f.name]}(", self.expression(value[f.name], f.type), ")")
            for f in model.fields
            if f not in required and f.name in value and not f.read_only
        ]
        head = f"new {own.class_name}.Builder"
        if not args:
            start = [f"{head}()"]
        elif len(args) == 1 and len(args[0]) == 1:
            start = [f"{head}({args[0][0]})"]
        else:  # the seed's layout: one argument per line, indented twice
            body = [line for a in args for line in _suffixed(a, ",")]
            body[-1] = body[-1].removesuffix(",") + ")"
            start = [f"{head}(", *_indent(_indent(body))]
        return [*start, *_indent([line for s in setters for line in s]), INDENT + ".Build()"]


def usage_example(
    api: Api,
    names: CSharpNames,
    variable: str,
    method: str,
    arguments: list[tuple[str, str, Any, TypeRef | None, bool]],
    result_type: str | None,
) -> str:
    """The Example Usage code of one method, in the seed's shape.

    ``arguments`` are (parameter name, its C# type, example value, IR type, passed by
    name) in call order. Each argument is a local named after its parameter (``string
    clientId = "client_id8";``, ``var body = new X.Builder()...``), then the call in a
    ``try`` block whose ``catch`` takes :class:`ApiException`. The code expects
    ``variable`` to be defined (the page's first block: ``IOAuthApi oAuthApi = client.OAuthApi;``)
    and the namespaces of the SDK, its models and exceptions imported.
    """
    code = _Code(api, names, ExampleValues(api))
    locals_ = UniqueNames(frozenset({"result", "e", "client", variable.lstrip("@")}), sep="")
    lines: list[str] = []
    passed: list[str] = []
    for name, type_text, value, t, by_name in arguments:
        local = escaped(locals_.take(name.lstrip("@")))
        expression = code.expression(value, t)
        simple = type_text.removesuffix("?") in ("string", "int", "long", "double", "bool")
        declared = type_text.removeprefix("Models.") if simple else "var"
        if expression == ["null"]:
            declared = type_text.replace("Models.", "")
        lines += _wrap(f"{declared} {local} = ", expression, ";")
        passed.append(f"{name}: {local}" if by_name else local)
    if lines:
        lines.append("")
    call = f"await {variable}.{method}({', '.join(passed)});"
    statement = f"{result_type.replace('Models.', '')} result = {call}" if result_type else call
    lines += ["try", "{", INDENT + statement, "}", "catch (ApiException e){};"]
    return "\n".join(lines)


def _wrap(prefix: str, lines: list[str], suffix: str) -> list[str]:
    lines = [prefix + lines[0], *lines[1:]]
    return [*lines[:-1], lines[-1] + suffix]


def _suffixed(lines: list[str], suffix: str) -> list[str]:
    return [*lines[:-1], lines[-1] + suffix]


def _indent(lines: list[str]) -> list[str]:
    return [INDENT + line if line else line for line in lines]
