"""A YAML spec read from the last read kept for its output folder (generator.cache.kept_read)
is what reading the whole file gives: its value (to which strings are one object), its
notes of where values stand, the findings' lines and columns, the digests; or the same error."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdkforge.cache import kept_read
from sdkforge.cache.store import Cache
from sdkforge.errors import SpecError
from sdkforge.spec.load import LoadedSpec, load_spec

BASE = """\
openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /pets:
    get:
      summary: List pets
      description: All the pets.
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
    post:
      responses:
        '201':
          description: Made
  /pets/{id}:
    get:
      responses:
        '200':
          description: One
components:
  schemas:
    Pet:
      type: object
      properties:
        name:
          type: string
          description: Its name.
    Owner:
      type: object
      properties:
        pet:
          $ref: '#/components/schemas/Gone'
"""


def _outcome(spec: LoadedSpec | SpecError) -> Any:
    """All a run takes from a loaded spec, comparable; or the error's findings."""
    if isinstance(spec, SpecError):
        return [(f.file, f.pointer, f.message, f.line, f.column) for f in spec.findings]
    shallow = spec._yaml_shallow.get(spec.root)
    located = [spec.locate(spec.root, p) for p in ("/paths/~1pets/get/summary", "/components/schemas/Pet/type")]
    return (
        spec.data,
        pickle.dumps(spec.data, protocol=5),  # which strings are one object too: the structure digest pickles it
        spec.version,
        spec.digests,
        shallow.noted() if shallow is not None else None,
        [(w.pointer, w.message, w.line, w.column) for w in spec.warnings],
        spec.dangling,
        spec.dangling_sites,
        located,
    )


def _read(read: Any, path: Path) -> LoadedSpec | SpecError:
    try:
        return read(path)  # type: ignore[no-any-return]
    except SpecError as exc:
        return exc


def _edit_both_ways(tmp: Path, old: str, new: str) -> tuple[Any, Any]:
    """What reading ``new`` gives from the kept read of ``old``, and from its whole text."""
    cache = Cache(tmp / "cache")
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "spec.yaml"
    path.write_bytes(old.encode())
    first = _read(lambda p: kept_read.read_spec(p, cache, tmp), path)
    if isinstance(first, LoadedSpec):
        kept_read.keep_read(cache, first, tmp).result()
    path.write_bytes(new.encode())
    return _outcome(_read(lambda p: kept_read.read_spec(p, cache, tmp), path)), _outcome(_read(load_spec, path))


def test_an_edit_inside_an_operation_reads_only_that_operation_again(tmp_path: Path) -> None:
    new = BASE.replace("All the pets.", "All the pets,\n        and more.\n\n        Really.")
    spliced = kept_read._splice(BASE, new, *_built(BASE))
    assert spliced is not None
    value, notes, _ = _built(new)
    assert spliced == (value, notes)
    kept, full = _edit_both_ways(tmp_path, BASE, new)
    assert kept == full


def test_a_spec_with_an_anchor_or_a_key_written_twice_is_not_kept(tmp_path: Path) -> None:
    anchored = BASE.replace(
        "      type: object\n      properties:\n        name:",
        "      type: &t object\n      properties:\n        name:",
    )
    twice = BASE.replace("  /pets/{id}:", "  /pets:\n    put: {}\n  /pets/{id}:")
    for old in (anchored, twice, BASE):
        cache = Cache(tmp_path / str(len(old)))
        path = tmp_path / "spec.yaml"
        path.write_text(old)
        kept_read.keep_read(cache, load_spec(path), tmp_path).result()
        assert (cache.get_bytes(kept_read.NAMESPACE, kept_read._key(tmp_path)) is None) == (old != BASE)
        new = old.replace("All the pets.", "Every pet.")
        kept, full = _edit_both_ways(tmp_path / f"{len(old)}-edit", old, new)
        assert kept == full


def _built(text: str) -> tuple[Any, Any, dict[str, Any]]:
    """A YAML text's value, its notes and its plain texts' values, as loading builds them."""
    from sdkforge.spec import yaml_fast
    from sdkforge.spec.load import MAX_DEPTH, YAML_NOTED_DEPTH, _json_loader

    built = yaml_fast.load(text, _json_loader(), MAX_DEPTH, YAML_NOTED_DEPTH)
    assert built.shallow is not None
    return built.value, built.shallow.noted(), built.shallow.known


_PIECES = st.sampled_from(
    ["", " ", "  ", "\n", "\n  ", "\n      ", "a", "x: 1", "- b", ":", "'", '"', "#", "{", "[", "&a ", "*a", "\t", "~",
     "200", "description: d", "\n      y: [1]", "\n  /new:\n    get: {}", "\r\n", "? k\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(st.tuples(st.integers(0, len(BASE)), st.integers(0, 12), _PIECES), min_size=1, max_size=3),
)
def test_any_edit_reads_as_the_whole_text_does(tmp_path_factory: Any, edits: list[tuple[int, int, str]]) -> None:
    new = BASE
    for at, cut, piece in edits:
        at = min(at, len(new))
        new = new[:at] + piece + new[at + cut :]
    kept, full = _edit_both_ways(tmp_path_factory.mktemp("edit"), BASE, new)
    assert kept == full


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["Pet", "Owner", "Toy"]),
    field=st.text("abc_", min_size=1, max_size=4),
    text=st.text(min_size=0, max_size=20),
    path=st.sampled_from(["/pets", "/toys", "/pets/{id}"]),
)
def test_a_structural_edit_reads_as_the_whole_text_does(
    tmp_path_factory: Any, name: str, field: str, text: str, path: str
) -> None:
    doc = yaml.safe_load(BASE)
    doc["components"]["schemas"].setdefault(name, {"type": "object"}).setdefault("properties", {})[field] = {
        "description": text
    }
    doc["paths"].setdefault(path, {})["delete"] = {"responses": {"204": {"description": text}}}
    new = yaml.safe_dump(doc, sort_keys=False)
    old = yaml.safe_dump(yaml.safe_load(BASE), sort_keys=False)
    kept, full = _edit_both_ways(tmp_path_factory.mktemp("edit"), old, new)
    assert kept == full


def test_a_damaged_entry_is_a_miss_and_a_json_spec_is_not_kept(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    path = tmp_path / "spec.yaml"
    path.write_text(BASE)
    kept_read.keep_read(cache, load_spec(path), tmp_path).result()
    entry = cache._path(kept_read.NAMESPACE, kept_read._key(tmp_path))
    damaged = bytearray(entry.read_bytes())
    damaged[len(damaged) // 2] ^= 1
    entry.write_bytes(bytes(damaged))
    path.write_text(BASE.replace("All the pets.", "Every pet."))
    assert _outcome(kept_read.read_spec(path, cache, tmp_path)) == _outcome(load_spec(path))
    as_json = tmp_path / "spec.json"
    as_json.write_text(json.dumps(yaml.safe_load(BASE)))
    kept_read.keep_read(cache, load_spec(as_json), tmp_path / "json").result()
    assert cache.get_bytes(kept_read.NAMESPACE, kept_read._key(tmp_path / "json")) is None


# ---- whole entries of a mapping added, removed or replaced -------------------------

ENTRIES = """\
openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      responses:
        '200':
          description: A
  # a comment between entries

  /b: {}   # a flow mapping, then a comment
  /c:
    post:
      description: "C,
        on two lines"
      responses:
        '201':
          description: C
components:
  schemas:
    Pet:
      type: object
    Empty: {}
    Owner:
      type: object
      properties:
        pet:
          $ref: '#/components/schemas/Pet'
"""
"""Paths and schemas whose entries are block and flow mappings, with comments and blank
lines between them; the schemas end the document, the paths end at a less indented key."""

_SCHEMA = "    Toy:\n      type: string\n      description: A toy.\n"
_PATH = "  /d:\n    delete:\n      responses:\n        '204':\n          description: Gone\n"


def _pieces_read(old: str, new: str) -> tuple[Any, list[int]]:
    """What splicing ``new`` into the read of ``old`` gives, and the length of each piece read."""
    from sdkforge.spec import yaml_fast

    lengths: list[int] = []
    load, built = yaml_fast.load, _built(old)

    def recording(text: str, *args: Any, **kwargs: Any) -> Any:
        lengths.append(len(text))
        return load(text, *args, **kwargs)

    yaml_fast.load = recording  # type: ignore[assignment]
    try:
        return kept_read._splice(old, new, *built), lengths
    finally:
        yaml_fast.load = load  # type: ignore[assignment]


@pytest.mark.parametrize(
    ("old", "new", "most"),
    [
        (ENTRIES, ENTRIES.replace("    Empty: {}\n", ""), 0),  # a schema removed: nothing read
        (ENTRIES, ENTRIES.replace("    Empty: {}\n", _SCHEMA), len(_SCHEMA)),
        (ENTRIES, ENTRIES + _SCHEMA, len(_SCHEMA)),  # after the last, at the end of the text
        (ENTRIES, ENTRIES.replace("components:\n", _PATH + "components:\n"), len(_PATH)),  # after the last path
        (ENTRIES, ENTRIES.replace("  /b: {}   # a flow mapping, then a comment\n", ""), 0),
        (ENTRIES, ENTRIES.replace("  /a:\n", _PATH + "  /a:\n"), len(_PATH)),  # before the first
        (ENTRIES + _SCHEMA, ENTRIES, 200),  # the last removed: the one before it is read again
    ],
)
def test_entries_added_or_removed_read_only_themselves(tmp_path: Path, old: str, new: str, most: int) -> None:
    spliced, lengths = _pieces_read(old, new)
    assert spliced is not None
    value, notes, _ = _built(new)
    assert spliced == (value, notes)
    assert max(lengths, default=0) <= most + 4, lengths  # with the next line's indentation
    kept, full = _edit_both_ways(tmp_path, old, new)
    assert kept == full


_ENTRY_TEXTS = st.sampled_from(
    [_SCHEMA, _PATH, "    Toy: {}\n", "  /e: {}\n", "    Toy:\n      type: string\n\n    # c\n", "  # c\n", "\n",
     "Toy:\n  type: string\n", "  /d:\n    get: {}\n  ", "    Pet:\n      type: string\n", "  /a: {}\n", "    x\n",
     "      nested: 1\n", "    Toy: 'a\n    Bar: b'\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cuts=st.lists(
        st.tuples(st.integers(0, ENTRIES.count("\n")), st.integers(0, 4), st.one_of(st.just(""), _ENTRY_TEXTS)),
        min_size=1,
        max_size=2,
    )
)
def test_lines_removed_or_added_read_as_the_whole_text_does(tmp_path_factory: Any, cuts: list[Any]) -> None:
    """Whole lines cut out and lines put in (entries, parts of entries, entries at the
    wrong column, keys written twice, quotes left open), anywhere."""
    lines = ENTRIES.splitlines(keepends=True)
    for at, cut, text in cuts:
        at = min(at, len(lines))
        lines[at : at + cut] = text.splitlines(keepends=True)
    new = "".join(lines)
    kept, full = _edit_both_ways(tmp_path_factory.mktemp("lines"), ENTRIES, new)
    assert kept == full
