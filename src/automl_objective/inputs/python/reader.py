"""Find the AutoML requests a Python program sends, from its literals (standard ``ast`` only).

A call is read as the request it sends: boto3's ``create_auto_ml_job(_v2)`` on any receiver
(with no member at all, only on one known to be a SageMaker client; ``**{...}`` written in
the call is read as its keywords, ``*[]`` and ``**{}`` add nothing),
the SageMaker Python SDK v2's ``AutoML`` / ``AutoMLV2`` and the v3 (sagemaker-core)
``AutoMLJob(V2).create`` with its shape classes (see :mod:`.sdk_names`).
Arguments are read where they are literals, or names bound once, in the same function or
module, to literals (a dict, a string, a config object). An f-string, a sum of text and a literal
format (``%``, ``str.format``: :mod:`.formatting`) are strings known in part. Anything else
(``event["X"]``, results of calls, names bound twice, values that may be changed through any
name for them: see :mod:`automl_objective.inputs.python.bindings`) is dynamic, never guessed: the
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
import copy
import re
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, ClassVar

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject, PartialText, is_dynamic
from automl_objective.base.quoting import cut, printable
from automl_objective.inputs.positions import Path
from automl_objective.inputs.python import formatting, sdk_names
from automl_objective.inputs.python.bindings import Binder, Chunk, Place, Scope
from automl_objective.inputs.python.pieces import (
    STATEMENT_LIMIT,
    STATEMENT_TOKENS,
    WHOLE_LIMIT,
    parse_python,
    split_by,
)

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
    """The request, checked whole (what is known only at run time marked dynamic)."""
    places: dict[Path, tuple[Place, Place]]
    """Path in the request -> where its member name and its value are written."""
    problems: list[tuple[Place, str]] = field(default_factory=list)
    """Arguments the SDK class called does not take: where, and what to say."""
    shared: dict[Path, tuple[Place, Place]] = field(default_factory=dict)
    """Path in the request of a value read through a name that other calls read too -> where
    this call names it, and where the value is written: a finding about it is reported at
    the call, with the value's own place as related information."""
    parameters: dict[Path, PipelineParameter] = field(default_factory=dict)
    """Path in the request -> the SageMaker Pipelines parameter whose default is there."""


@dataclass(frozen=True)
class PipelineParameter:
    """``ParameterString(name=..., default_value=..., enum_values=[...])``: a pipeline
    started without overrides runs with the default, so the default is checked (and each
    allowed value, when they are listed); the findings say that it is the default."""

    name: str
    place: Place
    """Where the parameter is defined."""
    values: tuple[Any, ...] = ()
    """Its ``enum_values`` besides the default."""


class _Reader:
    """Evaluates the literals of one call into the request it sends, noting where each part
    is written and whether anything was left out."""

    def __init__(self, changed: Callable[[str], bool], budget: Budget) -> None:
        self.changed = changed
        self.budget = budget
        self.places: dict[Path, tuple[Place, Place]] = {}
        self.uses: dict[Path, tuple[Place, Place]] = {}
        """Path -> where the call names the value there, where the value is written."""
        self.problems: list[tuple[Place, str]] = []
        """Arguments an SDK class does not take: where, and what to say."""
        self.parameters: dict[Path, PipelineParameter] = {}
        self.channel_members: list[tuple[tuple[str, ...], Any, tuple[Place, Place] | None]] = []
        """An SDK v2 estimator's arguments for each channel its fit() builds."""
        self.rename: dict[str, str] = {}
        """snake_case dict keys -> members (sagemaker-core accepts dicts for its shapes)."""
        self._resolving: set[int] = set()

    def _note(self, path: Path, key: Place, value: Place) -> None:
        self.places[path] = (key, value)

    def note_within(self, call: Place, path: Path, places: tuple[Place, Place]) -> None:
        """Where a member an SDK call builds is written; the objects the SDK creates on the
        way to it (not written anywhere) are at the call."""
        for end in range(1, len(path)):
            self.places.setdefault(path[:end], (call, call))
        self.places[path] = places

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
        outermost = not self._resolving
        found = self._name(node.id, scope, path, depth)
        if outermost and found is not DYNAMIC:
            self.uses[path] = (chunk.place(node), self.literal_place(node, scope, chunk))
        return found

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
        self._note(child, chunk.place(key_node), self.value_place(child, value_node, scope, chunk))

    def value_place(self, path: Path, node: ast.expr, scope: Scope, chunk: Chunk) -> Place:
        """Where a value is reported: its literal; a pipeline parameter's default where the
        parameter is used (the parameter's definition is named in the message)."""
        if path in self.parameters:
            return chunk.place(node)
        return self.literal_place(node, scope, chunk)

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
        outer, named = self.places.get(path), self.uses.get(path)
        value = self.value(node, scope, chunk, path, depth + 1)
        if outer is not None:
            self.places[path] = outer
        self.uses.pop(path, None)  # a spread's members are named where they are written
        if named is not None:
            self.uses[path] = named
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
        items = [item for item in node.elts if not self.adds_nothing(item, scope)]
        for index, item in enumerate(items):
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
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            template = _literal_text(func.value)
            if template is not None:
                written = formatting.braces(template, node)
                return self._written(written, node, scope, chunk, depth)
        if name == "dict" and isinstance(node.func, ast.Name) and len(node.args) <= 1:
            result: dict[str, Any] = {}
            is_open = False
            for argument in node.args:
                is_open |= self.merge(result, argument, scope, chunk, path, depth)
            is_open |= self.keywords(result, node, None, scope, chunk, path, depth)
            return OpenObject(result) if is_open else result
        if name in sdk_names.SDK_V2_CONFIGS:
            config = sdk_names.SDK_V2_CONFIGS[name]
            child = (*path, config.target)
            place = chunk.place(node)
            self._note(child, place, place)
            return {config.target: self.sdk_call(name, config, node, scope, chunk, child, depth)}
        if name in sdk_names.PIPELINE_PARAMETERS:
            return self._pipeline_parameter(name, node, scope, chunk, path, depth)
        if name == "AutoMLDataChannel":
            table = sdk_names.SDK_V2_CHANNELS[name]
            return self.sdk_call(name, table, node, scope, chunk, path, depth)
        if name == "AutoMLInput":
            return self._automl_input(node, scope, chunk, path, depth)
        shapes = sdk_names.shape_members() if name is not None and name[:1].isupper() else {}
        if name in shapes and not node.args:
            shaped: dict[str, Any] = {}
            is_open = self.keywords(shaped, node, shapes[name], scope, chunk, path, depth)
            return OpenObject(shaped) if is_open else shaped
        return DYNAMIC

    def adds_nothing(self, node: ast.expr, scope: Scope) -> bool:
        """``*[]``, ``*()`` (or a name bound once to one): a spread of no item, which adds
        nothing to a call's arguments or a list."""
        if not isinstance(node, ast.Starred):
            return False
        spread = node.value
        for _ in range(_MAX_DEPTH):
            if not isinstance(spread, ast.Name) or self.changed(spread.id):
                break
            bound = scope.lookup(spread.id)
            if bound is None:
                break
            spread, _, scope = bound
        return isinstance(spread, (ast.List, ast.Tuple)) and not spread.elts

    def positional(self, node: ast.Call, scope: Scope) -> list[ast.expr]:
        """A call's positional arguments, without the spreads that add nothing."""
        return [argument for argument in node.args if not self.adds_nothing(argument, scope)]

    def _joined(
        self, node: ast.JoinedStr, scope: Scope, chunk: Chunk, path: Path, depth: int
    ) -> Any:
        """An f-string: its text where it has no field, else a string known in part (each
        field any text: a conversion or a format spec changes only which). A plain field
        (``{n}``) naming a text or an integer it is bound to once is that text."""
        pieces = [""]
        fields: list[str] = []
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                pieces[-1] += part.value
                continue
            assert isinstance(part, ast.FormattedValue)
            value = self._plain_field(part, scope, depth)
            _add_text(pieces, fields, value, "{" + ast.unparse(part.value) + "}")
        return pieces[0] if not fields else _partial(pieces, node, fields)

    def _written(
        self,
        written: formatting.Formatted | None,
        node: ast.expr,
        scope: Scope,
        chunk: Chunk,
        depth: int,
    ) -> Any:
        """What a literal format writes (:mod:`.formatting`): its text, a string known in
        part, or DYNAMIC (None: a format not bounded here)."""
        if written is None:
            return DYNAMIC
        pieces = [""]
        fields: list[str] = []
        for item in written:
            if isinstance(item, str):
                pieces[-1] += item
                continue
            value: Any = DYNAMIC
            if item.node is not None:
                value = self.value(item.node, scope, chunk, _TEXT, depth + 1)  # places unused
                self.uses.pop(_TEXT, None)
            if type(value) is int:
                value = _digits(value)
            elif not item.text:
                value = DYNAMIC
            _add_text(pieces, fields, value, item.name)
        return pieces[0] if not fields else _partial(pieces, node, fields)

    def _plain_field(self, part: ast.FormattedValue, scope: Scope, depth: int) -> Any:
        """What ``{name}`` writes in an f-string, where ``name`` is bound once to a text
        (known or in part: ``format`` of a ``str`` with no spec is the ``str``) or to an
        integer (its digits); else DYNAMIC."""
        if part.conversion != -1 or part.format_spec is not None:
            return DYNAMIC
        if not isinstance(part.value, ast.Name):
            return DYNAMIC
        value = self._name(part.value.id, scope, _TEXT, depth + 1)
        if type(value) is int:
            return _digits(value)
        return value if isinstance(value, str) or value.__class__ is PartialText else DYNAMIC

    def _added(self, node: ast.BinOp, scope: Scope, chunk: Chunk, path: Path, depth: int) -> Any:
        """``"job-" + name``: where one side is written as text (a string literal, an
        f-string, such a sum), a string known in part, the other side's text unknown
        unless it is known (``+`` of a string and anything but a string fails, unless that
        thing's type defines its own ``+``: no value of a request is made so)."""
        template = _literal_text(node.left) if isinstance(node.op, ast.Mod) else None
        if template is not None:
            written = formatting.percent(template, node.right)
            return self._written(written, node, scope, chunk, depth)
        if not isinstance(node.op, ast.Add):
            return DYNAMIC
        if not (_texty(node.left) or _texty(node.right)):
            # a side that is a name bound once to text is written as text too
            sides = [side for side in (node.left, node.right) if isinstance(side, ast.Name)]
            named = [self._name(side.id, scope, _TEXT, depth + 1) for side in sides]
            if not any(isinstance(v, str) or v.__class__ is PartialText for v in named):
                return DYNAMIC
        pieces = [""]
        fields: list[str] = []
        for side in (node.left, node.right):
            value = self.value(side, scope, chunk, _TEXT, depth + 1)  # places unused
            self.uses.pop(_TEXT, None)  # a name read for a piece: no value another call uses
            _add_text(pieces, fields, value, ast.unparse(side))
        return pieces[0] if not fields else _partial(pieces, node, fields)

    _READERS: ClassVar[dict[type[ast.AST], Callable[..., Any]]] = {
        ast.Dict: _dict,
        ast.List: _list,
        ast.Tuple: _list,
        ast.Set: _set,
        ast.Name: _name_node,
        ast.Call: _call,
        ast.JoinedStr: _joined,
        ast.BinOp: _added,
    }

    def _pipeline_parameter(
        self, kind: str, node: ast.Call, scope: Scope, chunk: Chunk, path: Path, depth: int
    ) -> Any:
        """A pipeline parameter's default (DYNAMIC without one): see
        :class:`PipelineParameter`."""
        given, _ = self._given(kind, sdk_names.PIPELINE_PARAMETER, node, scope, chunk)
        found: dict[str, Any] = {}
        for param in ("name", "default_value", "enum_values"):
            if param in given:
                found[param] = self.value(
                    given[param][1], scope, chunk, ("<parameter>",), depth + 1
                )
        default, values = found.get("default_value"), found.get("enum_values")
        name = found.get("name")
        if default is None or is_dynamic(default):
            return DYNAMIC
        others: tuple[Any, ...] = ()
        if isinstance(values, list) and not is_dynamic(values):
            others = tuple(value for value in values if value != default)
        label = name if isinstance(name, str) else "?"
        self.parameters[path] = PipelineParameter(label, chunk.place(node), others)
        return default

    def _automl_input(
        self, node: ast.Call, scope: Scope, chunk: Chunk, path: Path, depth: int
    ) -> Any:
        """``AutoMLInput``: one channel per S3 URI it is given."""
        table = sdk_names.SDK_V2_CHANNELS["AutoMLInput"]
        channel = self.sdk_call("AutoMLInput", table, node, scope, chunk, (*path, "0"), depth)
        source = channel.get("DataSource", {}).get("S3DataSource", {})
        uris = source.get("S3Uri") if isinstance(source, dict) else DYNAMIC
        if not isinstance(uris, list) or isinstance(uris, OpenArray):
            return [channel]
        channels = []
        for uri in uris:
            one = copy.deepcopy(channel)
            one["DataSource"]["S3DataSource"]["S3Uri"] = uri
            channels.append(one)
        return channels

    def sdk_call(
        self,
        name: str,
        sdk: sdk_names.SdkClass,
        node: ast.Call,
        scope: Scope,
        chunk: Chunk,
        path: Path,
        depth: int,
    ) -> Any:
        """What an SDK v2 object (or Session method, or Airflow operator) sends, built from
        its arguments as the SDK builds it; arguments it does not take are noted as problems.
        ``channel`` arguments are kept in :attr:`channel_members` for the channels fit() builds."""
        given, is_open = self._given(name, sdk, node, scope, chunk)
        result: dict[str, Any] = OpenObject() if is_open else {}
        extras: Any = None
        for param in sdk.params:
            if param.path is None:
                continue
            found = self._param_value(param, given, scope, chunk, path, depth, is_open)
            if found is None:
                continue
            value, places = found
            if param.form == "extras":
                extras = value
            elif param.form == "channel":
                self.channel_members.append((param.path, value, places))
            else:
                _put(result, param.path, value, is_open)
                if places is not None:
                    self.note_within(chunk.place(node), (*path, *param.path), places)
        if extras is not None:
            result = _merge_extras(result, extras)
        return result

    def _given(
        self, name: str, sdk: sdk_names.SdkClass, node: ast.Call, scope: Scope, chunk: Chunk
    ) -> tuple[dict[str, tuple[ast.AST, ast.expr]], bool]:
        """The arguments of a call by parameter name, and whether more may be given
        (``*args``, ``**kwargs``)."""
        given: dict[str, tuple[ast.AST, ast.expr]] = {}
        is_open = False
        keyword_only = name == sdk_names.AIRFLOW_OPERATOR
        for index, argument in enumerate(self.positional(node, scope)):
            if isinstance(argument, ast.Starred):
                is_open = True
                break
            if keyword_only or index >= len(sdk.params):
                why = f"{name} takes {'no' if keyword_only else len(sdk.params)} positional"
                self.problems.append(
                    (chunk.place(argument), f"{why} arguments; this one is one too many")
                )
                continue
            given[sdk.params[index].name] = (argument, argument)
        for keyword in node.keywords:
            if keyword.arg is None:
                is_open = True
            elif sdk.param(keyword.arg) is not None:
                given[keyword.arg] = (keyword, keyword.value)
            elif not keyword_only:
                where = chunk.place(keyword)
                self.problems.append((where, f"{name} takes no argument '{keyword.arg}'"))
            elif keyword.arg not in sdk_names.AIRFLOW_NOT_REQUEST:
                pass  # BaseOperator's own arguments: not part of the request
        return given, is_open

    def _param_value(
        self,
        param: sdk_names.Param,
        given: dict[str, tuple[ast.AST, ast.expr]],
        scope: Scope,
        chunk: Chunk,
        path: Path,
        depth: int,
        is_open: bool,
    ) -> tuple[Any, tuple[Place, Place] | None] | None:
        """The value a parameter sends and where it is written; None when nothing is sent."""
        assert param.path is not None
        places: tuple[Place, Place] | None = None
        if param.name in given:
            key_node, value_node = given[param.name]
            value = self.value(value_node, scope, chunk, (*path, *param.path), depth + 1)
            child = (*path, *param.path)
            places = (chunk.place(key_node), self.value_place(child, value_node, scope, chunk))
        elif is_open:
            value = DYNAMIC if param.sent == sdk_names.ALWAYS else None  # may be in the spread
        elif param.sent == sdk_names.ALWAYS:
            value = param.default
        else:
            return None
        if value is None or (param.sent == sdk_names.TRUTHY and _falsy(value)):
            return None
        return _FORMS.get(param.form, _same)(value), places

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


_TEXT: Path = ("<text>",)
"""Where the sides of a sum of text are read: no path of a request."""


def _texty(node: ast.expr) -> bool:
    """An expression written as text: a string literal, an f-string, a sum holding one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _texty(node.left) or _texty(node.right)
    return isinstance(node, ast.JoinedStr)


def _digits(value: int) -> Any:
    """An integer as Python writes it in text, or DYNAMIC where Python refuses to (over
    4,300 digits, ``0xfff...`` written in hex: it raises, so no request is sent)."""
    try:
        return str(value)
    except ValueError:
        return DYNAMIC


def _literal_text(node: ast.expr) -> str | None:
    """The text of a string literal (``"job-%s"`` in ``"job-%s" % x``), else None."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _add_text(pieces: list[str], fields: list[str], value: Any, name: str) -> None:
    """``value`` written after ``pieces`` (a text; a string known in part, its pieces and
    fields; anything else an unknown piece, filled by ``name``)."""
    if isinstance(value, str):
        pieces[-1] += value
    elif value.__class__ is PartialText:
        pieces[-1] += value.pieces[0]
        pieces.extend(value.pieces[1:])
        fields.extend(value.fields)
    else:
        fields.append(name)
        pieces.append("")


def _partial(pieces: list[str], node: ast.expr, fields: list[str]) -> Any:
    """The string known in part ``node`` is: its known ``pieces``, each unknown one filled
    by one of ``fields`` (DYNAMIC when no piece is known)."""
    if not any(pieces):
        return DYNAMIC
    return PartialText(
        tuple(pieces), printable(cut(ast.unparse(node))), tuple(map(cut, dict.fromkeys(fields)))
    )


def _falsy(value: Any) -> bool:
    """A value known to be falsy (a dynamic one may be anything)."""
    if value is DYNAMIC or isinstance(value, (OpenObject, OpenArray)):
        return False
    return not value


def _same(value: Any) -> Any:
    return value


def _tags(value: Any) -> Any:
    """``format_tags``: a dict becomes Key/Value pairs; anything else is sent as it is."""
    if isinstance(value, dict) and not isinstance(value, OpenObject):
        return [{"Key": _text(k), "Value": _text(v)} for k, v in value.items()]
    return value


def _text(value: Any) -> Any:
    return value if value is DYNAMIC or isinstance(value, (str, PartialText)) else DYNAMIC


def _role(value: Any) -> Any:
    """``expand_role``: a role name without ``/`` is looked up in IAM, an ARN kept (one
    known in part only when its known pieces hold a ``/``)."""
    if value.__class__ is PartialText:
        return value if "/" in value.known() else DYNAMIC
    return value if not isinstance(value, str) or "/" in value else DYNAMIC


_FORMS: dict[str, Callable[[Any], Any]] = {
    "tags": _tags,
    "role": _role,
    "algorithms": lambda value: [{"AutoMLAlgorithms": value}],
    "holiday": lambda value: [{"CountryCode": value}],
    "gzip": lambda value: DYNAMIC if value is DYNAMIC or value.__class__ is PartialText else "Gzip",
}


def _put(result: dict[str, Any], path: tuple[str, ...], value: Any, is_open: bool) -> None:
    """``value`` at ``path`` in ``result``, creating the objects on the way (a list index
    ``"0"`` creates a one-item list)."""
    here: Any = result
    for step, following in zip(path, (*path[1:], None), strict=True):
        if following is None:
            break
        if step.isdigit():
            while len(here) <= int(step):
                here.append(OpenObject() if is_open else {})
            here = here[int(step)]
            continue
        if not isinstance(here.get(step), (dict, list)):
            here[step] = [] if following.isdigit() else (OpenObject() if is_open else {})
        here = here[step]
    last = path[-1]
    if last.isdigit():
        while len(here) <= int(last):
            here.append(None)
        here[int(last)] = value
    else:
        here[last] = value


def _merge_extras(result: dict[str, Any], extras: Any) -> dict[str, Any]:
    """Airflow's ``params.update(extras)``: each top-level member of extras replaces the one
    built from the other arguments, whole."""
    if isinstance(extras, dict) and not isinstance(extras, OpenObject):
        result.update(extras)
        return result
    _override(result)
    merged = OpenObject(result)
    if isinstance(extras, dict):
        merged.update(extras)
    return merged


def _override(result: dict[str, Any]) -> None:
    """Members written before a spread of unknown members: it may override each of them."""
    for name in result:
        result[name] = DYNAMIC


def _request_of(
    node: ast.Call,
    scope: Scope,
    chunk: Chunk,
    changed: Callable[[str], bool],
    budget: Budget,
    fit: tuple[ast.Call, Scope, Chunk] | None = None,
) -> Extracted | None:
    """The request a call sends, if it is one of the known AutoML calls (``fit``: the one
    ``fit`` call of an SDK v2 estimator, which sends it)."""
    version = sdk_names.request_version(node)
    if version is None:
        return None
    name = sdk_names.callee(node)
    assert name is not None
    reader = _Reader(changed, budget)
    data: dict[str, Any] = {}
    if name in sdk_names.SDK_V2_ESTIMATORS:
        data = _estimator_request(reader, name, node, scope, chunk, fit)
    elif name in sdk_names.SESSION_METHODS:
        data = reader.sdk_call(name, sdk_names.SESSION_METHODS[name], node, scope, chunk, (), 0)
        if name == sdk_names.AIRFLOW_OPERATOR:
            data = _jinja(data)
    elif name in sdk_names.BOTO3_METHODS:
        if _someone_elses_method(node, scope):
            return None
        # boto3 takes keywords only: a positional argument fails before anything is sent
        if reader.keywords(data, node, None, scope, chunk, (), 0) or reader.positional(node, scope):
            data = OpenObject(data)
        elif not data and _sagemaker_client(node, scope):
            # no member, written so (no argument, ``**{}``, ``*[]``): an empty request
            return _extracted(version, data, reader, chunk.place(node))
    else:  # sagemaker-core's AutoMLJob(V2).create
        reader.rename = sdk_names.all_members()
        members = sdk_names.request_members(version)
        spread = reader.keywords(
            data, node, members, scope, chunk, (), 0, ignore=sdk_names.SDK_V3_NOT_MEMBERS
        )
        if spread or reader.positional(node, scope):
            data = OpenObject(data)
    if not data and not reader.problems:
        return None  # nothing known to check
    return _extracted(version, data, reader, chunk.place(node))


def _extracted(version: str, data: dict[str, Any], reader: _Reader, call: Place) -> Extracted:
    reader.places[()] = (call, call)
    return Extracted(
        version,
        data,
        reader.places,
        problems=reader.problems,
        shared=dict(reader.uses),
        parameters=reader.parameters,
    )


def _someone_elses_method(node: ast.Call, scope: Scope) -> bool:
    """A method of boto3's name whose keywords are all snake_case (no ``**`` spread), on a
    receiver not known to be a SageMaker client: another object's method (moto's backend,
    a wrapper, the SDK's internals), since every member of AWS's requests is PascalCase.
    A literal dict spread's keys are keywords written another way."""
    names = _keyword_names(node)
    if not names or any(not name[:1].islower() for name in names):
        return False
    return not _sagemaker_client(node, scope)


def _keyword_names(node: ast.Call) -> list[str] | None:
    """The names a call's keywords give, those of a ``**{...}`` literal's string keys
    included; None when a spread's names are not written in the call."""
    names: list[str] = []
    for keyword in node.keywords:
        if keyword.arg is not None:
            names.append(keyword.arg)
            continue
        spread = keyword.value
        if not isinstance(spread, ast.Dict):
            return None
        for key in spread.keys:
            if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
                return None
            names.append(key.value)
    return names


def _sagemaker_client(node: ast.Call, scope: Scope) -> bool:
    """Whether a boto3 method is called on a SageMaker client: ``boto3.client("sagemaker")``
    or a session's ``.client("sagemaker")``, called there or bound once to the name called
    on. Another receiver may be a user's own object, its method taking no argument."""
    receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
    if isinstance(receiver, ast.Name):
        bound = scope.lookup(receiver.id)
        receiver = bound[0] if bound is not None else None
    if not isinstance(receiver, ast.Call) or sdk_names.callee(receiver) != "client":
        return False
    named = [k.value for k in receiver.keywords if k.arg == "service_name"]
    service = receiver.args[0] if receiver.args else (named[0] if named else None)
    return isinstance(service, ast.Constant) and service.value == "sagemaker"


def _estimator_request(
    reader: _Reader,
    name: str,
    node: ast.Call,
    scope: Scope,
    chunk: Chunk,
    fit: tuple[ast.Call, Scope, Chunk] | None,
) -> dict[str, Any]:
    """The request an SDK v2 estimator's ``fit`` sends: the estimator's arguments, the job
    name and the channels of ``fit`` (DYNAMIC where there is no one fit call to read)."""
    table = sdk_names.SDK_V2_ESTIMATORS[name]
    data: dict[str, Any] = reader.sdk_call(name, table, node, scope, chunk, (), 0)
    if table.target == sdk_names.V1:
        data.setdefault("AutoMLJobConfig", {}).setdefault("CompletionCriteria", {})
    deploy = data.get("ModelDeployConfig")
    if isinstance(deploy, dict) and deploy.get("AutoGenerateEndpointName") is True:
        deploy.pop("EndpointName", None)  # the SDK sends a name only when none is generated
    channels_member = (
        "InputDataConfig" if table.target == sdk_names.V1 else "AutoMLJobInputDataConfig"
    )
    data["AutoMLJobName"] = DYNAMIC  # fit's job_name, or a name generated from a base
    data[channels_member] = DYNAMIC
    if fit is None:
        return data
    fit_node, fit_scope, fit_chunk = fit
    fitted = reader.sdk_call("fit", sdk_names.SDK_V2_FIT, fit_node, fit_scope, fit_chunk, (), 0)
    if "AutoMLJobName" in fitted:
        data["AutoMLJobName"] = fitted["AutoMLJobName"]
    inputs = fitted.get("inputs", DYNAMIC)
    data[channels_member] = (
        _v1_channels(reader, inputs) if table.target == sdk_names.V1 else _v2_channels(inputs)
    )
    return data


def _v1_channels(reader: _Reader, inputs: Any) -> Any:
    """``AutoML.fit``'s inputs as channels: an S3 URI (or a list of them) becomes one channel
    each, with the estimator's channel arguments; AutoMLInput objects are their own."""
    items = inputs if isinstance(inputs, list) and not isinstance(inputs, OpenArray) else [inputs]
    channels: list[Any] = []
    for index, item in enumerate(items):
        if isinstance(item, list):  # an AutoMLInput: its channels, as they are
            channels.extend(item)
            continue
        if not isinstance(item, str):
            return DYNAMIC
        uri = item if item.startswith("s3://") else DYNAMIC  # a local path is uploaded
        channel: dict[str, Any] = {"DataSource": {"S3DataSource": {"S3Uri": uri}}}
        for path, value, places in reader.channel_members:
            _put(channel, path, value, False)
            if places is not None:
                reader.note_within(places[0], ("InputDataConfig", str(index), *path), places)
        channels.append(channel)
    return channels


def _v2_channels(inputs: Any) -> Any:
    """``AutoMLV2.fit``'s inputs: an AutoMLDataChannel, or a list of them."""
    if isinstance(inputs, dict):
        return [inputs]
    return inputs if isinstance(inputs, list) else DYNAMIC


def _jinja(value: Any) -> Any:
    """Airflow renders every string argument as a Jinja template: one with ``{{`` or ``{%``
    is known only at run time."""
    if isinstance(value, str):
        return DYNAMIC if "{{" in value or "{%" in value else value
    if value.__class__ is PartialText:  # its unknown pieces may be rendered too
        return DYNAMIC
    if isinstance(value, dict):
        rendered = {key: _jinja(item) for key, item in value.items()}
        return OpenObject(rendered) if isinstance(value, OpenObject) else rendered
    if isinstance(value, list):
        items = [_jinja(item) for item in value]
        return OpenArray(items) if isinstance(value, OpenArray) else items
    return value


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
    fits = _fits(binder)
    found = []
    for node, scope, chunk in binder.calls:
        fit = fits.get(id(node))
        request = _request_of(node, scope, chunk, binder.changed, budget, fit)
        if request is not None:
            found.append(request)
    _keep_shared(found)
    return found


def _keep_shared(found: Sequence[Extracted]) -> None:
    """Keep, of each request's values read through names, those another request reads too
    (a module constant used by several calls): only these are reported at the call."""
    readers: dict[Place, int] = {}
    for request in found:
        for written in {written for _, written in request.shared.values()}:
            readers[written] = readers.get(written, 0) + 1
    for request in found:
        request.shared = {path: use for path, use in request.shared.items() if readers[use[1]] > 1}


def _fits(binder: Binder) -> dict[int, tuple[ast.Call, Scope, Chunk]]:
    """The ``fit`` call of each SDK v2 estimator fitted exactly once (by the name it is
    bound to once, or on the estimator itself): by the estimator call's id."""
    estimators = {
        id(node)
        for node, _, _ in binder.calls
        if sdk_names.callee(node) in sdk_names.SDK_V2_ESTIMATORS
    }
    found: dict[int, list[tuple[ast.Call, Scope, Chunk]]] = {}
    for node, scope, chunk in binder.fits:
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(receiver, ast.Name):  # bound once to the estimator (or not read)
            bound = scope.lookup(receiver.id)
            receiver = bound[0] if bound is not None else None
        if receiver is not None and id(receiver) in estimators:
            found.setdefault(id(receiver), []).append((node, scope, chunk))
    return {key: calls[0] for key, calls in found.items() if len(calls) == 1}


_SDK_NAMES = frozenset(
    {
        *sdk_names.SDK_V2_ESTIMATORS,
        *sdk_names.SDK_V2_CONFIGS,
        *sdk_names.SDK_V2_CHANNELS,
        *sdk_names.SDK_V3_RESOURCES,
        sdk_names.AIRFLOW_OPERATOR,
    }
)


_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")
"""Where statements stand: an import is one, so these lists reach every import."""


def _imports_an_sdk_alias(tree: ast.Module) -> bool:
    """Whether an ``from ... import <SDK name> as X`` stands anywhere in the tree, found by
    walking the statement lists only (a third of the time of a walk of every node)."""
    stack: list[Any] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ImportFrom):
            if any(alias.asname and alias.name in _SDK_NAMES for alias in node.names):
                return True
            continue
        for statements in _STATEMENT_LISTS:
            stack.extend(getattr(node, statements, ()))
    return False


def _follow_aliases(tree: ast.Module, aliases: dict[str, str]) -> None:
    """``from sagemaker import AutoML as A``: ``A`` is read as ``AutoML`` from there on (the
    names are collected over a module's chunks in order, as a notebook runs its cells).
    With no alias known and none imported, there is nothing to rename: the walk of every
    node is skipped (it was three quarters of the parse's time on each editor re-check)."""
    if not aliases and not _imports_an_sdk_alias(tree):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.asname and alias.name in _SDK_NAMES:
                    aliases[alias.asname] = alias.name
        elif isinstance(node, ast.Name) and node.id in aliases and isinstance(node.ctx, ast.Load):
            node.id = aliases[node.id]


class _Resplit(Exception):
    """A piece of a quick split did not parse: its chunk is now split by tokenize."""


def _bind(chunks: Sequence[Chunk]) -> Binder:
    binder = Binder(Scope(None))
    for chunk in chunks:
        binder.chunk = chunk
        chunk.unread.clear()
        try:
            with binder.own_scope() if chunk.own_scope else nullcontext():
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
            _follow_aliases(part, binder.aliases)
            binder.visit(part)
            continue
        binder.unreadable(part)
        if mentions_automl(part.text):
            why = (
                f"a statement of {len(part.text):,} characters and over "
                f"{STATEMENT_TOKENS:,} tokens (more than {STATEMENT_LIMIT:,} characters "
                "are read at once only below that), holds an AutoML call"
            )
            chunk.unread.append((part.first_line, why))


_GAP = r"(?:[\s\\]++|#[^\n]*+)*+"
"""What may stand between two tokens of a call: spaces, line breaks, backslash continuations,
comments (possessive: the search never backtracks, so it stays linear)."""
KNOWN_CALLS = (
    "create_auto_ml_job",
    "create_auto_ml_v2",
    rf"\.{_GAP}auto_ml{_GAP}\(",
    "SageMakerAutoMLOperator",
    rf"\bAutoML(?:V2)?{_GAP}(?:\(|as\b)",
    rf"\bAutoMLJob(?:V2)?{_GAP}\.{_GAP}create\b",
)
"""The calls :func:`extract` recognises, by the names it recognises them by: one pattern a
kind of call (the tests draw text from each, so a kind added here is covered there)."""
_KNOWN_CALL = re.compile("|".join(KNOWN_CALLS))


def mentions_automl(text: str) -> bool:
    """Whether the text could hold a known call at all: most code is a quick no, never
    parsed (code that only mentions AutoML in its strings or names included). Identifiers
    are compared as Python compares them, after NFKC normalisation (a fullwidth letter is
    its ASCII letter)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "AutoML" not in text and "auto_ml" not in text:
        return False  # a substring search is ten times quicker than the pattern's
    return _KNOWN_CALL.search(text) is not None


def parse_chunk(source: str, cell: int | None, filename: str, *, checked: bool = True) -> Chunk:
    """Raises SyntaxError as ``ast.parse`` does. A source over ``WHOLE_LIMIT`` is held in
    pieces, parsed when :func:`extract` binds them; with ``checked``, they are parsed once
    now too, for their syntax (a notebook's cell must be known to be Python before its
    names are bound with the other cells')."""
    if len(source) <= WHOLE_LIMIT:
        return Chunk(cell, source, parse_python(source, filename))
    found, chunk_quick = split_by(source)
    chunk = Chunk(cell, source, None, found, filename)
    chunk.quick = chunk_quick  # split by tokenize already (the source ends inside a bracket)
    if checked:
        try:
            chunk.check()
        except SyntaxError:
            if not chunk.resplit():
                raise
            chunk.check()
    return chunk
