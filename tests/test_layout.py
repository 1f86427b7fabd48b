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


sized_name = st.tuples(st.text("ABCxyz", min_size=1, max_size=4), st.integers(2, 100)).map(
    lambda p: ("T" + p[0] * 100)[: p[1]]
)
"""A type name of 2 to 100 characters: around every length at which black's choice changes."""
fitting_name = sized_name.filter(lambda n: len(n) <= 68)
"""A name that fits on a line of its own at any depth our return annotations reach."""


def return_hint(names: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The return annotations of our methods: a model, a raw response or a pager of it,
    a union of three members or more (``list[...] | A | B | dict[str, Any]``), nested."""
    union = st.lists(names, min_size=3, max_size=6).map(" | ".join)
    member = st.one_of(names, union)
    inner = st.one_of(
        names,
        member.map(lambda t: f"list[{t}]"),
        member.map(lambda t: f"dict[str, {t}]"),
        st.tuples(names, member).map(lambda p: f"list[{p[0]}] | {p[1]} | dict[str, Any]"),
    )
    return st.one_of(
        inner,
        inner.map(lambda t: f"RawResponse[{t}]"),
        st.tuples(names, member).map(lambda p: f"AsyncPager[{p[0]}, {p[1]}]"),
        member.map(lambda t: f"AsyncPager[AsyncItems[{t}], {t}]"),
        member.map(lambda t: f"SyncItems[{t}]"),
    )


def _blacks(source: str) -> None:
    """``source`` is black's layout, and the format stage sees nothing in it for black."""
    assert black.format_str(source, mode=MODE) == source
    assert not needs_black(source)


def _method(head: str, params: list[str], tail: str) -> tuple[str, str]:
    """A method laid out by :func:`layout.bracket`, and the same on one line.

    Black is given the one line: a def whose parameters fit on a line of their own but
    whose closing is split at a subscript, one item a line, is black's layout of the one
    line, but black lays out that layout otherwise (the comma after the last item is then
    a "magic" one, which black respects): black's output is not always black's input."""
    laid_out = layout.bracket(4, head, ["self", *params], tail)
    flat = head + ", ".join(["self", *params]) + tail
    return f"class C:\n    {laid_out}\n        pass\n", f"class C:\n    {flat}\n        pass\n"


@EXAMPLES
@given(name, short_parameters, return_hint(sized_name), st.booleans())
def test_defs_returning_long_annotations(function, params, returns, raw):
    """A def's closing line too long for its annotation: black splits the annotation at
    its last subscript (``) -> RawResponse[`` ... ``]:``), or puts a union of three
    members or more in parentheses, one member a line if it does not fit on one."""
    returns = f"RawResponse[{returns}]" if raw else returns
    laid_out, flat = _method(f"def {function}(", params, f") -> {returns}:")
    assert needs_black(laid_out) or black.format_str(flat, mode=MODE) == laid_out


@EXAMPLES
@given(name, short_parameters, return_hint(fitting_name), st.booleans())
def test_defs_returning_the_annotations_of_real_specs_need_no_black(function, params, returns, is_async):
    """GitHub's and Microsoft Graph's methods (``-> AsyncPager[AsyncItems[A | B | ...], A | B
    | ...]``, ``-> RawResponse[list[...] | ContentFile | ...]``...): laid out as black lays
    them out, whatever the names' lengths up to the longest those specs have."""
    laid_out, flat = _method(f"{'async ' if is_async else ''}def {function}(", params, f") -> {returns}:")
    assert black.format_str(flat, mode=MODE) == laid_out
    assert not needs_black(laid_out)


@EXAMPLES
@given(st.integers(1, 130), st.sampled_from(["Request", "T" + "x" * 90]))
def test_defs_without_parameters_returning_a_name(length, returns):
    """``def name() -> Request:`` too long: black puts the annotation in parentheses on a
    line of its own however long the name, and however long the line that opens them."""
    _blacks(layout.bracket(0, "def _" + "r" * length + "(", [], f") -> {returns}:") + "\n    pass\n")


@EXAMPLES
@given(st.lists(sized_name, min_size=1, max_size=3), st.sampled_from(["Request", "None"]), st.booleans())
def test_a_def_of_one_long_parameter(members, returns, optional):
    """A def's lone parameter too long for its line is split as any parameter is (a
    union in parentheses, one member a line if need be), not left for black."""
    annotation = " | ".join(members) + (" | None = None" if optional else "")
    source = layout.bracket(0, "def _request(", [f"body: {annotation}"], f") -> {returns}:") + "\n    pass\n"
    _as_black_would_leave_it(source)
    if all(len(m) <= 80 for m in members):
        _blacks(source)


@EXAMPLES
@given(
    sized_name,
    st.sampled_from(["self.with_raw_response", "x", "self._client.group", "_" + "LONG_CONSTANT" * 6]),
    st.sampled_from([["http"], ["self._http"], ['"page"', "kind=PAGE"], ["argument_" + "x" * 80]]),
    st.integers(1, 3),
)
def test_a_call_assigned_to_a_name(class_name, target, arguments, depth):
    """``self.with_raw_response = GroupApiWithRawResponse(http)`` too long: the call in
    parentheses on a line of its own when its opening does not fit after the name and
    every line fits so (Microsoft Graph's long group names), else split after its opening."""
    pad = "    " * depth
    assigned = layout.bracket(4 * depth, f"{target} = {class_name}(", arguments, ")")
    returned = layout.bracket(4 * depth, f"return {class_name}(", arguments, ")")
    nested = "".join(f"{'    ' * i}def f{i}(http):\n" for i in range(depth))
    source = f"{nested}{pad}{assigned}\n{pad}{returned}\n"
    assert black.format_str(source, mode=MODE) == source
    if len(arguments[-1]) < 80 and len(target) < 40:
        assert not needs_black(source)


parse = st.one_of(
    codec.map(lambda c: f"{c}.decode"),
    long_type_name.map(lambda n: f"{n}.from_dict"),
    st.sampled_from(["json_body", "no_body"]),
)
"""What a method passes to parse its response body (see plan.py)."""


@EXAMPLES
@given(st.one_of(parse, parse.map(lambda p: f"SyncItems.parser({p})")), st.integers(2, 4))
def test_the_parse_item_of_a_method(parsing, depth):
    """A method's ``parse`` argument, on a line of its own in ``self._http.send(...)``:
    split as black splits it (at the ``.parser(`` of a paged method too)."""
    _as_black_would_leave_it(_sent(depth, parsing))


def _sent(depth: int, parsing: str) -> str:
    """A method at ``depth`` returning what it sends, parsed by ``parsing``."""
    pad = "    " * depth
    call = f"{pad}return self._http.send(\n{pad}    _request(),\n{pad}    {layout.item(4 * depth + 4, parsing)},\n"
    return "".join(f"{'    ' * i}def f{i}():\n" for i in range(depth)) + f"{call}{pad}    request_options,\n{pad})\n"


spec_codec = st.recursive(
    fitting_name.map(lambda n: f'ModelOf("{n[:60]}")'),
    lambda inner: st.one_of(
        inner.map(lambda c: f"ListOf({c})"),
        st.lists(inner, min_size=2, max_size=30).map(lambda cs: f"UnionOf(({', '.join(cs)}))"),
        st.tuples(st.lists(inner, min_size=2, max_size=4), fitting_name).map(
            lambda p: f'UnionOf(({", ".join(p[0])}), "type", {{"a": "{p[1][:50]}", "b": "{p[1][:40]}"}})'
        ),
    ),
    max_leaves=8,
)
"""The codecs of GitHub's and Microsoft Graph's responses (``AsyncItems.parser(ListOf(UnionOf((...))).decode)``)."""


@EXAMPLES
@given(spec_codec, st.sampled_from(["{}.decode", "SyncItems.parser({}.decode)", "AsyncItems.parser({}.decode)"]))
def test_the_parse_items_of_real_specs_need_no_black(value_codec, shape):
    parsing = shape.format(value_codec)
    for depth in (2, 3):
        _blacks(_sent(depth, parsing))


@EXAMPLES
@given(st.lists(sized_name, min_size=1, max_size=3), st.text("abcxyz_", min_size=1, max_size=90), st.integers(0, 2))
def test_imports_with_an_alias(names, module, depth):
    statement = layout.import_from(".models." + module, [f"{n} as Alias{i}" for i, n in enumerate(names)], 4 * depth)
    nested = "".join(f"{'    ' * i}if True:\n" for i in range(depth))
    _as_black_would_leave_it(f"{nested}{'    ' * depth}{statement}\n")


@EXAMPLES
@given(st.text("abcxyz-", min_size=1, max_size=120))
def test_a_long_string_assigned(distribution):
    """``USER_AGENT = f"...-python/..."``: in parentheses when the string fits there, else
    left long (black can split neither), and the format stage calls for no black."""
    value = f'f"{distribution}-python/{{__version__}} httpx/{{httpx.__version__}}"'
    _blacks(layout.assign(0, "USER_AGENT", value) + "\n")


@EXAMPLES
@given(sized_name, st.integers(1, 2))
def test_a_long_name_in_a_split_subscript_stands_on_its_line(value, depth):
    """Square's 2025 spec: ``values: dict[str, LongRequestName]``, a builder's lone
    parameter and a field of a union with ``Unset``: the subscript split one item a line,
    the name on its own however long (black cannot split it either)."""
    pad = "    " * depth
    nested = "".join(f"{'    ' * i}class C{i}:\n" for i in range(depth))
    builder = layout.bracket(4 * depth, "def builder(", [f"values: dict[str, {value}]"], ") -> Builder:")
    field = layout.annotated(4 * depth, "values", f"dict[str, {value}] | Unset", "UNSET")
    _blacks(f"{nested}{pad}{field}\n\n{pad}{builder}\n{pad}    pass\n")


def _top_level_by_character(text: str, separator: str, after: str = "") -> list[int]:
    """:func:`layout._top_level` as it was written first, a character at a time: the
    regular expression that replaced it must find the same places."""
    found, depth, at = [], 0, 0
    while at < len(text):
        char = text[at]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, at) and (not after or (at > 0 and text[at - 1] in after)):
            found.append(at)
            at += len(separator)
            continue
        at += 1
    return found


@settings(max_examples=2000, deadline=None)
@given(
    st.text("ab ,.|()[]{}\"'", max_size=60),
    st.sampled_from([(", ", ""), (" | ", ""), (",", ""), (".", ")]}"), (".", ""), ("||", ""), (" | ", ")")]),
)
def test_top_level_finds_what_a_scan_a_character_at_a_time_finds(text: str, separator: tuple[str, str]) -> None:
    assert layout._top_level(text, *separator) == _top_level_by_character(text, *separator)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text("ab'\"\\\n\t\x00é", max_size=20),
        st.integers(),
        st.booleans(),
        st.floats(),
        st.none(),
    ),
    st.integers(0, 40),
    st.text("abé中 ,", max_size=80),
)
def test_the_common_paths_answer_as_the_whole_functions(value: object, indent: int, text: str) -> None:
    """``py_str``'s way for a plain string and ``bracket``'s for a line that fits skip a
    call each: they answer as the functions they skip do."""
    assert literals.py_str(value) == literals._literal(value)
    if indent + layout.width(f"f({text})") <= layout.LINE_LENGTH:  # wide characters count two
        assert layout.bracket(indent, "f(", [text], ")") == f"f({text})"
    else:
        assert layout.bracket(indent, "f(", [text], ")") != f"f({text})"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abé中 ,()[]", min_size=1, max_size=90), min_size=2, max_size=4), st.integers(0, 12))
def test_an_exploded_item_that_fits_is_laid_out_as_item_lays_it_out(items: list[str], indent: int) -> None:
    """``bracket`` writes an item that fits on its line without asking :func:`layout.item`:
    the same line as ``item`` gives."""
    head = "call_with_a_long_name_to_split_" + "x" * 60 + "("
    expected = "".join(f"{' ' * (indent + 4)}{layout.item(indent + 4, entry)},\n" for entry in items)
    assert layout.bracket(indent, head, items, ")", collection=True) == f"{head}\n{expected}{' ' * indent})"
