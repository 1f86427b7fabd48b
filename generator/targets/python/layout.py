"""Lay out Python code lines the way black lays them out, so that output needs no black run.

Black formats a few thousand lines a second per core, and the SDK for a big API is
hundreds of thousands of lines: formatting was three quarters of a cold run. The
templates therefore write code in black's style directly. Most of that is fixed layout
in the templates; what depends on the spec (how long a name, a signature or an import
line is) goes through the functions here, which make black's choices for the few
bracket shapes we emit:

- ``head(items)tail`` on one line when it fits in :data:`LINE_LENGTH`;
- else, for a call or a ``def``, the items on one line of their own between the opening
  and the closing line, when that fits ("hugging", black's right- and left-hand split);
- else one item a line, each followed by a comma (black's delimiter split, which adds
  the "magic" trailing comma that keeps the layout stable from then on).

A collection literal with two or more items and an import never hug: black always puts
their items one a line once they do not fit. A line that still does not fit (one huge
name, say) is left long; :mod:`generator.targets.python.format` gives any file with such a line to
black, so what we write is black's output either way. Tests run black over generated
SDKs to check that it changes nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

LINE_LENGTH = 88
"""Black's default, which we use."""
INDENT = 4


def width(text: str) -> int:
    """How many columns black counts for ``text``: wide characters (CJK, say) count two."""
    if text.isascii():
        return len(text)
    from black.strings import str_width  # black's own table; loaded only for such text

    return int(str_width(text))


def bracket(indent: int, head: str, items: Sequence[str], tail: str, collection: bool = False) -> str:
    """``head`` + the items joined by commas + ``tail``, as black lays it out at ``indent``.

    ``head`` ends with the opening bracket and ``tail`` starts with the closing one.
    The first line is returned without indentation (the template puts it where it
    belongs); the lines after it carry their own. ``collection``: a list, dict, set or
    tuple literal, or an import, whose items black never hugs once it splits them.
    """
    flat = head + ", ".join(items) + tail
    if indent + (len(flat) if flat.isascii() else width(flat)) <= LINE_LENGTH:
        return flat  # most calls: ``width`` inlined for ASCII, a call fewer for each
    pad = " " * indent
    inner = " " * (indent + INDENT)
    is_def = head.startswith(("def ", "async def "))
    if not items and head.startswith("return ") and tail == ")":
        # a returned call without arguments: black puts it in parentheses, fitting or not
        return f"return (\n{inner}{head.removeprefix('return ')})\n{pad})"
    if not items:
        returned = _RETURNS_A_NAME.fullmatch(tail)
        if returned is None or not is_def:
            return flat
        # black puts a def's long return annotation in parentheses when there are no
        # parameters to split at, however long the name, and however long the line
        # that opens them
        return head + _returns_in_parentheses(indent, returned.group(1))
    value_of = _VALUE_OF.match(head)
    if value_of is not None and indent + width(head) > LINE_LENGTH:
        # The call's opening does not fit: black puts the returned or assigned value in
        # parentheses, if every line then fits (else it splits the call as it is).
        value = head[value_of.end() :]
        if indent + INDENT + width(value) <= LINE_LENGTH:
            nested = bracket(indent + INDENT, value, items, tail, collection)
            wrapped = f"{value_of.group()}(\n{inner}{nested}\n{pad})"
            if all(width(line) <= LINE_LENGTH for line in f"{pad}{wrapped}".split("\n")):
                return wrapped
    body = ", ".join(items)
    if is_def:
        tail = _def_closing(indent, tail)
        if len(items) == 1:
            body += ","  # black's one exception: a def's lone parameter gets a comma
    if (len(items) == 1 or not collection) and indent + INDENT + width(body) <= LINE_LENGTH:
        if is_def and len(items) > 1 and ",\n" in tail:
            # Black formats what it changed a second time, and the comma after the last
            # item of the annotation's split subscript is then a "magic" one: it splits
            # the def there instead, keeping the parameters on the def's line if they fit.
            opening = tail.split("\n", 1)[0]
            if indent + width(head + body + opening) <= LINE_LENGTH:
                return head + body + tail
        return f"{head}\n{inner}{body}\n{pad}{tail}"
    if is_def and len(items) == 1 and not _NAMED.fullmatch(items[0]):
        # the parameter alone on its line, split as black splits it (but for ``x: Name``,
        # whose name black never puts in parentheses when it is given the def on one line)
        return f"{head}\n{inner}{_parameter(indent + INDENT, items[0])},\n{pad}{tail}"
    if len(items) == 1 and not is_def and _subscript_opening(body) is not None:
        # a lone base class (Builder[...]) too long for its line: black splits its subscript
        split = type_hint(indent + INDENT, "", body, "")
        if split is not None:
            return f"{head}\n{inner}{split}\n{pad}{tail}"
    if len(items) == 1:  # nothing to split at: the item alone on its line, however long
        return f"{head}\n{inner}{body}\n{pad}{tail}"
    fits = LINE_LENGTH - indent - INDENT - 1  # an item this long (ASCII) stays as it is, with its comma
    lines = "".join(
        f"{inner}{entry},\n"
        if len(entry) <= fits and entry.isascii()  # most: no call to find that out
        else f"{inner}{_parameter(indent + INDENT, entry) if is_def else item(indent + INDENT, entry)},\n"
        for entry in items
    )
    return f"{head}\n{lines}{pad}{tail}"


_RETURNS_A_NAME = re.compile(r"\) -> ([\w.]+):")
_RETURNS = re.compile(r"\) -> (.+):")
_NAMED = re.compile(r"\w+: [\w.]+(?: = .+)?")
"""A parameter annotated with a name."""
_VALUE_OF = re.compile(r"return |[\w.]+ = ")
"""What comes before a returned or assigned value (to a name, not a subscript)."""


def _def_closing(indent: int, tail: str) -> str:
    """A def's closing line, ``) -> annotation:``, as black splits it when too long.

    A name goes in parentheses on a line of its own, if it fits there. A union of
    three members or more goes in parentheses too, split one member a line if it does
    not fit on one. An annotation that ends in a subscript (``RawResponse[...]``) is
    split there, as :func:`type_hint` splits one. Anything else is left as it is (the
    format stage gives the file to black)."""
    returned = _RETURNS.fullmatch(tail)
    if returned is None or indent + width(tail) <= LINE_LENGTH:
        return tail
    hint = returned.group(1)
    if _NAME.fullmatch(hint):
        return tail if indent + INDENT + width(hint) > LINE_LENGTH else _returns_in_parentheses(indent, hint)
    members = _top_level_split(hint, " | ")
    if len(members) >= 3:
        # two ``|`` or more: black keeps the parentheses it adds around the annotation
        union = _union_lines(indent + INDENT, hint, members)
        return tail if union is None else f") -> (\n{union}\n{' ' * indent}):"
    if len(members) == 1:
        return type_hint(indent, ") -> ", hint, ":") or tail
    return tail  # ``A | B[...]``: black may split inside B's brackets, or not; left to black


def _returns_in_parentheses(indent: int, name: str) -> str:
    return f") -> (\n{' ' * (indent + INDENT)}{name}\n{' ' * indent}):"


def follows_name(code: str, at: int) -> bool:
    """Whether the bracket at ``at`` in ``code`` comes right after a name or a closing
    bracket: it opens a call (or a subscript), not a literal."""
    return at > 0 and (code[at - 1].isalnum() or code[at - 1] in "_)]")


def item(indent: int, text: str) -> str:
    """One item of an exploded bracket (a call's argument on a line of its own, say), at
    ``indent``, without its comma: split as black splits it when it is too long for its
    line (see :func:`expression`). The first line is returned without indentation."""
    if indent + width(text) + 1 <= LINE_LENGTH:
        return text
    lines = expression(indent, text, ",")
    if lines is None:
        return text
    return f"\n{' ' * indent}".join(lines)[:-1]


def _parameter(indent: int, item: str) -> str:
    """A def's parameter on a line of its own: a type hint too long for the line goes in
    parentheses (split at ``|`` when it does not fit there either), as black puts it."""
    if indent + width(item) + 1 <= LINE_LENGTH or ": " not in item:
        return item
    name, _, rest = item.partition(": ")
    annotation, eq, default = rest.partition(" = ")
    if annotation.endswith("]"):
        if eq:
            return item  # black splits inside the final brackets, default and all: left to black
        split = type_hint(indent, f"{name}: ", annotation, ",")
        return item if split is None else split.removesuffix(",")  # the caller puts the comma back
    return _hint_in_parentheses(indent, name, annotation, f" = {default}" if eq else "") or item


def _hint_in_parentheses(indent: int, name: str, annotation: str, tail: str) -> str | None:
    """``name: (annotation)tail`` with the annotation on a line of its own, or split at
    its ``|`` one member a line; None when it has no ``|`` to split at and is too long."""
    pad, inner = " " * indent, " " * (indent + INDENT)
    if indent + INDENT + width(annotation) <= LINE_LENGTH:
        return f"{name}: (\n{inner}{annotation}\n{pad}){tail}"
    members = _top_level_split(annotation, " | ")
    if len(members) > 1:
        leads = ["", *["| "] * (len(members) - 1)]
        union = "\n".join(
            _union_member(indent + INDENT, lead, member) for lead, member in zip(leads, members, strict=True)
        )
        return f"{name}: (\n{union}\n{pad}){tail}"
    return None


def _union_member(indent: int, lead: str, member: str) -> str:
    """One member of a union split one a line, at ``indent``, led by ``lead`` (``| `` for all
    but the first). Black splits a member that is too long at its final subscript as it
    splits any type hint there; a name stays on its line however long (and so does a
    member :func:`type_hint` cannot lay out: the format stage gives that file to black)."""
    flat = " " * indent + lead + member
    if width(flat) <= LINE_LENGTH or _subscript_opening(member) is None:
        return flat
    split = type_hint(indent, lead, member, "")
    return flat if split is None else " " * indent + split


def import_from(module: str, names: Sequence[str], indent: int = 0) -> str:
    """``from module import a, b``; when that is too long, the names in parentheses, one a
    line, each with a comma (black does so even for a single name)."""
    flat = f"from {module} import {', '.join(names)}"
    if indent + width(flat) <= LINE_LENGTH:
        return flat
    pad = " " * indent
    lines = "".join(f"{pad}{' ' * INDENT}{name},\n" for name in names)
    return f"from {module} import (\n{lines}{pad})"


def docstring(body: str, indent: int, closing_line: bool = False) -> str:
    """A whole docstring literal, quotes included, from text already escaped by the
    ``docstring`` filter, with black's choices: the closing quotes on a line of their own
    when ``closing_line`` asks for it and the text has several lines, or when they would
    not fit after it; a space between the text and a quote mark that would touch the
    opening or closing quotes."""
    body = body.rstrip()
    if body.startswith('"'):
        body = " " + body
    lines = body.split("\n")
    padded = body + " " if body.endswith('"') else body
    if len(lines) > 1 and (closing_line or width(padded.split("\n")[-1]) + 3 > LINE_LENGTH):
        return f'"""{body}\n{" " * indent}"""'
    return f'"""{padded}"""'


def assign(indent: int, target: str, value: str) -> str:
    """``target = value``; when too long, the value in parentheses on a line of its own, if
    it fits there (black's choice; when it does not, black leaves the line as it is)."""
    flat = f"{target} = {value}"
    if indent + width(flat) <= LINE_LENGTH or indent + INDENT + width(value) > LINE_LENGTH:
        return flat
    return f"{target} = (\n{' ' * (indent + INDENT)}{value}\n{' ' * indent})"


def annotated(indent: int, name: str, annotation: str, default: str | None = None) -> str:
    """``name: annotation = default`` (a dataclass field); when too long, black's
    choices: the default in parentheses if the rest fits on the first line, else the
    annotation in parentheses on a line of its own. Anything longer stays one line
    (black gets the file, see :mod:`generator.targets.python.format`)."""
    flat = f"{name}: {annotation}" + (f" = {default}" if default is not None else "")
    if indent + width(flat) <= LINE_LENGTH:
        return flat
    if default is None:
        return type_hint(indent, f"{name}: ", annotation, "") or flat
    if annotation.endswith("]"):
        return flat  # black splits inside the final brackets instead: left to black
    pad, inner = " " * indent, " " * (indent + INDENT)
    head = f"{name}: {annotation} = ("
    if indent + width(head) <= LINE_LENGTH and indent + INDENT + width(default) <= LINE_LENGTH:
        return f"{head}\n{inner}{default}\n{pad})"
    return _hint_in_parentheses(indent, name, annotation, f" = {default}") or flat


def type_hint(indent: int, prefix: str, hint: str, suffix: str) -> str | None:
    """``prefix + hint + suffix`` (``name: ``, a type hint, then ``,`` or nothing) as
    black splits it when it is too long; None where black could choose otherwise (the
    format stage then gives the file to black).

    A hint that ends in a subscript (``list[...]``) is split there: the text up to
    ``[`` on the first line, what is inside on lines of their own, ``]`` and the suffix
    last. Inside, the items of ``dict[K, V]`` go one a line, each with a comma and each
    split the same way; a union goes one member a line, each after the first led by
    ``|``; a name stays on its line however long. A union outside brackets goes in
    parentheses instead (see :func:`_hint_in_parentheses`).
    """
    flat = prefix + hint + suffix
    if indent + width(flat) <= LINE_LENGTH:
        return flat
    opening = _subscript_opening(hint)
    if opening is None or len(_top_level_split(hint, " | ")) > 1:
        if not prefix.endswith(": ") or suffix not in ("", ","):
            return None
        split = _hint_in_parentheses(indent, prefix[:-2], hint, "")
        return None if split is None or not _fits_or_stands(" " * indent + split) else split + suffix
    head = prefix + hint[: opening + 1]
    body = _subscript_body(indent + INDENT, hint[opening + 1 : -1])
    if indent + width(head) > LINE_LENGTH or body is None:
        return None
    return f"{head}\n{body}\n{' ' * indent}]{suffix}"


def _subscript_body(indent: int, body: str) -> str | None:
    """What is inside a split subscript, one or more lines at ``indent``."""
    pad = " " * indent
    if indent + width(body) <= LINE_LENGTH:
        return pad + body
    items = _top_level_split(body, ", ")
    if len(items) > 1:
        split_items = [_subscript_item(indent, item) for item in items]
        return None if None in split_items else "\n".join(pad + str(item) for item in split_items)
    members = _top_level_split(body, " | ")
    if len(members) > 1:
        return _union_lines(indent, body, members)
    if _subscript_opening(body) is not None:
        nested = type_hint(indent, "", body, "")
        return None if nested is None else pad + nested
    return pad + body if _NAME.fullmatch(body) else None  # a name: on its line, however long


def _subscript_item(indent: int, entry: str) -> str | None:
    """One item of a subscript split one item a line (``dict[K, V]``), with its comma;
    a union too long for its line is split one member a line, the comma after the last."""
    members = _top_level_split(entry, " | ")
    if len(members) > 1 and indent + width(entry) + 1 > LINE_LENGTH:
        union = _union_lines(indent, entry + ",", [*members[:-1], members[-1] + ","])
        return None if union is None else union[indent:]
    if _NAME.fullmatch(entry):
        return entry + ","  # a name: on its line, however long
    return type_hint(indent, "", entry, ",")


_NAME = re.compile(r"[\w.]+")


def _union_lines(indent: int, union: str, members: list[str]) -> str | None:
    """A union inside brackets, at ``indent``: on one line if it fits, else one member a
    line, each after the first led by ``|``; None when a member too long for its line
    is not a name (black would split it further)."""
    pad = " " * indent
    if indent + width(union) <= LINE_LENGTH:
        return pad + union
    lines = [pad + members[0], *(f"{pad}| {member}" for member in members[1:])]
    return "\n".join(lines) if all(_fits_or_stands(line) for line in lines) else None


def _subscript_opening(hint: str) -> int | None:
    """Where the ``[`` of the subscript that ends ``hint`` is, if it ends in one."""
    if not hint.endswith("]"):
        return None
    opening = _opening_of(hint, len(hint) - 1)
    return opening if follows_name(hint, opening) else None


def _fits_or_stands(lines: str) -> bool:
    """Whether every line fits, or is a name (a union member) black cannot split."""
    return all(
        width(line) <= LINE_LENGTH or _NAME.fullmatch(line.strip().removeprefix("| ")) for line in lines.split("\n")
    )


def _top_level_split(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside brackets (and strings, which our
    annotations do not hold)."""
    parts, start = [], 0
    for at in _top_level(text, separator):
        parts.append(text[start:at])
        start = at + len(separator)
    return [*parts, text[start:]]


_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_SIMPLE = re.compile(r"[\w\"(){}\[\]:,=. ]*")
"""What :func:`expression` lays out itself (strings masked): names, double-quoted
strings, calls, keyword arguments, tuple, list and dict literals, one attribute."""


def expression(indent: int, text: str, trailer: str) -> list[str] | None:
    """The lines black gives ``text + trailer``, an item on a line of its own inside
    brackets at ``indent`` (a codec expression in an exploded ``Field(...)``, say). The
    first line has no indentation; the others are indented relative to ``indent``.

    Black splits such a line at its last bracket pair: the text up to the opening
    bracket, then what is inside on lines of its own, indented once more, then the
    closing bracket with what follows it. What is inside stays on one line if it fits;
    else, or always for a tuple, list or dict literal of two or more items, it is split
    one item a line, each with a comma, and each line made so is split the same way.
    None for what black could split otherwise (an operator, a subscript, an attribute
    chain, an empty call, an opening that does not fit): black has the last word there.
    """
    masked = _LITERAL.sub(lambda match: '"' + "s" * (len(match.group()) - 2) + '"', text)
    if not _SIMPLE.fullmatch(masked):
        return None
    return _split(indent, text, masked, trailer, explode=False)


def _split(indent: int, text: str, masked: str, trailer: str, explode: bool) -> list[str] | None:
    if not explode and indent + width(text + trailer) <= LINE_LENGTH:
        return [text + trailer]
    commas = _top_level(masked, ",")
    if explode or (commas and not _one_tuple_body(masked, commas)):
        lines: list[str] = []
        bounds = [-1, *commas, len(masked)]
        for start, end in itertools.pairwise(bounds):
            item, item_masked = text[start + 1 : end].strip(), masked[start + 1 : end].strip()
            if item:
                split = _split(indent, item, item_masked, ",", explode=False)
                if split is None:
                    return None
                lines.extend(split)
        return lines
    close = masked.rfind(")"), masked.rfind("]"), masked.rfind("}")
    last = max(close)
    if last < 0:
        return [text + trailer]  # no bracket: nothing to split at
    opening = _opening_of(masked, last)
    call = follows_name(masked, opening)
    head, body, body_masked = text[: opening + 1], text[opening + 1 : last], masked[opening + 1 : last]
    if (
        not body.strip()
        or (call and masked[opening] != "(")  # a subscript
        or len(_top_level(masked, ".", after=")]}")) > 1  # black splits at each such dot
        or indent + width(head) > LINE_LENGTH
    ):
        return None
    body_commas = _top_level(body_masked, ",")
    many = bool(body_commas) and not _one_tuple_body(body_masked, body_commas)
    inner = _split(indent + INDENT, body, body_masked, "", explode=not call and many)
    if inner is None:
        return None
    pad = " " * INDENT
    return [head, *(pad + line for line in inner), text[last:] + trailer]


def _one_tuple_body(masked: str, commas: list[int]) -> bool:
    """``x,``: a single item with its comma, which black does not split at."""
    return len(commas) == 1 and not masked[commas[0] + 1 :].strip()


def _top_level(text: str, separator: str, after: str = "") -> list[int]:
    """Where ``separator`` starts in ``text`` outside brackets (and right after one of
    the characters ``after``, if given: ``.`` after a closing bracket is where black
    may split an attribute chain, not ``.`` after a name).

    The brackets and separators are found by a regular expression, which skips what
    lies between them in C: a character at a time in Python, this scan was most of the
    time the layout of a long ``Field(...)`` entry took. ``separator`` holds no
    bracket, so skipping one met inside brackets skips none."""
    found, depth = [], 0
    for match in _tokens(separator).finditer(text):
        at = match.start()
        char = text[at]  # a separator starts with no bracket
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and (not after or (at > 0 and text[at - 1] in after)):
            found.append(at)
    return found


@functools.cache
def _tokens(separator: str) -> re.Pattern[str]:
    """What :func:`_top_level` looks at: a bracket, or ``separator``."""
    if any(char in separator for char in "()[]{}"):
        raise ValueError(f"a separator with a bracket: {separator!r}")
    return re.compile(r"[()\[\]{}]|" + re.escape(separator))


def _opening_of(masked: str, close: int) -> int:
    depth = 0
    for at in range(close, -1, -1):
        if masked[at] in ")]}":
            depth += 1
        elif masked[at] in "([{":
            depth -= 1
            if depth == 0:
                return at
    raise ValueError(f"unbalanced brackets in {masked!r}")
