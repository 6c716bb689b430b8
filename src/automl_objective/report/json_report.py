"""The JSON format: one object whose field names are stable (named so as not to shadow the
standard library's ``json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from automl_objective.check.results import FileResult
from automl_objective.report.indented_json import write_printable
from automl_objective.report.reporter import Reporter
from automl_objective.report.schema_version import versioned


class JsonReporter(Reporter):
    """One JSON object: ``{"schema_version": "1.0", "valid": bool, "files": [...]}``
    (see :mod:`.schema_version`; schema/outputs/validate.schema.json).

    Paths, pointers and messages are shown as every format shows them (:func:`printable`):
    a file name that is not UTF-8 is ``\\xNN``, never a lone surrogate, so the output is
    I-JSON (RFC 7493) that any JSON parser reads.
    """

    name = "json"

    def report(self, results: Sequence[FileResult], out: TextIO) -> None:
        document = versioned(
            {"valid": all(r.valid for r in results), "files": [r.as_dict() for r in results]}
        )
        write_printable(document, out)
        out.write("\n")
