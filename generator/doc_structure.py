"""What the Markdown docs of every target share: GitHub's heading anchors, the tags and
labels of the tables, and small text helpers. Each target lays out its own pages."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from typing import Any

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


def summary(description: str) -> str:
    """The first paragraph of a description."""
    return re.split(r"\n\s*\n", description.strip(), maxsplit=1)[0]


def json_text(value: Any) -> str:
    """JSON for a page, non-ASCII kept readable; as ``\\u`` escapes: line and paragraph
    separators (which some readers break lines at) and lone surrogates (which the page's
    UTF-8 cannot hold)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_JSON_ESCAPED = re.compile(r"[\u2028\u2029\ud800-\udfff]")
