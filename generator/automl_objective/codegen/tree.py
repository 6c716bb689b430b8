"""Compare the rendered outputs with generated/ on disk, and write them atomically.

Writing is two-phase: every new or changed file is first written in full to a hidden temporary
file beside its target, and only when all of them are on disk are they renamed into place
(``os.replace``, atomic per file). An interrupted run leaves the previous tree, plus temporary
files that the next run removes. A lock on the output directory serialises concurrent runs.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

TEMP_SUFFIX = ".automl-objective-tmp"
IGNORED_DIRS = ("__pycache__",)


@dataclass
class Plan:
    """What writing the outputs would change."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def existing_files(root: Path) -> list[str]:
    """Files under ``root`` that the generator owns (everything but caches and temporaries)."""
    if not root.is_dir():
        return []
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in IGNORED_DIRS)
        for name in sorted(files):
            if not name.endswith(TEMP_SUFFIX):
                found.append((Path(directory) / name).relative_to(root).as_posix())
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def plan(outputs: Mapping[str, str], root: Path) -> Plan:
    result = Plan()
    for relative, text in sorted(outputs.items()):
        current = _read(root / relative)
        if current is None and not (root / relative).exists():
            result.added.append(relative)
        elif current != text:
            result.changed.append(relative)
    result.removed = [p for p in existing_files(root) if p not in outputs]
    return result


def diff(outputs: Mapping[str, str], root: Path, changes: Plan) -> str:
    """A unified diff from the tree on disk to the rendered outputs."""
    chunks: list[str] = []
    for relative in sorted([*changes.added, *changes.changed, *changes.removed]):
        old = _read(root / relative) or ""
        new = outputs.get(relative, "")
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{relative}" if relative not in changes.added else "/dev/null",
                tofile=f"b/{relative}" if relative not in changes.removed else "/dev/null",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``root`` (a directory) where the platform offers one."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _remove_temporaries(root: Path) -> None:
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in IGNORED_DIRS]
        for name in files:
            if name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    (Path(directory) / name).unlink()


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}{TEMP_SUFFIX}")


def write(outputs: Mapping[str, str], root: Path) -> Plan:
    """Make ``root`` hold exactly ``outputs``; returns what changed."""
    root.mkdir(parents=True, exist_ok=True)
    with locked(root):
        _remove_temporaries(root)
        changes = plan(outputs, root)
        staged: list[tuple[Path, Path]] = []
        try:
            for relative in [*changes.added, *changes.changed]:
                target = root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = _temporary(target)
                with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(outputs[relative])
                    handle.flush()
                    os.fsync(handle.fileno())
                staged.append((temporary, target))
        except BaseException:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
            raise
        for temporary, target in staged:
            os.replace(temporary, target)
        for relative in changes.removed:
            (root / relative).unlink(missing_ok=True)
        _remove_empty_dirs(root)
    return changes


def _remove_empty_dirs(root: Path) -> None:
    for directory, _, _ in sorted(os.walk(root), key=lambda entry: -len(entry[0])):
        path = Path(directory)
        if path != root and not any(path.iterdir()):
            path.rmdir()
