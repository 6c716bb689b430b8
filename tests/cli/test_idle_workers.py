"""Without --jobs, a large run forks one worker per CPU that nothing else keeps busy, as
Linux counts the tasks running now (/proc/loadavg), and stays in one process on a busy
machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from automl_objective import runner


def _loadavg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *running: int) -> None:
    """Reads of a /proc/loadavg that says ``running`` tasks in turn."""
    reads = iter(running)
    real_open = open

    def fake_open(path: str, *args: object, **kwargs: object) -> object:
        if path == runner.LOADAVG:
            file = tmp_path / "loadavg"
            file.write_text(f"0.50 0.40 0.30 {next(reads)}/321 4567\n", encoding="ascii")
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", fake_open)


@pytest.mark.parametrize(
    ("cores", "running", "workers"),
    [
        (2, (1,), 2),  # only this process: both CPUs, at the first read
        (2, (2, 2, 2, 2, 2), 1),  # another task keeps a CPU busy: no fork
        (2, (2, 1), 2),  # a task running for an instant: gone at the next read
        (2, (4, 2, 3, 2, 5), 1),  # the fewest of the reads
        (8, (3, 3, 9, 4, 3), 6),
        (4, (40, 40, 40, 40, 40), 1),
    ],
)
def test_workers_are_the_cpus_nothing_else_keeps_busy(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cores: int,
    running: tuple[int, ...],
    workers: int,
) -> None:
    monkeypatch.setattr(runner, "default_jobs", lambda: cores)
    _loadavg(tmp_path, monkeypatch, *running)
    assert runner.idle_jobs() == workers


def test_without_a_load_count_every_cpu_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "default_jobs", lambda: 3)
    monkeypatch.setattr(runner, "LOADAVG", "/nonexistent/loadavg")
    assert runner.idle_jobs() == 3


def test_this_machine_reports_a_load_count() -> None:
    running = runner._running_tasks()
    assert running is not None and running >= 1  # this process is running
