"""YAML read in one pass where nothing is unusual: the C loader composes the nodes, with its
per-node Python hooks made cheap (:class:`LeanLoader`), then one visit of the nodes builds the
data and makes every check the careful reading in :mod:`.yaml_syntax` makes (:func:`plain_data`).

The visit refuses nothing itself. Anything it does not take on (a key that is not a string, a
key written twice, a merge key, a number that is too long or that JSON cannot hold, a date, any
other tag, nesting deeper than any request) raises :class:`NotPlain`, and the careful reading
reads the text again and words the refusal, so every finding and position is the careful
reading's own. A text holding an anchor (``&``, so perhaps an alias, a bomb or a cycle) is never
given to this path: without an anchor every node is reached once.
"""

from __future__ import annotations

import operator

from automl_objective.inputs.pyyaml import yaml

TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT = (TAG + t for t in ("str", "null", "bool", "int", "float"))
_MAP, _SEQ, _TIMESTAMP = TAG + "map", TAG + "seq", TAG + "timestamp"

MAX_NUMBER_CHARS = 400
"""Longest number read (a double has at most 309 digits before its point)."""
MAX_DEPTH = 48
"""Deeper nesting than any request goes to the careful reading, whose construction of a
CloudFormation short form recurses in Python (so it, not this visit, meets the limit)."""
MAX_REMEMBERED_TAGS = 4096
MAX_REMEMBERED_TEXT = 64
"""A plain scalar's implicit tag is remembered for texts this short, this many at most."""

UNPREFIXED_FUNCTIONS = frozenset({"Ref", "Condition"})
"""CloudFormation functions whose long form has no ``Fn::`` (``!Ref`` is ``Ref``)."""


def function_name(tag: str) -> str:
    """The long form of a CloudFormation short-form tag: ``!Sub`` -> ``Fn::Sub``."""
    suffix = tag[1:]
    return suffix if suffix in UNPREFIXED_FUNCTIONS else f"Fn::{suffix}"


_resolve: Callable[..., str] = yaml.resolver.BaseResolver.resolve
_remembered_tags: dict[str, str] = {}
_kind_tags: dict[tuple[Any, Any], str] = {}


TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    _Composer = yaml.CSafeLoader
else:  # PyYAML built without libyaml has only its Python loader: slower, the same nodes
    _Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TWO_ARGUMENTS_IGNORED: Any = operator.is_
_NO_ARGUMENT_IGNORED: Any = tuple


class LeanLoader(_Composer):
    """The C loader (PyYAML's Python one where it was built without libyaml), used only to
    compose. No path resolver is ever added to it (a test says so), so descending and
    ascending have nothing to do, the implicit tag of a plain scalar depends on its text alone
    (it is remembered, within bounds, by that text) and any other node's on its kind and
    whether its tag is implicit alone (remembered by them)."""

    # The composer calls both for every node, and ignores what they return: C functions of
    # the same arity that do nothing (a Python method's call cost 18 K instructions of a
    # 288-character request's 270 K).
    descend_resolver = staticmethod(_TWO_ARGUMENTS_IGNORED)
    ascend_resolver = staticmethod(_NO_ARGUMENT_IGNORED)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or not implicit[0]:
            # a collection or a quoted scalar: its tag depends on its kind and ``implicit``
            # alone (no implicit resolver reads its text), remembered by them (a handful)
            tag = _kind_tags.get((kind, implicit))
            if tag is None:
                tag = _kind_tags[(kind, implicit)] = _resolve(self, kind, value, implicit)
            return tag
        if len(value) <= MAX_REMEMBERED_TEXT:
            tag = _remembered_tags.get(value)
            if tag is None:
                if len(_remembered_tags) >= MAX_REMEMBERED_TAGS:
                    _remembered_tags.clear()
                tag = _remembered_tags[value] = _resolve(self, kind, value, implicit)
            return tag
        return _resolve(self, kind, value, implicit)


def compose(text: str) -> yaml.Node | None:
    """The single document's node graph (None for a text with no document); PyYAML's errors
    as it raises them."""
    loader = LeanLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class NotPlain(Exception):
    """Not for the one pass: the careful reading decides, and words any refusal."""


class _ScalarText:
    """What PyYAML's own number constructors read from their ``self``."""

    inf_value = yaml.constructor.SafeConstructor.inf_value
    nan_value = yaml.constructor.SafeConstructor.nan_value

    @staticmethod
    def construct_scalar(node: yaml.ScalarNode) -> Any:
        return node.value


_SCALAR_TEXT = _ScalarText()
_SAFE: Any = yaml.constructor.SafeConstructor
_construct_int: Callable[[Any, yaml.Node], Any] = _SAFE.construct_yaml_int
_construct_float: Callable[[Any, yaml.Node], Any] = _SAFE.construct_yaml_float
_BOOLS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values


_SCALAR = yaml.ScalarNode


def plain_data(root: yaml.Node, *, cloudformation: bool = False) -> Any:
    """The data of a composed graph without aliases, as the careful reading constructs it
    (with ``cloudformation``, short forms read as their long forms and dates as strings);
    :class:`NotPlain` for anything the careful reading must decide."""
    return _plain(root, cloudformation, 0)


def _plain(node: yaml.Node, cloudformation: bool, depth: int) -> Any:
    kind, tag = node.__class__, node.tag
    if kind is yaml.ScalarNode:
        return _scalar(node, tag, cloudformation)
    if depth >= MAX_DEPTH:
        raise NotPlain
    if tag == (_MAP if kind is yaml.MappingNode else _SEQ):
        return _container(node, cloudformation, depth)
    if cloudformation and tag[0] == "!":  # ``!GetAZs [...]``: {"Fn::GetAZs": [...]}
        return {function_name(tag): _container(node, cloudformation, depth + 1)}
    raise NotPlain


def _container(node: yaml.Node, cloudformation: bool, depth: int) -> Any:
    """A mapping's or a sequence's data, whatever its tag. A string scalar, the commonest
    value, is its text: taken in line (what :func:`_plain` gives it, without two calls)."""
    if node.__class__ is yaml.SequenceNode:
        return [
            item.value
            if item.__class__ is _SCALAR and item.tag == _STR
            else _plain(item, cloudformation, depth + 1)
            for item in node.value
        ]
    pairs = node.value
    data = {}
    for key, value in pairs:
        if key.__class__ is not _SCALAR or key.tag != _STR:
            raise NotPlain  # a key that is not a string, or a merge key
        if value.__class__ is _SCALAR and value.tag == _STR:
            data[key.value] = value.value
        else:
            data[key.value] = _plain(value, cloudformation, depth + 1)
    if len(data) != len(pairs):
        raise NotPlain  # a key written twice
    return data


def _scalar(node: yaml.Node, tag: str, cloudformation: bool) -> Any:
    if tag == _STR:
        return node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLS[node.value.lower()]
    if tag in (_INT, _FLOAT):
        if len(node.value) > MAX_NUMBER_CHARS:
            raise NotPlain
        if tag == _INT:
            return _construct_int(_SCALAR_TEXT, node)
        value = _construct_float(_SCALAR_TEXT, node)
        if value - value != 0.0:  # infinite or not a number: JSON cannot hold it
            raise NotPlain
        return value
    if cloudformation and tag == _TIMESTAMP:
        return node.value
    if cloudformation and tag[0] == "!":
        name = function_name(tag)
        return {name: node.value.split(".", 1) if name == "Fn::GetAtt" else node.value}
    raise NotPlain
