"""Where the shipped editor schemas are, for editors and other validators to point at.

A wheel carries generated/schema/ inside the generated package (``editor_schemas/``); an
editable checkout has it beside the package, in generated/schema/.
"""

from __future__ import annotations

from pathlib import Path

INSTALLED_FOLDER = "editor_schemas"


class EditorSchemasMissing(LookupError):
    """Neither place holds the editor schemas: a broken installation."""


def editor_schema_folder() -> Path:
    import automl_objective_generated  # a plain path, as schema.py finds the bundled schema

    package = Path(automl_objective_generated.__file__).resolve().parent
    for folder in (package / INSTALLED_FOLDER, package.parent / "schema"):
        if folder.is_dir() and any(folder.glob("*.json")):
            return folder
    raise EditorSchemasMissing(f"no editor schemas in {package / INSTALLED_FOLDER}")


def editor_schema_paths() -> list[Path]:
    """The shipped schemas and their catalog.json, by name."""
    return sorted(editor_schema_folder().glob("*.json"))
