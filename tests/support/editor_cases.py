"""What every validator must say of the fixtures: the CLI's verdict, per shipped schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from automl_objective.api import validate_file
from automl_objective.base.schema import load_schema
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.syntax import load_path
from tests.support.fixture_cases import Case, cases
from tests.support.paths import ROOT

EDITOR_FOLDER = ROOT / "generated" / "schema"
CANONICAL = ROOT / "schema" / "automl_job_objective.schema.json"


@dataclass(frozen=True)
class Shipped:
    path: Path
    kind: str | None  # the CLI's --kind this schema stands for (None: detected, as by default)

    @property
    def name(self) -> str:
        return self.path.name

    def load(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        return data


SCHEMAS = (
    Shipped(CANONICAL, None),
    Shipped(EDITOR_FOLDER / "automl_job_objective.bundled.schema.json", None),
    Shipped(
        EDITOR_FOLDER / "create-auto-ml-job-request.bundled.schema.json",
        "create-auto-ml-job-request",
    ),
    Shipped(
        EDITOR_FOLDER / "create-auto-ml-job-v2-request.bundled.schema.json",
        "create-auto-ml-job-v2-request",
    ),
)


@cache
def documents() -> tuple[tuple[Case, Any], ...]:
    """Every fixture that parses, with its data (a syntax error is no schema's business)."""
    found = []
    for case in cases():
        try:
            found.append((case, load_path(case.path).data))
        except LoadError:
            continue
    return tuple(found)


@cache
def cli_verdict(case: Case, kind: str | None) -> bool:
    """Valid for the CLI (warnings alone leave a document valid)."""
    if kind is None:
        return case.expect_valid
    return validate_file(case.path, kind=kind).valid


def editor_vocabulary() -> list[str]:
    """The keywords outside JSON Schema 2020-12 in any shipped schema (ajv's vocabulary)."""
    from automl_objective_codegen.editor_files import vocabulary

    return vocabulary({s.name: s.load() for s in SCHEMAS})


def canonical_id() -> str:
    return str(load_schema()["$id"])
