"""SageMaker Pipelines definitions (``pipeline.definition()``: ``{"Version", "Steps": [...]}``):
each AutoML step holds its request as its ``Arguments``, in ``Steps`` and in the branches of
Condition steps. Values the pipeline computes at run time (``{"Get": ...}``,
``{"Std:Join": ...}`` and the other ``Std:`` functions) are dynamic: present, never guessed.
A step's ``Arguments`` is a CreateAutoMLJob (V1) request, checked whole, with what the
pipeline adds to AWS's shape (:data:`STEP_REQUIRES`, :data:`STEP_MODE`)."""

from __future__ import annotations

from typing import Any

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import DYNAMIC
from automl_objective.base.quoting import shown
from automl_objective.inputs.definition import UNCHECKED, Prefix, Split, with_dynamic
from automl_objective.inputs.document import WHOLE_KINDS, Contents, Document
from automl_objective.inputs.registry import kind_named

# What AWS's pipeline definition schema (aws-sagemaker-mlops/sagemaker-model-building-
# pipeline-definition-JSON-schema, AutoMLStep) asks of a step's Arguments beyond the
# CreateAutoMLJob request: it requires AutoMLJobConfig, InputDataConfig, OutputDataConfig
# and RoleArn (AWS's shape requires the last three already: the whole request's check says
# so), and it allows AutoMLJobConfig.Mode only ENSEMBLING (the SDK's AutoMLStep refuses any
# other mode too). The pipeline names the job: AutoMLJobName is present at run time.
STEP_REQUIRES = ("AutoMLJobConfig",)
"""Members a step's request must have that AWS's CreateAutoMLJob does not require."""
STEP_MODE = "ENSEMBLING"
"""The only ``AutoMLJobConfig.Mode`` an AutoML step runs in."""
STEP_NAMES_THE_JOB = "AutoMLJobName"


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
    data = with_dynamic(arguments, _dynamic, state_keys=False)
    _step_rules(split, data, where)
    data.setdefault(STEP_NAMES_THE_JOB, DYNAMIC)
    split.add(data, where, WHOLE_KINDS["v1"], {})
    return []


def _step_rules(split: Split, data: dict[str, Any], where: Prefix) -> None:
    """The pipeline's own rules for an AutoML step's request (see :data:`STEP_REQUIRES`)."""
    for member in STEP_REQUIRES:
        if member not in data:
            message = f"an AutoML step's Arguments must have {member} (AWS's pipeline schema)"
            split.problem(where, message, Code.MISSING_MEMBER)
    config = data.get("AutoMLJobConfig")
    mode = config.get("Mode", STEP_MODE) if isinstance(config, dict) else STEP_MODE
    if isinstance(mode, str) and mode != STEP_MODE:
        message = (
            f"AutoMLJobConfig.Mode {shown(mode)} cannot run in a pipeline: an AutoML step "
            f"runs only in Mode {STEP_MODE!r}"
        )
        split.problem((*where, "AutoMLJobConfig", "Mode"), message, Code.INVALID_VALUE)


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


KIND = kind_named("sagemaker-pipeline-definition")
"""This kind, as the registry declares it."""
