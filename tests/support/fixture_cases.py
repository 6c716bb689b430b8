"""The fixture corpus: every document under fixtures/valid and fixtures/invalid, paired with the
findings it must produce (``<name>.findings.jsonl`` beside it; no file means no findings).

A new case is a new document plus, where it has findings, its ``.findings.jsonl``. After a
deliberate change of messages, ``python -m tests.support.fixture_cases --update`` rewrites
the expected findings from the current output; review the diff before committing it.

A message that lists every MetricName value stores ``<MetricName values>`` in place of the
list, and one that lists a problem type's metrics ``<allowed for NAME>``, both expanded from
the schema when read, so that a metric AWS adds changes no fixture.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.paths import FIXTURES

SUFFIXES = (".json", ".yaml", ".yml")
EXPECTED_SUFFIX = ".findings.jsonl"
ALL_METRICS = "<MetricName values>"


ALLOWED_TOKEN = re.compile(r"<allowed for (\w+)>")
ALLOWED_LIST = re.compile(r"(?:problem type|ProblemType) '(\w+)'[^;]*; allowed: ([^;]*)")


def _all_metrics() -> str:
    from automl_objective.check.catalog import load_catalog

    return ", ".join(load_catalog().metric_names)


def _allowed(name: str) -> str:
    from automl_objective.check.catalog import load_catalog

    return ", ".join(load_catalog().problem_type(name).allowed)


def _expand(text: str) -> str:
    text = text.replace(ALL_METRICS, _all_metrics())
    return ALLOWED_TOKEN.sub(lambda match: _allowed(match.group(1)), text)


def _tokens(message: str) -> str:
    """The inverse of _expand, for --update."""
    message = message.replace(_all_metrics(), ALL_METRICS)
    match = ALLOWED_LIST.search(message)
    if match and match.group(2) == _allowed(match.group(1)):
        start, end = match.span(2)
        message = f"{message[:start]}<allowed for {match.group(1)}>{message[end:]}"
    return message


@dataclass(frozen=True)
class Case:
    path: Path
    expect_valid: bool

    @property
    def expected_path(self) -> Path:
        return self.path.with_name(self.path.name + EXPECTED_SUFFIX)

    def expected_findings(self) -> list[dict[str, Any]]:
        if not self.expected_path.exists():
            return []
        text = _expand(self.expected_path.read_text("utf-8"))
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


def cases() -> list[Case]:
    found = []
    for folder, valid in (("valid", True), ("invalid", False)):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix in SUFFIXES and not path.name.endswith(EXPECTED_SUFFIX):
                found.append(Case(path, valid))
    return found


def _update() -> None:
    from automl_objective.api import validate_file

    for case in cases():
        findings = validate_file(case.path).findings
        if findings:
            lines = [
                json.dumps({**f.as_dict(), "message": _tokens(f.message)}, ensure_ascii=False)
                for f in findings
            ]
            case.expected_path.write_text("\n".join(lines) + "\n", "utf-8")
        elif case.expected_path.exists():
            case.expected_path.unlink()


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.support.fixture_cases --update")
    _update()
