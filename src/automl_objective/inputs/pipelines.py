"""SageMaker Pipelines definitions (``pipeline.definition()``: ``{"Version", "Steps": [...]}``):
each AutoML step holds its request as its ``Arguments``, in ``Steps`` and in the branches of
Condition steps. Values the pipeline computes at run time (``{"Get": ...}``,
``{"Std:Join": ...}`` and the other ``Std:`` functions) are dynamic. The SDK sets the job's
name itself, so a step is checked for the objective rules (a fragment)."""

from __future__ import annotations

from typing import Any

from automl_objective.inputs.definition import UNCHECKED, Prefix, Split, static
from automl_objective.inputs.document import FRAGMENT_KINDS, Contents, Document
from automl_objective.inputs.kind import InputKind


def _is_pipeline_function(key: object) -> bool:
    return key == "Get" or (isinstance(key, str) and key.startswith("Std:"))


def _dynamic(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and _is_pipeline_function(next(iter(value)))


def _step(split: Split, step: dict[str, Any], at: Prefix) -> list[tuple[Any, Prefix]]:
    """Take one step's request; the lists of steps nested in it (a Condition's branches)."""
    kind = step.get("Type")
    if kind not in ("AutoML", "Condition") or "Arguments" not in step:
        return []
    arguments, where = step["Arguments"], (*at, "Arguments")
    lost = "the request is not checked" if kind == "AutoML" else UNCHECKED
    if not split.expect(arguments, dict, where, "an object", lost):
        return []
    if kind == "Condition":
        return [(arguments[k], (*where, k)) for k in ("IfSteps", "ElseSteps") if k in arguments]
    data, dropped = static(arguments, _dynamic, state_keys=False)
    split.add(data, where, FRAGMENT_KINDS["v1"], dropped)
    return []


def requests(document: Document) -> Contents:
    """Each AutoML step's request. A member of the wrong type (a step that is not an object)
    is a finding at its place, and whatever is left is still read."""
    split = Split(document)
    stack: list[tuple[Any, Prefix]] = [(document.data["Steps"], ("Steps",))]
    while stack:
        listed, prefix = stack.pop()
        if not split.expect(listed, list, prefix, "an array of steps", UNCHECKED):
            continue
        for index, step in enumerate(listed):
            at: Prefix = (*prefix, index)
            if split.expect(step, dict, at, "an object (a step)", "it is not checked"):
                stack.extend(reversed(_step(split, step, at)))
    return split.contents(KIND.name)


def recognises(data: Any) -> bool:
    return isinstance(data, dict) and "Version" in data and "Steps" in data


KIND = InputKind(
    name="sagemaker-pipeline-definition",
    globs=("*.json", "*.yaml", "*.yml"),
    told_by="`Version` and `Steps`",
    holds="each `AutoML` step's `Arguments` (in Condition steps' branches too), as a fragment",
    hook="automl-objective",
    hook_types=("json", "yaml"),
    hook_globs=(),
    recognises=recognises,
    requests=requests,
)
