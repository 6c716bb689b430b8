"""Remembered words are the words: on every failure of the fixtures and examples, the
remembered findings equal fresh ones, the first time and every time after; and what the
memory leaves out of its key (the array indices along a failure's path) never changes the
words, only the findings' paths."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from automl_objective.base.codes import Code
from automl_objective.check import wording
from automl_objective.check.checker import AUTO, default_checker
from automl_objective.check.failures import Failure
from automl_objective.check.findings import Located
from automl_objective.check.messages import explain_all
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.syntax import load_path
from tests.support.paths import BAD_INPUTS, EXAMPLES, FIXTURES


def _documents() -> Iterator[Path]:
    for folder in (FIXTURES, EXAMPLES, BAD_INPUTS):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".json", ".yaml", ".yml") and "code" not in path.parts:
                yield path


def _failures() -> list[Failure]:
    checker = default_checker()
    found: list[Failure] = []
    for path in _documents():
        try:
            data = load_path(path).data
        except LoadError:
            continue
        found += checker.failures(data, checker.kind_of(data) or AUTO)
    return found


def _channels() -> list[Failure]:
    """Failures inside array items: a request whose channels each hold mistakes."""
    document = json.loads((EXAMPLES / "create-auto-ml-job-v2.json").read_text("utf-8"))
    channel = document["AutoMLJobInputDataConfig"][0]
    mistakes: list[dict[str, Any]] = [
        {"ChannelType": "trainning"},
        {"ChannelType": 3, "Extra": True},
        {"ContentType": None, "DataSource": {"S3DataSource": {"S3DataType": "S3Prefx"}}},
        {"DataSource": {"S3DataSource": {"S3Uri": "not a uri", "S3DataType": 1.0}}},
        {"CompressionType": "Zip", "SampleWeightAttributeName": ""},
    ]
    document["AutoMLJobInputDataConfig"] = [{**channel, **mistake} for mistake in mistakes]
    checker = default_checker()
    return checker.failures(document, checker.kind_of(document) or AUTO)


def _names_only() -> list[Failure]:
    """Failures whose words read only member names: those of the fixtures, and one of each
    pair of :data:`wording.NAMES_ONLY` from documents made for it."""
    made: list[Any] = [
        {"AutoMLProblemTypeConfig": {}},
        {"AutoMLProblemTypeConfig": {"TabularJobConfig": {}, "TextGenerationJobConfig": {}}},
        {"AutoMLJobName": 1, "AutoMLProblemTypeConfig": {"TabularJobConfig": {"Oops": 1}}},
        {"Metricname": "AUC", "Other": [1, 2]},
        {"AutoMLJobObjective": {"MetricNme": "F1", "Extra": {"a": 1}}},
        {"AutoMLJobObjective": {"MetricName": {"a": [1]}}},
    ]
    checker = default_checker()
    found = [f for data in made for f in checker.failures(data, checker.kind_of(data) or AUTO)]
    return [
        f
        for f in [*FAILURES, *found]
        if (f.code, f.keyword) in wording.NAMES_ONLY and f.instance.__class__ is dict
    ]


FAILURES = _failures() + _channels()


def _shifted(failure: Failure, by: int) -> Failure:
    path = tuple(token + by if isinstance(token, int) else token for token in failure.path)
    return Failure(
        failure.code,
        failure.warn,
        path,
        failure.keyword,
        failure.instance,
        failure.value,
        failure.facts,
    )


def _shift_paths(found: list[Located], failure: Failure, by: int) -> list[Located]:
    size = len(failure.path)
    return [item._replace(path=_shifted(failure, by).path + item.path[size:]) for item in found]


def test_the_fixtures_give_failures_of_every_kind() -> None:
    assert len(FAILURES) > 60
    assert any(isinstance(token, int) for f in FAILURES for token in f.path)
    assert {f.code for f in FAILURES} >= {Code.UNKNOWN_MEMBER, Code.INVALID_TYPE}


@pytest.mark.parametrize("round_", [1, 2])
def test_remembered_words_equal_fresh_words(round_: int) -> None:
    catalog = default_checker().catalog
    if round_ == 1:
        wording._MEMORY.clear()
    for failure in FAILURES:
        assert wording.explain_remembered(failure, catalog) == explain_all(failure, catalog)


def test_the_memory_remembers() -> None:
    catalog = default_checker().catalog
    wording._MEMORY.clear()
    for failure in FAILURES:
        wording.explain_remembered(failure, catalog)
    assert len(wording._MEMORY) > 30


def test_the_words_do_not_depend_on_the_indices_along_the_path() -> None:
    catalog = default_checker().catalog
    with_indices = [f for f in FAILURES if any(isinstance(t, int) for t in f.path)]
    assert with_indices
    for failure in with_indices:
        for by in (1, 37):
            expected = _shift_paths(explain_all(failure, catalog), failure, by)
            assert explain_all(_shifted(failure, by), catalog) == expected
            assert wording.explain_remembered(_shifted(failure, by), catalog) == expected


@pytest.mark.parametrize(
    "values",
    [
        [True, 1, 1.0, "1", None],
        [0.0, -0.0, 0],
        [{"a": 1}, {"a": True}, {"a": 1.0}, {"a": [1]}, {"a": (1,)}],
    ],
)
def test_values_equal_in_python_but_not_in_json_are_told_apart(values: list[Any]) -> None:
    catalog = default_checker().catalog
    facts = {"title": "Thing"}
    expected_types = ("array",)
    wording._MEMORY.clear()
    for value in values * 2:
        failure = Failure(
            Code.INVALID_TYPE, False, ("Thing",), "type", value, expected_types, facts
        )
        assert wording.explain_remembered(failure, catalog) == explain_all(failure, catalog)


_OTHER_VALUES: list[Any] = [
    None,
    0,
    1.5,
    True,
    "",
    "x" * 100,
    "$X",
    [],
    [1, {"a": 2}],
    {},
    {"b": None},
]


def _with_values(failure: Failure, value: Any) -> Failure:
    return failure._replace(instance=dict.fromkeys(failure.instance, value))


def test_every_names_only_pair_is_tried() -> None:
    tried = {(f.code, f.keyword) for f in _names_only()}
    assert tried == wording.NAMES_ONLY


def test_the_words_of_a_names_only_failure_ignore_the_members_values() -> None:
    """The safety rule of the memory: a failure of a :data:`wording.NAMES_ONLY` pair is
    remembered by its object's member names, so its words must not change with the values;
    and remembered words, learnt from one object, stay right for another with those names."""
    catalog = default_checker().catalog
    for failure in _names_only():
        expected = explain_all(failure, catalog)
        for value in _OTHER_VALUES:
            other = _with_values(failure, value)
            assert explain_all(other, catalog) == expected, (failure, value)
            wording._MEMORY.clear()
            wording.explain_remembered(other, catalog)
            assert wording.explain_remembered(failure, catalog) == expected


def test_a_failure_at_the_same_path_gets_equal_findings_each_time() -> None:
    catalog = default_checker().catalog
    wording._MEMORY.clear()
    for failure in FAILURES:
        first = wording.explain_remembered(failure, catalog)
        again = wording.explain_remembered(failure, catalog)
        assert again == first == explain_all(failure, catalog)
        again.append(failure)  # type: ignore[arg-type]
        assert wording.explain_remembered(failure, catalog) == first  # its own list each time


def test_a_failure_alike_the_last_but_for_its_indices_gets_its_words_and_no_other() -> None:
    # the shortcut for the items of a list failing alike: the same instance, node and value
    catalog = default_checker().catalog
    for failure in FAILURES:
        variants = [
            failure,
            failure._replace(path=(*failure.path, 7)),
            failure._replace(path=(*failure.path, 8)),
            failure._replace(path=(*failure.path, "Other")),  # another member: other words
            failure._replace(path=(*failure.path, "8")),  # a name, not an index
            failure._replace(path=(*failure.path, 9)),
            failure._replace(path=failure.path[:-1]),
            failure._replace(warn=not failure.warn),
        ]
        for variant in variants:
            assert wording.explain_remembered(variant, catalog) == explain_all(variant, catalog)


def _problem_type_only() -> list[Failure]:
    """V1 requests lacking half their objective pair: with and without a ProblemType (given
    or not a problem type), among other members of every kind."""
    base = json.loads((EXAMPLES / "create-auto-ml-job.json").read_text("utf-8"))
    base.pop("AutoMLJobObjective", None)
    base.pop("ProblemType", None)
    made: list[Any] = [
        {**base, "ProblemType": "BinaryClassification"},
        {**base, "ProblemType": "Regression", "AutoMLJobName": 1},
        {**base, "ProblemType": "NoSuchType"},
        {**base, "ProblemType": ["Regression"]},
        {**base, "AutoMLJobObjective": {"MetricName": "F1"}},
        {**base, "AutoMLJobObjective": {"MetricName": 1}, "Extra": None},
    ]
    checker = default_checker()
    found = [f for data in made for f in checker.failures(data, checker.kind_of(data) or AUTO)]
    return [
        f
        for f in [*FAILURES, *found]
        if (f.code, f.keyword) == wording.PROBLEM_TYPE_ONLY and f.instance.__class__ is dict
    ]


def test_the_words_of_a_problem_type_only_failure_ignore_the_other_members() -> None:
    """The safety rule of :data:`wording.PROBLEM_TYPE_ONLY`: such a failure is remembered by
    its request's ProblemType alone, so its words must not change with the other members;
    and remembered words, learnt from one request, stay right for another."""
    catalog = default_checker().catalog
    failures = _problem_type_only()
    assert {"ProblemType" in f.instance for f in failures} == {True, False}
    for failure in failures:
        expected = explain_all(failure, catalog)
        kept = {k: failure.instance[k] for k in ("ProblemType",) if k in failure.instance}
        for value in _OTHER_VALUES:
            others = {k: value for k in failure.instance if k != "ProblemType"}
            for instance in ({**others, **kept}, {**kept, "Other": value}, kept):
                other = failure._replace(instance=instance)
                assert explain_all(other, catalog) == expected, (failure, value)
                wording._MEMORY.clear()
                wording.explain_remembered(other, catalog)
                assert wording.explain_remembered(failure, catalog) == expected


def test_requests_lacking_half_their_pair_are_worded_once_a_problem_type(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The memory of :data:`wording.PROBLEM_TYPE_ONLY` at work, through the public path: V1
    requests lacking their objective, each too large to be remembered whole and unlike the
    others but for its ProblemType, have their incomplete pair worded once a ProblemType."""
    from automl_objective.api import validate_data
    from automl_objective.check import messages

    worded: list[Any] = []
    explain = messages.explain_all

    def counting(failure: Failure, catalog: Any) -> list[Located]:
        if (failure.code, failure.keyword) == wording.PROBLEM_TYPE_ONLY:
            worded.append(failure.instance.get("ProblemType"))
        return explain(failure, catalog)

    monkeypatch.setattr(messages, "explain_all", counting)
    wording._MEMORY.clear()
    base = json.loads((EXAMPLES / "create-auto-ml-job.json").read_text("utf-8"))
    base.pop("AutoMLJobObjective")
    for index in range(6):
        for problem_type in ("Regression", "BinaryClassification"):
            tags = [{"Key": f"k{n}", "Value": f"v{index}"} for n in range(wording.MAX_NODES)]
            data = {**base, "ProblemType": problem_type, "Tags": tags}
            [finding] = validate_data(data).findings
            assert finding.code == Code.INCOMPLETE_PAIR
            assert finding.message.startswith(f"ProblemType {problem_type!r} is given without")
    assert sorted(worded) == ["BinaryClassification", "Regression"]
