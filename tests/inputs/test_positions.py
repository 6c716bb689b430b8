"""Line and column of a JSON Pointer's target in JSON and YAML sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import validate_file
from automl_objective.inputs.positions import Request, line_column, locate_json
from automl_objective.inputs.syntax import parse_text

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
    from automl_objective.inputs.positions import line_columns, locate_json_all

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


# --- Which characters end a line --------------------------------------------------------------
#
# LF, CRLF and a lone CR, as YAML 1.2, JSON, Python, editors and GitHub count lines. NEL,
# U+2028 and U+2029 end a line in YAML 1.1 only (so in PyYAML's marks); form feeds never.

ODD = {
    "NEL": "\x85",
    "LINE SEPARATOR": "\u2028",
    "PARAGRAPH SEPARATOR": "\u2029",
    "lone CR": "\r",
    "CRLF": "\r\n",
    "form feed": "\x0c",
}
NOT_IN_YAML = {"form feed"}  # PyYAML refuses the character outright


def expected(text: str, marker: str) -> tuple[int, int]:
    """Where ``marker`` starts, counted by hand: lines end at LF, CRLF and a lone CR."""
    before = re.split(r"\r\n|\r|\n", text[: text.index(marker)])
    return len(before), len(before[-1]) + 1


def test_line_breaks_are_lf_crlf_and_a_lone_cr() -> None:
    from automl_objective.inputs.positions import line_columns, split_lines

    text = "a\nb\r\nc\rd\x85e\u2028f\u2029g\x0ch\r\n\r\ni"
    offsets = list(range(len(text) + 1))

    def by_hand(offset: int) -> tuple[int, int]:
        if text[offset - 1 : offset + 1] == "\r\n":  # the LF of a CRLF: its CR's line
            line, column = by_hand(offset - 1)
            return line, column + 1
        lines = split_lines(text[:offset])
        return len(lines), len(lines[-1]) + 1

    assert line_columns(text, offsets) == [by_hand(o) for o in offsets]
    assert line_columns(text, [text.index("i")]) == [(6, 1)]
    assert split_lines(text) == ["a", "b", "c", "d\x85e\u2028f\u2029g\x0ch", "", "i"]
    # the LF of a CRLF is on the line it ends, as its CR is
    assert line_columns("ab\r\ncd", [2, 3, 4]) == [(1, 3), (1, 4), (2, 1)]


def test_one_sweep_agrees_with_one_offset_at_a_time_in_any_order() -> None:
    from automl_objective.inputs.positions import line_column, line_columns

    text = "x\r\n\r\ry\u2028\n\rz\r\n"
    offsets = [7, 0, 3, 3, 10, 2, 1, 9, 4]
    assert line_columns(text, offsets) == [line_column(text, o) for o in offsets]


@pytest.mark.parametrize("name", sorted(set(ODD) - NOT_IN_YAML))
@pytest.mark.parametrize("where", ["comment", "double-quoted", "single-quoted", "key comment"])
def test_yaml_positions_after_an_odd_character(name: str, where: str) -> None:
    char = ODD[name]
    if char in ("\r", "\r\n"):
        before = {"comment": f"# note{char}", "key comment": f"Tags: [] # x{char}"}.get(
            where, f"AutoMLJobName: a{char}"
        )
    else:
        before = {
            "comment": f"# note {char}\n",
            "double-quoted": f'AutoMLJobName: "a{char}b"\n',
            "single-quoted": f"AutoMLJobName: 'a{char}b'\n",
            "key comment": f"Tags: [] # {char}\n",
        }[where]
    text = before + "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: AUC\n"
    document = parse_text("job.yaml", text)
    assert document.locate(["AutoMLJobObjective", "MetricName"]) == expected(text, "AUC")
    assert document.locate(["ProblemType"], key=True) == expected(text, "ProblemType")


@pytest.mark.parametrize("name", ["NEL", "LINE SEPARATOR", "PARAGRAPH SEPARATOR"])
def test_json_positions_after_an_odd_character_in_a_string(name: str) -> None:
    char = ODD[name]
    text = f'{{"AutoMLJobName": "a{char}b",\n "Tags": ["{char}{char}"],\n "MetricName": "Nope"}}'
    assert locate_json(text, ["MetricName"]) == expected(text, '"Nope"')
    assert locate_json(text, ["MetricName"]) == (3, 16)


@pytest.mark.parametrize("char", ["\r", "\r\n", "\n"])
def test_json_positions_after_each_kind_of_line_end(char: str) -> None:
    text = f'{{{char}"a": 1,{char}{char}"MetricName": "Nope"}}'
    assert locate_json(text, ["MetricName"]) == (4, 15)
    assert parse_text("x.json", text).locate(["MetricName"], key=True) == (4, 1)


def _first_finding(
    tmp_path: Path, name: str, text: str, code: str | None = None
) -> tuple[int | None, int | None]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    finding = next(f for f in validate_file(path).findings if code in (None, f.code))
    return finding.line, finding.column


@pytest.mark.parametrize("name", sorted(ODD))
def test_findings_after_an_odd_character_land_on_the_editors_line(
    name: str, tmp_path: Path
) -> None:
    """End to end, in each kind of file the character can be in."""
    char = ODD[name]
    ends_line = char in ("\r", "\r\n")
    cases: dict[str, str] = {}
    if name not in NOT_IN_YAML:  # in a comment, where nothing follows it on its line
        comment = f"# x {char}" if ends_line else f"# x {char}\n"
        cases["job.yaml"] = (
            comment + "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: AUC\n"
        )
    if not ends_line and name not in NOT_IN_YAML:  # raw in a JSON string
        cases["job.json"] = (
            f'{{"AutoMLJobName": "{char}",\n  "ProblemType": "Regression",\n'
            '  "AutoMLJobObjective": {"MetricName": "AUC"}}'
        )
    in_string = "" if ends_line else char
    cases["job.py"] = (  # "é" before 'AUC' on its line: ast's byte columns are converted
        (f"# x {char}" if ends_line else f"# x {char}\n") + f"import boto3\nx = '{in_string}é'\n"
        "boto3.client('sagemaker').create_auto_ml_job(\n"
        "  AutoMLJobName='é', ProblemType='Regression', AutoMLJobObjective={'MetricName':'AUC'})\n"
    )
    markers = {"job.json": '"AUC"', "job.py": "'AUC'", "job.yaml": "AUC"}
    for file, text in cases.items():
        found = _first_finding(tmp_path, file, text, "metric-not-allowed")
        assert found == expected(text, markers[file]), file


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029", "\r"])
def test_yaml_errors_after_an_odd_character_name_the_editors_line(
    char: str, tmp_path: Path
) -> None:
    duplicate = f"# {char}\nMetricName: F1\nMetricName: F1\n"
    assert _first_finding(tmp_path, "dup.yaml", duplicate) == (3, 1)
    (message,) = [f.message for f in validate_file(tmp_path / "dup.yaml").findings]
    assert "(lines 2 and 3)" in message
    broken = f"# {char}\nMetricName: [F1\n"
    assert _first_finding(tmp_path, "broken.yaml", broken)[0] == 3
    tag = f"# {char}\nMetricName: !!python/object:os.system x\n"
    assert _first_finding(tmp_path, "tag.yaml", tag) == (2, 13)
    number = f"# {char}\nMetricName: .nan\n"
    assert _first_finding(tmp_path, "nan.yaml", number) == (2, 13)


def test_an_encoding_error_is_placed_in_characters_after_any_line_end(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"a": "\xc3\xa9",\r"b":\r\n "\xe2\x80\xa8\xff"}')
    (finding,) = validate_file(path).findings
    assert (finding.code, finding.line, finding.column) == ("encoding", 3, 4)


@pytest.mark.parametrize("name", ["NEL", "LINE SEPARATOR", "PARAGRAPH SEPARATOR"])
def test_text_after_a_yaml_1_1_line_break_in_a_comment_is_read_as_yaml_1_1_does(
    name: str, tmp_path: Path
) -> None:
    """PyYAML, libyaml and the AWS CLI's ruamel.yaml end the comment there and read what
    follows as YAML; an editor shows one comment line. The error says so, at the editor's
    line and column."""
    char = ODD[name]
    text = f"ProblemType: Regression\n# note {char} MetricName: F1\nAutoMLJobObjective: {{}}\n"
    path = tmp_path / "job.yaml"
    path.write_text(text, encoding="utf-8")
    (finding,) = validate_file(path).findings
    assert finding.code == "parse-error"
    assert (finding.line, finding.column) == (2, 10)  # "MetricName", on the line shown
    assert f"U+{ord(char):04X}, at line 2, column 8 ends a line for YAML 1.1 parsers" in (
        finding.message
    )
    value = f"MetricName: F1{char}\n"  # read as F1, as the AWS CLI reads it
    assert parse_text("objective.yaml", value).data == {"MetricName": "F1"}


@pytest.mark.parametrize("name", sorted(ODD))
def test_notebook_cell_positions_after_an_odd_character(name: str, tmp_path: Path) -> None:
    """The line within the cell, as Jupyter shows it, after the character in a comment."""
    import json

    char = ODD[name]
    source = (
        (f"# note {char}" if char in ("\r", "\r\n") else f"# note {char}\n") + "import boto3\n"
        "boto3.client('sagemaker').create_auto_ml_job(\n"
        "  AutoMLJobName='é', ProblemType='Regression', AutoMLJobObjective={'MetricName':'AUC'})\n"
    )
    cell: dict[str, Any] = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": None,
    }
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# t"},
            {**cell, "source": source},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "job.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    (finding,) = [f for f in validate_file(path).findings if f.code == "metric-not-allowed"]
    assert (finding.cell, finding.line, finding.column) == (2, *expected(source, "'AUC'"))
