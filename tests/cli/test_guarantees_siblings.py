"""Siblings of issue #9's cases that an independent attack on the fixes found: each failed
before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from automl_objective import api
from automl_objective.api import validate_data, validate_file
from automl_objective.check.checker import validate_document
from tests.support.processes import cli_command, shell


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize("words", [["--help"], ["--version"], ["validate", "--help"]])
def test_help_and_version_into_a_full_or_closed_stdout_exit_2(
    words: list[str], unbuffered: str
) -> None:
    """argparse ignores a failed write of its own help; with PYTHONUNBUFFERED (set on this
    machine) `--help >/dev/full` exited 0 with nothing shown."""
    prefix = f"PYTHONUNBUFFERED={unbuffered} "
    full = shell(prefix + cli_command(*words) + " >/dev/full")
    assert full.returncode == 2
    assert full.stderr == (
        "automl-objective: error: cannot write the results: No space left on device\n"
    )
    closed = shell(prefix + cli_command(*words) + " >&-")
    assert closed.returncode == 2 and closed.stderr.count("\n") == 1
    assert shell(prefix + cli_command(*words) + " >/dev/null").returncode == 0


def test_a_number_too_large_for_a_double_is_cut_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"MetricName": "F1", "x": 1e' + "9" * 200_000 + "}")
    (finding,) = validate_file(path).findings
    assert finding.code == "parse-error"
    assert len(finding.message) < 200
    assert "(200,002 characters)" in finding.message


@pytest.mark.parametrize("key", [None, 1, True, 2.5])
def test_data_with_a_key_that_is_not_a_string_is_a_type_error(key: object) -> None:
    """json.dumps would turn 1 into "1" and so hide a duplicate of a "1" beside it."""
    with pytest.raises(TypeError, match=r"data at /: a key of type .*; member names are strings"):
        validate_data({"MetricName": "F1", key: 1})


def test_validate_document_refuses_what_is_not_a_document() -> None:
    with pytest.raises(TypeError, match="document must be a parsed Document, not NoneType"):
        validate_document(None)  # type: ignore[arg-type]


def test_the_api_module_offers_no_unchecked_resolver() -> None:
    """resolve_objective (no argument checks: a bare KeyError on odd data) was importable
    from the API module by accident; resolve_file and resolve_source are the checked ones."""
    assert not hasattr(api, "resolve_objective")
    assert not hasattr(api, "validate_document")
    assert {"resolve_file", "resolve_source"} <= set(api.__all__)
