"""The views the Python target's templates receive: one small dataclass per thing a
file shows (a model, a method, a credential...), every decision about the spec already
taken. :mod:`.plan` makes them; :mod:`.docs` lays the doc pages out from them.

Each is a view (:func:`generator.targets.view.view`): compared and hashed by identity,
with no ``repr`` of its own, and frozen to mypy alone: nothing compares them by value,
and each method a data class makes is compiled when the module is imported, by every
run that renders.
"""

from __future__ import annotations

from ...render.english import indefinite_article
from ..view import view
from .literals import py_str
from .types import (
    with_unset,
)


@view
class RuntimeDefaults:
    """The generated runtime's defaults: written into its code and told in its README
    from this one place, so the two cannot disagree."""

    timeout: float = 60.0
    max_retries: int = 2
    retry_statuses: tuple[int, ...] = (408, 429, 500, 502, 503, 504)
    max_retry_after: float = 60.0

    @property
    def retry_statuses_text(self) -> str:
        """``408, 429, ... or 504`` for prose."""
        *head, last = (str(s) for s in self.retry_statuses)
        return f"{', '.join(head)} or {last}"


@view
class FieldView:
    """A field of a model: its attribute, wire name, annotation and description."""

    attr: str
    wire: str
    annotation: str  # without the "| Unset" of optional fields
    required: bool  # required on both ways: read- and write-only fields never are
    read_only: bool
    description: str
    summary: str  # the description's first line
    codec: str | None
    sensitive: bool

    @property
    def unset_annotation(self) -> str:
        """The annotation when the field is optional: ``X | Unset``."""
        return with_unset(self.annotation)

    @property
    def field_arguments(self) -> list[str]:
        """The arguments of this field's ``Field(...)`` entry in the model's ``_fields``."""
        arguments = [py_str(self.attr), py_str(self.wire)]
        if self.codec:
            arguments.append(self.codec)
        if self.sensitive:
            arguments.append("sensitive=True")
        if self.required:
            arguments.append("required=True")
        if self.read_only:
            arguments.append("read_only=True")
        return arguments


@view
class ModelView:
    """A model's module: its class, builder, fields and what the module imports."""

    class_name: str
    article: str  # "a" or "an", before the class name
    builder: str
    module: str
    description: str
    deprecated: bool
    fields: tuple[FieldView, ...]
    required: tuple[FieldView, ...]
    runtime_imports: tuple[str, ...]
    abc_imports: tuple[str, ...]  # from collections.abc
    typing_imports: tuple[str, ...]
    type_checking_imports: tuple[tuple[str, str], ...]  # (module, class)
    uses_datetime: bool

    @property
    def required_parameters(self) -> list[str]:
        """``name: type`` of each required field, as the builder's parameters."""
        return [f"{f.attr}: {f.annotation}" for f in self.required]


@view
class MemberView:
    """One member of an enum: its name, value and description."""

    name: str
    value: str | int
    description: str


@view
class EnumView:
    """An enum's module: its class, base class and members."""

    class_name: str
    module: str
    description: str
    base_class: str
    members: tuple[MemberView, ...]


@view
class ParamView:
    """A parameter of a method (the body among them): its name, where it goes, its annotation."""

    name: str
    wire: str
    location: str  # path, query, header, cookie, body
    annotation: str
    required: bool
    description: str

    @property
    def unset_annotation(self) -> str:
        """The annotation when the parameter is optional: ``X | Unset``."""
        return with_unset(self.annotation)

    @property
    def entry(self) -> str:
        """``"wire-name": name``: this parameter's entry in the request's dict of its location."""
        return f"{py_str(self.wire)}: {self.name}"


@view
class PageView:
    """How a paged method returns its pages: the classes, the item type and the ``Paging``
    declaration of its group module."""

    constant: str  # the module-level Paging(...) the method passes
    paging_arguments: tuple[str, ...]
    item_annotation: str
    response_class: str | None  # the response model the page classes extend; None for a JSON list
    sync_class: str  # SyncItems[X] for a JSON list
    async_class: str
    sync_parse: str
    async_parse: str
    kind: str  # cursor, last_item or link

    @property
    def sync_doc(self) -> str:
        """The docstring of the blocking page class."""
        return self._doc("iterating over one")

    @property
    def async_doc(self) -> str:
        """The docstring of the asyncio page class."""
        return self._doc("``async for`` over one")

    def _doc(self, iterating: str) -> str:
        model = self.response_class or ""
        return (
            f"A page of {indefinite_article(model)} ``{model}``: {iterating} gives every item\n"
            "of it and of the pages after it, each page fetched when reached."
        )


@view
class MethodView:
    """A method of a group: its signature, how it builds its request and reads the answer."""

    name: str
    request_function: str
    http_method: str
    path: str
    description: str
    deprecated: bool
    beta: bool
    params: tuple[ParamView, ...]  # in signature order
    positional: tuple[ParamView, ...]
    keyword_only: tuple[ParamView, ...]
    path_params: tuple[ParamView, ...]
    query_params: tuple[ParamView, ...]
    header_params: tuple[ParamView, ...]
    cookie_params: tuple[ParamView, ...]
    body: ParamView | None
    sensitive_wire_names: tuple[str, ...]
    secret_path_params: tuple[str, ...]  # wire names of the path parameters not to log
    authenticated: bool
    idempotent: bool
    retry_safe: bool  # a POST or PATCH whose idempotency key makes a retry safe
    idempotency_field: str | None  # the body field holding the caller's idempotency key
    idempotency_header: str | None  # the header the SDK fills with a fresh key per call
    return_annotation: str
    return_description: str
    body_argument: str  # the Request field the body goes in: json, form, multipart or content
    content_type: str | None  # the media type of a body sent as it is
    expect: str  # what a success body is: json, text or bytes
    delimiters: tuple[tuple[str, str], ...]  # query arrays sent as one delimited value
    parse: str  # expression turning decoded JSON (None for an empty body) into the return value
    cast: bool  # the parser returns Any (a codec, plain JSON): the call's result is cast to the annotation
    page: PageView | None = None  # how the method pages, if it does

    @property
    def sync_return(self) -> str:
        """What the blocking method returns: the first page when it pages."""
        return self.page.sync_class if self.page else self.return_annotation

    @property
    def async_return(self) -> str:
        """What the asyncio method returns (a pager, awaitable and async-iterable, when it pages)."""
        if self.page is None:
            return self.return_annotation
        return f"AsyncPager[{self.page.async_class}, {self.page.item_annotation}]"

    @property
    def signature(self) -> list[str]:
        """The method's parameters: the required ones, then keyword-only the optional ones."""
        return [
            "self",
            *(f"{p.name}: {p.annotation}" for p in self.positional),
            "*",
            *(f"{p.name}: {p.unset_annotation} = UNSET" for p in self.keyword_only),
            "request_options: RequestOptions | None = None",
        ]

    @property
    def request_parameters(self) -> list[str]:
        """The parameters of the module-level function that builds this method's request."""
        return [f"{p.name}: {p.annotation if p in self.positional else p.unset_annotation}" for p in self.params]

    @property
    def delimiter_entries(self) -> list[str]:
        """``"name": "delimiter"`` of each query array sent as one delimited value."""
        return [f"{py_str(name)}: {py_str(delimiter)}" for name, delimiter in self.delimiters]


@view
class GroupView:
    """A group's module: its classes (blocking, asyncio, raw), methods and imports."""

    class_name: str
    async_class_name: str
    raw_class_name: str
    async_raw_class_name: str
    attribute: str
    module: str
    description: str
    summary: str
    methods: tuple[MethodView, ...]
    imports: tuple[tuple[str, str], ...]  # (module, class) of models used at run time
    http_imports: tuple[str, ...]
    model_imports: tuple[str, ...]
    typing_imports: tuple[str, ...]
    uses_datetime: bool
    any_deprecated: bool
    paging_imports: tuple[str, ...] = ()  # from _pagination


@view
class AuthView:
    """A credential the client holds: its constructor parameter and how it is sent."""

    param: str
    kind: str  # bearer, basic, api_key
    location: str  # header, query, cookie
    wire_name: str
    description: str
    env_var: str | None  # read when the client is given no credential (not for basic auth's pair)
    annotation: str  # the blocking client's parameter type (without ``| None``)
    async_annotation: str  # the asyncio client's
    settings_annotation: str  # what the clients hand on to ``_settings``
    token_function: bool  # a function returning the credential may stand for it (a token manager)
    doc: str  # the docstring's words for the argument: what it is and how it is sent
    send: tuple[str, ...]  # the statements of ``_settings`` that send a given credential


@view
class ClientView:
    """What the client module needs because of the credentials it holds."""

    base64: bool  # basic auth: the pair is encoded
    token_source: bool  # a bearer token: a function returning it may be given (``TokenSource``)
    environ: bool  # a credential is read from an environment variable when not given


@view
class EnvironmentView:
    """A server the API is published on, by the name ``environment=`` takes."""

    name: str
    url: str


@view
class GroupEntryView:
    """A group as the client shows it: its attribute, its classes' module and names, and
    its summary (the group's own prose only, not its operations')."""

    attribute: str
    module: str
    class_name: str
    async_class_name: str
    summary: str


@view
class GlobalHeaderView:
    """A header sent with every request: the client's keyword (and ``request_options``
    key) for it, the header's name, and its default value (None: not sent unless set)."""

    param: str
    header: str
    value: str | None
    description: str
    required: bool  # the client must be given it: the spec declares no value


@view
class TokenView:
    """The OAuth 2 token endpoint the generated token manager calls.

    ``url`` is the spec's ``tokenUrl``; ``operation`` the spec's own operation there (its
    body then goes as that operation's media type says: ``json`` or ``form``), else None
    and the manager speaks RFC 6749 (form-encoded).
    """

    url: str
    operation: str | None
    body: str  # json or form
    scopes_field: str  # the body field of the scopes asked for: RFC 6749's "scope", or the operation's own
    scopes_as_list: bool  # that field is an array (Square's "scopes"), not RFC 6749's space-separated string

    @property
    def json(self) -> bool:
        """Whether the token request's fields go as JSON (else form-encoded)."""
        return self.body == "json"


@view
class ReadmeClient:
    """What the README tells of the client, as the client module has it."""

    auth: tuple[AuthView, ...]
    global_headers: tuple[GlobalHeaderView, ...]
    token: TokenView | None
    error_model: tuple[str, str] | None  # (module, class) of the model errors list
