"""Request documents: a JSON or YAML file that is itself the request (an objective, a
CreateAutoMLJob(V2) request or fragment, a DescribeAutoMLJob(V2) output), checked whole as
the kind its members say. The kind of every JSON or YAML document no other kind recognises.

Named by the file-naming convention, such a file is what the pre-commit hook reads by
default: after the AWS CLI command whose ``--cli-input-json`` / ``--cli-input-yaml`` it is
(``*.create-auto-ml-job.json``, ``*.create-auto-ml-job-v2.yaml``), or ``*.automl-objective.yml``
for an objective or a fragment of a request.
"""

from __future__ import annotations

from automl_objective.inputs.document import Contents
from automl_objective.inputs.kind import InputKind

EXTENSIONS = ("json", "yaml", "yml")
NAMED_FOR = ("create-auto-ml-job", "create-auto-ml-job-v2", "automl-objective")
"""The second suffixes of the naming convention (the editor catalog's fileMatch too)."""

KIND = InputKind(
    name="request-document",
    globs=tuple(f"*.{extension}" for extension in EXTENSIONS),
    told_by="any other JSON or YAML document (standard input too)",
    holds="the document itself, checked as the kind its members say (the table in Usage)",
    hook="automl-objective",
    hook_types=("json", "yaml"),
    hook_globs=tuple(f"*.{name}.{ext}" for name in NAMED_FOR for ext in EXTENSIONS),
    recognises=None,
    requests=Contents.whole,
)
