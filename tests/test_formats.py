"""Report formats checked against their published schema or a well-kept library's model."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from junitparser import Failure, JUnitXml

from automl_objective.api import check_sources
from automl_objective.discovery import discover
from automl_objective.reporters import JunitReporter, SarifReporter, TextReporter
from automl_objective.terminal import ProgressBar, wants_colour, wants_progress
from tests.fixture_cases import FIXTURES

SARIF_SCHEMA = Path(__file__).parent / "vendor" / "sarif-2.1.0-rtm.5.json"
FILES = [
    FIXTURES / "invalid" / "v1-regression-auc.json",
    FIXTURES / "valid" / "v1-problem-type-only.json",
    FIXTURES / "invalid" / "truncated.json",
    FIXTURES / "valid" / "objective-f1.json",
    Path(__file__).parent / "bad_inputs" / "empty.json",
]


def render(reporter: Any) -> str:
    results = check_sources(discover([str(p) for p in FILES]))
    out = io.StringIO()
    reporter.report(results, out)
    return out.getvalue()


def test_sarif_matches_the_published_schema() -> None:
    log = json.loads(render(SarifReporter()))
    schema = json.loads(SARIF_SCHEMA.read_text())
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == []
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [
        "metric-not-allowed",
        "incomplete-pair",
        "parse-error",
        "empty-document",
    ]
    first = results[0]
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 20,
        "startColumn": 19,
    }
    assert results[1]["level"] == "warning"
    assert "region" not in results[3]["locations"][0]["physicalLocation"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rules[r["ruleIndex"]]["id"] for r in results] == [r["ruleId"] for r in results]


def test_junit_is_read_by_junitparser() -> None:
    xml = JUnitXml.fromstring(render(JunitReporter()))
    (suite,) = list(xml)
    assert (suite.tests, suite.failures, suite.errors) == (5, 3, 0)
    cases = {Path(case.name).name: case for case in suite}
    assert set(cases) == {p.name for p in FILES}
    (failure,) = cases["v1-regression-auc.json"].result
    assert isinstance(failure, Failure)
    assert failure.type == "metric-not-allowed"
    assert failure.message.startswith("MetricName 'AUC' is not allowed")
    assert cases["objective-f1.json"].is_passed
    warned = cases["v1-problem-type-only.json"]
    assert warned.is_passed and "[incomplete-pair]" in (warned.system_out or "")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CI", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert wants_colour(FakeTerminal()) and not wants_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_colour(FakeTerminal())
    coloured = render(TextReporter(colour=True))
    assert "\033[31merror\033[0m" in coloured and "\033[33mwarning\033[0m" in coloured
    assert "\033[" not in render(TextReporter())


def test_progress_only_on_a_terminal_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wants_progress(FakeTerminal(), 500)
    assert not wants_progress(FakeTerminal(), 5)
    assert not wants_progress(io.StringIO(), 500)
    monkeypatch.setenv("CI", "true")
    assert not wants_progress(FakeTerminal(), 500)
    stream = FakeTerminal()
    bar = ProgressBar(4, stream)
    for _ in range(4):
        bar(1)
    bar.close()
    assert stream.getvalue().count("\r[") == 4
    assert "4/4 files" in stream.getvalue() and stream.getvalue().endswith("\r\033[K")
