"""Which files the C# SDK has, and the plain values each template renders.

As in the Python target, every decision is made here and handed to templates as a ready
value; spec text is passed raw and escaped by the templates with the filter for its
context (:mod:`.escape` for C#, :mod:`generator.render` for Markdown). The runtime
(JSON, HTTP, value helpers) is C# source in ``runtime/``, copied into the SDK with only
its namespace line changed, so it is compiled and tested as it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import partial
from importlib import resources
from typing import Any

from ...errors import UsageError
from ...ir import Api, ApiGroup, AuthKind, EnumType, Model, Operation, ParamLocation, TypeKind
from ...naming import title
from ...sdk_shape import BODY, body_kind, call_order, error_item_model, parameter_key, response_kind
from ...subjects import EVERYTHING, HEAD, group_module, model_module, type_subject
from .. import Deferred, RenderJob, TargetOptions, shows
from .naming import CSharpNames, camel, credential_names, escaped, name_api, namespace, parameter_names
from .types import cs_type, enum_base, optional, reader, referenced_models

RUNTIME_FILES = ("Http.cs", "Json.cs", "Values.cs")
RUNTIME_NAMESPACE = "namespace SdkforgeRuntime\n"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


@dataclass(frozen=True)
class FieldView:
    prop: str
    wire: str
    type: str  # the property's type
    required: bool  # always sent (and a builder constructor argument)
    read_only: bool
    sensitive: bool
    deprecated: bool
    nullable: bool
    description: str
    reader: str  # Func<object, T> reading its JSON value
    private: str  # the builder's field
    param: str  # the builder constructor's parameter

    @property
    def declaration_text(self) -> str:
        return f"{self.type} {self.param}"

    @property
    def copy_param(self) -> str:
        """The constructor argument as the builder keeps it (a list or map copied read-only)."""
        return self._copied(self.param)

    @property
    def copy_value(self) -> str:
        """A setter's ``value`` as the builder keeps it."""
        return self._copied("value")

    def _copied(self, name: str) -> str:
        return f"Values.Copy({name})" if self.type.startswith(("IList<", "IDictionary<")) else name


@dataclass(frozen=True)
class ModelView:
    class_name: str
    description: str
    deprecated: bool
    fields: tuple[FieldView, ...]
    required: tuple[FieldView, ...]

    uses_deprecated: bool  # obsolete fields or models: warnings meant for the SDK's users


@dataclass(frozen=True)
class MemberView:
    name: str
    value: str | int
    description: str


@dataclass(frozen=True)
class EnumView:
    class_name: str
    description: str
    base: str  # string or int
    members: tuple[MemberView, ...]


@dataclass(frozen=True)
class ParamView:
    name: str
    wire: str
    location: str  # path, query, header, cookie, body
    type: str
    required: bool
    description: str
    delimiter: str | None = None  # a query list sent as one delimited value

    @property
    def declaration(self) -> str:
        """``string clientId``, or ``int? limit = null`` for an optional one."""
        return f"{self.type} {self.name}" if self.required else f"{self.type} {self.name} = null"


@dataclass(frozen=True)
class MethodView:
    name: str
    async_name: str
    http_method: str
    path: str
    description: str
    deprecated: bool
    params: tuple[ParamView, ...]
    body: ParamView | None
    body_kind: str  # json, form, multipart, content
    content_type: str
    authenticated: bool
    idempotent: bool
    return_type: str | None  # None: the call returns nothing
    model_return: str | None  # the model's class when the result is one (for docs)
    parse: str  # expression turning `response` into the result
    return_description: str

    @property
    def declarations(self) -> list[str]:
        return [p.declaration for p in self.params]

    @property
    def task(self) -> str:
        return f"Task<{self.return_type}>" if self.return_type else "Task"

    @property
    def arguments(self) -> str:
        return ", ".join(p.name for p in self.params)


@dataclass(frozen=True)
class GroupView:
    class_name: str
    interface: str
    property: str
    variable: str
    doc_file: str
    title: str
    description: str
    methods: tuple[MethodView, ...]
    uses_deprecated: bool  # obsolete operations or models: warnings meant for the SDK's users


@dataclass(frozen=True)
class EnvironmentView:
    name: str
    url: str
    description: str


@dataclass(frozen=True)
class AuthView:
    method: str  # the client builder's method
    field: str  # its private field
    kind: str  # bearer, basic, api_key
    location: str  # header, query, cookie
    wire_name: str
    description: str


def plan(
    api: Api, options: TargetOptions, names: CSharpNames | None = None, subjects: Collection[str] | None = None
) -> list[RenderJob]:
    """The files of a C# SDK for ``api`` (see :func:`generator.targets.python.plan` for ``subjects``)."""
    if names is None:
        names = name_api(api)
    ns = namespace(options.package_name or api.title or "Sdk")
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", ns) or not ns.isascii():
        raise UsageError(f"package name {options.package_name!r} does not make a C# namespace")
    folder = ns
    groups = [partial(group_view, g, names, api, ns) for g in api.groups]
    error = error_item_model(api)
    common: dict[str, Any] = {
        "namespace": ns,
        "client": names.client,
        "version": options.package_version,
        "title": api.title or title(ns),
        "api": api,
        "environments": environment_views(api),
        "auth": auth_views(api),
        "group_names": [names.groups[g.name] for g in api.groups],
        "error_model": names.of_type(error).class_name if error else None,
    }
    head, everything, none = frozenset({HEAD}), frozenset({EVERYTHING}), frozenset[str]()
    jobs = [
        RenderJob(f"{folder}/{folder}.csproj", "project.csproj.j2", common, head),
        RenderJob(f"{folder}/{names.client_file}.cs", "Client.cs.j2", common, everything),
        RenderJob(f"{folder}/Environment.cs", "Environment.cs.j2", common, head),
        RenderJob(f"{folder}/Exceptions/ApiException.cs", "Exceptions/ApiException.cs.j2", common, everything),
        RenderJob(f"{folder}/Apis/BaseApi.cs", "Apis/BaseApi.cs.j2", common, everything),
    ]
    for file in RUNTIME_FILES:
        jobs.append(RenderJob(f"{folder}/Core/{file}", "runtime.cs.j2", {"text": runtime_source(file, ns)}, none))
    for i, group in enumerate(api.groups):
        if shows(shown := group_module(group, api), subjects):
            values = Deferred(partial(_with, common, "group", groups[i]))
            own = names.groups[group.name]
            jobs.append(RenderJob(f"{folder}/Apis/{own.interface_file}.cs", "Apis/IApi.cs.j2", values, shown))
            jobs.append(RenderJob(f"{folder}/Apis/{own.class_file}.cs", "Apis/Api.cs.j2", values, shown))
    for model in api.models.values():
        if shows(shown := model_module(model), subjects):
            path = f"{folder}/Models/{names.of_type(model.name).file}.cs"
            jobs.append(
                RenderJob(
                    path,
                    "Models/Model.cs.j2",
                    Deferred(partial(_with, common, "model", partial(model_view, model, names, api, ns))),
                    shown,
                )
            )
    for enum in api.enums.values():
        if shows(shown := frozenset({type_subject(enum.name)}), subjects):
            path = f"{folder}/Models/{names.of_type(enum.name).file}.cs"
            jobs.append(
                RenderJob(
                    path,
                    "Models/Enum.cs.j2",
                    Deferred(partial(_with, common, "enum", partial(enum_view, enum, names))),
                    shown,
                )
            )
    from .docs import doc_jobs  # the docs show the views made here

    jobs += doc_jobs(api, names, groups, common, subjects)
    return [job for job in jobs if shows(job.subjects, subjects)]


def _with(common: dict[str, Any], key: str, make: Any) -> dict[str, Any]:
    return {**common, key: make()}


def runtime_source(file: str, ns: str) -> str:
    """A runtime file's C# source, in the SDK's ``<namespace>.Core``."""
    text = resources.files(__package__).joinpath("runtime", file).read_text(encoding="utf-8")
    assert text.startswith(RUNTIME_NAMESPACE), f"runtime/{file} starts with {RUNTIME_NAMESPACE!r}"
    return f"namespace {ns}.Core\n" + text[len(RUNTIME_NAMESPACE) :]


def model_view(model: Model, names: CSharpNames, api: Api, ns: str) -> ModelView:
    """What the template shows of one model; ``ns``: the SDK's namespace."""
    own = names.of_type(model.name)
    params = set()
    fields = []
    for f in model.fields:
        required = f.required and not f.read_only and not f.write_only
        type_text = cs_type(f.type, names, api)
        type_text = type_text if required else optional(type_text)
        prop = own.fields[f.name]
        param = camel(prop)
        while param in params or param in ("value", "json", "builder", "request"):
            param += "_"
        params.add(param)
        fields.append(
            FieldView(
                prop=prop,
                wire=f.name,
                type=type_text,
                required=required,
                read_only=f.read_only,
                sensitive=f.sensitive,
                deprecated=f.deprecated,
                nullable=f.type.nullable,
                description=f.description,
                reader=reader(type_text, ns),
                private="_" + camel(prop),
                param=escaped(param),
            )
        )
    used = {name for f in model.fields for name in referenced_models(f.type)}
    deprecated = model.deprecated or any(f.deprecated for f in model.fields)
    deprecated = deprecated or any(api.models[m].deprecated for m in used if m in api.models)
    needed = tuple(f for f in fields if f.required)
    return ModelView(own.class_name, model.description, model.deprecated, tuple(fields), needed, deprecated)


def enum_view(enum: EnumType, names: CSharpNames) -> EnumView:
    own = names.of_type(enum.name)
    base = enum_base(enum)
    return EnumView(
        own.class_name,
        enum.description,
        base,
        tuple(MemberView(own.members[v.value], v.value, v.description) for v in enum.values),
    )


def group_view(group: ApiGroup, names: CSharpNames, api: Api, ns: str) -> GroupView:
    """What the templates (and the SDK's surface) show of one group."""
    own = names.groups[group.name]
    methods = tuple(_method_view(op, own.methods[op.operation_id], names, api, ns) for op in group.operations)
    types = [p.type for op in group.operations for p in op.parameters]
    types += [op.body.type for op in group.operations if op.body is not None]
    types += [r.type for op in group.operations for r in op.responses if r.type is not None]
    used = {name for t in types for name in referenced_models(t)}
    deprecated = any(m.deprecated for m in methods) or any(api.models[m].deprecated for m in used if m in api.models)
    return GroupView(
        class_name=own.class_name,
        interface=own.interface,
        property=own.property,
        variable=own.variable,
        doc_file=own.doc_file,
        title=title(group.name) or "Default",
        description=group.description,
        methods=methods,
        uses_deprecated=deprecated,
    )


def _method_view(op: Operation, name: str, names: CSharpNames, api: Api, ns: str) -> MethodView:
    cs_names = parameter_names(op)
    views: dict[str, ParamView] = {}
    for param in op.parameters:
        key = parameter_key(param.location, param.name)
        delimiter = None
        if param.location is ParamLocation.QUERY and not param.explode and param.type.kind is TypeKind.ARRAY:
            delimiter = _DELIMITERS.get(param.style or "form")
        type_text = cs_type(param.type, names, api, "Models.")
        views[key] = ParamView(
            cs_names[key], param.name, param.location.value, type_text, param.required, param.description, delimiter
        )
    if op.body is not None:
        type_text = cs_type(op.body.type, names, api, "Models.")
        views[BODY] = ParamView(cs_names[BODY], "", "body", type_text, op.body.required, op.body.description)
    required, optional_keys = call_order(op)
    params = [views[k] for k in required] + [
        ParamView(v.name, v.wire, v.location, optional(v.type), False, v.description, v.delimiter)
        for v in (views[k] for k in optional_keys)
    ]
    success = op.success_response
    expect = response_kind(success.media_type if success is not None else None)
    return_type: str | None = None
    model_return = None
    parse = ""
    if expect == "json" and success is not None and success.type is not None:
        return_type = cs_type(success.type, names, api, "Models.")
        parse = f"{reader(return_type, ns)}(Json.Parse(response.Body))"
        if success.type.kind is TypeKind.MODEL and success.type.name in api.models:
            model_return = names.of_type(success.type.name).class_name
    elif expect == "text":
        return_type, parse = "string", "response.Body"
    elif expect == "bytes":
        return_type, parse = "byte[]", "response.Bytes"
    kind = body_kind(op.body.media_type) if op.body is not None else "json"
    return MethodView(
        name=name,
        async_name=name + "Async",
        http_method=op.method,
        path=op.path,
        description=op.description or op.summary or f"{title(op.operation_id)}.",
        deprecated=op.deprecated,
        params=tuple(params),
        body=next((p for p in params if p.location == "body"), None),
        body_kind=kind,
        content_type=op.body.media_type if op.body is not None else "",
        authenticated=op.uses_client_auth,
        idempotent=op.method in IDEMPOTENT_METHODS,
        return_type=return_type,
        model_return=model_return,
        parse=parse,
        return_description=success.description if success is not None else "",
    )


def environment_views(api: Api) -> tuple[EnvironmentView, ...]:
    taken: set[str] = set()
    views = []
    for server in api.servers:
        name = re.sub(r"\W", "", title(server.name).replace(" ", "")) or "Default"
        name = "N" + name if name[0].isdigit() else name
        base, n = name, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        taken.add(name)
        views.append(EnvironmentView(name, server.url, server.description))
    return tuple(views) or (EnvironmentView("Default", "", "No server is given: set a base URL."),)


def auth_views(api: Api) -> tuple[AuthView, ...]:
    """The credentials the client holds, one builder method each."""
    views: list[AuthView] = []
    methods = credential_names(api.client_auth)
    for scheme in api.client_auth:
        method = methods[scheme.name]
        if any(v.method == method for v in views):
            continue
        if scheme.kind is AuthKind.API_KEY:
            location, wire = (scheme.location or ParamLocation.HEADER).value, scheme.param_name or scheme.name
        else:
            location, wire = "header", "Authorization"
        views.append(AuthView(method, "_" + camel(method), scheme.kind.value, location, wire, scheme.description))
    return tuple(views)
