"""One file-naming convention for request files, as the editor catalog states it: a whole
request is named after the AWS CLI command whose --cli-input-json / --cli-input-yaml it is
(`*.create-auto-ml-job.json`, `*.create-auto-ml-job-v2.yaml`), an objective or a fragment
`*.automl-objective.json`; each in JSON, YAML and YML."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase
from typing import Any

import pytest

from tests.support.paths import ROOT

CATALOG = ROOT / "generated" / "schema" / "catalog.json"
# The lead's decision (the convention), by the schema each kind of file gets.
CONVENTION = {
    "./automl_job_objective.bundled.schema.json": "automl-objective",
    "./create-auto-ml-job-request.bundled.schema.json": "create-auto-ml-job",
    "./create-auto-ml-job-v2-request.bundled.schema.json": "create-auto-ml-job-v2",
}


def catalog_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(CATALOG.read_text("utf-8"))["schemas"]
    return entries


def test_the_catalog_matches_files_by_the_convention() -> None:
    found = {entry["url"]: entry["fileMatch"] for entry in catalog_entries()}
    assert found == {
        url: [f"*.{suffix}.{extension}" for extension in ("json", "yaml", "yml")]
        for url, suffix in CONVENTION.items()
    }


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("churn.create-auto-ml-job-v2.json", "./create-auto-ml-job-v2-request.bundled.schema.json"),
        ("jobs/churn.create-auto-ml-job.yml", "./create-auto-ml-job-request.bundled.schema.json"),
        ("ranking.automl-objective.yaml", "./automl_job_objective.bundled.schema.json"),
        ("sagemaker/job.json", None),
        ("create-auto-ml-job.json", None),
        ("a.create-auto-ml-job.json.bak", None),
    ],
)
def test_each_file_gets_at_most_one_schema(name: str, url: str | None) -> None:
    """The patterns do not overlap (V1's suffix is not a prefix match of V2's), and a name
    outside the convention gets none."""
    basename = name.rsplit("/", 1)[-1]
    matched = [
        entry["url"]
        for entry in catalog_entries()
        if any(fnmatchcase(basename, pattern) for pattern in entry["fileMatch"])
    ]
    assert matched == ([] if url is None else [url])


def test_the_pre_commit_hook_reads_by_default_the_files_the_catalog_names() -> None:
    """The request documents' kind states the convention the hook's default `files` follows
    (.pre-commit-hooks.yaml is held to it by tests/end_to_end/test_precommit.py): the same names."""
    from automl_objective.inputs.request_files import KIND

    named = {pattern for entry in catalog_entries() for pattern in entry["fileMatch"]}
    assert KIND.hook_globs is not None and set(KIND.hook_globs) == named
