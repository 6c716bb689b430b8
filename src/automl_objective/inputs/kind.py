"""An input kind: one kind of file that AutoML requests are written in, as a small object
that says which files it claims, how it reads them and which requests they hold.

Two families:

- a kind with a syntax of its own (Python, a notebook) has ``read``: it claims the files its
  ``globs`` match by name, and reads their bytes into the requests they hold;
- a kind of JSON or YAML document (a pipeline definition, a state machine) has ``requests``:
  it is told apart by its members once the document is parsed (``recognises``); the one
  without ``recognises`` is the request document itself, for anything no other kind
  recognises.

Every kind says in words what it holds and how it is told apart: the README's kinds table
and ``--include``'s help are written from these, and a folder scan reads the files of every
kind's ``globs``. The registry that lists the kinds is :mod:`automl_objective.inputs.registry`:
it declares each kind and names its functions (:class:`OnCall`), so that a run imports the
module that reads a kind only when it reads a file of that kind. (A plain class: a
dataclass costs a millisecond of start-up, a NamedTuple 0.6 M instructions.)
"""

from __future__ import annotations

from automl_objective.base.records import Replaceable
from automl_objective.inputs.document import Contents, Document

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

if TYPE_CHECKING:
    Reader = Callable[[str, bytes], Contents]
    """(the file's name as reported, its bytes) -> what it holds; raises
    :class:`~automl_objective.inputs.document.LoadError` for a file that is not of the kind."""


class OnCall:
    """A kind's function named by its module and name, imported when it is first called: the
    registry lists every kind, and a run over request documents imports no reader of Python,
    notebooks, pipelines, state machines or templates (tests/cli/test_start_up.py)."""

    __slots__ = ("_function", "module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self._function: Callable[..., Any] | None = None

    def __call__(self, *args: Any) -> Any:
        function = self._function
        if function is None:
            # __import__, not importlib: importlib is a module of its own to load.
            module = __import__(self.module, fromlist=(self.name,))
            function = self._function = getattr(module, self.name)
        return function(*args)

    def __repr__(self) -> str:
        return f"OnCall({self.module!r}, {self.name!r})"


_FIELDS = (
    "name",
    "globs",
    "told_by",
    "holds",
    "read",
    "read_decoded",
    "recognises",
    "members",
    "requests",
    "hook",
    "hook_types",
    "hook_globs",
    "in_words",
)


class InputKind(Replaceable):
    """A kind, declared in the registry. (A plain slotted class, not a NamedTuple: its fields
    are read by name, and a NamedTuple's class costs 0.6 M instructions of every start-up.)"""

    __slots__ = _FIELDS

    def __init__(
        self,
        name: str,
        globs: tuple[str, ...],
        told_by: str,
        holds: str,
        read: Reader | None = None,
        read_decoded: Callable[[str, str], Contents] | None = None,
        recognises: Callable[[Any], bool] | None = None,
        members: tuple[tuple[str, ...], ...] | None = None,
        requests: Callable[[Document], Contents] | None = None,
        hook: str | None = None,
        hook_types: tuple[str, ...] = (),
        hook_globs: tuple[str, ...] | None = None,
        in_words: str = "",
    ) -> None:
        self.name = name
        self.globs = globs
        self.told_by = told_by
        self.holds = holds
        self.read = read
        self.read_decoded = read_decoded
        self.recognises = recognises
        self.members = members
        self.requests = requests
        self.hook = hook
        self.hook_types = hook_types
        self.hook_globs = hook_globs
        self.in_words = in_words

    def __repr__(self) -> str:
        return f"InputKind(name={self.name!r}, globs={self.globs!r})"

    name: str
    """What its results are called (``FileResult.kind``) and the README's kinds table says."""
    globs: tuple[str, ...]
    """The file names a folder scan reads for it (``*.py``; extensions in any case)."""
    told_by: str
    """How a file is known to be of this kind, in words (the README's kinds table)."""
    holds: str
    """The requests it holds, in words (the README's kinds table)."""
    read: Reader | None
    """A kind with a syntax of its own: reads a file it claims by name."""
    read_decoded: Callable[[str, str], Contents] | None
    """With ``read``: reads the text of a file it claims that is already decoded (an editor's
    buffer); its bytes' encoding (a PEP 263 line, say) then no longer applies."""
    recognises: Callable[[Any], bool] | None
    """A kind of JSON or YAML document: whether a parsed document's data is one (cheap: it
    runs on every document). None, with ``requests``: every document no other kind
    recognises."""
    members: tuple[tuple[str, ...], ...] | None
    """With ``recognises``: the member names a document it recognises holds at its top, as
    groups of which it holds at least one whole (``(("StartAt", "States"),)``: both). A text
    that writes no group whole holds no document of the kind, unparsed
    (:func:`.look_alikes.may_be_of_a_known_kind`: a folder scan's lenient re-read is spared).
    None: not declared (every text may hold one)."""
    requests: Callable[[Document], Contents] | None
    """A kind of JSON or YAML document: the requests a document of this kind holds."""
    hook: str | None
    """The pre-commit hook (an id of .pre-commit-hooks.yaml) that checks it by default."""
    hook_types: tuple[str, ...]
    """The hook's ``types_or`` for this kind: the ``identify`` tags of its files."""
    hook_globs: tuple[str, ...] | None
    """The file names the hook's default ``files`` selects (None: ``globs``)."""
    in_words: str
    """How a message names a file of this kind ("": ``a document of kind NAME``)."""

    @property
    def called(self) -> str:
        return self.in_words or f"a document of kind {self.name}"
