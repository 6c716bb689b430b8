"""The benchmark harness (benchmarks/): its combined schema judges as validate does, its
agreement check names a disagreement, its table reports the ratios it is given. Nothing here
is timed, and none of it needs the installed peers: the Python validators the one-process
driver runs are in the development install already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from automl_objective.inputs.syntax import load_path
from benchmarks.agreement import agreement_lines
from benchmarks.combined_schema import write_combined_schema
from benchmarks.corpora import build_code, build_documents, build_findings_heavy
from benchmarks.report import Row, goals, ratio_table
from benchmarks.timing import Measure
from benchmarks.tools import FLOOR, OURS, Corpus, floor, invalid_files, ours
from tests.support.paths import ROOT

HERE = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_combined_schema(tmp_path_factory.mktemp("schema") / "combined.json")


def small_corpora(folder: Path) -> list[Corpus]:
    mostly_valid = build_documents(folder / "a", 30, invalid=0.1, yaml_share=0.3)
    mostly_broken = build_documents(folder / "b", 30, invalid=0.7, yaml_share=0.3)
    heavy = build_findings_heavy(folder / "h", 50, megabytes=0.05)
    return [
        Corpus("10% invalid", folder / "a", mostly_valid),
        Corpus("70% invalid", folder / "b", mostly_broken),
        Corpus("findings", folder / "h", heavy),
    ]


def _driver_invalid(engine: str, corpus: Corpus, schema: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, str(HERE / "one_process.py"), engine, str(schema), str(corpus.list_file)],
        cwd=corpus.folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == (1 if done.stdout else 0), done.stderr
    return set(done.stdout.split())


def test_every_validator_agrees_with_validate_on_the_combined_schema(
    tmp_path: Path, schema: Path
) -> None:
    reference = Draft202012Validator(json.loads(schema.read_text()))
    for corpus in small_corpora(tmp_path):
        ours_invalid = invalid_files(ours(), corpus, schema)
        assert 0 < len(ours_invalid) <= len(corpus.names)
        theirs = {
            "python-jsonschema": {
                name
                for name in corpus.names
                if not reference.is_valid(load_path(corpus.folder / name).data)
            },
            "fastjsonschema": _driver_invalid("fastjsonschema", corpus, schema),
            "jsonschema-rs": _driver_invalid("jsonschema-rs", corpus, schema),
        }
        lines = agreement_lines(corpus, ours_invalid, theirs)
        assert lines == [
            f"- {corpus.key}: all 3 peers agree on every file "
            f"({len(ours_invalid)} of {len(corpus.names)} file"
            f"{'s' if len(corpus.names) > 1 else ''} invalid)"
        ]


def test_the_agreement_check_names_each_file_judged_differently(tmp_path: Path) -> None:
    names = build_documents(tmp_path, 4)
    corpus = Corpus("tiny", tmp_path, names)
    lines = agreement_lines(corpus, {names[1]}, {"lenient": set(), "same": {names[1]}})
    assert lines == [
        f"- tiny: lenient DISAGREES on 1 file of 4: {names[1]} (automl-objective invalid)",
        "- tiny: same agrees on every file (1 of 4 files invalid)",
    ]
    assert agreement_lines(corpus, {names[1]}, {}) == [
        "- tiny: automl-objective alone (1 of 4 files invalid)"
    ]


def test_the_floor_parses_every_file_of_every_corpus(tmp_path: Path, schema: Path) -> None:
    code = Corpus("code", tmp_path / "e", build_code(tmp_path / "e", 6, notebooks=2))
    for corpus in [*small_corpora(tmp_path), code]:
        done = subprocess.run(floor().command(corpus, schema), cwd=corpus.folder, check=False)
        assert done.returncode == 0, corpus.key


def runs(*walls: float, rss: float = 10.0) -> list[Measure]:
    return [Measure(wall, rss, 0) for wall in walls]


def test_the_table_reports_ours_over_each_tool_round_by_round() -> None:
    row = Row(
        "corpus A",
        {
            OURS: runs(1.0, 2.0, 3.0, rss=30.0),
            "peer": runs(2.0, 8.0, 4.0),
            FLOOR: runs(0.5, 1.0, 1.0, rss=12.5),
        },
        first_error_only={"peer"},
        floor_goal=1.5,
    )
    table = ratio_table([row], ["peer", "absent"])
    assert table == [
        f"| corpus | peer | absent | {FLOOR} | peak memory, ours vs floor |",
        "| --- | --- | --- | --- | --- |",
        "| corpus A | 0.50x (first error only) | — | 2.00x (2.00 to 3.00) "
        "| +17.5 MiB (30.0 vs 12.5) |",
    ]
    assert goals([row], ["peer", "absent"]) == [
        "- corpus A: ahead of every peer: met",
        "- corpus A: 2.00x the floor (goal: at most 1.5x): **not met**",
        "- corpus A: peak memory +17.5 MiB over the floor's (goal: at most +20 MiB): met",
    ]


@pytest.mark.parametrize("module", ["benchmarks.instructions", "benchmarks.run"])
def test_each_benchmark_command_says_its_help(module: str) -> None:
    """``--help`` prints the usage and exits 0 (a help text holding ``%`` unescaped, as
    the case names ``10%`` and ``70%`` do, is argparse's ValueError)."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("usage:")
