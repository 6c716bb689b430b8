"""The problem type of the request around a completed value, read outwards from the place
(:func:`~automl_objective.lsp.request_context.nearby_problem_type`): what reading the whole
text answers, wherever the text near the place tells it, without reading the whole text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.api import catalog
from automl_objective.lsp import enclosing, lexer, request_context
from automl_objective.lsp.lexer import Token, string_or_comment_start, string_or_comment_start_from
from automl_objective.lsp.request_context import METRIC, _Code, nearby_problem_type, slot_at
from tests.support.fuzzing import examples

PIECES = [
    *"'\"\\#\n\r \t(){}[]:,=*x",
    "'''",
    '"""',
    "\\\n",
    "# c",
    "p = ",
    "\np=",
    ":p",
    "=p",
    ":null",
    "**p",
    "ProblemType",
    '"ProblemType": "Regression"',
    "problem_type='TextGeneration'",
    "TimeSeriesForecastingJobConfig=",
    '"MetricName": "',
]


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.sampled_from([1, 2, 5]),
    st.sampled_from([1, 3]),
    st.sampled_from([1, 4, 16, enclosing.BUDGET]),
)
def test_the_problem_type_read_near_a_place_is_the_whole_texts(
    text: str, nearest: int, chunk: int, budget: int
) -> None:
    """Windows and chunks of a few characters, so that a short text is read in many, and
    budgets of a few tokens; the tokens read, where they are all of them, the whole text's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(enclosing, "_NEAREST", nearest)
        patch.setattr(enclosing, "_CHUNK", chunk)
        whole = _Code(text)
        for offset in range(len(text) + 1):
            around = enclosing.Enclosing(text, offset, budget)
            near = nearby_problem_type(around, catalog())
            if not isinstance(near, request_context._Untold):
                assert near == whole.problem_type(offset, catalog()), (text, offset)
            assert around.whole() in (None, whole.tokens), (text, offset)


def _one_line_request(tags: int) -> str:
    return (
        '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "MSE"}, "Tags": ['
        + ",".join(f'{{"Key": "k{i}", "Value": "v"}}' for i in range(tags))
        + "]}"
    )


def test_a_metric_value_is_completed_reading_only_the_text_near_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A MetricName value on a one-line JSON request of 0.5 and 2 MB, its problem type named
    before it: the same tokens read at both sizes, never the whole text's (which took
    seconds: 2.2 s at 4 MB)."""
    made = [0]

    def counted(text: str, *where: Any) -> list[Token]:
        found = tokens(text, *where)
        made[0] += len(found)
        return found

    def whole(_: str) -> None:
        raise AssertionError("the whole text was read")

    tokens = lexer.tokens
    monkeypatch.setattr(request_context, "tokens", counted)
    monkeypatch.setattr(enclosing, "tokens", counted)
    monkeypatch.setattr(request_context, "_Code", whole)
    read = {}
    for tags in (16_000, 64_000):
        text = _one_line_request(tags)
        made[0] = 0
        slot = slot_at(text, text.index('"MSE"') + 2, "json", catalog())
        assert slot is not None and slot.member == METRIC
        assert slot.problem_type == "Regression"
        read[tags] = made[0]
    assert read[16_000] == read[64_000] < 2_000, read


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_where_strings_start_read_on_from_an_earlier_place_is_read_from_the_start(
    text: str,
) -> None:
    """Places in order, each read on from where the last left off: the answers read from 0."""
    position = 0
    for offset in range(len(text) + 1):
        found, position = string_or_comment_start_from(text, offset, position)
        assert found == string_or_comment_start(text, offset), (text, offset)
        assert position <= offset
