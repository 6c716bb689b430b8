"""``automl-objective lsp``: the validator as a language server on standard input and output
(the server itself: :mod:`automl_objective.lsp`, which needs the ``lsp`` extra)."""

from __future__ import annotations

import argparse
from typing import TextIO

from automl_objective.cli.exits import usage


def run_lsp(args: argparse.Namespace, out: TextIO) -> int:
    from automl_objective.lsp import LspExtraMissing, serve

    try:
        return serve()
    except LspExtraMissing as error:
        return usage(
            f"lsp needs the lsp extra (no module {error}): pip install 'automl-objective[lsp]'"
        )
