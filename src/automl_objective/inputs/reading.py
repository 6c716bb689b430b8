"""The one way a file's bytes are read, and turned into text: every input kind reads through
here.

Reading refuses what is not a document before anything parses it: files over the size limit
(never read whole), FIFOs, sockets and devices (reading one can block forever), folders,
missing files and broken links; standard input is read within the same limit. Decoding
refuses binary data and UTF-16, and reads UTF-8 (a byte-order mark dropped), or, for Python
source, the encoding Python itself reads it in (:func:`decode_python`: PEP 263). Anything
wrong raises :class:`~automl_objective.inputs.document.LoadError`, which carries a position
where there is one.
"""

from __future__ import annotations

import os
import stat

from automl_objective.inputs.document import LoadError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import IO

MAX_BYTES = 10 * 1024 * 1024
"""Default size limit: a SageMaker request is a few kilobytes; anything near this is not one."""

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def decode(path: str, raw: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped), or a :class:`LoadError` that says why not."""
    if raw.startswith(_UTF16_BOMS):
        from automl_objective.base.codes import Code

        raise LoadError(path, "UTF-16 text: save the file as UTF-8", code=Code.ENCODING)
    if b"\x00" in raw:
        line, _ = _byte_position(raw, raw.index(b"\x00"))
        from automl_objective.base.codes import Code

        raise LoadError(
            path, "binary data (a NUL byte), not a JSON or YAML document", line, code=Code.ENCODING
        )
    # As the "utf-8-sig" codec decodes, by the C decoder without that codec's Python
    # function call; a bad byte's offset counted in the file (the mark's bytes too).
    marked = raw.startswith(_UTF8_BOM)
    try:
        return (raw[3:] if marked else raw).decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if marked else 0)
        line, column = _byte_position(raw, offset)
        from automl_objective.base.codes import Code

        raise LoadError(
            path, f"not UTF-8 text (byte {offset})", line, column, code=Code.ENCODING
        ) from None


def decode_leniently(raw: bytes) -> str:
    """Text of bytes :func:`decode` refuses, read as well as they can be, only to look in it
    for signs of an AutoML request: UTF-32 or UTF-16 as a byte-order mark says; without one,
    when NUL bytes are there, as whichever of UTF-8, UTF-16 and UTF-32 (either byte order)
    reads the file's first 64 KiB into the most ASCII text other than NULs, less the NULs (a
    request's names are ASCII: UTF-16 or UTF-32 text read as UTF-8 leaves NULs beside its
    letters, UTF-8 text with a stray NUL read as UTF-16 hardly any ASCII); anything else as
    UTF-8. Each byte that is not text is replaced."""
    if raw.startswith(_UTF32_BOMS):  # first: UTF-32's little-endian mark starts as UTF-16's
        return raw.decode("utf-32", "replace")
    if raw.startswith(_UTF16_BOMS):
        return raw.decode("utf-16", "replace")
    if b"\x00" not in raw:
        return raw.decode("utf-8-sig", "replace")
    sample = raw[:_SAMPLE]
    codec = max(_WITHOUT_MARK, key=lambda codec: _legible(sample.decode(codec, "replace")))
    return raw.decode(codec, "replace")


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_SAMPLE = 64 * 1024
_WITHOUT_MARK = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _legible(text: str) -> int:
    """How much ASCII text other than NUL ``text`` holds, less its NULs."""
    return len(text.encode("ascii", "ignore")) - 2 * text.count("\x00")


def decode_python(display: str, raw: bytes) -> str:
    """A ``.py`` file's text, decoded as Python decodes it (``tokenize.detect_encoding``).
    Raises LoadError (code ``encoding``) for bytes that are not text in that encoding."""
    if raw.startswith(_UTF16_BOMS):
        from automl_objective.base.codes import Code

        raise LoadError(display, "UTF-16 text: save the file as UTF-8", code=Code.ENCODING)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        from automl_objective.base.codes import Code

        raise LoadError(display, "binary data (a NUL byte), not Python", line, code=Code.ENCODING)
    import codecs
    import io
    import tokenize  # only Python files pay for importing it

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:  # an unknown encoding, or one the byte-order mark denies
        why = " ".join(str(error).split())
        if why.startswith("encoding problem") and raw.startswith(codecs.BOM_UTF8):
            why = "a UTF-8 byte-order mark, and a coding line naming another encoding"
        if "invalid or missing encoding declaration" not in why:
            from automl_objective.base.codes import Code

            raise LoadError(display, why, code=Code.ENCODING) from None
        encoding = "utf-8"  # no declaration, and not UTF-8: said with its place below
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        named = "UTF-8" if encoding.startswith("utf-8") else encoding
        message = f"not {named} text (byte {error.start})"
        from automl_objective.base.codes import Code

        raise LoadError(display, message, line, column, code=Code.ENCODING) from None
    except LookupError as error:  # a codec Python knows for source but cannot decode with
        from automl_objective.base.codes import Code

        raise LoadError(display, f"cannot decode: {error}", code=Code.ENCODING) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column of a byte, counted as every position is (in characters of the
    text before it, which may itself not be UTF-8: a bad byte counts as one character)."""
    from automl_objective.inputs.positions import line_column

    before = raw[:offset].decode("utf-8-sig", "replace")
    return line_column(before, len(before))


_CHUNK = 65536
_STREAM_PATHS = ("/dev/stdin", "/dev/fd/", "/proc/self/fd/")
"""Paths that name one of this process's own streams (``<(cmd)``, ``/dev/stdin``): a pipe
there is what the user meant to pass, so it is read, within the limit."""


def read_stream(path: str, handle: IO[bytes], max_bytes: int) -> bytes:
    """At most ``max_bytes`` from ``handle``; a longer input is refused, not read whole.

    Never more than ``max_bytes + 1`` bytes are read, whatever the reported size: files in
    /proc report 0, and a file can grow while it is read. A regular file whose size is known
    is read in one call (plus one that sees its end: a stream may return less than asked
    before its end).
    """
    try:
        info = os.fstat(handle.fileno())
    except (OSError, AttributeError, ValueError):  # e.g. an in-memory stream
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        from automl_objective.base.codes import Code

        raise LoadError(path, "is a directory", code=Code.UNREADABLE)
    size = info.st_size if info is not None and stat.S_ISREG(info.st_mode) else 0
    if size > max_bytes:
        raise _too_large(path, max_bytes)
    return _read_at_most(path, _waiting_reader(handle), max_bytes, size + 1 if size else _CHUNK)


def _waiting_reader(handle: IO[bytes]) -> Callable[[int], bytes]:
    """``handle.read``, but waiting where a non-blocking stream (stdin left non-blocking by
    the program that started us) has nothing yet: that is not the end of the input."""

    def read(size: int) -> bytes:
        while True:
            try:
                chunk = handle.read(size)
            except BlockingIOError:
                chunk = None
            if chunk is not None:
                return chunk
            import select

            select.select([handle], [], [])

    return read


def _read_at_most(
    path: str,
    read: Callable[[int], bytes],
    max_bytes: int,
    first: int,
    *,
    short_is_end: bool = False,
    read_before: bytes = b"",
) -> bytes:
    """Chunks until the end, or until more than ``max_bytes`` came (``read_before``
    included). With ``short_is_end`` (a regular file), a read that returns less than it asked
    for is the end: no further call is made only to see it."""
    chunks, total, want = [read_before] if read_before else [], len(read_before), first
    while total <= max_bytes:
        asked = min(want, max_bytes + 1 - total)
        chunk = read(asked)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if short_is_end and len(chunk) < asked:
            break
        want = _CHUNK
    if total > max_bytes:
        raise _too_large(path, max_bytes)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _not_regular(mode: int) -> str | None:
    """Why a file of this type is not read (reading a FIFO or a device can block forever)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode):
        return "a character device, not a regular file"
    if stat.S_ISBLK(mode):
        return "a block device, not a regular file"
    return None


def _read_path(path: str | Path, name: str, max_bytes: int) -> bytes:
    """Open without blocking (a FIFO with no writer would wait forever), then look at what
    was opened, not at what the name pointed to a moment earlier."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            from automl_objective.base.codes import Code

            raise LoadError(name, "is a directory", code=Code.UNREADABLE)
        if not stat.S_ISREG(info.st_mode):
            why = _not_regular(info.st_mode)
            if why is not None and not os.fspath(path).startswith(_STREAM_PATHS):
                from automl_objective.base.codes import Code

                raise LoadError(name, why, code=Code.UNREADABLE)
            os.set_blocking(fd, True)
        regular = stat.S_ISREG(info.st_mode)
        size = info.st_size if regular else 0
        if size > max_bytes:
            raise _too_large(name, max_bytes)
        # A regular file's read returns less than asked only at its end (asking one byte
        # more than its size sees the end in the same call, the common case, read here; a
        # file grown meanwhile fills the call and is read on, within the limit).
        read_before = os.read(fd, size + 1) if size else b""
        if size and len(read_before) <= size:
            return read_before
        return _read_at_most(
            name,
            lambda n: os.read(fd, n),
            max_bytes,
            _CHUNK,
            short_is_end=regular,
            read_before=read_before,
        )
    finally:
        os.close(fd)


def _too_large(path: str, max_bytes: int) -> LoadError:
    from automl_objective.base.codes import Code

    return LoadError(
        path, f"larger than the {max_bytes:,}-byte size limit; not read", code=Code.TOO_LARGE
    )


def _os_problem(path: str | Path, error: OSError) -> str:
    import errno  # a module to load, for a file that cannot be read only

    if error.errno == errno.ENXIO:  # opening a socket
        try:
            why = _not_regular(os.stat(path).st_mode)
        except (OSError, ValueError):
            why = None
        if why is not None:
            return why
    return f"cannot read: {error.strerror or error}"


def read_file(path: str | Path, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read one file's bytes, within the size limit; :class:`LoadError` if it cannot."""
    try:
        return _read_path(path, name, max_bytes)
    except FileNotFoundError:
        if os.path.islink(path):
            target = os.readlink(path)
            from automl_objective.base.codes import Code

            raise LoadError(
                name, f"broken symbolic link (to {target})", code=Code.UNREADABLE
            ) from None
        from automl_objective.base.codes import Code

        raise LoadError(name, "no such file", code=Code.UNREADABLE) from None
    except OSError as error:
        from automl_objective.base.codes import Code

        raise LoadError(name, _os_problem(path, error), code=Code.UNREADABLE) from None
    except UnicodeEncodeError as error:  # a lone surrogate no byte stands for
        surrogate = repr(error.object[error.start])
        why = f"the path holds a lone surrogate ({surrogate}), which no file name can hold"
        from automl_objective.base.codes import Code

        raise LoadError(name, why, code=Code.UNREADABLE) from None
    except ValueError:  # a NUL byte in the name
        from automl_objective.base.codes import Code

        raise LoadError(name, "the path contains a NUL byte", code=Code.UNREADABLE) from None
