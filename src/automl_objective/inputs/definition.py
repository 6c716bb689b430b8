"""What pipeline definitions and state machines share: splitting a definition into the
requests it holds, leaving out what is computed at run time, and a finding at each place the
definition is not shaped as AWS defines it (so that the requests there cannot be found)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard, TypeVar

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding, json_pointer
from automl_objective.base.quoting import json_type, shown
from automl_objective.inputs.document import Contents, Document, Locator, Part

Prefix = tuple[str | int, ...]
T = TypeVar("T")

UNCHECKED = "the AutoML requests in it are not checked"


def static(value: Any, dynamic: Callable[[Any], bool], state_keys: bool) -> tuple[Any, bool]:
    """``value`` without what is computed at run time (what ``dynamic`` says is, and with
    ``state_keys`` the members whose key ends in ``.$``), and whether anything was dropped
    (an array with a dynamic item is dynamic as a whole: its indices are not known)."""
    if dynamic(value):
        return None, True
    if isinstance(value, dict):
        kept: dict[str, Any] = {}
        dropped = False
        for key, item in value.items():
            if state_keys and key.endswith(".$"):
                dropped = True
                continue
            inner, lost = static(item, dynamic, state_keys)
            dropped = dropped or lost
            if not (lost and inner is None):
                kept[key] = inner
        return kept, dropped
    if isinstance(value, list):
        items = [static(item, dynamic, state_keys) for item in value]
        if any(lost for _, lost in items):
            return None, True
        return [item for item, _ in items], False
    return value, False


def _outer_locator(document: Document, prefix: Prefix) -> Locator:
    def locate(requests: Any) -> Any:
        return document.spots([((*prefix, *path), key) for path, key in requests])

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
        self.problems: list[tuple[Prefix, str]] = []

    def expect(self, value: Any, kind: type[T], at: Prefix, what: str, lost: str) -> TypeGuard[T]:
        """Whether ``value`` is of ``kind``; if not, a finding at ``at`` saying so."""
        if isinstance(value, kind):
            return True
        self.problems.append((at, f"{_subject(at)} must be {what}, not {json_type(value)}; {lost}"))
        return False

    def add(self, request: dict[str, Any], prefix: Prefix, kind: str, dropped: bool) -> None:
        locator = _outer_locator(self.document, prefix)
        self.parts.append(Part(request, kind, locator, dropped, prefix))

    def contents(self, kind: str) -> Contents:
        """The requests found, and an ``invalid-type`` finding at each misshapen place."""
        spots = self.document.spots([(at, False) for at, _ in self.problems])
        findings = []
        for (at, message), (spot, _) in zip(self.problems, spots, strict=True):
            line, column = spot or (None, None)
            pointer = json_pointer(at)
            findings.append(Finding("error", Code.INVALID_TYPE, pointer, line, column, message))
        return Contents(self.document.path, kind, None, tuple(self.parts), tuple(findings))
