"""The forgiving lexer the completion, hover and quick fixes read code with: every text is
tokens (never an exception), each token the text between its offsets, what lies between two
tokens only spaces, comments and line continuations."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.api import catalog
from automl_objective.lsp.lexer import STRING, token_at, tokens
from automl_objective.lsp.request_context import METRIC, slot_at
from tests.support.fuzzing import examples

PIECES = [*"'\"\\#\n\r \t\f\x0b(){}[]:,=.-+*rbfuRBFUtT019_é\u2028", "'''", '"""', "\\\n", "x"]
_BETWEEN = re.compile(r"(?:[ \t\f\r\n]+|\\\r?\n|#[^\r\n]*)*")


def test_an_unclosed_triple_quoted_string_ending_in_a_backslash_runs_to_the_end() -> None:
    """Text being typed: such a string raised AssertionError, so that completion anywhere
    in the document failed."""
    for quote in ('"""', "'''"):
        text = f"x = {quote}abc\\"
        *_, last = tokens(text)
        assert (last.kind, last.start, last.end) == (STRING, 4, len(text))
        code = 'sm.create_auto_ml_job(AutoMLJobObjective={"MetricName": ""})\n' + text
        slot = slot_at(code, code.index('""') + 1, "python", catalog())
        assert slot is not None and slot.member == METRIC


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_every_text_is_tokens_with_only_spaces_and_comments_between(text: str) -> None:
    found = tokens(text)
    at = 0
    for token in found:
        assert token.text == text[token.start : token.end] and token.end > token.start
        gap = _BETWEEN.fullmatch(text, at, token.start)
        assert gap is not None, (text, at, token)
        assert token_at(text, at) == token
        at = token.end
    assert _BETWEEN.fullmatch(text, at) is not None and token_at(text, at) is None
    for token in found:  # read from a token on, or up to one: the same tokens
        assert tokens(text, token.start) == [t for t in found if t.start >= token.start]
        assert tokens(text, 0, token.start) == [t for t in found if t.start < token.start]
