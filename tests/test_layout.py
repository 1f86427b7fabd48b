"""The code layout we write without black is black's: for lines of every length.

:mod:`sdkforge.targets.python.layout` makes black's choices for the bracket shapes
our templates emit; :func:`sdkforge.targets.python.format.needs_black` sends a file to black when a
line is left too long. Together they must give exactly what black gives, whatever the
lengths of the names a spec brings; hypothesis draws the names.
"""

from __future__ import annotations

import os
import re

import black
from black.mode import TargetVersion
from code_shapes import codec, long_type_name
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdkforge.targets.python import layout, literals
from sdkforge.targets.python.format import needs_black

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=layout.LINE_LENGTH)

name = st.text("abcxyz_", min_size=1, max_size=40).map(lambda s: "n" + s)
type_name = st.text("ABCxyz", min_size=1, max_size=70).map(lambda s: "T" + s)
annotation = st.one_of(
    type_name,
    type_name.map(lambda t: f"list[{t}]"),
    st.tuples(type_name, type_name).map(lambda ts: f"dict[{ts[0]}, {ts[1]}] | None"),
    st.tuples(type_name, type_name).map(lambda ts: f"dict[str, {ts[0]} | dict[str, {ts[1]} | str]]"),
)
string = st.text("abc -_/{}", max_size=60).map(lambda s: '"' + s + '"')
parameters = st.lists(
    st.tuples(name, annotation, st.sampled_from(["", " | Unset = UNSET", " = None"])).map(
        lambda p: f"{p[0]}: {p[1]}{p[2]}"
    ),
    min_size=0,
    max_size=6,
)


def _as_black_would_leave_it(source: str) -> None:
    """Either black leaves ``source`` exactly as it is, or the format stage gives it to black."""
    assert needs_black(source) or black.format_str(source, mode=MODE) == source


EXAMPLES = settings(
    max_examples=int(os.environ.get("SDKFORGE_LAYOUT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@EXAMPLES
@given(name, parameters, annotation)
def test_defs(function, params, returns):
    method = "    " + layout.bracket(4, f"def {function}(", ["self", *params], f") -> {returns}:")
    function_ = layout.bracket(0, f"async def {function}(", params, f") -> {returns}:")
    _as_black_would_leave_it(f"class C:\n{method}\n        pass\n\n\n{function_}\n    pass\n")


@EXAMPLES
@given(name, st.lists(st.one_of(name, string), min_size=1, max_size=6), st.integers(0, 3))
def test_calls_and_dict_literals(function, args, depth):
    pad = "    " * depth
    call = layout.bracket(4 * depth + 4, f"x = {function}(", args, ")")
    pairs = [f"{a}: {b}" for a, b in zip(args, reversed(args), strict=True)]
    literal = layout.bracket(4 * depth + 4, "y = {", pairs, "}", collection=True)
    nested = "".join(f"{'    ' * i}if True:\n" for i in range(depth))
    _as_black_would_leave_it(f"{nested}{pad}if True:\n{pad}    {call}\n{pad}    {literal}\n")


@EXAMPLES
@given(st.lists(name, min_size=1, max_size=12), name, st.sampled_from([0, 4]))
def test_imports(names, module, indent):
    statement = layout.import_from("." + module, sorted(set(names)), indent)
    source = f"if True:\n    {statement}\n" if indent else statement + "\n"
    _as_black_would_leave_it(source)


@EXAMPLES
@given(name, annotation, st.sampled_from([None, "UNSET"]), name, string)
def test_fields_and_assignments(field, type_, default, constant, value):
    annotated = layout.annotated(4, field, type_, default)
    assigned = layout.assign(4, constant.upper(), value)
    _as_black_would_leave_it(f"class C:\n    {annotated}\n    {assigned}\n")


@EXAMPLES
@given(st.lists(st.text("abc \"'x\\", min_size=1, max_size=90), min_size=1, max_size=3), st.booleans())
def test_docstrings(paragraphs, closing_line):
    body = literals.docstring("\n\n".join(paragraphs), 4)
    _as_black_would_leave_it(f"class C:\n    {layout.docstring(body, 4, closing_line)}\n")


@EXAMPLES
@given(type_name, type_name, name, st.lists(name, max_size=3))
def test_long_lines_left_to_stand_are_those_black_cannot_split(key, value, function, args):
    """:func:`needs_black` lets a long line through only when black would leave it too."""
    method = layout.bracket(4, f"def {function}(", ["self"], f") -> {key}{value}{key}:")
    returns = layout.bracket(8, f"return {key}{value}._seeded(", ["self", *args], ")")
    source = (
        f'x = {{\n    "{key}": "{value}{value}",\n}}\ny = [\n    {key}{value},\n]\n\n\n'
        f"class C:\n    {method}\n        {returns}\n"
    )
    _as_black_would_leave_it(source)


@EXAMPLES
@given(st.lists(st.tuples(codec, st.booleans()), min_size=1, max_size=4), st.integers(0, 3))
def test_long_items_of_exploded_calls(arguments, depth):
    codecs = [f"codec={c}" if keyword else c for c, keyword in arguments]
    pad = "    " * depth
    call = layout.bracket(4 * depth + 4, "x = Field(", ['"name"', *codecs, "required=True"], ")")
    nested = "".join(f"{'    ' * i}if True:\n" for i in range(depth))
    _as_black_would_leave_it(f"{nested}{pad}if True:\n{pad}    {call}\n")


short_parameters = st.lists(
    st.tuples(name, st.sampled_from(["int", "str | None", "list[str] | Unset = UNSET"])).map(": ".join), max_size=4
)


@EXAMPLES
@given(name, short_parameters, st.integers(70, 100).map(lambda n: "T" + "x" * (n - 1)), st.booleans())
def test_defs_returning_a_long_name(function, params, returns, method):
    """A def whose closing line returns a name too long for it: black puts the name in
    parentheses on a line of its own when it fits there, or when there are no
    parameters; else it leaves the line as it is."""
    if method:
        source = "class C:\n    " + layout.bracket(4, f"def {function}(", ["self", *params], f") -> {returns}:")
        source += "\n        pass\n"
    else:
        source = layout.bracket(0, f"def {function}(", params, f") -> {returns}:") + "\n    pass\n"
    assert not needs_black(source)
    assert black.format_str(source, mode=MODE) == source


@EXAMPLES
@given(long_type_name, st.integers(0, 3))
def test_long_returned_calls_and_assigned_names(value, depth):
    pad = "    " * (depth + 1)
    returned = layout.bracket(4 * depth + 4, f"return {value}(", [], ")")
    assigned = layout.assign(4 * depth + 4, "_model", value)
    nested = "".join(f"{'    ' * i}def f{i}():\n" for i in range(depth + 1))
    source = f"{nested}{pad}{assigned}\n{pad}{returned}\n"
    assert not needs_black(source)
    assert black.format_str(source, mode=MODE) == source


long_hint = st.recursive(
    long_type_name,
    lambda inner: st.one_of(
        inner.map(lambda t: f"list[{t}]"),
        st.lists(inner, min_size=2, max_size=3).map(" | ".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda ts: f"list[{' | '.join(ts)}]"),
        inner.map(lambda t: f"dict[str, {t}]"),
    ),
    max_leaves=4,
)
"""Type hints with long names: unions, lists and dicts of them, nested."""


@EXAMPLES
@given(name, long_hint, st.integers(1, 3), st.sampled_from([None, "UNSET"]))
def test_long_type_hints_of_fields_and_parameters(field, hint, depth, default):
    pad = "    " * depth
    attribute = layout.annotated(4 * depth, field, hint, default)
    parameter = layout.bracket(4 * depth, "def f(", ["self", f"{field}: {hint}"], ") -> None:")
    nested = "".join(f"{'    ' * i}class C{i}:\n" for i in range(depth))
    _as_black_would_leave_it(f"{nested}{pad}{attribute}\n\n{pad}{parameter}\n{pad}    pass\n")


@EXAMPLES
@given(long_type_name, long_hint, parameters)
def test_a_builder_of_a_long_model_name(model, hint, params):
    builder = layout.bracket(0, f"class {model}Builder(", [f"Builder[{model}]"], "):")
    generic = layout.bracket(0, "class Other(", [f"Base[{hint}]"], "):")
    function = layout.bracket(0, f"def make_{model.lower()}(", params, f") -> {model}:")
    _as_black_would_leave_it(f"{builder}\n    pass\n\n\n{generic}\n    pass\n\n\n{function}\n    pass\n")


@EXAMPLES
@given(type_name, type_name, annotation)
def test_a_page_class_of_two_bases(page, response, item):
    # a paged method's page class: its response model and the page of its items
    page_class = layout.bracket(0, f"class {page}Page(", [f"{response}Response", f"SyncPage[{item}]"], "):")
    _as_black_would_leave_it(f"{page_class}\n    pass\n")


member_name = st.tuples(st.text("ABCxyz", min_size=1, max_size=4), st.integers(45, 82)).map(
    lambda p: ("T" + p[0] * 82)[: p[1]]
)
"""A type name of 45 to 82 characters: a subscript of it is often too long for its line."""
subscript_member = st.tuples(
    st.sampled_from(["Sequence[", "list[", "Mapping[str, ", "dict[str, list["]), member_name
).map(lambda p: p[0] + p[1] + "]" * p[0].count("["))
"""A union's member that ends in a subscript of a long name: ``Sequence[Name]``, ``dict[str, list[Name]]``..."""


@EXAMPLES
@given(
    name,
    st.lists(st.one_of(subscript_member, st.sampled_from(["Unset", "None"]), member_name), min_size=2, max_size=3),
    st.sampled_from([None, "UNSET"]),
    st.integers(1, 3),
)
def test_union_members_too_long_for_their_line_split_at_their_subscript(field, members, default, depth):
    """A field's union split one member a line (Square's ``allowed_selections: (Sequence[...]
    | Unset) = UNSET``): a member ending in a subscript too long for its line is split there,
    as black splits it, so that the file needs no black."""
    pad = "    " * depth
    attribute = layout.annotated(4 * depth, field, " | ".join(members), default)
    nested = "".join(f"{'    ' * i}class C{i}:\n" for i in range(depth))
    source = f"{nested}{pad}{attribute}\n"
    _as_black_would_leave_it(source)
    names = re.findall(r"\bT\w*", " ".join(members))
    # the shape of our models' fields (``... | Unset``, default or not), with names that fit
    # on their lines inside the brackets (the member's indent, two brackets, a comma)
    if not members[-1].endswith("]") and all(4 * depth + 4 + 8 + len(n) + 1 <= layout.LINE_LENGTH for n in names):
        assert not needs_black(source)
