"""What the CLI does differently on a terminal: a progress bar on stderr, colour on stdout.

Both are off when the stream is not a terminal and in CI (``CI`` set). Colour follows the
common conventions, in this order: ``NO_COLOR`` set to anything non-empty turns it off
(https://no-color.org); ``FORCE_COLOR`` set to anything but ``0`` or empty turns it on, even
into a pipe; otherwise it is on for a terminal, unless ``TERM=dumb`` or ``CI`` is set.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

PROGRESS_MIN_FILES = 200


def wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb" or os.environ.get("CI"):
        return False
    return stream.isatty()


def wants_progress(stream: TextIO, files: int) -> bool:
    return files >= PROGRESS_MIN_FILES and stream.isatty() and not os.environ.get("CI")


class ProgressBar:
    """``[#####.....] 512/1,024 files`` redrawn in place; ``close`` clears the line."""

    width = 30

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.done = total, 0
        self.stream: TextIO | None = stream
        self._drawn = -1

    def __call__(self, count: int) -> None:
        self.done += count
        if self.stream is None:
            return
        filled = self.width * self.done // max(self.total, 1)
        if filled != self._drawn or self.done == self.total:
            self._drawn = filled
            bar = "#" * filled + "." * (self.width - filled)
            self._draw(f"\r[{bar}] {self.done:,}/{self.total:,} files")

    def close(self) -> None:
        if self.stream is not None:
            self._draw("\r\033[K")

    def _draw(self, text: str) -> None:
        """A bar that cannot be drawn (the terminal went away) is dropped, not fatal."""
        assert self.stream is not None
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None
