"""Placeholders ``sync --write`` leaves for a person: strings starting with ``TODO``.

``generate`` (and ``generate --check``) refuse a schema that still has one, naming each by its
JSON pointer, so a half-synced schema can never reach generated/ or a green CI.
"""

from __future__ import annotations

from typing import Any

from automl_objective.base.schema import pointer_part

PLACEHOLDER = "TODO"


def placeholders(node: Any, pointer: str = "") -> list[str]:
    """The JSON pointer of every placeholder string under ``node``, in document order."""
    if isinstance(node, str):
        return [pointer or "/"] if node.startswith(PLACEHOLDER) else []
    if isinstance(node, dict):
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return []
    return [
        found
        for key, child in items
        for found in placeholders(child, f"{pointer}/{pointer_part(key)}")
    ]
