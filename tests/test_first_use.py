"""What a new user meets first: interpreters, colour, the package entry points."""

from __future__ import annotations

import io

import pytest
from automl_objective.documents import LoadError
from automl_objective.json_format import parse_json
from automl_objective.terminal import wants_colour


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environment", "terminal", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"TERM": "dumb"}, True, False),
        ({"CI": "true"}, True, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "CI": "true", "TERM": "dumb"}, True, True),
        ({"FORCE_COLOR": "0"}, True, True),
        ({"FORCE_COLOR": "0", "CI": "true"}, True, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_common_conventions(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], terminal: bool, expected: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "CI", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert wants_colour(_Terminal() if terminal else io.StringIO()) is expected


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "MetricName": "F1",\n}', 2, 21),
        ('{"MetricName": "F1" ,  }', 1, 21),
        ("[1, 2,]", 1, 6),
        ('{"a": [1,\n\n]}', 1, 9),
    ],
)
def test_a_trailing_comma_is_named_at_the_comma_on_every_python(
    text: str, line: int, column: int
) -> None:
    """Python 3.11 and 3.13 word and place this error differently; the finding does not."""
    with pytest.raises(LoadError) as caught:
        parse_json("t.json", text)
    assert caught.value.message == "invalid JSON: trailing comma before a closing bracket"
    assert (caught.value.line, caught.value.column) == (line, column)
