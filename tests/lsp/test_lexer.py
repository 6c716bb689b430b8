"""The forgiving lexer the completion, hover and quick fixes read code with: every text is
tokens (never an exception), each token the text between its offsets, what lies between two
tokens only spaces, comments and line continuations."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.api import catalog
from automl_objective.lsp import request_context
from automl_objective.lsp.lexer import STRING, string_or_comment_start, token_at, tokens
from automl_objective.lsp.request_context import METRIC, _recent_tokens, slot_at, word_at
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


_COMMENT = re.compile(r"#[^\r\n]*")


def _in_string_or_comment(text: str, offset: int) -> int:
    """Where the string or comment that ``offset`` is strictly inside starts (a string's
    quote, after any prefix), read from the whole text's tokens and what lies between them
    (a comment), else ``offset``."""
    spans: list[tuple[int, int]] = []
    at = 0
    for token in [*tokens(text), None]:
        stop = len(text) if token is None else token.start
        spans += [m.span() for m in _COMMENT.finditer(text, at, stop)]
        if token is not None and token.kind == STRING:
            quote = token.end - len(token.text.lstrip("rRbBuUfFtT"))
            spans.append((quote, token.end))
        at = stop if token is None else token.end
    return next((start for start, end in spans if start < offset < end), offset)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_where_a_string_or_comment_starts_is_where_the_tokens_say(text: str) -> None:
    """Told in one match (C), as the whole text's tokens tell it, or left to them (None)."""
    for offset in range(len(text) + 1):
        found = string_or_comment_start(text, offset)
        if found is not None:
            assert found == _in_string_or_comment(text, offset), (text, offset)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.integers(0, 600))
def test_the_tokens_before_a_place_are_the_whole_texts(text: str, padding: int) -> None:
    """Read from a separator shortly before the place: the same last tokens as the whole text's."""
    text = "x" * padding + "," + text
    found = tokens(text)
    for offset in range(padding, len(text) + 1):
        recent = _recent_tokens(text, offset, 3)
        if recent is not None:
            assert recent == [t for t in found if t.start < offset][-3:], (text, offset)


def test_a_place_that_is_no_value_and_a_hover_are_told_without_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 2 MB line: completion where no value is written, and a hover on a metric, read only
    the text near the place (the whole text's tokens took seconds for either)."""
    text = '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}, "Tags": ['
    text += ",".join(f'{{"Key": "k{i}", "Value": "v"}}' for i in range(64_000)) + "]}"

    def whole(_: str) -> None:
        raise AssertionError("the whole text was read")

    monkeypatch.setattr(request_context, "_Code", whole)
    assert slot_at(text, len(text) - 3, "json", catalog()) is None
    metric = text.index('"MSE"') + 2
    assert word_at(text, metric, "json") == (metric - 1, metric + 2, "MSE")
    assert word_at(text, text.index('"v"}]}') + 1, "json") is not None
    assert word_at(text, len(text) - 1, "json") is None
