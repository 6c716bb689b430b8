"""The generated models' verdict on a document, for tests that compare it with the others."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from automl_objective_generated.models import AutoMLObjectiveDocument


def model_accepts(document: Any) -> bool:
    try:
        AutoMLObjectiveDocument.model_validate(document)
    except ValidationError:
        return False
    return True
