"""The input kinds, in one table: every kind of file that AutoML requests are written in.

A new kind is one module (how it reads) and its
:class:`~automl_objective.inputs.kind.InputKind` in :data:`KINDS`. The rest follows from the
table: the files a folder scan reads (:func:`default_include`, ``--include``'s default and
help), which kind reads a file (:func:`read`), the README's kinds table (rendered by
``automl-objective generate``) and the pre-commit hooks' patterns (.pre-commit-hooks.yaml,
checked against the table by tests/end_to_end/test_precommit.py). A kind's module (what
reads it) is imported only when a file of the kind is read; it imports what does the
reading (``ast``, PyYAML, nbformat) only then too.
"""

from __future__ import annotations

from automl_objective.base.finding import internal_error_message
from automl_objective.inputs import request_files
from automl_objective.inputs.document import Contents, Document, LoadError
from automl_objective.inputs.globs import Globs, lower_suffix, suffix
from automl_objective.inputs.kind import InputKind, OnCall
from automl_objective.inputs.reading import MAX_BYTES, decode, read_file, read_stream
from automl_objective.inputs.source import Source
from automl_objective.inputs.syntax import parse_text
from automl_objective.inputs.template_marks import TEMPLATE_MEMBERS
from automl_objective.inputs.template_marks import recognises as _is_template

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import IO, Any

    from automl_objective.inputs.document import Format


PIPELINE_MEMBERS = ("Version", "Steps")
STATE_MACHINE_MEMBERS = ("StartAt", "States")


def _holding(first: str, second: str) -> Callable[[Any], bool]:
    """Whether a document is an object holding both members (as fast as the test written out:
    it runs on every document)."""

    def holds(data: Any) -> bool:
        return isinstance(data, dict) and first in data and second in data

    return holds


_is_pipeline = _holding(*PIPELINE_MEMBERS)
_is_state_machine = _holding(*STATE_MACHINE_MEMBERS)


def _in(module: str, name: str) -> OnCall:
    return OnCall(f"automl_objective.inputs.{module}", name)


KINDS: tuple[InputKind, ...] = (
    request_files.KIND,
    InputKind(
        name="sagemaker-pipeline-definition",
        globs=("*.json", "*.yaml", "*.yml"),
        told_by="`Version` and `Steps`",
        holds="each `AutoML` step's `Arguments` (in Condition steps' branches too), checked "
        "whole as a CreateAutoMLJob request, `Get` and `Std:` values dynamic",
        hook="automl-objective",
        hook_types=("json", "yaml"),
        hook_globs=(),
        recognises=_is_pipeline,
        members=(PIPELINE_MEMBERS,),
        requests=_in("pipelines", "requests"),
    ),
    InputKind(
        name="step-functions-state-machine",
        globs=("*.json", "*.yaml", "*.yml"),
        told_by="`StartAt` and `States`",
        holds="each task calling `createAutoMLJob` / `createAutoMLJobV2` (in Parallel "
        "branches and Map processors too): its `Parameters` or `Arguments`, checked whole, "
        "`Key.$` and `{% %}` values dynamic",
        hook="automl-objective",
        hook_types=("json", "yaml"),
        hook_globs=(),
        recognises=_is_state_machine,
        members=(STATE_MACHINE_MEMBERS,),
        requests=_in("state_machines", "requests"),
    ),
    InputKind(
        name="cloudformation-template",
        # Not ``*.template`` by default: a folder holds many that are no template (a .env's,
        # a Dockerfile's); a template named so is read when named, or with ``--include``.
        globs=("*.json", "*.yaml", "*.yml"),
        told_by="`AWSTemplateFormatVersion`, an `AWS::` `Transform` (SAM) or `Resources` "
        "each with a `Type` (CDK's `cdk.out/*.template.json`; `*.template` when named or "
        "included); YAML short forms (`!Ref`, `!GetAtt`, `!Sub`, ...) read as CloudFormation "
        "reads them. Terraform is not read",
        holds="`AWS::SageMaker::AutoMLJob` properties (a CreateAutoMLJob request, job name "
        "given by CloudFormation); state machines (`Definition`, `DefinitionString`, SAM's "
        "`DefinitionUri`) and pipelines (`PipelineDefinitionBody`) as their kinds; Lambda "
        "inline Python (`ZipFile`, `InlineCode`) as Python files; what the template fills "
        "in is dynamic",
        hook="automl-objective",
        hook_types=("json", "yaml"),
        hook_globs=(),
        recognises=_is_template,
        members=TEMPLATE_MEMBERS,
        requests=_in("templates", "requests"),
    ),
    InputKind(
        name="python-source",
        globs=("*.py",),
        told_by="its name",
        holds="the requests its calls send: boto3's `create_auto_ml_job(_v2)`, the SageMaker "
        "Python SDK's `AutoML(V2)`, `Session.auto_ml` / `create_auto_ml_v2` and "
        "`AutoMLJob(V2).create`, Airflow's `SageMakerAutoMLOperator`",
        hook="automl-objective-code",
        hook_types=("python",),
        in_words="code",
        read=_in("python_files", "read"),
        read_decoded=_in("python_files", "read_text"),
    ),
    InputKind(
        name="jupyter-notebook",
        globs=("*.ipynb",),
        told_by="its name",
        holds="the AutoML calls of its code cells, read as one module; findings name the cell",
        hook="automl-objective-code",
        hook_types=("jupyter",),
        in_words="code",
        read=_in("notebooks", "read"),
        read_decoded=_in("notebooks", "read_text"),
    ),
)
"""Every input kind. Order matters: the first kind with a syntax of its own whose globs match
a file's name reads it; a JSON or YAML document is of the first kind that recognises it, and
otherwise of the kind that recognises none (the request document). Each kind is declared
here, its functions named by module (:class:`~automl_objective.inputs.kind.OnCall`): a kind's
reader is imported when a file of the kind is read, not by every run."""


def kind_named(name: str) -> InputKind:
    """The registered kind called ``name`` (a kind's module gets its ``KIND`` so)."""
    return next(kind for kind in KINDS if kind.name == name)


def default_include() -> tuple[str, ...]:
    """The file names a folder scan reads: every kind's globs, each once, in order."""
    return tuple(dict.fromkeys(glob for kind in KINDS for glob in kind.globs))


class _Tables:
    """What :data:`KINDS` says, laid out once for the questions every file asks. (A plain
    slotted class: its fields are read by name only, and a NamedTuple costs 0.6 M
    instructions of every start-up.)"""

    __slots__ = (
        "claimers",
        "endings",
        "extensions_only",
        "fallback",
        "kinds",
        "recognisers",
    )

    def __init__(
        self,
        kinds: tuple[InputKind, ...],
        claimers: tuple[tuple[InputKind, Globs], ...],
        endings: tuple[str, ...] | None,
        extensions_only: bool,
        recognisers: tuple[tuple[Callable[[Any], bool], InputKind], ...],
        fallback: InputKind,
    ) -> None:
        self.kinds = kinds
        self.claimers = claimers
        self.endings = endings
        self.extensions_only = extensions_only
        self.recognisers = recognisers
        self.fallback = fallback

    kinds: tuple[InputKind, ...]
    """The :data:`KINDS` these were made from (a test may register a kind by replacing it)."""
    claimers: tuple[tuple[InputKind, Globs], ...]
    """The kinds with a syntax of their own, each with its globs, in order."""
    endings: tuple[str, ...] | None
    """Every suffix those globs match by (None: one of them is not a plain suffix): a name
    with none of them is claimed by no kind, told by one test."""
    extensions_only: bool
    """Every one of ``endings`` is one extension (``.py``, not ``.tar.gz``): then a name ends
    with one, after :func:`lower_suffix`, exactly when the text from its last dot, lowered,
    does (a last dot before a ``/`` leaves text with a ``/``, which no such suffix holds)."""
    recognisers: tuple[tuple[Callable[[Any], bool], InputKind], ...]
    """The kinds of JSON or YAML document told apart by their members, in order."""
    fallback: InputKind
    """The kind of every other JSON or YAML document."""


def _laid_out(kinds: tuple[InputKind, ...]) -> _Tables:
    claimers = tuple((kind, Globs(kind.globs)) for kind in kinds if kind.read is not None)
    endings: tuple[str, ...] | None = ()
    for _, globs in claimers:
        endings = None if endings is None or globs.endings is None else endings + globs.endings
    documents = [kind for kind in kinds if kind.requests is not None]
    fallback = next((kind for kind in documents if kind.recognises is None), None)
    assert fallback is not None, "the registry holds a kind for any other document"
    recognisers = tuple((k.recognises, k) for k in documents if k.recognises is not None)
    extensions_only = endings is not None and all(
        e.startswith(".") and e.count(".") == 1 for e in endings
    )
    return _Tables(kinds, claimers, endings, extensions_only, recognisers, fallback)


_tables: _Tables | None = None


def _laid_out_kinds() -> _Tables:
    global _tables
    if _tables is None or _tables.kinds is not KINDS:
        _tables = _laid_out(KINDS)
    return _tables


def claim(path: str) -> InputKind | None:
    """The kind with a syntax of its own that reads ``path`` by its name, if one does."""
    tables = _tables if _tables is not None and _tables.kinds is KINDS else _laid_out_kinds()
    if tables.endings is not None:  # the common case (a JSON or YAML file), told by one test
        ending = path[path.rfind(".") :].lower() if tables.extensions_only else lower_suffix(path)
        if not ending.endswith(tables.endings):
            return None
    for kind, globs in tables.claimers:
        if globs(path):
            return kind
    return None


def recognise(data: object) -> InputKind:
    """The kind of a parsed JSON or YAML document."""
    tables = _laid_out_kinds()
    for recognises, kind in tables.recognisers:
        if recognises(data):
            return kind
    return tables.fallback


def split(document: Document) -> Contents:
    """The requests a parsed document holds, as the kind it is reads them. A failure of the
    kind's reading (a bug, never the user's fault) is an ``internal-error`` for this file."""
    requests = recognise(document.data).requests
    assert requests is not None
    try:
        return requests(document)
    except Exception as error:
        message = internal_error_message(error, "checking")
        from automl_objective.base.codes import Code

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
        from automl_objective.base.codes import Code

        raise LoadError(name, message, code=Code.INTERNAL_ERROR) from None


def read_text(
    name: str,
    text: str,
    *,
    format: Format | None = None,
    by_kind: bool = True,
    max_bytes: int = MAX_BYTES,
) -> Contents:
    """What a JSON or YAML document's text holds (see :func:`read`). A file of a language
    no kind reads (:data:`OTHER_LANGUAGES`: a CDK app's source, Terraform), named and read as
    a request document, that is not a JSON or YAML object is one ``parse-error`` saying so."""
    language = OTHER_LANGUAGES.get(suffix(name)) if format is None else None
    try:
        document = parse_text(name, text, format)
    except LoadError as error:
        from automl_objective.base.codes import Code

        if language is None or error.code != Code.PARSE_ERROR:
            raise
        raise _unread(name, language) from None
    if language is not None and not isinstance(document.data, dict):
        raise _unread(name, language)
    document.max_bytes = max_bytes  # for a file it names, read by its kind
    return split(document) if by_kind else Contents.whole(document)


OTHER_LANGUAGES = {
    **dict.fromkeys((".ts", ".tsx", ".mts", ".cts"), "TypeScript"),
    **dict.fromkeys((".js", ".jsx", ".mjs", ".cjs"), "JavaScript"),
    **dict.fromkeys((".tf", ".tfvars", ".hcl"), "Terraform"),
}
"""Languages AutoML requests are written in that no input kind reads, by suffix."""
_INSTEAD = {
    "TypeScript": "check a CDK app's synthesised template, cdk.out/*.template.json, instead",
    "JavaScript": "check a CDK app's synthesised template, cdk.out/*.template.json, instead",
    "Terraform": "a state machine definition it reads from a .json or .yaml file is checked there",
}
"""What to check instead, for each of those languages."""


def _unread(name: str, language: str) -> LoadError:
    message = (
        f"no input kind reads {language}, and this file is no JSON or YAML request document "
        f"(a file named on the command line is read as one; {_INSTEAD[language]})"
    )
    from automl_objective.base.codes import Code

    return LoadError(name, message, code=Code.PARSE_ERROR)


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
        from automl_objective.base.codes import Code

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
        from automl_objective.base.codes import Code

        raise LoadError(source.display, source.problem, code=Code.UNREADABLE)
    if source.path is not None:
        raw = read_file(source.path, source.display, max_bytes)
        return read(source.display, raw, by_kind=by_kind, max_bytes=max_bytes)
    if stdin_text is not None:
        return read_text(source.display, stdin_text, by_kind=by_kind, max_bytes=max_bytes)
    if stdin is None:
        from automl_objective.base.codes import Code

        raise LoadError(source.display, "no standard input was given", code=Code.UNREADABLE)
    try:
        raw = read_stream(source.display, stdin, max_bytes)
    except OSError as error:
        why = f"cannot read: {error.strerror or error}"
        from automl_objective.base.codes import Code

        raise LoadError(source.display, why, code=Code.UNREADABLE) from None
    return read(source.display, raw, by_kind=by_kind, max_bytes=max_bytes)
