"""Parts of a request known only at run time, as the compiled checks read them.

A request written in code often holds values computed when it runs (an f-string job name,
``get_execution_role()``, ``event["bucket"]``) or members spread in from elsewhere
(``**common``). A reader of such code builds the request with:

- :data:`DYNAMIC` in place of each value it cannot know (of any JSON type);
- :class:`OpenObject` for an object that may hold members it does not show (a ``**spread``
  of something unknown); its shown members are checked as usual;
- :class:`OpenArray` for an array that may hold items it does not show (a ``*spread``); the
  items it shows are checked at their own indices.

- :class:`PartialText` for a string known in part (``f"job_{x}"``, ``job_${RUN_ID}``): its
  known pieces, an unknown one (any string, possibly empty) between each two. The checks
  take it as :data:`DYNAMIC` and then report only what no fill of its unknown pieces can
  mend (:mod:`automl_objective.check.partly_known`).

The checks then report only what fails whatever the unknown parts turn out to be: a dynamic
value passes every check of its own (type, enum, const, pattern, length, range); a member
present with a dynamic value counts as present; a missing member, a ``dependentRequired``
pair and a minimum size are undecidable on an open object or array (an unknown member or a
maximum exceeded by the members shown is still certain); a condition (``if``) that depends
on a dynamic part runs neither branch; ``anyOf``, ``oneOf`` and ``not`` stay silent unless
their outcome is certain. A document without these markers is checked exactly as before.
Member names are always known: a member whose name is computed belongs to the spread. The
checks recognise these two classes themselves, not subclasses (a class test costs half an
``isinstance`` on the paths where it runs, conditions among them).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final, final

    _Members = dict[str, Any]
    _Items = list[Any]
else:  # typing's final marks a class for the type checker only (typing costs a run 15 M)

    def final(cls: type) -> type:
        return cls

    _Members = dict
    _Items = list


class _Dynamic:
    """The type of :data:`DYNAMIC` (one instance; copies and pickles stay that instance)."""

    __slots__ = ()
    _instance: _Dynamic | None = None

    def __new__(cls) -> _Dynamic:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DYNAMIC"

    def __reduce__(self) -> str:
        return "DYNAMIC"

    def __copy__(self) -> _Dynamic:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Dynamic:
        return self


DYNAMIC: Final = _Dynamic()
"""A value known only at run time: any JSON value."""


@final
class OpenObject(_Members):
    """An object that may hold members besides those it shows (a ``**spread``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"OpenObject({dict.__repr__(self)})"


@final
class OpenArray(_Items):
    """An array that may hold items besides those it shows (a ``*spread``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"OpenArray({list.__repr__(self)})"


@final
class PartialText:
    """A string known in part: ``pieces`` known, and between each two of them a piece known
    only at run time (any string, possibly empty). Not a ``str``: code that does not know it
    never takes it for the text it is not. ``written``: the value as a message shows it
    (``"f'job_{x}'"``); ``fields``: what fills its unknown pieces, as written (``"{x}"``,
    ``"${RUN_ID}"``), each once; none where a template fills them in unnamed (an embedded
    definition's ``${Name}``)."""

    __slots__ = ("fields", "pieces", "written")

    def __init__(self, pieces: tuple[str, ...], written: str, fields: tuple[str, ...]) -> None:
        self.pieces = pieces
        self.written = written
        self.fields = fields

    def known(self) -> str:
        """The known pieces, each unknown piece taken as empty."""
        return "".join(self.pieces)

    def _key(self) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
        return (self.pieces, self.written, self.fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not PartialText:
            return NotImplemented
        assert isinstance(other, PartialText)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"PartialText{self._key()!r}"


def is_dynamic(value: Any) -> bool:
    """Whether ``value`` is, or holds, a part known only at run time."""
    if value is DYNAMIC or isinstance(value, (OpenObject, OpenArray, PartialText)):
        return True
    if isinstance(value, dict):
        return any(is_dynamic(item) for item in value.values())
    if isinstance(value, list):
        return any(is_dynamic(item) for item in value)
    return False
