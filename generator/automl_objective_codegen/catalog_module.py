"""The generated package's ``catalog.py``: the schema's facts as ``catalog_from_schema`` reads
them, the document kinds its ``x-kind`` definitions name and the AWS schemas' index
(``aws/kinds.json``), written as Python constants.

A run builds its checker from these: unmarshalling constants costs a fraction of parsing the
bundled schema's JSON and walking it (1.4 M and 1.3 M instructions of a cold ``validate``).
They are derived from the schema by ``generate``, never written by hand; ``generate --check``
fails when they are stale, and tests/generate/test_catalog_module.py holds them equal to
``catalog_from_schema`` of the schema.
"""

from __future__ import annotations

import json
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import Catalog, catalog_from_schema
from automl_objective.check.checker import kinds

MODULE = "catalog.py"

_DOC = '''"""The schema's facts and document kinds, read from it by ``automl-objective generate``:
``CATALOG`` is ``catalog_from_schema(schema)``, ``KINDS`` is ``kinds(schema)`` and
``AWS_INDEX`` is ``aws/kinds.json``, so that a run needs not parse a JSON file to build its
checker."""'''


def _field(name: str, value: Any) -> str:
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        items = "".join(f"        {item!r},\n" for item in value)
        return f"    {name}=(\n{items}    ),\n"
    return f"    {name}={value!r},\n"


def catalog_module(schema: Schema, header: str, aws_index: str) -> str:
    """The module's text (``header``: the generated files' comment lines; ``aws_index``: the
    text of the AWS schemas' index, ``aws/kinds.json``)."""
    catalog = catalog_from_schema(schema)
    fields = "".join(_field(name, getattr(catalog, name)) for name in Catalog._fields)
    names = sorted({type(value).__name__ for value in _records(catalog)} | {"Catalog"})
    kinds_lines = "".join(f"    {k!r}: {v!r},\n" for k, v in kinds(schema).items())
    return (
        f"{header}{_DOC}\n\n"
        "from typing import Any\n\n"
        f"from automl_objective.check.catalog import {', '.join(names)}\n\n"
        f"CATALOG = Catalog(\n{fields})\n\n"
        f"KINDS: dict[str, str] = {{\n{kinds_lines}}}\n\n"
        f"AWS_INDEX: dict[str, Any] = {json.loads(aws_index)!r}\n"
    )


def _records(catalog: Catalog) -> list[object]:
    records: list[object] = []
    for value in catalog:
        if isinstance(value, tuple):
            records.extend(v for v in value if hasattr(type(v), "_fields"))
    return records
