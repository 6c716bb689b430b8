"""The fixture corpus: every document under fixtures/valid and fixtures/invalid, paired with the
findings it must produce (``<name>.findings.jsonl`` beside it; no file means no findings).

A new case is a new document plus, where it has findings, its ``.findings.jsonl``. After a
deliberate change of messages, ``python tests/fixture_cases.py --update`` rewrites the expected
findings from the current output; review the diff before committing it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
SUFFIXES = (".json", ".yaml", ".yml")
EXPECTED_SUFFIX = ".findings.jsonl"


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
        lines = self.expected_path.read_text("utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

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
            lines = [json.dumps(f.as_dict(), ensure_ascii=False) for f in findings]
            case.expected_path.write_text("\n".join(lines) + "\n", "utf-8")
        elif case.expected_path.exists():
            case.expected_path.unlink()


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/fixture_cases.py --update")
    _update()
