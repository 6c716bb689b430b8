"""Completion of MetricName values and problem types where requests are written (JSON,
YAML, Python dict literals, boto3 and SDK keyword arguments), narrowed by the problem type of
the same request, the default first, each with its direction; hover on a metric or a
problem type. Expectations come from the catalog, never a list written here."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import allowed_metrics, catalog, default_metric
from tests.lsp.harness import open_document, utf16


def _narrowed(problem_type: str) -> list[str]:
    default = default_metric(problem_type)
    rest = [name for name in allowed_metrics(problem_type) if name != default]
    return [default, *rest] if default else rest


async def _complete(
    client: LanguageClient, name: str, text: str, language: str
) -> tuple[str, list[types.CompletionItem]]:
    """Completion at the ``|`` in ``text``; the text without it."""
    line_number = text[: text.index("|")].count("\n")
    line = text.split("\n")[line_number]
    column = utf16(line[: line.index("|")])
    text = text.replace("|", "", 1)
    uri = f"file:///work/{name}"
    open_document(client, uri, text, language)
    answer = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line_number, column),
        )
    )
    items = answer.items if isinstance(answer, types.CompletionList) else (answer or [])
    return text, sorted(items, key=lambda item: item.sort_text or "")


def _applied(text: str, item: types.CompletionItem) -> str:
    edit = item.text_edit
    assert isinstance(edit, types.TextEdit)
    lines = text.split("\n")
    assert edit.range.start.line == edit.range.end.line
    line = lines[edit.range.start.line]
    start, end = edit.range.start.character, edit.range.end.character
    lines[edit.range.start.line] = line[:start] + edit.new_text + line[end:]
    return "\n".join(lines)


CASES = [
    # (name, language, text with | at the cursor, problem type, the item applied)
    (
        "bare.json",
        "json",
        '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": |}}',
        "Regression",
        '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}}',
    ),
    (
        "quoted.json",
        "json",
        '{"AutoMLJobObjective": {"MetricName": "F|"}, "ProblemType": "BinaryClassification"}',
        "BinaryClassification",
        '{"AutoMLJobObjective": {"MetricName": "F1"}, "ProblemType": "BinaryClassification"}',
    ),
    (
        "v2.yaml",
        "yaml",
        "AutoMLProblemTypeConfig:\n  TimeSeriesForecastingJobConfig: {}\n"
        "AutoMLJobObjective:\n  MetricName: |\n",
        "TimeSeriesForecasting",
        "AutoMLProblemTypeConfig:\n  TimeSeriesForecastingJobConfig: {}\n"
        "AutoMLJobObjective:\n  MetricName: AverageWeightedQuantileLoss\n",
    ),
    (
        "flow.yaml",
        "yaml",
        "ProblemType: MulticlassClassification\nAutoMLJobObjective: {MetricName: 'A|'}\n",
        "MulticlassClassification",
        "ProblemType: MulticlassClassification\nAutoMLJobObjective: {MetricName: 'Accuracy'}\n",
    ),
    (
        "boto3.py",
        "python",
        'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective={"MetricName": |})',
        "Regression",
        'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective={"MetricName": "MSE"})',
    ),
    (
        "sdk.py",
        "python",
        "AutoML(r, 'y', problem_type='BinaryClassification', job_objective={'MetricName': '|'})",
        "BinaryClassification",
        "AutoML(r, 'y', problem_type='BinaryClassification', job_objective={'MetricName': 'F1'})",
    ),
    (
        "objective.py",
        "python",
        'AutoML(role, "y", problem_type="Regression", job_objective=|)',
        "Regression",
        'AutoML(role, "y", problem_type="Regression", job_objective={"MetricName": "MSE"})',
    ),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("name", "language", "text", "problem_type", "applied"), CASES, ids=[c[0] for c in CASES]
)
async def test_metrics_are_offered_for_the_problem_type_of_the_request(
    client: LanguageClient, name: str, language: str, text: str, problem_type: str, applied: str
) -> None:
    text, items = await _complete(client, name, text, language)
    names = [(item.filter_text or item.label).strip('{}"').split('"')[-1] for item in items]
    assert names == _narrowed(problem_type)
    assert _applied(text, items[0]) == applied
    known = catalog()
    for item, metric in zip(items, names, strict=True):
        direction = known.metric(metric).direction
        assert item.detail is not None and item.detail.startswith(direction)
        assert isinstance(item.documentation, types.MarkupContent)
        assert known.metric(metric).description in item.documentation.value


@pytest.mark.asyncio
async def test_every_metric_is_offered_when_the_problem_type_is_not_known(
    client: LanguageClient,
) -> None:
    _, items = await _complete(client, "alone.json", '{"MetricName": |}', "json")
    assert [item.label for item in items] == list(catalog().metric_names)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("name", "language", "text"),
    [
        ("pt.py", "python", "sm.create_auto_ml_job(ProblemType=|)"),
        ("pt.py", "python", "AutoMLTabularConfig(problem_type='|')"),
        ("pt.yaml", "yaml", "ProblemType: |"),
        (
            "pt.json",
            "json",
            '{"AutoMLProblemTypeConfig": {"TabularJobConfig": {"ProblemType": "|"}}}',
        ),
    ],
)
async def test_problem_types_are_offered(
    client: LanguageClient, name: str, language: str, text: str
) -> None:
    _, items = await _complete(client, name, text, language)
    assert [item.label for item in items] == list(catalog().tabular_problem_types)


@pytest.mark.asyncio
async def test_nothing_is_offered_elsewhere(client: LanguageClient) -> None:
    _, items = await _complete(client, "other.py", 'x = {"Name": |}', "python")
    assert items == []


async def _hover(client: LanguageClient, name: str, text: str, language: str) -> str | None:
    line_number = text[: text.index("|")].count("\n")
    line = text.split("\n")[line_number]
    column = utf16(line[: line.index("|")])
    uri = f"file:///work/{name}"
    open_document(client, uri, text.replace("|", "", 1), language)
    answer = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line_number, column),
        )
    )
    if answer is None:
        return None
    assert isinstance(answer.contents, types.MarkupContent)
    return answer.contents.value


@pytest.mark.asyncio
async def test_hover_on_a_metric_tells_its_definition_direction_and_problem_types(
    client: LanguageClient,
) -> None:
    shown = await _hover(client, "h.py", 'job = {"MetricName": "😀" and "R|MSE"}', "python")
    metric = catalog().metric("RMSE")
    assert shown is not None
    assert metric.description in shown and metric.direction in shown
    for problem_type in catalog().problem_types_allowing("RMSE"):
        assert problem_type in shown


@pytest.mark.asyncio
async def test_hover_on_a_problem_type_lists_its_metrics_and_default(
    client: LanguageClient,
) -> None:
    shown = await _hover(client, "h.yaml", "ProblemType: Binary|Classification\n", "yaml")
    assert shown is not None
    rule = catalog().problem_type("BinaryClassification")
    assert all(name in shown for name in rule.allowed)
    assert f"{rule.default}: {catalog().metric(str(rule.default)).direction} (the default)" in shown


@pytest.mark.asyncio
async def test_no_hover_on_a_python_name(client: LanguageClient) -> None:
    assert await _hover(client, "n.py", "Regr|ession = 1", "python") is None
