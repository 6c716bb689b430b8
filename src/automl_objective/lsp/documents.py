"""Open documents whose lines end where LSP says they end: at LF, CRLF or a lone CR.

pygls's ``TextDocument`` splits its text with ``str.splitlines``, which also ends a line at
U+2028, U+2029, NEL, a form feed, a vertical tab and the file, group and record separators.
An incremental edit after one of those lands on the wrong line, and the server's copy of the
document is then no longer the editor's (measured on pygls 2.1: an edit of line 2 after a form
feed in a Python string was applied to line 1). The validator counts lines as LSP does, so
the documents must too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pygls.workspace import TextDocument, Workspace

LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
"""One line as LSP counts it, with its line break."""


class LspLinesDocument(TextDocument):
    @property
    def lines(self) -> Sequence[str]:
        return tuple(LSP_LINE.findall(self.source))


class LspLinesWorkspace(Workspace):
    """A workspace whose text documents (notebook cells included) count lines as LSP does."""

    def _create_text_document(
        self,
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return LspLinesDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=self._sync_kind,
            position_codec=self._position_codec,
        )


def count_lines_as_lsp_does(workspace: Workspace) -> None:
    """Make the workspace pygls has just created (empty: called from ``initialize``) create
    its documents as :class:`LspLinesDocument`."""
    workspace.__class__ = LspLinesWorkspace
