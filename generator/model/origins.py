"""Where in the spec each operation and each named schema of the model was built from.

Modelling records, for each operation and each named schema, the places of the spec it
reads: its own node, and each node a ``$ref`` leads it to. A place stands for itself
and everything under it. With ``--group``, a finding counts only when it lies in a
place the chosen operations read, directly or through the schemas they use (see
:func:`generator.model.select.select_findings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Finding, pointer_join, pointer_parts

Place = tuple[str, str]
"""A file (as findings name it) and a JSON pointer into it."""

API_WIDE = ("/servers", "/security", "/components/securitySchemes", "/x-environments", "/info/x-server-configuration")
"""Parts of the root document every group's code is made with: base URLs and credentials."""


@dataclass
class Origins:
    """The places each operation (by ``METHOD /path``) and each named schema (by its own
    place) reads; the places of named schemas each reads lead on to what those read."""

    root: str
    operations: dict[str, set[Place]] = field(default_factory=dict)
    schemas: dict[Place, set[Place]] = field(default_factory=dict)

    def read_by(self, operations: list[str]) -> set[Place]:
        """Every place the named operations read, through any chain of schemas."""
        reached: set[Place] = set()
        pending = [place for op in operations for place in self.operations.get(op, ())]
        while pending:
            place = pending.pop()
            if place not in reached:
                reached.add(place)
                pending.extend(self.schemas.get(place, ()))
        reached.update((self.root, pointer) for pointer in API_WIDE)
        return reached


def operation_key(method: str, path: str) -> str:
    """How :class:`Origins` names an operation: ``GET /pets/{id}``."""
    return f"{method.upper()} {path}"


def lies_in(finding: Finding, places: set[Place]) -> bool:
    """Whether ``finding`` is at one of ``places`` or under one; a finding about a whole
    file, or whose place in it is not known, lies everywhere."""
    if finding.pointer is None:
        return True
    file, pointer = str(finding.file), ""
    if (file, pointer) in places:
        return True
    for part in pointer_parts(finding.pointer):
        pointer = pointer_join(pointer, part)
        if (file, pointer) in places:
            return True
    return False
