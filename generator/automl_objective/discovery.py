"""Expand the paths given on the command line into the documents to check."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from automl_objective.documents import STDIN_NAME

DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__", ".tox")


class DiscoveryError(ValueError):
    """A path that does not exist, or a set of paths that matched nothing."""


class Source(NamedTuple):
    """One document to check: a file path, or standard input.

    A NamedTuple of plain strings: on a run over tens of thousands of files, pathlib objects
    and frozen dataclasses cost measurable time per file.
    """

    path: str | None
    display: str

    @property
    def is_stdin(self) -> bool:
        return self.path is None


class _Globs:
    """Glob patterns compiled once; a path matches by its name or its relative path."""

    def __init__(self, patterns: Sequence[str]) -> None:
        joined = "|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)"
        self._match = re.compile(joined).match

    def __call__(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        return self._match(name) is not None or self._match(relative) is not None


def _walk(root: Path, include_globs: Sequence[str], exclude_globs: Sequence[str]) -> list[Source]:
    include, exclude = _Globs(include_globs), _Globs(exclude_globs)
    found = []
    for directory, subdirs, files in os.walk(root):  # does not follow directory symlinks
        base = Path(directory)
        rel_dir = base.relative_to(root).as_posix()
        subdirs[:] = sorted(d for d in subdirs if not exclude(f"{rel_dir}/{d}".removeprefix("./")))
        for name in sorted(files):
            relative = f"{rel_dir}/{name}".removeprefix("./")
            if include(relative) and not exclude(relative):
                path = os.path.join(directory, name)
                found.append(Source(path, path))
    return found


class _Listings:
    """What each parent folder holds, read once with scandir: telling files from folders by
    the listing's entry types costs no system call per path, where a stat per path does
    (a shell glob can name tens of thousands of files)."""

    def __init__(self) -> None:
        self._folders: dict[str, dict[str, os.DirEntry[str]]] = {}

    def is_dir(self, raw: str) -> bool | None:
        """True or False from the listing; None when only a stat can tell."""
        folder, name = os.path.split(raw)
        if not name or name in (".", ".."):
            return None
        if folder not in self._folders:
            try:
                with os.scandir(folder or ".") as entries:
                    self._folders[folder] = {entry.name: entry for entry in entries}
            except OSError:
                self._folders[folder] = {}
        entry = self._folders[folder].get(name)
        if entry is None or entry.is_symlink():
            return None
        return entry.is_dir(follow_symlinks=False)


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
) -> list[Source]:
    """Files named directly are always checked; directories are searched with the globs."""
    sources: list[Source] = []
    listings = _Listings() if len(paths) > 64 else None
    for raw in paths:
        if raw == STDIN_NAME:
            sources.append(Source(None, "<stdin>"))
            continue
        known = listings.is_dir(raw) if listings is not None else None
        try:
            is_dir = known if known is not None else stat.S_ISDIR(os.stat(raw).st_mode)
        except FileNotFoundError:
            if not os.path.islink(raw):
                raise DiscoveryError(f"{raw}: no such file or directory") from None
            is_dir = False  # a broken symlink: checking it reports it
        except OSError:
            is_dir = False  # unreadable: checking it reports why
        if is_dir:
            sources.extend(_walk(Path(raw), include, exclude))
        else:
            sources.append(Source(raw, raw))
    if not sources:
        raise DiscoveryError("no files matched (include: " + ", ".join(include) + ")")
    return sources
