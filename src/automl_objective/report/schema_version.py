"""The version of every JSON output's shape (``validate``, ``resolve``, ``metrics``,
``schemas`` and ``sync`` with ``--format json``), written first in each as ``schema_version``.

``MAJOR.MINOR``: the minor number grows when a field is added (a reader ignores fields it does
not know); the major number grows on a breaking change (a field renamed, removed, or given
another meaning or type). The JSON Schema of each output is in schema/outputs/.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = "1.0"


def versioned(payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` with ``schema_version`` as its first field."""
    return {"schema_version": SCHEMA_VERSION, **payload}
