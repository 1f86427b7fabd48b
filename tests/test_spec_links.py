"""Links inside spec descriptions: only absolute web links survive in the docs."""

from __future__ import annotations

import pytest

from sdkforge.render.markdown import md_cell, md_text


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[Customer](entity:Customer)", "Customer"),  # Square's own link scheme
        ("[Accumulate](api-endpoint:Loyalty-AccumulateLoyaltyPoints)", "Accumulate"),
        ("[click](javascript:alert(1))", "click"),
        ("[Country](#type-country)", "Country"),  # an anchor of the author's site
        ("[notes](notes.md)", "notes"),
        ("[docs](https://developer.squareup.com/docs)", "[docs](https://developer.squareup.com/docs)"),
        ("[mail](mailto:a@b.c)", "[mail](mailto:a@b.c)"),
    ],
)
def test_only_web_links_keep_their_target(written, shown):
    assert md_text(f"See {written}.") == f"See {shown}."
    assert md_cell(f"See {written}.") == f"See {shown}."


def test_code_spans_keep_link_syntax_as_written():
    assert md_text("Write `[x](entity:X)` to link.") == "Write `[x](entity:X)` to link."
