"""Figures behind the table, measured in process or against other yardsticks: what one
document costs (parsing, the compiled checks, explaining), that explaining ten thousand
findings stays linear, ``generate --check`` against datamodel-codegen alone, and how the wall
time scales with the number of files."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.corpora import build_documents, build_findings_heavy
from benchmarks.timing import ENV, median_wall, rounds
from benchmarks.tools import BIN, OURS

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "automl_job_objective.schema.json"


def _timed(run: Callable[[], object], count: int) -> float:
    """Microseconds per item of one call of ``run`` over ``count`` items."""
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) / max(count, 1) * 1e6


def per_document(folder: Path, names: list[str]) -> list[str]:
    """In-process costs per document: reading and parsing, the compiled checks passing a
    clean document, and explaining one they do not pass."""
    from automl_objective.check.checker import default_checker
    from automl_objective.inputs.syntax import load_path

    paths = [str(folder / name) for name in names]
    checker = default_checker()
    documents = [load_path(path) for path in paths]
    clean = [d for d in documents if checker.clean_result(d) is not None]
    unclean = [d for d in documents if checker.clean_result(d) is None]
    for document in unclean[:20]:  # build the validators before timing
        checker.validate(document)
    plain = [path for path in paths if path.endswith(".json")]
    floor = _timed(lambda: [json.loads(Path(path).read_bytes()) for path in plain], len(plain))
    load = _timed(lambda: [load_path(path) for path in paths], len(paths))
    quick = _timed(lambda: [checker.clean_result(d) for d in clean], len(clean))
    explain = _timed(lambda: [checker.validate(d) for d in unclean], len(unclean))
    share = len(unclean) / max(len(documents), 1)
    return [
        f"- read + json.loads, JSON files only: {floor:6.1f} us a file",
        f"- read + strict parse (ours), JSON and YAML: {load:6.1f} us a file",
        f"- compiled checks, clean document: {quick:6.1f} us",
        f"- explaining an invalid one: {explain:6.1f} us ({share:.0%} of the corpus: "
        f"{explain * share:.1f} us a document on average)",
    ]


def findings_heavy(folder: Path, count: int) -> list[str]:
    """One request with ``count`` findings, checked in process at two sizes: locating and
    sorting out findings must cost linear time, not quadratic."""
    from automl_objective.check.checker import default_checker
    from automl_objective.inputs.syntax import load_path

    checker = default_checker()
    lines = []
    for size in sorted({max(1, count // 10), count}):
        (name,) = build_findings_heavy(folder / f"heavy-{size}", size, megabytes=0)
        path = folder / f"heavy-{size}" / name
        document = load_path(path)
        start = time.perf_counter()
        result = checker.validate(document)
        wall = (time.perf_counter() - start) * 1000
        lines.append(
            f"- a findings-heavy request ({path.stat().st_size / 1024:,.0f} KB), "
            f"{len(result.findings):,} findings: {wall:,.0f} ms "
            f"({wall / max(len(result.findings), 1) * 1000:.0f} us a finding)"
        )
    return lines


def generate_check(work: Path, repeats: int) -> list[str]:
    """``generate --check`` against datamodel-codegen alone on the same schema."""
    runs = rounds(
        {
            "generate --check": [str(BIN / OURS), "generate", "--check"],
            "datamodel-codegen alone": [
                str(BIN / "datamodel-codegen"),
                *("--input", str(SCHEMA), "--input-file-type", "jsonschema"),
                *("--output-model-type", "pydantic_v2.BaseModel", "--formatters", "builtin"),
                *("--output", str(work / "dmcg.py")),
            ],
        },
        ROOT,
        repeats,
    )
    ours, alone = (median_wall(r) for r in runs.values())
    return [
        f"- `generate --check` {ours * 1000:,.0f} ms, datamodel-codegen alone "
        f"{alone * 1000:,.0f} ms: {ours / alone:.2f}x (target at most 2x)"
    ]


def scaling(work: Path, sizes: list[int], repeats: int) -> Iterator[str]:
    """Wall time T(n) for n files, with and without workers; linear means the marginal cost
    per file stays flat between sizes (the start-up is paid once)."""
    previous: tuple[int, float] | None = None
    folder = work
    for size in sizes:
        folder = work / f"scale{size}"
        build_documents(folder, size)
        runs = rounds(
            {
                "auto": [str(BIN / OURS), "validate", "d"],
                "one": [str(BIN / OURS), "validate", "--jobs", "1", "d"],
            },
            folder,
            repeats,
        )
        wall = median_wall(runs["auto"])
        marginal = ""
        if previous is not None:
            per_file = (wall - previous[1]) / (size - previous[0]) * 1e6
            marginal = f", marginal {per_file:5.1f} us/file"
        yield (
            f"- {size:>6} files: {wall * 1000:8.1f} ms (--jobs 1: "
            f"{median_wall(runs['one']) * 1000:8.1f} ms){marginal}"
        )
        previous = (size, wall)
    yield f"- output with --jobs 1 and --jobs {os.cpu_count()} identical: {_same_output(folder)}"


def _same_output(folder: Path) -> bool:
    outputs: list[Any] = []
    for jobs in ("1", str(os.cpu_count() or 1)):
        done = subprocess.run(
            [str(BIN / OURS), "validate", "--format", "json", "--jobs", jobs, "d"],
            cwd=folder,
            env=ENV,
            capture_output=True,
            check=False,
        )
        outputs.append(done.stdout)
    return bool(outputs[0] == outputs[1])
