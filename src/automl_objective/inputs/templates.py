"""CloudFormation templates (SAM's and CDK's synthesized ones among them, YAML or JSON), read
as CloudFormation reads them: the short forms of its functions (``!GetAtt A.B``) are their
long forms, and a key written twice counts once, the last
(:mod:`~automl_objective.inputs.yaml_syntax`). The requests a template holds, and how they
are read: :mod:`~automl_objective.inputs.template_requests` (imported only for a template)."""

from __future__ import annotations

from automl_objective.inputs.document import Contents, Document
from automl_objective.inputs.kind import InputKind
from automl_objective.inputs.template_marks import recognises


def requests(document: Document) -> Contents:
    """Each AutoML request of the template's resources."""
    from automl_objective.inputs import template_requests

    return template_requests.requests(document, KIND.name)


KIND = InputKind(
    name="cloudformation-template",
    # Not ``*.template`` by default: a folder holds many that are no template (a .env's, a
    # Dockerfile's); a template named so is read when named, or with ``--include``.
    globs=("*.json", "*.yaml", "*.yml"),
    told_by="`AWSTemplateFormatVersion`, an `AWS::` `Transform` (SAM) or `Resources` each "
    "with a `Type` (CDK's `cdk.out/*.template.json`; `*.template` when named or included); "
    "YAML short forms (`!Ref`, `!GetAtt`, `!Sub`, ...) read as CloudFormation reads them. "
    "Terraform is not read",
    holds="`AWS::SageMaker::AutoMLJob` properties (a CreateAutoMLJob request, job name "
    "given by CloudFormation); state machines (`Definition`, `DefinitionString`, SAM's "
    "`DefinitionUri`) and pipelines (`PipelineDefinitionBody`) as their kinds; Lambda "
    "inline Python (`ZipFile`, `InlineCode`) as Python files; what the template fills in "
    "is dynamic",
    hook="automl-objective",
    hook_types=("json", "yaml"),
    hook_globs=(),
    recognises=recognises,
    requests=requests,
)
