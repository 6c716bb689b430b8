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
from typing import Any

from automl_objective.parsed import Document, Locator
from automl_objective.subdocuments import FRAGMENT_KINDS, Part, check_parts, version_kind
from automl_objective.validation import AUTO, Checker, FileResult

PIPELINE = "sagemaker-pipeline-definition"
STATE_MACHINE = "step-functions-state-machine"

_TASKS = {
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob": "v1",
    "arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2": "v2",
}

Prefix = tuple[str | int, ...]


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


def _pipeline_parts(document: Document, steps: list[Any]) -> list[Part]:
    parts = []
    for index, step in enumerate(steps):
        if not isinstance(step, dict) or step.get("Type") != "AutoML":
            continue
        arguments = step.get("Arguments")
        if not isinstance(arguments, dict):
            continue
        data, dropped = _static(arguments, False, False, True)
        prefix: Prefix = ("Steps", index, "Arguments")
        locator = _outer_locator(document, prefix)
        parts.append(Part(data, FRAGMENT_KINDS["v1"], locator, dropped, prefix))
    return parts


def _states(machine: Any, prefix: Prefix) -> Iterator[tuple[Prefix, dict[str, Any]]]:
    """Every state of a machine, nested ones included, with its path (no recursion)."""
    stack = [(machine, prefix)]
    while stack:
        current, at = stack.pop()
        states = current.get("States") if isinstance(current, dict) else None
        if not isinstance(states, dict):
            continue
        for name, state in states.items():
            if not isinstance(state, dict):
                continue
            here: Prefix = (*at, "States", name)
            yield here, state
            for index, branch in enumerate(state.get("Branches") or ()):
                stack.append((branch, (*here, "Branches", index)))
            for inner in ("Iterator", "ItemProcessor"):
                if isinstance(state.get(inner), dict):
                    stack.append((state[inner], (*here, inner)))


def _state_machine_parts(document: Document) -> list[Part]:
    parts = []
    found = sorted(_states(document.data, ()), key=lambda item: [str(t) for t in item[0]])
    for at, state in found:
        version = _TASKS.get(str(state.get("Resource", "")).split(".waitForTaskToken")[0])
        if state.get("Type") != "Task" or version is None:
            continue
        jsonata = "Arguments" in state and "Parameters" not in state
        member = "Arguments" if jsonata else "Parameters"
        request = state.get(member)
        if not isinstance(request, dict):
            continue
        data, dropped = _static(request, not jsonata, jsonata, False)
        prefix: Prefix = (*at, member)
        kind = version_kind(version, not dropped)
        parts.append(Part(data, kind, _outer_locator(document, prefix), dropped, prefix))
    return parts


def split_workflow(document: Document) -> tuple[str, list[Part]] | None:
    """The kind and the requests of a pipeline definition or state machine; None for any
    other document."""
    data = document.data
    if not isinstance(data, dict):
        return None
    steps = data.get("Steps")
    if isinstance(steps, list) and "Version" in data:
        return PIPELINE, _pipeline_parts(document, steps)
    if isinstance(data.get("States"), dict) and "StartAt" in data:
        return STATE_MACHINE, _state_machine_parts(document)
    return None


def check_document(
    checker: Checker,
    document: Document,
    *,
    kind: str,
    problem_type: str | None,
    strict: bool,
) -> FileResult:
    """A parsed JSON or YAML document: a pipeline definition or state machine is split into
    the requests it holds (with ``kind`` auto); anything else goes to the engine as it is."""
    if kind == AUTO:
        split = split_workflow(document)
        if split is not None:
            workflow_kind, parts = split
            return check_parts(checker, document.path, parts, workflow_kind, strict=strict)
    return checker.validate(document, kind=kind, problem_type=problem_type, strict=strict)
