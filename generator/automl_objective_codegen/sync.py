"""``automl-objective sync --from-botocore``: compare the schema's valid values with AWS's own
service model, as botocore ships it, and optionally write the difference into the schema.

botocore's loader is used (not a file path) so that ``AWS_DATA_PATH`` and ``~/.aws/models``
overrides apply. Order never counts as drift: botocore 1.34.2 reordered AutoMLMetricEnum
without changing it.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from automl_objective.schema import Schema

PLACEHOLDER = "TODO"
METRIC_SHAPE = "AutoMLMetricEnum"
PROBLEM_TYPE_SHAPE = "ProblemType"
UNION_SHAPE = "AutoMLProblemTypeConfig"


class SyncError(Exception):
    """botocore is missing or its model lacks a shape the schema mirrors."""


@dataclass(frozen=True)
class AwsValues:
    metrics: tuple[str, ...]
    problem_types: tuple[str, ...]
    job_configs: tuple[str, ...]
    botocore_version: str


@dataclass
class ValueDrift:
    what: str  # e.g. "AutoMLMetricEnum"
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Drift:
    parts: list[ValueDrift]

    @property
    def any(self) -> bool:
        return any(p.added or p.removed for p in self.parts)


def _model_source() -> str:
    override = os.environ.get("AWS_DATA_PATH")
    return (
        f"botocore's sagemaker model (AWS_DATA_PATH={override})"
        if override
        else ("botocore's sagemaker model")
    )


def _shape(model: Any, name: str, type_name: str) -> Any:
    """The shape ``name``, refused unless it exists and is of ``type_name``."""
    from botocore.model import NoShapeFoundError

    try:
        shape = model.shape_for(name)
    except NoShapeFoundError:
        raise SyncError(f"{_model_source()} has no shape {name}") from None
    if shape.type_name != type_name:
        raise SyncError(
            f"{_model_source()}: shape {name} is a {shape.type_name}, not a {type_name}"
        )
    return shape


def _values(shape: Any, name: str) -> tuple[str, ...]:
    values = shape.enum if shape.type_name == "string" else list(shape.members)
    if not values or not all(isinstance(v, str) and v for v in values):
        what = "enum" if shape.type_name == "string" else "members"
        raise SyncError(f"{_model_source()}: shape {name} has no {what} of strings")
    return tuple(values)


def aws_values() -> AwsValues:
    """The valid values in the sagemaker service model botocore loads; ``SyncError`` (one
    line) when botocore is missing, the model cannot be read, or lacks a shape."""
    try:
        import botocore
        import botocore.session
        from botocore.exceptions import BotoCoreError
    except ImportError:
        raise SyncError(
            "botocore is not installed: pip install 'automl-objective[codegen]'"
        ) from None
    try:
        model = botocore.session.get_session().get_service_model("sagemaker")
        shapes = {
            METRIC_SHAPE: _shape(model, METRIC_SHAPE, "string"),
            PROBLEM_TYPE_SHAPE: _shape(model, PROBLEM_TYPE_SHAPE, "string"),
            UNION_SHAPE: _shape(model, UNION_SHAPE, "structure"),
        }
        values = {name: _values(shape, name) for name, shape in shapes.items()}
    except SyncError:
        raise
    except RecursionError:
        raise SyncError(f"{_model_source()}: nested too deeply") from None
    except (BotoCoreError, ValueError, OSError, LookupError, TypeError, AttributeError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SyncError(f"{_model_source()} cannot be read: {first:.200}") from None
    return AwsValues(
        metrics=values[METRIC_SHAPE],
        problem_types=values[PROBLEM_TYPE_SHAPE],
        job_configs=values[UNION_SHAPE],
        botocore_version=botocore.__version__,
    )


def _schema_values(schema: Schema) -> dict[str, list[str]]:
    try:
        defs = schema["$defs"]
        return {
            METRIC_SHAPE: list(defs["MetricName"]["enum"]),
            PROBLEM_TYPE_SHAPE: list(defs["ProblemType"]["enum"]),
            UNION_SHAPE: list(defs["AutoMLProblemTypeConfig"]["propertyNames"]["enum"]),
        }
    except (KeyError, TypeError) as error:
        raise SyncError(f"the schema has no value list at {error}") from None


def compare(schema: Schema, aws: AwsValues) -> Drift:
    ours = _schema_values(schema)
    theirs = {
        METRIC_SHAPE: list(aws.metrics),
        PROBLEM_TYPE_SHAPE: list(aws.problem_types),
        UNION_SHAPE: list(aws.job_configs),
    }
    return Drift(
        [
            ValueDrift(
                what,
                added=[v for v in theirs[what] if v not in ours[what]],
                removed=[v for v in ours[what] if v not in theirs[what]],
            )
            for what in (METRIC_SHAPE, PROBLEM_TYPE_SHAPE, UNION_SHAPE)
        ]
    )


def _drop(values: list[Any], unwanted: list[str]) -> None:
    values[:] = [v for v in values if v not in unwanted]


def apply(schema: Schema, drift: Drift) -> Schema:
    """A copy of ``schema`` with the drift written in. New values get placeholders that
    ``catalog_problems`` (and so ``generate`` and the tests) flag until a person fills them in."""
    updated = copy.deepcopy(schema)
    defs = updated["$defs"]
    by_what = {p.what: p for p in drift.parts}
    metrics = by_what[METRIC_SHAPE]
    defs["MetricName"]["enum"].extend(metrics.added)
    facts = defs["MetricName"].setdefault("x-metrics", {})
    for name in metrics.added:
        facts[name] = {
            "title": name,
            "direction": PLACEHOLDER,
            "description": f"{PLACEHOLDER}: added from botocore; fill in its definition, "
            "direction and the problem types that accept it.",
        }
    _drop(defs["MetricName"]["enum"], metrics.removed)
    for name in metrics.removed:
        facts.pop(name, None)
    for body in defs.values():
        if isinstance(body, dict) and "x-problem-type" in body and "enum" in body:
            _drop(body["enum"], metrics.removed)
    problem_types = by_what[PROBLEM_TYPE_SHAPE]
    defs["ProblemType"]["enum"].extend(problem_types.added)
    _drop(defs["ProblemType"]["enum"], problem_types.removed)
    configs = by_what[UNION_SHAPE]
    union = defs["AutoMLProblemTypeConfig"]
    union["propertyNames"]["enum"].extend(configs.added)
    _drop(union["propertyNames"]["enum"], configs.removed)
    for name in configs.added:
        union["properties"][name] = {"type": "object", "additionalProperties": True}
    for name in configs.removed:
        union["properties"].pop(name, None)
    return updated


def write_schema(path: Path, schema: Schema) -> None:
    """Replace the schema file atomically, in the canonical formatting."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise SyncError(f"{path}: cannot write: {error.strerror or error}") from None
