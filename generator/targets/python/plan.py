"""Which files the Python SDK has, and the plain values each template renders.

Every decision about meaning is made here and handed to templates as a ready value
(a class name, an annotation, a flag); templates only lay the values out. Spec text
(descriptions, URLs, paths, examples) is passed raw: the templates escape it with the
filter for its context (see :mod:`generator.render.engine`).
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Collection, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar, overload

from ...errors import UsageError
from ...model.ir import (
    Api,
    ApiGroup,
    AuthKind,
    EnumType,
    Model,
    Operation,
    Pagination,
    ParamLocation,
    TypeKind,
    TypeRef,
)
from ...model.naming import title
from ...model.subjects import (
    EVERYTHING,
    HEAD,
    TYPE_NAMES,
    asked,
    group_module,
    group_subject,
    mentioned,
    model_mentions,
    model_module,
    owner_asked,
    type_subject,
)
from ...render.english import first_sentence, indefinite_article, the_title
from ...render.job import Deferred, RenderJob, shows
from .. import TargetOptions
from ..sdk_shape import (
    IDEMPOTENT_METHODS,
    body_kind,
    error_item_model,
    pages,
    response_kind,
)
from .docs import doc_jobs
from .literals import py_str
from .naming import (
    GroupNames,
    PythonNames,
    credential_parameters,
    global_header_parameters,
    name_api,
    package_name,
)
from .signature import signature
from .types import (
    FieldTypes,
    annotation,
    codec,
    codec_names,
    uses_any,
    uses_datetime,
)
from .views import (
    AuthView,
    ClientView,
    EnumView,
    EnvironmentView,
    FieldView,
    GlobalHeaderView,
    GroupEntryView,
    GroupView,
    MemberView,
    MethodView,
    ModelView,
    PageView,
    ReadmeClient,
    RuntimeDefaults,
    TokenView,
)

T = TypeVar("T")

RUNTIME = RuntimeDefaults()

RUNTIME_MODULES = ("_auth", "_http", "_model", "_pagination", "errors")
"""The modules of ``runtime/``, copied into the SDK as they are (``_auth`` when the API
has a token endpoint, ``_pagination`` when it pages); what they read of the SDK is in
its ``_sdk`` module, rendered from ``package/_sdk.py.j2``."""


_RUNTIME = Path(__file__).parent / "runtime"


@cache
def runtime_source(module: str) -> str:
    """The text of one of the runtime's modules (read by its path: ``importlib.resources``
    would import ``zipfile``, for a package that is never in a zip file; the templates
    are read so too)."""
    return (_RUNTIME / f"{module}.py").read_text(encoding="utf-8")


def runtime_job(package: str, module: str) -> RenderJob:
    """The job copying the runtime's ``module`` into ``package``: its text, no template."""
    source = f"runtime/{module}.py"
    return RenderJob(f"{package}/{module}.py", source, {}, frozenset(), runtime_source(module))


class LazyViews(Sequence[T]):
    """Views made on first use, each once: a run that renders a few files makes the
    views those files show."""

    def __init__(self, makers: list[Callable[[], T]]) -> None:
        self._makers = makers
        self._views: dict[int, T] = {}

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # negative indexes; IndexError past the end
        if index not in self._views:
            self._views[index] = self._makers[index]()
        return self._views[index]

    def __len__(self) -> int:
        return len(self._makers)


def import_order(names: set[str] | list[str]) -> tuple[str, ...]:
    """Names of one ``from x import ...`` in isort's order: CONSTANTS, Classes, functions."""
    return tuple(sorted(set(names), key=_import_key))


def _import_key(name: str) -> tuple[int, str]:
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def plan(
    api: Api, options: TargetOptions, names: PythonNames | None = None, subjects: Collection[str] | None = None
) -> list[RenderJob]:
    """The files of a Python SDK for ``api``, with its ``names`` (decided here if not given).

    Each job's values are worked out when first read, so a run that renders a few files
    only pays for those alone. Each job names the subjects of the model its file is made
    from (see :mod:`generator.model.subjects`). With ``subjects``, only the files made from
    one of them are planned (see :func:`generator.model.subjects.asked`).

    A template receives views only (README.md lists them, beside ``--templates``): plain
    values and the dataclasses made here for its file, never the model.
    """
    if names is None:
        names = name_api(api)
    package = options.package_name or package_name(api.title)
    if not package.isidentifier() or keyword.iskeyword(package) or not package.isascii():
        raise UsageError(f"package name {package!r} is not a valid Python identifier")
    groups = LazyViews([partial(group_view, g, names, api) for g in api.groups])
    field_types = FieldTypes(names, api)
    group_names = tuple(names.groups[g.name] for g in api.groups)
    head: dict[str, Any] = {  # every file's: plain values of the options and the API's title
        "package": package,
        "distribution": package.replace("_", "-"),
        "version": options.package_version,
        "title": api.title or title(package),
        "the_title": the_title(api.title or title(package)),  # as a sentence names the API
        "runtime": RUNTIME,
    }
    auth = auth_views(api, package)
    global_headers = global_header_views(api)
    environments = environment_views(api)
    token = token_view(api)
    error_model = _error_model(api, names)
    pages = any(op.pagination is not None for g in api.groups for op in g.operations)

    head_only, everything, none = frozenset({HEAD}), frozenset({EVERYTHING}), frozenset[str]()
    wanted = {"_auth": token is not None, "_pagination": pages}  # the other modules always
    jobs = [
        RenderJob("pyproject.toml", "pyproject.toml.j2", head, head_only),
        RenderJob(
            f"{package}/__init__.py",
            "package/__init__.py.j2",
            {**head, "groups": group_names, "environments": environments, "token": token, "pages": pages},
            everything,
        ),
        RenderJob(f"{package}/py.typed", "package/py.typed.j2", head, none),
        RenderJob(
            f"{package}/_client.py",
            "package/_client.py.j2",
            Deferred(
                lambda: {
                    **head,
                    "client": client_view(auth),
                    "auth": auth,
                    "global_headers": global_headers,
                    "environments": environments,
                    "groups": tuple(group_entry(g, names) for g in api.groups),
                    "group_imports": _group_imports(group_names, with_raw=False),
                }
            ),
            everything,
        ),
        RenderJob(
            f"{package}/_sdk.py",
            "package/_sdk.py.j2",
            {**head, "global_headers": global_headers, "token": token, "error_model": error_model},
            everything,
        ),
        *(runtime_job(package, module) for module in RUNTIME_MODULES if wanted.get(module, True)),
        RenderJob(
            f"{package}/api/__init__.py",
            "package/api/__init__.py.j2",
            {
                **head,
                "group_imports": _group_imports(group_names, with_raw=True),
                "group_exports": sorted(
                    name
                    for g in group_names
                    for name in (g.class_name, g.async_class_name, g.raw_class_name, g.async_raw_class_name)
                ),
            },
            everything,
        ),
        RenderJob(
            f"{package}/models/__init__.py",
            "package/models/__init__.py.j2",
            Deferred(_models_index, head, api, names),
            frozenset({HEAD, TYPE_NAMES}),  # an index: a field or a description changed leaves it as it is
        ),
    ]
    # For the pages too. Asked for models' and groups' own subjects alone, only theirs are worked out.
    may_show = owner_asked(subjects)
    modules = [group_module(g, api) if may_show(group_subject(g.name)) else None for g in api.groups]
    for i, shown in enumerate(modules):
        if shown is not None and shows(shown, subjects):
            path = f"{package}/api/{group_names[i].module}.py"
            jobs.append(RenderJob(path, "package/api/group.py.j2", Deferred(_group_context, head, groups, i), shown))
    mentions = {name: model_mentions(model) for name, model in api.models.items() if may_show(type_subject(name))}
    for model in api.models.values():
        if model.name not in mentions:
            continue
        if shows(shown := model_module(model, mentions[model.name]), subjects):
            path = f"{package}/models/{names.types[model.name].module}.py"
            values = Deferred(_model_context, head, model, names, field_types)
            jobs.append(RenderJob(path, "package/models/model.py.j2", values, shown))
    for enum in api.enums.values():
        if shows(shown := frozenset({type_subject(enum.name)}), subjects):
            path = f"{package}/models/{names.types[enum.name].module}.py"
            values = Deferred(_enum_context, head, enum, names)
            jobs.append(RenderJob(path, "package/models/enum.py.j2", values, shown))
    client = ReadmeClient(auth, global_headers, token, error_model)
    jobs += doc_jobs(api, names, groups, head, client, field_types, subjects, mentions, modules)  # README.md, doc/
    return jobs if subjects is None else [job for job in jobs if asked(job.subjects, subjects)]


def _models_index(head: dict[str, Any], api: Api, names: PythonNames) -> dict[str, Any]:
    """The models package's index: it lists names only, but of every model: looked up and
    sorted only if it is made."""
    models, enums = tuple(names.types[name] for name in api.models), tuple(names.types[name] for name in api.enums)
    return {
        **head,
        "models": models,
        "enums": enums,
        "model_imports": sorted(
            [(t.module, import_order([t.class_name, t.builder])) for t in models]
            + [(t.module, (t.class_name,)) for t in enums]
        ),
        "model_exports": sorted([t.class_name for t in [*models, *enums]] + [t.builder for t in models]),
    }


def _group_context(head: dict[str, Any], groups: LazyViews[GroupView], i: int) -> dict[str, Any]:
    return {**head, "group": groups[i]}


def _model_context(head: dict[str, Any], model: Model, names: PythonNames, types: FieldTypes) -> dict[str, Any]:
    return {**head, "model": _model_view(model, names, types)}


def _enum_context(head: dict[str, Any], enum: EnumType, names: PythonNames) -> dict[str, Any]:
    return {**head, "enum": _enum_view(enum, names)}


def _model_view(model: Model, names: PythonNames, types: FieldTypes) -> ModelView:
    own = names.of_type(model.name)
    said = [types.of(f.type) for f in model.fields]
    fields = tuple(
        FieldView(
            attr=own.fields[f.name],
            wire=f.name,
            annotation=t.annotation,
            required=f.required and not f.read_only and not f.write_only,
            read_only=f.read_only,
            description=f.description,
            summary=first_sentence(f.description),
            codec=t.codec,
            sensitive=f.sensitive,
        )
        for f, t in zip(model.fields, said, strict=True)
    )
    runtime = {"Field", "Model", "Builder"} | ({"UNSET", "Unset"} if any(not f.required for f in fields) else set())
    for f in fields:
        runtime |= codec_names(f.codec)
    referenced = sorted(
        {r for t in said for r in t.mentioned if r != model.name}, key=lambda r: names.of_type(r).module
    )
    return ModelView(
        class_name=own.class_name,
        article=indefinite_article(own.class_name),
        builder=own.builder,
        module=own.module,
        description=model.description,
        deprecated=model.deprecated,
        fields=fields,
        required=tuple(f for f in fields if f.required),
        runtime_imports=import_order(runtime),
        abc_imports=("Sequence",) if any("Sequence[" in f.annotation for f in fields) else (),
        typing_imports=import_order(
            {"ClassVar", "Self"}
            | ({"TYPE_CHECKING"} if referenced else set())
            | ({"Any"} if any(t.uses_any for t in said) else set())
        ),
        type_checking_imports=tuple((names.of_type(r).module, names.of_type(r).class_name) for r in referenced),
        uses_datetime=any(t.uses_datetime for t in said),
    )


def _enum_view(enum: EnumType, names: PythonNames) -> EnumView:
    own = names.of_type(enum.name)
    return EnumView(
        class_name=own.class_name,
        module=own.module,
        description=enum.description,
        base_class="IntEnum" if enum.base is TypeKind.INTEGER else "StrEnum",
        members=tuple(MemberView(own.members[v.value], v.value, v.description) for v in enum.values),
    )


def group_view(group: ApiGroup, names: PythonNames, api: Api) -> GroupView:
    """What the templates show of one group."""
    own = names.groups[group.name]
    used: set[str] = set()
    types = []
    for op in group.operations:
        success = op.success_response
        types += [p.type for p in op.parameters]
        types += [op.body.type] if op.body is not None else []
        types += [success.type] if success is not None and success.type is not None else []
        types += [_items_type(op, api)] if op.pagination is not None else []
    for t in types:
        used |= mentioned(t)
    imports = tuple(sorted((names.of_type(r).module, names.of_type(r).class_name) for r in used))
    # The class names the module has: the groups', the models' it imports, and each page
    # class as a method before takes it (two method names may make one stem).
    taken = {own.class_name, own.async_class_name, *(name for _, name in imports)}
    views: list[MethodView] = []
    for op in group.operations:
        views.append(_method_view(op, own.methods[op.operation_id], names, api, frozenset(taken)))
        page = views[-1].page
        if page is not None and page.response_class is not None:
            taken |= {page.sync_class, page.async_class}
    methods = tuple(views)
    http_imports: set[str] = {"AsyncHttp", "RawResponse", "Request", "RequestOptions", "SyncHttp"}
    model_imports: set[str] = set()
    for method in methods:
        if method.parse in ("no_body", "json_body"):
            http_imports.add(method.parse)
        model_imports |= codec_names(method.parse)
        if method.keyword_only:
            model_imports |= {"UNSET", "Unset"}
    paged = [m.page for m in methods if m.page is not None]
    return GroupView(
        class_name=own.class_name,
        async_class_name=own.async_class_name,
        raw_class_name=own.raw_class_name,
        async_raw_class_name=own.async_raw_class_name,
        attribute=own.attribute,
        module=own.module,
        description=group.description,
        summary=group_summary(group),
        methods=methods,
        imports=imports,
        http_imports=import_order(http_imports),
        model_imports=import_order(model_imports),
        typing_imports=import_order(
            ({"Any"} if any(uses_any(t) for t in types) else set())
            | ({"cast"} if any(m.cast and m.page is None for m in methods) else set())
        ),
        uses_datetime=any(uses_datetime(t) for t in types),
        any_deprecated=any(m.deprecated for m in methods),
        paging_imports=import_order(_paging_imports(paged)),
    )


def _paging_imports(pages: list[PageView]) -> set[str]:
    """What a group module imports from ``_pagination`` for its paged methods."""
    if not pages:
        return set()
    names = {"AsyncPager", "Paging", "first_page"}
    for page in pages:
        names |= {"AsyncItems", "SyncItems"} if page.response_class is None else {"AsyncPage", "SyncPage"}
    return names


def _items_type(op: Operation, api: Api) -> TypeRef:
    """The type of one item of a paged operation."""
    assert op.pagination is not None and op.success_response is not None
    at = op.success_response.type
    for name in op.pagination.items:
        model = api.models[at.name or ""] if at is not None and at.kind is TypeKind.MODEL else None
        at = next((f.type for f in model.fields if f.name == name), None) if model else None
    return at.item if at is not None and at.item is not None else TypeRef(TypeKind.ANY)


def _tuple(values: Sequence[str]) -> str:
    """A tuple of strings as Python source: ``("a",)``, ``("a", "b")``."""
    texts = [py_str(v) for v in values]
    return f"({texts[0]},)" if len(texts) == 1 else f"({', '.join(texts)})"


def _page_view(
    op: Operation,
    paging: Pagination,
    method_name: str,
    parse: str,
    names: PythonNames,
    api: Api,
    taken: frozenset[str],
) -> PageView:
    """The classes and the ``Paging`` declaration of a paged method."""
    item = annotation(_items_type(op, api), names, api)
    success = op.success_response
    response = success.type if success is not None else None
    attrs: list[str] = []
    at = response
    for name in paging.items:
        model = api.models[at.name or ""] if at is not None and at.kind is TypeKind.MODEL else None
        if model is None:
            break
        attrs.append(names.of_type(model.name).fields[name])
        at = next((f.type for f in model.fields if f.name == name), None)
    arguments = [py_str(paging.kind.value)]
    for key, value in (
        ("items", paging.items),
        ("items_attr", tuple(attrs)),
        ("next_cursor", paging.next_cursor),
        ("has_more", paging.has_more),
    ):
        if value:
            arguments.append(f"{key}={_tuple(value)}")
    if paging.cursor_param:
        arguments += [
            f"cursor_param={py_str(paging.cursor_param)}",
            f"cursor_location={py_str(paging.cursor_location)}",
        ]
    constant = f"_{method_name.upper()}_PAGING"
    if response is not None and response.kind is TypeKind.MODEL and not response.nullable:
        own = names.of_type(response.name or "").class_name
        stem = "".join(part[:1].upper() + part[1:] for part in method_name.split("_"))
        suffix = next(
            f"Page{n or ''}"
            for n in range(len(taken) + 1)
            if not {f"{stem}Page{n or ''}", f"Async{stem}Page{n or ''}"} & taken
        )
        sync_class, async_class = f"{stem}{suffix}", f"Async{stem}{suffix}"
        return PageView(
            constant,
            tuple(arguments),
            item,
            own,
            sync_class,
            async_class,
            f"{sync_class}.from_dict",
            f"{async_class}.from_dict",
            paging.kind.value,
        )
    return PageView(
        constant,
        tuple(arguments),
        item,
        None,
        f"SyncItems[{item}]",
        f"AsyncItems[{item}]",
        f"SyncItems.parser({parse})",
        f"AsyncItems.parser({parse})",
        paging.kind.value,
    )


def method_description(op: Operation) -> str:
    """The description of ``op``'s method: the operation's, else its summary, else its title."""
    return op.description or op.summary or f"{title(op.operation_id)}."


def _method_view(
    op: Operation, method_name: str, names: PythonNames, api: Api, taken: frozenset[str] = frozenset()
) -> MethodView:
    """What the templates show of one method; ``taken`` are the class names its module
    already has, which a paged method's page classes must not reuse."""
    signed = signature(op, names, api)
    body = signed.by_request[-1] if op.body is not None else None
    params = signed.by_request[: len(op.parameters)]
    path_params = sorted((p for p in params if p.location == "path"), key=lambda p: op.path.find("{" + p.wire + "}"))
    positional, keyword_only = signed.positional, signed.keyword_only
    success = op.success_response
    return_type = success.type if success is not None else None
    expect = response_kind(success.media_type if success is not None else None)
    parse = "no_body"
    if expect != "json":
        parse = "json_body"
    elif return_type is not None:
        decoder = codec(return_type, names)
        if return_type.kind is TypeKind.MODEL and not return_type.nullable:
            parse = f"{names.of_type(return_type.name or '').class_name}.from_dict"
        else:
            parse = f"{decoder}.decode" if decoder else "json_body"
    sensitive = tuple(raw.name for raw in op.parameters if raw.sensitive)
    return MethodView(
        name=method_name,
        request_function=f"_{method_name}_request",
        http_method=op.method,
        path=op.path,
        description=method_description(op),
        deprecated=op.deprecated,
        beta=op.beta,
        params=positional + keyword_only,
        positional=positional,
        keyword_only=keyword_only,
        path_params=tuple(path_params),
        query_params=tuple(p for p in params if p.location == ParamLocation.QUERY.value),
        header_params=tuple(p for p in params if p.location == ParamLocation.HEADER.value),
        cookie_params=tuple(p for p in params if p.location == ParamLocation.COOKIE.value),
        body=body,
        sensitive_wire_names=sensitive,
        secret_path_params=tuple(
            raw.name for raw in op.parameters if raw.sensitive and raw.location is ParamLocation.PATH
        ),
        authenticated=op.uses_client_auth,
        idempotent=op.method in IDEMPOTENT_METHODS,
        retry_safe=op.retry_safe,
        idempotency_field=op.idempotency.body_field if op.retry_safe and op.idempotency else None,
        idempotency_header=op.idempotency.header if op.retry_safe and op.idempotency else None,
        return_annotation=signed.returns,
        return_description=success.description if success is not None else "",
        body_argument=body_kind(op.body.media_type if op.body is not None else ""),
        content_type=op.body.media_type if op.body is not None and body_kind(op.body.media_type) == "content" else None,
        expect=expect,
        delimiters=tuple(
            (raw.name, _DELIMITERS[raw.style or "form"])
            for raw in op.parameters
            if raw.location is ParamLocation.QUERY
            and not raw.explode
            and raw.type.kind is TypeKind.ARRAY
            and (raw.style or "form") in _DELIMITERS
        ),
        parse=parse,
        cast=parse != "no_body"
        and not parse.endswith(".from_dict")
        and return_type is not None
        and return_type.kind is not TypeKind.ANY,
        page=_page_view(op, op.pagination, method_name, parse, names, api, taken)
        if op.pagination is not None and pages(op)
        else None,
    )


_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


def global_header_views(api: Api) -> tuple[GlobalHeaderView, ...]:
    """The headers every request carries, each with the client keyword that sets it."""
    params = global_header_parameters(api.global_headers, credential_parameters(api.client_auth).values())
    return tuple(
        GlobalHeaderView(param, h.header, h.value, h.description, h.required)
        for param, h in zip(params, api.global_headers, strict=True)
    )


def token_view(api: Api) -> TokenView | None:
    """The token endpoint of the client's OAuth 2 scheme, when one of its flows names it."""
    for scheme in api.client_auth:
        if scheme.token_url is None:
            continue
        ops = {op.operation_id: op for g in api.groups for op in g.operations}
        op = ops.get(scheme.token_operation or "")
        body = "form" if op is None or op.body is None or body_kind(op.body.media_type) == "form" else "json"
        model = api.models.get(op.body.type.name or "") if op is not None and op.body is not None else None
        fields = model.fields if model is not None else ()
        listed = next((f.name for f in fields if f.name == "scopes" and f.type.kind is TypeKind.ARRAY), None)
        return TokenView(scheme.token_url, op.operation_id if op else None, body, listed or "scope", listed is not None)
    return None


def auth_views(api: Api, package: str = "") -> tuple[AuthView, ...]:
    """The credentials the client takes, one per constructor argument."""
    views: list[AuthView] = []
    seen: set[str] = set()
    params = credential_parameters(api.client_auth)
    for scheme in api.client_auth:
        if scheme.kind is AuthKind.BEARER:
            param, location, wire = "access_token", "header", "Authorization"
        elif scheme.kind is AuthKind.BASIC:
            param, location, wire = "basic_auth", "header", "Authorization"
        else:
            param = params[scheme.name]
            location = (scheme.location or ParamLocation.HEADER).value
            wire = scheme.param_name or scheme.name
        if param in seen:
            continue
        seen.add(param)
        env_var = f"{package}_{param}".upper() if package and scheme.kind is not AuthKind.BASIC else None
        views.append(_auth_view(scheme.kind, param, location, wire, scheme.description, env_var))
    return tuple(views)


def _auth_view(kind: AuthKind, param: str, location: str, wire: str, description: str, env_var: str | None) -> AuthView:
    """How the client takes one credential and sends it."""
    if kind is AuthKind.BEARER:
        return AuthView(
            param,
            kind.value,
            location,
            wire,
            description,
            env_var,
            annotation="str | Callable[[], str]",
            async_annotation="str | Callable[[], str | Awaitable[str]]",
            settings_annotation="str | TokenSource",
            token_function=True,
            doc=f"The access token sent as ``{wire}: Bearer ...``",
            send=(f'auth_headers[{py_str(wire)}] = f"Bearer {{{param}}}"',),
        )
    if kind is AuthKind.BASIC:
        return AuthView(
            param,
            kind.value,
            location,
            wire,
            description,
            env_var,
            annotation="tuple[str, str]",
            async_annotation="tuple[str, str]",
            settings_annotation="tuple[str, str]",
            token_function=False,
            doc="``(username, password)`` for HTTP Basic authentication",
            send=(
                f'token = base64.b64encode(":".join({param}).encode()).decode("ascii")',
                f'auth_headers[{py_str(wire)}] = f"Basic {{token}}"',
            ),
        )
    if location == ParamLocation.QUERY.value:
        send = f"auth_query[{py_str(wire)}] = {param}"
    elif location == ParamLocation.COOKIE.value:
        send = f'auth_headers["Cookie"] = {py_str(wire + "=")} + {param}'
    else:
        send = f"auth_headers[{py_str(wire)}] = {param}"
    return AuthView(
        param,
        kind.value,
        location,
        wire,
        description,
        env_var,
        annotation="str",
        async_annotation="str",
        settings_annotation="str",
        token_function=False,
        doc=f"The API key sent in the {location} ``{wire}``",
        send=(send,),
    )


def client_view(auth: Sequence[AuthView]) -> ClientView:
    """What the client module needs for the credentials ``auth``."""
    return ClientView(
        base64=any(a.kind == AuthKind.BASIC.value for a in auth),
        token_source=any(a.token_function for a in auth),
        environ=any(a.env_var for a in auth),
    )


def environment_views(api: Api) -> tuple[EnvironmentView, ...]:
    """The API's servers, each by its environment name."""
    return tuple(EnvironmentView(s.name, s.url) for s in api.servers)


def group_entry(group: ApiGroup, names: PythonNames) -> GroupEntryView:
    """What the client module shows of a group."""
    own = names.groups[group.name]
    return GroupEntryView(own.attribute, own.module, own.class_name, own.async_class_name, group_summary(group))


def _group_imports(groups: Sequence[GroupNames], with_raw: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each group's module and the classes imported from it, in isort's order (modules by
    name, whatever order the spec's tags have), as ruff wants a generated module."""
    imports = []
    for g in groups:
        classes = [g.class_name, g.async_class_name]
        if with_raw:
            classes += [g.raw_class_name, g.async_raw_class_name]
        imports.append((g.module, import_order(classes)))
    return tuple(sorted(imports))


def group_summary(group: ApiGroup) -> str:
    """A group's one-line summary, for the client's attribute and the group's class."""
    return first_sentence(group.description) or "API operations."


def _error_model(api: Api, names: PythonNames) -> tuple[str, str] | None:
    """(module, class) of the model error responses list under ``errors``, if the API has one."""
    chosen = error_item_model(api)
    return None if chosen is None else (names.of_type(chosen).module, names.of_type(chosen).class_name)
