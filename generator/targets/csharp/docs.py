"""The C# SDK's Markdown docs."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from ...ir import Api
from .. import RenderJob
from .naming import CSharpNames


def doc_jobs(
    api: Api,
    names: CSharpNames,
    groups: list[Callable[[], Any]],
    common: dict[str, Any],
    subjects: Collection[str] | None,
) -> list[RenderJob]:
    return []
