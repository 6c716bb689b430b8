"""One ``sync --from-botocore`` run as data (the CLI prints it): the drift, what was
written, and what is left for a person."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from automl_objective.base.quoting import printable, printable_data
from automl_objective.base.schema import Schema
from automl_objective.report.schema_version import versioned
from automl_objective_codegen.algorithm_docs import (
    ALGORITHM_UNKNOWN_VALUE,
    ALGORITHMS,
    ALGORITHMS_UNREADABLE,
    write_algorithms,
)
from automl_objective_codegen.algorithm_docs import DOCUMENTED as ALGORITHMS_DOCUMENTED
from automl_objective_codegen.doc_drift import Disagreement
from automl_objective_codegen.placeholders import placeholders
from automl_objective_codegen.sync import (
    DOCUMENTED_MEMBER,
    OBJECTIVE_SHAPE,
    UNREADABLE,
    Drift,
    SyncError,
    aws_values,
    compare,
    write_schema,
)
from automl_objective_codegen.sync_schema import read_sync_schema
from automl_objective_codegen.versions import DowngradeRefused, mismatch, refuse_downgrade

DOCUMENTED = f"{OBJECTIVE_SHAPE}.{DOCUMENTED_MEMBER}"


@dataclass
class SyncOutcome:
    schema_path: Path
    botocore_version: str
    drift: Drift
    wrote: bool = False
    notes: list[str] = field(default_factory=list)  # what --write took from the documentation
    todo: list[str] = field(default_factory=list)  # what is left for a person, after --write
    version_note: str | None = None

    @property
    def exit_code(self) -> int:
        """0 no drift (or --write wrote), 1 drift left unwritten."""
        return 0 if self.wrote or not self.drift.any else 1


def todo_list(schema: Schema) -> list[str]:
    """Every placeholder (by pointer) and every gap the catalog reports."""
    from automl_objective.check.catalog import (
        SchemaContentError,
        catalog_from_schema,
        catalog_problems,
    )

    pointers = placeholders(schema)
    left = [f"{pointer}: placeholder" for pointer in pointers]
    try:
        problems = catalog_problems(catalog_from_schema(schema))
        return left + [p for p in problems if not any(f"({q})" in p for q in pointers)]
    except SchemaContentError as error:  # e.g. an enum a removal emptied
        return [*left, str(error).removeprefix("schema: ")]


def run_sync(schema_path: Path, output: Path, *, write: bool, allow_downgrade: bool) -> SyncOutcome:
    """Compare (and with ``write`` apply); ``SyncError`` / ``DowngradeRefused`` one line."""
    from automl_objective_codegen.sync_write import apply

    try:
        schema = read_sync_schema(schema_path)
    except ValueError as error:
        raise SyncError(str(error)) from None
    aws = aws_values()
    drift = compare(schema, aws)
    outcome = SyncOutcome(schema_path, aws.botocore_version, drift)
    found = mismatch(output)
    if found:
        outcome.version_note = (
            f"botocore version mismatch: botocore {found[0]} is installed, {output}/ was "
            f"rendered from botocore {found[1]}"
        )
    if write and (drift.values_changed or drift.algorithms_changed):
        if not allow_downgrade:
            refuse_downgrade(output, "sync --write")
        try:
            updated, outcome.notes = (
                apply(schema, drift, aws) if drift.values_changed else (schema, [])
            )
        except (LookupError, TypeError, AttributeError) as error:
            raise SyncError(f"{schema_path}: cannot apply the drift: no {error}") from None
        updated, algorithm_notes = write_algorithms(
            updated, aws.algorithm_documentation, aws.job_configs, aws.modes, aws.algorithms
        )
        outcome.notes += algorithm_notes
        write_schema(schema_path, updated)
        outcome.wrote = True
        outcome.todo = todo_list(updated)
        outcome.drift = Drift(drift.parts, compare(updated, aws).rules)
    return outcome


SETTLE_RULES = "settle each rule difference above"
READ_BY_HAND = "read AWS's documentation by hand for each problem type's metrics and default"


_ALGORITHM_FACTS = (ALGORITHMS, ALGORITHM_UNKNOWN_VALUE, ALGORITHMS_UNREADABLE)


def _split_rules(outcome: SyncOutcome) -> tuple[list[Disagreement], list[Disagreement]]:
    """(the metric rule differences, the items saying their documentation could not be
    read); the algorithm lists' items are ``_split_algorithms``'."""
    rules = [r for r in outcome.drift.rules if r.fact not in _ALGORITHM_FACTS]
    return [r for r in rules if r.fact != UNREADABLE], [r for r in rules if r.fact == UNREADABLE]


def _split_algorithms(outcome: SyncOutcome) -> tuple[list[Disagreement], list[Disagreement]]:
    """(the algorithm list differences, the item saying their documentation could not be
    read)."""
    items = [r for r in outcome.drift.rules if r.fact in _ALGORITHM_FACTS]
    unread = [r for r in items if r.fact == ALGORITHMS_UNREADABLE]
    return [r for r in items if r.fact != ALGORITHMS_UNREADABLE], unread


def _left_by_hand(outcome: SyncOutcome) -> list[str]:
    """What a person must still do beyond the placeholders (``todo``)."""
    rules, unread = _split_rules(outcome)
    algorithms, algorithms_unread = _split_algorithms(outcome)
    return [SETTLE_RULES] * bool(rules or algorithms) + [READ_BY_HAND] * bool(
        unread or algorithms_unread
    )


def _text_drift(outcome: SyncOutcome) -> list[str]:
    lines = []
    for part in outcome.drift.parts:
        if part.added or part.removed:
            lines.append(f"{part.what}:")
            lines.extend(f"  + {value}" for value in part.added)
            lines.extend(f"  - {value}" for value in part.removed)
    rules, unread = _split_rules(outcome)
    if unread:
        lines.append(f"documentation ({DOCUMENTED}): cannot be read")
        lines.extend(f"  ! {rule.message}" for rule in unread)
    if rules:
        lines.append(f"rules ({DOCUMENTED}'s documentation):")
        lines.extend(f"  ~ {rule.message}" for rule in rules)
    algorithms, algorithms_unread = _split_algorithms(outcome)
    if algorithms_unread:
        lines.append(f"documentation ({ALGORITHMS_DOCUMENTED}): cannot be read")
        lines.extend(f"  ! {rule.message}" for rule in algorithms_unread)
    if algorithms:
        lines.append(f"algorithms ({ALGORITHMS_DOCUMENTED}'s documentation):")
        lines.extend(f"  ~ {rule.message}" for rule in algorithms)
    return lines


def as_text(outcome: SyncOutcome) -> str:
    lines = [f"botocore {outcome.botocore_version} against {outcome.schema_path}"]
    lines += _text_drift(outcome)
    if not outcome.drift.any:
        lines.append("no drift")
    if outcome.wrote:
        lines.append(f"wrote {outcome.schema_path}")
        lines.extend(f"  from the documentation: {note}" for note in outcome.notes)
        by_hand = _left_by_hand(outcome)
        if outcome.todo or by_hand:
            lines.append("left for a person, then run `automl-objective generate`:")
            lines.extend(f"  todo: {item}" for item in outcome.todo)
            marks = {SETTLE_RULES: " (~)", READ_BY_HAND: " (!)"}
            lines.extend(f"  todo: {item}{marks[item]}" for item in by_hand)
        else:
            lines.append("nothing left by hand: run `automl-objective generate`")
    return "".join(f"{printable(line)}\n" for line in lines)


def _markdown_drift(outcome: SyncOutcome) -> list[str]:
    lines: list[str] = []
    changed = [p for p in outcome.drift.parts if p.added or p.removed]
    if changed:
        lines += ["## Values", ""]
        for part in changed:
            values = [f"+`{v}`" for v in part.added] + [f"-`{v}`" for v in part.removed]
            lines.append(f"- {part.what}: {', '.join(values)}")
        lines.append("")
    rules, unread = _split_rules(outcome)
    if unread:
        lines += [f"## AWS's documentation of `{DOCUMENTED}` could not be read", ""]
        lines += [f"- {rule.message}" for rule in unread]
        lines.append("")
    if rules:
        lines += ["## Rules where AWS's documentation and the schema disagree", ""]
        lines += [f"- {rule.message}" for rule in rules]
        lines.append("")
    algorithms, algorithms_unread = _split_algorithms(outcome)
    if algorithms_unread:
        lines += [f"## AWS's documentation of `{ALGORITHMS_DOCUMENTED}` could not be read", ""]
        lines += [f"- {rule.message}" for rule in algorithms_unread]
        lines.append("")
    if algorithms:
        lines += ["## Algorithm lists where AWS's documentation and the schema disagree", ""]
        lines += [f"- {rule.message}" for rule in algorithms]
        lines.append("")
    return lines


def as_markdown(outcome: SyncOutcome) -> str:
    """A pull request's body: the drift, what was written, what a person must still do."""
    verb = "Synced" if outcome.wrote else "Compared (nothing written)"
    lines = [f"{verb} `{outcome.schema_path}` with botocore {outcome.botocore_version}.", ""]
    if outcome.version_note:
        lines += [f"Note: {outcome.version_note}.", ""]
    lines += _markdown_drift(outcome)
    if outcome.notes:
        lines += ["## Taken from AWS's documentation", ""]
        lines += [f"- {note}" for note in outcome.notes]
        lines.append("")
    if not outcome.drift.any:
        lines += ["No drift.", ""]
    left = outcome.todo + _left_by_hand(outcome)
    if left:
        lines += ["## Left for a person (then run `automl-objective generate`)", ""]
        lines += [f"- [ ] `{item}`" for item in left]
        lines.append("")
    return "\n".join(printable(line) for line in lines)


def as_json(outcome: SyncOutcome) -> str:
    data: dict[str, Any] = {
        "botocore_version": outcome.botocore_version,
        "schema": str(outcome.schema_path),
        "drift": outcome.drift.any,
        "values": [
            {"shape": p.what, "added": p.added, "removed": p.removed} for p in outcome.drift.parts
        ],
        "rules": [
            {
                "problem_type": r.problem_type,
                "fact": r.fact,
                "documentation": list(r.documentation),
                "schema": list(r.schema),
                "message": r.message,
            }
            for r in outcome.drift.rules
        ],
        "wrote": outcome.wrote,
        "from_documentation": outcome.notes,
        "todo": outcome.todo,
        "version_mismatch": outcome.version_note,
    }
    return json.dumps(printable_data(versioned(data)), indent=2) + "\n"


__all__ = [
    "DowngradeRefused",
    "SyncError",
    "SyncOutcome",
    "as_json",
    "as_markdown",
    "as_text",
    "run_sync",
]
