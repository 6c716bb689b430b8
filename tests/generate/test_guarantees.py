"""What the README's "Guarantees" promise: no network, no write outside generated/, atomic
and serialised generate runs."""

from __future__ import annotations

import ast
import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.base.schema import ExternalReferenceError, load_schema
from automl_objective.check.checker import Checker
from automl_objective_codegen import tree
from automl_objective_codegen.run import GenerateError, generate, read_source
from automl_objective_generated import checks
from tests.support.fuzzing import examples
from tests.support.hostile import hostile, used_names
from tests.support.paths import ROOT

SCHEMA = ROOT / "schema" / "automl_job_objective.schema.json"
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "ref",
    [
        "https://example.com/metrics.schema.json",
        "http://169.254.169.254/latest/meta-data",
        "../outside/other.schema.json",
        "file:///etc/passwd",
    ],
)
def test_external_refs_are_refused(ref: str, tmp_path: Path) -> None:
    schema = copy.deepcopy(load_schema())
    schema["$defs"]["MetricName"]["$ref"] = ref
    with pytest.raises(ExternalReferenceError, match="is refused"):
        Checker(schema)
    # With compiled checks (they hold no reference), jsonschema's validator is still refused
    # before it could resolve one; the compiled checks never fetch anything.
    with_checks = Checker(schema, checks=checks)
    assert with_checks.failures({"MetricName": "F1"}) == []
    with pytest.raises(ExternalReferenceError, match="is refused"):
        with_checks.validator()
    path = tmp_path / "schema" / "s.schema.json"
    path.parent.mkdir()
    path.write_text(json.dumps(schema))
    with pytest.raises(GenerateError, match="is refused"):
        read_source(path)


def test_the_schemas_own_id_is_an_internal_reference() -> None:
    schema = copy.deepcopy(load_schema())
    schema["$defs"]["Alias"] = {"$ref": schema["$id"] + "#/$defs/MetricName"}
    Checker(schema)  # no error


def _edited_schema(tmp_path: Path) -> Path:
    schema = json.loads(SCHEMA.read_text())
    schema["$defs"]["MetricName"]["x-metrics"]["AUC"]["description"] = "Edited."
    folder = tmp_path / "schema"
    folder.mkdir(exist_ok=True)
    path = folder / SCHEMA.name
    path.write_text(json.dumps(schema, indent=2) + "\n")
    return path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_check_writes_nothing_and_write_touches_only_the_output(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    edited = _edited_schema(tmp_path)
    before_all = _snapshot(tmp_path)
    result = generate(edited, output, check=True)
    assert result.plan.stale and _snapshot(tmp_path) == before_all
    generate(edited, output)
    after_all = _snapshot(tmp_path)
    changed = {p for p in after_all if after_all[p] != before_all.get(p)}
    assert changed and all(p.startswith("generated/") for p in changed)
    assert not [p for p in after_all if p.endswith(tree.TEMP_SUFFIX)]


def test_an_interrupted_write_leaves_the_previous_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    before = _snapshot(output)
    edited = _edited_schema(tmp_path)

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C before the renames

    monkeypatch.setattr("automl_objective_codegen.tree.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate(edited, output)
    monkeypatch.undo()
    assert {
        k: v for k, v in _snapshot(output).items() if not k.endswith(tree.TEMP_SUFFIX)
    } == before
    generate(edited, output)  # the next run cleans up and completes
    assert not [p for p in _snapshot(output) if p.endswith(tree.TEMP_SUFFIX)]
    assert not generate(edited, output, check=True).plan.stale


def _generate_command(schema: Path, output: Path) -> list[str]:
    return [
        str(BIN / "automl-objective"),
        "generate",
        "--schema",
        str(schema),
        "--output",
        str(output),
    ]


def _living_in_group(group: int) -> list[int]:
    """Processes of a process group that still run (zombies aside), read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _no_process_left(group: int, wait: float = 5.0) -> bool:
    deadline = time.monotonic() + wait
    while _living_in_group(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_failing_render_stops_the_background_worker_and_says_one_line(
    tmp_path: Path,
) -> None:
    """Rendering fails in this process while the AWS schemas render in the forked one: the
    worker is stopped at once, and the error is one line (no thread traceback at exit)."""
    looped = json.loads(SCHEMA.read_text())
    looped["$defs"]["Loop"] = {"$ref": "#/$defs/Loop"}
    looped["$defs"]["AutoMLJobObjective"]["properties"]["Looped"] = {"$ref": "#/$defs/Loop"}
    schema = tmp_path / "looped.schema.json"
    schema.write_text(json.dumps(looped))
    for _ in range(3):
        done = subprocess.run(
            _generate_command(schema, tmp_path / "out"),
            capture_output=True,
            text=True,
            check=False,
            start_new_session=True,
            timeout=300,  # it once hung here: see tests/test_background.py
        )
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1, done.stderr


@pytest.mark.slow  # generate processes killed at six moments of their writing
def test_killed_runs_never_leave_a_half_written_file(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    old = _snapshot(output)
    edited = _edited_schema(tmp_path)
    new_root = tmp_path / "expected"
    generate(edited, new_root)
    new = _snapshot(new_root)
    for delay in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8):
        shutil.rmtree(output)
        generate(SCHEMA, output)
        process = subprocess.Popen(_generate_command(edited, output), start_new_session=True)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _no_process_left(process.pid), "generate's worker outlived it"
        for name, content in _snapshot(output).items():
            if name.endswith(tree.TEMP_SUFFIX):
                continue  # a temporary: removed by the next run
            assert content in (old.get(name), new.get(name)), f"{name} is half written"
    generate(edited, output)
    assert _snapshot(output) == new


def test_concurrent_runs_leave_one_complete_tree(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    edited = _edited_schema(tmp_path)
    processes = [
        subprocess.Popen(_generate_command(edited, output), stdout=subprocess.DEVNULL)
        for _ in range(3)
    ]
    assert [p.wait() for p in processes] == [0, 0, 0]
    assert not generate(edited, output, check=True).plan.stale
    assert not [p for p in _snapshot(output) if p.endswith(tree.TEMP_SUFFIX)]


def test_the_suite_runs_with_sockets_blocked() -> None:
    import socket

    with pytest.raises(RuntimeError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))


# --- generate deletes only what it wrote ------------------------------------------------------


def _run_generate(output: Path, *extra: str) -> tuple[int, str]:
    done = subprocess.run(
        [*_generate_command(SCHEMA, output), *extra], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stderr


def test_generate_into_a_repository_root_is_refused_and_deletes_nothing(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (clone / "README.md").write_text("mine\n")
    before = _snapshot(clone)
    code, err = _run_generate(clone)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{clone}: refusing to write into a folder that is not empty" in err
    assert _snapshot(clone) == before
    assert sorted(p.name for p in clone.iterdir()) == [".git", "README.md"]


def test_a_users_file_under_generated_survives_and_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.cli import main

    output = tmp_path / "generated"
    generate(SCHEMA, output)
    (output / "docs" / "notes.md").write_text("my notes\n")
    (output / "keep").mkdir()
    edited = str(_edited_schema(tmp_path))
    assert main(["generate", "--schema", edited, "--output", str(output)]) == 0
    assert main(["generate", "--schema", str(SCHEMA), "--output", str(output)]) == 0
    assert main(["generate", "--check", "--schema", str(SCHEMA), "--output", str(output)]) == 0
    err = capsys.readouterr().err
    assert "left alone, not written by generate: docs/notes.md" in err
    assert (output / "docs" / "notes.md").read_text() == "my notes\n"
    assert (output / "keep").is_dir()  # an empty folder of the user's is not removed either


def test_only_names_in_the_old_manifest_are_removed(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    manifest = output / tree.MANIFEST
    assert manifest.read_text().splitlines()[2:] == sorted(
        p for p in _snapshot(output) if not p.endswith(tree.TEMP_SUFFIX)
    )
    (output / "old" / "deep").mkdir(parents=True)
    (output / "old" / "deep" / "gone.py").write_text(
        "# Generated by automl-objective 0.0.1 from schema/x.json: an output of an old version\n"
    )
    (output / "old" / "mine.txt").write_text("the user's\n")
    manifest.write_text(manifest.read_text() + "old/deep/gone.py\n")
    changes = generate(SCHEMA, output).plan
    assert changes.removed == ["old/deep/gone.py"] and changes.foreign == ["old/mine.txt"]
    assert not (output / "old" / "deep").exists()  # emptied by the removal, so removed
    assert (output / "old" / "mine.txt").exists()
    assert tree.MANIFEST in changes.changed


def test_a_planted_manifest_never_costs_a_file_without_the_generated_header(
    tmp_path: Path,
) -> None:
    """A manifest edited or planted to list someone's README: the file is not generate's (it
    lacks the header every generated file carries), so it is kept and named."""
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    (output / "README.md").write_text("the user's notes\n")
    manifest = output / tree.MANIFEST
    manifest.write_text(manifest.read_text() + "README.md\n")
    changes = generate(SCHEMA, output).plan
    assert changes.removed == [] and changes.foreign == ["README.md"]
    assert (output / "README.md").read_text() == "the user's notes\n"


@pytest.mark.parametrize("name", ["notes.automl-objective-tmp", ".notes.automl-objective-tmp"])
def test_a_users_file_named_like_a_temporary_is_kept(tmp_path: Path, name: str) -> None:
    """Only generate's own temporaries (``.<output>.<pid>.automl-objective-tmp``) are cleaned
    up; a folder holding another such file is not empty, so it is not generate's either."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / name).write_text("precious\n")
    with pytest.raises(GenerateError, match="refusing to write into a folder"):
        generate(SCHEMA, fresh)
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    (output / name).write_text("precious\n")
    assert name in generate(SCHEMA, output).plan.foreign
    assert (output / name).read_text() == "precious\n"


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/hostname", "a/../../b"])
def test_a_manifest_naming_paths_outside_is_refused(tmp_path: Path, name: str) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    (tmp_path / "outside.txt").write_text("keep\n")
    (output / tree.MANIFEST).write_text(f"{name}\n")
    with pytest.raises(GenerateError, match="is not a path inside the folder"):
        generate(SCHEMA, output)
    assert (tmp_path / "outside.txt").read_text() == "keep\n"


def test_a_tree_from_before_manifests_is_adopted(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    (output / tree.MANIFEST).unlink()
    changes = generate(SCHEMA, output).plan
    assert changes.added == [tree.MANIFEST] and not changes.changed and not changes.removed


def test_a_foreign_file_in_a_tree_without_manifest_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "generated"
    generate(SCHEMA, output)
    (output / tree.MANIFEST).unlink()
    (output / "docs" / "notes.md").write_text("my notes\n")
    before = _snapshot(output)
    with pytest.raises(GenerateError, match="was not written by `automl-objective generate`"):
        generate(_edited_schema(tmp_path), output)
    assert _snapshot(output) == before


# --- what sits where generate writes or reads: a link, a FIFO, a device ---------------------------

REFERENCE = "docs/reference.md"
KINDS = "automl_objective_generated/aws/kinds.json"


def _link(name: str, to: str) -> Any:
    def plant(output: Path, outside: Path) -> None:
        (output / name).unlink()
        (output / name).symlink_to(to.format(outside=outside, output=output))

    return plant


def _fifo(name: str) -> Any:
    def plant(output: Path, outside: Path) -> None:
        (output / name).unlink()
        os.mkfifo(output / name)

    return plant


def _fifo_without_manifest(output: Path, outside: Path) -> None:
    (output / tree.MANIFEST).unlink()
    os.mkfifo(output / "docs" / "pipe")


IN_THE_WAY: dict[str, tuple[Any, str]] = {
    "a link to a file outside": (
        _link(REFERENCE, "{outside}/mine.md"),
        f"{REFERENCE}: is a symbolic link, where generate writes a file",
    ),
    "a link to another output": (
        _link(REFERENCE, "{output}/docs/reference.html"),
        "is a symbolic link, where generate writes a file",
    ),
    "a dangling link": (_link(REFERENCE, "{outside}/missing.md"), "is a symbolic link"),
    "a link to a folder": (_link(REFERENCE, "{outside}"), "is a symbolic link"),
    "kinds.json a link to /dev/zero": (_link(KINDS, "/dev/zero"), f"{KINDS}: is a symbolic"),
    "a FIFO": (_fifo(REFERENCE), f"{REFERENCE}: is not a regular file, where generate writes"),
    "kinds.json a FIFO": (_fifo(KINDS), f"{KINDS}: is not a regular file"),
    "the manifest a FIFO": (_fifo(tree.MANIFEST), "cannot read the manifest"),
    "a FIFO in a tree without a manifest": (
        _fifo_without_manifest,
        "not empty and was not written by `automl-objective generate`",
    ),
}


# --check reads as generate does: it is played where a read could block or never end.
RUNS = [(case, False) for case in sorted(IN_THE_WAY)] + [
    (case, True) for case in sorted(IN_THE_WAY) if "FIFO" in case or "/dev/zero" in case
]


@pytest.mark.parametrize(
    ("case", "check"), RUNS, ids=[f"{c}{' --check' * check}" for c, check in RUNS]
)
def test_what_is_no_regular_file_where_generate_writes_is_refused_without_blocking(
    case: str, check: bool, tmp_path: Path
) -> None:
    """A link is never replaced by a file (nor written through, out of generate's own files);
    a FIFO or a device is never opened (it would block, or never end)."""
    output = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", output, ignore=shutil.ignore_patterns("__pycache__"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mine.md").write_text("mine\n")
    plant, message = IN_THE_WAY[case]
    plant(output, outside)
    command = [*_generate_command(_edited_schema(tmp_path), output), *(["--check"] * check)]
    before = {p: (p.is_symlink(), p.is_fifo()) for p in tmp_path.rglob("*")}
    files = _snapshot(tmp_path)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert {p: (p.is_symlink(), p.is_fifo()) for p in tmp_path.rglob("*")} == before
    assert _snapshot(tmp_path) == files


def test_a_link_to_a_current_file_is_left_and_a_hard_link_split_loses_nothing(
    tmp_path: Path,
) -> None:
    """Where nothing is written, a link is left as it is. A generated file with another hard
    link is replaced by a rename (as git does): the other name keeps the old text."""
    output = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", output, ignore=shutil.ignore_patterns("__pycache__"))
    kept = tmp_path / "reference.md"
    shutil.move(output / REFERENCE, kept)
    (output / REFERENCE).symlink_to(kept)
    assert generate(SCHEMA, output).plan.stale is False
    assert (output / REFERENCE).is_symlink()
    (output / REFERENCE).unlink()
    os.link(kept, output / REFERENCE)
    generate(_edited_schema(tmp_path), output)
    assert (output / REFERENCE).read_text() != kept.read_text()
    assert kept.read_text() == (ROOT / "generated" / REFERENCE).read_text()


@pytest.mark.parametrize("plant", ["fifo", "/dev/zero"])
def test_sync_reads_the_recorded_botocore_version_without_blocking(
    plant: str, tmp_path: Path
) -> None:
    output = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", output, ignore=shutil.ignore_patterns("__pycache__"))
    (output / KINDS).unlink()
    if plant == "fifo":
        os.mkfifo(output / KINDS)
    else:
        (output / KINDS).symlink_to(plant)
    command = [str(BIN / "automl-objective"), "sync", "--from-botocore", "--schema", str(SCHEMA)]
    done = subprocess.run(
        [*command, "--output", str(output)], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout.splitlines()[-1]) == (0, "no drift"), done.stderr


# --- schema text never becomes code -----------------------------------------------------------

PY_FILES = (
    "__init__.py",
    "tables.py",
    "rules.py",
    "models.py",
    "checks.py",
    "explainers.py",
    "requests.py",
)


def _hostile_schema(text: str) -> dict[str, Any]:
    """The canonical schema with ``text`` in every field that reaches a template: titles and
    descriptions, a metric name (allowed and the default for Regression), the notes."""
    schema: dict[str, Any] = json.loads(SCHEMA.read_text())
    defs = schema["$defs"]
    schema["title"] = schema["description"] = text
    schema["x-known-inconsistencies"].append(text)
    auc = defs["MetricName"]["x-metrics"]["AUC"]
    auc["title"] = auc["description"] = text
    auc["aliases"] = [text]
    defs["MetricName"]["description"] = defs["ProblemType"]["description"] = text
    defs["MetricName"]["title"] = defs["CreateAutoMLJobRequest"]["title"] = text
    schema["$id"] += "/" + text.replace("#", "")
    defs["MetricName"]["enum"].append(text)
    defs["MetricName"]["x-metrics"][text] = {
        "title": text,
        "direction": "Minimize",
        "description": text,
    }
    regression = defs["RegressionMetricName"]
    regression["enum"].append(text)
    regression["default"] = text
    regression["title"] = regression["description"] = text
    defs["AutoMLJobObjective"]["properties"]["MetricName"]["description"] = text
    return schema


def _write_schema(folder: Path, schema: dict[str, Any], name: str = SCHEMA.name) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(schema, indent=2), "utf-8", errors="surrogatepass")
    return path


BASELINE_NAMES = {
    name: used_names((ROOT / "generated" / "automl_objective_generated" / name).read_text())
    for name in PY_FILES
}


def _assert_no_active_html(document: Any) -> None:
    """No element a schema string could have added: no script, no bold, no event handler."""
    for element in document.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        assert tag not in ("script", "b"), tag
        assert not [a for a in element.attrib if a.startswith("on")], element.attrib


def _assert_inert(outputs: dict[str, str]) -> None:
    """Every .py output parses and uses no name the committed tree does not; JSON parses; the
    HTML is well formed; the Markdown shows no raw HTML and keeps its matrix."""
    import html5lib
    from markdown_it import MarkdownIt

    for name in PY_FILES:
        text = outputs[f"automl_objective_generated/{name}"]
        assert used_names(text) <= BASELINE_NAMES[name], name
    for relative, text in outputs.items():
        if relative.endswith(".json"):
            json.loads(text)
    html = outputs["docs/reference.html"]
    _assert_no_active_html(html5lib.HTMLParser(strict=True).parse(html))
    markdown = outputs["docs/reference.md"]
    shown = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    _assert_no_active_html(html5lib.parse(shown))
    bundled = json.loads(outputs["automl_objective_generated/automl_job_objective.schema.json"])
    metrics = len(bundled["$defs"]["MetricName"]["enum"])
    assert shown.split("<table>")[1].count("<tr>") == metrics + 1


@pytest.mark.slow  # a whole tree rendered and imported in a process of its own, eleven times
@pytest.mark.parametrize("number", range(len(hostile(Path("canary")))))
def test_hostile_schema_text_is_rendered_inert_and_imports_without_running(
    tmp_path: Path, number: int
) -> None:
    canary = tmp_path / "canary"
    text = hostile(canary)[number]
    path = _write_schema(tmp_path / "schema", _hostile_schema(text))
    output = tmp_path / "generated"
    generate(path, output)
    outputs = {
        p.relative_to(output).as_posix(): p.read_text("utf-8")
        for p in output.rglob("*")
        if p.is_file()
    }
    _assert_inert(outputs)
    script = (
        "import importlib\n"
        f"for name in {[n.removesuffix('.py') for n in PY_FILES if n != '__init__.py']!r}:\n"
        "    importlib.import_module('automl_objective_generated.' + name)\n"
        "from automl_objective_generated import tables\n"
        f"assert tables.DEFAULT_METRIC['Regression'] == {text!r}\n"
        f"assert tables.METRIC_DESCRIPTION['AUC'] == {text!r}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(output), "PATH": ""},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not canary.exists(), text


def test_a_python_template_value_without_an_escaping_filter_fails_the_render() -> None:
    from automl_objective_codegen.environment import UnsafeTemplateValue, python_environment

    env = python_environment()
    with pytest.raises(UnsafeTemplateValue, match="without the py, ident or doc filter"):
        env.from_string("X = {{ value }}\n").render(value="1; import os")
    with pytest.raises(UnsafeTemplateValue, match="without the py, ident or doc filter"):
        env.from_string("X = {{ 'constant' }}\n").render()
    assert env.from_string("X = {{ value | py }}\n").render(value='a"\n') == 'X = "a\\"\\n"\n'
    with pytest.raises(UnsafeTemplateValue, match="is not a Python identifier"):
        env.from_string("{{ value | ident }}Metric = 1\n").render(value="a = 1\nb")
    with pytest.raises(UnsafeTemplateValue, match="is not a Python identifier"):
        env.from_string("{{ value | ident }} = 1\n").render(value="class")


@given(st.text())
def test_every_string_becomes_a_literal_of_itself(text: str) -> None:
    from automl_objective_codegen.environment import PYTHON_FILTERS

    literal = PYTHON_FILTERS["py"](text)
    assert ast.literal_eval(literal) == text
    assert "\n" not in literal and "\r" not in literal
    docstring = f'"""{PYTHON_FILTERS["doc"](text)}"""'
    assert ast.literal_eval(docstring) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lone \ud800 surrogate", "holds U\\+D800, which generated files cannot hold"),
        ("nul \x00 byte", "holds U\\+0000"),
        ("escape \x1b[31m", "holds U\\+001B"),
    ],
)
def test_text_no_generated_file_can_hold_is_refused_in_one_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write_schema(tmp_path / "schema", _hostile_schema(text))
    with pytest.raises(GenerateError, match=message) as caught:
        generate(path, tmp_path / "generated")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "generated").exists()


@pytest.mark.parametrize("name", ["Bad Name", "x\nimport os", "class", "Ré", "1st", ""])
def test_a_problem_type_name_that_is_no_identifier_is_refused(tmp_path: Path, name: str) -> None:
    schema = json.loads(SCHEMA.read_text())
    schema["$defs"]["RegressionMetricName"]["x-problem-type"] = name
    path = _write_schema(tmp_path / "schema", schema)
    with pytest.raises(GenerateError, match=r"x-problem-type .* must be an ASCII Python"):
        generate(path, tmp_path / "generated")


def test_a_hostile_schema_file_name_stays_inside_the_headers(tmp_path: Path) -> None:
    name = "x\n__import__('os').getcwd()\n--> \u00f1.json"
    path = _write_schema(tmp_path / "schema", json.loads(SCHEMA.read_text()), name)
    output = tmp_path / "generated"
    generate(path, output)
    outputs = {
        p.relative_to(output).as_posix(): p.read_text("utf-8")
        for p in output.rglob("*")
        if p.is_file()
    }
    _assert_inert(outputs)
    comment = outputs["docs/reference.html"].split("<!--", 1)[1].split("-->", 1)[0]
    assert "Do not edit" in comment
    header = outputs["automl_objective_generated/tables.py"].splitlines()[:3]
    assert all(line.startswith("# ") for line in header)
    assert "schema/x\\u000a__import__" in header[0]


@pytest.mark.slow  # a whole tree rendered for each of 25 random texts
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40))
def test_fuzz_random_schema_text_never_becomes_code(text: str) -> None:
    import tempfile

    from automl_objective_codegen.run import render_source

    with tempfile.TemporaryDirectory() as folder:
        path = _write_schema(Path(folder) / "schema", _hostile_schema(text))
        try:
            outputs = render_source(read_source(path), path)
        except GenerateError as error:
            assert "\n" not in str(error)
            return
    _assert_inert(outputs)


@pytest.mark.parametrize(
    "code",
    [
        "import os\n",
        "class A:\n    x = __import__('os').system('true')\n",
        "x = open('/tmp/f', 'w')\n",
        "def f(:\n",
    ],
)
def test_models_text_that_would_run_anything_new_is_refused(code: str) -> None:
    from automl_objective_codegen.environment import UnsafeTemplateValue
    from automl_objective_codegen.python_models import refuse_unexpected_code

    committed = (ROOT / "generated" / "automl_objective_generated" / "models.py").read_text()
    refuse_unexpected_code(committed)  # what datamodel-code-generator writes passes
    with pytest.raises(UnsafeTemplateValue, match=r"models\.py"):
        refuse_unexpected_code(committed + code)
