"""What the generated models (``automl_objective_generated``) run before pydantic reads data.

Each whole-document model runs the check ``validate --kind KIND`` runs; every model first
reads its data as the JSON document it stands for (:mod:`automl_objective.check.plain_data`), so
that data no JSON document could hold (a key that is not a string, a cycle, ``NaN``) is a
``ValueError`` naming where, which pydantic reports as a ``ValidationError``, and so that
pydantic reads what was checked. ``model_validate_json`` reads its text as ``validate`` does.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel

from automl_objective.check.engine import DocumentErrors, raise_kind_errors, raise_rule_errors
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


def _members_or_timestamp(value: Any) -> Any:
    """:func:`_members_of_model`, and a ``datetime`` as its ISO 8601 text (what boto3 parsed
    a response's timestamp into, as the AWS CLI prints it)."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return _members_of_model(value)


_RESPONSE = Reading(AS_JSON_TEXT.max_int, decimals_as_floats=True, expand=_members_or_timestamp)
"""A whole response as boto3 returns it: :data:`_WHOLE`, with its timestamps as ``datetime``."""


def _reading_of(kind: str) -> Reading:
    return _RESPONSE if kind.endswith("-response") else _WHOLE


def _value_at(document: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path``, or at the deepest part of it the document has (a missing
    member's object)."""
    for token in path:
        found = isinstance(document, dict) and token in document
        found = found or (
            isinstance(document, list) and isinstance(token, int) and token < len(document)
        )
        if not found:
            break
        document = document[token]
    return document


def per_finding(title: str, errors: DocumentErrors, document: Any) -> Exception:
    """A pydantic ``ValidationError`` with one error per finding: its ``type`` the finding's
    code, its ``loc`` the finding's path (AWS's member names, as pydantic's own errors give
    them), its ``msg`` the validator's message."""
    from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

    details = [
        InitErrorDetails(
            type=PydanticCustomError(str(error.code), "{message}", {"message": error.message}),
            loc=tuple(error.path),
            input=_value_at(document, tuple(error.path)),
        )
        for error in errors.errors
    ]
    return ValidationError.from_exception_data(title, details)


def check_definition(title: str, definition: str, document: Any) -> None:
    """The compiled check of ``$defs/<definition>`` on a fragment model's document: one
    pydantic error per finding (see :func:`per_finding`)."""
    try:
        raise_rule_errors(definition, document)
    except DocumentErrors as errors:
        raise per_finding(title, errors, document) from None


def _check_kind(cls: type[Any], document: Any) -> None:
    try:
        raise_kind_errors(cls.aws_kind, document)
    except DocumentErrors as errors:
        raise per_finding(cls.__name__, errors, document) from None


def _read_plain(data: Any, reading: Reading, handler: Handler) -> Any:
    if _INSIDE_PLAIN.get() or isinstance(data, BaseModel):
        return handler(data)
    return _inside_plain(handler, plain_copy(data, reading))


def check_whole_document(cls: type[Any], data: Any, handler: Handler) -> Any:
    """Raise a ``ValidationError`` with one error per finding of the validator unless
    ``data`` is a valid document of ``cls.aws_kind``; pydantic then reads the plain document.
    A whole model instance was checked when it was made. A response's timestamps may be the
    ``datetime`` objects boto3 returns."""
    if isinstance(data, BaseModel):
        return handler(data)
    if _INSIDE_PLAIN.get():  # a member of the union: the union made the copy
        _check_kind(cls, data)
        return handler(data)
    document = plain_copy(data, _reading_of(cls.aws_kind))
    _check_kind(cls, document)
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
    as their members, as each whole document's check reads them; a response (a document
    with what tells a response apart, ``AutoMLJobArn``) with its timestamps as ``datetime``s."""
    return _read_plain(data, _RESPONSE if _is_response(data) else _WHOLE, handler)


def _is_response(data: Any) -> bool:
    from automl_objective.base.schema import load_aws_index

    if not isinstance(data, dict):
        return False
    kinds = load_aws_index()["kinds"]
    return any(k["kind"].endswith("-response") and data.keys() >= set(k["when"]) for k in kinds)


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


class DeprecatedNames:
    """A generated module's ``__getattr__`` that serves the previous release's class names:
    a ``DeprecationWarning`` pointing at the caller's line, then the class as named now."""

    def __init__(self, module: str, names: dict[str, tuple[str, str]]) -> None:
        self.module = module
        self.names = names
        """old name -> (new name, why)."""

    def __call__(self, name: str) -> Any:
        if name not in self.names:
            raise AttributeError(f"module {self.module!r} has no attribute {name!r}")
        import sys
        import warnings

        new, why = self.names[name]
        warnings.warn(
            f"{self.module}.{name} is deprecated and goes in the next release: {why}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(sys.modules[self.module], new)
