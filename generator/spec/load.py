"""Read a spec from disk: parse it safely, follow its local file references, tell its version.

The result, :class:`LoadedSpec`, holds every document the spec is made of, keyed by
absolute path. YAML goes only through PyYAML's safe loader; JSON through the json
module. ``$ref`` may point inside the spec's own files (``#/...``) or to other files
below the root spec's folder (``common.yaml#/Error``); remote references are refused.
Line numbers are worked out only when a finding needs one, so the fast path pays nothing
for them.
"""

from __future__ import annotations

import bisect
import errno
import functools
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..errors import Finding, Severity, SpecError, pointer_join, pointer_parts
from ..immutable import immutable

if TYPE_CHECKING:
    import yaml

    from . import yaml_fast

# PyYAML (and :mod:`.yaml_fast` over it) is imported by the functions that read YAML: a
# run on a spec in JSON does without it, 5 to 10 ms to import.


@functools.cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader: libyaml's, several times faster, where PyYAML has it."""
    import yaml

    try:
        return yaml.CSafeLoader  # type: ignore[return-value]
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        return yaml.SafeLoader


@functools.cache
def _json_loader() -> type[yaml.SafeLoader]:
    """The safe loader, making only JSON values: dates and binary stay the text they are
    written as, and ``!!set`` is a mapping to nulls, so every value can become JSON."""

    class JsonLoader(_safe_loader()):  # type: ignore[misc]
        pass

    JsonLoader.add_constructor("tag:yaml.org,2002:timestamp", _scalar_text)
    JsonLoader.add_constructor("tag:yaml.org,2002:binary", _scalar_text)
    JsonLoader.add_constructor("tag:yaml.org,2002:set", _set_as_mapping)
    return JsonLoader


def _scalar_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _set_as_mapping(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_mapping(node)  # type: ignore[arg-type]


SUPPORTED_VERSIONS = ("2.0", "3.0", "3.1")
MAX_DEPTH = 64
"""How deeply a document may nest: far deeper than any real spec, shallow enough that
nothing downstream (parsers, the validator, our own recursion) can overflow."""
YAML_NOTED_DEPTH = 3
"""How deep building a YAML document notes where its values start (see
:class:`yaml_fast.Shallow`): a spec's operations (``/paths/{path}/{method}``) and its
components (``/components/schemas/{name}``), so that locating a finding below one reads
the events of that value's text only."""
MAX_FILE_BYTES = 256 * 2**20
"""The biggest file sdkforge reads as (part of) a spec: 256 MB, five times the biggest
real spec we know (Microsoft Graph's beta API, 47 MB of JSON). Parsed, a spec takes
about seven times its size in memory."""
MAX_NODES = 1_000_000
"""How many values YAML aliases may expand a document to (beyond 20 times its own
size): a guard against "billion laughs" documents."""


@immutable
class Ref:
    """Where a ``$ref`` points: a document and a JSON pointer inside it."""

    file: Path
    pointer: str

    def __hash__(self) -> int:
        # The pointer's alone: a string remembers its hash, where a Path's is worked out
        # in Python each time (modelling looks refs up hundreds of thousands of times),
        # and refs to the same pointer in two files are few.
        return hash(self.pointer)


_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _skip_whitespace(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at


_DECODER = json.JSONDecoder()
SCANNED_LEVELS = 2
"""How deep :meth:`_JsonIndex.parsed` reads objects member by member: the root and its
members (``paths``, ``components``). Each member read apart has key strings of its own
(the json module shares a key's string only within one call), so a level deeper costs
memory: reading ``schemas`` apart too took GitHub's parsed spec from 2 MB to 5 MB more
than ``json.loads``, for 4 ms less of locating findings."""
_NOT_RESOLVED = object()


class _JsonIndex:
    """Where values stand in a JSON text, found without building a YAML node tree.

    Composing a 13 MB JSON spec as YAML, only to tell the line of one finding, took
    seconds; here each object or array on the way to a pointer is scanned with the json
    module's C scanner (skipping over the values it passes), only as far as the key
    asked for, and what was scanned is remembered.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._scans: dict[int, _Scan] = {}  # container offset -> its children found so far

    @classmethod
    def parsed(cls, text: str) -> tuple[Any, _JsonIndex]:
        """``json.loads(text)``, and an index that knows already where the members of the
        top levels' objects stand (each path, each kind of component): finding one
        later would otherwise mean decoding again every value before it, 0.1 s to pass
        over GitHub's ``paths``. Raises what ``json.loads`` raises."""
        index = cls(text)
        try:
            value, end = index._parse(_skip_whitespace(text, 0), SCANNED_LEVELS)
            if _skip_whitespace(text, end) != len(text):
                raise ValueError("extra data")
        except (ValueError, IndexError, RecursionError):
            return json.loads(text), cls(text)  # json.loads says what is wrong, as it would have
        return value, index

    def _parse(self, at: int, levels: int) -> tuple[Any, int]:
        """The value at ``at`` and where it ends; an object within ``levels`` is read
        member by member, the offset of each member's value noted."""
        text = self._text
        if levels == 0 or text[at] != "{":
            return _DECODER.raw_decode(text, at)
        scan = self._scans[at] = _Scan(text, at)
        value: dict[str, Any] = {}
        at = scan._at
        if text[at] == "}":
            scan._done = True
            return value, at + 1
        while True:
            if text[at] != '"':
                raise ValueError("a key expected")
            key, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
            at = _skip_whitespace(text, at)
            if text[at] != ":":
                raise ValueError("a colon expected")
            at = _skip_whitespace(text, at + 1)
            scan.note(key, at)
            value[key], at = self._parse(at, levels - 1)
            at = _skip_whitespace(text, at)
            if text[at] == "}":
                scan._done = True
                return value, at + 1
            if text[at] != ",":
                raise ValueError("a comma expected")
            at = _skip_whitespace(text, at + 1)

    def outline(self) -> dict[int, list[tuple[int, str]]]:
        """What is known of the text's objects and arrays: for each one read whole (each
        key once), where it starts and where each child's value starts, with its key,
        in the text's order."""
        return {
            at: sorted((o, k) for k, o in scan.children.items()) for at, scan in self._scans.items() if scan.complete
        }

    def locate(self, parts: list[str]) -> int | None:
        """The offset of the value at ``parts``, or of its nearest ancestor that exists;
        None when the text is not the JSON it was parsed from."""
        try:
            offset = _skip_whitespace(self._text, 0)
            for part in parts:
                scan = self._scans.get(offset)
                if scan is None:
                    scan = self._scans[offset] = _Scan(self._text, offset)
                child = scan.find(part)
                if child is None:
                    break
                offset = child
            return offset
        except (ValueError, IndexError):
            return None


class _Scan:
    """The children of one JSON object or array, read as far as asked."""

    def __init__(self, text: str, offset: int) -> None:
        self._text = text
        self._opener = text[offset]
        self._closer = "}" if self._opener == "{" else "]"
        self._at = _skip_whitespace(text, offset + 1)  # where the next child starts
        self._index = 0
        self._done = self._opener not in "{["
        self.children: dict[str, int] = {}  # key (or index) -> offset of its value
        self.repeated = False  # whether a key came twice

    def note(self, key: str, offset: int) -> None:
        """Note where the value of ``key`` starts. For a repeated key, JSON parsers keep
        the last value, and we point at the first."""
        if key in self.children:
            self.repeated = True
        else:
            self.children[key] = offset

    @property
    def complete(self) -> bool:
        """Whether every child has been read, and each key came once."""
        return self._done and not self.repeated

    def find(self, key: str) -> int | None:
        """The offset of the value under ``key``; None if the container has none."""
        text = self._text
        while key not in self.children and not self._done:
            at = self._at
            if text[at] == self._closer:
                self._done = True
                break
            if self._opener == "{":
                name, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
                at = _skip_whitespace(text, at)
                at = _skip_whitespace(text, at + 1)  # past the colon
            else:
                name, self._index = str(self._index), self._index + 1
            self.note(name, at)
            _, at = _DECODER.raw_decode(text, at)
            at = _skip_whitespace(text, at)
            if text[at] == ",":
                at = _skip_whitespace(text, at + 1)
            self._at = at
        return self.children.get(key)


@dataclass
class LoadedSpec:
    """Every document of one spec, parsed, with what is needed to locate findings."""

    root: Path
    version: str
    documents: dict[Path, Any]
    warnings: list[Finding] = field(default_factory=list)
    dangling: set[Ref] = field(default_factory=set)
    """Targets of ``$ref``s that point nowhere from inside a model (warned about)."""
    dangling_sites: list[Ref] = field(default_factory=list)
    """Where those ``$ref``s stand: the pointer of each ``$ref`` key."""
    digests: dict[Path, str] = field(default_factory=dict, repr=False)
    """The sha256 of each document's bytes as read (what a run record is keyed by)."""
    prose_sites: dict[Path, list[ProseSite]] = field(default_factory=dict, repr=False)
    """Per file, every (object, key, trail) whose value is prose: the string of a
    ``description`` or ``summary`` key of an object that is neither literal data nor a
    map of names (see :mod:`generator.cache.prose`). Its trail, the key added, is where it stands."""
    _texts: dict[Path, str] = field(default_factory=dict, repr=False)
    pointer_map: Callable[[str], str] = field(default=lambda pointer: pointer, repr=False)
    """Maps a pointer to where it stands in the file as written (set when a converted
    Swagger 2.0 document stands in for the original)."""
    _yaml_shallow: dict[Path, yaml_fast.Shallow] = field(default_factory=dict, repr=False)
    """Per YAML file built in one pass, where its values down to :data:`YAML_NOTED_DEPTH`
    start, noted as it was built: what locating in it reads first."""
    _places: dict[Path, yaml_fast.Place | yaml.Node | None] = field(default_factory=dict, repr=False)
    """Per YAML file whose notes could not tell, where all its nodes start (see :func:`_yaml_places`)."""
    _json_indexes: dict[Path, _JsonIndex] = field(default_factory=dict, repr=False)
    _resolved: dict[Ref, Any] = field(default_factory=dict, repr=False)
    _lines: dict[Path, tuple[list[int], list[int]]] = field(default_factory=dict, repr=False)
    """Per JSON file, offsets whose line is known (in order), and those lines."""

    def text_of(self, file: Path) -> str:
        """The text ``file`` was parsed from."""
        return self._texts.get(file, "")

    @property
    def data(self) -> Any:
        """The root document."""
        return self.documents[self.root]

    def display_name(self, file: Path) -> str:
        """A file's name as findings show it (see :func:`display_name`)."""
        return display_name(self.root, file)

    def parse_ref(self, ref: str, base: Path) -> Ref:
        """Turn a ``$ref`` string found in ``base`` into a :class:`Ref` (already checked on load)."""
        file_part, _, fragment = ref.partition("#")
        file = base if not file_part else (base.parent / unquote(file_part)).resolve()
        return Ref(file, unquote(fragment))

    def resolve(self, ref: Ref) -> Any:
        """The value a checked reference points to (each found once: modelling follows
        the same references many times)."""
        found = self._resolved.get(ref, _NOT_RESOLVED)
        if found is _NOT_RESOLVED:
            found = self._resolved[ref] = walk_pointer(self.documents[ref.file], ref.pointer)
        return found

    def outline(self, file: Path) -> dict[int, list[tuple[int, str]]]:
        """Where the members of a JSON file's top levels stand, as far as parsing noted
        it (see :meth:`_JsonIndex.outline`); empty for any other file."""
        index = self._json_indexes.get(file)
        return index.outline() if index is not None else {}

    def locate(self, file: Path, pointer: str) -> tuple[int, int] | None:
        """The 1-based (line, column) of the value at ``pointer``, or of its nearest ancestor
        that exists in the file as written; None when the file cannot be read as YAML."""
        text = self._texts.get(file)
        if not text:
            return None
        if file.suffix.lower() == ".json":
            index = self._json_indexes.setdefault(file, _JsonIndex(text))
            offset = index.locate(pointer_parts(pointer))
            if offset is not None:
                return self._line_of(file, text, offset), offset - (text.rfind("\n", 0, offset) + 1) + 1
        shallow = self._yaml_shallow.get(file)
        if shallow is not None:
            found = shallow.locate(text, pointer_parts(pointer))
            if found is not None:
                return found
        if file not in self._places:
            self._places[file] = _yaml_places(text)
        where = self._places[file]
        if where is None:
            return None
        if not isinstance(where, tuple):  # a node tree (see _yaml_places)
            return _node_place(where, pointer_parts(pointer))
        from . import yaml_fast

        where = yaml_fast.walk_places(where, pointer_parts(pointer))
        return where[0], where[1]

    def _line_of(self, file: Path, text: str, offset: int) -> int:
        """The 1-based line of ``offset`` in ``file``'s ``text``, counted from the nearest
        offset whose line is known already: the warnings on a big spec are spread over
        its length, and counting from the top for each took 15 ms on GitHub's."""
        offsets, lines = self._lines.setdefault(file, ([0], [1]))
        at = bisect.bisect_right(offsets, offset) - 1
        line = lines[at] + text.count("\n", offsets[at], offset)
        offsets.insert(at + 1, offset)
        lines.insert(at + 1, line)
        return line

    def finding(self, file: Path, pointer: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
        """A finding at ``pointer`` in ``file``, with its line and column when known."""
        pointer = self.pointer_map(pointer)
        where = self.locate(file, pointer)
        line, column = where if where else (None, None)
        return Finding(Path(self.display_name(file)), pointer, message, severity, line, column)


def _yaml_places(text: str) -> yaml_fast.Place | yaml.Node | None:
    """Where the nodes of a YAML text start: read from its events (:func:`yaml_fast.places`)
    or, where that cannot tell, its node tree as PyYAML composes it; None when it cannot
    be read as YAML (or holds nothing)."""
    import yaml

    from . import yaml_fast

    try:
        return yaml_fast.places(text, _safe_loader())
    except yaml_fast.NotFast:
        pass
    try:
        return yaml.compose(text, Loader=_safe_loader())
    except yaml.YAMLError:
        return None


def _node_place(node: yaml.Node, parts: list[str]) -> tuple[int, int]:
    """The 1-based (line, column) of the node at ``parts`` below ``node``, or of its
    nearest ancestor that exists."""
    import yaml

    from . import yaml_fast

    for part in parts:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode):
            index = yaml_fast.sequence_index(part)
            child = node.value[index] if index is not None and index < len(node.value) else None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


def display_name(root: Path, file: Path) -> str:
    """A file of the spec whose root file is ``root``, named as findings show it:
    relative to the root's folder."""
    try:
        return str(file.relative_to(root.parent))
    except ValueError:
        return str(file)


Read = tuple[bytes, str]
"""A spec file's bytes, as :func:`read_spec_bytes` gave them, and their sha256."""


def load_spec(path: Path, read: Read | None = None) -> LoadedSpec:
    """Load the spec at ``path`` and every local file it references; ``read``: the root
    file's bytes and digest, when the caller has read them already (see
    :func:`generator.pipeline.generate`: a run reads them first to see whether its output
    is current).

    Raises :class:`SpecError` for anything that keeps us from reading it: a missing or
    unreadable file, a parse error, a document that is not OpenAPI, an unsupported
    version, a remote or escaping ``$ref``, or a ``$ref`` whose target does not exist.
    """
    try:
        root = path.resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a NUL in the name, a symlink loop
        raise SpecError([Finding(Path(path.name), None, f"cannot be read: {exc}")]) from None
    return spec_from(root, Path(path.name), *_read(root, Path(path.name), read))


def spec_from(
    root: Path, shown: Path, text: str, data: Any, digest: str, index: _JsonIndex | yaml_fast.Shallow | None
) -> LoadedSpec:
    """The spec whose root file ``root`` (named ``shown``) was read as ``text``: its value
    ``data``, the sha256 of its bytes and its index (see :func:`_read`), with every local
    file it references."""
    if data is None:
        raise SpecError([Finding(shown, None, "the file is empty: it holds only comments and blank lines")])
    if not isinstance(data, dict):
        raise SpecError([Finding(shown, None, "the file is not an OpenAPI document: its top level is not a mapping")])
    spec = LoadedSpec(root=root, version="", documents={root: data}, digests={root: digest}, _texts={root: text})
    _keep_index(spec, root, index)
    spec.version = _detect_version(spec)
    _load_references(spec)
    return spec


def _keep_index(spec: LoadedSpec, file: Path, index: _JsonIndex | yaml_fast.Shallow | None) -> None:
    """Keep what reading ``file`` noted of where its values stand, for locating in it."""
    if isinstance(index, _JsonIndex):
        spec._json_indexes[file] = index
    elif index is not None:
        spec._yaml_shallow[file] = index


class Refused(OSError):
    """A file sdkforge will not read as a spec: not a regular file, or too big."""


def read_spec_bytes(file: Path) -> bytes:
    """The bytes of a spec file, refusing (:class:`Refused`) what is not a regular file
    (a FIFO would block the read forever, a device never end) and what is bigger than
    :data:`MAX_FILE_BYTES`. The file is looked at before it is opened, opened without
    waiting (opening a FIFO waits for a writer), and looked at again once open: it may
    have been swapped in between. Raises :class:`OSError` as reading does."""
    _check_file(os.stat(file))
    fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        _check_file(os.fstat(fd))
        raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew while we read it
        raise Refused(_too_big(len(raw)))
    return raw


def _check_file(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO" if stat.S_ISFIFO(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )  # fmt: skip
        raise Refused(f"is {kind}, not a regular file: not read")
    if info.st_size > MAX_FILE_BYTES:
        raise Refused(_too_big(info.st_size))


def _too_big(size: int) -> str:
    limit = MAX_FILE_BYTES
    return f"is {size:,} bytes, more than the {limit // 2**20} MB ({limit:,} bytes) sdkforge reads: not read"


def _read(
    file: Path, shown: Path, read: Read | None = None
) -> tuple[str, Any, str, _JsonIndex | yaml_fast.Shallow | None]:
    """The text of ``file`` (whose bytes and digest are ``read``, if given), its parsed
    value, the sha256 of its bytes, and an index of where its values stand: for JSON its
    :class:`_JsonIndex`, for YAML built in one pass where its shallow values start
    (:class:`yaml_fast.Shallow`)."""
    try:
        raw, digest = read if read is not None else (read_spec_bytes(file), "")
    except FileNotFoundError:
        raise SpecError([Finding(shown, None, "no such file")]) from None
    except IsADirectoryError:
        raise SpecError([Finding(shown, None, "is a folder, not a spec file")]) from None
    except Refused as exc:
        raise SpecError([Finding(shown, None, str(exc))]) from None
    except OSError as exc:
        raise SpecError([Finding(shown, None, f"cannot be read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Finding(shown, None, f"is not UTF-8 text (bad byte at offset {exc.start})")]) from None
    if not text or text.isspace():  # as ``not text.strip()``, without copying the text (0.03 s on GitHub's)
        raise SpecError([Finding(shown, None, "the file is empty")])
    digest = digest or hashlib.sha256(raw).hexdigest()
    if file.suffix.lower() == ".json":
        try:
            data, index = _JsonIndex.parsed(text)
        except json.JSONDecodeError as exc:
            raise SpecError(
                [Finding(shown, None, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)]
            ) from None
        except RecursionError:  # far deeper than MAX_DEPTH: the json module gave up
            offset, pointer = _too_deep_in_json(text)
            deep_line = text.count("\n", 0, offset) + 1
            deep_column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            message = f"the document is nested more than {MAX_DEPTH} levels deep"
            raise SpecError([Finding(shown, pointer, message, line=deep_line, column=deep_column)]) from None
        except ValueError as exc:  # a number too long to convert, for one
            raise SpecError([Finding(shown, None, f"invalid JSON: {_first_clause(exc)}")]) from None
        return text, data, digest, index  # its depth is checked as its references are looked for
    data, shallow = _parse_yaml(text, shown)
    return text, data, digest, shallow


def _parse_yaml(text: str, shown: Path) -> tuple[Any, yaml_fast.Shallow | None]:
    """The value of a YAML text, as PyYAML's safe loader (:func:`_json_loader`) makes it,
    and where its values down to :data:`YAML_NOTED_DEPTH` start when that was noted.

    Most specs are built in one pass over libyaml's events (:mod:`.yaml_fast`), which also
    tells depth and aliases, and notes where values start. What that pass does not build
    (see :mod:`.yaml_fast`), and anything it finds unsafe, takes PyYAML's own path: its
    events are checked first (:func:`_check_yaml_events`, which refuses what is unsafe,
    located), then the document is loaded, its errors reported with their line and
    column."""
    import yaml

    from . import yaml_fast

    try:
        built = yaml_fast.load(text, _json_loader(), MAX_DEPTH, YAML_NOTED_DEPTH)
    except yaml_fast.NotFast:
        pass
    else:
        if not _alias_bomb(built.written, built.expanded):
            return built.value, built.shallow
    _check_yaml_events(text, shown)
    try:
        return yaml.load(text, Loader=_json_loader()), None  # noqa: S506 - the safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or "cannot parse"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise SpecError([Finding(shown, None, f"invalid YAML: {problem}", line=line, column=column)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Finding(shown, None, f"invalid YAML: {_first_clause(exc)}")]) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value the constructors refuse
        raise SpecError([Finding(shown, None, f"invalid YAML: {_first_clause(exc)}")]) from None


def _too_deep_in_json(text: str) -> tuple[int, str]:
    """The offset and the pointer of the first object or array of a JSON text that
    stands deeper than :data:`MAX_DEPTH`, found by reading the text once, without
    recursion (its strings through the json module's scanner, for the keys)."""
    open_: list[list[Any]] = []  # per open container: [is an object, current key or index]
    expecting_key = False
    at, end = 0, len(text)
    while at < end:
        char = text[at]
        if char == '"':
            value, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
            if expecting_key:
                open_[-1][1] = value
            continue
        if char in "{[":
            if len(open_) > MAX_DEPTH:
                return at, pointer_join("", *(entry[1] for entry in open_))
            entry: list[Any] = [char == "{", None if char == "{" else 0]
            open_.append(entry)
            expecting_key = char == "{"
        elif char in "}]" and open_:
            open_.pop()
            expecting_key = False
        elif char == ":":
            expecting_key = False
        elif char == "," and open_:
            if open_[-1][0]:
                expecting_key = True
            else:
                open_[-1][1] += 1
        at += 1
    return 0, ""  # not met: the json module recursed for another reason


def _first_clause(exc: BaseException) -> str:
    """An exception's message up to its first ``;`` or line break (the rest is advice for Python programmers)."""
    text = str(exc).strip().split("\n")[0].split(";")[0]
    return text or type(exc).__name__


Trail = tuple[str | int, Any] | None
"""(key, the parent's trail): a value's place, turned into a pointer only when needed."""

ProseSite = tuple[dict[str, Any], str, Trail]
"""A prose string's object, its key there, and the object's trail."""


def trail_keys(trail: Trail) -> list[str | int]:
    """The keys and indexes from the document's top down to the value at ``trail``."""
    keys: list[str | int] = []
    while trail is not None:
        keys.append(trail[0])
        trail = trail[1]
    keys.reverse()
    return keys


def _pointer_of(trail: Trail) -> str:
    """``pointer_join("", *trail_keys(trail))``, quickly: a spec has thousands of ``$ref`` keys."""
    parts: list[str] = []
    while trail is not None:
        key = str(trail[0])
        parts.append(key.replace("~", "~0").replace("/", "~1") if "~" in key or "/" in key else key)
        trail = trail[1]
    if not parts:
        return ""
    parts.append("")
    parts.reverse()
    return "/".join(parts)


def _deep_finding(data: Any, shown: Path, depth: int, trail: Trail) -> SpecError | None:
    """The refusal of a value nested deeper than :data:`MAX_DEPTH`, at the first value
    found too deep (walked without recursion); None if none is. ``depth`` and ``trail``
    say where the value stands in its document."""
    if not _too_deep(data, depth):
        return None  # most values: seen at a glance, with no trail kept
    stack: list[tuple[Any, int, Trail]] = [(data, depth, trail)]
    while stack:
        node, depth, trail = stack.pop()
        if depth > MAX_DEPTH:
            message = f"the document is nested more than {MAX_DEPTH} levels deep"
            return SpecError([Finding(shown, _pointer_of(trail), message)])
        # Only containers can nest deeper: below the limit, the scalars are not visited.
        deep = depth >= MAX_DEPTH
        if isinstance(node, dict):
            stack.extend((v, depth + 1, (str(k), trail)) for k, v in node.items() if deep or isinstance(v, _CONTAINERS))
        elif isinstance(node, list):
            stack.extend((v, depth + 1, (i, trail)) for i, v in enumerate(node) if deep or isinstance(v, _CONTAINERS))
    return None  # not met: _too_deep says it is there


_CONTAINERS = (dict, list)


def _too_deep(data: Any, depth: int) -> bool:
    """Whether :func:`_deep_finding` would refuse ``data`` at ``depth``: whether a value
    stands deeper than :data:`MAX_DEPTH`, that is whether ``data`` does, or an object or
    array in it at that depth holds anything. (It recurses: no more than
    :data:`MAX_DEPTH` calls deep.)"""
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    if depth >= MAX_DEPTH:
        return depth > MAX_DEPTH or len(children) > 0
    depth += 1
    for child in children:
        if isinstance(child, _CONTAINERS) and _too_deep(child, depth):
            return True
    return False


class _EventTrail:
    """Where in the document the node a YAML event starts stands, as a JSON pointer,
    followed from the event stream alone (keys and values alternate in a mapping)."""

    def __init__(self) -> None:
        # per open collection: [is a mapping, expecting a key, current key or index, is itself a key]
        self._open: list[list[Any]] = []
        self._depth = 0  # how many collections hold the node the last event started
        self._key: Any = None  # its key (or index) in the innermost of them

    def note(self, event: yaml.Event) -> None:
        """Follow ``event``: where its node stands is then :meth:`pointer`."""
        import yaml  # (imported by the caller: taken from sys.modules)

        if isinstance(event, yaml.CollectionEndEvent):
            if self._open:
                ended = self._open.pop()
                self._done(is_key=ended[3])
            return
        if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            return
        parent = self._open[-1] if self._open else None
        is_key = parent is not None and parent[0] and parent[1]
        self._depth, self._key = len(self._open), parent[2] if parent is not None else None
        if is_key:
            assert parent is not None
            parent[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"  # a complex key: rare
        if isinstance(event, yaml.CollectionStartEvent):
            mapping = isinstance(event, yaml.MappingStartEvent)
            self._open.append([mapping, mapping, None if mapping else 0, is_key])
        else:
            self._done(is_key)

    def _done(self, is_key: bool) -> None:
        """A node inside the innermost open collection is over."""
        if not self._open:
            return
        parent = self._open[-1]
        if parent[0]:
            parent[1] = not is_key  # after a key, its value; after a value, a key
        else:
            parent[2] += 1

    def pointer(self) -> str:
        """The pointer of the node the last event started (made only when asked: the
        outer collections' keys still lead to it)."""
        keys = [entry[2] for entry in self._open[: self._depth - 1]] + ([self._key] if self._depth else [])
        return pointer_join("", *keys)


def _alias_bomb(written: int, expanded: int) -> bool:
    """Whether a YAML document that writes ``written`` values and stands for ``expanded``
    once its aliases are expanded is an alias bomb ("billion laughs")."""
    return expanded > max(MAX_NODES, 20 * written)


def _check_yaml_events(text: str, shown: Path) -> None:
    """Refuse YAML that would hurt whoever reads it, before building any value from it:
    nesting deeper than :data:`MAX_DEPTH` (libyaml's composer recurses in C), an alias
    inside the value it names (a recursive value), and aliases that expand the document
    past :data:`MAX_NODES` ("billion laughs").

    Only libyaml's event stream is read here: flat, fast, and without recursion. A syntax
    error is left for the real parse to report with its location.
    """
    sizes: dict[str, int] = {}  # anchor -> how many values it stands for, expanded
    open_: list[tuple[str | None, int]] = []  # collections being read: (anchor, count at start)
    distinct = expanded = 0
    first_big: Any = None  # the mark of the alias that went past MAX_NODES
    trail = _EventTrail()

    def refuse(mark: Any, message: str, pointer: str | None = None) -> SpecError:
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return SpecError([Finding(shown, pointer, message, line=line, column=column)])

    import yaml

    try:
        for event in yaml.parse(text, Loader=_safe_loader()):
            trail.note(event)
            if isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in open_):
                    raise refuse(
                        event.start_mark,
                        f"recursive YAML alias *{event.anchor}: the value would contain itself",
                        trail.pointer(),
                    )
                expanded += sizes.get(event.anchor or "", 1)
                if first_big is None and expanded > MAX_NODES:
                    first_big = event.start_mark
            elif isinstance(event, yaml.ScalarEvent):
                distinct, expanded = distinct + 1, expanded + 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.CollectionStartEvent):
                distinct, expanded = distinct + 1, expanded + 1
                open_.append((event.anchor, expanded))
                if len(open_) > MAX_DEPTH:
                    message = f"the document is nested more than {MAX_DEPTH} levels deep"
                    raise refuse(event.start_mark, message, trail.pointer())
            elif isinstance(event, yaml.CollectionEndEvent) and open_:
                anchor, start = open_.pop()
                if anchor:
                    sizes[anchor] = expanded - start + 1
    except yaml.YAMLError:
        return
    if _alias_bomb(distinct, expanded):
        raise refuse(
            first_big,
            f"YAML aliases expand the document to {expanded} values, from {distinct} written: refused as an alias bomb",
        )


def _detect_version(spec: LoadedSpec) -> str:
    data = spec.data
    if "openapi" in data:
        raw, key = data["openapi"], "openapi"
    elif "swagger" in data:
        raw, key = data["swagger"], "swagger"
    else:
        shown = Path(spec.display_name(spec.root))
        raise SpecError(
            [Finding(shown, None, "not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field")]
        )
    text = str(raw)
    major_minor = ".".join(text.split(".")[:2])
    if major_minor not in SUPPORTED_VERSIONS or (key == "swagger") != (major_minor == "2.0"):
        message = f"unsupported version {text!r}: sdkforge reads Swagger 2.0 and OpenAPI 3.0 and 3.1"
        raise SpecError([spec.finding(spec.root, f"/{key}", message)])
    return major_minor


def _load_references(spec: LoadedSpec) -> None:
    """Follow every ``$ref`` in every document, loading local files and checking targets."""
    findings: list[Finding] = []
    pending = [spec.root]
    seen = {spec.root}
    refs: list[tuple[Path, list[tuple[Trail, str]]]] = []  # per file, (trail of each $ref key, its text)
    while pending:
        file = pending.pop()
        try:
            # As _read parsed it: JSON shares no value, nor YAML built in one pass without an
            # alias, which also refused any collection nested MAX_DEPTH deep (yaml_fast.load).
            shallow = spec._yaml_shallow.get(file)
            json_file = file.suffix.lower() == ".json"
            shared = not json_file and (shallow is None or shallow.shares)
            found, spec.prose_sites[file] = _find_refs(
                spec.documents[file], Path(spec.display_name(file)), shared, bounded=not json_file and not shared
            )
        except SpecError as exc:  # nested too deep: now that the text is known, say at which line
            raise SpecError([_located(spec, file, f) for f in exc.findings]) from None
        refs.append((file, found))
        # Into other files, in the order of their pointers (a same-document ref starts with
        # "#", which urlsplit would say, slowly).
        for pointer, ref in sorted((_pointer_of(trail), ref) for trail, ref in found if ref[:1] != "#"):
            target = _external_target(spec, file, pointer, ref, findings)
            if target is None or target in seen:
                continue
            seen.add(target)
            try:
                text, data, digest, index = _read(target, Path(spec.display_name(target)))
            except SpecError as exc:
                whole_file = [f for f in exc.findings if f.line is None]
                if len(exc.findings) == 1 and whole_file:  # missing, a folder, empty...: say it in one line
                    message = f"$ref {ref!r}: {spec.display_name(target)}: {whole_file[0].message}"
                    findings.append(spec.finding(file, pointer, message + _slash_hint(ref, target)))
                else:  # a parse error: where the reference is, then where the error is
                    findings.append(spec.finding(file, pointer, f"$ref {ref!r} points to a file that cannot be read"))
                    findings.extend(exc.findings)
                continue
            spec.documents[target] = data
            spec.digests[target] = digest
            spec._texts[target] = text
            _keep_index(spec, target, index)
            pending.append(target)
    if findings:
        raise SpecError(findings)
    targets: list[Ref] = []
    for file, found in refs:
        parsed: dict[str, Ref] = {}  # a $ref text of the file -> its target (the same text recurs)
        absent: set[str] = set()  # those whose target does not exist
        missing: list[tuple[str, str, Ref]] = []  # (pointer of the $ref, its text, its target)
        for trail, ref in found:
            target_ref = parsed.get(ref)
            if target_ref is None:  # looked for once
                target_ref = parsed[ref] = spec.parse_ref(ref, file)
                targets.append(target_ref)
                try:
                    spec.resolve(target_ref)
                except LookupError:
                    absent.add(ref)
            if ref in absent:
                missing.append((_pointer_of(trail), ref, target_ref))
        for pointer, _, target_ref in sorted(missing, key=lambda m: m[:2]):  # said in the order of their pointers
            name = spec.display_name(target_ref.file)
            shown = f"{name}#{target_ref.pointer}" if target_ref.file != file else f"#{target_ref.pointer}"
            if _in_schema(pointer):  # a type we can still generate, loosely: said, not hidden
                spec.dangling.add(target_ref)
                spec.dangling_sites.append(Ref(file, pointer))
                message = f"$ref target {shown} does not exist; the value is generated as a free-form value"
                spec.warnings.append(spec.finding(file, pointer, message, Severity.WARNING))
            else:
                findings.append(spec.finding(file, pointer, f"$ref target {shown} does not exist"))
    if findings:
        raise SpecError(findings)
    cycles = _reference_cycles(spec, targets)
    if cycles:
        raise SpecError(cycles)


def _located(spec: LoadedSpec, file: Path, finding: Finding) -> Finding:
    """``finding``, about a value of ``file``, with its line and column."""
    if finding.pointer is None or finding.line is not None:
        return finding
    return spec.finding(file, finding.pointer, finding.message, finding.severity)


def _reference_cycles(spec: LoadedSpec, targets: list[Ref]) -> list[Finding]:
    """``$ref`` chains that come back to where they started with nothing in between: a
    parameter or response that is itself, a schema that is (``$ref``) or is made of
    (``allOf``) itself. Nothing can be generated from one, and the validator would
    recurse forever on it. (Recursion through a property, an item or a union member is
    fine: that is a recursive type.)"""

    def edges(node: Ref) -> list[tuple[str, Ref]]:
        """(pointer of the ``$ref``, its target) for each reference ``node`` expands to."""
        found: list[tuple[str, Ref]] = []
        stack: list[tuple[str, Any]] = [(node.pointer, spec.resolve(node))]
        while stack:
            pointer, value = stack.pop()
            if not isinstance(value, dict):
                continue
            if isinstance(value.get("$ref"), str):
                target = spec.parse_ref(value["$ref"], node.file)
                if target not in spec.dangling:
                    found.append((pointer_join(pointer, "$ref"), target))
            if isinstance(value.get("allOf"), list):
                stack.extend((pointer_join(pointer, "allOf", i), item) for i, item in enumerate(value["allOf"]))
        return sorted(found, key=lambda edge: edge[0])

    def shown(ref: Ref) -> str:
        return f"{spec.display_name(ref.file) if ref.file != spec.root else ''}#{ref.pointer}"

    findings: list[Finding] = []
    state: dict[Ref, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[Ref]] = set()
    for start in sorted(set(targets) - spec.dangling, key=lambda r: (str(r.file), r.pointer)):
        if start in state:
            continue
        path: list[tuple[Ref, str]] = []  # (node, pointer of the $ref that led on from it)
        stack: list[tuple[Ref, list[tuple[str, Ref]]]] = [(start, edges(start))]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                state[node] = 2
                stack.pop()
                if path:
                    path.pop()
                continue
            pointer, target = pending.pop(0)
            if state.get(target) == 1:  # back on the current path: a cycle
                nodes = [n for n, _ in path] + [node]
                cycle = nodes[nodes.index(target) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    chain = " -> ".join(shown(n) for n in [*cycle, target])
                    message = f"$ref cycle: {chain} (a value cannot be defined as itself)"
                    findings.append(spec.finding(node.file, pointer, message))
            elif target not in state:
                state[target] = 1
                path.append((node, pointer))
                stack.append((target, edges(target)))
    return findings


def _in_schema(pointer: str) -> bool:
    """Whether a ``$ref`` at ``pointer`` gives the type of a model's property (directly, or
    through items and maps): a missing one there still leaves a usable model."""
    return "properties" in pointer_parts(pointer)[:-1]


def _slash_hint(ref: str, target: Path) -> str:
    """For a ``$ref`` to a missing file written with Windows' backslashes
    (``.\\schemas\\pet.yaml``), which a URI reference never uses: what to write instead."""
    file_part, hash_sign, fragment = ref.partition("#")
    if "\\" not in file_part or target.exists():
        return ""
    fixed = file_part.replace("\\", "/") + hash_sign + fragment
    return f"; $ref uses backslashes; use forward slashes ({fixed!r})"


def _external_target(spec: LoadedSpec, file: Path, pointer: str, ref: str, findings: list[Finding]) -> Path | None:
    """The local file a ``$ref`` names, or None for a same-document ref (or a bad one, reported)."""
    try:
        parts = urlsplit(ref)
    except ValueError:  # urlsplit refuses some malformed URLs ("//[x")
        findings.append(spec.finding(file, pointer, f"$ref {ref!r} is not a valid reference"))
        return None
    if parts.scheme or parts.netloc:
        findings.append(
            spec.finding(file, pointer, f"remote $ref {ref!r} is not followed: sdkforge reads only local files")
        )
        return None
    file_part = ref.partition("#")[0]
    if not file_part:
        return None
    try:
        target = (file.parent / unquote(file_part)).resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL byte, a symlink loop, a name too long
        findings.append(spec.finding(file, pointer, f"$ref {ref!r} does not name a usable file"))
        return None
    if not target.is_relative_to(spec.root.parent):
        findings.append(spec.finding(file, pointer, f"$ref {ref!r} points outside the spec's folder"))
        return None
    return target


# Keys whose values are literal data (examples, defaults, vendor extensions): a "$ref"
# inside them is an example of a reference, not one.
_LITERAL_KEYS = frozenset({"example", "default", "enum", "const", "value"})
# Keys whose values map user-chosen names to objects: every child is walked, whatever its name.
_NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "definitions",
        "$defs",
        "schemas",
        "parameters",
        "responses",
        "requestBodies",
        "headers",
        "securitySchemes",
        "securityDefinitions",
        "links",
        "callbacks",
        "examples",
        "paths",
        "content",
        "encoding",
        "variables",
        "mapping",
        "scopes",
        "webhooks",
        "pathItems",
    }
)


_LITERAL_OR_REF = _LITERAL_KEYS | {"$ref"}


class _TooDeep(Exception):
    """A value of the document walked stands deeper than :data:`MAX_DEPTH`."""


def _find_refs(
    data: Any, shown: Path, shared: bool = True, bounded: bool = False
) -> tuple[list[tuple[Trail, str]], list[ProseSite]]:
    """Every ``$ref`` string in a document, with the trail of its ``$ref`` key; and every
    prose string, as (object, key, trail) (see :attr:`LoadedSpec.prose_sites`), in the
    order of a walk that takes each object's children last first.

    Examples, defaults, enums and ``x-`` extensions are data and are not searched (but
    are checked for depth, unless ``bounded``: its parser refused any collection nested
    :data:`MAX_DEPTH` deep, and no value stands in two places). A document nested deeper
    than :data:`MAX_DEPTH` is refused here. ``shared``: the document may hold a value in
    more than one place (YAML aliases), which is then walked once; a JSON document never
    does. Its values are as the parsers make them: dicts and lists, not subclasses.
    """
    try:
        return _walk_document(data, shared, not bounded)
    except _TooDeep:
        raise _deep_error(data, shown, shared) from None


def _walk_document(data: Any, shared: bool, check_literals: bool) -> tuple[list[tuple[Trail, str]], list[ProseSite]]:
    """What :func:`_find_refs` gives; :class:`_TooDeep` at the first value too deep.

    It recurses, a function per kind of value: no more than :data:`MAX_DEPTH` calls deep,
    where a value too deep stops it."""
    refs: list[tuple[Trail, str]] = []
    prose: list[ProseSite] = []
    visited: set[int] = set()
    add_ref, add_prose = refs.append, prose.append

    def met(node: Any) -> bool:
        """Whether ``node`` was walked already (a shared value); noted if not."""
        if id(node) in visited:
            return True
        visited.add(id(node))
        return False

    def literal(value: Any, depth: int) -> None:
        if check_literals and _too_deep(value, depth):
            raise _TooDeep

    def walk_object(node: dict[Any, Any], trail: Trail, depth: int) -> None:
        if shared and met(node):
            return
        if depth >= MAX_DEPTH and node:
            raise _TooDeep
        depth += 1
        if "description" in node and type(node["description"]) is str:
            add_prose((node, "description", trail))
        if "summary" in node and type(node["summary"]) is str:
            add_prose((node, "summary", trail))
        if "$ref" in node and isinstance(node["$ref"], str):
            add_ref((("$ref", trail), node["$ref"]))
        for key, value in reversed(node.items()):
            kind = type(value)
            if kind is dict:
                key = str(key)
                if key in _LITERAL_OR_REF or key[:2] == "x-":
                    literal(value, depth)
                elif key in _NAME_MAPS:  # every child is walked, whatever its name
                    walk_names(value, (key, trail), depth)
                else:
                    walk_object(value, (key, trail), depth)
            elif kind is list:
                key = str(key)
                if key in _LITERAL_OR_REF or key[:2] == "x-" or key == "examples":  # JSON Schema examples
                    literal(value, depth)
                else:
                    walk_list(value, (key, trail), depth)

    def walk_names(node: dict[Any, Any], trail: Trail, depth: int) -> None:
        if shared and met(node):
            return
        if depth >= MAX_DEPTH and node:
            raise _TooDeep
        depth += 1
        for key, value in reversed(node.items()):
            kind = type(value)
            if kind is dict:
                walk_object(value, (str(key), trail), depth)
            elif kind is list:
                key = str(key)
                if key == "examples":  # JSON Schema examples: literal values
                    literal(value, depth)
                else:
                    walk_list(value, (key, trail), depth)

    def walk_list(node: list[Any], trail: Trail, depth: int) -> None:
        if shared and met(node):
            return
        if depth >= MAX_DEPTH and node:
            raise _TooDeep
        depth += 1
        for index in range(len(node) - 1, -1, -1):
            value = node[index]
            kind = type(value)
            if kind is dict:
                walk_object(value, (index, trail), depth)
            elif kind is list:
                walk_list(value, (index, trail), depth)

    try:
        if type(data) is dict:
            walk_object(data, None, 0)
        elif type(data) is list:
            walk_list(data, None, 0)
        return refs[:], prose[:]
    finally:
        # The walks call each other, so each holds the others through its closure: a
        # cycle, which only the cycle collector frees, and a run's is at rest (see
        # generator.current.no_collections). It holds what they add to, so what is given
        # is a copy, and the lists it holds are emptied: through the prose sites' objects
        # it held the parsed spec to the end of the run (Microsoft Graph's: 110 MB more
        # through rendering), and through the $refs' trails the keys on their way.
        refs.clear()
        prose.clear()
        visited.clear()


def _deep_error(data: Any, shown: Path, shared: bool) -> SpecError:
    """The refusal of a document :func:`_walk_document` found nested too deep, at the
    value it meets first: walking the same values in the same order (an object's literal
    values as it is met, its other children last first), without recursion."""
    message = f"the document is nested more than {MAX_DEPTH} levels deep"
    stack: list[tuple[Trail, Any, bool, int]] = [(None, data, False, 0)]  # (trail, node, is a name map, depth)
    visited: set[int] = set()
    while stack:
        trail, node, names, depth = stack.pop()
        if shared:
            if id(node) in visited:
                continue
            visited.add(id(node))
        error = _deep_finding(node, shown, depth, trail) if depth >= MAX_DEPTH and node else None
        depth += 1
        if isinstance(node, dict):
            for key, value in node.items():
                if error is not None:
                    break
                if not isinstance(value, _CONTAINERS):
                    continue
                key = str(key)
                if (key == "examples" and isinstance(value, list)) or (
                    not names and (key in _LITERAL_OR_REF or key.startswith("x-"))
                ):
                    error = _deep_finding(value, shown, depth, (key, trail))
                else:
                    stack.append(((key, trail), value, not names and key in _NAME_MAPS, depth))
        elif isinstance(node, list):
            stack.extend(((i, trail), v, False, depth) for i, v in enumerate(node) if isinstance(v, _CONTAINERS))
        if error is not None:
            return error
    return SpecError([Finding(shown, None, message)])  # not met: the walk said it was there


def walk_pointer(data: Any, pointer: str) -> Any:
    """The value at ``pointer`` in ``data``; :class:`LookupError` when there is none."""
    node = data
    for part in pointer_parts(pointer):
        if isinstance(node, dict):
            node = node[part]
        elif isinstance(node, list) and part.isdigit():
            node = node[int(part)]
        else:
            raise KeyError(part)
    return node
