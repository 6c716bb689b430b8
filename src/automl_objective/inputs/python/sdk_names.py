"""How the SageMaker SDKs name what ends up in an AutoML request.

- boto3 (``create_auto_ml_job`` / ``create_auto_ml_job_v2``) takes AWS's member names as they
  are.
- The SageMaker Python SDK v3 (sagemaker-core) has one class per AWS shape, named like the
  shape, whose arguments are the shape's members in snake_case (``metric_name`` for
  ``MetricName``): the mapping is derived here from AWS's own shapes (the generated AWS
  schemas, rendered from botocore's model), never listed by hand.
- The SageMaker Python SDK v2 has classes of its own; :data:`SDK_V2_CONFIGS` is the small
  table of what each problem-type config class becomes.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from typing import NamedTuple

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


class SdkClass(NamedTuple):
    """What one SDK v2 class's arguments become: ``target`` is the request version (an
    estimator) or the AutoMLProblemTypeConfig member (a config)."""

    target: str
    positional: tuple[str, ...] | None
    """Its leading positional parameters; None: positional arguments map to nothing read."""
    members: dict[str, str]
    """{argument: AWS member} for the arguments the objective rules read."""


SDK_V2_ESTIMATORS = {
    "AutoML": SdkClass(
        V1,
        ("role", "target_attribute_name"),
        {"problem_type": "ProblemType", "job_objective": "AutoMLJobObjective"},
    ),
    "AutoMLV2": SdkClass(
        V2,
        ("problem_config",),
        {"problem_config": "AutoMLProblemTypeConfig", "job_objective": "AutoMLJobObjective"},
    ),
}
"""sagemaker.automl's estimators: only the arguments the objective rules read are mapped;
the SDK fills in the rest of the request itself, so these are checked as fragments."""

SDK_V2_CONFIGS = {
    "AutoMLTabularConfig": SdkClass(
        "TabularJobConfig", ("target_attribute_name",), {"problem_type": "ProblemType"}
    ),
    "AutoMLTimeSeriesForecastingConfig": SdkClass("TimeSeriesForecastingJobConfig", None, {}),
    "AutoMLImageClassificationConfig": SdkClass("ImageClassificationJobConfig", None, {}),
    "AutoMLTextClassificationConfig": SdkClass("TextClassificationJobConfig", None, {}),
    "AutoMLTextFineTuningConfig": SdkClass("TextGenerationJobConfig", None, {}),
}
"""sagemaker.automl.automlv2's problem configs: which AutoMLProblemTypeConfig member each
becomes (``AutoMLProblemTypeConfig.to_request_dict``), with the arguments the rules read."""

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
    estimators."""
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
    return None


def builds_sdk_object(node: ast.Call) -> bool:
    """A call to one of the SDK classes read here (an estimator, a config, a shape): its
    result is an SDK object, whose methods do not change the values it was built from."""
    name = callee(node)
    if name is None or not name[:1].isupper():
        return False
    return name in SDK_V2_ESTIMATORS or name in SDK_V2_CONFIGS or name in shape_members()
