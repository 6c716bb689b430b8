"""Messages whose params are wrong: a request gets a JSON-RPC error reply (InvalidParams,
-32602, naming the method and the faulty field), never silence; a notification is a log
message, never a pop-up and never the end of the server; either way it goes on serving."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.lsp.protocol import Undecodable
from automl_objective.lsp.server import build_server
from tests.lsp.raw_rpc import RawClient, raw_server

SERVER = build_server()
"""A server never started: its protocol's decoder is what the tests call."""

INVALID_PARAMS = -32602
DOC = {"uri": "file:///work/job.yaml"}
TEXT = "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: AUC\n"
HERE = {"line": 0, "character": 0}


async def _still_serves(client: RawClient, name: str = "job") -> None:
    """An ordinary document opened now is checked as ever."""
    uri = f"file:///work/{name}.yaml"
    client.notify(
        "textDocument/didOpen",
        params={"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": TEXT}},
    )
    published = await client.until(
        lambda: [
            n
            for n in client.notifications
            if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri
        ],
        f"diagnostics of {uri}",
    )
    assert [d["code"] for d in published[-1]["params"]["diagnostics"]] == ["metric-not-allowed"]


BAD_REQUESTS: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "negative line",
        "textDocument/hover",
        {"params": {"textDocument": DOC, "position": {"line": -1, "character": 0}}},
        "Position.line should be in range [0:2147483647], but was -1 @ $.params.position",
    ),
    (
        "negative character",
        "textDocument/completion",
        {"params": {"textDocument": DOC, "position": {"line": 0, "character": -4}}},
        "Position.character should be in range [0:2147483647], but was -4 @ $.params.position",
    ),
    ("params null", "textDocument/hover", {"params": None}, "$.params"),
    ("params missing", "textDocument/completion", {}, "$.params"),
    ("params a list", "textDocument/hover", {"params": [DOC, HERE]}, "$.params.textDocument"),
    (
        "a word for a number",
        "textDocument/hover",
        {"params": {"textDocument": DOC, "position": {"line": "two", "character": 0}}},
        "$.params.position.line",
    ),
    (
        "a range without its end",
        "textDocument/codeAction",
        {
            "params": {
                "textDocument": DOC,
                "range": {"start": HERE},
                "context": {"diagnostics": []},
            }
        },
        "$.params.range.end",
    ),
    (
        "an object for a uri",
        "textDocument/codeAction",
        {"params": {"textDocument": {"uri": {"path": "x"}}, "range": {"start": HERE, "end": HERE}}},
        "$.params",
    ),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "params", "field"),
    [case[1:] for case in BAD_REQUESTS],
    ids=[case[0] for case in BAD_REQUESTS],
)
async def test_a_request_whose_params_do_not_decode_gets_invalid_params(
    method: str, params: dict[str, Any], field: str
) -> None:
    async with raw_server() as client:
        reply = await client.request(7, method, **params)
        assert reply["id"] == 7
        assert "result" not in reply
        assert reply["error"]["code"] == INVALID_PARAMS
        message = reply["error"]["message"]
        assert message.startswith(f"invalid params for {method}: "), message
        assert field in message, message
        assert "\n" not in message
        assert not client.shown()
        await _still_serves(client)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/hover", {"position": HERE}),
        ("textDocument/completion", {"position": HERE}),
        (
            "textDocument/codeAction",
            {"range": {"start": HERE, "end": HERE}, "context": {"diagnostics": []}},
        ),
    ],
)
async def test_a_request_about_a_document_never_opened_gets_invalid_params(
    method: str, params: dict[str, Any]
) -> None:
    async with raw_server() as client:
        never = "file:///work/never%20opened.py"
        reply = await client.request("q", method, params={"textDocument": {"uri": never}, **params})
        assert reply["error"]["code"] == INVALID_PARAMS
        assert never in reply["error"]["message"]
        assert "is not open" in reply["error"]["message"]
        await _still_serves(client)


@pytest.mark.asyncio
async def test_a_request_whose_id_cannot_be_read_is_answered_with_id_null() -> None:
    async with raw_server() as client:
        reply = await client.request(None, "textDocument/hover", params=None)
        assert reply == {"jsonrpc": "2.0", "id": None, "error": reply["error"]}
        assert reply["error"]["code"] == INVALID_PARAMS


BAD_NOTIFICATIONS: list[tuple[str, dict[str, Any]]] = [
    ("textDocument/didOpen", {"params": None}),
    ("textDocument/didOpen", {"params": {"textDocument": {"uri": "file:///work/x.yaml"}}}),
    (
        "textDocument/didChange",
        {
            "params": {
                "textDocument": {"uri": "file:///work/x.yaml", "version": 2},
                "contentChanges": [{"range": {"start": {"line": -3, "character": 0}}, "text": "x"}],
            }
        },
    ),
    ("textDocument/didClose", {"params": {"textDocument": 5}}),
    ("textDocument/didSave", {"params": []}),
    ("notebookDocument/didOpen", {"params": {"notebookDocument": None, "cellTextDocuments": []}}),
    ("workspace/didChangeConfiguration", {}),
    ("$/cancelRequest", {"params": None}),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("method", "params"), BAD_NOTIFICATIONS, ids=[case[0] for case in BAD_NOTIFICATIONS]
)
async def test_a_notification_whose_params_do_not_decode_is_logged_and_serving_goes_on(
    method: str, params: dict[str, Any]
) -> None:
    async with raw_server() as client:
        client.notify(method, **params)
        logged = await client.until(
            lambda: [m for m in client.logged() if f"invalid params for {method}" in m],
            f"a log message about {method}",
        )
        assert "\n" not in logged[0]
        await _still_serves(client)
        assert not client.shown()


@pytest.mark.asyncio
async def test_a_change_to_a_document_never_opened_is_logged_and_serving_goes_on() -> None:
    async with raw_server() as client:
        client.notify(
            "textDocument/didChange",
            params={
                "textDocument": {"uri": "file:///work/never.yaml", "version": 2},
                "contentChanges": [{"text": TEXT}],
            },
        )
        client.notify(
            "notebookDocument/didChange",
            params={
                "notebookDocument": {"uri": "file:///work/never.ipynb", "version": 2},
                "change": {},
            },
        )
        client.notify(
            "textDocument/didClose", params={"textDocument": {"uri": "file:///work/gone.yaml"}}
        )
        await _still_serves(client)
        await client.until(
            lambda: [
                m for m in client.logged() if "file:///work/never.yaml, which is not open" in m
            ],
            "a log message naming the document never opened",
        )
        await client.until(
            lambda: [m for m in client.logged() if "never.ipynb, which is not open" in m],
            "a log message naming the notebook never opened",
        )
        assert not client.shown()


@pytest.mark.asyncio
async def test_a_message_without_jsonrpc_gets_invalid_request() -> None:
    async with raw_server() as client:
        client.send({"id": 3, "method": "textDocument/hover"}, jsonrpc=False)
        reply = await client.until(lambda: client.replies.pop(3, None), "a reply")
        assert reply["error"]["code"] == -32600
        await _still_serves(client)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["textDocument", "position", "range", "uri", "line", "character", "x"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)
METHODS = [
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/codeAction",
    "textDocument/didOpen",
    "textDocument/didChange",
    "notebookDocument/didChange",
    "$/cancelRequest",
]


@settings(max_examples=300, deadline=None)
@given(method=st.sampled_from(METHODS), params=JSON, request=st.booleans())
def test_any_params_decode_or_are_refused_in_one_line(
    method: str, params: object, request: bool
) -> None:
    """Whatever the params, the server's decoder gives the message or a refusal that says
    why on one line, naming the method; it never raises (pygls raised, and then a request
    was never answered)."""
    protocol = SERVER.protocol
    data = {"jsonrpc": "2.0", "method": method, "params": params}
    if request:
        data["id"] = 1
    decoded = protocol.structure_message(data)
    if isinstance(decoded, Undecodable):
        assert (decoded.method, decoded.request) == (method, request)
        assert decoded.why and "\n" not in decoded.why
    else:
        assert decoded.method == method
