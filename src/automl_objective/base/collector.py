"""The garbage collector while one large document is checked: paused.

A parsed 5 MB document is some 100,000 objects that live until it is checked, and checking
it with 10,000 findings builds as many more: the collector, started every 700 new objects,
scanned them again and again (gen 0, then gen 1, then a full scan of everything),
freeing almost nothing: 7.5% of such a run's instructions. :func:`pause` turns it off for
one large document (``inputs.document.LARGE``) and :func:`resume` back on as it was; the
cycles the document left (few: a checked document is trees of plain data) are collected by
the next collection, which the allocations that follow start as they would have. Memory
stays bounded: nothing is left uncollected past the document, and small documents (a run of
many files) keep the collector as it is. Imported only for a large document, and by a run
split over workers, whose parent only gathers the results it keeps (``runner._collect``).

In the ``validate`` command's own process writing each file's lines (and its forked
workers), which ends without the interpreter's teardown (``cli._leave``), a large document
checked is left to die with the process (:func:`left_to_exit`), not freed object by object.
"""

from __future__ import annotations

import gc
import sys

_LEFT: list[object] = []
"""What :func:`left_to_exit` keeps: the last large document checked, and what checking it built."""


def pause() -> bool:
    """Turn the collector off (for a large document); whether
    :func:`resume` should turn it back on (not when it was off already, by a caller or by
    another thread's large document)."""
    if not gc.isenabled():
        return False
    gc.disable()
    return True


def resume(paused: bool) -> None:
    """Turn the collector back on if :func:`pause` turned it off."""
    if paused:
        gc.enable()


def left_to_exit(*objects: object) -> None:
    """Keep ``objects`` (a large document checked, and the lists its checking built) to the
    end of the process, out of the collector's sight (``gc.freeze``), where the process is
    the ``validate`` command's writing each file's lines
    (``cli.start_up.keeps_large_documents``, looked up in ``sys.modules``: a library user's
    process never imports the command line to learn it is not one). That process ends
    without the interpreter's teardown, so what is kept is never freed, where freeing the
    5 MB file's 100,000 parsed objects and its 10,000 findings' lists one by one cost 18.7 M
    instructions of its 632 M. Elsewhere (the API, the language server, the formats made of
    every result at the end: json and sarif, whose report would then not reuse the
    document's memory) nothing is kept. A second large document replaces the first, which
    is then freed as before: one at most is kept, the text report's peak memory about 2 MB
    more (the 5 MB file's: 39.5 -> 42.0 MB; the floor's 31.8 MB)."""
    start_up = sys.modules.get("automl_objective.cli.start_up")
    if getattr(start_up, "keeps_large_documents", False):
        _LEFT[:] = objects
        gc.freeze()  # what is kept lives on: a collection would scan it again for nothing
