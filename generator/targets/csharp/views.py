"""The views the C# target's templates receive: one small dataclass per thing a file
shows (a model, a method, a credential...), every decision about the spec already taken.
:mod:`.plan` makes them; :mod:`.docs` lays the doc pages out from them.

Each is a view (:func:`generator.targets.view.view`): compared and hashed by identity,
with no ``repr`` of its own, and frozen to mypy alone: nothing compares them by value,
and each method a data class makes is compiled when the module is imported, by every
run that renders.
"""

from __future__ import annotations

from ..view import view


@view
class FieldView:
    prop: str
    wire: str
    wire_literal: str  # the wire name as a C# string literal
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


@view
class ModelView:
    class_name: str
    description: str
    deprecated: bool
    fields: tuple[FieldView, ...]
    required: tuple[FieldView, ...]

    uses_deprecated: bool  # obsolete fields or models: warnings meant for the SDK's users


@view
class MemberView:
    name: str
    value: str | int
    description: str


@view
class EnumView:
    class_name: str
    description: str
    base: str  # string or int
    members: tuple[MemberView, ...]


@view
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


@view
class MethodView:
    name: str
    async_name: str
    http_method: str
    path: str
    description: str
    deprecated: bool
    params: tuple[ParamView, ...]
    body: ParamView | None
    authenticated: bool
    idempotent: bool
    return_type: str | None  # None: the call returns nothing
    model_return: str | None  # the model's class when the result is one (for docs)
    parse: str  # expression turning `response` into the result
    return_description: str
    statements: tuple[str, ...]  # each parameter put into the request, in order

    @property
    def declarations(self) -> list[str]:
        return [p.declaration for p in self.params]

    @property
    def task(self) -> str:
        return f"Task<{self.return_type}>" if self.return_type else "Task"

    @property
    def arguments(self) -> str:
        return ", ".join(p.name for p in self.params)


@view
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


@view
class EnvironmentView:
    name: str
    url: str
    description: str


@view
class AuthView:
    method: str  # the client builder's method
    field: str  # its private field
    kind: str  # bearer, basic, api_key
    location: str  # header, query, cookie
    wire_name: str
    description: str
    pair: bool  # the builder method takes a username and a password (basic auth)
    add: str  # the client constructor's statement sending a credential it was given
