"""The member names a folder scan tells AutoML documents from other SageMaker shapes by are
read from botocore's model, never listed by hand: a model that moves a member moves them."""

from __future__ import annotations

from typing import Any

import botocore.session
import pytest

from automl_objective.base.schema import load_schema
from automl_objective_codegen.look_alikes import MemberSets, selecting_members

botocore_model = botocore.session.get_session().get_service_model


class _Shape:
    def __init__(self, type_name: str, members: dict[str, str] | None = None) -> None:
        self.type_name = type_name
        self.members = {name: _Named(target) for name, target in (members or {}).items()}


class _Named:
    def __init__(self, name: str) -> None:
        self.name = name


class _Operation:
    def __init__(self, name: str) -> None:
        self.input_shape = _Named(f"{name}Request")
        self.output_shape = None


class _Model:
    """The part of a botocore service model the sets are read from: two AutoML documents,
    an AutoML operation's other shape and one other operation."""

    def __init__(self, training_members: dict[str, str]) -> None:
        strings = {"S": _Shape("string")}
        request = {"AutoMLJobName": "S", "RoleArn": "S", "InputDataConfig": "S"}
        self._shapes: dict[str, Any] = {
            **strings,
            "AutoMLJobObjective": _Shape("structure", {"MetricName": "S"}),
            "CreateAutoMLJobRequest": _Shape("structure", request),
            "CreateAutoMLJobV2Request": _Shape("structure", request),
            "DescribeAutoMLJobResponse": _Shape("structure", request),
            "DescribeAutoMLJobV2Response": _Shape("structure", request),
            "StopAutoMLJobRequest": _Shape("structure", {"AutoMLJobName": "S"}),
            "CreateTrainingJobRequest": _Shape("structure", training_members),
            "Objective": _Shape("structure", {"Type": "S", "MetricName": "S"}),
        }
        self.operation_names = ["CreateAutoMLJob", "StopAutoMLJob", "CreateTrainingJob"]

    def shape_for(self, name: str) -> Any:
        return self._shapes[name]

    def operation_model(self, name: str) -> _Operation:
        return _Operation(name)


def test_the_sets_follow_the_model() -> None:
    """A member of AutoML documents no other operation's shape has is AutoML's only (one an
    AutoML operation shares, ``AutoMLJobName`` of StopAutoMLJob, stays so); the look-alikes
    are the other shapes, nested ones included, holding a member that selects a kind. A
    model where another shape takes a member moves both."""
    training = {"TrainingJobName": "S", "RoleArn": "S", "Tuning": "Objective"}
    sets = MemberSets(_Model(training), frozenset({"MetricName", "InputDataConfig"}))
    assert sets.automl_only == {"AutoMLJobName", "InputDataConfig"}
    assert sets.look_alikes == {"Objective": {"Type", "MetricName"}}
    assert sets.automl_documents["AutoMLJobObjective"] == {"MetricName"}
    training["InputDataConfig"] = "S"
    sets = MemberSets(_Model(training), frozenset({"MetricName", "InputDataConfig"}))
    assert sets.automl_only == {"AutoMLJobName"}
    assert set(sets.look_alikes) == {"Objective", "CreateTrainingJobRequest"}


def test_the_generated_sets_are_botocores_sagemaker_model() -> None:
    """The generated module holds what the pinned botocore says of the schema's kinds
    (``generate --check`` holds it to the generator too)."""
    from automl_objective_generated import look_alikes

    sets = MemberSets(botocore_model("sagemaker"), selecting_members(load_schema()))
    assert sets.automl_only == look_alikes.AUTOML_ONLY
    assert sets.look_alikes == look_alikes.LOOK_ALIKES
    assert sets.automl_documents == look_alikes.AUTOML_DOCUMENTS
    assert {"AutoMLJobName", "AutoMLJobConfig", "AutoMLProblemTypeConfig"} <= sets.automl_only
    assert {"MetricName", "InputDataConfig", "ProblemType"}.isdisjoint(sets.automl_only)
    assert {"CreateTrainingJobRequest", "HyperParameterTuningJobObjective"} <= set(sets.look_alikes)


@pytest.mark.parametrize(
    ("data", "shape"),
    [
        ({"Type": "Maximize", "MetricName": "validation:auc"}, "HyperParameterTuningJobObjective"),
        ({"MetricName": "F1", "Direction": "Maximize"}, None),  # no shape explains both
        ({"MetricName": "F1"}, None),
        (
            {"TrainingJobName": "t", "RoleArn": "r", "InputDataConfig": []},
            "CreateTrainingJobRequest",
        ),
        ({"AutoMLJobName": "j", "TrainingJobName": "t", "InputDataConfig": []}, None),
        (["TrainingJobName"], None),
    ],
)
def test_a_look_alike_is_the_shape_explaining_most(data: Any, shape: str | None) -> None:
    from automl_objective.inputs.look_alikes import other_shape

    assert other_shape(data) == shape
