"""Check a loaded spec against the OpenAPI specification with openapi-spec-validator.

The validator's errors become located :class:`Finding` values (file, line, JSON
pointer, message). Loading has already checked every ``$ref``, so the validator never
meets a dangling or remote reference.
"""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import (
    OpenAPIV2SpecValidator,
    OpenAPIV30SpecValidator,
    OpenAPIV31SpecValidator,
)

from .errors import Finding, pointer_join
from .load import LoadedSpec

_VALIDATORS: dict[str, Any] = {
    "2.0": OpenAPIV2SpecValidator,
    "3.0": OpenAPIV30SpecValidator,
    "3.1": OpenAPIV31SpecValidator,
}


def validate_spec(spec: LoadedSpec) -> list[Finding]:
    """Every finding openapi-spec-validator has about ``spec``, in document order."""
    validator = _VALIDATORS[spec.version](spec.data, base_uri=spec.root.as_uri())
    findings: list[Finding] = []
    try:
        for error in validator.iter_errors():
            pointer = pointer_join("", *error.absolute_path)
            findings.append(spec.finding(spec.root, pointer, _message(error)))
    except Exception as exc:  # noqa: BLE001 - a validator crash is reported, not raised
        findings.append(spec.finding(spec.root, "", f"the OpenAPI validator failed: {type(exc).__name__}: {exc}"))
    findings.sort(key=lambda f: (f.line or 0, f.pointer, f.message))
    return findings


def _message(error: Any) -> str:
    """The first line of a validator error: what is wrong, without the schema dump."""
    text = str(getattr(error, "message", error))
    first = text.strip().splitlines()[0] if text.strip() else "invalid"
    return first if len(first) <= 300 else first[:297] + "..."
