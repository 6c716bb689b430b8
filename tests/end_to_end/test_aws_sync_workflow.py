"""The scheduled AWS sync workflow: valid for GitHub Actions, and its run steps (the pip steps
excepted: they reach the network) pass here against the installed botocore."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import botocore
import pytest
import yaml
from jsonschema import Draft7Validator, validators

from tests.support.ci import vendored_schema
from tests.support.paths import ROOT, copy_project

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

WORKFLOW = ROOT / ".github" / "workflows" / "aws-sync.yml"
MODEL = Path(botocore.__file__).parent / "data" / "sagemaker" / "2017-07-24" / "service-2.json.gz"


def workflow() -> dict[str, Any]:
    # As GitHub reads it: YAML 1.2, where `on` is a key, not PyYAML's boolean.
    document: dict[str, Any] = yaml.load(WORKFLOW.read_text("utf-8"), Loader=yaml.BaseLoader)
    return document


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"]["aws-sync"]["steps"]
    return found


def test_the_workflow_matches_githubs_schema() -> None:
    schema = vendored_schema("github-workflows.json")
    cls = validators.validator_for(schema, default=Draft7Validator)
    assert list(cls(schema).iter_errors(workflow())) == []


def test_it_runs_weekly_and_on_demand_and_opens_a_draft_pull_request() -> None:
    triggers = workflow()["on"]
    assert "workflow_dispatch" in triggers
    [schedule] = triggers["schedule"]
    assert schedule["cron"].split()[2:] == ["*", "*", "1"]  # every Monday
    [pull] = [s for s in steps() if s.get("uses", "").startswith("peter-evans/create-pull-")]
    assert pull["uses"] == "peter-evans/create-pull-request@v7"  # pinned by version
    assert pull["with"]["draft"] == "true"
    assert pull["with"]["body-path"] == "${{ runner.temp }}/aws-sync.md"
    assert set(pull["with"]["add-paths"].split()) == {
        "schema/",
        "generated/",
        "README.md",
        "pyproject.toml",
    }
    names = [s.get("run", "") for s in steps()]
    assert any("pip install --upgrade botocore" in run for run in names)


def test_generated_files_are_marked_generated() -> None:
    lines = (ROOT / ".gitattributes").read_text().splitlines()
    assert "generated/** linguist-generated=true" in lines


def _local_steps() -> list[tuple[str, str, str | None]]:
    """(name, script, condition) of each run step but the pip ones."""
    return [
        (s.get("name", ""), s["run"], s.get("if"))
        for s in steps()
        if "run" in s and "pip install" not in s["run"]
    ]


def _play(
    project: Path, tmp_path: Path, env_extra: dict[str, str], failing: str = ""
) -> tuple[str, dict[str, str]]:
    """Run the workflow's local steps in ``project`` as Actions would (bash -e); the body the
    pull request would get, and the step outputs. Only the step named ``failing`` fails
    (its output is then appended to the outputs as ``failed``)."""
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    outputs = tmp_path / "github-output"
    env = {
        **os.environ,
        **env_extra,
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(outputs),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    for name, script, condition in _local_steps():
        said = (
            dict(line.split("=", 1) for line in outputs.read_text().splitlines() if "=" in line)
            if outputs.exists()
            else {}
        )
        if condition == "steps.sync.outputs.status == '1'" and said.get("status") != "1":
            continue
        assert condition is None or condition.startswith("steps.sync."), condition
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", script],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == (1 if name == failing else 0), (
            f"{name}\n{done.stdout}{done.stderr}"
        )
        if name == failing:
            failed = done.stdout
    said = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    if failing:
        said["failed"] = failed
    return (temp / "aws-sync.md").read_text(), said


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    copy_project(copy)
    return copy


def test_with_the_pinned_botocore_nothing_changes(project: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    body, said = _play(project, tmp_path, {})
    assert said["status"] == "0"
    assert "No drift." in body
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before


def test_a_new_metric_gives_a_body_listing_the_drift_and_what_is_left(
    project: Path, tmp_path: Path
) -> None:
    model: dict[str, Any] = json.loads(gzip.decompress(MODEL.read_bytes()))
    model["shapes"]["AutoMLMetricEnum"]["enum"].append("ZzNewMetric")
    folder = tmp_path / "models" / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    pyproject = project / "pyproject.toml"
    pin = f'"botocore=={botocore.__version__}"'
    assert pin in pyproject.read_text()
    pyproject.write_text(pyproject.read_text().replace(pin, '"botocore==1.0.0"'))
    body, said = _play(project, tmp_path, {"AWS_DATA_PATH": str(tmp_path / "models")})
    assert said["status"] == "0"
    assert "- AutoMLMetricEnum: +`ZzNewMetric`" in body
    assert "- [ ] `/$defs/MetricName/x-metrics/ZzNewMetric/direction: placeholder`" in body
    assert "## generate refused" in body and "placeholder(s) left by sync" in body
    schema = json.loads((project / "schema" / "automl_job_objective.schema.json").read_text())
    assert "ZzNewMetric" in schema["$defs"]["MetricName"]["enum"]
    assert pin in pyproject.read_text() and "1.0.0" not in pyproject.read_text()  # bumped


def _use_model(tmp_path: Path, model: dict[str, Any]) -> dict[str, str]:
    folder = tmp_path / "models" / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    return {"AWS_DATA_PATH": str(tmp_path / "models")}


def _reworded(model: dict[str, Any]) -> dict[str, Any]:
    """AWS's MetricName documentation rewritten as botocore 1.29.100 had it: a definition
    list of metrics, no per-problem-type list."""
    changed: dict[str, Any] = json.loads(json.dumps(model))
    metrics = changed["shapes"]["AutoMLMetricEnum"]["enum"]
    member = changed["shapes"]["AutoMLJobObjective"]["members"]["MetricName"]
    member["documentation"] = "<dl>" + "".join(f"<dt>{m}</dt><dd>...</dd>" for m in metrics)
    return changed


UNREAD = "## AWS's documentation of `AutoMLJobObjective.MetricName` could not be read"


def test_reworded_documentation_still_reports_the_values_and_says_it_was_not_read(
    project: Path, tmp_path: Path
) -> None:
    model = _reworded(json.loads(gzip.decompress(MODEL.read_bytes())))
    model["shapes"]["AutoMLMetricEnum"]["enum"].append("ZzNewMetric")
    body, said = _play(project, tmp_path, _use_model(tmp_path, model))
    assert said["status"] == "0"  # written: a draft pull request carries the rest
    assert "- AutoMLMetricEnum: +`ZzNewMetric`" in body
    assert UNREAD in body
    assert "- [ ] `read AWS's documentation by hand for each problem type's" in body
    schema = json.loads((project / "schema" / "automl_job_objective.schema.json").read_text())
    assert "ZzNewMetric" in schema["$defs"]["MetricName"]["enum"]


def test_reworded_documentation_alone_fails_the_run_with_the_body(
    project: Path, tmp_path: Path
) -> None:
    model = _reworded(json.loads(gzip.decompress(MODEL.read_bytes())))
    failing = "Fail on drift sync could not write (AWS's documentation differs, or cannot be read)"
    assert failing in [name for name, _, _ in _local_steps()]
    body, said = _play(project, tmp_path, _use_model(tmp_path, model), failing=failing)
    assert said["status"] == "1"  # nothing to write: no pull request, a red run instead
    assert UNREAD in body and UNREAD in said["failed"]
    assert "## Values" not in body
