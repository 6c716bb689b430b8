"""Whole-request schemas from AWS's own service model, as botocore ships it.

For each request and response that carries an objective, every reachable botocore shape
becomes a JSON Schema definition: member types, required members, enums, lengths, ranges,
patterns (read as AWS's Java server reads them, see java_patterns), and no unknown members, as
AWS rejects them.
The objective rules are not restated: each schema refers to the canonical schema for them.

botocore is read through its own loader (so ``AWS_DATA_PATH`` applies); the codegen extra pins
its version, so that generated/ is the same on every machine.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from automl_objective.base.schema import AWS_FOLDER, Schema
from automl_objective.base.schema import AWS_INDEX as INDEX
from automl_objective.check.aws_keywords import UNICODE_PATTERN
from automl_objective_codegen.java_patterns import (
    WHOLE_VALUE,
    UntranslatablePattern,
    describe,
    translate,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# A member every create request and describe response requires: its presence marks a whole
# document (checked whole); without it, a fragment is checked for the objective rules only...
WHOLE_DOCUMENT_MARKER = "AutoMLJobName"
# ...unless it holds all but this many of the shape's required members: then it is a whole
# document with a typo in (or without) the marker, and checking it whole names the typo.
WHOLE_WHEN_MISSING_AT_MOST = 1
# A member describe responses require and requests do not have.
RESPONSE_MARKER = "AutoMLJobArn"


@dataclass(frozen=True)
class AwsKind:
    kind: str
    shape: str  # botocore shape of the whole document
    base: str  # the canonical schema's kind (x-kind) holding its objective rules
    when: tuple[str, ...]  # members that select this kind over its base's other kinds


AWS_KINDS = (
    AwsKind(
        "describe-auto-ml-job-response",
        "DescribeAutoMLJobResponse",
        "create-auto-ml-job",
        (RESPONSE_MARKER,),
    ),
    AwsKind("create-auto-ml-job-request", "CreateAutoMLJobRequest", "create-auto-ml-job", ()),
    AwsKind(
        "describe-auto-ml-job-v2-response",
        "DescribeAutoMLJobV2Response",
        "create-auto-ml-job-v2",
        (RESPONSE_MARKER,),
    ),
    AwsKind(
        "create-auto-ml-job-v2-request", "CreateAutoMLJobV2Request", "create-auto-ml-job-v2", ()
    ),
)

_TAG = re.compile(r"<[^>]+>")


def _summary(documentation: str) -> str:
    """The first sentence of botocore's HTML documentation, as plain text."""
    text = " ".join(html.unescape(_TAG.sub(" ", documentation or "")).split())
    sentence = text.split(". ")[0].rstrip(".")
    return sentence[:240] + ("." if sentence else "")


def _pattern_keywords(shape: str, pattern: str, meta: dict[str, Any]) -> dict[str, Any]:
    """The keywords of one botocore pattern: the translated whole-value pattern, AWS's own
    text (for the record) and, where the pattern allows it, what it allows in plain words."""
    try:
        translation = translate(pattern)
    except UntranslatablePattern as error:
        raise UntranslatablePattern(f"botocore shape {shape}: {error}") from None
    keyword = UNICODE_PATTERN if translation.unicode_classes else "pattern"
    keywords: dict[str, Any] = {
        keyword: WHOLE_VALUE.format(body=translation.body),
        "x-aws-pattern": pattern,
    }
    words = describe(translation)
    if words is not None:
        low, high = meta.get("min"), meta.get("max")
        if high is not None:
            words += (
                f", at most {high} characters"
                if low in (None, 0, 1)
                else (f", {low} to {high} characters")
            )
        keywords["x-pattern-description"] = words
    return keywords


def _shape_schema(shape: Any) -> dict[str, Any]:
    meta = shape.metadata
    kind = shape.type_name
    schema: dict[str, Any] = {"title": shape.name}
    summary = _summary(shape.documentation)
    if summary:
        schema["description"] = summary
    if kind == "structure":
        schema["type"] = "object"
        properties = {}
        for name, member in shape.members.items():
            prop: dict[str, Any] = {"$ref": f"#/$defs/{member.name}"}
            doc = _summary(member.documentation)
            if doc:
                prop["description"] = doc
            properties[name] = prop
        schema["properties"] = properties
        schema["additionalProperties"] = False
        if shape.required_members:
            schema["required"] = list(shape.required_members)
        if meta.get("union"):
            schema["minProperties"] = schema["maxProperties"] = 1
    elif kind == "list":
        schema.update(type="array", items={"$ref": f"#/$defs/{shape.member.name}"})
        _bounds(schema, meta, "minItems", "maxItems")
    elif kind == "map":
        schema.update(
            type="object",
            propertyNames={"$ref": f"#/$defs/{shape.key.name}"},
            additionalProperties={"$ref": f"#/$defs/{shape.value.name}"},
        )
        _bounds(schema, meta, "minProperties", "maxProperties")
    elif kind == "string":
        schema["type"] = "string"
        if shape.enum:
            schema["enum"] = list(shape.enum)
        _bounds(schema, meta, "minLength", "maxLength")
        if meta.get("pattern"):
            schema.update(_pattern_keywords(shape.name, meta["pattern"], meta))
    elif kind in ("integer", "long"):
        schema["type"] = "integer"
        _bounds(schema, meta, "minimum", "maximum")
        # AWS's `integer` is a 32-bit signed number and `long` a 64-bit one (its servers are
        # Java): a value beyond them is refused whatever the model's own min/max say.
        low, high = _WIDTHS[kind]
        schema.setdefault("minimum", low)
        schema.setdefault("maximum", high)
    elif kind in ("float", "double"):
        schema["type"] = "number"
        _bounds(schema, meta, "minimum", "maximum")
    elif kind == "boolean":
        schema["type"] = "boolean"
    elif kind == "timestamp":
        schema["type"] = ["string", "number"]  # ISO 8601 in CLI output, epoch seconds in JSON
    else:  # blob and anything newer: base64 text in JSON
        schema["type"] = "string"
    return schema


_WIDTHS = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}


def _bounds(schema: dict[str, Any], meta: dict[str, Any], low: str, high: str) -> None:
    if "min" in meta:
        schema[low] = meta["min"]
    if "max" in meta:
        schema[high] = meta["max"]


def reachable(model: Any, *roots: str) -> list[str]:
    """The names of every shape of ``model`` reachable from ``roots`` (theirs included)."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = model.shape_for(name)
        if shape.type_name == "structure":
            stack.extend(member.name for member in shape.members.values())
        elif shape.type_name == "list":
            stack.append(shape.member.name)
        elif shape.type_name == "map":
            stack.extend((shape.key.name, shape.value.name))
    return sorted(seen)


def aws_schemas(canonical: Schema, header_lines: list[str]) -> dict[str, str]:
    """{file name: text} for every AWS kind and the index the validator reads (paths
    relative to the aws/ folder)."""
    header = " ".join(header_lines)
    import botocore
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")
    base_defs = {d.get("x-kind"): key for key, d in canonical["$defs"].items()}
    base_id = str(canonical["$id"])
    folder_id = base_id.rsplit("/", 1)[0] + f"/{AWS_FOLDER}/"
    files: dict[str, str] = {}
    index = []
    for aws in AWS_KINDS:
        name = f"{aws.kind}.schema.json"
        defs = {n: _shape_schema(model.shape_for(n)) for n in reachable(model, aws.shape)}
        schema: dict[str, Any] = {
            "$comment": header,
            "$schema": DRAFT,
            "$id": folder_id + name,
            "title": aws.shape,
            "description": f"A whole {aws.shape} (botocore {botocore.__version__} sagemaker "
            "model), with the objective rules of the canonical schema. Patterns are AWS's Java "
            "patterns (x-aws-pattern), translated to match the whole value alike in ECMA-262 "
            "and Python; x-unicode-pattern is one needing \\p{..} classes (the ECMA-262 u "
            "flag). As botocore does, automl-objective takes an integer member's 5.0 for a "
            "float, which plain JSON Schema cannot say.",
            "x-kind": aws.kind,
            "allOf": [
                {"$ref": f"#/$defs/{aws.shape}"},
                {"$ref": f"{base_id}#/$defs/{base_defs[aws.base]}"},
            ],
            "$defs": defs,
        }
        files[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        index.append(
            {
                "kind": aws.kind,
                "file": name,
                "shape": aws.shape,
                "base": aws.base,
                "when": list(aws.when),
                "required": list(model.shape_for(aws.shape).required_members),
            }
        )
    files[INDEX] = (
        json.dumps(
            {
                "$comment": header,
                # What `generate` and `sync --write` compare the installed botocore with.
                "botocore_version": botocore.__version__,
                "whole_document_marker": WHOLE_DOCUMENT_MARKER,
                "whole_when_missing_at_most": WHOLE_WHEN_MISSING_AT_MOST,
                "kinds": index,
            },
            indent=2,
        )
        + "\n"
    )
    return files
