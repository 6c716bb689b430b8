"""The check the generated whole-document models (``automl_objective_generated.requests``)
run before pydantic reads their data: the one ``validate --kind KIND`` runs."""

from __future__ import annotations

from typing import Any

from automl_objective.engine import raise_kind_errors


def check_whole_document(cls: type[Any], data: Any) -> Any:
    """Raise ``ValueError`` with the validator's error messages unless ``data`` is a valid
    document of ``cls.aws_kind``; a whole model instance was checked when it was made."""
    from pydantic import BaseModel

    if not isinstance(data, BaseModel):
        raise_kind_errors(cls.aws_kind, as_document(data))
    return data


def as_document(data: Any) -> Any:
    """``data`` with each model inside (a nested ``Tag(...)``, say, which is not checked on
    its own) as the members it was given, by AWS's names: what the check reads."""
    from pydantic import BaseModel

    if isinstance(data, BaseModel):
        return as_document(data.model_dump(by_alias=True, exclude_unset=True))
    if isinstance(data, dict):
        return {key: as_document(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_document(item) for item in data]
    return data
