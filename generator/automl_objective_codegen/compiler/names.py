"""Names of the generated functions: what they check, so a traceback or a profile says it.

An entry point is named after what the runtime calls it for (``check_auto_ml_job_objective``
for ``$defs/AutoMLJobObjective``, ``check_create_auto_ml_job_v2_request_shape`` for AWS's
shape of that kind, ``check_document`` for the canonical root); any other node after the
schema location it was first met at, ``$defs`` and ``properties`` left out, members joined by
``__`` and keywords by ``_`` (``aws_AutoMLChannel``, ``CreateAutoMLJobRequest_allOf_0_if``).
Names are identifiers, at most ``MAX_NAME`` characters, unique (a repeat gets ``_2``, ``_3``
in node order) and the same on every run.
"""

from __future__ import annotations

import re

from automl_objective_codegen.compiler.ir import Entry, Node, Pointer

MAX_NAME = 100
CANONICAL = "schema"  # the canonical schema's document name; AWS documents are aws/<file>
_CONTAINERS = frozenset({"$defs", "properties"})
_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_]+")
_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake(text: str) -> str:
    """``CreateAutoMLJobV2Request`` -> ``create_auto_ml_job_v2_request``."""
    words = _WORD.sub("_", text).replace("-", "_")
    return _NOT_IDENTIFIER.sub("_", words).lower()


def location_name(document: str, at: Pointer) -> str:
    """The readable, unbounded name of a schema location."""
    name = ""
    members = False
    for part in at:
        if part in _CONTAINERS and not members:
            members = True
            continue
        separator = "__" if members else "_"
        name = f"{name}{separator}{part}" if name else str(part)
        members = False
    if not at or at[0] != "$defs":
        name = f"document_{name}" if name else "document"
    if document != CANONICAL:
        name = f"aws_{name}"
    return _NOT_IDENTIFIER.sub("_", name)


def bounded(name: str) -> str:
    """``name`` cut to ``MAX_NAME`` characters, keeping its start and its end."""
    if len(name) <= MAX_NAME:
        return name
    head = MAX_NAME // 3
    return f"{name[:head]}_{name[-(MAX_NAME - head - 1) :]}"


def node_names(nodes: list[Node], entries: tuple[Entry, ...]) -> dict[int, str]:
    """Each node's name: its (first) entry's, else its location's; entries choose first."""
    wanted: dict[int, str] = {}
    for entry in entries:
        wanted.setdefault(entry.ref.number, entry.name)
    for node in nodes:
        wanted.setdefault(node.number, bounded(location_name(*node.location)))
    taken: set[str] = set()
    names = {}
    for number, base in wanted.items():
        name = base
        count = 1
        while name in taken:
            count += 1
            name = f"{base}_{count}"
        taken.add(name)
        names[number] = name
    return names
