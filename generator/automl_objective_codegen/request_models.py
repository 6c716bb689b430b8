"""Strict pydantic models of the whole requests and responses, from AWS's shapes.

The input is the generated AWS schemas (aws/*.json, read from botocore's model), rendered by
datamodel-code-generator as python_models.py renders the canonical schema. What the models
check is not left to pydantic's reading of the schema: its regular expressions are not Java's,
it takes 5.0 for an integer, and its messages are not the validator's. Each whole-document
class instead runs, before pydantic sees the data, the compiled check that ``validate --kind``
runs for its kind (every AWS rule plus the objective rules), through the custom template in
``templates/datamodel_requests/``. So the schema given to datamodel-code-generator keeps only
what types the attributes: members, required members, enums (as ``Literal``) and
``additionalProperties: false`` (``extra="forbid"``); a definition with no members of its own
(a string, a list, a map) is inlined, so that attributes hold plain values. Every other class
(a part of a document, the union of the four) reads its data as the plain document
(``whole_documents.take_plain_data``), so that no model takes data no JSON document could hold.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from automl_objective.base.schema import AWS_INDEX
from automl_objective_codegen.environment import TEMPLATES
from automl_objective_codegen.python_models import (
    FORMATTER_SETTINGS,
    MODEL_LINE_LENGTH,
    refuse_unexpected_code,
    with_deprecated_names,
)

CUSTOM_TEMPLATES = TEMPLATES / "datamodel_requests"
MODULE = "requests.py"
ROOT_CLASS = "RequestOrResponse"
OLD_PREFIX = "Whole"
"""The previous release named the whole-document classes ``Whole`` + AWS's shape name; those
names are kept one release, with a DeprecationWarning. The classes now bear AWS's shape names
(``CreateAutoMLJobV2Request``): the names users reach for are the strict models; the fragment
models of ``models.py`` are named ``...Fragment``."""

# Keywords the compiled check enforces and pydantic would read otherwise (or not at all).
_CHECKED_NOT_TYPED = frozenset(
    {
        "pattern",
        "x-aws-pattern",
        "x-pattern-description",
        "x-unicode-pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "format",
    }
)
CALLS = frozenset({"Field", "ConfigDict", "model_validator", "DeprecatedNames"})
IMPORTS = frozenset({"__future__", "typing", "pydantic", "automl_objective"})


def whole_class(shape: str) -> str:
    return shape


def deprecated_names(aws_texts: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The previous release's names of the whole classes: old name -> (class, why)."""
    return {
        OLD_PREFIX + name: (name, f"use {name}, the same class")
        for name in whole_classes(aws_texts)
    }


def whole_classes(aws_texts: dict[str, str]) -> list[str]:
    """The class names of the whole documents, in aws/kinds.json's order, the union last."""
    index = json.loads(aws_texts[AWS_INDEX])
    return [*(whole_class(entry["shape"]) for entry in index["kinds"]), ROOT_CLASS]


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in _CHECKED_NOT_TYPED}
    if isinstance(node, list):
        return [_strip(item) for item in node]
    return node


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with each reference to a definition without members replaced by its body."""
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    result = {k: _inline(v, defs) for k, v in node.items()}
    name = str(node.get("$ref", "")).removeprefix("#/$defs/")
    if name in defs and "properties" not in defs[name]:
        del result["$ref"]
        body = {k: v for k, v in _inline(defs[name], defs).items() if k != "title"}
        result = {**body, **result}
    return result


def models_input(aws_texts: dict[str, str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The schema datamodel-code-generator sees, and the per-class template data (the kind
    each whole-document class checks)."""
    index = json.loads(aws_texts[AWS_INDEX])
    merged: dict[str, Any] = {}
    template_data: dict[str, dict[str, Any]] = {}
    for entry in index["kinds"]:
        schema = json.loads(aws_texts[entry["file"]])
        for name, body in schema["$defs"].items():
            body = _strip(body)
            if merged.setdefault(name, body) != body:
                raise ValueError(f"{entry['file']}: shape {name} differs from another file's")
        template_data[whole_class(entry["shape"])] = {"automl_kind": entry["kind"]}
    kept = {
        whole_class(name) if whole_class(name) in template_data else name: _inline(body, merged)
        for name, body in merged.items()
        if "properties" in body
    }
    wholes = list(template_data)
    for name in kept:
        template_data.setdefault(name, {"automl_plain": True})
    template_data[ROOT_CLASS] = {"automl_plain": "whole"}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": ROOT_CLASS,
        "description": "Any whole request or response: the one of the four it validates as.",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in wholes],
        "$defs": dict(sorted(kept.items())),
    }
    return schema, template_data


def generate_request_models(aws_texts: dict[str, str], header: str) -> str:
    """The text of requests.py."""
    from datamodel_code_generator import LiteralType, PythonVersion, generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import Formatter

    schema, template_data = models_input(aws_texts)
    output = generate(
        schema,
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_310,
        class_name=ROOT_CLASS,
        snake_case_field=True,
        enum_field_as_literal=LiteralType.All,
        extra_fields="forbid",
        use_schema_description=True,
        use_field_description=True,
        disable_timestamp=True,
        formatters=[Formatter.BUILTIN],
        # Stated, not looked up: the formatter would otherwise read the pyproject.toml of the
        # folder generate runs in, and the output would depend on where that is.
        builtin_format_line_length=MODEL_LINE_LENGTH,
        settings_path=FORMATTER_SETTINGS,
        custom_file_header=header.rstrip("\n"),
        custom_template_dir=Path(CUSTOM_TEMPLATES),
        extra_template_data=defaultdict(dict, template_data),
        additional_imports=[
            "typing.ClassVar",
            "pydantic.model_validator",
            "automl_objective.whole_documents",
        ],
    )
    if not isinstance(output, str):
        raise TypeError("datamodel-code-generator returned several modules; expected one")
    output = with_deprecated_names(output, deprecated_names(aws_texts), "runtime")
    refuse_unexpected_code(output, MODULE, CALLS, IMPORTS)
    return output
