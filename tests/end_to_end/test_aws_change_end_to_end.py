"""AWS adds a metric, played end to end on a copy of the project: a modified botocore model
(AWS_DATA_PATH) -> `sync --write` -> a person fills the three facts in the schema ->
`generate` -> the suite's fact-based checks pass on the copy with no other edit."""

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

from automl_objective.check.catalog import load_catalog
from tests.support.paths import copy_project

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

MODEL = Path(botocore.__file__).parent / "data" / "sagemaker" / "2017-07-24" / "service-2.json.gz"
NEW = "ZzNewMetric"  # made up: never a name AWS may really add
ACCEPTING = load_catalog().tabular_problem_types[0]
# The checks that read facts from the schema (or the oracle table), run against the copy.
FACT_BASED = [
    "tests/check/test_schema.py",
    "tests/check/test_rules.py",
    "tests/check/test_fixtures.py",
    "tests/generate/test_editor_schema.py",
    "tests/cli/test_cli.py::test_metrics_json",
    "tests/project/test_readme.py::test_rules_table_matches_the_schema",
    "tests/generate/test_generate.py::test_generated_tree_is_up_to_date",
    "tests/sync/test_sync.py::test_canonical_schema_has_no_open_placeholders",
]


# With AWS's documentation listing the new metric too, sync also writes its problem types,
# and the checks against AWS's documentation pass as well.
AGAINST_AWS = [
    "tests/sync/test_sync.py::test_installed_botocore_has_no_drift",
    "tests/sync/test_aws_docs.py::test_the_installed_documentation_agrees_with_the_schema",
]


def _only_for(problem_type: str) -> str:
    catalog = load_catalog()
    rule = catalog.problem_type(problem_type)
    return next(m for m in rule.allowed if catalog.problem_types_allowing(m) == (problem_type,))


def _model_with_new_metric(folder: Path, *, documented: bool) -> Path:
    model: dict[str, Any] = json.loads(gzip.decompress(MODEL.read_bytes()))
    model["shapes"]["AutoMLMetricEnum"]["enum"].append(NEW)
    if documented:
        member = model["shapes"]["AutoMLJobObjective"]["members"]["MetricName"]
        there = f"<code>{_only_for(ACCEPTING)}</code>"
        assert there in member["documentation"]
        member["documentation"] = member["documentation"].replace(
            there,
            f"{there}, <code>{NEW}</code>",
            1,  # the list; the defaults come later
        )
    target = folder / "sagemaker" / "2017-07-24"
    target.mkdir(parents=True)
    (target / "service-2.json").write_text(json.dumps(model))
    return folder


def _run(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize("documented", [False, True], ids=["undocumented", "documented"])
def test_a_new_metric_takes_sync_three_facts_and_generate(tmp_path: Path, documented: bool) -> None:
    project = tmp_path / "project"
    copy_project(project)
    models = _model_with_new_metric(tmp_path / "models", documented=documented)
    env = {
        **os.environ,
        "AWS_DATA_PATH": str(models),
        # The copy's generated package and tests, the installed runtime and generator.
        "PYTHONPATH": os.pathsep.join([str(project / "generated"), str(project)]),
    }
    cli = ["-m", "automl_objective"]

    synced = _run(project, env, *cli, "sync", "--from-botocore", "--write")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    facts = f"/$defs/MetricName/x-metrics/{NEW}"
    todo = [line for line in synced.stdout.splitlines() if line.startswith("  todo: ")]
    unplaced = (
        f"  todo: metric {NEW!r} is allowed for no problem type (add it to the enum of each "
        "/$defs/<ProblemType>MetricName that accepts it)"
    )
    expected = [
        f"  todo: {facts}/direction: placeholder",
        f"  todo: {facts}/description: placeholder",
    ]
    assert todo == (expected if documented else [*expected, unplaced])
    refused = _run(project, env, *cli, "generate", "--check")
    assert refused.returncode == 2 and f"{facts}/direction" in refused.stderr

    # The three facts, and nothing else.
    path = project / "schema" / "automl_job_objective.schema.json"
    schema = json.loads(path.read_text())
    schema["$defs"]["MetricName"]["x-metrics"][NEW].update(
        {"direction": "Minimize", "description": "A made-up metric AWS added in this test."}
    )
    enum = schema["$defs"][f"{ACCEPTING}MetricName"]["enum"]
    assert (NEW in enum) is documented  # from AWS's documentation, else the third fact
    if not documented:
        enum.append(NEW)
    path.write_text(json.dumps(schema, indent=2) + "\n")

    generated = _run(project, env, *cli, "generate")
    assert generated.returncode == 0, generated.stderr
    row = next(
        line
        for line in (project / "README.md").read_text().splitlines()
        if line.startswith(f"| {ACCEPTING} |")
    )
    assert NEW in row

    checks = [*FACT_BASED, *AGAINST_AWS] if documented else FACT_BASED
    suite = _run(project, env, "-m", "pytest", "-q", "-p", "no:cacheprovider", *checks)
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    assert " passed" in suite.stdout and "skipped" not in suite.stdout
    # The copy, not this checkout, was under test.
    probe = _run(project, env, "-c", "import automl_objective_generated as g; print(g.__file__)")
    assert probe.stdout.startswith(str(project)), probe.stdout + probe.stderr
