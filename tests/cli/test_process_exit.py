"""The command ends its process without the interpreter's teardown (cli._leave): what it
printed is all there, its exit code is the run's, and whatever asked to run at exit (an
``atexit`` handler, a thread still running) still runs, as with an ordinary exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.paths import FIXTURES
from tests.support.processes import CLI

INVALID = FIXTURES / "invalid"


def _run(*args: str, program: list[str] = CLI) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*program, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_a_large_report_is_written_whole_through_a_pipe(tmp_path: Path) -> None:
    """A quarter of a megabyte of JSON: more than any buffer holds, every byte written before the
    process ends, and the exit code of an invalid run."""
    bad = (INVALID / "v1-regression-auc.json").read_text("utf-8")
    for index in range(600):
        (tmp_path / f"{index:03d}.json").write_text(bad, encoding="utf-8")
    done = _run("validate", "--jobs", "1", "--format", "json", str(tmp_path))
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert len(done.stdout) > 200_000
    assert len(json.loads(done.stdout)["files"]) == 600


def test_an_exit_handler_and_a_thread_still_run() -> None:
    """Something that asked to run at exit makes the process exit as the interpreter does."""
    program = (
        "import atexit, sys, threading\n"
        "if sys.argv[1] == 'handler':\n"
        "    atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        "else:\n"
        "    main = threading.main_thread()\n"
        "    threading.Thread(target=lambda: (main.join(), print('thread ran'))).start()\n"
        "from automl_objective.cli import entry\n"
        "sys.argv[1:] = ['validate', sys.argv[2]]\n"
        "entry()\n"
    )
    valid = str(FIXTURES / "valid" / "objective-f1.json")
    for what in ("handler", "thread"):
        done = _run(what, valid, program=[sys.executable, "-c", program])
        assert done.returncode == 0, done.stderr
        assert done.stderr == ("handler ran\n" if what == "handler" else "")
        assert done.stdout.startswith("1 file checked: 1 valid")
        assert done.stdout.endswith("thread ran\n") == (what == "thread")


def test_the_exit_code_is_the_runs() -> None:
    for path, code in ((FIXTURES / "valid" / "objective-f1.json", 0), (INVALID, 1)):
        done = _run("validate", str(path))
        assert done.returncode == code, done.stderr
        assert done.stdout.rstrip().splitlines()[-1].split(":")[0].endswith("checked")
    assert _run("validate", "--jobs", "-1", "x.json").returncode == 2
