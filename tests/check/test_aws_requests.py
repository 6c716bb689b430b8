"""Whole request and response files, checked against AWS's own shapes from botocore."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.api import validate_data, validate_file
from automl_objective.base.schema import load_aws_schema
from tests.support.fuzzing import examples
from tests.support.paths import FIXTURES, ROOT
from tests.support.requests import MODEL, filled_v2, skeleton


def keys(node: Any, prefix: str = "") -> set[str]:
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(f"{prefix}/{key}")
            found |= keys(value, f"{prefix}/{key}")
    elif isinstance(node, list):
        for value in node:
            found |= keys(value, f"{prefix}/0")
    return found


@pytest.mark.parametrize(
    ("operation", "kind"),
    [
        ("CreateAutoMLJob", "create-auto-ml-job-request"),
        ("CreateAutoMLJobV2", "create-auto-ml-job-v2-request"),
    ],
)
def test_every_member_the_cli_knows_is_known(operation: str, kind: str) -> None:
    raw = skeleton(operation)
    codes = {f.code for f in validate_data(raw, kind=kind).findings}
    assert "unknown-member" not in codes  # the skeleton has every member, and only those
    assert validate_data(raw).kind == kind


def test_a_filled_in_skeleton_is_valid() -> None:
    result = validate_data(filled_v2())
    assert result.kind == "create-auto-ml-job-v2-request"
    assert result.findings == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda r: r.__setitem__("AutoMLJobInputDataConfg", r.pop("AutoMLJobInputDataConfig")),
            # One finding: the unknown member names the missing one it misspells.
            [("unknown-member", "/AutoMLJobInputDataConfg", None)],
        ),
        (
            lambda r: r.pop("RoleArn"),
            [
                (
                    "missing-member",
                    "",
                    "CreateAutoMLJobV2Request is missing required member 'RoleArn'",
                )
            ],
        ),
        (
            lambda r: r["AutoMLJobInputDataConfig"][0]["DataSource"]["S3DataSource"].update(
                S3DataType="S3prefix"
            ),
            [
                (
                    "invalid-value",
                    "/AutoMLJobInputDataConfig/0/DataSource/S3DataSource/S3DataType",
                    "S3DataType 'S3prefix' is not valid (valid: ManifestFile, S3Prefix, "
                    "AugmentedManifestFile); did you mean 'S3Prefix'?",
                )
            ],
        ),
        (
            lambda r: r.__setitem__("AutoMLJobName", "churn_2026"),
            [("schema-violation", "/AutoMLJobName", None)],
        ),
        (
            lambda r: r["AutoMLJobObjective"].__setitem__("MetricName", "F1macro"),
            [("metric-not-allowed", "/AutoMLJobObjective/MetricName", None)],
        ),
    ],
)
def test_findings_only_for_what_is_wrong(change: Any, expected: list[tuple[Any, ...]]) -> None:
    request = filled_v2()
    change(request)
    found = [(f.code, f.pointer, f.message) for f in validate_data(request).findings]
    assert [(code, pointer) for code, pointer, _ in found] == [(c, p) for c, p, _ in expected]
    for (_, _, message), (_, _, wanted) in zip(found, expected, strict=True):
        if wanted is not None:
            assert message == wanted
    if expected[-1][0] == "unknown-member":
        assert found[-1][2].endswith(
            "did you mean 'AutoMLJobInputDataConfig'? "
            "(AutoMLJobInputDataConfig is required and missing)"
        )


@pytest.mark.parametrize(("value", "valid"), [(1, True), (2**31 - 1, True), (2**31, False)])
def test_an_aws_integer_is_32_bits_wide_where_the_model_states_no_maximum(
    value: int, valid: bool
) -> None:
    """AWS's `integer` shapes are Java ints on the service's side: the model states only a
    minimum for MaxAutoMLJobRuntimeInSeconds, yet 2**31 cannot be read there."""
    request = filled_v2()
    config = request["AutoMLProblemTypeConfig"]["TabularJobConfig"]
    config["CompletionCriteria"] = {"MaxAutoMLJobRuntimeInSeconds": value}
    found = [(f.code, f.pointer) for f in validate_data(request).findings]
    where = "/AutoMLProblemTypeConfig/TabularJobConfig/CompletionCriteria"
    assert found == (
        [] if valid else [("schema-violation", f"{where}/MaxAutoMLJobRuntimeInSeconds")]
    )


@pytest.mark.parametrize(
    "file", ["create-auto-ml-job-request.schema.json", "create-auto-ml-job-v2-request.schema.json"]
)
def test_every_aws_integer_has_a_range_within_its_width(file: str) -> None:
    integers = {
        name: definition
        for name, definition in load_aws_schema(file)["$defs"].items()
        if definition.get("type") == "integer"
    }
    assert integers
    for name, definition in integers.items():
        assert -(2**63) <= definition["minimum"] <= definition["maximum"] <= 2**63 - 1, name


def test_fragments_keep_the_objective_rules_only() -> None:
    fragment = {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}}
    assert validate_data(fragment).findings == []
    forced = validate_data(fragment, kind="create-auto-ml-job-request")
    assert {f.code for f in forced.findings} == {"missing-member"}


def test_describe_output_is_its_own_kind() -> None:
    result = validate_file(FIXTURES / "valid" / "describe-v2-output.json")
    assert (result.kind, result.findings) == ("describe-auto-ml-job-v2-response", [])
    data = json.loads((FIXTURES / "valid" / "describe-v2-output.json").read_text())
    data["AutoMLJobStatus"] = "Done"
    (finding,) = validate_data(data).findings
    assert (finding.code, finding.pointer) == ("invalid-value", "/AutoMLJobStatus")


def test_generated_schemas_name_every_member_botocore_has() -> None:
    folder = ROOT / "generated" / "automl_objective_generated" / "aws"
    index = json.loads((folder / "kinds.json").read_text())
    for entry in index["kinds"]:
        schema = json.loads((folder / entry["file"]).read_text())
        shape = MODEL.shape_for(entry["shape"])
        definition = schema["$defs"][entry["shape"]]
        assert set(definition["properties"]) == set(shape.members)
        assert set(definition.get("required", [])) == set(shape.required_members)
        assert definition["additionalProperties"] is False


def _shape_validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator

    from automl_objective.base.schema import load_aws_index, load_aws_schema
    from automl_objective.check.aws_keywords import aws_validator_class
    from automl_objective.check.checker import inline_local_refs

    entry = next(e for e in load_aws_index()["kinds"] if e["kind"] == kind)
    schema = load_aws_schema(entry["file"])
    # jsonschema, reading integers and \p{..} patterns as AWS does (see aws_keywords).
    validator = aws_validator_class(Draft202012Validator)
    return validator(inline_local_refs(schema["$defs"][entry["shape"]], schema["$defs"]))


SHAPE_KINDS = [
    "create-auto-ml-job-request",
    "create-auto-ml-job-v2-request",
    "describe-auto-ml-job-response",
    "describe-auto-ml-job-v2-response",
]
SHAPE_VALIDATORS = {kind: _shape_validator(kind) for kind in SHAPE_KINDS}
SEEDS = [filled_v2(), skeleton("CreateAutoMLJob"), skeleton("CreateAutoMLJobV2")] + [
    json.loads(p.read_text())
    for p in sorted((FIXTURES / "valid").glob("*.json"))
    if "AutoMLJobName" in p.read_text()
]
oddities = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 400),
    st.floats(allow_nan=False),
    st.text(max_size=4),
    st.sampled_from(["S3Prefix", "s3://b/k", "", "x" * 300, 1.0, 2.5, "ab\n", "٣", "a\u2028"]),
    st.just([]),
    st.just({}),
)


def _fresh(value: Any) -> Any:
    """A copy: st.just([]) hands out one shared list, which a later mutation would change."""
    return json.loads(json.dumps(value))


def _mutated(data: st.DataObject) -> Any:
    document = json.loads(json.dumps(data.draw(st.sampled_from(SEEDS))))
    for _ in range(data.draw(st.integers(1, 3))):
        node: Any = document
        for _ in range(data.draw(st.integers(0, 5))):
            children = (
                list(node.items())
                if isinstance(node, dict)
                else list(enumerate(node))
                if isinstance(node, list)
                else []
            )
            children = [(k, v) for k, v in children if isinstance(v, (dict, list))]
            if not children:
                break
            node = data.draw(st.sampled_from(children))[1]
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
            action = data.draw(st.sampled_from(["set", "drop", "add"]))
            if action == "set":
                node[key] = _fresh(data.draw(oddities))
            elif action == "drop":
                del node[key]
            else:
                node[data.draw(st.sampled_from([key + "x", "Extra", key]))] = _fresh(
                    data.draw(oddities)
                )
        elif isinstance(node, list):
            node.append(_fresh(data.draw(oddities)))
    return document


@settings(max_examples=examples(600), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_generated_shape_checks_agree_with_jsonschema(data: st.DataObject) -> None:
    from automl_objective_generated.checks import AWS

    document = _mutated(data)
    for kind in SHAPE_KINDS:
        expected = SHAPE_VALIDATORS[kind].is_valid(document)
        assert AWS[kind][0](document) is expected, (kind, document)


def test_shape_checks_pass_the_valid_seeds() -> None:
    from automl_objective_generated.checks import AWS

    assert AWS["create-auto-ml-job-v2-request"][0](filled_v2())
    describe = json.loads((FIXTURES / "valid" / "describe-v2-output.json").read_text())
    assert AWS["describe-auto-ml-job-v2-response"][0](describe)
