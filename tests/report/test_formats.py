"""Report formats checked against their published schema or a well-kept library's model."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from junitparser import Failure, JUnitXml

from automl_objective.api import check_sources
from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding
from automl_objective.check.results import FileResult
from automl_objective.inputs.discovery import discover
from automl_objective.report import JunitReporter, SarifReporter, TextReporter
from automl_objective.report.terminal import ProgressBar, wants_colour, wants_progress
from tests.support.paths import BAD_INPUTS, CODE, FIXTURES, VENDOR

SARIF_SCHEMA = VENDOR / "sarif-2.1.0-rtm.5.json"
FILES = [
    FIXTURES / "invalid" / "v1-regression-auc.json",
    FIXTURES / "valid" / "v1-problem-type-only.json",
    FIXTURES / "invalid" / "truncated.json",
    FIXTURES / "valid" / "objective-f1.json",
    BAD_INPUTS / "empty.json",
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


# --- One escaping rule, and no output line that GitHub Actions runs as a command -------------
#
# GitHub's runner reads every line of a step's output (split at CR, LF and CRLF) as a workflow
# command when it starts with "::" after whitespace, and, in the legacy form, when it holds
# "##[" anywhere (actions/runner, ActionCommand.TryParseV2 and TryParse).

COMMAND_NAMES = [
    "::error file=README.md,line=1::x.json",
    "  ::warning::spaces.json",
    "\t::notice::tab.json",
    "x##[error]legacy.json",
    "##[add-mask]secret.json",
    "%0A::error::percent.json",
]
HOSTILE_VALUES = ["##[error]pwned", "::error::pwned", "\n::error::pwned", "a\u2028::error::b"]


def _command_documents(folder: Path) -> list[Path]:
    """Files whose names, member names and values are workflow commands."""
    paths = []
    for index, name in enumerate(COMMAND_NAMES):
        value = HOSTILE_VALUES[index % len(HOSTILE_VALUES)]
        member = HOSTILE_VALUES[-index % len(HOSTILE_VALUES)]
        objective: dict[str, Any] = {"MetricName": value, member: 1}
        document = {"ProblemType": "Regression", "AutoMLJobObjective": objective}
        path = folder / name
        path.write_text(json.dumps(document))
        paths.append(path)
    return paths


def runner_lines(output: str) -> list[str]:
    """The lines as GitHub's runner splits a step's output."""
    return re.split(r"\r\n|\r|\n", output)


def github_runs(line: str) -> bool:
    """Whether GitHub's runner would take ``line`` for a workflow command (its .NET
    ``TrimStart`` strips Unicode whitespace, as ``str.lstrip`` does)."""
    return line.lstrip().startswith("::") or "##[" in line


def _report(format: str, folder: Path) -> str:
    from automl_objective.report import REPORTERS

    out = io.StringIO()
    REPORTERS[format]().report(check_sources(discover([str(folder)])), out)
    return out.getvalue()


@pytest.mark.parametrize("format", ["text", "json", "junit", "sarif"])
def test_no_line_of_a_report_is_a_workflow_command(format: str, tmp_path: Path) -> None:
    _command_documents(tmp_path)
    output = _report(format, tmp_path)
    assert "MetricName" in output  # the findings are there
    assert [line for line in runner_lines(output) if github_runs(line)] == []


def github_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command parsed as GitHub's runner parses it: the command, its properties
    (split at ",", then at the first "=") and its message, each unescaped."""
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, properties = line[2:end].partition(" ")

    def unescape(text: str, *pairs: tuple[str, str]) -> str:
        for token, escaped in (*pairs, ("%", "%25")):
            text = text.replace(escaped, token)
        return text

    crlf = (("\r", "%0D"), ("\n", "%0A"))
    found = {}
    for item in filter(None, properties.strip().split(",")):
        key, _, value = item.partition("=")
        found[key] = unescape(value, *crlf, (":", "%3A"), (",", "%2C"))
    return name, found, unescape(line[end + 2 :], *crlf)


def test_github_commands_carry_names_and_messages_whole(tmp_path: Path) -> None:
    from automl_objective.base.quoting import printable

    paths = _command_documents(tmp_path)
    results = check_sources(discover([str(tmp_path)]))
    lines = runner_lines(_report("github", tmp_path))
    commands = [github_command(line) for line in lines if line.startswith("::")]
    expected = [
        (f.severity, printable(r.path), printable(f.message)) for r in results for f in r.findings
    ]
    assert len(expected) > len(paths)
    assert [(name, props["file"], message) for name, props, message in commands] == expected
    assert all(set(props) <= {"file", "line", "col", "title"} for _, props, _ in commands)
    assert [line for line in lines if not line.startswith("::") and github_runs(line)] == []


def test_one_escaping_rule_in_every_format(tmp_path: Path) -> None:
    """A name is shown alike by text, json, junit, github and sarif's message: as
    ``printable`` makes it; SARIF's location is the URI of the file's own bytes."""
    from urllib.parse import unquote_to_bytes

    from automl_objective.base.quoting import printable

    names = ["::error::x.json", "a##[b.json", "new\nline.json", os.fsdecode(b"bad\xff.json")]
    for name in names:
        (tmp_path / name).write_text('{"MetricName": "Nope"}')
    shown = {printable(str(tmp_path / name)) for name in names}
    assert shown == {
        f"{tmp_path}/::error::x.json",  # "::" is escaped at the start of a line only
        f"{tmp_path}/a##\\x5bb.json",
        f"{tmp_path}/new\\nline.json",
        f"{tmp_path}/bad\\xff.json",
    }
    text = {line.split(":1:", 1)[0] for line in _report("text", tmp_path).splitlines()[:-1]}
    assert text == shown
    assert {f["path"] for f in json.loads(_report("json", tmp_path))["files"]} == shown
    assert {case.name for case in next(iter(JUnitXml.fromstring(_report("junit", tmp_path))))} == (
        shown
    )
    github = [github_command(line) for line in _report("github", tmp_path).splitlines()[:-1]]
    assert {props["file"] for _, props, _ in github} == shown
    log = json.loads(_report("sarif", tmp_path))
    uris = {
        unquote_to_bytes(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for r in log["runs"][0]["results"]
    }
    assert uris == {os.fsencode(tmp_path / name) for name in names}


def test_a_leading_colon_pair_is_escaped_where_a_line_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit passes names as they are: a name relative to the repository that starts
    with "::" starts each line of text output, and each line of a JUnit failure's text."""
    name = "::error file=README.md,line=1::x.json"
    (tmp_path / name).write_text('{"MetricName": "Nope", "Extra": 1}')
    monkeypatch.chdir(tmp_path)
    lines = {}
    for format in ("text", "junit"):
        from automl_objective.report import REPORTERS

        out = io.StringIO()
        REPORTERS[format]().report(check_sources(discover([name])), out)
        lines[format] = runner_lines(out.getvalue())
    first = lines["text"][0]
    assert first.startswith("\\x3a:error file=README.md,line=1::x.json:1:")
    failure = [line for line in lines["junit"] if line.startswith("\\x3a:error")]
    assert len(failure) == 1  # the second error's line starts a line of the XML
    assert [line for found in lines.values() for line in found if github_runs(line)] == []


def test_json_reports_are_i_json_whatever_the_names(tmp_path: Path) -> None:
    """RFC 7493: no lone surrogate in any string, escaped or not."""
    (tmp_path / os.fsdecode(b"bad\xff.json")).write_text('{"MetricName": "Nope", "\\ud800": 1}')
    for format in ("json", "sarif"):
        output = _report(format, tmp_path)
        strings: list[str] = []

        def keep(value: Any, found: list[str] = strings) -> Any:
            if isinstance(value, str):
                found.append(value)
            return value

        document = json.loads(
            output, object_pairs_hook=lambda pairs: {keep(k): v for k, v in pairs}
        )
        walk = [document]
        while walk:
            node = walk.pop()
            if isinstance(node, dict):
                walk.extend(node.values())
            elif isinstance(node, list):
                walk.extend(node)
            else:
                keep(node)
        assert strings and all(s.encode("utf-8") for s in strings), format
        assert not any("\ud800" <= c <= "\udfff" for s in strings for c in s), format


# --- Related places: where a shared value is written, in every format ------------------


def _shared_report(reporter: Any) -> str:
    results = check_sources(discover([str(CODE / "shared_values.py")]))
    out = io.StringIO()
    reporter.report(results, out)
    return out.getvalue()


def test_sarif_gives_related_locations_that_match_the_published_schema() -> None:
    log = json.loads(_shared_report(SarifReporter()))
    schema = json.loads(SARIF_SCHEMA.read_text())
    assert sorted(Draft4Validator(schema).iter_errors(log), key=str) == []
    results = log["runs"][0]["results"]
    related = [r.get("relatedLocations") for r in results]
    assert related[0] is None  # a value one call uses: no related place
    [place] = related[1]
    assert place["id"] == 0 and place["message"] == {"text": "value defined"}
    assert place["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 16}
    assert (
        place["physicalLocation"]["artifactLocation"]
        == (results[1]["locations"][0]["physicalLocation"]["artifactLocation"])
    )


def test_text_json_github_and_junit_say_where_a_shared_value_is_defined() -> None:
    from automl_objective.report import REPORTERS

    text = _shared_report(TextReporter())
    assert ":30:70: warning [incomplete-pair] " in text
    assert text.count("(value defined at line 8)\n") == 2
    assert "(value defined at line 7)\n" in text
    document = json.loads(_shared_report(REPORTERS["json"]()))
    findings = document["files"][0]["findings"]
    assert "related" not in findings[0]
    assert findings[1]["related"] == [{"line": 7, "column": 16, "message": "value defined"}]
    github = _shared_report(REPORTERS["github"]())
    assert ",line=30,col=70," in github and "(value defined at line 7)" in github
    junit = _shared_report(JunitReporter())
    assert "(value defined at line 8)" in junit


def test_text_lines_of_one_message_keep_each_findings_severity_and_code() -> None:
    # the text format remembers each message's words with the end of the line it made last:
    # the same words under another severity or code make a line of their own
    said = "the same words"
    findings = [
        Finding("error", Code.INVALID_VALUE, "/a", 1, 2, said),
        Finding("warning", Code.INVALID_VALUE, "/b", 3, 4, said),
        Finding("warning", Code.UNKNOWN_MEMBER, "/c", 5, 6, said),
        Finding("error", Code.INVALID_VALUE, "/d", 7, 8, said),
    ]
    out = io.StringIO()
    TextReporter().report([FileResult("f.json", findings)], out)
    assert out.getvalue().splitlines()[:4] == [
        "f.json:1:2: error [invalid-value] the same words",
        "f.json:3:4: warning [invalid-value] the same words",
        "f.json:5:6: warning [unknown-member] the same words",
        "f.json:7:8: error [invalid-value] the same words",
    ]


@pytest.mark.parametrize("format", ["text", "github"])
def test_a_report_written_from_digests_is_the_report(format: str) -> None:
    """A format of each file's lines written from the digests of a run cut in parts (what a
    split run's workers send) is its report of the whole run, and gives the run's counts."""
    from automl_objective.report import REPORTERS
    from automl_objective.report.reporter import FileLines

    reporter = REPORTERS[format]()
    assert isinstance(reporter, FileLines)
    sources = discover([str(p) for p in FILES])
    results = check_sources(sources)
    whole = io.StringIO()
    reporter.report(results, whole)
    parts = [(sources[:2], results[:2]), ([], []), (sources[2:], results[2:])]
    digests = [reporter.digest(chunk, part) for chunk, part in parts]
    assert digests[1] == ("", (0, 0, 0, 0, 0))
    out = io.StringIO()
    counted = reporter.write(digests, out)
    assert out.getvalue() == whole.getvalue()
    assert counted == (5, 3, 3, 1, 0)  # 5 files, 3 invalid, 3 errors, 1 warning
