"""A small Language Server Protocol client: JSON-RPC over a server's stdin and stdout.

Enough to drive yaml-language-server as an editor does: initialize, configure, open documents,
collect the diagnostics it publishes, ask for completions and hovers. Requests the server sends
(``workspace/configuration`` and the like) are answered from ``settings`` or with null.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any


class ServerError(RuntimeError):
    pass


def _read_messages(stream: IO[bytes], inbox: queue.Queue[dict[str, Any] | None]) -> None:
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                inbox.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if length is not None:
            inbox.put(json.loads(stream.read(length)))


class LanguageServer:
    def __init__(self, argv: list[str], settings: dict[str, Any], root: Path) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin = self.process.stdin
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(
            target=_read_messages, args=(self.process.stdout, self._inbox), daemon=True
        )
        self._reader.start()
        self._next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self._stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def _answer(self, message: dict[str, Any]) -> None:
        """A request from the server: settings for configuration, null for anything else."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [
                self.settings.get(item.get("section", "")) for item in message["params"]["items"]
            ]
        self._send({"id": message["id"], "result": result})

    def _take(self, deadline: float) -> dict[str, Any]:
        try:
            message = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise ServerError("the language server did not answer in time") from None
        if message is None:
            raise ServerError("the language server exited")
        if "method" in message and "id" in message:
            self._answer(message)
        elif message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params["diagnostics"]
        return message

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self._next_id += 1
        wanted = self._next_id
        self._send({"id": wanted, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self._take(deadline)
            if message.get("id") == wanted and "method" not in message:
                if "error" in message:
                    raise ServerError(f"{method}: {message['error'].get('message')}")
                return message.get("result")

    def open(self, uri: str, language: str, text: str, timeout: float = 30) -> list[str]:
        """Open a document; the messages of the diagnostics the server publishes for it."""
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
        )
        deadline = time.monotonic() + timeout
        while uri not in self.diagnostics:
            self._take(deadline)
        return [str(d["message"]) for d in self.diagnostics[uri]]

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def completion_labels(self, uri: str, line: int, character: int) -> list[str]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return [str(item["label"]) for item in items]

    def hover_text(self, uri: str, line: int, character: int) -> str:
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        parts = contents if isinstance(contents, list) else [contents]
        return "\n".join(p if isinstance(p, str) else str(p.get("value", "")) for p in parts)

    def shutdown(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.process.wait(timeout=10)
        except (ServerError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            self._reader.join(timeout=10)
            self._stdin.close()
            if self.process.stdout is not None:
                self.process.stdout.close()
