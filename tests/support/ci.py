"""The schemas of CI systems' files (SchemaStore's, as check-jsonschema ships them)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def vendored_schema(name: str) -> dict[str, Any]:
    """The CI schemas check-jsonschema ships (SchemaStore's), read offline."""
    folder = resources.files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads(folder.joinpath(name).read_text("utf-8"))
    return schema
