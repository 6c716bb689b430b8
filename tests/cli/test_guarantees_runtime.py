"""Hostile processes, file systems, streams and API calls (issue #9): never hang, never orphan
a worker, never a traceback; one line that names the file and place, and a documented exit
code."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from automl_objective import api
from automl_objective.api import (
    allowed_metrics,
    check_sources,
    default_metric,
    resolve_file,
    validate_data,
    validate_file,
)
from automl_objective.cli import main
from automl_objective.inputs.discovery import DiscoveryError, discover
from automl_objective.inputs.source import Source
from automl_objective.report.terminal import ProgressBar
from automl_objective.runner import (
    MAX_WORKERS,
    PARALLEL_THRESHOLD,
    CheckOptions,
    OptionError,
    worker_count,
)
from tests.support.fixture_cases import cases
from tests.support.paths import FIXTURES
from tests.support.processes import CLI, cli_command, interruptible_children, shell

VALID = FIXTURES / "valid" / "objective-f1.json"
VALID_TEXT = VALID.read_text()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 copies of the fixtures: a run large enough to start workers."""
    root = tmp_path_factory.mktemp("many")
    sources = [c.path for c in cases()]
    for index in range(3000):
        source = sources[index % len(sources)]
        shutil.copy(source, root / f"{index:05d}{source.suffix}")
    return root


# 1. FIFOs, sockets and devices are refused without opening them for a blocking read.


def test_a_fifo_named_or_found_in_a_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    shutil.copy(VALID, tmp_path / "good.json")
    for target in (tmp_path / "pipe.json", tmp_path):
        done = subprocess.run(
            [*CLI, "validate", str(target)], capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 1
        assert f"{tmp_path / 'pipe.json'}: error [unreadable] a FIFO, not a regular file" in (
            done.stdout
        )
        assert done.stderr == ""


def test_a_socket_and_a_device_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    folder = tempfile.mkdtemp(prefix="rt-")  # short: a socket path has a 108-byte limit
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind(os.path.join(folder, "job.json"))
        try:
            code, out, _ = run(capsys, "validate", folder, "/dev/null")
        finally:
            server.close()
    finally:
        shutil.rmtree(folder)
    assert code == 1
    assert "job.json: error [unreadable] a socket, not a regular file" in out
    assert "/dev/null: error [unreadable] a character device, not a regular file" in out


def test_a_stream_of_this_process_is_still_read(capsys: pytest.CaptureFixture[str]) -> None:
    """`validate <(cat job.json)` names /dev/fd/N, a pipe the user means to pass."""
    read_end, write_end = os.pipe()
    os.write(write_end, VALID_TEXT.encode())
    os.close(write_end)
    try:
        code, out, _ = run(capsys, "validate", f"/dev/fd/{read_end}")
    finally:
        os.close(read_end)
    assert code == 0, out


# 2. Never more than the limit (plus one byte) is read, whatever size the file reports.


def test_a_proc_file_reports_size_0_but_only_the_limit_is_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    read_sizes: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        read_sizes.append(len(data))
        return data

    monkeypatch.setattr("automl_objective.inputs.reading.os.read", counting_read)
    code, out, _ = run(capsys, "validate", "--max-bytes", "10", "/proc/self/maps")
    assert code == 1
    assert "/proc/self/maps: error [too-large] larger than the 10-byte size limit" in out
    assert 0 < sum(read_sizes) <= 11


def test_a_regular_file_is_read_whole_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text(VALID_TEXT)
    assert validate_file(path, max_bytes=len(VALID_TEXT)).valid
    refused = validate_file(path, max_bytes=len(VALID_TEXT) - 1)
    assert [f.code for f in refused.findings] == ["too-large"]


# 3. Workers die with the parent; SIGTERM and SIGINT stop the run cleanly; --jobs is bounded.


def _children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = next(
            line
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("State:")
        )
    except (OSError, StopIteration):
        return False
    return "zombie" not in state and "(dead)" not in state


def _handles_sigterm(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


@contextlib.contextmanager
def stuck_run(many_files: Path, jobs: int) -> Iterator[subprocess.Popen[bytes]]:
    """`validate --jobs J /dev/fd/N <3,000 files>`, where N is a pipe nobody writes to: the
    process (or worker) given it waits, so the run is certainly still going when signalled.
    Yields once the workers run (with --jobs 1: once SIGTERM is handled)."""
    read_end, write_end = os.pipe()
    with interruptible_children():
        process = subprocess.Popen(
            [*CLI, "validate", "--jobs", str(jobs), f"/dev/fd/{read_end}", str(many_files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(read_end,),
        )
    os.close(read_end)
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and not (
            len(_children(process.pid)) >= 2 if jobs > 1 else _handles_sigterm(process.pid)
        ):
            assert time.monotonic() < deadline, "the run never got going"
            time.sleep(0.02)
        yield process
    finally:
        os.close(write_end)
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signalled_run_stops_its_workers_and_exits(
    many_files: Path, jobs: int, signum: int, code: int
) -> None:
    with stuck_run(many_files, jobs) as process:
        workers = _children(process.pid)
        assert len(workers) == (2 if jobs > 1 else 0)
        process.send_signal(signum)
        # communicate() returns only once no process holds the output pipes open.
        out, err = process.communicate(timeout=10)
        assert process.returncode == code
        assert err == b"" and out == b""
        assert not any(_running(pid) for pid in workers)


def test_workers_die_when_the_parent_is_killed(many_files: Path) -> None:
    with stuck_run(many_files, 2) as process:
        workers = _children(process.pid)
        process.kill()  # SIGKILL: no handler runs; the kernel tells the workers
        process.communicate(timeout=10)
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived its killed parent"
            time.sleep(0.05)


def test_a_killed_worker_ends_the_run_with_one_line_not_a_hang(many_files: Path) -> None:
    with stuck_run(many_files, 2) as process:
        workers = _children(process.pid)
        os.kill(min(workers), signal.SIGKILL)  # as the out-of-memory killer would
        out, err = process.communicate(timeout=20)
        assert process.returncode == 1
        assert err == (
            b"automl-objective: error: a worker process died before it finished; "
            b"nothing is reported\n"
        )
        assert out == b""
        assert not any(_running(pid) for pid in workers)


def test_workers_are_capped_at_the_work_and_a_sane_maximum() -> None:
    assert worker_count(300, 3000) == 3000 // 250
    assert worker_count(300, 10**6) == MAX_WORKERS
    assert worker_count(2, 3000) == 2
    assert worker_count(8, PARALLEL_THRESHOLD - 1) == 1


def test_jobs_300_gives_the_same_results(many_files: Path) -> None:
    sources = discover([str(many_files)])
    serial = check_sources(sources, jobs=1)
    assert [r.as_dict() for r in check_sources(sources, jobs=300)] == [r.as_dict() for r in serial]


@pytest.mark.parametrize("jobs", ["-1", "-64"])
def test_negative_jobs_is_a_usage_error(capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    code, out, err = run(capsys, "validate", "--jobs", jobs, str(VALID))
    assert (code, out) == (2, "")
    assert err == f"automl-objective: error: --jobs must be 0 (one per CPU) or more, not {jobs}\n"


def test_jobs_0_keeps_meaning_one_per_cpu(capsys: pytest.CaptureFixture[str]) -> None:
    """A documented interface since the first release: scripts pass `--jobs 0`."""
    code, out, err = run(capsys, "validate", "--jobs", "0", str(VALID))
    assert (code, err) == (0, "")
    assert "1 file checked" in out


# 4. Closed, full and broken standard streams.


def test_closed_stdout_exits_2_with_one_line() -> None:
    done = shell(cli_command("validate", str(VALID)) + " >&-")
    assert done.returncode == 2
    assert done.stderr == (
        "automl-objective: error: standard output is closed; no result could be reported\n"
    )


def test_full_stdout_exits_2_with_one_line() -> None:
    done = shell(cli_command("validate", str(VALID)) + " >/dev/full")
    assert done.returncode == 2
    assert done.stderr == (
        "automl-objective: error: cannot write the results: No space left on device\n"
    )


def test_closed_stderr_changes_nothing_else() -> None:
    done = shell(cli_command("validate", str(VALID)) + " 2>&-")
    assert (done.returncode, done.stdout.splitlines()[-1][:23]) == (0, "1 file checked: 1 valid")
    assert shell(cli_command("validate", "--jobs", "-1", str(VALID)) + " 2>&-").returncode == 2
    full = shell(cli_command("validate", "--jobs", "-1", str(VALID)) + " 2>/dev/full")
    assert (full.returncode, full.stdout) == (2, "")
    both = shell(cli_command("validate", str(VALID)) + " >&- 2>&-")
    assert (both.returncode, both.stdout, both.stderr) == (2, "", "")


def test_closed_stdin_with_dash_exits_2_with_one_line() -> None:
    done = shell(cli_command("validate", "-") + " <&-")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "automl-objective: error: '-' names standard input, but it is closed\n"


def test_a_reader_that_leaves_early_gets_no_traceback(many_files: Path) -> None:
    """`validate big/ | head -1`: quiet, and exit 141 as tools killed by SIGPIPE do."""
    done = shell("( " + cli_command("validate", str(many_files)) + '; echo "rc=$?" >&2 ) | head -1')
    assert done.stdout.count("\n") == 1
    assert done.stderr == "rc=141\n"


# 5. A folder that cannot be listed is a finding, not skipped.


def test_an_unreadable_folder_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "secret").mkdir()
    shutil.copy(VALID, tmp_path / "secret" / "job.json")
    shutil.copy(VALID, tmp_path / "good.json")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("automl_objective.inputs.discovery.os.scandir", scandir)
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{tmp_path / 'secret'}: error [unreadable] cannot read this folder: Permission denied"
    )
    assert "2 files checked: 1 valid, 1 invalid" in out


def _make_chain(root: Path, names: list[str], leaf: str) -> None:
    """Nest folders ``names`` under ``root`` through folder descriptors (no path grows past
    the system's limit, and no recursion), with the file ``leaf`` at the bottom."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for name in names:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        leaf_fd = os.open(leaf, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf_fd, VALID_TEXT.encode())
        os.close(leaf_fd)
    finally:
        os.close(fd)


def _remove_chain(root: Path, names: list[str], leaf: str) -> None:
    fds = [os.open(root, os.O_RDONLY)]
    for name in names:
        fds.append(os.open(name, os.O_RDONLY, dir_fd=fds[-1]))
    os.unlink(leaf, dir_fd=fds[-1])
    for name, parent in zip(reversed(names), reversed(fds[:-1]), strict=True):
        os.close(fds.pop())
        os.rmdir(name, dir_fd=parent)
    os.close(fds.pop())


def test_a_path_over_the_system_limit_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["d" * 250] * 18  # 18 x 251 bytes: past PATH_MAX (4,096)
    _make_chain(tmp_path, names, "job.json")
    try:
        code, out, _ = run(capsys, "validate", str(tmp_path))
    finally:
        _remove_chain(tmp_path, names, "job.json")
    assert code == 1
    assert "error [unreadable] cannot read this folder: File name too long" in out


# 6. A tree deeper than Python's recursion limit is walked.


def test_a_1000_level_deep_tree_is_walked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["d"] * 1000
    _make_chain(tmp_path, names, "job.json")
    try:
        found = discover([str(tmp_path)])
        code, out, _ = run(capsys, "validate", str(tmp_path))
    finally:
        _remove_chain(tmp_path, names, "job.json")
    assert [s.display for s in found] == [str(tmp_path.joinpath(*names, "job.json"))]
    assert code == 0, out


def test_the_walk_keeps_name_order_and_does_not_follow_folder_links(tmp_path: Path) -> None:
    for folder in ("b", "a", "a/z", "a/c"):
        (tmp_path / folder).mkdir()
    for name in ("b/2.json", "a/1.json", "a/z/3.json", "a/c/4.json", "0.json"):
        (tmp_path / name).write_text(VALID_TEXT)
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # would never end if followed
    found = [Path(s.display).relative_to(tmp_path).as_posix() for s in discover([str(tmp_path)])]
    assert found == ["0.json", "a/1.json", "a/c/4.json", "a/z/3.json", "b/2.json"]


# 7. Extensions match whatever their case.


def test_uppercase_extensions_are_found_and_parsed_by_their_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "job.JSON").write_text(VALID_TEXT)
    (tmp_path / "job.YML").write_text("MetricName: F1\n")
    (tmp_path / "notes.TXT").write_text("MetricName: F1\n")
    found = [Path(s.display).name for s in discover([str(tmp_path)])]
    assert found == ["job.JSON", "job.YML"]
    assert [Path(s.display).name for s in discover([str(tmp_path)], include=["*.json"])] == [
        "job.JSON"
    ]
    assert [Path(s.display).name for s in discover([str(tmp_path)], include=["*.Yml"])] == [
        "job.YML"
    ]
    yaml_named_json = tmp_path / "other.JSON"
    yaml_named_json.write_text("MetricName: F1\n")
    assert [f.code for f in validate_file(yaml_named_json).findings] == ["parse-error"]


# 8. The API checks its arguments and refuses data no JSON document could hold.


def test_data_no_json_document_could_hold_is_refused_naming_the_place() -> None:
    with pytest.raises(ValueError, match=r"data at /x: an integer of about 5,000 digits"):
        validate_data({"MetricName": "F1", "x": 10**5000})
    looped: dict[str, Any] = {"MetricName": "F1"}
    looped["self"] = looped
    with pytest.raises(ValueError, match=r"data at /self: contains itself"):
        validate_data(looped)
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match="nested over 500 levels deep"):
        validate_data({"MetricName": "F1", "x": deep})
    with pytest.raises(ValueError, match=r"data at /x/0: nan is not a JSON number"):
        validate_data({"MetricName": "F1", "x": [float("nan")]})
    with pytest.raises(TypeError, match="a key of type tuple"):
        validate_data({"MetricName": "F1", (1, 2): 3})


def test_data_with_values_json_lacks_is_still_checked() -> None:
    shared = {"MetricName": "F1"}  # the same object twice is not a cycle
    assert validate_data({"MetricName": "F1", "a": [shared, shared]}).findings[0].code == (
        "unknown-member"
    )
    assert validate_data({"MetricName": "F1"}).valid
    stamped = validate_data({"MetricName": "AUC", "When": datetime.datetime(2026, 1, 1)})
    assert "unknown-member" in {f.code for f in stamped.findings}


def test_validate_data_judges_the_document_the_data_stands_for() -> None:
    """As botocore sends it, and as the models and the hook read it: a tuple is an array, a
    str subclass its text (its own __eq__ never runs)."""

    class Loud(str):
        def __eq__(self, other: object) -> bool:
            raise AssertionError("a method of the caller's value ran")

        __hash__ = str.__hash__

    request = {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": Loud("AUC")}}
    assert [f.code for f in validate_data(request).findings] == ["metric-not-allowed"]
    tags = ({"Key": "team", "Value": "ml"},)
    tuple_v1 = {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}}
    assert validate_data({**tuple_v1, "Tags": tags}).valid


def test_validate_data_refuses_a_value_shared_into_an_endless_document() -> None:
    """Names that double a dict at each level stand for 2**40 values: refused, not expanded."""
    value: dict[str, object] = {"Key": "k", "Value": "v"}
    for _ in range(40):
        value = {"a": value, "b": value}
    with pytest.raises(ValueError, match="members and items"):
        validate_data({"MetricName": "F1", "x": value})


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: validate_file(None), TypeError, "path must be a str or a pathlib.Path"),  # type: ignore[arg-type]
        (lambda: resolve_file(3), TypeError, "path must be"),  # type: ignore[arg-type]
        (lambda: validate_file(VALID, format="xml"), ValueError, "format must be one of"),  # type: ignore[arg-type]
        (lambda: validate_file(VALID, max_bytes=0), OptionError, "max_bytes must be at least 1"),
        (lambda: validate_file(VALID, kind="bogus"), ValueError, "unknown kind 'bogus'"),
        (lambda: validate_file(VALID, strict="yes"), TypeError, "strict must be a bool"),  # type: ignore[arg-type]
        (lambda: validate_data({}, problem_type="Bogus"), ValueError, "unknown problem type"),
        (lambda: validate_data({}, problem_type=1), TypeError, "problem_type must be"),  # type: ignore[arg-type]
        (lambda: validate_data({}, path=None), TypeError, "path must be a str"),  # type: ignore[arg-type]
        (lambda: allowed_metrics("bogus"), ValueError, "problem_type: unknown problem type"),
        (lambda: default_metric(None), TypeError, "problem_type must be a str"),  # type: ignore[arg-type]
        (lambda: check_sources([], jobs=0), OptionError, "jobs must be at least 1, not 0"),
        (lambda: check_sources([], jobs=True), TypeError, "jobs must be an int"),
        (lambda: check_sources("job.json"), TypeError, "sources must be a sequence"),  # type: ignore[arg-type]
        (lambda: check_sources(["job.json"]), TypeError, "only Source items"),  # type: ignore[list-item]
        (lambda: check_sources([], progress=1), TypeError, "progress must be callable"),  # type: ignore[arg-type]
        (lambda: check_sources([], stdin="F1"), TypeError, "stdin must be a binary stream"),  # type: ignore[arg-type]
        (lambda: CheckOptions(max_bytes=-1), OptionError, "max_bytes must be at least 1"),
    ],
)
def test_api_arguments_are_checked(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_the_library_reads_stdin_only_from_the_stream_it_is_given() -> None:
    stdin = [Source(None, "<stdin>")]
    (missing,) = check_sources(stdin)
    assert [(f.code, f.message) for f in missing.findings] == [
        ("unreadable", "no standard input was given")
    ]
    (given,) = check_sources(stdin, stdin=io.BytesIO(b"MetricName: F1\n"))
    assert given.valid
    assert api.__all__.count("OptionError") == 1


# 9. Siblings found by attacking the same area.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a\0b.json"], "'a\\x00b.json': not a usable path (empty, or holds a NUL byte)"),
        ([""], "'': not a usable path (empty, or holds a NUL byte)"),
        (["--include", "", "."], "an empty include pattern matches no file"),
        (["--max-bytes", "0", "."], "--max-bytes must be at least 1, not 0"),
        (["--max-bytes", "-5", "."], "--max-bytes must be at least 1, not -5"),
    ],
)
def test_unusable_arguments_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "validate", *args)
    assert (code, out, err) == (2, "", f"automl-objective: error: {message}\n")


def test_a_huge_max_bytes_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "--max-bytes", str(10**30), str(VALID))[0] == 0


def test_a_nul_byte_in_an_api_path_is_an_unreadable_result() -> None:
    result = validate_file("job\0.json")
    assert [(f.code, f.message) for f in result.findings] == [
        ("unreadable", "the path contains a NUL byte")
    ]


def test_a_lone_surrogate_in_an_api_path_is_an_unreadable_result() -> None:
    """The API may be given any ``str``; one no file name can hold is said so (it was
    worded as a NUL byte, and ``discover`` raised ``UnicodeEncodeError``)."""
    why = "the path holds a lone surrogate ('\\ud800'), which no file name can hold"
    assert [(f.code, f.message) for f in validate_file("job\ud800.json").findings] == [
        ("unreadable", why)
    ]
    for named in (["x\ud800/job.json"], [f"x\ud800/job{i}.json" for i in range(70)]):
        results = check_sources(discover(named))  # 70: the folder listings' path
        assert {(f.code, f.message) for r in results for f in r.findings} == {("unreadable", why)}


def test_a_file_replaced_by_a_folder_mid_run_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "job.json"
    path.write_text(VALID_TEXT)
    sources = discover([str(tmp_path)])
    path.unlink()
    path.mkdir()
    (result,) = check_sources(sources)
    assert [(f.code, f.message) for f in result.findings] == [("unreadable", "is a directory")]


def test_a_symlink_loop_in_a_scanned_folder_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'a.json'}: error [unreadable] cannot read: Too many levels" in out


def test_many_named_files_and_a_discovery_error_name_the_argument(tmp_path: Path) -> None:
    names = []
    for index in range(5000):
        name = tmp_path / f"{index:04d}.json"
        name.write_text(VALID_TEXT)
        names.append(str(name))
    assert [s.display for s in discover(names)] == names
    # a missing one is a file to check: its unreadable finding names it, the rest are checked
    gone = str(tmp_path / "gone.json")
    assert [s.display for s in discover([*names, gone])] == [*names, gone]
    with pytest.raises(DiscoveryError, match="not a usable path"):
        discover([*names, ""])


def test_a_non_blocking_stdin_is_waited_on_not_taken_as_empty() -> None:
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)  # as some parent programs leave it

    def write_later() -> None:
        time.sleep(0.2)
        os.write(write_end, b"MetricName: F1\n")
        os.close(write_end)

    writer = threading.Thread(target=write_later)
    writer.start()
    with os.fdopen(read_end, "rb") as stdin:
        (result,) = check_sources([Source(None, "<stdin>")], stdin=stdin)
    writer.join()
    assert result.valid, result.findings


def test_a_progress_bar_whose_terminal_went_away_is_dropped() -> None:
    class GoneTerminal(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    bar = ProgressBar(10, GoneTerminal())
    bar(5)
    bar(5)
    bar.close()
    assert bar.done == 10 and bar.stream is None


def test_a_name_over_the_system_limit_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    too_long = str(tmp_path / ("j" * 300 + ".json"))  # past NAME_MAX (255), even for root
    code, out, _ = run(capsys, "validate", too_long)
    assert code == 1
    assert f"{too_long}: error [unreadable] cannot read: File name too long" in out


def test_a_sigint_at_any_moment_of_start_up_exits_130(many_files: Path) -> None:
    """A SIGINT while the CLI was still importing ended the process by SIGINT (status -2,
    CPython 3.11) or hung it at exit (3.13): an exception raised by a signal inside an import
    is not safe. The command now ends at once. Signals at 25 moments from the handler's
    installation on."""
    codes = set()
    for step in range(25):
        read_end, write_end = os.pipe()
        with interruptible_children():
            process = subprocess.Popen(
                [*CLI, "validate", "--jobs", "1", f"/dev/fd/{read_end}", str(many_files)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=(read_end,),
            )
        os.close(read_end)
        try:
            deadline = time.monotonic() + 60
            while process.poll() is None and not _handles_sigterm(process.pid):
                assert time.monotonic() < deadline, "the run never got going"
                time.sleep(0.001)
            time.sleep(step * 0.004)
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=20)
        finally:
            os.close(write_end)
        codes.add(process.returncode)
        assert (out, err) == (b"", b""), step
    assert codes == {130}


_IGNORING_SIGINT = """
import os, signal, sys, threading
from automl_objective.cli import main

signal.signal(signal.SIGINT, signal.SIG_IGN)  # as nohup or a shell's background job leaves it
threading.Timer(float(sys.argv[2]), os.kill, (os.getpid(), signal.SIGINT)).start()
sys.exit(main(["validate", "--jobs", "2", "--format", "json", sys.argv[1]]))
"""


@pytest.mark.parametrize("delay", [0.5, 1.5])
def test_an_ignored_sigint_during_a_parallel_run_stops_nothing(
    many_files: Path, delay: float
) -> None:
    """Found by the speed work: the parallel run put its own handler on an ignored SIGINT, so
    the interrupt killed the workers and the run went on without their results. An ignored
    signal stays ignored: every file is checked, as without it."""
    done = subprocess.run(
        [sys.executable, "-c", _IGNORING_SIGINT, str(many_files), str(delay)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    expected = api.check_sources(discover([str(many_files)]))
    assert done.stderr == ""
    reported = json.loads(done.stdout)
    assert len(reported["files"]) == len(expected) == 3000
    assert done.returncode == (0 if all(r.valid for r in expected) else 1)
