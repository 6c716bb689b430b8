"""A finding's related places (where a value shared by several calls is written) are its
diagnostic's related information: in the same document, or in another cell of a notebook,
in the client's position units; and none for a client that does not show them."""

from __future__ import annotations

import re

import nbformat
import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import check_text
from tests.lsp.harness import diagnostics_of, open_document, open_notebook, utf16
from tests.support.paths import ROOT

SHARED = ROOT / "tests" / "fixtures" / "code" / "shared_values.py"


def _related(found: list[types.Diagnostic]) -> list[list[tuple[str, int, int, int, str]]]:
    """Each diagnostic's related places: URI, line, start and end column, message."""
    return [
        [
            (
                r.location.uri,
                r.location.range.start.line,
                r.location.range.start.character,
                r.location.range.end.character,
                r.message,
            )
            for r in d.related_information or []
        ]
        for d in found
    ]


@pytest.mark.asyncio
async def test_a_shared_value_is_related_information_where_it_is_written(
    client: LanguageClient,
) -> None:
    text = SHARED.read_text("utf-8")
    open_document(client, SHARED.as_uri(), text, "python")
    found = await diagnostics_of(client, SHARED.as_uri(), 1)
    findings = check_text(text, str(SHARED)).findings
    assert [f.related != () for f in findings].count(True) >= 2  # the fixture still shares
    lines = text.split("\n")
    wanted = []
    for finding in findings:
        places = []
        for other in finding.related:
            line = lines[(other.line or 1) - 1]
            start = (other.column or 1) - 1
            value = re.match(r'"[^"]*"|\{[^}]*\}', line[start:])  # a string or a one-line dict
            assert value is not None
            end = start + (len(value.group()) if value.group().startswith('"') else 1)
            places.append((SHARED.as_uri(), (other.line or 1) - 1, start, end, other.message))
        wanted.append(places)
    assert _related(found) == wanted
    assert sorted({m for places in wanted for *_, m in places}) == ["value defined"]


@pytest.mark.asyncio
async def test_no_related_information_for_a_client_that_does_not_show_it(
    unrelated_client: LanguageClient,
) -> None:
    text = SHARED.read_text("utf-8")
    open_document(unrelated_client, SHARED.as_uri(), text, "python")
    found = await diagnostics_of(unrelated_client, SHARED.as_uri(), 1)
    assert found and all(d.related_information is None for d in found)


NOTEBOOK = "file:///work/shared.ipynb"
CELLS = [
    (
        types.NotebookCellKind.Code,
        'import boto3\nsm = boto3.client("sagemaker")\nPT = "Regresion"\n',
    ),
    (types.NotebookCellKind.Markup, "Two jobs on one problem type:"),
    (
        types.NotebookCellKind.Code,
        'sm.create_auto_ml_job(AutoMLJobName="a", ProblemType=PT, **common)\n'
        'sm.create_auto_ml_job(AutoMLJobName="b", ProblemType=PT, **common)\n',
    ),
]


@pytest.mark.asyncio
async def test_in_a_notebook_the_related_place_is_in_the_cell_that_defines_it(
    client: LanguageClient,
) -> None:
    uris = [f"vscode-notebook-cell:/work/shared.ipynb#c{index}" for index in range(len(CELLS))]
    open_notebook(client, NOTEBOOK, uris, CELLS)
    found = await diagnostics_of(client, uris[2], after=0)
    assert [d.code for d in found] == ["unknown-problem-type"] * 2
    column = CELLS[0][1].split("\n")[2].index('"Regresion"')
    place = (uris[0], 2, utf16(CELLS[0][1].split("\n")[2][:column]), column + 11, "value defined")
    assert _related(found) == [[place], [place]]
    assert [d.range.start.line for d in found] == [0, 1]  # each shown at its call


@pytest.mark.asyncio
async def test_a_notebook_opened_as_json_text_relates_to_the_value_in_its_text(
    client: LanguageClient,
) -> None:
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [
        nbformat.v4.new_code_cell(text)  # type: ignore[no-untyped-call]
        for kind, text in CELLS
        if kind == types.NotebookCellKind.Code
    ]
    text = str(nbformat.writes(notebook))  # type: ignore[no-untyped-call]
    uri = "file:///work/as-text.ipynb"
    open_document(client, uri, text, "json")
    found = await diagnostics_of(client, uri, 1)
    lines = text.split("\n")

    def shown(where: types.Range) -> str:
        assert where.start.line == where.end.line
        return lines[where.start.line][where.start.character : where.end.character]

    assert [shown(d.range) for d in found] == ["PT", "PT"]
    for d in found:
        (related,) = d.related_information or []
        assert related.location.uri == uri
        assert shown(related.location.range) == '\\"Regresion\\"'


DOUBLE_STRUCK_A = "\U0001d538"  # outside the BMP: two UTF-16 units, four UTF-8 bytes
ASTRAL = (
    "import boto3\nsm = boto3.client('sagemaker')\n"
    f"OBJ = {{'é{DOUBLE_STRUCK_A}': 0, 'MetricName': 'Acuracy'}}\n"
    "sm.create_auto_ml_job(AutoMLJobName='b', AutoMLJobObjective=OBJ, **c)\n"
    "sm.create_auto_ml_job(AutoMLJobName='c', AutoMLJobObjective=OBJ, **c)\n"
)


@pytest.mark.asyncio
@pytest.mark.parametrize("units", ["utf-16", "utf-8"])
async def test_related_places_are_in_the_clients_position_units(
    client: LanguageClient, utf8_client: LanguageClient, units: str
) -> None:
    used = utf8_client if units == "utf-8" else client
    uri = f"file:///work/astral-{units}.py"
    open_document(used, uri, ASTRAL, "python")
    found = await diagnostics_of(used, uri, 1)
    line = ASTRAL.split("\n")[2]
    before = line[: line.index("'Acuracy'")]
    column = len(before.encode("utf-8")) if units == "utf-8" else utf16(before)
    related = [r for d in found if d.code == "unknown-metric" for r in d.related_information or []]
    assert len(related) == 2
    for r in related:
        start, end = r.location.range.start, r.location.range.end
        assert (start.line, start.character, end.character) == (2, column, column + 9)
