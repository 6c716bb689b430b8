"""The call-time check on real boto3 clients, through botocore's Stubber: no network."""

from __future__ import annotations

import copy
import json
import types
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from automl_objective.botocore_hook import (
    AutoMLRequestError,
    AutoMLRequestWarning,
    check_requests,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
V1 = json.loads((EXAMPLES / "create-auto-ml-job.json").read_text("utf-8"))
V2 = json.loads((EXAMPLES / "create-auto-ml-job-v2.json").read_text("utf-8"))
CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}
ARN = {"AutoMLJobArn": "arn:aws:sagemaker:us-east-1:123456789012:automl-job/churn"}


def _client() -> Any:
    return boto3.client("sagemaker", **CREDENTIALS)


def test_a_valid_request_is_sent() -> None:
    client = check_requests(_client())
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN, V1)
        assert client.create_auto_ml_job(**V1)["AutoMLJobArn"] == ARN["AutoMLJobArn"]
        stub.assert_no_pending_responses()


def test_an_invalid_request_raises_before_anything_is_sent() -> None:
    client = check_requests(_client())
    request = copy.deepcopy(V1)
    request["AutoMLJobObjective"] = {"MetricName": "AUC"}  # Regression takes no AUC
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN)
        with pytest.raises(AutoMLRequestError) as raised:
            client.create_auto_ml_job(**request)
        # the queued response is still there for the next call: the invalid one was never sent
        client.create_auto_ml_job(**V1)
        stub.assert_no_pending_responses()
    error = raised.value
    assert isinstance(error, ValueError)
    assert [f.code for f in error.findings] == ["metric-not-allowed"]
    assert str(error) == (
        "CreateAutoMLJob request not sent, 1 error: /AutoMLJobObjective/MetricName: "
        "[metric-not-allowed] MetricName 'AUC' is not allowed for ProblemType 'Regression'; "
        "allowed: MSE, RMSE, R2, MAE"
    )


def _refused(client: Any, operation: str, request: dict[str, Any]) -> AutoMLRequestError:
    """The error a call raises; a response is queued so that only the check can refuse it."""
    with Stubber(client) as stub:
        stub.add_response(operation, ARN)
        with pytest.raises(AutoMLRequestError) as raised:
            getattr(client, operation)(**request)
        assert len(stub._queue) == 1  # not consumed: nothing was sent
    return raised.value


def test_v2_unknown_members_are_caught_with_a_suggestion() -> None:
    client = check_requests(_client())
    error = _refused(client, "create_auto_ml_job_v2", {**V2, "AutoMLProblemType": "Regression"})
    assert "did you mean 'AutoMLProblemTypeConfig'" in str(error)


def test_a_warning_goes_to_warnings_and_the_request_is_sent() -> None:
    client = check_requests(_client())
    request = {k: v for k, v in V1.items() if k != "AutoMLJobObjective"}
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN, request)
        with pytest.warns(AutoMLRequestWarning, match="incomplete-pair"):
            client.create_auto_ml_job(**request)
        stub.assert_no_pending_responses()


def test_a_session_checks_the_clients_it_creates() -> None:
    session = check_requests(boto3.Session(**CREDENTIALS))
    client = session.client("sagemaker")
    error = _refused(client, "create_auto_ml_job", {**V1, "ProblemType": "Regresion"})
    assert [f.code for f in error.findings] == ["unknown-problem-type"]


def test_a_sagemaker_session_is_checked_through_its_client() -> None:
    # sagemaker.Session keeps its botocore client as .sagemaker_client
    sdk_session = types.SimpleNamespace(sagemaker_client=_client())
    check_requests(sdk_session)
    request = {**V2, "AutoMLJobObjective": {}}
    error = _refused(sdk_session.sagemaker_client, "create_auto_ml_job_v2", request)
    assert [f.code for f in error.findings] == ["missing-member"]


def test_enabling_twice_checks_once_and_other_calls_are_untouched() -> None:
    client = check_requests(check_requests(_client()))
    with Stubber(client) as stub:
        stub.add_response("list_auto_ml_jobs", {"AutoMLJobSummaries": []}, {})
        assert client.list_auto_ml_jobs() == {"AutoMLJobSummaries": []}
    with pytest.warns(AutoMLRequestWarning) as caught, Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN)
        client.create_auto_ml_job(**{k: v for k, v in V1.items() if k != "AutoMLJobObjective"})
    assert len(caught) == 1  # one handler, however often it was enabled


def test_something_else_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="not dict"):
        check_requests({})


def test_importing_the_hook_imports_neither_boto3_nor_botocore() -> None:
    import subprocess
    import sys

    code = (
        "import sys, automl_objective.botocore_hook; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_botocore_session_checks_the_clients_it_creates() -> None:
    import botocore.session

    session = check_requests(botocore.session.get_session())
    session.set_credentials("testing", "testing")
    client = session.create_client("sagemaker", region_name="us-east-1")
    error = _refused(client, "create_auto_ml_job", {**V1, "ProblemType": "Regresion"})
    assert [f.code for f in error.findings] == ["unknown-problem-type"]
