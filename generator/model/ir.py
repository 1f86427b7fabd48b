"""The language-neutral description of an API that every target renders from.

Built by :mod:`generator.model.build` from a validated spec. ``$ref``s are resolved,
inline schemas are hoisted under deterministic names, and Swagger 2.0 and OpenAPI 3.x
are one shape here. Names are the spec's own (``ObtainTokenRequest``, ``client_id``,
``OAuth``): turning them into identifiers is each target's job, so nothing in this
module knows Python, C# or any other language.

All values are immutable; spec data that is free-form JSON (examples, defaults) is kept
as plain JSON values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from ..immutable import immutable


class TypeKind(StrEnum):
    """What a :class:`TypeRef` stands for."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    ANY = "any"
    ARRAY = "array"
    MAP = "map"
    MODEL = "model"
    ENUM = "enum"
    UNION = "union"


@immutable
class Discriminator:
    """How a union's members are told apart: the value of one property names the member.

    ``mapping`` pairs each property value with the model it selects (the spec's own
    mapping, else each member model's name).
    """

    property: str
    mapping: tuple[tuple[str, str], ...]


@immutable
class TypeRef:
    """A use of a type: a primitive, a container of another type, a named model/enum, or a
    union of other types.

    ``item`` is the element type of an array or the value type of a map; ``name`` is the
    key of a model or enum in :attr:`Api.models` / :attr:`Api.enums`; ``format`` is the
    spec's ``format`` (``int64``, ``date-time``...); ``members`` are the alternatives of a
    ``oneOf``/``anyOf`` union, told apart by ``discriminator`` when the spec gives one.
    """

    kind: TypeKind
    item: TypeRef | None = None
    name: str | None = None
    format: str | None = None
    nullable: bool = False
    members: tuple[TypeRef, ...] = ()
    discriminator: Discriminator | None = None


@immutable(slots=True)
class Source:
    """Where in the spec something was described: a file (as findings name it; ``""`` for
    the root, whose name a spec of one file may change) and a JSON pointer, for a
    target to say, located, what its language cannot express."""

    file: str
    pointer: str


@immutable
class Constraint:
    """One validation keyword from the spec, such as ``maxLength`` = 191."""

    keyword: str
    value: Any


@immutable
class Field:
    """A property of a model, under its wire (JSON) name."""

    name: str
    type: TypeRef
    required: bool
    description: str
    deprecated: bool = False
    beta: bool = False
    read_only: bool = False
    write_only: bool = False
    sensitive: bool = False
    default: Any = None
    has_default: bool = False
    example: Any = None
    has_example: bool = False
    constraints: tuple[Constraint, ...] = ()
    source: Source | None = None


@immutable
class Model:
    """An object schema with named fields."""

    name: str
    description: str
    fields: tuple[Field, ...]
    deprecated: bool = False
    example: Any = None
    has_example: bool = False
    additional_properties: TypeRef | None = None


@immutable
class EnumValue:
    """One allowed value of an enum, with the spec's description of it."""

    value: str | int
    description: str = ""


@immutable
class EnumType:
    """A closed set of string or integer values (open at run time: unknown values are kept)."""

    name: str
    description: str
    base: TypeKind
    values: tuple[EnumValue, ...]
    deprecated: bool = False


class ParamLocation(StrEnum):
    """Where a parameter travels."""

    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"


@immutable
class Parameter:
    """A path, query, header or cookie parameter of an operation.

    ``credential`` marks a parameter that stands for an operation-level credential the
    client does not hold itself (an apiKey scheme such as ``Authorization: Client ...``).
    """

    name: str
    location: ParamLocation
    type: TypeRef
    required: bool
    description: str
    deprecated: bool = False
    sensitive: bool = False
    credential: bool = False
    default: Any = None
    has_default: bool = False
    example: Any = None
    has_example: bool = False
    constraints: tuple[Constraint, ...] = ()
    style: str = ""
    """How an array or object value is serialised (``form``, ``spaceDelimited``,
    ``pipeDelimited``, ``deepObject``...); empty for the location's default."""
    explode: bool = True
    source: Source | None = None


@immutable
class Body:
    """The request body of an operation."""

    media_type: str
    type: TypeRef
    required: bool
    description: str
    example: Any = None
    has_example: bool = False
    source: Source | None = None


@immutable
class Response:
    """One response of an operation; ``status`` is ``"200"``, ``"4XX"`` or ``"default"``."""

    status: str
    description: str
    media_type: str | None
    type: TypeRef | None
    source: Source | None = None

    @property
    def is_success(self) -> bool:
        """Whether the status is a 2xx code or range."""
        return self.status.startswith("2")


class PaginationKind(StrEnum):
    """How an operation's next page is asked for."""

    CURSOR = "cursor"
    """The response carries the next page's cursor; the request sends it back."""
    LAST_ITEM = "last_item"
    """The next cursor is a field of the page's last item (Stripe's ``starting_after``
    with the last object's ``id``), while the response says it has more."""
    LINK = "link"
    """The next page's URL is in the response's ``Link: <...>; rel="next"`` header."""


@immutable
class Pagination:
    """How a list operation pages, so an SDK can iterate over every item of every page.

    Paths are JSON names from the success response body's root: ``items`` leads to the
    array of items (empty: the body is the array); ``next_cursor`` to the next cursor
    (for :attr:`PaginationKind.LAST_ITEM`, the field of the last item that is the cursor);
    ``has_more`` to a boolean that is false on the last page (empty: none).
    ``cursor_param`` is the request parameter or body field the cursor goes in, and
    ``cursor_location`` where it travels (``query``, ``header``, ``body``; empty for
    :attr:`PaginationKind.LINK`, whose next URL says everything).
    """

    kind: PaginationKind
    items: tuple[str, ...]
    cursor_param: str = ""
    cursor_location: str = ""
    next_cursor: tuple[str, ...] = ()
    has_more: tuple[str, ...] = ()


@immutable
class Idempotency:
    """Where an operation carries its idempotency key: a body field the caller fills
    (Square's ``idempotency_key``) or a header parameter (Stripe's ``Idempotency-Key``),
    which an SDK fills with a fresh key per call when the caller does not."""

    body_field: str | None = None
    header: str | None = None


@immutable
class Operation:
    """One HTTP operation.

    ``uses_client_auth`` says whether the client's own credentials go with the request;
    when False, the operation needs no authentication from the client (it may still take
    a credential parameter).
    """

    operation_id: str
    method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: tuple[Response, ...]
    uses_client_auth: bool
    beta: bool = False
    """The API marks it as beta (``x-release-status: BETA``): it may still change."""
    pagination: Pagination | None = None
    """How the operation pages, when it returns one page of a longer list."""
    idempotency: Idempotency | None = None
    """How a repeated call is told apart from a new one, when the spec says."""

    @property
    def retry_safe(self) -> bool:
        """Whether a POST or PATCH may be sent again after a failure: the server can tell a
        repeat by its idempotency key. (Other methods are idempotent by HTTP's definition.)"""
        return self.method in ("POST", "PATCH") and self.idempotency is not None

    @property
    def success_response(self) -> Response | None:
        """The first 2xx response (lowest code), the one a call returns."""
        successes = [r for r in self.responses if r.is_success]
        return min(successes, key=lambda r: r.status) if successes else None


@immutable
class ApiGroup:
    """The operations under one tag."""

    name: str
    description: str
    operations: tuple[Operation, ...]


class AuthKind(StrEnum):
    """How a security scheme sends its credential."""

    BEARER = "bearer"
    BASIC = "basic"
    API_KEY = "api_key"


@immutable
class SecurityScheme:
    """A way of authenticating, as declared under ``securitySchemes``.

    OAuth 2 and OpenID Connect schemes are bearer tokens to a client.
    """

    name: str
    kind: AuthKind
    description: str
    location: ParamLocation | None = None
    param_name: str | None = None
    token_url: str | None = None
    """OAuth 2: the ``tokenUrl`` of its flows (the first one giving one)."""
    token_operation: str | None = None
    """OAuth 2: the operationId of the spec's own operation at ``token_url``'s path, if any."""


@immutable
class GlobalHeader:
    """A header the spec declares for every request, such as ``Square-Version``.

    ``name`` names the setting a client takes for it (Fern's ``name``; else the header's
    own name); ``value`` is the declared value (a literal or a default), None if none;
    ``required``: a client must be given one (Fern's ``optional: false``, with no value).
    """

    header: str
    name: str
    value: str | None
    description: str = ""
    required: bool = False


@immutable
class Server:
    """A base URL the API is served from, under an environment name."""

    name: str
    url: str
    description: str


@immutable
class Api:
    """The whole API: what a target needs to emit an SDK."""

    title: str
    description: str
    version: str
    servers: tuple[Server, ...]
    groups: tuple[ApiGroup, ...]
    models: dict[str, Model]
    enums: dict[str, EnumType]
    client_auth: tuple[SecurityScheme, ...]
    global_headers: tuple[GlobalHeader, ...] = ()
    """Headers sent with every request (``x-fern-global-headers``, a security scheme's
    ``x-additional-headers``), one per header name."""
