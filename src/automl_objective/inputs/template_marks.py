"""How a CloudFormation template is told apart from other JSON and YAML documents (SAM's
and CDK's synthesized templates among them); apart from the template kind, so that the YAML
and JSON readers can ask before they read a document as a template."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


_VERSION, _TRANSFORM, _RESOURCES = "AWSTemplateFormatVersion", "Transform", "Resources"
TEMPLATE_MEMBERS = ((_VERSION,), (_TRANSFORM,), (_RESOURCES,))
"""The members :func:`recognises` looks for, one of which a template holds (the registry's
``members`` of the template kind)."""


def _is_resource(name: str, resource: Any) -> bool:
    kind = resource.get("Type") if isinstance(resource, dict) else None
    return name.startswith("Fn::ForEach::") or (isinstance(kind, str) and "::" in kind)


def recognises(data: Any) -> bool:
    """A template: ``AWSTemplateFormatVersion``, an ``AWS::`` transform (SAM's
    ``AWS::Serverless-2016-10-31``), or ``Resources`` each with a ``Type`` such as
    ``AWS::S3::Bucket`` (a CDK template has only these)."""
    if not isinstance(data, dict):
        return False
    if _VERSION in data:
        return True
    transform = data.get(_TRANSFORM)
    if transform is not None:  # most documents have none (every document asks, so cheaply)
        transforms = transform if isinstance(transform, list) else [transform]
        if any(isinstance(t, str) and t.startswith("AWS::") for t in transforms):
            return True
    resources = data.get(_RESOURCES)
    return (
        isinstance(resources, dict)
        and bool(resources)
        and all(_is_resource(str(name), value) for name, value in resources.items())
    )
