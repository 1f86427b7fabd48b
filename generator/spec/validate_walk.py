"""The validator's checks beyond the specification's JSON Schema, walked over plain dicts.

openapi-spec-validator checks a document in two parts: the document against the
OpenAPI specification's JSON Schema, then a walk over paths, parameters, responses and
schemas for what that schema cannot say (a parameter twice, an operation id twice, a
``default`` its schema refuses, a Schema Object its meta-schema refuses, a ``required``
name no ``allOf`` part defines). Its walk reads every value through jsonschema-path,
which resolves the path and every ``$ref`` on it at each access: most of what
validation cost on a big spec (2.3 of the 3.5 s on GitHub's).

:class:`PlainWalk` makes the same walk, in the same order, over the parsed dicts: each
``$ref`` is followed once, where it stands. It makes the same errors, with the same
messages, through the validator's own pieces: its meta-schema check of a Schema Object
and its check of a ``default`` (which gets the jsonschema-path view of just that
schema). It is only ever run on a document that matched the specification's schema
(the validators of Swagger 2.0, OpenAPI 3.0 and 3.1 make the same walk, with their own
checks of a schema and a default); when it meets anything it does not mirror
(a ``$ref`` it cannot follow, a value of a shape the validator would stumble on) it
raises :class:`WalkUnsupported`, and the validator's own walk runs instead. So does
anything that raises (a ``pattern`` Python cannot compile, met while checking a
``default``): the validator yields the errors it found before it stops, and says where.

The validator itself is asked for only when the walk needs one of its pieces: a
``default`` to check, a Schema Object whose compiled meta-schema check (``meta``) does
not pass, an error to make. Given a validator made on first use (see
:func:`generator.spec.validate._validate`), a walk over a valid spec without defaults
never imports it (the 0.15 s openapi-spec-validator takes to import, most of what a
structural edit's validation cost on Square's spec).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import GeneratorType
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import pointer_join
from .load import LoadedSpec, Ref, walk_pointer

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Key = str | int
Place = str | tuple[Key, "Place"]
"""Where a value stands in its file: a JSON pointer, or (key, its parent's place), made
into a pointer only for a value an error is about (the walk reads every value)."""
Located = tuple[Path, Any, Place]
"""A value, the file it stands in (what its own ``$ref``s are relative to) and its place
there: where it is written, which findings about it are located at."""
AT = "sdkforge_at"
"""The attribute the walk sets on the errors it yields: (file, pointer) of the value the
error is about; the error's own path, if it has one, goes on from there (a meta-schema
check's is relative to the schema it checked). They are the places
:mod:`generator.spec.validate` finds for the same errors of the validator's own walk."""


def _error(kind: str, message: str) -> ValidationError:
    """An error of openapi-spec-validator's class ``kind``, imported only when one is made."""
    from openapi_spec_validator.validation import exceptions

    error: ValidationError = getattr(exceptions, kind)(message)
    return error


def _at(error: ValidationError, at: Located, *keys: Key) -> ValidationError:
    """``error``, noted as being about the value at ``keys`` below ``at``."""
    place, parts = at[2], list(keys)
    while not isinstance(place, str):
        parts.insert(0, place[0])
        place = place[1]
    setattr(error, AT, (at[0], pointer_join(place, *parts)))
    return error


class MetaPasses(Protocol):
    """What is known of the meta-schema checks of the root document's Schema Objects
    (see :class:`generator.spec.validate_parts.Parts`), by pointer."""

    def known(self, pointer: str) -> bool:
        """Whether the schema at ``pointer`` is known to pass: its check need not be made."""

    def note(self, pointer: str) -> None:
        """The schema at ``pointer`` passed its check."""


class WalkUnsupported(Exception):
    """Something the plain walk does not mirror: the validator's own walk must run."""


class PlainWalk:
    """One walk over one document, for one validator instance (whose keyword
    validators make the meta-schema and ``default`` checks; read only when one is made).
    ``meta``: a check of a Schema Object against its meta-schema that says whether it
    passes without the validator (a compiled one); where it does not, the validator's
    check is made, which reports. ``default_passes(schema, default)``: the same for a
    ``default`` (see :mod:`generator.spec.validate_defaults`)."""

    def __init__(
        self,
        validator: Any,
        document: Any,
        spec: LoadedSpec,
        passes: MetaPasses | None = None,
        meta: Callable[[Any], bool] | None = None,
        default_passes: Callable[[Any, Any], bool] | None = None,
    ) -> None:
        self._validator = validator
        self._passes = passes
        self._meta = meta
        self._default_passes = default_passes
        self._keywords: Any = None
        self._document = document
        self._spec = spec
        self._swagger2 = spec.version == "2.0"
        self._meta_checked: set[int] = set()
        self._visited: set[int] = set()
        self._operation_ids: list[Any] = []
        self._collected: dict[int, set[str]] = {}  # schema id -> the property names it reaches
        self._ends: dict[Ref, Located] = {}  # where each $ref followed so far leads, at the end of its chain

    @property
    def _registry(self) -> Any:
        """The validator's keyword validators, read (and the validator made) on first use."""
        if self._keywords is None:
            self._keywords = self._validator.keyword_validators_registry
            schemas = self._keywords["schema"]
            if getattr(schemas, "_default_jsonschema_dialect_id", "") is None:
                # OpenAPI 3.1: the meta-schema check of a schema without ``$schema`` reads the
                # document's ``jsonSchemaDialect`` through the schema's jsonschema-path view,
                # which this walk does not make; it reads it once, and keeps it: here.
                document = self._document
                dialect = document.get("jsonSchemaDialect") if isinstance(document, dict) else None
                if not isinstance(dialect, str):
                    dialect = schemas.default_jsonschema_dialect_id
                schemas._default_jsonschema_dialect_id = dialect
        return self._keywords

    def errors(self) -> list[ValidationError]:
        """Every error of the walk, as the validator's ``iter_errors`` yields them."""
        try:
            found = list(self._root())
            if not found:
                return []
            from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

            return [
                error
                if isinstance(error, OpenAPIValidationError)
                else _at_kept(error, OpenAPIValidationError.create_from(error))
                for error in found
            ]
        except WalkUnsupported:
            raise
        except Exception as exc:  # the validator's walk makes the same crash, after the same errors
            raise WalkUnsupported(f"{type(exc).__name__}: {exc}") from exc

    # Following references -------------------------------------------------------

    def _resolved(self, file: Path, value: Any, place: Place) -> Located:
        """``value`` with its ``$ref`` (and theirs) followed, as jsonschema-path reads it.
        A chain is followed however long it is, and where each ``$ref`` in it leads is
        remembered: a chain of n schemas, each a ``$ref`` to the next, costs n steps, not n²."""
        if type(value) is not dict or "$ref" not in value:  # most values: nothing to follow
            return file, value, place
        chain: list[Ref] = []
        seen: set[Ref] = set()
        while isinstance(value, dict) and "$ref" in value:
            ref = value["$ref"]
            if not isinstance(ref, str):
                raise WalkUnsupported("a $ref that is not a string")
            target = self._spec.parse_ref(ref, file)
            end = self._ends.get(target)
            if end is not None:
                file, value, place = end
                break
            if target in seen:
                raise WalkUnsupported(f"a $ref cycle at {ref}")  # loading refuses these: never met
            chain.append(target)
            seen.add(target)
            document = self._document if target.file == self._spec.root else self._spec.documents.get(target.file)
            if document is None:
                raise WalkUnsupported(f"a $ref to a file not loaded: {ref}")
            value = walk_pointer(document, target.pointer)  # a LookupError hands over, in errors()
            file, place = target.file, target.pointer
        for target in chain:
            self._ends[target] = (file, value, place)
        return file, value, place

    def _child(self, at: Located, key: Key) -> Located:
        file, value, place = at
        if isinstance(value, dict) and isinstance(key, str):
            return self._resolved(file, value[key], (key, place))
        if isinstance(value, list) and isinstance(key, int):
            return self._resolved(file, value[key], (key, place))
        raise WalkUnsupported(f"{key!r} read from a {type(value).__name__}")

    def _items(self, at: Located) -> Iterator[tuple[str, Located]]:
        value = at[1]
        if not isinstance(value, dict):
            raise WalkUnsupported(f"a {type(value).__name__} where a mapping was expected")
        file, place = at[0], at[2]
        for key in list(value):
            if not isinstance(key, str):
                raise WalkUnsupported("a mapping key that is not a string")
            yield key, self._resolved(file, value[key], (key, place))

    def _elements(self, at: Located) -> Iterator[tuple[int, Located]]:
        value = at[1]
        if not isinstance(value, list):
            raise WalkUnsupported(f"a {type(value).__name__} where a list was expected")
        for index in range(len(value)):
            yield index, self._child(at, index)

    def _pointer(self, at: Located) -> str | None:
        """Where a value of the root document stands, as a JSON pointer; None for another file's."""
        if at[0] != self._spec.root:
            return None
        place, parts = at[2], []
        while not isinstance(place, str):
            parts.append(place[0])
            place = place[1]
        return pointer_join(place, *reversed(parts))

    def _schema_path(self, path: tuple[Key, ...]) -> Any:
        """The validator's jsonschema-path view of the value at ``path`` (keys as walked)."""
        node = self._validator.schema_path
        for key in path:
            node = node / key
        return node

    # The walk, keyword validator by keyword validator ---------------------------------

    def _root(self) -> Iterator[ValidationError]:
        root: Located = self._resolved(self._spec.root, self._document, "")
        if not isinstance(root[1], dict):
            raise WalkUnsupported("a root that is not a mapping")
        if "tags" in root[1]:
            yield from self._tags(self._child(root, "tags"))
        if "paths" in root[1]:
            for url, path_item in self._items(self._child(root, "paths")):
                yield from self._path_item(url, path_item, ("paths", url))
        if "components" in root[1]:
            components = self._child(root, "components")
            if _has(components, "schemas"):
                for name, schema in self._items(self._child(components, "schemas")):
                    yield from self._schema(schema, ("components", "schemas", name))

    def _tags(self, tags: Located) -> Iterator[ValidationError]:
        seen: set[str] = set()
        for _, tag in self._elements(tags):
            name = _text(self._child(tag, "name"))
            if name in seen:
                yield _at(_error("OpenAPIValidationError", f"Duplicate tag name '{name}'"), tags)
            seen.add(name)

    def _path_item(self, url: str, path_item: Located, path: tuple[Key, ...]) -> Iterator[ValidationError]:
        parameters: tuple[Located, tuple[Key, ...]] | None = None
        if _has(path_item, "parameters"):
            parameters = (self._child(path_item, "parameters"), (*path, "parameters"))
            yield from self._parameters(*parameters)
        for name, operation in self._items(path_item):
            if name in _OPERATIONS:
                yield from self._operation(url, name, operation, (*path, name), parameters)

    def _operation(
        self,
        url: str,
        name: str,
        operation: Located,
        path: tuple[Key, ...],
        path_parameters: tuple[Located, tuple[Key, ...]] | None,
    ) -> Iterator[ValidationError]:
        if _has(operation, "operationId"):
            operation_id = self._child(operation, "operationId")[1]
            if operation_id is not None and operation_id in self._operation_ids:
                error = _error(
                    "DuplicateOperationIDError", f"Operation ID '{operation_id}' for '{name}' in '{url}' is not unique"
                )
                yield _at(error, operation)
            self._operation_ids.append(operation_id)
        if _has(operation, "responses"):
            for code, response in self._items(self._child(operation, "responses")):
                yield from self._response(response, (*path, "responses", code))
        names: list[str] = []
        if _has(operation, "parameters"):
            parameters = self._child(operation, "parameters")
            yield from self._parameters(parameters, (*path, "parameters"))
            names += self._path_parameter_names(parameters)
        if path_parameters is not None:
            names += self._path_parameter_names(path_parameters[0])
        declared = set(names)
        in_url = {field for _, field, _, _ in string.Formatter().parse(url) if field}
        for unresolved in [*sorted(in_url - declared), *sorted(declared - in_url)]:  # missing, then extra
            message = f"Path parameter '{unresolved}' for '{name}' operation in '{url}' was not resolved"
            yield _at(_error("UnresolvableParameterError", message), operation)

    def _path_parameter_names(self, parameters: Located) -> list[str]:
        return [
            _text(self._child(parameter, "name"))
            for _, parameter in self._elements(parameters)
            if _text(self._child(parameter, "in")) == "path"
        ]

    def _parameters(self, parameters: Located, path: tuple[Key, ...]) -> Iterator[ValidationError]:
        seen: set[tuple[Any, Any]] = set()
        for index, parameter in self._elements(parameters):
            if _has(parameter, "schema"):
                yield from self._schema(self._child(parameter, "schema"), (*path, index, "schema"))
            if self._swagger2 and _has(parameter, "default"):
                yield from self._default((*path, index), parameter, self._child(parameter, "default")[1])
            key = (parameter[1]["name"], parameter[1]["in"])
            if key in seen:
                error = _error("ParameterDuplicateError", f"Duplicate parameter '{parameter[1]['name']}'")
                yield _at(error, parameters)
            seen.add(key)

    def _response(self, response: Located, path: tuple[Key, ...]) -> Iterator[ValidationError]:
        if self._swagger2:
            if _has(response, "schema"):
                yield from self._schema(self._child(response, "schema"), (*path, "schema"))
            return
        if _has(response, "content"):
            for media_type, media in self._items(self._child(response, "content")):
                if _has(media, "schema"):
                    yield from self._schema(self._child(media, "schema"), (*path, "content", media_type, "schema"))

    def _schema(
        self, schema: Located, path: tuple[Key, ...], require_properties: bool = True, meta_checked: bool = False
    ) -> Iterator[ValidationError]:
        """The validator's checks of a Schema Object and of every schema in it, depth first.

        Schemas nest through properties, items and unions, and through ``$ref``s across
        the spec: a chain of them may be as long as the spec is. So each schema's walk
        (:meth:`_schema_steps`) yields the walks of the schemas in it, made here on a
        stack of our own, not Python's, in the order plain recursion would make them."""
        stack = [self._schema_steps(schema, path, require_properties, meta_checked)]
        while stack:
            try:
                item = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
            if isinstance(item, GeneratorType):
                stack.append(item)
            else:
                yield item

    def _schema_steps(
        self, schema: Located, path: tuple[Key, ...], require_properties: bool = True, meta_checked: bool = False
    ) -> Iterator[ValidationError | Iterator[Any]]:
        value = schema[1]
        if not isinstance(value, (Mapping, bool)):
            yield _error(
                "OpenAPIValidationError", f"{value!r} is not of type 'object', 'boolean'"
            )  # the validator cannot tell where
            return
        if not meta_checked and id(value) not in self._meta_checked:
            self._meta_checked.add(id(value))
            pointer = self._pointer(schema) if self._passes is not None else None
            if pointer is None or self._passes is None or not self._passes.known(pointer):
                # the compiled check, where there is one, decides that the schema passes; the
                # validator's (compiled first too) makes the error, located
                passed = self._meta is not None and self._meta(value)
                error = None if passed else self._registry["schema"]._validate_schema_meta(None, value)
                if error is not None:
                    yield _at(error, schema)  # the error's path goes on from there
                    return
                if pointer is not None and self._passes is not None:
                    self._passes.note(pointer)
        if id(value) in self._visited:
            return
        self._visited.add(id(value))
        if not isinstance(value, dict):
            raise WalkUnsupported("a boolean schema")
        nested_properties: list[str] = []
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in value:
                for index, inner in self._elements(self._child(schema, keyword)):
                    if self._inner(inner):
                        yield self._schema_steps(inner, (*path, keyword, index), False, True)
                    if keyword == "allOf":
                        nested_properties += list(self._collect_properties(inner))
        for keyword in ("not", "items"):
            if keyword in value:
                inner = self._child(schema, keyword)
                if self._inner(inner):
                    yield self._schema_steps(inner, (*path, keyword), False, True)
        if "properties" in value:
            for name, property_schema in self._items(self._child(schema, "properties")):
                if self._inner(property_schema):
                    yield self._schema_steps(property_schema, (*path, "properties", name), False, True)
        required = ("required" in value and self._child(schema, "required")[1]) or []
        properties = ("properties" in value and list(self._child(schema, "properties")[1])) or []
        extra_properties = list(set(required) - set(properties) - set(nested_properties)) if "allOf" in value else []
        if extra_properties and require_properties:
            error = _error("ExtraParametersError", f"Required list has not defined properties: {extra_properties}")
            yield _at(error, schema)
        if "default" in value:
            default = self._child(schema, "default")[1]
            nullable = self._child(schema, "nullable")[1] if "nullable" in value else False
            if default is not None or nullable is not True:
                yield from self._default(path, schema, default)

    def _inner(self, schema: Located) -> bool:
        """Whether the walk of an inner schema (its meta-schema check made with its outer
        one's) has anything to do beyond noting it visited: a schema without inner schemas,
        a ``required`` or a ``default`` (most of them) is noted here, without its walk."""
        value = schema[1]
        if type(value) is dict and _LEAF_KEYWORDS.isdisjoint(value):
            self._visited.add(id(value))
            return False
        return True

    def _collect_properties(self, schema: Located) -> set[str]:
        """Every property name reachable from ``schema`` as the validator collects them;
        each schema is read once (the validator recurses, and never ends on an array of
        itself), on a stack of our own (a chain of them may be as long as the spec), and
        what a schema reaches is remembered (each link of an ``allOf`` chain asks again)."""
        root = schema[1]
        if isinstance(root, dict) and id(root) in self._collected:
            return self._collected[id(root)]
        properties: set[str] = set()
        seen: set[int] = set()
        stack = [schema]
        while stack:
            schema = stack.pop()
            value = schema[1]
            if not isinstance(value, dict):
                raise WalkUnsupported(f"a {type(value).__name__} where a schema was expected")
            if id(value) in seen:
                continue
            seen.add(id(value))
            if id(value) in self._collected:  # all it reaches is known
                properties.update(self._collected[id(value)])
                continue
            if "properties" in value:
                properties.update(self._child(schema, "properties")[1])
            for keyword in ("allOf", "anyOf", "oneOf"):
                if keyword in value:
                    stack.extend(inner for _, inner in self._elements(self._child(schema, keyword)))
            for keyword in ("items", "not"):
                if keyword in value:
                    stack.append(self._child(schema, keyword))
        self._collected[id(root)] = properties
        return properties

    def _default(self, path: tuple[Key, ...], owner: Located, default: Any) -> Iterator[ValidationError]:
        """The validator's own check of a ``default`` against the schema at ``path``, unless
        ``default_passes`` says it passes."""
        if self._default_passes is not None and self._default_passes(owner[1], default):
            return
        for error in self._registry["default"](self._schema_path(path), default):
            yield _at(error, owner, "default")  # the error's path goes on from there


_LEAF_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "not", "items", "properties", "required", "default"})
"""The keywords of a schema its walk reads (see :meth:`PlainWalk._inner`)."""


def _at_kept(error: ValidationError, converted: ValidationError) -> ValidationError:
    """``converted``, noted with the place ``error`` was noted with (if any)."""
    if hasattr(error, AT):
        setattr(converted, AT, getattr(error, AT))
    return converted


def _has(at: Located, key: str) -> bool:
    value = at[1]
    if not isinstance(value, dict):
        raise WalkUnsupported(f"{key!r} looked up in a {type(value).__name__}")
    return key in value


def _text(at: Located) -> str:
    value = at[1]
    if not isinstance(value, str):
        raise WalkUnsupported(f"a {type(value).__name__} where a string was expected")
    return value
