"""The library's public API: validate documents, look up metrics, resolve the objective.

Nothing here prints or exits; the CLI and the reporters do.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from itertools import repeat

from automl_objective import runner
from automl_objective.base.finding import Finding
from automl_objective.check.checker import AUTO, check_options, default_checker
from automl_objective.check.checker import validate_document as _validate_document
from automl_objective.check.resolve import Resolution
from automl_objective.check.resolve import resolve_objective as _resolve_objective
from automl_objective.check.results import FileResult, load_error_result
from automl_objective.inputs import registry
from automl_objective.inputs.document import Contents, Document, LoadError
from automl_objective.inputs.reading import MAX_BYTES, read_file
from automl_objective.inputs.source import Source
from automl_objective.runner import CheckOptions, OptionError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import IO, Any

    from automl_objective.check.catalog import Catalog, Metric, ProblemTypeRule
    from automl_objective.check.placeholders import Placeholders
    from automl_objective.inputs.document import Format
else:

    def __getattr__(name: str) -> Any:
        """The catalog's records (``Catalog``, ``Metric``, ``ProblemTypeRule``), imported
        when first asked for: their classes cost a cold ``validate``, which never uses them,
        4 M instructions. (Not seen by the type checker: to it they are imported above.)"""
        if name in _CATALOG_RECORDS:
            from automl_objective.check import catalog as records

            value = getattr(records, name)
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_CATALOG_RECORDS = ("Catalog", "Metric", "ProblemTypeRule")

FORMATS = (None, "json", "yaml")

__all__ = [
    "Catalog",
    "FileResult",
    "Finding",
    "Metric",
    "OptionError",
    "ProblemTypeRule",
    "Resolution",
    "allowed_metrics",
    "catalog",
    "check_sources",
    "check_text",
    "default_metric",
    "digest_sources",
    "resolve_file",
    "resolve_source",
    "validate_data",
    "validate_file",
]


def catalog() -> Catalog:
    """Metrics and problem types as the canonical schema states them."""
    from automl_objective.check.catalog import load_catalog

    return load_catalog()


def _problem_type_rule(problem_type: object) -> ProblemTypeRule:
    from automl_objective.check.catalog import load_catalog

    if not isinstance(problem_type, str):
        raise TypeError(f"problem_type must be a str, not {type(problem_type).__name__}")
    known = load_catalog()
    if problem_type not in known.problem_type_names:
        raise ValueError(f"problem_type: {known.unknown_problem_type(problem_type)}")
    return known.problem_type(problem_type)


def allowed_metrics(problem_type: str) -> tuple[str, ...]:
    """The MetricName values AWS accepts for a problem type (empty: the objective is unused)."""
    return _problem_type_rule(problem_type).allowed


def default_metric(problem_type: str) -> str | None:
    """The metric AWS uses when AutoMLJobObjective is omitted (None: not used)."""
    return _problem_type_rule(problem_type).default


def _options(kind: object, problem_type: object, strict: object, **more: Any) -> CheckOptions:
    """The options, checked: wrong types and unknown names fail here, naming the argument."""
    options = CheckOptions(kind, problem_type, strict, **more)  # type: ignore[arg-type]
    check_options(options.kind, options.problem_type)
    return options


def _path_argument(path: object) -> Path:
    from pathlib import Path  # not at import: the command line never needs it

    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a str or a pathlib.Path, not {type(path).__name__}")
    return Path(path)


def validate_data(
    data: Any,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    path: str = "<data>",
) -> FileResult:
    """Validate an already-parsed document (a dict from your own code). No positions.

    The data is judged as the document it stands for, as botocore reads it: a tuple is an
    array, a ``str`` or ``dict`` subclass its plain value (none of its methods run). A value
    JSON has no form for (``bytes``, a set, a ``datetime``) is an ``invalid-type`` finding.
    Data no JSON document could hold raises, naming where it is: a key that is not a string
    (:class:`TypeError`); a cycle, nesting deeper than any request, a number too large for a
    double, NaN, over a million members and items (:class:`ValueError`).
    """
    options = _options(kind, problem_type, strict)
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, not {type(path).__name__}")
    data = _plain(data)
    text = json.dumps(data, indent=2, default=str)
    document = Document(path, data, text, "json")
    return _validate_document(
        document, kind=options.kind, problem_type=options.problem_type, strict=options.strict
    )


def _plain(data: Any) -> Any:
    """``data`` as the document it stands for (a tuple as an array, a ``str`` subclass as its
    text, read past its own methods); a ``TypeError`` for a key that is not a string, a
    ``ValueError`` for what else no document holds, each naming where."""
    from automl_objective.check.plain_data import AS_AWS_NUMBER, NotPlainData, plain_copy

    try:
        return plain_copy(data, AS_AWS_NUMBER)
    except NotPlainData as problem:
        if problem.key:
            raise TypeError(str(problem)) from None
        raise


def validate_file(
    path: str | Path,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    format: Format | None = None,
    max_bytes: int = MAX_BYTES,
    placeholders: Placeholders = "report",
) -> FileResult:
    """Read, parse and validate one file; unreadable or unparsable files are invalid results.
    ``placeholders``: a value that is entirely ``${NAME}`` or ``$NAME`` is a ``placeholder``
    finding (``report``) or a value known only at run time (``dynamic``)."""
    options = _options(kind, problem_type, strict, max_bytes=max_bytes, placeholders=placeholders)
    file = _path_argument(path)
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(map(repr, FORMATS))}, not {format!r}")
    try:
        raw = read_file(file, str(path), options.max_bytes)
        by_kind = options.kind == AUTO
        contents = registry.read(
            str(path), raw, format=format, by_kind=by_kind, max_bytes=options.max_bytes
        )
    except LoadError as error:
        return load_error_result(error)
    return runner.check(default_checker(), contents, options)


def check_text(
    text: str,
    path: str,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    skip_unknown: bool = False,
    placeholders: Placeholders = "report",
    max_bytes: int = MAX_BYTES,
) -> FileResult:
    """Validate a document's text as :func:`validate_file` would if it were the file at
    ``path`` (an editor's unsaved buffer): the name says what it is (``.py`` and ``.ipynb``:
    code; otherwise JSON or YAML, pipelines and state machines split into their requests).
    ``skip_unknown`` is :func:`check_sources`'s, ``placeholders`` :func:`validate_file`'s;
    ``max_bytes`` bounds the files the text names (a SAM ``DefinitionUri``), as
    :func:`validate_file`'s does (the text itself is already read)."""
    options = _options(kind, problem_type, strict, placeholders=placeholders, max_bytes=max_bytes)
    result = _check_text(text, path, options)
    if skip_unknown and kind == AUTO:
        return _skip_if_unknown(result, lambda: text)
    return result


def _check_text(text: str, path: str, options: CheckOptions) -> FileResult:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, not {type(path).__name__}")
    try:
        by_kind = options.kind == AUTO
        contents = registry.read_decoded(path, text, by_kind=by_kind, max_bytes=options.max_bytes)
    except LoadError as error:
        return load_error_result(error)
    return runner.check(default_checker(), contents, options)


def check_sources(
    sources: Sequence[Source],
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
    stdin_text: str | None = None,
    stdin: IO[bytes] | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    skip_unknown: bool = False,
    placeholders: Placeholders = "report",
) -> list[FileResult]:
    """Validate every source; results come in the order of ``sources`` whatever ``jobs`` is.

    One bad file never stops the others: it becomes an invalid result with one finding.
    Standard input (a source from ``"-"``) is read from ``stdin_text`` or the binary stream
    ``stdin``; with neither, it is reported as not given. ``progress``, if given, is called
    with the number of files checked since its last call. With ``skip_unknown`` (and kind
    auto), a document that is none of the known kinds is a skipped result, not an invalid
    one: a hook over every JSON file of a folder then passes the files that are not AutoML
    documents at all. A document a folder scan found (``Source.found``) is skipped so
    whatever ``skip_unknown`` says: a folder's JSON and YAML files that hold no AutoML request
    are passed over, as its code without an AutoML call is; a file named keeps its
    ``unknown-document`` finding. ``placeholders`` as for :func:`validate_file`.
    """
    options = _sources_options(
        sources,
        kind,
        problem_type,
        strict,
        max_bytes,
        stdin_text,
        stdin,
        jobs,
        progress,
        placeholders,
    )
    results = runner.check_sources(
        sources, options, stdin_text=stdin_text, stdin=stdin, progress=progress
    )
    return _skipped(sources, results, options, skip_unknown)


def digest_sources(
    sources: Sequence[Source],
    digest: Callable[[Sequence[Source], list[FileResult]], runner.T],
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
    stdin_text: str | None = None,
    stdin: IO[bytes] | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    skip_unknown: bool = False,
    placeholders: Placeholders = "report",
) -> list[runner.T]:
    """:func:`check_sources` (the same options), each run of consecutive sources handed to
    ``digest`` with its results where they were checked: in a forked worker when ``jobs``
    splits the run, so that only what ``digest`` makes of them (a report's lines, say)
    travels back, not the findings (so its value must pickle; what it raises there is raised
    here). Its values come in the order of ``sources``; a run checked in this process is one
    value."""
    options = _sources_options(
        sources,
        kind,
        problem_type,
        strict,
        max_bytes,
        stdin_text,
        stdin,
        jobs,
        progress,
        placeholders,
    )

    def digested(chunk: Sequence[Source], results: list[FileResult]) -> runner.T:
        return digest(chunk, _skipped(chunk, results, options, skip_unknown))

    return runner.digest_sources(
        sources, options, digested, stdin_text=stdin_text, stdin=stdin, progress=progress
    )


def _sources_options(
    sources: object,
    kind: object,
    problem_type: object,
    strict: object,
    max_bytes: object,
    stdin_text: object,
    stdin: object,
    jobs: object,
    progress: object,
    placeholders: object,
) -> CheckOptions:
    """The options of a run over ``sources``, every argument checked (see :func:`_options`)."""
    options = _options(
        kind, problem_type, strict, max_bytes=max_bytes, jobs=jobs, placeholders=placeholders
    )
    if isinstance(sources, (str, bytes)) or not isinstance(sources, Sequence):
        raise TypeError(f"sources must be a sequence of Source, not {type(sources).__name__}")
    if not all(map(isinstance, sources, repeat(Source))):  # in C: ten thousand files, 3 M
        raise TypeError("sources must hold only Source items (see discovery.discover)")
    if stdin_text is not None and not isinstance(stdin_text, str):
        raise TypeError(f"stdin_text must be a str, not {type(stdin_text).__name__}")
    if stdin is not None and not callable(getattr(stdin, "read", None)):
        raise TypeError(f"stdin must be a binary stream, not {type(stdin).__name__}")
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable")
    return options


def _skipped(
    sources: Sequence[Source], results: list[FileResult], options: CheckOptions, unknown: bool
) -> list[FileResult]:
    """``results`` with each document of no known kind skipped where :func:`check_sources`
    says (``unknown``: its ``skip_unknown``)."""
    if options.kind != AUTO:
        return results
    return [
        _passed_over(result, partial(_text_of, source, options.max_bytes), source.display)
        if source.found
        else _skip_if_unknown(result, partial(_text_of, source, options.max_bytes))
        if unknown
        else result
        for source, result in zip(sources, results, strict=True)
    ]


SKIPPED_UNKNOWN = "none of the known kinds"
SKIPPED_OTHER_SHAPE = SKIPPED_UNKNOWN + ": another SageMaker shape ({})"
SKIPPED_UNPARSED = SKIPPED_UNKNOWN + ": it does not parse, and names no AutoML member or metric"
SKIPPED_REFUSED = SKIPPED_UNKNOWN + ": refused as written, and shows no sign of an AutoML request"
SKIPPED_EMPTY = SKIPPED_UNKNOWN + ": empty"


def _passed_over(result: FileResult, text: Callable[[], str | None], path: str) -> FileResult:
    """A result of a file a folder scan found, skipped where the file holds none of the known
    kinds (:func:`_skip_if_unknown`) or, by the rules of
    :mod:`~automl_objective.inputs.look_alikes`, no AutoML request: a document another
    SageMaker shape explains better than an AutoML one, or a JSON or YAML file that is empty
    or whose findings only refuse its reading (:func:`_refused_only`) and that shows no sign
    of an AutoML request. A file named by the naming convention, or claimed by a kind with a
    syntax of its own (code), is never passed over for these."""
    result = _skip_if_unknown(result, text)
    if result.skipped is not None or not result.findings:
        return result
    from automl_objective.base.codes import Code

    refused = _refused_only(result)
    stray = any(
        f.code == Code.UNKNOWN_MEMBER and f.pointer.count("/") == 1 for f in result.findings
    )
    if not (refused or stray) or registry.claim(path) is not None:
        return result
    from automl_objective.inputs.look_alikes import named_as_request

    written = None if named_as_request(path) else text()
    if written is None:
        return result
    if refused:
        return _refused_passed_over(result, path, written)
    shape = _other_shape(path, written)
    if shape is None:
        return result
    return FileResult(result.path, [], None, skipped=SKIPPED_OTHER_SHAPE.format(shape))


def _refused_only(result: FileResult) -> bool:
    """Whether every finding refuses the file's reading, none an AutoML request's: the file
    is empty, not UTF-8 text (UTF-16, binary data) or does not parse (strictly: a YAML member
    name that is not a string, say), or,
    read as a template, state machine or pipeline, each finding is a ``parse-error`` of that
    reading (a function CloudFormation has not) other than one of a file a SAM
    ``DefinitionUri`` names (which may hold the request)."""
    from automl_objective.base.codes import Code

    codes = {f.code for f in result.findings}
    if result.kind is None:
        return codes <= {Code.PARSE_ERROR, Code.EMPTY_DOCUMENT, Code.ENCODING}
    return (
        codes == {Code.PARSE_ERROR}  # first: most failing files have other findings
        and any(k.name == result.kind and k.recognises is not None for k in registry.KINDS)
        and not any("DefinitionUri" in f.pointer.split("/") for f in result.findings)
    )


def _refused_passed_over(result: FileResult, path: str, text: str) -> FileResult:
    """A found file's result whose findings only refuse its reading (:func:`_refused_only`),
    skipped when the file is empty, or when no document of it, read leniently, is an AutoML
    document and its text shows no sign of an AutoML request
    (:func:`.look_alikes.shows_an_automl_request`: a template's AutoML job, a task calling
    createAutoMLJob, an AutoML call in code, a member only AutoML documents have, a metric of
    the schema's). A text that shows one is not read again; one that writes no member of an
    AutoML document (:func:`.look_alikes.may_hold_an_automl_document`) only to tell whether
    it parses, which the reason given says."""
    from automl_objective.base.codes import Code
    from automl_objective.inputs import look_alikes
    from automl_objective.inputs.syntax import read_leniently

    if all(f.code == Code.EMPTY_DOCUMENT for f in result.findings):
        return FileResult(result.path, [], None, skipped=SKIPPED_EMPTY)
    if look_alikes.shows_an_automl_request(text):
        return result
    automl = look_alikes.may_hold_an_automl_document(text)
    try:
        documents = read_leniently(path, text, first_writings=automl)
    except LoadError:
        documents = None
    checker = default_checker()
    if automl and documents and any(checker.kind_of(data) is not None for data in documents):
        return result  # an AutoML document, refused as written: its finding is ours to give
    reason = SKIPPED_UNPARSED if documents is None else SKIPPED_REFUSED
    return FileResult(result.path, [], None, skipped=reason)


def _other_shape(path: str, text: str) -> str | None:
    """The SageMaker shape a request document of one object is better read as
    (:func:`~automl_objective.inputs.look_alikes.other_shape`), or None (a text of several
    documents, or a document some other input kind recognises)."""
    from automl_objective.inputs.look_alikes import other_shape
    from automl_objective.inputs.syntax import read_leniently

    try:
        documents = read_leniently(path, text, first_writings=False)
    except LoadError:
        return None
    if len(documents) != 1 or registry.recognise(documents[0]).recognises is not None:
        return None
    return other_shape(documents[0])


def _skip_if_unknown(result: FileResult, text: Callable[[], str | None]) -> FileResult:
    """A skipped result for a document that is none of the known kinds (not an object, or
    an object with none of the identifying members); any other result unchanged. A file
    that cannot be read or parsed is never skipped: it may be a broken request. One refused
    by the strict parse (a member written twice, a YAML member name that is not a string) is
    skipped when, read leniently (``text`` gives its text again; see
    :func:`~automl_objective.inputs.syntax.read_leniently`), it is none of the known kinds
    either."""
    if result.kind is not None or not result.findings:
        return result
    from automl_objective.base.codes import Code

    not_a_kind = (Code.UNKNOWN_DOCUMENT, Code.INVALID_TYPE)
    if all(f.code in not_a_kind and f.pointer == "" for f in result.findings):
        return FileResult(result.path, [], None, skipped=SKIPPED_UNKNOWN)
    if all(f.code in (Code.DUPLICATE_KEY, Code.PARSE_ERROR) for f in result.findings):
        written = text()
        if written is not None and _of_no_known_kind(result.path, written):
            return FileResult(result.path, [], None, skipped=SKIPPED_UNKNOWN)
    return result


def _of_no_known_kind(path: str, text: str) -> bool:
    """Whether a JSON or YAML text, read leniently (its members written twice kept as
    CloudFormation keeps them, and again as first written; YAML member names that are not
    strings read as written), holds none of the known kinds: no pipeline definition, state
    machine or template, and no AutoML document (code, which an input kind reads by its name,
    never is one). A text that writes no member a known kind needs
    (:func:`.look_alikes.may_be_of_a_known_kind`) is read only to tell whether it parses so:
    once, as CloudFormation reads it (the first writings then read too)."""
    from automl_objective.inputs.look_alikes import may_be_of_a_known_kind
    from automl_objective.inputs.syntax import read_leniently

    if registry.claim(path) is not None:
        return False
    known = may_be_of_a_known_kind(text)
    try:
        documents = read_leniently(path, text, first_writings=known)
    except LoadError:
        return False
    if not known:
        return True
    checker = default_checker()
    return all(
        registry.recognise(data).recognises is None and checker.kind_of(data) is None
        for data in documents
    )


def _text_of(source: Source, max_bytes: int) -> str | None:
    """A found file's text read again, or None (standard input, or no longer readable). Bytes
    that are not UTF-8 (UTF-16, binary data) are read leniently
    (:func:`~automl_objective.inputs.reading.decode_leniently`): the text only serves to tell
    whether the file shows a request, its ``encoding`` finding being kept when it does."""
    if source.path is None:
        return None
    from automl_objective.inputs.reading import decode, decode_leniently

    try:
        raw = read_file(source.path, source.display, max_bytes)
    except (LoadError, OSError):
        return None
    try:
        return decode(source.display, raw)
    except LoadError:
        return decode_leniently(raw)


def resolve_file(
    path: str | Path, *, kind: str = AUTO, problem_type: str | None = None
) -> tuple[FileResult, Resolution | None]:
    """Validate a file and, when it has no errors, resolve its effective objective."""
    options = _options(kind, problem_type, False)
    file = _path_argument(path)
    try:
        _refuse_kinds_of_their_own(str(path))
        raw = read_file(file, str(path), options.max_bytes)
        by_kind = options.kind == AUTO
        contents = registry.read(str(path), raw, by_kind=by_kind, max_bytes=options.max_bytes)
    except LoadError as error:
        return load_error_result(error), None
    return _resolve(contents, options)


_HOLDS_REQUESTS = (
    "holds its requests inside {what}; resolve takes one request document "
    "(validate checks each request in it)"
)


def _refuse_kinds_of_their_own(path: str) -> None:
    """A file an input kind reads by its name (code) holds requests, never is one."""
    kind = registry.claim(path)
    if kind is not None:
        message = _HOLDS_REQUESTS.format(what=kind.called)
        from automl_objective.base.codes import Code

        raise LoadError(path, message, code=Code.UNKNOWN_DOCUMENT)


def resolve_source(
    source: Source,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: IO[bytes] | None = None,
) -> tuple[FileResult, Resolution | None]:
    """:func:`resolve_file` for a source from
    :func:`automl_objective.inputs.discovery.discover`: a file, or standard input read from
    the binary stream ``stdin``."""
    options = _options(kind, problem_type, False, max_bytes=max_bytes)
    if not isinstance(source, Source):
        raise TypeError(f"source must be a Source, not {type(source).__name__}")
    try:
        if source.path is not None:
            _refuse_kinds_of_their_own(source.display)
        contents = registry.read_source(
            source, options.max_bytes, by_kind=options.kind == AUTO, stdin=stdin
        )
    except LoadError as error:
        return load_error_result(error), None
    return _resolve(contents, options)


def _resolve(contents: Contents, options: CheckOptions) -> tuple[FileResult, Resolution | None]:
    document = contents.document
    if document is None:  # a pipeline definition or a state machine: it holds requests
        message = _HOLDS_REQUESTS.format(what=f"a document of kind {contents.kind}")
        from automl_objective.base.codes import Code

        error = LoadError(contents.path, message, code=Code.UNKNOWN_DOCUMENT)
        return load_error_result(error), None
    result = _validate_document(document, kind=options.kind, problem_type=options.problem_type)
    if not result.valid:
        return result, None
    return result, _resolve_objective(document.data, result.kind, options.problem_type)
