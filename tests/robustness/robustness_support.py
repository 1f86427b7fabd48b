"""Helpers of the robustness tests: write a spec, generate from it, import what came out,
and look at generated Python the way an attacker's string would have to get through it."""

from __future__ import annotations

import builtins
import importlib
import io
import json
import sys
import tokenize
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from sdkforge.model.ir import Api
from sdkforge.output.write import write_files
from sdkforge.pipeline import check_spec
from sdkforge.render.engine import make_environment, render_all
from sdkforge.targets import TargetOptions
from sdkforge.targets.python import naming
from sdkforge.targets.python.format import format_files
from sdkforge.targets.python.naming import name_api
from sdkforge.targets.registry import get_planner, get_target

# Strings that have broken code generators: quotes of every kind, escapes, template
# syntax, markup, comment and line terminators, NUL, terminal escapes, bidi controls.
HOSTILE = (
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\x00",
    "\\N{BULLET}",
    "\\u2028",
    "a\nb",
    "\r\n",
    "\t",
    "{{ 7*7 }}",
    "{% if true %}EVAL{% endif %}",
    "{# gone #}",
    "${7*7}",
    "%(x)s",
    "</script><script>alert(1)</script>",
    "<!--",
    "|",
    "`",
    "```",
    "~~~",
    "# heading",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\u2029",
    "\x85",
    "\u202e",
    "\ufeff",
    "é名前😀",
    '"; import os; os.system("echo pwned") #',
    "'); import os #",
    '"""); import os; ("""',
    "\\'''",
    '"\\',
    "*/",
    "]]>",
)

# Names that are Python keywords, builtins, typing names or names our code uses for itself,
# and names that collide once converted.
AWKWARD_NAMES = (
    "class",
    "from",
    "self",
    "type",
    "List",
    "Optional",
    "bytes",
    "build",
    "to_dict",
    "from_dict",
    "builder",
    "to_builder",
    "extra_fields",
    "str",
    "int",
    "float",
    "bool",
    "list",
    "dict",
    "tuple",
    "object",
    "None",
    "True",
    "super",
    "cls",
    "value",
    "field",
    "Field",
    "_fields",
    "__init__",
    "dataclass",
    "Any",
    "ClassVar",
    "Self",
    "UNSET",
    "Unset",
    "request_options",
    "warnings",
    "json_body",
    "no_body",
    "body",
    "http",
    "_http",
    "httpx",
    "Request",
    "import",
    "lambda",
    "match",
    "case",
    "_",
    "fooBar",
    "foo_bar",
    "FooBar",
    "foo-bar",
    "foo.bar",
    "9lives",
    "-dash",
    ".dot",
    "[bracket]",
    "$dollar",
    "with space",
    "名前",
    "émigré",
    "",
)

# Every name naming reserves against some kind of spec name (but keywords, which the
# awkward names cover, and the builtin classes, which one rule covers), and a few more
# the generated code could plausibly come to use.
RESERVED_NAMES = sorted(
    (
        set().union(
            naming.CLASS_RESERVED,
            naming.FIELD_RESERVED,
            naming.MEMBER_RESERVED,
            naming.METHOD_RESERVED,
            naming.PARAMETER_RESERVED,
            naming.ATTRIBUTE_RESERVED,
            naming.CREDENTIAL_RESERVED,
            naming.MODEL_MODULE_RESERVED,
            naming.GROUP_MODULE_RESERVED,
        )
        - naming.KEYWORDS
        - naming.WINDOWS_RESERVED
        - {n for n in dir(builtins) if n[:1].isupper()}
    )
    | {"dataclass", "field", "Exception", "DeprecationWarning", "ValueError", "datetime", "enum", "re", "json", "_dt"}
)
# Lone surrogates: a JSON spec can hold them (as ``\ud800`` escapes), no UTF-8 file can.
LONE_SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")


def write_spec(folder: Path, spec: Any, name: str = "spec.json") -> Path:
    """Write a spec (a dict, written as JSON or YAML by the name's suffix; or text as it is)."""
    path = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, str):
        path.write_text(spec, encoding="utf-8")
    elif name.endswith(".json"):
        text = json.dumps(spec, indent=1, ensure_ascii=False)
        if any("\ud800" <= char <= "\udfff" for char in text):  # only ``\ud800`` escapes can hold them
            text = json.dumps(spec, indent=1)
        path.write_text(text, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def unique_package(prefix: str) -> str:
    """A package name no other test (nor an earlier example) has imported."""
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@dataclass
class Generated:
    spec: Path
    out: Path
    package: str
    api: Api
    raw: dict[str, str]  # path -> rendered text, before black
    files: dict[str, str]  # path -> what was written


def generate(spec_path: Path, out: Path, package: str, templates: Path | None = None) -> Generated:
    """Run every stage on ``spec_path`` into ``out``, keeping the unformatted rendering too."""
    api, _ = check_spec(spec_path)
    raw = render_raw(spec_path, package, templates, api)
    files = format_files(raw)
    write_files(out, files)
    return Generated(spec_path, out, package, api, raw, files)


def render_raw(spec_path: Path, package: str, templates: Path | None = None, api: Any = None) -> dict[str, str]:
    """The rendered files of ``spec_path``, before black."""
    if api is None:
        api, _ = check_spec(spec_path)
    jobs = get_planner("python")(api, TargetOptions(package_name=package))
    python = get_target("python")
    return render_all(jobs, "python", make_environment(templates, None, python.filters, python.globals))


@contextmanager
def imported(out: Path, package: str) -> Iterator[ModuleType]:
    """Import the generated ``package`` from ``out``; forget it (and ``out``) afterwards."""
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    try:
        module = importlib.import_module(package)
        importlib.import_module(f"{package}.models")  # so that ``module.models`` is there
        yield module
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def naming_report(api: Api) -> str:
    """Every Python name the target gives ``api``, one per line, in the order given."""
    names = name_api(api)
    lines = []
    for ir_name, type_names in names.types.items():
        lines.append(f"type {ir_name!r}: class {type_names.class_name}, module {type_names.module}")
        lines.extend(f"  field {wire!r}: {attr}" for wire, attr in type_names.fields.items())
        lines.extend(f"  member {value!r}: {member}" for value, member in type_names.members.items())
    for tag, group in names.groups.items():
        lines.append(f"group {tag!r}: class {group.class_name}, client.{group.attribute}, module {group.module}")
        lines.extend(f"  method {op!r}: {method}" for op, method in group.methods.items())
    return "\n".join(lines) + "\n"


def code_tokens(source: str) -> Iterator[tokenize.TokenInfo]:
    """The tokens of ``source`` that are code: not string literals (docstrings included),
    not comments, not line breaks inside brackets."""
    skipped = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in skipped:
            yield token


def skeleton(source: str) -> list[tuple[int, str]]:
    """``source`` with every string literal and comment taken out: what it does, not what it says.

    A comma right before a closing bracket goes too: whether a call or a literal is laid
    out one item a line (with black's trailing comma) depends on how long the strings in
    it are, and changes nothing it does.
    """
    layout = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in layout]
    after = [*tokens[1:], None]
    return [
        (t.type, t.string)
        for t, following in zip(tokens, after, strict=True)
        if t.type != tokenize.STRING and not (t.string == "," and following is not None and following.string in ")]}")
    ]


def leaks(source: str, markers: tuple[str, ...]) -> list[str]:
    """Code tokens of ``source`` holding one of ``markers`` (which spec data strings carry)."""
    return [
        f"line {t.start[0]}: {t.string!r}" for t in code_tokens(source) if any(marker in t.string for marker in markers)
    ]


def replace_strings(value: Any, replacement: Any) -> Any:
    """``value`` with every string in it (dict keys too) replaced by ``replacement(old)``."""
    if isinstance(value, str):
        return replacement(value)
    if isinstance(value, list):
        return [replace_strings(v, replacement) for v in value]
    if isinstance(value, dict):
        return {replace_strings(k, replacement): replace_strings(v, replacement) for k, v in value.items()}
    return value
