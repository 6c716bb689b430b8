"""The README's shell commands, as its sh and console blocks hold them."""

from __future__ import annotations

import re

from tests.support.paths import README, ROOT

_BLOCK = re.compile(r"^```(sh|console)\n(.*?)^```", re.DOTALL | re.MULTILINE)


def command_blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(README.read_text("utf-8"))]


def suite_command() -> str:
    """The line of .ci/run that installs the project and runs this whole suite."""
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    return next(line for line in ci if line.startswith("python3 -m venv .venv &&"))


def commands() -> list[tuple[str, str | None]]:
    """(command, expected output or None) for every command line of every sh/console block."""
    found: list[tuple[str, str | None]] = []
    for language, body in command_blocks():
        if language == "sh":
            lines = (line.strip() for line in body.splitlines())
            found.extend((line, None) for line in lines if line and not line.startswith("#"))
            continue
        for chunk in ("\n" + body).split("\n$ ")[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found
