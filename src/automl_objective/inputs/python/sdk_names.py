"""How the SageMaker SDKs name what ends up in an AutoML request.

- boto3 (``create_auto_ml_job`` / ``create_auto_ml_job_v2``) takes AWS's member names as they
  are.
- The SageMaker Python SDK v3 (sagemaker-core) has one class per AWS shape, named like the
  shape, whose arguments are the shape's members in snake_case (``metric_name`` for
  ``MetricName``): the mapping is derived here from AWS's own shapes (the generated AWS
  schemas, rendered from botocore's model), never listed by hand.
- The SageMaker Python SDK v2 has classes of its own: the tables below say, parameter by
  parameter, where the SDK puts each argument in the request it sends (the recorded oracle in
  tests/sdk_oracle compares them with what the SDK itself sends).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from typing import Any, NamedTuple

from automl_objective.base.dynamic import DYNAMIC
from automl_objective.base.schema import load_aws_schema

V1, V2 = "v1", "v2"
REQUEST_SHAPES = {V1: "CreateAutoMLJobRequest", V2: "CreateAutoMLJobV2Request"}
_REQUEST_FILES = {
    "CreateAutoMLJobRequest": "create-auto-ml-job-request.schema.json",
    "CreateAutoMLJobV2Request": "create-auto-ml-job-v2-request.schema.json",
}

BOTO3_METHODS = {"create_auto_ml_job": V1, "create_auto_ml_job_v2": V2}
"""boto3 client methods (on any receiver) and the request version each sends."""

SDK_V3_RESOURCES = {"AutoMLJob": V1, "AutoMLJobV2": V2}
"""sagemaker-core resources whose ``create(...)`` sends the request of that version."""
SDK_V3_NOT_MEMBERS = frozenset({"session", "region"})
"""Arguments of a sagemaker-core ``create`` that configure the client, not the request."""


ALWAYS, SET, TRUTHY = "always", "set", "truthy"
"""When the SDK sends an argument: always (its default when not given), if not None, if
truthy."""


class Param(NamedTuple):
    """One parameter of an SDK v2 class, and where the SDK puts its value."""

    name: str
    path: tuple[str, ...] | None = None
    """Its member's path in what the class sends; None: not part of the request."""
    sent: str = SET
    default: Any = None
    """What is sent when the argument is not given (``ALWAYS`` only; DYNAMIC: filled at run
    time, a default bucket, a generated name)."""
    form: str = ""
    """How the SDK turns the value into the member: ``tags`` (a dict becomes Key/Value
    pairs), ``algorithms`` (a list of names becomes one AlgorithmsConfig item), ``holiday``
    (one HolidayConfig item of that CountryCode), ``role`` (an ARN; a bare role name is looked
    up in IAM), ``channel`` (into each channel fit() builds)."""


class SdkClass(NamedTuple):
    """What one SDK v2 class sends: ``target`` is the request version (an estimator) or the
    AutoMLProblemTypeConfig member (a config); its parameters in positional order."""

    target: str
    params: tuple[Param, ...]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_CRITERIA = ("CompletionCriteria",)
_COMPLETION = (
    Param("max_candidates", (*_CRITERIA, "MaxCandidates")),
    Param(
        "max_runtime_per_training_job_in_seconds", (*_CRITERIA, "MaxRuntimePerTrainingJobInSeconds")
    ),
    Param("max_total_job_runtime_in_seconds", (*_CRITERIA, "MaxAutoMLJobRuntimeInSeconds")),
)
_JOB, _SECURITY, _DEPLOY = (
    ("AutoMLJobConfig",),
    ("AutoMLJobConfig", "SecurityConfig"),
    ("ModelDeployConfig",),
)
_S3_DATA_TYPE = ("DataSource", "S3DataSource", "S3DataType")

SDK_V2_ESTIMATORS = {
    "AutoML": SdkClass(
        V1,
        (
            Param("role", ("RoleArn",), ALWAYS, DYNAMIC, "role"),
            Param("target_attribute_name", ("TargetAttributeName",), ALWAYS, None, "channel"),
            Param("output_kms_key", ("OutputDataConfig", "KmsKeyId")),
            Param("output_path", ("OutputDataConfig", "S3OutputPath"), ALWAYS, DYNAMIC),
            Param("base_job_name"),
            Param("compression_type", ("CompressionType",), form="channel"),
            Param("sagemaker_session"),
            Param("volume_kms_key", (*_SECURITY, "VolumeKmsKeyId"), TRUTHY),
            Param(
                "encrypt_inter_container_traffic",
                (*_SECURITY, "EnableInterContainerTrafficEncryption"),
                ALWAYS,
                False,
            ),
            Param("vpc_config", (*_SECURITY, "VpcConfig"), TRUTHY),
            Param("problem_type", ("ProblemType",)),
            Param("max_candidates", (*_JOB, *_CRITERIA, "MaxCandidates")),
            Param(
                "max_runtime_per_training_job_in_seconds",
                (*_JOB, *_CRITERIA, "MaxRuntimePerTrainingJobInSeconds"),
            ),
            Param(
                "total_job_runtime_in_seconds", (*_JOB, *_CRITERIA, "MaxAutoMLJobRuntimeInSeconds")
            ),
            Param("job_objective", ("AutoMLJobObjective",)),
            Param(
                "generate_candidate_definitions_only",
                ("GenerateCandidateDefinitionsOnly",),
                ALWAYS,
                False,
            ),
            Param("tags", ("Tags",), form="tags"),
            Param("content_type", ("ContentType",), form="channel"),
            Param("s3_data_type", _S3_DATA_TYPE, ALWAYS, "S3Prefix", "channel"),
            Param(
                "feature_specification_s3_uri",
                (*_JOB, "CandidateGenerationConfig", "FeatureSpecificationS3Uri"),
                TRUTHY,
            ),
            Param("validation_fraction", (*_JOB, "DataSplitConfig", "ValidationFraction"), TRUTHY),
            Param("mode", (*_JOB, "Mode"), TRUTHY),
            Param("auto_generate_endpoint_name", (*_DEPLOY, "AutoGenerateEndpointName")),
            Param("endpoint_name", (*_DEPLOY, "EndpointName")),
            Param("sample_weight_attribute_name", ("SampleWeightAttributeName",), form="channel"),
        ),
    ),
    "AutoMLV2": SdkClass(
        V2,
        (
            Param("problem_config", ("AutoMLProblemTypeConfig",), ALWAYS),
            Param("base_job_name"),
            Param("output_path", ("OutputDataConfig", "S3OutputPath"), ALWAYS, DYNAMIC),
            Param("job_objective", ("AutoMLJobObjective",)),
            Param("validation_fraction", ("DataSplitConfig", "ValidationFraction")),
            Param("auto_generate_endpoint_name", (*_DEPLOY, "AutoGenerateEndpointName")),
            Param("endpoint_name", (*_DEPLOY, "EndpointName")),
            Param("output_kms_key", ("OutputDataConfig", "KmsKeyId")),
            Param("role", ("RoleArn",), ALWAYS, DYNAMIC, "role"),
            Param("volume_kms_key", ("SecurityConfig", "VolumeKmsKeyId"), TRUTHY),
            Param(
                "encrypt_inter_container_traffic",
                ("SecurityConfig", "EnableInterContainerTrafficEncryption"),
                ALWAYS,
                False,
            ),
            Param("vpc_config", ("SecurityConfig", "VpcConfig"), TRUTHY),
            Param("tags", ("Tags",), form="tags"),
            Param("sagemaker_session"),
        ),
    ),
}
"""sagemaker.automl's estimators (SDK v2, 2.220 to 2.257): the request each one's ``fit``
sends, member by member (tests/sdk_oracle records what the SDK itself sends)."""

SDK_V2_FIT = SdkClass(
    "fit",
    (
        Param("inputs", ("inputs",)),
        Param("wait"),
        Param("logs"),
        Param("job_name", ("AutoMLJobName",)),
    ),
)
"""``fit``'s parameters: the job name is sent verbatim; inputs become the channels."""

SDK_V2_CONFIGS = {
    "AutoMLTabularConfig": SdkClass(
        "TabularJobConfig",
        (
            Param("target_attribute_name", ("TargetAttributeName",), ALWAYS),
            Param(
                "algorithms_config",
                ("CandidateGenerationConfig", "AlgorithmsConfig"),
                form="algorithms",
            ),
            Param("feature_specification_s3_uri", ("FeatureSpecificationS3Uri",)),
            Param("generate_candidate_definitions_only", ("GenerateCandidateDefinitionsOnly",)),
            Param("mode", ("Mode",)),
            Param("problem_type", ("ProblemType",)),
            Param("sample_weight_attribute_name", ("SampleWeightAttributeName",)),
            *_COMPLETION,
        ),
    ),
    "AutoMLTimeSeriesForecastingConfig": SdkClass(
        "TimeSeriesForecastingJobConfig",
        (
            Param("forecast_frequency", ("ForecastFrequency",), ALWAYS),
            Param("forecast_horizon", ("ForecastHorizon",), ALWAYS),
            Param(
                "item_identifier_attribute_name",
                ("TimeSeriesConfig", "ItemIdentifierAttributeName"),
                ALWAYS,
            ),
            Param("target_attribute_name", ("TimeSeriesConfig", "TargetAttributeName"), ALWAYS),
            Param(
                "timestamp_attribute_name", ("TimeSeriesConfig", "TimestampAttributeName"), ALWAYS
            ),
            Param(
                "grouping_attribute_names", ("TimeSeriesConfig", "GroupingAttributeNames"), TRUTHY
            ),
            Param("feature_specification_s3_uri", ("FeatureSpecificationS3Uri",)),
            Param("forecast_quantiles", ("ForecastQuantiles",), TRUTHY),
            Param("holiday_config", ("HolidayConfig",), TRUTHY, form="holiday"),
            Param("aggregation", ("Transformations", "Aggregation"), TRUTHY),
            Param("filling", ("Transformations", "Filling"), TRUTHY),
            *_COMPLETION,
        ),
    ),
    "AutoMLImageClassificationConfig": SdkClass("ImageClassificationJobConfig", _COMPLETION),
    "AutoMLTextClassificationConfig": SdkClass(
        "TextClassificationJobConfig",
        (
            Param("content_column", ("ContentColumn",)),
            Param("target_label_column", ("TargetLabelColumn",)),
            *_COMPLETION,
        ),
    ),
    "AutoMLTextGenerationConfig": SdkClass(
        "TextGenerationJobConfig",
        (
            Param("base_model_name", ("BaseModelName",)),
            Param("accept_eula", ("ModelAccessConfig", "AcceptEula")),
            Param("text_generation_hyper_params", ("TextGenerationHyperParameters",)),
            *_COMPLETION,
        ),
    ),
}
"""sagemaker.automl.automlv2's problem configs (``to_request_dict``): the
AutoMLProblemTypeConfig member each one becomes, and its members."""

SDK_V2_CHANNELS = {
    "AutoMLInput": SdkClass(
        V1,
        (
            Param("inputs", ("DataSource", "S3DataSource", "S3Uri"), ALWAYS),
            Param("target_attribute_name", ("TargetAttributeName",), ALWAYS),
            Param("compression", ("CompressionType",)),
            Param("channel_type", ("ChannelType",)),
            Param("content_type", ("ContentType",)),
            Param("s3_data_type", _S3_DATA_TYPE, ALWAYS, "S3Prefix"),
            Param("sample_weight_attribute_name", ("SampleWeightAttributeName",)),
        ),
    ),
    "AutoMLDataChannel": SdkClass(
        V2,
        (
            Param("s3_data_type", _S3_DATA_TYPE, ALWAYS),
            Param("s3_uri", ("DataSource", "S3DataSource", "S3Uri"), ALWAYS),
            Param("channel_type", ("ChannelType",), TRUTHY),
            Param("compression_type", ("CompressionType",), TRUTHY),
            Param("content_type", ("ContentType",), TRUTHY),
        ),
    ),
}
"""The SDK v2's input channels (``AutoMLInput``: one channel per S3 URI)."""

SESSION_METHODS = {
    "auto_ml": SdkClass(
        V1,
        (
            Param("input_config", ("InputDataConfig",), ALWAYS),
            Param("output_config", ("OutputDataConfig",), ALWAYS),
            Param("auto_ml_job_config", ("AutoMLJobConfig",), ALWAYS),
            Param("role", ("RoleArn",), ALWAYS, DYNAMIC),
            Param("job_name", ("AutoMLJobName",), ALWAYS),
            Param("problem_type", ("ProblemType",)),
            Param("job_objective", ("AutoMLJobObjective",)),
            Param(
                "generate_candidate_definitions_only",
                ("GenerateCandidateDefinitionsOnly",),
                ALWAYS,
                False,
            ),
            Param("tags", ("Tags",), form="tags"),
            Param("model_deploy_config", ("ModelDeployConfig",)),
        ),
    ),
    "create_auto_ml_v2": SdkClass(
        V2,
        (
            Param("input_config", ("AutoMLJobInputDataConfig",), ALWAYS),
            Param("job_name", ("AutoMLJobName",), ALWAYS),
            Param("problem_config", ("AutoMLProblemTypeConfig",), ALWAYS),
            Param("output_config", ("OutputDataConfig",), ALWAYS),
            Param("job_objective", ("AutoMLJobObjective",)),
            Param("model_deploy_config", ("ModelDeployConfig",)),
            Param("data_split_config", ("DataSplitConfig",)),
            Param("role", ("RoleArn",), ALWAYS, DYNAMIC),
            Param("security_config", ("SecurityConfig",)),
            Param("tags", ("Tags",), form="tags"),
        ),
    ),
    "SageMakerAutoMLOperator": SdkClass(
        V1,
        (
            Param("job_name", ("AutoMLJobName",), ALWAYS),
            Param(
                "s3_input", ("InputDataConfig", "0", "DataSource", "S3DataSource", "S3Uri"), ALWAYS
            ),
            Param("target_attribute", ("InputDataConfig", "0", "TargetAttributeName"), ALWAYS),
            Param("s3_output", ("OutputDataConfig", "S3OutputPath"), ALWAYS),
            Param("role_arn", ("RoleArn",), ALWAYS),
            Param("", ("InputDataConfig", "0", *_S3_DATA_TYPE), ALWAYS, "S3Prefix"),
            Param(
                "compressed_input", ("InputDataConfig", "0", "CompressionType"), TRUTHY, form="gzip"
            ),
            Param(
                "time_limit",
                ("AutoMLJobConfig", *_CRITERIA, "MaxAutoMLJobRuntimeInSeconds"),
                TRUTHY,
            ),
            Param("autodeploy_endpoint_name", (*_DEPLOY, "EndpointName"), TRUTHY),
            Param("extras", (), TRUTHY, form="extras"),
        ),
    ),
}
"""Calls that send a request from their arguments: the SDK v2 Session's ``auto_ml`` and
``create_auto_ml_v2`` (keyword or positional), and Apache Airflow's SageMakerAutoMLOperator
(keyword only; the hook puts S3DataType S3Prefix in its one channel and merges ``extras``
over the request with ``dict.update``: a shallow merge)."""
SESSION_MINIMUM = {"auto_ml": 3, "create_auto_ml_v2": 4}
"""Arguments a Session method needs at least: a method of that name with fewer is not it."""
AIRFLOW_OPERATOR = "SageMakerAutoMLOperator"
AIRFLOW_NOT_REQUEST = frozenset(
    {
        "task_id",
        "wait_for_completion",
        "check_interval",
        "config",
        "aws_conn_id",
        "region_name",
        "verify",
    }
)
"""The operator's arguments that configure the task, not the request (BaseOperator's others
go there too: any argument the operator does not map is not part of the request)."""


_WORD = re.compile(r"(.)([A-Z][a-z]+)")
_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")


def snake_case(name: str) -> str:
    """An AWS member name as the SDKs spell their arguments: ``AutoMLJobObjective`` ->
    ``auto_ml_job_objective``, ``S3DataSource`` -> ``s3_data_source``."""
    return _BOUNDARY.sub(r"\1_\2", _WORD.sub(r"\1_\2", name)).lower()


@cache
def shape_members() -> dict[str, dict[str, str]]:
    """Every AWS shape the two requests use: shape name -> {snake_case argument: member}."""
    shapes: dict[str, dict[str, str]] = {}
    for file in _REQUEST_FILES.values():
        for name, definition in load_aws_schema(file)["$defs"].items():
            properties = definition.get("properties") if isinstance(definition, dict) else None
            if isinstance(properties, dict):
                shapes[name] = {snake_case(member): member for member in properties}
    return shapes


@cache
def all_members() -> dict[str, str]:
    """{snake_case name: member} over every shape: how sagemaker-core's dict arguments
    (``{"metric_name": "AUC"}``, which its pydantic shapes accept) name members."""
    return {snake: member for shape in shape_members().values() for snake, member in shape.items()}


def request_members(version: str) -> dict[str, str]:
    """{snake_case argument: member} of the request of one version."""
    return shape_members()[REQUEST_SHAPES[version]]


def callee(node: ast.Call) -> str | None:
    """The name a call is made by: ``f`` in ``f(...)`` and in ``x.f(...)``."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def request_version(node: ast.Call) -> str | None:
    """The request version a call sends, if it is one of the AutoML calls read: boto3's
    methods on any receiver, sagemaker-core's ``AutoMLJob(V2).create``, the SDK v2
    estimators and Session methods, Airflow's operator."""
    name, func = callee(node), node.func
    if name in BOTO3_METHODS and isinstance(func, ast.Attribute):
        return BOTO3_METHODS[name]
    if (
        name == "create"
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in SDK_V3_RESOURCES
    ):
        return SDK_V3_RESOURCES[func.value.id]
    if name in SDK_V2_ESTIMATORS:
        return SDK_V2_ESTIMATORS[name].target
    if name == AIRFLOW_OPERATOR:
        return V1
    if name in SESSION_MINIMUM and isinstance(func, ast.Attribute):
        given = len(node.args) + len(node.keywords)
        if given >= SESSION_MINIMUM[name]:
            return SESSION_METHODS[name].target
    return None


def builds_sdk_object(node: ast.Call) -> bool:
    """A call to one of the SDK classes read here (an estimator, a config, a shape): its
    result is an SDK object, whose methods do not change the values it was built from."""
    name = callee(node)
    if name is None or not name[:1].isupper():
        return False
    if name in SDK_V2_ESTIMATORS or name in SDK_V2_CONFIGS or name in SDK_V2_CHANNELS:
        return True
    return name in shape_members()
