"""PyYAML imported leanly by the command (automl_objective.inputs.pyyaml): its reader's
pattern is answered by one that matches the same code points, only in the command's process
and only for PyYAML's exact pattern; anywhere else PyYAML is imported as written."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from automl_objective.inputs import pyyaml
from tests.support.paths import ROOT

_PATTERN_OF_A_FRESH_IMPORT = """
import re, sys
compile = re.compile
{before}
from automl_objective.inputs.pyyaml import yaml
print(yaml.reader.Reader.NON_PRINTABLE.pattern == {name!r} and re.compile is compile)
"""


def _fresh_import(before: str, name: str) -> bool:
    """Whether a fresh process doing ``before`` then importing PyYAML by pyyaml gets the
    reader pattern ``name`` (pyyaml.READER_PATTERN, SAME_CHARACTERS), ``re.compile`` as it was."""
    program = _PATTERN_OF_A_FRESH_IMPORT.format(before=before, name=getattr(pyyaml, name))
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return done.stdout.strip() == "True"


def test_the_pattern_answered_is_pyyamls_own() -> None:
    """In this process (not the command's) PyYAML compiled its own pattern: the text
    answered is exactly it, so the lean import applies to the PyYAML installed."""
    assert yaml.reader.Reader.NON_PRINTABLE.pattern == pyyaml.READER_PATTERN


def test_both_patterns_match_the_same_code_points() -> None:
    every = "".join(map(chr, range(0x110000)))
    readers = re.compile(pyyaml.READER_PATTERN)
    same = re.compile(pyyaml.SAME_CHARACTERS)
    matched = [found.start() for found in readers.finditer(every)]
    assert matched == [found.start() for found in same.finditer(every)]
    assert 0 < len(matched) < 0x110000


def test_only_pyyamls_exact_pattern_is_answered() -> None:
    compiled: list[tuple[object, ...]] = []

    def compile(*arguments: object) -> re.Pattern[str]:
        compiled.append(arguments)
        return re.compile("")

    lean = pyyaml.compile_for_import(compile)
    made = [
        lean(pyyaml.READER_PATTERN),
        lean(pyyaml.READER_PATTERN, re.IGNORECASE),
        lean(pyyaml.READER_PATTERN.encode("utf-8", "surrogatepass")),
        lean(pyyaml.READER_PATTERN[:-1] + "\t]"),
    ]
    assert compiled == []  # each compiled when it is first used, not at PyYAML's import
    for pattern in made:
        pattern.match("")
    assert compiled == [
        (pyyaml.SAME_CHARACTERS, 0),
        (pyyaml.READER_PATTERN, re.IGNORECASE),
        (pyyaml.READER_PATTERN.encode("utf-8", "surrogatepass"), 0),
        (pyyaml.READER_PATTERN[:-1] + "\t]", 0),
    ]


def test_pyyamls_patterns_are_compiled_when_first_used_in_the_commands_process() -> None:
    """The resolvers' and the constructor's patterns too: a run compiles only those its
    scalars reach (a date's, the timestamp constructor's, seldom), each the pattern PyYAML
    wrote."""
    program = (
        "from automl_objective.cli import start_up; start_up.pause()\n"
        "from automl_objective.inputs.pyyaml import yaml\n"
        "import re\n"
        "pattern = yaml.constructor.SafeConstructor.timestamp_regexp\n"
        "print(type(pattern) is not re.Pattern, pattern.flags & re.VERBOSE > 0,"
        " yaml.safe_load('a: 2001-12-14') == {'a': __import__('datetime').date(2001, 12, 14)})"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "True", "True"]


def test_only_the_commands_process_imports_pyyaml_leanly() -> None:
    command = "from automl_objective.cli import start_up; start_up.pause()"
    assert _fresh_import(command, "SAME_CHARACTERS")
    assert _fresh_import("import automl_objective.api", "READER_PATTERN")
    assert _fresh_import("from automl_objective.cli import main", "READER_PATTERN")
    assert _fresh_import("import yaml; " + command, "READER_PATTERN")  # imported already


def test_the_runtime_imports_pyyaml_only_through_pyyaml() -> None:
    """A module importing ``yaml`` itself, if imported first, would leave the lean import
    nothing to do (silently: only the cost comes back)."""
    package = ROOT / "src" / "automl_objective"
    importing = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if re.search(r"^\s*(?:import yaml\b|from yaml\b)", path.read_text("utf-8"), re.M)
    ]
    assert importing == ["inputs/pyyaml.py"]
