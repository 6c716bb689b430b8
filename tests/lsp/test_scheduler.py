"""The scheduler the server checks documents with, driven on its own: a check that fails
is reported for its document alone (the server makes it a log message) and the others are
checked and shown; a slow check does not hold up another document's; the failed document
is checked again at its next edit. The server's other work (completion, hover, code actions)
that fails is a log message and no answer; cancelled, it stops and frees its worker."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from lsprotocol import types

from automl_objective.lsp.cancellation import Cancelled
from automl_objective.lsp.lexer import tokens
from automl_objective.lsp.scheduler import Scheduler
from automl_objective.lsp.server import build_server
from tests.lsp.harness import WAIT_SECONDS


class _Documents:
    """Texts by key; checking one is reading it back, except ``broken`` (raises) and
    ``slow`` (waits for ``release``)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.shown: list[tuple[str, str]] = []
        self.failures: list[tuple[str, str]] = []
        self.release = threading.Event()
        self.changed = asyncio.Event()

    def work(self, snapshot: tuple[str, str]) -> str:
        key, text = snapshot
        if text == "broken":
            raise ValueError(f"cannot read {key}")
        if text == "slow":
            self.release.wait(WAIT_SECONDS)
        return text

    def done(self, key: str, text: str) -> None:
        self.shown.append((key, text))
        self.changed.set()

    def failed(self, what: str, error: BaseException) -> None:
        self.failures.append((what, str(error)))
        self.changed.set()

    async def until(self, condition: Callable[[], object]) -> None:
        async def wait() -> None:
            while not condition():
                self.changed.clear()
                await self.changed.wait()

        await asyncio.wait_for(wait(), WAIT_SECONDS)


def _scheduler(documents: _Documents, pool: ThreadPoolExecutor) -> Scheduler:
    return Scheduler(
        pool,
        lambda key: (key, documents.texts[key]) if key in documents.texts else None,
        documents.work,
        documents.done,
        documents.failed,
    )


@pytest.mark.asyncio
async def test_a_failed_check_is_reported_for_its_document_alone() -> None:
    documents = _Documents()
    with ThreadPoolExecutor(2) as pool:
        scheduler = _scheduler(documents, pool)
        documents.texts.update({"a": "broken", "b": "fine"})
        scheduler.request("a", 0)
        scheduler.request("b", 0)
        await documents.until(lambda: documents.failures and documents.shown)
        assert documents.failures == [("checking a", "cannot read a")]
        assert documents.shown == [("b", "fine")]
        documents.texts["a"] = "mended"
        scheduler.request("a", 0)
        await documents.until(lambda: ("a", "mended") in documents.shown)


@pytest.mark.asyncio
async def test_a_slow_check_does_not_hold_up_another_document() -> None:
    documents = _Documents()
    with ThreadPoolExecutor(2) as pool:
        scheduler = _scheduler(documents, pool)
        documents.texts.update({"slow": "slow", "quick": "quick"})
        scheduler.request("slow", 0)
        scheduler.request("quick", 0)
        await documents.until(lambda: documents.shown)
        assert documents.shown == [("quick", "quick")]
        documents.release.set()
        await documents.until(lambda: len(documents.shown) == 2)
        assert documents.shown[1] == ("slow", "slow")


@pytest.mark.asyncio
async def test_a_failure_of_the_servers_work_is_a_log_message_and_no_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = build_server()
    logged: list[types.LogMessageParams] = []
    monkeypatch.setattr(server, "window_log_message", logged.append)

    def failing() -> str:
        raise KeyError("cell 3")

    try:
        assert await server.in_pool("hover in file:///work/a.py", failing) is None
        assert await server.in_pool("hover in file:///work/b.py", lambda: "shown") == "shown"
    finally:
        server.pool.shutdown()
    assert [(m.type, m.message) for m in logged] == [
        (
            types.MessageType.Error,
            "automl-objective: hover in file:///work/a.py failed: KeyError: 'cell 3'",
        )
    ]


@pytest.mark.asyncio
async def test_cancelled_work_stops_and_frees_its_worker() -> None:
    """A request cancelled while its work reads a huge text (completion, hover): the work
    stops at its next look, and the one worker is free for the next request at once, not
    after the whole text is read."""
    server = build_server()
    server.pool.shutdown()
    server.pool = ThreadPoolExecutor(1)
    huge = "x = 1\n" * 2_000_000
    started, outcome = threading.Event(), []

    def reading() -> int:
        started.set()
        try:
            return len(tokens(huge))
        except Cancelled:
            outcome.append("stopped")
            raise

    try:
        task = asyncio.ensure_future(server.in_pool("completion in file:///work/huge.py", reading))
        assert await asyncio.to_thread(started.wait, WAIT_SECONDS)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await server.in_pool("hover in file:///work/small.py", lambda: "next") == "next"
    finally:
        server.pool.shutdown()
    assert outcome == ["stopped"]
