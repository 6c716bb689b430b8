"""Partial requests: values known only at run time (DYNAMIC) and objects or arrays that may
hold more than they show (OpenObject, OpenArray). The compiled checks report a failure only
where it is certain: jsonschema reports it for every concrete value the unknown parts may take.
"""

from __future__ import annotations

import copy
import json
import pickle
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import botocore.session
import pytest
from botocore.utils import ArgumentGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.base.schema import load_aws_index, load_schema
from automl_objective.check.checker import Checker, default_checker
from automl_objective.check.dynamic import DYNAMIC, OpenArray, OpenObject, is_dynamic
from automl_objective.check.failures import Failure
from automl_objective_generated import checks
from tests.support.compiled import compiled_module
from tests.support.fuzzing import examples
from tests.support.paths import FIXTURES

COMPILED = default_checker()
REFERENCE = Checker(load_schema(), aws_index=load_aws_index())  # jsonschema
KINDS = ["auto", *COMPILED.kinds, *COMPILED.aws_kinds]
ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"
SUBSTITUTIONS = 5


def _skeleton(operation: str) -> Any:
    model = botocore.session.get_session().get_service_model("sagemaker")
    shape = model.operation_model(operation).input_shape
    return ArgumentGenerator().generate_skeleton(shape)


def _seeds() -> list[Any]:
    found = [_skeleton("CreateAutoMLJob"), _skeleton("CreateAutoMLJobV2")]
    for path in sorted(FIXTURES.glob("*/*.json")):
        try:
            found.append(json.loads(path.read_text("utf-8")))
        except ValueError:
            continue
    return found


def _member_names(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_member_names(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_member_names(v) for v in value))
    return set()


SEEDS = _seeds()
NAMES = sorted(_member_names(SEEDS))
POOL: list[Any] = [
    None,
    True,
    0,
    7,
    2.5,
    "",
    "string",
    "AUC",
    "MSE",
    "Regression",
    "BinaryClassification",
    "training",
    "s3://b/k/",
    ROLE,
    "x" * 300,
    [],
    [{}],
    {},
    {"MetricName": "AUC"},
    {"S3DataType": "S3Prefix", "S3Uri": "s3://b/"},
]


# A partial document is built from a shadow of a concrete one: holes remember the value they
# hide, open containers the members or items the spread may bring back.
@dataclass
class Hole:
    original: Any


@dataclass
class Container:
    shown: dict[str, Any] | list[Any]
    hidden: dict[str, Any] | list[Any] = field(default_factory=dict)
    open: bool = False


def shadow(value: Any, rng: random.Random) -> Any:
    """``value`` with random parts made unknown."""
    if rng.random() < 0.1:
        return Hole(value)
    if isinstance(value, dict):
        opened = rng.random() < 0.3
        kept = [k for k in value if not opened or rng.random() < 0.7]
        shown = {k: shadow(value[k], rng) for k in kept}
        return Container(shown, {k: v for k, v in value.items() if k not in kept}, opened)
    if isinstance(value, list):
        opened = rng.random() < 0.3
        cut = rng.randint(0, len(value)) if opened else len(value)
        return Container([shadow(v, rng) for v in value[:cut]], value[cut:], opened)
    return Hole(value) if rng.random() < 0.3 else value


def partial(node: Any) -> Any:
    """The document the compiled checks see."""
    if isinstance(node, Hole):
        return DYNAMIC
    if isinstance(node, Container):
        if isinstance(node.shown, dict):
            members = {k: partial(v) for k, v in node.shown.items()}
            return OpenObject(members) if node.open else members
        items = [partial(v) for v in node.shown]
        return OpenArray(items) if node.open else items
    return node


def concrete(node: Any, rng: random.Random) -> Any:
    """One document the partial one may turn out to be at run time."""
    if isinstance(node, Hole):
        return copy.deepcopy(node.original if rng.random() < 0.4 else rng.choice(POOL))
    if not isinstance(node, Container):
        return node
    if isinstance(node.shown, dict):
        assert isinstance(node.hidden, dict)
        members = {k: concrete(v, rng) for k, v in node.shown.items()}
        if node.open:
            members.update((k, v) for k, v in node.hidden.items() if rng.random() < 0.5)
            extra = rng.choice(NAMES)
            if rng.random() < 0.3 and extra not in members:
                members[extra] = copy.deepcopy(rng.choice(POOL))
        return members
    items = [concrete(v, rng) for v in node.shown]
    if node.open:
        items += [v for v in node.hidden if rng.random() < 0.5]
        if rng.random() < 0.3:
            items.append(copy.deepcopy(rng.choice(POOL)))
    return items


def key(failure: Failure) -> tuple[Any, ...]:
    """What a failure is: its code, severity, place and keyword."""
    return (failure.code, failure.warn, failure.path, failure.keyword)


def _entries() -> Iterator[tuple[Callable[[Any], bool], Any]]:
    yield checks.ROOT
    yield from checks.DEFS.values()
    yield from checks.AWS.values()


def assert_check_and_explainer_agree(document: Any) -> None:
    """Every entry point: its check passes exactly when its explainer finds nothing."""
    for passes, explain in _entries():
        found: list[Failure] = []
        explain(document, (), found, False)
        assert passes(document) is (found == []), (passes.__name__, document)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SEEDS), st.sampled_from(KINDS), st.randoms(use_true_random=False))
def test_every_failure_reported_is_certain(seed: Any, kind: str, rng: random.Random) -> None:
    tree = shadow(seed, rng)
    document = partial(tree)
    reported = [key(f) for f in COMPILED.failures(document, kind)]
    assert_check_and_explainer_agree(document)
    for _ in range(SUBSTITUTIONS):
        instance = concrete(tree, rng)
        expected = Counter(key(f) for f in REFERENCE.failures(instance, kind))
        missing = [f for f in reported if f not in expected]
        assert missing == [], (kind, document, instance)
        # Without unknown parts, exactly jsonschema's failures.
        assert Counter(key(f) for f in COMPILED.failures(instance, kind)) == expected


@pytest.mark.parametrize("seed", SEEDS, ids=range(len(SEEDS)))
def test_documents_without_unknown_parts_are_judged_as_before(seed: Any) -> None:
    assert not is_dynamic(seed)
    assert_check_and_explainer_agree(seed)
    for kind in KINDS:
        expected = Counter(key(f) for f in REFERENCE.failures(seed, kind))
        assert Counter(key(f) for f in COMPILED.failures(seed, kind)) == expected


def v2_request(**changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "AutoMLJobName": "churn",
        "AutoMLJobInputDataConfig": [
            {
                "ChannelType": "training",
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "AutoMLProblemTypeConfig": {
            "TabularJobConfig": {"TargetAttributeName": "y", "ProblemType": "BinaryClassification"}
        },
        "AutoMLJobObjective": {"MetricName": "F1"},
        "RoleArn": ROLE,
    }
    request.update(changes)
    return request


def found(document: Any, kind: str = "create-auto-ml-job-v2-request") -> list[tuple[Any, ...]]:
    return sorted((f.code, f.path, f.keyword) for f in COMPILED.failures(document, kind))


def test_a_dynamic_value_passes_every_check_of_its_own() -> None:
    assert found(v2_request()) == []
    assert found(v2_request(AutoMLJobName="bad name!", RoleArn=1)) == [
        ("invalid-type", ("RoleArn",), "type"),
        ("schema-violation", ("AutoMLJobName",), "pattern"),
    ]
    assert found(v2_request(AutoMLJobName=DYNAMIC, RoleArn=DYNAMIC)) == []
    objective = {"MetricName": DYNAMIC}
    assert found(v2_request(AutoMLJobObjective=objective)) == []


def test_a_member_present_with_a_dynamic_value_counts_as_present() -> None:
    request = v2_request(OutputDataConfig=DYNAMIC)
    assert found(request) == []
    del request["OutputDataConfig"]
    assert found(request) == [("missing-member", (), "required")]


def test_an_open_object_leaves_missing_members_undecided_and_names_unknown_ones() -> None:
    request = v2_request()
    del request["RoleArn"]
    assert found(OpenObject(request)) == []
    request["TargetAttributeName"] = "y"
    assert found(OpenObject(request)) == [("unknown-member", (), "additionalProperties")]
    channel = OpenObject({"ChannelType": "Training"})  # wrong value, DataSource maybe spread
    assert found(v2_request(AutoMLJobInputDataConfig=[channel])) == [
        ("invalid-value", ("AutoMLJobInputDataConfig", 0, "ChannelType"), "enum")
    ]


def test_minimum_sizes_are_undecided_on_open_containers_maximums_are_not() -> None:
    assert found(v2_request(AutoMLJobInputDataConfig=[])) == [
        ("schema-violation", ("AutoMLJobInputDataConfig",), "minItems")
    ]
    assert found(v2_request(AutoMLJobInputDataConfig=OpenArray())) == []
    channel = v2_request()["AutoMLJobInputDataConfig"][0]
    three = OpenArray([channel, {**channel, "ChannelType": "validation"}, channel])
    assert found(v2_request(AutoMLJobInputDataConfig=three)) == [
        ("schema-violation", ("AutoMLJobInputDataConfig",), "maxItems")
    ]
    union = v2_request()["AutoMLProblemTypeConfig"]  # a union: one member, no more
    assert found(v2_request(AutoMLProblemTypeConfig=OpenObject(union))) == []
    assert found(v2_request(AutoMLProblemTypeConfig=OpenObject())) == []
    assert found(v2_request(AutoMLProblemTypeConfig={})) != []


def test_a_condition_on_a_dynamic_value_runs_neither_branch() -> None:
    config: dict[str, Any] = {
        "TabularJobConfig": {"TargetAttributeName": "y", "ProblemType": "Regression"}
    }
    wrong = v2_request(AutoMLProblemTypeConfig=config, AutoMLJobObjective={"MetricName": "F1"})
    assert found(wrong, "auto") == [
        ("metric-not-allowed", ("AutoMLJobObjective", "MetricName"), "enum")
    ]
    config["TabularJobConfig"]["ProblemType"] = DYNAMIC
    assert found(wrong, "auto") == []
    # The problem type may also come from a spread: still undecided.
    config["TabularJobConfig"] = OpenObject({"TargetAttributeName": "y"})
    assert found(wrong, "auto") == []


def test_any_of_one_of_and_not_stay_silent_when_undecidable() -> None:
    module = compiled_module(
        {
            "type": "object",
            "properties": {
                "any": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                "one": {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
                "none": {"not": {"required": ["a"]}},
            },
        }
    )
    check, explain = module.ROOT

    def failures(document: Any) -> list[tuple[Any, ...]]:
        out: list[Failure] = []
        explain(document, (), out, False)
        assert check(document) is (out == [])
        return [(f.path, f.keyword) for f in out]

    assert failures({"any": DYNAMIC, "one": DYNAMIC, "none": DYNAMIC}) == []
    assert failures({"any": [DYNAMIC]}) == [(("any",), "anyOf")]
    assert failures({"one": OpenObject({"a": 1})}) == []  # "b" may be spread in
    assert failures({"one": OpenObject({"a": 1, "b": DYNAMIC})}) == [(("one",), "oneOf")]
    assert failures({"one": {}}) == [(("one",), "oneOf")]
    assert failures({"none": OpenObject({})}) == []
    assert failures({"none": OpenObject({"a": DYNAMIC})}) == [(("none",), "not")]


def test_dynamic_is_one_value_through_copies_and_pickles() -> None:
    document = OpenObject({"a": [DYNAMIC], "b": OpenArray([1])})
    for same in (copy.copy(DYNAMIC), copy.deepcopy(document), pickle.loads(pickle.dumps(document))):
        assert is_dynamic(same)
    assert pickle.loads(pickle.dumps(DYNAMIC)) is DYNAMIC
    assert copy.deepcopy(document)["a"][0] is DYNAMIC
    assert type(pickle.loads(pickle.dumps(document))["b"]) is OpenArray
    assert repr(document) == "OpenObject({'a': [DYNAMIC], 'b': OpenArray([1])})"
    assert not is_dynamic({"a": [1, {"b": None}]})
