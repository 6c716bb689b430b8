"""PyYAML, imported by the command without the cost of a pattern it never uses.

PyYAML's pure-Python reader compiles ``Reader.NON_PRINTABLE`` when ``yaml`` is imported: a
negated character class whose ranges span about 55,000 code points, which the ``re``
compiler walks one by one in Python (57 M instructions, in every process that reads YAML).
Only that reader uses the pattern; the C loader read here never does. The same characters
written as the class of what it excludes compile in 4.4 M.

In the command's own process and its forked workers (the console script's entry has set
``automl_objective.cli.start_up.console_script``, looked up in ``sys.modules`` so that a
library user's process does not import the command line to learn it is not one), ``yaml``
is imported with ``re.compile`` answering that one pattern, and only that exact text with no
flags, by the equal class; every other pattern, and any PyYAML whose pattern is not exactly
this one, compiles as usual. ``re.compile`` is itself again once ``yaml`` is imported. A
library user's process (the API, a test, a caller of ``main()``) is never touched: its PyYAML
is imported as written. Both patterns match the same code points, all 0x110000 of them
(``tests/inputs/test_pyyaml.py``), so even code that uses the pure reader sees no
difference. (No public ``re`` or PyYAML interface spares the compile otherwise.)
"""

from __future__ import annotations

import re
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

READER_PATTERN = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""PyYAML's ``Reader.NON_PRINTABLE`` (6.0), exactly as its source writes it."""
SAME_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
"""The code points :data:`READER_PATTERN` matches, as the class of what it excludes."""


def compile_for_import(compile: Any) -> Any:
    """``compile`` (``re.compile``), but with :data:`SAME_CHARACTERS` for PyYAML's pattern."""

    def compile_reader_pattern(pattern: Any, flags: Any = 0) -> Any:
        if flags == 0 and type(pattern) is str and pattern == READER_PATTERN:
            return compile(SAME_CHARACTERS)
        return compile(pattern, flags)

    return compile_reader_pattern


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
