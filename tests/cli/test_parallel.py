"""Large runs: worker processes keep the output order, and the quick check stays a shortcut."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import check_sources
from automl_objective.check.results import FileResult
from automl_objective.inputs.discovery import discover
from automl_objective.runner import PARALLEL_THRESHOLD
from tests.support.fixture_cases import cases
from tests.support.paths import FIXTURES


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough copies of the fixtures to cross the parallel threshold."""
    root = tmp_path_factory.mktemp("many")
    sources = [c.path for c in cases()]
    for index in range(PARALLEL_THRESHOLD + 37):
        source = sources[index % len(sources)]
        shutil.copy(source, root / f"{index:05d}{source.suffix}")
    return root


def test_jobs_keep_order_and_results(many_files: Path) -> None:
    sources = discover([str(many_files)])
    assert len(sources) > PARALLEL_THRESHOLD
    serial = check_sources(sources, jobs=1)
    parallel = check_sources(sources, jobs=2)
    assert [r.as_dict() for r in parallel] == [r.as_dict() for r in serial]
    assert [r.kind for r in parallel] == [r.kind for r in serial]
    assert any(not r.valid for r in parallel) and any(r.valid for r in parallel)


def test_version_control_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.json").write_text("{}")
    (tmp_path / "node_modules" / "pkg").mkdir(parents=True)
    (tmp_path / "node_modules" / "pkg" / "package.json").write_text("{}")
    shutil.copy(FIXTURES / "valid" / "objective-f1.json", tmp_path / "job.json")
    assert [Path(s.display).name for s in discover([str(tmp_path)])] == ["job.json"]


def test_many_named_paths_are_told_apart_without_a_stat_each(tmp_path: Path) -> None:
    from automl_objective.inputs.discovery import DiscoveryError

    names = []
    for index in range(100):
        shutil.copy(FIXTURES / "valid" / "objective-f1.json", tmp_path / f"{index:03d}.json")
        names.append(str(tmp_path / f"{index:03d}.json"))
    folder = tmp_path / "folder.json"  # a directory named like a file
    folder.mkdir()
    shutil.copy(FIXTURES / "valid" / "objective-f1.json", folder / "inner.json")
    (tmp_path / "link.json").symlink_to(folder)
    found = [s.display for s in discover([*names, str(folder), str(tmp_path / "link.json")])]
    assert found[:100] == names
    assert found[100:] == [str(folder / "inner.json"), str(tmp_path / "link.json" / "inner.json")]
    missing = str(tmp_path / "missing.json")  # a file to check: an unreadable finding
    assert discover([*names, missing])[-1].display == missing
    with pytest.raises(DiscoveryError, match="not a usable path"):
        discover([*names, "\0"])


def test_related_places_and_placeholders_come_back_from_the_workers(tmp_path: Path) -> None:
    from tests.support.paths import CODE

    for index in range(PARALLEL_THRESHOLD + 3):
        shutil.copy(CODE / "shared_values.py", tmp_path / f"{index:05d}.py")
    (tmp_path / "zz.json").write_text('{"AutoMLJobName": "$NAME", "MetricName": "F1"}')
    sources = discover([str(tmp_path)])
    serial = check_sources(sources, jobs=1)
    parallel = check_sources(sources, jobs=2, placeholders="report")
    assert parallel == serial
    assert any(f.related for f in parallel[0].findings)
    assert {f.code for f in parallel[-1].findings} >= {"placeholder"}


def test_a_split_run_is_digested_in_its_workers(many_files: Path) -> None:
    """digest_sources hands each range of files to the digest in the worker that checked it:
    what comes back is the digest's value, in the files' order, made of the results a
    serial run gives."""
    import os

    from automl_objective.api import digest_sources

    sources = discover([str(many_files)])
    serial = [r.as_dict() for r in check_sources(sources, jobs=1)]

    def where(chunk: object, results: list[FileResult]) -> tuple[int, list[dict[str, object]]]:
        return os.getpid(), [r.as_dict() for r in results]

    parallel = digest_sources(sources, where, jobs=2)
    assert len(parallel) > 2
    assert os.getpid() not in {pid for pid, _ in parallel}
    assert [result for _, part in parallel for result in part] == serial
    (alone,) = digest_sources(sources, where, jobs=1)
    assert alone == (os.getpid(), serial)


@pytest.mark.parametrize("format", ["text", "github"])
def test_a_split_run_reports_what_a_serial_run_does(
    many_files: Path, capsys: pytest.CaptureFixture[str], format: str
) -> None:
    """The lines of a format of each file's lines are made in the workers (their findings
    never travel): the report, the summary (a skipped file counted) and the exit status are
    the serial run's (the fixtures' documents of no known kind skipped)."""
    from automl_objective.cli import main

    paths = [str(many_files)]
    reports = []
    for jobs in ("1", "2"):
        status = main(["validate", "--skip-unknown", "--format", format, "--jobs", jobs, *paths])
        reports.append((status, capsys.readouterr().out))
    assert reports[0] == reports[1]
    assert reports[0][0] == 1
    assert "skipped as none of the known kinds" in reports[0][1].splitlines()[-1]


def test_every_field_of_a_finding_comes_back_from_a_worker() -> None:
    """Each field of a finding and of a related place, given a value of its own, survives the
    trip from a worker (a plain tuple, pickled through a pipe): a field added to either record
    is carried with it, never forgotten in the runner."""
    import dataclasses
    import pickle

    from automl_objective.base.finding import Finding, Related
    from automl_objective.runner import _fields, _finding

    def own_values(record: type, prefix: str) -> dict[str, Any]:
        return {f.name: f"{prefix}{f.name}" for f in dataclasses.fields(record)}

    places = (Related(**own_values(Related, "first ")), Related(**own_values(Related, "next ")))
    findings = [
        Finding(**own_values(Finding, "") | {"related": places}),
        Finding(**own_values(Finding, "") | {"related": ()}),  # most findings: none
    ]
    for finding in findings:
        back = _finding(pickle.loads(pickle.dumps(_fields(finding))))
        assert back == finding
