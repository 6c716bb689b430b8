"""What reading a file produces: a document that can say where each value came from, or the
error that says why there is none; and what an input kind finds in a file, the requests it
holds (:class:`Contents`). A leaf module: the readers, every parser, every kind and the
checker import it, and it imports none of them, so they never import each other in a
circle."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from automl_objective.base.finding import Finding, Related
from automl_objective.base.records import Replaceable
from automl_objective.inputs.positions import Position, Request, Spot, locate_json_all

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Hashable
    from typing import Any, Literal

    from automl_objective.base.codes import Code

if TYPE_CHECKING:
    Format = Literal["json", "yaml"]
LARGE = 1 << 20
"""Characters of text from which a document is large: checked with the garbage collector
paused (:mod:`automl_objective.base.collector`)."""

Locator = Callable[[Sequence[Request]], list[Spot]]
"""Where each ``(path, at_key)`` request points in one document's source, found in one pass."""


# Plain classes, not dataclasses: every run imports this module, and a dataclass costs
# about a millisecond of start-up each.


class LoadError(Exception):
    """A document that could not be read or parsed; ``line``/``column`` are 1-based or None."""

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        code: Code | None = None,
    ) -> None:
        """``code`` None: ``parse-error``. (No default member: the codes' enum is built by
        the first finding, never by a clean run; base/codes.py.)"""
        if code is None:
            from automl_objective.base.codes import Code

            code = Code.PARSE_ERROR
        self.path = path
        self.message = " ".join(message.split())  # always one line
        # 1-based, or unknown: a parser's 0 (Python's SyntaxError without a column) is unknown
        self.line = line if line is None or line >= 1 else None
        self.column = column if column is None or column >= 1 else None
        self.code = code

    def _fields(self) -> tuple[Any, ...]:
        return (self.path, self.message, self.line, self.column, self.code)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, LoadError)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as it always was

    def __repr__(self) -> str:
        path, message, line, column, code = self._fields()
        return (
            f"LoadError(path={path!r}, message={message!r}, line={line!r}, "
            f"column={column!r}, code={code!r})"
        )

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class Document:
    """A parsed document and what is needed to locate a JSON Pointer in its source.

    ``locator``: how the parser locates paths (YAML keeps its node tree; JSON searches its
    text with the parsed data's help); None: the JSON text is walked. ``duplicates``: a
    CloudFormation template's member names written twice in one mapping (CloudFormation
    takes the last; any other document is refused instead): the member's path, the finding
    that says so. The template kind reports those inside an AutoML request. ``max_bytes``:
    the size limit of the run that read it, for another file it names and a kind reads (a
    SAM template's ``DefinitionUri``); None: the default limit. ``parsed``: ``data`` was
    parsed from ``text`` (a parser's document), so every string in it is written there,
    literally or by an escape: what the text lacks, the data cannot hold (a placeholder's
    ``$``); False (a document built by hand, or a request's data taken out of a file) says
    nothing."""

    __slots__ = ("data", "duplicates", "format", "locator", "max_bytes", "parsed", "path", "text")

    def __init__(
        self,
        path: str,
        data: Any,
        text: str,
        format: Format,
        locator: Locator | None = None,
        duplicates: tuple[tuple[tuple[str | int, ...], LoadError], ...] = (),
        max_bytes: int | None = None,
        *,
        parsed: bool = False,
    ) -> None:
        self.path = path
        self.parsed = parsed
        self.max_bytes = max_bytes
        self.data = data
        self.text = text
        self.format: Format = format
        self.locator = locator
        self.duplicates = duplicates

    def _fields(self) -> tuple[Any, ...]:
        return (self.path, self.data, self.text, self.format, self.locator, self.duplicates)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Document)
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as it always was

    def __repr__(self) -> str:
        return (
            f"Document(path={self.path!r}, data={self.data!r}, text={self.text!r}, "
            f"format={self.format!r}, duplicates={self.duplicates!r})"
        )

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Position | None:
        """1-based (line, column) of the value at ``path``, or of its member name."""
        return self.spots([(path, key)])[0][0]

    def run_placer(self) -> Callable[[Sequence[str | int], int, int, bool], list[Spot]] | None:
        """How to place a run of list items at once in this document, if its locator can (a
        parsed JSON document's: :func:`automl_objective.inputs.runs.run_placer`); None
        otherwise."""
        from automl_objective.inputs.runs import run_placer  # many findings only

        return run_placer(self.locator)

    def spots(self, requests: Sequence[Request]) -> list[Spot]:
        """Where each ``(path, at_key)`` request points, all found in one pass over the
        source; see :data:`automl_objective.inputs.positions.Spot`."""
        if self.locator is not None:
            return self.locator(requests)
        return [(position, None) for position in locate_json_all(self.text, requests)]


WHOLE_KINDS = {"v1": "create-auto-ml-job-request", "v2": "create-auto-ml-job-v2-request"}
"""What a request found in a file is checked as: the whole request, AWS's shape too (what is
known only at run time is marked so in its data)."""


def version_kind(version: str) -> str:
    """The kind a request of ``version`` (``v1``, ``v2``) is checked as."""
    return WHOLE_KINDS[version]


_PART_FIELDS = (
    "data",
    "kind",
    "locator",
    "prefix",
    "cell_of",
    "related_of",
    "explain",
    "written",
    "same_as",
)


class Part(Replaceable):
    """One request inside a file. What it holds that is known only at run time is
    :data:`~automl_objective.base.dynamic.DYNAMIC` (or an open object or array) in ``data``:
    the checks decide what is absent, nothing is left out. (A plain slotted class, not a
    NamedTuple: read by field name, and a NamedTuple's class costs 0.6 M instructions of every
    start-up.)"""

    __slots__ = _PART_FIELDS

    def __init__(
        self,
        data: dict[str, Any],
        kind: str,
        locator: Locator,
        prefix: tuple[str | int, ...] = (),
        cell_of: Callable[[Finding], int | None] | None = None,
        related_of: Callable[[Finding], tuple[Related, ...]] | None = None,
        explain: Callable[[Finding], Finding | None] | None = None,
        written: Callable[[tuple[str, ...]], tuple[str | int, ...]] | None = None,
        same_as: Hashable | None = None,
    ) -> None:
        self.data = data
        self.kind = kind
        self.locator = locator
        self.prefix = prefix
        self.cell_of = cell_of
        self.related_of = related_of
        self.explain = explain
        self.written = written
        self.same_as = same_as

    def __repr__(self) -> str:
        return f"Part(kind={self.kind!r}, prefix={self.prefix!r}, data={self.data!r})"

    data: dict[str, Any]
    kind: str
    """The document kind it is checked as (see :func:`version_kind`)."""
    locator: Locator
    prefix: tuple[str | int, ...]
    """The request's path in the outer document (its pointers are reported from there)."""
    cell_of: Callable[[Finding], int | None] | None
    """The notebook cell a finding of this request is in."""
    related_of: Callable[[Finding], tuple[Related, ...]] | None
    """Other places a finding of this request concerns: a reader that reports a value
    shared by several requests at each request using it (where its locator places the
    finding) says here where the value itself is written."""
    explain: Callable[[Finding], Finding | None] | None
    """A finding as the reader words it (a value that is a pipeline parameter's default says
    so), or None to leave it out (a request checked again for one value keeps only the
    findings about that value)."""
    written: Callable[[tuple[str, ...]], tuple[str | int, ...]] | None
    """A request path as it is written in the file, where the two differ (a state
    machine's ``Key.$`` is the request's member ``Key``): the pointer a finding reports."""
    same_as: Hashable | None
    """Parts with the same key (not None) hold the same request (``data``, ``kind``) and
    each places every finding at one place, whatever its path (a file that many SAM
    resources name, reported at each one's ``DefinitionUri``): the request is checked
    once, its findings placed for each."""


class Contents(Replaceable):
    """What a file holds, as its input kind reads it: either one request document, checked
    whole as the kind its members say, or the requests written inside it. (A plain slotted
    class, not a NamedTuple: read by name only, and a NamedTuple's class costs 0.6 M
    instructions of every start-up.)"""

    __slots__ = ("document", "kind", "parts", "path", "problems")

    def __init__(
        self,
        path: str,
        kind: str | None,
        document: Document | None = None,
        parts: tuple[Part, ...] = (),
        problems: tuple[Finding, ...] = (),
    ) -> None:
        self.path = path
        self.kind = kind
        self.document = document
        self.parts = parts
        self.problems = problems

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _CONTENTS_FIELDS)
        return f"Contents({fields})"

    path: str
    kind: str | None
    """The input kind holding the requests (``python-source``, ...); None for a request
    document, whose kind the checker tells from its members."""
    document: Document | None
    """The file as one request document (``kind`` None)."""
    parts: tuple[Part, ...]
    """The requests inside the file."""
    problems: tuple[Finding, ...]
    """Findings about the file itself (a notebook cell that is not Python, say)."""

    @staticmethod
    def whole(document: Document) -> Contents:
        """A file that is one request document."""
        return Contents(document.path, None, document)


_CONTENTS_FIELDS = ("path", "kind", "document", "parts", "problems")
