"""The algorithms of AlgorithmsConfig (by problem-type config and training mode), and the V1
metrics no V1 problem type takes: every value against every list, in V1 and V2, through the
compiled checks, the models and plain jsonschema alike. The lists are the schema's (its
``x-algorithm-config`` definitions, read by the catalog); botocore's AutoMLAlgorithm enum
checks that they name AWS's values and leave none out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from automl_objective.api import validate_data, validate_file
from automl_objective.base.schema import load_schema
from automl_objective.check.catalog import TABULAR_JOB_CONFIG, load_catalog
from automl_objective_generated.models import CreateAutoMLJobFragment, CreateAutoMLJobV2Fragment

CATALOG = load_catalog()
SCHEMA = load_schema()
TABULAR_MODES = {r.mode: r.allowed for r in CATALOG.algorithm_rules(TABULAR_JOB_CONFIG)}
TIME_SERIES = "TimeSeriesForecastingJobConfig"


def _aws_algorithms() -> tuple[str, ...]:
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    return tuple(model.shape_for("AutoMLAlgorithm").enum)


ALGORITHMS = _aws_algorithms()
MODES = (*TABULAR_MODES, "AUTO", None)


def _choice(*algorithms: str) -> dict[str, Any]:
    return {"AlgorithmsConfig": [{"AutoMLAlgorithms": list(algorithms)}]}


def _v2_tabular(mode: str | None, algorithm: str) -> dict[str, Any]:
    config: dict[str, Any] = {"CandidateGenerationConfig": _choice(algorithm)}
    if mode is not None:
        config["Mode"] = mode
    return {"AutoMLProblemTypeConfig": {TABULAR_JOB_CONFIG: config}}


def _v1(mode: str | None, algorithm: str) -> dict[str, Any]:
    config: dict[str, Any] = {"CandidateGenerationConfig": _choice(algorithm)}
    if mode is not None:
        config["Mode"] = mode
    return {"AutoMLJobConfig": config}


def _taken(mode: str | None, algorithm: str) -> bool:
    if mode in TABULAR_MODES:
        return algorithm in TABULAR_MODES[mode]
    return any(algorithm in allowed for allowed in TABULAR_MODES.values())


def _verdicts(document: dict[str, Any], model: Any) -> tuple[list[str], bool, bool]:
    """(the codes validate finds, whether jsonschema and the model accept it)."""
    codes = [str(f.code) for f in validate_data(document).findings]
    by_schema = Draft202012Validator(SCHEMA).is_valid(document)
    try:
        model.model_validate(document)
        by_model = True
    except ValidationError:
        by_model = False
    return codes, by_schema, by_model


def test_the_lists_name_every_aws_algorithm_and_no_other() -> None:
    listed = {name for rule in CATALOG.algorithms for name in rule.allowed}
    assert listed == set(ALGORITHMS)
    assert set(TABULAR_MODES) == {"ENSEMBLING", "HYPERPARAMETER_TUNING"}
    assert CATALOG.algorithm_rules(TIME_SERIES)


def _one_mode_only(mode: str | None, algorithm: str) -> bool:
    """With Mode AUTO, an algorithm one training mode takes and another does not: a warning
    (AWS: AlgorithmsConfig should not be set in AUTO mode, where Autopilot picks the mode)."""
    taking = [name for name, allowed in TABULAR_MODES.items() if algorithm in allowed]
    return mode == "AUTO" and 0 < len(taking) < len(TABULAR_MODES)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_tabular_algorithm_by_mode(mode: str | None, algorithm: str) -> None:
    expected = ([], True) if _taken(mode, algorithm) else (["algorithm-not-allowed"], False)
    if _one_mode_only(mode, algorithm):
        expected = (["algorithm-not-allowed"], True)  # a warning: the document is valid
    for document, model in (
        (_v2_tabular(mode, algorithm), CreateAutoMLJobV2Fragment),
        (_v1(mode, algorithm), CreateAutoMLJobFragment),
    ):
        codes, by_schema, by_model = _verdicts(document, model)
        assert (codes, by_schema) == expected, document
        assert by_model is expected[1], document
        severities = [f.severity for f in validate_data(document).findings]
        warned = _one_mode_only(mode, algorithm)
        assert severities == (["warning"] if warned else ["error"] * len(codes)), document


def test_with_mode_auto_an_algorithm_one_mode_lacks_is_a_warning_naming_the_mode() -> None:
    """botocore: AlgorithmsConfig "should not be set" when Mode is AUTO (advice, where the
    same passage says "must" of what is required): said where it matters, an algorithm the
    mode Autopilot picks may not take; one both modes take draws nothing."""
    [finding] = validate_data(_v1("AUTO", "mlp")).findings
    assert (finding.severity, finding.code) == ("warning", "algorithm-not-allowed")
    assert finding.message.startswith(
        "'mlp' is an algorithm only HYPERPARAMETER_TUNING takes, and with AutoMLJobConfig.Mode "
        "'AUTO' Autopilot picks ENSEMBLING or HYPERPARAMETER_TUNING by the dataset's size"
    )
    assert finding.message.endswith(
        "set AutoMLJobConfig.Mode to 'HYPERPARAMETER_TUNING', or remove AlgorithmsConfig"
    )
    both = set(TABULAR_MODES["ENSEMBLING"]) & set(TABULAR_MODES["HYPERPARAMETER_TUNING"])
    assert both and all(validate_data(_v2_tabular("AUTO", a)).findings == [] for a in both)
    assert validate_data(_v2_tabular("AUTO", "catboost"), strict=True).findings[0].severity == (
        "error"
    )


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_time_series_algorithm(algorithm: str) -> None:
    (rule,) = CATALOG.algorithm_rules(TIME_SERIES)
    document = {
        "AutoMLProblemTypeConfig": {TIME_SERIES: {"CandidateGenerationConfig": _choice(algorithm)}}
    }
    codes, by_schema, by_model = _verdicts(document, CreateAutoMLJobV2Fragment)
    taken = algorithm in rule.allowed
    assert codes == ([] if taken else ["algorithm-not-allowed"])
    assert by_schema is taken and by_model is taken


def test_the_message_names_the_mode_and_where_the_algorithm_belongs() -> None:
    (finding,) = validate_data(_v1("HYPERPARAMETER_TUNING", "catboost")).findings
    assert (
        finding.pointer
        == "/AutoMLJobConfig/CandidateGenerationConfig/AlgorithmsConfig/0/AutoMLAlgorithms/0"
    )
    assert finding.message.startswith(
        "'catboost' is not an algorithm tabular jobs take in AutoMLJobConfig.Mode "
        "'HYPERPARAMETER_TUNING'; allowed: " + ", ".join(TABULAR_MODES["HYPERPARAMETER_TUNING"])
    )
    assert finding.message.endswith("'catboost' is one ENSEMBLING takes")
    (auto,) = validate_data(_v2_tabular("AUTO", "deepar")).findings
    assert auto.message.startswith(
        "'deepar' is not an algorithm tabular jobs take in any training mode; allowed: ENSEMBLING: "
    )
    assert auto.message.endswith(f"'deepar' is an algorithm of {TIME_SERIES}")


def test_the_v1_metric_rule_is_the_tabular_problem_types_rules() -> None:
    """No list of its own: the anyOf names each V1 problem type's rule, and only those."""
    refs = [part["$ref"] for part in SCHEMA["$defs"]["CreateAutoMLJobMetricName"]["anyOf"]]
    tabular = [CATALOG.problem_type(name) for name in CATALOG.tabular_problem_types]
    assert sorted(refs) == sorted(f"#/$defs/{rule.definition}" for rule in tabular)


@pytest.mark.parametrize("metric", CATALOG.metric_names)
def test_a_v1_metric_without_problem_type(metric: str) -> None:
    document = {"AutoMLJobObjective": {"MetricName": metric}}
    codes = [f.code for f in validate_data(document).findings if f.severity == "error"]
    tabular = any(
        metric in CATALOG.problem_type(name).allowed for name in CATALOG.tabular_problem_types
    )
    assert codes == ([] if tabular else ["metric-not-allowed"])
    assert Draft202012Validator(SCHEMA).is_valid(document) is tabular
    if not tabular:
        (finding,) = [f for f in validate_data(document).findings if f.severity == "error"]
        assert "CreateAutoMLJob (V1) trains tabular problem types only" in finding.message
        assert finding.message.endswith("use CreateAutoMLJobV2 with TimeSeriesForecastingJobConfig")


def test_a_v1_metric_with_its_problem_type_is_said_once() -> None:
    document = {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MAPE"}}
    (finding,) = validate_data(document).findings
    assert "not allowed for ProblemType 'Regression'" in finding.message


def test_an_algorithm_no_mode_takes_is_said_once_whatever_the_mode() -> None:
    for mode in TABULAR_MODES:
        (finding,) = validate_data(_v2_tabular(mode, "deepar")).findings
        assert "in any training mode" in finding.message


def test_a_mode_known_only_at_run_time_still_refuses_what_no_mode_takes(tmp_path: Path) -> None:
    """The AUTO-or-any check does not hang on Mode: code whose Mode is read at run time gets
    it; the per-mode lists, which need the Mode, are left undecided (no guess)."""
    source = tmp_path / "job.py"
    source.write_text(
        "import os\nimport boto3\n\n"
        "boto3.client('sagemaker').create_auto_ml_job(\n"
        "    AutoMLJobConfig={'Mode': os.environ['MODE'], 'CandidateGenerationConfig': "
        "{'AlgorithmsConfig': [{'AutoMLAlgorithms': ['mlp', 'catboost', 'deepar']}]}},\n"
        ")\n"
    )
    found = [
        (f.code, f.pointer)
        for f in validate_file(source).findings
        if f.code == "algorithm-not-allowed"
    ]
    pointer = "/AutoMLJobConfig/CandidateGenerationConfig/AlgorithmsConfig/0/AutoMLAlgorithms/2"
    assert found == [("algorithm-not-allowed", pointer)]


def test_a_misspelt_algorithm_gets_the_one_meant() -> None:
    (finding,) = validate_data(_v1("ENSEMBLING", "XGBoost")).findings
    assert finding.code == "algorithm-not-allowed"
    assert finding.message.endswith("; did you mean 'xgboost'?")
