"""Hypothesis strategies for the code shapes our templates emit, for the tests that
compare our layout and format stage with black (test_layout.py, test_format.py)."""

from __future__ import annotations

from hypothesis import strategies as st

long_type_name = st.tuples(st.text("ABCxyz", min_size=1, max_size=12), st.integers(1, 8)).map(
    lambda p: "T" + p[0] * p[1]  # up to 97 characters, often long: the cases that need splitting
)
codec = st.recursive(
    st.one_of(
        long_type_name.map(lambda n: f'ModelOf("{n}")'),
        long_type_name.map(lambda n: f'EnumOf("{n}")'),
        st.sampled_from(["STR", "INT"]),
    ),
    lambda inner: st.one_of(
        inner.map(lambda c: f"ListOf({c})"),
        inner.map(lambda c: f"{c}.decode"),
        inner.map(lambda c: f"UnionOf(({c},))"),
        st.lists(inner, min_size=2, max_size=3).map(lambda cs: f"UnionOf(({', '.join(cs)}))"),
        st.tuples(inner, long_type_name).map(lambda p: f'UnionOf(({p[0]},), "kind", {{"a": "{p[1]}"}})'),
        st.lists(inner, min_size=1, max_size=3).map(lambda cs: f"[{', '.join(cs)}]"),
    ),
    max_leaves=5,
)
"""A codec expression, as the model and API templates write them."""
