"""Expand the paths given on the command line into the documents to check."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from automl_objective.documents import STDIN_NAME

DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__", ".tox")


class DiscoveryError(ValueError):
    """A path that does not exist, or a set of paths that matched nothing."""


@dataclass(frozen=True)
class Source:
    """One document to check: a file path, or standard input."""

    path: Path | None
    display: str

    @property
    def is_stdin(self) -> bool:
        return self.path is None


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(relative, p) for p in patterns)


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> list[Source]:
    found = []
    for directory, subdirs, files in os.walk(root):  # does not follow directory symlinks
        base = Path(directory)
        rel_dir = base.relative_to(root).as_posix()
        subdirs[:] = sorted(
            d for d in subdirs if not _matches(f"{rel_dir}/{d}".lstrip("./"), exclude)
        )
        for name in sorted(files):
            relative = f"{rel_dir}/{name}".removeprefix("./")
            if _matches(relative, include) and not _matches(relative, exclude):
                path = base / name
                found.append(Source(path, str(path)))
    return found


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
) -> list[Source]:
    """Files named directly are always checked; directories are searched with the globs."""
    sources: list[Source] = []
    for raw in paths:
        if raw == STDIN_NAME:
            sources.append(Source(None, "<stdin>"))
            continue
        path = Path(raw)
        if path.is_dir():
            sources.extend(_walk(path, include, exclude))
        elif path.exists() or path.is_symlink():
            sources.append(Source(path, raw))
        else:
            raise DiscoveryError(f"{raw}: no such file or directory")
    if not sources:
        raise DiscoveryError("no files matched (include: " + ", ".join(include) + ")")
    return sources
