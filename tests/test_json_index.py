"""A JSON spec is parsed as json.loads parses it, and its values are located as before.

Load reads the top levels' objects member by member, noting where each value stands,
so that locating a finding need not decode again all that comes before it. Neither the
value nor any location may differ from what json.loads and a fresh index give.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdkforge.errors import pointer_join, pointer_parts
from sdkforge.spec.load import _JsonIndex

keys = st.text(alphabet=st.sampled_from('ab"\\/~é{}[], :\n'), max_size=4)
leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
documents = st.recursive(
    leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=40
)
layouts = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"indent": "\t"},
        {"separators": (",", ":")},
        {"separators": (" ,  ", " :\r\n ")},
        {"indent": 0, "ensure_ascii": False},
    ]
)


def pointers(value: Any, at: str = "") -> list[str]:
    """Every pointer in ``value``, and some that point nowhere."""
    found = [at, pointer_join(at, "missing")]
    if isinstance(value, dict):
        for key, child in value.items():
            found += pointers(child, pointer_join(at, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += pointers(child, pointer_join(at, str(i)))
    return found


@settings(max_examples=300, deadline=None)
@given(documents, layouts, st.sampled_from(["", " ", "\n\t "]))
def test_the_value_and_every_location_are_those_of_a_fresh_index(document, layout, padding):
    text = padding + json.dumps(document, **layout) + padding
    value, index = _JsonIndex.parsed(text)
    assert value == json.loads(text)
    assert json.dumps(value) == json.dumps(json.loads(text))  # the same key order too
    fresh = _JsonIndex(text)
    for pointer in pointers(value):
        assert index.locate(pointer_parts(pointer)) == fresh.locate(pointer_parts(pointer)), pointer


def test_a_repeated_key_keeps_the_last_value_and_points_at_the_first():
    text = '{"paths": {"a": 1, "b": {"x": 2}, "a": 3}, "paths": {"c": 4}}'
    value, index = _JsonIndex.parsed(text)
    assert value == json.loads(text) == {"paths": {"c": 4}}
    assert index.locate(["paths"]) == _JsonIndex(text).locate(["paths"]) == text.index("{", 1)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1,}',
        '{"a" 1}',
        '{"a": 1} {"b": 2}',
        '{"a": {"b": [1, 2}}',
        '{"a": "unterminated',
        '{"a": 1',
        "{'a': 1}",
        '{"a": tru}',
        "",
        '{"a": "\x01"}',
    ],
)
def test_invalid_json_raises_what_json_loads_raises(text):
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(json.JSONDecodeError) as raised:
        _JsonIndex.parsed(text)
    assert (raised.value.msg, raised.value.pos) == (expected.value.msg, expected.value.pos)
