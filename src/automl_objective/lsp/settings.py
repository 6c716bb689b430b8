"""The server's settings: from the client's ``initializationOptions`` and its
``workspace/configuration`` section ``automlObjective`` (the latter wins where it says)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

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


SETTING_NAMES = {
    "strict": "strict",
    "skipUnknown": "skip_unknown",
    "placeholders": "placeholders",
}
"""The settings as clients name them, and the field each sets."""
CHOICES: dict[str, tuple[object, ...]] = {
    "strict": (True, False),
    "skipUnknown": (True, False),
    "placeholders": ("report", "dynamic"),
}
"""The values each setting takes."""
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
        elif not any(value == c and type(value) is type(c) for c in CHOICES[name]):
            notes.append(f"setting {name!r} must be {_choices(name)}, not {value!r:.40}; ignored")
        else:
            changes[field] = value
    return dataclasses.replace(base, **changes), notes


def _choices(name: str) -> str:
    choices = CHOICES[name]
    if choices == (True, False):
        return "true or false"
    return " or ".join(f'"{choice}"' for choice in choices)
