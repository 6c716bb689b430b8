"""The check the generated whole-document models (``automl_objective_generated.requests``)
run before pydantic reads their data: the one ``validate --kind KIND`` runs."""

from __future__ import annotations

from typing import Any

from automl_objective.engine import raise_kind_errors


def check_whole_document(cls: type[Any], data: Any) -> Any:
    """Raise ``ValueError`` with the validator's error messages unless ``data`` is a valid
    document of ``cls.aws_kind``; a model instance was checked when it was made."""
    from pydantic import BaseModel

    if not isinstance(data, BaseModel):
        raise_kind_errors(cls.aws_kind, data)
    return data
