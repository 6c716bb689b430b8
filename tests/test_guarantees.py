"""What the README's "Guarantees" promise: no network, no write outside generated/, atomic
and serialised generate runs."""

from __future__ import annotations

import copy
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from automl_objective.codegen import tree
from automl_objective.codegen.run import GenerateError, generate, read_source
from automl_objective.schema import ExternalReferenceError, load_schema
from automl_objective.validation import Checker

ROOT = Path(__file__).resolve().parents[1]
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

    monkeypatch.setattr("automl_objective.codegen.tree.os.replace", interrupted)
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
        process = subprocess.Popen(_generate_command(edited, output))
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
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
    (output / "old" / "deep" / "gone.py").write_text("# an output an earlier version wrote\n")
    (output / "old" / "mine.txt").write_text("the user's\n")
    manifest.write_text(manifest.read_text() + "old/deep/gone.py\n")
    changes = generate(SCHEMA, output).plan
    assert changes.removed == ["old/deep/gone.py"] and changes.foreign == ["old/mine.txt"]
    assert not (output / "old" / "deep").exists()  # emptied by the removal, so removed
    assert (output / "old" / "mine.txt").exists()
    assert tree.MANIFEST in changes.changed


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
