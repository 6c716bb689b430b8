"""What a new user meets first: interpreters, colour, the package entry points."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import resolve_source
from automl_objective.check.catalog import load_catalog
from automl_objective.check.checker import default_checker
from automl_objective.cli import main
from automl_objective.inputs.discovery import DEFAULT_EXCLUDE, discover
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.json_syntax import parse_json
from automl_objective.inputs.source import Source
from automl_objective.report.lookups import (
    RESOLUTION_FORMATS,
    UnknownProblemType,
    metrics_table,
    write_metrics_text,
)
from automl_objective.report.terminal import wants_colour
from tests.support.paths import EXAMPLES, ROOT

EXAMPLES = EXAMPLES


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


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _columns(line: str) -> list[int]:
    """Where each column of a two-space separated table row starts."""
    starts = [m.end() for m in re.finditer(r"(?<=\S)  +(?=\S)", line)]
    return [0, *starts[:2]]


@pytest.mark.parametrize("problem_type", [None, *load_catalog().problem_type_names])
def test_metrics_table_is_aligned_for_every_problem_type(
    capsys: pytest.CaptureFixture[str], problem_type: str | None
) -> None:
    extra = () if problem_type is None else ("--problem-type", problem_type)
    code, out, err = _run(capsys, "metrics", *extra)
    assert code == 0 and err == ""
    rule = load_catalog().problem_type(problem_type) if problem_type else None
    if rule is not None and not rule.objective_used:
        assert out == f"{problem_type}: AutoMLJobObjective is not used (cross-entropy loss).\n"
        return
    lines = out.split("\n\n")[0].splitlines()
    assert lines[0].startswith("METRIC  ")  # the widest cell is the header for Regression
    header = _columns(lines[0])
    assert len(header) == 3
    assert all(_columns(line) == header for line in lines[1:])


def test_metrics_and_resolve_write_through_the_library(tmp_path: Path) -> None:
    """The rows and layout come from automl_objective.report.lookups; the CLI only picks one."""
    out = io.StringIO()
    write_metrics_text(metrics_table(load_catalog(), "Regression"), out)
    assert out.getvalue().splitlines()[1] == "MSE     Minimize   Regression*"
    with pytest.raises(UnknownProblemType, match="choose from: Regression"):
        metrics_table(load_catalog(), "Clustering")
    source = Source(str(EXAMPLES / "objective.json"), "objective.json")
    result, resolution = resolve_source(source, kind="objective")
    assert resolution is not None and result.valid
    out = io.StringIO()
    RESOLUTION_FORMATS["json"](result, resolution, out)
    assert json.loads(out.getvalue())["metric"] == "F1"


def test_resolve_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLES / "create-auto-ml-job.json").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    code, out, err = _run(capsys, "resolve", "-", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["path"], data["problem_type"]) == ("<stdin>", "Regression")


@pytest.mark.parametrize("command", ["validate", "resolve"])
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "'': not a usable path (empty, or holds a NUL byte)"),
    ],
)
def test_resolve_refuses_paths_as_validate_does(
    capsys: pytest.CaptureFixture[str], command: str, path: str, message: str
) -> None:
    code, out, err = _run(capsys, command, path)
    assert (code, out) == (2, "")
    assert err == f"automl-objective: error: {message}\n"


def test_resolve_refuses_a_folder_and_more_than_one_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _run(capsys, "resolve", str(EXAMPLES))
    assert code == 2 and err.endswith(": is a directory (name one file, or - for stdin)\n")
    one = str(EXAMPLES / "objective.json")
    code, _, err = _run(capsys, "resolve", one, one)
    assert code == 2 and "resolve takes one FILE (or - for stdin), not 2" in err


def test_an_empty_folder_is_named_with_the_globs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("hi")
    code, _, err = _run(capsys, "validate", str(tmp_path), "--include", "*.jsonc")
    assert code == 2
    assert err == f"automl-objective: error: no files matched in {tmp_path} (include: *.jsonc)\n"


def test_force_exclude_applies_to_named_files_and_their_folders(tmp_path: Path) -> None:
    for relative in ("a/keep.json", "a/skip.json", "legacy/old.json", "node_modules/x.json"):
        (tmp_path / relative).parent.mkdir(exist_ok=True)
        (tmp_path / relative).write_text("{}")
    named = [str(tmp_path / r) for r in ("a/keep.json", "a/skip.json", "legacy/old.json")]
    named.append(str(tmp_path / "node_modules" / "x.json"))
    exclude = (*DEFAULT_EXCLUDE, "skip.json", "legacy")
    assert len(discover(named, exclude=exclude)) == 4
    kept = discover(named, exclude=exclude, force_exclude=True)
    assert [s.path for s in kept] == [named[0]]
    assert discover(named[1:], exclude=exclude, force_exclude=True) == []


def test_skip_unknown_skips_only_documents_of_no_known_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "hyperparameters.json").write_text('{"epochs": 3}')
    (tmp_path / "ranges.json").write_text("[1, 2]")
    (tmp_path / "broken.json").write_text('{"MetricName": "AUC",')  # a broken request
    (tmp_path / "bad.json").write_text('{"MetricName": "AUCC"}')
    code, out, _ = _run(capsys, "validate", str(tmp_path), "--skip-unknown")
    assert code == 1
    assert "[parse-error]" in out and "[unknown-metric]" in out
    assert "hyperparameters" not in out and "ranges" not in out
    assert out.splitlines()[-1] == (
        "4 files checked: 0 valid, 2 invalid, 2 skipped as none of the known kinds "
        "(2 errors, 0 warnings)"
    )
    code, out, _ = _run(capsys, "validate", "--format", "json", "--skip-unknown", str(tmp_path))
    skipped = {Path(f["path"]).name: f.get("skipped") for f in json.loads(out)["files"]}
    assert skipped == {
        "bad.json": None,
        "broken.json": None,
        "hyperparameters.json": "none of the known kinds",
        "ranges.json": "none of the known kinds",
    }
    code, out, _ = _run(capsys, "validate", "--kind", "objective", "--skip-unknown", str(tmp_path))
    assert "ranges.json:1:1: error [invalid-type]" in out


def test_each_command_has_a_description_and_only_its_own_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    helps = {}
    for command in ("validate", "metrics", "resolve", "generate", "sync"):
        code, out, _ = _run(capsys, command, "--help")
        assert code == 0
        helps[command] = out
        body = out.split("\n\n")[1]
        assert not body.startswith(("positional arguments", "options")), command
        examples = out.split("examples:\n", 1)[1]
        for other in {"validate", "metrics", "resolve", "generate", "sync"} - {command}:
            assert f"automl-objective {other}" not in examples, (command, other)
    for command in ("validate", "resolve"):
        assert "exit codes: 0 valid, 1 invalid" in helps[command]


def test_kind_choices_come_from_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    kinds = ["auto", *default_checker().all_kinds()]
    assert len(kinds) > 5
    for command in ("validate", "resolve"):
        _, out, _ = _run(capsys, command, "--help")
        assert ", ".join(kinds) in " ".join(out.split())
    code, _, err = _run(capsys, "validate", "--kind", "objectiv", "x.json")
    assert code == 2 and "invalid choice: 'objectiv'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["{a}", "--strict", "{b}"],
        ["{a}", "{b}", "--format", "json"],
        ["--format", "json", "{a}", "--strict", "{b}"],
        ["{a}", "--", "{b}"],
    ],
)
def test_options_may_follow_the_paths(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    a, b = str(EXAMPLES / "objective.json"), str(EXAMPLES / "create-auto-ml-job.json")
    code, out, err = _run(capsys, "validate", *(x.format(a=a, b=b) for x in args))
    assert (code, err) == (0, "")
    assert "2 files checked" in out or json.loads(out)["valid"] is True


def test_a_path_after_double_dash_may_look_like_an_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "--strict").write_text('{"MetricName": "F1"}')
    code, out, _ = _run(capsys, "validate", "--", "--strict")
    assert code == 0 and out.startswith("1 file checked: 1 valid")
    code, out, _ = _run(capsys, "resolve", "--kind", "objective", "--", "--strict")
    assert code == 0 and "MetricName:  F1" in out


@pytest.mark.parametrize("command", ["validate", "resolve"])
def test_dash_with_standard_input_closed_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code, out, err = _run(capsys, command, "-")
    assert (code, out) == (2, "")
    assert err == "automl-objective: error: '-' names standard input, but it is closed\n"


def _run_without(modules: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh interpreter where ``modules`` cannot be imported, as without the
    codegen extra."""
    blocked = "".join(f"sys.modules[{name!r}] = None; " for name in modules)
    program = f"import sys; {blocked}from automl_objective.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", ["jinja2", "datamodel_code_generator"])
def test_generate_without_the_codegen_extra_names_the_extra(missing: str) -> None:
    done = _run_without([missing], "generate", "--check")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"automl-objective: error: generate needs the codegen extra (no module {missing!r}): "
        "pip install 'automl-objective[codegen]'\n"
    )


def test_sync_needs_only_botocore() -> None:
    done = _run_without(["jinja2", "datamodel_code_generator"], "sync", "--from-botocore")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("no drift\n")
    missing = _run_without(["botocore"], "sync", "--from-botocore")
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1
    assert "pip install 'automl-objective[codegen]'" in missing.stderr


def test_the_extra_modules_are_the_codegen_extra() -> None:
    import tomllib

    from automl_objective_codegen.paths import EXTRA_MODULES

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["codegen"]
    names = {re.split(r"[=<>!~ \[]", spec, maxsplit=1)[0] for spec in extras}
    assert {n.lower().replace("-", "_") for n in names} == set(EXTRA_MODULES)


def _reference_page() -> Any:
    import html5lib

    text = (ROOT / "generated" / "docs" / "reference.html").read_text("utf-8")
    return html5lib.parse(text, namespaceHTMLElements=False)


def test_the_html_reference_keeps_narrow_screens_readable() -> None:
    """At 420 px the matrix once squeezed to nothing and error lines ran off the page: every
    table scrolls inside its own box, and finding lines wrap."""
    page = _reference_page()
    for table in page.iter("table"):
        parent = next(p for p in page.iter() if table in list(p))
        assert parent.tag == "div" and parent.get("class") == "scroll"
    findings = [pre for pre in page.iter("pre") if "findings" in (pre.get("class") or "")]
    assert findings, "the invalid examples show their findings"
    style = "".join(s.text or "" for s in page.iter("style"))
    assert re.search(r"pre\.findings \{[^}]*white-space: pre-wrap", style)


def test_a_problem_type_that_ignores_the_objective_says_so_in_the_matrix() -> None:
    catalog = load_catalog()
    page = _reference_page()
    matrix = next(t for t in page.iter("table") if t.get("class") == "matrix")
    header = ["".join(th.itertext()) for th in matrix.iter("th")]
    rows = [["".join(td.itertext()) for td in tr.iter("td")] for tr in matrix.iter("tr")][1:]
    assert len(rows) == len(catalog.metric_names)
    for rule in catalog.problem_types:
        column = [row[header.index(rule.name)] for row in rows]
        if rule.objective_used:
            assert "not used" not in column
        else:
            assert set(column) == {"not used"}


def test_the_reference_names_the_schema_file_not_a_hosted_url() -> None:
    text = "".join(_reference_page().itertext())
    assert "schema/automl_job_objective.schema.json" in text
    assert "it is not a download address" in text
    assert not any(a.get("href", "").startswith("http") for a in _reference_page().iter("a"))


def test_one_metric_order_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    """MetricName's enum order (AWS's AutoMLMetricEnum order) is the order of every list:
    the schema's per-problem-type enums (what editors offer), messages, `metrics`."""
    schema = json.loads((ROOT / "schema" / "automl_job_objective.schema.json").read_text())
    order = schema["$defs"]["MetricName"]["enum"]
    catalog = load_catalog()
    for rule in catalog.problem_types:
        stated = schema["$defs"][rule.definition].get("enum", [])
        assert stated == sorted(stated, key=order.index), rule.definition
        assert list(rule.allowed) == sorted(rule.allowed, key=order.index)
        if rule.objective_used:
            main(["metrics", "--problem-type", rule.name])
            listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()[1:]]
            assert listed == [m for m in order if m in rule.allowed]
