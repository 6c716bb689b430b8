"""Requests holding parts known only at run time, as the user reads about them: a message
or a JSON dump shows such a part in words, never a Python repr, and what a request is (its
kind, its objective) is told from what is known."""

from __future__ import annotations

import json
from typing import Any

import pytest

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject
from automl_objective.base.quoting import RUN_TIME, json_default, json_type, shown
from automl_objective.check.checker import default_checker
from automl_objective.check.resolve import resolve_objective
from automl_objective.inputs.document import Document

CHECKER = default_checker()


def _findings(data: Any) -> list[Any]:
    document = Document("x.json", data, "", "json", lambda asked: [(None, None)] * len(asked))
    return CHECKER.validate(document).findings


def test_a_dynamic_value_is_shown_in_words() -> None:
    assert shown(DYNAMIC) == RUN_TIME == "a value known only at run time"
    assert json_type(DYNAMIC) == RUN_TIME
    assert shown({"a": DYNAMIC}) == "{'a': <a value known only at run time>}"
    assert shown(OpenObject({"a": 1})) == "{'a': 1, ...}"
    assert shown(OpenArray([])) == "[...]"
    assert json_type(OpenObject()) == "an object"
    assert json_type(OpenArray()) == "an array"


def test_a_json_dump_of_request_data_writes_dynamic_values_in_words() -> None:
    data = OpenObject({"RoleArn": DYNAMIC, "Tags": OpenArray([DYNAMIC])})
    dumped = json.loads(json.dumps(data, default=json_default))
    assert dumped == {"RoleArn": f"<{RUN_TIME}>", "Tags": [f"<{RUN_TIME}>"]}
    with pytest.raises(TypeError):
        json.dumps({"a": object()}, default=json_default)


def test_no_message_about_a_dynamic_problem_type_shows_a_repr() -> None:
    request = {"AutoMLJobName": "job", "ProblemType": DYNAMIC, "RoleArn": DYNAMIC}
    findings = _findings(request)
    [pair] = [f for f in findings if f.code == "incomplete-pair"]
    assert pair.message.startswith(f"ProblemType {RUN_TIME} is given without AutoMLJobObjective")
    assert all("DYNAMIC" not in f.message and "OpenObject" not in f.message for f in findings)


@pytest.mark.parametrize(
    ("request_", "kind"),
    [
        ({"AutoMLJobName": DYNAMIC, "AutoMLProblemTypeConfig": DYNAMIC}, "v2"),
        (OpenObject({"AutoMLJobName": DYNAMIC, "AutoMLJobInputDataConfig": DYNAMIC}), "v2"),
        ({"AutoMLJobName": DYNAMIC, "InputDataConfig": DYNAMIC, "RoleArn": DYNAMIC}, "v1"),
    ],
)
def test_a_request_is_the_kind_its_members_say_whatever_is_dynamic(
    request_: dict[str, Any], kind: str
) -> None:
    expected = {"v1": "create-auto-ml-job-request", "v2": "create-auto-ml-job-v2-request"}
    assert CHECKER.kind_of(request_) == expected[kind]


def test_resolve_guesses_nothing_known_only_at_run_time() -> None:
    v1 = "create-auto-ml-job-request"
    v2 = "create-auto-ml-job-v2-request"
    metric = resolve_objective({"ProblemType": "Regression", "AutoMLJobObjective": DYNAMIC}, v1)
    assert (metric.source, metric.metric, metric.note) == (
        "undetermined",
        None,
        "the metric is known only at run time",
    )
    dynamic_type = resolve_objective({"ProblemType": DYNAMIC}, v1)
    assert (dynamic_type.source, dynamic_type.metric) == ("undetermined", None)
    assert dynamic_type.note == "the problem type is known only at run time"
    config = {"AutoMLProblemTypeConfig": {"TabularJobConfig": {"ProblemType": DYNAMIC}}}
    assert resolve_objective(config, v2).source == "undetermined"
    # a metric given is the metric, whatever the problem type turns out to be
    given = resolve_objective(
        {"ProblemType": DYNAMIC, "AutoMLJobObjective": {"MetricName": "MSE"}}, v1
    )
    assert (given.source, given.metric, given.direction) == ("explicit", "MSE", "Minimize")
