"""`sync --from-botocore` and the algorithm lists: AWS states them only in the documentation of
AutoMLAlgorithmConfig.AutoMLAlgorithms; a list that drifts is reported, `--write` writes it,
and a documentation this cannot read is a drift item of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import botocore.session
import pytest

from automl_objective.check.catalog import TABULAR_JOB_CONFIG, catalog_from_schema
from automl_objective.cli import main
from automl_objective_codegen.algorithm_docs import documented_algorithms
from tests.support.botocore_models import use_model
from tests.support.paths import SCHEMA

CONFIG, MEMBER = "AutoMLAlgorithmConfig", "AutoMLAlgorithms"


def _documentation(model: dict[str, Any]) -> str:
    text: str = model["shapes"][CONFIG]["members"][MEMBER]["documentation"]
    return text


def _with_documentation(model: dict[str, Any], text: str) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(model))
    changed["shapes"][CONFIG]["members"][MEMBER]["documentation"] = text
    return changed


def _sync(schema: Path, *more: str) -> int:
    return main(["sync", "--from-botocore", "--schema", str(schema), *more])


def test_the_installed_documentation_states_the_schemas_lists() -> None:
    model = botocore.session.get_session().get_service_model("sagemaker")
    html = model.shape_for(CONFIG).members[MEMBER].documentation
    documented = documented_algorithms(
        html,
        list(model.shape_for("AutoMLProblemTypeConfig").members),
        model.shape_for("AutoMLMode").enum,
    )
    catalog = catalog_from_schema(json.loads(SCHEMA.read_text("utf-8")))
    assert {(r.job_config, r.mode): list(r.allowed) for r in catalog.algorithms} == documented


def test_a_drifted_list_is_reported_and_written(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    html = _documentation(service_model)
    assert '<li> <p>"ets"</p> </li>' in html and '<li> <p>"mlp"</p> </li>' in html
    html = html.replace('<li> <p>"ets"</p> </li>', "")  # AWS retires ets
    html = html.replace('"mlp"</p> </li>', '"mlp"</p> </li> <li> <p>"lightgbm"</p> </li>', 1)
    use_model(monkeypatch, tmp_path, _with_documentation(service_model, html))
    before = schema_copy.read_bytes()
    assert _sync(schema_copy) == 1
    out = capsys.readouterr().out
    assert "algorithms (AutoMLAlgorithmConfig.AutoMLAlgorithms's documentation):" in out
    assert (
        "  ~ TabularJobConfig in HYPERPARAMETER_TUNING mode: only the documentation allows "
        "lightgbm; only the schema allows none (/$defs/HyperparameterTuningAlgorithm/enum)"
    ) in out
    assert "only the schema allows ets (/$defs/TimeSeriesForecastingAlgorithm/enum)" in out
    assert schema_copy.read_bytes() == before

    assert _sync(schema_copy, "--write") == 0
    out = capsys.readouterr().out
    assert "from the documentation: TimeSeriesForecastingJobConfig algorithms:" in out
    catalog = catalog_from_schema(json.loads(schema_copy.read_text("utf-8")))
    (series,) = catalog.algorithm_rules("TimeSeriesForecastingJobConfig")
    assert "ets" not in series.allowed and "deepar" in series.allowed
    hpo = [
        r for r in catalog.algorithm_rules(TABULAR_JOB_CONFIG) if r.mode == "HYPERPARAMETER_TUNING"
    ]
    assert "lightgbm" in hpo[0].allowed
    assert _sync(schema_copy) == 0  # written: no drift left
    assert capsys.readouterr().out.splitlines()[-1] == "no drift"


def test_a_name_that_is_no_aws_value_is_reported_and_not_written(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    html = _documentation(service_model).replace('"ets"', '"zz-new"')
    use_model(monkeypatch, tmp_path, _with_documentation(service_model, html))
    assert _sync(schema_copy, "--write") == 0
    out = capsys.readouterr().out
    assert "the documentation names 'zz-new', which is not an AutoMLAlgorithm value" in out
    written = json.loads(schema_copy.read_text("utf-8"))["$defs"]
    assert "zz-new" not in written["TimeSeriesForecastingAlgorithm"]["enum"]


@pytest.mark.parametrize("html", ["", "<p>Choose algorithms wisely.</p>"])
def test_an_unreadable_documentation_is_a_drift_item(
    html: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_model(monkeypatch, tmp_path, _with_documentation(service_model, html))
    before = schema_copy.read_bytes()
    assert _sync(schema_copy) == 1
    out = capsys.readouterr().out.splitlines()
    assert "documentation (AutoMLAlgorithmConfig.AutoMLAlgorithms): cannot be read" in out
    assert any(line.startswith("  ! ") and "no algorithm list was compared" in line for line in out)
    assert _sync(schema_copy, "--format", "json") == 1
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert [r["fact"] for r in rules] == ["algorithms-unreadable"]
    assert _sync(schema_copy, "--write") == 1  # nothing to write: the schema is left as it was
    assert schema_copy.read_bytes() == before
