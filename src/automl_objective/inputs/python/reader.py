"""Find the AutoML requests a Python program sends, from its literals (standard ``ast`` only).

A call is read as the request it sends: boto3's ``create_auto_ml_job(_v2)`` on any receiver,
the SageMaker Python SDK v2's ``AutoML`` / ``AutoMLV2`` and the v3 (sagemaker-core)
``AutoMLJob(V2).create`` with its shape classes (see :mod:`.sdk_names`).
Arguments are read where they are literals, or names bound once, in the same function or
module, to literals (a dict, a string, a config object). Anything else (``event["X"]``,
f-strings, results of calls, names bound twice, values that may be changed through any name
for them: see :mod:`automl_objective.inputs.python.bindings`) is dynamic, never guessed: the
request holds :data:`~automl_objective.base.dynamic.DYNAMIC` there, an ``OpenObject`` where a
``**spread`` of something unknown may add members, an ``OpenArray`` after a ``*spread``; it is
checked as the whole request of its kind, and the checks decide what stays certain. A set
literal is kept as a set (a value of the wrong type, not a dynamic one).

Reading through names costs at most :data:`EXPANSION_BUDGET` steps a file, whatever the
names refer to (``a1 = {"x": a0, "y": a0}``, ``a2 = {"x": a1, "y": a1}``, ... doubles the
value at each level): a value that needs more is dynamic too.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject
from automl_objective.inputs.positions import Path
from automl_objective.inputs.python import sdk_names
from automl_objective.inputs.python.bindings import Binder, Chunk, Place, Scope
from automl_objective.inputs.python.pieces import STATEMENT_LIMIT, WHOLE_LIMIT, parse_python, pieces

_MAX_DEPTH = 64
EXPANSION_BUDGET = 100_000
"""Values a file's calls may read through names, in all (what is written in a call itself
is read whatever its size: it is bounded by the file)."""


class _OverBudget(Exception):
    """The file's budget for reading through names is spent."""


@dataclass
class Budget:
    """Steps left for reading values through names, shared by a file's calls."""

    left: int = EXPANSION_BUDGET
    spent: int = 0

    def spend(self) -> None:
        if self.spent >= self.left:
            raise _OverBudget
        self.spent += 1


@dataclass
class Extracted:
    """One call, read as the request it sends."""

    version: str
    """``v1`` (CreateAutoMLJob) or ``v2`` (CreateAutoMLJobV2)."""
    data: dict[str, Any]
    complete: bool
    """Checked as the whole request of its version (dynamic parts marked in ``data``)."""
    places: dict[Path, tuple[Place, Place]]
    """Path in the request -> where its member name and its value are written."""
    fragment_only: bool = False
    """The SDK adds members of its own: only the objective rules apply, whatever is read."""


class _Reader:
    """Evaluates the literals of one call into the request it sends, noting where each part
    is written and whether anything was left out."""

    def __init__(self, changed: Callable[[str], bool], budget: Budget) -> None:
        self.changed = changed
        self.budget = budget
        self.places: dict[Path, tuple[Place, Place]] = {}
        self.rename: dict[str, str] = {}
        """snake_case dict keys -> members (sagemaker-core accepts dicts for its shapes)."""
        self._resolving: set[int] = set()

    def _note(self, path: Path, key: Place, value: Place) -> None:
        self.places[path] = (key, value)

    def value(self, node: ast.expr, scope: Scope, chunk: Chunk, path: Path, depth: int) -> Any:
        """The value of ``node`` (DYNAMIC, or holding it, where it is known only at run
        time); records where its parts are written."""
        if depth > _MAX_DEPTH:
            return DYNAMIC
        if self._resolving:
            self.budget.spend()
        if isinstance(node, ast.Constant):
            if isinstance(node.value, (str, int, float, bool)) or node.value is None:
                return node.value
            return DYNAMIC
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, (ast.USub, ast.UAdd))
            and isinstance(node.operand, ast.Constant)
            and type(node.operand.value) in (int, float)
        ):
            number: int | float = node.operand.value  # type: ignore[assignment]
            return -number if isinstance(node.op, ast.USub) else number
        reader = self._READERS.get(type(node))
        return DYNAMIC if reader is None else reader(self, node, scope, chunk, path, depth)

    def _name_node(self, node: ast.Name, scope: Scope, chunk: Chunk, path: Path, depth: int) -> Any:
        return self._name(node.id, scope, path, depth)

    def _name(self, name: str, scope: Scope, path: Path, depth: int) -> Any:
        if self.changed(name):
            return DYNAMIC
        bound = scope.lookup(name)
        if bound is None or id(bound[0]) in self._resolving:
            return DYNAMIC
        node, chunk, where = bound
        outermost, noted = not self._resolving, len(self.places)
        self._resolving.add(id(node))
        try:
            # The bound expression is read in the scope it is written in.
            return self.value(node, where, chunk, path, depth + 1)
        except _OverBudget:
            if not outermost:
                raise
            while len(self.places) > noted:  # the places of what was read for nothing
                self.places.popitem()
            return DYNAMIC
        finally:
            self._resolving.discard(id(node))

    def _dict(self, node: ast.Dict, scope: Scope, chunk: Chunk, path: Path, depth: int) -> Any:
        result: dict[str, Any] = {}
        is_open = False
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            if key_node is None:  # {**other, ...}
                is_open |= self.merge(result, value_node, scope, chunk, path, depth)
                continue
            key = self.value(key_node, scope, chunk, ("<key>",), depth + 1)  # places unused
            if not isinstance(key, str):  # a computed name: it may be any member's
                _override(result)
                is_open = True
                continue
            key = self.rename.get(key, key)
            self.member(result, key, key_node, value_node, scope, chunk, path, depth)
        return OpenObject(result) if is_open else result

    def _set(self, node: ast.Set, scope: Scope, chunk: Chunk, path: Path, depth: int) -> Any:
        """A set literal: a value of no JSON type, kept for the checks to name its type (a
        set written where AWS wants an object is a mistake, not a dynamic value)."""
        items = [self.value(item, scope, chunk, path, depth + 1) for item in node.elts]
        try:
            return set(items)
        except TypeError:  # an item that cannot be in a set: Python raises at run time
            return DYNAMIC

    def member(
        self,
        result: dict[str, Any],
        name: str,
        key_node: ast.AST,
        value_node: ast.expr,
        scope: Scope,
        chunk: Chunk,
        path: Path,
        depth: int,
    ) -> None:
        """Add ``name: value`` to ``result`` (DYNAMIC where it is known only at run time)."""
        child = (*path, name)
        result[name] = self.value(value_node, scope, chunk, child, depth + 1)
        self._note(child, chunk.place(key_node), self.literal_place(value_node, scope, chunk))

    def literal_place(self, node: ast.expr, scope: Scope, chunk: Chunk) -> Place:
        """Where the literal a value comes from is written: through the names bound to it."""
        for _ in range(_MAX_DEPTH):
            if not isinstance(node, ast.Name):
                break
            bound = scope.lookup(node.id)
            if bound is None:
                break
            node, chunk, scope = bound
        return chunk.place(node)

    def merge(
        self,
        result: dict[str, Any],
        node: ast.expr,
        scope: Scope,
        chunk: Chunk,
        path: Path,
        depth: int,
        *,
        overrides: bool = True,
    ) -> bool:
        """``**node`` into ``result``: its members; True when it may hold others (then,
        where it ``overrides`` them, as in a dict, the members written before it may be
        replaced: they are DYNAMIC; a call's keywords cannot be: Python refuses a keyword
        given twice)."""
        outer = self.places.get(path)
        value = self.value(node, scope, chunk, path, depth + 1)
        if outer is not None:
            self.places[path] = outer
        if isinstance(value, OpenObject) or not isinstance(value, dict):
            if overrides:
                _override(result)
            if isinstance(value, dict):
                result.update(value)
            return True
        result.update(value)
        return False

    def _list(
        self, node: ast.List | ast.Tuple, scope: Scope, chunk: Chunk, path: Path, depth: int
    ) -> Any:
        values: list[Any] = []
        for index, item in enumerate(node.elts):
            if isinstance(item, ast.Starred):  # the items from here on are at unknown indices
                return OpenArray(values)
            child = (*path, str(index))
            value = self.value(item, scope, chunk, child, depth + 1)
            place = self.literal_place(item, scope, chunk)
            self._note(child, place, place)
            values.append(value)
        return values

    def _call(self, node: ast.Call, scope: Scope, chunk: Chunk, path: Path, depth: int) -> Any:
        name = sdk_names.callee(node)
        if name == "dict" and isinstance(node.func, ast.Name) and len(node.args) <= 1:
            result: dict[str, Any] = {}
            is_open = False
            for argument in node.args:
                is_open |= self.merge(result, argument, scope, chunk, path, depth)
            is_open |= self.keywords(result, node, None, scope, chunk, path, depth)
            return OpenObject(result) if is_open else result
        if name in sdk_names.SDK_V2_CONFIGS:
            config = sdk_names.SDK_V2_CONFIGS[name]
            inner: dict[str, Any] = {}
            place = chunk.place(node)
            self._note((*path, config.target), place, place)
            child = (*path, config.target)
            is_open = self.arguments(inner, node, config, scope, chunk, child, depth)
            return {config.target: OpenObject(inner) if is_open else inner}
        shapes = sdk_names.shape_members() if name is not None and name[:1].isupper() else {}
        if name in shapes and not node.args:
            shaped: dict[str, Any] = {}
            is_open = self.keywords(shaped, node, shapes[name], scope, chunk, path, depth)
            return OpenObject(shaped) if is_open else shaped
        return DYNAMIC

    _READERS: ClassVar[dict[type[ast.AST], Callable[..., Any]]] = {
        ast.Dict: _dict,
        ast.List: _list,
        ast.Tuple: _list,
        ast.Set: _set,
        ast.Name: _name_node,
        ast.Call: _call,
    }

    def arguments(
        self,
        result: dict[str, Any],
        node: ast.Call,
        sdk: sdk_names.SdkClass,
        scope: Scope,
        chunk: Chunk,
        path: Path,
        depth: int,
    ) -> bool:
        """An SDK v2 class's arguments, positional ones by its table; True when one of them
        may be any parameter (one past the table, ``*args``)."""
        is_open = False
        for index, argument in enumerate(node.args):
            if sdk.positional is None:
                continue
            if isinstance(argument, ast.Starred) or index >= len(sdk.positional):
                is_open = True
                continue
            member = sdk.members.get(sdk.positional[index])
            if member is not None:
                self.member(result, member, argument, argument, scope, chunk, path, depth)
        is_open |= self.keywords(result, node, sdk.members, scope, chunk, path, depth, loose=True)
        return is_open

    def keywords(
        self,
        result: dict[str, Any],
        node: ast.Call,
        names: dict[str, str] | None,
        scope: Scope,
        chunk: Chunk,
        path: Path,
        depth: int,
        *,
        loose: bool = False,
        ignore: frozenset[str] = frozenset(),
    ) -> bool:
        """A call's keyword arguments as members (renamed through ``names`` when given);
        with ``loose``, arguments ``names`` does not map are simply not part of it. True
        when the call may send members it does not show (a ``**spread``)."""
        is_open = False
        for keyword in node.keywords:
            if keyword.arg is None:
                if names is not None:
                    is_open = True  # **kwargs of an SDK class: names unknown
                else:
                    is_open |= self.merge(
                        result, keyword.value, scope, chunk, path, depth, overrides=False
                    )
                continue
            if keyword.arg in ignore:
                continue
            member = keyword.arg if names is None else names.get(keyword.arg)
            if member is None:
                is_open = is_open or not loose
                continue
            self.member(result, member, keyword, keyword.value, scope, chunk, path, depth)
        return is_open


def _override(result: dict[str, Any]) -> None:
    """Members written before a spread of unknown members: it may override each of them."""
    for name in result:
        result[name] = DYNAMIC


def _request_of(
    node: ast.Call, scope: Scope, chunk: Chunk, changed: Callable[[str], bool], budget: Budget
) -> Extracted | None:
    """The request a call sends, if it is one of the known AutoML calls."""
    version = sdk_names.request_version(node)
    if version is None:
        return None
    name = sdk_names.callee(node)
    reader = _Reader(changed, budget)
    data: dict[str, Any] = {}
    fragment_only = False
    if name in sdk_names.SDK_V2_ESTIMATORS:
        fragment_only = True
        if reader.arguments(data, node, sdk_names.SDK_V2_ESTIMATORS[name], scope, chunk, (), 0):
            data = OpenObject(data)
    elif name in sdk_names.BOTO3_METHODS:
        # boto3 takes keywords only: a positional argument fails before anything is sent
        if reader.keywords(data, node, None, scope, chunk, (), 0) or node.args:
            data = OpenObject(data)
    else:  # sagemaker-core's AutoMLJob(V2).create
        reader.rename = sdk_names.all_members()
        members = sdk_names.request_members(version)
        spread = reader.keywords(
            data, node, members, scope, chunk, (), 0, ignore=sdk_names.SDK_V3_NOT_MEMBERS
        )
        if spread or node.args:
            data = OpenObject(data)
    if not data:
        return None  # nothing known to check
    call = chunk.place(node)
    reader.places[()] = (call, call)
    return Extracted(version, data, True, reader.places, fragment_only)


def extract(chunks: Sequence[Chunk], budget: Budget | None = None) -> list[Extracted]:
    """Every AutoML request the chunks (one module: a file, or a notebook's cells) send.
    Raises SyntaxError for a chunk whose pieces (a large source's) do not parse."""
    while True:
        try:
            binder = _bind(chunks)
            break
        except _Resplit:
            continue  # bound again from the start, with that chunk split by tokenize
    budget = Budget() if budget is None else budget
    found = []
    for node, scope, chunk in binder.calls:
        request = _request_of(node, scope, chunk, binder.changed, budget)
        if request is not None:
            found.append(request)
    return found


class _Resplit(Exception):
    """A piece of a quick split did not parse: its chunk is now split by tokenize."""


def _bind(chunks: Sequence[Chunk]) -> Binder:
    binder = Binder(Scope(None))
    for chunk in chunks:
        binder.chunk = chunk
        chunk.unread.clear()
        try:
            _bind_chunk(binder, chunk)
        except SyntaxError:
            if chunk.resplit():
                raise _Resplit from None
            raise
    binder.finish()
    return binder


def _bind_chunk(binder: Binder, chunk: Chunk) -> None:
    for part in chunk.modules():
        if isinstance(part, ast.Module):
            binder.visit(part)
            continue
        binder.unreadable(part)
        if mentions_automl(part.text):
            why = (
                f"a statement of {len(part.text):,} characters, over the "
                f"{STATEMENT_LIMIT:,} read at once, holds an AutoML call"
            )
            chunk.unread.append((part.first_line, why))


_GAP = r"(?:[\s\\]++|#[^\n]*+)*+"
"""What may stand between two tokens of a call: spaces, line breaks, backslash continuations,
comments (possessive: the search never backtracks, so it stays linear)."""
_KNOWN_CALL = re.compile(
    rf"create_auto_ml_job|\bAutoML(?:V2)?{_GAP}\(|\bAutoMLJob(?:V2)?{_GAP}\.{_GAP}create\b"
)
"""The calls :func:`extract` recognises, by the names it recognises them by."""


def mentions_automl(text: str) -> bool:
    """Whether the text could hold a known call at all: most code is a quick no, never
    parsed (code that only mentions AutoML in its strings or names included). Identifiers
    are compared as Python compares them, after NFKC normalisation (a fullwidth letter is
    its ASCII letter)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "AutoML" not in text and "create_auto_ml_job" not in text:
        return False  # a substring search is ten times quicker than the pattern's
    return _KNOWN_CALL.search(text) is not None


def parse_chunk(source: str, cell: int | None, filename: str, *, checked: bool = True) -> Chunk:
    """Raises SyntaxError as ``ast.parse`` does. A source over ``WHOLE_LIMIT`` is held in
    pieces, parsed when :func:`extract` binds them; with ``checked``, they are parsed once
    now too, for their syntax (a notebook's cell must be known to be Python before its
    names are bound with the other cells')."""
    if len(source) <= WHOLE_LIMIT:
        return Chunk(cell, source, parse_python(source, filename))
    chunk = Chunk(cell, source, None, pieces(source), filename)
    if checked:
        try:
            chunk.check()
        except SyntaxError:
            if not chunk.resplit():
                raise
            chunk.check()
    return chunk
