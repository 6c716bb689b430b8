"""PyYAML, imported by the command without the cost of the patterns it never uses.

PyYAML compiles ten regular expressions when ``yaml`` is imported, each walked by the ``re``
compiler in Python: its pure-Python reader's ``Reader.NON_PRINTABLE``, a negated character
class whose ranges span about 55,000 code points (57 M instructions, in every process that
reads YAML), the implicit resolvers' (a date's, a merge key's, ...), the timestamp
constructor's. The C loader read here never uses the reader's pattern, and a run uses only the
resolvers its scalars' first characters reach (a date's and the constructor's seldom): 41 M
instructions of a process's import, 26 M once each pattern waits for its first use.

In the command's own process and its forked workers (the console script's entry has set
``automl_objective.cli.start_up.console_script``, looked up in ``sys.modules`` so that a
library user's process does not import the command line to learn it is not one), ``yaml``
is imported with ``re.compile`` answering each pattern by one compiled when a method of it is
first called (:func:`~automl_objective.base.patterns.on_first_use`, with ``re.compile``
itself), the same text and flags, except the reader's exact pattern with no flags: answered
by the equal class written as the class of what it excludes (4.4 M instructions to compile,
not 57 M; any PyYAML whose pattern is not exactly this one keeps its own). ``re.compile`` is
itself again once ``yaml`` is imported. A library user's process (the API, a test, a caller
of ``main()``) is never touched: its PyYAML is imported as written. Both reader patterns
match the same code points, all 0x110000 of them (``tests/inputs/test_pyyaml.py``), so even
code that uses the pure reader sees no difference. (No public ``re`` or PyYAML interface
spares the compiles otherwise.)
"""

from __future__ import annotations

import re
import sys

from automl_objective.base.patterns import on_first_use

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

READER_PATTERN = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""PyYAML's ``Reader.NON_PRINTABLE`` (6.0), exactly as its source writes it."""
SAME_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
"""The code points :data:`READER_PATTERN` matches, as the class of what it excludes."""


def compile_for_import(compile: Any) -> Any:
    """``compile`` (``re.compile``) when the pattern is first used (:func:`~automl_objective.
    base.patterns.on_first_use`), with :data:`SAME_CHARACTERS` for PyYAML's reader pattern."""

    def compile_on_first_use(pattern: Any, flags: Any = 0) -> Any:
        if flags == 0 and type(pattern) is str and pattern == READER_PATTERN:
            pattern = SAME_CHARACTERS
        return on_first_use(pattern, flags, compile)

    return compile_on_first_use


def _import_lean() -> None:
    start_up = sys.modules.get("automl_objective.cli.start_up")
    if not getattr(start_up, "console_script", False) or "yaml" in sys.modules:
        return
    compile = re.compile
    re.compile = compile_for_import(compile)
    try:
        import yaml  # noqa: F401 (imported here for its pattern; the module below names it)
    finally:
        re.compile = compile


_import_lean()

import yaml  # noqa: E402 (after the lean import, which it then finds in sys.modules)

__all__ = ["yaml"]
