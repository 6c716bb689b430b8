"""YAML in one pass (:mod:`automl_objective.inputs.yaml_one_pass`) reads every text exactly as
the careful reading does: the same data, positions, duplicate keys listed, or the same
refusal at the same place; plain documents are read in one pass, anything unusual is read
again by the careful reading; and the lean loader's shortcuts hold."""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.inputs import yaml_one_pass, yaml_syntax
from automl_objective.inputs.document import Document
from tests.support.fuzzing import examples
from tests.support.yaml_readings import Reading, mutant, outcome, yaml_files

FILES = yaml_files()
SEEDS = [text for text in (path.read_text("utf-8") for path in FILES) if len(text) < 20_000]
REQUEST = """AutoMLJobName: job
ProblemType: Regression
AutoMLJobObjective:
  MetricName: MSE
InputDataConfig:
  - DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: 's3://b/in'}}
    TargetAttributeName: y
Numbers: [1, -2, 0x1F, 0o17, 1_000, 1:30, 2.5, 1e3, +.5, ~, null, yes, No, 'yes']
Text: |
  folded
  lines
"""
TEMPLATE = """AWSTemplateFormatVersion: 2010-09-09
Resources:
  Job:
    Type: AWS::SageMaker::Pipeline
    Properties:
      RoleArn: !GetAtt Role.Arn
      Name: !Sub '${AWS::StackName}-job'
      Definition: !Join ['', [!Ref Bucket, {Nested: !Select [0, !GetAZs '']}]]
      When: 2024-01-01
"""


def _one_pass(cloudformation: bool) -> Reading:
    return lambda text: yaml_syntax.parse_yaml("x.yaml", text, cloudformation=cloudformation)


def _careful(cloudformation: bool) -> Reading:
    return lambda text: yaml_syntax._careful("x.yaml", text, cloudformation)


def _same_reading(text: str, cloudformation: bool) -> None:
    careful = outcome(_careful(cloudformation), text)
    assert outcome(_one_pass(cloudformation), text) == careful, text


def test_the_yaml_files_under_tests_are_many() -> None:
    assert len(FILES) >= 30, FILES


@pytest.mark.parametrize("cloudformation", [False, True], ids=["request", "template"])
def test_every_yaml_file_under_tests_reads_the_same_in_one_pass(cloudformation: bool) -> None:
    for path in FILES:
        _same_reading(path.read_text("utf-8").removeprefix("\ufeff"), cloudformation)


EXAMPLES = examples(400)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(
    seed=st.sampled_from([REQUEST, TEMPLATE, *SEEDS]),
    rng=st.randoms(use_true_random=False),
    cloudformation=st.booleans(),
)
def test_mutated_documents_read_the_same_in_one_pass(
    seed: str, rng: random.Random, cloudformation: bool
) -> None:
    _same_reading(mutant(rng, seed), cloudformation)


def _careful_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    careful = yaml_syntax._careful

    def counted(path: str, text: str, cloudformation: bool) -> Document:
        calls.append(text)
        return careful(path, text, cloudformation)

    monkeypatch.setattr(yaml_syntax, "_careful", counted)
    return calls


@pytest.mark.parametrize(
    ("text", "cloudformation"),
    [(REQUEST, False), (TEMPLATE, True), ("# only a comment\n", False), ("[]", False)],
    ids=["request", "template", "no-document", "flow"],
)
def test_plain_documents_are_read_in_one_pass(
    monkeypatch: pytest.MonkeyPatch, text: str, cloudformation: bool
) -> None:
    calls = _careful_counted(monkeypatch)
    yaml_syntax.parse_yaml("x.yaml", text, cloudformation=cloudformation)
    assert calls == []


UNUSUAL: dict[str, tuple[str, bool]] = {
    "anchor": ("a: &x [1]\nb: *x\n", False),
    "key-twice": ("a: 1\na: 2\n", False),
    "key-twice-in-a-template": ("AWSTemplateFormatVersion: x\na: 1\na: 2\n", True),
    "merge-key": ("a: {b: 1}\nc:\n  <<: {b: 2}\n", False),
    "number-key": ("1: a\n", False),
    "mapping-key": ("? {a: 1}\n: b\n", False),
    "nan": ("a: .nan\n", False),
    "infinite": ("a: 1.0e+400\n", False),
    "long-number": (f"a: {'9' * 401}\n", False),
    "date": ("a: 2024-01-01\n", False),
    "binary": ("a: !!binary aGk=\n", False),
    "short-form-outside-a-template": ("a: !Ref b\n", False),
    "bool-not-a-bool": ("a: !!bool maybe\n", False),
    "deep": ("a: " + "[" * 60 + "]" * 60 + "\n", False),
    "deep-short-forms": ("a: " + "!Not [" * 300 + "]" * 300 + "\n", True),
    "two-documents": ("a: 1\n---\nb: 2\n", False),
    "syntax-error": ("a: [1\n", False),
}


@pytest.mark.parametrize(("text", "cloudformation"), UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_documents_are_read_again_carefully(
    monkeypatch: pytest.MonkeyPatch, text: str, cloudformation: bool
) -> None:
    expected = outcome(_careful(cloudformation), text)
    calls = _careful_counted(monkeypatch)
    assert outcome(_one_pass(cloudformation), text) == expected
    assert calls == [text]


def test_the_lean_loader_has_no_path_resolvers() -> None:
    """Its descend and ascend hooks do nothing, and a plain scalar's tag is remembered by
    its text: both are right only while no path resolver is added."""
    assert yaml_one_pass.LeanLoader.yaml_path_resolvers == {}


def _tags(node: Any) -> list[str]:
    """Every node's tag, in document order."""
    found, stack = [], [node]
    while stack:
        node = stack.pop()
        found.append(node.tag)
        if isinstance(node.value, list):
            items = [
                part
                for item in node.value
                for part in (item if isinstance(item, tuple) else (item,))
            ]
            stack.extend(reversed(items))
    return found


def test_the_lean_loader_tags_every_node_as_pyyaml_does() -> None:
    """The tags it remembers (a plain scalar's by its text, any other node's by its kind and
    whether its tag is implicit) are those PyYAML's own loader gives, node by node (texts
    without an anchor, as the one pass reads)."""
    quoted = "- 'quoted'\n- \"too\"\n- !!str 1\n- {a: [b, '']}\n"
    for text in [REQUEST, TEMPLATE, quoted, *SEEDS]:
        if "&" in text:
            continue
        try:
            expected = yaml.compose(text, Loader=yaml_one_pass._Composer)
        except yaml.YAMLError:
            continue
        if expected is not None:
            assert _tags(yaml_one_pass.compose(text)) == _tags(expected), text


def test_remembered_tags_stay_bounded() -> None:
    text = "".join(
        f"k{index}: v{index}\n" for index in range(3 * yaml_one_pass.MAX_REMEMBERED_TAGS)
    )
    data: Any = yaml_syntax.parse_yaml("x.yaml", text).data
    assert len(data) == 3 * yaml_one_pass.MAX_REMEMBERED_TAGS
    assert len(yaml_one_pass._remembered_tags) <= yaml_one_pass.MAX_REMEMBERED_TAGS


_WITHOUT_LIBYAML = """
import sys, yaml
for name in [n for n in dir(yaml) if n.startswith("C") and n.endswith(("Loader", "Parser"))]:
    delattr(yaml, name)
yaml.__with_libyaml__ = False
from automl_objective.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_pyyaml_built_without_libyaml_reads_the_same(tmp_path: Any) -> None:
    """PyYAML built without libyaml has no C loader (a fresh environment on Python 3.13 had
    none, and every YAML file was an internal error): its Python loader composes instead,
    with the same findings (a parse error's words are that loader's own)."""
    import json
    import subprocess
    import sys

    from tests.support.paths import ROOT

    folders = [str(ROOT / "tests" / "fixtures"), str(ROOT / "examples")]
    command = ["validate", "--format", "json", *folders]
    script = tmp_path / "without_libyaml.py"
    script.write_text(_WITHOUT_LIBYAML, "utf-8")
    done = subprocess.run(
        [sys.executable, str(script), *command], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr  # the fixtures hold invalid files
    from automl_objective.cli import main

    def findings(output: str) -> list[tuple[Any, ...]]:
        return [
            (f["path"], g["code"], g["line"], g["pointer"])
            for f in json.loads(output)["files"]
            for g in f["findings"]
        ]

    without = findings(done.stdout)
    assert "internal-error" not in {code for _, code, _, _ in without}
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(command)
    assert without == findings(out.getvalue())
    assert any(path.endswith((".yaml", ".yml")) for path, *_ in without)
