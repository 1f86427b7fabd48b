"""Build a YAML document's values straight from libyaml's event stream, as PyYAML's safe
loader would build them, in one pass.

PyYAML's own path composes a node for every value, then constructs each one in Python
(a call or three per node): 5.5 s for GitHub's spec as YAML, where reading its events
takes 0.3 s. Here each event adds its value to the collection that is open: a quoted or
block scalar is its text; a plain one is resolved and constructed by the loader's own
implicit resolvers and constructors (once per distinct text: ``200``, ``true`` and
``string`` come back thousands of times); an alias is the very value its anchor made,
shared as PyYAML shares it.

Only the documents whose values this gives exactly are built here. Anything else raises
:class:`NotFast`, and the caller takes PyYAML's path, which builds or refuses it as it
always has: an explicit tag, a merge key (``<<``) or any plain scalar whose tag has no
scalar constructor, a mapping key that is a collection, an alias naming no anchor or one
still open (a recursive value), a repeated anchor, more than one document, a collection
nested deeper than asked, a value the constructors refuse, a syntax error.

Locating a finding needs where its value starts. The one pass notes that for the values
down to a depth asked (:class:`Shallow`: a spec's operations and components), so that
locating one reads no more than the events of its nearest noted collection's text, with
:func:`places`, which reads the events the same way for where each value starts. Reading
GitHub's whole spec again for that took 0.9 s (composing it into PyYAML's nodes, seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import BaseResolver

from ..immutable import immutable

_STR = "tag:yaml.org,2002:str"
_BUILT_IN = {
    _STR: SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:seq": SafeConstructor.construct_yaml_seq,
    "tag:yaml.org,2002:map": SafeConstructor.construct_yaml_map,
}
"""The constructors this module stands in for: a loader whose strings, lists or dicts are
made by others is not one it can build for."""
_SCALAR_TYPES = (str, int, float, bool, type(None))
"""What a plain scalar may construct to here: values that cannot change, so one can
stand for every scalar written the same way."""
_NO_KEY: Any = object()  # an open mapping's state between a value and the next key
_NO_VALUE: Any = object()
_PLAIN = (True, False)  # the implicit flags of a plain scalar without a tag


class NotFast(Exception):
    """The document needs PyYAML's own path; the message says why."""


@immutable
class Built:
    """A document's value, and how many values it writes and stands for once its aliases
    are expanded (what an alias-bomb check weighs)."""

    value: Any
    written: int
    expanded: int
    shallow: Shallow | None = None
    """Where its values down to the depth asked for start (see :class:`Shallow`)."""


def load(
    text: str,
    loader_class: type[yaml.SafeLoader],
    max_depth: int,
    index_depth: int = 0,
    known: dict[str, Any] | None = None,
) -> Built:
    """The value ``yaml.load(text, Loader=loader_class)`` gives, built from the event
    stream, with the counts of :class:`Built` and, for an ``index_depth`` above 0, where
    its values down to that depth start (:class:`Shallow`). Raises :class:`NotFast` for
    a document this module does not build (see the module's doc), and for one nested
    more than ``max_depth`` collections deep. ``known``: the values of plain texts met
    already (see :attr:`Shallow.known`), which the document's plain texts take."""
    if loader_class.yaml_path_resolvers or any(
        loader_class.yaml_constructors.get(tag) is not constructor for tag, constructor in _BUILT_IN.items()
    ):
        raise NotFast("the loader resolves or constructs values its own way")
    loader = loader_class(text)
    try:
        return _build(loader, max_depth, index_depth, known)
    except yaml.YAMLError as exc:
        raise NotFast(f"a YAML error: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value PyYAML's path refuses, in its own words
        raise NotFast(f"a value refused: {exc}") from None
    finally:
        loader.dispose()


Place = tuple[int, int, Any]
"""Where a node of a YAML document starts, as 1-based (line, column), and its children:
for a mapping a dict of its scalar keys' texts (the first of a key written twice), for a
sequence a list, for a scalar None. An alias is the place of the node it names."""
_KEY_NOT_TEXT: Any = object()  # a mapping key that is a collection: no pointer names its value


Parts = tuple[str, ...]
"""A value's place in a document as a pointer names it: its keys' texts and its items'
indexes."""


class _Plain:
    """Plain scalars' values, each text resolved and constructed once, by the loader's own
    resolvers and constructors."""

    def __init__(self, loader: yaml.SafeLoader, known: dict[str, Any] | None) -> None:
        self._loader = loader
        self.known: dict[str, Any] = {} if known is None else known
        # The first characters of the texts the loader's implicit resolvers may give
        # another tag than a string's: a text starting with any other is a string, as
        # PyYAML's own resolve() says without a call (most distinct texts of a spec are
        # words; resolving each took 0.05 s on GitHub's). None: every text is resolved
        # (a resolver for any character, or a resolve() of the loader's own).
        resolvers = loader.yaml_implicit_resolvers
        own = type(loader).resolve is not BaseResolver.resolve or loader.DEFAULT_SCALAR_TAG != _STR
        self._resolved_first = None if own or None in resolvers else frozenset(resolvers)

    def value(self, text: str) -> Any:
        loader = self._loader
        resolved_first = self._resolved_first
        if resolved_first is not None and text and text[0] not in resolved_first:
            self.known[text] = text
            return text
        tag = loader.resolve(ScalarNode, text, _PLAIN)  # type: ignore[no-untyped-call]
        if tag == _STR:
            value: Any = text
        else:
            constructor = loader.yaml_constructors.get(tag)
            if constructor is None:  # a merge key, "=": PyYAML's path says what they mean there
                raise NotFast(f"the plain scalar {text!r} resolves to {tag}, which no scalar constructor makes")
            value = constructor(loader, ScalarNode(tag, text))
            if not isinstance(value, _SCALAR_TYPES):
                raise NotFast(f"the plain scalar {text!r} constructs to a {type(value).__name__}")
        self.known[text] = value
        return value


def _build(loader: yaml.SafeLoader, max_depth: int, index_depth: int, known_values: dict[str, Any] | None) -> Built:
    """Read every event of ``loader``'s stream, building as it goes (see :func:`load`),
    and noting where the values down to ``index_depth`` start (see :class:`Shallow`)."""
    get_event: Callable[[], Any] = loader.get_event  # events of every kind, told apart by type
    plain = _Plain(loader, known_values)
    known = plain.known
    anchors: dict[str, Any] = {}  # anchor -> the value it names
    sizes: dict[str, int] = {}  # anchor of a finished value -> how many values it stands for
    open_anchors: set[str] = set()  # anchors of the collections being read
    # Per open collection outside the innermost: (collection, is a mapping, pending key, anchor,
    # count at start, path, span).
    stack: list[tuple[Any, bool, Any, str | None, int, Parts | None, _Span | None]] = []
    container: Any = None  # the innermost open collection (None: at the top)
    is_map = False
    key: Any = _NO_KEY
    own_anchor: str | None = None  # the innermost collection's anchor
    start = 0
    root: Any = _NO_VALUE
    written = aliased = documents = 0
    # Where values start (see Shallow): spans by path, and the innermost collection's path
    # when its children are noted (None: deeper than asked, or not the value its path names).
    spans: dict[Parts, _Span] = {}
    path: Parts | None = None
    own_span: _Span | None = None  # the innermost collection's span, to close at its end
    key_text: str | None = None  # the pending key's text, as a pointer names it
    anchor_spans: dict[str, _Span] = {}  # where each anchored value starts (what its aliases stand for)
    anchor_texts: dict[str, str] = {}  # anchor of a scalar -> its text (a key that is its alias)
    repeated = False  # a key of a noted mapping written twice
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            written += 1
            if event.tag is not None:
                raise NotFast(f"an explicit tag {event.tag}")
            value = event.value
            if event.implicit[0]:  # plain: resolved
                value = known[value] if value in known else plain.value(value)
            anchor = event.anchor
            if anchor is not None:
                if anchor in anchors:
                    raise NotFast(f"the anchor &{anchor} given twice")
                anchors[anchor] = value
                sizes[anchor] = 1
                if index_depth:
                    anchor_spans[anchor] = _Span.at(event.start_mark, None)
                    anchor_texts[anchor] = event.value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            written += 1
            if event.tag is not None:
                raise NotFast(f"an explicit tag {event.tag}")
            new: Any = {} if kind is MappingStartEvent else []
            span: _Span | None = None
            child: Parts | None = None
            if container is None:
                root = new
                if index_depth:
                    child = ()
            elif is_map:
                if key is _NO_KEY:
                    raise NotFast("a collection as a mapping key")
                container[key] = new
                if path is not None and key_text is not None:
                    child = (*path, key_text)
            else:
                if path is not None:
                    child = (*path, str(len(container)))
                container.append(new)
            if child is not None and child not in spans:  # the first value of a key written twice is the one
                span = spans[child] = _Span.at(event.start_mark, kind is MappingStartEvent)
            else:
                repeated = repeated or child is not None
                child = None
            stack.append((container, is_map, key, own_anchor, start, path, own_span))
            if len(stack) > max_depth:
                raise NotFast(f"nested more than {max_depth} collections deep")
            own_anchor = event.anchor
            if own_anchor is not None:
                if own_anchor in anchors:
                    raise NotFast(f"the anchor &{own_anchor} given twice")
                anchors[own_anchor] = new
                open_anchors.add(own_anchor)
                if index_depth:
                    span = anchor_spans[own_anchor] = span or _Span.at(event.start_mark, kind is MappingStartEvent)
            container, is_map, key, start = new, kind is MappingStartEvent, _NO_KEY, written + aliased
            path = child if child is not None and len(child) < index_depth else None
            own_span = span
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            if own_anchor is not None:
                sizes[own_anchor] = written + aliased - start + 1
                open_anchors.discard(own_anchor)
            if own_span is not None:
                own_span.end = event.end_mark.index
            container, is_map, key, own_anchor, start, path, own_span = stack.pop()
            if is_map:  # the collection was this mapping's value: a key comes next
                key = _NO_KEY
            continue
        elif kind is AliasEvent:
            anchor = event.anchor
            if anchor not in anchors:
                raise NotFast(f"the alias *{anchor} names no anchor")
            if anchor in open_anchors:
                raise NotFast(f"the alias *{anchor} inside the value it names")
            value = anchors[anchor]
            aliased += sizes[anchor]
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise NotFast("more than one document")
            continue
        elif kind is StreamEndEvent:
            break
        else:  # the stream's start, a document's end
            continue
        if container is None:
            root = value
            if index_depth:
                spans[()] = _value_span(event, anchor_spans)
        elif not is_map:
            if path is not None:
                spans.setdefault((*path, str(len(container))), _value_span(event, anchor_spans))
            container.append(value)
        elif key is _NO_KEY:
            key = value
            if path is not None:
                key_text = event.value if kind is ScalarEvent else anchor_texts.get(event.anchor)
        else:
            if path is not None and key_text is not None:
                repeated = repeated or (*path, key_text) in spans
                spans.setdefault((*path, key_text), _value_span(event, anchor_spans))
            container[key] = value
            key = _NO_KEY
    shallow = None
    if index_depth and () in spans:
        shallow = Shallow(spans, index_depth, loader.__class__, aliased > 0)
        shallow.plain = not anchors and not repeated
        shallow.known = known
    return Built(None if root is _NO_VALUE else root, written, written + aliased, shallow)


class _Span:
    """Where a value starts, as 1-based (line, column); for a collection also what it is
    and the offsets of its text (its end set when it closes); for an alias the span of
    the value it names, marked as reached through an alias."""

    __slots__ = ("aliased", "column", "end", "line", "mapping", "start")

    def __init__(self, line: int, column: int, mapping: bool | None, start: int) -> None:
        self.line = line
        self.column = column
        self.mapping = mapping  # None: a scalar
        self.start = start
        self.end = -1  # not closed yet
        self.aliased = False

    @classmethod
    def at(cls, mark: Any, mapping: bool | None) -> _Span:
        return cls(mark.line + 1, mark.column + 1, mapping, mark.index)


def _value_span(event: Any, anchor_spans: dict[str, _Span]) -> _Span:
    """The span of a scalar's or an alias's event."""
    if type(event) is AliasEvent and event.anchor is not None:
        named = anchor_spans[event.anchor]
        span = _Span(named.line, named.column, named.mapping, named.start)
        span.end, span.aliased = named.end, True
        return span
    return _Span.at(event.start_mark, None)


Note = tuple[int, int, bool | None, int, int]
"""A noted value's 1-based line and column, whether it is a mapping (None: a scalar),
and the offsets of its text (its end -1 for a scalar)."""


class Shallow:
    """Where the values of a document down to a depth start, noted as it was built, to
    locate a value without reading the document's events again: a value at most that
    deep is found in the notes; below it, the events of the text of its nearest noted
    collection are read (a small part of a spec: an operation, a schema), once.

    Gives exactly what :func:`places` does (and so walking ``yaml.compose``): the first
    value of a key written twice, an alias where its anchor is, a missing value's nearest
    ancestor. A collection read on its own starts on the column it has in the document
    (the text before it on its line is spaces), so its events have the same lines, less
    the lines before it, and the same columns. Where that cannot tell (an alias to an
    anchor outside that text), :meth:`locate` says so."""

    def __init__(
        self, spans: dict[Parts, _Span], depth: int, loader_class: type[yaml.SafeLoader], shares: bool = True
    ) -> None:
        self.shares = shares
        """Whether the document holds a value in more than one place (it has an alias):
        if not, a walk over its values need not tell the values it has met."""
        self._spans = spans
        self._depth = depth
        self._loader_class = loader_class
        self._read: dict[int, Place | None] = {}  # by a collection's start: its own places, by read_part
        self._read_length = 0  # how much text read_part has read
        self.known: dict[str, Any] = {}
        """The value of each plain text of the document: one object, wherever it stands
        (what pickling the document shows, and reading a piece again must keep)."""
        self.plain = False
        """Whether the document has no anchor and no key of a noted mapping written twice:
        each noted value is the one its path names, and can be read again on its own
        (see :mod:`generator.cache.kept_read`)."""

    def noted(self) -> dict[Parts, Note]:
        """The notes, as plain values (see :data:`Note`)."""
        return {path: (s.line, s.column, s.mapping, s.start, s.end) for path, s in self._spans.items()}

    @classmethod
    def of(cls, notes: dict[Parts, Note], depth: int, loader_class: type[yaml.SafeLoader]) -> Shallow:
        """The notes of a document without anchors (as :meth:`noted` gave them)."""
        spans = {}
        for path, (line, column, mapping, start, end) in notes.items():
            span = spans[path] = _Span(line, column, mapping, start)
            span.end = end
        shallow = cls(spans, depth, loader_class, False)
        shallow.plain = True
        return shallow

    def locate(self, text: str, parts: list[str]) -> tuple[int, int] | None:
        """The 1-based (line, column) in ``text`` (the text the notes were made from) of
        the value at ``parts``, or of its nearest ancestor; None when the notes cannot
        tell (the caller reads the whole document's events)."""
        span = self._spans[()]
        path: Parts = ()
        for at, part in enumerate(parts):
            if span.mapping is None:  # a scalar has no children
                break
            if span.aliased or at >= self._depth:  # its children are not noted
                return self._in_text(text, span, parts[at:])
            if not span.mapping:
                index = sequence_index(part)
                if index is None:
                    break
                part = str(index)
            path = (*path, part)
            child = self._spans.get(path)
            if child is None:
                break
            span = child
        return span.line, span.column

    def _in_text(self, text: str, span: _Span, parts: list[str]) -> tuple[int, int] | None:
        if span.start not in self._read:
            self._read[span.start] = self._read_part(text, span)
        where = self._read[span.start]
        if where is None:
            return None
        lines = span.line - where[0]
        where = walk_places(where, parts)
        return where[0] + lines, where[1]

    def _read_part(self, text: str, span: _Span) -> Place | None:
        """The places of a collection's own text, or None where that text does not give
        the document's (it cannot be read alone, or does not start where the collection does)
        or where reading it would take the texts read past the document's length: noted
        collections do not overlap, but the anchors aliases name may nest, and locating
        reads no more than twice the document (this, then all of it once)."""
        if span.end < span.start or self._read_length + span.end - span.start > len(text):
            return None
        self._read_length += span.end - span.start
        try:
            where = places(" " * (span.column - 1) + text[span.start : span.end], self._loader_class)
        except NotFast:
            return None
        if where is None or (where[0], where[1]) != (1, span.column):
            return None
        return where


def sequence_index(part: str) -> int | None:
    """The item a pointer's part names in a sequence (as compose's node list is indexed:
    ``03`` is the fourth), or None when it names none."""
    if not part.isdigit():
        return None
    try:
        return int(part)
    except ValueError:  # a digit int() does not read ("²"), or more digits than it reads
        return None


def walk_places(where: Place, parts: list[str]) -> Place:
    """The place of the value at ``parts`` below ``where``, or of its nearest ancestor."""
    for part in parts:
        children = where[2]
        found: Place | None = None
        if isinstance(children, dict):
            found = children.get(part)
        elif isinstance(children, list):
            index = sequence_index(part)
            if index is not None and index < len(children):
                found = children[index]
        if found is None:
            break
        where = found
    return where


def places(text: str, loader_class: type[yaml.SafeLoader]) -> Place | None:
    """Where each node of ``text`` starts, read from its events: what walking
    ``yaml.compose(text, Loader=loader_class)`` tells (None for an empty stream), without
    building its nodes. Raises :class:`NotFast` where compose would fail or be needed (a
    syntax error, an alias naming no anchor, a repeated anchor, more than one document)."""
    loader = loader_class(text)
    try:
        return _places(loader)
    except yaml.YAMLError as exc:
        raise NotFast(f"a YAML error: {exc}") from None
    finally:
        loader.dispose()


def _places(loader: yaml.SafeLoader) -> Place | None:
    get_event: Callable[[], Any] = loader.get_event  # events of every kind, told apart by type
    anchors: dict[str, Place] = {}
    texts: dict[str, str] = {}  # anchor of a scalar -> its text: what a key that is its alias matches
    stack: list[tuple[Any, bool, Any]] = []  # per open collection outside the innermost: (children, is a mapping, key)
    children: Any = None  # the innermost open collection's children (None: at the top)
    is_map = False
    key: Any = _NO_KEY
    root: Place | None = None
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            own: Any = {} if kind is MappingStartEvent else [] if kind is SequenceStartEvent else None
            mark = event.start_mark
            place: Place = (mark.line + 1, mark.column + 1, own)
            as_key = event.value if own is None else _KEY_NOT_TEXT
            anchor = event.anchor
            if anchor is not None:
                if anchor in anchors:
                    raise NotFast(f"the anchor &{anchor} given twice")
                anchors[anchor] = place
                if own is None:
                    texts[anchor] = event.value
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                raise NotFast(f"the alias *{event.anchor} names no anchor")
            place, own = anchors[event.anchor], None
            as_key = texts.get(event.anchor, _KEY_NOT_TEXT)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            children, is_map, key = stack.pop()
            continue
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise NotFast("more than one document")
            continue
        elif kind is StreamEndEvent:
            return root
        else:  # the stream's start, a document's end
            continue
        if children is None:
            root = place
        elif not is_map:
            children.append(place)
        elif key is _NO_KEY:
            key = as_key
        else:
            if key is not _KEY_NOT_TEXT:
                children.setdefault(key, place)
            key = _NO_KEY
        if own is not None:  # a collection opens: its children come next
            stack.append((children, is_map, key))
            children, is_map, key = own, kind is MappingStartEvent, _NO_KEY
