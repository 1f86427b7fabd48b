"""Which files the C# SDK has, and the plain values each template renders.

As in the Python target, every decision is made here and handed to templates as a ready
value; spec text is passed raw and escaped by the templates with the filter for its
context (:mod:`.escape` for C#, :mod:`generator.render.engine` for Markdown). The runtime
(JSON, HTTP, value helpers) is C# source in ``runtime/``, copied into the SDK with only
its namespace line changed, so it is compiled and tested as it is.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import partial
from importlib import resources
from typing import Any

from ...errors import UsageError
from ...model.ir import Api, ApiGroup, AuthKind, EnumType, Field, Model, Operation, ParamLocation, TypeKind
from ...model.naming import title
from ...model.subjects import (
    EVERYTHING,
    HEAD,
    asked,
    group_module,
    group_subject,
    model_module,
    owner_asked,
    type_subject,
)
from ...render.job import Deferred, RenderJob, shows
from .. import TargetOptions
from ..sdk_shape import (
    BODY,
    IDEMPOTENT_METHODS,
    body_kind,
    call_order,
    error_item_model,
    parameter_key,
    response_kind,
)
from .docs import doc_jobs
from .escape import cs_str
from .naming import CSharpNames, camel, credential_names, escaped, name_api, namespace, parameter_names
from .types import cs_type, enum_base, optional, reader, referenced_models
from .views import (
    AuthView,
    EnumView,
    EnvironmentView,
    FieldView,
    GroupView,
    MemberView,
    MethodView,
    ModelView,
    ParamView,
)

RUNTIME_FILES = ("Http.cs", "Json.cs", "Values.cs")
RUNTIME_NAMESPACE = "namespace SdkforgeRuntime\n"
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


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
    head: dict[str, Any] = {  # every file's: plain values of the options and the API's title
        "namespace": ns,
        "client": names.client,
        "version": options.package_version,
        "title": api.title or title(ns),
    }
    environments = environment_views(api)
    auth = auth_views(api)
    head_only, everything, none = frozenset({HEAD}), frozenset({EVERYTHING}), frozenset[str]()
    jobs = [
        RenderJob(f"{folder}/{folder}.csproj", "project.csproj.j2", head, head_only),
        RenderJob(
            f"{folder}/{names.client_file}.cs",
            "Client.cs.j2",
            {
                **head,
                "auth": auth,
                "environments": environments,
                "group_names": tuple(names.groups[g.name] for g in api.groups),
            },
            everything,
        ),
        RenderJob(f"{folder}/Environment.cs", "Environment.cs.j2", {**head, "environments": environments}, head_only),
        RenderJob(
            f"{folder}/Exceptions/ApiException.cs",
            "Exceptions/ApiException.cs.j2",
            {**head, "error_model": names.of_type(error).class_name if error else None},
            everything,
        ),
        RenderJob(f"{folder}/Apis/BaseApi.cs", "Apis/BaseApi.cs.j2", head, everything),
    ]
    for file in RUNTIME_FILES:
        text = runtime_source(file, ns)
        jobs.append(RenderJob(f"{folder}/Core/{file}", "runtime.cs.j2", {**head, "text": text}, none))
    may_show = owner_asked(subjects)
    for i, group in enumerate(api.groups):
        if not may_show(group_subject(group.name)):
            continue
        if shows(shown := group_module(group, api), subjects):
            values = Deferred(partial(_with, head, "group", groups[i]))
            own = names.groups[group.name]
            jobs.append(RenderJob(f"{folder}/Apis/{own.interface_file}.cs", "Apis/IApi.cs.j2", values, shown))
            jobs.append(RenderJob(f"{folder}/Apis/{own.class_file}.cs", "Apis/Api.cs.j2", values, shown))
    for model in api.models.values():
        if not may_show(type_subject(model.name)):
            continue
        if shows(shown := model_module(model), subjects):
            path = f"{folder}/Models/{names.of_type(model.name).file}.cs"
            values = Deferred(partial(_with, head, "model", partial(model_view, model, names, api, ns)))
            jobs.append(RenderJob(path, "Models/Model.cs.j2", values, shown))
    for enum in api.enums.values():
        if shows(shown := frozenset({type_subject(enum.name)}), subjects):
            path = f"{folder}/Models/{names.of_type(enum.name).file}.cs"
            values = Deferred(partial(_with, head, "enum", partial(enum_view, enum, names)))
            jobs.append(RenderJob(path, "Models/Enum.cs.j2", values, shown))
    jobs += doc_jobs(api, names, groups, partial(method_view_at, api, names, ns), head, auth, environments, subjects)
    return [job for job in jobs if asked(job.subjects, subjects)]


def _with(head: dict[str, Any], key: str, make: Any) -> dict[str, Any]:
    return {**head, key: make()}


def runtime_source(file: str, ns: str) -> str:
    """A runtime file's C# source, in the SDK's ``<namespace>.Core``."""
    text = resources.files(__package__).joinpath("runtime", file).read_text(encoding="utf-8")
    assert text.startswith(RUNTIME_NAMESPACE), f"runtime/{file} starts with {RUNTIME_NAMESPACE!r}"
    return f"namespace {ns}.Core\n" + text[len(RUNTIME_NAMESPACE) :]


def field_types(model: Model, names: CSharpNames, api: Api) -> Iterator[tuple[Field, str, str, bool]]:
    """Each field of ``model`` with its property's name, its C# type and whether its
    builder takes it: what the template and the SDK's surface both show of it."""
    own = names.of_type(model.name)
    for f in model.fields:
        required = f.required and not f.read_only and not f.write_only
        type_text = cs_type(f.type, names, api)
        yield f, own.fields[f.name], type_text if required else optional(type_text), required


def model_view(model: Model, names: CSharpNames, api: Api, ns: str) -> ModelView:
    """What the template shows of one model; ``ns``: the SDK's namespace."""
    own = names.of_type(model.name)
    params = set()
    fields = []
    for f, prop, type_text, required in field_types(model, names, api):
        lowered = camel(prop)
        param = lowered
        while param in params or param in ("value", "json", "builder", "request"):
            param += "_"
        params.add(param)
        fields.append(
            FieldView(
                prop=prop,
                wire=f.name,
                wire_literal=cs_str(f.name),
                type=type_text,
                required=required,
                read_only=f.read_only,
                sensitive=f.sensitive,
                deprecated=f.deprecated,
                nullable=f.type.nullable,
                description=f.description,
                reader=reader(type_text, ns),
                private="_" + lowered,
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
    members = tuple(MemberView(own.members[v.value], v.value, v.description) for v in enum.values)
    return EnumView(own.class_name, enum.description, enum_base(enum), members)


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


def method_view_at(api: Api, names: CSharpNames, ns: str, i: int, j: int) -> MethodView:
    """The view of the ``j``-th method of group ``i`` alone (the README's quick start
    shows one method: its group's view holds them all)."""
    group = api.groups[i]
    op = group.operations[j]
    return _method_view(op, names.groups[group.name].methods[op.operation_id], names, api, ns)


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
    content_type = op.body.media_type if op.body is not None else ""
    return MethodView(
        name=name,
        async_name=name + "Async",
        http_method=op.method,
        path=op.path,
        description=op.description or op.summary or f"{title(op.operation_id)}.",
        deprecated=op.deprecated,
        params=tuple(params),
        body=next((p for p in params if p.location == "body"), None),
        authenticated=op.uses_client_auth,
        idempotent=op.method in IDEMPOTENT_METHODS,
        return_type=return_type,
        model_return=model_return,
        parse=parse,
        return_description=success.description if success is not None else "",
        statements=tuple(_request_statement(p, kind, content_type) for p in params),
    )


def _request_statement(p: ParamView, kind: str, content_type: str) -> str:
    """The statement putting parameter ``p`` into ``request``; ``kind``: how the body is sent."""
    if p.location == ParamLocation.PATH.value:
        return f"request.PathParameter({cs_str(p.wire)}, {p.name});"
    if p.location == ParamLocation.QUERY.value:
        delimiter = f", {cs_str(p.delimiter)}" if p.delimiter else ""
        return f"request.Query({cs_str(p.wire)}, {p.name}{delimiter});"
    if p.location == ParamLocation.HEADER.value:
        return f"request.Header({cs_str(p.wire)}, {p.name});"
    if p.location == ParamLocation.COOKIE.value:
        return f"request.Cookie({cs_str(p.wire)}, {p.name});"
    if kind == "form":
        return f"request.FormBody({p.name});"
    if kind == "multipart":
        return f"request.MultipartBody({p.name});"
    if kind == "content":
        text = p.name if p.type == "string" else f"Json.Write({p.name})"
        return f"request.TextBody({text}, {cs_str(content_type)});"
    return f"request.JsonBody({p.name});"


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
        field = "_" + camel(method)
        pair = scheme.kind is AuthKind.BASIC
        add = _credential_statement(scheme.kind, location, wire, field)
        views.append(AuthView(method, field, scheme.kind.value, location, wire, scheme.description, pair, add))
    return tuple(views)


def _credential_statement(kind: AuthKind, location: str, wire: str, value: str) -> str:
    """The statement adding the credential in ``value`` to the request's headers (or query)."""
    pair = "new KeyValuePair<string, string>"
    if kind is AuthKind.BEARER:
        return f'authHeaders.Add({pair}({cs_str(wire)}, "Bearer " + {value}));'
    if kind is AuthKind.BASIC:
        encoded = f"Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes({value}))"
        return f'authHeaders.Add({pair}({cs_str(wire)}, "Basic " + {encoded}));'
    if location == ParamLocation.QUERY.value:
        return f"authQuery.Add({pair}({cs_str(wire)}, {value}));"
    if location == ParamLocation.COOKIE.value:
        cookie = f'Uri.EscapeDataString({cs_str(wire)}) + "=" + Uri.EscapeDataString({value})'
        return f'authHeaders.Add({pair}("Cookie", {cookie}));'
    return f"authHeaders.Add({pair}({cs_str(wire)}, {value}));"
