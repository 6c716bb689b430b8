"""Clients connected to ``automl-objective lsp`` started as a subprocess over stdio."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_lsp
from pytest_lsp import LanguageClient

from tests.lsp.harness import CONFIG, initialize


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def strict_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await initialize(lsp_client, options={"automlObjective": {"strict": True}})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def utf8_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await initialize(lsp_client, encodings=["utf-8", "utf-16"])
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def unrelated_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A client that does not show related information."""
    await initialize(lsp_client, related=False)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def placeholder_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await initialize(lsp_client, options={"automlObjective": {"placeholders": "dynamic"}})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def unmanaged_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """Initialized; the test itself ends the session."""
    await initialize(lsp_client)
    yield
