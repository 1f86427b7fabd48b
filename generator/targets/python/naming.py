"""Python identifiers and file names for everything in an :class:`~generator.model.ir.Api`.

All names are decided here, once, in a fixed order (the spec's), so the same spec always
gives the same names. Rules:

- classes are PascalCase, modules, methods, attributes and parameters snake_case, enum
  members UPPER_SNAKE_CASE, doc files kebab-case;
- a name that starts with a digit gets a letter in front (``n``/``N``), an empty one a
  fallback (``field``, ``UnnamedModel``...);
- Python keywords and every name the generated code uses in the scope a name is bound
  in (``builder``, ``to_dict``, ``self``, ``request_options``, the runtime names a module
  imports, the decorators and builtins a class body uses, ``cast`` in a method body,
  ``importlib`` in the models package...) get a trailing ``_`` or a number: one set per
  kind of name below, which a test checks against the names generated code uses;
- names that collide after conversion (``fooBar``, ``foo_bar``, ``FooBar``) are numbered
  in spec order: ``foo_bar``, ``foo_bar_2``, ``foo_bar_3``;
- file names are identifiers too (so never ``..``, ``/`` or a leading dot), at most
  :data:`MAX_FILE_STEM` characters (a long one is cut and ends in a hash of the whole),
  and never a name Windows reserves (``con``, ``nul``...).
"""

from __future__ import annotations

import builtins
import functools
import hashlib
import keyword
import re
import sys
from collections.abc import Iterable
from dataclasses import field
from typing import TypeVar

from ...immutable import immutable
from ...model.ir import Api, ApiGroup, AuthKind, EnumType, GlobalHeader, Model, Operation, SecurityScheme
from ...model.naming import UniqueNames, constant, kebab, pascal, pascal_and_snake, snake

KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)

# One set per kind of name a spec gives, holding every name the generated code uses in
# the scopes where a name of that kind is bound: a spec name equal to one would hide it
# (a field ``staticmethod`` hides the decorator from the rest of the class body, a
# parameter ``cast`` hides ``typing.cast`` from the method body, a model module
# ``importlib`` replaces the models package's ``importlib``), so it gets a trailing ``_``.
# tests/robustness/test_reserved_names.py reads these names out of generated code with
# ``ast`` and checks that each set holds them all.

# Names the generated modules import or define at module level, which a class must not take.
MODULE_LEVEL_NAMES = frozenset(
    {
        "Any",
        "Awaitable",
        "Callable",
        "TokenSource",
        "Final",
        "Literal",
        "Mapping",
        "Sequence",
        "TracebackType",
        "Codec",
        "Generic",
        "TypeVar",
        "NamedTuple",
        "MappingProxyType",
        "Settings",
        "Environment",
        "ENVIRONMENTS",
        "DEFAULT_TIMEOUT",
        "DEFAULT_MAX_RETRIES",
        "SdkError",
        "ApiTimeoutError",
        "ApiConnectionError",
        "ClassVar",
        "Self",
        "TYPE_CHECKING",
        "Field",
        "Model",
        "Builder",
        "UNSET",
        "Unset",
        "ModelOf",
        "EnumOf",
        "ListOf",
        "MapOf",
        "UnionOf",
        "DateTimeOf",
        "JsonType",
        "StrEnum",
        "IntEnum",
        "Request",
        "RequestOptions",
        "SyncHttp",
        "AsyncHttp",
        "Client",
        "AsyncClient",
        "ApiError",
        "BadRequestError",
        "AuthenticationError",
        "PermissionDeniedError",
        "NotFoundError",
        "ConflictError",
        "UnprocessableEntityError",
        "RateLimitError",
        "InternalServerError",
        "RawResponse",
    }
) | frozenset(n for n in dir(builtins) if n[:1].isupper())

# Builtins the annotations in a class body use: a member of that name would hide them from
# the annotations that follow it (mypy reads class-level annotations in the class's scope).
ANNOTATION_BUILTINS = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict", "tuple", "type", "object"})
# Members of every generated model and builder, and what their class bodies use: fields
# cannot be called these (nor ``super``, which a builder's ``__init__`` calls with the
# fields as its parameters, nor ``staticmethod``, which decorates ``builder``).
MODEL_MEMBERS = (
    frozenset(
        {
            "builder",
            "to_builder",
            "to_dict",
            "from_dict",
            "extra_fields",
            "build",
            "self",
            "cls",
            "super",
            "staticmethod",
        }
    )
    | ANNOTATION_BUILTINS
)
# Members of a client besides its API groups, and what its class body uses (decorators, annotations).
CLIENT_MEMBERS = (
    frozenset({"close", "aclose", "self", "base_url", "httpx", "property", "cached_property"}) | ANNOTATION_BUILTINS
)
# Members of an API group class besides its operations.
GROUP_MEMBERS = frozenset({"self", "with_raw_response"}) | ANNOTATION_BUILTINS
# Parameter names every generated method uses for itself, and names its body refers to
# (``cast`` and the builtins the type it casts to may name, read in the method's scope).
PARAMETER_NAMES = frozenset({"self", "request_options", "warnings", "no_body", "json_body", "cast"}) | (
    ANNOTATION_BUILTINS - {"type"}  # no annotation a method body casts to names ``type``: GitHub's ``type=`` stays
)
# Parameters of the clients' constructors (and of the ``_settings`` function they call),
# and the names that function's body uses: a credential parameter cannot be called these.
CLIENT_ARGUMENTS = frozenset(
    {
        "self",
        "access_token",
        "basic_auth",
        "environment",
        "base_url",
        "timeout",
        "max_retries",
        "retry_non_idempotent",
        "deadline",
        "headers",
        "http_client",
        "extra_headers",
        "global_headers",
        "os",
        "environ",
        "callable",
        "settings",
        "auth_headers",
        "auth_query",
        "token",
        "base64",
        "dict",
        "str",
    }
)
# Globals of the models package's ``__init__``: importing a model module sets the
# package's attribute of the module's name, which would replace a global of that name
# (a model ``Importlib`` in ``importlib.py`` would break every lazy import after it).
MODELS_PACKAGE_GLOBALS = frozenset(
    {"annotations", "importlib", "getattr", "globals", "sorted", "dict", "list", "object", "str"}
)
# File stems Windows cannot create, whatever the extension.
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)})

# What each kind of name must not be.
CLASS_RESERVED = KEYWORDS | MODULE_LEVEL_NAMES
FIELD_RESERVED = KEYWORDS | MODEL_MEMBERS
MEMBER_RESERVED = frozenset[str]()  # an enum's class body uses no name; members are UPPER_CASE
METHOD_RESERVED = KEYWORDS | GROUP_MEMBERS
PARAMETER_RESERVED = KEYWORDS | PARAMETER_NAMES
ATTRIBUTE_RESERVED = KEYWORDS | CLIENT_MEMBERS
CREDENTIAL_RESERVED = KEYWORDS | CLIENT_ARGUMENTS
MODEL_MODULE_RESERVED = KEYWORDS | WINDOWS_RESERVED | MODELS_PACKAGE_GLOBALS
GROUP_MODULE_RESERVED = KEYWORDS | WINDOWS_RESERVED
MAX_FILE_STEM = 64
"""The longest module or doc file name (without extension) we make; long spec names are cut."""
# Names a package made from a spec's title must not take: the standard library and what
# the generated SDK imports (``import logging`` in the SDK would find the SDK itself).
TAKEN_PACKAGE_NAMES = frozenset(sys.stdlib_module_names) | {"httpx", "httpcore", "anyio", "sniffio", "h11", "idna"}


def identifier(text: str, fallback: str, digit_prefix: str) -> str:
    """A valid identifier from an already-cased name: fallback if empty, prefixed if it starts with a digit."""
    if not text:
        return fallback
    return digit_prefix + text if text[0].isdigit() else text


def file_stem(name: str) -> str:
    """``name`` (already a safe identifier or kebab name) made fit for a file name: at most
    :data:`MAX_FILE_STEM` characters, a long one cut and ended with a hash of the whole."""
    if len(name) <= MAX_FILE_STEM:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{name[: MAX_FILE_STEM - 11]}_{digest}"


def package_name(title: str) -> str:
    """The package name made from a spec's title when none is given: ``Square OAuth API``
    -> ``square_oauth_api``; never a keyword, nor a standard library or dependency module."""
    name = file_stem(identifier(snake(title), "sdk", "api_"))
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in TAKEN_PACKAGE_NAMES:
        name += "_sdk"
    return name


@immutable
class GroupNames:
    """Names for one API group."""

    class_name: str
    async_class_name: str
    raw_class_name: str  # the group's ``with_raw_response`` class
    async_raw_class_name: str
    attribute: str
    module: str
    doc_file: str
    methods: dict[str, str]  # operationId -> method name


@immutable
class TypeNames:
    """Names for one model or enum."""

    class_name: str
    module: str
    doc_file: str
    builder: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # wire name -> attribute
    members: dict[str | int, str] = field(default_factory=dict)  # enum value -> member


@immutable
class PythonNames:
    """Every Python name of one API."""

    types: dict[str, TypeNames]
    groups: dict[str, GroupNames]

    def of_type(self, ir_name: str) -> TypeNames:
        """Names of the model or enum the IR calls ``ir_name``."""
        return self.types[ir_name]


def name_api(api: Api) -> PythonNames:
    """Decide every name of ``api`` in one pass, in spec order."""
    classes = UniqueNames(CLASS_RESERVED, sep="")
    modules = UniqueNames(MODEL_MODULE_RESERVED)
    doc_files = UniqueNames(WINDOWS_RESERVED)
    types: dict[str, TypeNames] = {}
    for model in api.models.values():
        types[model.name] = _name_model(model, classes, modules, doc_files)
    members: dict[int, dict[str | int, str]] = {}  # by tuple of values, one for enums listing the same (GitHub: 537)
    for enum in api.enums.values():
        if id(enum.values) not in members:
            members[id(enum.values)] = _member_names(enum)
        class_name, module, doc_file = _type_names(enum.name, "UnnamedEnum", classes, modules, doc_files)
        types[enum.name] = TypeNames(class_name, module, doc_file, members=members[id(enum.values)])
    return PythonNames(types, _name_groups(api, classes))


def name_api_again(api: Api, last_api: Api, last: object) -> PythonNames | None:
    """:func:`name_api` of ``api``, from the names ``last`` the last run gave its model
    ``last_api``, when ``api`` has that model's models and enums, by the same names in
    the same order: each then asks for the same class, module and doc file names in the
    same order as then, and gets what it got (a model's fields and an enum's members are
    named within it alone). A type that is the very object it was keeps its names whole;
    any other names its fields or members anew. The groups are named anew (a few), after
    the types' class names. So too when ``api`` has those types less some, if no name of
    the others could have been moved by the ones gone (see :func:`_none_moved`). None
    otherwise (or if ``last`` is not a model's names): :func:`name_api` names them all."""
    if not isinstance(last, PythonNames) or not _same_types(api, last_api, last):
        return None
    types: dict[str, TypeNames] = {}
    for model in api.models.values():
        kept = last.types[model.name]
        if model is not last_api.models[model.name]:
            fields = _field_names(model)
            kept = TypeNames(kept.class_name, kept.module, kept.doc_file, kept.builder, fields)
        types[model.name] = kept
    for enum in api.enums.values():
        kept = last.types[enum.name]
        if enum is not last_api.enums[enum.name]:
            members = _member_names(enum)
            kept = TypeNames(kept.class_name, kept.module, kept.doc_file, members=members)
        types[enum.name] = kept
    classes = UniqueNames(CLASS_RESERVED, sep="")
    classes.claim(*[types[name].class_name for name in (*api.models, *api.enums)])
    classes.claim(*[types[name].builder for name in api.models])
    return PythonNames(types, _name_groups(api, classes))


def _same_types(api: Api, last_api: Api, last: PythonNames) -> bool:
    """Whether ``api`` has the models and enums of ``last_api`` in its order, but for
    some gone that moved no other's names, each a model or an enum as it was (no name
    is both), and ``last`` names each of ``last_api``'s once."""
    models, enums = api.models.keys(), api.enums.keys()
    if not (
        models.isdisjoint(enums)
        and len(last.types) == len(last_api.models) + len(last_api.enums)
        and all(name in last.types for name in last_api.models)
        and all(name in last.types for name in last_api.enums)
    ):
        return False
    if list(models) == list(last_api.models) and list(enums) == list(last_api.enums):
        return True
    # Types gone, the others in the order they had: each of those asks for the names it
    # asked for then, in the same order.
    if [name for name in last_api.models if name in models] != list(models):
        return False
    if [name for name in last_api.enums if name in enums] != list(enums):
        return False
    kinds = (last_api.models, last_api.enums)
    gone = [last.types[name] for kind in kinds for name in kind if name not in models and name not in enums]
    return _none_moved(gone, [last.types[name] for name in (*models, *enums)])


def _none_moved(gone: list[TypeNames], left: list[TypeNames]) -> bool:
    """Whether the types ``left`` get the names they hold when named without the types
    ``gone``. A name a type gone took could move another's only if that other asked for
    it, for a name it was numbered from, or for the same name it was numbered from (see
    :class:`UniqueNames`): a name that starts with the name gone less its trailing
    digits and underscores. If no name of the types left starts so, in the scope of the
    name gone (the classes with their builders, the modules, the doc files), none moved;
    if one does, one may have."""
    held = [_claimed(names) for names in left]
    for scope, taken in enumerate(zip(*map(_claimed, gone), strict=True)):
        stems = tuple(_NUMBERED_END.sub("", name) for names in taken for name in names)
        if any(name.startswith(stems) for claimed in held for name in claimed[scope]):
            return False
    return True


_NUMBERED_END = re.compile(r"[\d_]+$")


def _claimed(names: TypeNames) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The names a type's naming took, by scope: its class and builder, its module, its
    doc file (without ``.md``)."""
    classes = (names.class_name, names.builder) if names.builder else (names.class_name,)
    return classes, (names.module,), (names.doc_file.removesuffix(".md"),)


def _name_groups(api: Api, classes: UniqueNames) -> dict[str, GroupNames]:
    """Each group's names, in order, after the types': ``classes`` holds their class names."""
    attributes = UniqueNames(ATTRIBUTE_RESERVED)
    group_modules = UniqueNames(GROUP_MODULE_RESERVED)
    group_docs = UniqueNames(WINDOWS_RESERVED)
    return {g.name: _name_group(g, classes, attributes, group_modules, group_docs) for g in api.groups}


def _name_model(model: Model, classes: UniqueNames, modules: UniqueNames, doc_files: UniqueNames) -> TypeNames:
    class_name, module, doc_file = _type_names(model.name, "UnnamedModel", classes, modules, doc_files)
    builder = classes.take(class_name + "Builder")
    fields = _field_names(model)
    return TypeNames(class_name, module, doc_file, builder, fields)


def _field_names(model: Model) -> dict[str, str]:
    """Each field's attribute, by wire name: named within its model alone."""
    return _distinct({f.name: _attribute(f.name) for f in model.fields}, FIELD_RESERVED)


def _member_names(enum: EnumType) -> dict[str | int, str]:
    """Each value's member, by value: named within its enum alone."""
    return _distinct({v.value: _member(str(v.value)) for v in enum.values}, MEMBER_RESERVED)


def _type_names(
    raw: str, fallback: str, classes: UniqueNames, modules: UniqueNames, doc_files: UniqueNames
) -> tuple[str, str, str]:
    """A model's or enum's class name, module (it in snake case) and doc file (in kebab case: ``_`` as ``-``)."""
    pascal_name, snake_name = pascal_and_snake(raw)
    class_name = classes.take(identifier(pascal_name, fallback, "N"))
    stem = snake_name if class_name == pascal_name else snake(class_name)
    return class_name, modules.take(file_stem(stem)), doc_files.take(file_stem(stem.replace("_", "-"))) + ".md"


_K = TypeVar("_K")


def _distinct(wanted: dict[_K, str], reserved: frozenset[str]) -> dict[_K, str]:
    """Each key's wanted name, made unique in order (see :class:`UniqueNames`). Most
    models' and enums' names are unique and free as they are: they are then kept without
    asking for each one (a big spec's 40,000 fields and as many enum members)."""
    names = set(wanted.values())
    if len(names) == len(wanted) and reserved.isdisjoint(names):
        return wanted
    taken = UniqueNames(reserved)
    return {key: taken.take(name) for key, name in wanted.items()}


@functools.lru_cache(maxsize=1 << 16)
def _attribute(wire_name: str) -> str:
    """A field's attribute before collisions: the same few field names (``id``, ``url``)
    recur in model after model of a big API."""
    return identifier(snake(wire_name), "field", "n")


@functools.lru_cache(maxsize=1 << 16)
def _member(value: str) -> str:
    """An enum member's name before collisions (values recur across enums too)."""
    return identifier(constant(value), "EMPTY", "VALUE_")


def _name_group(
    group: ApiGroup, classes: UniqueNames, attributes: UniqueNames, modules: UniqueNames, docs: UniqueNames
) -> GroupNames:
    base = identifier(pascal(group.name), "Default", "N")
    class_name = classes.take(base + "Api")
    async_class_name = classes.take("Async" + class_name)
    methods = UniqueNames(METHOD_RESERVED)
    return GroupNames(
        class_name=class_name,
        async_class_name=async_class_name,
        raw_class_name=classes.take(class_name + "WithRawResponse"),
        async_raw_class_name=classes.take(async_class_name + "WithRawResponse"),
        attribute=attributes.take(identifier(snake(group.name), "default", "n")),
        module=modules.take(file_stem(identifier(snake(group.name), "default", "n"))),
        doc_file=docs.take(file_stem(kebab(group.name) or "default")) + ".md",
        methods={
            op.operation_id: methods.take(identifier(snake(op.operation_id), "call", "n")) for op in group.operations
        },
    )


def parameter_names(op: Operation) -> dict[str, str]:
    """Python parameter names of an operation: ``"body"`` for the body, then each
    parameter keyed ``"<location>:<wire name>"``, unique within the method."""
    taken = UniqueNames(PARAMETER_RESERVED)
    names: dict[str, str] = {}
    if op.body is not None:
        names["body"] = taken.take("body")
    for param in op.parameters:
        names[f"{param.location.value}:{param.name}"] = taken.take(identifier(snake(param.name), "param", "n"))
    return names


def credential_parameters(schemes: Iterable[SecurityScheme]) -> dict[str, str]:
    """The client constructor's parameter for each credential it holds, by scheme name:
    ``access_token`` for bearer tokens, ``basic_auth`` for HTTP Basic, and the scheme's
    own name, made a unique identifier, for API keys."""
    taken = UniqueNames(CREDENTIAL_RESERVED)
    names: dict[str, str] = {}
    for scheme in schemes:
        if scheme.kind is AuthKind.BEARER:
            names[scheme.name] = "access_token"
        elif scheme.kind is AuthKind.BASIC:
            names[scheme.name] = "basic_auth"
        else:
            names[scheme.name] = taken.take(identifier(snake(scheme.name), "api_key", "key_"))
    return names


def global_header_parameters(headers: Iterable[GlobalHeader], credentials: Iterable[str]) -> list[str]:
    """The client constructor's (and ``request_options``') key for each global header, in
    order: the declaration's name made an identifier (``version`` for Square's), unique
    among the client's other parameters."""
    taken = UniqueNames(KEYWORDS | CLIENT_ARGUMENTS | set(credentials))
    return [taken.take(identifier(snake(h.name), "header", "header_")) for h in headers]
