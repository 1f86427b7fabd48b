"""Check a loaded spec against the OpenAPI specification with openapi-spec-validator.

The validator's errors become located :class:`Finding` values (file, line, JSON
pointer, message). Real specs are often slightly off in ways that do not change the SDK
we generate (an unknown key where the specification allows none, a null where a list
was expected): those are warnings. Everything else is an error. ``--strict`` makes
every warning an error (see :mod:`generator.pipeline`).

Compiled checks (fastjsonschema) decide that a document is valid, and the validator's
walk is made over plain dicts (:mod:`generator.spec.validate_walk`); the validator itself
runs only to report, located, what they find wrong. For Swagger 2.0 and OpenAPI 3.0 the
specification's schemas are JSON Schema draft 4, which fastjsonschema compiles as they
are; OpenAPI 3.1's are draft 2020-12, compiled after their exact translation to draft 7
(:mod:`generator.spec.validate_draft7`; a schema it cannot translate is checked the slow
way). The validator's errors about one schema (a meta-schema check, a ``default``) have
paths relative to that schema: each is located by finding where that schema stands in
the spec.

Loading has already checked every ``$ref``; the few that point nowhere from inside a
model (reported then as warnings) are hidden from the validator, which would stop at
the first of them.

With a cache, the two compiled checks of Swagger 2.0 and OpenAPI 3.0 are kept (see
:mod:`generator.spec.kept_checks`), and the validator itself is imported and made only when
needed: a check fails, or the walk meets a ``default`` or an error (see :class:`_Validator`).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..cache.store import Cache
from ..cache.versions import installed_version
from ..errors import Finding, Severity, pointer_join, pointer_parts
from .kept_checks import Compiled, KeptChecks, checks_key, compiled, format_modules, keep_checks, recall_checks
from .load import LoadedSpec, Trail, trail_keys
from .validate_defaults import passes
from .validate_parts import Parts, containers
from .validate_walk import AT, PlainWalk, WalkUnsupported

_VERDICT_MODULES = "validate", "validate_walk", "validate_draft7", "validate_parts", "kept_checks", "validate_defaults"
"""The modules whose code decides a verdict, and so keys it (with the validator's version)."""
_FINGERPRINT = f"openapi-spec-validator {installed_version('openapi-spec-validator')}\0".encode() + b"".join(
    hashlib.sha256((Path(__file__).parent / f"{module}.py").read_bytes()).digest() for module in _VERDICT_MODULES
)


def _validator_class(version: str) -> Any:
    """openapi-spec-validator's validator of documents of ``version`` (imported here: see :class:`_Validator`)."""
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    return {"2.0": OpenAPIV2SpecValidator, "3.0": OpenAPIV30SpecValidator, "3.1": OpenAPIV31SpecValidator}[version]


# JSON Schema keywords whose failures mean "a key the specification does not define":
# harmless to an SDK, so warnings.
_UNKNOWN_KEY_KEYWORDS = frozenset({"additionalProperties", "unevaluatedProperties"})
# Findings build_ir makes itself, located, saying what it generates instead.
_UNDECLARED_PATH_PARAMETER = re.compile(r"Path parameter '.*' for '.*' operation in '.*' was not resolved")
_DUPLICATE_OPERATION_ID = re.compile(r"Operation ID '.*' for '.*' in '.*' is not unique")
_HANDLED_BY_THE_MODEL = (_UNDECLARED_PATH_PARAMETER, _DUPLICATE_OPERATION_ID)


def validate_spec(spec: LoadedSpec, cache: Cache | None = None) -> list[Finding]:
    """Every finding openapi-spec-validator has about ``spec``, in document order.

    The verdict depends only on the spec's text, the validator's version and this
    module, so it is cached under a hash of the three.
    """
    key = _cache_key(spec)
    cached = _cached(cache.get("validate", key)) if cache is not None else None
    if cached is not None:
        return cached
    findings = _validate(spec, cache)
    if cache is not None:
        cache.put("validate", key, json.dumps([_finding_to_json(f) for f in findings]))
    return findings


def _cached(text: str | None) -> list[Finding] | None:
    """A verdict read from the cache; None if there is none, or it is not one (the cache
    checks its entries' bytes: this is for an entry of another shape)."""
    if text is None:
        return None
    try:
        return [_finding_from_json(item) for item in json.loads(text)]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _cache_key(spec: LoadedSpec) -> str:
    """The key of the verdict on ``spec``: of each file, the digest of its bytes that
    loading made (they decide its text; hashing GitHub's text again took 0.02 s)."""
    digest = hashlib.sha256(_FINGERPRINT + format_modules())
    for file in sorted(spec.documents):
        made = spec.digests.get(file)
        about = b"bytes " + made.encode() if made is not None else b"text " + spec.text_of(file).encode()
        digest.update(b"\0" + str(file).encode() + b"\0" + about)
    return digest.hexdigest()


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    return {**dataclasses.asdict(finding), "file": str(finding.file), "severity": finding.severity.value}


def _finding_from_json(data: dict[str, Any]) -> Finding:
    return Finding(**{**data, "file": Path(data["file"]), "severity": Severity(data["severity"])})


def _validate(spec: LoadedSpec, cache: Cache | None = None) -> list[Finding]:
    """Every finding about ``spec``; with a cache, the checks of its parts that an earlier
    run made on the same values are not made again (see :mod:`generator.spec.validate_parts`)."""
    document = _without_dangling_refs(spec)
    key = checks_key(spec.version, _FINGERPRINT) if cache is not None and spec.version in KEPT_CHECKS_VERSIONS else None
    kept = recall_checks(cache, key) if cache is not None and key is not None else None
    validator = _Validator(spec, document, kept)
    parts = None
    if cache is not None:
        cut = kept.cut if kept is not None else containers(spec.version, validator.specification_schema())
        parts = Parts(cache, document, cut, spec.version, _FINGERPRINT + format_modules())
    findings: list[Finding] = []
    errors: list[Any] = []
    try:
        for error in _errors(validator, document, spec, parts):
            errors.append(error)
    except BaseException as exc:  # a validator crash is reported, not raised
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise  # Ctrl-C, exit; but a panic in the validator's Rust parts (pyo3's) is a crash too
        # about no value in particular: the file as a whole (the errors before it stand)
        findings.append(Finding(Path(spec.display_name(spec.root)), None, _stopped(exc)))
    places = _Places(spec, document, [getattr(e, _CHECKED)[0] for e in errors if hasattr(e, _CHECKED)])
    for error in errors:
        message = _message(error)
        if any(pattern.match(message) for pattern in _HANDLED_BY_THE_MODEL):
            continue  # build_ir reports these, located, with what it generates instead
        where = _where(error, places)
        if where is not None:  # about a value whose place we know; its path goes on from there
            file, base = where
            severity = Severity.WARNING if _about_a_schema_value(error, spec) else _severity(error)
            findings.append(spec.finding(file, pointer_join(base, *error.absolute_path), message, severity))
            continue
        pointer = pointer_join("", *error.absolute_path)
        if _about_a_schema_value(error, spec):
            # The validator checked a value inside some schema (a default, a pattern)
            # and lost where the schema is (a copy, not the spec's own value, was
            # checked); the value never reaches generated code.
            what = f"a schema's {pointer.lstrip('/') or 'value'}"
            findings.append(Finding(Path(spec.display_name(spec.root)), None, f"{what}: {message}", Severity.WARNING))
            continue
        findings.append(spec.finding(spec.root, pointer, message, _severity(error)))
    findings.sort(key=lambda f: (f.line or 0, f.pointer or "", f.message))
    if cache is not None and key is not None and kept is None:
        validator.keep(cache, key)
    return findings


class _Validator:
    """openapi-spec-validator's validator of one document (see :func:`_made`), imported and
    made when first used (any attribute read is the made validator's). With the
    compiled checks an earlier run kept (``kept``), a valid spec without defaults is
    validated without it: its compiled checks decide (see :meth:`matches` and
    :meth:`meta_passes`); without them, it is made at once."""

    def __init__(self, spec: LoadedSpec, document: Any, kept: KeptChecks | None) -> None:
        self._spec = spec
        self._document = document
        self.kept = kept
        self._made: Any = None
        if kept is None:
            self.made()

    def made(self) -> Any:
        """The validator, made now if it was not yet."""
        if self._made is None:
            self._made = _made(self._spec, self._document, self.kept)
        return self._made

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy and pickle look for these before __init__ ran
            raise AttributeError(name)
        return getattr(self.made(), name)

    def specification_schema(self) -> Any:
        """The specification's JSON Schema the document is checked against."""
        return _interpreted(self._spec.version).schema

    def matches(self, document: Any) -> bool:
        """Whether ``document`` matches the specification's schema, by the kept check."""
        assert self.kept is not None
        return _passes(self.kept.specification, document)

    def meta_passes(self, schema: Any) -> bool:
        """Whether a Schema Object passes its meta-schema check, by the kept check (with the
        validator's check of a ``pattern``, for which the validator is made)."""
        assert self.kept is not None
        return _passes(self.kept.meta, schema, custom_formats={"regex": self._regex})

    def default_passes(self, schema: Any, default: Any) -> bool:
        """Whether ``default`` passes the validator's check against ``schema``, as far as
        :func:`generator.spec.validate_defaults.passes` knows (False: the validator checks)."""
        assert self.kept is not None
        return self.kept.default_formats is not None and passes(schema, default, self.kept.default_formats)

    def _regex(self, value: Any) -> bool:
        assert self.kept is not None
        if self.kept.plain_regex and _without_ecma_regex():
            try:  # as openapi-schema-validator checks it then (see _plain_regex)
                re.compile(value)
            except re.error:
                return False
            return True
        formats = self.made().keyword_validators_registry["schema"].schema_validator_cls.FORMAT_CHECKER
        return bool(formats.conforms(value, "regex"))

    def keep(self, cache: Cache, key: str) -> None:
        """Keep the checks compiled for this validator (see :mod:`generator.spec.kept_checks`),
        if both were compiled, and the meta-schema check is made compiled first."""
        made = self.made()
        try:
            meta_schema = made.keyword_validators_registry["schema"].schema_validator_cls.META_SCHEMA
        except (AttributeError, KeyError):  # pragma: no cover - another validator version
            return
        specification_schema = self.specification_schema()
        specification, meta = _CODES.get(id(specification_schema)), _CODES.get(id(meta_schema))
        if specification is not None and meta is not None and _META_COMPILED_FIRST.get(id(meta_schema)):
            cut = containers(self._spec.version, specification_schema)
            keep_checks(cache, key, specification, meta, cut, _plain_regex(made), _default_formats(made))


@functools.cache
def _without_ecma_regex() -> bool:
    """Whether the package openapi-schema-validator checks regular expressions with, when
    it is installed (ECMA's syntax), is not: it checks them with ``re.compile`` then."""
    import importlib.util

    return importlib.util.find_spec("regress") is None


def _plain_regex(validator: Any) -> bool:
    """Whether ``validator`` checks the ``regex`` format of a Schema Object's meta-schema
    with openapi-schema-validator's own check, which is ``re.compile`` without the
    optional ECMA regex package (checked again where it is used: :func:`_without_ecma_regex`)."""
    try:
        from openapi_schema_validator import _format, _regex

        formats = validator.keyword_validators_registry["schema"].schema_validator_cls.FORMAT_CHECKER
        return bool(formats.checkers["regex"][0] is _format.is_regex and not _regex.has_ecma_regex())
    except (ImportError, AttributeError, KeyError):  # pragma: no cover - another validator version
        return False


def _default_formats(validator: Any) -> frozenset[str] | None:
    """The formats ``validator`` checks a ``default`` for, when it checks it with
    openapi-schema-validator's OAS 3.0 check (which :mod:`generator.spec.validate_defaults`
    mirrors); None otherwise."""
    try:
        from openapi_schema_validator import _keywords

        # the class the validator has for it: the one it made is wrapped (see _note_checked_schemas)
        checker = validator.keyword_validators_registry.keyword_validators["default"]
        if checker.value_validator_cls.VALIDATORS["type"] is not _keywords.type:
            return None
        return frozenset(checker.value_validator_format_checker.checkers)
    except (ImportError, AttributeError, KeyError):  # pragma: no cover - another validator version
        return None


def _made(spec: LoadedSpec, document: Any, kept: KeptChecks | None) -> Any:
    """openapi-spec-validator's validator of ``document``, with this module's checks in
    front of its own; ``kept``: the compiled checks an earlier run kept, used, not compiled again."""
    validator = _validator_class(spec.version)(document, base_uri=spec.root.as_uri())
    validator.schema_validator = _interpreted(spec.version)
    if kept is not None:
        _COMPILED.setdefault(id(validator.schema_validator.schema), kept.specification)
    _remember_schemas_in_sets(validator)
    _bounded_default_checks(validator)
    _note_checked_schemas(validator)
    if spec.version in KEPT_CHECKS_VERSIONS | _TRANSLATED_VERSIONS:
        validator.schema_validator = _CompiledFirst(validator.schema_validator)
    if spec.version in KEPT_CHECKS_VERSIONS:
        _check_schemas_compiled_first(validator, kept)
    elif spec.version in _TRANSLATED_VERSIONS:
        _check_dialect_schemas_compiled_first(validator)
    return validator


@functools.cache
def _interpreted(version: str) -> Any:
    """jsonschema's check of a document against the specification's JSON Schema, as the
    validator makes it with its ``jsonschema`` backend. Left to itself, the validator
    picks jsonschema-rs when that happens to be installed, whose messages differ: ours
    would then depend on what else is in the user's environment."""
    from jsonschema.validators import validator_for
    from openapi_spec_validator.schemas import schema_v2, schema_v30, schema_v31

    schema = {"2.0": schema_v2, "3.0": schema_v30, "3.1": schema_v31}[version]
    return validator_for(schema)(schema)


def _errors(validator: Any, document: Any, spec: LoadedSpec, parts: Parts | None = None) -> Iterable[Any]:
    """The validator's errors. For a document that matches the specification's schema
    (the compiled check says so; jsonschema where there is none), the walk that follows
    is made over plain dicts (see :mod:`generator.spec.validate_walk`); otherwise, and
    whenever that walk meets what it does not mirror, the validator makes its own (which
    recurses once per schema of a chain of them, and is slower). With ``parts``, what
    they know is not checked again, and what the walk finds of them is kept when it ends.
    A :class:`_Validator` with kept checks checks with those."""
    kept = validator.kept if isinstance(validator, _Validator) else None
    check = validator.matches if kept is not None else functools.partial(_matches_specification_schema, validator)
    if parts.matches(document, check) if parts is not None else check(document):
        meta = validator.meta_passes if kept is not None else None
        defaults = validator.default_passes if kept is not None else None
        try:
            walked = PlainWalk(validator, document, spec, parts, meta, defaults).errors()
        except WalkUnsupported:
            pass
        else:
            if parts is not None:
                parts.remember()
            return walked
    errors: Iterable[Any] = validator.iter_errors()
    return errors


def _matches_specification_schema(validator: Any, document: Any) -> bool:
    interpreted = getattr(validator.schema_validator, "interpreted", validator.schema_validator)
    check = _specification_check(interpreted)
    if check is None:  # checked by jsonschema: its first error is enough
        return next(iter(interpreted.iter_errors(document)), None) is None
    return _passes(check, document)


def _passes(check: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Whether the compiled (fastjsonschema) ``check`` finds nothing wrong."""
    import fastjsonschema

    try:
        check(*args, **kwargs)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


class _IdSet(set[int]):
    """A set that takes ``append``: stands in for the validator's lists of schema ids."""

    def append(self, item: int) -> None:
        self.add(item)


def _remember_schemas_in_sets(validator: Any) -> None:
    """The validator visits each schema once, remembering the ids of those it has seen in
    lists: every visit searched the list, quadratic in the number of schemas (8 of the
    15 seconds validation took on GitHub's spec). Sets give the same answers at once."""
    try:
        schemas = validator.keyword_validators_registry["schema"]
    except (AttributeError, KeyError):  # pragma: no cover - another validator version
        return
    for attribute in ("visited_schema_ids", "meta_checked_schema_ids"):
        if isinstance(getattr(schemas, attribute, None), list):
            setattr(schemas, attribute, _IdSet(getattr(schemas, attribute)))


def _bounded_default_checks(validator: Any) -> None:
    """The validator's check of each ``default`` against its schema, in time linear in
    the default's size, whatever the spec.

    - The spec's own regular expressions are not applied (``pattern``, and
      ``patternProperties`` on the default's keys): a pattern such as ``^(a+)+$`` takes
      time exponential in the length of a text it does not match, so one default could
      hang validation. A time bound would make the findings depend on the machine's speed
      (and they are cached), so the patterns are not run at all; the patterns themselves
      are still checked (that they compile: the meta-schema's ``regex`` format), and no
      pattern reaches the generated SDK. For the same reason a default's properties are
      not checked against ``unevaluatedProperties`` (OpenAPI 3.1), which reads
      ``patternProperties``.
    - ``uniqueItems`` is checked with a hash of each element (jsonschema compares every
      element with every other when they cannot be sorted: half a minute for a default
      of 4,000 objects, a 50 KB spec).
    """
    registry = validator.keyword_validators_registry
    try:
        checker = type(registry["default"])
        value_validator = checker.value_validator_cls
    except (AttributeError, KeyError):  # pragma: no cover - another validator version
        return
    from jsonschema.validators import extend

    bounded = extend(
        value_validator,
        {
            "pattern": _not_applied,
            "patternProperties": _not_applied,
            "additionalProperties": _additional_properties_without_patterns(value_validator),
            "unevaluatedProperties": _not_applied,
            "uniqueItems": _unique_items,
        },
    )
    registry["default"] = type("BoundedDefaultCheck", (checker,), {"value_validator_cls": bounded})(registry)


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterable[Any]:
    """``uniqueItems`` as jsonschema checks it (the same verdict and message), in linear time."""
    from jsonschema.exceptions import ValidationError

    if unique and validator.is_type(instance, "array"):
        keys = [_json_key(item) for item in instance]
        if len(set(keys)) < len(keys):
            return [ValidationError(f"{instance!r} has non-unique elements")]
    return ()


def _json_key(value: Any) -> Any:
    """A hashable key, equal for two JSON values exactly when JSON Schema calls them
    equal: ``true`` differs from ``1``, ``1`` equals ``1.0``, key order does not count."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, dict):
        return ("object", frozenset((key, _json_key(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_json_key(item) for item in value))
    return ("other", repr(value))


def _not_applied(validator: Any, value: Any, instance: Any, schema: Any) -> Iterable[Any]:
    """A keyword that is not checked: no errors."""
    return ()


def _additional_properties_without_patterns(value_validator: Any) -> Any:
    """``additionalProperties`` as the validator checks it, except beside a
    ``patternProperties`` (which keys are additional depends on its regexes): not checked."""
    original = value_validator.VALIDATORS["additionalProperties"]

    def check(validator: Any, value: Any, instance: Any, schema: Any) -> Iterable[Any]:
        if isinstance(schema, dict) and "patternProperties" in schema:
            return ()
        errors: Iterable[Any] = original(validator, value, instance, schema) or ()
        return errors

    return check


KEPT_CHECKS_VERSIONS = frozenset({"2.0", "3.0"})
"""Versions whose compiled checks are kept (in the cache and beside the package, see
:mod:`generator.spec.kept_checks`): their specification schema is JSON Schema draft 4,
which fastjsonschema implements completely (3.1's is draft 2020-12, which it does not: it is translated
first, see :func:`_compiled_2020`)."""
_TRANSLATED_VERSIONS = frozenset({"3.1"})
"""Versions whose specification schema and Schema Object meta-schema are JSON Schema
draft 2020-12: compiled after their translation to draft 7."""


class _CompiledFirst:
    """The validator's check of the whole document against the OpenAPI specification's
    JSON Schema, with a compiled check in front.

    jsonschema interprets the schema as it walks the document: 4 of the 8 seconds
    validation took on GitHub's spec. fastjsonschema compiles the same schema to Python
    code, 4 times faster, but stops at the first error and says little about it. So it
    decides only that a document is valid; when it finds an error, jsonschema walks the
    document again and reports every error, located. Formats are checked by neither:
    the validator gives jsonschema no format checker.
    """

    def __init__(self, interpreted: Any) -> None:
        self.interpreted = interpreted

    def iter_errors(self, instance: Any) -> Any:
        check = _specification_check(self.interpreted)
        if check is not None and _passes(check, instance):
            return iter(())
        return self.interpreted.iter_errors(instance)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.interpreted, name)


_COMPILED: dict[int, Any] = {}
"""Compiled checks by the id of the specification schema they check (the validator
module keeps those schemas alive, so an id names one schema for good); None where
compiling failed."""
_CODES: dict[int, Compiled] = {}
"""The code of each check of :data:`_COMPILED` compiled by this process, to keep (see :meth:`_Validator.keep`)."""
_META_COMPILED_FIRST: dict[int, bool] = {}
"""By the id of a meta-schema: whether its compiled check is made first (see :func:`_check_schemas_compiled_first`)."""


def _compiled(schema: Any, formats: dict[str, Any] | None) -> Any:
    """The compiled check of ``schema``, or None (the interpreted check is used then).
    ``formats``: the format checks to make, by name; None: none."""
    if id(schema) not in _COMPILED:
        local = {scheme: _local_meta_schema for scheme in ("http", "https")}
        try:
            made = compiled(schema, local, formats)
        except Exception:  # noqa: BLE001 - a schema it cannot compile is checked the slow way
            _COMPILED[id(schema)] = None
        else:
            _COMPILED[id(schema)], _CODES[id(schema)] = made.function, made
    return _COMPILED[id(schema)]


def _specification_check(interpreted: Any) -> Any:
    """The compiled form of ``interpreted``, a check of documents against the
    specification's schema; None when there is none."""
    return _compiled(interpreted.schema, None) if _draft(interpreted) == 4 else _compiled_2020(interpreted)


def _draft(interpreted: Any) -> int:
    """4 for a check of JSON Schema draft 4 (Swagger 2.0's and OpenAPI 3.0's schemas), 2020
    for draft 2020-12 (OpenAPI 3.1's)."""
    from jsonschema import Draft202012Validator

    return 2020 if isinstance(interpreted, Draft202012Validator) else 4


def _compiled_2020(interpreted: Any) -> Any:
    """The compiled check of OpenAPI 3.1's schema of documents, as ``interpreted`` (a
    jsonschema ``Draft202012Validator``, with no format checker) checks it; None when
    there is none (the interpreted check is used then)."""
    if _draft(interpreted) != 2020 or interpreted.format_checker is not None:
        return None
    schema = interpreted.schema
    if id(schema) not in _COMPILED:
        _COMPILED[id(schema)] = None
        if isinstance(schema, dict) and isinstance(schema.get("$id"), str):
            from referencing import Registry
            from referencing.jsonschema import DRAFT202012

            registry = Registry().with_resource(schema["$id"], DRAFT202012.create_resource(schema)).crawl()
            _COMPILED[id(schema)] = _translated_and_compiled(registry, schema["$id"], None)
    return _COMPILED[id(schema)]


def _translated_and_compiled(registry: Any, uri: str, format_checker: Any) -> Any:
    """The compiled check of the draft 2020-12 schema at ``uri`` (see
    :mod:`generator.validate_draft7`), formats checked by ``format_checker`` (None: not
    checked); None when it cannot be translated or compiled."""
    from .validate_draft7 import translate

    try:
        if format_checker is None:
            schema, formats = translate(registry, uri, None, frozenset())
        else:
            schema, formats = translate(registry, uri, format_checker.conforms, frozenset(format_checker.checkers))
        return compiled(schema, {}, formats).function
    except Exception:  # noqa: BLE001 - a schema it cannot translate or compile is checked the slow way
        return None


def _check_dialect_schemas_compiled_first(validator: Any) -> None:
    """For OpenAPI 3.1, the check of each Schema Object of the spec's default dialect
    (OpenAPI's base dialect, draft 2020-12) against its meta-schema: compiled first, with
    the same format checks; the interpreted check, for the located error, only when the
    compiled one finds one. A schema of another dialect (its own ``$schema``, the
    document's ``jsonSchemaDialect``) is checked as before."""
    try:
        schemas = validator.keyword_validators_registry["schema"]
        dialect_of = schemas._get_schema_dialect_id
    except (AttributeError, KeyError):  # pragma: no cover - another validator version
        return
    _put_compiled_first(
        schemas, lambda schema, value, interpreted: _compiled_dialect(dialect_of(schema, value), interpreted)
    )


def _put_compiled_first(schemas: Any, compiled_for: Callable[[Any, Any, Any], Any]) -> None:
    """Make ``schemas`` (the validator's checker of Schema Objects) check each one with
    ``compiled_for(schema, schema_value, interpreted)`` first (None: there is none), and
    with ``interpreted``, its own check, only when the compiled one finds an error."""
    import fastjsonschema

    interpreted_checker = schemas._get_schema_checker

    def checker(schema: Any, schema_value: Any) -> Any:
        interpreted = interpreted_checker(schema, schema_value)
        check = compiled_for(schema, schema_value, interpreted)
        if check is None:
            return interpreted

        def compiled_first(instance: Any) -> None:
            try:
                check(instance)
            except fastjsonschema.JsonSchemaException:
                interpreted(instance)

        return compiled_first

    schemas._get_schema_checker = checker


_COMPILED_DIALECTS: dict[tuple[str, int], Any] = {}
"""Compiled meta-schema checks by dialect and format checker (by id: the validator
module keeps its checkers alive); None where there is none."""


def _compiled_dialect(dialect: str, interpreted: Any) -> Any:
    """The compiled form of ``interpreted``: openapi-schema-validator's check of a schema
    against ``dialect``'s meta-schema, with a format checker, as a jsonschema
    ``Draft202012Validator`` with its registry of OpenAPI's and JSON Schema's
    meta-schemas makes it. None when ``interpreted`` is another kind of check."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for
    from openapi_schema_validator._specifications import REGISTRY
    from openapi_schema_validator.validators import check_openapi_schema

    validator_class = getattr(getattr(interpreted, "func", None), "__self__", None)
    format_checker = getattr(interpreted, "keywords", {}).get("format_checker")
    method = getattr(getattr(interpreted, "func", None), "__func__", None)
    if validator_class is None or format_checker is None or method is not check_openapi_schema:
        return None
    meta_schema = getattr(validator_class, "META_SCHEMA", None)
    if (
        not isinstance(meta_schema, dict)
        or meta_schema.get("$id") != dialect
        or validator_for(meta_schema, default=validator_class) is not Draft202012Validator
    ):
        return None
    key = (dialect, id(format_checker))
    if key not in _COMPILED_DIALECTS:
        _COMPILED_DIALECTS[key] = _translated_and_compiled(REGISTRY, dialect, format_checker)
    return _COMPILED_DIALECTS[key]


def _local_meta_schema(uri: str) -> Any:
    """The target of a ``$ref`` to JSON Schema draft 4's meta-schema (Swagger 2.0's
    schema has some), from jsonschema's copy: nothing is fetched over the network."""
    from jsonschema import Draft4Validator

    if uri.split("#")[0] != str(Draft4Validator.META_SCHEMA["id"]).split("#")[0]:
        raise LookupError(f"not fetched: {uri}")  # compiling fails: the slow check is used
    return Draft4Validator.META_SCHEMA


def _check_schemas_compiled_first(validator: Any, kept: KeptChecks | None = None) -> None:
    """The same for the check of each Schema Object against JSON Schema draft 4's
    meta-schema (1.7 of the 3.5 s the validator's walk took on GitHub's spec): a
    compiled check first, with the same ``regex`` format check; the interpreted
    one, for the located error, only when the compiled one finds one. ``kept``: the
    compiled check an earlier run kept, used rather than compiled again."""
    try:
        schemas = validator.keyword_validators_registry["schema"]
        interpreted_class = schemas.schema_validator_cls
        meta_schema, formats = interpreted_class.META_SCHEMA, interpreted_class.FORMAT_CHECKER
    except (AttributeError, KeyError):  # pragma: no cover - another validator version
        return
    if _used_formats(meta_schema) - {"regex"}:
        return  # pragma: no cover - a meta-schema with formats we do not pass on
    regex = {"regex": lambda value: formats.conforms(value, "regex")}
    if kept is not None:
        _COMPILED.setdefault(id(meta_schema), functools.partial(kept.meta, custom_formats=regex))
    check = _compiled(meta_schema, regex)
    if check is None:
        return
    _META_COMPILED_FIRST[id(meta_schema)] = True
    _put_compiled_first(schemas, lambda schema, value, interpreted: check)


def _used_formats(schema: Any) -> set[str]:
    """Every ``format`` a schema asks for."""
    if isinstance(schema, dict):
        own = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return own.union(*(_used_formats(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_used_formats(value) for value in schema))
    return set()


_SCHEMA_VALUE_KEYWORDS = frozenset({"format", "type", "enum", "const", "pattern"})
_TOP_LEVEL_KEYS = frozenset(
    {
        "openapi",
        "swagger",
        "info",
        "servers",
        "paths",
        "webhooks",
        "components",
        "security",
        "tags",
        "externalDocs",
        "jsonSchemaDialect",
        "host",
        "basePath",
        "schemes",
        "consumes",
        "produces",
        "definitions",
        "parameters",
        "responses",
        "securityDefinitions",
    }
)


def _about_a_schema_value(error: Any, spec: LoadedSpec) -> bool:
    """Whether the validator reports on a value inside a schema (a ``default`` that does
    not match its type, a ``pattern`` Python cannot compile) with a path relative to that
    schema rather than to the document."""
    if getattr(error, "validator", None) not in _SCHEMA_VALUE_KEYWORDS:
        return False
    path = list(error.absolute_path)
    return not path or (str(path[0]) not in _TOP_LEVEL_KEYS and not str(path[0]).startswith("x-"))


_CHECKED = "sdkforge_checked"
"""The attribute set on each error of the checks made on one schema: (the schema's
value, the keys below it the error's path starts from)."""


def _note_checked_schemas(validator: Any) -> None:
    """The checks the validator makes on one schema at a time (its meta-schema check, the
    check of its ``default``) make errors whose path starts at that schema, not at the
    document's root: note on each error the schema it is about, to find its place by."""
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    try:
        registry = validator.keyword_validators_registry
        schemas, defaults = registry["schema"], registry["default"]
    except (AttributeError, KeyError):  # pragma: no cover - another validator version
        return
    check_meta = schemas._validate_schema_meta

    def validate_schema_meta(schema: Any, schema_value: Any) -> Any:
        error = check_meta(schema, schema_value)
        if error is not None:
            setattr(error, _CHECKED, (schema_value, ()))
        return error

    def check_default(schema: Any, value: Any) -> Iterator[Any]:
        for error in defaults(schema, value):
            # as the validator would wrap it, before yielding it on: the note is kept
            wrapped = OpenAPIValidationError.create_from(error)
            setattr(wrapped, _CHECKED, (schema.read_value(), ("default",)))
            yield wrapped

    schemas._validate_schema_meta = validate_schema_meta
    registry["default"] = check_default
    for keyword, argument in _ABOUT_AN_ARGUMENT.items():
        try:
            _note_argument(registry[keyword], argument)
        except KeyError:  # pragma: no cover - another validator version
            continue


_ABOUT_AN_ARGUMENT = {"schema": 0, "parameters": 0, "tags": 0, "operation": 2}
"""Keyword validators whose own errors (a duplicate parameter, tag or operationId, a
``required`` name no part defines) are about the value they are called with, and which
of their arguments that is. :class:`generator.spec.validate_walk.PlainWalk` notes the same
values for the same errors."""


def _note_argument(checker: Any, argument: int) -> None:
    """Make ``checker`` note, on each error of its own that says nothing of where it is,
    the value it was called about (its argument ``argument``, a jsonschema-path view).
    Its class is swapped for a subclass, as its calls to itself (a schema's inner
    schemas) must go through the same note."""
    base = type(checker)

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        about = args[argument]
        for error in base.__call__(self, *args, **kwargs):
            if not error.absolute_path and not hasattr(error, _CHECKED) and not hasattr(error, AT):
                setattr(error, _CHECKED, (about.read_value(), ()))
            yield error

    checker.__class__ = type(base.__name__, (base,), {"__call__": __call__})


class _Places:
    """Where some objects and arrays of a spec's documents stand, found by the identity
    of the value (the validator hands over the very values it checks): the documents are
    walked, without recursion, only until each value asked for is found."""

    def __init__(self, spec: LoadedSpec, document: Any, values: list[Any]) -> None:
        wanted = {id(value) for value in values}
        self._places: dict[int, tuple[Path, str]] = {}
        documents = [(spec.root, document)] + [(f, d) for f, d in spec.documents.items() if f != spec.root]
        for file, data in documents:
            stack: list[tuple[Any, Trail]] = [(data, None)]
            seen: set[int] = set()
            while stack and len(self._places) < len(wanted):
                node, trail = stack.pop()
                if id(node) in seen:  # YAML aliases share values
                    continue
                seen.add(id(node))
                if id(node) in wanted and id(node) not in self._places:
                    self._places[id(node)] = (file, pointer_join("", *trail_keys(trail)))
                items = node.items() if isinstance(node, dict) else enumerate(node)
                stack.extend((child, (key, trail)) for key, child in items if isinstance(child, (dict, list)))

    def of(self, value: Any) -> tuple[Path, str] | None:
        """(file, pointer) of ``value``; None if it was not asked for, or is no object or
        array of the spec (a copy)."""
        return self._places.get(id(value))


def _where(error: Any, places: _Places) -> tuple[Path, str] | None:
    """Where the value an error is about stands, when the error's own path does not
    start at the document's root: (file, pointer its path goes on from)."""
    noted: tuple[Path, str] | None = getattr(error, AT, None)
    if noted is not None:
        return noted
    checked = getattr(error, _CHECKED, None)
    if checked is not None:
        value, keys = checked
        place = places.of(value)
        if place is not None:
            return place[0], pointer_join(place[1], *keys)
    return None


def _severity(error: Any) -> Severity:
    keyword = getattr(error, "validator", None)
    if keyword in _UNKNOWN_KEY_KEYWORDS or (keyword == "type" and getattr(error, "instance", 0) is None):
        return Severity.WARNING
    return Severity.ERROR


def _without_dangling_refs(spec: LoadedSpec) -> Any:
    """The root document with each dangling in-model ``$ref`` replaced by an empty schema;
    only the containers on the way to them are copied."""
    document = spec.data
    for site in spec.dangling_sites:
        if site.file == spec.root:
            document = _replaced(document, pointer_parts(site.pointer)[:-1], {})
    return document


def _replaced(node: Any, parts: list[str], value: Any) -> Any:
    """A shallow copy of ``node`` with the value at ``parts`` replaced; ``node`` is untouched."""
    if not parts:
        return value
    copied = copy.copy(node)
    key: Any = int(parts[0]) if isinstance(node, list) else parts[0]
    copied[key] = _replaced(node[key], parts[1:], value)
    return copied


def _stopped(exc: BaseException) -> str:
    """What a finding says of the validator's crash. Endless recursion (schemas that lead
    back to themselves, which some of its checks follow) is said the same way wherever
    Python's limit stopped it: in Python, or in a Rust part that calls Python, which
    panics."""
    if isinstance(exc, RecursionError) or "RecursionError" in str(exc):
        return (
            "the OpenAPI validator stopped: it recursed without end (RecursionError),"
            " as it may on schemas that lead back to themselves"
        )
    return f"the OpenAPI validator stopped: {type(exc).__name__}: {_first_line(str(exc))}"


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "invalid"
    return first if len(first) <= 300 else first[:297] + "..."


def _message(error: Any) -> str:
    """The first line of a validator error: what is wrong, without the schema dump."""
    return _first_line(str(getattr(error, "message", error)))
