"""What pipeline definitions and state machines share: splitting a definition into the
requests it holds, with what is computed at run time marked dynamic, and a finding at each
place the definition is wrong (misshapen, so that the requests there cannot be found; a
rule of the definition's own broken)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeGuard, TypeVar

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import DYNAMIC
from automl_objective.base.finding import Finding, json_pointer
from automl_objective.base.quoting import json_type, shown
from automl_objective.inputs.document import Contents, Document, Locator, Part

Prefix = tuple[str | int, ...]
T = TypeVar("T")

UNCHECKED = "the AutoML requests in it are not checked"


Renamed = dict[tuple[str, ...], str]
"""Request path of a member (indices as strings) -> the key it is written under (``Key`` ->
``"Key.$"``)."""


def with_dynamic(value: Any, dynamic: Callable[[Any], bool], state_keys: bool) -> Any:
    """``value`` as the request it sends, with :data:`~automl_objective.base.dynamic.DYNAMIC`
    for what is computed at run time: what ``dynamic`` says is, and with ``state_keys`` the
    value of a member whose key ends in ``.$`` (Step Functions' JSONPath: the member ``Key``
    is there, its value taken from the state's input). See :func:`renamed_keys` for where
    such a member is written."""
    if dynamic(value):
        return DYNAMIC
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if state_keys and key.endswith(".$") and len(key) > 2:
                result.setdefault(key[:-2], DYNAMIC)
            else:
                result[key] = with_dynamic(item, dynamic, state_keys)
        return result
    if isinstance(value, list):
        return [with_dynamic(item, dynamic, state_keys) for item in value]
    return value


def renamed_keys(value: Any) -> Renamed:
    """The members of ``value`` written as ``Key.$`` (path of ``Key`` -> ``"Key.$"``), so that
    a finding about one points at what is written."""
    found: Renamed = {}
    stack: list[tuple[Any, Prefix]] = [(value, ())]
    while stack:
        current, at = stack.pop()
        if isinstance(current, dict):
            for key, item in current.items():
                if key.endswith(".$") and len(key) > 2 and key[:-2] not in current:
                    found[tuple(map(str, (*at, key[:-2])))] = key
                else:
                    stack.append((item, (*at, key)))
        elif isinstance(current, list):
            stack.extend((item, (*at, index)) for index, item in enumerate(current))
    return found


def _written(path: Sequence[str | int], renamed: Renamed) -> Prefix:
    """``path`` as it is written in the document (``Key`` as ``Key.$`` where it is)."""
    if not renamed:
        return tuple(path)
    tokens = tuple(map(str, path))  # a finding's pointer holds indices as strings
    return tuple(renamed.get(tokens[: depth + 1], token) for depth, token in enumerate(path))


def _outer_locator(document: Document, prefix: Prefix, renamed: Renamed) -> Locator:
    def locate(requests: Any) -> Any:
        return document.spots(
            [((*prefix, *_written(path, renamed)), key) for path, key in requests]
        )

    return locate


def _subject(at: Prefix) -> str:
    """What is at ``at``, in words: ``Branches``, ``item 0 of Steps``, ``the state 'a'``."""
    last, parent = at[-1], at[-2] if len(at) > 1 else None
    if isinstance(last, int):
        return f"item {last} of {parent}"
    if parent == "States":
        return f"the state {shown(last)}"
    return last


class Split:
    """What splitting one definition finds: the requests it holds, and each place where it
    is not shaped as AWS defines it."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.parts: list[Part] = []
        self.problems: list[tuple[Prefix, str, Code]] = []

    def expect(self, value: Any, kind: type[T], at: Prefix, what: str, lost: str) -> TypeGuard[T]:
        """Whether ``value`` is of ``kind``; if not, a finding at ``at`` saying so."""
        if isinstance(value, kind):
            return True
        said = f"{_subject(at)} must be {what}, not {json_type(value)}; {lost}"
        self.problems.append((at, said, Code.INVALID_TYPE))
        return False

    def problem(self, at: Prefix, message: str, code: Code) -> None:
        """A finding at ``at`` (in the definition) with ``code``."""
        self.problems.append((at, message, code))

    def add(self, request: dict[str, Any], prefix: Prefix, kind: str, renamed: Renamed) -> None:
        """A request at ``prefix``, checked as ``kind`` (its absent members decided by the
        checks: a member present with a run-time value counts as present)."""
        locator = _outer_locator(self.document, prefix, renamed)
        written = functools.partial(_written, renamed=renamed) if renamed else None
        self.parts.append(Part(request, kind, locator, prefix, written=written))

    def contents(self, kind: str) -> Contents:
        """The requests found, and a finding at each place the definition itself is wrong
        (``invalid-type`` where it is misshapen)."""
        spots = self.document.spots([(at, False) for at, _, _ in self.problems])
        findings = []
        for (at, message, code), (spot, _) in zip(self.problems, spots, strict=True):
            line, column = spot or (None, None)
            findings.append(Finding(code.severity, code, json_pointer(at), line, column, message))
        return Contents(self.document.path, kind, None, tuple(self.parts), tuple(findings))
