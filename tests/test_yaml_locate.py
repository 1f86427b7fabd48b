"""Findings in a YAML spec are located where PyYAML composes their values, without
reading the whole document's events again.

Building a YAML spec in one pass (spec/yaml_fast.py) notes where its values down to a
depth start (yaml_fast.Shallow); locating a value below that reads the events of its
nearest noted collection's text only. The reference for every line and column is
walking ``yaml.compose``'s node tree: the value's start, the first value of a key
written twice, an alias where its anchor is, a missing value's nearest ancestor.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sdkforge.errors import pointer_join, pointer_parts
from sdkforge.spec import yaml_fast
from sdkforge.spec.load import MAX_DEPTH, YAML_NOTED_DEPTH, LoadedSpec, _json_loader, _node_place, _parse_yaml
from sdkforge.spec.swagger2 import convert_spec


def composed_pointers(node: yaml.Node) -> list[list[str]]:
    """Every pointer into a composed document, by its keys as written, and below each
    value children it does not have (a missing key, an index past the end, an index
    written with a leading zero)."""
    found: list[list[str]] = []
    stack: list[tuple[list[str], yaml.Node]] = [([], node)]
    seen: set[int] = set()
    while stack:
        parts, node = stack.pop()
        found += [parts, [*parts, "not-a-key"], [*parts, "0"]]
        if id(node) in seen:  # an alias: its children were listed where its anchor is
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(([*parts, k.value], v) for k, v in node.value if isinstance(k, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            found += [[*parts, str(len(node.value))], [*parts, "01"], [*parts, "²"], [*parts, "9" * 5000]]
            stack.extend(([*parts, str(i)], v) for i, v in enumerate(node.value))
    return found


def noted_spec(text: str, depth: int) -> LoadedSpec:
    """A spec of one YAML file, with the notes building it at ``depth`` makes."""
    file = Path("/spec/t.yaml")
    spec = LoadedSpec(root=file, version="3.1", documents={}, _texts={file: text})
    built = yaml_fast.load(text, _json_loader(), MAX_DEPTH, depth)
    assert built.shallow is not None
    spec._yaml_shallow[file] = built.shallow
    return spec


def assert_located_as_composed(text: str, depth: int) -> LoadedSpec:
    """Every pointer of ``text`` is located, through the notes made at ``depth``, where
    compose puts it."""
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert node is not None
    spec = noted_spec(text, depth)
    file = spec.root
    for parts in composed_pointers(node):
        assert spec.locate(file, pointer_join("", *parts)) == _node_place(node, parts), parts[:8]
    return spec


# Mappings are lists of pairs, so that a key may be written twice.
class Pairs(list[tuple[str, Any]]):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Pairs, lambda dumper, pairs: dumper.represent_mapping("tag:yaml.org,2002:map", list(pairs)))

keys = st.text(alphabet=st.sampled_from("ab1:#-' \"é😀\n{"), max_size=3)
leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet=st.sampled_from("ab :#-'\"\n\té{}[],\x85\u2028"), max_size=30)
    | st.sampled_from(["yes", "1.0", "0x1F", "~", "2002-12-14", "a: b", "- x", "*x", "&y z"])
)
documents = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.lists(st.tuples(keys, inner), max_size=5).map(Pairs),
    max_leaves=40,
)
styles = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, None, True]),
        "width": st.sampled_from([20, 80, 1000]),
        "indent": st.sampled_from([2, 3, 4]),
        "allow_unicode": st.booleans(),
    }
)


def _collections(value: Any) -> list[Any]:
    found: list[Any] = []
    if isinstance(value, list):
        found.append(value)
        for child in value:
            found += _collections(child[1] if isinstance(value, Pairs) else child)
    return found


@settings(max_examples=400, deadline=None)
@given(documents, styles, st.integers(min_value=1, max_value=4), st.data())
def test_every_value_is_located_where_compose_puts_it(document: Any, style: dict[str, Any], depth: int, data) -> None:
    """Random documents (keys written twice, keys and strings that need quoting or look
    like numbers, booleans, comments, indicators), in block and flow style, quoted or
    not, folded over lines, some collections written again later (PyYAML anchors the
    first and aliases the others)."""
    root = Pairs([("a", document), ("b", document if isinstance(document, list) else [document])])
    shared = _collections(document)
    if shared:
        root.append(("shared", data.draw(st.lists(st.sampled_from(shared), max_size=3))))
    text = yaml.dump(root, Dumper=_Dumper, sort_keys=False, **style)
    assert_located_as_composed(text, depth)


TRICKY = {
    "keys written twice": (
        "a: {x: 1}\na: {y: 2}\nb:\n  c:\n    d: 1\n  c:\n    e: 2\n    d: 3\nl:\n- a: 1\n  a: {z: 1}\n"
        "s: 1\ns:\n  t: {u: 2}\n"
    ),
    "keys written twice, as numbers and strings": "1: a\n'1': {x: 1}\n1.0: {y: 2}\n",
    "anchors and aliases": (
        "defs:\n  s: &s\n    t:\n      u: {v: 1}\n  scalar: &k key\n"
        "use:\n  one:\n    two: *s\n  three: [*s, *k]\n"
        "keyed:\n  *k : {z: 1}\n  other: 2\n"
        "inner:\n  a: &in {b: [1, 2]}\n  c: *in\n"
    ),
    "flow style": "a: {b: [1, {c: [2, [3, {d: e}]]}], 'f g': {h: [], i: {}}}\nj: [[[[]]]]\nk: {l: {m: {n: {o: 1}}}}\n",
    "flow over lines": "a: {b: {c: 1,\n  d: [2,\n   3]}, e: 4}\n",
    "indentless sequences": "a:\n- 1\n- b:\n  - c\n  - d: [e]\nf:\n- - g\n  - - h\n",
    "multi-line scalars that look like keys": (
        'a:\n  b: "one\n    c: 2"\n  d: >\n    text\n     e: 3\n  e: 4\n  f: plain\n    more\n  g: 5\n'
    ),
    "comments": "a: # c\n  # c2\n  b: # c3\n    c: 1 # x\n    # d: 2\n# end\n",
    "non-ASCII": 'é:\n  ü: {😀: [1, {ж: 2}]}\n  x: "😀😀"\n  y: {z: ☃}\n',
    "line breaks of every kind": "a:\r\n  b: 1\r\n  c:\r\n    d: 2\r\ne:\r  f: 3\r",
    "explicit keys and empty values": "? a\n: b:\n    c: 1\n? d\n:\ne:\n  f:\n  g: ~\n",
    "document markers": "%YAML 1.1\n---\na:\n  b:\n    c: [1]\n...\n",
    "a sequence at the top": "- a:\n    b: {c: 1}\n- [x, {y: z}]\n",
}


@pytest.mark.parametrize("name", sorted(TRICKY))
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_tricky_documents_are_located_where_compose_puts_them(name: str, depth: int) -> None:
    assert_located_as_composed(TRICKY[name], depth)


def test_below_the_noted_depth_only_the_noted_collection_is_read() -> None:
    """The notes answer what they hold; deeper, one collection's text is read once."""
    text = TRICKY["keys written twice"] + "deep:\n  x:\n    y:\n      z: {w: 1}\n"
    spec = noted_spec(text, 2)
    read: list[str] = []
    real = yaml_fast.places

    def spy(part: str, loader_class: type[yaml.SafeLoader]) -> yaml_fast.Place | None:
        read.append(part)
        return real(part, loader_class)

    pytest.MonkeyPatch().setattr(yaml_fast, "places", spy)
    try:
        assert spec.locate(spec.root, "/a/y") == (1, 4)  # the first a, which has no y
        assert spec.locate(spec.root, "/s/t/u") == (12, 4)  # the first s, a scalar
        assert spec.locate(spec.root, "/b/c") == (5, 5)  # the first c
        assert read == []
        assert spec.locate(spec.root, "/b/c/e") == (5, 5)  # which has no e: its text is read
        assert spec.locate(spec.root, "/b/c/d") == (5, 8)
        assert spec.locate(spec.root, "/deep/x/y/z/w") == (18, 14)
        assert spec.locate(spec.root, "/deep/x/y") == (18, 7)
        assert read == ["    d: 1\n  ", "    y:\n      z: {w: 1}\n"]
    finally:
        pytest.MonkeyPatch().undo()
    assert spec._places == {}  # the whole document's place tree was never built


def test_an_alias_to_an_anchor_outside_the_text_read_falls_back_to_the_whole_document() -> None:
    text = "defs:\n  s: &s {t: {u: 1}}\nuse:\n  one:\n    two: [*s]\n"
    spec = noted_spec(text, 1)
    assert spec.locate(spec.root, "/use/one/two/0/t/u") == (2, 17)
    assert spec._places  # the text of /use alone names an anchor it does not hold
    assert_located_as_composed(text, 1)


def test_what_the_one_pass_build_refuses_has_no_notes_and_is_located_as_before() -> None:
    """Two documents, a repeated anchor, an explicit tag: PyYAML's path, no notes."""
    with pytest.raises(yaml_fast.NotFast, match="more than one document"):
        yaml_fast.load("a: 1\n---\nb: 2\n", _json_loader(), MAX_DEPTH, 3)
    text = "a:\n  b: !!str 1\n  c: [x]\n"
    value, shallow = _parse_yaml(text, Path("t.yaml"))
    assert value == {"a": {"b": "1", "c": ["x"]}} and shallow is None
    file = Path("/spec/t.yaml")
    spec = LoadedSpec(root=file, version="3.1", documents={}, _texts={file: text})
    assert spec.locate(file, "/a/c/0") == (3, 7)


def test_building_without_notes_notes_nothing() -> None:
    assert yaml_fast.load("a: {b: 1}\n", _json_loader(), MAX_DEPTH).shallow is None


SPEC_WITH_WARNINGS = """\
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /pets:
    post:
      tags: [Pets]
      operationId: AddPet
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
              anyOf:
              - required: [name]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'other.yaml#/Pet'}
components:
  schemas:
    Kind:
      type: string
      pattern: '\\p{L}+'
"""
OTHER_FILE = """\
Pet:
  type: object
  properties:
    kind: {$ref: 'shop.yaml#/components/schemas/Kind'}
    size:
      type: object
      properties:
        s: {type: string}
      oneOf:
      - required: [s]
"""


def _findings(err: str) -> list[tuple[str, int, int, str]]:
    return [
        (m[1], int(m[2]), int(m[3]), m[4])
        for m in re.finditer(r"^(\S+):(\d+):(\d+): (?:warning|error): .*\(at (\S+)\)$", err, re.MULTILINE)
    ]


def _composed(folder: Path, name: str, pointer: str) -> tuple[int, int]:
    node = yaml.compose((folder / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return _node_place(node, pointer_parts(pointer))


def test_a_run_locates_its_findings_without_reading_a_whole_document_again(tmp_path, run_cli, monkeypatch) -> None:
    """A real run, its validation beside modelling (a child process): findings from both,
    in two files, each where compose puts it; and no process reads the events of a whole
    file to locate them (each text ``yaml_fast.places`` reads is written to a file)."""
    (tmp_path / "shop.yaml").write_text(SPEC_WITH_WARNINGS, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(OTHER_FILE, encoding="utf-8")
    calls = tmp_path / "places-calls"
    real = yaml_fast.places

    def spy(text: str, loader_class: type[yaml.SafeLoader]) -> yaml_fast.Place | None:
        with calls.open("a", encoding="utf-8") as out:  # from whichever process reads
            out.write(repr(text) + "\n")
        return real(text, loader_class)

    monkeypatch.setattr(yaml_fast, "places", spy)
    result = run_cli("generate", tmp_path / "shop.yaml", "--out", tmp_path / "sdk", "--package-name", "shop")
    assert result.code == 0, result.err
    found = _findings(result.err)
    assert {(name, pointer) for name, _, _, pointer in found} == {
        ("shop.yaml", "/paths/~1pets/post/requestBody/content/application~1json/schema"),
        ("shop.yaml", "/components/schemas/Kind/pattern"),
        ("other.yaml", "/Pet/properties/size"),
    }
    for name, line, column, pointer in found:
        assert (line, column) == _composed(tmp_path, name, pointer), (name, pointer)
    read = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
    whole = {repr(SPEC_WITH_WARNINGS), repr(OTHER_FILE)}
    assert not whole & set(read), "a whole file's events were read again to locate a finding"


SWAGGER = """\
swagger: '2.0'
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: ListPets
      responses:
        '200':
          description: ok
          schema: {$ref: '#/definitions/Kind'}
definitions:
  Kind:
    type: string
    enum: [cat, dog, cat]
"""


def test_a_converted_swagger_document_keeps_its_notes_and_locates_in_the_original(tmp_path) -> None:
    file = tmp_path / "pets.yaml"
    file.write_text(SWAGGER, encoding="utf-8")
    from sdkforge.spec.load import load_spec

    spec = load_spec(file)
    converted = convert_spec(spec)
    assert converted._yaml_shallow is spec._yaml_shallow and spec._yaml_shallow
    finding = converted.finding(file.resolve(), "/components/schemas/Kind/enum", "x")
    assert finding.pointer == "/definitions/Kind/enum"
    assert (finding.line, finding.column) == _composed(tmp_path, "pets.yaml", "/definitions/Kind/enum") == (14, 11)
    assert converted._places == {}


def test_a_spec_is_noted_to_the_depth_of_its_operations_and_schemas() -> None:
    text = SPEC_WITH_WARNINGS
    _, shallow = _parse_yaml(text, Path("shop.yaml"))
    assert shallow is not None and YAML_NOTED_DEPTH == 3
    file = Path("/spec/shop.yaml")
    spec = LoadedSpec(root=file, version="3.0", documents={}, _texts={file: text})
    spec._yaml_shallow[file] = shallow
    assert spec.locate(file, "/components/schemas/Kind/pattern") == (27, 16)
    assert spec.locate(file, "/paths/~1pets/post/requestBody/content/application~1json/schema/anyOf/0") == (16, 17)
    assert spec.locate(file, "/paths/~1pets/post/requestBody/content/application~1json/schema/anyOf/1") == (16, 15)
    assert spec._places == {}


def test_texts_read_for_nested_anchors_stop_at_the_documents_length() -> None:
    """Aliases to anchors inside one another would read the same text again and again:
    past the document's length in all, the whole document's events are read, once."""
    text = "a: &x {b: &y {c: &z {d: 1}}}\nu: *x\nv: *y\nw: *z\n"
    spec = noted_spec(text, 1)
    assert spec.locate(spec.root, "/u/b/c/d") == (1, 25)
    assert spec.locate(spec.root, "/v/c/d") == (1, 25)
    assert spec._places == {}  # x's and y's texts: 25 and 17 characters of 47
    assert spec.locate(spec.root, "/w/d") == (1, 25)  # z's 9 more would be 51
    assert spec._places
    assert_located_as_composed(text, 1)
