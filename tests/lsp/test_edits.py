"""A run of edits, sent as an editor sends them (incremental changes), each followed by the
diagnostics of the text as it now is; a burst of edits is checked once, for its last text;
a slow document does not hold up another."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import check_text
from tests.lsp.harness import diagnostics_of, expected, open_document, recorder, seen, until

URI = "file:///work/job.yaml"
START = "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: MSE\n"


def _apply(text: str, start: tuple[int, int], end: tuple[int, int], new: str) -> str:
    """An LSP change applied to text with no astral characters (UTF-16 units = characters)."""
    lines = text.split("\n")

    def offset(line: int, character: int) -> int:
        return sum(len(item) + 1 for item in lines[:line]) + character

    return text[: offset(*start)] + new + text[offset(*end) :]


def _change(
    client: LanguageClient, version: int, start: tuple[int, int], end: tuple[int, int], new: str
) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(*start), types.Position(*end)), text=new
                )
            ],
        )
    )


EDITS = [
    ((2, 14), (2, 17), "AUC"),  # a metric Regression does not take
    ((0, 13), (0, 23), "BinaryClassification"),  # now it does
    ((2, 16), (2, 17), ""),  # "AU": no metric at all
    ((2, 16), (2, 16), "C\n  Extra: 1"),  # back to AUC, and an unknown member
    ((0, 0), (0, 0), "# a comment\n"),  # every finding moves a line down
    ((4, 2), (4, 7), "Extr"),
    ((1, 0), (5, 0), "AutoMLJobObjective:\n  MetricName: yes\n"),  # a YAML boolean
    ((0, 0), (3, 0), "{"),  # not YAML any more
    ((0, 0), (0, 1), ""),  # empty
    ((0, 0), (0, 0), START),  # as it began
]


@pytest.mark.asyncio
async def test_each_edit_is_followed_by_the_diagnostics_of_the_new_text(
    client: LanguageClient,
) -> None:
    text = START
    open_document(client, URI, text, "yaml")
    await diagnostics_of(client, URI, 1)
    codes_seen = set()
    for version, (start, end, new) in enumerate(EDITS, start=2):
        text = _apply(text, start, end, new)
        _change(client, version, start, end, new)
        found = await diagnostics_of(client, URI, version)
        assert seen(found) == expected(
            text, check_text(text, "job.yaml", skip_unknown=True).findings
        ), (
            version,
            text,
        )
        codes_seen |= {str(d.code) for d in found}
    assert text == START
    assert {"metric-not-allowed", "unknown-metric", "unknown-member", "invalid-type"} <= codes_seen
    assert "parse-error" in codes_seen or "empty-document" in codes_seen


@pytest.mark.asyncio
async def test_a_burst_of_edits_is_checked_once_for_its_last_text(client: LanguageClient) -> None:
    text = START
    open_document(client, URI, text, "yaml")
    await diagnostics_of(client, URI, 1)
    before = len(recorder(client).by_uri[URI])
    typed = "RMSE"  # typed over MSE one key at a time, then back to a wrong metric
    _change(client, 2, (2, 14), (2, 17), "")
    text = _apply(text, (2, 14), (2, 17), "")
    for index, char in enumerate(typed + "X"):
        _change(client, 3 + index, (2, 14 + index), (2, 14 + index), char)
        text = _apply(text, (2, 14 + index), (2, 14 + index), char)
    last = 3 + len(typed)
    found = await diagnostics_of(client, URI, last)
    assert [d.code for d in found] == ["unknown-metric"]  # RMSEX
    assert seen(found) == expected(text, check_text(text, "job.yaml").findings)
    assert len(recorder(client).by_uri[URI]) - before < len(typed)


def _large_yaml(entries: int) -> str:
    tags = "".join(f"  - Key: k{i}\n    Value: v{i}\n" for i in range(entries))
    return START.replace("MSE", "AUC") + "Tags:\n" + tags


@pytest.mark.asyncio
async def test_a_slow_document_does_not_hold_up_another(client: LanguageClient) -> None:
    """The small document is opened after the large one, yet checked before it is done."""
    large, small = "file:///work/large.yaml", "file:///work/small.yaml"
    open_document(client, large, _large_yaml(40_000), "yaml")
    open_document(client, small, START.replace("MSE", "F1"), "yaml")
    await until(lambda: small in recorder(client).by_uri, "the small document's diagnostics")
    assert large not in recorder(client).by_uri
    (found,) = await diagnostics_of(client, large, 1)
    assert found.code == "metric-not-allowed"


@pytest.mark.asyncio
@pytest.mark.parametrize("odd", ["\x0c", "\u2028", "\u2029", "\x85", "\x0b", "\x1c"])
async def test_an_edit_after_a_character_python_splitlines_breaks_at_lands_on_its_line(
    client: LanguageClient, odd: str
) -> None:
    """LSP ends lines at LF, CRLF and CR only; str.splitlines (pygls's own line split) also
    at these characters, which put the edit one line up and left the server a text the
    editor never had."""
    uri = "file:///work/job.py"
    text = (
        f'NOTE = "a{odd}b"\n'
        "sm.create_auto_ml_job_v2(\n"
        '    AutoMLJobObjective={"MetricName": "MSE"},\n'
        '    AutoMLProblemTypeConfig={"TabularJobConfig": {"ProblemType": "Regression"}},\n'
        ")\n"
    )
    open_document(client, uri, text, "python")
    await diagnostics_of(client, uri, 1)
    column = text.split("\n")[2].index("MSE")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, column), types.Position(2, column + 3)),
                    text="AUC",
                )
            ],
        )
    )
    text = text.replace("MSE", "AUC")
    found = await diagnostics_of(client, uri, 2)
    assert seen(found) == expected(text, check_text(text, "job.py", skip_unknown=True).findings)
    assert ("metric-not-allowed", 2) in [(d.code, d.range.start.line) for d in found]
