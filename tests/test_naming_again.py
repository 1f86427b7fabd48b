"""The Python names of a model built replaying the last run's, taken from that run's
names (see ``name_api_again``): exactly what naming the model whole gives, or nothing
when the last run's names do not tell it.

Each test builds a spec's model and a second one after an edit, whose unchanged models
and enums are the first model's very objects (as a replayed build has them).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from sdkforge.model.build import build_api
from sdkforge.model.ir import Api
from sdkforge.spec.load import load_spec
from sdkforge.targets.python.naming import name_api, name_api_again


def _model(tmp_path: Path, schemas: dict[str, Any], tags: tuple[str, ...] = ("pets",)) -> Api:
    paths = {
        f"/{tag}": {"get": {"operationId": f"list_{tag}", "tags": [tag], "responses": {"200": {"description": "ok"}}}}
        for tag in tags
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Names", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }
    path = tmp_path / f"spec-{len(list(tmp_path.glob('spec-*')))}.json"
    path.write_text(json.dumps(document))
    return build_api(load_spec(path))[0]


def _replayed(last: Api, edited: Api) -> Api:
    """``edited`` with each model and enum equal to ``last``'s being ``last``'s object."""
    models = {k: last.models[k] if last.models.get(k) == v else v for k, v in edited.models.items()}
    enums = {k: last.enums[k] if last.enums.get(k) == v else v for k, v in edited.enums.items()}
    return dataclasses.replace(edited, models=models, enums=enums)


def _schemas() -> dict[str, Any]:
    return {
        "Pet": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "kind": {"$ref": "#/components/schemas/Kind"}},
        },
        "pet": {"type": "object", "properties": {"name": {"type": "string"}}},  # Pet2 after Pet
        "PetsApi": {"type": "object", "properties": {"size": {"type": "integer"}}},  # the group's class name
        "Kind": {"type": "string", "enum": ["cat", "dog"]},
    }


def test_a_field_added_keeps_every_name_and_names_that_models_fields(tmp_path):
    """After a field is added to a model, the names are those of the whole model: the
    unchanged types keep the very names they had, the edited model names its new field,
    and the group, whose class name a model took, is numbered past it as before."""
    last = _model(tmp_path, _schemas())
    schemas = _schemas()
    schemas["pet"]["properties"]["class"] = {"type": "string"}
    api = _replayed(last, _model(tmp_path, schemas))
    assert api.models["Pet"] is last.models["Pet"] and api.models["pet"] is not last.models["pet"]
    then = name_api(last)
    found = name_api_again(api, last, then)
    assert found == name_api(api)
    assert found is not None and found.types["Pet"] is then.types["Pet"]
    assert found.types["pet"].class_name == "Pet2" and found.types["pet"].fields["class"] == "class_"
    assert found.groups["pets"].class_name == "PetsApi2"


def test_an_enum_changed_names_its_members_anew(tmp_path):
    last = _model(tmp_path, _schemas())
    schemas = _schemas()
    schemas["Kind"]["enum"].append("for")
    api = _replayed(last, _model(tmp_path, schemas))
    found = name_api_again(api, last, name_api(last))
    assert found == name_api(api)
    assert found is not None and found.types["Kind"].members["for"] == "FOR"


def test_names_asked_again_are_numbered_past_those_taken(tmp_path):
    """Groups named anew after the kept types take the numbers a whole naming gives
    (``PetsApi``, ``pets_api``: a group ``pets`` is ``PetsApi3``)."""
    schemas = {**_schemas(), "pets_api": {"type": "object", "properties": {"a": {"type": "string"}}}}
    last = _model(tmp_path, schemas)
    api = _replayed(last, _model(tmp_path, schemas, tags=("pets", "Pets")))
    found = name_api_again(api, last, name_api(last))
    assert found == name_api(api)
    assert found is not None and [g.class_name for g in found.groups.values()] == ["PetsApi3", "PetsApi4"]


def test_a_new_model_whose_name_collides_with_a_kept_one_is_named_whole(tmp_path):
    """A model added before ``pet`` (``PET``, whose module is ``pet_2`` too) moves
    ``pet``'s names: the last run's names do not tell the types'."""
    last = _model(tmp_path, _schemas())
    schemas = {"PET": {"type": "object", "properties": {"x": {"type": "string"}}}, **_schemas()}
    api = _replayed(last, _model(tmp_path, schemas))
    assert name_api(api).types["pet"] != name_api(last).types["pet"]
    assert name_api_again(api, last, name_api(last)) is None


def test_a_renamed_or_removed_type_or_one_of_another_kind_is_named_whole(tmp_path):
    last = _model(tmp_path, _schemas())
    renamed = {("Animal" if k == "Pet" else k): v for k, v in _schemas().items()}
    removed = {k: v for k, v in _schemas().items() if k != "Pet"}  # ``pet`` now takes ``Pet``
    kind = {**_schemas(), "PetsApi": {"type": "string", "enum": ["a"]}}  # an enum, at the end of the enums
    for schemas in (renamed, removed, kind):
        api = _replayed(last, _model(tmp_path, schemas))
        assert name_api_again(api, last, name_api(last)) is None


def test_a_removed_type_whose_names_moved_none_leaves_the_others_names(tmp_path):
    """``PetsApi`` gone: no other type's name starts with ``PetsApi`` (the group's does,
    but groups are named anew), so the others keep theirs, and the group takes the
    class name it freed."""
    last = _model(tmp_path, _schemas())
    api = _replayed(last, _model(tmp_path, {k: v for k, v in _schemas().items() if k != "PetsApi"}))
    found = name_api_again(api, last, name_api(last))
    assert found is not None and found == name_api(api)
    assert [g.class_name for g in found.groups.values()] == ["PetsApi"]


def test_types_removed_at_random_give_a_whole_namings_names_or_none(tmp_path):
    """Names that collide as classes, modules and doc files, and reserved ones: after
    any types are removed, the names taken again are those a whole naming gives."""
    import random

    wanted = [
        "Pet",
        "pet",
        "PET",
        "Pet2",
        "pet_2",
        "pet-2",
        "Pet_",
        "class",
        "None",
        "Dog",
        "dog_house",
        "DogHouse",
        "Dog-House",
        "Cat",
        "Cats",
        "catS",
        "Kind",
        "kind",
        "Builder",
        "PetBuilder",
        "Pet2Builder",
        *("Owner", "Order", "Store", "Tag", "User", "Address", "Invoice", "Line", "Note", "Zone"),
    ]
    schemas: dict[str, Any] = {}
    for i, name in enumerate(wanted):
        schemas[name] = (
            {"type": "string", "enum": ["a", "b"]}
            if i % 4 == 3
            else {"type": "object", "properties": {"n": {"type": "string"}}}
        )
    last = _model(tmp_path, schemas)
    names = name_api(last)
    rnd = random.Random(21)
    taken = 0
    for _ in range(60):
        left = {k: v for k, v in schemas.items() if rnd.random() < 0.9}
        api = _replayed(last, _model(tmp_path, left))
        found = name_api_again(api, last, names)
        assert found is None or found == name_api(api), sorted(schemas.keys() - left.keys())
        taken += found is not None
    assert taken > 0


def test_what_is_not_a_models_names_tells_nothing(tmp_path):
    last = _model(tmp_path, _schemas())
    assert name_api_again(last, last, None) is None
    assert name_api_again(last, last, {"types": {}}) is None
    smaller = name_api(_model(tmp_path, {k: v for k, v in _schemas().items() if k != "pet"}))
    assert name_api_again(last, last, smaller) is None
