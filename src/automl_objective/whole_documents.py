"""What the generated models (``automl_objective_generated``) run before pydantic reads data.

Each whole-document model runs the check ``validate --kind KIND`` runs; every model first
reads its data as the JSON document it stands for (:mod:`automl_objective.check.plain_data`), so
that data no JSON document could hold (a key that is not a string, a cycle, ``NaN``) is a
``ValueError`` naming where, which pydantic reports as a ``ValidationError``, and so that
pydantic reads what was checked. ``model_validate_json`` reads its text as ``validate`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel

from automl_objective.check.engine import raise_kind_errors
from automl_objective.check.plain_data import AS_JSON_TEXT, Reading, plain_copy

Handler = Callable[[Any], Any]
"""pydantic's inner validation, as a wrap validator is given it."""

_INSIDE_PLAIN: ContextVar[bool] = ContextVar("automl_objective_inside_plain", default=False)
"""Set while pydantic reads a plain copy: the models inside it need not copy again."""


def _inside_plain(handler: Handler, document: Any) -> Any:
    """``handler(document)`` for a plain document: the models inside do not copy it again."""
    token = _INSIDE_PLAIN.set(True)
    try:
        return handler(document)
    finally:
        _INSIDE_PLAIN.reset(token)


def _members_of_model(value: Any) -> Any:
    """A model inside (a nested ``Tag(...)``, say, which is not checked on its own): the
    members it was given, by AWS's names; None for anything else."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True)
    return None


_WHOLE = Reading(AS_JSON_TEXT.max_int, decimals_as_floats=True, expand=_members_of_model)
"""A whole document is what botocore would send (a tuple an array, a ``Decimal`` a float), but
an integer is judged as ``validate`` judges it in JSON text."""


def _read_plain(data: Any, reading: Reading, handler: Handler) -> Any:
    if _INSIDE_PLAIN.get() or isinstance(data, BaseModel):
        return handler(data)
    return _inside_plain(handler, plain_copy(data, reading))


def check_whole_document(cls: type[Any], data: Any, handler: Handler) -> Any:
    """Raise ``ValueError`` with the validator's error messages unless ``data`` is a valid
    document of ``cls.aws_kind``; pydantic then reads the plain document. A whole model
    instance was checked when it was made."""
    if isinstance(data, BaseModel):
        return handler(data)
    if _INSIDE_PLAIN.get():  # a member of the union: the union made the copy
        raise_kind_errors(cls.aws_kind, data)
        return handler(data)
    document = plain_copy(data, _WHOLE)
    raise_kind_errors(cls.aws_kind, document)
    return _inside_plain(handler, document)


def json_members(model: Any) -> dict[str, Any]:
    """A model's members as AWS spells them, as JSON values; ``ValueError`` naming the first
    value JSON has no form for (a custom mapping among the members a fragment model keeps)."""
    from pydantic_core import PydanticSerializationError, to_jsonable_python

    try:
        members: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return members
    except PydanticSerializationError:
        pass
    path: list[str] = []
    value: Any = model.model_dump(by_alias=True, exclude_unset=True)
    while isinstance(value, (dict, list, tuple)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            try:
                to_jsonable_python(item)
            except PydanticSerializationError:
                path.append(str(key))
                value = item
                break
        else:
            break
    where = "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path)
    kind = type(value).__name__
    raise ValueError(f"data at {where or '/'}: a {kind}, which JSON has no form for")


def take_plain_data(cls: type[Any], data: Any, handler: Handler) -> Any:
    """The wrap validator of every model without a whole-document check: pydantic reads the
    plain document (models inside it kept as they are), or ``ValueError`` names where."""
    return _read_plain(data, AS_JSON_TEXT, handler)


def take_plain_whole_data(cls: type[Any], data: Any, handler: Handler) -> Any:
    """:func:`take_plain_data` for the union of the whole documents: models inside are read
    as their members, as each whole document's check reads them."""
    return _read_plain(data, _WHOLE, handler)


def plain_document(data: Any) -> Any:
    """The plain document ``data`` stands for (a model kept as it is), or ``ValueError``."""
    if _INSIDE_PLAIN.get() or isinstance(data, BaseModel):
        return data
    return plain_copy(data, AS_JSON_TEXT)


def validate_plain_document(model: type[BaseModel], document: Any) -> Any:
    """``model.model_validate`` of a document from :func:`plain_document`, not copied again
    (a root model's before-validator hands its data on this way)."""
    return _inside_plain(model.model_validate, document)


def validate_json_as_cli(
    cls: type[Any], /, json_data: str | bytes | bytearray, **options: Any
) -> Any:
    """``model_validate_json``, reading the text as ``validate`` reads a JSON file: a
    duplicate key, ``NaN`` or a number too large is refused in its words; then the data is
    validated by ``model_validate``."""
    from pydantic_core import InitErrorDetails, ValidationError

    from automl_objective.inputs.document import LoadError
    from automl_objective.inputs.reading import decode
    from automl_objective.inputs.syntax import parse_text

    try:
        text = json_data if isinstance(json_data, str) else decode("<json>", bytes(json_data))
        data = parse_text("<json>", text, "json").data
    except LoadError as error:
        where = f" at line {error.line} column {error.column}" if error.line else ""
        message = error.message.removeprefix("invalid JSON: ") + where
        detail = InitErrorDetails(
            type="json_invalid", loc=(), input=json_data, ctx={"error": message}
        )
        raise ValidationError.from_exception_data(cls.__name__, [detail]) from None
    return cls.model_validate(data, **options)


VALIDATE_JSON_AS_CLI: Any = classmethod(validate_json_as_cli)
"""Bound in each generated model as its ``model_validate_json``."""
