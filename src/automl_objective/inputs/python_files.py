"""Python files and Jupyter notebooks: the AutoML requests their code sends, checked where
they are written (see :mod:`automl_objective.inputs.python.reader`).

A file that sends no AutoML request is simply clean. A ``.py`` file is parsed only when its
text mentions an AutoML call at all, so a folder of ordinary code costs a substring search a
file; a notebook is read as JSON first, and its cells' code is what is searched. A ``.py``
file's bytes are decoded as Python decodes them: a UTF-8 byte-order mark or a PEP 263 coding
line names the encoding, UTF-8 otherwise.
"""

from __future__ import annotations

import codecs
import io
import tokenize
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding, pointer_tokens
from automl_objective.check.checker import Checker
from automl_objective.check.parts import Part, check_parts, version_kind
from automl_objective.check.results import FileResult
from automl_objective.inputs.positions import Request, Spot, deepest
from automl_objective.inputs.reading import LoadError, decode

if TYPE_CHECKING:
    from automl_objective.inputs.document import Locator
    from automl_objective.inputs.python.bindings import Chunk
    from automl_objective.inputs.python.reader import Extracted

PYTHON, NOTEBOOK = "python-source", "jupyter-notebook"


def _locator(extracted: Extracted) -> Locator:
    places = extracted.places

    def locate(requests: Sequence[Request]) -> list[Spot]:
        spots: list[Spot] = []
        for path, key in requests:
            best, (key_place, value_place) = deepest(places, path)
            place = key_place if key and len(best) == len(path) else value_place
            spots.append(((place[1], place[2]), None))
        return spots

    return locate


def _cell_finder(extracted: Extracted) -> Callable[[Finding], int | None]:
    """The cell a finding's position is in (a value bound in one cell, used in another)."""
    places = extracted.places

    def cell_of(finding: Finding) -> int | None:
        _, (key_place, value_place) = deepest(places, pointer_tokens(finding.pointer))
        if (finding.line, finding.column) == key_place[1:]:
            return key_place[0]
        return value_place[0]

    return cell_of


def _part(extracted: Extracted) -> Part:
    complete = extracted.complete and not extracted.fragment_only
    return Part(
        extracted.data,
        version_kind(extracted.version, complete),
        _locator(extracted),
        not extracted.complete,
        cell_of=_cell_finder(extracted),
    )


def _unread(chunk: Chunk) -> Finding:
    """One finding for the AutoML calls of a file (or cell) too large to read."""
    (line, why), more = chunk.unread[0], len(chunk.unread) - 1
    also = f" (and {more:,} more call{'s' if more > 1 else ''} not read)" if more else ""
    message = f"not checked: {why}{also}"
    return Finding("error", Code.TOO_LARGE, "", line, None, message, chunk.cell)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def python_text(display: str, raw: bytes) -> str:
    """A ``.py`` file's text, decoded as Python decodes it (``tokenize.detect_encoding``).
    Raises LoadError (code ``encoding``) for bytes that are not text in that encoding."""
    if raw.startswith(_UTF16_BOMS):
        raise LoadError(display, "UTF-16 text: save the file as UTF-8", code=Code.ENCODING)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise LoadError(display, "binary data (a NUL byte), not Python", line, code=Code.ENCODING)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:  # an unknown encoding, or one the byte-order mark denies
        why = " ".join(str(error).split())
        if why.startswith("encoding problem") and raw.startswith(codecs.BOM_UTF8):
            why = "a UTF-8 byte-order mark, and a coding line naming another encoding"
        if "invalid or missing encoding declaration" not in why:
            raise LoadError(display, why, code=Code.ENCODING) from None
        encoding = "utf-8"  # no declaration, and not UTF-8: said with its place below
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        named = "UTF-8" if encoding.startswith("utf-8") else encoding
        message = f"not {named} text (byte {error.start})"
        raise LoadError(display, message, line, column, code=Code.ENCODING) from None
    except LookupError as error:  # a codec Python knows for source but cannot decode with
        raise LoadError(display, f"cannot decode: {error}", code=Code.ENCODING) from None


def check_code_bytes(checker: Checker, display: str, raw: bytes, *, strict: bool) -> FileResult:
    """:func:`check_code_text` for a file's bytes: a notebook is UTF-8 JSON, a ``.py`` file
    is decoded as Python decodes it."""
    notebook = display.lower().endswith(".ipynb")
    text = decode(display, raw) if notebook else python_text(display, raw)
    return check_code_text(checker, display, text, strict=strict)


def check_code_text(checker: Checker, display: str, text: str, *, strict: bool) -> FileResult:
    """Check the requests a ``.py`` or ``.ipynb`` file's text sends. Raises LoadError for a
    file that is not Python, or not a notebook."""
    from automl_objective.inputs.python.reader import extract, mentions_automl, parse_chunk

    notebook = display.lower().endswith(".ipynb")
    kind = NOTEBOOK if notebook else PYTHON
    if notebook:
        from automl_objective.inputs.notebooks import cell_sources

        code = "\n".join(cell_sources(display, text))
    else:
        code = text
    if not mentions_automl(code):
        return FileResult(display, [], kind)
    extra: list[Finding] = []
    try:
        if notebook:
            from automl_objective.inputs.notebooks import notebook_chunks

            chunks, extra = notebook_chunks(display, text)
        else:  # a large file's syntax is checked as it is bound, by extract
            chunks = [parse_chunk(text, None, display, checked=False)]
        parts = [_part(found) for found in extract(chunks)]
        extra += [_unread(chunk) for chunk in chunks if chunk.unread]
    except LoadError:
        raise
    except SyntaxError as error:  # a .py file's (a notebook's cells are checked one by one)
        message = f"not valid Python: {error.msg}"[:200]
        raise LoadError(display, message, error.lineno, error.offset) from None
    except RecursionError:
        raise LoadError(display, "code nested too deeply to be read") from None
    except Exception as error:  # the reader's own failure: one finding for this file alone
        detail = " ".join(str(error).split())[:200]
        raise LoadError(
            display,
            f"internal error while reading this file ({type(error).__name__}: {detail}); "
            "please report it",
            code=Code.INTERNAL_ERROR,
        ) from None
    return check_parts(checker, display, parts, kind, strict=strict, extra=extra)
