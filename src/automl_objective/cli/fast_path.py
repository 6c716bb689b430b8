"""The commonest command line, ``validate PATH...`` with no option, read without argparse.

Importing argparse (with gettext, locale and shutil) and building the parser cost about as
much as checking a small file, so a run whose words are ``validate`` and paths only (``-``,
standard input, included) takes its options from :data:`VALIDATE_DEFAULTS`, the dict the
parser's own defaults come from; any other command line goes to :mod:`.parser`."""

from __future__ import annotations

from types import SimpleNamespace

from automl_objective.inputs.reading import MAX_BYTES

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any

VALIDATE_DEFAULTS: dict[str, Any] = {
    "format": "text",
    "kind": "auto",
    "problem_type": None,
    "strict": False,
    "placeholders": "report",
    "include": None,
    "exclude": None,
    "force_exclude": False,
    "skip_unknown": False,
    "max_bytes": MAX_BYTES,
    "jobs": None,
}
"""``validate``'s options when none is given."""


def plain_validate(argv: Sequence[str]) -> argparse.Namespace | None:
    """``validate PATH...`` as argparse would read it, when every word after the command is
    a path (none starts with ``-``, except ``-`` itself); None for any other command line."""
    if len(argv) < 2 or argv[0] != "validate":
        return None
    paths = list(argv[1:])
    if any(word.startswith("-") and word != "-" for word in paths):
        return None
    # read as argparse's Namespace is (typing's cast would import typing: 15 M instructions)
    args: argparse.Namespace = SimpleNamespace(  # type: ignore[assignment]
        paths=paths, command="validate", **VALIDATE_DEFAULTS
    )
    return args
