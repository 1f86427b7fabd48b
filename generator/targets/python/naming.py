"""Python identifiers and file names for everything in an :class:`~generator.ir.Api`.

All names are decided here, once, in a fixed order (the spec's), so the same spec always
gives the same names. Rules:

- classes are PascalCase, modules, methods, attributes and parameters snake_case, enum
  members UPPER_SNAKE_CASE, doc files kebab-case;
- a name that starts with a digit gets a letter in front (``n``/``N``), an empty one a
  fallback (``value``, ``Model``...);
- Python keywords and the names each scope needs for itself (``builder``, ``to_dict``,
  ``build``, ``self``, ``request_options``, the runtime names a module imports) get a
  trailing ``_`` or a number;
- names that collide after conversion (``fooBar``, ``foo_bar``, ``FooBar``) are numbered
  in spec order: ``foo_bar``, ``foo_bar_2``, ``foo_bar_3``.
"""

from __future__ import annotations

import builtins
import keyword
from dataclasses import dataclass, field

from ...ir import Api, ApiGroup, EnumType, Model, Operation
from ...naming import UniqueNames, constant, kebab, pascal, snake

KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)

# Names the generated modules import or define at module level, which a class must not take.
MODULE_LEVEL_NAMES = frozenset(
    {
        "Any",
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
        "StrEnum",
        "IntEnum",
        "Request",
        "RequestOptions",
        "SyncHttp",
        "AsyncHttp",
        "Client",
        "AsyncClient",
        "ApiError",
    }
) | frozenset(n for n in dir(builtins) if n[:1].isupper())

# Members of every generated model and builder: fields cannot be called these.
MODEL_MEMBERS = frozenset({"builder", "to_builder", "to_dict", "from_dict", "extra_fields", "build", "self", "cls"})
# Members of a client besides its API groups.
CLIENT_MEMBERS = frozenset({"close", "aclose", "self"})
# Parameter names every generated method uses for itself, and names its body refers to.
METHOD_RESERVED = frozenset({"self", "request_options", "warnings"})


def identifier(text: str, fallback: str, digit_prefix: str) -> str:
    """A valid identifier from an already-cased name: fallback if empty, prefixed if it starts with a digit."""
    if not text:
        return fallback
    return digit_prefix + text if text[0].isdigit() else text


@dataclass(frozen=True)
class GroupNames:
    """Names for one API group."""

    class_name: str
    async_class_name: str
    attribute: str
    module: str
    doc_file: str
    methods: dict[str, str]  # operationId -> method name


@dataclass(frozen=True)
class TypeNames:
    """Names for one model or enum."""

    class_name: str
    module: str
    doc_file: str
    builder: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # wire name -> attribute
    members: dict[str | int, str] = field(default_factory=dict)  # enum value -> member


@dataclass(frozen=True)
class PythonNames:
    """Every Python name of one API."""

    types: dict[str, TypeNames]
    groups: dict[str, GroupNames]

    def of_type(self, ir_name: str) -> TypeNames:
        """Names of the model or enum the IR calls ``ir_name``."""
        return self.types[ir_name]


def name_api(api: Api) -> PythonNames:
    """Decide every name of ``api`` in one pass, in spec order."""
    classes = UniqueNames(MODULE_LEVEL_NAMES | KEYWORDS, sep="")
    modules = UniqueNames(KEYWORDS)
    doc_files = UniqueNames()
    types: dict[str, TypeNames] = {}
    for model in api.models.values():
        types[model.name] = _name_model(model, classes, modules, doc_files)
    for enum in api.enums.values():
        types[enum.name] = _name_enum(enum, classes, modules, doc_files)
    attributes = UniqueNames(CLIENT_MEMBERS | KEYWORDS)
    group_modules = UniqueNames(KEYWORDS)
    group_docs = UniqueNames()
    groups = {g.name: _name_group(g, classes, attributes, group_modules, group_docs) for g in api.groups}
    return PythonNames(types, groups)


def _class_name(raw: str, fallback: str) -> str:
    return identifier(pascal(raw), fallback, "N")


def _name_model(model: Model, classes: UniqueNames, modules: UniqueNames, doc_files: UniqueNames) -> TypeNames:
    class_name = classes.take(_class_name(model.name, "Model"))
    builder = classes.take(class_name + "Builder")
    attrs = UniqueNames(KEYWORDS | MODEL_MEMBERS)
    fields = {f.name: attrs.take(identifier(snake(f.name), "field", "n")) for f in model.fields}
    return TypeNames(
        class_name=class_name,
        module=modules.take(snake(class_name)),
        doc_file=doc_files.take(kebab(class_name)) + ".md",
        builder=builder,
        fields=fields,
    )


def _name_enum(enum: EnumType, classes: UniqueNames, modules: UniqueNames, doc_files: UniqueNames) -> TypeNames:
    class_name = classes.take(_class_name(enum.name, "Enum"))
    members = UniqueNames()
    return TypeNames(
        class_name=class_name,
        module=modules.take(snake(class_name)),
        doc_file=doc_files.take(kebab(class_name)) + ".md",
        members={v.value: members.take(identifier(constant(str(v.value)), "EMPTY", "VALUE_")) for v in enum.values},
    )


def _name_group(
    group: ApiGroup, classes: UniqueNames, attributes: UniqueNames, modules: UniqueNames, docs: UniqueNames
) -> GroupNames:
    base = _class_name(group.name, "Default")
    class_name = classes.take(base + "Api")
    methods = UniqueNames(KEYWORDS | {"self"})
    return GroupNames(
        class_name=class_name,
        async_class_name=classes.take("Async" + class_name),
        attribute=attributes.take(identifier(snake(group.name), "default", "n")),
        module=modules.take(identifier(snake(group.name), "default", "n")),
        doc_file=docs.take(kebab(group.name) or "default") + ".md",
        methods={
            op.operation_id: methods.take(identifier(snake(op.operation_id), "call", "n")) for op in group.operations
        },
    )


def parameter_names(op: Operation) -> dict[str, str]:
    """Python parameter names of an operation: ``"body"`` for the body, then each
    parameter keyed ``"<location>:<wire name>"``, unique within the method."""
    taken = UniqueNames(KEYWORDS | METHOD_RESERVED)
    names: dict[str, str] = {}
    if op.body is not None:
        names["body"] = taken.take("body")
    for param in op.parameters:
        names[f"{param.location.value}:{param.name}"] = taken.take(identifier(snake(param.name), "param", "n"))
    return names
