"""The input kinds, in one table: every kind of file that AutoML requests are written in.

A new kind is one module (its :class:`~automl_objective.inputs.kind.InputKind` and how it
reads) and one line in :data:`KINDS`. The rest follows from the table: the files a folder
scan reads (:func:`default_include`, ``--include``'s default and help), which kind reads a
file (:func:`read`), the README's kinds table (rendered by ``automl-objective generate``) and
the pre-commit hooks' patterns (.pre-commit-hooks.yaml, checked against the table by
tests/end_to_end/test_precommit.py). The kinds' modules are light: each imports what does
the reading (``ast``, PyYAML, nbformat) only when it reads a file.
"""

from __future__ import annotations

from functools import cache
from typing import IO

from automl_objective.base.codes import Code
from automl_objective.base.finding import internal_error_message
from automl_objective.inputs import (
    notebooks,
    pipelines,
    python_files,
    request_files,
    state_machines,
    templates,
)
from automl_objective.inputs.document import Contents, Document, Format, LoadError
from automl_objective.inputs.globs import Globs
from automl_objective.inputs.kind import InputKind
from automl_objective.inputs.reading import MAX_BYTES, decode, read_file, read_stream
from automl_objective.inputs.source import Source
from automl_objective.inputs.syntax import parse_text

KINDS: tuple[InputKind, ...] = (
    request_files.KIND,
    pipelines.KIND,
    state_machines.KIND,
    templates.KIND,
    python_files.KIND,
    notebooks.KIND,
)
"""Every input kind. Order matters: the first kind with a syntax of its own whose globs match
a file's name reads it; a JSON or YAML document is of the first kind that recognises it, and
otherwise of the kind that recognises none (the request document)."""


def default_include() -> tuple[str, ...]:
    """The file names a folder scan reads: every kind's globs, each once, in order."""
    return tuple(dict.fromkeys(glob for kind in KINDS for glob in kind.globs))


def claim(path: str) -> InputKind | None:
    """The kind with a syntax of its own that reads ``path`` by its name, if one does."""
    for kind in KINDS:
        if kind.read is not None and _compiled(kind.globs)(path):
            return kind
    return None


@cache
def _compiled(globs: tuple[str, ...]) -> Globs:
    return Globs(globs)


def recognise(data: object) -> InputKind:
    """The kind of a parsed JSON or YAML document."""
    fallback = None
    for kind in KINDS:
        if kind.requests is None:
            continue
        if kind.recognises is None:
            fallback = fallback or kind
        elif kind.recognises(data):
            return kind
    assert fallback is not None, "the registry holds a kind for any other document"
    return fallback


def split(document: Document) -> Contents:
    """The requests a parsed document holds, as the kind it is reads them. A failure of the
    kind's reading (a bug, never the user's fault) is an ``internal-error`` for this file."""
    requests = recognise(document.data).requests
    assert requests is not None
    try:
        return requests(document)
    except Exception as error:
        message = internal_error_message(error, "checking")
        raise LoadError(document.path, message, code=Code.INTERNAL_ERROR) from None


def read(
    name: str,
    raw: bytes,
    *,
    format: Format | None = None,
    by_kind: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Contents:
    """What a file's bytes hold: read by the kind that claims its name, else parsed as JSON
    or YAML (``format``, when given, says which, and no kind claims the file) and split as
    the kind of document it is (with ``by_kind`` false: the whole document is the request).
    ``max_bytes`` bounds any other file the document names (a kind with a syntax of its own
    reads none). Raises :class:`LoadError` for a file that cannot be read as its kind."""
    kind = claim(name) if format is None else None
    if kind is None:
        text = decode(name, raw)
        return read_text(name, text, format=format, by_kind=by_kind, max_bytes=max_bytes)
    reader = kind.read
    assert reader is not None
    try:
        return reader(name, raw)
    except LoadError:
        raise
    except Exception as error:  # the kind's own failure: one finding for this file alone
        message = internal_error_message(error, "reading")
        raise LoadError(name, message, code=Code.INTERNAL_ERROR) from None


def read_text(
    name: str,
    text: str,
    *,
    format: Format | None = None,
    by_kind: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Contents:
    """What a JSON or YAML document's text holds (see :func:`read`)."""
    document = parse_text(name, text, format)
    document.max_bytes = max_bytes  # for a file it names, read by its kind
    return split(document) if by_kind else Contents.whole(document)


def read_decoded(
    name: str,
    text: str,
    *,
    format: Format | None = None,
    by_kind: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Contents:
    """What a file's text holds, as :func:`read` reads its bytes: an editor's unsaved buffer,
    already decoded, judged as the saved file would be (``max_bytes`` bounds the files it
    names)."""
    kind = claim(name) if format is None else None
    if kind is None:
        return read_text(name, text, format=format, by_kind=by_kind, max_bytes=max_bytes)
    reader = kind.read_decoded
    assert reader is not None, f"{kind.name} reads decoded text"
    try:
        return reader(name, text)
    except LoadError:
        raise
    except Exception as error:  # the kind's own failure: one finding for this file alone
        message = internal_error_message(error, "reading")
        raise LoadError(name, message, code=Code.INTERNAL_ERROR) from None


def read_source(
    source: Source,
    max_bytes: int,
    *,
    by_kind: bool = True,
    stdin_text: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Contents:
    """What one source holds: a file, or standard input (from ``stdin_text``, else read from
    the binary stream ``stdin``), read within ``max_bytes``."""
    if source.problem is not None:
        raise LoadError(source.display, source.problem, code=Code.UNREADABLE)
    if source.path is not None:
        raw = read_file(source.path, source.display, max_bytes)
        return read(source.display, raw, by_kind=by_kind, max_bytes=max_bytes)
    if stdin_text is not None:
        return read_text(source.display, stdin_text, by_kind=by_kind, max_bytes=max_bytes)
    if stdin is None:
        raise LoadError(source.display, "no standard input was given", code=Code.UNREADABLE)
    try:
        raw = read_stream(source.display, stdin, max_bytes)
    except OSError as error:
        why = f"cannot read: {error.strerror or error}"
        raise LoadError(source.display, why, code=Code.UNREADABLE) from None
    return read(source.display, raw, by_kind=by_kind, max_bytes=max_bytes)
