"""Large Python sources are read a piece at a time: the same findings, bounded memory."""

from __future__ import annotations

import ast
import sys
import tracemalloc
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.api import validate_file
from automl_objective.base.codes import Code
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.python import bindings as python_bindings
from automl_objective.inputs.python import pieces as python_pieces
from automl_objective.inputs.python import reader as python_source
from automl_objective.inputs.python.pieces import (
    PIECE_SIZE,
    STATEMENT_LIMIT,
    STATEMENT_TOKENS,
    WHOLE_LIMIT,
    pieces,
    quick_statement_lines,
    statement_lines,
)
from tests.support.code import check_python_text
from tests.support.fuzzing import examples
from tests.support.paths import ROOT

CALL = (
    'sm.create_auto_ml_job(ProblemType="Regression",'
    ' AutoMLJobObjective={"MetricName": "AUC"}, **k)\n'
)

TRICKY = '''# a comment above
import os
@decorator
@other(1,
       2)
def f(x):
    s = """
x = 1
"""
    if x:
        return 1
    else:
        return 2
if a:
    b = 1
elif c:
    b = 2
else:
    b = 3
try:
    pass
except* ValueError:
    pass
finally:
    pass
t = (1,
2)
u = 1 + \\
    2
\x0cv = 3
w = 'it\\'s ('  # (((
r = r"\\\\" + "\\\\"
match t:
    case (1, 2):
        pass
class C:

    x = 1

    def g(self):
        return f"""{self}
("""
'''


@pytest.mark.parametrize(
    "source",
    [
        TRICKY,
        TRICKY.replace("\n", "\r\n"),
        TRICKY.replace("\n", "\r"),
        *[path.read_text(encoding="utf-8") for path in sorted((ROOT / "src").rglob("*.py"))],
    ],
)
def test_the_quick_split_is_tokenizes(source: str) -> None:
    assert quick_statement_lines(source) == statement_lines(source)


def test_pieces_are_whole_statements_that_parse_alone_and_make_up_the_source() -> None:
    source = (TRICKY + CALL) * 200
    found = pieces(source)
    assert "".join(piece.text for piece in found) == source
    assert len(found) > 1 and all(len(piece.text) <= PIECE_SIZE for piece in found)
    whole = ast.dump(ast.parse(source), include_attributes=True)
    parts = [piece.parse("x").body for piece in found]
    assert ast.dump(ast.Module([s for body in parts for s in body], []), True, True) == whole


def _findings(tmp_path: Path, source: str) -> list[tuple[int | None, int | None, str]]:
    path = tmp_path / "big.py"
    path.write_text(source, encoding="utf-8")
    return [(f.line, f.column, f.code) for f in validate_file(path).findings]


def _big(body: str) -> str:
    """``body`` behind enough ordinary code to be read in pieces."""
    filler = "def helper_{0}(x):\n    return [x, {0}, 'text']\n\n"
    padding = "".join(filler.format(i) for i in range(WHOLE_LIMIT // 40))
    return padding + body + padding


BODIES = [
    # a name bound in one piece, used by a call in another
    'objective = {"MetricName": "AUC"}\n'
    + "x = 1\n" * 20_000
    + 'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=objective, **k)\n',
    # changed much later: dynamic
    'objective = {"MetricName": "AUC"}\n'
    'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=objective, **k)\n'
    + "x = 1\n" * 20_000
    + "objective.clear()\n",
    # functions, classes, scopes across pieces
    'def run(sm):\n    metric = "MSE"\n'
    '    sm.create_auto_ml_job(ProblemType="BinaryClassification",\n'
    '        AutoMLJobObjective={"MetricName": metric}, **k)\n' + CALL,
    "é = 1\n" + CALL.replace("**k", "AutoMLJobName='é', **k"),
]


@pytest.mark.parametrize("body", BODIES)
def test_a_source_read_in_pieces_has_the_findings_it_has_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    source = _big(body)
    assert len(source) > WHOLE_LIMIT
    in_pieces = _findings(tmp_path, source)
    monkeypatch.setattr(python_source, "WHOLE_LIMIT", 10**9)
    assert in_pieces == _findings(tmp_path, source)


def test_a_syntax_error_in_a_large_source_is_one_finding_where_python_says(
    tmp_path: Path,
) -> None:
    source = _big(CALL + "x = (1,\n")
    [(line, column, code)] = _findings(tmp_path, source)
    assert code == "parse-error"
    with pytest.raises(SyntaxError) as raised:
        ast.parse(source)
    assert (line, column) == (raised.value.lineno, raised.value.offset)


@pytest.mark.parametrize("f_strings", [False, True])
def test_a_large_source_left_inside_a_bracket_is_tokenized_once_a_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, f_strings: bool
) -> None:
    """Such a source's quick split gives way to tokenize, whose pieces were split by tokenize
    once more when one failed (the same pieces, the same error): once a reading now, the
    source's own and, on a Python before 3.12, that of the source with its f-strings blanked
    (counted, not timed)."""
    source = _big(CALL + ('x = f"{1}"\n' if f_strings else "") + "x = (1,\n")
    assert python_pieces.quick_statement_lines(source) is None
    tokenized = python_pieces._tokenized
    calls: list[int] = []

    def counted(text: str) -> tuple[list[int], SyntaxError | None]:
        calls.append(len(text))
        return tokenized(text)

    monkeypatch.setattr(python_pieces, "_tokenized", counted)
    [(_, _, code)] = _findings(tmp_path, source)
    assert code == "parse-error"
    reparsed = f_strings and sys.version_info < (3, 12)
    assert calls == [len(source)] * (2 if reparsed else 1)


@pytest.mark.parametrize("wrong", [lambda source: list(range(1, source.count("\n"))), None])
def test_a_wrong_quick_split_is_corrected_by_tokenize(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wrong: object
) -> None:
    # a split at every line cuts statements in two: the pieces do not parse, tokenize splits
    send = 'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=d, **k)\n'
    source = _big('d = {\n    "MetricName": "AUC",\n}\n' + send)
    expected = _findings(tmp_path, source)
    if wrong is not None:
        monkeypatch.setattr(python_pieces, "quick_statement_lines", wrong)
    assert _findings(tmp_path, source) == expected
    assert [code for _, _, code in expected] == ["metric-not-allowed"]


def test_a_statement_too_large_to_parse_is_one_finding_if_it_holds_a_call(
    tmp_path: Path,
) -> None:
    huge = "tags = [" + '{"Key": "k", "Value": "v"}, ' * (STATEMENT_LIMIT // 20) + "]\n"
    with_call = "sm.create_auto_ml_job(Tags=" + huge[7:].rstrip("\n") + ")\n"
    found = _findings(tmp_path, CALL + with_call + huge + CALL)
    assert found == [
        (1, 83, "metric-not-allowed"),
        (2, None, "too-large"),
        (4, 83, "metric-not-allowed"),
    ]


def test_a_long_statement_of_few_tokens_is_read(tmp_path: Path) -> None:
    # the SageMaker SDK's `class Session` is 327 KB of mostly docstrings and 50,000 tokens: a
    # class that long is parsed alone, and the call in one of its methods is read
    method = '    def m{0}(self):\n        """{1}"""\n        return self.x{0}\n'
    words = "Words of a long docstring, which make no syntax tree. " * 20
    body = "".join(method.format(i, words) for i in range(300))
    call = '        sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=o, **k)\n'
    objective = 'o = {"MetricName": "AUC"}\n'
    source = objective + "class Session:\n" + body + "    def send(self):\n" + call
    assert len(source) > STATEMENT_LIMIT
    assert _findings(tmp_path, source) == [(1, 20, "metric-not-allowed")]  # at the value


def test_a_long_statement_of_many_tokens_is_not_parsed_even_inside_a_string(
    tmp_path: Path,
) -> None:
    # an f-string's fields are nodes: counted, they keep the statement too large to parse
    fields = "{a}" * (STATEMENT_LIMIT // 3)
    assert 3 * len(fields) // 3 > STATEMENT_TOKENS
    call = f'sm.create_auto_ml_job(AutoMLJobObjective={{"MetricName": f"{fields}"}})\n'
    assert len(call) > STATEMENT_LIMIT
    assert _findings(tmp_path, CALL + call) == [
        (1, 83, "metric-not-allowed"),
        (2, None, "too-large"),
    ]


def test_names_a_statement_too_large_to_parse_spells_are_unknown(tmp_path: Path) -> None:
    objective = 'objective = {"MetricName": "AUC"}\n'
    send = 'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=objective, **k)\n'
    huge = "data = [" + "1, " * STATEMENT_LIMIT + "]\n"
    assert [c for _, _, c in _findings(tmp_path, objective + huge + send)] == ["metric-not-allowed"]
    changes = huge.replace("data = [", "data = [objective.clear(), ")
    assert _findings(tmp_path, objective + changes + send) == []


def test_held_values_and_calls_stay_within_their_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(python_bindings, "HELD_NODES", 400)
    bound = "".join(f'objective{i} = {{"MetricName": "AUC"}}\n' for i in range(200))
    sends = "".join(
        f'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=objective{i}, **k)\n'
        for i in range(200)
    )
    source = _big(bound + sends)
    binder = python_source._bind([python_source.parse_chunk(source, None, "big.py")])
    module = binder.scope
    held = [v for v, _ in module.once.values() if isinstance(v, ast.Dict)]
    assert sum(len(list(ast.walk(value))) for value in held) <= 400
    assert 0 < len(held) < 200 and 0 < len(binder.calls) < 200
    result = check_python_text("big.py", source)
    codes = [f.code for f in result.findings]
    # the first calls are read, with the values held; the calls not held are said
    assert codes.count(Code.METRIC_NOT_ALLOWED) == min(len(held), len(binder.calls))
    [unread] = [f for f in result.findings if f.code == "too-large"]
    assert unread.message.startswith("not checked: more code in AutoML calls than the 400 nodes")
    assert f"and {200 - len(binder.calls) - 1:,} more calls not read" in unread.message


def test_a_dense_source_is_read_in_bounded_memory() -> None:
    # 2 MB of numbers: some 700 MB of syntax tree parsed at once; read in pieces, a few dozen
    source = (
        CALL
        + "x = ["
        + "1, " * 700_000
        + "]\n"
        + "".join(f"y{i} = [{', '.join(['1'] * 100)}]\n" for i in range(2_000))
    )
    tracemalloc.start()
    try:
        result = check_python_text("dense.py", source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f.code for f in result.findings] == ["metric-not-allowed"]
    assert peak < 40 * len(source)  # was over 300 bytes for each byte of source


def test_a_large_notebook_cell_is_read_in_pieces_and_checked_first(tmp_path: Path) -> None:
    import json

    cell = _big(CALL)
    broken = _big(CALL + "x = (\n")
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "source": s,
                "execution_count": None,
            }
            for s in (broken, cell)
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "big.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    found = [(f.cell, f.code) for f in validate_file(path).findings]
    assert found == [(1, "parse-error"), (2, "metric-not-allowed")]


def test_a_large_source_that_is_not_python_is_still_one_finding() -> None:
    with pytest.raises(LoadError, match="not valid Python"):
        check_python_text("x.py", _big(CALL + "def (:\n"))


_FRAGMENTS = [
    *["x", " = ", "1", "'", '"', "'''", '"""', "(", ")", "[", "]", "{", "}", "\\", "\n", "\r\n"],
    *["\r", "    ", "\t", "#", " # c", "f'", "r'", "b'", "@d", "def f():", "class C:", "if x:"],
    *["else:", "elif y:", "try:", "except E:", "finally:", "pass", ":", ",", "\\n", "\\'", "\x0c"],
    *["lambda: ", "{x}", "é", "match x:", "case 1:", "return", "\n\n"],
]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60))
def test_pieces_of_the_quick_split_that_parse_are_the_whole_source(fragments: list[str]) -> None:
    # the property the quick split rests on: if every piece parses, the pieces together are
    # the file (a wrong split point leaves a piece that does not parse, and tokenize splits)
    source = "".join(fragments)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            whole = ast.dump(ast.parse(source), include_attributes=True)
    except SyntaxError:
        return
    statements: list[ast.stmt] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(python_pieces, "PIECE_SIZE", 1)  # one statement a piece
        for piece in pieces(source):
            try:
                statements += piece.parse("x").body
            except SyntaxError:
                return
    assert ast.dump(ast.Module(statements, []), include_attributes=True) == whole


def test_the_parsers_warnings_are_not_written_to_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    source = 'x = 1if True else 2\ny = "\\d"\n' + CALL
    for text in (source, _big(source)):
        assert [c for _, _, c in _findings(tmp_path, text)] == ["metric-not-allowed"]
    assert capfd.readouterr().err == ""


_CODE = [
    *["sm.create_auto_ml_job(", "AutoMLV2(", "AutoMLTabularConfig(", "ProblemType=", "x", "x = "],
    *['{"MetricName": ', '"AUC"', '"Regression"', "**", "[", "]", "}", ")", ", ", ": ", "\n"],
    *["\n    ", "def f(x):", "class C:", "global x", "x[0] = ", "del x", "f(x)", "'''", "\\\n"],
    *["match x:\n    case {'a': o}:\n        ", "(y := ", "for v in x.values():\n    ", "é"],
]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_CODE), max_size=50))
def test_any_code_read_in_pieces_is_read_as_it_is_whole(fragments: list[str]) -> None:
    text = "".join(fragments)
    seen: list[object] = []
    with pytest.MonkeyPatch.context() as patch:
        for limit in (WHOLE_LIMIT, 0):  # 0: every source is read in pieces
            patch.setattr(python_source, "WHOLE_LIMIT", limit)
            try:
                result = check_python_text("fuzz.py", text)
            except LoadError as error:
                seen.append((error.code, error.message, error.line, error.column))
                continue
            seen.append([(f.line, f.column, f.code, f.message) for f in result.findings])
    assert seen[0] == seen[1]
