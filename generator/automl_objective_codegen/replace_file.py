"""Rewriting a file a person keeps (the schema ``sync --write`` writes into, the README whose
rules table ``generate`` rewrites): atomically, and never at the cost of a link.

- A symbolic link is written through: its final target is replaced and the link stays.
  Replacing the link itself would turn it into a copy and leave its target, which everyone
  else reads, stale.
- A file with more than one hard link is refused: a rename would give this name a new file and
  leave the other names the old text, and writing in place is not atomic.
- The text is encoded before any file is created (text UTF-8 cannot hold leaves nothing
  behind), written in full to a temporary beside the target, then renamed over it; the
  target's permission bits are kept.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


class ReplaceError(Exception):
    """The file cannot, or must not, be rewritten; the message is one line naming it."""


def replaceable_target(path: Path) -> Path:
    """The file a rewrite of ``path`` replaces (its final target, for a symbolic link);
    ``ReplaceError`` when it is missing, not a regular file, or hard-linked."""
    try:
        target = Path(os.path.realpath(path, strict=True))
        status = os.stat(target)
    except (OSError, RuntimeError) as error:  # missing, a dangling link, a loop
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ReplaceError(f"{path}: cannot write: {reason}") from None
    if not stat.S_ISREG(status.st_mode):
        raise ReplaceError(f"{path}: cannot write: not a regular file")
    if status.st_nlink > 1:
        raise ReplaceError(
            f"{path}: has {status.st_nlink} hard links; rewriting it would leave the other "
            "names with the old text, so it is left as it is (make it one file, or a "
            "symbolic link, and run again)"
        )
    return target


def replace_text(path: Path, text: str) -> None:
    """Make ``path`` (through a symbolic link: its target) hold ``text`` in UTF-8, atomically;
    ``ReplaceError`` (one line) with the file as it was and no temporary left."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ReplaceError(
            f"{path}: cannot write: U+{ord(text[error.start]):04X} at character {error.start} "
            "has no UTF-8 form"
        ) from None
    target = replaceable_target(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.unlink(missing_ok=True)  # one a killed run of this pid left
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            os.fchmod(descriptor, mode)  # the umask narrowed what os.open was given
            with os.fdopen(descriptor, "wb", closefd=False) as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise ReplaceError(f"{path}: cannot write: {error.strerror or error}") from None
