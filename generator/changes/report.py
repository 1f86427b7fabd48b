"""What changed for an SDK's users between two versions of its spec.

Two :class:`~generator.changes.surface.Surface` values (the SDK of the old spec and of the new
one, in one target's names) are compared name by name, so a reordered or reformatted
spec, or the same API written as Swagger 2.0 and as OpenAPI 3, reports nothing. Each
change gets a severity for the SDK's users, and the changes together a suggested
version bump. The rules are in :data:`RULES` and README ("What changed for SDK users").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from enum import StrEnum

from ..errors import printable
from ..immutable import immutable
from ..render.markdown import code_span
from .surface import Flow, MethodShape, ModelShape, Surface


class Severity(StrEnum):
    """How a change affects code written against the old SDK, worst first."""

    BREAKING = "breaking"  # code that worked no longer does (or no longer type-checks)
    ADDED = "added"  # something new to call or read
    DEPRECATED = "deprecated"  # still works, now warns or is marked for removal
    CHANGED = "changed"  # behaviour or types changed without breaking code
    DOCS = "docs"  # descriptions only


ORDER = tuple(Severity)

HEADINGS = {
    Severity.BREAKING: "Breaking changes",
    Severity.ADDED: "Added",
    Severity.DEPRECATED: "Deprecated",
    Severity.CHANGED: "Changed",
    Severity.DOCS: "Docs",
}


@immutable
class Change:
    """One change, located by the target's names; fields that do not apply are None."""

    severity: Severity
    kind: str
    message: str
    group: str | None = None
    method: str | None = None
    parameter: str | None = None
    model: str | None = None
    field: str | None = None
    enum: str | None = None
    value: str | None = None
    environment: str | None = None
    credential: str | None = None

    def as_json(self) -> dict[str, str]:
        """The change for JSON output: keys that do not apply are left out."""
        out = {"severity": self.severity.value, "kind": self.kind}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name not in ("severity", "kind", "message") and value is not None:
                out[f.name] = value
        out["message"] = self.message
        return out


@immutable
class Report:
    """Every change, worst first, and the version bump they call for."""

    changes: tuple[Change, ...]
    bump: str
    version: str | None = None  # the SDK's version the bump applies to, when known

    def count(self, severity: Severity) -> int:
        """How many changes have ``severity``."""
        return sum(1 for c in self.changes if c.severity is severity)

    @property
    def breaking(self) -> bool:
        """Whether code written against the old SDK may break."""
        return self.count(Severity.BREAKING) > 0

    def counts(self) -> str:
        """``2 breaking, 1 added, 0 deprecated, 0 changed, 3 docs``."""
        return ", ".join(f"{self.count(s)} {s.value}" for s in ORDER)


RULES: dict[str, str] = {
    "group-added": "added",
    "group-removed": "breaking",
    "method-added": "added",
    "method-removed": "breaking",
    "method-deprecated": "deprecated",
    "method-undeprecated": "changed",
    "parameter-added": "breaking when required (every call must pass it), added when optional",
    "parameter-removed": "breaking",
    "parameter-retyped": "changed when the new type accepts every value the old one did, breaking otherwise",
    "parameter-required": "breaking",
    "parameter-optional": "changed (its position, if it had one, is reported apart)",
    "parameter-moved": "breaking: calls passing it by position pass another argument",
    "return-retyped": "changed when every value of the new type was one of the old, breaking otherwise",
    "model-added": "added",
    "model-removed": "breaking",
    "model-deprecated": "deprecated",
    "model-undeprecated": "changed",
    "field-added": "breaking when required on a model users build (the builder takes it), added otherwise",
    "field-removed": "breaking",
    "field-retyped": "on a model users only build: changed when widened; only read: changed when narrowed; "
    "breaking otherwise",
    "field-required": "breaking on a model users build, changed on one they only read",
    "field-optional": "breaking: readers may now find it unset, and the builder no longer takes it by position",
    "field-nullable": "breaking on a model users read (null must now be handled), changed on one they only build",
    "field-not-nullable": "breaking on a model users build (null is refused), changed on one they only read",
    "field-deprecated": "deprecated",
    "field-undeprecated": "changed",
    "enum-added": "added",
    "enum-removed": "breaking",
    "enum-value-added": "added (enums are open: the value could already arrive, as a plain value)",
    "enum-value-removed": "breaking: the value still parses, as a plain value, but code naming its member breaks",
    "environment-added": "added",
    "environment-removed": "breaking",
    "environment-changed": "changed",
    "credential-added": "added",
    "credential-removed": "breaking",
    "credential-changed": "breaking",
    "description": "docs",
}
"""Each kind of change and how severe it is for the SDK's users (README repeats this)."""


def compare(old: Surface, new: Surface, version: str | None = None, descriptions: bool = True) -> Report:
    """The changes from ``old`` to ``new``, worst first, and the bump for an SDK now at
    ``version`` (0.x rules below 1.0; 1.x rules when None). Not ``descriptions``: their
    descriptions are not compared (``old`` is a surface record, which has none)."""
    changes = [*_groups(old, new, descriptions), *_models(old, new, descriptions), *_enums(old, new, descriptions)]
    changes += _environments(old, new)
    changes += _credentials(old, new)
    ranked = sorted(enumerate(changes), key=lambda pair: (ORDER.index(pair[1].severity), pair[0]))
    found = tuple(change for _, change in ranked)
    return Report(found, suggest_bump(found, version), version)


def with_descriptions(report: Report, changed: int) -> Report:
    """``report`` and, as one docs change, ``changed`` subjects whose descriptions changed."""
    if not changed:
        return report
    noun = "description" if changed == 1 else "descriptions"
    found = (*report.changes, Change(Severity.DOCS, "description", f"{changed} {noun} changed"))
    return Report(found, suggest_bump(found, report.version), report.version)


def suggest_bump(changes: tuple[Change, ...], version: str | None = None) -> str:
    """``major``, ``minor``, ``patch`` or ``none``.

    From 1.0: breaking is major, added or deprecated minor, anything else patch. Below
    1.0 (semver's 0.y.z, as Cargo reads it): breaking is minor, anything else patch.
    """
    severities = {c.severity for c in changes}
    if not severities:
        return "none"
    pre_1 = version is not None and version.split(".")[0].strip() == "0"
    if Severity.BREAKING in severities:
        return "minor" if pre_1 else "major"
    if severities & {Severity.ADDED, Severity.DEPRECATED} and not pre_1:
        return "minor"
    return "patch"


def _groups(old: Surface, new: Surface, descriptions: bool) -> Iterator[Change]:
    """Groups, then their methods: those of a group removed or added are each listed too,
    so that a report names every method a user can no longer (or can now) call."""
    for name in sorted(old.groups.keys() | new.groups.keys()):
        before, after = old.groups.get(name), new.groups.get(name)
        if after is None:
            yield Change(Severity.BREAKING, "group-removed", f"{_c('client.' + name)} was removed", group=name)
        elif before is None:
            count = len(after.methods)
            yield Change(Severity.ADDED, "group-added", f"{_c('client.' + name)} is new ({count} methods)", group=name)
        elif descriptions and before.description != after.description:
            yield Change(Severity.DOCS, "description", f"{_c('client.' + name)}: description changed", group=name)
        old_methods = before.methods if before is not None else {}
        new_methods = after.methods if after is not None else {}
        for method in sorted(old_methods.keys() | new_methods.keys()):
            yield from _method(name, old_methods.get(method), new_methods.get(method), descriptions)


def _method(group: str, before: MethodShape | None, after: MethodShape | None, descriptions: bool) -> Iterator[Change]:
    where = {"group": group, "method": (after or before).name}  # type: ignore[union-attr]
    call = _c(f"client.{group}.{where['method']}()")
    if after is None:
        yield Change(Severity.BREAKING, "method-removed", f"{call} was removed", **where)
        return
    if before is None:
        yield Change(Severity.ADDED, "method-added", f"{call} is new ({_c(after.http)})", **where)
        return
    if after.deprecated and not before.deprecated:
        yield Change(Severity.DEPRECATED, "method-deprecated", f"{call} is deprecated", **where)
    elif before.deprecated and not after.deprecated:
        yield Change(Severity.CHANGED, "method-undeprecated", f"{call} is no longer deprecated", **where)
    if before.returns.text != after.returns.text:
        narrowed = after.returns.members <= before.returns.members
        message = f"{call} returns {_c(after.returns.text)} (was {_c(before.returns.text)})"
        yield Change(Severity.CHANGED if narrowed else Severity.BREAKING, "return-retyped", message, **where)
    if descriptions and before.description != after.description:
        yield Change(Severity.DOCS, "description", f"{call}: description changed", **where)
    old_params = {p.name: p for p in before.params}
    new_params = {p.name: p for p in after.params}
    for name in [p.name for p in before.params if p.name not in new_params]:
        message = f"{call}: parameter {_c(name)} was removed"
        yield Change(Severity.BREAKING, "parameter-removed", message, **where, parameter=name)
    for p in after.params:
        was = old_params.get(p.name)
        at = {**where, "parameter": p.name}
        if was is None:
            if p.required:
                message = f"{call}: new required parameter {_c(p.name + ': ' + p.type.text)}"
                yield Change(Severity.BREAKING, "parameter-added", message, **at)
            else:
                yield Change(Severity.ADDED, "parameter-added", f"{call}: new optional parameter {_c(p.name)}", **at)
            continue
        if was.type.text != p.type.text:
            widened = was.type.members <= p.type.members
            message = f"{call}: parameter {_c(p.name)} is {_c(p.type.text)} (was {_c(was.type.text)})"
            yield Change(Severity.CHANGED if widened else Severity.BREAKING, "parameter-retyped", message, **at)
        if p.required and not was.required:
            message = f"{call}: parameter {_c(p.name)} is now required"
            yield Change(Severity.BREAKING, "parameter-required", message, **at)
        elif was.required and not p.required:
            message = f"{call}: parameter {_c(p.name)} is now optional"
            yield Change(Severity.CHANGED, "parameter-optional", message, **at)
        if was.position is not None and was.position != p.position:
            now = f"position {p.position + 1}" if p.position is not None else "keyword-only"
            message = f"{call}: parameter {_c(p.name)} moved from position {was.position + 1} to {now}"
            yield Change(Severity.BREAKING, "parameter-moved", message, **at)
        if descriptions and was.description != p.description:
            yield Change(Severity.DOCS, "description", f"{call}: parameter {_c(p.name)}: description changed", **at)


def _models(old: Surface, new: Surface, descriptions: bool) -> Iterator[Change]:
    for name in sorted(old.models.keys() | new.models.keys()):
        before, after = old.models.get(name), new.models.get(name)
        if after is None:
            yield Change(Severity.BREAKING, "model-removed", f"model {_c(name)} was removed", model=name)
        elif before is None:
            yield Change(Severity.ADDED, "model-added", f"model {_c(name)} is new", model=name)
        else:
            yield from _model(before, after, descriptions)


def _model(before: ModelShape, after: ModelShape, descriptions: bool) -> Iterator[Change]:
    name = after.name
    # A model users build in either version is judged as built; read in either, as read.
    built = before.flow is not Flow.OUTPUT or after.flow is not Flow.OUTPUT
    read = before.flow is not Flow.INPUT or after.flow is not Flow.INPUT
    if after.deprecated and not before.deprecated:
        yield Change(Severity.DEPRECATED, "model-deprecated", f"model {_c(name)} is deprecated", model=name)
    elif before.deprecated and not after.deprecated:
        yield Change(Severity.CHANGED, "model-undeprecated", f"model {_c(name)} is no longer deprecated", model=name)
    if descriptions and before.description != after.description:
        yield Change(Severity.DOCS, "description", f"model {_c(name)}: description changed", model=name)
    for field_name in sorted(before.fields.keys() - after.fields.keys()):
        message = f"{_c(name + '.' + field_name)} was removed"
        yield Change(Severity.BREAKING, "field-removed", message, model=name, field=field_name)
    for field_name, f in after.fields.items():
        at = {"model": name, "field": field_name}
        was = before.fields.get(field_name)
        if was is None:
            severe = f.required and built
            kind = "required" if f.required else "optional"
            message = f"{_c(name + '.' + field_name)} is new ({kind}, {_c(f.type.text)})"
            yield Change(Severity.BREAKING if severe else Severity.ADDED, "field-added", message, **at)
            continue
        if was.type.text != f.type.text:
            widened = was.type.members <= f.type.members
            narrowed = f.type.members <= was.type.members
            harmless = (widened and not read) or (narrowed and not built)
            message = f"{_c(name + '.' + field_name)} is {_c(f.type.text)} (was {_c(was.type.text)})"
            yield Change(Severity.CHANGED if harmless else Severity.BREAKING, "field-retyped", message, **at)
        if f.required and not was.required:
            severity = Severity.BREAKING if built else Severity.CHANGED
            yield Change(severity, "field-required", f"{_c(name + '.' + field_name)} is now required", **at)
        elif was.required and not f.required:
            yield Change(Severity.BREAKING, "field-optional", f"{_c(name + '.' + field_name)} is now optional", **at)
        if f.nullable and not was.nullable:
            severity = Severity.BREAKING if read else Severity.CHANGED
            yield Change(severity, "field-nullable", f"{_c(name + '.' + field_name)} may now be null", **at)
        elif was.nullable and not f.nullable:
            severity = Severity.BREAKING if built else Severity.CHANGED
            yield Change(severity, "field-not-nullable", f"{_c(name + '.' + field_name)} may no longer be null", **at)
        if f.deprecated and not was.deprecated:
            yield Change(Severity.DEPRECATED, "field-deprecated", f"{_c(name + '.' + field_name)} is deprecated", **at)
        elif was.deprecated and not f.deprecated:
            message = f"{_c(name + '.' + field_name)} is no longer deprecated"
            yield Change(Severity.CHANGED, "field-undeprecated", message, **at)
        if descriptions and f.description != was.description:
            yield Change(Severity.DOCS, "description", f"{_c(name + '.' + field_name)}: description changed", **at)


def _enums(old: Surface, new: Surface, descriptions: bool) -> Iterator[Change]:
    for name in sorted(old.enums.keys() | new.enums.keys()):
        before, after = old.enums.get(name), new.enums.get(name)
        if after is None:
            yield Change(Severity.BREAKING, "enum-removed", f"enum {_c(name)} was removed", enum=name)
            continue
        if before is None:
            yield Change(Severity.ADDED, "enum-added", f"enum {_c(name)} is new", enum=name)
            continue
        for value in [v for v in before.values if v not in after.values]:
            message = f"{_c(name)}: value {_c(value)} was removed"
            yield Change(Severity.BREAKING, "enum-value-removed", message, enum=name, value=value)
        for value in [v for v in after.values if v not in before.values]:
            message = f"{_c(name)}: new value {_c(value)}"
            yield Change(Severity.ADDED, "enum-value-added", message, enum=name, value=value)
        if descriptions and before.description != after.description:
            yield Change(Severity.DOCS, "description", f"enum {_c(name)}: description changed", enum=name)


def _environments(old: Surface, new: Surface) -> Iterator[Change]:
    for name in sorted(old.environments.keys() | new.environments.keys()):
        before, after = old.environments.get(name), new.environments.get(name)
        at = {"environment": name}
        if after is None:
            yield Change(Severity.BREAKING, "environment-removed", f"environment {_c(name)} was removed", **at)
        elif before is None:
            yield Change(Severity.ADDED, "environment-added", f"environment {_c(name)} is new ({_c(after)})", **at)
        elif before != after:
            message = f"environment {_c(name)} is served from {_c(after)} (was {_c(before)})"
            yield Change(Severity.CHANGED, "environment-changed", message, **at)


def _credentials(old: Surface, new: Surface) -> Iterator[Change]:
    for name in sorted(old.credentials.keys() | new.credentials.keys()):
        before, after = old.credentials.get(name), new.credentials.get(name)
        at = {"credential": name}
        if after is None:
            yield Change(Severity.BREAKING, "credential-removed", f"the client no longer takes {_c(name)}", **at)
        elif before is None:
            yield Change(Severity.ADDED, "credential-added", f"the client takes {_c(name)} ({after.kind})", **at)
        elif before.kind != after.kind:
            message = f"the client's {_c(name)} is sent as {after.kind} (was {before.kind})"
            yield Change(Severity.BREAKING, "credential-changed", message, **at)


def as_text(report: Report) -> str:
    """For a terminal: the bump and counts, then one line per change."""
    rules = f", from {report.version}" if report.version else ""
    lines = [f"bump: {report.bump}{rules} ({report.counts()})"]
    lines += [f"{c.severity.value:<10} {c.message}" for c in report.changes]
    return "\n".join(lines) + "\n"


def as_markdown(report: Report, heading: str | None = None) -> str:
    """A changelog section: ``heading`` (a version), then a list per severity."""
    lines = [f"## {heading}", ""] if heading else []
    if not report.changes:
        lines += ["No changes for SDK users.", ""]
    for severity in ORDER:
        found = [c for c in report.changes if c.severity is severity]
        if found:
            lines += [f"### {HEADINGS[severity]}", ""]
            lines += [f"- {c.message}" for c in found]
            lines.append("")
    return "\n".join(lines)


def _c(text: str) -> str:
    """``text`` as a code span, readable in a terminal and inert in Markdown: spec values
    (enum values, URLs) may hold any character, so unprintable ones are escaped and the
    fence is longer than any run of backticks inside (CommonMark)."""
    return code_span(printable(text))


def as_json(report: Report) -> str:
    """For CI: ``{"bump": ..., "changes": [...]}`` (see README)."""
    payload = {"bump": report.bump, "changes": [c.as_json() for c in report.changes]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
