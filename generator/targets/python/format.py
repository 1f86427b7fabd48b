"""Make sure generated Python source is black's: black formats what the templates could not.

The templates write code in black's layout already (see
:mod:`generator.targets.python.layout`): black formats a few thousand lines a second
per core, and running it over a big SDK was three quarters of a cold run. What the
layout functions leave for black is a line they could not bring under black's line
length (a single name longer than the line, say). Tests run black over whole generated
SDKs to check that it would change nothing.

Black lays out each statement on its own: how it splits a statement depends on the
statement's text and on how far it is indented, not on the code around it. So black
is given only the statements with a long line it could split, each moved to the left
margin and formatted with the line length less its indent, all statements of one
indent in a single call; the result is indented again and put back in place. A file
whose statements cannot be cut out that way (a triple-quoted string inside a bracket,
say) goes through black whole. Each file's result is cached, keyed by a hash of the
unformatted text, black's version and its mode (see :mod:`generator.cache.store`).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...cache.store import Cache
from ...cache.versions import installed_version
from ...errors import FormatError
from ...immutable import immutable
from ...render.engine import TemplateError
from .layout import INDENT, LINE_LENGTH, follows_name, width

if TYPE_CHECKING:
    import black


@functools.cache
def black_mode(line_length: int = LINE_LENGTH) -> black.Mode:
    """Black's settings for generated code (black is imported only when a run needs it)."""
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY311}, line_length=line_length)


def _black(text: str, line_length: int = LINE_LENGTH) -> str:
    import black

    return black.format_str(text, mode=black_mode(line_length))


@functools.cache
def _fingerprint() -> bytes:
    return f"black {installed_version('black')} {black_mode()!r} units".encode() + b"\0"


def cache_key(text: str) -> str:
    """The cache key of one unformatted file: black's version and mode, and the text."""
    return hashlib.sha256(_fingerprint() + text.encode("utf-8")).hexdigest()


_LONG_LINE = re.compile(rf"\n[^\n]{{{LINE_LENGTH + 1}}}")
"""A line longer than black's limit after the first (in ASCII text, where a character is a
column), found from the line break before it: a search for a pattern that starts with a
character skips from one such character to the next, where ``^`` (in multiline mode) was
tried at every character."""
# (the patterns of strings below let the regex engine run over plain characters without
# trying alternatives at each one: a long docstring line is read several times faster)
_STRING = re.compile(r'[fbr]*"[^"\\]*(?:\\.[^"\\]*)*"')
_UNSPLITTABLE = re.compile(
    r"""\s*(?:
        S(?:\x20*:\x20*(?:S|[\w.]+))?,?   # a string, or a "key": "value" or "key": name entry,
                                          # alone on its line
        | \w+:\x20[\w.]+,                 # a parameter annotated with a name (black puts no
                                          # parentheses around it), or a dict's entry
        | class\x20\w+:                    # a class without bases
        | from\x20[\w.]+\x20import\x20\(   # an import's opening
        | (?:async\x20)?def\x20\w+\(\)\x20->\x20\(  # a def without parameters, its return
                                          # annotation in parentheses on the next line
        | (?:\|\x20)?[\w.]+(?:\(\))?,?        # a name (or a call of it without arguments) alone
                                          # on its line, or a union's member
        | (?:return\x20|await\x20)*[\w.]+\(  # a call's opening, with no bracket before it
        | (?:async\x20)?(?:def|class)\x20\w+\(  # a def's or class's opening alone on its line
    )""",
    re.VERBOSE,
)
_TOKEN = re.compile(r""""{3}|'{3}|"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'|\#""")
_TRIPLE_END = {
    '"""': re.compile(r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'),
    "'''": re.compile(r"[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"),
}
_TRIPLE_QUOTES = ('"""', "'''")
_HEADER = re.compile(r"(?:async\s+)?(?:def|class|if|for|while|with)\b")
_BODY = "pass"
_BOUNDARY = "sdkforge_statement_boundary"


_NAME_ASSIGNED = re.compile(
    r"""(\s*)(?:[\w.]+\x20=\x20([\w.]+\(?|[fbr]*"[^"\\]*(?:\\.[^"\\]*)*")
    |\)\x20->\x20([\w.]+):|\w+:\x20([\w.]+))""",
    re.VERBOSE,
)


def _splittable_long_line(line: str, measure: bool = True) -> bool:
    """Whether ``line`` is longer than black's limit and black could split it.

    A line of ASCII is as wide as it is long. Any other is at most twice as wide (a wide
    character is two columns), and measuring it takes black's table of widths, which
    imports black: ``measure`` False skips that, and says True for any such line of more
    than half the limit that black could split if it were too long."""
    if line.isascii():
        if len(line) <= LINE_LENGTH:
            return False
    elif 2 * len(line) <= LINE_LENGTH:
        return False
    if _UNSPLITTABLE.fullmatch(_STRING.sub("S", line) if '"' in line else line):
        return False
    if not measure and not line.isascii():
        return True
    if width(line) <= LINE_LENGTH:
        return False
    named = _NAME_ASSIGNED.fullmatch(line)
    # ``x = name`` (or a string, or the opening ``x = name(`` of a call), a def's closing
    # ``) -> name:``, or a field annotated ``x: name``: black puts the name (the string,
    # the call) in parentheses on a line of its own only if it (its opening) fits there
    return named is None or len(named.group(1)) + INDENT + width(named.group(named.lastindex or 1)) <= LINE_LENGTH


def _code(line: str, open_quote: str | None) -> tuple[str, str | None, bool]:
    """``line`` as code: each string literal's text and the comment taken out (``""``
    stands for a string). Also the triple quote still open at its end (None when
    none is), and whether any of the line is a triple-quoted string (a docstring)."""
    if open_quote is None and '"' not in line and "'" not in line and "#" not in line:
        return line, None, False
    at, parts, triple = 0, [], open_quote is not None
    if open_quote is not None:
        end = _TRIPLE_END[open_quote].match(line)
        if end is None:
            return "", open_quote, True
        at = end.end()
        parts.append('""')
    while (token := _TOKEN.search(line, at)) is not None:
        parts.append(line[at : token.start()])
        quote = token.group()
        if quote == "#":
            return "".join(parts), None, triple
        at = token.end()
        if quote in _TRIPLE_END:
            triple = True
            end = _TRIPLE_END[quote].match(line, at)
            if end is None:
                return "".join(parts) + '""', quote, True
            at = end.end()
        parts.append('""')
    parts.append(line[at:])
    return "".join(parts), None, triple


def needs_black(text: str) -> bool:
    """Whether ``text`` has a code line longer than black's limit that black could
    split. Docstring lines do not count (black leaves them as they are), nor do the
    long lines black cannot split either (a long name or string alone on its line)."""
    ascii = text.isascii()
    if ascii:
        first = text.find("\n")
        if (first if first >= 0 else len(text)) <= LINE_LENGTH and _LONG_LINE.search(text) is None:
            return False
    lines = text.split("\n")
    # A long line that starts with a triple quote is in a docstring whatever comes before
    # it (it opens one or closes one): a model's long lines mostly are. Only when a
    # long line black could split is left are the strings of the lines before it read.
    long_lines = (line for line in lines if len(line) > LINE_LENGTH or not (ascii or line.isascii()))
    # (a line of other text is not measured here: a docstring's mostly, left out below)
    if not any(
        not line.lstrip().startswith(_TRIPLE_QUOTES) and _splittable_long_line(line, measure=False)
        for line in long_lines
    ):
        return False
    open_quote = None
    for line in lines:
        if open_quote is None:
            if '"""' not in line and "'''" not in line:
                triple = False  # no triple-quoted string starts here
            else:
                open_quote, triple = _triple_quoted(line, open_quote)
        elif open_quote not in line:
            triple = True  # inside a triple-quoted string that does not end here
        else:
            open_quote, triple = _triple_quoted(line, open_quote)
        # (a short line of ASCII is never long: most lines are not looked at further)
        long = len(line) > LINE_LENGTH or not line.isascii()
        if long and not triple and _splittable_long_line(line):
            return True
    return False


def _triple_quoted(line: str, open_quote: str | None) -> tuple[str | None, bool]:
    """The triple quote still open at the end of ``line`` (None when none is), and
    whether any of it is a triple-quoted string, as :func:`_code` tells. Without it
    for a docstring's usual lines (its opening, its closing, the whole of it), which
    hold no backslash and no other triple quote."""
    if "\\" not in line and "'''" not in line:
        count, stripped = line.count('"""'), line.strip()
        if open_quote is None and stripped.startswith('"""'):
            if count == 2 and stripped.endswith('"""'):
                return None, True  # """The whole docstring."""
            if count == 1:
                return '"""', True  # """Its opening line
        elif open_quote == '"""' and count == 1 and stripped.endswith('"""'):
            return None, True  # its closing line"""
    _, open_quote, triple = _code(line, open_quote)
    return open_quote, triple


_BRACKET = re.compile(r"[()\[\]{}]")
_DEF_NAME = re.compile(r"\s*(?:async\s+)?def\s+\w+\s*$")
_WRAPPERS = {
    # A bracket's kind: how black is given one item of it, and what to take off again.
    "call": ("_(", ")", ""),
    "def": ("def _(", "):", "    " + _BODY),
    "list": ("_ = [", "]", ""),
    "dict": ("_ = {", "}", ""),
    "tuple": ("_ = (", ")", ""),
}
_DUMMY_ITEM = "    _,"
"""A first item for a tuple's wrapper: black keeps a tuple of one on one line, whatever
its comma, where the tuple the item came from had more."""


@immutable
class _Unit:
    """Lines ``first`` to ``last`` (inclusive) of a file that black lays out on its own.

    Either a whole statement (``kind`` "statement"), or one item of a bracket that
    black explodes one item a line (the bracket ends its line and the items end with
    commas): black splits each such item by itself, whatever its neighbours.
    """

    first: int
    last: int
    indent: int
    kind: str
    header: bool = False
    """A compound statement's header (``def f(...):``), given a body of its own to format."""

    @property
    def shift(self) -> int:
        """How far left the unit moves for black: to the left margin, or to one indent
        inside its wrapper's bracket."""
        return self.indent if self.kind == "statement" else self.indent - 4


@dataclass
class _Frame:
    """An open bracket, while reading the lines inside it."""

    kind: str
    exploded: bool
    item_first: int
    long_item: bool = False


def _kind(code: str, at: int, opening: str) -> str:
    if opening == "{":
        return "dict"
    if opening == "[":
        return "subscript" if follows_name(code, at) else "list"
    if _DEF_NAME.fullmatch(code[:at]):
        return "def"
    return "call" if follows_name(code, at) else "tuple"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _units_for_black(lines: list[str]) -> list[_Unit] | None:
    """The smallest pieces of ``lines`` that hold every long line black could split,
    in order; None when one of them cannot be cut out of the file on its own."""
    units: list[_Unit] = []
    stack: list[_Frame] = []
    first = 0
    statement_long = False
    open_quote = None
    for number, line in enumerate(lines):
        code, open_quote, triple = _code(line, open_quote)
        if triple:
            if stack:
                return None  # a triple-quoted string inside brackets: black takes the file
            continue  # a docstring, which black leaves as it is
        if not stack:
            first, statement_long = number, False
        code = code.rstrip()
        if code.endswith("\\"):
            return None
        if _splittable_long_line(line):
            stripped = code.lstrip(" ")
            closers = len(stripped) - len(stripped.lstrip(")]}"))  # the brackets it closes first
            owner = stack[-1 - closers] if closers < len(stack) else None
            if owner is not None and owner.exploded and owner.kind in _WRAPPERS:
                owner.long_item = True
            else:
                statement_long = True
        for match in _BRACKET.finditer(code):
            bracket = match.group()
            if bracket in "([{":
                stack.append(_Frame(_kind(code, match.start(), bracket), match.end() == len(code), number + 1))
                continue
            if not stack:
                return None
            closed = stack.pop()
            if closed.long_item:  # its last item has no comma: not one item a line
                if stack and stack[-1].exploded and stack[-1].kind in _WRAPPERS:
                    stack[-1].long_item = True
                else:
                    statement_long = True
        if stack and code.endswith(","):
            top = stack[-1]
            if top.long_item:
                while units and units[-1].first >= top.item_first:
                    units.pop()  # inside this item
                units.append(_Unit(top.item_first, number, _indent(lines[top.item_first]), top.kind))
            top.item_first, top.long_item = number + 1, False
        if not stack and statement_long:
            while units and units[-1].first >= first:
                units.pop()
            indent = _indent(lines[first])
            header = code.endswith(":")
            if header and not _HEADER.match(lines[first], indent):
                return None  # elif, else, except...: not a statement of its own
            units.append(_Unit(first, number, indent, "statement", header))
    return units if not stack and open_quote is None else None


def _format_units(units: list[tuple[_Unit, list[str]]], shift: int) -> list[list[str]] | None:
    """Black's layout of each unit (all moved ``shift`` columns left), put back where
    they were; None if black does not give back each unit as it was given."""
    module: list[str] = []
    for unit, lines in units:
        if unit.kind == "statement":
            module.extend(line[shift:] for line in lines)
            if unit.header:
                module.append("    " + _BODY)
        else:
            opening, closing, body = _WRAPPERS[unit.kind]
            module.append(opening)
            if unit.kind == "tuple":
                module.append(_DUMMY_ITEM)
            module.extend(line[shift:] for line in lines)
            module.append(closing)
            if body:
                module.append(body)
        module.append(_BOUNDARY)
    import black.parsing

    try:
        formatted = _black("\n".join(module) + "\n", LINE_LENGTH - shift).split("\n")
    except black.parsing.InvalidInput:
        return None
    results: list[list[str]] = []
    current: list[str] = []
    for line in formatted:
        if line != _BOUNDARY:
            if line:
                current.append(line)
            continue
        if len(results) == len(units):
            return None
        kept = _unwrap(units[len(results)][0], current)
        if kept is None:
            return None
        results.append([" " * shift + line for line in kept])
        current = []
    return results if len(results) == len(units) and not current else None


def _unwrap(unit: _Unit, lines: list[str]) -> list[str] | None:
    """The unit's own lines out of black's output for it and its wrapper."""
    if unit.kind == "statement":
        if unit.header:
            return lines[:-1] if lines and lines[-1] == "    " + _BODY else None
        return lines
    opening, closing, body = _WRAPPERS[unit.kind]
    if body:
        if not lines or lines.pop() != body:
            return None
    head = [opening, _DUMMY_ITEM] if unit.kind == "tuple" else [opening]
    if lines[: len(head)] != head or lines[-1:] != [closing]:
        return None
    inner = lines[len(head) : -1]
    return inner if inner and all(line.startswith("    ") for line in inner) else None


def _format_whole(path: str, text: str) -> str:
    import black.parsing

    try:
        return _black(text)
    except black.parsing.InvalidInput as exc:
        raise FormatError(f"{path}: generated code does not parse: {exc}") from None


_LAID_OUT: dict[tuple[int, str, bool, tuple[str, ...]], list[str]] = {}
"""Black's layout of each unit this process has had formatted, by its shift, kind, header
flag and lines (the lines black was given for it, and the lines it gave back, are
decided by those alone)."""


def format_files(files: dict[str, str], cache: Cache | None = None) -> dict[str, str]:
    """Black's layout for every ``.py`` file that :func:`needs_black`; the others pass
    through. ``cache`` (None: no cache) remembers results across runs."""
    out = dict(files)
    whole: set[str] = set()
    split: dict[str, tuple[list[str], list[_Unit]]] = {}
    keys: dict[str, str] = {}
    for path, text in files.items():
        if not path.endswith(".py") or not needs_black(text):
            continue
        key = keys[path] = cache_key(text)
        cached = cache.get("black", key) if cache is not None else None
        if cached is not None:
            out[path] = cached
            continue
        lines = text.split("\n")
        units = _units_for_black(lines)
        if units is None:
            whole.add(path)
        else:
            split[path] = (lines, units)
    by_shift: dict[int, list[tuple[str, _Unit]]] = {}
    for path, (_, units) in split.items():
        for unit in units:
            by_shift.setdefault(unit.shift, []).append((path, unit))
    replacements: dict[tuple[str, int], list[str]] = {}
    for shift, group in sorted(by_shift.items()):
        # Black lays out each unit by itself, so a unit met again (the same codec
        # expression in every method of a big SDK, say) is given to it once in a process
        # (see _LAID_OUT): on Microsoft Graph's spec, 5,600 units were 1,700 different
        # ones, and black took several milliseconds for each.
        unit_keys = [
            (shift, unit.kind, unit.header, tuple(split[path][0][unit.first : unit.last + 1])) for path, unit in group
        ]
        fresh: dict[tuple[int, str, bool, tuple[str, ...]], _Unit] = {}
        for unit_key, (_, unit) in zip(unit_keys, group, strict=True):
            if unit_key not in _LAID_OUT:
                fresh.setdefault(unit_key, unit)
        formatted = (
            _format_units([(unit, list(unit_key[3])) for unit_key, unit in fresh.items()], shift) if fresh else []
        )
        if formatted is None:
            whole.update(path for path, _ in group)
            continue
        _LAID_OUT.update(zip(fresh, formatted, strict=True))
        for unit_key, (path, unit) in zip(unit_keys, group, strict=True):
            replacements[path, unit.first] = _LAID_OUT[unit_key]
    for path, (lines, units) in split.items():
        if path in whole:
            continue
        for unit in reversed(units):
            lines[unit.first : unit.last + 1] = replacements[path, unit.first]
        out[path] = "\n".join(lines)
    for path in sorted(whole):
        out[path] = _format_whole(path, files[path])
    if cache is not None:
        for path in split.keys() | whole:  # what black formatted now, not what the cache gave
            cache.put("black", keys[path], out[path])
    return out


def check_rendered(text: str, path: str, template: str) -> None:
    """Refuse a Python file that a user's template rendered and that is not valid Python,
    as bad input naming the template (ours are held to that by the tests)."""
    if not path.endswith(".py"):
        return
    try:
        compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        where = f" (line {exc.lineno} of {path})" if isinstance(exc, SyntaxError) and exc.lineno else ""
        message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise TemplateError(
            f"{template}: template error: it renders {path}, which is not valid Python: {message}{where}"
        ) from None
