"""The Python target: a typed, httpx-based SDK package with Markdown reference docs."""

from collections.abc import Callable
from typing import Any

from .. import Target
from . import layout
from .format import check_rendered, format_files
from .literals import comment, docstring, py_str, py_value
from .naming import name_api, name_api_again
from .plan import plan
from .surface import surface, surface_keeping
from .toml import toml_str

FILTERS: dict[str, Callable[..., Any]] = {
    "py_str": py_str,
    "py_value": py_value,
    "docstring": docstring,
    "comment": comment,
    "toml_str": toml_str,
}
"""Python's escaping filters (see :mod:`.literals`), and TOML's for ``pyproject.toml``."""

GLOBALS: dict[str, Any] = {
    "py_bracket": layout.bracket,
    "py_import": layout.import_from,
    "py_docstring": layout.docstring,
    "py_assign": layout.assign,
    "py_annotated": layout.annotated,
    "py_item": layout.item,
    "py_width": layout.width,
}
"""Python code laid out as black lays it out (see :mod:`.layout`)."""

TARGET = Target(
    name_api,
    plan,
    surface,
    FILTERS,
    GLOBALS,
    format=format_files,
    check_rendered=check_rendered,
    surface_keeping=surface_keeping,
    name_again=name_api_again,
)
"""The Python target, as the pipeline runs it."""

__all__ = ["TARGET"]
