"""Code written for a newer Python than the one running the tool: an f-string that reuses its
quotes (PEP 701, Python 3.12) is a warning on 3.11, read and checked on 3.12 and later; any
other syntax error stays an error on every Python. The suite runs on 3.11 and 3.13, so each
test asserts what its own Python must do."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from automl_objective.api import validate_file

READS_PEP_701 = sys.version_info >= (3, 12)
REQUEST = (
    "import boto3\n"
    "sm = boto3.client('sagemaker')\n"
    "sm.create_auto_ml_job_v2(AutoMLJobName='a', AutoMLJobObjective={'MetricName': 'F9'})\n"
)
NEWER = 'def f(row):\n    return f"{row["name"]}"\n'


def _notebook(path: Path, *sources: str) -> Path:
    cells: list[dict[str, object]] = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s}
        for s in sources
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), "utf-8")
    return path


def _codes(path: Path) -> list[tuple[str, str, int | None, int | None]]:
    """The metric's finding and the syntax's (the request's other members are left out)."""
    wanted = {"unknown-metric", "parse-error"}
    found = validate_file(path).findings
    return [(f.severity, f.code, f.cell, f.line) for f in found if f.code in wanted]


def test_a_cell_with_a_pep_701_f_string_is_read_on_312_and_a_warning_before(
    tmp_path: Path,
) -> None:
    path = _notebook(tmp_path / "n.ipynb", REQUEST, NEWER)
    result = validate_file(path)
    if READS_PEP_701:
        assert _codes(path) == [("error", "unknown-metric", 1, 3)]
    else:
        assert _codes(path) == [("error", "unknown-metric", 1, 3), ("warning", "parse-error", 2, 2)]
        message = next(f for f in result.findings if f.code == "parse-error").message
        assert "not valid Python 3.11" in message and "PEP 701" in message
        assert "Python 3.12 or later" in message


def test_the_request_in_such_a_cell_is_checked_where_python_reads_it(tmp_path: Path) -> None:
    path = _notebook(tmp_path / "n.ipynb", REQUEST + NEWER)
    expected = (
        [("error", "unknown-metric", 1, 3)] if READS_PEP_701 else [("warning", "parse-error", 1, 5)]
    )
    assert _codes(path) == expected
    assert validate_file(path).valid is not READS_PEP_701


def test_a_python_file_with_one_is_a_warning_before_312(tmp_path: Path) -> None:
    path = tmp_path / "job.py"
    path.write_text(REQUEST + NEWER, "utf-8")
    expected = (
        [("error", "unknown-metric", None, 3)]
        if READS_PEP_701
        else [("warning", "parse-error", None, 5)]
    )
    assert _codes(path) == expected


@pytest.mark.parametrize(
    "broken",
    [
        "def f(:\n    pass\n",  # no f-string anywhere
        "x = f'{1}' +* 2\n" if READS_PEP_701 else "x = 'a' +* f\n",
        'x = f"{1 +}"\n',  # an f-string no Python reads (a field that is not an expression)
    ],
)
def test_other_syntax_errors_stay_errors(tmp_path: Path, broken: str) -> None:
    path = _notebook(tmp_path / "n.ipynb", REQUEST, broken)
    found = _codes(path)
    if READS_PEP_701 or 'f"' not in broken:
        assert ("error", "parse-error", 2, 1) in found
    else:  # 3.11 cannot tell a broken f-string from a 3.12 one: a warning, said as such
        assert ("warning", "parse-error", 2, 1) in found


@pytest.mark.parametrize(
    ("broken", "line", "column"),
    [
        ('print(f"x") +)\n', 1, 14),  # an f-string before the error on its line
        ('y = f"{a}" if\n', 1, 14),
        ("x = f\"{a['b']}\" ; def :\n", 1, 19),
        ('x = f"{a["b"]}"\ny = (\n', 2, 5),  # a 3.12 f-string, then an error 3.12 sees too
        ('x = f"""{\n  a  # a comment\n}"""\nprint(f"{x}" +)\n', 4, 15),
        ('x = f"abc\n', 1, 5),  # an f-string not closed
    ],
)
def test_an_error_beside_an_f_string_stays_an_error_where_it_is(
    tmp_path: Path, broken: str, line: int, column: int
) -> None:
    """On 3.11 too: the cell with its f-strings blanked still fails, at the same place as on
    3.12, so the f-strings are not why it fails."""
    for path in (_notebook(tmp_path / "n.ipynb", REQUEST, broken), tmp_path / "job.py"):
        if path.suffix == ".py":
            path.write_text(REQUEST + broken, "utf-8")
            line_here = line + REQUEST.count("\n")
        else:
            line_here = line
        [finding] = [f for f in validate_file(path).findings if f.code == "parse-error"]
        assert (finding.severity, finding.line, finding.column) == ("error", line_here, column)
        assert "3.12" not in finding.message


@pytest.mark.parametrize(
    "newer",
    [
        'x = f"{row["name"]!r:>{width}}"\n',
        "x = rf'\\{{{d['k']}\\}}' + f'\\N{EM DASH}{d['k']}'\n",
        'x = f"""{\n  a  # a comment\n}""" + f"{x:%H:%M}"  # f"{\n',
        "x = f'{f'{f'{1}'}'}' + F\"{ {1: 2}[1] }\" + f'{a!=b}'\n",
        'x = f"{d["""\n"""]}"\n',  # 3.11 reads a string that ends on the next line
    ],
)
def test_code_3_12_reads_is_a_warning_before_3_12_however_its_f_strings_are_written(
    tmp_path: Path, newer: str
) -> None:
    path = _notebook(tmp_path / "n.ipynb", REQUEST, newer)
    severity = [f.severity for f in validate_file(path).findings if f.code == "parse-error"]
    assert severity == ([] if READS_PEP_701 else ["warning"])


def _work(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[SyntaxError, SyntaxError | None, int]:
    """The syntax error of ``source``, what :func:`newer_syntax_error` says of it (as it would
    on 3.11), and its work: the characters its string reading went over (nested strings
    counted in each around them, so a reading that went back over the text would count it
    again)."""
    from automl_objective.inputs.python import newer_syntax

    work = [0]
    string_end = newer_syntax._string_end

    def counted(text: str, index: int) -> tuple[int, bool]:
        found = string_end(text, index)
        work[0] += found[0] - index
        return found

    monkeypatch.setattr(newer_syntax, "_string_end", counted)
    monkeypatch.setattr(newer_syntax, "_READS_PEP_701", (99,))  # 3.12 and later return early
    try:
        compile(source, "<hostile>", "exec")
    except SyntaxError as raised:
        return raised, newer_syntax.newer_syntax_error(raised, source), work[0]
    raise AssertionError("the hostile source parsed")


def _hostile(lines: int, unclosed_in_each: bool) -> str:
    """Python 3.12 f-strings, one a line, with an unclosed bracket: in each f-string's field,
    or once, after the last."""
    if unclosed_in_each:
        return "".join(f'v{i:06d} = f"{{row["name"][{i}}}"\n' for i in range(lines))
    return "".join(f'v{i:06d} = f"{{row["name"]}}" + "x"\n' for i in range(lines)) + "y = (\n"


@pytest.mark.parametrize("unclosed_in_each", [True, False])
def test_hostile_f_strings_are_read_in_linear_work_and_said_in_one_line(
    monkeypatch: pytest.MonkeyPatch, unclosed_in_each: bool
) -> None:
    """A field left open in each f-string opened one more nested reading a line (the string
    after it holds the next line's f-string): past a thousand lines, a RecursionError, an
    internal error of the run. It is the syntax error now, and the work grows no faster than
    the file (counted, not timed)."""
    works = []
    for lines in (1_500, 3_000):
        raised, said, work = _work(_hostile(lines, unclosed_in_each), monkeypatch)
        works.append(work)
        if unclosed_in_each:  # the error as this Python says it (3.12 says it too)
            assert said is raised
        else:  # the bracket left open, where 3.12 sees it
            assert said is not None and (said.lineno, said.offset) == (lines + 1, 5)
    assert works[1] <= 2 * works[0] + 1_000


def test_a_file_of_fields_left_open_is_one_syntax_error_not_an_internal_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "hostile.py"
    path.write_text(REQUEST + _hostile(1_500, unclosed_in_each=True), "utf-8")
    [finding] = validate_file(path).findings
    assert (finding.severity, finding.code, finding.line) == ("error", "parse-error", 4)
