"""From findings to what a reader sees: the output formats of ``validate``, registered by
name in :data:`REPORTERS` (one module each), what ``metrics`` and ``resolve`` print
(:mod:`.lookups`), and what a terminal gets (:mod:`.terminal`: a progress bar, colour).
Imports check/'s results and base/, never the CLI.

A new format is one module with a :class:`~.reporter.Reporter` and one line below.
"""

from __future__ import annotations

from automl_objective.report.github import GithubReporter
from automl_objective.report.json_report import JsonReporter
from automl_objective.report.junit import JunitReporter
from automl_objective.report.reporter import Reporter
from automl_objective.report.sarif import SarifReporter
from automl_objective.report.text import TextReporter

__all__ = [
    "REPORTERS",
    "GithubReporter",
    "JsonReporter",
    "JunitReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
]

REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls
    for cls in (TextReporter, JsonReporter, GithubReporter, JunitReporter, SarifReporter)
}
"""Every output format of ``validate``, by the name ``--format`` takes."""
