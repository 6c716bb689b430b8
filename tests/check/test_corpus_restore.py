"""``tests/corpus/restore.py`` puts corpus files back byte-exact or not at all: from a tiny git
repository made here (the pinned commit, or the same path at another commit when the pinned
one is absent), or from a download stood in for by a function (no network in tests)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.corpus import restore

FIRST = b"one\ntwo\nthree\nfour\n"
SECOND = b"one\nTWO\nthree\r\nfour"
QUOTED = "dir/file%20with%20space.py"
"""The path as GitHub's URL quotes it (the corpus has paths with spaces)."""


def _git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=corpus", "-c", "user.email=corpus@example.invalid"]
    done = subprocess.run(
        ["git", *identity, "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, str, str]:
    """A clones folder holding ``owner/name`` (as ``owner+name``) with two commits of
    ``dir/file with space.py``: FIRST, then SECOND; returns the folder and both commits."""
    root = tmp_path / "clones"
    repo = root / "owner+name"
    (repo / "dir").mkdir(parents=True)
    _git(repo, "init", "-q")
    commits = []
    for content in (FIRST, SECOND):
        (repo / "dir" / "file with space.py").write_bytes(content)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "a version")
        commits.append(_git(repo, "rev-parse", "HEAD"))
    return root, commits[0], commits[1]


def _entry(name: str, commit: str, content: bytes, lines: tuple[int, int] | None = None) -> Any:
    path = "dir/file with space.py"
    anchor = "" if lines is None else f"#L{lines[0]}-L{lines[1]}"
    return {
        "file": name,
        "origin": {
            "repo": "owner/name",
            "path": path,
            "commit": commit,
            "url": f"https://github.com/owner/name/blob/{commit}/{QUOTED}{anchor}",
            "excerpt": None if lines is None else {"first_line": lines[0], "last_line": lines[1]},
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    }


def _run(tmp_path: Path, entries: list[Any], *source: str) -> tuple[int, Path]:
    dest = tmp_path / "files"
    code = restore.main([*source, "--index", str(_index(tmp_path, entries)), "--dest", str(dest)])
    return code, dest


def test_files_come_back_byte_exact_from_the_pinned_commit(
    clones: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, first, second = clones
    entries = [
        _entry("whole.py", first, FIRST),
        _entry("excerpt.py", second, b"TWO\nthree\r\n", lines=(2, 3)),
        _entry("tail.py", second, b"four", lines=(4, 4)),
    ]
    code, dest = _run(tmp_path, entries, "--clones", str(root))
    assert code == 0
    assert capsys.readouterr().out == ""
    assert (dest / "whole.py").read_bytes() == FIRST
    assert (dest / "excerpt.py").read_bytes() == b"TWO\nthree\r\n"
    assert (dest / "tail.py").read_bytes() == b"four"
    assert sorted(p.name for p in dest.iterdir()) == ["excerpt.py", "tail.py", "whole.py"]


def test_an_absent_commit_is_replaced_by_a_version_of_the_path_with_the_same_bytes(
    clones: tuple[Path, str, str], tmp_path: Path
) -> None:
    root, _, _ = clones
    code, dest = _run(tmp_path, [_entry("old.py", "f" * 40, FIRST)], "--clones", str(root))
    assert code == 0
    assert (dest / "old.py").read_bytes() == FIRST


def test_nothing_is_written_that_does_not_match_and_each_miss_is_one_line(
    clones: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, first, _ = clones
    other_repo = {**_entry("elsewhere.py", first, FIRST)}
    other_repo["origin"] = {**other_repo["origin"], "repo": "someone/else"}
    entries = [
        _entry("changed.py", first, FIRST + b"five\n"),
        _entry("beyond.py", first, b"four\n", lines=(4, 9)),
        other_repo,
        _entry("kept.py", first, FIRST),
    ]
    code, dest = _run(tmp_path, entries, "--clones", str(root))
    assert code == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["changed.py", "beyond.py", "elsewhere.py"]
    assert "has sha256" in lines[0]
    assert "lines 4-9" in lines[1]
    assert "no clone at" in lines[2]
    assert [p.name for p in dest.iterdir()] == ["kept.py"]


def test_a_file_present_is_kept_when_it_matches_and_never_overwritten_by_a_mismatch(
    clones: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, first, _ = clones
    dest = tmp_path / "files"
    dest.mkdir()
    (dest / "wrong.py").write_bytes(b"edited by hand\n")
    entries = [_entry("wrong.py", first, b"what was judged\n")]
    code, _ = _run(tmp_path, entries, "--clones", str(root))
    assert code == 1
    assert "left as it is" in capsys.readouterr().out
    assert (dest / "wrong.py").read_bytes() == b"edited by hand\n"


def test_a_download_asks_for_the_raw_address_and_keeps_the_excerpt(tmp_path: Path) -> None:
    asked: list[str] = []

    def download(url: str) -> bytes:
        asked.append(url)
        return SECOND

    entry = restore.read_index(_index(tmp_path, [_entry("e.py", "a" * 40, b"TWO\n", (2, 2))]))[0]
    assert restore.restore(entry, restore.from_web(download), tmp_path) is None
    assert asked == [f"https://github.com/owner/name/raw/{'a' * 40}/{QUOTED}"]
    assert (tmp_path / "e.py").read_bytes() == b"TWO\n"


def test_a_failed_download_is_a_reason_not_a_traceback(tmp_path: Path) -> None:
    def download(url: str) -> bytes:
        raise OSError("network is unreachable")

    entry = restore.read_index(_index(tmp_path, [_entry("e.py", "a" * 40, FIRST)]))[0]
    reason = restore.restore(entry, restore.from_web(download), tmp_path)
    assert reason is not None and "network is unreachable" in reason
    assert not (tmp_path / "e.py").exists()


def test_a_missing_clones_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run(tmp_path, [], "--clones", str(tmp_path / "absent"))
    assert code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_real_indexes_are_read_whole() -> None:
    entries = [entry for index in restore.INDEXES for entry in restore.read_index(index)]
    assert len(entries) == len({entry.file for entry in entries}) >= 171
    assert all(restore.raw_url(entry.url).startswith("https://github.com/") for entry in entries)
    assert all("/raw/" in restore.raw_url(entry.url) for entry in entries)


def _index(tmp_path: Path, entries: list[Any]) -> Path:
    index = tmp_path / "index.json"
    index.write_text(json.dumps({"files": entries}), "utf-8")
    return index
