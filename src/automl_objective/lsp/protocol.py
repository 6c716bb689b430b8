"""JSON-RPC as the server reads it: a message whose params do not decode is answered.

pygls decodes a message's params while it parses the message, and when they do not fit the
LSP type (a negative position, ``params: null``, a string where a number goes) it raises from
inside the parser: a request then got no reply at all (its client waited for ever) and a
notification popped up "Error in server: Invalid Params". Here such a request is answered
with InvalidParams (-32602) naming the method and the faulty field, as JSON-RPC asks, and
such a notification is a log message to the client; the server goes on serving either way.

A body that is no JSON-RPC 2.0 message is answered as JSON-RPC asks, never with silence or
a Python traceback: not JSON (or not UTF-8), ParseError (-32700); JSON that is no message
(an array, a string, null; a ``jsonrpc`` that is not "2.0"; a ``method`` that is not a
string; an id that is an object, an array or a boolean; a method with a result or an error;
a request after ``shutdown``), InvalidRequest (-32600). The reply's id is the message's when
it can be read, else null. A batch (a JSON array) is one InvalidRequest: LSP has none. The
body is decoded once, as a whole: an object inside params is params, whatever its members.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from cattrs import Converter
from cattrs.v import transform_error
from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger(__name__)

_SNAKE = re.compile(r"_([a-z])")


@dataclass(frozen=True)
class Undecodable:
    """A message whose params do not fit its method's type: what the reply needs."""

    msg_id: int | float | str | None
    method: str
    request: bool
    why: str


def _field_error(error: BaseException, wanted: Any) -> str:
    """One field's fault, in the words of the validator that refused it where it has some
    (lsprotocol's range checks say which range)."""
    if isinstance(error, ValueError) and "should be" in str(error):
        return str(error).rstrip(".")
    if isinstance(error, KeyError):
        return "required field missing"
    name = getattr(wanted, "__name__", None)
    return f"not a valid {name}" if name else "invalid value"


def why_undecodable(error: BaseException) -> str:
    """What is wrong with a message's params, on one line: each fault with its JSON path
    (``$.params.position.line``), in LSP's own (camelCase) field names."""
    faults = transform_error(error, path="$", format_exception=_field_error)
    named = [_SNAKE.sub(lambda match: match.group(1).upper(), fault) for fault in faults]
    return "; ".join(named) or str(error)


def _message_id(value: Any) -> int | float | str | None:
    """A request's id as JSON-RPC allows it (null when it is not a number or a string)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _id_fault(data: dict[str, Any]) -> bool:
    """Whether the message has an id JSON-RPC does not allow (an object, an array, a
    boolean, NaN): such a message is refused, and its id is never echoed."""
    value = data.get("id")
    return "id" in data and value is not None and _message_id(value) is None


_KIND = {str: "string", int: "number", float: "number", bool: "boolean"}


def envelope_fault(data: Any, shut_down: bool) -> tuple[int | float | str | None, str] | None:
    """What makes a decoded body no JSON-RPC 2.0 message the server takes (None: nothing),
    with the id its InvalidRequest reply carries (null when it cannot be read)."""
    if not isinstance(data, dict):
        if isinstance(data, list):
            return None, "a batch (a JSON array) is not a message: LSP has no batches"
        kind = "null" if data is None else _KIND.get(type(data), "value")
        return None, f"not a JSON-RPC message (a JSON {kind}, not an object)"
    if _id_fault(data):
        return None, "not a valid JSON-RPC id (a string, a number or null)"
    msg_id = _message_id(data.get("id"))
    if "jsonrpc" not in data:
        return msg_id, "not a JSON-RPC 2.0 message (no jsonrpc member)"
    if data["jsonrpc"] != "2.0":
        return msg_id, 'not a JSON-RPC 2.0 message (its jsonrpc member is not "2.0")'
    if "method" in data:
        if not isinstance(data["method"], str):
            return None, "not a JSON-RPC message (its method is not a string)"
        if "result" in data or "error" in data:
            return msg_id, "a request or notification (method) cannot carry a result or error"
        if shut_down and "id" in data and data["method"] != "exit":
            return msg_id, f"{data['method']} after shutdown (only exit is accepted now)"
        return None
    if "id" not in data or ("result" in data) == ("error" in data):
        return msg_id, "neither a request, a notification nor a response"
    return None


class AnsweringProtocol(LanguageServerProtocol):
    """pygls's protocol, answering the messages it cannot decode instead of dropping them."""

    def __init__(self, server: LanguageServer, converter: Converter) -> None:
        super().__init__(server, converter)
        self.decoder = converter

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls's ``json.loads`` hook, called on every object in a body, innermost first: it
        keeps them as they are (an object inside params that has ``jsonrpc`` and ``method``
        members is params, not a message); the body is decoded once, by
        :meth:`handle_message`."""
        return data

    def decode(self, data: dict[str, Any]) -> Any:
        """A message whose envelope is sound, as its method's type (or an :class:`Undecodable`)."""
        method = data.get("method")
        message_type = self.get_message_type(method) if isinstance(method, str) else None
        if message_type is None:
            return super().structure_message(data)
        try:
            return self.decoder.structure(data, message_type)
        except Exception as error:
            request = "id" in data
            return Undecodable(
                _message_id(data.get("id")), str(method), request, why_undecodable(error)
            )

    def handle_message(self, message: Any) -> None:
        """A body as ``json.loads`` gave it: answered InvalidRequest (-32600) if it is no
        message the server takes, else decoded and handled."""
        try:
            fault = envelope_fault(message, self._shutdown)
            if fault is not None:
                self.answer_error(fault[0], JsonRpcInvalidRequest(fault[1]))
                self.log_to_client(f"automl-objective: invalid request: {fault[1]}")
                return
            self.handle_decoded(self.decode(message))
        except Exception as error:  # pygls's own decoding failed: a log message, no traceback
            log.exception("handling a message")
            self.log_to_client(
                f"automl-objective: a message from the client failed: "
                f"{type(error).__name__}: {error}"
            )

    def handle_decoded(self, message: Any) -> None:
        if isinstance(message, Undecodable):
            self.refuse(message)
        elif (unknown := self.unopened(message)) is not None:
            self.log_to_client(
                f"automl-objective: {message.method} for {unknown}, which is not open (ignored)"
            )
        else:
            super().handle_message(message)

    def refuse_unparsable(self, error: BaseException) -> None:
        """A body that is not JSON (or not UTF-8): ParseError (-32700) with id null."""
        why = "not UTF-8" if isinstance(error, UnicodeDecodeError) else "not JSON"
        if isinstance(error, RecursionError):
            why = "JSON nested too deeply"
        text = f"a message from the client could not be read: {why} ({str(error)[:200]})"
        self.answer_error(None, JsonRpcParseError(text))
        self.log_to_client(f"automl-objective: {text}")

    def _send_response(
        self, msg_id: Any, result: Any | None = None, error: types.ResponseError | None = None
    ) -> None:
        """pygls's reply, without the Python traceback it puts in an internal error's data."""
        if error is not None and isinstance(error.data, dict) and "traceback" in error.data:
            error = types.ResponseError(code=error.code, message=error.message)
        super()._send_response(msg_id, result, error)

    def unopened(self, message: Any) -> str | None:
        """The document a change names if it was never opened (pygls's own handler would
        fail on it with a bare KeyError)."""
        if isinstance(message, types.DidChangeTextDocumentNotification):
            uri = message.params.text_document.uri
            return None if unquote(uri) in self.workspace.text_documents else uri
        if isinstance(message, types.DidChangeNotebookDocumentNotification):
            uri = message.params.notebook_document.uri
            if unquote(uri) not in self.workspace.notebook_documents:
                return uri
            return self.unopened_cell(message.params.change.cells)
        return None

    def unopened_cell(self, cells: types.NotebookDocumentCellChanges | None) -> str | None:
        """The cell a notebook change edits if its text was never opened (neither before
        nor by this change): pygls would fail on it with a bare KeyError."""
        if cells is None or not cells.text_content:
            return None
        opened = {
            unquote(cell.uri)
            for cell in (cells.structure.did_open or [] if cells.structure else [])
        }
        texts = self.workspace.text_documents
        for text in cells.text_content:
            key = unquote(text.document.uri)
            if key not in texts and key not in opened:
                return f"cell {text.document.uri}"
        return None

    def refuse(self, message: Undecodable) -> None:
        text = f"invalid params for {message.method}: {message.why}"
        if message.request:
            self.answer_error(message.msg_id, JsonRpcInvalidParams(text))
        self.log_to_client(f"automl-objective: {text}" + ("" if message.request else " (ignored)"))

    def answer_error(self, msg_id: int | float | str | None, error: JsonRpcException) -> None:
        """An error reply; with ``"id": null`` when the request's id could not be read (pygls
        would leave the member out, which JSON-RPC does not allow)."""
        self._send_data(
            {
                "jsonrpc": "2.0",
                "id": msg_id,
                "error": {"code": error.code, "message": error.message},
            }
        )

    def log_to_client(self, text: str) -> None:
        log.warning("%s", text)
        self.notify(
            types.WINDOW_LOG_MESSAGE,
            types.LogMessageParams(type=types.MessageType.Warning, message=text),
        )
