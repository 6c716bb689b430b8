"""Put the real-code corpus back in ``tests/corpus/files/``, byte-exact, in one command.

The files are never committed (README.md here): each entry of ``corpus.json``,
``heldout.json``, ``mined.json``, ``fresh.json``, ``fresh2.json``, ``fresh3.json`` and
``fresh4.json`` pins one by repository, path, commit and the sha256 of its bytes. This script
gets those bytes back

- from local clones when ``--clones DIR`` is given: ``DIR/<owner>+<name>`` is a clone or bare
  git directory of ``<owner>/<name>``. The pinned commit is read first; when the clone does not
  hold it, every other version of the same path in the clone's history is tried, since one of
  them may be the same bytes (the sha256 decides);
- else from GitHub, downloading each entry's ``origin.url`` with ``/blob/`` made ``/raw/``.

An excerpt entry keeps only lines ``first_line``..``last_line`` (1-based, inclusive, each with
its own line ending) of the original; a heredoc excerpt is the same rule, the lines being the
body of the heredoc, the request document the script writes. A file is written only when its
sha256 matches, whole or not at all (written beside its place, then renamed); a file already
present and matching is left as it is. One line is printed per file not restored, saying why;
the exit status is 1 when any was not, 2 when the command itself is wrong.

    python -m tests.corpus.restore                       # download (needs internet)
    python -m tests.corpus.restore --clones ~/clones     # from clones, offline
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
INDEXES = tuple(
    CORPUS / f"{name}.json"
    for name in ("corpus", "heldout", "mined", "fresh", "fresh2", "fresh3", "fresh4")
)
DOWNLOAD_TIMEOUT = 60
"""Seconds a download may wait for GitHub before the file is reported as not restored."""


class Unavailable(Exception):
    """The bytes of an entry cannot be had from this source (the message says why)."""


@dataclass(frozen=True)
class Entry:
    """One file of the corpus: where it comes from and the bytes it must be."""

    file: str
    repo: str
    path: str
    commit: str
    url: str
    sha256: str
    lines: tuple[int, int] | None
    """The excerpt's first and last line (1-based, inclusive), or None for the whole file."""


Versions = Callable[[Entry], Iterator[bytes]]
"""A source: the versions of an entry's original file it can give, the likeliest first."""


def read_index(path: Path) -> list[Entry]:
    """The entries of one index file (``corpus.json`` or a set beside it)."""
    entries = []
    for item in json.loads(path.read_text("utf-8"))["files"]:
        origin = item["origin"]
        excerpt = origin.get("excerpt")
        lines = None if excerpt is None else (excerpt["first_line"], excerpt["last_line"])
        entries.append(
            Entry(
                file=item["file"],
                repo=origin["repo"],
                path=origin["path"],
                commit=origin["commit"],
                url=origin["url"],
                sha256=origin["sha256"],
                lines=lines,
            )
        )
    return entries


def kept_bytes(original: bytes, lines: tuple[int, int] | None) -> bytes:
    """What the corpus keeps of ``original``: all of it, or the excerpt's lines."""
    if lines is None:
        return original
    first, last = lines
    kept = io.BytesIO(original).readlines()
    if not 1 <= first <= last <= len(kept):
        raise Unavailable(f"lines {first}-{last} are not in a file of {len(kept)} lines")
    return b"".join(kept[first - 1 : last])


def raw_url(url: str) -> str:
    """The download address of a pinned GitHub ``blob`` URL (its ``#L..`` anchor dropped)."""
    address = url.split("#", 1)[0]
    prefix, blob, rest = address.partition("/blob/")
    if not blob or not prefix.startswith("https://github.com/"):
        raise Unavailable(f"not a GitHub blob URL: {url}")
    return f"{prefix}/raw/{rest}"


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:
        data: bytes = response.read()
    return data


def from_web(download: Callable[[str], bytes] = _download) -> Versions:
    """The source that downloads each entry's pinned URL (one version: the pinned one)."""

    def versions(entry: Entry) -> Iterator[bytes]:
        url = raw_url(entry.url)
        try:
            yield download(url)
        except (urllib.error.URLError, OSError) as error:
            raise Unavailable(f"download failed: {url}: {error}") from error

    return versions


def _git(clone: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(clone), *args], capture_output=True, check=False)
    except FileNotFoundError as error:
        raise Unavailable("git is not installed") from error


def _other_blobs(clone: Path, path: str) -> list[str]:
    """Every blob the clone's history holds at ``path``, newest first, each once."""
    log = _git(
        clone, "log", "--all", "--full-history", "--format=", "--raw", "--no-abbrev", "--", path
    )
    blobs: list[str] = []
    for line in log.stdout.decode("utf-8", "replace").splitlines():
        fields = line.split(maxsplit=5)  # :old-mode new-mode old-blob new-blob status\tpath
        if line.startswith(":") and len(fields) >= 4:
            blob = fields[3]
            if blob.strip("0") and blob not in blobs:
                blobs.append(blob)
    return blobs


def from_clones(root: Path) -> Versions:
    """The source that reads ``root/<owner>+<name>``: the pinned commit, then the path's
    other versions (``git cat-file``: the stored bytes, no filter or text conversion)."""

    def versions(entry: Entry) -> Iterator[bytes]:
        clone = root / entry.repo.replace("/", "+")
        if not clone.is_dir():
            raise Unavailable(f"no clone at {clone}")
        pinned = _git(clone, "cat-file", "blob", f"{entry.commit}:{entry.path}")
        if pinned.returncode == 0:
            yield pinned.stdout
        for blob in _other_blobs(clone, entry.path):
            found = _git(clone, "cat-file", "blob", blob)
            if found.returncode == 0:
                yield found.stdout
        if pinned.returncode != 0:
            raise Unavailable(
                f"{clone} holds neither commit {entry.commit[:12]} of {entry.path} "
                "nor another version of it with these bytes"
            )

    return versions


def _write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` at ``target`` so that no reader ever sees part of it (written beside
    it under a hidden name, then renamed over it)."""
    temporary = target.with_name(f".{target.name}.restoring")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def restore(entry: Entry, versions: Versions, dest: Path) -> str | None:
    """Put ``entry`` at ``dest/entry.file`` if a version from ``versions`` has its bytes;
    None when it is there, else why not."""
    target = dest / entry.file
    if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == entry.sha256:
        return None
    reason = f"no version of {entry.repo}:{entry.path} has sha256 {entry.sha256[:12]}"
    try:
        for original in versions(entry):
            try:
                kept = kept_bytes(original, entry.lines)
            except Unavailable as short:
                reason = str(short)  # this version is too short; another may not be
                continue
            if hashlib.sha256(kept).hexdigest() == entry.sha256:
                _write_whole(target, kept)
                return None
    except Unavailable as error:
        reason = str(error)
    if target.exists():
        reason += f" (the {entry.file} present does not match; left as it is)"
    return reason


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.corpus.restore",
        description="Put the corpus files back byte-exact (see tests/corpus/README.md).",
    )
    parser.add_argument(
        "--clones",
        type=Path,
        help="folder of clones or bare git directories named <owner>+<name>; "
        "without it, each file is downloaded from GitHub",
    )
    parser.add_argument(
        "--index",
        type=Path,
        action="append",
        help="an index file to restore (repeatable; default: the four sets beside this script)",
    )
    parser.add_argument("--dest", type=Path, default=CORPUS / "files", help="where to put them")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Restore every entry of the chosen indexes; print one line per file not restored."""
    args = _arguments(argv)
    if args.clones is not None and not args.clones.is_dir():
        print(f"restore: --clones {args.clones} is not a folder", file=sys.stderr)
        return 2
    try:
        entries = [entry for index in args.index or INDEXES for entry in read_index(index)]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"restore: cannot read the index: {error}", file=sys.stderr)
        return 2
    versions = from_web() if args.clones is None else from_clones(args.clones)
    args.dest.mkdir(parents=True, exist_ok=True)
    missing = 0
    for entry in entries:
        reason = restore(entry, versions, args.dest)
        if reason is not None:
            missing += 1
            print(f"{entry.file}: not restored: {reason}")
    print(f"{len(entries) - missing} of {len(entries)} files in {args.dest}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
