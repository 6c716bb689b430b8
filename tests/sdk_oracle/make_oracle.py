"""Rebuild oracle.json: the request the SageMaker Python SDK v2 itself sends for each source
in CASES, built offline. The tests read oracle.json only: the SDK is never a runtime or test
dependency, it is the independent oracle of how its objects become requests.

Needs a separate virtual environment with the SDK, from the package mirror:

    python3 -m venv /tmp/sdk && /tmp/sdk/bin/pip install "sagemaker==2.257.7"
    /tmp/sdk/bin/python tests/sdk_oracle/make_oracle.py        # from the repository root

Run it without a network (``unshare -n``) to see that it needs none. Each case is Python
source run with the SDK's classes and ``session``, a Session whose SageMaker client is a mock
that records the call instead of sending it. The traps, each found the hard way:

- ``sagemaker_config={}``: else the SDK fills RoleArn, VPC, KMS keys, tags from the config
  files of the machine it runs on;
- the default bucket is set on the session: else the SDK asks S3 whether it exists;
- roles are ARNs (with ``/``): a bare role name is looked up in IAM;
- ``SAGEMAKER_SUPPRESS_V2_WARNING=1`` before the import (the v2 deprecation warning).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

HERE = Path(__file__).parent
ROLE = "arn:aws:iam::111122223333:role/service-role/AutopilotRunner"

CASES = [
    # AutoML (V1): every argument, fit with one S3 URI and a job name
    f"""automl = AutoML("{ROLE}", "label", output_kms_key="out-key", output_path="s3://b/out",
    base_job_name="base", compression_type="Gzip", sagemaker_session=session,
    volume_kms_key="vol-key", encrypt_inter_container_traffic=True,
    vpc_config={{"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}},
    problem_type="BinaryClassification", max_candidates=5,
    max_runtime_per_training_job_in_seconds=600, total_job_runtime_in_seconds=3600,
    job_objective={{"MetricName": "F1"}}, generate_candidate_definitions_only=True,
    tags=[{{"Key": "team", "Value": "ml"}}], content_type="text/csv;header=present",
    s3_data_type="S3Prefix", feature_specification_s3_uri="s3://b/features.json",
    validation_fraction=0.2, mode="ENSEMBLING", auto_generate_endpoint_name=False,
    endpoint_name="churn", sample_weight_attribute_name="weight")
automl.fit("s3://b/in", job_name="churn-1", wait=False, logs=False)
""",
    # AutoML: the minimum, two URIs, a dict of tags, values the SDK drops when falsy
    f"""automl = AutoML(role="{ROLE}", target_attribute_name="y", sagemaker_session=session,
    tags={{"team": "ml"}}, validation_fraction=0, mode="", endpoint_name="")
automl.fit(["s3://b/a", "s3://b/b"], wait=False, logs=False)
""",
    # AutoML with AutoMLInput: its channels, not the estimator's channel arguments
    f"""automl = AutoML("{ROLE}", "ignored", sagemaker_session=session, content_type="x/y")
automl.fit(AutoMLInput(["s3://b/1", "s3://b/2"], "y", compression="Gzip",
    channel_type="training", content_type="text/csv", s3_data_type="ManifestFile",
    sample_weight_attribute_name="w"), job_name="with-input", wait=False, logs=False)
""",
    # AutoMLV2 with a tabular config and every estimator argument
    f"""config = AutoMLTabularConfig("y", algorithms_config=["xgboost", "lightgbm"],
    feature_specification_s3_uri="s3://b/f.json", generate_candidate_definitions_only=False,
    mode="ENSEMBLING", problem_type="Regression", sample_weight_attribute_name="w",
    max_candidates=3, max_runtime_per_training_job_in_seconds=300,
    max_total_job_runtime_in_seconds=900)
automl = AutoMLV2(config, base_job_name="base", output_path="s3://b/out",
    job_objective={{"MetricName": "MSE"}}, validation_fraction=0.1,
    auto_generate_endpoint_name=True, output_kms_key="k", role="{ROLE}",
    volume_kms_key="v", encrypt_inter_container_traffic=True,
    vpc_config={{"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}},
    tags=[{{"Key": "a", "Value": "b"}}], sagemaker_session=session)
automl.fit(AutoMLDataChannel("S3Prefix", "s3://b/in", channel_type="training",
    compression_type="Gzip", content_type="text/csv;header=present"),
    job_name="tabular", wait=False, logs=False)
""",
    # AutoMLV2 forecasting: holiday_config is one CountryCode, the transformations
    f"""config = AutoMLTimeSeriesForecastingConfig("1D", 14, "store", "sales", "day",
    grouping_attribute_names=["region"], feature_specification_s3_uri="s3://b/f.json",
    forecast_quantiles=["p10", "p50", "p90"], holiday_config="US",
    aggregation={{"sales": "sum"}}, filling={{"sales": {{"middlefill": "zero"}}}},
    max_candidates=2)
AutoMLV2(config, role="{ROLE}", sagemaker_session=session).fit(
    [AutoMLDataChannel("S3Prefix", "s3://b/in")], job_name="forecast", wait=False, logs=False)
""",
    # AutoMLV2 image classification: the defaults the SDK fills
    f"""AutoMLV2(AutoMLImageClassificationConfig(max_candidates=4), role="{ROLE}",
    sagemaker_session=session).fit(AutoMLDataChannel("S3Prefix", "s3://b/img"),
    wait=False, logs=False)
""",
    f"""AutoMLV2(AutoMLTextClassificationConfig("text", "label",
    max_total_job_runtime_in_seconds=7200), role="{ROLE}", sagemaker_session=session,
    job_objective={{"MetricName": "Accuracy"}}).fit(
    AutoMLDataChannel("S3Prefix", "s3://b/text"), job_name="text", wait=False, logs=False)
""",
    f"""AutoMLV2(AutoMLTextGenerationConfig(base_model_name="Falcon7BInstruct", accept_eula=True,
    text_generation_hyper_params={{"epochCount": "2"}}), role="{ROLE}",
    sagemaker_session=session).fit(AutoMLDataChannel("S3Prefix", "s3://b/gen"),
    job_name="generate", wait=False, logs=False)
""",
    # Session methods, positional as the SDK's own tests call them
    f"""session.auto_ml(
    [{{"DataSource": {{"S3DataSource": {{"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}}}},
      "TargetAttributeName": "y"}}],
    {{"S3OutputPath": "s3://b/out"}}, {{"CompletionCriteria": {{"MaxCandidates": 3}}}},
    "{ROLE}", "session-job", problem_type="Regression",
    job_objective={{"MetricName": "MSE"}}, tags={{"team": "ml"}},
    model_deploy_config={{"AutoGenerateEndpointName": True}})
""",
    f"""session.create_auto_ml_v2(
    [{{"DataSource": {{"S3DataSource": {{"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}}}}}}],
    "session-v2", {{"ImageClassificationJobConfig": {{}}}}, {{"S3OutputPath": "s3://b/out"}},
    job_objective={{"MetricName": "Accuracy"}}, data_split_config={{"ValidationFraction": 0.2}},
    role="{ROLE}", security_config={{"EnableInterContainerTrafficEncryption": True}},
    tags=[{{"Key": "a", "Value": "b"}}])
""",
]
"""Sources the tests read with the extractor too: each holds one request the SDK sends."""


def _offline_session() -> tuple[Any, MagicMock]:
    import boto3
    import sagemaker  # type: ignore[import-not-found]  # the oracle venv only

    client = MagicMock(name="sagemaker_client")
    boto_session = boto3.Session(
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="example", region_name="us-east-1"
    )
    session = sagemaker.Session(
        boto_session=boto_session,
        sagemaker_client=client,
        sagemaker_runtime_client=MagicMock(),
        sagemaker_featurestore_runtime_client=MagicMock(),
        sagemaker_metrics_client=MagicMock(),
        default_bucket="oracle-bucket",
        sagemaker_config={},
    )
    session._default_bucket = "oracle-bucket"
    return session, client


def _sent(source: str) -> dict[str, Any]:
    from sagemaker.automl import automl, automlv2  # type: ignore[import-not-found]

    session, client = _offline_session()
    names = {name: getattr(automl, name) for name in ("AutoML", "AutoMLInput")}
    for name in (
        "AutoMLV2",
        "AutoMLDataChannel",
        "AutoMLTabularConfig",
        "AutoMLTimeSeriesForecastingConfig",
        "AutoMLImageClassificationConfig",
        "AutoMLTextClassificationConfig",
        "AutoMLTextGenerationConfig",
    ):
        names[name] = getattr(automlv2, name)
    exec(source, {**names, "session": session})  # our own CASES, never input
    calls = [
        m for m in ("create_auto_ml_job", "create_auto_ml_job_v2") if getattr(client, m).called
    ]
    assert len(calls) == 1, f"expected one request, got {calls}"
    return {"method": calls[0], "request": getattr(client, calls[0]).call_args.kwargs}


def main() -> None:
    os.environ.setdefault("SAGEMAKER_SUPPRESS_V2_WARNING", "1")
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    import sagemaker

    cases = [{"source": source, **_sent(source)} for source in CASES]
    oracle = {"sagemaker": sagemaker.__version__, "cases": cases}
    text = json.dumps(oracle, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (HERE / "oracle.json").write_text(text, encoding="utf-8")
    sys.stderr.write(f"{len(cases)} requests from sagemaker {sagemaker.__version__}\n")


if __name__ == "__main__":
    main()
