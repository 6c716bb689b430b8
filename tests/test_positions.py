"""Line and column of a JSON Pointer's target in JSON and YAML sources."""

from __future__ import annotations

from automl_objective.documents import parse_text
from automl_objective.positions import Request, line_column, locate_json

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


def test_many_positions_in_one_sweep_match_one_at_a_time() -> None:
    from automl_objective.positions import line_columns, locate_json_all

    offsets = [len(TEXT) - 1, 0, 5, 5, TEXT.index("deep"), TEXT.index("accent")]
    assert line_columns(TEXT, offsets) == [
        (TEXT.count("\n", 0, o) + 1, o - TEXT.rfind("\n", 0, o)) for o in offsets
    ]
    requests: list[Request] = [
        (["list", 1, "b", 1], False),
        (["a"], True),
        (["list", 1, "nope"], False),
    ]
    assert locate_json_all(TEXT, requests) == [(3, 28), (2, 3), (3, 15)]


def test_crlf_and_one_long_line() -> None:
    crlf = '{\r\n  "a": 1,\r\n  "b": [true]\r\n}\r\n'
    assert locate_json(crlf, ["b", 0]) == (3, 9)
    minified = "[" + ",".join(['{"k": "x"}'] * 10_000) + "]"
    assert locate_json(minified, [9_999, "k"]) == (1, 1 + 11 * 9_999 + 7)


def test_yaml_aliases_are_one_node_and_merge_keys_are_found() -> None:
    document = parse_text("job.yaml", "base: &b\n  MetricName: F1\nx: *b\n<<: *b\n")
    (first, _), (second, _) = document.spots([(["base"], False), (["x"], False)])
    spots = document.spots([(["base", "MetricName"], False), (["x", "MetricName"], False)])
    assert first == second == (1, 7)  # the anchor
    assert spots[0] == spots[1] and spots[0][1] is not None
    assert document.data["MetricName"] == "F1"
    assert document.locate(["MetricName"]) == (2, 15)
