"""Whole-process figures of commands run in turn: wall time, peak memory, exit code.

Each command is timed from outside, start-up included, through GNU time (``/usr/bin/time``),
which also gives the peak memory. The commands run round after round in the same order
(A B C ... A B C ...), after a warm-up round that is not counted, so that a ratio can be
taken round by round: pairing keeps a ratio meaningful while the machine's speed drifts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"
# Every tool runs in the same environment: byte-compiled modules are kept, as after a pip
# install, so that no tool pays for compiling its own modules on each run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Measure:
    wall: float
    """seconds"""
    rss_mib: float
    """peak resident memory of the largest process, MiB"""
    code: int


def measure(command: Sequence[str], cwd: Path) -> Measure:
    """Wall time, peak RSS and exit code of one run, its output thrown away.

    The peak comes from GNU time, which forks the tool from its own small process: a child
    spawned straight from this harness reports the harness's own peak (Linux keeps the
    memory high-water mark of the process image an exec replaces, and Python spawns with
    vfork), so every tool would measure about the same.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        wrapped = [TIME, "-f", "%M %x", "-o", report.name, *command]
        start = time.perf_counter()
        subprocess.run(
            wrapped, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wall = time.perf_counter() - start
        kilobytes, code = report.read().split()[-2:]
    return Measure(wall, int(kilobytes) / 1024, int(code))


def rounds(
    commands: dict[str, list[str]], cwd: Path, count: int, warmup: int = 1
) -> dict[str, list[Measure]]:
    """Every command run in turn, ``count`` counted rounds after ``warmup`` rounds."""
    seen: dict[str, list[Measure]] = {name: [] for name in commands}
    for index in range(warmup + count):
        for name, command in commands.items():
            result = measure(command, cwd)
            if index >= warmup:
                seen[name].append(result)
    return seen


@dataclass(frozen=True)
class Paired:
    """A command's runs against a yardstick's runs of the same rounds."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, runs: Sequence[Measure], against: Sequence[Measure]) -> Paired:
        ratios = [a.wall / b.wall for a, b in zip(runs, against, strict=True)]
        return cls(statistics.median(ratios), min(ratios), max(ratios))


def median_wall(runs: Sequence[Measure]) -> float:
    return statistics.median(m.wall for m in runs)


def peak(runs: Sequence[Measure]) -> float:
    return max(m.rss_mib for m in runs)
