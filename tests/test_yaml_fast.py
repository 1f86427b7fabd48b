"""YAML built from libyaml's events in one pass (spec/yaml_fast.py) is exactly what
PyYAML's safe loader builds: the same values, of the same types, in the same key order,
sharing what aliases share. What it does not build falls back, visibly, to PyYAML."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from project_paths import ROOT, shared_path

from sdkforge.errors import SpecError, pointer_join
from sdkforge.spec import yaml_fast
from sdkforge.spec.load import MAX_DEPTH, LoadedSpec, _json_loader, _node_place, _parse_yaml, load_spec

_JsonLoader = _json_loader()


def _pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=_JsonLoader)


def _fast(text: str) -> Any:
    return yaml_fast.load(text, _JsonLoader, MAX_DEPTH).value


def _qualifies(text: str, loader_class: type[yaml.SafeLoader]) -> str | None:
    """None when :func:`yaml_fast.load` builds ``text``; else why PyYAML's path is needed."""
    try:
        yaml_fast.load(text, loader_class, MAX_DEPTH)
    except yaml_fast.NotFast as exc:
        return str(exc)
    return None


def _why_not(text: str) -> str | None:
    return _qualifies(text, _JsonLoader)


def assert_same(got: Any, expected: Any, at: str = "", shared: dict[int, int] | None = None) -> None:
    """``got`` equals ``expected`` in value, type (``1``, ``1.0``, ``True`` and ``"1"``
    differ), key order and key types; and two places hold the same collection in one
    exactly where they do in the other."""
    shared = {} if shared is None else shared  # id of a collection of got -> of expected, and back (negated)
    assert type(got) is type(expected), (
        f"at {at or '/'}: {got!r} is a {type(got).__name__}, not {type(expected).__name__}"
    )
    if isinstance(got, (dict, list)):
        if id(got) in shared or -id(expected) in shared:  # met before, through an alias
            assert shared.get(id(got)) == id(expected), f"at {at or '/'}: aliases share differently"
            assert shared.get(-id(expected)) == id(got), f"at {at or '/'}: aliases share differently"
            return
        shared[id(got)], shared[-id(expected)] = id(expected), id(got)
    if isinstance(got, dict):
        assert [(type(k), k) for k in got] == [(type(k), k) for k in expected], f"at {at or '/'}: keys differ"
        for k in got:
            assert_same(got[k], expected[k], f"{at}/{k}", shared)
    elif isinstance(got, list):
        assert len(got) == len(expected), f"at {at or '/'}: lengths differ"
        for i, (a, b) in enumerate(zip(got, expected, strict=True)):
            assert_same(a, b, f"{at}/{i}", shared)
    elif isinstance(got, float) and math.isnan(expected):
        assert math.isnan(got), f"at {at or '/'}: {got!r} is not NaN"
    else:
        assert got == expected, f"at {at or '/'}: {got!r} != {expected!r}"


def _yaml_files() -> list[Path]:
    """Every YAML file of the project's specs and test fixtures (not Prism's packages)."""
    found = [*ROOT.joinpath("spec").rglob("*.yaml"), *ROOT.joinpath("tests").rglob("*.y*ml")]
    return sorted(f for f in found if "node_modules" not in f.parts)


def test_there_are_yaml_files_to_compare() -> None:
    assert len(_yaml_files()) >= 3


@pytest.mark.parametrize("file", _yaml_files(), ids=lambda f: str(f.relative_to(ROOT)))
def test_project_yaml_files_are_built_fast_as_pyyaml_builds_them(file: Path) -> None:
    text = file.read_text(encoding="utf-8")
    assert _why_not(text) is None
    assert_same(_fast(text), _pyyaml(text))


_PLAIN_RESOLVED = [
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "false", "FALSE", "on", "On", "ON", "off", "Off",
    "OFF", "y", "n", "~", "null", "Null", "NULL", "nULL", "0", "-0", "+1", "12", "0x1F", "-0x1f", "0o17", "017",
    "0b101", "-0b1", "1_000", "0_7", "08", "09.5", "1:30:00", "-1:30", "190:20:30.15", ".inf", "-.Inf", "+.INF",
    ".NaN", ".nan", "1e3", "1.0e3", "1.0e+3", "-1.5E-3", "1.", ".5", "1__0.0_1", "6.8523015e+5",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-15T02:59:43.1Z", "2002-12-14",
    "2002-1-1", "12:30", "3.1.0", "1.0.0", "v1", "-", "--x", "a'b", "a:b", "a #b", "100%", "é", "0.",
]  # fmt: skip
"""Plain scalars PyYAML (YAML 1.1) reads as booleans, nulls, numbers, dates, or strings
that look like them."""


def _tricky_documents() -> dict[str, str]:
    scalars = "".join(f"- {s}\n" for s in _PLAIN_RESOLVED)
    as_keys = "".join(f"{s}: {i}\n" for i, s in enumerate(_PLAIN_RESOLVED) if s not in ("-", "--x", "a #b"))
    quoted = "".join(f"- '{s.replace(chr(39), chr(39) * 2)}'\n- {json.dumps(s)}\n" for s in _PLAIN_RESOLVED)
    return {
        "plain scalars": scalars,
        "plain scalars as keys": as_keys,
        "quoted scalars": quoted,
        "quoted keys": "".join(f"'{s.replace(chr(39), chr(39) * 2)}': x\n" for s in _PLAIN_RESOLVED),
        "flow sequence of plain scalars": "["
        + ", ".join(s for s in _PLAIN_RESOLVED if s not in ("-", "a'b", "a #b"))
        + "]",
        "block scalars": (
            "literal: |\n  one\n   two\n\n  three\n\n\n"
            "strip: |-\n  text\n\n"
            "keep: |+\n  text\n\n\n"
            "folded: >\n  one\n  two\n\n  three\n    indented\n  four\n"
            "folded_strip: >-\n  a\n  b\n"
            "folded_keep: >+\n  a\n\n"
            "indent: |2\n   lead\n  line\n"
            "in_list:\n- |\n  x\n- >\n  y\n"
            "last: |\n  end"
        ),
        "multi-line scalars": (
            "plain: one\n  two\n\n  three\n"
            "single: 'one\n  two\n\n  three'\n"
            'double: "one\\\n  two \\t\n  three"\n'
            "key: plain:colon, [not flow] # a comment\n"
        ),
        "empty values": "a:\nb: ''\nc: \"\"\nd: []\ne: {}\nf:\n- \n-\ng: ~\n? h\n",
        "anchors and aliases": (
            "base: &base {type: object, properties: {a: {type: string}}}\n"
            "copy: *base\n"
            "list: &list [1, &one 1.5, [x]]\n"
            "again: [*list, *one, *base]\n"
            "scalar: &s yes\n"
            "scalar_again: *s\n"
            "key_alias: {*s : from alias}\n"
        ),
        "merge keys": "base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\nmany:\n  <<: [*b, {c: 4}]\n",
        "merge key written as a string": "'<<': 1\n\"<<\": 2\n",
        "equals sign as a key": "=: a\nb: 1\n",
        "equals sign as a value": "a: =\n",
        "explicit str tag": "a: !!str 123\nb: !!str yes\n",
        "explicit int and float tags": "a: !!int '12'\nb: !!float '1'\nc: !!bool 'yes'\nd: !!null ''\n",
        "binary": "data: !!binary |\n  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5\n",
        "set": "s: !!set {a, b, c}\n",
        "omap": "o: !!omap [a: 1, b: 2]\n",
        "non-specific tag": "a: ! 12\n",
        "tagged mapping": "a: !!map {b: 1}\nc: !!seq [1]\n",
        "local tag": "a: !thing 1\n",
        "complex keys": "? [a, b]\n: list key\n? {c: d}\n: map key\n",
        "complex scalar key": "? |\n  block key\n: value\n? 12\n: twelve\n",
        "nested flow collections": "a: {b: [1, {c: [2, [3, {d: e}]]}], 'f g': {h: [], i: {}}}\nj: [[[[]]]]\n",
        "flow mapping in sequence": "- {a: 1}\n- [b, {c: 2}]\n- {d: [e, f], ? g : h}\n- [k: v]\n",
        "unicode and escapes": (
            'a: "\\u00e9\\U0001F600\\x41\\t\\n\\\\\\"\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ "\n'
            "b: 'it''s'\n"
            "c: héllo wörld ☃ 😀\n"
            "ключ: значение\n"
            'd: "line\\\n  continued"\n'
        ),
        "comments": "# head\na: 1 # one\n# between\nb: # b\n  - 2 # two\n  # inside\n  - 3\n# tail\n",
        "document markers": "%YAML 1.1\n---\na: 1\n...\n",
        "document start only": "--- \na: 1\n",
        "empty document": "---\n",
        "only comments": "# nothing\n",
        "top-level scalar": "just text\n",
        "top-level list": "- 1\n- two\n",
        "two documents": "a: 1\n---\nb: 2\n",
        "duplicate keys": "a: 1\nb: 2\na: 3\n",
        "duplicate keys as numbers": "1: a\n1.0: b\ntrue: c\n0x1: d\n'1': e\n",
        "repeated anchor": "a: &x 1\nb: &x 2\nc: *x\n",
        "undefined alias": "a: *nothing\n",
        "alias to a mapping as key": "a: &m {k: 1}\n? *m\n: v\n",
        "integer too long": "a: " + "1" * 5000 + "\n",
        "syntax error": "a: {b: 1\nc: 2\n",
        "tab indentation": "a:\n\tb: 1\n",
        "sequence of mappings": "- a: 1\n  b: [x, y]\n- c:\n    d: e\n",
        "indentless sequence": "a:\n- 1\n- 2\nb: 3\n",
        "string keys that look like paths": "/users/{id}:\n  get: {responses: {200: {description: ok}, default: {}}}\n",
    }


TRICKY = _tricky_documents()

FALLS_BACK = {
    "merge keys": "resolves to tag:yaml.org,2002:merge",
    "equals sign as a key": "resolves to tag:yaml.org,2002:value",
    "equals sign as a value": "resolves to tag:yaml.org,2002:value",
    "explicit str tag": "an explicit tag tag:yaml.org,2002:str",
    "explicit int and float tags": "an explicit tag tag:yaml.org,2002:int",
    "binary": "an explicit tag tag:yaml.org,2002:binary",
    "set": "an explicit tag tag:yaml.org,2002:set",
    "omap": "an explicit tag tag:yaml.org,2002:omap",
    "non-specific tag": "an explicit tag !",
    "tagged mapping": "an explicit tag tag:yaml.org,2002:map",
    "local tag": "an explicit tag !thing",
    "complex keys": "a collection as a mapping key",
    "two documents": "more than one document",
    "repeated anchor": "the anchor &x given twice",
    "undefined alias": "the alias *nothing names no anchor",
    "alias to a mapping as key": "a value refused: ",
    "integer too long": "a value refused: ",
    "syntax error": "a YAML error: ",
    "tab indentation": "a YAML error: ",
}
"""The documents PyYAML's path builds (or refuses), and why the fast path leaves them."""


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_documents_load_as_pyyaml_loads_them(name: str) -> None:
    """Through :func:`_parse_yaml` (what reading a spec uses), each document gives PyYAML's
    value, or is refused where PyYAML refuses it; and the fast path takes exactly the
    documents it should, giving the same value."""
    text = TRICKY[name]
    reason = _why_not(text)
    if name in FALLS_BACK:
        assert reason is not None and FALLS_BACK[name] in reason
    else:
        assert reason is None
        assert_same(_fast(text), _pyyaml(text))
    try:
        expected = _pyyaml(text)
    except (yaml.YAMLError, ValueError) as exc:
        with pytest.raises(SpecError) as raised:
            _parse_yaml(text, Path("t.yaml"))[0]
        assert raised.value.findings[0].message.startswith("invalid YAML: "), exc
    else:
        assert_same(_parse_yaml(text, Path("t.yaml"))[0], expected)


def test_the_tricky_documents_hold_what_they_are_meant_to() -> None:
    """The fast path's values for a few of them, spelled out (PyYAML's YAML 1.1 rules)."""
    values = _fast(TRICKY["plain scalars"])
    spelled = dict(zip(_PLAIN_RESOLVED, values, strict=True))
    assert spelled["yes"] is True and spelled["OFF"] is False and spelled["y"] == "y"
    assert spelled["~"] is None and spelled["nULL"] == "nULL"
    assert spelled["0x1F"] == 31 and spelled["017"] == 15 and spelled["0o17"] == "0o17" and spelled["1_000"] == 1000
    assert spelled["1:30:00"] == 5400 and spelled["-.Inf"] == -math.inf and math.isnan(spelled[".NaN"])
    assert spelled["1e3"] == "1e3" and spelled["1.0e+3"] == 1000.0
    assert (
        spelled["2002-12-14"] == "2002-12-14"
        and spelled["2001-12-14t21:59:43.10-05:00"] == "2001-12-14t21:59:43.10-05:00"
    )
    assert spelled["3.1.0"] == "3.1.0"
    assert all(type(v) is str for v in _fast(TRICKY["quoted scalars"]))
    shared = _fast(TRICKY["anchors and aliases"])
    assert (
        shared["copy"] is shared["base"]
        and shared["again"][0] is shared["list"]
        and shared["again"][2] is shared["base"]
    )
    assert shared["key_alias"] == {True: "from alias"}
    assert list(_fast(TRICKY["duplicate keys"]).items()) == [("a", 3), ("b", 2)]
    assert _fast(TRICKY["duplicate keys as numbers"]) == {1: "d", "1": "e"}


def test_loaders_the_fast_path_does_not_stand_for_are_left_to_pyyaml() -> None:
    """With PyYAML's plain safe loader a date is a ``datetime.date``: built by PyYAML."""
    assert _qualifies("a: 2002-12-14\n", yaml.SafeLoader) == ("the plain scalar '2002-12-14' constructs to a date")
    assert _qualifies("a: 1\n", yaml.SafeLoader) is None

    class Own(yaml.SafeLoader):
        pass

    Own.add_constructor("tag:yaml.org,2002:str", lambda loader, node: node.value.upper())
    assert _qualifies("a: b\n", Own) == "the loader resolves or constructs values its own way"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
            f"nested more than {MAX_DEPTH} collections deep",
        ),
        ("a: &loop [1, *loop]\n", "the alias *loop inside the value it names"),
        ("a: &m {b: *m}\n", "the alias *m inside the value it names"),
    ],
)
def test_what_the_safety_checks_refuse_is_left_to_them(text: str, reason: str) -> None:
    """Too deep, or recursive: PyYAML's path then refuses it, with today's message and
    location (tests/robustness/test_bad_input.py)."""
    assert _why_not(text) == reason
    with pytest.raises(SpecError):
        _parse_yaml(text, Path("t.yaml"))[0]


def test_alias_counts_are_those_the_bomb_check_weighs() -> None:
    """Each alias stands for every value its anchor wrote, as _check_yaml_events counts."""
    built = yaml_fast.load("a: &a [1, 2, [3]]\nb: [*a, *a]\nc: &s x\nd: *s\n", _JsonLoader, MAX_DEPTH)
    # written: the root mapping, its keys a b c d, a's list (5 values in all), b's list, c's scalar
    assert (built.written, built.expanded) == (1 + 4 + 5 + 1 + 1, 1 + 4 + 5 + 1 + 1 + 2 * 5 + 1)


def _square() -> Any:
    return json.loads(shared_path("corpus", "square", "api-2025-08-20.oas3.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "style",
    [
        {"default_flow_style": False},
        {"default_flow_style": None, "width": 60},
        {"default_flow_style": True, "allow_unicode": True},
        {"default_flow_style": False, "allow_unicode": True, "width": 40, "indent": 4},
    ],
    ids=["block", "flow leaves", "flow", "narrow"],
)
def test_a_real_spec_dumped_as_yaml_is_built_fast_as_pyyaml_builds_it(style: dict[str, Any]) -> None:
    """Square's spec, as PyYAML writes YAML: every scalar style it picks (plain, quoted,
    folded over lines) and every collection style."""
    text = yaml.safe_dump(_square(), sort_keys=False, **style)
    assert _why_not(text) is None
    assert_same(_fast(text), _pyyaml(text))


def test_a_real_spec_with_anchors_is_built_fast_and_shares_as_pyyaml_does() -> None:
    """Dumping values that stand in several places writes anchors and aliases."""
    spec = _square()
    schemas = spec["components"]["schemas"]
    spec["x-shared"] = [schemas[name] for name in list(schemas)[:50]] * 2
    text = yaml.safe_dump(spec, sort_keys=False)
    assert "&id" in text and "*id" in text
    assert _why_not(text) is None
    value = _fast(text)
    assert_same(value, _pyyaml(text))
    assert value["x-shared"][0] is value["components"]["schemas"][next(iter(schemas))]


def _composed_pointers(node: yaml.Node | None) -> list[list[str]]:
    """Every pointer into a composed document, by its keys as written, and below each
    collection a child it does not have."""
    found: list[list[str]] = []
    stack: list[tuple[list[str], yaml.Node]] = [([], node)] if node is not None else []
    seen: set[int] = set()
    while stack:
        parts, node = stack.pop()
        found.append(parts)
        if id(node) in seen:  # an alias: its children were listed where its anchor is
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            found.append([*parts, "not-a-key"])
            stack.extend(([*parts, k.value], v) for k, v in node.value if isinstance(k, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            found.append([*parts, str(len(node.value))])
            stack.extend(([*parts, str(i)], v) for i, v in enumerate(node.value))
    return found


def _composed_place(node: yaml.Node | None, parts: list[str]) -> tuple[int, int] | None:
    """Where PyYAML's node tree says the value at ``parts`` (or its nearest ancestor) starts."""
    return None if node is None else _node_place(node, parts)


def _assert_located_as_composed(text: str, every: int = 1) -> None:
    """Located from the whole document's events, and through the notes loading it makes
    (tests/test_yaml_locate.py), each value is where compose puts it."""
    file = Path("/spec/t.yaml")
    spec = LoadedSpec(root=file, version="3.1", documents={}, _texts={file: text})
    noted = LoadedSpec(root=file, version="3.1", documents={}, _texts={file: text})
    try:
        _, shallow = _parse_yaml(text, Path("t.yaml"))
    except SpecError:
        shallow = None
    if shallow is not None:
        noted._yaml_shallow[file] = shallow
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        node = None
    if node is None:  # nothing to locate in
        assert spec.locate(file, "") is None and spec.locate(file, "/a") is None
        assert noted.locate(file, "") is None and noted.locate(file, "/a") is None
        return
    pointers = _composed_pointers(node)[::every]
    assert pointers
    for parts in pointers:
        expected = _composed_place(node, parts)
        assert spec.locate(file, pointer_join("", *parts)) == expected, parts
        assert noted.locate(file, pointer_join("", *parts)) == expected, parts


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_values_of_tricky_documents_are_located_where_pyyaml_composes_them(name: str) -> None:
    """Locating a finding reads the events (yaml_fast.places) where PyYAML composed the
    whole file: the same line and column for every value, and for a missing one its
    nearest ancestor's."""
    _assert_located_as_composed(TRICKY[name])


def test_values_of_a_real_spec_are_located_from_its_events() -> None:
    text = yaml.safe_dump(_square(), sort_keys=False, width=60)
    assert yaml_fast.places(text, yaml.CSafeLoader) is not None  # not PyYAML's node tree
    _assert_located_as_composed(text, every=7)


def test_the_project_yaml_files_are_located_from_their_events() -> None:
    for file in _yaml_files():
        text = file.read_text(encoding="utf-8")
        assert yaml_fast.places(text, yaml.CSafeLoader) is not None
        _assert_located_as_composed(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a: 1\n---\nb: 2\n", "more than one document"),
        ("a: &x 1\nb: &x 2\n", "the anchor &x given twice"),
        ("a: *x\n", "the alias *x names no anchor"),
        ("a: [1\n", "a YAML error: "),
    ],
)
def test_documents_pyyaml_cannot_compose_are_left_to_it(text: str, reason: str) -> None:
    with pytest.raises(yaml_fast.NotFast, match=reason.replace("*", r"\*")):
        yaml_fast.places(text, yaml.CSafeLoader)


def test_only_texts_that_may_be_more_than_strings_are_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain text whose first character starts none of the loader's implicit resolvers
    is a string without asking them (most of a spec's words); the others are resolved."""
    asked: list[str] = []
    resolve = yaml.resolver.BaseResolver.resolve

    def counted(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        asked.append(value)
        return resolve(self, kind, value, implicit)

    monkeypatch.setattr(yaml.resolver.BaseResolver, "resolve", counted)
    text = "required: [id, yes]\nproperties: {id: {maxLength: 12, example: ~, deprecated: true}}\nabc: null\n"
    expected = {
        "required": ["id", True],
        "properties": {"id": {"maxLength": 12, "example": None, "deprecated": True}},
        "abc": None,
    }
    assert_same(_pyyaml(text), expected)
    asked.clear()
    assert_same(_fast(text), expected)
    assert sorted(asked) == ["12", "null", "true", "yes", "~"]  # not: required, id, properties, maxLength...


def test_a_loader_resolving_more_texts_is_followed() -> None:
    """A resolver added for another first character, or for any (None), or a loader's
    own resolve(): every text it may concern is resolved, as PyYAML's path would."""

    class Spanish(_JsonLoader):  # type: ignore[misc, valid-type]
        pass

    Spanish.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:sí|si)$"), ["s"])

    class Wildcard(_JsonLoader):  # type: ignore[misc, valid-type]
        pass

    Wildcard.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^nada$"), None)

    class Own(_JsonLoader):  # type: ignore[misc, valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            return "tag:yaml.org,2002:null" if value == "cero" else super().resolve(kind, value, implicit)

    text = "a: si\nb: nada\nc: cero\nd: word\n"
    expected = {
        Spanish: {"a": None, "b": "nada", "c": "cero", "d": "word"},
        Wildcard: {"a": "si", "b": None, "c": "cero", "d": "word"},
        Own: {"a": "si", "b": "nada", "c": None, "d": "word"},
    }
    for loader, value in expected.items():
        assert_same(yaml.load(text, Loader=loader), value)
        assert_same(yaml_fast.load(text, loader, MAX_DEPTH).value, value)


def test_a_document_without_aliases_is_known_to_share_no_value() -> None:
    """Loading a spec walks its values once for its references and prose; only where an
    alias shares a value does the walk need to tell the values it has met."""
    spec = (
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {type: string}\n"
        "    B: &b {description: shared, properties: {a: {$ref: '#/components/schemas/A'}}}\n"
    )
    plain = _parse_yaml(spec, Path("t.yaml"))[1]
    aliased = _parse_yaml(spec + "    C: *b\n", Path("t.yaml"))[1]
    assert plain is not None and not plain.shares
    assert aliased is not None and aliased.shares


def test_a_value_shared_through_an_alias_is_walked_once(tmp_path: Path) -> None:
    file = tmp_path / "api.yaml"
    file.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {type: string}\n"
        "    B: &b {description: shared, properties: {a: {$ref: '#/components/schemas/A'}}}\n"
        "    C: *b\n",
        encoding="utf-8",
    )
    loaded = load_spec(file)
    assert loaded.data["components"]["schemas"]["C"] is loaded.data["components"]["schemas"]["B"]
    assert [key for _, key, _ in loaded.prose_sites[loaded.root]] == ["description"]
