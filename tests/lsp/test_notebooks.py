"""Notebooks as LSP 3.17 notebook documents: each finding is shown in its cell, cells
counted from 1 over every cell (markdown ones too) as validate counts them, and follows its
cell when cells are edited, added or removed."""

from __future__ import annotations

import nbformat
import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import check_text
from tests.lsp.harness import diagnostics_of, expected, open_notebook, recorder, seen

NOTEBOOK = "file:///work/analysis.ipynb"
MARKDOWN, CODE = types.NotebookCellKind.Markup, types.NotebookCellKind.Code
CELLS = [
    (MARKDOWN, "# Training\nThe job below"),
    (CODE, 'import boto3\nsm = boto3.client("sagemaker")\nproblem = "Regression"\n'),
    (MARKDOWN, "Now the job:"),
    (
        CODE,
        "%%time\nsm.create_auto_ml_job_v2(\n    **common,\n"
        '    AutoMLJobObjective={"MetricName": "AUC"},\n'
        '    AutoMLProblemTypeConfig={"TabularJobConfig": {"ProblemType": problem, '
        '"TargetAttributeName": "y"}},\n)\n',
    ),
    (
        CODE,
        'sm.create_auto_ml_job(**common, ProblemType="Regresion", '
        'AutoMLJobObjective={"MetricName": "MSE"})',
    ),
]


def _uri(index: int) -> str:
    return f"vscode-notebook-cell:/work/analysis.ipynb#cell{index}"


def _ipynb(cells: list[tuple[types.NotebookCellKind, str]]) -> str:
    """The notebook as a .ipynb file, written by nbformat (independently of the server)."""
    notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
    notebook.cells = [
        nbformat.v4.new_code_cell(text)  # type: ignore[no-untyped-call]
        if kind == CODE
        else nbformat.v4.new_markdown_cell(text)  # type: ignore[no-untyped-call]
        for kind, text in cells
    ]
    return str(nbformat.writes(notebook))  # type: ignore[no-untyped-call]


def _expected_by_cell(
    cells: list[tuple[types.NotebookCellKind, str]], uris: list[str]
) -> dict[str, list[tuple[str, str, str, int, int]]]:
    findings = check_text(_ipynb(cells), "analysis.ipynb").findings
    return {
        uri: expected(text, [f for f in findings if f.cell == number])
        for number, (uri, (_, text)) in enumerate(zip(uris, cells, strict=True), start=1)
    }


async def _shown(
    client: LanguageClient, uris: list[str], after: int
) -> dict[str, list[tuple[str, str, str, int, int]]]:
    return {uri: seen(await diagnostics_of(client, uri, after=after)) for uri in uris}


def _open(client: LanguageClient) -> list[str]:
    uris = [_uri(index) for index in range(len(CELLS))]
    open_notebook(client, NOTEBOOK, uris, CELLS)
    return uris


@pytest.mark.asyncio
async def test_each_finding_is_shown_in_its_cell(client: LanguageClient) -> None:
    uris = _open(client)
    shown = await _shown(client, uris, after=0)
    assert shown == _expected_by_cell(CELLS, uris)
    assert [len(shown[uri]) for uri in uris] == [0, 0, 0, 1, 1]
    (metric,) = shown[uris[3]]
    assert metric[0] == "metric-not-allowed"
    assert metric[3:] == (3, CELLS[3][1].splitlines()[3].index('"AUC"'))  # after %%time
    assert shown[uris[4]][0][0] == "unknown-problem-type"


@pytest.mark.asyncio
async def test_findings_follow_edits_and_moved_cells(client: LanguageClient) -> None:
    uris = _open(client)
    await _shown(client, uris, after=0)
    cells = list(CELLS)
    # Cell 4's metric is corrected in place ("AUC" -> "MSE").
    line = cells[3][1].splitlines()[3]
    at = line.index("AUC")
    cells[3] = (CODE, cells[3][1].replace('"AUC"', '"MSE"'))
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(version=2, uri=NOTEBOOK),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    text_content=[
                        types.NotebookDocumentCellContentChanges(
                            document=types.VersionedTextDocumentIdentifier(uri=uris[3], version=2),
                            changes=[
                                types.TextDocumentContentChangePartial(
                                    range=types.Range(
                                        types.Position(3, at), types.Position(3, at + 3)
                                    ),
                                    text="MSE",
                                )
                            ],
                        )
                    ]
                )
            ),
        )
    )
    shown = await _shown(client, uris, after=1)
    assert shown == _expected_by_cell(cells, uris)
    assert shown[uris[3]] == []
    # A markdown cell is added first: every cell moves down one, its findings with it.
    new = "vscode-notebook-cell:/work/analysis.ipynb#cell-new"
    cells.insert(0, (MARKDOWN, "Added on top"))
    uris.insert(0, new)
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(version=3, uri=NOTEBOOK),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    structure=types.NotebookDocumentCellChangeStructure(
                        array=types.NotebookCellArrayChange(
                            start=0,
                            delete_count=0,
                            cells=[types.NotebookCell(kind=MARKDOWN, document=new)],
                        )
                    )
                )
            ),
        )
    )
    shown = await _shown(client, uris[1:], after=2)
    assert shown == {
        uri: found for uri, found in _expected_by_cell(cells, uris).items() if uri != new
    }
    assert [d[0] for d in shown[uris[5]]] == ["unknown-problem-type"]
    # Closing the notebook clears every cell.
    client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=NOTEBOOK),
            cell_text_documents=[
                types.TextDocumentIdentifier(uri=uri)
                for uri, (kind, _) in zip(uris, cells, strict=True)
                if kind == CODE
            ],
        )
    )
    await diagnostics_of(client, uris[5], after=3)
    assert all(recorder(client).last(uri).diagnostics == [] for uri in uris[1:])  # type: ignore[union-attr]
