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

:func:`places` reads the events the same way for where each value starts, which is what
locating a finding needs: composing GitHub's spec into PyYAML's nodes for that took
seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Built:
    """A document's value, and how many values it writes and stands for once its aliases
    are expanded (what an alias-bomb check weighs)."""

    value: Any
    written: int
    expanded: int


def load(text: str, loader_class: type[yaml.SafeLoader], max_depth: int) -> Built:
    """The value ``yaml.load(text, Loader=loader_class)`` gives, built from the event
    stream, with the counts of :class:`Built`. Raises :class:`NotFast` for a document
    this module does not build (see the module's doc), and for one nested more than
    ``max_depth`` collections deep."""
    if loader_class.yaml_path_resolvers or any(
        loader_class.yaml_constructors.get(tag) is not constructor for tag, constructor in _BUILT_IN.items()
    ):
        raise NotFast("the loader resolves or constructs values its own way")
    loader = loader_class(text)
    try:
        return _build(loader, max_depth)
    except yaml.YAMLError as exc:
        raise NotFast(f"a YAML error: {exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value PyYAML's path refuses, in its own words
        raise NotFast(f"a value refused: {exc}") from None
    finally:
        loader.dispose()


def qualifies(text: str, loader_class: type[yaml.SafeLoader], max_depth: int) -> str | None:
    """None when :func:`load` builds ``text``; else why PyYAML's path is needed."""
    try:
        load(text, loader_class, max_depth)
    except NotFast as exc:
        return str(exc)
    return None


class _Plain:
    """Plain scalars' values, each text resolved and constructed once, by the loader's own
    resolvers and constructors."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self._loader = loader
        self.known: dict[str, Any] = {}

    def value(self, text: str) -> Any:
        loader = self._loader
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


def _build(loader: yaml.SafeLoader, max_depth: int) -> Built:
    """Read every event of ``loader``'s stream, building as it goes (see :func:`load`)."""
    get_event: Callable[[], Any] = loader.get_event  # events of every kind, told apart by type
    plain = _Plain(loader)
    known = plain.known
    anchors: dict[str, Any] = {}  # anchor -> the value it names
    sizes: dict[str, int] = {}  # anchor of a finished value -> how many values it stands for
    open_anchors: set[str] = set()  # anchors of the collections being read
    # Per open collection outside the innermost: (collection, is a mapping, pending key, anchor, count at start).
    stack: list[tuple[Any, bool, Any, str | None, int]] = []
    container: Any = None  # the innermost open collection (None: at the top)
    is_map = False
    key: Any = _NO_KEY
    own_anchor: str | None = None  # the innermost collection's anchor
    start = 0
    root: Any = _NO_VALUE
    written = aliased = documents = 0
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
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            written += 1
            if event.tag is not None:
                raise NotFast(f"an explicit tag {event.tag}")
            new: Any = {} if kind is MappingStartEvent else []
            if container is None:
                root = new
            elif is_map:
                if key is _NO_KEY:
                    raise NotFast("a collection as a mapping key")
                container[key] = new
            else:
                container.append(new)
            stack.append((container, is_map, key, own_anchor, start))
            if len(stack) > max_depth:
                raise NotFast(f"nested more than {max_depth} collections deep")
            own_anchor = event.anchor
            if own_anchor is not None:
                if own_anchor in anchors:
                    raise NotFast(f"the anchor &{own_anchor} given twice")
                anchors[own_anchor] = new
                open_anchors.add(own_anchor)
            container, is_map, key, start = new, kind is MappingStartEvent, _NO_KEY, written + aliased
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            if own_anchor is not None:
                sizes[own_anchor] = written + aliased - start + 1
                open_anchors.discard(own_anchor)
            container, is_map, key, own_anchor, start = stack.pop()
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
        elif not is_map:
            container.append(value)
        elif key is _NO_KEY:
            key = value
        else:
            container[key] = value
            key = _NO_KEY
    return Built(None if root is _NO_VALUE else root, written, written + aliased)


Place = tuple[int, int, Any]
"""Where a node of a YAML document starts, as 1-based (line, column), and its children:
for a mapping a dict of its scalar keys' texts (the first of a key written twice), for a
sequence a list, for a scalar None. An alias is the place of the node it names."""
_KEY_NOT_TEXT: Any = object()  # a mapping key that is a collection: no pointer names its value


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
