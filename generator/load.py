"""Read a spec from disk: parse it safely, follow its local file references, tell its version.

The result, :class:`LoadedSpec`, holds every document the spec is made of, keyed by
absolute path. YAML goes only through PyYAML's safe loader; JSON through the json
module. ``$ref`` may point inside the spec's own files (``#/...``) or to other files
below the root spec's folder (``common.yaml#/Error``); remote references are refused.
Line numbers are worked out only when a finding needs one, so the fast path pays nothing
for them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from .errors import Finding, Severity, SpecError, pointer_join, pointer_parts

try:  # libyaml is several times faster; both loaders are the safe one.
    _SafeLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _SafeLoader = yaml.SafeLoader

SUPPORTED_VERSIONS = ("2.0", "3.0", "3.1")


@dataclass(frozen=True)
class Ref:
    """Where a ``$ref`` points: a document and a JSON pointer inside it."""

    file: Path
    pointer: str


@dataclass
class LoadedSpec:
    """Every document of one spec, parsed, with what is needed to locate findings."""

    root: Path
    version: str
    documents: dict[Path, Any]
    _texts: dict[Path, str] = field(default_factory=dict, repr=False)
    _nodes: dict[Path, yaml.Node | None] = field(default_factory=dict, repr=False)

    @property
    def data(self) -> Any:
        """The root document."""
        return self.documents[self.root]

    def display_name(self, file: Path) -> str:
        """A file's name as findings show it: relative to the root spec's folder."""
        try:
            return str(file.relative_to(self.root.parent))
        except ValueError:
            return str(file)

    def parse_ref(self, ref: str, base: Path) -> Ref:
        """Turn a ``$ref`` string found in ``base`` into a :class:`Ref` (already checked on load)."""
        file_part, _, fragment = ref.partition("#")
        file = base if not file_part else (base.parent / unquote(file_part)).resolve()
        return Ref(file, unquote(fragment))

    def resolve(self, ref: Ref) -> Any:
        """The value a checked reference points to."""
        return _walk_pointer(self.documents[ref.file], ref.pointer)

    def locate(self, file: Path, pointer: str) -> tuple[int, int] | None:
        """The 1-based (line, column) of the value at ``pointer``, when it can be found."""
        if file not in self._nodes:
            text = self._texts.get(file)
            try:
                self._nodes[file] = yaml.compose(text, Loader=_SafeLoader) if text else None
            except yaml.YAMLError:
                self._nodes[file] = None
        node = self._nodes[file]
        for part in pointer_parts(pointer):
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
                node = node.value[int(part)]
            else:
                node = None
            if node is None:
                return None
        if node is None:
            return None
        return node.start_mark.line + 1, node.start_mark.column + 1

    def finding(self, file: Path, pointer: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
        """A finding at ``pointer`` in ``file``, with its line and column when known."""
        where = self.locate(file, pointer)
        line, column = where if where else (None, None)
        return Finding(Path(self.display_name(file)), pointer, message, severity, line, column)


def load_spec(path: Path) -> LoadedSpec:
    """Load the spec at ``path`` and every local file it references.

    Raises :class:`SpecError` for anything that keeps us from reading it: a missing or
    unreadable file, a parse error, a document that is not OpenAPI, an unsupported
    version, a remote or escaping ``$ref``, or a ``$ref`` whose target does not exist.
    """
    root = path.resolve()
    text, data = _read(root, Path(path.name))
    if not isinstance(data, dict):
        raise SpecError(
            [Finding(Path(path.name), "", "the file is not an OpenAPI document: its top level is not a mapping")]
        )
    version = _detect_version(data, Path(path.name))
    spec = LoadedSpec(root=root, version=version, documents={root: data}, _texts={root: text})
    _load_references(spec)
    return spec


def _read(file: Path, shown: Path) -> tuple[str, Any]:
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise SpecError([Finding(shown, "", "no such file")]) from None
    except IsADirectoryError:
        raise SpecError([Finding(shown, "", "is a folder, not a spec file")]) from None
    except OSError as exc:
        raise SpecError([Finding(shown, "", f"cannot be read: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError([Finding(shown, "", f"is not UTF-8 text (bad byte at offset {exc.start})")]) from None
    if not text.strip():
        raise SpecError([Finding(shown, "", "the file is empty")])
    if file.suffix.lower() == ".json":
        try:
            return text, json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(
                [Finding(shown, "", f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)]
            ) from None
    try:
        return text, yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - the safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or "cannot parse"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise SpecError([Finding(shown, "", f"invalid YAML: {problem}", line=line, column=column)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Finding(shown, "", f"invalid YAML: {exc}")]) from None


def _detect_version(data: dict[str, Any], shown: Path) -> str:
    if "openapi" in data:
        raw, key = data["openapi"], "openapi"
    elif "swagger" in data:
        raw, key = data["swagger"], "swagger"
    else:
        raise SpecError(
            [Finding(shown, "", "not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field")]
        )
    text = str(raw)
    major_minor = ".".join(text.split(".")[:2])
    if major_minor not in SUPPORTED_VERSIONS or (key == "swagger") != (major_minor == "2.0"):
        raise SpecError(
            [
                Finding(
                    shown,
                    f"/{key}",
                    f"unsupported version {text!r}: sdkforge reads Swagger 2.0 and OpenAPI 3.0 and 3.1",
                )
            ]
        )
    return major_minor


def _load_references(spec: LoadedSpec) -> None:
    """Follow every ``$ref`` in every document, loading local files and checking targets."""
    findings: list[Finding] = []
    pending = [spec.root]
    seen = {spec.root}
    refs: list[tuple[Path, str, str]] = []  # (file, pointer of the $ref, ref text)
    while pending:
        file = pending.pop()
        for pointer, ref in _find_refs(spec.documents[file]):
            refs.append((file, pointer, ref))
            target = _external_target(spec, file, pointer, ref, findings)
            if target is None or target in seen:
                continue
            seen.add(target)
            try:
                text, data = _read(target, Path(spec.display_name(target)))
            except SpecError as exc:
                findings.append(spec.finding(file, pointer, f"$ref {ref!r} points to a file that cannot be used"))
                findings.extend(exc.findings)
                continue
            spec.documents[target] = data
            spec._texts[target] = text
            pending.append(target)
    if findings:
        raise SpecError(findings)
    for file, pointer, ref in refs:
        target_ref = spec.parse_ref(ref, file)
        try:
            spec.resolve(target_ref)
        except LookupError:
            name = spec.display_name(target_ref.file)
            shown = f"{name}#{target_ref.pointer}" if target_ref.file != file else f"#{target_ref.pointer}"
            findings.append(spec.finding(file, pointer, f"$ref target {shown} does not exist"))
    if findings:
        raise SpecError(findings)


def _external_target(spec: LoadedSpec, file: Path, pointer: str, ref: str, findings: list[Finding]) -> Path | None:
    """The local file a ``$ref`` names, or None for a same-document ref (or a bad one, reported)."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        findings.append(
            spec.finding(file, pointer, f"remote $ref {ref!r} is not followed: sdkforge reads only local files")
        )
        return None
    file_part = ref.partition("#")[0]
    if not file_part:
        return None
    target = (file.parent / unquote(file_part)).resolve()
    if not target.is_relative_to(spec.root.parent):
        findings.append(spec.finding(file, pointer, f"$ref {ref!r} points outside the spec's folder"))
        return None
    return target


def _find_refs(data: Any) -> list[tuple[str, str]]:
    """Every ``$ref`` string in a document, with the pointer of the ``$ref`` key."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", data)]
    visited: set[int] = set()
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            if id(node) in visited:  # YAML aliases can share (or even nest) nodes
                continue
            visited.add(id(node))
            ref = node.get("$ref")
            if isinstance(ref, str):
                found.append((pointer_join(pointer, "$ref"), ref))
            stack.extend((pointer_join(pointer, k), v) for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            if id(node) in visited:
                continue
            visited.add(id(node))
            stack.extend((pointer_join(pointer, i), v) for i, v in enumerate(node))
    found.sort()
    return found


def _walk_pointer(data: Any, pointer: str) -> Any:
    node = data
    for part in pointer_parts(pointer):
        if isinstance(node, dict):
            node = node[part]
        elif isinstance(node, list) and part.isdigit():
            node = node[int(part)]
        else:
            raise KeyError(part)
    return node
