"""A finding's pointer: RFC 6901 escapes (``~0``, ``~1``) only where a token needs them,
and :func:`pointer_tokens` reads it back."""

from __future__ import annotations

import pytest

from automl_objective.base.finding import json_pointer, pointer_tokens


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        ((), ""),
        (("",), "/"),
        (("a", 0, "b"), "/a/0/b"),
        (("a/b", "c~d", "~1"), "/a~1b/c~0d/~01"),
        (("", ""), "//"),
        (("x", "/"), "/x/~1"),
    ],
)
def test_a_pointer_escapes_only_what_needs_it_and_reads_back(
    path: tuple[str | int, ...], pointer: str
) -> None:
    assert json_pointer(path) == pointer
    assert pointer_tokens(pointer) == tuple(str(token) for token in path)
