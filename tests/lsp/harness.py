"""A real LSP client (pytest-lsp's, on pygls) driving ``automl-objective lsp`` over stdio,
with what the tests need on top: every diagnostics notification kept with its version,
waiting for a condition instead of sleeping, and documents opened and edited as an editor
does."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from automl_objective.api import Finding

SERVER = [sys.executable, "-m", "automl_objective", "lsp"]
WAIT_SECONDS = 30.0


@dataclass
class Published:
    version: int | None
    diagnostics: list[types.Diagnostic]


@dataclass
class Recorder:
    by_uri: dict[str, list[Published]] = field(default_factory=dict)

    def last(self, uri: str) -> Published | None:
        found = self.by_uri.get(uri)
        return found[-1] if found else None


RECORDERS: dict[int, Recorder] = {}


def recorder(client: LanguageClient) -> Recorder:
    return RECORDERS[id(client)]


def recording_client() -> LanguageClient:
    """pytest-lsp's test client, whose diagnostics handler also keeps every publication."""
    client = LanguageClient(converter_factory=default_converter)
    record = Recorder()
    RECORDERS[id(client)] = record

    def published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        record.by_uri.setdefault(params.uri, []).append(
            Published(params.version, list(params.diagnostics))
        )
        client.diagnostics[params.uri] = params.diagnostics

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published}
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


def capabilities(
    encodings: list[str] | None = None, related: bool = True
) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings),
        workspace=types.WorkspaceClientCapabilities(configuration=True),
        notebook_document=types.NotebookDocumentClientCapabilities(
            synchronization=types.NotebookDocumentSyncClientCapabilities()
        ),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, related_information=related
            ),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    documentation_format=[types.MarkupKind.Markdown]
                )
            ),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        ),
    )


async def initialize(
    client: LanguageClient,
    options: Any = None,
    encodings: list[str] | None = None,
    related: bool = True,
) -> types.InitializeResult:
    """Initialize as an editor would: with Markdown, notebooks, configuration and (unless
    ``related`` is false) related information in diagnostics."""
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(encodings, related),
            initialization_options=options,
            root_uri="file:///work",
        )
    )


async def until(condition: Callable[[], Any], what: str) -> Any:
    """Wait for ``condition()`` to be true (at most WAIT_SECONDS); its value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while True:
        value = condition()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"waited {WAIT_SECONDS:.0f} s for {what}")
        await asyncio.sleep(0.01)


async def diagnostics_of(
    client: LanguageClient, uri: str, version: int | None = None, after: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics published for ``uri`` (for ``version``, if given), once there are
    more than ``after`` publications."""
    record = recorder(client)

    def ready() -> Published | None:
        found = record.by_uri.get(uri, [])
        if len(found) <= after:
            return None
        last = found[-1]
        return last if version is None or last.version == version else None

    published: Published = await until(ready, f"diagnostics of {uri} version {version}")
    return published.diagnostics


def open_notebook(
    client: LanguageClient,
    notebook: str,
    uris: Sequence[str],
    cells: Sequence[tuple[types.NotebookCellKind, str]],
) -> None:
    """Open a notebook as a client sends it: its cells (kind, text) under ``uris``, the code
    cells' texts as Python documents."""
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=notebook,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[
                    types.NotebookCell(kind=kind, document=uri)
                    for uri, (kind, _) in zip(uris, cells, strict=True)
                ],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
                for uri, (kind, text) in zip(uris, cells, strict=True)
                if kind == types.NotebookCellKind.Code
            ],
        )
    )


def open_document(
    client: LanguageClient, uri: str, text: str, language: str, version: int = 1
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected(text: str, findings: list[Finding]) -> list[tuple[str, str, str, int, int]]:
    """Findings as the diagnostics that show them should say: code, message, severity, and
    the 0-based line and UTF-16 column of their place."""
    import re

    lines = re.split(r"\r\n|\r|\n", text)
    shown: list[tuple[str, str, str, int, int]] = []
    for finding in findings:
        line = (finding.line or 1) - 1
        column = utf16(lines[line][: (finding.column or 1) - 1])
        shown.append((finding.code, finding.message, finding.severity, line, column))
    return shown


SEVERITY = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning"}


def seen(found: list[types.Diagnostic]) -> list[tuple[str, str, str, int, int]]:
    return [
        (
            str(d.code),
            d.message,
            SEVERITY[d.severity or types.DiagnosticSeverity.Error],
            d.range.start.line,
            d.range.start.character,
        )
        for d in found
    ]
