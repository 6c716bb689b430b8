"""Step Functions state machines (Amazon States Language, JSON or YAML): a task calling
``arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob`` / ``createAutoMLJobV2`` holds its
request as ``Parameters`` (JSONPath; keys ending in ``.$`` are dynamic) or ``Arguments``
(JSONata; ``{% ... %}`` strings are dynamic), in the machine's states, the branches of its
Parallel states and the processors of its Map states. A request with nothing dynamic is
checked whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from automl_objective.inputs.definition import UNCHECKED, Prefix, Split, static
from automl_objective.inputs.document import Contents, Document, version_kind
from automl_objective.inputs.kind import InputKind

_TASKS = {
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob": "v1",
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2": "v2",
}
_PROCESSORS = ("Iterator", "ItemProcessor")


def _jsonata_dynamic(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("{%") and value.rstrip().endswith("%}")


def _never(value: Any) -> bool:
    return False


def _states(split: Split, machine: dict[str, Any]) -> Iterator[tuple[Prefix, dict[str, Any]]]:
    """Every state of a machine, nested ones included, with its path (no recursion)."""
    stack: list[tuple[dict[str, Any], Prefix]] = [(machine, ())]
    while stack:
        current, at = stack.pop()
        states = current.get("States")
        where = (*at, "States")
        if not split.expect(states, dict, where, "an object of states", UNCHECKED):
            continue
        for name, state in states.items():
            here: Prefix = (*where, name)
            if split.expect(state, dict, here, "an object", "it is not checked"):
                yield here, state
                stack.extend(_nested_machines(split, state, here))


def _nested_machines(
    split: Split, state: dict[str, Any], here: Prefix
) -> list[tuple[dict[str, Any], Prefix]]:
    """The state machines inside a state: a Parallel state's branches, a Map state's
    processor. One that holds no ``States`` has nothing to check."""
    found: list[tuple[Any, Prefix]] = []
    if "Branches" in state:
        branches, where = state["Branches"], (*here, "Branches")
        if split.expect(branches, list, where, "an array of state machines", UNCHECKED):
            found.extend((branch, (*where, index)) for index, branch in enumerate(branches))
    found.extend((state[inner], (*here, inner)) for inner in _PROCESSORS if inner in state)
    machines = []
    for machine, at in found:
        is_machine = split.expect(machine, dict, at, "an object (a state machine)", UNCHECKED)
        if is_machine and "States" in machine:
            machines.append((machine, at))
    return machines


def _automl_task(split: Split, state: dict[str, Any], at: Prefix) -> str | None:
    """The version of a task calling createAutoMLJob(V2), ``v1`` or ``v2``; None for any
    other state."""
    for member in ("Type", "Resource"):
        if member in state:
            split.expect(state[member], str, (*at, member), "a string", "the state is not checked")
    resource = state.get("Resource")
    if state.get("Type") != "Task" or not isinstance(resource, str):
        return None
    return _TASKS.get(resource.split(".waitForTaskToken")[0])


def _task_request(split: Split, state: dict[str, Any], at: Prefix, version: str) -> None:
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
        dynamic = _jsonata_dynamic if jsonata else _never
        data, dropped = static(request, dynamic, state_keys=not jsonata)
        split.add(data, prefix, version_kind(version, not dropped), dropped)


def requests(document: Document) -> Contents:
    """Each AutoML task's request. A member of the wrong type (``Branches`` an object, a
    state a string) is a finding at its place, and whatever is left is still read."""
    split = Split(document)
    found = sorted(_states(split, document.data), key=lambda item: [str(t) for t in item[0]])
    for at, state in found:
        version = _automl_task(split, state, at)
        if version is not None:
            _task_request(split, state, at, version)
    return split.contents(KIND.name)


def recognises(data: Any) -> bool:
    return isinstance(data, dict) and "StartAt" in data and "States" in data


KIND = InputKind(
    name="step-functions-state-machine",
    globs=("*.json", "*.yaml", "*.yml"),
    told_by="`StartAt` and `States`",
    holds="each task calling `createAutoMLJob` / `createAutoMLJobV2` (in Parallel branches "
    "and Map processors too): its `Parameters` or `Arguments`, whole when nothing is dynamic",
    hook="automl-objective",
    hook_types=("json", "yaml"),
    hook_globs=(),
    recognises=recognises,
    requests=requests,
)
