"""Completion in a notebook reads the request across cells: a request (or its objective)
built in one cell and sent by a call in another is narrowed by that call's problem type,
not by the first problem type the notebook names; the edit lands in the cell typed in."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import allowed_metrics, default_metric
from tests.lsp.harness import open_notebook, utf16

NOTEBOOK = "file:///work/cells.ipynb"
CODE, MARKDOWN = types.NotebookCellKind.Code, types.NotebookCellKind.Markup
OTHER_JOB = (
    'import boto3\nsm = boto3.client("sagemaker")\n'
    'sm.create_auto_ml_job(ProblemType="MulticlassClassification", **other)\n'
)


def _narrowed(problem_type: str) -> list[str]:
    default = default_metric(problem_type)
    rest = [name for name in allowed_metrics(problem_type) if name != default]
    return [default, *rest] if default else rest


async def _complete_in_cell(
    client: LanguageClient, cells: list[tuple[types.NotebookCellKind, str]]
) -> tuple[str, int, list[types.CompletionItem]]:
    """Completion at the ``|`` in one of ``cells``: that cell's URI, the cell's number and
    the items, sorted."""
    uris = [f"vscode-notebook-cell:/work/cells.ipynb#c{index}" for index in range(len(cells))]
    (typed,) = [index for index, (_, text) in enumerate(cells) if "|" in text]
    text = cells[typed][1]
    line_number = text[: text.index("|")].count("\n")
    line = text.split("\n")[line_number]
    position = types.Position(line_number, utf16(line[: line.index("|")]))
    cells = [(kind, cell.replace("|", "", 1)) for kind, cell in cells]
    open_notebook(client, NOTEBOOK, uris, cells)
    answer = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri=uris[typed]), position)
    )
    items = answer.items if isinstance(answer, types.CompletionList) else (answer or [])
    return uris[typed], typed, sorted(items, key=lambda item: item.sort_text or "")


@pytest.mark.asyncio
async def test_a_request_built_in_one_cell_narrows_the_call_in_another(
    client: LanguageClient,
) -> None:
    cells = [
        (CODE, OTHER_JOB),
        (CODE, 'problem = "Regression"\nrequest = {"ProblemType": problem, **common}\n'),
        (MARKDOWN, "The job:"),
        (CODE, 'sm.create_auto_ml_job(**request, AutoMLJobObjective={"MetricName": "|"})\n'),
    ]
    _, typed, items = await _complete_in_cell(client, cells)
    assert [item.label for item in items] == _narrowed("Regression")
    edit = items[0].text_edit
    assert isinstance(edit, types.TextEdit)
    column = cells[typed][1].index('"|"') + 1
    assert (edit.range.start.line, edit.range.start.character) == (0, column)
    assert edit.new_text == default_metric("Regression")


@pytest.mark.asyncio
async def test_an_objective_built_in_one_cell_is_narrowed_by_the_call_that_sends_it(
    client: LanguageClient,
) -> None:
    cells = [
        (CODE, OTHER_JOB),
        (MARKDOWN, "The objective first:"),
        (CODE, "objective = {'MetricName': '|'}\n"),
        (
            CODE,
            "sm.create_auto_ml_job(\n    ProblemType='BinaryClassification',\n"
            "    AutoMLJobObjective=objective,\n)\n",
        ),
    ]
    _, _, items = await _complete_in_cell(client, cells)
    assert [item.label for item in items] == _narrowed("BinaryClassification")
    assert items[0].preselect


@pytest.mark.asyncio
async def test_a_problem_type_named_in_an_earlier_cell_is_followed(
    client: LanguageClient,
) -> None:
    cells = [
        (CODE, OTHER_JOB),
        (CODE, 'PT = "BinaryClassification"\n'),
        (CODE, 'sm.create_auto_ml_job(ProblemType=PT, AutoMLJobObjective={"MetricName": |})\n'),
    ]
    _, _, items = await _complete_in_cell(client, cells)
    assert [item.label for item in items] == _narrowed("BinaryClassification")
    assert items[0].text_edit is not None and items[0].text_edit.new_text == '"F1"'
