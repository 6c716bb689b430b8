"""The compiled checks of one schema definition, for callers other than the validator.

The generated pydantic models bind these as their model validators, so a model accepts exactly
what ``validate`` accepts (warnings aside) and says why in the validator's own words.
"""

from __future__ import annotations

from typing import Any

from automl_objective.check.failures import Failure


def rule_errors(definition: str, data: Any) -> list[str]:
    """The error messages the compiled check of ``$defs/<definition>`` gives ``data``."""
    from automl_objective_generated.checks import DEFS

    passes, explain = DEFS[definition]
    if passes(data):
        return []
    found: list[Failure] = []
    explain(data, (), found, False)
    return _error_messages(found)


def kind_errors(kind: str, data: Any) -> list[str]:
    """The error messages ``validate --kind KIND`` gives ``data`` (any kind, whole requests
    and responses included)."""
    from automl_objective.check.checker import default_checker

    return _error_messages(default_checker().failures(data, kind))


def raise_kind_errors(kind: str, data: Any) -> None:
    """Raise ``ValueError`` with every error message ``validate --kind KIND`` gives."""
    errors = kind_errors(kind, data)
    if errors:
        raise ValueError("; ".join(errors))


def _error_messages(found: list[Failure]) -> list[str]:
    from automl_objective.check.catalog import load_catalog
    from automl_objective.check.findings import one_per_cause
    from automl_objective.check.messages import explain_all

    catalog = load_catalog()
    located = one_per_cause(item for f in found for item in explain_all(f, catalog))
    return [item.message for item in located if item.severity == "error"]


def raise_rule_errors(definition: str, data: Any) -> None:
    """Raise ``ValueError`` (what a pydantic validator raises) with every error message."""
    errors = rule_errors(definition, data)
    if errors:
        raise ValueError("; ".join(errors))
