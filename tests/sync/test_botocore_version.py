"""The botocore version generated/ was rendered from: recorded, equal to the pin, and an older
botocore refused by `sync --write` and `generate` (unless --allow-downgrade)."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import botocore
import pytest

from automl_objective.cli import main
from automl_objective_codegen.versions import recorded_version, version_key
from tests.support.botocore_models import drifted, use_model
from tests.support.paths import ROOT

GENERATED = ROOT / "generated"
INDEX = Path("automl_objective_generated") / "aws" / "kinds.json"


def pinned_botocore() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    [pin] = [r for r in project["optional-dependencies"]["codegen"] if r.startswith("botocore")]
    match = re.fullmatch(r"botocore==([\w.]+)", pin)
    assert match, f"the codegen extra pins botocore exactly, not {pin!r}"
    return match.group(1)


def test_generated_records_the_pinned_botocore_it_was_rendered_from() -> None:
    assert recorded_version(GENERATED) == pinned_botocore() == botocore.__version__


def test_versions_compare_as_numbers() -> None:
    assert version_key("1.44.10") > version_key("1.44.9") > version_key("1.29.100")


def _tree_from(tmp_path: Path, version: str) -> Path:
    """A copy of generated/ that says it was rendered from botocore ``version``."""
    output = tmp_path / "generated"
    shutil.copytree(GENERATED, output)
    index = output / INDEX
    data = json.loads(index.read_text())
    data["botocore_version"] = version
    index.write_text(json.dumps(data, indent=2) + "\n")
    return output


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


NEWER = "99.0.0"


def test_sync_write_with_an_older_botocore_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = _tree_from(tmp_path, NEWER)
    use_model(monkeypatch, tmp_path, drifted(service_model))
    before = schema_copy.read_bytes()
    args = ["sync", "--from-botocore", "--schema", str(schema_copy), "--output", str(output)]
    code, out, err = _run(capsys, *args, "--write")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "botocore version mismatch" in err and "--allow-downgrade" in err
    assert f"botocore {botocore.__version__} is installed" in err and f"botocore {NEWER}" in err
    assert schema_copy.read_bytes() == before
    # Without --write it reports the drift and says the versions differ.
    code, out, err = _run(capsys, *args)
    assert code == 1 and "botocore version mismatch" in err
    # --allow-downgrade writes.
    assert _run(capsys, *args, "--write", "--allow-downgrade")[0] == 0
    assert schema_copy.read_bytes() != before


def test_generate_with_an_older_botocore_is_refused(
    in_repo_schema: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = _tree_from(tmp_path, NEWER)
    args = ["generate", "--schema", str(in_repo_schema), "--output", str(output)]
    code, _, err = _run(capsys, *args)
    assert code == 2 and "botocore version mismatch" in err and "--allow-downgrade" in err
    assert recorded_version(output) == NEWER  # nothing written
    code, _, err = _run(capsys, *args, "--allow-downgrade")
    assert code == 0, err
    assert recorded_version(output) == botocore.__version__


@pytest.mark.parametrize("version", ["0.0.1", NEWER])
def test_check_with_another_botocore_says_mismatch_not_stale(
    in_repo_schema: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str
) -> None:
    output = _tree_from(tmp_path, version)
    code, out, err = _run(
        capsys, "generate", "--check", "--schema", str(in_repo_schema), "--output", str(output)
    )
    assert code == 2 and out == ""
    assert err.startswith("automl-objective: botocore version mismatch: ")
    assert "stale" not in err and f"botocore {version}" in err


@pytest.fixture
def in_repo_schema() -> Path:
    return ROOT / "schema" / "automl_job_objective.schema.json"
