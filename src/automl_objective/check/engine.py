"""The compiled checks of one schema definition, for callers other than the validator.

The generated pydantic models bind these as their model validators, so a model accepts exactly
what ``validate`` accepts (warnings aside) and says why in the validator's own words.
"""

from __future__ import annotations

from typing import Any

from automl_objective.check.failures import Failure
from automl_objective.check.findings import Located


def rule_errors(definition: str, data: Any) -> list[str]:
    """The error messages the compiled check of ``$defs/<definition>`` gives ``data``."""
    return _error_messages(_rule_failures(definition, data))


def _rule_failures(definition: str, data: Any) -> list[Failure]:
    from automl_objective_generated.checks import DEFS

    passes, explain = DEFS[definition]
    if passes(data):
        return []
    found: list[Failure] = []
    explain(data, (), found, False)
    return found


def kind_errors(kind: str, data: Any) -> list[str]:
    """The error messages ``validate --kind KIND`` gives ``data`` (any kind, whole requests
    and responses included)."""
    from automl_objective.check.checker import default_checker

    return _error_messages(default_checker().failures(data, kind))


class DocumentErrors(ValueError):
    """Every error ``validate`` finds in a document, each with its path in the document
    (``errors``); as a ``ValueError`` its text is their messages joined by ``; ``. The
    generated models turn each into one pydantic error whose ``loc`` is its path."""

    def __init__(self, errors: list[Located]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def raise_kind_errors(kind: str, data: Any) -> None:
    """Raise :class:`DocumentErrors` with every error ``validate --kind KIND`` gives."""
    from automl_objective.check.checker import default_checker

    errors = _errors(default_checker().failures(data, kind))
    if errors:
        raise DocumentErrors(errors)


def _errors(found: list[Failure]) -> list[Located]:
    from automl_objective.check.catalog import load_catalog
    from automl_objective.check.findings import one_per_cause
    from automl_objective.check.messages import explain_all

    catalog = load_catalog()
    located = one_per_cause(item for f in found for item in explain_all(f, catalog))
    return [item for item in located if item.severity == "error"]


def _error_messages(found: list[Failure]) -> list[str]:
    return [item.message for item in _errors(found)]


def raise_rule_errors(definition: str, data: Any) -> None:
    """Raise :class:`DocumentErrors` (a ``ValueError``, what a pydantic validator raises)
    with every error the compiled check of ``$defs/<definition>`` gives ``data``."""
    errors = _errors(_rule_failures(definition, data))
    if errors:
        raise DocumentErrors(errors)
