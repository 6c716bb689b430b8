"""The generated package's ``catalog.py``: the schema's facts as ``catalog_from_schema`` reads
them, the document kinds its ``x-kind`` definitions name and the AWS schemas' index
(``aws/kinds.json``) and the codes of the value rules of it and the AWS schemas, written as
Python constants.

A run builds its checker from these: unmarshalling constants costs a fraction of parsing the
bundled schema's JSON and walking it (1.4 M and 1.3 M instructions of a cold ``validate``).
The checker reads only plain data (``DOCUMENT_KINDS``, ``KINDS``, ``AWS_INDEX``,
``VALUE_RULE_CODES``); the public
records of the catalog (:mod:`automl_objective.check.catalog`'s NamedTuples, whose classes
cost 4 M instructions to build) are made by ``build_catalog()`` for the first caller that
asks (``load_catalog``), so a run whose documents are clean never imports their module.
They are derived from the schema by ``generate``, never written by hand; ``generate --check``
fails when they are stale, and tests/generate/test_catalog_module.py holds them equal to
``catalog_from_schema`` of the schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import Catalog, Metric, catalog_from_schema
from automl_objective.check.checker import kinds
from automl_objective.check.partly_known import value_rule_codes
from automl_objective_codegen.metric_names import IMPORT as METRIC_NAMES_IMPORT

MODULE = "catalog.py"

_DOC = '''"""The schema's facts and document kinds, read from it by ``automl-objective generate``:
``build_catalog()`` is ``catalog_from_schema(schema)``, ``DOCUMENT_KINDS`` its
``document_kinds``, ``KINDS`` is ``kinds(schema)``, ``AWS_INDEX`` is ``aws/kinds.json`` and
``VALUE_RULE_CODES`` is ``value_rule_codes`` of the schema and the AWS schemas, so that a run
needs not parse a JSON file to build its checker. The checker reads the plain data;
the catalog's records are built by the first caller that asks (``load_catalog``): a clean run
never imports their classes."""'''


def _metrics(metrics: tuple[Metric, ...]) -> str:
    """The metric records, their names read from ``METRIC_NAMES`` (the generated
    ``metric_names.py``, in the same order) rather than written again."""
    rows = "".join(f"                {tuple(metric[1:])!r},\n" for metric in metrics)
    return (
        "        metrics=tuple(\n"
        "            # (title, direction, description, aliases) of each name, in order\n"
        "            Metric(name, *rest)\n"
        "            for name, rest in zip(METRIC_NAMES, (\n"
        f"{rows}"
        "            ), strict=True)\n"
        "        ),\n"
    )


def _field(name: str, value: Any) -> str:
    if name == "document_kinds":
        return f"        {name}=DOCUMENT_KINDS,\n"
    if name == "metrics":
        return _metrics(value)
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        items = "".join(f"            {item!r},\n" for item in value)
        return f"        {name}=(\n{items}        ),\n"
    return f"        {name}={value!r},\n"


def catalog_module(
    schema: Schema, header: str, aws_index: str, aws_schemas: Iterable[Schema] = ()
) -> str:
    """The module's text (``header``: the generated files' comment lines; ``aws_index``: the
    text of the AWS schemas' index, ``aws/kinds.json``; ``aws_schemas``: the schemas it
    names, parsed)."""
    catalog = catalog_from_schema(schema)
    fields = "".join(_field(name, getattr(catalog, name)) for name in Catalog._fields)
    names = sorted({type(value).__name__ for value in _records(catalog)} | {"Catalog"})
    kinds_lines = "".join(f"    {k!r}: {v!r},\n" for k, v in kinds(schema).items())
    document_kinds = "".join(f"    {item!r},\n" for item in catalog.document_kinds)
    codes = "".join(f"    {code!r},\n" for code in sorted(value_rule_codes([schema, *aws_schemas])))
    return (
        f"{header}{_DOC}\n\n"
        "from __future__ import annotations\n\n"
        "TYPE_CHECKING = False\n"
        "if TYPE_CHECKING:\n"
        "    from typing import Any\n\n"
        "    from automl_objective.check.catalog import Catalog\n\n"
        "DOCUMENT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (\n"
        f"{document_kinds})\n"
        '"""(kind, members whose presence selects it), in the order the schema tries them."""\n\n'
        f"KINDS: dict[str, str] = {{\n{kinds_lines}}}\n\n"
        f"AWS_INDEX: dict[str, Any] = {json.loads(aws_index)!r}\n\n"
        f"VALUE_RULE_CODES: frozenset[str] = frozenset({{\n{codes}}})\n"
        '"""The codes of the value rules (pattern, length, enum): a finding no fill of a value '
        'known in\npart can mend replaces those its text as written gets at its path."""\n\n\n'
        'def build_catalog() -> "Catalog":\n'
        '    """``catalog_from_schema(schema)``, built anew (``load_catalog`` keeps one)."""\n'
        f"    from automl_objective.check.catalog import {', '.join(names)}\n"
        f"    {METRIC_NAMES_IMPORT}\n\n"
        f"    return Catalog(\n{fields}    )\n"
    )


def _records(catalog: Catalog) -> list[object]:
    records: list[object] = []
    for value in catalog:
        if isinstance(value, tuple):
            records.extend(v for v in value if hasattr(type(v), "_fields"))
    return records
