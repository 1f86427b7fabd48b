"""The Markdown reference docs of the C# SDK, in the format of the seed page (Square's
.NET SDK pages): which pages, and the plain values each shows.

- ``README.md``: install and build, client set-up, environments, authentication,
  timeouts and retries, errors, and links to every page below;
- ``doc/api/<group>.md``: how to reach the group from a client
  (``IOAuthApi oAuthApi = client.OAuthApi;``), its class, its methods, and per method the
  description, the signature block, the Parameters table (the same Tags as the Python
  docs), the response type ``Task<Models.X>`` linked to the model's page, and an
  Example Usage block;
- ``doc/models/<model>.md``: one per model (structure, fields, example as JSON) and one
  per enum (its constants).

Anchors, tags and labels are the shared ones (:mod:`generator.targets.doc_structure`); example
values too (:mod:`generator.targets.example_values`).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from ...model.ir import Api, ApiGroup, Constraint, EnumType, Model, Operation, TypeRef
from ...model.naming import title
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
from ..sdk_shape import BODY, call_order, error_item_model, media, parameter_key
from ..view import view
from .escape import cs_value
from .examples import usage_example
from .naming import CSharpNames
from .types import cs_type, enum_base, referenced_models
from .views import AuthView, EnvironmentView

CLIENT_SETUP_HEADING = "Client set-up"


# A view (see generator.targets.view): compared by identity, frozen to mypy alone.
@view
class MethodDoc:
    title: str
    anchor: str
    http_method: str
    path: str
    deprecated: bool
    description: str
    no_auth_note: bool
    signature: str
    params: tuple[Row, ...]
    response: TypeLink | None
    response_description: str
    example: str


# A view (see generator.targets.view): compared by identity, frozen to mypy alone.
@view
class GroupDoc:
    title: str
    description: str
    interface: str
    class_name: str
    intro: str
    variable: str
    readme_setup_href: str
    methods: tuple[MethodDoc, ...]


# A view (see generator.targets.view): compared by identity, frozen to mypy alone.
@view
class ModelDoc:
    title: str
    description: str
    deprecated: bool
    class_name: str
    builder_call: str
    fields: tuple[Row, ...]
    example_json: str


def doc_jobs(
    api: Api,
    names: CSharpNames,
    groups: Sequence[Callable[[], Any]],
    method_view: Callable[[int, int], Any],
    head: Mapping[str, Any],
    auth: Sequence[AuthView],
    environments: Sequence[EnvironmentView],
    subjects: Collection[str] | None = None,
) -> list[RenderJob]:
    """The README and every page of ``doc/``; with ``subjects``, only the pages that show
    one of them. ``head``: the plain values every file's context has; the README also
    shows the client's credentials (``auth``) and ``environments``."""
    values = ExampleValues(api)

    @functools.cache
    def group_doc(i: int) -> GroupDoc:
        return _group_doc(api, names, groups[i](), api.groups[i], values)

    def example(i: int, j: int) -> tuple[str, str]:
        """The line that reaches group ``i`` from a client, and the example of its ``j``-th
        method, as its page shows them: made from that method's view alone (the page of a
        group of GitHub's documents up to 187 methods)."""
        own, op = names.groups[api.groups[i].name], api.groups[i].operations[j]
        doc = _method_doc(api, names, own.variable, method_view(i, j), op, "", "", values)
        return _intro(own.interface, own.variable, own.property), doc.example

    jobs = [
        RenderJob(
            README,
            "README.md.j2",
            Deferred(
                lambda: {
                    **head,
                    "auth": auth,
                    "environments": environments,
                    "readme": _readme(api, names, example, head["namespace"], auth, environments),
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
        (lambda name: names.of_type(name).doc_file, functools.partial(_model_doc, api, names, values=values)),
        (lambda name: names.of_type(name).doc_file, functools.partial(_enum_doc, names)),
    )


def _group_doc(api: Api, names: CSharpNames, group: Any, ir_group: ApiGroup, values: ExampleValues) -> GroupDoc:
    slugger = Slugger()
    for heading in (group.title, "Class Name", "Methods"):
        slugger.slug(heading)
    methods = []
    for method, op in zip(group.methods, ir_group.operations, strict=True):
        method_title = title(op.operation_id) or method.name
        anchor = slugger.slug(method_title)
        for heading in ("Parameters", "Response Type", "Example Usage"):
            slugger.slug(heading)
        methods.append(_method_doc(api, names, group.variable, method, op, method_title, anchor, values))
    readme = posixpath.relpath(README, API_DIR)
    return GroupDoc(
        title=group.title,
        description=ir_group.description,
        interface=group.interface,
        class_name=group.class_name,
        intro=_intro(group.interface, group.variable, group.property),
        variable=group.variable,
        readme_setup_href=f"{readme}#{anchor_of(CLIENT_SETUP_HEADING)}",
        methods=tuple(methods),
    )


def _method_doc(
    api: Api,
    names: CSharpNames,
    variable: str,
    method: Any,
    op: Operation,
    method_title: str,
    anchor: str,
    values: ExampleValues,
) -> MethodDoc:
    raw = {parameter_key(p.location, p.name): p for p in op.parameters}
    required, optional = call_order(op)
    rows: list[Row] = []
    arguments: list[tuple[str, str, Any, TypeRef | None, bool]] = []
    for key, p in zip(required + optional, method.params, strict=True):
        if key == BODY and op.body is not None:
            body = op.body
            location = "Form" if media(body.media_type) in FORM_MEDIA_TYPES else "Body"
            tags: tuple[str, ...] = (location, "Required" if p.required else "Optional")
            rows.append(Row(p.name, _type_link(body.type, p.type, names), tags, p.description, None, ()))
            if p.required or body.has_example:
                arguments.append((p.name, p.type, values.of_body(body), body.type, not p.required))
            continue
        param = raw[key]
        tags = (LOCATION_TAGS[p.location], "Required" if p.required else "Optional")
        tags = (*tags, "Deprecated") if param.deprecated else tags
        default = cs_value(param.default) if param.has_default and not isinstance(param.default, dict | list) else None
        link = _type_link(param.type, p.type, names)
        rows.append(Row(p.name, link, tags, p.description, default, _constraints(param.constraints)))
        if p.required or param.has_example:
            arguments.append((p.name, p.type, values.of_parameter(param), param.type, not p.required))
    success = op.success_response
    return_type = success.type if success is not None and method.return_type else None
    lines = [f"{method.async_name}("]
    lines += [f"    {d}," for d in method.declarations]
    lines[-1] = lines[-1].removesuffix(",") + ")" if method.declarations else lines[-1] + ")"
    return MethodDoc(
        title=method_title,
        anchor=anchor,
        http_method=op.method,
        path=op.path,
        deprecated=method.deprecated,
        description=method.description,
        no_auth_note=not op.uses_client_auth,
        signature="\n".join(lines),
        params=tuple(rows),
        response=_type_link(return_type, method.task, names) if method.return_type else None,
        response_description=method.return_description,
        example=usage_example(api, names, variable, method.async_name, arguments, method.return_type),
    )


def _model_doc(api: Api, names: CSharpNames, model: Model, values: ExampleValues) -> ModelDoc:
    own = names.of_type(model.name)
    rows = []
    for f in model.fields:
        flags = [(f.deprecated, "Deprecated"), (f.beta, "Beta"), (f.read_only, "Read-only")]
        flags += [(f.write_only, "Write-only"), (f.sensitive, "Sensitive")]
        tags = ("Required" if f.required else "Optional", *(tag for on, tag in flags if on))
        prop = own.fields[f.name]
        type_text = cs_type(f.type, names, api)
        default = cs_value(f.default) if f.has_default and not isinstance(f.default, dict | list) else None
        link = _type_link(f.type, type_text, names, MODELS_DIR)
        rows.append(Row(prop, link, tags, f.description, default, _constraints(f.constraints), f.name))
    required = [f for f in model.fields if f.required and not f.read_only and not f.write_only]
    args = ", ".join(own.fields[f.name][:1].lower() + own.fields[f.name][1:] for f in required)
    return ModelDoc(
        title=title(model.name) or own.class_name,
        description=model.description,
        deprecated=model.deprecated,
        class_name=own.class_name,
        builder_call=f"new {own.class_name}.Builder({args})",
        fields=tuple(rows),
        example_json=json_text(values.of_model(model, every_field=True)),
    )


def _enum_doc(names: CSharpNames, enum: EnumType) -> EnumDoc:
    own = names.of_type(enum.name)
    return EnumDoc(
        title=title(enum.name) or own.class_name,
        description=enum.description,
        deprecated=enum.deprecated,
        class_name=own.class_name,
        base=enum_base(enum),
        values=tuple(EnumValueRow(own.members[v.value], cs_value(v.value), v.description) for v in enum.values),
    )


# A view (see generator.targets.view): compared by identity, frozen to mypy alone.
@view
class ReadmeDoc:
    description: str
    setup: str
    groups: tuple[PageLink, ...]
    models: tuple[TypePageLink, ...]
    enums: tuple[TypePageLink, ...]
    quick_start: str
    client_setup_heading: str
    error_model: TypePageLink | None


def _intro(interface: str, variable: str, reached_by: str) -> str:
    """The line of code that reaches a group (its client property ``reached_by``) from a
    client, in its examples."""
    return f"{interface} {variable} = client.{reached_by};"


def _readme(
    api: Api,
    names: CSharpNames,
    example: Callable[[int, int], tuple[str, str]],
    namespace: str,
    auth: Sequence[AuthView],
    environments: Sequence[EnvironmentView],
) -> ReadmeDoc:
    lines = [f"{names.client} client = new {names.client}.Builder()"]
    lines.append(
        f"    .Environment({namespace}.Environment.{environments[0].name})"
        if api.servers
        else '    .BaseUrl("https://api.example.com")'
    )
    for a in auth:
        placeholder = "YOUR_" + "".join("_" + c if c.isupper() else c.upper() for c in a.method).lstrip("_")
        arguments = '"USERNAME", "PASSWORD"' if a.pair else f'"{placeholder}"'
        lines.append(f"    .{a.method}({arguments})")
    lines.append("    .Build();")
    setup = "\n".join(lines)
    quick = next(
        ((gi, oi) for gi, g in enumerate(api.groups) for oi, op in enumerate(g.operations) if not op.deprecated), None
    )
    quick_start = setup
    if quick is not None:
        intro, code = example(*quick)
        quick_start = "\n".join([setup, intro, "", code])

    def type_links(types: Iterable[Model | EnumType]) -> list[TypePageLink]:
        links = []
        for t in types:
            own = names.of_type(t.name)
            links.append(TypePageLink(t.name, f"{MODELS_DIR}/{own.doc_file}", own.class_name, summary(t.description)))
        return sorted(links, key=lambda link: link.name.lower())

    models, enums = type_links(api.models.values()), type_links(api.enums.values())
    groups = tuple(
        PageLink(
            title(g.name) or names.groups[g.name].class_name,
            f"{API_DIR}/{names.groups[g.name].doc_file}",
            names.groups[g.name].property,
            summary(g.description),
        )
        for g in api.groups
    )
    error = error_item_model(api)
    error_link = next((m for m in models if error and m.name == names.of_type(error).class_name), None)
    return ReadmeDoc(
        api.description, setup, groups, tuple(models), tuple(enums), quick_start, CLIENT_SETUP_HEADING, error_link
    )


def _type_link(t: TypeRef | None, text: str, names: CSharpNames, here: str = API_DIR) -> TypeLink:
    """``text``, linked to the page of the one model it names."""
    refs = sorted(referenced_models(t)) if t is not None else []
    if len(refs) != 1:
        return TypeLink(text, None)
    return TypeLink(text, relative(f"{MODELS_DIR}/{names.of_type(refs[0]).doc_file}", here))


def _constraints(constraints: Sequence[Constraint]) -> tuple[ConstraintView, ...]:
    return tuple(
        ConstraintView(
            CONSTRAINT_LABELS.get(c.keyword, c.keyword),
            c.value
            if isinstance(c.value, str)
            else cs_value(c.value)
            if not isinstance(c.value, dict | list)
            else str(c.value),
        )
        for c in constraints
    )
