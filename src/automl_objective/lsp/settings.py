"""The server's settings: from the client's ``initializationOptions`` and its
``workspace/configuration`` section ``automlObjective`` (the latter wins where it says)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from automl_objective.inputs.reading import MAX_BYTES

SECTION = "automlObjective"


@dataclass(frozen=True)
class Settings:
    strict: bool = False
    """Warnings are errors (``validate --strict``)."""
    skip_unknown: bool = True
    """A JSON or YAML file that is no AutoML document gets no diagnostic (an editor opens
    every file of a project; ``validate --skip-unknown``)."""
    placeholders: str = "report"
    """A value that is entirely ``${NAME}`` or ``$NAME``: a ``placeholder`` finding
    (``report``) or a value known only at run time (``dynamic``): ``validate --placeholders``."""
    max_bytes: int = MAX_BYTES
    """The size limit of a file a document names and the server reads from disk (a SAM
    template's ``DefinitionUri``), as ``validate --max-bytes`` bounds it; the document's own
    text is the editor's, already read."""


SETTING_NAMES = {
    "strict": "strict",
    "skipUnknown": "skip_unknown",
    "placeholders": "placeholders",
    "maxBytes": "max_bytes",
}
"""The settings as clients name them, and the field each sets."""
CHOICES: dict[str, tuple[object, ...]] = {
    "strict": (True, False),
    "skipUnknown": (True, False),
    "placeholders": ("report", "dynamic"),
}
"""The values each setting takes (``maxBytes``: any whole number from 1, as ``--max-bytes``)."""
CLIENT_SIDE = frozenset({"path", "trace"})
"""Settings of the same section that only the editor's client reads (the command it starts,
VS Code's protocol trace): not the server's, and not reported as unknown."""


def read_settings(raw: Any, base: Settings) -> tuple[Settings, list[str]]:
    """``base`` updated by what ``raw`` says (a dict, or one holding the ``automlObjective``
    section), and a note for each value that is not understood (it is ignored)."""
    if isinstance(raw, dict) and isinstance(raw.get(SECTION), dict):
        raw = raw[SECTION]
    if raw is None:
        return base, []
    if not isinstance(raw, dict):
        return base, [f"settings must be an object, not {type(raw).__name__}; ignored"]
    changes: dict[str, Any] = {}
    notes = []
    for name, value in raw.items():
        field = SETTING_NAMES.get(name)
        if name in CLIENT_SIDE:
            continue
        if field is None:
            notes.append(f"unknown setting {name!r}; ignored")
        elif not _understood(name, value):
            notes.append(f"setting {name!r} must be {_choices(name)}, not {value!r:.40}; ignored")
        else:
            changes[field] = value
    return dataclasses.replace(base, **changes), notes


def _understood(name: str, value: Any) -> bool:
    if name not in CHOICES:  # maxBytes
        return type(value) is int and value >= 1
    return any(value == c and type(value) is type(c) for c in CHOICES[name])


def _choices(name: str) -> str:
    if name not in CHOICES:
        return "a whole number of bytes, at least 1"
    choices = CHOICES[name]
    if choices == (True, False):
        return "true or false"
    return " or ".join(f'"{choice}"' for choice in choices)
