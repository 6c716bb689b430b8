"""The candidate closest to a word, as ``difflib.get_close_matches(word, candidates, 1,
cutoff)`` picks it, without importing difflib: that import (its classes, a namedtuple built
by ``eval``, two patterns, heapq) cost a run's first suggestion about 3 M instructions, for
one function of it.

The similarity is difflib's ratio: twice the characters matched over both lengths, the
matched characters found by taking the longest common block (the first in the candidate,
then in the word, when several are longest) and doing the same on each side of it. A
candidate of at least ``cutoff`` is kept; of those, the greatest by (ratio, candidate) wins.
As in difflib, two cheap bounds of the ratio (the lengths, the characters in common) rule
out most candidates before any matching.
difflib leaves out characters too popular in a word of 200 characters or more (its
``autojunk``): such a word is handed to difflib itself, so every answer stays difflib's.
"""

from collections.abc import Iterable

_DIFFLIB_FROM = 200
"""Words this long are answered by difflib (its popular-character rule applies to them)."""


def closest(word: str, candidates: Iterable[str], cutoff: float) -> str | None:
    """``(difflib.get_close_matches(word, candidates, 1, cutoff) or [None])[0]``."""
    if len(word) >= _DIFFLIB_FROM:
        import difflib

        found = difflib.get_close_matches(word, list(candidates), 1, cutoff)
        return found[0] if found else None
    at: dict[str, list[int]] = {}  # each character of the word, where it stands
    for index, char in enumerate(word):
        at.setdefault(char, []).append(index)
    best: tuple[float, str] | None = None
    for candidate in candidates:
        total = len(candidate) + len(word)
        if not total:
            score = 1.0
        elif 2.0 * min(len(candidate), len(word)) / total < cutoff:
            continue  # too short or too long to reach the cutoff: nothing to match
        elif 2.0 * _shared(candidate, at) / total < cutoff:
            continue  # too few characters in common, wherever they stand
        else:
            score = 2.0 * _matched(candidate, word, at) / total
        if score >= cutoff and (best is None or (score, candidate) > best):
            best = (score, candidate)
    return None if best is None else best[1]


def _shared(a: str, at: dict[str, list[int]]) -> int:
    """The characters ``a`` and the word have in common, counted with repeats: a bound of
    those matched (cheap next to matching them, so most candidates stop here)."""
    left: dict[str, int] = {}
    shared = 0
    for char in a:
        count = left.get(char)
        if count is None:
            count = len(at.get(char, ()))
        if count > 0:
            shared += 1
        left[char] = count - 1
    return shared


def _matched(a: str, b: str, at: dict[str, list[int]]) -> int:
    """The characters of ``a`` and ``b`` matched block by block (``at``: where each
    character stands in ``b``)."""
    total = 0
    pending = [(0, len(a), 0, len(b))]
    while pending:
        a_low, a_high, b_low, b_high = pending.pop()
        i, j, size = _longest(a, at, a_low, a_high, b_low, b_high)
        if size:
            total += size
            if a_low < i and b_low < j:
                pending.append((a_low, i, b_low, j))
            if i + size < a_high and j + size < b_high:
                pending.append((i + size, a_high, j + size, b_high))
    return total


def _longest(
    a: str, at: dict[str, list[int]], a_low: int, a_high: int, b_low: int, b_high: int
) -> tuple[int, int, int]:
    """The longest block of ``a[a_low:a_high]`` also in ``b[b_low:b_high]``: its start in
    each and its size; of several, the one starting first in ``a``, then in ``b``."""
    best_i, best_j, best = a_low, b_low, 0
    ending: dict[int, int] = {}  # j -> size of the block ending at a[i - 1] and b[j]
    for i in range(a_low, a_high):
        now: dict[int, int] = {}
        for j in at.get(a[i], ()):
            if j < b_low:
                continue
            if j >= b_high:
                break
            size = now[j] = ending.get(j - 1, 0) + 1
            if size > best:
                best_i, best_j, best = i - size + 1, j - size + 1, size
        ending = now
    return best_i, best_j, best
