"""Diagnostics are validate's findings: the same codes, messages, severities and places,
for every kind of input validate reads, in the position units the client negotiated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import check_sources, check_text, validate_file
from automl_objective.inputs.discovery import discover
from tests.lsp.harness import (
    diagnostics_of,
    expected,
    open_document,
    recorder,
    seen,
    until,
    utf16,
)
from tests.support.paths import ROOT

LANGUAGES = {".py": "python", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".ipynb": "json"}
KINDS = [
    ROOT / "tests" / "fixtures" / "code" / name
    for name in (
        "boto3_calls.py",
        "sdk_calls.py",
        "dynamic_values.py",
        "pipeline-definition.json",
        "state-machine.asl.json",
        "state-machine.asl.yaml",
        "templates/automl-job.yaml",
        "templates/sam.yaml",
        "templates/state-machines.yaml",
        "templates/Stack.template.json",
    )
] + [
    ROOT / "examples" / "create-auto-ml-job-v2-forecast.yaml",
    ROOT / "tests" / "fixtures" / "valid" / "v1-problem-type-only.json",
]


def _invalid_files() -> list[Path]:
    folder = ROOT / "tests" / "fixtures" / "invalid"
    return sorted(p for p in folder.iterdir() if p.suffix in LANGUAGES)


@pytest.mark.asyncio
async def test_each_opened_file_shows_what_validate_reports(client: LanguageClient) -> None:
    """What ``validate --skip-unknown`` reports (the server's default: an editor opens
    every JSON and YAML file of a project, most of them no AutoML document)."""
    files = KINDS + _invalid_files()
    for path in files:
        open_document(client, path.as_uri(), path.read_text("utf-8-sig"), LANGUAGES[path.suffix])
    results = check_sources(discover([str(path) for path in files]), skip_unknown=True)
    differ = {}
    for path, result in zip(files, results, strict=True):
        found = await diagnostics_of(client, path.as_uri(), 1)
        if seen(found) != expected(path.read_text("utf-8-sig"), result.findings):
            differ[path.name] = seen(found)
    assert differ == {}
    assert all(d.source == "automl-objective" for d in client.diagnostics[files[0].as_uri()])


@pytest.mark.asyncio
async def test_with_skip_unknown_off_every_document_is_judged(client: LanguageClient) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"automlObjective": {"skipUnknown": False}})
    )
    open_document(client, "file:///work/package.json", '{"name": "x"}', "json")
    (found,) = await diagnostics_of(client, "file:///work/package.json", 1)
    assert found.code == "unknown-document"


def test_the_kinds_compared_have_findings() -> None:
    """The files above are not all clean: the comparison shows findings of each kind."""
    with_findings = [p.suffix for p in KINDS if validate_file(p).findings]
    assert {".py", ".json", ".yaml"} <= set(with_findings)


NOTEBOOK = ROOT / "tests" / "fixtures" / "code" / "autopilot.ipynb"


def _offset(text: str, position: types.Position) -> int:
    lines = text.splitlines(keepends=True)
    return sum(len(line) for line in lines[: position.line]) + position.character


@pytest.mark.asyncio
async def test_a_notebook_opened_as_json_text_shows_each_finding_on_its_code(
    client: LanguageClient,
) -> None:
    """An editor without notebook support (Neovim, Helix) opens a .ipynb as JSON: each
    finding is shown where its cell's code is written inside the JSON strings."""
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert text.isascii()  # so that UTF-16 columns are character offsets below
    open_document(client, NOTEBOOK.as_uri(), text, "json")
    found = await diagnostics_of(client, NOTEBOOK.as_uri(), 1)
    findings = validate_file(NOTEBOOK).findings
    assert [(d.code, d.message) for d in found] == [(f.code, f.message) for f in findings]
    cells = json.loads(text)["cells"]
    for diagnostic, finding in zip(found, findings, strict=True):
        assert finding.cell is not None and finding.line is not None
        source = "".join(cells[finding.cell - 1]["source"]).splitlines()
        written = text[_offset(text, diagnostic.range.start) : _offset(text, diagnostic.range.end)]
        value = json.loads(f'"{written}"')
        column = (finding.column or 1) - 1
        assert value and source[finding.line - 1][column : column + len(value)] == value


NON_BMP = (
    "import boto3\n"
    'boto3.client("sagemaker").create_auto_ml_job(Tags=[{"Key": "\U0001d4b3😀", "Value": "é"}], '
    'ProblemType="Regression", AutoMLJobObjective={"MetricName": "AUC"})\n'
)


@pytest.mark.asyncio
async def test_columns_are_utf16_code_units(client: LanguageClient) -> None:
    uri = "file:///work/non_bmp.py"
    open_document(client, uri, NON_BMP, "python")
    found = await diagnostics_of(client, uri, 1)
    (metric,) = [d for d in found if d.code == "metric-not-allowed"]
    line = NON_BMP.splitlines()[1]
    at = line.index('"AUC"')
    assert at != utf16(line[:at])  # the two astral characters count twice each
    assert (metric.range.start.line, metric.range.start.character) == (1, utf16(line[:at]))
    assert metric.range.end.character == utf16(line[:at]) + len('"AUC"')


@pytest.mark.asyncio
async def test_columns_are_bytes_when_the_client_chose_utf8(utf8_client: LanguageClient) -> None:
    uri = "file:///work/non_bmp.py"
    open_document(utf8_client, uri, NON_BMP, "python")
    found = await diagnostics_of(utf8_client, uri, 1)
    (metric,) = [d for d in found if d.code == "metric-not-allowed"]
    line = NON_BMP.splitlines()[1]
    start = len(line[: line.index('"AUC"')].encode("utf-8"))
    assert (metric.range.start.character, metric.range.end.character) == (start, start + 5)


@pytest.mark.asyncio
async def test_lines_end_at_crlf_and_lone_cr(client: LanguageClient) -> None:
    text = "ProblemType: Regression\r\nAutoMLJobObjective:\r  MetricName: AUC\r\n"
    open_document(client, "file:///work/crlf.yaml", text, "yaml")
    found = await diagnostics_of(client, "file:///work/crlf.yaml", 1)
    assert seen(found) == expected(text, check_text(text, "crlf.yaml").findings)
    assert [(d.range.start.line, d.range.start.character) for d in found] == [(2, 14)]


@pytest.mark.asyncio
async def test_a_value_is_spanned_whole(client: LanguageClient) -> None:
    text = "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: 'Average wQL'  # x\n"
    open_document(client, "file:///work/span.yaml", text, "yaml")
    (found,) = await diagnostics_of(client, "file:///work/span.yaml", 1)
    assert (found.range.start.character, found.range.end.character) == (14, 27)


@pytest.mark.asyncio
async def test_json_that_is_no_automl_document_gets_no_diagnostic(client: LanguageClient) -> None:
    open_document(client, "file:///work/package.json", '{"name": "x"}', "json")
    open_document(client, "file:///work/broken.json", '{"name": ', "json")
    assert await diagnostics_of(client, "file:///work/package.json", 1) == []
    (broken,) = await diagnostics_of(client, "file:///work/broken.json", 1)
    assert broken.code == "parse-error"  # it may be a broken request: shown, as validate does


@pytest.mark.asyncio
async def test_an_unsaved_buffer_is_read_as_its_language(client: LanguageClient) -> None:
    code = 'x.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective={"MetricName": "F1"})'
    open_document(client, "untitled:Untitled-1", code, "python")
    found = await diagnostics_of(client, "untitled:Untitled-1", 1)
    assert "metric-not-allowed" in [d.code for d in found]


@pytest.mark.asyncio
async def test_closing_clears_the_diagnostics(client: LanguageClient) -> None:
    uri = "file:///work/closing.yaml"
    open_document(client, uri, "ProblemType: Regresion\n", "yaml")
    assert await diagnostics_of(client, uri, 1)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert await diagnostics_of(client, uri, after=1) == []


WARNED = "ProblemType: Regression\n"  # incomplete-pair: a warning, an error under strict


@pytest.mark.asyncio
async def test_strict_from_initialization_options(strict_client: LanguageClient) -> None:
    open_document(strict_client, "file:///work/warned.yaml", WARNED, "yaml")
    (found,) = await diagnostics_of(strict_client, "file:///work/warned.yaml", 1)
    assert (found.code, found.severity) == ("incomplete-pair", types.DiagnosticSeverity.Error)


@pytest.mark.asyncio
async def test_strict_from_workspace_configuration(client: LanguageClient) -> None:
    uri = "file:///work/warned.yaml"
    open_document(client, uri, WARNED, "yaml")
    (found,) = await diagnostics_of(client, uri, 1)
    assert found.severity == types.DiagnosticSeverity.Warning
    client.set_configuration({"strict": True, "placeholders": "dynamic"}, section="automlObjective")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    (found,) = await diagnostics_of(client, uri, after=1)
    assert found.severity == types.DiagnosticSeverity.Error


@pytest.mark.asyncio
async def test_a_setting_not_understood_is_a_log_message(client: LanguageClient) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"automlObjective": {"strict": "yes"}})
    )
    message = await until(
        lambda: [m for m in client.log_messages if "'strict' must be true or false" in m.message],
        "a log message",
    )
    assert message[0].type == types.MessageType.Warning
    assert recorder(client).by_uri == {}


@pytest.mark.asyncio
async def test_a_notebook_sent_as_the_python_of_its_cells_is_read_as_python(
    client: LanguageClient,
) -> None:
    """jupyterlab-lsp sends a notebook as one Python text under the notebook's name."""
    code = 'x.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective={"MetricName": "F1"})'
    open_document(client, "file:///work/cells.ipynb", code, "python")
    found = await diagnostics_of(client, "file:///work/cells.ipynb", 1)
    assert seen(found) == expected(code, check_text(code, "cells.py").findings)
