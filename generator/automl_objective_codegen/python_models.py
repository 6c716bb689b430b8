"""Pydantic v2 models from the canonical schema, through datamodel-code-generator's API.

datamodel-code-generator renders the schema's ``$defs``; the root's if/then/else chain it cannot
express becomes a root model over the document kinds. Its templates are extended through its
custom-template-dir mechanism (``templates/datamodel/``): classes whose schema carries an
``if``/``then`` rule get a model validator bound to the matching check in the generated
rules.py, which reads the generated tables. No rule is restated here: this module only says
which check belongs to which class.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import Catalog
from automl_objective_codegen.environment import TEMPLATES, UnsafeTemplateValue

ROOT_CLASS = "AutoMLObjectiveDocument"
CUSTOM_TEMPLATES = TEMPLATES / "datamodel"
MODEL_LINE_LENGTH = 100
"""The generated models' line length: the project's own (ruff's ``line-length``)."""
FORMATTER_SETTINGS = TEMPLATES / "datamodel_settings"
"""Holds an empty settings file: the formatter reads no pyproject.toml of where generate runs."""

# The check in rules.py for each $defs entry that holds if/then rules datamodel-code-generator
# drops, by the kind (x-kind) or the role the schema gives it.
_KIND_CHECKS = {
    "create-auto-ml-job": "check_create_auto_ml_job",
    "create-auto-ml-job-v2": "check_create_auto_ml_job_v2",
}
_UNION_DEFINITION = "AutoMLProblemTypeConfig"


FRAGMENT_SUFFIX = "Fragment"
"""The models of this module check request fragments (the objective rules only); AWS's own
shape names (``CreateAutoMLJobV2Request``) belong to the whole, strict models of
``requests.py``, so a kind definition named ``...Request`` becomes ``...Fragment`` here."""


def class_names(schema: Schema) -> dict[str, str]:
    """The class name of each renamed ``$defs`` entry: a kind's ``XRequest`` is ``XFragment``."""
    return {
        name: name.removesuffix("Request") + FRAGMENT_SUFFIX
        for name, body in schema["$defs"].items()
        if "x-kind" in body and name.endswith("Request")
    }


def deprecated_names(schema: Schema) -> dict[str, tuple[str, str]]:
    """The previous release's names of the fragment classes, kept one release in models.py:
    old name -> (class, why)."""
    return {
        old: (
            new,
            f"the fragment model is now {new}; {old} (from automl_objective_generated or "
            "automl_objective_generated.requests) is the whole, strict request",
        )
        for old, new in class_names(schema).items()
    }


def models_input(schema: Schema) -> Schema:
    """The schema as datamodel-code-generator should see it: the ``$defs``, and at the root the
    union of the kinds that the root's if/then/else chain selects."""
    kinds = [d for d, body in schema["$defs"].items() if "x-kind" in body]
    return {
        "$schema": schema["$schema"],
        "title": ROOT_CLASS,
        "description": schema.get("description", ""),
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in kinds],
        "$defs": schema["$defs"],
    }


def template_data(schema: Schema) -> dict[str, dict[str, Any]]:
    """Per-class data for the custom templates: which rule check each class binds, by class
    name."""
    data: dict[str, dict[str, Any]] = {
        ROOT_CLASS: {"automl_rule": "select_document_model", "automl_rule_mode": "before"},
        _UNION_DEFINITION: {"automl_rule": "check_problem_type_config"},
    }
    for name, body in schema["$defs"].items():
        check = _KIND_CHECKS.get(body.get("x-kind", ""))
        if check is not None:
            data[name] = {"automl_rule": check, "automl_methods": ["effective_objective"]}
        elif body.get("type") == "object" or "properties" in body:
            data.setdefault(name, {"automl_rule": "check_no_nulls"})
        for member, sub in body.get("properties", {}).items():
            if sub.get("type") == "object" and "properties" in sub:
                data.setdefault(member, {"automl_rule": "check_no_nulls"})
    renamed = class_names(schema)
    return {renamed.get(name, name): value for name, value in data.items()}


def kind_definitions(schema: Schema, catalog: Catalog) -> list[tuple[str, str]]:
    """(kind, its ``$defs`` entry) in the schema's order."""
    by_kind = {body["x-kind"]: name for name, body in schema["$defs"].items() if "x-kind" in body}
    return [(kind, by_kind[kind]) for kind, _ in catalog.document_kinds]


def kind_models(schema: Schema, catalog: Catalog) -> list[tuple[str, str]]:
    """(kind, generated class name) in the schema's order: class names are the $defs keys,
    a request fragment's renamed (:func:`class_names`)."""
    renamed = class_names(schema)
    by_kind = {
        body["x-kind"]: renamed.get(name, name)
        for name, body in schema["$defs"].items()
        if "x-kind" in body
    }
    return [(kind, by_kind[kind]) for kind, _ in catalog.document_kinds]


def generate_models(schema: Schema, header: str) -> str:
    """The text of models.py."""
    from collections import defaultdict

    from datamodel_code_generator import PythonVersion, generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import Formatter

    output = generate(
        models_input(schema),
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_310,
        class_name=ROOT_CLASS,
        snake_case_field=True,
        allow_population_by_field_name=True,
        capitalise_enum_members=True,
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
        extra_template_data=defaultdict(dict, template_data(schema)),
        model_name_map=class_names(schema),
        additional_imports=["pydantic.model_validator", "automl_objective_generated.rules"],
    )
    if not isinstance(output, str):
        raise TypeError("datamodel-code-generator returned several modules; expected one")
    output = with_deprecated_names(output, deprecated_names(schema), "rules")
    refuse_unexpected_code(output)
    return output


def with_deprecated_names(
    output: str, deprecated: dict[str, tuple[str, str]], import_from: str
) -> str:
    """A module's text, then the module ``__getattr__`` that serves the previous release's
    class names with a DeprecationWarning (``DeprecatedNames``, imported from the generated
    ``rules`` module when ``import_from`` is "rules", else from the runtime)."""
    from automl_objective_codegen.environment import render

    output = output if output.endswith("\n") else output + "\n"
    footer = render("deprecated_names.py.jinja2", deprecated=deprecated, import_from=import_from)
    return output + footer


# All models.py ever calls or imports; anything else came from schema text.
_CALLS = frozenset({"Field", "ConfigDict", "model_validator", "DeprecatedNames"})
_IMPORTS = frozenset({"__future__", "enum", "typing", "pydantic", "automl_objective_generated"})


def refuse_unexpected_code(
    text: str,
    module: str = "models.py",
    calls: frozenset[str] = _CALLS,
    imports: frozenset[str] = _IMPORTS,
) -> None:
    """Defence in depth for the text datamodel-code-generator renders from schema strings:
    raise unless it parses and only calls and imports what the module always does."""
    import ast

    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        raise UnsafeTemplateValue(f"{module} does not parse: {error.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            call = node.func.func if isinstance(node.func, ast.Call) else node.func
            if not (isinstance(call, ast.Name) and call.id in calls):
                raise UnsafeTemplateValue(f"{module} would call {ast.unparse(call):.60}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = (
                [node.module]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
            )
            if any(str(m).split(".")[0] not in imports for m in modules):
                raise UnsafeTemplateValue(f"{module} would import {ast.unparse(node):.60}")
