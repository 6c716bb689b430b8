"""Data from the caller's code, read as the JSON document it stands for, or refused naming where.

A JSON or YAML file can never hold a cycle, a key that is not a string, two equal keys, NaN, a
number beyond what its parser reads or nesting beyond what its parser reads; a dict built in
Python can, and would otherwise fail deep inside ``json.dumps``, the checks or pydantic with an
error that says nothing about where.

:func:`plain_copy` walks the data once, without recursion, and rebuilds it from the exact
built-in types: a subclass of ``dict``, ``list``, ``str``, ``int`` or ``float`` (an
``OrderedDict``, a ``str`` enum, a ``float`` with its own ``__eq__``) becomes the plain value
it holds, read past any method it overrides, so that no code of the caller's runs in what
follows and what is checked is what is stored. A tuple is an array, as botocore reads one.
Values JSON has no form for (bytes, sets, ``Decimal``, ``datetime``, other mappings and
sequences) are kept as they are: the checks name their type.
"""

from __future__ import annotations

import decimal
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

from automl_objective.base.codes import Code

MAX_DEPTH = 500
"""Far deeper than any SageMaker request (about 10 levels), well inside what the checks walk."""
MAX_VALUES = 1_000_000
"""More members and items than any request holds by far (a few hundred), and about what a
file at the default size limit can hold: a value shared by reference is counted each time it
is used, so names that double a dict at each level are refused, not expanded for ever."""
MAX_DIGITS = 4300
"""The digits of the longest integer the JSON reader takes from text (Python's limit)."""


@dataclass(frozen=True)
class Reading:
    """How data from code is read as a document."""

    max_int: float
    """The largest magnitude of an integer taken; a larger one is refused."""
    decimals_as_floats: bool = False
    """Take a ``Decimal`` as the float it rounds to (botocore's serializer sends that)."""
    expand: Callable[[Any], Any] | None = None
    """Replace a value it returns something other than None for (a model: its members)."""


AS_JSON_TEXT = Reading(max_int=10**MAX_DIGITS - 1)
"""As ``validate`` reads the same data written as JSON: an integer the reader takes is kept
for the checks to judge, however large."""
AS_AWS_NUMBER = Reading(max_int=sys.float_info.max)
"""No AWS number (at most a double) holds a larger integer."""
AS_BOTOCORE_SENDS = Reading(max_int=sys.float_info.max, decimals_as_floats=True)
"""What botocore sends for the data: a tuple as an array, a ``Decimal`` as a float."""


class NotPlainData(ValueError):
    """Data no JSON document could hold; says where (a JSON Pointer) and what."""

    def __init__(
        self, pointer: str, problem: str, code: Code = Code.PARSE_ERROR, *, key: bool = False
    ):
        self.pointer = pointer
        self.problem = problem
        self.code = code
        self.key = key
        """The problem is a key that is not a string."""
        super().__init__(f"data at {pointer or '/'}: {problem}")


_Path = tuple[Any, ...] | None
"""A path as nested pairs (parent, token): constant time per value, a pointer only on error."""


def _tokens(path: _Path) -> list[str]:
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(str(token))
    return tokens[::-1]


def _pointer(tokens: list[str]) -> str:
    return "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in tokens)


def _refuse(
    path: _Path, problem: str, code: Code = Code.PARSE_ERROR, *, key: bool = False
) -> NoReturn:
    raise NotPlainData(_pointer(_tokens(path)), problem, code, key=key)


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # an integer too long to print, a repr of the caller's that fails
        return "?"
    return text if len(text) <= 40 else text[:40] + "..."


def _integer(value: int, path: _Path, reading: Reading) -> int:
    plain = int.__index__(value)
    if abs(plain) > reading.max_int:
        digits = int(plain.bit_length() * math.log10(2))
        _refuse(path, f"an integer of about {digits:,} digits, too large for a JSON number")
    return plain


def _float(value: float, path: _Path) -> float:
    plain = float.__float__(value)
    if not math.isfinite(plain):
        _refuse(path, f"{plain!r} is not a JSON number")
    return plain


def _decimal(value: decimal.Decimal, path: _Path) -> float:
    try:
        as_float = decimal.Decimal.__float__(value)
    except ValueError:  # a signalling NaN
        as_float = math.nan
    return _float(as_float, path)


def _scalar(value: Any, path: _Path, reading: Reading) -> Any:
    """A value that holds no other: plain, or as it is when JSON has no form for it."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return _integer(value, path, reading)
    if isinstance(value, float):
        return _float(value, path)
    if reading.decimals_as_floats and isinstance(value, decimal.Decimal):
        return _decimal(value, path)
    return value


def _members(value: dict[Any, Any], path: _Path) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """An empty copy of ``value`` with its keys, as strings, and its (key, item) pairs."""
    copy: dict[str, Any] = {}
    pairs = []
    for key, item in dict.items(value):
        if not isinstance(key, str):  # json.dumps would turn 1 into "1", hiding
            _refuse(  # a duplicate of a "1" beside it; botocore refuses it
                path,
                f"a key of type {type(key).__name__} ({_shown(key)}); member names are strings",
                key=True,
            )
        name = str.__str__(key)
        if name in copy:  # two str subclasses equal as text, unequal to each other
            _refuse(path, f"member {_shown(name)} appears twice in one object", Code.DUPLICATE_KEY)
        copy[name] = None
        pairs.append((name, item))
    return copy, pairs


_Task = tuple[Any, _Path, int, Any, Any]
"""(value, its path, its depth, the container its copy goes into, the slot there); a task
without a container closes the container in its slot."""

_SAME = frozenset({str, bool, type(None)})
"""Types whose values are their own plain copy, whatever the reading (most of a document)."""


class _Walk:
    """One copy: a stack of tasks and the containers open on the path to the current value
    (a value among them contains itself). A value its own copy is placed at once, not stacked:
    documents are mostly strings."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.open: set[int] = set()
        self.stack: list[_Task] = []
        self.values = 0

    def run(self, data: Any) -> Any:
        root: list[Any] = [None]
        self.stack.append((data, None, 0, root, 0))
        while self.stack:
            value, path, depth, target, slot = self.stack.pop()
            if target is None:
                self.open.discard(id(slot))
            else:
                target[slot] = self.copy(value, path, depth)
        return root[0]

    def copy(self, value: Any, path: _Path, depth: int) -> Any:
        if self.reading.expand is not None:
            expanded = self.reading.expand(value)
            value = value if expanded is None else expanded
        if isinstance(value, dict):
            members, pairs = _members(value, path)
            self.enter(value, path, depth, members, pairs)
            return members
        if isinstance(value, (list, tuple)):
            items = list.copy(value) if isinstance(value, list) else [*tuple.__iter__(value)]
            array: list[Any] = [None] * len(items)
            self.enter(value, path, depth, array, enumerate(items))
            return array
        return _scalar(value, path, self.reading)

    def enter(
        self, value: Any, path: _Path, depth: int, copy: Any, inside: Iterable[tuple[Any, Any]]
    ) -> None:
        """Open ``value`` (copied into ``copy``): place or stack each (slot, item) inside."""
        if id(value) in self.open:
            _refuse(path, "contains itself (a reference cycle)")
        if depth >= MAX_DEPTH:
            where = _pointer(_tokens(path)[:3])
            raise NotPlainData(f"{where}/...", f"nested over {MAX_DEPTH} levels deep")
        self.values += len(copy)
        if self.values > MAX_VALUES:
            shared = "a part used in several places counts each time"
            raise NotPlainData("", f"holds over {MAX_VALUES:,} members and items ({shared})")
        self.open.add(id(value))
        self.stack.append((None, None, depth, None, value))  # keeps an expanded value alive
        stacked = []
        for slot, item in inside:
            if type(item) in _SAME:
                copy[slot] = item
            else:
                stacked.append((item, (path, slot), depth + 1, copy, slot))
        self.stack.extend(reversed(stacked))


def plain_copy(data: Any, reading: Reading = AS_JSON_TEXT) -> Any:
    """``data`` rebuilt from plain values as described above; :class:`NotPlainData` if no
    JSON document could hold it."""
    return _Walk(reading).run(data)
