"""CloudFormation templates (SAM's and CDK's synthesized ones among them, YAML or JSON), read
as CloudFormation reads them: the short forms of its functions (``!GetAtt A.B``) are their
long forms, and a key written twice counts once, the last
(:mod:`~automl_objective.inputs.yaml_syntax`). The requests a template holds, and how they
are read: :mod:`~automl_objective.inputs.template_requests` (imported only for a template)."""

from __future__ import annotations

from automl_objective.inputs.document import Contents, Document
from automl_objective.inputs.registry import kind_named


def requests(document: Document) -> Contents:
    """Each AutoML request of the template's resources."""
    from automl_objective.inputs import template_requests

    return template_requests.requests(document, KIND.name)


KIND = kind_named("cloudformation-template")
"""This kind, as the registry declares it."""
