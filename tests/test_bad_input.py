"""Every bad input gets one clear one-line finding, the documented exit code, no traceback.

Static cases live in tests/bad_inputs/ (``<case>`` plus ``<case>.expect``: the code, a part
of the message, and the line and column where there is one). Cases that cannot be stored as
files (encodings, sizes, symlinks, permissions, races) are built here.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from automl_objective import documents
from automl_objective.api import validate_file
from automl_objective.cli import main
from automl_objective.documents import MAX_BYTES

BAD = Path(__file__).parent / "bad_inputs"
VALID = Path(__file__).parent / "fixtures" / "valid" / "objective-f1.json"
STATIC = sorted(p for p in BAD.iterdir() if p.suffix != ".expect")


def check(path: Path, expect: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_file(path)
    code = main(["validate", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    if expect.get("valid"):
        assert (code, result.valid, result.findings) == (0, True, [])
        return
    assert code == 1
    assert report["valid"] is False
    (finding,) = report["files"][0]["findings"]
    assert finding == result.findings[0].as_dict()
    assert finding["severity"] == "error"
    assert finding["code"] == expect["code"]
    assert expect["message"] in finding["message"]
    assert "\n" not in finding["message"]
    for key in ("line", "column"):
        if key in expect:
            assert finding[key] == expect[key], key


@pytest.mark.parametrize("path", STATIC, ids=[p.name for p in STATIC])
def test_stored_case(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expect = json.loads(path.with_name(path.name + ".expect").read_text())
    check(path, expect, capsys)


def _write(content: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "case.json"
        path.write_bytes(content)
        return path

    return build


def _deep(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path


def _large(folder: Path) -> Path:
    path = folder / "large.json"
    with open(path, "wb") as handle:
        handle.write(b'{"MetricName": "F1", "Padding": "')
        handle.truncate(50 * 1024 * 1024)  # 50 MB without writing 50 MB
    return path


BUILT: dict[str, tuple[Callable[[Path], Path], dict[str, Any]]] = {
    "utf-16": (
        _write('{"MetricName": "F1"}'.encode("utf-16")),
        {"code": "encoding", "message": "UTF-16 text: save the file as UTF-8"},
    ),
    "invalid-utf-8": (
        _write(b'{\n  "MetricName": "F\xff1"\n}\n'),
        {"code": "encoding", "message": "not UTF-8 text (byte 20)", "line": 2, "column": 19},
    ),
    "binary-garbage": (
        _write(bytes(range(256)) * 4),
        {"code": "encoding", "message": "binary data (a NUL byte)", "line": 1},
    ),
    "nested-100000-deep": (_deep, {"code": "parse-error", "message": "nested too deeply"}),
    "50-mb": (_large, {"code": "too-large", "message": f"larger than the {MAX_BYTES:,}-byte"}),
}


@pytest.mark.parametrize("name", list(BUILT))
def test_built_case(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build, expect = BUILT[name]
    check(build(tmp_path), expect, capsys)


def test_an_endless_stream_is_refused_not_read_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A device named on the command line is refused unopened; a stream on stdin is read.
    with open("/dev/zero", "rb") as zeros:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zeros))
        code = main(["validate", "--max-bytes", "1000", "-"])
    out = capsys.readouterr().out
    assert code == 1
    assert "<stdin>: error [too-large] larger than the 1,000-byte limit" in out


def test_a_directory_named_like_a_file_is_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "job.json"
    folder.mkdir()
    shutil.copy(VALID, folder / "objective.json")
    assert main(["validate", str(folder)]) == 0
    assert "1 file checked: 1 valid" in capsys.readouterr().out


def test_links_under_a_scanned_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(VALID, tmp_path / "good.json")
    (tmp_path / "broken.json").symlink_to(tmp_path / "missing.json")
    (tmp_path / "loop-a.json").symlink_to(tmp_path / "loop-b.json")
    (tmp_path / "loop-b.json").symlink_to(tmp_path / "loop-a.json")
    (tmp_path / "folder-loop").symlink_to(tmp_path)  # never followed
    code = main(["validate", "--format", "json", str(tmp_path)])
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert code == 1
    assert set(files) == {"good.json", "broken.json", "loop-a.json", "loop-b.json"}
    assert files["good.json"]["valid"] is True
    broken = files["broken.json"]["findings"][0]
    assert (broken["code"], broken["message"]) == (
        "unreadable",
        f"broken symbolic link (to {tmp_path / 'missing.json'})",
    )
    loop = files["loop-a.json"]["findings"][0]
    assert loop["code"] == "unreadable"
    assert loop["message"] == "cannot read: Too many levels of symbolic links"


def test_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.json"
    shutil.copy(VALID, path)

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr("automl_objective.documents.os.open", refuse)
    assert main(["validate", str(path)]) == 1
    assert f"{path}: error [unreadable] cannot read: Permission denied" in capsys.readouterr().out


def test_a_file_that_vanishes_during_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.json", "b.json"):
        shutil.copy(VALID, tmp_path / name)
    real_load = documents.load_path

    def load_after_removal(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("a.json"):
            os.unlink(tmp_path / "b.json")  # b vanishes after discovery, before it is read
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr("automl_objective.runner.load_path", load_after_removal)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "b.json: error [unreadable] no such file (removed during the run?)" in out
    assert "2 files checked: 1 valid, 1 invalid" in out
