"""The shipped editor folder (generated/schema/): self-contained schemas for editors and other
validators, and a SchemaStore-style catalog of them.

- ``automl_job_objective.bundled.schema.json``: objectives, CreateAutoMLJob(V2) requests and
  fragments of them, told apart as the CLI tells them apart (editor_schema).
- ``create-auto-ml-job-request.bundled.schema.json`` and
  ``create-auto-ml-job-v2-request.bundled.schema.json``: a whole ``--cli-input-json`` /
  ``--cli-input-yaml`` file. Every member is AWS's shape from botocore, as the validator's own AWS
  schemas render it (read from that render, not from botocore again), and the objective rules
  are the editor schema's, inlined: no reference leaves the file.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import Catalog
from automl_objective.check.checker import inline_local_refs
from automl_objective_codegen.editor_schema import (
    EDITOR_KEYWORDS,
    EDITOR_SUFFIX,
    OBJECTIVE,
    UNION,
    editor_defs,
    editor_document,
    without_defaults,
)
from automl_objective_codegen.editor_strict import strict_clean

OBJECTIVE_FILE = "automl_job_objective" + EDITOR_SUFFIX
CATALOG_FILE = "catalog.json"
# The AWS kinds a user writes a whole file of: (internal AWS schema, what the user runs).
REQUESTS = (
    ("create-auto-ml-job-request", "aws sagemaker create-auto-ml-job"),
    ("create-auto-ml-job-v2-request", "aws sagemaker create-auto-ml-job-v2"),
)
# The file-naming convention: a whole request file is named after the AWS CLI command whose
# --cli-input-json / --cli-input-yaml it is (`job.create-auto-ml-job-v2.yaml`); an objective or
# a fragment of a request, `*.automl-objective.json`. The catalog's fileMatch says it to editors.
OBJECTIVE_SUFFIX = "automl-objective"
FILE_EXTENSIONS = ("json", "yaml", "yml")


def file_match(suffix: str) -> list[str]:
    """The names of the files a schema is for: ``*.<suffix>.json``, ``.yaml`` and ``.yml``."""
    return [f"*.{suffix}.{extension}" for extension in FILE_EXTENSIONS]


def _referenced(defs: dict[str, Any], roots: list[Any]) -> set[str]:
    """The $defs reachable from ``roots`` through local references."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name not in seen and name in defs:
                    seen.add(name)
                    stack.append(defs[name])
            stack.extend(v for k, v in node.items() if k != "$ref")
    return seen


def _request_schema(
    aws: dict[str, Any], defs: dict[str, Any], comment: str, command: str
) -> dict[str, Any]:
    """One whole-request editor schema from the validator's AWS schema of that request."""
    shapes: dict[str, Any] = copy.deepcopy(aws["$defs"])
    request = shapes[aws["title"]]
    # The objective comes whole from the problem-type chain (one enum per branch); AWS's
    # AutoMLMetricEnum beside it would offer every metric under every problem type again.
    member = request["properties"][OBJECTIVE]
    request["properties"][OBJECTIVE] = {k: v for k, v in member.items() if k != "$ref"}
    if UNION in shapes:
        # Exactly one known member: the editor rules say it, with a message; AWS's keywords
        # beside them would add a second, vaguer message for the same mistake.
        shapes[UNION].pop("maxProperties", None)
        shapes[UNION].pop("additionalProperties", None)
    local, external = aws["allOf"]
    rules_def = str(external["$ref"]).rsplit("/", 1)[-1]
    rules = inline_local_refs(copy.deepcopy(defs[rules_def]), defs)
    kept = _referenced(shapes, [local])
    schema: dict[str, Any] = {
        "$comment": comment,
        "$schema": aws["$schema"],
        "$id": str(aws["$id"]).replace("/aws/", "/").removesuffix(".schema.json") + EDITOR_SUFFIX,
        "title": aws["title"],
        "description": f"A whole `{command} --cli-input-json` (or `--cli-input-yaml`) file. "
        + aws["description"],
        "x-kind": aws["x-kind"],
        "allOf": [local, rules],
        "$defs": {name: shapes[name] for name in sorted(kept)},
    }
    return schema


def _catalog(files: dict[str, dict[str, Any]], comment: str) -> dict[str, Any]:
    """A SchemaStore-style catalog; relative URLs, so it points at this folder wherever it is."""
    matches = {OBJECTIVE_FILE: file_match(OBJECTIVE_SUFFIX)}
    for kind, command in REQUESTS:
        matches[kind + EDITOR_SUFFIX] = file_match(command.rsplit(" ", 1)[-1])
    return {
        "$comment": comment,
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1,
        "schemas": [
            {
                "name": schema["title"],
                "description": schema["description"].split(". ")[0].rstrip(".") + ".",
                "fileMatch": matches.get(name, []),
                "url": f"./{name}",
            }
            for name, schema in files.items()
        ],
    }


def vocabulary(files: dict[str, dict[str, Any]]) -> list[str]:
    """Every keyword of these schemas that JSON Schema 2020-12 does not define."""
    found: set[str] = set(EDITOR_KEYWORDS)
    stack: list[Any] = list(files.values())
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.update(k for k in node if k.startswith("x-"))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(found)


def editor_files(
    schema: Schema, catalog: Catalog, comment: str, aws_texts: dict[str, str]
) -> dict[str, str]:
    """{file name in generated/schema/: text}."""
    files = {OBJECTIVE_FILE: editor_document(schema, catalog, comment)}
    defs = editor_defs(schema, catalog)
    for kind, command in REQUESTS:
        aws = json.loads(aws_texts[f"{kind}.schema.json"])
        request = without_defaults(_request_schema(aws, defs, comment, command))
        strict_clean(request)
        files[kind + EDITOR_SUFFIX] = request
    texts = {
        name: json.dumps(data, indent=2, ensure_ascii=False) + "\n" for name, data in files.items()
    }
    texts[CATALOG_FILE] = json.dumps(_catalog(files, comment), indent=2) + "\n"
    return texts
