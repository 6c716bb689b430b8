"""close_matches.closest answers as difflib.get_close_matches(word, candidates, 1, cutoff)
does, for every word: random words over small alphabets (many blocks of equal length, so
the ties are exercised), the catalog's metric names misspelt, and long words (difflib's
popular-character rule); and a suggestion made by the checker loads no difflib."""

from __future__ import annotations

import difflib
import random
import subprocess
import sys

import pytest

from automl_objective.check.catalog import load_catalog
from automl_objective.check.close_matches import closest


def _difflib(word: str, candidates: list[str], cutoff: float) -> str | None:
    found = difflib.get_close_matches(word, candidates, 1, cutoff)
    return found[0] if found else None


@pytest.mark.parametrize("seed", range(4))
def test_random_words_get_difflibs_answer(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3_000):
        alphabet = rng.choice(["ab", "abc", "abcd", "abcdefghij", "aA_1 é"])
        size = rng.randint(1, 8)
        candidates = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(size)
        ]
        word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        cutoff = rng.choice([0.0, 0.3, 0.6, 0.8, 1.0])
        assert closest(word, candidates, cutoff) == _difflib(word, candidates, cutoff), (
            word,
            candidates,
            cutoff,
        )


def _misspelt(rng: random.Random, name: str) -> str:
    chars = list(name)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(chars) + 1)
        edit = rng.choice("dir")
        if edit == "d" and at < len(chars):
            del chars[at]
        elif edit == "i":
            chars.insert(at, rng.choice("aeiouxyzAEF1"))
        elif at < len(chars):
            chars[at] = rng.choice("aeiouxyzAEF1")
    return "".join(chars)


def test_misspelt_metric_names_get_difflibs_answer() -> None:
    names = sorted(load_catalog().metric_names)
    rng = random.Random(7)
    for _ in range(2_000):
        word = _misspelt(rng, rng.choice(names))
        for candidates in (names, [name.casefold() for name in names]):
            assert closest(word, candidates, 0.6) == _difflib(word, candidates, 0.6), word


def test_long_words_get_difflibs_answer() -> None:
    """From 200 characters on, difflib leaves out a word's popular characters."""
    rng = random.Random(3)
    for size in (199, 200, 260):
        word = "".join(rng.choice("ab") for _ in range(size))
        candidates = [word[: size // 2] + "c" * 10, "ab" * (size // 2), word[::-1]]
        assert closest(word, candidates, 0.0) == _difflib(word, candidates, 0.0)


def test_a_suggestion_loads_no_difflib() -> None:
    program = (
        "import sys\n"
        "from automl_objective.check.findings import suggest\n"
        "print(suggest('Acuracy', ['Accuracy', 'AUC', 'F1']), 'difflib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["Accuracy", "False"]
