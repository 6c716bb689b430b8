"""Jupyter notebooks: code cells checked as one module, findings said with their cell."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from automl_objective.api import validate_file
from automl_objective.cli import main
from automl_objective.inputs.python.cells import neutralise
from automl_objective.report import JsonReporter, SarifReporter
from tests.support.paths import CODE, VENDOR

NOTEBOOK = CODE / "autopilot.ipynb"
SARIF_SCHEMA = VENDOR / "sarif-2.1.0-rtm.5.json"


def test_findings_say_the_cell_line_and_column() -> None:
    result = validate_file(NOTEBOOK)
    found = [(f.cell, f.line, f.column, f.code) for f in result.findings]
    assert found == [
        # bound in cell 3 (after a cell of %pip and !aws lines), sent from cell 5 (%%time)
        (3, 1, 28, "metric-not-allowed"),
        # line 2: the `files = !ls` line above it is neutralised, not removed
        (7, 2, 83, "metric-not-allowed"),
        # a cell that is not Python is said, and the other cells are still checked
        (8, 1, 22, "parse-error"),
    ]
    assert result.kind == "jupyter-notebook"


def test_text_output_names_the_cell_as_ruff_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(NOTEBOOK)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"{NOTEBOOK}:cell 3:1:28: error [metric-not-allowed] ")


def test_json_adds_cell_only_where_there_is_one() -> None:
    from automl_objective.api import validate_data

    out = io.StringIO()
    JsonReporter().report([validate_file(NOTEBOOK), validate_data({"MetricName": "x"})], out)
    files = json.loads(out.getvalue())["files"]
    assert [f["cell"] for f in files[0]["findings"]] == [3, 7, 8]
    assert set(files[1]["findings"][0]) == {
        "severity",
        "code",
        "pointer",
        "line",
        "column",
        "message",
    }


def test_sarif_carries_the_cell_and_stays_valid() -> None:
    out = io.StringIO()
    SarifReporter().report([validate_file(NOTEBOOK)], out)
    log = json.loads(out.getvalue())
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert not list(Draft4Validator(schema).iter_errors(log))
    results = log["runs"][0]["results"]
    assert [r["properties"]["cell"] for r in results] == [3, 7, 8]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


@pytest.mark.parametrize(
    ("cell", "python"),
    [
        ("%matplotlib inline\nx = 1", "pass\nx = 1"),
        ("if True:\n    !ls\n    y = 2", "if True:\n    pass\n    y = 2"),
        ("files = !ls\nsm?\nsm.create??", "files = __ipython_magic__()\npass\npass"),
        ("%%time\nx = 1", "\nx = 1"),
        ("%%bash\necho hi", None),
        # IPython drops the blank lines before a cell magic
        ("\n%%bash\necho hi", None),
        ("\n  \n%%time\nx = 1", "\n  \n\nx = 1"),
        ('x = 1  # why?\ns = "what?"', 'x = 1  # why?\ns = "what?"'),
    ],
)
def test_ipython_syntax_is_neutralised_line_for_line(cell: str, python: str | None) -> None:
    assert neutralise(cell) == python


@pytest.mark.parametrize(
    ("cell", "python"),
    [
        # a magic that binds a name binds it still, to a value known only at run time
        ("metric = %env METRIC", "metric = __ipython_magic__()"),
        ("if x:\n    a.b = !ls", "if x:\n    a.b = __ipython_magic__()"),
        ("%store -r metric  problem", "metric = problem = __ipython_magic__()"),
        ("%store metric", "pass"),  # stores it: binds nothing
        ("%store -r class", "from __ipython_magic__ import *"),  # no name Python can bind
        # a magic that may bind any name: a star import at the top, globals() in a block
        ("%run setup.py", "from __ipython_magic__ import *"),
        ("%store -r", "from __ipython_magic__ import *"),
        ("if x:\n    %run -i setup.py", "if x:\n    globals()"),
        ("%runner", "pass"),
        # %time runs the line's Python, in the notebook's names
        ("%time metric = pick()", "if 1: metric = pick()"),
        ("%time !ls", "pass"),
        ("%time for metric in pick(): f(metric)", "globals()"),
        ("%timeit metric = pick()", "pass"),  # runs it in a function of its own
        # in a %%timeit cell (a function of its own) a restore binds the notebook's names
        ("%%timeit\n%store -r metric", "\nglobals()"),
        ("%%timeit\n%run setup.py", "\nglobals()"),
        ("%%timeit\nmetric = %env METRIC", "\nmetric = __ipython_magic__()"),
        # %%capture NAME binds NAME to the captured output when the cell has run
        ("%%capture out\nprint(1)", "out = __ipython_magic__()\nprint(1)"),
        ("%%capture --no-stderr out --no-display\nf()", "out = __ipython_magic__()\nf()"),
        ("\n%%capture out\nf()", "\nout = __ipython_magic__()\nf()"),
        ("%%capture --no-stdout\nf()", "\nf()"),  # no name: binds nothing
        # %macro NAME makes NAME a Macro, %xdel forgets it, %reset forgets every name
        ("%macro -q metric 1-2", "metric = __ipython_magic__()"),
        ("%xdel metric", "metric = __ipython_magic__()"),
        ("%reset -f", "from __ipython_magic__ import *"),
        ("if x:\n    %reset -f", "if x:\n    globals()"),
        ("%%timeit\n%macro metric 1", "\nglobals()"),
        ("%reset -f in out", "pass"),
        ("%macro metric", "pass"),
    ],
)
def test_a_magic_that_binds_a_name_is_a_binding(cell: str, python: str) -> None:
    assert neutralise(cell) == python


_REGRESSION_CALL = (
    'sm.create_auto_ml_job(**rest, ProblemType="Regression", AutoMLJobObjective={"MetricName": %s})'
)


@pytest.mark.parametrize(
    ("rebinding", "metric"),
    [
        ("metric = %env METRIC", "metric"),
        ("metric = %env METRIC", 'f"{metric}"'),
        ("metric = !cat metric.txt", '"%s" % metric'),
        ("%store -r metric", "metric"),
        ("%run choose_metric.py", "metric"),
        ("%time metric = choose()", "metric"),
        ('get_ipython().run_line_magic("store", "-r metric")', "metric"),
        ('get_ipython().run_cell_magic("time", "", "metric = choose()")', "metric"),
        ('get_ipython().user_ns["metric"] = choose()', "metric"),
    ],
)
def test_a_name_a_magic_rebinds_is_not_taken_for_bound_once(
    tmp_path: Path, rebinding: str, metric: str
) -> None:
    """``metric = "F1"``, then a magic binds it again (to MSE, say): F1 is not reported."""
    path = tmp_path / "magic.ipynb"
    path.write_text(
        _notebook('metric = "F1"', rebinding, _REGRESSION_CALL % metric), encoding="utf-8"
    )
    assert validate_file(path).findings == []
    path.write_text(_notebook('metric = "F1"', "%matplotlib inline", _REGRESSION_CALL % metric))
    assert [f.code for f in validate_file(path).findings] == ["metric-not-allowed"]


@pytest.mark.parametrize("magic", ["%%time", "%%capture out", "%%prun -q", "%%debug", "%%memit"])
def test_a_cell_magic_that_runs_the_cell_in_the_notebooks_names_rebinds(
    tmp_path: Path, magic: str
) -> None:
    """IPython 9.19 (memory_profiler 0.61 for ``%%memit``): after ``metric = "MSE"`` under each of
    these, ``metric`` is the notebook's "MSE": F1 is not reported."""
    path = tmp_path / "magic.ipynb"
    cells = ('metric = "F1"', f'{magic}\nmetric = "MSE"', _REGRESSION_CALL % "metric")
    path.write_text(_notebook(*cells), encoding="utf-8")
    assert validate_file(path).findings == []


@pytest.mark.parametrize(
    ("cells", "cell", "line", "column"),
    [
        # IPython removes the margin the cell's lines share (textwrap.dedent): the cell
        # runs (9.19: metric is "F1" after it); findings are placed as written (the same
        # cells at the margin: cell 1, 1:10 for the first, cell 1, 1:91 for the others)
        (('  metric = "F1"', "  " + _REGRESSION_CALL % "metric"), 1, 1, 12),
        (('\n\t\tmetric = "F1"\n\t\tx = 1', _REGRESSION_CALL % "metric"), 1, 2, 12),
        (("\n    " + _REGRESSION_CALL % '"F1"',), 1, 2, 95),
        (("  %%time\n  if x:\n      y = 1\n  " + _REGRESSION_CALL % '"F1"',), 1, 4, 93),
        # the margin is the lines' common one, not the first line's: an indented comment
        # first (IPython 9.19.1 runs "  # set up" then the call at the margin)
        (("    # set up\n\n  " + _REGRESSION_CALL % '"F1"',), 1, 3, 93),
        (("  \t# set up\n  " + _REGRESSION_CALL % '"F1"',), 1, 2, 93),
    ],
)
def test_a_cell_indented_as_a_whole_is_read_as_ipython_runs_it(
    tmp_path: Path, cells: tuple[str, ...], cell: int, line: int, column: int
) -> None:
    path = tmp_path / "indented.ipynb"
    path.write_text(_notebook(*cells), encoding="utf-8")
    findings = validate_file(path).findings
    assert [(f.code, f.cell, f.line, f.column) for f in findings] == [
        ("metric-not-allowed", cell, line, column)
    ]


@pytest.mark.parametrize("magic", ["%%capture metric", "%%capture --no-stderr metric"])
def test_a_capture_cell_binds_the_name_it_is_given(tmp_path: Path, magic: str) -> None:
    """IPython 9.19: after ``metric = "F1"`` and a cell under ``%%capture metric``, the
    notebook's ``metric`` is the captured output (a CapturedIO), not "F1": F1 is not reported."""
    path = tmp_path / "capture.ipynb"
    cells = ('metric = "F1"', f"{magic}\nprint(1)", _REGRESSION_CALL % "metric")
    path.write_text(_notebook(*cells), encoding="utf-8")
    assert validate_file(path).findings == []


@pytest.mark.parametrize(
    ("cells", "found"),
    [
        # %%timeit runs the cell as a function's body: its "MSE" is that function's, the
        # notebook's metric stays "AUC" (IPython 9.19: metric is unchanged after the cell)
        (('metric = "AUC"', '%%timeit\nmetric = "MSE"', _REGRESSION_CALL % "metric"), [1]),
        (
            (
                'metric = "AUC"',
                '%%timeit -n1 -r1 x = 1\nmetric = "MSE"',
                _REGRESSION_CALL % "metric",
            ),
            [1],
        ),
        # bound only there: the notebook has no metric (the call would fail, not send AUC)
        (('%%timeit\nmetric = "AUC"', _REGRESSION_CALL % "metric"), []),
        # a request the cell sends itself reads the cell's own names
        (('metric = "MSE"\n', '%%timeit\nmetric = "AUC"\n' + _REGRESSION_CALL % "metric"), [2]),
        # the notebook's own metric rebound from the cell: by `global`, or a magic restoring it
        (
            (
                'metric = "AUC"',
                '%%timeit\nglobal metric\nmetric = "MSE"',
                _REGRESSION_CALL % "metric",
            ),
            [],
        ),
        (('metric = "AUC"', "%%timeit\n%store -r metric", _REGRESSION_CALL % "metric"), []),
    ],
)
def test_a_timeit_cell_binds_its_own_names_not_the_notebooks(
    tmp_path: Path, cells: tuple[str, ...], found: list[int]
) -> None:
    path = tmp_path / "timeit.ipynb"
    path.write_text(_notebook(*cells), encoding="utf-8")
    findings = validate_file(path).findings
    assert [(f.cell, f.code) for f in findings] == [(cell, "metric-not-allowed") for cell in found]


def test_a_file_that_is_not_a_notebook_is_one_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": "sm.create_auto_ml_job()"}', encoding="utf-8")
    [finding] = validate_file(path).findings
    assert finding.code == "parse-error"
    assert finding.message.startswith("not a Jupyter notebook")


def test_a_notebook_without_automl_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "plain.ipynb"
    path.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "utf-8")
    result = validate_file(path)
    assert result.valid and not result.findings


def test_github_annotates_the_notebook_and_says_the_cell_in_the_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["validate", "--format", "github", str(NOTEBOOK)])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(
        f"::error file={NOTEBOOK},title=automl-objective metric-not-allowed::cell 3:1:28: "
    )


def _notebook(*sources: str | list[str], version: int = 4) -> str:
    cells: list[dict[str, Any]]
    if version == 3:
        cells = [
            {"cell_type": "code", "input": s, "language": "python", "outputs": [], "metadata": {}}
            for s in sources
        ]
        return json.dumps(
            {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": cells}]}
        )
    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": s}
        for s in sources
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _found(path: Path) -> list[tuple[int | None, int | None, str]]:
    return [(f.line, f.column, f.code) for f in validate_file(path).findings]


def test_a_notebook_nested_too_deeply_is_placed_where_it_passes_500_levels(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep.ipynb"
    path.write_text('{"cells": [' + "[" * 100_000, encoding="utf-8")  # two levels, then more
    [finding] = validate_file(path).findings
    assert (finding.line, finding.column) == (1, len('{"cells": [') + 499)
    assert finding.message == "not a Jupyter notebook (JSON nested too deeply)"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("hello", "not JSON: Expecting value"),
        ("sm.create_auto_ml_job(ProblemType='Bogus')", "not JSON: Expecting value"),
        ("", "not JSON: Expecting value"),
        ('{"cells": [', "not JSON: Expecting value"),
        ("[" * 100_000, "JSON nested too deeply"),
        ("{}", "no 'nbformat' version number"),
        ("[]", "not a JSON object"),
        ('"notebook"', "not a JSON object"),
        ('{"nbformat": "4", "cells": []}', "no 'nbformat' version number"),
        ('{"nbformat": true, "cells": []}', "no 'nbformat' version number"),
        ('{"nbformat": 4}', "'cells' is not a list"),
        ('{"nbformat": 4, "cells": {}}', "'cells' is not a list"),
        ('{"nbformat": 4, "cells": [1]}', "a cell is not an object"),
        ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}', "cell 1: its source"),
        (
            '{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["x = 1", 2]}]}',
            "cell 1: its source",
        ),
        (
            '{"nbformat": 4, "cells": [{"cell_type": ["code"], "source": ""}]}',
            "a cell's 'cell_type'",
        ),
        ('{"nbformat": 3, "worksheets": {}}', "'worksheets' is not a list of objects"),
        ('{"nbformat": 3, "worksheets": [{"cells": 1}]}', "'cells' is not a list"),
    ],
)
def test_a_file_that_is_not_a_notebook_is_one_finding_whatever_its_code(
    tmp_path: Path, text: str, why: str
) -> None:
    path = tmp_path / "x.ipynb"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path)
    [finding] = result.findings
    assert finding.code == "parse-error" and not result.valid
    assert finding.message.startswith(f"not a Jupyter notebook ({why}")


_SPLIT_CALLS = [
    # a method chain in parentheses
    "resp = (AutoMLJobV2\n    .create(auto_ml_job_objective={'metric_name': 'AUC'},\n"
    "        auto_ml_problem_type_config={'tabular_job_config': {'problem_type': 'Regression',"
    " 'target_attribute_name': 'y'}}, **k))\n",
    # a backslash continuation
    "job = AutoMLJobV2 \\\n    .create(auto_ml_job_objective={'metric_name': 'AUC'},\n"
    "    auto_ml_problem_type_config={'tabular_job_config': {'problem_type': 'Regression',"
    " 'target_attribute_name': 'y'}}, **k)\n",
    "est = AutoMLV2 \\\n  (AutoMLTabularConfig('y', problem_type='Regression'),"
    " job_objective={'MetricName': 'AUC'})\n",
    # a comment between the name and the call
    "est = (AutoML  # the v2 SDK\n  ('r', 'y', problem_type='Regression',"
    " job_objective={'MetricName': 'AUC'}))\n",
]


@pytest.mark.parametrize("code", _SPLIT_CALLS)
@pytest.mark.parametrize("as_lines", [False, True])
def test_a_call_split_over_lines_is_found_in_a_cell_as_in_a_py_file(
    tmp_path: Path, code: str, as_lines: bool
) -> None:
    py = tmp_path / "job.py"
    py.write_text(code, encoding="utf-8")
    expected = _found(py)
    assert [c for _, _, c in expected] == ["metric-not-allowed"]
    notebook = tmp_path / "job.ipynb"
    source: str | list[str] = code.splitlines(keepends=True) if as_lines else code
    notebook.write_text(_notebook(source), encoding="utf-8")
    assert _found(notebook) == expected


def test_an_nbformat_3_notebook_is_read_from_its_worksheets(tmp_path: Path) -> None:
    path = tmp_path / "old.ipynb"
    code = (
        "sm.create_auto_ml_job(ProblemType='Regression',\n"
        " AutoMLJobObjective={'MetricName': 'AUC'}, **k)\n"
    )
    path.write_text(_notebook("x = 1\n", code, version=3), encoding="utf-8")
    assert [(f.cell, f.line, f.code) for f in validate_file(path).findings] == [
        (2, 2, "metric-not-allowed")
    ]


@pytest.mark.parametrize(
    "cell",
    [
        # a wrapped line that starts with an operator is Python, not IPython syntax
        'done = (status\n!= "Completed")',
        "left = (total\n    % 7)",
        "x = [1,\n!= 2]",
        "y = 1 + \\\n    !=2",
        # text inside a string, however it starts
        's = """\n!not a shell line\n%not a magic\nwhat?\n"""',
        "s = '''a\n!b'''",
        "s = 'it\\'s (' \\\n    '!x'",
        # brackets inside strings and comments do not count
        "d = {'k': '(['}  # ((\n",
        'f = f"{x}(" + b"["',
    ],
)
def test_python_lines_are_left_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell


@pytest.mark.parametrize(
    ("cell", "python"),
    [
        # IPython syntax at the start of a logical line, after Python of every shape
        ("x = (1,\n 2)\n!ls", "x = (1,\n 2)\npass"),
        ('s = """a\nb"""\n%timeit f()', 's = """a\nb"""\npass'),
        ("y = 1 \\\n  + 2\nobj?", "y = 1 \\\n  + 2\npass"),
        ("d = {'k': '('}\n!ls", "d = {'k': '('}\npass"),
        # a shell line's own quotes and brackets do not leak into the next line
        ('!echo "(\nx = 1\n!ls', "pass\nx = 1\npass"),
        ("!echo '''\nx = 1", "pass\nx = 1"),
        ("if x:\r\n    !ls\r\n", "if x:\r\n    pass\r\n"),
        ("x = 1\r!ls\ry = (1,\r%d)", "x = 1\rpass\ry = (1,\r%d)"),  # lines IPython splits
    ],
)
def test_ipython_syntax_is_found_only_where_a_logical_line_starts(cell: str, python: str) -> None:
    assert neutralise(cell) == python


def test_a_wrapped_comparison_in_a_cell_is_checked_not_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "wait.ipynb"
    code = (
        'done = (status\n!= "Completed")\n'
        "sm.create_auto_ml_job(ProblemType='Regression',"
        " AutoMLJobObjective={'MetricName': 'AUC'}, **k)\n"
    )
    path.write_text(_notebook(code), encoding="utf-8")
    assert _found(path) == [(3, 83, "metric-not-allowed")]


# IPython 9.19 cuts a cell into lines where str.splitlines does before it looks for magics: at a
# form feed, a vertical tab, \x1c-\x1e, NEL, U+2028 and U+2029 too, where Python goes on with the
# same line. Asked of IPython 9.19.1 itself, on Python 3.11 and 3.13: a magic ends there, and
# what follows is a line of its own, run as Python.
_MSE_AFTER_A_BREAK = [
    '%env A=1\fmetric = "MSE"',
    '%env A=1\u2028metric = "MSE"',
    '%env A=1\x85metric = "MSE"',
    'm = %env A\fmetric = "MSE"',
    '%time z = 2\fmetric = "MSE"',
    '!echo hi\fmetric = "MSE"',
    '%env A=1\f%env B=2\fmetric = "MSE"',
    'if 1:\n    %env A=1\f    metric = "MSE"',
    '%env A=1\fy = (\n2)\nmetric = "MSE"',
    '%env A=1\fif y:\n    pass\nmetric = "MSE"',
    '%%capture out\fmetric = "MSE"\nq = 1',
    '%%time\fmetric = "MSE"',
    # the blank line a form feed ends before a cell's first line is dropped, then its indent
    '\f    metric = "MSE"\n    q = 1',
    ' \f  metric = "MSE"\n  q = 1',
]


@pytest.mark.parametrize("rebinding", _MSE_AFTER_A_BREAK)
def test_python_after_a_line_end_only_ipython_splits_at_is_run(
    tmp_path: Path, rebinding: str
) -> None:
    """``metric = "AUC"``, then a cell rebinding it to "MSE" after a magic and a form feed
    (IPython: metric is "MSE" after it): AUC is not reported."""
    path = tmp_path / "break.ipynb"
    cells = ('metric = "AUC"', rebinding, _REGRESSION_CALL % "metric")
    path.write_text(_notebook(*cells), encoding="utf-8")
    assert validate_file(path).findings == []


_CALL_AT_91 = _REGRESSION_CALL % '"F1"'  # its finding at column 91 of its line


@pytest.mark.parametrize(
    ("before", "after", "line"),
    [
        # a call after a magic and a form feed is read, and placed where it is written
        ("%env A=1\f", "", 1),
        ("%env É=1\u2028", "", 1),  # columns count characters
        ("metric = %env A\x85", "", 1),
        ("x = 1\n%env A=1\f%env B\f", "\ny = 2", 2),
        ("if 1:\n    %env A=1\f    ", "", 2),
        ("\f    ", "\n    x = 1", 1),
        ("%env A=1\fx = 1\n", "", 2),  # later lines keep their numbers
        ("  %env A=1\f  x = 1\n  ", "", 2),  # indented as a whole
        ("%%capture out\fx = 1\n", "", 2),
    ],
)
def test_a_call_after_a_line_end_only_ipython_splits_at_is_placed_as_written(
    tmp_path: Path, before: str, after: str, line: int
) -> None:
    path = tmp_path / "placed.ipynb"
    path.write_text(_notebook(before + _CALL_AT_91 + after), encoding="utf-8")
    column = len(before.rsplit("\n", 1)[-1]) + 91
    assert _found(path) == [(line, column, "metric-not-allowed")]


def test_a_syntax_error_after_a_line_end_only_ipython_splits_at_is_placed_as_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_text(_notebook("x = 1\n%env A=1\fy = (1 +\n" + _CALL_AT_91), encoding="utf-8")
    [(line, column, code)] = _found(path)
    assert (line, code) == (2, "parse-error")
    assert column is not None and column > len("%env A=1\f")


@pytest.mark.parametrize(
    ("cell", "python"),
    [
        # within a logical line a form feed is Python's whitespace (IPython runs it so too)
        ("x = 1\f%env A", "x = 1\f%env A"),
        ("y = (1,\f%env A)", "y = (1,\f%env A)"),
        ('s = "a\fb"\n%env A', 's = "a\fb"\npass'),
        ("x = 1\f\n%env A", "x = 1\f\npass"),
        ("\f%env A\nx = 1", "\fpass\nx = 1"),
    ],
)
def test_a_form_feed_inside_python_is_whitespace(cell: str, python: str) -> None:
    assert neutralise(cell) == python


@pytest.mark.parametrize(
    ("magic", "found"),
    [
        # asked of IPython 9.19.1: after metric = "AUC" and the magic, metric is unbound (the
        # call would fail, not send AUC) or a Macro; or still "AUC" (the last cases)
        ("%reset -f", []),
        ("%reset", []),  # asks first: a notebook's user may answer y
        ("%reset -s -f", []),
        ("%reset -sf", []),
        ("if ready:\n    %reset -f", []),
        ("%reset_selective -f met", []),  # the names the pattern finds
        ("%xdel metric", []),
        ("%macro metric 1", []),  # a Macro of the first input's lines
        ("%macro -q metric 1-2", []),
        ("%macro -r -q metric 'x = 1'", []),
        ("%reset -f in", ["metric-not-allowed"]),  # the input history only
        ("%reset -f out", ["metric-not-allowed"]),
        ("%reset -f dhist", ["metric-not-allowed"]),
        ("%macro metric", ["metric-not-allowed"]),  # a usage error: no macro made
        ("%macro -q", ["metric-not-allowed"]),
        ("%macro other 1", ["metric-not-allowed"]),
        # a help request (its last token obj?) runs nothing, whatever it starts with
        ("metric = %env METRIC?", ["metric-not-allowed"]),
        ("if x: metric = !cat m?", ["metric-not-allowed"]),
        ("%store -r metric?", ["metric-not-allowed"]),
    ],
)
def test_a_magic_that_forgets_or_rebinds_names_is_not_a_false_alarm(
    tmp_path: Path, magic: str, found: list[str]
) -> None:
    path = tmp_path / "reset.ipynb"
    cells = ('metric = "AUC"', magic, _REGRESSION_CALL % "metric")
    path.write_text(_notebook(*cells), encoding="utf-8")
    assert [f.code for f in validate_file(path).findings] == found


# What IPython 9.19.1 makes of IPython syntax after Python on a logical line, asked of it
# (TransformerManager().transform_cell): a magic or shell escape bound by the line's first "="
# outside brackets is its value whatever comes before; a line whose last token is obj? is a help
# request, the whole line; any other magic after Python is left to Python (a syntax error there).
_AFTER_PYTHON = [
    ("if x: m = %env M", "if x: m = __ipython_magic__()"),
    ("if x: files = !ls", "if x: files = __ipython_magic__()"),
    ("if x: pass\nelse: m = %env M", "if x: pass\nelse: m = __ipython_magic__()"),
    ("try: m = %env M\nexcept: pass", "try: m = __ipython_magic__()\nexcept: pass"),
    ("with a: m = %env M", "with a: m = __ipython_magic__()"),
    ("x; y = %env M", "x; y = __ipython_magic__()"),
    ("if a == 1: m = %env M", "if a == 1: m = __ipython_magic__()"),
    ("x[0] = %env M", "x[0] = __ipython_magic__()"),
    ("x: int = %env M", "x: int = __ipython_magic__()"),
    ("a, b = !ls", "a, b = __ipython_magic__()"),
    ("f(b='x = !y'); m = !ls", "f(b='x = !y'); m = __ipython_magic__()"),
    ("if x: m = %env M\fy = !ls", "if x: m = __ipython_magic__()\ny = __ipython_magic__()"),
    ("while 1: x?", "pass"),
    ("x = 1; y?", "pass"),
    # a help request wins over the binding: the whole line, nothing bound
    ("x[0] = %env M?", "pass"),
    ("if x: m = !ls a.b?", "pass"),
    ("x, = !!ls??", "pass"),
    ("m = %env M?", "pass"),
    ("%store -r a?", "pass"),
    ("%run a.py?", "pass"),
    ("x[0] = %env M ?", "x[0] = __ipython_magic__()"),  # M ? is the magic's argument
    # obj? is a name, its attributes and integer subscripts right before the line's end
    ("if x: a[0]?", "pass"),
    ("x = a.b[0].c?", "pass"),
    ("a[-1]??", "pass"),
    ("  obj?", "  pass"),
    ("f(x).y?", "pass"),
    # anything else ending in ? is left to Python, at a line's start too (it was read as a
    # help request there)
    ("f(x)?", "f(x)?"),
    ("print(1)?", "print(1)?"),
    ("f(x)[0]?", "f(x)[0]?"),
    ("a[b]?", "a[b]?"),
    ("a.1?", "a.1?"),
    ("obj? ", "obj? "),
    # left to Python, as IPython leaves them
    ("if x: %env M", "if x: %env M"),
    ("if x: !ls", "if x: !ls"),
    ("x = 1; %env M", "x = 1; %env M"),
    ("x = 1; m = %env M", "x = 1; m = %env M"),  # its first "=" binds 1
    ("d = {'a': 1}; m = !ls", "d = {'a': 1}; m = !ls"),
    ("x += %env M", "x += %env M"),
    ("f(a=%env M)", "f(a=%env M)"),
    ("x = y = %env M", "x = y = %env M"),
    ('"a = !b"', '"a = !b"'),
    ("if x: m = %%time", "if x: m = %%time"),
    ("x = 1  # why?", "x = 1  # why?"),
    ("if x: y? ", "if x: y? "),
    ("while 1: f(x)?", "while 1: f(x)?"),
    # no magic after "=": a % not followed by a name, a != (IPython's tokens: an operator)
    ("m = %1", "m = %1"),
    ("m = %%time", "m = %%time"),
    ("m = %", "m = %"),
    ("m = != 3", "m = != 3"),
    ("x[0] = !=", "x[0] = !="),
    ("m = % env", "m = __ipython_magic__()"),  # % then a name: the magic named ''
]


@pytest.mark.parametrize(("cell", "python"), _AFTER_PYTHON)
def test_ipython_syntax_after_python_on_a_line_is_read_as_ipython_reads_it(
    cell: str, python: str
) -> None:
    assert neutralise(cell) == python


def test_a_magic_bound_after_a_compound_statements_colon_is_a_binding_not_a_parse_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "branch.ipynb"
    branch = "if use_env: metric = %env METRIC\nelse: metric = !cat metric.txt"
    path.write_text(
        _notebook('metric = "F1"', branch, _REGRESSION_CALL % "metric"), encoding="utf-8"
    )
    assert _found(path) == []
    path.write_text(_notebook("if use_env: %env METRIC", _REGRESSION_CALL % '"F1"'))
    assert [f.code for f in validate_file(path).findings] == ["parse-error", "metric-not-allowed"]
