"""Whole requests as AWS's own CLI writes them (botocore's skeleton generator), filled in."""

from __future__ import annotations

from typing import Any

import botocore.session
from botocore.utils import ArgumentGenerator

MODEL = botocore.session.get_session().get_service_model("sagemaker")
ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"


def skeleton(operation: str) -> dict[str, Any]:
    """What `aws sagemaker <operation> --generate-cli-skeleton input` prints (the CLI uses
    this same botocore generator)."""
    shape = MODEL.operation_model(operation).input_shape
    generated: dict[str, Any] = ArgumentGenerator().generate_skeleton(shape)
    return generated


def filled_v2() -> dict[str, Any]:
    """The CreateAutoMLJobV2 skeleton, filled in for a tabular job."""
    request = skeleton("CreateAutoMLJobV2")
    request["AutoMLJobName"] = "churn-2026-11"
    (channel,) = request["AutoMLJobInputDataConfig"]
    channel.update(ContentType="text/csv;header=present")
    channel["DataSource"]["S3DataSource"].update(S3DataType="S3Prefix", S3Uri="s3://b/train/")
    request["OutputDataConfig"] = {"S3OutputPath": "s3://b/output/"}
    request["AutoMLProblemTypeConfig"] = {
        "TabularJobConfig": {
            "TargetAttributeName": "churned",
            "ProblemType": "BinaryClassification",
        }
    }
    request["RoleArn"] = ROLE
    request["Tags"] = [{"Key": "team", "Value": "ml"}]
    request["AutoMLJobObjective"] = {"MetricName": "AUC"}
    for optional in (
        "SecurityConfig",
        "ModelDeployConfig",
        "DataSplitConfig",
        "AutoMLComputeConfig",
    ):
        request.pop(optional)
    return request
