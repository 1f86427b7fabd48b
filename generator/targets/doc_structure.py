"""What the Markdown docs of every target share: GitHub's heading anchors, the tags and
labels of the tables, and small text helpers. Each target lays out its own pages."""

from __future__ import annotations

import functools
import json
import math
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from ..model import subjects as made_from
from ..model.ir import Api, ApiGroup, EnumType, Model
from ..model.naming import title
from ..render.english import first_sentence
from ..render.job import Deferred, RenderJob, shows
from .view import view

# Parameter locations as the source pages tag them.
LOCATION_TAGS = {"path": "Template", "query": "Query", "header": "Header", "cookie": "Cookie", "body": "Body"}
FORM_MEDIA_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

CONSTRAINT_LABELS = {
    "minLength": "Minimum Length",
    "maxLength": "Maximum Length",
    "pattern": "Pattern",
    "minimum": "Minimum",
    "maximum": "Maximum",
    "exclusiveMinimum": "Exclusive Minimum",
    "exclusiveMaximum": "Exclusive Maximum",
    "multipleOf": "Multiple Of",
    "minItems": "Minimum Items",
    "maxItems": "Maximum Items",
    "uniqueItems": "Unique Items",
    "minProperties": "Minimum Properties",
    "maxProperties": "Maximum Properties",
}


class Slugger:
    """GitHub's heading anchors for one page, numbered as GitHub numbers repeats."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, heading: str) -> str:
        """The anchor of the next heading with this (plain) text."""
        base = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        slug = base
        while slug in self._seen:
            self._seen[base] += 1
            slug = f"{base}-{self._seen[base]}"
        self._seen[slug] = 0
        return slug


def anchor_of(heading: str) -> str:
    """The anchor of a heading that is the first with its text on its page."""
    return Slugger().slug(heading)


@functools.lru_cache(maxsize=1 << 14)
def relative(target: str, here: str) -> str:
    """``posixpath.relpath``, remembered: a big API links the same pages from many places."""
    return posixpath.relpath(target, here)


summary = first_sentence
"""The summary of a description, as a table lists it: its first sentence."""


def json_text(value: Any) -> str:
    """JSON for a page, non-ASCII kept readable; as ``\\u`` escapes: line and paragraph
    separators (which some readers break lines at) and lone surrogates (which the page's
    UTF-8 cannot hold). Indented by two, as ``json.dumps(value, indent=2,
    ensure_ascii=False)`` writes it."""
    parts: list[str] = []
    try:
        _indented(value, "\n", parts)
        text = "".join(parts)
    except _NotPlain:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    if text.isascii():  # most: nothing to escape, and no search for it
        return text
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _NotPlain(Exception):
    """A value :func:`_indented` leaves to ``json.dumps``."""


_JSON_STRING: Callable[[str], str] = json.encoder.encode_basestring
"""A JSON string, quotes included, non-ASCII kept (``json``'s own, in C)."""
_JSON_SCALARS = {True: "true", False: "false", None: "null"}


def _indented(value: Any, newline: str, parts: list[str]) -> None:
    """Append ``value`` as indented JSON to ``parts``; ``newline``: a line break and the
    indentation of the line ``value`` starts on.

    ``json.dumps`` writes indented JSON with its encoder written in Python (its C one
    knows no indentation), a generator per level and value: on a big API's pages, that
    was most of the time the model pages took to make. Here the strings go through
    ``json``'s C string encoder and the rest is a loop over plain lists and dicts;
    anything else (a subclass, a key that is not a string, a float that is not finite)
    raises :class:`_NotPlain` and the whole value is left to ``json.dumps``.
    """
    kind = type(value)
    if kind is str:
        parts.append(_JSON_STRING(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            parts.append(separator + _JSON_STRING(key) + ": ")
            _indented(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _indented(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        parts.append(float.__repr__(value))
    elif kind is bool or value is None:
        parts.append(_JSON_SCALARS[value])
    else:
        raise _NotPlain


_JSON_ESCAPED = re.compile(r"[\u2028\u2029\ud800-\udfff]")


README = "README.md"
API_DIR = "doc/api"
MODELS_DIR = "doc/models"


def readme_subjects(api: Api) -> frozenset[str]:
    """What an SDK README is made from: everything (it lists every group, model and enum)."""
    return frozenset({made_from.EVERYTHING})


def page_jobs(
    api: Api,
    head: Mapping[str, Any],
    subjects: Collection[str] | None,
    group_page: tuple[Callable[[ApiGroup], str], Callable[[int], Any]],
    model_page: tuple[Callable[[str], str], Callable[[Model], Any]],
    enum_page: tuple[Callable[[str], str], Callable[[EnumType], Any]],
    mentions: Mapping[str, Iterable[str]] | None = None,
    modules: Sequence[frozenset[str] | None] | None = None,
) -> list[RenderJob]:
    """A render job per page of ``doc/`` (a group's, a model's, an enum's), each made
    from its file name and its view ``page`` (worked out when read), the target's own,
    beside the plain values of ``head``; with ``subjects``, only the pages that show one
    of them. ``mentions``: each model's :func:`~generator.model.subjects.model_mentions`,
    and ``modules``: each group's :func:`~generator.model.subjects.group_module`, when the
    target's plan has them already."""
    group_file, group_doc = group_page
    model_file, model_doc = model_page
    enum_file, enum_doc = enum_page
    jobs: list[RenderJob] = []
    may_show = made_from.owner_asked(subjects)
    for i, ir_group in enumerate(api.groups):
        if not may_show(made_from.group_subject(ir_group.name)):
            continue
        if shows(shown := made_from.group_page(ir_group, api, modules[i] if modules else None), subjects):
            path = f"{API_DIR}/{group_file(ir_group)}"
            jobs.append(RenderJob(path, "doc/api.md.j2", Deferred(_page, head, group_doc, i), shown))
    for model in api.models.values():
        if not may_show(made_from.type_subject(model.name)):
            continue
        if shows(shown := made_from.model_page(model, mentions[model.name] if mentions else None), subjects):
            values = Deferred(_page, head, model_doc, model)
            jobs.append(RenderJob(f"{MODELS_DIR}/{model_file(model.name)}", "doc/model.md.j2", values, shown))
    for enum in api.enums.values():
        if shows(shown := frozenset({made_from.type_subject(enum.name)}), subjects):
            values = Deferred(_page, head, enum_doc, enum)
            jobs.append(RenderJob(f"{MODELS_DIR}/{enum_file(enum.name)}", "doc/enum.md.j2", values, shown))
    return jobs


def _page(head: Mapping[str, Any], make: Callable[..., Any], *args: Any) -> dict[str, Any]:
    return {**head, "page": make(*args)}


# ---- views both targets' pages show (each fills them in its own language) ----------
# Views (see generator.targets.view): compared by identity, frozen to mypy alone.


@view
class TypeLink:
    """A type as shown in a table: the annotation, linked to its page when it names one."""

    text: str
    href: str | None


@view
class ConstraintView:
    """A constraint of a parameter or field: ``Maximum Length`` and its value."""

    label: str
    value: str


@view
class Row:
    """One row of a Parameters or Fields table."""

    name: str
    type: TypeLink
    tags: tuple[str, ...]
    description: str
    default: str | None  # a literal of the target's language
    constraints: tuple[ConstraintView, ...]
    wire_name: str | None = None  # shown when it differs from ``name``


@view
class EnumValueRow:
    """One row of an enum page's table."""

    name: str
    value: str  # a literal of the target's language
    description: str


@view
class EnumDoc:
    """An enum's page."""

    title: str
    description: str
    deprecated: bool
    class_name: str
    base: str
    values: tuple[EnumValueRow, ...]


@view
class PageLink:
    """A link to a page, with the summary shown beside it in a list."""

    title: str
    href: str
    name: str  # the class (or attribute) it documents
    summary: str


@view
class TypePageLink:
    """A link to a model's or an enum's page: a :class:`PageLink` whose title is made
    only when read (the README lists every type, and shows no title)."""

    type_name: str  # the key of the model or enum in the API
    href: str
    name: str  # the class it documents
    summary: str

    @property
    def title(self) -> str:
        return title(self.type_name)
