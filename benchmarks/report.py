"""The benchmark's report, in Markdown ready for the README's Speed section: when and where it
ran, every tool's version, the table of ratios the issue states its goals in, the medians
behind it, how each tool was run, whether every peer agreed, and the goals met or not."""

from __future__ import annotations

import datetime
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.timing import Measure, Paired, median_wall, peak
from benchmarks.tools import FLOOR, OURS

MEMORY_GOAL_MIB = 20
NOT_RUN = "—"


@dataclass
class Row:
    """One corpus's paired runs: tool name -> its runs, round by round."""

    label: str
    runs: dict[str, list[Measure]]
    first_error_only: set[str] = field(default_factory=set)
    floor_goal: float | None = None

    def against(self, name: str) -> Paired | None:
        if OURS not in self.runs or name not in self.runs:
            return None
        return Paired.of(self.runs[OURS], self.runs[name])

    def memory_over_floor(self) -> tuple[float, float] | None:
        if OURS not in self.runs or FLOOR not in self.runs:
            return None
        return peak(self.runs[OURS]), peak(self.runs[FLOOR])


def _ratio(paired: Paired | None, note: str = "") -> str:
    if paired is None:
        return NOT_RUN
    return f"{paired.median:.2f}x{note}"


def ratio_table(rows: Sequence[Row], peers: Sequence[str]) -> list[str]:
    """ours / each tool, wall time, the median of the round-by-round ratios; the floor's
    spread too; our peak memory against the floor's."""
    header = ["corpus", *peers, FLOOR, "peak memory, ours vs floor"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in rows:
        cells = [row.label]
        for name in peers:
            note = " (first error only)" if name in row.first_error_only else ""
            cells.append(_ratio(row.against(name), note))
        floor = row.against(FLOOR)
        spread = f" ({floor.low:.2f} to {floor.high:.2f})" if floor else ""
        cells.append(_ratio(floor, spread))
        memory = row.memory_over_floor()
        cells.append(
            NOT_RUN
            if memory is None
            else f"{memory[0] - memory[1]:+.1f} MiB ({memory[0]:.1f} vs {memory[1]:.1f})"
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def medians_table(rows: Sequence[Row], tools: Sequence[str]) -> list[str]:
    """The median wall time and the peak memory of every tool on every corpus."""
    header = ["corpus", *tools]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in rows:
        cells = [row.label]
        for name in tools:
            runs = row.runs.get(name)
            cells.append(
                NOT_RUN if not runs else f"{median_wall(runs) * 1000:,.0f} ms, {peak(runs):.0f} MiB"
            )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def goals(rows: Sequence[Row], peers: Sequence[str]) -> list[str]:
    """The issue's goals, each met or not, by this run's medians."""
    lines = []
    for row in rows:
        behind = [
            f"{name} ({paired.median:.2f}x)"
            for name in peers
            if (paired := row.against(name)) is not None and paired.median >= 1
        ]
        ran = [name for name in peers if row.against(name) is not None]
        if ran:
            said = "ahead of every peer" if not behind else "behind " + ", ".join(behind)
            lines.append(f"- {row.label}: {said}: {_verdict(not behind)}")
        floor = row.against(FLOOR)
        if floor is not None and row.floor_goal is not None:
            lines.append(
                f"- {row.label}: {floor.median:.2f}x the floor (goal: at most "
                f"{row.floor_goal}x): {_verdict(floor.median <= row.floor_goal)}"
            )
        memory = row.memory_over_floor()
        if memory is not None:
            over = memory[0] - memory[1]
            lines.append(
                f"- {row.label}: peak memory {over:+.1f} MiB over the floor's (goal: at most "
                f"+{MEMORY_GOAL_MIB} MiB): {_verdict(over <= MEMORY_GOAL_MIB)}"
            )
    return lines


def _memory_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_line(today: datetime.date | None = None) -> str:
    today = today or datetime.datetime.now(datetime.UTC).date()
    return (
        f"{today.isoformat()}, {os.cpu_count()} cores ({_cpu_model()}), "
        f"{_memory_gib():.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {sys.version.split()[0]}"
    )


def versions_line(versions: dict[str, str]) -> str:
    return "Versions: " + ", ".join(f"{name} {version}" for name, version in versions.items())
