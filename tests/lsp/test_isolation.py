"""One document never holds up another: a huge document and a small one edited together,
the small one's diagnostics come first; completion, hover and code actions are cancelled
by ``$/cancelRequest`` (a RequestCancelled reply, -32800, not their result), and the server
serves on."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.harness import diagnostics_of, open_document, recorder
from tests.lsp.raw_rpc import raw_server

REQUEST_CANCELLED = -32800
SMALL = "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: MSE\n"


def _huge_yaml(entries: int) -> str:
    tags = "".join(f"  - Key: k{i}\n    Value: v{i}\n" for i in range(entries))
    return SMALL + "Tags:\n" + tags


def _replace_metric(client: LanguageClient, uri: str, version: int, metric: str) -> None:
    """MSE (line 3, characters 14-17) replaced, as an editor sends a keystroke."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, 14), types.Position(2, 17)), text=metric
                )
            ],
        )
    )


@pytest.mark.asyncio
async def test_a_huge_and_a_small_document_edited_together_the_small_one_is_shown_first(
    client: LanguageClient,
) -> None:
    huge, small = "file:///work/huge.yaml", "file:///work/small.yaml"
    open_document(client, huge, _huge_yaml(15_000), "yaml")
    open_document(client, small, SMALL, "yaml")
    assert await diagnostics_of(client, huge, 1) == []
    assert await diagnostics_of(client, small, 1) == []
    _replace_metric(client, huge, 2, "AUC")  # the huge one first
    _replace_metric(client, small, 2, "F1_")
    (found,) = await diagnostics_of(client, small, 2)
    assert found.code == "unknown-metric"
    assert recorder(client).by_uri[huge][-1].version == 1  # still being checked
    (found,) = await diagnostics_of(client, huge, 2)
    assert found.code == "metric-not-allowed"


HUGE_PYTHON = "x = 1\n" * 200_000 + (
    'sm.create_auto_ml_job(AutoMLJobObjective={"MetricName": "AUC"}, ProblemType="Regression")\n'
)
"""A document whose completion, hover and code actions take seconds: long enough for a
``$/cancelRequest`` sent right after the request to find it unanswered."""
AT_ITS_METRIC = {"line": 200_000, "character": 60}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/completion", {"position": AT_ITS_METRIC}),
        ("textDocument/hover", {"position": AT_ITS_METRIC}),
        (
            "textDocument/codeAction",
            {
                "range": {"start": AT_ITS_METRIC, "end": AT_ITS_METRIC},
                "context": {"diagnostics": []},
            },
        ),
    ],
)
async def test_a_cancelled_request_is_answered_request_cancelled(
    method: str, params: dict[str, Any]
) -> None:
    async with raw_server() as client:
        uri = "file:///work/huge.py"
        client.notify(
            "textDocument/didOpen",
            params={
                "textDocument": {
                    "uri": uri,
                    "languageId": "python",
                    "version": 1,
                    "text": HUGE_PYTHON,
                }
            },
        )
        client.send(
            {"id": "slow", "method": method, "params": {"textDocument": {"uri": uri}, **params}}
        )
        client.notify("$/cancelRequest", params={"id": "slow"})
        reply = await client.until(lambda: client.replies.pop("slow", None), f"a reply to {method}")
        assert "result" not in reply
        assert reply["error"]["code"] == REQUEST_CANCELLED
        small = "file:///work/small.yaml"
        client.notify(
            "textDocument/didOpen",
            params={
                "textDocument": {"uri": small, "languageId": "yaml", "version": 1, "text": SMALL}
            },
        )
        reply = await client.request(
            "hover",
            "textDocument/hover",
            params={"textDocument": {"uri": small}, "position": {"line": 2, "character": 15}},
        )
        assert "MSE" in reply["result"]["contents"]["value"]


ONE_LINE_JSON = (
    '{"AutoMLJobObjective": {"MetricName": "MSE"}, "Tags": ['
    + ",".join(f'{{"Key": "k{i}", "Value": "v"}}' for i in range(64_000))
    + "]}"
)
"""Half a megabyte on one line: a position near its end was found character by character
(seconds), with no look at whether the request was still wanted."""
IN_ITS_METRIC = {"line": 0, "character": ONE_LINE_JSON.index('"MSE"') + 2}
"""A MetricName value of a request naming no problem type: its completion reads the whole
text for one (seconds on this line), where a place that is no value, or a value whose
request names its problem type near it, is told from the text near it."""


@pytest.mark.asyncio
async def test_cancelled_completions_on_a_huge_line_free_their_workers() -> None:
    """The attack's scenario, scaled: completions on a huge one-line JSON document, each
    cancelled at once, must not hold the workers a small document's hover needs. Its
    hover is answered in less than 0.8 of the time one (uncancelled) completion on the huge
    document takes (measured: 0.17 to 0.28 of it; with cancellation switched off, 3.96). The
    document is 2 MB: at 0.5 MB, once the lexer got faster, one completion took 0.29 s and
    the hover's own fixed cost (0.24 s on a busy machine) came too near the bound."""
    async with raw_server() as client:
        loop = asyncio.get_running_loop()
        huge = "file:///work/huge.json"
        client.notify(
            "textDocument/didOpen",
            params={
                "textDocument": {
                    "uri": huge,
                    "languageId": "json",
                    "version": 1,
                    "text": ONE_LINE_JSON,
                }
            },
        )
        await client.until(
            lambda: [
                n
                for n in client.notifications
                if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == huge
            ],
            "the huge document's diagnostics",
        )
        where = {"textDocument": {"uri": huge}, "position": IN_ITS_METRIC}
        started = loop.time()
        reply = await client.request("one", "textDocument/completion", params=where)
        one_completion = loop.time() - started
        assert "result" in reply, reply
        for n in range(6):
            client.send({"id": f"c{n}", "method": "textDocument/completion", "params": where})
            client.notify("$/cancelRequest", params={"id": f"c{n}"})
        small = "file:///work/small.yaml"
        client.notify(
            "textDocument/didOpen",
            params={
                "textDocument": {"uri": small, "languageId": "yaml", "version": 1, "text": SMALL}
            },
        )
        started = loop.time()
        reply = await client.request(
            "hover",
            "textDocument/hover",
            params={"textDocument": {"uri": small}, "position": {"line": 2, "character": 15}},
        )
        hover = loop.time() - started
        assert "MSE" in reply["result"]["contents"]["value"]
        assert hover < 0.8 * one_completion, (hover, one_completion)
        for n in range(6):
            reply = await client.until(lambda n=n: client.replies.pop(f"c{n}", None), f"c{n}")
            assert reply["error"]["code"] == REQUEST_CANCELLED
