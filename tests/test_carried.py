"""The last run's model, carried to the next run: an edit inside one description of a
JSON spec is put into it, and the output is exactly a full run's.

Every test compares with a run from scratch of the same spec; and says which way the run
went, from the stage it reports: "(N string(s))" when the carried model was used.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from project_paths import SPEC, shared_path
from test_prose_edit import Stages, request, tree

from sdkforge.cache.carried import BYTES, MAX_EDITS, MODEL, TEXT, _Unpickler, prose_origins, prose_places
from sdkforge.cache.store import Cache
from sdkforge.errors import SpecError
from sdkforge.model.build import build_api
from sdkforge.model.ir import Api
from sdkforge.pipeline import generate
from sdkforge.spec.load import load_spec, walk_pointer


def carried(stages: Stages) -> bool:
    """Whether the run put the edit into the last run's model."""
    return "string(s)" in stages.said("validate")


def run(spec: Path, out: Path, cache: Path) -> tuple[Stages, Any]:
    stages = Stages()
    return stages, generate(request(spec, out, cache), stages)


def same_as_a_full_run(text: str, tmp: Path, out: Path, result: Any) -> None:
    """The output folder holds what a run from scratch of ``text`` makes, and the run
    reported the same warnings and counts."""
    fresh = tmp / f"fresh-{len(list(tmp.glob('fresh-*')))}"
    fresh.mkdir()
    (fresh / "spec.json").write_text(text)
    expected = generate(request(fresh / "spec.json", fresh / "out", None))
    assert tree(out) == tree(fresh / "out")
    assert result.warnings == expected.warnings
    assert result.summary == expected.summary


def json_spec(tmp: Path, data: Any, **layout: Any) -> tuple[Path, Path, Path]:
    spec = tmp / "spec.json"
    spec.write_text(json.dumps(data, **layout))
    return spec, tmp / "out", tmp / "cache"


def prose_pointers(spec: Path) -> list[str]:
    """Every prose string of a spec's root file, by pointer, in the file's order."""
    from sdkforge.spec.load import Trail, _pointer_of

    loaded = load_spec(spec)
    trails: list[tuple[str, Trail]] = [(key, trail) for _, key, trail in loaded.prose_sites[loaded.root]]
    return [_pointer_of((key, trail)) for key, trail in trails]


def edit_at(data: Any, pointer: str, text: str) -> None:
    *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
    node = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[last] = text


def test_edits_one_after_another_each_give_a_full_runs_output(tmp_path):
    """Each run edits one more description of the OAuth spec: each is carried, and each
    starts from the model the run before it carried, with all edits so far put in."""
    data = load_spec(SPEC).data
    spec, out, cache = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache))
    pointers = prose_pointers(spec)
    assert len(pointers) > 20
    servers = {p for p in pointers if p.startswith("/servers/")}  # they name the environments
    since = 0  # edits put into the carried model since it was made
    for n, pointer in enumerate(pointers):
        edit_at(data, pointer, f'Edited {n}: "quoted", ünïcödé, 😀.\n\nA second paragraph.')
        spec.write_text(json.dumps(data, indent=2))
        stages, result = run(spec, out, cache)
        assert carried(stages) == (pointer not in servers and since < MAX_EDITS), pointer
        since = since + 1 if carried(stages) else 0
        same_as_a_full_run(spec.read_text(), tmp_path, out, result)
    assert len(pointers) > MAX_EDITS


def test_an_edit_to_a_server_description_that_names_it_is_not_carried(tmp_path):
    """Without ``x-environments``, servers are named from their descriptions: an edit
    to one renames an environment, which only modelling again can tell."""
    data = load_spec(SPEC).data
    del data["x-environments"]
    spec, out, cache = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache))
    for n, server in enumerate(data["servers"]):
        server["description"] = f"Renamed {n}"
        spec.write_text(json.dumps(data, indent=2))
        stages, result = run(spec, out, cache)
        assert not carried(stages)
        same_as_a_full_run(spec.read_text(), tmp_path, out, result)
    data["info"]["description"] = "Edited too."  # and the model carried since is used
    spec.write_text(json.dumps(data, indent=2))
    stages, result = run(spec, out, cache)
    assert carried(stages)
    same_as_a_full_run(spec.read_text(), tmp_path, out, result)


def test_after_the_most_edits_the_model_is_made_again_and_carried_anew(tmp_path, monkeypatch):
    monkeypatch.setattr("sdkforge.cache.carried.MAX_EDITS", 3)
    data = load_spec(SPEC).data
    spec, out, cache = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache))
    ways = []
    for n in range(5):
        data["info"]["description"] = f"Version {n} of the description."
        spec.write_text(json.dumps(data, indent=2))
        stages, result = run(spec, out, cache)
        ways.append(carried(stages))
        same_as_a_full_run(spec.read_text(), tmp_path, out, result)
    assert ways == [True, True, True, False, True]
    assert MAX_EDITS > 3


def test_warnings_after_the_edit_on_its_line_move_with_it(tmp_path):
    """A spec on one line: a warning located after the edited string moves along it by
    as many characters as the string grew, as a full run locates it."""
    data = load_spec(SPEC).data
    data["info"]["description"] = "Short."
    data["paths"]["/oauth2/token"]["post"]["x-unknown"] = {"description": "not prose"}
    data["info"]["unknownKey"] = 1  # a validation warning
    data["webhooks"] = {"w": {}}  # a modelling warning, at the end of the line
    spec, out, cache = json_spec(tmp_path, data)
    generate(request(spec, out, cache))
    data["info"]["description"] = "Much longer now, with ünïcödé and 😀 in it."
    spec.write_text(json.dumps(data))
    stages, result = run(spec, out, cache)
    assert carried(stages)
    assert any("unknownKey" in w.message for w in result.warnings)
    assert any("webhooks" in w.message for w in result.warnings)
    same_as_a_full_run(spec.read_text(), tmp_path, out, result)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda text: text.replace('"Always `bearer`."', '"Always `bearer`.", "x-new": 1', 1), "structure"),
        (
            lambda text: text.replace("Always `bearer`.", "Always `bearer` now.").replace("OAuth", "OAuth2", 1),
            "two edits",
        ),
        (lambda text: text.replace('"Always `bearer`."', '"Always "bearer"."', 1), "not JSON"),
    ],
)
def test_other_edits_are_not_carried_and_still_give_a_full_runs_output(tmp_path, change, why):
    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    text = change(spec.read_text())
    spec.write_text(text)
    if why == "not JSON":
        with pytest.raises(Exception, match="invalid JSON"):
            run(spec, out, cache)
        return
    stages, result = run(spec, out, cache)
    assert not carried(stages)
    same_as_a_full_run(text, tmp_path, out, result)


def test_an_edit_in_a_referenced_json_file_is_carried(tmp_path):
    folder = tmp_path / "spec"
    folder.mkdir()
    thing = {
        "type": "object",
        "description": "A thing.",
        "properties": {"id": {"type": "string", "description": "Its id."}},
    }
    ok = {"description": "ok", "content": {"application/json": {"schema": {"$ref": "models.json#/Thing"}}}}
    root = {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "paths": {"/things": {"get": {"operationId": "getThing", "responses": {"200": ok}}}},
    }
    (folder / "api.json").write_text(json.dumps(root, indent=2))
    (folder / "models.json").write_text(json.dumps({"Thing": thing}, indent=2))
    out, cache = tmp_path / "out", tmp_path / "cache"
    generate(request(folder / "api.json", out, cache))
    thing["properties"]["id"]["description"] = "Its id, which never changes."
    (folder / "models.json").write_text(json.dumps({"Thing": thing}, indent=2))
    stages, result = run(folder / "api.json", out, cache)
    assert carried(stages)
    assert any("never changes" in (out / path).read_text() for path in result.report.written)
    fresh = generate(request(folder / "api.json", tmp_path / "fresh", None))
    assert tree(out) == tree(tmp_path / "fresh")
    assert result.warnings == fresh.warnings


def test_a_yaml_spec_is_not_carried(tmp_path):
    """A YAML spec's model is kept, for the next build to replay, but not its text: an edit
    of one description is not put into the kept model; the spec is parsed and modelled,
    replaying the kept model where it is as it was."""
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    spec.write_text(SPEC.read_text())
    generate(request(spec, out, cache))
    assert (cache / MODEL).exists()
    text = SPEC.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1)
    spec.write_text(text)
    stages, _ = run(spec, out, cache)
    assert "only prose changed" in stages.said("validate") and not carried(stages)
    assert "replaying the last run's" in stages.said("model")


def kept(cache: Path, namespace: str) -> Path:
    (found,) = (cache / namespace).glob("*/*")
    return found


def rewrite(path: Path, value: object) -> None:
    """Replace a kept entry with ``value``, pickled, under a checksum that holds: the
    entry is refused for what it holds, not as damaged."""
    body = pickle.dumps(value)
    path.write_bytes(body + hashlib.sha256(body).digest())


@pytest.mark.parametrize("namespace", [MODEL, TEXT])
@pytest.mark.parametrize("damage", ["truncated", "garbage", "other stamp", "other shape"])
def test_a_damaged_or_replaced_carried_file_is_not_used(tmp_path, namespace, damage):
    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    path = kept(cache, namespace)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x80\x05not a pickle at all")
    elif damage == "other stamp":
        value = list(_Unpickler(path.open("rb")).load())
        value[0] = "another stamp"
        rewrite(path, tuple(value))
    else:
        stamp = _Unpickler(path.open("rb")).load()[0]
        rewrite(path, (stamp, ("not", "what"), "was", "kept"))
    text = spec.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1)
    spec.write_text(text)
    stages, result = run(spec, out, cache)
    assert not carried(stages)
    same_as_a_full_run(text, tmp_path, out, result)


def test_a_reader_of_a_kept_entry_meets_its_end_where_the_value_ends(tmp_path):
    """An entry read as a stream ends with its value: a reader of another layout that
    reads on (the carried model's reads a second pickle after the first) meets the end,
    never the checksum stored after the value, which read as a pickle could ask for any
    amount of memory (the "other shape" damage above, with some stamps, did)."""
    store = Cache(tmp_path / "cache")
    value = pickle.dumps(("stamp", ("not", "what"), "was", "kept"))
    store.put_bytes(MODEL, "k", value)
    stream = store.open(MODEL, "k")
    assert stream is not None
    with stream:
        assert _Unpickler(stream).load()[0] == "stamp"
        assert stream.read() == b""
        with pytest.raises(EOFError):
            _Unpickler(stream).load()
    (entry,) = (tmp_path / "cache" / MODEL).glob("*/*")
    entry.write_bytes(entry.read_bytes()[:-1] + b"?")  # damaged: not handed out
    assert store.open(MODEL, "k") is None


def test_a_carried_file_cannot_run_code(tmp_path):
    """Only sdkforge's data classes are made from a carried file: a file in the cache
    that would call anything else is refused, and the run goes the long way."""
    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    marker = tmp_path / "ran"
    path = kept(cache, MODEL)
    stamp = _Unpickler(path.open("rb")).load()[0]
    rewrite(path, (stamp, _Writes(marker), None, {}))
    text = spec.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1)
    spec.write_text(text)
    stages, result = run(spec, out, cache)
    assert not marker.exists()
    assert not carried(stages)
    same_as_a_full_run(text, tmp_path, out, result)


@pytest.mark.parametrize("damage", ["changed since it was read", "truncated"])
def test_kept_bytes_that_are_not_the_text_read_are_not_used(tmp_path, damage):
    """The spec's bytes are read again to be kept, with the digest of the text the model
    was made from, not hashed again: bytes that are not that text (the file changed after
    the run read it, before they were read again) are not used, and the run goes the
    longer way, though the spec is now what they are."""
    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    path = kept(cache, BYTES)
    data = path.read_bytes()
    body, checksum = data[:-32], data[-32:]
    assert body == spec.read_bytes()
    text = spec.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1)
    spec.write_text(text)
    if damage == "truncated":
        path.write_bytes(body[: len(body) // 2] + checksum)
    else:
        path.write_bytes(spec.read_bytes() + checksum)
    stages, result = run(spec, out, cache)
    assert not carried(stages)
    same_as_a_full_run(text, tmp_path, out, result)


def test_a_model_kept_in_the_first_layout_is_not_used(tmp_path):
    """A model kept as the first layout kept it (each prose string with its pointer, not
    its trail), under the stamp the folder's record names: the run goes the longer way."""
    import hashlib

    from sdkforge.errors import pointer_join
    from sdkforge.spec.load import trail_keys

    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    path = kept(cache, MODEL)
    stream = path.open("rb")
    stamp, _, api, strings, _ = _Unpickler(stream).load()
    _, names = _Unpickler(stream).load()  # the names' pickle follows, with a memo of its own
    first = [(text, file, pointer_join("", *trail_keys((key, trail)))) for text, file, key, trail in strings]
    body = pickle.dumps((stamp, api, names, first))
    path.write_bytes(body + hashlib.sha256(body).digest())
    text = spec.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1)
    spec.write_text(text)
    stages, result = run(spec, out, cache)
    assert not carried(stages)
    same_as_a_full_run(text, tmp_path, out, result)


class _Writes:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.path, "ran"))


def test_an_output_folder_changed_by_hand_is_not_patched(tmp_path):
    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    (out / "sdk" / "errors.py").write_text("# edited by hand\n")
    text = spec.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1)
    spec.write_text(text)
    stages, result = run(spec, out, cache)
    assert not carried(stages)
    same_as_a_full_run(text, tmp_path, out, result)


def places_by_walking(api: Api, origins: dict[int, Any]) -> set[tuple[int, str]]:
    """Every attribute of every object of the model that holds one of the spec's prose
    strings, found by walking all of it."""
    found: set[tuple[int, str]] = set()
    seen: set[int] = set()
    stack: list[Any] = [api]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if hasattr(node, "__dataclass_fields__"):
            for name in node.__dataclass_fields__:
                value = getattr(node, name)
                if isinstance(value, str) and id(value) in origins:
                    found.add((id(node), name))
                stack.append(value)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return found


@pytest.mark.parametrize("name", ["api-2025-08-20.oas3.json"])
def test_every_place_the_model_holds_a_prose_string_is_one_carried_places_knows(name):
    """Places are found by walking the model's prose attributes (:func:`prose_places`):
    no other attribute of any object may hold a prose string of the spec, or an edit
    to it would not reach that attribute."""
    spec = load_spec(shared_path("corpus", "square", name))
    api, _ = build_api(spec)
    origins = prose_origins(spec)
    walked = places_by_walking(api, origins)
    assert len(walked) > 1000
    assert walked == {(id(obj), attr) for obj, attr in prose_places(api)} & walked
    assert walked >= {(id(obj), attr) for obj, attr in prose_places(api) if id(getattr(obj, attr)) in origins}


def test_the_oauth_specs_places(tmp_path):
    spec = load_spec(SPEC)
    api, _ = build_api(spec)
    assert places_by_walking(api, prose_origins(spec)) == set()  # YAML: nothing is carried
    source = tmp_path / "spec.json"
    source.write_text(json.dumps(spec.data, indent=2))
    spec = load_spec(source)
    api, _ = build_api(spec)
    origins = prose_origins(spec)
    walked = places_by_walking(api, origins)
    assert walked and walked <= {(id(obj), attr) for obj, attr in prose_places(api)}


@pytest.mark.parametrize("name", ["api-2025-08-20.oas3.json", "api-2022-05-12.swagger2.json"])
def test_edits_to_squares_specs_as_published_are_carried_and_give_a_full_runs_output(tmp_path, name):
    """The files as Square publishes them (not rewritten by json.dumps): five
    descriptions edited one after another, each carried."""
    source = shared_path("corpus", "square", name)
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    text = source.read_text(encoding="utf-8")
    spec.write_text(text, encoding="utf-8")
    generate(request(spec, out, cache))
    data = json.loads(text)
    # Not the empty or one-character ones: Python shares those string objects, so they are not carried.
    pointers = [p for p in prose_pointers(spec) if p.endswith("/description") and len(walk_pointer(data, p)) > 1]
    for n, pointer in enumerate(random.Random(name).sample(pointers, 5)):
        at = _string_start(text, pointer)
        value, end = json.decoder.scanstring(text, at + 1)
        assert value == walk_pointer(data, pointer)
        new = json.dumps(f'Edited {n}: ünïcödé 😀, "quoted".', ensure_ascii=False)
        text = text[:at] + new + text[end:]
        spec.write_text(text, encoding="utf-8")
        stages, result = run(spec, out, cache)
        assert carried(stages), pointer
        same_as_a_full_run(text, tmp_path, out, result)


def _string_start(text: str, pointer: str) -> int:
    """Where the string at ``pointer`` stands in the JSON ``text``."""
    from sdkforge.errors import pointer_parts
    from sdkforge.spec.load import _JsonIndex

    offset = _JsonIndex(text).locate(pointer_parts(pointer))
    assert offset is not None and text[offset] == '"'
    return offset


def test_an_edited_copy_of_a_one_file_spec_is_carried_and_its_findings_name_it(tmp_path):
    """A spec of one file, edited under another name (a benchmark's variants, a spec
    saved as a new version): its findings name the new file, as a full run's do."""
    data = load_spec(SPEC).data
    data["info"]["unknownKey"] = 1  # a validation warning, in the root
    first, second, out, cache = tmp_path / "v1.json", tmp_path / "v2.json", tmp_path / "out", tmp_path / "cache"
    first.write_text(json.dumps(data))
    generate(request(first, out, cache))
    data["info"]["description"] = "The second version's description."
    second.write_text(json.dumps(data))
    stages, result = run(second, out, cache)
    assert carried(stages)
    assert {str(w.file) for w in result.warnings} == {"v2.json"}
    (tmp_path / "fresh").mkdir()
    (tmp_path / "fresh" / "v2.json").write_text(second.read_text())
    expected = generate(request(tmp_path / "fresh" / "v2.json", tmp_path / "fresh" / "out", None))
    assert tree(out) == tree(tmp_path / "fresh" / "out")
    assert result.warnings == expected.warnings


def test_a_renamed_root_of_several_files_is_not_carried(tmp_path):
    """Another file of the spec may refer to the root by its name: with the root renamed,
    only loading the spec tells what those references now reach."""
    folder = tmp_path / "spec"
    folder.mkdir()
    data = load_spec(SPEC).data
    data["components"]["schemas"]["Extra"] = {"$ref": "extra.json#/Extra"}
    (folder / "extra.json").write_text(json.dumps({"Extra": {"type": "string", "description": "More."}}))
    (folder / "v1.json").write_text(json.dumps(data, indent=2))
    out, cache = tmp_path / "out", tmp_path / "cache"
    generate(request(folder / "v1.json", out, cache))
    data["info"]["description"] = "Changed."
    (folder / "v2.json").write_text(json.dumps(data, indent=2))
    stages, result = run(folder / "v2.json", out, cache)
    assert not carried(stages)
    fresh = generate(request(folder / "v2.json", tmp_path / "fresh", None))
    assert tree(out) == tree(tmp_path / "fresh")
    assert result.warnings == fresh.warnings


def test_with_a_group_chosen_an_edit_is_carried_and_gives_a_full_runs_output(tmp_path):
    data = load_spec(SPEC).data
    spec, out, cache = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache, groups=("OAuth",)))
    data["paths"]["/oauth2/token"]["post"]["description"] = "Edited, with a group chosen."
    spec.write_text(json.dumps(data, indent=2))
    stages = Stages()
    result = generate(request(spec, out, cache, groups=("OAuth",)), stages)
    assert carried(stages)
    (tmp_path / "fresh").mkdir()
    (tmp_path / "fresh" / "spec.json").write_text(spec.read_text())
    expected = generate(request(tmp_path / "fresh" / "spec.json", tmp_path / "fresh" / "out", None, groups=("OAuth",)))
    assert tree(out) == tree(tmp_path / "fresh" / "out")
    assert result.warnings == expected.warnings


def test_a_spec_path_that_cannot_be_resolved_is_said_so_after_a_carried_run(tmp_path):
    """With a model carried for the folder, a spec path the system refuses (a NUL byte)
    is still reported by loading, as a finding, not as a traceback."""
    spec, out, cache = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache))
    with pytest.raises(SpecError, match="cannot be read"):
        generate(request(tmp_path / "spec\x00.json", out, cache))


def test_a_carried_model_is_written_the_default_way_with_no_sources(tmp_path):
    """The carried model's pickler writes each data class the way the pickler's default
    does (its class, then its fields), byte for byte, and leaves out where each thing
    was described: the model it reads back is the model, every ``Source`` aside."""
    import copyreg
    import dataclasses
    import io

    from sdkforge.cache.carried import NOWHERE, _nowhere, _pickler
    from sdkforge.model.ir import Source
    from sdkforge.targets.registry import get_target

    spec = load_spec(shared_path("corpus", "square", "api-2025-08-20.oas3.json"))
    api, _ = build_api(spec)
    names = get_target("python").name(api)
    fast = io.BytesIO()
    _pickler(fast).dump((api, names))
    default = io.BytesIO()
    plain = pickle.Pickler(default, protocol=pickle.HIGHEST_PROTOCOL)
    plain.dispatch_table = {**copyreg.dispatch_table, Source: lambda _: (_nowhere, ())}
    plain.dump((api, names))
    assert fast.getvalue() == default.getvalue()
    assert b"#/components" not in fast.getvalue()  # no pointer of the spec

    def nowhere(value: Any) -> Any:
        if isinstance(value, Source):
            return NOWHERE
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: nowhere(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return dataclasses.replace(value, **changes)
        if isinstance(value, tuple | list):
            return type(value)(nowhere(v) for v in value)
        if isinstance(value, dict):
            return {k: nowhere(v) for k, v in value.items()}
        return value

    loaded_api, loaded_names = _Unpickler(io.BytesIO(fast.getvalue())).load()
    assert loaded_api == nowhere(api)
    assert loaded_names == names


def test_an_edit_found_not_to_be_carried_does_not_wait_for_the_folders_stats(tmp_path):
    # whether the folder is as the last run left it is read in a child beside the
    # carried attempt; an edit of the structure needs none of it before parsing, and
    # the longer way asks for it after planning
    from sdkforge.cache.incremental import folder_key, recall_folder
    from sdkforge.cache.store import Cache
    from sdkforge.parallel.beside import Pending
    from sdkforge.pipeline import _carried_edit
    from sdkforge.progress import SILENT
    from sdkforge.request import run_options

    spec, out, cache_dir = json_spec(tmp_path, load_spec(SPEC).data, indent=2)
    generate(request(spec, out, cache_dir))
    spec.write_text(spec.read_text().replace('"Always `bearer`."', '"Always `bearer`.", "x-new": 1', 1))
    edited = request(spec, out, cache_dir)
    cache = Cache(cache_dir)
    key = folder_key(out, run_options(edited), None)
    last = recall_folder(cache, key)
    assert last is not None and last.carried
    asked: list[str] = []
    as_left = Pending(lambda: asked.append("stats") or {})
    assert _carried_edit(edited, cache, key, last, as_left, SILENT) is None
    assert asked == []


def test_an_edit_that_adds_lines_is_told_structural_without_reading_the_kept_bytes(tmp_path, monkeypatch):
    # a JSON string holds no line feed, so an edit inside one keeps the file's count of
    # them: a count that differs from the kept text's says "structural" at once
    from sdkforge.cache.incremental import folder_key, recall_folder
    from sdkforge.pipeline import _carried_edit
    from sdkforge.progress import SILENT
    from sdkforge.request import run_options
    from sdkforge.spec.load import read_spec_bytes

    data = load_spec(SPEC).data
    spec, out, cache_dir = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache_dir))
    read: list[str] = []
    get_hashed = Cache.get_hashed

    def reading(self: Cache, namespace: str, key: str, digest: str) -> bytes | None:
        read.append(namespace)
        return get_hashed(self, namespace, key, digest)

    monkeypatch.setattr(Cache, "get_hashed", reading)

    def tried(text: str) -> bool:
        """Whether the carried way took the edit, and whether it read the kept bytes."""
        spec.write_text(text)
        edited = request(spec, out, cache_dir)
        cache = Cache(cache_dir)
        key = folder_key(out, run_options(edited), None)
        last = recall_folder(cache, key)
        assert last is not None and last.carried
        raw = read_spec_bytes(spec)
        found = _carried_edit(edited, cache, key, last, done_stats(), SILENT, (raw, hashlib.sha256(raw).hexdigest()))
        return found is not None

    base = spec.read_text()
    with_a_field = json.loads(base)
    with_a_field["info"]["x-new"] = {"a": 1}
    assert not tried(json.dumps(with_a_field, indent=2))
    assert read == []  # told by the count alone
    # the same count of lines, not inside a string: the kept bytes are read to tell
    assert not tried(base.replace('"Always `bearer`."', '"Always `bearer`.", "x-new": 1', 1))
    assert read == [BYTES]
    # inside a string: carried, from the kept bytes
    read.clear()
    assert tried(base.replace("Always `bearer`.", "Always `bearer`, always.", 1))
    assert read == [BYTES]


def done_stats() -> Any:
    from sdkforge.parallel.beside import done

    return done({})
