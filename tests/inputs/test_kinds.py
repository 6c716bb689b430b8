"""A new input kind is one module and one registry line: a toy kind (``*.toy`` files of
``Member.Path=value`` lines) registered here is found by a folder scan, read and checked by
``validate`` with findings at its lines, named in ``--include``'s default and help, and given
its row in the README's kinds table, with nothing else changed. And the registry itself: each
kind claims what it says, in the order it says."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from automl_objective.cli import main
from automl_objective.inputs import registry
from automl_objective.inputs.discovery import discover
from automl_objective.inputs.document import Contents, Part
from automl_objective.inputs.kind import InputKind, OnCall
from automl_objective.inputs.positions import Request, Spot
from automl_objective.inputs.reading import decode
from automl_objective_codegen.readme_table import render_kinds_table
from tests.support.paths import ROOT


def _read_toy(display: str, raw: bytes) -> Contents:
    """``A.B=value`` lines: one fragment of a V1 request, each value located at its line."""
    data: dict[str, object] = {}
    places: dict[tuple[str, ...], tuple[int, int]] = {(): (1, 1)}
    for number, line in enumerate(decode(display, raw).splitlines(), start=1):
        path, _, value = line.partition("=")
        keys = tuple(path.split("."))
        node = data
        for key in keys[:-1]:
            node = node.setdefault(key, {})  # type: ignore[assignment]
        node[keys[-1]] = value
        places[keys] = (number, len(path) + 2)

    def locate(requests: Sequence[Request]) -> list[Spot]:
        return [(places.get(tuple(map(str, path)), (1, 1)), None) for path, _ in requests]

    part = Part(data, "create-auto-ml-job", locate)  # the objective rules only
    return Contents(display, TOY.name, None, (part,))


TOY = InputKind(
    name="toy-file",
    globs=("*.toy",),
    told_by="its name",
    holds="one fragment of a V1 request, a member a line",
    read=_read_toy,
)


@pytest.fixture
def with_toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(registry, "KINDS", (*registry.KINDS, TOY))  # the one registry line
    yield


def _toy_folder(tmp_path: Path) -> Path:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "churn.toy").write_text(
        "ProblemType=Regression\nAutoMLJobObjective.MetricName=AUC\n"
    )
    (tmp_path / "jobs" / "notes.txt").write_text("not read\n")
    return tmp_path


def test_a_folder_scan_finds_the_files_of_a_registered_kind(with_toy: None, tmp_path: Path) -> None:
    found = [source.display for source in discover([str(_toy_folder(tmp_path))])]
    assert found == [str(tmp_path / "jobs" / "churn.toy")]
    assert "*.toy" in registry.default_include()


def test_validate_reads_and_checks_a_registered_kind(
    with_toy: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_toy_folder(tmp_path))]) == 1
    out = capsys.readouterr().out.splitlines()
    where = tmp_path / "jobs" / "churn.toy"
    assert out[0].startswith(f"{where}:2:31: error [metric-not-allowed] MetricName 'AUC' ")
    assert out[1] == "1 file checked: 0 valid, 1 invalid (1 error, 0 warnings)"


def test_include_help_names_the_globs_of_a_registered_kind(
    with_toy: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "(default: *.json, *.yaml, *.yml, *.py, *.ipynb, *.toy)" in help_text


def test_the_readme_kinds_table_gets_a_row_for_a_registered_kind(with_toy: None) -> None:
    rows = render_kinds_table().splitlines()
    assert rows[-2] == (
        "| `toy-file` | `*.toy` | its name | one fragment of a V1 request, a member a line | - |"
    )


def test_without_the_registry_line_the_kind_is_unknown(tmp_path: Path) -> None:
    assert registry.claim("jobs/churn.toy") is None
    assert "toy-file" not in render_kinds_table()
    with pytest.raises(ValueError, match="no files matched"):
        discover([str(_toy_folder(tmp_path))])


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("job.py", "python-source"),
        ("JOB.PY", "python-source"),
        ("a/b/run.ipynb", "jupyter-notebook"),
        ("job.json", None),
        ("job.create-auto-ml-job.yaml", None),
        ("<stdin>", None),
        ("job.pyc", None),
    ],
)
def test_a_kind_with_a_syntax_of_its_own_claims_its_files_by_name(
    name: str, kind: str | None
) -> None:
    claimed = registry.claim(name)
    assert (claimed.name if claimed is not None else None) == kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"Version": "2020-12-01", "Steps": []}, "sagemaker-pipeline-definition"),
        ({"StartAt": "a", "States": {}}, "step-functions-state-machine"),
        ({"Steps": []}, "request-document"),
        ({"MetricName": "F1"}, "request-document"),
        ([1, 2], "request-document"),
    ],
)
def test_a_json_or_yaml_document_is_of_the_first_kind_that_recognises_it(
    data: object, kind: str
) -> None:
    assert registry.recognise(data).name == kind


def test_every_kind_is_one_family_and_says_what_it_holds() -> None:
    names = [kind.name for kind in registry.KINDS]
    assert len(set(names)) == len(names)
    fallbacks = [k for k in registry.KINDS if k.requests is not None and k.recognises is None]
    assert len(fallbacks) == 1
    for kind in registry.KINDS:
        assert (kind.read is None) != (kind.requests is None), kind.name
        assert kind.recognises is None or kind.requests is not None, kind.name
        # An editor's buffer is read as the saved file: a kind reading bytes reads text too.
        assert (kind.read is None) == (kind.read_decoded is None), kind.name
        assert kind.globs and kind.told_by and kind.holds, kind.name


def test_the_readme_holds_the_rendered_kinds_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert render_kinds_table() in readme


def test_suffix_globs_match_as_their_regular_expression_does() -> None:
    from automl_objective.inputs.globs import Globs

    names = ["a.py", "dir/b.PY", "c.pyx", "d.ipynb", "x.py/y", "py", ".py", "e.Py", "f.json"]
    names += ["deep/g.tar.gz", "h.TAR.GZ", "i.tar.GZ", "j.yml", "k.YAML", "dir.py/l.json"]
    for patterns in (("*.py",), ("*.ipynb", "*.py"), ("*.tar.gz",), ("*.json", "*.yaml", "*.yml")):
        fast = Globs(patterns)
        assert fast._endings is not None
        slow = Globs(patterns)
        slow._endings = None  # the regular expression every other pattern goes through
        for name in names:
            assert fast(name) == slow(name), (patterns, name)
    assert Globs(("*.py", "src/*.json"))._endings is None


def test_a_kind_claims_a_file_by_one_suffix_test_as_its_globs_would() -> None:
    from automl_objective.inputs.globs import Globs

    names = ["a.py", "A.PY", "b.Py", "c.pyc", "d.ipynb", "e.IPYNB", "x.py/y", "py", ".py"]
    names += ["dir.py/f.json", "g.json", "h", "i.", "j.İpynb", "k.tar.gz", "l.py.json", "m/.py"]
    names += ["n.\u212aipynb", "o./p", "<stdin>", "q.py ", "r.yml", "s.pY"]

    def by_globs(name: str) -> str | None:
        found = [k for k in registry.KINDS if k.read is not None and Globs(k.globs)(name)]
        return found[0].name if found else None

    for name in names:
        claimed = registry.claim(name)
        assert (claimed.name if claimed is not None else None) == by_globs(name), name


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        ("stack.ts", 'new sfn.CustomState(this, "Create", { stateJson: {} });\n', "TypeScript"),
        ("STACK.TS", "export const name = 'job_1';\n", "TypeScript"),
        ("app.mjs", "const x = { AutoMLJobName: 'a' };\n", "JavaScript"),
        ("main.tf", 'resource "aws_sfn_state_machine" "automl" {\n  name = "a"\n}\n', "Terraform"),
    ],
)
def test_a_file_of_a_language_no_kind_reads_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, language: str
) -> None:
    """A ``.ts`` file named was read as a request document and said "invalid YAML" (true,
    but no help); a JSON or YAML object in one is still read as the request it is."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    [line, summary] = capsys.readouterr().out.splitlines()
    instead = (
        "a state machine definition it reads from a .json or .yaml file is checked there"
        if language == "Terraform"
        else "check a CDK app's synthesised template, cdk.out/*.template.json, instead"
    )
    assert line == (
        f"{path}: error [parse-error] no input kind reads {language}, and this file is no "
        f"JSON or YAML request document (a file named on the command line is read as one; "
        f"{instead})"
    )
    assert summary.startswith("1 file checked: 0 valid, 1 invalid")
    path.write_text('{"MetricName": "F1"}', encoding="utf-8")
    assert main(["validate", str(path)]) == 0


def test_each_kind_names_functions_its_module_has_and_the_module_holds_the_kind() -> None:
    """The registry names a kind's reader by module (imported when a file of the kind is
    read): each name is a function of that module, whose ``KIND`` is the registry's."""
    named = 0
    for kind in registry.KINDS:
        for function in (kind.read, kind.read_decoded, kind.requests):
            if isinstance(function, OnCall):
                module = importlib.import_module(function.module)
                assert callable(getattr(module, function.name)), (kind.name, function)
                assert module.KIND is kind, kind.name
                named += 1
    assert named >= 5


def test_a_kind_and_what_a_file_holds_are_built_and_replaced_by_field() -> None:
    """InputKind, Contents and Part are plain classes (a NamedTuple's class cost 0.6 M instructions
    of every start-up): what a kind's author and the readers use of them stays."""
    assert (TOY.read_decoded, TOY.recognises, TOY.hook, TOY.hook_types, TOY.in_words) == (
        None,
        None,
        None,
        (),
        "",
    )
    changed = TOY._replace(in_words="a toy file")
    assert (changed.in_words, changed.globs, changed.read, TOY.in_words) == (
        "a toy file",
        TOY.globs,
        _read_toy,
        "",
    )
    contents = Contents("a.toy", None)
    assert (contents.document, contents.parts, contents.problems) == (None, (), ())
    kinded = contents._replace(kind=TOY.name)
    assert (kinded.path, kinded.kind, contents.kind) == ("a.toy", "toy-file", None)
    assert "kind='toy-file'" in repr(kinded)
    part = Part({"MetricName": "F1"}, "objective", _read_toy)  # type: ignore[arg-type]
    assert (part.prefix, part.cell_of, part.explain, part.written, part.same_as) == (
        (),
        None,
        None,
        None,
        None,
    )
    moved = part._replace(prefix=("Resources", "Job"), same_as="key")
    assert (moved.data, moved.kind, moved.prefix, moved.same_as, part.prefix) == (
        part.data,
        "objective",
        ("Resources", "Job"),
        "key",
        (),
    )
