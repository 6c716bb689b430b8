"""botocore's sagemaker model, as the installed botocore holds it and as AWS may change it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import botocore
import pytest

from automl_objective.check.catalog import catalog_from_schema
from tests.support.paths import SCHEMA

MODEL = Path(botocore.__file__).parent / "data" / "sagemaker" / "2017-07-24" / "service-2.json.gz"


def use_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, model: dict[str, Any]) -> None:
    """Put a modified sagemaker model first on botocore's search path (AWS_DATA_PATH)."""
    folder = tmp_path / "models" / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "models"))


CATALOG = catalog_from_schema(json.loads(SCHEMA.read_text()))
# A metric AWS may retire: the one a problem type allows alone (it empties that type).
SOLE = next(r for r in CATALOG.problem_types if len(r.allowed) == 1)
# A metric that is nobody's default and not the only one anywhere.
PLAIN = next(
    m.name
    for m in CATALOG.metrics
    if all(
        m.name != r.default and (m.name not in r.allowed or len(r.allowed) > 1)
        for r in CATALOG.problem_types
    )
)


def drifted(model: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(model))
    shapes = changed["shapes"]
    shapes["AutoMLMetricEnum"]["enum"] = [
        m for m in shapes["AutoMLMetricEnum"]["enum"] if m != PLAIN
    ] + ["ZzNewMetric"]
    shapes["AutoMLMetricEnum"]["enum"].reverse()  # order alone is no drift
    shapes["ProblemType"]["enum"].append("ZzRanking")
    return changed
