"""C# identifiers and file names for everything in an :class:`~generator.model.ir.Api`.

Decided here, once, in the spec's order, so the same spec always gives the same names:

- types, methods and properties PascalCase, parameters and locals camelCase, enum
  constants PascalCase, doc files kebab-case (the names the Python target's docs use);
- a name that starts with a digit gets a letter in front, an empty one a fallback;
- a C# keyword used as a parameter or local is escaped with ``@`` (``@class``); a type
  or member is never a keyword (they are PascalCase, keywords are lower case) but may
  clash with a name its scope needs (``Builder``, ``ToString``, its own class name, the
  runtime's types): it then gets a trailing ``_`` or a number, as in the Python target;
- names that collide after conversion are numbered in spec order (``FooBar``,
  ``FooBar2``).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import field

from ...immutable import immutable
from ...model.ir import Api, ApiGroup, AuthKind, EnumType, Model, Operation, SecurityScheme
from ...model.naming import UniqueNames, kebab, pascal
from ...render.text import remembered
from ..sdk_shape import BODY, parameter_key

KEYWORDS = frozenset(
    """abstract as base bool break byte case catch char checked class const continue decimal default delegate do
    double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface
    internal is lock long namespace new null object operator out override params private protected public readonly
    ref return sbyte sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong
    unchecked unsafe ushort using virtual void volatile while""".split()
)
"""C#'s reserved keywords (contextual ones such as ``var`` or ``value`` are valid names)."""

TYPE_NAMES_TAKEN = frozenset(
    {
        # what the generated files use by their simple names (System, collections, tasks)
        "System", "Object", "String", "Exception", "Func", "Action", "Math", "Convert", "Uri", "TimeSpan",
        "Environment", "Nullable", "Array", "Type", "Attribute", "ObsoleteAttribute", "Obsolete", "IEquatable",
        "IList", "List", "IDictionary", "Dictionary", "IEnumerable", "ISet", "HashSet", "KeyValuePair",
        "Task", "CancellationToken", "HttpClient", "Linq", "Collections", "Threading", "Net", "Http",
        # the SDK's own namespaces and runtime types
        "Models", "Apis", "Exceptions", "Core", "Json", "JsonObject", "JsonRead", "IJsonModel", "Values",
        "ApiRequest", "ApiResponse", "HttpRuntime", "ApiException", "BaseApi", "Builder",
    }
)  # fmt: skip
"""Type names a model or enum must not take (it would hide the type of that name)."""

MODEL_MEMBERS = frozenset(
    {
        "Builder", "ToBuilder", "Build", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
        "Finalize", "ReferenceEquals", "AdditionalProperties", "ToJson", "FromJson", "IsSet", "Values", "Json",
        "Given", "Additional",
    }
)  # fmt: skip
"""Members every model (and its builder) has: a property cannot be called these."""

GROUP_MEMBERS = frozenset({"Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "SendAsync"})
CLIENT_MEMBERS = frozenset(
    {"Builder", "ToBuilder", "Build", "Environment", "BaseUrl", "Timeout", "MaxRetries", "HttpClient", "AccessToken"}
    | {"BasicAuth", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize"}
)
METHOD_RESERVED = frozenset({"cancellationToken", "request", "response", "json"})
"""Names every generated method uses for itself."""

MAX_FILE_STEM = 64
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(1, 10)})


def identifier(text: str, fallback: str, digit_prefix: str) -> str:
    """A valid identifier from an already-cased name: fallback if empty, prefixed if it starts with a digit."""
    if not text:
        return fallback
    return digit_prefix + text if text[0].isdigit() else text


@remembered
def camel(name: str) -> str:
    """``client_id`` -> ``clientId``; ``OAuth`` -> ``oAuth``."""
    text = pascal(name)
    return text[:1].lower() + text[1:]


def escaped(name: str) -> str:
    """A parameter or local name, ``@``-escaped when it is a keyword."""
    return "@" + name if name in KEYWORDS else name


def file_stem(name: str) -> str:
    """At most :data:`MAX_FILE_STEM` characters; a long name is cut and ends in a hash of the whole."""
    if len(name) <= MAX_FILE_STEM:
        return name
    return f"{name[: MAX_FILE_STEM - 11]}_{hashlib.sha256(name.encode()).hexdigest()[:10]}"


class FileNames:
    """File stems unique within one folder even where case does not count (Windows,
    macOS), never a name Windows reserves (``Con.cs``), at most :data:`MAX_FILE_STEM`
    characters: a clash gets ``_`` (a reserved name) or a number."""

    def __init__(self, taken: frozenset[str] = frozenset()) -> None:
        self._taken = {name.lower() for name in taken}
        self._numbered: dict[str, int] = {}  # a base -> the number its next variant may have (those below are taken)

    def take(self, name: str) -> str:
        """The stem for a file of the type called ``name``."""
        base = file_stem(name)
        if base.lower() in WINDOWS_RESERVED:
            base += "_"
        stem, n = base, self._numbered.get(base, 2)
        if stem.lower() in self._taken:
            stem = f"{base}{n}"
            while stem.lower() in self._taken:
                n += 1
                stem = f"{base}{n}"
            self._numbered[base] = n + 1
        self._taken.add(stem.lower())
        return stem


def namespace(package: str) -> str:
    """The SDK's namespace from a package name: each dotted part PascalCase
    (``square_oauth`` -> ``SquareOauth``, ``Square.OAuth`` -> ``Square.OAuth``)."""
    parts = [identifier(pascal(part), "Sdk", "N") for part in package.split(".")]
    return ".".join(part + "_" if part in TYPE_NAMES_TAKEN else part for part in parts)


def client_class(title: str) -> str:
    """The client's class from the spec's title: ``Square OAuth API`` -> ``SquareOAuthClient``."""
    words = pascal(title)
    for suffix in ("API", "Api"):
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
    return identifier(words, "Api", "N") + "Client"


@immutable
class GroupNames:
    """Names for one API group."""

    class_name: str
    interface: str
    class_file: str  # file stems below Apis/
    interface_file: str
    property: str
    variable: str
    doc_file: str
    methods: dict[str, str]  # operationId -> method name (the blocking one; the other ends in Async)


@immutable
class TypeNames:
    """Names for one model or enum."""

    class_name: str
    doc_file: str
    file: str  # the file stem below Models/
    fields: dict[str, str] = field(default_factory=dict)  # wire name -> property
    members: dict[str | int, str] = field(default_factory=dict)  # enum value -> constant


@immutable
class CSharpNames:
    """Every C# name of one API."""

    client: str
    client_file: str
    types: dict[str, TypeNames]
    groups: dict[str, GroupNames]

    def of_type(self, ir_name: str) -> TypeNames:
        """Names of the model or enum the IR calls ``ir_name``."""
        return self.types[ir_name]


def name_api(api: Api) -> CSharpNames:
    """Decide every name of ``api`` in one pass, in spec order."""
    client = client_class(api.title)
    classes = UniqueNames(TYPE_NAMES_TAKEN | {client}, sep="")
    doc_files = UniqueNames(WINDOWS_RESERVED)
    files = FileNames()
    types: dict[str, TypeNames] = {}
    for model in api.models.values():
        types[model.name] = _name_model(model, classes, doc_files, files)
    for enum in api.enums.values():
        types[enum.name] = _name_enum(enum, classes, doc_files, files)
    group_classes = UniqueNames(TYPE_NAMES_TAKEN | {client} | {t.class_name for t in types.values()}, sep="")
    properties = UniqueNames(CLIENT_MEMBERS | {client}, sep="")
    group_docs = UniqueNames(WINDOWS_RESERVED)
    group_files = FileNames(frozenset({"BaseApi"}))
    groups = {g.name: _name_group(g, group_classes, properties, group_docs, group_files) for g in api.groups}
    return CSharpNames(client, FileNames(frozenset({"Environment"})).take(client), types, groups)


def _class_name(raw: str, fallback: str) -> str:
    return identifier(pascal(raw), fallback, "N")


def _name_model(model: Model, classes: UniqueNames, doc_files: UniqueNames, files: FileNames) -> TypeNames:
    class_name = classes.take(_class_name(model.name, "UnnamedModel"))
    properties = UniqueNames(MODEL_MEMBERS | {class_name}, sep="")
    return TypeNames(
        class_name=class_name,
        doc_file=doc_files.take(file_stem(kebab(class_name))) + ".md",
        file=files.take(class_name),
        fields={f.name: properties.take(_property(f.name)) for f in model.fields},
    )


def _name_enum(enum: EnumType, classes: UniqueNames, doc_files: UniqueNames, files: FileNames) -> TypeNames:
    class_name = classes.take(_class_name(enum.name, "UnnamedEnum"))
    members = UniqueNames(MODEL_MEMBERS | {class_name}, sep="")
    return TypeNames(
        class_name=class_name,
        doc_file=doc_files.take(file_stem(kebab(class_name))) + ".md",
        file=files.take(class_name),
        members={v.value: members.take(_constant(str(v.value))) for v in enum.values},
    )


@functools.lru_cache(maxsize=1 << 16)
def _property(wire_name: str) -> str:
    return identifier(pascal(wire_name), "Field", "N")


@functools.lru_cache(maxsize=1 << 16)
def _constant(value: str) -> str:
    return identifier(pascal(value.lower()) if value.isupper() else pascal(value), "Empty", "Value")


def _name_group(
    group: ApiGroup, classes: UniqueNames, properties: UniqueNames, docs: UniqueNames, files: FileNames
) -> GroupNames:
    class_name = classes.take(_class_name(group.name, "Default") + "Api")
    interface = classes.take("I" + class_name)
    used = set(GROUP_MEMBERS | {class_name})
    taken: dict[str, str] = {}
    for op in group.operations:
        # the blocking method and its Async twin are both free: FooAsync of one operation
        # must not meet the Async twin of another called Foo
        base = identifier(pascal(op.operation_id), "Call", "N")
        name, n = base, 2
        while name in used or name + "Async" in used:
            name, n = f"{base}{n}", n + 1
        used |= {name, name + "Async"}
        taken[op.operation_id] = name
    prop = properties.take(class_name)
    return GroupNames(
        class_name=class_name,
        interface=interface,
        class_file=files.take(class_name),
        interface_file=files.take(interface),
        property=prop,
        variable=escaped(camel(prop)),
        doc_file=docs.take(file_stem(kebab(group.name) or "default")) + ".md",
        methods=taken,
    )


def parameter_names(op: Operation) -> dict[str, str]:
    """C# parameter names of an operation, keyed as :func:`~generator.targets.sdk_shape.call_order`
    keys them; camelCase, unique within the method, keywords ``@``-escaped."""
    taken = UniqueNames(METHOD_RESERVED, sep="")
    names: dict[str, str] = {}
    if op.body is not None:
        names[BODY] = taken.take("body")
    for param in op.parameters:
        name = identifier(camel(param.name), "param", "n")
        names[parameter_key(param.location, param.name)] = escaped(taken.take(name))
    return names


def credential_names(schemes: tuple[SecurityScheme, ...]) -> dict[str, str]:
    """The client builder's method for each credential it holds, by scheme name:
    ``AccessToken`` for bearer tokens, ``BasicAuth`` for HTTP Basic, else from the scheme's name."""
    taken = UniqueNames(CLIENT_MEMBERS, sep="")
    names: dict[str, str] = {}
    for scheme in schemes:
        if scheme.kind is AuthKind.BEARER:
            names[scheme.name] = "AccessToken"
        elif scheme.kind is AuthKind.BASIC:
            names[scheme.name] = "BasicAuth"
        else:
            names[scheme.name] = taken.take(identifier(pascal(scheme.name), "ApiKey", "Key"))
    return names
