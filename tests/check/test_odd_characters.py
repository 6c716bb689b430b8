"""A name that holds a character no name holds says which, by its Unicode name (the
``unicodedata`` library, loaded only then: tests/cli/test_start_up.py)."""

from __future__ import annotations

import pytest

from automl_objective.api import validate_data


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("F1\u200b", "it contains ZERO WIDTH SPACE (U+200B)"),
        ("F1\x01", "it contains a control character (U+0001)"),
        ("F1\udc80", "it contains a lone surrogate (U+DC80)"),
    ],
)
def test_an_odd_character_in_a_name_is_named(value: str, words: str) -> None:
    (finding,) = validate_data({"MetricName": value}).findings
    assert finding.code == "unknown-metric"
    assert finding.message.endswith(f"; {words}; did you mean 'F1'?")
