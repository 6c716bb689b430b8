"""Expand the paths given on the command line into the documents to check."""

from __future__ import annotations

import collections
import itertools
import operator
import os
import stat

from automl_objective.base.quoting import printable
from automl_objective.inputs.globs import Globs
from automl_objective.inputs.registry import default_include
from automl_objective.inputs.source import STDIN_NAME, Source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__", ".tox")


class DiscoveryError(ValueError):
    """A path that does not exist, or a set of paths that matched nothing."""


def _entries(directory: str) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as listing:
        return sorted(listing, key=lambda entry: entry.name)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # e.g. a symlink loop: checking it as a file reports it
        return False


def _walk(root: str, include_globs: Sequence[str], exclude_globs: Sequence[str]) -> list[Source]:
    """Depth first, in name order, with a stack rather than recursion (a tree can be deeper
    than Python's recursion limit); symlinked folders are not followed. A folder that
    cannot be listed becomes a source that reports why."""
    include, exclude = Globs(include_globs), Globs(exclude_globs)
    found: list[Source] = []
    stack = [(root, "")]
    while stack:
        directory, rel_dir = stack.pop()
        try:
            entries = _entries(directory)
        except OSError as error:
            why = f"cannot read this folder: {error.strerror or error}"
            found.append(Source(directory, directory, why))
            continue
        subdirs = []
        for entry in entries:
            relative = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if _is_dir(entry):
                if not entry.is_symlink() and not exclude(relative):
                    subdirs.append((os.path.join(directory, entry.name), relative))
            elif include(relative) and not exclude(relative):
                path = os.path.join(directory, entry.name)
                found.append(Source(path, path, found=True))
        stack.extend(reversed(subdirs))
    return found


def _posix_split(raw: str) -> tuple[str, str]:
    """``os.path.split`` of a path on POSIX, by one ``str`` method where the path is
    ``folder/name``: posixpath's costs 6 k instructions a call (a run of ten thousand files
    named splits each one twice)."""
    head, _, tail = raw.rpartition("/")
    if head and head[-1] != "/":
        return head, tail
    cut = raw.rfind("/") + 1  # no folder, the root, or slashes repeated: as posixpath does
    head, tail = raw[:cut], raw[cut:]
    return (head.rstrip("/") if head.strip("/") else head), tail


_split = _posix_split if os.sep == "/" and os.altsep is None else os.path.split


class _Listings:
    """What each parent folder holds, read once with scandir: telling files from folders by
    the listing's entry types costs no system call per path, where a stat per path does
    (a shell glob can name tens of thousands of files).

    A folder is listed only while its listing stays small beside the paths named in it (at
    most :data:`LISTED_PER_NAMED` entries for each, plus :data:`LISTED_ANYWAY`): a thousand
    files named out of a folder of ten thousand are told by a stat each. (Listing the whole
    folder cost 29 M instructions and 16 ms there, the stats 7 M and 3 ms; where most of a
    folder is named, the listing is the faster: 45 ms against 62 ms for ten thousand. A
    listing given up after 1,064 entries cost 1.7 M.)

    A listing keeps only the names of its regular files (not symbolic links): a path named
    is a file when its folder's listing holds its name, told by one set lookup; anything
    else (a folder, a link, a name not there) is left to a stat."""

    def __init__(self, paths: Sequence[str]) -> None:
        self._paths = paths
        self._folders: dict[str, frozenset[str] | None] = {}
        self._named: dict[str, int] | None = None  # paths named in each folder, once asked

    def named_files(self) -> list[Source] | None:
        """The sources of the paths, when each is ``folder/name`` naming a regular file its
        folder's listing holds (the common case: a shell glob's files): told for all of
        them at once, by C loops (map, sets), with no Python run per path. None when a path
        needs :meth:`is_file` or a stat (a folder, a link, a name with no folder, a folder
        too large to list)."""
        paths = self._paths
        parts = list(map(str.rpartition, paths, itertools.repeat("/")))
        folders = collections.Counter(map(_HEAD, parts))
        if "" in folders or any(folder.endswith("/") for folder in folders):
            return None  # no folder, the root, or slashes repeated: split one by one
        self._named = dict(folders)
        for folder in folders:
            if folder not in self._folders:
                self._folders[folder] = self._listing(folder)
        if any(self._folders[folder] is None for folder in folders):
            return None
        listed: dict[str, frozenset[str]] = self._folders  # type: ignore[assignment]
        if len(folders) == 1:
            regular = listed[next(iter(folders))].issuperset(map(_TAIL, parts))
        else:
            files_of = map(listed.__getitem__, map(_HEAD, parts))
            regular = all(map(frozenset.__contains__, files_of, map(_TAIL, parts)))
        if not regular:
            return None
        fields = zip(paths, paths, itertools.repeat(None), itertools.repeat(False))
        return list(map(_NEW_TUPLE, itertools.repeat(Source), fields))

    def is_file(self, raw: str) -> bool:
        """Whether the listing of the path's folder shows a regular file of its name; False
        when only a stat can tell."""
        folder, name = _split(raw)
        files = self._folders.get(folder, _UNLISTED)
        if files is _UNLISTED:
            files = self._folders[folder] = self._listing(folder)
        return files is not None and name in files  # never "", "." or "..": no entry's name

    def _listing(self, folder: str) -> frozenset[str] | None:
        """The names of the folder's regular files; None for a folder too large to list
        (see the class)."""
        if self._named is None:
            self._named = {}
            for raw in self._paths:
                named = _split(raw)[0]
                self._named[named] = self._named.get(named, 0) + 1
        most = LISTED_PER_NAMED * self._named.get(folder, 0) + LISTED_ANYWAY
        try:
            with os.scandir(folder or ".") as entries:
                listed = list(itertools.islice(entries, most + 1))
            if len(listed) > most:
                return None
            # a regular file, not a link to one: from the entry's type (no system call)
            return frozenset([e.name for e in listed if e.is_file(follow_symlinks=False)])
        except (OSError, UnicodeEncodeError, ValueError):  # ValueError: a NUL in the name
            return frozenset()  # (OSError: an entry gone since) each path told by a stat


_UNLISTED: Any = object()
_HEAD = operator.itemgetter(0)
_TAIL = operator.itemgetter(2)


LISTED_PER_NAMED = 1
"""A folder is listed while it holds at most this many entries for each path named in it."""
LISTED_ANYWAY = 64


def _named_path_excluded(raw: str, exclude: Globs) -> bool:
    """Whether an exclude glob matches a path named on the command line: its name, its
    path as given, or one of its parent folders (``node_modules/x/job.json``)."""
    normal = os.path.normpath(raw).replace(os.sep, "/")
    root, parts = (
        ("/", normal[1:].split("/")) if normal.startswith("/") else ("", normal.split("/"))
    )
    return any(exclude(root + "/".join(parts[: i + 1])) for i in range(len(parts)))


def _is_directory(raw: str) -> bool:
    """Whether a named path is a directory. A path that does not exist, a broken link or an
    unreadable path is not: checking it reports why, as an ``unreadable`` finding of that file
    (the API's rule too), and the other files are still checked; so is a path no file name
    can hold (a lone surrogate, which the API may be given)."""
    try:
        return stat.S_ISDIR(os.stat(raw).st_mode)
    except (OSError, UnicodeEncodeError):
        return False


def _named(raw: str) -> Source:
    """The source of a file named on the command line: ``Source(raw, raw)``, made in C (a
    NamedTuple's own ``__new__`` is a Python function, called for each of the files)."""
    source: Source = _NEW_TUPLE(Source, (raw, raw, None, False))
    return source


_NEW_TUPLE: Any = tuple.__new__


def discover(
    paths: Sequence[str],
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    *,
    force_exclude: bool = False,
    allow_directories: bool = True,
) -> list[Source]:
    """Files named directly are checked whatever the globs say, unless ``force_exclude``:
    then ``exclude`` applies to them too, and excluding every one of them is not an error
    (pre-commit names files and lets the tool's excludes decide). Directories are searched
    with the globs (``include`` None: the files of every input kind); with
    ``allow_directories`` false, naming one is an error."""
    include = default_include() if include is None else include
    if any(not pattern for pattern in include):
        raise DiscoveryError("an empty include pattern matches no file")
    excluded = Globs(exclude) if force_exclude else None
    listings = _Listings(paths) if len(paths) > 64 else None
    if listings is not None and excluded is None and STDIN_NAME not in paths:
        named = listings.named_files()
        if named is not None:
            return named
    sources, searched, excluded_by_name = _each_path(
        paths, include, exclude, excluded, listings, allow_directories
    )
    if not sources and not excluded_by_name:
        raise DiscoveryError(
            printable(f"no files matched in {', '.join(searched)} (include: {', '.join(include)})")
            if searched
            else "no files matched"
        )
    return sources


def _each_path(
    paths: Sequence[str],
    include: Sequence[str],
    exclude: Sequence[str],
    excluded: Globs | None,
    listings: _Listings | None,
    allow_directories: bool,
) -> tuple[list[Source], list[str], bool]:
    """:func:`discover`'s sources one path at a time, the directories searched, and whether
    a named file was excluded."""
    sources: list[Source] = []
    searched: list[str] = []
    excluded_by_name = False
    for raw in paths:
        if raw == STDIN_NAME:
            sources.append(Source(None, "<stdin>"))
            continue
        if not raw or "\0" in raw:
            raise DiscoveryError(
                f"{printable(repr(raw))}: not a usable path (empty, or holds a NUL byte)"
            )
        if excluded is not None and _named_path_excluded(raw, excluded):
            excluded_by_name = True
            continue
        if listings is not None and listings.is_file(raw):
            sources.append(_named(raw))
            continue
        is_dir = _is_directory(raw)
        if is_dir and not allow_directories:
            raise DiscoveryError(
                f"{printable(raw)}: is a directory (name one file, or - for stdin)"
            )
        if is_dir:
            searched.append(raw)
            sources.extend(_walk(raw, include, exclude))
        else:
            sources.append(_named(raw))
    return sources, searched, excluded_by_name
