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
"""

from __future__ import annotations

import gc


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
