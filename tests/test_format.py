"""The format stage gives exactly black's output, while black sees only the long pieces.

:func:`sdkforge.targets.python.format.format_files` hands black the statements, or the items of an
exploded bracket, that hold a line black could split, and puts black's layout of them
back in place. The result must be what black gives for the whole file, whatever the
names and nesting a spec brings; hypothesis draws both.
"""

from __future__ import annotations

import os
import subprocess
import sys

import black
import pytest
from code_shapes import codec, long_type_name
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdkforge.targets.python import format as format_module
from sdkforge.targets.python import layout, literals
from sdkforge.targets.python.format import FormatError, black_mode, format_files, needs_black

EXAMPLES = settings(
    max_examples=int(os.environ.get("SDKFORGE_LAYOUT_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

short_name = st.text("abcxyz_", min_size=1, max_size=20).map(lambda s: "n" + s)
hint = st.recursive(
    st.one_of(long_type_name, st.sampled_from(["str", "int", "None"])),
    lambda inner: st.one_of(
        inner.map(lambda h: f"list[{h}]"),
        st.lists(inner, min_size=2, max_size=4).map(" | ".join),
        st.tuples(inner, inner).map(lambda p: f"dict[{p[0]}, {p[1]}]"),
    ),
    max_leaves=5,
)


def _field_call(indent: int, name: str, value_codec: str, keyword: bool) -> str:
    items = [f'"{name}"', f"codec={value_codec}" if keyword else value_codec, "required=True"]
    return layout.bracket(indent, "Field(", items, ")")


@st.composite
def module(draw: st.DrawFn) -> str:
    """A module shaped like our generated models and API groups, laid out by the layout
    functions (black's layout, but for the lines they leave long)."""
    names = draw(st.lists(short_name, min_size=2, max_size=4, unique=True))
    hints = [draw(hint) for _ in names]
    codecs = [draw(codec) for _ in names]
    model = draw(long_type_name)
    fields = "".join(f"    {layout.annotated(4, n, h)}\n" for n, h in zip(names, hints, strict=True))
    calls = [_field_call(8, n, c, draw(st.booleans())) for n, c in zip(names, codecs, strict=True)]
    table = layout.bracket(4, "_FIELDS = (", calls, ")", collection=True)
    params = [f"{n}: {h}" for n, h in zip(names, hints, strict=True)]
    method = layout.bracket(4, "def build(", ["self", "*", *params], f") -> {draw(hint)}:")
    builder = layout.bracket(8, f"return {model}Builder(", [f"{n}={n}" for n in names], ")")
    helper = layout.bracket(0, f"def _{draw(short_name)}_request(", [], f") -> {model}:")
    decoded = layout.bracket(4, "_DECODE = dispatch(", [f"{c}.decode" for c in codecs], ")")
    return (
        f"class {model}:\n{fields}    {table}\n\n    {method}\n        {builder}\n\n\n"
        f"{helper}\n    pass\n\n\nif True:\n    {decoded}\n"
    )


@EXAMPLES
@given(module())
def test_formatting_the_long_pieces_gives_what_black_gives_the_whole_file(source):
    formatted = format_files({"pkg/m.py": source})["pkg/m.py"]
    assert formatted == black.format_str(source, mode=black_mode())


@EXAMPLES
@given(st.lists(module(), min_size=2, max_size=3))
def test_pieces_from_many_files_go_back_to_their_own_file(sources):
    files = {f"pkg/m{i}.py": source for i, source in enumerate(sources)}
    formatted = format_files(files)
    assert formatted == {path: black.format_str(text, mode=black_mode()) for path, text in files.items()}


def test_a_piece_met_again_is_given_to_black_once_and_put_back_everywhere(monkeypatch):
    # The same long call in every method of many files (Microsoft Graph's spec has one
    # codec expression 1,200 times): black lays it out once; each copy gets its layout.
    call = "        value = decode(" + ", ".join(f"argument_{i}" for i in range(10)) + ")\n"
    source = "class Api:\n    def a(self):\n" + call + "\n    def b(self):\n" + call
    files = {f"pkg/m{i}.py": source for i in range(30)}
    given: list[str] = []
    real = format_module._black

    def black_seeing(text: str, line_length: int = layout.LINE_LENGTH) -> str:
        given.append(text)
        return real(text, line_length)

    monkeypatch.setattr(format_module, "_black", black_seeing)
    monkeypatch.setattr(format_module, "_LAID_OUT", {})  # none formatted before in this process
    formatted = format_files(files)
    assert formatted == {path: black.format_str(text, mode=black_mode()) for path, text in files.items()}
    assert len(given) == 1 and given[0].count("argument_9") == 1


def test_a_long_line_is_found_wherever_it_is():
    """First, between others, last with or without its line break: the long lines after the
    first are searched from the line break before them."""
    long_line = "x = " + " + ".join(f"value_{i}" for i in range(20))
    for text in (
        long_line,
        long_line + "\n",
        f"{long_line}\ny = 1\n",
        f"y = 1\n{long_line}",
        f"y = 1\n{long_line}\nz = 2",
    ):
        assert needs_black(text), text
    assert not needs_black("y = 1\n" + "z = 2\n" * 3)


def test_only_python_files_that_need_black_change():
    long_line = "x = " + " + ".join(f"value_{i}" for i in range(20)) + "\n"
    files = {"a.py": long_line, "b.md": long_line, "c.py": "y = 1\n"}
    formatted = format_files(files)
    assert needs_black(long_line)
    assert formatted["a.py"] == black.format_str(long_line, mode=black_mode()) != long_line
    assert formatted["b.md"] is files["b.md"]
    assert formatted["c.py"] is files["c.py"]


def test_a_multiline_string_inside_brackets_sends_the_whole_file_to_black():
    source = (
        "x = call(\n"
        '    """first\n'
        'second""",\n'
        f"    {'LongName' * 12},\n"
        ")\n"
        f"y = other({', '.join(f'argument_{i}' for i in range(12))})\n"
    )
    assert format_files({"m.py": source})["m.py"] == black.format_str(source, mode=black_mode())


def test_a_clause_header_is_formatted_with_its_statement():
    condition = " and ".join(f"value_{i}" for i in range(12))
    source = f"if ready:\n    pass\nelif {condition}:\n    pass\n"
    assert format_files({"m.py": source})["m.py"] == black.format_str(source, mode=black_mode())


def test_code_that_does_not_parse_is_a_format_error_naming_the_file():
    source = "def broken(:\n    " + "x = " + " + ".join(f"value_{i}" for i in range(20)) + "\n"
    with pytest.raises(FormatError, match=r"^pkg/broken\.py: generated code does not parse"):
        format_files({"pkg/broken.py": source})


def test_quotes_inside_strings_and_docstrings_do_not_hide_the_code_after_them():
    call = "value = call(" + ", ".join(f"argument_{i}" for i in range(12)) + ")"
    source = (
        "def f():\n"
        '    """A docstring that quotes \'\'\' and ( without closing it."""\n'
        '    text = \'three """ quotes\'\n'
        f"    {call}\n"
        '    return "#", text\n'
    )
    assert needs_black(source)
    assert format_files({"m.py": source})["m.py"] == black.format_str(source, mode=black_mode())


def test_long_docstring_lines_need_no_black_and_a_long_code_line_after_them_does():
    prose = "word " * 20
    docstrings = (
        "class A:\n"
        f'    """{prose}"""\n'  # a long docstring on one line
        f'    """{prose}\n'  # a long line opening one
        f"    {prose}\n"  # inside it
        f'    {prose}"""\n'  # closing it
        "    x: int = 1\n"
    )
    call = "    value = call(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
    assert not needs_black(docstrings)
    assert needs_black(docstrings + call)


wide_text = st.text(st.sampled_from("ab é’中文字\u0301 "), min_size=20, max_size=80).map(str.strip).filter(bool)
"""Text with characters black counts as one column (é, ’), two (中) or none (a combining accent)."""


@EXAMPLES
@given(st.lists(wide_text, min_size=1, max_size=3), wide_text, st.integers(1, 40))
def test_lines_of_wide_characters_go_to_black_exactly_when_black_would_change_them(prose, value, pad):
    """Lines of other text than ASCII are measured as black measures them (a wide
    character is two columns): the format stage sends the file to black exactly when a
    code line of it is too long and black could split it."""
    argument = "a" * pad
    source = (
        "class A:\n"
        f'    """{prose[0]}\n\n    {(chr(10) + "    ").join(prose)}\n    """\n\n'
        f'    x = call({argument}, "{value}")\n'
        f'    y = "{value}"\n'
    )
    black_changes = black.format_str(source, mode=black_mode()) != source
    assert needs_black(source) == black_changes
    assert format_files({"m.py": source})["m.py"] == black.format_str(source, mode=black_mode())


def test_long_docstring_lines_of_wide_characters_are_not_measured():
    """Measuring a line of other text than ASCII takes black's table of widths, which
    imports black (a tenth of a second): a docstring's lines, which black leaves as they
    are, are not measured (Square's SDK has three such lines and no line for black)."""
    prose = "l’Entreprise " * 8
    source = f'class A:\n    """Summary.\n\n    {prose}\n    {prose}"""\n\n    x: int = 1\n'
    script = (
        "import sys\n"
        "from sdkforge.targets.python.format import needs_black\n"
        f"assert not needs_black({source!r})\n"
        "print('black' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


sized = st.tuples(st.text("ABCxyz", min_size=1, max_size=4), st.integers(2, 110)).map(
    lambda p: ("T" + p[0] * 110)[: p[1]]
)
"""A name of 2 to 110 characters: around every length at which black splits a line or not."""
SHAPES = {
    # each on one line as a template would write it, and as the layout functions write it
    "class {name}:\n    pass\n": lambda name: f"class {name}:\n    pass\n",
    "from .api.{lower} import {name}\n": lambda name: layout.import_from(f".api.{name.lower()}", [name]) + "\n",
    'x = {{\n    "{lower}-id": {lower}_id,\n    "a": a,\n}}\n': lambda name: (
        layout.bracket(0, "x = {", [f'"{name.lower()}-id": {name.lower()}_id', '"a": a'], "}", collection=True) + "\n"
    ),
    "class C:\n    def f(\n        self,\n        value: {name},\n    ) -> None:\n        pass\n": lambda name: (
        f"class C:\n    {layout.bracket(4, 'def f(', ['self', f'value: {name}'], ') -> None:')}\n        pass\n"
    ),
    "def {lower}() -> Request:\n    pass\n": lambda name: (
        layout.bracket(0, f"def {name.lower()}(", [], ") -> Request:") + "\n    pass\n"
    ),
    "class C:\n    value: {name}\n": lambda name: f"class C:\n    {layout.annotated(4, 'value', name)}\n",
    "def f(http):\n    self.with_raw_response = {name}(http)\n": lambda name: (
        f"def f(http):\n    {layout.bracket(4, f'self.with_raw_response = {name}(', ['http'], ')')}\n"
    ),
    'USER_AGENT = f"{lower}-python/{{__version__}} httpx/{{httpx.__version__}}"\n': lambda name: (
        layout.assign(0, "USER_AGENT", f'f"{name.lower()}-python/{{__version__}} httpx/{{httpx.__version__}}"') + "\n"
    ),
}
"""Lines Microsoft Graph's and GitHub's long names make too long (``class ...ApiWithRawResponse:``,
``from .api.x import (``, ``"...-id": ..._id,``, a parameter ``body: LongRequestName,``...)."""


@EXAMPLES
@given(st.sampled_from(sorted(SHAPES)), sized)
def test_long_lines_go_to_black_exactly_when_black_would_change_them(shape, name):
    """The format stage calls black exactly when black would change a line as a template
    writes it; and the layout functions write black's layout, which needs no black."""
    source = shape.format(name=name, lower=name.lower())
    assert needs_black(source) == (black.format_str(source, mode=black_mode()) != source)
    laid_out = SHAPES[shape](name)
    assert black.format_str(laid_out, mode=black_mode()) == laid_out
    assert not needs_black(laid_out)


def _needs_black_line_by_line(text: str) -> bool:
    """:func:`needs_black` without its shortcuts: every line read in order, and each line
    with a triple quote read whole by the tokenizer (``_code``)."""
    lines = text.split("\n")
    long_lines = (line for line in lines if len(line) > layout.LINE_LENGTH or not line.isascii())
    if not any(
        not line.lstrip().startswith(('"""', "'''")) and format_module._splittable_long_line(line, measure=False)
        for line in long_lines
    ):
        return False
    open_quote = None
    for line in lines:
        if open_quote is None and '"""' not in line and "'''" not in line:
            triple = False
        else:
            _, open_quote, triple = format_module._code(line, open_quote)
        long = len(line) > layout.LINE_LENGTH or not line.isascii()
        if long and not triple and format_module._splittable_long_line(line):
            return True
    return False


spec_text = st.lists(
    st.sampled_from(['"', "'", "\\", "#", '"""', "'''", "a", " ", "(", ",", "中", "é", "\n", "word " * 18]), max_size=40
).map("".join)
"""Text from a spec, made of what can fool a reader of Python: quotes, triple quotes,
backslashes, comment signs, brackets, wide characters, newlines."""
long_code = st.integers(1, 14).map(lambda n: "value = call(" + ", ".join(f"argument_{i}" for i in range(n)) + ")")


@st.composite
def hostile_module(draw: st.DrawFn) -> str:
    """Lines as our templates write them around text from a spec: docstrings
    (``py_docstring``), strings (``py_str``), comments, long code lines, and lines of
    quote marks as they come."""
    indent = draw(st.sampled_from([0, 4, 8]))
    pad = " " * indent
    pieces = draw(
        st.lists(
            st.one_of(
                spec_text.map(lambda t: pad + layout.docstring(literals.docstring(t, indent), indent, True)),
                spec_text.map(lambda t: pad + layout.docstring(literals.docstring(t, indent), indent)),
                spec_text.map(lambda t: f"{pad}x = {literals.py_str(t)}"),
                spec_text.map(lambda t: f"{pad}{literals.comment(t)}"),
                long_code.map(lambda c: pad + c),
                spec_text,
            ),
            max_size=8,
        )
    )
    return "\n".join(pieces) + "\n"


@settings(EXAMPLES, max_examples=int(os.environ.get("SDKFORGE_LAYOUT_EXAMPLES", "150")) * 10)
@given(hostile_module())
def test_needs_black_answers_as_reading_line_by_line_does(text):
    assert needs_black(text) == _needs_black_line_by_line(text)


def test_needs_black_answers_as_reading_line_by_line_does_for_every_golden_file():
    from project_paths import GOLDEN, GOLDEN_CONSTRUCTS

    texts = [path.read_text() for folder in (GOLDEN, GOLDEN_CONSTRUCTS) for path in folder.rglob("*.py")]
    assert len(texts) > 20
    assert [needs_black(text) for text in texts] == [_needs_black_line_by_line(text) for text in texts]
    assert not any(needs_black(text) for text in texts)


@pytest.mark.slow
@pytest.mark.parametrize("key", ["github", "square"])
def test_needs_black_answers_as_reading_line_by_line_does_for_every_file_of_a_real_sdk(key, tmp_path):
    """GitHub's SDK (7,003 Python files) and Square's: the same answer for every file, and
    no file with a line for black (their lines are all black's layout)."""
    from project_paths import npm_spec

    out = tmp_path / key
    command = [sys.executable, "-m", "sdkforge", "generate", str(npm_spec(key)), "--out", str(out), "--no-cache", "-q"]
    subprocess.run(command, check=True, capture_output=True)
    texts = [path.read_text() for path in out.rglob("*.py")]
    assert len(texts) > 500
    assert [needs_black(text) for text in texts] == [_needs_black_line_by_line(text) for text in texts]
    assert not any(needs_black(text) for text in texts)


_FRAGMENTS = ['"""', "'''", '"', "'", "\\", "#", "x = ", "f(a, b)", "[1, 2]", "word ", "    ", "é", "中"]
line_of_fragments = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text("ab ,(", max_size=30)), max_size=12).map(
    "".join
)


words = st.text("ab é#'\",()", max_size=100)
docstring_line = st.one_of(
    words.map(lambda w: f'    """{w}'),  # an opening
    words.map(lambda w: f'    {w}"""'),  # a closing
    words.map(lambda w: f'    """{w}"""'),  # a whole one
    words.map(lambda w: "    " + w),  # a line inside one, or code
)
"""Lines shaped as a docstring's, of every length, with quotes and backslashes in them."""


@EXAMPLES
@given(
    st.lists(st.one_of(docstring_line, line_of_fragments, line_of_fragments.map(lambda line: line * 4)), max_size=12)
)
def test_needs_black_reads_strings_as_reading_every_line_would(lines):
    """needs_black passes over the lines no triple-quoted string starts or ends on, and
    reads a docstring's usual lines without the tokenizer: its verdict is the one of
    reading every line's strings and comments (:func:`_code`) from the top."""
    text = "\n".join(lines)
    open_quote, expected = None, False
    for line in lines:
        _, open_quote, triple = format_module._code(line, open_quote)
        if not triple and format_module._splittable_long_line(line):
            expected = True
            break
    assert needs_black(text) == expected


_AS_FIRST_WRITTEN = {
    # the patterns of strings with an alternative tried at each character, as they were
    "_STRING": r'[fbr]*"(?:[^"\\]|\\.)*"',
    "_TOKEN": r""""{3}|'{3}|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\#""",
}


@EXAMPLES
@given(line_of_fragments)
def test_the_patterns_of_strings_match_what_they_matched_as_first_written(line):
    import re

    for name, pattern in _AS_FIRST_WRITTEN.items():
        written, ours = re.compile(pattern), getattr(format_module, name)
        assert [m.span() for m in written.finditer(line)] == [m.span() for m in ours.finditer(line)]
    for quote, first in (('"""', r'(?:[^"\\]|\\.|"(?!""))*"""'), ("'''", r"(?:[^'\\]|\\.|'(?!''))*'''")):
        for at in range(len(line) + 1):
            expected = re.compile(first).match(line, at)
            found = format_module._TRIPLE_END[quote].match(line, at)
            assert (expected and expected.span()) == (found and found.span())
