"""A bare JSON-RPC client for ``automl-objective lsp`` over stdio, for what a typed LSP
client cannot send: params that do not fit their method's type (pygls's client encodes every
message through lsprotocol's types first, and refuses to)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tests.lsp.harness import SERVER, WAIT_SECONDS


class RawClient:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.replies: dict[Any, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.arrived = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            header = await self.process.stdout.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in header.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            )
            message = json.loads(await self.process.stdout.readexactly(length))
            if "method" in message:
                self.notifications.append(message)
            else:
                self.replies[message.get("id")] = message
            self.arrived.set()

    def send(self, message: dict[str, Any], jsonrpc: bool = True) -> None:
        """A message written as it is given, with ``"jsonrpc": "2.0"`` unless told not to."""
        self.send_body(json.dumps({"jsonrpc": "2.0", **message} if jsonrpc else message).encode())

    def send_body(self, body: bytes) -> None:
        """A body written as it is given (not JSON, say), with its Content-Length header."""
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def until(self, found: Any, what: str) -> Any:
        async def wait() -> Any:
            while not (value := found()):
                self.arrived.clear()
                await self.arrived.wait()
            return value

        try:
            return await asyncio.wait_for(wait(), WAIT_SECONDS)
        except TimeoutError:
            raise AssertionError(f"waited {WAIT_SECONDS:.0f} s for {what}") from None

    async def request(self, msg_id: Any, method: str, **params: Any) -> dict[str, Any]:
        """The reply to a request (``params``: the message's ``params`` member, as given)."""
        self.send({"id": msg_id, "method": method, **params})
        return await self.until(lambda: self.replies.pop(msg_id, None), f"a reply to {method}")  # type: ignore[no-any-return]

    def notify(self, method: str, **params: Any) -> None:
        self.send({"method": method, **params})

    def logged(self) -> list[str]:
        return [
            n["params"]["message"] for n in self.notifications if n["method"] == "window/logMessage"
        ]

    def shown(self) -> list[dict[str, Any]]:
        return [n for n in self.notifications if n["method"] == "window/showMessage"]


@asynccontextmanager
async def raw_server() -> AsyncIterator[RawClient]:
    """The server, initialized (no capabilities), ended with shutdown and exit."""
    process = await asyncio.create_subprocess_exec(
        *SERVER,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    client = RawClient(process)
    try:
        reply = await client.request(0, "initialize", params={"capabilities": {}})
        assert "result" in reply, reply
        client.notify("initialized", params={})
        yield client
        await client.request("end", "shutdown")
        client.notify("exit")
        assert await asyncio.wait_for(process.wait(), WAIT_SECONDS) == 0
    finally:
        client.reader.cancel()
        if process.returncode is None:
            process.kill()
            await process.wait()
