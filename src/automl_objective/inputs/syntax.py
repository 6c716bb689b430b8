"""JSON or YAML text into a document: the format by the file's name (``.json``; ``.yaml``,
``.yml``), else by its first character. The parsers themselves are
:mod:`~automl_objective.inputs.json_syntax` and :mod:`~automl_objective.inputs.yaml_syntax`
(imported only for a YAML document: PyYAML costs start-up time)."""

from __future__ import annotations

from automl_objective.base.finding import internal_error_message
from automl_objective.base.patterns import on_first_use
from automl_objective.inputs.document import Document, LoadError
from automl_objective.inputs.json_syntax import first_writings as json_first_writings
from automl_objective.inputs.json_syntax import parse_json
from automl_objective.inputs.reading import MAX_BYTES, decode, read_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Protocol

    from automl_objective.inputs.document import Format

YAML_SUFFIXES = (".yaml", ".yml")


if TYPE_CHECKING:

    class Parser(Protocol):
        def __call__(self, path: str, text: str, *, cloudformation: bool = False) -> Document: ...


def detect_format(path: str, text: str) -> Format:
    lowered = path.lower()
    if lowered.endswith(YAML_SUFFIXES):
        return "yaml"
    if lowered.endswith(".json"):
        return "json"
    return "json" if text.lstrip(" \t\r\n")[:1] in ("{", "[") else "yaml"


def parse_text(path: str, text: str, format: Format | None = None) -> Document:
    """Parse a document from its text (a leading byte-order mark is ignored)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        from automl_objective.base.codes import Code

        raise LoadError(path, "empty document", code=Code.EMPTY_DOCUMENT)
    try:
        if (format or detect_format(path, text)) == "yaml":
            from automl_objective.inputs.yaml_syntax import parse_yaml

            try:
                return parse_yaml(path, text)
            except LoadError as error:
                return _as_template(path, text, error, parse_yaml)
        try:
            return parse_json(path, text)
        except LoadError as error:
            return _as_template(path, text, error, parse_json)
    except LoadError:
        raise
    except Exception as error:  # a parser's own failure: one finding for this file alone
        raise _parser_failure(path, error) from None


def _parser_failure(path: str, error: Exception) -> LoadError:
    """A parser's own failure (not a refusal of the text: PyYAML's ``ValueError`` for
    ``!!int abc``), worded as an ``internal-error`` finding of this file alone."""
    from automl_objective.base.codes import Code

    return LoadError(path, internal_error_message(error, "reading"), code=Code.INTERNAL_ERROR)


def read_leniently(path: str, text: str, *, first_writings: bool = True) -> list[Any]:
    """The documents of a text read as leniently as telling whether any is of a known kind
    needs (a folder scan passes over a found file refused by the strict parse when none is):
    a member written twice is kept, the last one, as CloudFormation keeps it, and in YAML a
    member name that is not a string is read as written and each of several documents is read
    (:func:`.yaml_syntax.documents_to_recognise`). Each document is read a second time with
    every member written twice kept at its first writing instead, as no AWS reader keeps it: a
    template whose second ``Resources`` hides its first one's AutoML job is a known kind, and
    the mistake its ``duplicate-key`` finding tells of (a YAML text that writes no key twice
    is read once: its readings are alike, and only given once); without ``first_writings``,
    only the readings CloudFormation would make (whenever they read, the first writings read
    too: the same text, with fewer members). Raises :class:`LoadError` for text that does not
    parse even so, or that the parser fails on (``!!int abc``: a ``ValueError`` of PyYAML's
    construction, which failed the whole folder scan)."""
    try:
        return _read_leniently(path, text, first_writings)
    except LoadError:
        raise
    except Exception as error:  # a parser's own failure, as parse_text words it
        raise _parser_failure(path, error) from None


def _read_leniently(path: str, text: str, first_writings: bool) -> list[Any]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if detect_format(path, text) == "yaml":
        from automl_objective.inputs.yaml_syntax import (
            documents_to_recognise,
            readings_to_recognise,
        )

        if not first_writings:
            return documents_to_recognise(path, text)
        return readings_to_recognise(path, text)
    last = parse_json(path, text, cloudformation=True).data
    if not first_writings:
        return [last]
    try:
        return [last, json_first_writings(text)]
    except Exception:  # refused as the reading that kept the last was not: never so
        raise LoadError(path, "not readable with each member's first writing kept") from None


_TEMPLATE_MARK = on_first_use(r"AWSTemplateFormatVersion|AWS::")


def _as_template(path: str, text: str, error: LoadError, parse: Parser) -> Document:
    """A document refused for a YAML tag or a key written twice, read again as a
    CloudFormation template would be, which allows both (:mod:`.templates`); ``error`` for
    any document that is no template."""
    from automl_objective.base.codes import Code

    if error.code not in (Code.PARSE_ERROR, Code.DUPLICATE_KEY):
        raise error
    if not _TEMPLATE_MARK.search(text):
        raise error
    from automl_objective.inputs.template_marks import recognises

    try:
        document = parse(path, text, cloudformation=True)
    except LoadError:
        raise error from None
    if not recognises(document.data):
        raise error
    return document


def load_path(
    path: str | Path,
    display: str | None = None,
    format: Format | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read (:func:`~automl_objective.inputs.reading.read_file`), decode and parse one JSON
    or YAML file. Raises :class:`LoadError` with a user-facing message."""
    name = display or str(path)
    return parse_text(name, decode(name, read_file(path, name, max_bytes)), format)
