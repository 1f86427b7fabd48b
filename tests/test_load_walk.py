"""Loading and modelling a spec give what they gave, with less work.

A file of whitespace alone is empty, whatever whitespace it holds (told without copying
the text); a model's fields are the objects their dataclass makes.
"""

from __future__ import annotations

import pickle
from dataclasses import fields
from pathlib import Path

import pytest

from sdkforge.errors import SpecError
from sdkforge.model.build import build_api
from sdkforge.model.ir import Field
from sdkforge.spec.load import load_spec

PROJECT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("text", [" ", "\n\n\t\r\n", "\x0b\x0c", "\u3000\u00a0 \u2028", "\ufeff  \n"])
def test_a_file_of_whitespace_alone_is_empty(suffix: str, text: str, tmp_path: Path) -> None:
    spec = tmp_path / f"api{suffix}"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    assert [(f.message, f.line) for f in raised.value.findings] == [("the file is empty", None)]


def _model_fields(spec: Path) -> list[Field]:
    api, _ = build_api(load_spec(spec))
    return [f for model in api.models.values() for f in model.fields]


@pytest.mark.parametrize("spec", ["spec/constructs.yaml", "spec/oauth.yaml"])
def test_a_modelled_field_is_the_field_its_dataclass_makes(spec: str) -> None:
    """Fields are made without the dataclass's ``__init__`` (see ``_new_field``): each is
    the object ``Field(...)`` makes from its values, attributes in the same order, and
    pickles (as the carried model and the file keys do) to the same bytes."""
    made = _model_fields(PROJECT / spec)
    assert made
    for field_ in made:
        again = Field(**{f.name: getattr(field_, f.name) for f in fields(Field)})
        assert field_ == again and hash(field_) == hash(again)
        assert list(vars(field_).items()) == list(vars(again).items())
        assert pickle.dumps(field_) == pickle.dumps(again)
