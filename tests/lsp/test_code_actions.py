"""Quick fixes edit only the value's own text (a Python string keeps its quotes, YAML its
style); source.fixAll applies each finding's preferred fix at once. And a failure or odd
input never takes the server down."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pytest_lsp import LanguageClient

from automl_objective.api import allowed_metrics, catalog, check_text, default_metric
from tests.lsp.harness import diagnostics_of, open_document

FIX_ALL = "source.fixAll.automl-objective"


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Edits (on one line each, ASCII text) applied from last to first."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        line = lines[edit.range.start.line]
        start, end = edit.range.start.character, edit.range.end.character
        lines[edit.range.start.line] = line[:start] + edit.new_text + line[end:]
    return "\n".join(lines)


async def _actions(
    client: LanguageClient, uri: str, text: str, language: str, only: list[str] | None = None
) -> list[types.CodeAction]:
    open_document(client, uri, text, language)
    found = await diagnostics_of(client, uri, 1)
    whole = types.Range(types.Position(0, 0), types.Position(len(text.split("\n")), 0))
    answer = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=whole,
            context=types.CodeActionContext(diagnostics=list(found), only=only),
        )
    )
    return [action for action in answer or [] if isinstance(action, types.CodeAction)]


def _edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


PYTHON = "sm.create_auto_ml_job(ProblemType='Regression', AutoMLJobObjective={'MetricName': 'AUC'})"


@pytest.mark.asyncio
async def test_a_metric_the_problem_type_refuses_is_replaced_keeping_its_quotes(
    client: LanguageClient,
) -> None:
    uri = "file:///work/fix.py"
    actions = await _actions(client, uri, PYTHON, "python", [types.CodeActionKind.QuickFix])
    default = default_metric("Regression")
    assert default is not None
    offered = [default, *(m for m in allowed_metrics("Regression") if m != default)]
    assert [a.title.split("'")[3] for a in actions] == offered
    for action, metric in zip(actions, offered, strict=True):
        assert catalog().metric(metric).direction in action.title
        assert action.kind == types.CodeActionKind.QuickFix
        assert action.diagnostics and action.diagnostics[0].code == "metric-not-allowed"
        assert _apply(PYTHON, _edits(action, uri)) == PYTHON.replace("'AUC'", f"'{metric}'")
    assert [a.is_preferred for a in actions] == [True] + [None] * (len(offered) - 1)
    assert "the default" in actions[0].title


@pytest.mark.asyncio
async def test_a_yaml_boolean_is_quoted(client: LanguageClient) -> None:
    text = "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: yes  # oops\n"
    quick, fix_all = await _actions(client, "file:///work/b.yaml", text, "yaml")
    assert (quick.kind, fix_all.kind) == (types.CodeActionKind.QuickFix, FIX_ALL)
    for action in (quick, fix_all):
        fixed = _apply(text, _edits(action, "file:///work/b.yaml"))
        assert fixed == text.replace("yes", '"yes"')


@pytest.mark.asyncio
async def test_a_misspelled_member_is_renamed_to_the_suggestion(client: LanguageClient) -> None:
    text = "ProblemType: Regression\nAutoMLJobObjective:\n  'MetricNam': MSE\n"
    uri = "file:///work/m.yaml"
    actions = await _actions(client, uri, text, "yaml", [types.CodeActionKind.QuickFix])
    (rename,) = [a for a in actions if a.title.startswith("Rename")]
    assert _apply(text, _edits(rename, uri)) == text.replace("'MetricNam'", "'MetricName'")


MANY = (
    "sm.create_auto_ml_job(\n"
    '    **common, ProblemType="Regresion",\n'
    '    AutoMLJobObjective={"MetricName": "AUC"},\n'
    ")\n"
    'sm.create_auto_ml_job(**common, ProblemType="MulticlassClassification",\n'
    '    AutoMLJobObjective={"MetricName": "F1"})\n'
)


@pytest.mark.asyncio
async def test_fix_all_applies_each_findings_preferred_fix(client: LanguageClient) -> None:
    uri = "file:///work/many.py"
    (action,) = await _actions(client, uri, MANY, "python", [types.CodeActionKind.SourceFixAll])
    assert str(action.kind).startswith(types.CodeActionKind.SourceFixAll)
    fixed = _apply(MANY, _edits(action, uri))
    assert fixed == (
        MANY.replace('"Regresion"', '"Regression"').replace(
            '"F1"', '"F1macro"'
        )  # the message's suggestion, before the default
    )
    # Now that the first request is a Regression, its metric is the one finding left.
    assert [f.code for f in check_text(fixed, "many.py").findings] == ["metric-not-allowed"]


@pytest.mark.asyncio
async def test_no_fix_where_the_value_is_not_written_plainly(client: LanguageClient) -> None:
    text = (
        'sm.create_auto_ml_job(**c, ProblemType="Regression", '
        'AutoMLJobObjective={"MetricName": "A" "UC"})'
    )
    actions = await _actions(client, "file:///work/pieces.py", text, "python")
    assert check_text(text, "pieces.py").findings  # found, but not fixable in place
    assert actions == []


@pytest.mark.asyncio
async def test_odd_requests_are_answered_and_the_server_keeps_serving(
    client: LanguageClient,
) -> None:
    never_opened = types.TextDocumentIdentifier(uri="file:///work/never.py")
    far = types.Position(10_000, 10_000)
    with pytest.raises(JsonRpcInvalidParams, match=r"never\.py is not open"):
        await client.text_document_hover_async(types.HoverParams(never_opened, far))
    open_document(client, "file:///work/odd.json", "\x00{\ud800", "json")
    assert await diagnostics_of(client, "file:///work/odd.json", 1)
    open_document(client, "file:///work/notes.md", "# MetricName: AUC", "markdown")
    answer = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri="file:///work/odd.json"), far)
    )
    assert not answer
    open_document(client, "file:///work/late.yaml", "ProblemType: Regresion\n", "yaml")
    found = await diagnostics_of(client, "file:///work/late.yaml", 1)
    assert "unknown-problem-type" in [d.code for d in found]
    assert "file:///work/notes.md" not in client.diagnostics


@pytest.mark.asyncio
async def test_shutdown_then_exit_ends_the_server_with_status_0(
    unmanaged_client: LanguageClient,
) -> None:
    await unmanaged_client.shutdown_session()
    assert unmanaged_client._server is not None
    assert unmanaged_client._server.returncode == 0


@pytest.mark.asyncio
async def test_exit_without_shutdown_ends_the_server_with_status_1(
    unmanaged_client: LanguageClient,
) -> None:
    unmanaged_client.exit(None)
    assert unmanaged_client._server is not None
    assert await unmanaged_client._server.wait() == 1
