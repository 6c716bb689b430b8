"""The editor copy of the schema: self-contained and annotated for completion.

Tools that cannot resolve ``$ref`` get every local reference inlined; VS Code and the YAML
language server get ``markdownDescription`` and ``enumDescriptions``/``markdownEnumDescriptions``
(VS Code's extensions to JSON Schema) written from the schema's own metric facts, so a
completion list for ``MetricName`` shows each metric's direction and definition and, under a
problem type, only the metrics it accepts.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from automl_objective.catalog import Catalog
from automl_objective.schema import Schema
from automl_objective.validation import inline_local_refs

EDITOR_SUFFIX = ".bundled.schema.json"


def _metric_docs(names: list[str], catalog: Catalog) -> tuple[list[str], list[str]]:
    plain, markdown = [], []
    for name in names:
        metric = catalog.metric(name)
        types = ", ".join(catalog.problem_types_allowing(name))
        plain.append(f"{metric.title} ({metric.direction.lower()}d). {metric.description}")
        markdown.append(
            f"**{metric.title}**, {metric.direction.lower()}d. {metric.description}\n\n"
            f"Accepted for: {types}."
        )
    return plain, markdown


def _annotate(node: Any, catalog: Catalog) -> None:
    if isinstance(node, list):
        for item in node:
            _annotate(item, catalog)
        return
    if not isinstance(node, dict):
        return
    enum = node.get("enum")
    if isinstance(enum, list) and enum and all(v in catalog.metric_names for v in enum):
        node["enumDescriptions"], node["markdownEnumDescriptions"] = _metric_docs(enum, catalog)
    problem_type = node.get("x-problem-type")
    if isinstance(problem_type, str) and isinstance(enum, list):
        rule = catalog.problem_type(problem_type)
        listed = ", ".join(
            f"`{m}`" + (" (default)" if m == rule.default else "") for m in rule.allowed
        )
        node["markdownDescription"] = f"Metrics AWS accepts for **{rule.name}**: {listed}."
    for value in node.values():
        _annotate(value, catalog)


def editor_schema(schema: Schema, catalog: Catalog, comment: str) -> str:
    """The text of the bundled editor schema."""
    defs = schema["$defs"]
    bundled: dict[str, Any] = {"$comment": comment}
    for key, value in schema.items():
        if key not in ("$defs", "$comment"):
            bundled[key] = inline_local_refs(copy.deepcopy(value), defs)
    bundled["$id"] = str(schema["$id"]).removesuffix(".schema.json") + EDITOR_SUFFIX
    _annotate(bundled, catalog)
    return json.dumps(bundled, indent=2, ensure_ascii=False) + "\n"
