"""Messages whose params are wrong: a request gets a JSON-RPC error reply (InvalidParams,
-32602, naming the method and the faulty field), never silence; a notification is a log
message, never a pop-up and never the end of the server; either way it goes on serving."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.lsp.protocol import AnsweringProtocol, Undecodable
from automl_objective.lsp.server import build_server
from tests.lsp.raw_rpc import RawClient, raw_server
from tests.support.fuzzing import examples

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


@settings(max_examples=examples(300), deadline=None)
@given(method=st.sampled_from(METHODS), params=JSON, request=st.booleans())
def test_any_params_decode_or_are_refused_in_one_line(
    method: str, params: object, request: bool
) -> None:
    """Whatever the params, the server's decoder gives the message or a refusal that says
    why on one line, naming the method; it never raises (pygls raised, and then a request
    was never answered)."""
    protocol = SERVER.protocol
    assert isinstance(protocol, AnsweringProtocol)
    data = {"jsonrpc": "2.0", "method": method, "params": params}
    if request:
        data["id"] = 1
    decoded = protocol.decode(data)
    if isinstance(decoded, Undecodable):
        assert (decoded.method, decoded.request) == (method, request)
        assert decoded.why and "\n" not in decoded.why
    else:
        assert decoded.method == method


PARSE_ERROR = -32700
INVALID_REQUEST = -32600
HOVER = {"textDocument": DOC, "position": HERE}

NO_MESSAGE: list[tuple[str, bytes, int]] = [
    (
        "not JSON, with an id",
        b'{"jsonrpc":"2.0","id":11,"method":"textDocument/hover",',
        PARSE_ERROR,
    ),
    ("not JSON, without an id", b'{"jsonrpc":"2.0","method":"initialized"', PARSE_ERROR),
    ("not UTF-8", b'{"jsonrpc":"2.0","id":19,"method":"shutdown","params":"\xff"}', PARSE_ERROR),
    ("a batch", b'[{"jsonrpc":"2.0","id":12,"method":"shutdown"}]', INVALID_REQUEST),
    ("an empty batch", b"[]", INVALID_REQUEST),
    ("a string", b'"hello"', INVALID_REQUEST),
    ("null", b"null", INVALID_REQUEST),
    ("a number", b"5", INVALID_REQUEST),
    ("a method that is a number", b'{"jsonrpc":"2.0","id":15,"method":5}', INVALID_REQUEST),
    ("an id that is an object", b'{"jsonrpc":"2.0","id":{"a":1},"method":"x"}', INVALID_REQUEST),
    ("an id that is an array", b'{"jsonrpc":"2.0","id":[1],"method":"shutdown"}', INVALID_REQUEST),
    (
        "an id that is a boolean",
        b'{"jsonrpc":"2.0","id":true,"method":"shutdown"}',
        INVALID_REQUEST,
    ),
    ("an id that is NaN", b'{"jsonrpc":"2.0","id":NaN,"method":"shutdown"}', INVALID_REQUEST),
]


def _no_traceback(reply: dict[str, Any]) -> None:
    assert set(reply["error"]) == {"code", "message"}, reply
    assert "\n" not in reply["error"]["message"]
    assert "Traceback" not in reply["error"]["message"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("body", "code"), [case[1:] for case in NO_MESSAGE], ids=[case[0] for case in NO_MESSAGE]
)
async def test_a_body_that_is_no_message_is_answered_with_id_null(body: bytes, code: int) -> None:
    """JSON-RPC 2.0: ParseError (-32700) for a body that is not JSON, InvalidRequest
    (-32600) for JSON that is no request; ``"id": null`` either way (its id cannot be read),
    never silence, never an internal error with a traceback. A batch is one InvalidRequest
    (LSP has no batches): none of its messages is run."""
    async with raw_server() as client:
        client.send_body(body)
        reply = await client.until(lambda: client.replies.pop(None, None), "a reply with id null")
        assert reply == {"jsonrpc": "2.0", "id": None, "error": reply["error"]}
        assert reply["error"]["code"] == code
        _no_traceback(reply)
        assert not client.shown()
        await _still_serves(client)
        assert not client.replies, client.replies  # the batch's shutdown was not run


INVALID_ENVELOPES: list[tuple[str, dict[str, Any]]] = [
    ("jsonrpc 1.0", {"jsonrpc": "1.0", "method": "textDocument/hover", "params": HOVER}),
    ("jsonrpc a number", {"jsonrpc": 2, "method": "textDocument/hover", "params": HOVER}),
    ("no jsonrpc", {"method": "textDocument/hover", "params": HOVER}),
    (
        "a request with an error",
        {"jsonrpc": "2.0", "method": "shutdown", "error": {"code": 1, "message": "m"}},
    ),
    ("a request with a result", {"jsonrpc": "2.0", "method": "shutdown", "result": None}),
    ("neither a request nor a response", {"jsonrpc": "2.0"}),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "message", [case[1] for case in INVALID_ENVELOPES], ids=[case[0] for case in INVALID_ENVELOPES]
)
async def test_a_request_that_is_not_json_rpc_2_gets_invalid_request(
    message: dict[str, Any],
) -> None:
    async with raw_server() as client:
        client.send({"id": 13, **message}, jsonrpc=False)
        reply = await client.until(lambda: client.replies.pop(13, None), "a reply")
        assert reply["error"]["code"] == INVALID_REQUEST
        _no_traceback(reply)
        await _still_serves(client)


@pytest.mark.asyncio
async def test_a_request_after_shutdown_gets_invalid_request_and_exit_still_ends() -> None:
    async with raw_server() as client:
        assert (await client.request("s", "shutdown"))["result"] is None
        reply = await client.request(41, "textDocument/hover", params=HOVER)
        assert reply["error"]["code"] == INVALID_REQUEST
        assert "after shutdown" in reply["error"]["message"]
        # raw_server's own shutdown is refused the same way; exit then ends with status 0


@pytest.mark.asyncio
async def test_an_id_that_is_a_fraction_is_echoed_as_it_came() -> None:
    async with raw_server() as client:
        reply = await client.request(1.5, "textDocument/hover", params=HOVER)
        assert reply["id"] == 1.5
        assert reply["error"]["code"] == INVALID_PARAMS  # the document is not open


@pytest.mark.asyncio
async def test_an_object_in_params_with_jsonrpc_and_method_members_is_params() -> None:
    """pygls decoded every object in a body that had a ``jsonrpc`` member as a message, so
    params holding one were refused (or worse, read as a message)."""
    async with raw_server() as client:
        await _still_serves(client)
        uri = "file:///work/job.yaml"
        document = {"uri": uri, "jsonrpc": "2.0", "method": "exit", "id": 4}
        reply = await client.request(
            18,
            "textDocument/hover",
            params={"textDocument": document, "position": {"line": 2, "character": 15}},
        )
        assert "error" not in reply, reply
        assert "AUC" in str(reply["result"])


@pytest.mark.asyncio
async def test_a_notebook_change_to_a_cell_never_opened_is_logged_in_words() -> None:
    async with raw_server() as client:
        notebook = "file:///work/nb.ipynb"
        cell = "vscode-notebook-cell:/work/nb.ipynb#C"
        client.notify(
            "notebookDocument/didOpen",
            params={
                "notebookDocument": {
                    "uri": notebook,
                    "notebookType": "jupyter-notebook",
                    "version": 1,
                    "cells": [{"kind": 2, "document": f"{cell}0"}],
                },
                "cellTextDocuments": [
                    {"uri": f"{cell}0", "languageId": "python", "version": 1, "text": "x = 1\n"}
                ],
            },
        )
        client.notify(
            "notebookDocument/didChange",
            params={
                "notebookDocument": {"uri": notebook, "version": 2},
                "change": {
                    "cells": {
                        "textContent": [
                            {
                                "document": {"uri": f"{cell}7", "version": 2},
                                "changes": [{"text": "y"}],
                            }
                        ]
                    }
                },
            },
        )
        logged = await client.until(
            lambda: [m for m in client.logged() if f"cell {cell}7, which is not open" in m],
            "a log message naming the cell never opened",
        )
        assert "KeyError" not in " ".join(client.logged()), client.logged()
        assert "\n" not in logged[0]
        await _still_serves(client)
        # a cell opened by the change itself may be edited in it
        client.notify(
            "notebookDocument/didChange",
            params={
                "notebookDocument": {"uri": notebook, "version": 3},
                "change": {
                    "cells": {
                        "structure": {
                            "array": {
                                "start": 1,
                                "deleteCount": 0,
                                "cells": [{"kind": 2, "document": f"{cell}8"}],
                            },
                            "didOpen": [
                                {
                                    "uri": f"{cell}8",
                                    "languageId": "python",
                                    "version": 1,
                                    "text": "",
                                }
                            ],
                        },
                        "textContent": [
                            {
                                "document": {"uri": f"{cell}8", "version": 2},
                                "changes": [{"text": "z = 2\n"}],
                            }
                        ],
                    }
                },
            },
        )
        await _still_serves(client, "again")
        assert not [m for m in client.logged() if f"{cell}8" in m]
        assert not client.shown()
