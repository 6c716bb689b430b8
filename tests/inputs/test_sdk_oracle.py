"""The extractor builds, from an SDK v2 object's source, the request the SageMaker Python SDK
itself sends: compared with what the SDK sent for the same source, recorded by
tests/sdk_oracle/make_oracle.py (sagemaker 2.257.7, offline). A part the extractor marks as
known only at run time (a generated job name, the session's default bucket) matches any
value; everything else must be equal, member for member."""

from __future__ import annotations

import json
from typing import Any

import pytest

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject
from automl_objective.inputs.python.reader import extract, parse_chunk
from tests.support.paths import ROOT

ORACLE: dict[str, Any] = json.loads(
    (ROOT / "tests" / "sdk_oracle" / "oracle.json").read_text("utf-8")
)
VERSIONS = {"create_auto_ml_job": "v1", "create_auto_ml_job_v2": "v2"}


def _differences(ours: Any, sent: Any, where: str = "") -> list[str]:
    """Where our request differs from the SDK's (DYNAMIC matches anything)."""
    if ours is DYNAMIC:
        return []
    if isinstance(ours, dict) and isinstance(sent, dict):
        keys = set(ours) | (set() if isinstance(ours, OpenObject) else set(sent))
        return [d for key in sorted(keys) for d in _member(ours, sent, key, where)]
    if isinstance(ours, list) and isinstance(sent, list) and not isinstance(ours, OpenArray):
        if len(ours) != len(sent):
            return [f"{where}: {len(ours)} items, the SDK sends {len(sent)}"]
        return [
            d
            for i, (a, b) in enumerate(zip(ours, sent, strict=True))
            for d in _differences(a, b, f"{where}/{i}")
        ]
    same = ours == sent and type(ours) is type(sent)
    return [] if same else [f"{where}: {ours!r}, the SDK sends {sent!r}"]


def _member(ours: dict[str, Any], sent: dict[str, Any], key: str, where: str) -> list[str]:
    if key not in sent:
        return [f"{where}/{key}: the SDK does not send it"]
    if key not in ours:
        return [f"{where}/{key}: missing, the SDK sends {sent[key]!r}"]
    return _differences(ours[key], sent[key], f"{where}/{key}")


def test_the_oracle_was_made_by_the_sdk_version_the_tables_follow() -> None:
    assert ORACLE["sagemaker"] == "2.257.7"
    assert len(ORACLE["cases"]) >= 10


@pytest.mark.parametrize("case", ORACLE["cases"], ids=lambda case: case["source"][:40])
def test_the_extractor_builds_the_request_the_sdk_sends(case: dict[str, Any]) -> None:
    [found] = extract([parse_chunk(case["source"], None, "oracle.py")])
    assert found.version == VERSIONS[case["method"]]
    assert found.problems == []
    assert _differences(found.data, case["request"]) == []


def test_the_comparison_sees_a_difference() -> None:
    sent = {"A": {"B": [1, 2]}, "C": "x"}
    assert _differences({"A": {"B": [1, 2]}, "C": DYNAMIC}, sent) == []
    assert _differences({"A": {"B": [1]}, "C": "x"}, sent) == ["/A/B: 1 items, the SDK sends 2"]
    assert _differences({"A": {"B": [1, 2]}}, sent) == ["/C: missing, the SDK sends 'x'"]
    assert _differences({"A": {"B": [1, True]}, "C": "x"}, {"A": {"B": [1, 1]}, "C": "x"}) != []
