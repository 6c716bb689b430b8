"""The garbage collector during the command line's start-up: off, then what start-up built
is frozen out of its sight.

Start-up imports the command's modules and builds the checker: tens of thousands of objects
that live as long as the process. The collector ran over them about a dozen times, freeing
nothing, and once more at exit. :func:`pause` (by ``entry()``, the console script) turns it
off; :func:`done` (once the command's start-up is over: ``validate`` calls it when its
checker is built, any other command when its module is imported) freezes what exists
(``gc.freeze``: never scanned again, not even at exit) and turns it back on, so the run's
own garbage is collected as before and memory stays bounded. A caller of ``main()`` in
Python keeps its collector as it is. A cold ``validate`` of one small file: 169 -> 150 M
instructions (callgrind).
"""

from __future__ import annotations

import gc

_paused = False
console_script = False
"""Whether this process is the console script's (or a worker it forked): set by :func:`pause`,
read by :mod:`automl_objective.inputs.pyyaml` (which imports PyYAML leanly only then)."""
keeps_large_documents = False
"""Whether this process is the console script's ``validate`` writing each file's lines (text,
github), or a worker it forked: it ends once its report is written, without the
interpreter's teardown, and its report is small beside a large document. Set by
:func:`keep_large_documents`, read by :func:`automl_objective.base.collector.left_to_exit`."""


def pause() -> None:
    global _paused, console_script
    _paused = console_script = True
    gc.disable()


def keep_large_documents() -> None:
    """The command is ``validate``, writing each file's lines (in the console script's
    process only: :data:`keeps_large_documents`)."""
    global keeps_large_documents
    keeps_large_documents = console_script


def done() -> None:
    """Start-up is over (a no-op unless :func:`pause` ran, or when called again)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
