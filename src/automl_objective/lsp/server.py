"""The language server: LSP messages in, the validator's findings out.

Handlers only record what changed and ask the scheduler for a check; checks, completion,
hover and code actions run in a thread pool, off the event loop. Whatever fails while
serving one document is a log message to the client (``window/logMessage``), never a dead
server.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer

from automl_objective import __version__
from automl_objective.api import FileResult, catalog, check_text
from automl_objective.lsp.cancellation import cancellable
from automl_objective.lsp.checked_units import Cell, Part, Unit, document_unit, notebook_unit
from automl_objective.lsp.code_actions import FIX_ALL, Fix, fix_all, fixes_for
from automl_objective.lsp.completion import completion_items
from automl_objective.lsp.diagnostics import Placed, diagnostics, placed_findings
from automl_objective.lsp.documents import count_lines_as_lsp_does
from automl_objective.lsp.hover import hover_at
from automl_objective.lsp.protocol import AnsweringProtocol
from automl_objective.lsp.request_context import slot_at
from automl_objective.lsp.scheduler import Scheduler
from automl_objective.lsp.settings import SECTION, Settings, read_settings
from automl_objective.lsp.text_units import Lines
from automl_objective.lsp.value_spans import PYTHON

log = logging.getLogger(__name__)
T = TypeVar("T")

DEBOUNCE_SECONDS = 0.2
"""Quiet time after an edit before the document is checked (open and save: at once)."""
CHECK_WORKERS = 4
NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(
    notebook_selector=[
        types.NotebookDocumentFilterWithCells(
            cells=[types.NotebookCellLanguage(language="python")], notebook="*"
        )
    ],
    save=True,
)


@dataclass(frozen=True)
class Outcome:
    """A check's result: the unit checked, with what settings, and its placed findings."""

    unit: Unit
    settings: Settings
    placed: dict[str, list[Placed]]


RECENT_CHECKS = 8
"""How many checks are remembered by their text: saving a document re-checks the text just
checked, and undo and redo go back to one; each is then a look-up."""
READS_OTHER_FILES = frozenset({"cloudformation-template"})
"""Kinds whose check may read files the text names (a SAM ``DefinitionUri``): their result
is not the text's alone, so it is never remembered."""


class RecentChecks:
    """``validate``'s results for the last few texts checked, by text, path and settings.

    A text being checked when another thread asks for it (a code action on a document whose
    check the scheduler has just started) is waited for, not checked twice."""

    def __init__(self, size: int = RECENT_CHECKS) -> None:
        self.size = size
        self.results: OrderedDict[tuple[str, str, Settings], FileResult] = OrderedDict()
        self.running: dict[tuple[str, str, Settings], Future[FileResult]] = {}
        self.lock = threading.Lock()

    def result(self, text: str, path: str, settings: Settings) -> FileResult:
        key = (text, path, settings)
        with self.lock:
            known = self.results.get(key)
            if known is not None:
                self.results.move_to_end(key)
                return known
            running = self.running.get(key)
            if running is None:
                mine = self.running[key] = Future()
        if running is not None:
            return running.result()
        try:
            result = self._check(text, path, settings)
        except BaseException as error:
            with self.lock:
                del self.running[key]
            mine.set_exception(error)
            raise
        with self.lock:
            del self.running[key]
            if result.kind not in READS_OTHER_FILES:
                self.results[key] = result
                while len(self.results) > self.size:
                    self.results.popitem(last=False)
        mine.set_result(result)
        return result

    @staticmethod
    def _check(text: str, path: str, settings: Settings) -> FileResult:
        return check_text(
            text,
            path,
            strict=settings.strict,
            skip_unknown=settings.skip_unknown,
            placeholders="dynamic" if settings.placeholders == "dynamic" else "report",
            max_bytes=settings.max_bytes,
        )


RECENT = RecentChecks()


def check_unit(unit: Unit, settings: Settings) -> Outcome:
    """Check a unit as ``validate`` checks the file it stands for, and place its findings in
    the editor's texts."""
    return Outcome(
        unit, settings, placed_findings(unit, RECENT.result(unit.text, unit.path, settings))
    )


class AutomlObjectiveServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "automl-objective",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=NOTEBOOK_SYNC,
            protocol_cls=AnsweringProtocol,
        )
        self.settings = Settings()
        self.shut_down = False
        """The client asked for a shutdown (then exit status 0, as LSP asks)."""
        self.pool = ThreadPoolExecutor(CHECK_WORKERS, thread_name_prefix="automl-objective")
        self.outcomes: dict[str, Outcome] = {}
        self.shown: dict[str, set[str]] = {}
        """The texts each unit has diagnostics shown in (a notebook's cells come and go)."""
        self.scheduler = Scheduler(
            self.pool, self.snapshot, self.run_check, self.publish, self.report_failure
        )

    # What is open -------------------------------------------------------------------------

    def snapshot(self, key: str) -> tuple[Unit, Settings] | None:
        """The unit ``key`` names as it is now, with the settings now (None: closed)."""
        unit = self.unit(key)
        return None if unit is None else (unit, self.settings)

    def unit(self, key: str) -> Unit | None:
        notebook = self.workspace.get_notebook_document(notebook_uri=key)
        if notebook is not None:
            texts = self.workspace.text_documents
            cells = [
                Cell(
                    cell.document,
                    cell.kind == types.NotebookCellKind.Code,
                    texts[unquote(cell.document)].source
                    if unquote(cell.document) in texts
                    else None,
                )
                for cell in notebook.cells
            ]
            return notebook_unit(key, cells, notebook.version)
        document = self.workspace.text_documents.get(unquote(key))
        if document is None:
            return None
        return document_unit(key, document.source, document.language_id, document.version)

    def unit_key(self, uri: str) -> str:
        """The unit a text belongs to: its notebook for a cell, else itself."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        return notebook.uri if notebook is not None else uri

    def known(self, uri: str) -> str:
        """``uri`` itself if the client has it open (a document, a notebook or a cell); else a
        request about it is refused with InvalidParams, as its params name nothing."""
        key = unquote(uri)
        if key in self.workspace.text_documents or key in self.workspace.notebook_documents:
            return uri
        raise JsonRpcInvalidParams(f"{uri} is not open (no textDocument/didOpen for it)")

    def part(self, uri: str) -> Part | None:
        """The text ``uri`` names as the editor has it, and how it is written."""
        if self.workspace.get_notebook_document(cell_uri=uri) is not None:
            document = self.workspace.text_documents.get(unquote(uri))
            return None if document is None else Part(uri, document.source, PYTHON)
        unit = self.unit(uri)
        return None if unit is None else unit.parts[0]

    def code_around(self, part: Part) -> tuple[str, int]:
        """The text a completion in ``part`` reads its request from, and where the part
        starts in it: a notebook cell's is every code cell's, in order (a request built in
        one cell is sent by a call in another), else the part's own."""
        notebook = self.workspace.get_notebook_document(cell_uri=part.uri)
        if notebook is None:
            return part.text, 0
        texts: list[str] = []
        shift = 0
        for cell in notebook.cells:
            document = self.workspace.text_documents.get(unquote(cell.document))
            if cell.kind != types.NotebookCellKind.Code or document is None:
                continue
            if cell.document == part.uri:
                shift = sum(len(text) + 1 for text in texts)
                texts.append(part.text)
            else:
                texts.append(document.source)
        return "\n".join(texts), shift

    def markdown(self, feature: str) -> bool:
        """Whether the client shows Markdown in completion documentation or hovers."""
        capabilities = self.client_capabilities.text_document
        formats: list[str] = []
        if capabilities is not None and feature == "hover" and capabilities.hover:
            formats = list(capabilities.hover.content_format or [])
        elif capabilities is not None and capabilities.completion:
            item = capabilities.completion.completion_item
            formats = list(item.documentation_format or []) if item else []
        return types.MarkupKind.Markdown in formats

    @property
    def related(self) -> bool:
        """Whether the client shows a diagnostic's related information."""
        capabilities = self.client_capabilities.text_document
        published = capabilities.publish_diagnostics if capabilities else None
        return bool(published and published.related_information)

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    # Checks -------------------------------------------------------------------------------

    def request_check(self, key: str, delay: float = 0.0) -> None:
        self.scheduler.request(key, delay)

    def recheck_all(self) -> None:
        keys = {*self.workspace.notebook_documents, *self.workspace.text_documents}
        cells = {
            unquote(cell.document)
            for notebook in self.workspace.notebook_documents.values()
            for cell in notebook.cells
        }
        for key in keys - cells:
            self.request_check(key)

    @staticmethod
    def run_check(snapshot: tuple[Unit, Settings]) -> Outcome:
        return check_unit(*snapshot)

    def publish(self, key: str, outcome: Outcome) -> None:
        self.outcomes[key] = outcome
        uris = {part.uri for part in outcome.unit.parts}
        for stale in self.shown.get(key, set()) - uris:
            self.send_diagnostics(stale, [], None)
        self.shown[key] = uris
        version = None if outcome.unit.notebook else outcome.unit.version
        for part in outcome.unit.parts:
            found = diagnostics(
                outcome.unit, part, outcome.placed[part.uri], self.encoding, self.related
            )
            self.send_diagnostics(part.uri, found, version)

    def send_diagnostics(
        self, uri: str, found: list[types.Diagnostic], version: int | None
    ) -> None:
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        self.text_document_publish_diagnostics(params)

    def forget(self, key: str) -> None:
        self.scheduler.forget(key)
        self.outcomes.pop(key, None)
        for uri in self.shown.pop(key, set()):
            self.send_diagnostics(uri, [], None)

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A failure pygls caught: a request's is in its error reply already; any other (a
        notification's handler, a message that is not JSON) is a log message, not the
        pop-up pygls would show. A body ``json.loads`` refused is answered ParseError."""
        protocol = self.protocol
        unparsable = isinstance(error, ValueError | RecursionError)
        if source is JsonRpcException and unparsable and isinstance(protocol, AnsweringProtocol):
            protocol.refuse_unparsable(error)  # json.loads refused the body
        elif source is not FeatureRequestError:
            self.report_failure("a message from the client", error)

    def report_failure(self, what: str, error: BaseException) -> None:
        message = f"automl-objective: {what} failed: {type(error).__name__}: {error}"
        log.error("%s", message)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=message)
        )

    async def in_pool(self, what: str, work: Callable[[], T]) -> T | None:
        """``work()`` in the thread pool; its failure is a log message and None. Cancelled
        (the client's ``$/cancelRequest``), it stops at its next look (see
        :mod:`~automl_objective.lsp.cancellation`)."""
        cancelled = threading.Event()
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.pool, cancellable(cancelled, work)
            )
        except asyncio.CancelledError:
            cancelled.set()
            raise
        except Exception as error:
            self.report_failure(what, error)
            return None

    async def current_outcome(self, key: str) -> Outcome | None:
        """The findings of the unit as it is now: the last check's if it was of this text."""
        snapshot = self.snapshot(key)
        if snapshot is None:
            return None
        known = self.outcomes.get(key)
        if known is not None and (known.unit, known.settings) == snapshot:
            return known
        return await self.in_pool(f"checking {key}", lambda: check_unit(*snapshot))

    # Settings -----------------------------------------------------------------------------

    def apply_settings(self, raw: Any) -> None:
        settings, notes = read_settings(raw, self.settings)
        for note in notes:
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Warning, message=f"automl-objective: {note}"
                )
            )
        if settings != self.settings:
            self.settings = settings
            self.recheck_all()

    async def pull_settings(self) -> None:
        """Ask the client for the ``automlObjective`` section, if it can be asked."""
        capabilities = self.client_capabilities.workspace
        if capabilities is None or not capabilities.configuration:
            return
        try:
            answer = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
            )
        except Exception as error:
            self.report_failure("reading the settings", error)
            return
        if answer:
            self.apply_settings(answer[0])


def _fix_action(
    uri: str, fix: Fix, lines: Lines, kind: str, found: list[types.Diagnostic]
) -> types.CodeAction:
    edit = types.TextEdit(
        types.Range(lines.position(fix.start), lines.position(fix.end)), fix.new_text
    )
    return types.CodeAction(
        title=fix.title,
        kind=kind,
        diagnostics=found or None,
        is_preferred=fix.preferred or None,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def _kind(kind: str) -> str:
    """A code action kind as its string (lsprotocol's are an Enum of str)."""
    return str(getattr(kind, "value", kind))


def _wants(only: list[str] | None, kind: str) -> bool:
    """Whether a client asking for ``only`` kinds wants ``kind`` (a kind covers its sub-kinds)."""
    wanted = _kind(kind)
    return only is None or any(wanted == o or wanted.startswith(o + ".") for o in only)


def code_actions(
    server: AutomlObjectiveServer, params: types.CodeActionParams, outcome: Outcome
) -> list[types.CodeAction]:
    uri = params.text_document.uri
    part = next((p for p in outcome.unit.parts if p.uri == uri), None)
    if part is None or (outcome.unit.path.lower().endswith(".ipynb") and not outcome.unit.notebook):
        return []  # a notebook opened as JSON text: its code is escaped inside strings
    placed = outcome.placed.get(uri, [])
    lines = Lines(part.text, server.encoding)
    start, end = lines.offset_at(params.range.start), lines.offset_at(params.range.end)
    only = [_kind(kind) for kind in params.context.only] if params.context.only else None
    known = catalog()
    actions = []
    if _wants(only, types.CodeActionKind.QuickFix):
        for item in placed:
            if item.start <= end and item.end >= start:
                shown = diagnostics(outcome.unit, part, [item], server.encoding, server.related)
                for fix in fixes_for(part, item, known):
                    actions.append(
                        _fix_action(uri, fix, lines, types.CodeActionKind.QuickFix, shown)
                    )
    fixes = fix_all(part, placed, known) if _wants(only, FIX_ALL) else []
    if fixes:
        edits = [
            types.TextEdit(types.Range(lines.position(f.start), lines.position(f.end)), f.new_text)
            for f in fixes
        ]
        actions.append(
            types.CodeAction(
                title="Fix all automl-objective findings",
                kind=FIX_ALL,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


def build_server() -> AutomlObjectiveServer:
    server = AutomlObjectiveServer()
    _register_sync(server)
    _register_features(server)
    return server


def _register_sync(server: AutomlObjectiveServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: AutomlObjectiveServer, params: types.InitializeParams) -> None:
        count_lines_as_lsp_does(ls.workspace)  # pygls has just created it, empty
        ls.apply_settings(params.initialization_options)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: AutomlObjectiveServer, params: None) -> None:
        ls.shut_down = True
        ls.pool.shutdown(wait=False, cancel_futures=True)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: AutomlObjectiveServer, params: types.InitializedParams) -> None:
        await ls.pull_settings()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration_changed(
        ls: AutomlObjectiveServer, params: types.DidChangeConfigurationParams
    ) -> None:
        if isinstance(params.settings, dict) and SECTION in params.settings:
            ls.apply_settings(params.settings)
        else:
            await ls.pull_settings()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def opened(ls: AutomlObjectiveServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.request_check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def changed(ls: AutomlObjectiveServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.request_check(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def saved(ls: AutomlObjectiveServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.request_check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def closed(ls: AutomlObjectiveServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_opened(
        ls: AutomlObjectiveServer, params: types.DidOpenNotebookDocumentParams
    ) -> None:
        ls.request_check(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_changed(
        ls: AutomlObjectiveServer, params: types.DidChangeNotebookDocumentParams
    ) -> None:
        ls.request_check(params.notebook_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_saved(
        ls: AutomlObjectiveServer, params: types.DidSaveNotebookDocumentParams
    ) -> None:
        ls.request_check(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_closed(
        ls: AutomlObjectiveServer, params: types.DidCloseNotebookDocumentParams
    ) -> None:
        ls.forget(params.notebook_document.uri)


def _register_features(server: AutomlObjectiveServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=['"', "'", ":", "="]),
    )
    async def complete(
        ls: AutomlObjectiveServer, params: types.CompletionParams
    ) -> list[types.CompletionItem] | None:
        part, encoding = ls.part(ls.known(params.text_document.uri)), ls.encoding
        markdown = ls.markdown("completion")
        if part is None:
            return None

        context, shift = ls.code_around(part)

        def items() -> list[types.CompletionItem]:
            offset = Lines(part.text, encoding).offset_at(params.position) + shift
            slot = slot_at(context, offset, part.language, catalog())
            if slot is None:
                return []
            slot = dataclasses.replace(slot, start=slot.start - shift, end=slot.end - shift)
            return completion_items(slot, catalog(), part.text, part.language, encoding, markdown)

        return await ls.in_pool(f"completion in {part.uri}", items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: AutomlObjectiveServer, params: types.HoverParams) -> types.Hover | None:
        part, encoding = ls.part(ls.known(params.text_document.uri)), ls.encoding
        markdown = ls.markdown("hover")
        if part is None:
            return None

        def shown() -> types.Hover | None:
            offset = Lines(part.text, encoding).offset_at(params.position)
            return hover_at(part.text, offset, part.language, catalog(), encoding, markdown)

        return await ls.in_pool(f"hover in {part.uri}", shown)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def actions(
        ls: AutomlObjectiveServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        outcome = await ls.current_outcome(ls.unit_key(ls.known(params.text_document.uri)))
        if outcome is None:
            return None
        return await ls.in_pool(
            f"code actions in {params.text_document.uri}",
            lambda: code_actions(ls, params, outcome),
        )
