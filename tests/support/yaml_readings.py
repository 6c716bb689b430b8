"""What reading a YAML text gives, compared whole: the data (types included), the position
of every value and member name in it, the duplicate keys a template lists, or the refusal
(message, line, column, code), or the failure. Two readings are the same reading when these
are equal."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from automl_objective.inputs.document import Document, LoadError
from tests.support.paths import EXAMPLES, TESTS

Reading = Callable[[str], Document]
MOST_PATHS = 2000


def yaml_files() -> list[Path]:
    """Every YAML file under tests/ (the real-world corpus when it is present) and examples/."""
    found = [
        path
        for root in (TESTS, EXAMPLES)
        for pattern in ("*.yaml", "*.yml", "*.template")
        for path in root.rglob(pattern)
        if ".venv" not in path.parts
    ]
    return sorted(set(found))


def _paths(data: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield at
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _paths(value, (*at, name))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _paths(item, (*at, index))


def outcome(read: Reading, text: str) -> tuple[Any, ...]:
    """Everything a reading of ``text`` says, comparable with ``==``."""
    try:
        document = read(text)
    except LoadError as error:
        return ("refused", error.message, error.line, error.column, error.code)
    except Exception as error:  # a reader's own failure (an internal error to the user)
        return ("failed", type(error).__name__, str(error))
    paths = [path for _, path in zip(range(MOST_PATHS), _paths(document.data), strict=False)]
    spots = document.spots([(path, key) for path in paths for key in (False, True)])
    duplicates = [
        (path, str(error), error.line, error.column) for path, error in document.duplicates
    ]
    shared: dict[int, int] = {}  # which requests point at one node (aliases), by first request
    nodes = [
        None if node is None else shared.setdefault(node, at) for at, (_, node) in enumerate(spots)
    ]
    positions = [position for position, _ in spots]
    return ("read", repr(document.data), positions, nodes, duplicates)


PIECES = (
    ":", "-", " ", "\t", "\n", "\r\n", "\r", "'", '"', "{", "}", "[", "]", ",", "#", "? ",
    "!!str ", "!!int ", "!!float ", "!!bool ", "!!binary ", "!!timestamp ", "!!map ", "!!set ",
    "!x ", "!Ref ", "!GetAtt ", "!Sub ", "&a ", "*a", "<<: ", "--- ", "...", "=",
    ".nan", ".inf", "-.Inf", "1e400", "0x1F", "0o7", "017", "1:20", "1_0", "yes", "No", "~",
    "null", "2024-01-01", "2010-09-09 10:00:00", "9" * 401, "1" * 399, "1.5", "+1", "-0",
    "\u2028", "\x85", "\u2029", "\ufeff", "a: 1\n", "%YAML 1.1\n", "%TAG ! tag:x:\n",
    "|", ">", "|-", ">+", "\\", "\\x41", "  ", "    - ", "A.B", "AWS::",
)  # fmt: skip
"""What a mutant inserts: YAML's tags, anchors, indicators, odd numbers and odd line breaks."""


def mutant(rng: random.Random, text: str) -> str:
    """``text`` with one to four pieces inserted or cut at random places."""
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.2 and len(text) > 2:
            text = text[:at] + text[min(len(text), at + rng.randint(1, 5)) :]
        else:
            text = text[:at] + rng.choice(PIECES) + text[at:]
    return text
