"""``automl-objective sync --from-botocore``: compare the schema's valid values, and its
per-problem-type rules, with AWS's own service model as botocore ships it (the rules are
stated only in the documentation of ``AutoMLJobObjective.MetricName``: see aws_docs), and
optionally write what follows from the model into the schema (see sync_write).

botocore's loader is used (not a file path) so that ``AWS_DATA_PATH`` and ``~/.aws/models``
overrides apply. Order never counts as drift: botocore 1.34.2 reordered AutoMLMetricEnum
without changing it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from automl_objective.base.quoting import printable
from automl_objective.base.schema import Schema
from automl_objective_codegen.algorithm_docs import ALGORITHMS
from automl_objective_codegen.doc_drift import Disagreement, disagreements

PLACEHOLDER = "TODO"
METRIC_SHAPE = "AutoMLMetricEnum"
PROBLEM_TYPE_SHAPE = "ProblemType"
UNION_SHAPE = "AutoMLProblemTypeConfig"
OBJECTIVE_SHAPE = "AutoMLJobObjective"
DOCUMENTED_MEMBER = "MetricName"
ALGORITHM_SHAPE = "AutoMLAlgorithm"
MODE_SHAPE = "AutoMLMode"
ALGORITHM_CONFIG_SHAPE = "AutoMLAlgorithmConfig"
ALGORITHMS_MEMBER = "AutoMLAlgorithms"


class SyncError(Exception):
    """sync cannot go on: botocore is missing, its model lacks a shape the schema mirrors,
    or the schema cannot be read or written. The message is one printable line."""

    def __init__(self, message: str) -> None:
        # One printable line, whatever a key or a path holds (a line break, a surrogate).
        super().__init__(printable(message))


@dataclass(frozen=True)
class AwsValues:
    metrics: tuple[str, ...]
    problem_types: tuple[str, ...]
    job_configs: tuple[str, ...]
    botocore_version: str
    metric_documentation: str = ""  # HTML: AutoMLJobObjective.MetricName's documentation
    algorithms: tuple[str, ...] = ()  # AutoMLAlgorithm's values
    modes: tuple[str, ...] = ()  # AutoMLMode's values
    algorithm_documentation: str = ""  # HTML: AutoMLAlgorithmConfig.AutoMLAlgorithms'


@dataclass
class ValueDrift:
    what: str  # e.g. "AutoMLMetricEnum"
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Drift:
    parts: list[ValueDrift]
    rules: list[Disagreement] = field(default_factory=list)

    @property
    def values_changed(self) -> bool:
        """Drift in the value lists, which ``--write`` writes."""
        return any(p.added or p.removed for p in self.parts)

    @property
    def algorithms_changed(self) -> bool:
        """An algorithm list both the documentation and the schema have, which differ:
        ``--write`` writes the documentation's."""
        return any(r.fact == ALGORITHMS and r.documentation and r.schema for r in self.rules)

    @property
    def any(self) -> bool:
        return self.values_changed or bool(self.rules)

    def part(self, what: str) -> ValueDrift:
        return next(p for p in self.parts if p.what == what)


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
    odd = next((v for v in values if not v.isprintable()), None)
    if odd is not None:  # a line break, a control character, a lone surrogate: no name
        raise SyncError(f"{_model_source()}: shape {name} holds {odd!r:.60}, not a name")
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
            ALGORITHM_SHAPE: _shape(model, ALGORITHM_SHAPE, "string"),
            MODE_SHAPE: _shape(model, MODE_SHAPE, "string"),
        }
        values = {name: _values(shape, name) for name, shape in shapes.items()}
        documentation = _documentation(model, OBJECTIVE_SHAPE, DOCUMENTED_MEMBER)
        algorithm_documentation = _documentation(model, ALGORITHM_CONFIG_SHAPE, ALGORITHMS_MEMBER)
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
        metric_documentation=documentation,
        algorithms=values[ALGORITHM_SHAPE],
        modes=values[MODE_SHAPE],
        algorithm_documentation=algorithm_documentation,
    )


def _documentation(model: Any, shape_name: str, member_name: str) -> str:
    """The member's documentation ("" when it has none: a drift item, see rule_drift); the
    member itself missing is an error, as a missing shape is."""
    shape = _shape(model, shape_name, "structure")
    member = shape.members.get(member_name)
    if member is None:
        raise SyncError(f"{_model_source()}: shape {shape_name} has no {member_name}")
    text = getattr(member, "documentation", None)
    return text if isinstance(text, str) else ""


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


def value_drift(schema: Schema, aws: AwsValues) -> list[ValueDrift]:
    ours = _schema_values(schema)
    theirs = {
        METRIC_SHAPE: list(aws.metrics),
        PROBLEM_TYPE_SHAPE: list(aws.problem_types),
        UNION_SHAPE: list(aws.job_configs),
    }
    return [
        ValueDrift(
            what,
            added=[v for v in theirs[what] if v not in ours[what]],
            removed=[v for v in ours[what] if v not in theirs[what]],
        )
        for what in (METRIC_SHAPE, PROBLEM_TYPE_SHAPE, UNION_SHAPE)
    ]


UNREADABLE = "unreadable"
"""The ``fact`` of the drift item that says the documentation could not be read."""


def _unreadable(reason: str) -> Disagreement:
    return Disagreement(
        "",
        UNREADABLE,
        (),
        (),
        f"{reason}, so no problem type's metrics or default were compared: compare them by "
        "hand, and teach automl_objective_codegen.aws_docs the documentation's new shape",
    )


def rule_drift(schema: Schema, aws: AwsValues) -> list[Disagreement]:
    """The documentation's rules against the schema's. A documentation that is missing, or
    has a shape this cannot read, is one drift item of its own (fact ``UNREADABLE``): never
    a silent "no drift", and never an error that would hide the value drift."""
    from automl_objective_codegen.aws_docs import DocumentationShapeError

    member = f"{OBJECTIVE_SHAPE}.{DOCUMENTED_MEMBER}"
    if not aws.metric_documentation.strip():
        return [
            _unreadable(
                f"{member} has no documentation (where AWS states each problem type's metrics "
                "and default)"
            )
        ]
    try:
        return disagreements(
            aws.metric_documentation, schema, aws.metrics, aws.problem_types, aws.job_configs
        )
    except DocumentationShapeError as error:
        return [_unreadable(f"the documentation of {member} {error}")]


def algorithm_drift(schema: Schema, aws: AwsValues) -> list[Disagreement]:
    """The documentation's algorithm lists against the schema's (see algorithm_docs)."""
    from automl_objective_codegen.algorithm_docs import algorithm_disagreements

    return algorithm_disagreements(
        aws.algorithm_documentation, schema, aws.job_configs, aws.modes, aws.algorithms
    )


def compare(schema: Schema, aws: AwsValues) -> Drift:
    return Drift(value_drift(schema, aws), rule_drift(schema, aws) + algorithm_drift(schema, aws))


def write_schema(path: Path, schema: Schema) -> None:
    """Replace the schema file atomically, in the canonical formatting (through a symbolic
    link, never replacing the link: see replace_file)."""
    from automl_objective_codegen.replace_file import ReplaceError, replace_text

    try:
        replace_text(path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    except ReplaceError as error:
        raise SyncError(str(error)) from None
