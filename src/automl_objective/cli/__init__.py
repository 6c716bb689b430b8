"""The ``automl-objective`` command: parse arguments, call the library, print, exit.

Exit codes: 0 success (every document valid), 1 a document is invalid, unparsable or unreadable
(a named file that does not exist too: an ``unreadable`` finding, as in the API; or, for
``generate --check`` and ``sync``, something is stale), 2 usage error (for ``generate`` and
``sync`` also a schema, model or output folder they cannot use: one line, nothing written);
see :mod:`.exits`. Each command is a module of its own, imported only when it runs.
"""

from __future__ import annotations

import os
import sys

from automl_objective.cli import signals, start_up
from automl_objective.cli.exits import EXIT_OK, EXIT_PIPE, EXIT_SIGINT, EXIT_SIGTERM, EXIT_USAGE
from automl_objective.cli.streams import Output, OutputError, discard_output, say

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import Any, TextIO

    Command = Callable[[argparse.Namespace, TextIO], int]


def _command(name: str) -> Command:
    """The function that runs a command, from its module (imported only now)."""
    if name == "validate":
        from automl_objective.cli.validate import run_validate

        return run_validate
    if name == "resolve":
        from automl_objective.cli.resolve import run_resolve

        return run_resolve
    if name in ("metrics", "schemas"):
        from automl_objective.cli.lookups import run_metrics, run_schemas

        return run_metrics if name == "metrics" else run_schemas
    if name == "lsp":
        from automl_objective.cli.lsp import run_lsp

        return run_lsp
    from automl_objective.cli.codegen import run_generate, run_sync

    return run_generate if name == "generate" else run_sync


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command, for a caller in Python. SIGTERM is handled as SIGINT is: the run
    stops (and stops its workers) and returns 143 (130 for SIGINT), without a traceback."""
    return _main(argv, signals.raise_for)


def entry() -> None:
    """The ``automl-objective`` command: :func:`main`, except that SIGINT and SIGTERM end the
    process at once with 130 / 143.

    An exception raised by a signal at an arbitrary point is not safe for the interpreter
    itself: one that interrupts an import made CPython 3.11 end by re-sending SIGINT (status
    -2) and CPython 3.13 hang at exit. Nothing of a run needs cleaning up on an interrupt
    (results are printed only at its end; generate's files are each old or new, and its
    temporaries go with the next run; workers die with the process), so it ends at once.

    The garbage collector waits until the command's start-up is over (:mod:`.start_up`).
    The process ends without the interpreter's teardown (:func:`_leave`).
    """
    start_up.pause()
    _leave(_main(None, signals.exit_for))


def _leave(code: int) -> None:
    """End the process with ``code``, once standard output and error are flushed, without
    the interpreter's teardown: freeing every module and object one by one, and a last full
    collection, cost 4.3 M instructions of a cold ``validate`` and 14 M of one over a
    thousand files, for memory the process gives back whole. Nothing a command leaves needs
    it: results are written and flushed, files written are closed, workers are reaped.
    Where something asked to run at exit (an ``atexit`` handler) or a thread still runs, or
    a stream cannot be flushed, the interpreter exits as usual, doing what it does then."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)
    if _exit_handlers() or _threading_active():
        sys.exit(code)
    os._exit(code)


def _exit_handlers() -> int:
    """How many ``atexit`` handlers are registered (one, to be safe, where it cannot tell)."""
    import atexit  # built in: nothing to load

    count = getattr(atexit, "_ncallbacks", None)
    return count() if callable(count) else 1


def _threading_active() -> bool:
    """Whether a thread other than the main one may run (only if threading was imported)."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _main(argv: Sequence[str] | None, handler: Any) -> int:
    previous: dict[int, Any] = {}
    try:  # installed inside the try: a signal right after it is still handled here
        previous = signals.handle_signals(handler)
        return _run(argv)
    except (KeyboardInterrupt, signals.Interrupted):
        return EXIT_SIGINT
    except signals.Terminated:
        return EXIT_SIGTERM
    finally:
        signals.restore(previous)


def _run(argv: Sequence[str] | None) -> int:
    if sys.stdout is None:
        say("automl-objective: error: standard output is closed; no result could be reported")
        return EXIT_USAGE
    try:
        args = _parse(sys.argv[1:] if argv is None else argv)
    except SystemExit as done:  # --help and --version print, then argparse exits
        if done.code in (0, None):
            return _flushed_or_usage()
        raise
    except OSError as error:  # help or a usage error could not be written
        return _write_failed(error)

    out = Output(sys.stdout)
    try:
        command = _command(args.command)
        if args.command != "validate":  # validate says when: once its checker is built
            start_up.done()
        code = command(args, out)  # type: ignore[arg-type]  # Output writes as a TextIO does
        out.flush()
    except OutputError as error:
        return _write_failed(error.cause)
    return code


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The command line read; argparse is imported only for one that needs it. (Imported
    here, once the signal handlers are in place: an import a signal interrupts is what the
    handlers exist to keep from happening.)"""
    from automl_objective.cli.fast_path import plain_validate

    args = plain_validate(argv)
    if args is None:
        from automl_objective.cli.parser import parse_arguments

        args = parse_arguments(argv)
    return args


def _flushed_or_usage() -> int:
    """0 once what argparse printed reached standard output; 2 (one line) if it could not."""
    try:
        sys.stdout.flush()
    except OSError as error:
        return _write_failed(error)
    return EXIT_OK


def _write_failed(error: OSError) -> int:
    """Standard output failed: quiet for a reader that left (`| head`), as other tools are;
    otherwise one line and exit 2."""
    discard_output()
    if isinstance(error, BrokenPipeError):
        return EXIT_PIPE
    say(f"automl-objective: error: cannot write the results: {error.strerror or error}")
    return EXIT_USAGE
