"""A clean ``validate FILE`` pays for what it uses only: what it imports and compiles is
pinned here, so that a change that puts start-up cost back fails a test, not a benchmark
(benchmarks/run.py measures the cold file against the floor)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT

NOT_ON_THE_CLEAN_PATH = (
    "typing",  # names for the type checker only (TYPE_CHECKING = False): about 15 M
    "contextlib",  # instructions of a cold run with contextlib and warnings, which it imports
    "warnings",
    "dataclasses",  # the API's records build their dataclass metadata when asked
    "inspect",
    "ast",
    "tokenize",
    "argparse",  # a plain command line is read without it
    "signal",  # its enums; the handlers are set by the C module it wraps, _signal
    "automl_objective.check.wording",  # words only for a document that fails
    "automl_objective.check.messages",
    "automl_objective.check.findings",  # a document's findings, placeholders' among them
    "automl_objective.check.leaves",  # the walk for placeholders, when the text has a $
    "automl_objective.check.partly_known",  # values known in part, when a document has one
    "automl_objective_generated.explainers",  # the compiled checks' explainers
    "automl_objective.check.aws_keywords",  # the regex library's patterns (\p{L}), when met
    "automl_objective.check.dynamic",  # the checks take the markers from base.dynamic
    "unicodedata",  # a C library, for hints about odd characters only
    "math",  # libraries of their own to load: big numbers, positions of findings
    "bisect",
    "encodings.utf_8_sig",  # a codec module: its decoding is done in place
    "fnmatch",  # globs of a folder scan, not of a named file
    "errno",  # the reason a file cannot be read
    "importlib",  # a package's names on first use: the modules asked for are named
    "automl_objective.cli.notes",
    "automl_objective.inputs.python_files",  # the kinds' readers, for a file of the kind
    "automl_objective.inputs.notebooks",
    "automl_objective.inputs.pipelines",
    "automl_objective.inputs.state_machines",
    "automl_objective.inputs.templates",
    "automl_objective.inputs.definition",  # a note on --problem-type, for a run that gave it
    "automl_objective.report.json_report",  # the formats not asked for
    "automl_objective.report.sarif",
    "automl_objective.report.junit",
    "automl_objective.report.github",
    "automl_objective.check.catalog",  # the catalog's public records (NamedTuples): the
    # checker reads the generated plain data; a finding's words or the API build them
    "automl_objective.base.codes",  # the codes' enum, built by the first finding
    "automl_objective.check.failures",  # the failure record, the explainers' (not the checks')
)
"""Modules a clean run over one small JSON request never imports (each cost 1 to 45 M
instructions of a run of about 170 M)."""

_PROGRAM = """
import builtins, json, sys
before = set(sys.modules)  # the interpreter's own start-up (3.13's site reads .pth files
compiled = []              # with the utf-8-sig codec, say): not this command's cost
real_compile = builtins.compile

def spy(source, *args, **kwargs):
    caller = sys._getframe(1).f_code.co_filename
    if isinstance(source, (str, bytes)) and not caller.startswith("<frozen importlib"):
        compiled.append(str(source[:80]))  # not a module imported from its source
    return real_compile(source, *args, **kwargs)

builtins.compile = spy
from automl_objective.cli import main
code = main(sys.argv[1:])
builtins.compile = real_compile
from automl_objective.base.patterns import _OnFirstUse
patterns = [
    f"{module.__name__}.{name}"
    for module in list(sys.modules.values())
    for name, value in list(vars(module).items())
    if isinstance(value, _OnFirstUse) and len(vars(value)) > 1  # a method was asked for
]
from automl_objective.base.schema import load_aws_index, load_schema
parsed = load_schema.cache_info().currsize + load_aws_index.cache_info().currsize
report = {"code": code, "modules": sorted(set(sys.modules) - before), "compiled": compiled,
          "patterns": patterns, "schema_parsed": parsed}
print(json.dumps(report), file=sys.stderr)
"""


def _clean_run(tmp_path: Path, example: str = "create-auto-ml-job-v2.json") -> dict[str, object]:
    request = ROOT / "examples" / example
    name = "job" + request.suffix
    (tmp_path / name).write_bytes(request.read_bytes())
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, "validate", name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.startswith("1 file checked: 1 valid"), done.stdout + done.stderr
    report: dict[str, object] = json.loads(done.stderr.splitlines()[-1])
    assert report["code"] == 0
    return report


def test_a_clean_validate_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    modules = _clean_run(tmp_path)["modules"]
    assert isinstance(modules, list)
    assert [name for name in NOT_ON_THE_CLEAN_PATH if name in modules] == []


def test_a_clean_validate_never_parses_the_schema(tmp_path: Path) -> None:
    """The checker is built from the facts generate emitted (automl_objective_generated.catalog):
    parsing the bundled schema's JSON cost 1.4 M instructions of a cold run, the AWS
    schemas' index (aws/kinds.json) 0.3 M."""
    assert _clean_run(tmp_path)["schema_parsed"] == 0


def test_a_clean_validate_compiles_no_pattern_only_failures_need(tmp_path: Path) -> None:
    """Patterns of words, positions and other kinds of file (base/patterns.py) stay
    uncompiled: a clean document never asks for them."""
    assert _clean_run(tmp_path)["patterns"] == []


def test_a_pattern_on_first_use_is_the_pattern() -> None:
    from automl_objective.base.patterns import on_first_use

    lazy = on_first_use(r"(\d+)-(\d+)")
    assert "match" not in vars(lazy)
    assert lazy.match("12-34") is not None and lazy.match("12-34").groups() == ("12", "34")  # type: ignore[union-attr]
    assert lazy.sub(r"\2-\1", "1-2 and 3-4") == "2-1 and 4-3"
    kept = vars(lazy)["match"]
    assert lazy.match("5-6") is not None and vars(lazy)["match"] is kept  # compiled once
    assert [m.span() for m in lazy.finditer("1-2 3-4")] == [(0, 3), (4, 7)]


def test_a_clean_validate_compiles_no_source(tmp_path: Path) -> None:
    """typing compiles a string annotation of a NamedTuple field (a module with ``from
    __future__ import annotations``); the first compile of a process costs about 10 M
    instructions. (A module imported from its source, with no bytecode cached, is compiled
    by the import system: that is not counted.)"""
    assert _clean_run(tmp_path)["compiled"] == []


def test_a_clean_validate_of_yaml_compiles_no_source(tmp_path: Path) -> None:
    """The same for a YAML request: its readers' modules (yaml_chunks's NamedTuples) hold
    no string annotation either (one cost a run of 1,000 files 14.6 M instructions)."""
    report = _clean_run(tmp_path, "create-auto-ml-job-v2-forecast.yaml")
    assert report["compiled"] == []


def test_a_clean_validate_of_yaml_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    """The pieces of big YAML texts an editor reads again (yaml_chunks, about 2.6 M
    instructions) and the names of odd line breaks (unicodedata) are not loaded, nor the
    codes' enum (a duplicate key's finding builds it) and typing. (PyYAML loads math,
    through datetime.)"""
    modules = _clean_run(tmp_path, "create-auto-ml-job-v2-forecast.yaml")["modules"]
    assert isinstance(modules, list)
    unused = (
        "automl_objective.inputs.yaml_chunks",
        "unicodedata",
        "automl_objective.base.codes",
        "typing",
        "contextlib",
    )
    assert [name for name in unused if name in modules] == []


def test_the_collector_is_off_during_start_up_only(tmp_path: Path) -> None:
    """The command line's start-up (imports, the checker) runs without the garbage
    collector; the checking itself (a corpus of any size) is collected as usual, so memory
    stays bounded. A caller of ``main()`` keeps its collector as it is."""
    program = (
        "import gc, sys\n"
        "import automl_objective.cli.validate as validate\n"
        "run, check = validate.run_validate, validate.digest_sources\n"
        "def spy_run(args, out):\n"
        "    print('run', gc.isenabled(), file=sys.stderr)\n"
        "    return run(args, out)\n"
        "def spy_check(*args, **kwargs):\n"
        "    print('check', gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
        "    return check(*args, **kwargs)\n"
        "validate.run_validate, validate.digest_sources = spy_run, spy_check\n"
        "from automl_objective.cli import entry, main\n"
        "main(sys.argv[1:])\n"
        "print('after main', gc.isenabled(), file=sys.stderr)\n"
        "entry()\n"
    )
    (tmp_path / "job.json").write_text('{"MetricName": "F1"}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", program, "validate", "job.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "run True",  # main(): the caller's collector, untouched
        "check True False",
        "after main True",
        "run False",  # entry(): off during start-up
        "check True True",  # on for the checking, start-up's objects frozen
    ]


def test_a_failing_validate_imports_no_typing(tmp_path: Path) -> None:
    """A process that reports findings (each worker of a corpus with invalid files) builds
    the failure record, the findings and the catalog's records as typing would, without
    importing it: about 13 M instructions of each such process (base/records.py)."""
    for name in ("objective-lowercase.json", "objective-average-wql-prose.yaml"):
        (tmp_path / name).write_bytes((ROOT / "tests" / "fixtures" / "invalid" / name).read_bytes())
    program = (
        "import sys\n"
        "from automl_objective.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(code, 'typing' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "validate", *sorted(p.name for p in tmp_path.iterdir())],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "2 invalid" in done.stdout, done.stdout + done.stderr
    assert done.stderr.splitlines()[-1] == "1 False"
