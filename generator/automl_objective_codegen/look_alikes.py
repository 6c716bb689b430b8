"""The generated package's ``look_alikes.py``: the SageMaker shapes an AutoML document may be
mistaken for, and the members only AutoML documents have, read from botocore's sagemaker model.

A folder scan finds every JSON and YAML file of a repository. A CreateTrainingJob request, a
DescribeTrainingJob response or a tuning objective (``{"Type": ..., "MetricName": ...}``) holds
members that select an AutoML kind (``InputDataConfig``, ``MetricName``); the runtime passes
such a found document over when another SageMaker shape explains more of its members than any
AutoML document does and it holds no member only AutoML documents have (README, "Where the
request is written"). What it compares comes from the model, never from a hand-written list, so
a botocore update moves it:

- the AutoML documents are the shapes the document kinds are checked as (the objective and the
  whole requests and responses of :data:`~automl_objective_codegen.aws_schemas.AWS_KINDS`);
- the AutoML operations are those whose name holds ``AutoML`` (CreateAutoMLJob(V2),
  DescribeAutoMLJob(V2), ListAutoMLJobs, ListCandidatesForAutoMLJob, StopAutoMLJob);
- the other shapes are the structures reachable from the input or output of every other
  operation (shared ones such as ``S3DataSource`` included); of them, those holding a member
  that selects a document kind (the schema's root chain) are the look-alikes;
- ``AUTOML_ONLY``: members of an AutoML document that no other shape has.

The schema's metrics, which a text that does not parse may name, are the generated
``metric_names.py`` (:mod:`automl_objective_codegen.metric_names`), shared with the catalog.
"""

from __future__ import annotations

from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import catalog_from_schema
from automl_objective_codegen.aws_schemas import AWS_KINDS, reachable

MODULE = "look_alikes.py"
OBJECTIVE_SHAPE = "AutoMLJobObjective"
AUTOML_OPERATION_MARK = "AutoML"

_DOC = '''"""The SageMaker shapes an AutoML document may be mistaken for, read from botocore's
sagemaker model by ``automl-objective generate`` (automl_objective_codegen/look_alikes.py says
how): ``AUTOML_DOCUMENTS`` are the members of each shape a document kind is checked as,
``LOOK_ALIKES`` those of each other shape holding a member that selects a kind,
and ``AUTOML_ONLY`` the members of AutoML documents no other shape has. A folder scan imports
it only for a found document it may pass over."""'''


def _reachable_structures(model: Any, roots: list[str]) -> set[str]:
    return {
        name for name in reachable(model, *roots) if model.shape_for(name).type_name == "structure"
    }


def _operation_shapes(model: Any, operations: list[str]) -> list[str]:
    shapes = []
    for name in operations:
        operation = model.operation_model(name)
        shapes += [s.name for s in (operation.input_shape, operation.output_shape) if s]
    return shapes


class MemberSets:
    """What the module holds, from a botocore service model and the members that select a
    document kind."""

    def __init__(self, model: Any, selecting: frozenset[str]) -> None:
        documents = [OBJECTIVE_SHAPE, *(aws.shape for aws in AWS_KINDS)]
        self.automl_documents = {n: frozenset(model.shape_for(n).members) for n in documents}
        automl = frozenset().union(*self.automl_documents.values())
        others = [name for name in model.operation_names if AUTOML_OPERATION_MARK not in name]
        other_shapes = {
            name: frozenset(model.shape_for(name).members)
            for name in _reachable_structures(model, _operation_shapes(model, others))
        }
        elsewhere = frozenset().union(*other_shapes.values())
        self.automl_only = automl - elsewhere
        self.look_alikes = {
            name: members
            for name, members in other_shapes.items()
            if not members.isdisjoint(selecting)
        }


def selecting_members(schema: Schema) -> frozenset[str]:
    """The members whose presence selects a document kind (the schema's root chain)."""
    return frozenset(
        m for _, members in catalog_from_schema(schema).document_kinds for m in members
    )


def _shapes(shapes: dict[str, frozenset[str]]) -> str:
    lines = []
    for name in sorted(shapes):
        members = "".join(f"{m!r}, " for m in sorted(shapes[name])).rstrip()
        lines.append(f"    {name!r}: frozenset(({members})),\n")
    return "".join(lines)


def look_alikes_module(schema: Schema, header: str) -> str:
    """The module's text (``header``: the generated files' comment lines)."""
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    sets = MemberSets(model, selecting_members(schema))
    automl_only = "".join(f"    {name!r},\n" for name in sorted(sets.automl_only))
    return (
        f"{header}{_DOC}\n\n"
        f"AUTOML_DOCUMENTS: dict[str, frozenset[str]] = {{\n{_shapes(sets.automl_documents)}}}\n"
        f"LOOK_ALIKES: dict[str, frozenset[str]] = {{\n{_shapes(sets.look_alikes)}}}\n"
        f"AUTOML_ONLY: frozenset[str] = frozenset((\n{automl_only}))\n"
    )
