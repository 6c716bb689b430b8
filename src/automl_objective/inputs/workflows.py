"""SageMaker Pipelines definitions and Step Functions state machines: the AutoML requests
their steps hold.

- A pipeline definition (``pipeline.definition()``: ``{"Version", "Steps": [...]}``) holds
  each AutoML step's request as its ``Arguments``. Values the pipeline computes at run time
  (``{"Get": ...}``, ``{"Std:Join": ...}`` and the other ``Std:`` functions) are dynamic. The
  SDK sets the job's name itself, so a step is checked for the objective rules.
- A state machine (Amazon States Language, JSON or YAML) calls
  ``arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob`` / ``createAutoMLJobV2`` with the
  request as ``Parameters`` (JSONPath; keys ending in ``.$`` are dynamic) or ``Arguments``
  (JSONata; ``{% ... %}`` strings are dynamic), in its states, the branches of its Parallel
  states and the processors of its Map states. A request with nothing dynamic is checked
  whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard, TypeVar

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding, json_pointer
from automl_objective.base.quoting import json_type, shown
from automl_objective.check.checker import AUTO, Checker
from automl_objective.check.findings import Located
from automl_objective.check.parts import FRAGMENT_KINDS, Part, check_parts, version_kind
from automl_objective.check.results import FileResult, internal_error
from automl_objective.inputs.document import Document, Locator

PIPELINE = "sagemaker-pipeline-definition"
STATE_MACHINE = "step-functions-state-machine"

_TASKS = {
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob": "v1",
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2": "v2",
}

Prefix = tuple[str | int, ...]
T = TypeVar("T")


def _pipeline_dynamic(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and _is_pipeline_function(next(iter(value)))


def _is_pipeline_function(key: object) -> bool:
    return key == "Get" or (isinstance(key, str) and key.startswith("Std:"))


def _jsonata_dynamic(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("{%") and value.rstrip().endswith("%}")


def _static(value: Any, state_key: bool, jsonata: bool, pipeline: bool) -> tuple[Any, bool]:
    """``value`` without what is computed at run time, and whether anything was dropped
    (an array with a dynamic item is dynamic as a whole: its indices are not known)."""
    if (pipeline and _pipeline_dynamic(value)) or (jsonata and _jsonata_dynamic(value)):
        return None, True
    if isinstance(value, dict):
        kept: dict[str, Any] = {}
        dropped = False
        for key, item in value.items():
            if state_key and key.endswith(".$"):
                dropped = True
                continue
            inner, lost = _static(item, state_key, jsonata, pipeline)
            dropped = dropped or lost
            if not (lost and inner is None):
                kept[key] = inner
        return kept, dropped
    if isinstance(value, list):
        items = [_static(item, state_key, jsonata, pipeline) for item in value]
        if any(lost for _, lost in items):
            return None, True
        return [item for item, _ in items], False
    return value, False


def _outer_locator(document: Document, prefix: Prefix) -> Locator:
    def locate(requests: Any) -> Any:
        return document.spots([((*prefix, *path), key) for path, key in requests])

    return locate


class _Split:
    """What splitting one workflow finds: the requests it holds, and each place where the
    definition is not shaped as AWS defines it (so the requests there cannot be found)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.parts: list[Part] = []
        self.problems: list[Located] = []

    def expect(self, value: Any, kind: type[T], at: Prefix, what: str, lost: str) -> TypeGuard[T]:
        """Whether ``value`` is of ``kind``; if not, a finding at ``at`` saying so."""
        if isinstance(value, kind):
            return True
        message = f"{_subject(at)} must be {what}, not {json_type(value)}; {lost}"
        self.problems.append(Located("error", Code.INVALID_TYPE, at, message))
        return False

    def add(self, request: dict[str, Any], prefix: Prefix, kind: str, dropped: bool) -> None:
        locator = _outer_locator(self.document, prefix)
        self.parts.append(Part(request, kind, locator, dropped, prefix))


def _subject(at: Prefix) -> str:
    """What is at ``at``, in words: ``Branches``, ``item 0 of Steps``, ``the state 'a'``."""
    last, parent = at[-1], at[-2] if len(at) > 1 else None
    if isinstance(last, int):
        return f"item {last} of {parent}"
    if parent == "States":
        return f"the state {shown(last)}"
    return last


_UNCHECKED = "the AutoML requests in it are not checked"


def _pipeline_parts(split: _Split, steps: Any) -> None:
    """Each AutoML step's request, in ``Steps`` and in the branches of Condition steps."""
    stack: list[tuple[Any, Prefix]] = [(steps, ("Steps",))]
    while stack:
        listed, prefix = stack.pop()
        if not split.expect(listed, list, prefix, "an array of steps", _UNCHECKED):
            continue
        for index, step in enumerate(listed):
            at: Prefix = (*prefix, index)
            if split.expect(step, dict, at, "an object (a step)", "it is not checked"):
                stack.extend(reversed(_pipeline_step(split, step, at)))


def _pipeline_step(split: _Split, step: dict[str, Any], at: Prefix) -> list[tuple[Any, Prefix]]:
    """Check one step; the lists of steps nested in it (a Condition's branches)."""
    kind = step.get("Type")
    if kind not in ("AutoML", "Condition") or "Arguments" not in step:
        return []
    arguments, where = step["Arguments"], (*at, "Arguments")
    lost = "the request is not checked" if kind == "AutoML" else _UNCHECKED
    if not split.expect(arguments, dict, where, "an object", lost):
        return []
    if kind == "Condition":
        return [(arguments[k], (*where, k)) for k in ("IfSteps", "ElseSteps") if k in arguments]
    data, dropped = _static(arguments, False, False, True)
    split.add(data, where, FRAGMENT_KINDS["v1"], dropped)
    return []


def _states(split: _Split, machine: dict[str, Any]) -> Iterator[tuple[Prefix, dict[str, Any]]]:
    """Every state of a machine, nested ones included, with its path (no recursion)."""
    stack: list[tuple[dict[str, Any], Prefix]] = [(machine, ())]
    while stack:
        current, at = stack.pop()
        states = current.get("States")
        where = (*at, "States")
        if not split.expect(states, dict, where, "an object of states", _UNCHECKED):
            continue
        for name, state in states.items():
            here: Prefix = (*where, name)
            if split.expect(state, dict, here, "an object", "it is not checked"):
                yield here, state
                stack.extend(_nested_machines(split, state, here))


def _nested_machines(
    split: _Split, state: dict[str, Any], here: Prefix
) -> list[tuple[dict[str, Any], Prefix]]:
    """The state machines inside a state: a Parallel state's branches, a Map state's
    processor. One that holds no ``States`` has nothing to check."""
    found: list[tuple[Any, Prefix]] = []
    if "Branches" in state:
        branches, where = state["Branches"], (*here, "Branches")
        if split.expect(branches, list, where, "an array of state machines", _UNCHECKED):
            found.extend((branch, (*where, index)) for index, branch in enumerate(branches))
    found.extend((state[inner], (*here, inner)) for inner in _PROCESSORS if inner in state)
    machines = []
    for machine, at in found:
        is_machine = split.expect(machine, dict, at, "an object (a state machine)", _UNCHECKED)
        if is_machine and "States" in machine:
            machines.append((machine, at))
    return machines


_PROCESSORS = ("Iterator", "ItemProcessor")


def _state_machine_parts(split: _Split, machine: dict[str, Any]) -> None:
    found = sorted(_states(split, machine), key=lambda item: [str(t) for t in item[0]])
    for at, state in found:
        version = _automl_task(split, state, at)
        if version is not None:
            _task_request(split, state, at, version)


def _automl_task(split: _Split, state: dict[str, Any], at: Prefix) -> str | None:
    """The version of a task calling createAutoMLJob(V2), ``v1`` or ``v2``; None for any
    other state."""
    for member in ("Type", "Resource"):
        if member in state:
            split.expect(state[member], str, (*at, member), "a string", "the state is not checked")
    resource = state.get("Resource")
    if state.get("Type") != "Task" or not isinstance(resource, str):
        return None
    return _TASKS.get(resource.split(".waitForTaskToken")[0])


def _task_request(split: _Split, state: dict[str, Any], at: Prefix, version: str) -> None:
    """The request of an AutoML task: ``Parameters`` (JSONPath) or ``Arguments`` (JSONata).
    Without one, the task sends its input (dynamic); a JSONata expression for the whole
    request is dynamic too."""
    jsonata = "Arguments" in state and "Parameters" not in state
    member = "Arguments" if jsonata else "Parameters"
    if member not in state or (jsonata and _jsonata_dynamic(state[member])):
        return
    what = "an object or a JSONata expression" if jsonata else "an object"
    request, prefix = state[member], (*at, member)
    if split.expect(request, dict, prefix, what, "the request is not checked"):
        data, dropped = _static(request, not jsonata, jsonata, False)
        split.add(data, prefix, version_kind(version, not dropped), dropped)


Split = tuple[str, list[Part], list[Located]]
"""A workflow's kind, its requests, and findings about its shape."""


def split_workflow(document: Document) -> Split | None:
    """The kind, the requests and the shape problems of a pipeline definition (``Version``
    and ``Steps``) or state machine (``StartAt`` and ``States``); None for any other
    document. A member of the wrong type (``Branches`` an object, a state a string) is a
    finding at its place, and whatever is left is still split."""
    data = document.data
    if not isinstance(data, dict):
        return None
    split = _Split(document)
    if "Version" in data and "Steps" in data:
        _pipeline_parts(split, data["Steps"])
        return PIPELINE, split.parts, split.problems
    if "StartAt" in data and "States" in data:
        _state_machine_parts(split, data)
        return STATE_MACHINE, split.parts, split.problems
    return None


def _placed(document: Document, problems: list[Located]) -> list[Finding]:
    spots = document.spots([(p.path, p.at_key) for p in problems])
    findings = []
    for problem, (spot, _) in zip(problems, spots, strict=True):
        line, column = spot or (None, None)
        pointer = json_pointer(problem.path)
        findings.append(Finding("error", problem.code, pointer, line, column, problem.message))
    return findings


def check_document(
    checker: Checker,
    document: Document,
    *,
    kind: str,
    problem_type: str | None,
    strict: bool,
) -> FileResult:
    """A parsed JSON or YAML document: a pipeline definition or state machine is split into
    the requests it holds (with ``kind`` auto); anything else goes to the engine as it is.
    A failure of the splitting itself is an ``internal-error`` finding for this file alone."""
    if kind == AUTO:
        try:
            split = split_workflow(document)
        except Exception as error:  # a bug, never the user's fault: see internal_error
            return FileResult(document.path, [internal_error(error)])
        if split is not None:
            workflow_kind, parts, problems = split
            extra = _placed(document, problems)
            return check_parts(
                checker, document.path, parts, workflow_kind, strict=strict, extra=extra
            )
    return checker.validate(document, kind=kind, problem_type=problem_type, strict=strict)
