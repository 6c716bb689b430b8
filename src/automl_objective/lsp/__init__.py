"""``automl-objective lsp``: the validator as a language server on stdio (pygls).

Imported only by the ``lsp`` command: pygls and lsprotocol come with the ``lsp`` extra.
Everything it reports comes from :func:`automl_objective.api.check_text`, the library entry
``validate`` goes through, so the editor and the CLI never disagree.
"""

from __future__ import annotations


class LspExtraMissing(RuntimeError):
    """pygls or lsprotocol is not installed; the message names the missing module."""


def serve() -> int:
    """Run the server on standard input and output until the client says exit (or goes
    away); the exit status LSP asks for: 0 if the client asked for a shutdown first, else 1.

    The server reads and writes duplicates of the standard streams (pygls closes what it
    wrote to), so the process's own stay open for whoever called this.
    """
    import os
    import sys

    try:
        from automl_objective.lsp.server import build_server
    except ModuleNotFoundError as error:
        raise LspExtraMissing(error.name) from None
    server = build_server()
    with (
        os.fdopen(os.dup(sys.stdin.fileno()), "rb") as stdin,
        os.fdopen(os.dup(sys.stdout.fileno()), "wb") as stdout,
    ):
        server.start_io(stdin, stdout)
    return 0 if server.shut_down else 1
