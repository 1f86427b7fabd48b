"""The compiled checks of one version of the OpenAPI specification, kept in the cache.

Validation decides that a spec is valid with two checks fastjsonschema compiles (see
:mod:`generator.spec.validate`): the document against the specification's JSON Schema,
and each Schema Object against its meta-schema. Both schemas come with
openapi-spec-validator, whose import takes 0.15 s (pydantic, jsonschema-path, referencing),
and compiling them 0.03 s: most of what validating Square's spec after a structural edit
cost. So the first run that compiles them keeps their bytecode, with the maps of the
document that are checked entry by entry (see :func:`generator.spec.validate_parts.containers`);
a later run loads them in a millisecond and needs the validator only when one of them
fails, or the walk meets what only the validator checks (see
:mod:`generator.spec.validate_walk`).

The entry's key holds everything that decides the checks: the installed versions of
openapi-spec-validator (the specification's schemas), openapi-schema-validator (the
meta-schema), jsonschema (the draft 4 meta-schema a ``$ref`` leads to) and fastjsonschema
(the code), Python's bytecode format, and sdkforge's validation modules. The code is
marshalled: only this Python reads it back (the key says which).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import re
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from types import CodeType
from typing import Any

from ..cache.store import Cache
from ..cache.versions import installed_version
from ..immutable import immutable

NAMESPACE = "validate-compiled"
BESIDE = Path(__file__).parent / "__pycache__"
"""Where the checks are kept too, beside this module, as Python keeps a module's bytecode
beside it (when the folder can be written, and only for runs with a cache): without
them, a run with a new cache, such as a user's first, compiled them (0.035 s on top of the
0.15 s importing the validator takes, for their schemas)."""
_DECIDING = ("openapi-spec-validator", "openapi-schema-validator", "jsonschema", "fastjsonschema")
"""The installed distributions whose versions decide the compiled checks."""
_FORMAT_MODULES = (
    "fqdn",
    "idna",
    "isoduration",
    "jsonpointer",
    "regress",
    "rfc3339_validator",
    "rfc3986_validator",
    "rfc3987",
    "uri_template",
    "webcolors",
)
"""The optional modules whose presence decides which formats jsonschema (and so the
validator) checks, and how: the formats a ``default`` is checked for, kept with the checks,
are those of the modules there when they were kept."""

Cut = tuple[tuple[str, ...], ...]


@immutable
class Compiled:
    """A compiled check: its function, and the code that defines it (with the function's name)."""

    function: Callable[..., Any]
    code: CodeType
    name: str


def compiled(definition: Any, handlers: Mapping[str, Callable[[str], Any]], formats: dict[str, Any] | None) -> Compiled:
    """``definition`` compiled as ``fastjsonschema.compile`` compiles it, with no defaults
    filled in and the verdict only (no detailed errors); ``formats``: the format checks to
    make, by name (None: none). Raises what fastjsonschema raises for a schema it cannot compile."""
    import fastjsonschema
    from fastjsonschema.ref_resolver import RefResolver

    source = fastjsonschema.compile_to_code(
        definition,
        handlers=handlers,
        formats=formats or {},
        use_default=False,
        use_formats=formats is not None,
        detailed_exceptions=False,  # only the verdict is used: compiles 8 and checks 1.5 times faster
    )
    name = RefResolver.from_schema(definition, handlers=handlers, store={}).get_scope_name()
    with warnings.catch_warnings():  # its regexes are plain literals ("\\."): warned about, meant as written
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        code = compile(verdict_only(source), f"<compiled check {name}>", "exec")
    return Compiled(_defined(code, name, formats), code, name)


_NAMED_CALL = re.compile(
    r'^(\s+\w+\(\w+, custom_formats, \(name_prefix or "data"\) \+ "[^"\\\n]*")'
    r"\.format\(\*\*locals\(\)\)\)$",
    re.M,
)
"""A call of the check of a ``$ref``'s target on a value inside a map or a list, with
the value's name for error messages made first: ``"data.paths.{data__paths_key}"
.format(**locals())``, which copies the caller's locals into a dict on every call."""


def verdict_only(source: str) -> str:
    """fastjsonschema's ``source`` without the names of values made before each call of a
    ``$ref``'s check inside a map or a list. A name only goes into the message of an
    error, and only the verdict is used (see :func:`compiled`): each call gets the name
    unformatted. Formatting them took 0.3 – 0.4 s of the 0.5 – 0.6 s the check of
    GitHub's spec against OpenAPI 3.0's schema takes (``bench/validation_checks.py``)."""
    return _NAMED_CALL.sub(r"\1)", source)


def _defined(code: CodeType, name: str, formats: dict[str, Any] | None) -> Callable[..., Any]:
    """The check ``code`` defines, as fastjsonschema hands it out (its formats bound)."""
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 - fastjsonschema's code for a schema of the installed validator
    function: Callable[..., Any] = namespace[name]
    if formats:
        from functools import partial

        return partial(function, custom_formats=formats)
    return function


@immutable
class KeptChecks:
    """The checks a run compiled for one version of the specification, loaded again."""

    specification: Callable[[Any], Any]
    """Raises ``fastjsonschema.JsonSchemaException`` for a document the specification's schema refuses."""
    meta: Callable[..., Any]
    """Raises it for a Schema Object its meta-schema refuses; takes ``custom_formats={"regex": ...}``."""
    cut: Cut
    """The maps of the document checked entry by entry (see :mod:`generator.spec.validate_parts`)."""
    plain_regex: bool
    """Whether the meta-schema's ``regex`` format is checked by Python's ``re.compile``
    (openapi-schema-validator's check when the optional ECMA regex package is not installed)."""
    default_formats: frozenset[str] | None
    """The formats the validator checks a ``default`` for; None: a ``default`` is checked by the validator alone."""


def checks_key(version: str, fingerprint: bytes) -> str:
    """The key of the kept checks of ``version``; ``fingerprint``: sdkforge's validation's."""
    digest = hashlib.sha256(fingerprint + b"\0" + version.encode() + b"\0" + importlib.util.MAGIC_NUMBER)
    for name in _DECIDING:
        digest.update(f"\0{name} {installed_version(name)}".encode())
    digest.update(format_modules())
    return digest.hexdigest()


def format_modules() -> bytes:
    """Which of the optional modules that decide the formats jsonschema checks are installed
    (see :data:`_FORMAT_MODULES`): part of every key of a verdict or check that depends on them."""
    return "".join(f"\0{module} {importlib.util.find_spec(module) is not None}" for module in _FORMAT_MODULES).encode()


def recall_checks(cache: Cache, key: str) -> KeptChecks | None:
    """The checks kept under ``key`` in ``cache``, else beside this module (:data:`BESIDE`,
    copied into ``cache`` then); None if there are none, or they cannot be loaded."""
    data = cache.get_bytes(NAMESPACE, key)
    checks = _loaded(data) if data is not None else None
    if checks is None:
        data = Cache(BESIDE).get_bytes(NAMESPACE, key)
        checks = _loaded(data) if data is not None else None
        if checks is not None and data is not None:
            cache.put_bytes(NAMESPACE, key, data)
    return checks


def _loaded(data: bytes) -> KeptChecks | None:
    try:
        spec_code, spec_name, meta_code, meta_name, cut, plain_regex, formats = marshal.loads(data)  # noqa: S302 - our own entry, checksummed
        specification = _defined(spec_code, spec_name, None)
        meta = _defined(meta_code, meta_name, None)
        cut = tuple(tuple(str(key) for key in container) for container in cut)
        formats = None if formats is None else frozenset(str(name) for name in formats)
    except Exception:  # noqa: BLE001 - an entry of another shape: the checks are compiled again
        return None
    return KeptChecks(specification, meta, cut, bool(plain_regex), formats)


def keep_checks(
    cache: Cache,
    key: str,
    specification: Compiled,
    meta: Compiled,
    cut: Cut,
    plain_regex: bool,
    formats: frozenset[str] | None,
) -> None:
    """Keep the two compiled checks of a version, with its ``cut``, whether its ``regex``
    format is Python's and the formats a ``default`` is checked for (see
    :class:`KeptChecks`), under ``key``, in ``cache`` and beside this module."""
    shown = None if formats is None else sorted(formats)
    data = marshal.dumps((specification.code, specification.name, meta.code, meta.name, cut, plain_regex, shown))
    cache.put_bytes(NAMESPACE, key, data)
    Cache(BESIDE).put_bytes(NAMESPACE, key, data)  # a folder the user may not write to: its note is never read
