"""Subjects of the model: the API's head, each group, operation, model and enum, the
fields of each model and the values of each enum. A target says which subjects each
file it plans is made from (:attr:`generator.render.job.RenderJob.subjects`); what a run
keeps for the next one is keyed by them (see :mod:`generator.cache`)."""

from __future__ import annotations

from .ir import ApiGroup, Operation


def _subject(kind: str, *names: str) -> str:
    """A subject's key: unambiguous whatever the names hold (a tag ``a:b`` with operation
    ``c`` is not tag ``a`` with operation ``b:c``). A tuple's ``repr`` quotes and escapes
    each name, at a seventh of ``json.dumps``'s cost: keys are made for every file."""
    return repr((kind, *names))


API_SUBJECT = _subject("api")
"""The API's head: title, description, version, servers and credentials."""


def group_subject(group: ApiGroup) -> str:
    """The subject of a group's own prose (its tag's description)."""
    return _subject("group", group.name)


def operation_subject(group: ApiGroup, operation: Operation) -> str:
    """The subject of an operation's prose; operationIds are unique within a group."""
    return _subject("operation", group.name, operation.operation_id)


def group_subjects(group: ApiGroup) -> frozenset[str]:
    """A group's subject and its operations': what a file about the whole group shows."""
    return frozenset({group_subject(group), *(operation_subject(group, op) for op in group.operations)})


def model_subject(name: str) -> str:
    """The subject of a model's own description."""
    return _subject("model", name)


def fields_subject(name: str) -> str:
    """The subject of the descriptions of a model's fields."""
    return _subject("fields", name)


def enum_subject(name: str) -> str:
    """The subject of an enum's own description."""
    return _subject("enum", name)


def values_subject(name: str) -> str:
    """The subject of the descriptions of an enum's values."""
    return _subject("values", name)


def model_subjects(name: str) -> frozenset[str]:
    """What a file about one model shows: its description and its fields'."""
    return frozenset({model_subject(name), fields_subject(name)})


def enum_subjects(name: str) -> frozenset[str]:
    """What a file about one enum shows: its description and its values'."""
    return frozenset({enum_subject(name), values_subject(name)})
