"""Example values for the docs of every target (plain JSON values; each target writes them in its language).

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
- boolean: false;
- a value of any type: the string placeholder.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import field
from typing import Any

from ..immutable import immutable
from ..model.ir import Api, Body, Constraint, Field, Model, Parameter, TypeKind, TypeRef

FORMAT_EXAMPLES = {
    "date-time": "2006-01-02T15:04:05Z",
    "date": "2006-01-02",
    "time": "15:04:05",
    "duration": "P1D",
}


MAX_MODEL_NESTING = 10
"""How deeply a made-up example nests models: below that, a model field is ``None``, as
in a model that contains itself. A spec may chain models as long as it likes (each
requiring the next); an example thousands of levels deep helps no reader, and would not
even be valid Python (whose parser allows 200 levels of brackets)."""


@functools.lru_cache(maxsize=1 << 14)
def digit(name: str) -> int:
    """The placeholder digit of ``name``: how many ASCII letters and digits it has, modulo 10
    (remembered: a big API's examples name the same fields again and again)."""
    return len(_LETTERS_AND_DIGITS.findall(name)) % 10


_LETTERS_AND_DIGITS = re.compile(r"[A-Za-z0-9]")


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
        import uuid  # here: a spec with no uuid field does not import it (nor ``platform``, which it imports)

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


@immutable
class _Reach:
    """What a model's made-up example (its required fields, see
    :meth:`ExampleValues.of_model`) is built from: the models it nests, and how deep."""

    depth: int
    """How many levels of models nest below it (0: none)."""
    models: frozenset[str]
    """Every model it nests, at any depth."""


@immutable
class ExampleValues:
    """Example values (plain JSON) for the places of one API.

    A model's made-up example is the same wherever it nests, unless the path to it
    matters: a model on that path that it nests again (made ``None``), or a path so
    deep that nesting is cut (:data:`MAX_MODEL_NESTING`). Each example that neither
    can touch is made once and shared (the values are only read); on GitHub's spec the
    model pages made the same nested examples again and again, 6 % of a run.
    """

    api: Api
    _made: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    _reach: dict[str, _Reach | None] = field(default_factory=dict, compare=False, repr=False)

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
        if model.name in seen or len(seen) >= MAX_MODEL_NESTING:  # a model that contains itself, or too deep
            return None
        shared = None if every_field else self._shareable(model)
        if shared is not None and len(seen) + shared.depth < MAX_MODEL_NESTING and shared.models.isdisjoint(seen):
            made = self._made.get(model.name)
            if made is None:
                made = self._made[model.name] = {
                    f.name: self.of_field(f, frozenset({model.name})) for f in model.fields if f.required
                }
            return made
        inner = seen | {model.name}
        return {f.name: self.of_field(f, inner) for f in model.fields if every_field or f.required}

    def _shareable(self, model: Model, depth: int = 0) -> _Reach | None:
        """What ``model``'s example of required fields nests, when that is the same on
        every path: None when it nests a model that nests itself, or nests deeper than
        :data:`MAX_MODEL_NESTING` (``depth``: how deep this look has gone, so that a long
        chain of models is never followed further than that)."""
        if model.name in self._reach:
            return self._reach[model.name]
        if depth > MAX_MODEL_NESTING:
            return None  # not remembered: the answer may be another from nearer the top
        self._reach[model.name] = None  # while it is looked at: met again below, it nests itself
        nested: set[str] = set()
        deepest = 0
        for f in model.fields:
            if not f.required or f.has_example:
                continue
            for name in self._models_of(f.type):
                inner = self.api.models[name]
                if inner.has_example:
                    continue
                reach = self._shareable(inner, depth + 1)
                if reach is None:
                    if depth + 1 > MAX_MODEL_NESTING:
                        del self._reach[model.name]  # cut short: not an answer to remember
                    return None
                nested |= reach.models | {name}
                deepest = max(deepest, reach.depth + 1)
        reach = _Reach(deepest, frozenset(nested)) if deepest < MAX_MODEL_NESTING else None
        self._reach[model.name] = reach
        return reach

    def _models_of(self, t: TypeRef) -> list[str]:
        """The models :meth:`of_type` makes an example of for a value of type ``t``."""
        while True:
            if t.kind is TypeKind.MODEL:
                return [t.name] if t.name in self.api.models else []
            if t.kind in (TypeKind.ARRAY, TypeKind.MAP):
                t = t.item or TypeRef(TypeKind.ANY)
            elif t.kind is TypeKind.UNION and t.members:
                t = t.members[0]
            else:
                return []

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
