"""Step Functions state machines (Amazon States Language, JSON or YAML): a task calling
``arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob`` / ``createAutoMLJobV2`` holds its
request as ``Parameters`` (JSONPath: a key ``Key.$`` is the member ``Key``, its value known
at run time) or ``Arguments`` (JSONata: ``{% ... %}`` strings are known at run time), in the
machine's states, the branches of its Parallel states and the processors of its Map states.
Each request is checked whole, its run-time values present and never guessed.

Step Functions has no optimised SageMaker integration for AutoML, and its AWS SDK
integrations cannot run a job to completion (``.sync``): a task naming either is a
``no-such-integration`` finding at its ``Resource``, and its request is still checked as the
one the ARN names. The partition of an ARN is not looked at (``arn:${AWS::Partition}:...``
in a template's ``Fn::Sub``, or whatever stands for it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from automl_objective.base.codes import Code
from automl_objective.base.patterns import on_first_use
from automl_objective.inputs.definition import (
    UNCHECKED,
    Prefix,
    Split,
    renamed_keys,
    with_dynamic,
)
from automl_objective.inputs.document import WHOLE_KINDS, Contents, Document
from automl_objective.inputs.registry import kind_named

_TASK = on_first_use(
    r"arn:(?:\$\{[^}]*\}|[^:]+):states:::(?P<via>aws-sdk:|)sagemaker:createAutoMLJob(?P<v2>V2)?"
    r"(?P<pattern>\.sync(?::2)?|\.waitForTaskToken)?"
)
"""A task resource calling createAutoMLJob(V2), by any integration (the one that exists is
``aws-sdk:`` without ``.sync``)."""
NO_OPTIMISED = (
    "Step Functions has no optimised SageMaker AutoML integration; call it through "
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob{v2}"
)
NO_SYNC = (
    "Step Functions' AWS SDK integrations cannot wait for a job ({pattern}); call "
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob{v2} and poll DescribeAutoMLJob{v2}, "
    "or use .waitForTaskToken"
)
_PROCESSORS = ("Iterator", "ItemProcessor")


def _jsonata_dynamic(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("{%") and value.rstrip().endswith("%}")


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
    other state. A resource no integration has is a finding at it."""
    for member in ("Type", "Resource"):
        if member in state:
            split.expect(state[member], str, (*at, member), "a string", "the state is not checked")
    resource = state.get("Resource")
    if state.get("Type") != "Task" or not isinstance(resource, str):
        return None
    task = _TASK.fullmatch(resource)
    if task is None:
        return None
    v2, pattern = task["v2"] or "", task["pattern"]
    if not task["via"]:
        message = NO_OPTIMISED.format(v2=v2)
        split.problem((*at, "Resource"), message, Code.NO_SUCH_INTEGRATION)
    elif pattern is not None and pattern.startswith(".sync"):
        message = NO_SYNC.format(v2=v2, pattern=pattern)
        split.problem((*at, "Resource"), message, Code.NO_SUCH_INTEGRATION)
    return "v2" if v2 else "v1"


def _task_request(split: Split, state: dict[str, Any], at: Prefix, version: str) -> None:
    """The request of an AutoML task: ``Parameters`` (JSONPath) or ``Arguments`` (JSONata).
    Without one, the task sends its input (known only at run time); so does a JSONata
    expression for the whole request. A ``{% ... %}`` string in ``Parameters`` is taken as
    known at run time as well (Step Functions would send it as it is written, but such a
    request is one half-converted to JSONata, not one meant to send those braces)."""
    jsonata = "Arguments" in state and "Parameters" not in state
    member = "Arguments" if jsonata else "Parameters"
    if member not in state or (jsonata and _jsonata_dynamic(state[member])):
        return
    what = "an object or a JSONata expression" if jsonata else "an object"
    request, prefix = state[member], (*at, member)
    if split.expect(request, dict, prefix, what, "the request is not checked"):
        data = with_dynamic(request, _jsonata_dynamic, state_keys=not jsonata)
        renamed = {} if jsonata else renamed_keys(request)
        split.add(data, prefix, WHOLE_KINDS[version], renamed)


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


KIND = kind_named("step-functions-state-machine")
"""This kind, as the registry declares it."""
