"""Which botocore generated/ was rendered from (``botocore_version`` in aws/kinds.json), and
the refusal to go back: an older botocore would silently remove what AWS added since (with
1.29.100, every time-series and V2 tabular rule)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from automl_objective.base.schema import AWS_FOLDER, AWS_INDEX
from automl_objective_codegen.tree import read_text_file

GENERATED_PACKAGE = "automl_objective_generated"
MAX_INDEX_BYTES = 16 * 1024 * 1024


class DowngradeRefused(Exception):
    """The installed botocore is older than the one generated/ was rendered from."""


def recorded_version(output: Path) -> str | None:
    """The botocore version recorded in ``output`` (a generated/ folder), or None when the
    folder holds no record (a first render, or a tree from before the record)."""
    index = output / GENERATED_PACKAGE / AWS_FOLDER / AWS_INDEX
    text = read_text_file(index, limit=MAX_INDEX_BYTES)  # never a FIFO, never /dev/zero
    try:
        value = json.loads(text or "").get("botocore_version")
    except (ValueError, AttributeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def installed_version() -> str:
    import botocore

    return str(botocore.__version__)


def version_key(version: str) -> tuple[int, ...]:
    """``1.44.8`` -> (1, 44, 8); what is not a number counts as 0."""
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.+-]", version))


def mismatch(output: Path) -> tuple[str, str] | None:
    """(installed, recorded) when they differ, else None."""
    recorded = recorded_version(output)
    installed = installed_version()
    if recorded is None or recorded == installed:
        return None
    return installed, recorded


def refuse_downgrade(output: Path, command: str) -> None:
    """``DowngradeRefused`` (one line) when the installed botocore is older than the record."""
    found = mismatch(output)
    if found and version_key(found[0]) < version_key(found[1]):
        installed, recorded = found
        raise DowngradeRefused(
            f"botocore version mismatch: botocore {installed} is installed, but {output}/ was "
            f"rendered from botocore {recorded}; {command} with an older botocore would remove "
            f"what AWS added since. Install botocore=={recorded} (the codegen extra's pin), or "
            "pass --allow-downgrade if the downgrade is meant"
        )
