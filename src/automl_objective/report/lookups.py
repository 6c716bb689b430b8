"""What ``metrics`` and ``resolve`` report, and how each output format writes it.

The CLI picks a format and prints; the choosing of rows and the layout live here, as the
validation reporters do for ``validate``. Every name and value is shown as every output shows
it (:func:`~automl_objective.base.quoting.printable`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from automl_objective.base.quoting import printable, printable_data
from automl_objective.check.catalog import Catalog, Metric, ProblemTypeRule
from automl_objective.check.resolve import Resolution
from automl_objective.check.results import FileResult
from automl_objective.report.schema_version import versioned


class UnknownProblemType(ValueError):
    """A problem type the schema does not state."""


@dataclass(frozen=True)
class MetricsTable:
    """The metrics to list and the problem types they are listed against."""

    catalog: Catalog
    metrics: tuple[Metric, ...]
    rules: tuple[ProblemTypeRule, ...]


def metrics_table(catalog: Catalog, problem_type: str | None = None) -> MetricsTable:
    """Every metric against every problem type, or one problem type's metrics."""
    if problem_type is None:
        return MetricsTable(catalog, catalog.metrics, catalog.problem_types)
    if problem_type not in catalog.problem_type_names:
        raise UnknownProblemType(catalog.unknown_problem_type(problem_type))
    rule = catalog.problem_type(problem_type)
    metrics = tuple(m for m in catalog.metrics if m.name in rule.allowed)
    return MetricsTable(catalog, metrics, (rule,))


METRICS_HEADER = ("METRIC", "DIRECTION", "PROBLEM TYPES (* = default)")


def _types_cell(table: MetricsTable, metric: Metric) -> str:
    return ", ".join(
        rule.name + ("*" if rule.default == metric.name else "")
        for rule in table.rules
        if metric.name in rule.allowed
    )


def write_metrics_text(table: MetricsTable, out: TextIO) -> None:
    """Aligned columns, each as wide as its widest cell, header included; then a note for
    each problem type that does not use the objective."""
    if table.metrics:
        rows = [METRICS_HEADER] + [
            (m.name, m.direction, _types_cell(table, m)) for m in table.metrics
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        for name, direction, types in rows:
            line = f"{name:<{widths[0]}}  {direction:<{widths[1]}}  {types}"
            out.write(printable(line) + "\n")
    for rule in table.rules:
        if not rule.objective_used:
            out.write(
                ("\n" if table.metrics else "")
                + printable(f"{rule.name}: AutoMLJobObjective is not used (cross-entropy loss).")
                + "\n"
            )


def write_metrics_json(table: MetricsTable, out: TextIO) -> None:
    """Each metric and problem type by its ``as_dict()``, a metric with the problem types
    that accept it."""
    payload = versioned(
        {
            "metrics": [
                {**m.as_dict(), "problem_types": list(table.catalog.problem_types_allowing(m.name))}
                for m in table.metrics
            ],
            "problem_types": [r.as_dict() for r in table.rules],
        }
    )
    out.write(json.dumps(printable_data(payload), indent=2) + "\n")


METRICS_FORMATS: dict[str, Callable[[MetricsTable, TextIO], None]] = {
    "text": write_metrics_text,
    "json": write_metrics_json,
}


RESOLUTION_LABELS = {
    "problem_type": "ProblemType",
    "metric": "MetricName",
    "direction": "Direction",
    "source": "Source",
    "note": "Note",
}
"""The text format's labels: AWS's member names where the value is one of AWS's."""


def write_resolution_text(result: FileResult, resolution: Resolution, out: TextIO) -> None:
    """``Label:  value`` lines, values aligned; ``-`` for what does not apply."""
    fields = {RESOLUTION_LABELS[name]: value for name, value in resolution.as_dict().items()}
    width = max(len(label) for label in fields) + 2
    for label, value in fields.items():
        out.write(printable(f"{label + ':':<{width}}{'-' if value is None else value}") + "\n")


NO_RESOLUTION = dict.fromkeys(RESOLUTION_LABELS)
"""What an invalid document resolves to in JSON: every field null, the findings say why."""


def write_resolution_json(result: FileResult, resolution: Resolution | None, out: TextIO) -> None:
    """The file's verdict and findings as ``validate`` gives them, then the objective (every
    field null when the document is invalid)."""
    objective = NO_RESOLUTION if resolution is None else resolution.as_dict()
    document = printable_data(versioned({**result.as_dict(), **objective}))
    out.write(json.dumps(document, indent=2) + "\n")


RESOLUTION_FORMATS: dict[str, Callable[[FileResult, Resolution, TextIO], None]] = {
    "text": write_resolution_text,
    "json": write_resolution_json,
}


def write_schemas_json(paths: Sequence[Path], out: TextIO) -> None:
    """The installed editor schemas, each by its file name and absolute path."""
    schemas = [{"name": path.name, "path": str(path)} for path in paths]
    out.write(json.dumps(printable_data(versioned({"schemas": schemas})), indent=2) + "\n")
