"""The C# SDK as its users see it (a :class:`~generator.changes.surface.Surface`): the names and
types they write, from the same views the templates render."""

from __future__ import annotations

from ...changes.surface import (
    CredentialShape,
    EnumShape,
    FieldShape,
    GroupShape,
    MethodShape,
    ModelShape,
    ParamShape,
    Surface,
    TypeShape,
)
from ...model.ir import Api
from ..flows import model_flows
from .naming import CSharpNames, name_api
from .plan import auth_views, field_types, group_view

SURFACE_NAMESPACE = "Sdk"
"""The views need a namespace for the code they hold; what users name does not depend on it."""


def _type(text: str) -> TypeShape:
    """A C# type accepts its own values, and null when it is nullable (``int?``, any reference type)."""
    base = text.removesuffix("?")
    return TypeShape(text, frozenset({base, "null"} if text.endswith("?") else {base}))


def surface(api: Api, names: CSharpNames | None = None) -> Surface:
    """What users of the C# SDK for ``api`` can name and call."""
    if names is None:
        names = name_api(api)
    groups: dict[str, GroupShape] = {}
    for group in api.groups:
        view = group_view(group, names, api, SURFACE_NAMESPACE)
        methods: dict[str, MethodShape] = {}
        for method in view.methods:
            params = tuple(
                ParamShape(p.name, _type(p.type), p.required, i if p.required else None, p.description)
                for i, p in enumerate(method.params)
            )
            http = f"{method.http_method} {method.path}"
            returns = _type(method.task)
            methods[method.async_name] = MethodShape(
                method.async_name, params, returns, method.deprecated, method.description, http
            )
        groups[view.property] = GroupShape(view.property, methods, group.description)
    flows = model_flows(api)
    models: dict[str, ModelShape] = {}
    for model in api.models.values():
        fields = {
            prop: FieldShape(prop, _type(type_text), required, f.type.nullable, f.deprecated, f.description)
            for f, prop, type_text, required in field_types(model, names, api)
        }
        class_name = names.of_type(model.name).class_name
        models[class_name] = ModelShape(class_name, fields, flows[model.name], model.deprecated, model.description)
    enums = {
        names.of_type(e.name).class_name: EnumShape(
            names.of_type(e.name).class_name, tuple(str(v.value) for v in e.values), e.description
        )
        for e in api.enums.values()
    }
    environments = {server.name: server.url for server in api.servers}
    credentials = {view.method: CredentialShape(view.method, view.kind) for view in auth_views(api)}
    return Surface(groups, models, enums, environments, credentials)
