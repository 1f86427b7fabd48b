"""An SDK as its users see it: what they can name and call, in one target's words.

A target describes the SDK it makes from an API as a :class:`Surface` (its groups,
methods and their parameters, models and their fields, enums, environments and
credentials, each under the name and type the target gives it). Comparing two surfaces
says what changed for the SDK's users (:mod:`generator.change_report`) without knowing
the language. A type is the target's own annotation, and the set of types a value of it
may be, as the target judges them (see :class:`TypeShape`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Flow(StrEnum):
    """Which way a model's values travel: what a change to it can break depends on it."""

    INPUT = "input"  # built by the user and sent (a body, a parameter)
    OUTPUT = "output"  # received and read by the user (a response)
    BOTH = "both"


@dataclass(frozen=True)
class TypeShape:
    """A type as users write it (``text``), and its ``members``: the types a value of it may
    be, each as written, none a subtype of another (the target decides: in Python an open
    enum ``Color | str`` is just ``str``, since its members are strings). A type whose
    members hold another's members accepts every value of it."""

    text: str
    members: frozenset[str]


@dataclass(frozen=True)
class ParamShape:
    """A method's parameter: ``position`` is its index among the positional parameters,
    or None when it can only be passed by keyword."""

    name: str
    type: TypeShape
    required: bool
    position: int | None
    description: str


@dataclass(frozen=True)
class MethodShape:
    """A method of a group, with what it takes and what it returns."""

    name: str
    params: tuple[ParamShape, ...]
    returns: TypeShape
    deprecated: bool
    description: str
    http: str  # ``POST /oauth2/token``, for messages


@dataclass(frozen=True)
class GroupShape:
    """An API group: how the client exposes it, and its methods by name."""

    name: str
    methods: dict[str, MethodShape]
    description: str


@dataclass(frozen=True)
class FieldShape:
    """A model's field: ``nullable`` says whether null is one of its values."""

    name: str
    type: TypeShape
    required: bool
    nullable: bool
    deprecated: bool
    description: str


@dataclass(frozen=True)
class ModelShape:
    """A model, its fields by name, and which way its values travel."""

    name: str
    fields: dict[str, FieldShape]
    flow: Flow
    deprecated: bool
    description: str


@dataclass(frozen=True)
class EnumShape:
    """An enum and the values it names (as text: ``"RED"``, ``"3"``)."""

    name: str
    values: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class CredentialShape:
    """A credential the client takes: its argument and how it is sent."""

    name: str
    kind: str


@dataclass(frozen=True)
class Surface:
    """Everything an SDK's users can name, keyed by the target's names."""

    groups: dict[str, GroupShape]
    models: dict[str, ModelShape]
    enums: dict[str, EnumShape]
    environments: dict[str, str]  # name -> base URL
    credentials: dict[str, CredentialShape]
