"""JSON-RPC as the server reads it: a message whose params do not decode is answered.

pygls decodes a message's params while it parses the message, and when they do not fit the
LSP type (a negative position, ``params: null``, a string where a number goes) it raises from
inside the parser: a request then got no reply at all (its client waited for ever) and a
notification popped up "Error in server: Invalid Params". Here such a request is answered
with InvalidParams (-32602) naming the method and the faulty field, as JSON-RPC asks, and
such a notification is a log message to the client; the server goes on serving either way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from cattrs import Converter
from cattrs.v import transform_error
from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger(__name__)

_SNAKE = re.compile(r"_([a-z])")


@dataclass(frozen=True)
class Undecodable:
    """A message whose params do not fit its method's type: what the reply needs."""

    msg_id: int | str | None
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


def _message_id(value: Any) -> int | str | None:
    """A request's id as JSON-RPC allows it (null when it is not a number or a string)."""
    return value if isinstance(value, int | str) and not isinstance(value, bool) else None


class AnsweringProtocol(LanguageServerProtocol):
    """pygls's protocol, answering the messages it cannot decode instead of dropping them."""

    def __init__(self, server: LanguageServer, converter: Converter) -> None:
        super().__init__(server, converter)
        self.decoder = converter

    def structure_message(self, data: dict[str, Any]) -> Any:
        method = data.get("method") if "jsonrpc" in data and "error" not in data else None
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
        if isinstance(message, Undecodable):
            self.refuse(message)
        elif isinstance(message, dict):  # no "jsonrpc" member: not a JSON-RPC 2.0 message
            self.refuse_unknown(message)
        elif (unknown := self.unopened(message)) is not None:
            self.log_to_client(
                f"automl-objective: {message.method} for {unknown}, which is not open (ignored)"
            )
        else:
            super().handle_message(message)

    def unopened(self, message: Any) -> str | None:
        """The document a change names if it was never opened (pygls's own handler would
        fail on it with a bare KeyError)."""
        if isinstance(message, types.DidChangeTextDocumentNotification):
            uri = message.params.text_document.uri
            return None if unquote(uri) in self.workspace.text_documents else uri
        if isinstance(message, types.DidChangeNotebookDocumentNotification):
            uri = message.params.notebook_document.uri
            return None if unquote(uri) in self.workspace.notebook_documents else uri
        return None

    def refuse(self, message: Undecodable) -> None:
        text = f"invalid params for {message.method}: {message.why}"
        if message.request:
            self.answer_error(message.msg_id, JsonRpcInvalidParams(text))
        self.log_to_client(f"automl-objective: {text}" + ("" if message.request else " (ignored)"))

    def refuse_unknown(self, message: dict[str, Any]) -> None:
        text = "not a JSON-RPC 2.0 message (no jsonrpc member)"
        if "id" in message:
            self.answer_error(_message_id(message["id"]), JsonRpcInvalidRequest(text))
        self.log_to_client(f"automl-objective: {text}")

    def answer_error(self, msg_id: int | str | None, error: JsonRpcException) -> None:
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
