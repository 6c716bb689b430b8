"""SDK v2 objects, Session methods and Airflow's operator are read as the request they send
(the mapping is the one tests/sdk_oracle records from the SDK itself)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import validate_file
from automl_objective.base.dynamic import DYNAMIC, OpenObject
from automl_objective.inputs.python.reader import extract, parse_chunk

ROLE = "arn:aws:iam::111122223333:role/Runner"

Found = list[tuple[int, int, str]]


def _requests(source: str) -> list[dict[str, Any]]:
    return [found.data for found in extract([parse_chunk(source, None, "job.py")])]


def _check(tmp_path: Path, source: str) -> Found:
    path = tmp_path / "job.py"
    path.write_text(source, encoding="utf-8")
    return [(f.line or 0, f.column or 0, f.code) for f in validate_file(path).findings]


def test_an_automl_estimator_and_its_fit_are_the_whole_v1_request() -> None:
    source = (
        f'automl = AutoML("{ROLE}", "y", problem_type="Regression",\n'
        '    job_objective={"MetricName": "MSE"}, max_candidates=5, mode="ENSEMBLING",\n'
        '    tags={"team": "ml"}, content_type="text/csv;header=present")\n'
        'automl.fit("s3://bucket/in", job_name="churn-1", wait=False)\n'
    )
    [request] = _requests(source)
    assert request == {
        "AutoMLJobConfig": {
            "CompletionCriteria": {"MaxCandidates": 5},
            "Mode": "ENSEMBLING",
            "SecurityConfig": {"EnableInterContainerTrafficEncryption": False},
        },
        "AutoMLJobName": "churn-1",
        "AutoMLJobObjective": {"MetricName": "MSE"},
        "GenerateCandidateDefinitionsOnly": False,
        "InputDataConfig": [
            {
                "ContentType": "text/csv;header=present",
                "DataSource": {
                    "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://bucket/in"}
                },
                "TargetAttributeName": "y",
            }
        ],
        "OutputDataConfig": {"S3OutputPath": DYNAMIC},  # the session's default bucket
        "ProblemType": "Regression",
        "RoleArn": ROLE,
        "Tags": [{"Key": "team", "Value": "ml"}],
    }


def test_without_one_fit_the_job_name_and_channels_are_dynamic() -> None:
    [request] = _requests('a = AutoML("Runner", "y")\na.fit(x)\na.fit(y)\n')
    assert request["AutoMLJobName"] is DYNAMIC and request["InputDataConfig"] is DYNAMIC
    assert request["RoleArn"] is DYNAMIC  # a bare role name is looked up in IAM


def test_sdk_mistakes_are_found_where_they_are_written(tmp_path: Path) -> None:
    source = (
        'NAME = "a-job-name-longer-than-thirty-two-characters"\n'
        f'automl = AutoML("{ROLE}", "y", mode="HPO", job_objective={{"fake objective"}},\n'
        '    tags=[{"Name": "k", "Value": "v"}])\n'
        'automl.fit("s3://bucket/in", job_name=NAME)\n'
    )
    found = _check(tmp_path, source)
    assert (1, 8, "schema-violation") in found  # the name, at its literal
    assert (2, 89, "invalid-type") in found  # a set where an object is wanted
    assert (2, 68, "invalid-value") in found  # Mode
    assert (3, 12, "unknown-member") in found and (3, 11, "missing-member") in found  # Name


def test_automlv2_configs_map_as_the_sdk_maps_them() -> None:
    source = (
        "cfg = AutoMLTimeSeriesForecastingConfig('D', 7, 'item', 'y', 'ts',\n"
        "    holiday_config='US', forecast_quantiles=['p10'],"
        " filling={'y': {'middlefill': 'zero'}})\n"
        f'AutoMLV2(cfg, role="{ROLE}", output_path="s3://b/out").fit(\n'
        '    AutoMLDataChannel("S3Prefix", "s3://b/in"), job_name="forecast")\n'
        "AutoMLV2(AutoMLTabularConfig('y', algorithms_config=['xgboost'],"
        " problem_type='Regression'))\n"
    )
    forecast, tabular = _requests(source)
    assert forecast["AutoMLProblemTypeConfig"] == {
        "TimeSeriesForecastingJobConfig": {
            "ForecastFrequency": "D",
            "ForecastHorizon": 7,
            "TimeSeriesConfig": {
                "ItemIdentifierAttributeName": "item",
                "TargetAttributeName": "y",
                "TimestampAttributeName": "ts",
            },
            "ForecastQuantiles": ["p10"],
            "HolidayConfig": [{"CountryCode": "US"}],
            "Transformations": {"Filling": {"y": {"middlefill": "zero"}}},
        }
    }
    assert forecast["AutoMLJobInputDataConfig"] == [
        {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}}}
    ]
    assert forecast["SecurityConfig"] == {"EnableInterContainerTrafficEncryption": False}
    assert forecast["AutoMLJobName"] == "forecast"
    config = tabular["AutoMLProblemTypeConfig"]["TabularJobConfig"]
    assert config["CandidateGenerationConfig"] == {
        "AlgorithmsConfig": [{"AutoMLAlgorithms": ["xgboost"]}]
    }


@pytest.mark.parametrize(
    "imports",
    [
        "from sagemaker import AutoML as Estimator\n",
        "from sagemaker.automl.automl import AutoML as Estimator\n",
        # an import is a statement wherever it stands: in a try, an if, an except, a match
        "try:\n    from sagemaker import AutoML as Estimator\nexcept ImportError:\n    pass\n",
        "if True:\n    pass\nelse:\n    from sagemaker import AutoML as Estimator\n",
        "try:\n    pass\nexcept Exception:\n    from sagemaker import AutoML as Estimator\n",
        "match 1:\n    case 1:\n        from sagemaker import AutoML as Estimator\n",
        "try:\n    pass\nfinally:\n    from sagemaker import AutoML as Estimator\n",
    ],
)
def test_an_sdk_class_imported_under_another_name_is_followed(tmp_path: Path, imports: str) -> None:
    source = (
        imports
        + 'Estimator("r", "y", problem_type="Regression", job_objective={"MetricName": "AUC"})\n'
    )
    line = source.count("\n")
    assert (line, 77, "metric-not-allowed") in _check(tmp_path, source)


def test_a_module_alias_is_followed(tmp_path: Path) -> None:
    source = (
        "import sagemaker as sm\n"
        'sm.AutoML("r", "y", problem_type="Regression", job_objective={"MetricName": "AUC"})\n'
    )
    assert (2, 77, "metric-not-allowed") in _check(tmp_path, source)


def test_session_methods_are_read_positionally(tmp_path: Path) -> None:
    source = (
        "session.auto_ml(inputs, outputs, config, role, 'job',\n"
        "    problem_type='Regression', job_objective={'Type': 't', 'MetricName': 'MSE'},\n"
        "    tags=['tag'])\n"
        "session.create_auto_ml_v2(inputs, 'job',"
        " {'TabularJobConfig': {'TargetAttributeName': 'y',\n"
        "    'ProblemType': 'Regression'}}, outputs, job_objective={'MetricName': 'AUC'})\n"
        "session.auto_ml(x)\n"  # not the SDK's Session.auto_ml: it takes three at least
    )
    assert _check(tmp_path, source) == [
        (2, 47, "unknown-member"),  # Type
        (3, 11, "invalid-type"),  # a tag is an object
        (5, 74, "metric-not-allowed"),
    ]


_AIRFLOW = (
    "from airflow.providers.amazon.aws.operators.sagemaker import SageMakerAutoMLOperator\n"
    "SageMakerAutoMLOperator(\n"
    '    task_id="automl",\n'
    '    job_name="{{ ds_nodash }}-automl",\n'
    '    s3_input="s3://bucket/in",\n'
    '    target_attribute="y",\n'
    '    s3_output="s3://bucket/out",\n'
    '    role_arn="{{ var.value.role }}",\n'
    "    time_limit=3600,\n"
    "    {extras}\n"
    ")\n"
)


def test_the_airflow_operator_is_a_v1_request_with_jinja_strings_dynamic() -> None:
    [request] = _requests(_AIRFLOW.replace("{extras}", ""))
    assert request == {
        "AutoMLJobName": DYNAMIC,
        "InputDataConfig": [
            {
                "DataSource": {
                    "S3DataSource": {"S3Uri": "s3://bucket/in", "S3DataType": "S3Prefix"}
                },
                "TargetAttributeName": "y",
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/out"},
        "RoleArn": DYNAMIC,
        "AutoMLJobConfig": {"CompletionCriteria": {"MaxAutoMLJobRuntimeInSeconds": 3600}},
    }


def test_airflow_extras_replace_top_level_members_whole() -> None:
    # as the hook's params.update(extras): time_limit's AutoMLJobConfig is gone
    source = _AIRFLOW.replace("{extras}", 'extras={"AutoMLJobConfig": {"Mode": "ENSEMBLING"}},')
    [request] = _requests(source)
    assert request["AutoMLJobConfig"] == {"Mode": "ENSEMBLING"}
    [spread] = _requests(_AIRFLOW.replace("{extras}", "extras=more,"))
    assert isinstance(spread, OpenObject) and spread["RoleArn"] is DYNAMIC


def test_airflow_extras_are_checked(tmp_path: Path) -> None:
    source = _AIRFLOW.replace(
        "{extras}",
        'extras={"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC"}},',
    )
    assert _check(tmp_path, source) == [(10, 79, "metric-not-allowed")]


def test_the_airflow_operator_takes_keywords_only(tmp_path: Path) -> None:
    source = _AIRFLOW.replace("{extras}", "").replace('    task_id="automl",\n', '    "automl",\n')
    assert (3, 5, "unknown-member") in _check(tmp_path, source)


_PARAMETERS = (
    "from sagemaker.workflow.parameters import ParameterString\n"
    'objective = ParameterString(name="ObjectiveMetric", default_value="Accuracy",\n'
    '    enum_values=["Accuracy", "MSE", "F1"])\n'
    'problem = ParameterString("ProblemType", "Regression")\n'
    'unset = ParameterString("Other")\n'
    f'AutoML("{ROLE}", "y", problem_type=problem, job_objective={{"MetricName": objective}})\n'
    f'AutoML("{ROLE}", "y", problem_type="Regression", job_objective={{"MetricName": unset}})\n'
)


def test_a_pipeline_parameter_is_checked_at_its_default_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "pipeline.py"
    path.write_text(_PARAMETERS, encoding="utf-8")
    findings = validate_file(path).findings
    # at the use; each enum value checked too; no default: known only at run time
    assert [(f.line, f.column, f.code) for f in findings] == [
        (6, 105, "metric-not-allowed"),
        (6, 105, "metric-not-allowed"),
    ]
    default, enum = findings
    assert default.message.startswith("MetricName 'Accuracy' is not allowed")
    assert default.message.endswith(
        "(the default of pipeline parameter 'ObjectiveMetric', line 2;"
        " the default of pipeline parameter 'ProblemType', line 4)"
    )
    assert enum.message.startswith("MetricName 'F1' is not allowed")
    assert enum.message.endswith(
        "('F1', one of the enum_values of pipeline parameter 'ObjectiveMetric', line 2)"
    )


def test_the_estimators_session_is_no_part_of_what_it_holds(tmp_path: Path) -> None:
    # the session's methods (a mock's, in tests) change none of the request's values
    source = (
        'objective = {"MetricName": "AUC"}\n'
        f'automl = AutoML("{ROLE}", "y", sagemaker_session=session,\n'
        '    problem_type="Regression", job_objective=objective)\n'
        "session.upload_data(path)\n"
        'automl.fit("s3://b/in", job_name="j")\n'
    )
    assert _check(tmp_path, source) == [(1, 28, "metric-not-allowed")]


def test_an_endpoint_name_is_sent_only_when_none_is_generated() -> None:
    source = (
        'AutoML("r", "y", auto_generate_endpoint_name=True, endpoint_name="ep")\n'
        'AutoML("r", "y", auto_generate_endpoint_name=False, endpoint_name="")\n'
    )
    generated, named = _requests(source)
    assert generated["ModelDeployConfig"] == {"AutoGenerateEndpointName": True}
    # an empty name is sent as it is (AWS refuses it)
    assert named["ModelDeployConfig"] == {"AutoGenerateEndpointName": False, "EndpointName": ""}
