"""api.check_text judges a document's text exactly as validate_file judges the same file:
an editor's buffer gets the findings the CLI would print for it once saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from automl_objective.api import check_text, validate_file
from tests.support.paths import ROOT

SUFFIXES = (".json", ".yaml", ".yml", ".py", ".ipynb")
FILES = sorted(
    path
    for folder in (ROOT / "tests" / "fixtures", ROOT / "tests" / "bad_inputs", ROOT / "examples")
    for path in folder.rglob("*")
    if path.suffix in SUFFIXES and path.is_file()
)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_check_text_finds_what_validate_file_finds(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")  # as an editor holds it: the BOM dropped
    name = str(path)
    assert check_text(text, name) == validate_file(name)


def test_files_of_every_kind_are_compared() -> None:
    assert {p.suffix for p in FILES} >= {".json", ".yaml", ".py", ".ipynb"}
    assert len(FILES) > 50


def test_the_name_decides_the_kind() -> None:
    code = (
        'sm.create_auto_ml_job(ProblemType="Regression", '
        'AutoMLJobObjective={"MetricName": "AUC"})\n'
    )
    as_python = check_text(code, "job.py")
    assert [f.code for f in as_python.findings if f.code == "metric-not-allowed"]
    as_yaml = check_text(code, "job.yaml")
    assert as_yaml.kind is None and as_yaml.findings[0].code != "metric-not-allowed"


@pytest.mark.parametrize(
    ("text", "path"), [(b"{}", "a.json"), ("{}", Path("a.json")), ("{}", None)]
)
def test_arguments_of_the_wrong_type_are_refused(text: object, path: object) -> None:
    with pytest.raises(TypeError):
        check_text(text, path)  # type: ignore[arg-type]


def test_skip_unknown_skips_what_check_sources_skips() -> None:
    unrelated = check_text('{"name": "my-package"}', "package.json", skip_unknown=True)
    assert unrelated.findings == [] and unrelated.skipped is not None
    broken = check_text('{"name": ', "package.json", skip_unknown=True)
    assert [f.code for f in broken.findings] == ["parse-error"]  # may be a broken request
    request = check_text('{"ProblemType": "Regresion"}', "job.json", skip_unknown=True)
    assert "unknown-problem-type" in [f.code for f in request.findings]


@pytest.mark.parametrize("mode", ["report", "dynamic"])
def test_placeholders_are_read_as_validate_file_reads_them(mode: str, tmp_path: Path) -> None:
    text = 'ProblemType: Regression\nAutoMLJobObjective: {MetricName: "${METRIC}"}\n'
    path = tmp_path / "templated.yaml"
    path.write_text(text, "utf-8")
    found = check_text(text, str(path), placeholders=mode)  # type: ignore[arg-type]
    assert found == validate_file(path, placeholders=mode)  # type: ignore[arg-type]
    assert ("placeholder" in [f.code for f in found.findings]) == (mode == "report")


def test_a_placeholders_mode_it_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="placeholders"):
        check_text("{}", "a.json", placeholders="finding")  # type: ignore[arg-type]
