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


def pause() -> None:
    global _paused, console_script
    _paused = console_script = True
    gc.disable()


def done() -> None:
    """Start-up is over (a no-op unless :func:`pause` ran, or when called again)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
