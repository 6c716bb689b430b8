"""Line and column of a JSON Pointer's target in JSON and YAML sources."""

from __future__ import annotations

from automl_objective.documents import parse_text
from automl_objective.positions import line_column, locate_json

TEXT = """{
  "a": "x\\"}{[",
  "list": [1, {"b": [true, null]}, "s"],
  "dup": 1,
  "dup": {"deep": -2.5e3},
  "\\u00e9": "accent"
}
"""


def test_line_column_is_one_based() -> None:
    assert line_column("ab\ncd", 0) == (1, 1)
    assert line_column("ab\ncd", 4) == (2, 2)


def test_values_keys_and_array_items() -> None:
    assert locate_json(TEXT, ["a"]) == (2, 8)
    assert locate_json(TEXT, ["a"], key=True) == (2, 3)
    assert locate_json(TEXT, ["list", 1, "b", 1]) == (3, 28)
    assert locate_json(TEXT, ["list", "2"]) == (3, 36)
    assert locate_json(TEXT, ["é"]) == (6, 13)


def test_the_last_duplicate_wins_like_json_loads() -> None:
    assert locate_json(TEXT, ["dup", "deep"]) == (5, 19)


def test_a_missing_member_points_at_its_nearest_ancestor() -> None:
    assert locate_json(TEXT, ["list", 1, "nope"]) == (3, 15)
    assert locate_json(TEXT, []) == (1, 1)


def test_unwalkable_text_gives_none() -> None:
    assert locate_json('{"a": ', ["a", "b"]) is None


def test_yaml_positions() -> None:
    document = parse_text(
        "job.yaml", "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: AUC\n"
    )
    assert document.locate(["AutoMLJobObjective", "MetricName"]) == (3, 15)
    assert document.locate(["AutoMLJobObjective", "MetricName"], key=True) == (3, 3)
    assert document.locate(["Nope"]) == (1, 1)


def test_bom_is_skipped() -> None:
    document = parse_text("a.json", '\ufeff{"MetricName": "F1"}')
    assert document.data == {"MetricName": "F1"}
    assert document.locate(["MetricName"]) == (1, 16)
