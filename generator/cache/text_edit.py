"""An edit to a JSON file that stays inside one string: where it is, and the new string.

Comparing the bytes a run read with the bytes the last run read tells where they differ,
without parsing either. When the whole difference lies between the quotes of one string
value, and the new quoted text is still one JSON string, the two files parse to the same
values but for that one string: :func:`string_edit` says which (its JSON pointer) and
what it now holds. :mod:`generator.cache.carried` uses that to put an edited description into
the last run's model instead of parsing and modelling the spec again.

Only JSON: a JSON string cannot hold a line break, so such an edit moves no line, and
its quoted text alone says what it holds. Anything else (YAML, two edits, an edit across
a quote) gives None, and the caller takes the longer way.

Only the part of the file around the edit is decoded: an outline of the file (where the
members of its top levels start, in bytes) leads to the path item or component that
holds it, and only that is read as text.
"""

from __future__ import annotations

import bisect
import codecs
import json
from collections.abc import Callable
from typing import AnyStr

from ..errors import pointer_join
from ..immutable import immutable

Outline = Callable[[int], "list[tuple[int, str]] | None"]
"""What is known of a JSON file's objects and arrays: given the byte where one starts,
the byte where each of its children's values starts, with the child's key, in the
file's order; None when that is not known (see :func:`byte_outline`)."""

_DECODER = json.JSONDecoder()
_BOM = codecs.BOM_UTF8
_CONTINUATION = bytes(range(0x80, 0xC0))
"""The bytes that continue a UTF-8 character."""
_WHITESPACE = " \t\n\r"
_WHITESPACE_BYTES = b" \t\n\r"


@immutable
class StringEdit:
    """One string of a JSON file, edited: in the old file, its quoted text took the
    bytes from ``start`` up to ``end``; it held ``old_value`` and now holds ``value``,
    written as ``token``, ``shift`` bytes longer. For findings: the edit starts on
    ``line`` (every line keeps its number) at ``column``, and what stands after it on
    that line moves by ``column_shift`` characters."""

    pointer: str
    start: int
    end: int
    shift: int
    old_value: str
    value: str
    token: str
    line: int
    column: int
    column_shift: int

    def moved(self, offset: int) -> int:
        """Where a byte of the old file that is not inside the edited string stands in
        the new one."""
        return offset + self.shift if offset >= self.end else offset


def string_edit(old: bytes, new: bytes, outline: Outline) -> StringEdit | None:
    """The edit that makes ``new`` of ``old`` (the bytes of a UTF-8 JSON file), if it
    lies inside one string value; None otherwise (or when the two are equal).
    ``outline``: what is known of ``old``."""
    if old == new:
        return None
    first = common_length(old, new, True, min(len(old), len(new)))
    last = len(old) - common_length(old, new, False, min(len(old), len(new)) - first)  # old[first:last] was replaced
    while 0 < first < len(old) and old[first] in _CONTINUATION:
        first -= 1  # to the start of the character that differs
    while last < len(old) and old[last] in _CONTINUATION:
        last += 1  # to the end of the last character that differs
    shift = len(new) - len(old)
    if _unescaped_quote(old, first, last) or _unescaped_quote(new, first, last + shift):
        return None  # a string's end (or start) edited: a key, a value added or removed (no need to look)
    found = _string_at(old, first, outline)
    if found is None:
        return None
    parts, start, end = found
    if last > end - 1:  # the closing quote was edited too
        return None
    try:  # an unescaped quote, a control character, bytes that are not UTF-8: not one string any more
        token = new[start : end + shift].decode("utf-8")
        value = json.loads(token)
        old_token = old[start:end].decode("utf-8")
    except ValueError:
        return None
    if not isinstance(value, str):
        return None
    line_start = old.rfind(b"\n", 0, first) + 1
    try:
        column = len(old[line_start:first].decode("utf-8").removeprefix("\ufeff")) + 1
    except UnicodeDecodeError:
        return None
    line = old.count(b"\n", 0, line_start) + 1
    pointer, old_value = pointer_join("", *parts), json.loads(old_token)
    return StringEdit(pointer, start, end, shift, old_value, value, token, line, column, len(token) - len(old_token))


def _unescaped_quote(data: bytes, begin: int, end: int) -> bool:
    """Whether ``data[begin:end]`` holds a quote that no backslash escapes (backslashes
    before ``begin`` counted): one that starts or ends a string. An edit inside one
    string's text holds none, before or after: the edited string would end there."""
    at = data.find(b'"', begin, end)
    while at >= 0:
        before = at
        while before > 0 and data[before - 1] == 0x5C:  # a backslash
            before -= 1
        if (at - before) % 2 == 0:
            return True
        at = data.find(b'"', at + 1, end)
    return False


def byte_outline(raw: bytes, outline: dict[int, list[tuple[int, str]]]) -> dict[int, list[tuple[int, str]]]:
    """``outline``, of character offsets in the text ``raw`` holds (UTF-8, after a byte
    order mark if it starts with one), in byte offsets of ``raw``. Only the stretches
    that are not ASCII are decoded: a spec's text mostly is (decoding all of GitHub's
    13 MB took 0.03 s, and counting the bytes of each stretch as much again)."""
    offsets = sorted({*outline, *(o for children in outline.values() for o, _ in children)})
    to_byte: dict[int, int] = {}
    at, byte = 0, len(_BOM) if raw.startswith(_BOM) else 0
    for offset in offsets:
        count = offset - at
        stretch = raw[byte : byte + count]
        if not stretch.isascii():  # ``count`` characters take at most 4 bytes each
            stretch = raw[byte : byte + 4 * count].decode("utf-8", "ignore")[:count].encode("utf-8")
        byte += len(stretch)
        to_byte[offset] = byte
        at = offset
    return {to_byte[at]: [(to_byte[o], key) for o, key in children] for at, children in outline.items()}


def common_length(old: AnyStr, new: AnyStr, forward: bool, most: int) -> int:
    """How many characters (or bytes) ``old`` and ``new`` share at their start (or, not
    ``forward``, at their end), at most ``most``: compared in slices of halving sizes,
    each comparison in C (a 13 MB spec's in a few milliseconds)."""
    size, at = 1 << 16, 0
    while size:
        while at + size <= most and _part(old, at, size, forward) == _part(new, at, size, forward):
            at += size
        size >>= 1
    return at


def _part(text: AnyStr, at: int, size: int, forward: bool) -> AnyStr:
    return text[at : at + size] if forward else text[len(text) - at - size : len(text) - at]


def _string_at(data: bytes, offset: int, outline: Outline) -> tuple[list[str], int, int] | None:
    """The pointer's parts, start and end (in bytes) of the string value whose quotes
    enclose the byte at ``offset`` (or that ends with the quote at it); None if no string
    value does.

    The outline leads as far as it knows. From there, only the value it leads to is
    decoded, and each object or array on the way is read child by child with the json
    module's scanner. A container with a repeated key gives None: which of its values
    counts is not the one the offset may be in.
    """
    at = len(data) - len(data.removeprefix(_BOM))
    while at < len(data) and data[at] in _WHITESPACE_BYTES:
        at += 1
    parts: list[str] = []
    until = len(data)
    while (known := outline(at)) is not None:
        i = bisect.bisect_right(known, offset, key=lambda child: child[0]) - 1
        if i < 0:
            return None
        at, key = known[i]
        until = known[i + 1][0] if i + 1 < len(known) else until
        parts.append(key)
    try:  # the value at ``at`` ends before ``until``: it is all that needs decoding
        text = data[at:until].decode("utf-8")
    except UnicodeDecodeError:
        return None
    found = _string_in(text, len(data[at:offset].translate(None, _CONTINUATION)))
    if found is None:
        return None
    more, start, end = found
    byte_start = at + len(text[:start].encode("utf-8"))
    return [*parts, *more], byte_start, byte_start + len(text[start:end].encode("utf-8"))


def _string_in(text: str, offset: int) -> tuple[list[str], int, int] | None:
    """:func:`_string_at` within the value that starts ``text``, in characters."""
    at = 0
    parts: list[str] = []
    try:
        while True:
            opener = text[at]
            if opener == '"':
                _, end = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
                return (parts, at, end) if at < offset <= end - 1 else None
            if opener not in "{[":
                return None
            child = _child(text, at, offset)
            if child is None:
                return None
            key, at = child
            parts.append(key)
    except (ValueError, IndexError):
        return None


def _child(text: str, at: int, offset: int) -> tuple[str, int] | None:
    """The key and value offset of the child of the container at ``at`` whose value
    holds ``offset``; None if none does, or a key is repeated."""
    closer = "}" if text[at] == "{" else "]"
    at = _skip(text, at + 1)
    keys: set[str] = set()
    found: tuple[str, int] | None = None
    index = 0
    while text[at] != closer:
        if closer == "}":
            key, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
            if key in keys:
                return None
            keys.add(key)
            at = _skip(text, _skip(text, at) + 1)  # past the colon
        else:
            key, index = str(index), index + 1
        _, end = _DECODER.raw_decode(text, at)
        if at <= offset < end:
            found = (key, at)
        at = _skip(text, end)
        if text[at] == ",":
            at = _skip(text, at + 1)
        if found is not None and closer == "]":
            break  # an array has no keys to repeat
    return found


def _skip(text: str, at: int) -> int:
    while text[at] in _WHITESPACE:
        at += 1
    return at
