"""The benchmark's corpora, written into a folder: request and objective files (JSON and YAML,
mostly valid or mostly broken), one request with ten thousand findings, and Python files and
notebooks that send AutoML requests among ordinary code.

Every builder is deterministic (a seeded ``random.Random``) and returns the files' paths
relative to the folder, in the order the tools are given them.
"""

from __future__ import annotations

import json
import pprint
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"
FOLDER = "d"


def _v1(problem_type: str, metric: str) -> dict[str, Any]:
    return {
        "AutoMLJobName": "bench-v1",
        "InputDataConfig": [
            {
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
                "TargetAttributeName": "label",
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "ProblemType": problem_type,
        "AutoMLJobObjective": {"MetricName": metric},
        "RoleArn": ROLE,
    }


def _v2(config: str, body: dict[str, Any], metric: str | None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "AutoMLJobName": "bench-v2",
        "AutoMLJobInputDataConfig": [
            {
                "ChannelType": "training",
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "AutoMLProblemTypeConfig": {config: body},
        "RoleArn": ROLE,
    }
    if metric is not None:
        document["AutoMLJobObjective"] = {"MetricName": metric}
    return document


VALID = [
    _v1("Regression", "RMSE"),
    _v1("BinaryClassification", "AUC"),
    _v1("MulticlassClassification", "F1macro"),
    _v2("TabularJobConfig", {"TargetAttributeName": "y", "ProblemType": "Regression"}, "MAE"),
    _v2("TabularJobConfig", {"TargetAttributeName": "y"}, None),
    _v2("ImageClassificationJobConfig", {}, "Accuracy"),
    _v2("TextClassificationJobConfig", {"ContentColumn": "t", "TargetLabelColumn": "l"}, None),
    _v2(
        "TimeSeriesForecastingJobConfig",
        {
            "ForecastFrequency": "1D",
            "ForecastHorizon": 14,
            "TimeSeriesConfig": {
                "TargetAttributeName": "demand",
                "TimestampAttributeName": "ts",
                "ItemIdentifierAttributeName": "item",
            },
        },
        "WAPE",
    ),
    {"MetricName": "F1"},
    {"MetricName": "AverageWeightedQuantileLoss"},
]
INVALID = [
    _v1("Regression", "AUC"),
    _v1("MulticlassClassification", "F1"),
    _v2("ImageClassificationJobConfig", {}, "F1"),
    _v2("TabularJobConfig", {"TargetAttributeName": "y"}, "MSE"),
    {"MetricName": "F1Macro"},
]


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = document
    for token in path[:-1]:
        node = node[token] if isinstance(node, list) else node.setdefault(token, {})
    last: Any = path[-1]
    node[last] = value


# Mistakes of every kind (a finding code each), applied several to a file in the mostly
# invalid corpus: (the member the document must have, the edit).
MISTAKES: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("AutoMLJobObjective", lambda d: _set(d, ("AutoMLJobObjective", "MetricName"), "F1Macro")),
    ("AutoMLJobObjective", lambda d: _set(d, ("AutoMLJobObjective", "MetricName"), "Perplexity")),
    ("AutoMLJobObjective", lambda d: _set(d, ("AutoMLJobObjective", "Direction"), "Max")),
    ("ProblemType", lambda d: _set(d, ("ProblemType",), "Regresion")),
    ("ProblemType", lambda d: d.pop("AutoMLJobObjective", None)),
    ("AutoMLJobName", lambda d: _set(d, ("AutoMLJobName",), "bench_with_underscore")),
    ("AutoMLJobName", lambda d: d.pop("RoleArn")),
    ("AutoMLJobName", lambda d: _set(d, ("RoleARN",), ROLE)),
    ("AutoMLJobName", lambda d: _set(d, ("OutputDataConfig",), "s3://b/out/")),
    ("InputDataConfig", lambda d: _set(d, ("InputDataConfig", 0, "ChannelType"), "train")),
    ("AutoMLJobInputDataConfig", lambda d: _set(d, ("AutoMLJobInputDataConfig", 0, "X"), 1)),
    (
        "AutoMLProblemTypeConfig",
        lambda d: _set(d, ("AutoMLProblemTypeConfig", "TabularConfig"), {}),
    ),
    ("AutoMLProblemTypeConfig", lambda d: _set(d, ("AutoMLJobObjective",), {"MetricName": "R2"})),
    ("AutoMLProblemTypeConfig", lambda d: _set(d, ("AutoMLJobConfig",), {"Mode": "FAST"})),
    ("MetricName", lambda d: _set(d, ("MetricName",), 5)),
    ("MetricName", lambda d: _set(d, ("Extra",), True)),
]


def broken(rng: random.Random, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with two to four mistakes that fit it."""
    result: dict[str, Any] = json.loads(json.dumps(document))
    fitting = [edit for member, edit in MISTAKES if member in document]
    for edit in rng.sample(fitting, min(len(fitting), rng.randint(2, 4))):
        edit(result)
    return result


def write_document(path: Path, document: Any) -> None:
    """JSON indented as people write it, or block-style YAML, by the suffix."""
    if path.suffix == ".yaml":
        path.write_text(yaml.safe_dump(document, sort_keys=False), "utf-8")
    else:
        path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")


def build_documents(
    folder: Path, count: int, *, invalid: float = 0.1, yaml_share: float = 0.0, seed: int = 7
) -> list[str]:
    """``count`` request and objective files. At 10% invalid every tenth file has one mistake
    (a metric its problem type refuses, a misspelt metric); at any other share that share of
    the files holds two to four mistakes of every kind. ``yaml_share`` of them are YAML."""
    rng = random.Random(seed)
    names = []
    (folder / FOLDER).mkdir(parents=True, exist_ok=True)
    for index in range(count):
        if invalid == 0.1:
            document = rng.choice(INVALID if index % 10 == 9 else VALID)
        elif rng.random() < invalid:
            document = broken(rng, rng.choice(VALID))
        else:
            document = rng.choice(VALID)
        suffix = ".yaml" if rng.random() < yaml_share else ".json"
        name = f"{FOLDER}/{index:06d}{suffix}"
        write_document(folder / name, document)
        names.append(name)
    return names


def build_findings_heavy(folder: Path, findings: int = 10_000, megabytes: float = 5) -> list[str]:
    """One V2 request of about ``megabytes`` whose ``findings`` input channels each have a
    wrong ChannelType (AWS also allows at most two channels: one finding more). Each channel's
    S3Uri is lengthened, within AWS's limit, to reach the size."""
    channel: dict[str, Any] = {
        "ChannelType": "bogus",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
    }
    request = _v2("TabularJobConfig", {"TargetAttributeName": "y"}, None)
    request["AutoMLJobInputDataConfig"] = [channel] * findings
    base = len(json.dumps(request, indent=2))
    pad = max(0, min(1000, int((megabytes * 1024 * 1024 - base) / max(findings, 1))))
    channel["DataSource"]["S3DataSource"]["S3Uri"] = "s3://b/t/" + "p" * pad
    folder.mkdir(parents=True, exist_ok=True)
    name = "heavy.json"
    write_document(folder / name, request)
    return [name]


ORDINARY = '''"""{title}: helpers of the {area} pipeline."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class {cls}:
    name: str
    weight: float = {weight}

    def scaled(self, factor: float) -> float:
        return self.weight * factor


def {func}(values: list[float]) -> dict[str, float]:
    """Mean and spread of the values."""
    total = sum(values)
    mean = total / max(len(values), 1)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values) / max(len(values), 1))
    return {{"mean": mean, "spread": spread}}


def {func}_table(rows: list[{cls}]) -> list[str]:
    out = []
    for index, row in enumerate(rows):
        if row.weight > {weight}:
            out.append(f"{{index}}: {{row.name}} {{row.scaled(2.0):.3f}}")
        elif row.name.startswith("{area}"):
            out.append(row.name.upper())
        else:
            out.extend(part for part in row.name.split("-") if part)
    return out
'''

BOTO3_CALL = """
import boto3

sagemaker = boto3.client("sagemaker")
request = {request}
sagemaker.{call}(**request)
"""

SDK_CALL = """
from sagemaker.automl.automl import AutoML

automl = AutoML(
    role="{role}",
    target_attribute_name="label",
    problem_type="{problem_type}",
    job_objective={{"MetricName": "{metric}"}},
)
"""


def _ordinary(rng: random.Random, index: int) -> str:
    area = rng.choice(["churn", "sales", "fraud", "demand", "images", "reviews"])
    return ORDINARY.format(
        title=f"Module {index}",
        area=area,
        cls=f"Row{index}",
        func=f"summarise_{area}_{index}",
        weight=rng.randint(1, 9) / 2,
    )


def _request_code(rng: random.Random, invalid: float) -> tuple[str, bool]:
    """A boto3 call sending a whole request, or an SDK estimator; maybe broken."""
    wrong = rng.random() < invalid
    if rng.random() < 0.25:
        metric = rng.choice(["AUC", "F1Macro"]) if wrong else "RMSE"
        return SDK_CALL.format(role=ROLE, problem_type="Regression", metric=metric), wrong
    document = rng.choice([d for d in VALID if "AutoMLJobName" in d])
    if wrong:
        document = broken(rng, document)
    call = (
        "create_auto_ml_job_v2" if "AutoMLJobInputDataConfig" in document else "create_auto_ml_job"
    )
    request = pprint.pformat(document, width=88, sort_dicts=False)
    return BOTO3_CALL.format(request=request, call=call), wrong


def _notebook(cells: list[str]) -> dict[str, Any]:
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"cell{index}",
                "metadata": {},
                "outputs": [],
                "source": source.splitlines(keepends=True),
            }
            for index, source in enumerate(cells)
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def build_code(
    folder: Path,
    count: int = 1000,
    *,
    notebooks: int = 100,
    calling: float = 0.3,
    invalid: float = 0.2,
    seed: int = 11,
) -> list[str]:
    """``count`` .py files, ``calling`` of them sending an AutoML request after their ordinary
    code (``invalid`` of those requests broken), and ``notebooks`` notebooks of three cells,
    one of which sends a request."""
    rng = random.Random(seed)
    names = []
    (folder / FOLDER).mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text = _ordinary(rng, index)
        if rng.random() < calling:
            text += _request_code(rng, invalid)[0]
        name = f"{FOLDER}/module_{index:05d}.py"
        (folder / name).write_text(text, "utf-8")
        names.append(name)
    for index in range(notebooks):
        cells = [_ordinary(rng, index), _request_code(rng, invalid)[0], "summary = 1 + 1\n"]
        name = f"{FOLDER}/notebook_{index:04d}.ipynb"
        (folder / name).write_text(json.dumps(_notebook(cells), indent=1) + "\n", "utf-8")
        names.append(name)
    return names
