"""The intermediate form: schema nodes as typed, frozen records, between the schema and code.

A :class:`Node` is one schema node: its facts (what a message may need) and its ops, one per
keyword, each an :class:`Op` subclass owned by the emitter of that keyword. An op names the
nodes it runs by :class:`Ref`; the passes (see ``optimize``) rewrite refs with
:func:`map_refs`, never knowing an op's fields.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from automl_objective_codegen.compiler.emitter import Emitter

Pointer = tuple[str | int, ...]
Facts = tuple[tuple[str, Any], ...]


def pointer_text(parts: Pointer) -> str:
    """``parts`` as a JSON pointer (for error messages)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts) or "/"


@dataclass(frozen=True, order=True)
class Ref:
    """Another node of the same compilation, by its number."""

    number: int


@dataclass(frozen=True, kw_only=True)
class Op:
    """One keyword of one node, as its emitter built it.

    ``keyword`` is the schema keyword a failure names and ``code`` the finding code it gets
    (both set by the compiler). Subclasses add their own fields; a field holding a
    :class:`Ref` (or tuples of them, or of ``(name, Ref)`` pairs) is a node the op runs.
    """

    keyword: str = ""
    code: str = ""

    def passes_on(self) -> bool:
        """Whether this op never reports a failure of its own node, only running other nodes
        on the same value (``$ref``, ``allOf``, ``if``): an ``allOf`` member made of such ops
        is inlined into its parent."""
        return False

    def narrows(self) -> str | None:
        """The Python type a value surely has once this op passed (``"dict"``...), if any:
        the predicate runs such an op first and drops the guards it implies."""
        return None

    def loops(self) -> bool:
        """Whether this op's test goes over every item of a value: the predicate runs it
        after the node's other tests, so that a list too long fails before it is read."""
        return False

    def accepts_anything(self) -> bool:
        """Whether this op passes every value (a value known only at run time included)."""
        return False

    def surely_needs(self) -> tuple[Ref, ...]:
        """The nodes whose "surely passes" function this op's check or explainer calls."""
        return ()

    def refs(self) -> tuple[Ref, ...]:
        """Every node this op runs."""
        found: list[Ref] = []
        for name in _fields(type(self)):
            _collect(getattr(self, name), found)
        return tuple(found)

    @cached_property
    def signature(self) -> str:
        """What this op checks and says, as text: equal signatures, equal code."""
        values = [getattr(self, name) for name in _fields(type(self))]
        return json.dumps([type(self).__name__, values], default=_number)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(op: type[Op]) -> tuple[str, ...]:
    """The field names of an op class (looked up once)."""
    if op not in _FIELDS:
        _FIELDS[op] = tuple(f.name for f in dataclasses.fields(op))
    return _FIELDS[op]


def _number(value: Any) -> Any:
    if isinstance(value, Ref):
        return value.number
    raise TypeError(f"no signature for {type(value).__name__}")


def _collect(value: Any, found: list[Ref]) -> None:
    if isinstance(value, Ref):
        found.append(value)
    elif isinstance(value, tuple):
        for item in value:
            _collect(item, found)


def _mapped(value: Any, target: Callable[[int], int]) -> Any:
    if isinstance(value, Ref):
        return Ref(target(value.number))
    if isinstance(value, tuple):
        return tuple(_mapped(item, target) for item in value)
    return value


def map_refs(op: Op, target: Callable[[int], int]) -> Op:
    """``op`` with every ref pointing at ``target(number)`` instead (``op`` itself when none
    changes)."""
    changes = {}
    for name in _fields(type(op)):
        value = getattr(op, name)
        mapped = _mapped(value, target)
        if mapped != value:
            changes[name] = mapped
    return dataclasses.replace(op, **changes) if changes else op


@dataclass(frozen=True)
class Node:
    """One schema node: where it was first met (``location``, which names its functions),
    its facts and its ops in schema order."""

    number: int
    location: tuple[str, Pointer]  # (document name, pointer)
    facts: Facts
    ops: tuple[Op, ...]

    @property
    def ref(self) -> Ref:
        return Ref(self.number)

    @cached_property
    def signature(self) -> str:
        """What this node checks and says, as text (its location aside)."""
        return json.dumps(
            [[list(pair) for pair in self.facts], [op.signature for op in self.ops]],
            sort_keys=True,
            default=str,
        )

    def accepts_anything(self) -> bool:
        return all(op.accepts_anything() for op in self.ops)


@dataclass(frozen=True)
class Entry:
    """A node the runtime calls by name: the canonical root, a ``$defs`` entry, an AWS kind."""

    table: str  # "ROOT", "DEFS" or "AWS"
    key: str  # the table's key ("" for ROOT)
    name: str  # the entry point's name: check_<name>, explain_<name>
    doc: str  # what it checks, in words
    ref: Ref


@dataclass(frozen=True)
class Compiled:
    """The nodes of one compilation, after the passes, and the entries the runtime reads."""

    nodes: tuple[Node, ...]
    entries: tuple[Entry, ...]
    emitters: tuple[Emitter, ...]  # those it was compiled with: they render it
