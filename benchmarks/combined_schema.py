"""One self-contained JSON Schema that judges every document as ``validate`` does: the schema
every peer is given.

It is put together from the shipped editor schemas (generated/schema/), which are
self-contained already: the objective schema (objectives, and requests or fragments of them,
told apart by their members as the CLI tells them apart) and the whole-request schemas (AWS's
shapes with the objective rules inlined). Each goes under ``$defs``, its own ``$defs`` renamed
under a prefix so that no reference leaves the file and no ``$id`` is embedded. The root then
picks the schema as :func:`automl_objective.check.resolve.document_kind` picks the kind: by the
members that mark a kind (the catalog's), then, for a request, by AWS's whole-document marker
or by all but ``whole_when_missing_at_most`` of the request's required members (AWS's index).
Nothing here restates a fact: the members come from the catalog and the index.

Two limits, both outside the benchmark's corpora: no self-contained schema ships for the
DescribeAutoMLJob(V2) responses, so a response is judged by the objective rules alone; and a
pattern needing ``\\p{..}`` classes (tag keys and values) is an annotation
(``x-unicode-pattern``) that standard validators do not apply.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

from automl_objective.base.editor_schemas import editor_schema_folder
from automl_objective.base.schema import load_aws_index
from automl_objective.check.catalog import load_catalog

DIALECT = "https://json-schema.org/draft/2020-12/schema"
OBJECTIVE = "objective"
OBJECTIVE_FILE = "automl_job_objective.bundled.schema.json"
REQUEST_SUFFIX = ".bundled.schema.json"
DEFS = "#/$defs/"
ROOT_ONLY = ("$schema", "$id", "$comment", "$defs")


def _renamed(node: Any, prefix: str) -> Any:
    """``node`` with each ``#/$defs/NAME`` reference pointing at ``#/$defs/PREFIX.NAME``."""
    if isinstance(node, list):
        return [_renamed(item, prefix) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _renamed(value, prefix) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(DEFS):
        result["$ref"] = f"{DEFS}{prefix}.{ref.removeprefix(DEFS)}"
    return result


def _embed(schema: dict[str, Any], prefix: str, defs: dict[str, Any]) -> dict[str, str]:
    """Put ``schema`` and its definitions into ``defs``; the reference to its root."""
    for name, definition in schema.get("$defs", {}).items():
        defs[f"{prefix}.{name}"] = _renamed(definition, prefix)
    defs[prefix] = _renamed({k: v for k, v in schema.items() if k not in ROOT_ONLY}, prefix)
    return {"$ref": DEFS + prefix}


def _any_member(keys: list[str]) -> dict[str, Any]:
    return {"type": "object", "anyOf": [{"required": [key]} for key in keys]}


def _whole(entry: dict[str, Any], marker: str, tolerance: int) -> dict[str, Any]:
    """An object holding the kind's ``when`` members and either the marker or all but
    ``tolerance`` of the kind's required members."""
    required = list(entry.get("required", ()))
    enough = [list(c) for c in combinations(required, max(len(required) - tolerance, 0))]
    condition: dict[str, Any] = {
        "type": "object",
        "anyOf": [{"required": [marker]}, *({"required": c} for c in enough)],
    }
    if entry["when"]:
        condition["required"] = list(entry["when"])
    return condition


def _chain(branches: list[tuple[dict[str, Any], dict[str, Any]]], last: Any) -> Any:
    """``if c1 then s1 else if c2 then s2 ... else last``."""
    for condition, then in reversed(branches):
        last = {"if": condition, "then": then, "else": last}
    return last


def combined_schema(folder: Path | None = None) -> dict[str, Any]:
    folder = folder or editor_schema_folder()
    index = load_aws_index()
    defs: dict[str, Any] = {}
    objective = _embed(json.loads((folder / OBJECTIVE_FILE).read_text("utf-8")), OBJECTIVE, defs)
    marker, tolerance = index["whole_document_marker"], index["whole_when_missing_at_most"]
    by_base: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for base, keys in load_catalog().document_kinds:
        wholes = []
        for entry in (e for e in index["kinds"] if e["base"] == base):
            shipped = folder / (entry["kind"] + REQUEST_SUFFIX)
            target = objective
            if shipped.is_file():
                target = _embed(json.loads(shipped.read_text("utf-8")), entry["kind"], defs)
            wholes.append((_whole(entry, marker, tolerance), target))
        by_base.append((_any_member(list(keys)), _chain(wholes, objective)))
    root = _chain(by_base, objective)
    return {
        "$schema": DIALECT,
        "$id": "https://automl-objective.github.io/schema/benchmark-combined.schema.json",
        "title": "automl-objective, every kind validate tells apart (benchmark)",
        "$comment": "Built by benchmarks/combined_schema.py from the shipped editor schemas.",
        **root,
        "$defs": defs,
    }


def write_combined_schema(path: Path) -> Path:
    path.write_text(json.dumps(combined_schema(), indent=1) + "\n", "utf-8")
    return path
