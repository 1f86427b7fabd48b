"""An edit inside one string of a JSON file is found from the bytes alone, and anything
else is refused.

Whatever :func:`string_edit` says must be what parsing both files would say: the edited
string's pointer, its old and new values, and where it stood; and the new file must be
the old one with that one string's quoted text replaced. When the files differ in any
other way, it must say nothing.
"""

from __future__ import annotations

import codecs
import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdkforge.cache.text_edit import StringEdit, byte_outline, string_edit
from sdkforge.errors import pointer_join, pointer_parts
from sdkforge.spec.load import _JsonIndex, walk_pointer

keys = st.text(alphabet=st.sampled_from('ab"\\/~é{}[], :\n😀'), max_size=4)
texts = st.text(alphabet=st.sampled_from('ab "\\/é\n\t😀\x01'), min_size=2, max_size=8)
leaves = st.none() | st.booleans() | st.integers() | texts
documents = st.recursive(
    leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=30
).map(lambda value: {"root": value, "tail": "end"})
layouts = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"indent": 2, "ensure_ascii": False},
        {"separators": (",", ":"), "ensure_ascii": False},
        {"separators": (" ,  ", " :\r\n ")},
    ]
)


def encoded(document: Any, layout: dict[str, Any], bom: bool = False) -> tuple[bytes, dict[int, list[tuple[int, str]]]]:
    """A JSON file's bytes, and its outline as sdkforge makes it (see generator.cache.carried)."""
    text = json.dumps(document, **layout)
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    _, index = _JsonIndex.parsed(text)
    return data, byte_outline(data, index.outline())


def strings(value: Any, at: str = "") -> list[str]:
    """The pointer of every string value in ``value``."""
    if isinstance(value, str):
        return [at]
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [p for key, child in children for p in strings(child, pointer_join(at, str(key)))]


def replaced(document: Any, pointer: str, value: str) -> Any:
    """A copy of ``document`` with the string at ``pointer`` replaced."""
    copy = json.loads(json.dumps(document))
    *parents, last = pointer_parts(pointer)
    node = copy
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[int(last) if isinstance(node, list) else last] = value
    return copy


def check(old: bytes, new: bytes, outline: dict[int, list[tuple[int, str]]]) -> StringEdit | None:
    """:func:`string_edit`, with what must hold of whatever it finds."""
    edit = string_edit(old, new, outline.get)
    if edit is not None:
        before, after = json.loads(old.decode("utf-8-sig")), json.loads(new.decode("utf-8-sig"))
        assert walk_pointer(before, edit.pointer) == edit.old_value
        assert walk_pointer(after, edit.pointer) == edit.value
        assert after == replaced(before, edit.pointer, edit.value)
        assert old[: edit.start] + edit.token.encode() + old[edit.end :] == new
        assert edit.shift == len(new) - len(old)
    return edit


@settings(max_examples=300, deadline=None)
@given(documents, layouts, st.booleans(), texts, st.randoms(use_true_random=False))
def test_an_edit_inside_a_string_is_found_with_its_pointer_and_values(document, layout, bom, text, rnd):
    old, outline = encoded(document, layout, bom)
    pointer = rnd.choice(strings(document))
    edited = replaced(document, pointer, text)
    new, _ = encoded(edited, layout, bom)
    edit = check(old, new, outline)
    if walk_pointer(document, pointer) == text:
        assert edit is None  # the same file
    else:
        assert edit is not None, pointer
        assert (edit.pointer, edit.old_value, edit.value) == (pointer, walk_pointer(document, pointer), text)


@settings(max_examples=300, deadline=None)
@given(documents, layouts, st.randoms(use_true_random=False))
def test_any_other_edit_of_the_bytes_is_refused_or_is_one_strings(document, layout, rnd):
    """Bytes cut, doubled or changed anywhere: whatever is found is exactly right."""
    old, outline = encoded(document, layout)
    at = rnd.randrange(len(old))
    cut = rnd.randrange(1, 4)
    for new in (old[:at] + old[at + cut :], old[:at] + old[at : at + cut] * 2 + old[at + cut :]):
        try:
            json.loads(new.decode("utf-8-sig"))
        except ValueError:
            assert string_edit(old, new, outline.get) is None  # not JSON at all
            continue
        check(old, new, outline)


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1", "description": "The API, ünïcödé 😀."},
    "paths": {
        "/a": {"get": {"description": "Gets a.", "parameters": [{"name": "x", "description": "An x."}]}},
        "/b": {"get": {"description": "Gets b.", "tags": ["one", "two"]}},
    },
    "components": {"schemas": {"A": {"type": "object", "description": "An A.", "example": {"k": "v"}}}},
}


@pytest.mark.parametrize("layout", [{"indent": 2}, {}, {"indent": 1, "ensure_ascii": False}])
@pytest.mark.parametrize(
    ("before", "after", "pointer"),
    [
        ('"Gets b."', '"Gets b, better."', "/paths/~1b/get/description"),
        ('"An x."', '"An \\"x\\"."', "/paths/~1a/get/parameters/0/description"),
        ('"An A."', '"An A.\\n\\nMore."', "/components/schemas/A/description"),
        ('"two"', '"three"', "/paths/~1b/get/tags/1"),
        ('"Gets a."', '"Gets a.\\\\"', "/paths/~1a/get/description"),  # ends with an escaped backslash
        ('"Gets a."', '"Gets a.\\""', "/paths/~1a/get/description"),  # a quote put before the closing one
        ('"v"', '"w"', "/components/schemas/A/example/k"),
    ],
)
def test_the_edited_string_is_named_wherever_it_stands(layout, before, after, pointer):
    old, outline = encoded(SPEC, layout)
    new = old.replace(before.encode(), after.encode(), 1)
    edit = check(old, new, outline)
    assert edit is not None and edit.pointer == pointer


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('"Gets a."', '"Gets "a"."'),  # an unescaped quote: the string ends early
        ('"Gets a."', '"Gets a.\\"'),  # the closing quote escaped
        ('"An x."}', '"An x.", "in": "query"}'),  # a member added after it
        ('"Gets a.", "parameters"', '"Gets a", "parameter"'),  # two strings
        ('"/a"', '"/c"'),  # a key
        ('"version": "1"', '"version": 1'),  # a string made a number
        ('"Gets a."', '"Gets \x01a."'),  # a control character
    ],
)
def test_an_edit_that_is_not_inside_one_string_is_refused(before, after):
    old, outline = encoded(SPEC, {})
    new = old.replace(before.encode(), after.encode(), 1)
    assert new != old
    assert string_edit(old, new, outline.get) is None


def test_a_string_under_a_repeated_key_is_refused():
    """JSON parsers keep the last of two values with one key: an edit to the first
    changes nothing a parser sees, and one to the last cannot be told from it here."""
    old = b'{"paths": {"/a": {"get": {"description": "one", "description": "two"}}}}'
    _, index = _JsonIndex.parsed(old.decode())
    outline = byte_outline(old, index.outline())
    for word in (b'"one"', b'"two"'):
        assert string_edit(old, old.replace(word, word[:-1] + b'!"'), outline.get) is None


def test_without_an_outline_the_whole_file_is_read():
    old, _ = encoded(SPEC, {"indent": 2})
    new = old.replace(b"Gets b.", b"Gets b!")
    edit = check(old, new, {})
    assert edit is not None and edit.pointer == "/paths/~1b/get/description"


@pytest.mark.parametrize("bom", [False, True])
def test_the_line_and_column_are_where_the_edit_starts_and_what_follows_moves(bom):
    old, outline = encoded(SPEC, {}, bom)  # one line
    new = old.replace(b"Gets b.", "Gets b, ünïcödé 😀.".encode())
    edit = check(old, new, outline)
    assert edit is not None
    text = old.decode("utf-8-sig")
    assert (edit.line, edit.column) == (1, text.index("Gets b.") + len("Gets b") + 1)
    assert edit.column_shift == len(new.decode("utf-8-sig")) - len(text)
    layered, outline = encoded(SPEC, {"indent": 2}, bom)
    edit = check(layered, layered.replace(b"An A.", b"An A!"), outline)
    assert edit is not None
    text = layered.decode("utf-8-sig")
    line = text[: text.index("An A.")].count("\n") + 1
    assert (edit.line, edit.column) == (line, text.splitlines()[line - 1].index("An A.") + len("An A") + 1)


def test_byte_offsets_point_at_the_values_the_character_offsets_did():
    document = {"é😀": {"ünï": [1, "😀"], "b": {"c": "d"}}, "tail": ["x", {"y": "é"}]}
    text = json.dumps(document, ensure_ascii=False, indent=1)
    _, index = _JsonIndex.parsed(text)
    chars = index.outline()
    for bom in (False, True):
        data = (codecs.BOM_UTF8 if bom else b"") + text.encode()
        in_bytes = byte_outline(data, chars)
        assert len(in_bytes) == len(chars)
        for (char_at, char_children), (byte_at, byte_children) in zip(chars.items(), in_bytes.items(), strict=True):
            assert data[byte_at:].decode().startswith(text[char_at])
            for (c, key), (b, same_key) in zip(char_children, byte_children, strict=True):
                assert key == same_key
                assert data[b:].decode().startswith(text[c : c + 3])


def test_descriptions_among_thousands_of_paths_are_found_through_the_outline():
    """Thousands of paths: the outline leads to the one that holds the edit."""
    rnd = random.Random(7)
    paths = {
        f"/p{i}": {"get": {"description": f"Op {i} ü.", "responses": {"200": {"description": "ok"}}}}
        for i in range(3000)
    }
    document = {"openapi": "3.0.3", "paths": paths}
    old, outline = encoded(document, {"indent": 2, "ensure_ascii": False})
    for i in rnd.sample(range(3000), 20):
        new = old.replace(f'"Op {i} ü."'.encode(), f'"Op {i} ü, edited."'.encode())
        edit = check(old, new, outline)
        assert edit is not None and edit.pointer == f"/paths/~1p{i}/get/description"
