"""The generated package's ``metric_names.py``: the schema's metrics (``MetricName``'s enum),
the names alone, in the schema's order.

Two readers need the names and may not need each other: the runtime's inputs/ (a text that
does not parse names a metric: ``look_alikes``) may not import check/, and the generated
``catalog.py`` builds check/'s records. Both read this one constant, so the names are written
once; it imports nothing, so neither reader pays for more than a tuple.
"""

from __future__ import annotations

from automl_objective.base.schema import Schema
from automl_objective.check.catalog import catalog_from_schema

MODULE = "metric_names.py"
IMPORT = "from automl_objective_generated.metric_names import METRIC_NAMES"

_DOC = '''"""The schema's metrics (``MetricName``'s enum), the names alone, in the schema's
order, read from it by ``automl-objective generate``: the catalog's metric records and a folder
scan's test of a text that does not parse (inputs/look_alikes) both read them from here."""'''


def metric_names_module(schema: Schema, header: str) -> str:
    """The module's text (``header``: the generated files' comment lines)."""
    names = "".join(f"    {name!r},\n" for name in catalog_from_schema(schema).metric_names)
    return f"{header}{_DOC}\n\nMETRIC_NAMES: tuple[str, ...] = (\n{names})\n"
