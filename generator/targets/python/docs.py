"""The Markdown reference docs of the Python SDK: which pages, and the plain values each shows.

Pages (paths below the output folder), in the structure of the source pages
(``../shared/design.md`` section 3), Python-flavoured:

- ``README.md``: install, client set-up, environments, authentication, timeouts,
  retries, errors, request options, asyncio, and links to every page below;
- ``doc/api/<group>.md``: one per API group: how to reach it from a client, its class,
  its methods, and per method the description, signature, parameters, response type
  and a runnable example;
- ``doc/models/<model>.md``: one per model (structure, fields, example as JSON) and one
  per enum (its values).

Every decision is made here: titles, anchors, tags, links, the example code. Templates
under ``templates/python/doc/`` lay the values out; spec text is passed raw and escaped
there with the filter for its context (:mod:`generator.render.engine`).

Anchors are GitHub's: the heading text lowercased, punctuation dropped, spaces as
hyphens, repeats numbered ``-1``, ``-2``. A page's anchors are computed from the same
sequence of headings its template writes (:class:`Slugger`), and the tests check every
link.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from ...model.ir import Api, ApiGroup, Constraint, EnumType, Model, Operation, TypeKind, TypeRef
from ...model.naming import title
from ...model.subjects import mentioned
from ...render.job import Deferred, RenderJob
from ..doc_structure import (
    API_DIR,
    CONSTRAINT_LABELS,
    FORM_MEDIA_TYPES,
    LOCATION_TAGS,
    MODELS_DIR,
    README,
    ConstraintView,
    EnumDoc,
    EnumValueRow,
    PageLink,
    Row,
    Slugger,
    TypeLink,
    TypePageLink,
    anchor_of,
    json_text,
    page_jobs,
    readme_subjects,
    relative,
    summary,
)
from ..example_values import ExampleValues
from ..sdk_shape import IDEMPOTENT_METHODS, pages
from ..view import view
from .examples import Snippet, usage_snippet
from .literals import py_str, py_value
from .naming import PythonNames
from .signature import signature
from .types import FieldTypes, annotation, any_discriminated_union
from .views import AuthView, GlobalHeaderView, GroupView, MethodView, ParamView, ReadmeClient

# Headings of the README that pages link to (their anchors are checked by the tests).
CLIENT_SETUP_HEADING = "Client set-up"
REQUEST_OPTIONS_HEADING = "Request options"
RAW_RESPONSES_HEADING = "Raw responses"

# ---- views -------------------------------------------------------------------------
# Views (see generator.targets.view): compared by identity, frozen to mypy alone.


@view
class MethodDoc:
    """A method's section of its group's page."""

    title: str
    anchor: str
    http_method: str
    path: str
    deprecated: bool
    beta: bool
    description: str
    no_auth_note: bool
    signature: str
    params: tuple[Row, ...]
    response: TypeLink
    response_description: str
    example: str
    paging: str = ""  # a paged method: the loop over every item, as a block after the intro
    item: str = ""  # a paged method: the annotation of one item


@view
class GroupDoc:
    """A group's page: how to reach it from a client, and its methods."""

    title: str
    description: str
    class_name: str
    async_class_name: str
    intro: str  # the code block that reaches the group from a client
    variable: str
    readme_setup_heading: str
    readme_setup_href: str
    request_options_href: str
    readme_raw_href: str
    methods: tuple[MethodDoc, ...]
    list_methods: bool


@view
class ModelDoc:
    """A model's page: its fields and an example as JSON."""

    title: str
    description: str
    deprecated: bool
    class_name: str
    builder_call: str
    fields: tuple[Row, ...]
    additional: TypeLink | None
    example_json: str


@view
class EnvironmentRow:
    """A server the API is published on, as the README lists it."""

    name: str
    url: str


@view
class AuthRow:
    """A credential the client holds: its argument, the spec's description, how it is sent."""

    param: str
    description: str
    sent_as: str
    env_var: str | None  # read when the client is given no credential


@view
class ReadmeDoc:
    """What the README shows besides the client's credentials and headers."""

    description: str
    setup: str  # code: creating a client
    async_setup: str  # code: the quick start with AsyncClient (or only its set-up)
    environments: tuple[EnvironmentRow, ...]
    default_environment: str | None
    auth: tuple[AuthRow, ...]
    groups: tuple[PageLink, ...]
    models: tuple[TypePageLink, ...]
    enums: tuple[TypePageLink, ...]
    error_model: TypePageLink | None
    quick_start: str  # code: set-up, the group, and the first method's example
    raw_response: str | None  # code: the quick start's call through ``with_raw_response``
    not_retried: tuple[str, ...]  # ``group.method`` of the calls not retried by default (POST, PATCH)
    none_retried: bool  # every call of the API is one of them
    retried_writes: tuple[str, ...]  # ``group.method`` of the POST and PATCH calls retried by their idempotency key
    keyed_by_header: tuple[str, ...]  # those of them whose key the SDK fills in a header
    global_headers: tuple[GlobalHeaderView, ...]
    global_headers_example: str  # code: setting the global headers per client and per call
    token_function_example: str  # code: a client given a function returning the token ("" without bearer auth)
    token_manager_example: str  # code: a client given a token manager ("" without an OAuth 2 token URL)
    client_setup_heading: str
    request_options_heading: str
    raw_responses_heading: str
    discriminated_unions: bool  # some type is a oneOf/anyOf with a discriminator
    paging: str = ""  # code: iterating over every item of the first paged method (empty: the API does not page)
    async_paging: str = ""  # the same with AsyncClient
    paging_call: str = ""  # ``client.group.method`` of that method
    paged: tuple[str, ...] = ()  # ``group.method`` of every paged method


# ---- the jobs ----------------------------------------------------------------------


def doc_jobs(
    api: Api,
    names: PythonNames,
    groups: Sequence[GroupView],
    head: Mapping[str, Any],
    client: ReadmeClient,
    field_types: FieldTypes,
    subjects: Collection[str] | None = None,
    mentions: Mapping[str, Iterable[str]] | None = None,
    modules: Sequence[frozenset[str] | None] | None = None,
) -> list[RenderJob]:
    """The README and every page of ``doc/``, as render jobs (values worked out when
    read); with ``subjects``, only the pages that show one of them. ``head``: the plain
    values every file's context has; ``mentions``, ``modules``: see :func:`page_jobs`."""
    package: str = head["package"]
    values = ExampleValues(api)

    @functools.cache
    def group_doc(i: int) -> GroupDoc:  # plan() makes one GroupView per IR group, in the same order
        return _group_doc(api, names, package, groups[i], api.groups[i], values)

    def example(i: int, j: int) -> tuple[Snippet, str]:
        """The example of the ``j``-th method of group ``i``, and the line that reaches its
        group from a client: what the README shows of it, made from the method's names and
        signature alone (the view of a group of GitHub's has up to 187 methods, the page
        documents them all)."""
        op, own = api.groups[i].operations[j], names.groups[api.groups[i].name]
        signed = signature(op, names, api)
        arguments = _arguments(signed.positional + signed.keyword_only, signed.positional, op, values)
        variable = _variable(own.attribute)
        snippet = usage_snippet(api, names, package, variable, own.methods[op.operation_id], arguments)
        return snippet, _intro(own.attribute)

    quick = _quick_start_method(api)
    jobs = [
        RenderJob(
            README,
            "README.md.j2",
            Deferred(
                lambda: {
                    **head,
                    "token": client.token,
                    "readme": _readme(api, names, package, example, quick, client),
                }
            ),
            readme_subjects(api),
        )
    ]
    return jobs + page_jobs(
        api,
        head,
        subjects,
        (lambda g: names.groups[g.name].doc_file, group_doc),
        (
            lambda name: names.types[name].doc_file,
            functools.partial(_model_doc, api, names, values=values, types=field_types),
        ),
        (lambda name: names.types[name].doc_file, functools.partial(_enum_doc, names)),
        mentions,
        modules,
    )


def _quick_start_method(api: Api) -> tuple[int, int] | None:
    """(group, method) of the README's quick start: the first operation not deprecated."""
    return next(
        ((gi, oi) for gi, g in enumerate(api.groups) for oi, op in enumerate(g.operations) if not op.deprecated), None
    )


def _group_title(class_name: str, ir_group: ApiGroup) -> str:
    return title(ir_group.name) or class_name


# ---- API group pages ---------------------------------------------------------------


def _group_doc(
    api: Api,
    names: PythonNames,
    package: str,
    group: GroupView,
    ir_group: ApiGroup,
    values: ExampleValues,
) -> GroupDoc:
    here = API_DIR
    variable = _variable(group.attribute)
    slugger = Slugger()
    group_title = _group_title(group.class_name, ir_group)
    for heading in (group_title, "Class Name", *(["Methods"] if len(group.methods) > 1 else [])):
        slugger.slug(heading)
    methods = []
    for method, op in zip(group.methods, ir_group.operations, strict=True):
        method_title = title(op.operation_id) or method.name
        anchor = slugger.slug(method_title)
        for heading in ("Parameters", "Response Type", "Example Usage", *(["Paging"] if method.page else [])):
            slugger.slug(heading)
        methods.append(_method_doc(api, names, package, variable, method, op, method_title, anchor, values, here))
    readme = posixpath.relpath(README, here)
    return GroupDoc(
        title=group_title,
        description=ir_group.description,
        class_name=group.class_name,
        async_class_name=group.async_class_name,
        intro=_intro(group.attribute),
        variable=variable,
        readme_setup_heading=CLIENT_SETUP_HEADING,
        readme_setup_href=f"{readme}#{anchor_of(CLIENT_SETUP_HEADING)}",
        request_options_href=f"{readme}#{anchor_of(REQUEST_OPTIONS_HEADING)}",
        readme_raw_href=f"{readme}#{anchor_of(RAW_RESPONSES_HEADING)}",
        methods=tuple(methods),
        list_methods=len(methods) > 1,
    )


def _variable(attribute: str) -> str:
    """The variable a group's examples reach it by, from the client's ``attribute`` for it."""
    return f"{attribute}_api"


def _intro(attribute: str) -> str:
    """The line of code that reaches a group from a client (its ``attribute``), in its examples."""
    return f"{_variable(attribute)} = client.{attribute}"


def _method_doc(
    api: Api,
    names: PythonNames,
    package: str,
    variable: str,
    method: MethodView,
    op: Operation,
    method_title: str,
    anchor: str,
    values: ExampleValues,
    here: str,
) -> MethodDoc:
    raw = {(p.location.value, p.name): p for p in op.parameters}
    rows: list[Row] = []
    for p in method.params:
        if p.location == "body" and op.body is not None:
            body = op.body
            location = "Form" if body.media_type.split(";")[0].strip().lower() in FORM_MEDIA_TYPES else "Body"
            body_tags = (location, "Required" if p.required else "Optional")
            rows.append(
                Row(p.name, _type_link(body.type, p.annotation, names, here), body_tags, p.description, None, ())
            )
            continue
        param = raw[(p.location, p.wire)]
        tags: tuple[str, ...] = (LOCATION_TAGS[p.location], "Required" if p.required else "Optional")
        tags += ("Deprecated",) if param.deprecated else ()
        rows.append(
            Row(
                name=p.name,
                type=_type_link(param.type, p.annotation, names, here),
                tags=tags,
                description=p.description,
                default=py_value(param.default) if param.has_default else None,
                constraints=_constraints(param.constraints),
            )
        )
    success = op.success_response
    return_type = success.type if success is not None else None
    arguments = _arguments(method.params, method.positional, op, values)
    snippet = usage_snippet(api, names, package, variable, method.name, arguments)
    return MethodDoc(
        title=method_title,
        anchor=anchor,
        http_method=op.method,
        path=op.path,
        deprecated=method.deprecated,
        beta=method.beta,
        description=method.description,
        no_auth_note=not op.uses_client_auth,
        signature=_signature(method),
        params=tuple(rows),
        response=_type_link(return_type, method.return_annotation, names, here),
        response_description=method.return_description,
        example=snippet.code(),
        paging=snippet.code(paging=True) if method.page else "",
        item=method.page.item_annotation if method.page else "",
    )


def _arguments(
    params: Sequence[ParamView], positional: Sequence[ParamView], op: Operation, values: ExampleValues
) -> list[tuple[str, Any, TypeRef | None, bool]]:
    """What the example of ``op``'s method passes: each of its ``params`` (in call order;
    those not ``positional`` by keyword) that is required or has an example, as
    (parameter, example value, type, passed by keyword)."""
    raw = {(p.location.value, p.name): p for p in op.parameters}
    arguments: list[tuple[str, Any, TypeRef | None, bool]] = []
    for p in params:
        keyword = p not in positional
        if p.location == "body" and op.body is not None:
            if p.required or op.body.has_example:
                arguments.append((p.name, values.of_body(op.body), op.body.type, keyword))
            continue
        param = raw[(p.location, p.wire)]
        if p.required or param.has_example:
            arguments.append((p.name, values.of_parameter(param), param.type, keyword))
    return arguments


def _signature(method: MethodView) -> str:
    """The method's signature, one parameter per line (``self`` left out)."""
    lines = [f"def {method.name}("]
    lines += [f"    {p.name}: {p.annotation}," for p in method.positional]
    lines.append("    *,")
    lines += [f"    {p.name}: {p.unset_annotation} = UNSET," for p in method.keyword_only]
    lines.append("    request_options: RequestOptions | None = None,")
    lines.append(f") -> {method.sync_return}")
    return "\n".join(lines)


# ---- model and enum pages ----------------------------------------------------------


def _model_doc(api: Api, names: PythonNames, model: Model, values: ExampleValues, types: FieldTypes) -> ModelDoc:
    own = names.of_type(model.name)
    here = MODELS_DIR
    rows = []
    for f in model.fields:
        attr = own.fields[f.name]
        rows.append(
            Row(
                name=attr,
                type=_type_link(f.type, types.of(f.type).annotation, names, here),
                tags=_field_tags(f.required, f.deprecated, f.beta, f.read_only, f.write_only, f.sensitive),
                description=f.description,
                default=py_value(f.default) if f.has_default else None,
                constraints=_constraints(f.constraints) if f.constraints else (),
                wire_name=f.name if f.name != attr else None,
            )
        )
    required = [own.fields[f.name] for f in model.fields if f.required]
    example = values.of_model(model, every_field=True)
    additional = model.additional_properties
    return ModelDoc(
        title=title(model.name) or own.class_name,
        description=model.description,
        deprecated=model.deprecated,
        class_name=own.class_name,
        builder_call=f"{own.class_name}.builder({', '.join(required)})",
        fields=tuple(rows),
        additional=_type_link(additional, annotation(additional, names, api), names, here) if additional else None,
        example_json=json_text(example),
    )


@functools.cache
def _field_tags(
    required: bool, deprecated: bool, beta: bool, read_only: bool, write_only: bool, sensitive: bool
) -> tuple[str, ...]:
    """The tags of a field in its model's table: one tuple for each set of them, shared
    by every field that has it (GitHub's 38,000 fields have 8 sets)."""
    flags = (
        (deprecated, "Deprecated"),
        (beta, "Beta"),
        (read_only, "Read-only"),
        (write_only, "Write-only"),
        (sensitive, "Sensitive"),
    )
    return ("Required" if required else "Optional", *(tag for on, tag in flags if on))


def _enum_doc(names: PythonNames, enum: EnumType) -> EnumDoc:
    own = names.of_type(enum.name)
    return EnumDoc(
        title=title(enum.name) or own.class_name,
        description=enum.description,
        deprecated=enum.deprecated,
        class_name=own.class_name,
        base="int" if enum.base is TypeKind.INTEGER else "str",
        values=tuple(EnumValueRow(own.members[v.value], py_str(v.value), v.description) for v in enum.values),
    )


# ---- the README --------------------------------------------------------------------


def _readme(
    api: Api,
    names: PythonNames,
    package: str,
    example: Callable[[int, int], tuple[Snippet, str]],
    quick: tuple[int, int] | None,
    client: ReadmeClient,
) -> ReadmeDoc:
    auth = client.auth
    environments = tuple(EnvironmentRow(s.name, s.url) for s in api.servers)
    default = environments[0].name if environments else None
    settings = [f"{a.param}={py_str(_credential_placeholder(a.param))}," for a in auth if a.kind != "basic"]
    settings += [f'{a.param}=("USERNAME", "PASSWORD"),' for a in auth if a.kind == "basic"]
    settings.append(f"environment={py_str(default)}," if default else 'base_url="https://api.example.com",')
    required_headers = [h for h in client.global_headers if h.required]
    settings += [f"{h.param}={py_str(_credential_placeholder(h.param))}," for h in required_headers]
    arguments = [f"    {s}" for s in settings]
    make_client = ["client = Client(", *arguments, ")"]
    bearer = next((a for a in auth if a.kind == "bearer"), None)
    token_function_example = token_manager_example = global_headers_example = ""
    if bearer is not None:
        with_function = [
            f"    {bearer.param}=current_token," if s.startswith(f"{bearer.param}=") else f"    {s}" for s in settings
        ]
        token_function_example = "\n".join(
            [
                f"from {package} import Client",
                "",
                "",
                "def current_token() -> str:",
                f"    return {py_str(_credential_placeholder(bearer.param))}  # e.g. read from your secret store",
                "",
                "",
                "client = Client(",
                *with_function,
                ")",
            ]
        )
        if client.token is not None:
            with_manager = [
                f"    {bearer.param}=manager," if s.startswith(f"{bearer.param}=") else f"    {s}" for s in settings
            ]
            token_manager_example = "\n".join(
                [
                    f"from {package} import Client, TokenManager",
                    "",
                    "manager = TokenManager(",
                    '    "YOUR_CLIENT_ID",',
                    '    "YOUR_CLIENT_SECRET",',
                    '    refresh_token="YOUR_REFRESH_TOKEN",',
                    ")",
                    "",
                    "client = Client(",
                    *with_manager,
                    ")",
                ]
            )
    global_headers: tuple[GlobalHeaderView, ...] = client.global_headers
    if global_headers:
        chosen = [f"    {h.param}={py_str(h.value or 'VALUE')}," for h in global_headers if not h.required]
        per_call = ", ".join(f"{py_str(h.param)}: {py_str(h.value or 'VALUE')}" for h in global_headers)
        global_headers_example = "\n".join(
            [
                f"from {package} import Client, RequestOptions",
                "",
                "client = Client(",
                *arguments,
                *chosen,
                ")",
                "# for one call: some_method(..., request_options=options)",
                f"options: RequestOptions = {{{per_call}}}",
            ]
        )
    setup = "\n".join([f"from {package} import Client", "", *make_client])
    async_setup = "\n".join([f"from {package} import AsyncClient", "", "client = AsyncClient(", *arguments, ")"])
    quick_start = setup
    raw_response = None
    if quick is not None:  # the first method that is not deprecated, after the client set-up
        snippet, intro = example(*quick)
        quick_start = snippet.code([*make_client, intro], {package: ["Client"]})
        raw_response = snippet.raw_code([*make_client, intro], {package: ["Client"]})
        opening = ["async with AsyncClient(", *arguments, ") as client:"]
        async_setup = snippet.async_code(opening, intro, {package: ["AsyncClient"]})
    # Each method as ``group.method``, with its operation: read from the model and the
    # names, not from the groups' views (each group's, with all its methods, is made
    # only for the files that show it: here, the one or two the examples come from).
    calls = [
        (f"{names.groups[g.name].attribute}.{names.groups[g.name].methods[op.operation_id]}", op)
        for g in api.groups
        for op in g.operations
    ]
    paging = async_paging = paging_call = ""
    first_paged = next(
        ((gi, mi) for gi, g in enumerate(api.groups) for mi, op in enumerate(g.operations) if pages(op)), None
    )
    if first_paged is not None:  # the first paged method, looped over after the client set-up
        snippet, intro = example(*first_paged)
        paging = snippet.code([*make_client, intro], {package: ["Client"]}, paging=True)
        opening = ["async with AsyncClient(", *arguments, ") as client:"]
        async_paging = snippet.async_code(opening, intro, {package: ["AsyncClient"]}, paging=True)
        ir_group = api.groups[first_paged[0]]
        own = names.groups[ir_group.name]
        paging_call = f"client.{own.attribute}.{own.methods[ir_group.operations[first_paged[1]].operation_id]}"
    model_links, enum_links = _type_links(api.models.values(), names), _type_links(api.enums.values(), names)
    error_model = None
    if client.error_model:
        _, error_class = client.error_model
        error_model = next((link for link in model_links if link.name == error_class), None)
    return ReadmeDoc(
        description=api.description,
        setup=setup,
        async_setup=async_setup,
        environments=environments,
        default_environment=default,
        auth=tuple(AuthRow(a.param, a.description, _sent_as(a), a.env_var) for a in auth),
        groups=tuple(
            PageLink(
                _group_title(names.groups[ir.name].class_name, ir),
                f"{API_DIR}/{names.groups[ir.name].doc_file}",
                names.groups[ir.name].attribute,
                summary(ir.description),
            )
            for ir in api.groups
        ),
        models=tuple(sorted(model_links, key=lambda link: link.name.lower())),
        enums=tuple(sorted(enum_links, key=lambda link: link.name.lower())),
        error_model=error_model,
        quick_start=quick_start,
        raw_response=raw_response,
        not_retried=tuple(call for call, op in calls if not _retried(op)),
        none_retried=bool(api.groups) and not any(_retried(op) for _, op in calls),
        retried_writes=tuple(call for call, op in calls if op.retry_safe),
        keyed_by_header=tuple(
            call for call, op in calls if op.retry_safe and op.idempotency is not None and op.idempotency.header
        ),
        global_headers=global_headers,
        global_headers_example=global_headers_example,
        token_function_example=token_function_example,
        token_manager_example=token_manager_example,
        client_setup_heading=CLIENT_SETUP_HEADING,
        request_options_heading=REQUEST_OPTIONS_HEADING,
        raw_responses_heading=RAW_RESPONSES_HEADING,
        discriminated_unions=any_discriminated_union(api),
        paging=paging,
        async_paging=async_paging,
        paging_call=paging_call,
        paged=tuple(call for call, op in calls if pages(op)),
    )


def _type_links(types: Iterable[Model | EnumType], names: PythonNames) -> list[TypePageLink]:
    links = []
    for t in types:
        own = names.of_type(t.name)
        links.append(TypePageLink(t.name, f"{MODELS_DIR}/{own.doc_file}", own.class_name, summary(t.description)))
    return links


def _retried(op: Operation) -> bool:
    """Whether the SDK retries a call of ``op`` (an idempotent method, or one made safe
    to repeat by its idempotency key), as its method's view says."""
    return op.method in IDEMPOTENT_METHODS or op.retry_safe


def _sent_as(auth: AuthView) -> str:
    if auth.kind == "bearer":
        return f"{auth.wire_name}: Bearer ..."
    if auth.kind == "basic":
        return f"{auth.wire_name}: Basic ..."
    return f"{auth.wire_name} ({auth.location})"


def _credential_placeholder(param: str) -> str:
    return f"YOUR_{param.upper()}"


# ---- helpers -----------------------------------------------------------------------


def _type_link(t: TypeRef | None, text: str, names: PythonNames, here: str) -> TypeLink:
    """``text`` (an annotation of ``t``), linked to the page of the model or enum it names
    (from a model's page, beside it: its file name; a path from anywhere else)."""
    refs = mentioned(t)
    if len(refs) != 1:
        return TypeLink(text, None)
    (ref,) = refs
    doc_file = names.of_type(ref).doc_file
    return TypeLink(text, doc_file if here == MODELS_DIR else relative(f"{MODELS_DIR}/{doc_file}", here))


def _constraints(constraints: Sequence[Constraint]) -> tuple[ConstraintView, ...]:
    return tuple(
        ConstraintView(
            CONSTRAINT_LABELS.get(c.keyword, c.keyword), c.value if isinstance(c.value, str) else py_value(c.value)
        )
        for c in constraints
    )
