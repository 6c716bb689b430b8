"""AWS's algorithm lists (by problem-type config, and by training mode for tabular jobs), read
from the documentation of ``AutoMLAlgorithmConfig.AutoMLAlgorithms``, against the schema's
``x-algorithm-config`` definitions: what ``sync --from-botocore`` reports and ``--write``
writes.

AWS states the lists only in prose: nested HTML lists such as "For the tabular problem type
TabularJobConfig: ... In ENSEMBLING mode: "catboost" ...". The reader walks the list items of
aws_docs, not the wording: an item whose label (its text before the first colon) names a
problem-type config (an AutoMLProblemTypeConfig member) or a training mode (an AutoMLMode
value) passes it to the items under it; an innermost item holding quoted names (or
``<code>``) lists values for them. A documentation with no list this can read is one drift
item (never a silent "no drift"), as for MetricName.

The schema is read raw (not through the catalog), as doc_drift reads it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from automl_objective.base.schema import Schema
from automl_objective_codegen.aws_docs import DocumentationShapeError, list_tree
from automl_objective_codegen.doc_drift import Disagreement

DOCUMENTED = "AutoMLAlgorithmConfig.AutoMLAlgorithms"
ALGORITHMS = "algorithms"
"""The ``fact`` of a drift item about an algorithm list."""
ALGORITHMS_UNREADABLE = "algorithms-unreadable"
"""The ``fact`` of the drift item saying the algorithm documentation could not be read."""
ALGORITHM_UNKNOWN_VALUE = "algorithm-unknown-value"

Key = tuple[str, str | None]  # (problem-type config, training mode or None)
_QUOTED = re.compile(r'"([^"\s]+)"')


def _names_in(label: str, names: Iterable[str]) -> str | None:
    words = set(re.findall(r"[A-Za-z0-9_]+", label))
    return next((name for name in names if name in words), None)


def documented_algorithms(
    html: str, job_configs: Iterable[str], modes: Iterable[str]
) -> dict[Key, list[str]]:
    """{(config, mode): algorithms} as ``html`` states them; ``DocumentationShapeError``
    when it states none. Iterative: the HTML may nest lists thousands deep."""
    configs, mode_names = tuple(job_configs), tuple(modes)
    found: dict[Key, list[str]] = {}
    stack: list[tuple[Any, str | None, str | None]] = [
        (child, None, None) for child in reversed(list_tree(html).children)
    ]
    while stack:
        item, config, mode = stack.pop()
        config = _names_in(item.label, configs) or config
        mode = _names_in(item.label, mode_names) or mode
        if not item.children and config is not None:
            values = _QUOTED.findall("".join(item.text)) or item.codes
            found.setdefault((config, mode), []).extend(values)
        stack.extend((child, config, mode) for child in reversed(item.children))
    lists = {key: list(dict.fromkeys(values)) for key, values in found.items() if values}
    if not lists:
        raise DocumentationShapeError(
            "states no per-config list of algorithms that this reader understands (nested "
            "<li> items naming a problem-type config, then quoted algorithm names)"
        )
    return lists


@dataclass(frozen=True)
class SchemaList:
    definition: str
    values: tuple[str, ...]


def schema_algorithms(schema: Schema) -> dict[Key, SchemaList]:
    """The schema's algorithm lists: ``$defs`` entries with ``x-algorithm-config`` and an
    ``enum`` (the AUTO-mode one, an ``anyOf`` of the modes' lists, has none of its own)."""
    lists = {}
    for name, body in schema.get("$defs", {}).items():
        if not isinstance(body, dict) or not isinstance(body.get("x-algorithm-config"), str):
            continue
        if not isinstance(body.get("enum"), list):
            continue
        mode = body.get("x-training-mode")
        key = (body["x-algorithm-config"], mode if isinstance(mode, str) else None)
        lists[key] = SchemaList(name, tuple(v for v in body["enum"] if isinstance(v, str)))
    return lists


def _title(key: Key) -> str:
    config, mode = key
    return f"{config} in {mode} mode" if mode else config


def _listed(values: Iterable[str]) -> str:
    return ", ".join(values) or "none"


def _compare(key: Key, documented: list[str] | None, ours: SchemaList | None) -> list[Disagreement]:
    title, config = _title(key), key[0]
    if ours is None:
        values = tuple(documented or ())
        message = f"{title}: the documentation lists {_listed(values)}; the schema has no list"
        return [Disagreement(config, ALGORITHMS, values, (), message)]
    where = f"/$defs/{ours.definition}/enum"
    if documented is None:
        message = f"{title}: the documentation states no list; the schema allows " + (
            f"{_listed(ours.values)} ({where})"
        )
        return [Disagreement(config, ALGORITHMS, (), ours.values, message)]
    if set(documented) == set(ours.values):
        return []
    only_doc = [v for v in documented if v not in ours.values]
    only_schema = [v for v in ours.values if v not in documented]
    message = (
        f"{title}: only the documentation allows {_listed(only_doc)}; only the schema allows "
        f"{_listed(only_schema)} ({where})"
    )
    return [Disagreement(config, ALGORITHMS, tuple(documented), ours.values, message)]


def unreadable(reason: str) -> Disagreement:
    return Disagreement(
        "",
        ALGORITHMS_UNREADABLE,
        (),
        (),
        f"{reason}, so no algorithm list was compared: compare them by hand, and teach "
        "automl_objective_codegen.algorithm_docs the documentation's new shape",
    )


def algorithm_disagreements(
    html: str,
    schema: Schema,
    job_configs: tuple[str, ...],
    modes: tuple[str, ...],
    algorithms: tuple[str, ...],
) -> list[Disagreement]:
    """Every disagreement between the documentation's lists and the schema's; a documented
    name that is no AutoMLAlgorithm value is one too. A documentation that is missing or
    cannot be read is one item of its own (fact ``ALGORITHMS_UNREADABLE``)."""
    if not html.strip():
        return [unreadable(f"{DOCUMENTED} has no documentation (where AWS lists the algorithms)")]
    try:
        documented = documented_algorithms(html, job_configs, modes)
    except DocumentationShapeError as error:
        return [unreadable(f"the documentation of {DOCUMENTED} {error}")]
    ours = schema_algorithms(schema)
    found = [
        item
        for key in dict.fromkeys([*ours, *documented])
        for item in _compare(key, documented.get(key), ours.get(key))
    ]
    found.extend(
        Disagreement(
            key[0],
            ALGORITHM_UNKNOWN_VALUE,
            (value,),
            (),
            f"{_title(key)}: the documentation names {value!r}, which is not an AutoMLAlgorithm "
            "value",
        )
        for key, values in documented.items()
        for value in values
        if value not in algorithms
    )
    return found


def write_algorithms(
    schema: Schema,
    html: str,
    job_configs: tuple[str, ...],
    modes: tuple[str, ...],
    algorithms: tuple[str, ...],
) -> tuple[Schema, list[str]]:
    """A copy of ``schema`` whose algorithm lists are the documentation's (each list the
    schema has; a list only the documentation has is left for a person), and a note per list
    changed. A name that is no AutoMLAlgorithm value is not written (the model wins over the
    prose; it stays a drift item). An unreadable documentation changes nothing."""
    try:
        documented = documented_algorithms(html, job_configs, modes)
    except DocumentationShapeError:
        return schema, []
    updated = copy.deepcopy(schema)
    notes = []
    for key, ours in schema_algorithms(schema).items():
        values = (
            [v for v in documented.get(key, ()) if v in algorithms] if key in documented else None
        )
        if not values or set(values) == set(ours.values):
            continue
        updated["$defs"][ours.definition]["enum"] = list(values)
        notes.append(f"{_title(key)} algorithms: {_listed(values)}")
    return updated, notes
