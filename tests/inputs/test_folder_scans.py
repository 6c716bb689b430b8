"""Folder scans stay quiet on what is not theirs: a JSON or YAML document found under a
folder that holds no AutoML request is passed over (skipped), as a ``.py`` file without an
AutoML call is; the same file named on the command line keeps its ``unknown-document``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import check_sources, check_text
from automl_objective.cli import main
from automl_objective.inputs import discovery
from automl_objective.inputs.discovery import discover
from automl_objective.inputs.source import Source


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "config.json").write_text(json.dumps({"bucket": "b", "stages": ["dev"]}))
    (tmp_path / "workflow.yaml").write_text("name: ci\njobs: {}\n")
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "helper.py").write_text("print('no AutoML here')\n")
    (tmp_path / "broken.json").write_text('{"AutoMLJobObjective": {"MetricName": ')
    (tmp_path / "job.json").write_text(json.dumps({"MetricName": "Acuracy"}))
    return tmp_path


def test_documents_of_no_known_kind_found_in_a_folder_are_skipped(folder: Path) -> None:
    results = {Path(r.path).name: r for r in check_sources(discover([str(folder)]))}
    for name in ("config.json", "workflow.yaml", "list.json"):
        assert results[name].valid and results[name].findings == [], name
        assert results[name].skipped is not None, name
    assert results["helper.py"].valid and results["helper.py"].skipped is None
    # a file that does not parse may be a broken request; a request's mistakes are reported
    assert [f.code for f in results["broken.json"].findings] == ["parse-error"]
    assert [f.code for f in results["job.json"].findings] == ["unknown-metric"]


def test_a_file_named_keeps_its_finding(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [named] = check_sources(discover([str(folder / "config.json")]))
    assert [f.code for f in named.findings] == ["unknown-document"]
    assert main(["validate", str(folder / "config.json")]) == 1
    capsys.readouterr()
    (folder / "broken.json").unlink()
    (folder / "job.json").unlink()
    assert main(["validate", str(folder)]) == 0
    assert "3 skipped as none of the known kinds" in capsys.readouterr().out


def test_an_explicit_kind_checks_every_file_found(folder: Path) -> None:
    results = check_sources(discover([str(folder / "config.json")]), kind="objective")
    assert not results[0].valid
    found = {Path(r.path).name: r for r in check_sources(discover([str(folder)]), kind="objective")}
    assert not found["config.json"].valid


@pytest.mark.parametrize("named", [1, 70, 150, 400])
def test_many_named_paths_are_told_files_or_folders_however_large_their_folder(
    tmp_path: Path, named: int
) -> None:
    """Named paths are told apart from the folder's listing where it is small beside them,
    and by a stat each where it is not (a few named out of many): the same sources either
    way, a folder named like a file (``sub.json``) searched, a symlink and a missing path
    left for reading to judge, paths spelt with ``./`` and repeated slashes too."""
    for index in range(400):
        (tmp_path / f"{index:03d}.json").write_text("{}")
    (tmp_path / "sub.json").mkdir()
    (tmp_path / "sub.json" / "inner.json").write_text("{}")
    (tmp_path / "link.json").symlink_to(tmp_path / "000.json")
    spelt = (f"{tmp_path}/./", f"{tmp_path}//", f"{tmp_path}/")
    paths = [f"{spelt[i % 3] if i < 9 else spelt[2]}{i:03d}.json" for i in range(named)]
    paths += [f"{tmp_path}/sub.json", f"{tmp_path}//link.json", f"{tmp_path}/missing.json"]
    listed = []
    real_listing = discovery._Listings._listing

    def spy(self: Any, folder: str) -> Any:
        listing = real_listing(self, folder)
        listed.append(listing is not None)
        return listing

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(discovery._Listings, "_listing", spy)
        sources = discover(paths)
    assert any(listed) == (named == 400)  # else each path is told by a stat
    assert [(s.path, s.found) for s in sources] == [
        *((path, False) for path in paths[:named]),
        (f"{tmp_path}/sub.json/inner.json", True),
        (f"{tmp_path}//link.json", False),
        (f"{tmp_path}/missing.json", False),
    ]


def test_a_path_is_split_as_posixpath_splits_it() -> None:
    import itertools
    import posixpath

    from automl_objective.inputs.discovery import _posix_split

    for size in range(6):
        for parts in itertools.product(["a", "/", ".", "//", ""], repeat=size):
            path = "".join(parts)
            assert _posix_split(path) == posixpath.split(path), path


def test_a_document_of_no_known_kind_is_passed_over_whatever_members_it_repeats(
    tmp_path: Path,
) -> None:
    """A member written twice fails the strict parse first; a folder's file that, read with
    the last one kept, is still none of the known kinds holds no request and is passed over
    (a Lambda's config read from S3 in a real repository did this). A request, a state
    machine or a file named keeps its ``duplicate-key`` finding."""
    config = '{"stage": "dev", "filling": {"price": "zero", "price": "zero"}}'
    (tmp_path / "config.json").write_text(config)
    (tmp_path / "ci.yaml").write_text("name: build\nname: test\n")
    (tmp_path / "job.json").write_text('{"MetricName": "F1", "MetricName": "AUC"}')
    machine = {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}
    (tmp_path / "machine.json").write_text(json.dumps(machine)[:-1] + ', "StartAt": "A"}')
    found = {Path(r.path).name: r for r in check_sources(discover([str(tmp_path)]))}
    for name in ("config.json", "ci.yaml"):
        assert found[name].findings == [] and found[name].skipped is not None, name
    for name in ("job.json", "machine.json"):
        assert [f.code for f in found[name].findings] == ["duplicate-key"], name
    [named] = check_sources(discover([str(tmp_path / "config.json")]))
    assert [f.code for f in named.findings] == ["duplicate-key"]
    [skipped] = check_sources(discover([str(tmp_path / "config.json")]), skip_unknown=True)
    assert skipped.findings == [] and skipped.skipped is not None
    unsaved = check_text(config, "config.json", skip_unknown=True)
    assert unsaved.findings == [] and unsaved.skipped is not None


_AUTOML_JOB = {
    "Type": "AWS::SageMaker::AutoMLJob",
    "Properties": {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC"}},
}


def test_a_document_whose_first_writing_of_a_member_makes_it_a_known_kind_is_not_passed_over(
    tmp_path: Path,
) -> None:
    """CloudFormation, the AWS CLI and botocore keep a member's last writing; a template whose
    second ``Resources`` (or ``Transform``) hides the first's AutoML job is that mistake, so a
    folder scan keeps its ``duplicate-key`` finding: it passes over a file only when neither
    writing kept makes it a known kind."""
    job = json.dumps({"Job": _AUTOML_JOB})
    (tmp_path / "stack.json").write_text(f'{{"Resources": {job}, "Resources": {{"X": 1}}}}')
    (tmp_path / "stack.yaml").write_text(
        "Resources:\n  Job:\n    Type: AWS::SageMaker::AutoMLJob\nResources: 1\n"
    )
    (tmp_path / "sam.json").write_text(
        '{"Transform": "AWS::Serverless-2016-10-31", "Transform": "Mine", "Resources": {"F": 1}}'
    )
    (tmp_path / "config.json").write_text('{"Config": {"ProblemType": "X"}, "Config": 1}')
    found = {Path(r.path).name: r for r in check_sources(discover([str(tmp_path)]))}
    for name in ("stack.json", "stack.yaml", "sam.json"):
        assert [f.code for f in found[name].findings] == ["duplicate-key"], name
    assert found["config.json"].findings == [] and found["config.json"].skipped is not None


def test_files_named_in_listed_folders_are_told_all_at_once(tmp_path: Path) -> None:
    """Paths that each name a regular file of a folder small enough to list (a shell glob's
    files, over several folders) become their sources at once, no path told one by one;
    one path that is not such a file (a link, a folder, a NUL byte) sends every path the
    one-by-one way, with the same sources, or its error."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for index in range(40):
            (tmp_path / folder / f"{index:02d}.json").write_text("{}")
    (tmp_path / "a" / "link.json").symlink_to(tmp_path / "a" / "00.json")
    paths = [f"{tmp_path}/{folder}/{index:02d}.json" for index in range(40) for folder in "ab"]
    told_alone = []
    real_is_file = discovery._Listings.is_file

    def spy(self: Any, raw: str) -> bool:
        told_alone.append(raw)
        return real_is_file(self, raw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(discovery._Listings, "is_file", spy)
        sources = discover(paths)
        assert told_alone == []
        with_link = discover([*paths, f"{tmp_path}/a/link.json"])
        assert told_alone[:3] == paths[:3]
        with pytest.raises(discovery.DiscoveryError, match="not a usable path"):
            discover([*paths, f"{tmp_path}/a\0b/x.json"])
    assert sources == [(path, path, None, False) for path in paths]
    assert [s.path for s in with_link] == [*paths, f"{tmp_path}/a/link.json"]
    assert all(type(s) is Source for s in sources)


def test_a_document_of_no_known_kind_is_passed_over_whatever_its_member_names(
    tmp_path: Path,
) -> None:
    """A member name that is not a string (``on:`` of every GitHub Actions workflow, which
    YAML 1.1 reads as a boolean; ``404:`` in an ACK generator.yaml of a real repository) fails
    the strict parse first; a folder's file that, read with such names as written, is none of
    the known kinds holds no request and is passed over. A request, a state machine calling
    createAutoMLJob, or a file named, keeps its ``parse-error``; a state machine without one
    holds no request and is passed over too; one that does not parse even so is passed over
    unless it names a member only AutoML documents have."""
    workflow = "name: ci\non:\n  push:\n    branches: [main]\njobs:\n  test: {runs-on: x}\n"
    (tmp_path / "ci.yml").write_text(workflow)
    (tmp_path / "codes.yaml").write_text("errors:\n  404:\n    code: NotFound\n")
    request = "AutoMLProblemTypeConfig:\n  TabularJobConfig:\n    TargetAttributeName: y\n  1: x\n"
    (tmp_path / "job.yaml").write_text(request)
    machine = "StartAt: A\nStates:\n  A: {Type: Pass, End: true}\n404: x\n"
    (tmp_path / "pass.yaml").write_text(machine)
    task = "{Type: Task, Resource: 'arn:aws:states:::aws-sdk:sagemaker:createAutoMLJobV2', "
    (tmp_path / "machine.yaml").write_text(machine.replace("{Type: Pass, ", task))
    # a key that is a sequence: no lenient read either; evidence of a request kept it
    (tmp_path / "nested.yaml").write_text("AutoMLJobName: j\n? [a, b]\n: c\n")
    (tmp_path / "other.yaml").write_text("? [a, b]\n: c\n")
    found = {Path(r.path).name: r for r in check_sources(discover([str(tmp_path)]))}
    for name in ("ci.yml", "codes.yaml", "other.yaml", "pass.yaml"):
        assert found[name].findings == [] and found[name].skipped is not None, name
    for name in ("job.yaml", "machine.yaml", "nested.yaml"):
        assert [f.code for f in found[name].findings] == ["parse-error"], name
    [named] = check_sources(discover([str(tmp_path / "ci.yml")]))
    assert [f.code for f in named.findings] == ["parse-error"]
    unsaved = check_text(workflow, "ci.yml", skip_unknown=True)
    assert unsaved.findings == [] and unsaved.skipped is not None


def test_a_text_of_several_documents_none_of_a_known_kind_is_passed_over(tmp_path: Path) -> None:
    """Several documents in one file (Kubernetes manifests, ``---`` between them) fail the
    strict parse, which reads one request a file; a folder's file none of whose documents is
    of a known kind holds no request and is passed over. One holding a request among them,
    or named, keeps its ``parse-error``."""
    manifests = "kind: Service\nmetadata: {name: a}\n---\nkind: ConfigMap\ndata:\n  404: x\n"
    (tmp_path / "k8s.yaml").write_text(manifests)
    (tmp_path / "jobs.yaml").write_text("kind: Service\n---\nMetricName: Acuracy\n")
    found = {Path(r.path).name: r for r in check_sources(discover([str(tmp_path)]))}
    assert found["k8s.yaml"].findings == [] and found["k8s.yaml"].skipped is not None
    assert [f.code for f in found["jobs.yaml"].findings] == ["parse-error"]
    [named] = check_sources(discover([str(tmp_path / "k8s.yaml")]))
    assert [f.code for f in named.findings] == ["parse-error"]


TRAINING_REQUEST = {
    "TrainingJobName": "xgb",
    "AlgorithmSpecification": {"TrainingImage": "i", "TrainingInputMode": "File"},
    "RoleArn": "arn:aws:iam::111122223333:role/r",
    "InputDataConfig": [{"ChannelName": "train", "DataSource": {}}],
    "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
    "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1},
    "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
}


def _found(folder: Path) -> dict[str, Any]:
    return {Path(r.path).name: r for r in check_sources(discover([str(folder)]))}


def test_another_sagemaker_shape_found_in_a_folder_is_passed_over(tmp_path: Path) -> None:
    """A CreateTrainingJob request and a tuning objective share members that select an AutoML
    kind (``InputDataConfig``, ``MetricName``); found in a folder, each is explained better by
    another SageMaker shape than by any AutoML document, and has no member only AutoML
    documents have: passed over, saying which shape. Named, or named by the convention, each
    is read."""
    (tmp_path / "train.json").write_text(json.dumps(TRAINING_REQUEST))
    tuning = {"Type": "Maximize", "MetricName": "validation:auc"}
    (tmp_path / "tuning.yaml").write_text("Type: Maximize\nMetricName: validation:auc\n")
    (tmp_path / "train.create-auto-ml-job.json").write_text(json.dumps(TRAINING_REQUEST))
    found = _found(tmp_path)
    shapes = {
        "train.json": "CreateTrainingJobRequest",
        "tuning.yaml": "HyperParameterTuningJobObjective",
    }
    for name, shape in shapes.items():
        assert found[name].findings == [], name
        assert found[name].skipped == f"none of the known kinds: another SageMaker shape ({shape})"
    assert found["train.create-auto-ml-job.json"].findings
    [named] = check_sources(discover([str(tmp_path / "train.json")]), skip_unknown=True)
    assert "unknown-member" in {f.code for f in named.findings}
    assert [f.code for f in check_text(json.dumps(tuning), "t.json").findings] == [
        "unknown-member",
        "unknown-metric",
    ]


def test_an_automl_request_with_a_stray_member_of_another_shape_is_still_read(
    tmp_path: Path,
) -> None:
    """A member only AutoML documents have (``AutoMLJobName``, ``AutoMLJobConfig``) says the
    document is an AutoML request: one holding a training job's member by mistake keeps its
    ``unknown-member`` finding, a fragment (checked for the objective rules only) its own
    findings; an objective with a member of no SageMaker shape keeps its finding too."""
    request = {
        "AutoMLJobName": "j",
        "InputDataConfig": [{"TargetAttributeName": "y", "DataSource": {}}],
        "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
        "RoleArn": "arn:aws:iam::111122223333:role/r",
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }
    (tmp_path / "job.json").write_text(json.dumps(request))
    fragment = {"AutoMLJobConfig": {}, "ProblemType": "Regression", "TrainingJobName": "x"}
    (tmp_path / "fragment.json").write_text(json.dumps(fragment))
    (tmp_path / "objective.json").write_text('{"MetricName": "F1", "Directionn": "Max"}')
    found = _found(tmp_path)
    for name in ("job.json", "objective.json"):
        assert found[name].skipped is None, name
        assert "unknown-member" in {f.code for f in found[name].findings}, name
    assert [f.code for f in found["fragment.json"].findings] == ["incomplete-pair"]


def test_found_files_that_do_not_parse_or_are_empty_are_passed_over_without_evidence(
    tmp_path: Path,
) -> None:
    """JSON with comments (a tsconfig.json), a Helm template and empty files hold no request:
    found in a folder, passed over. A text naming a member only AutoML documents have or
    giving ``MetricName`` one of the schema's metrics (not a tuning job's ``validation:auc``
    or a CloudWatch metric), or a file named by the convention, may be a broken request: it
    keeps its finding; so does a file named on the command line."""
    (tmp_path / "tsconfig.json").write_text('{\n  // strict\n  "compilerOptions": {}\n}\n')
    (tmp_path / "deployment.yaml").write_text('metadata:\n  {{ include "labels" . }}\n  a: b\n')
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "empty.yaml").write_text("# nothing yet\n")
    (tmp_path / "alarm.json").write_text('{"MetricName": ')
    (tmp_path / "broken.json").write_text('{"AutoMLJobObjective": {"MetricName": ')
    (tmp_path / "objective.json").write_text('{"MetricName": "F1",}')
    (tmp_path / "objective.yaml").write_text("MetricName: 'Accuracy'\n\tX: 1\n")
    (tmp_path / "tuning.json").write_text('{"MetricName": "validation:auc",}')
    (tmp_path / "alarm.yaml").write_text("MetricName: F1Errors\n\tX: 1\n")
    (tmp_path / "a.automl-objective.json").write_text('{"MetricName": ')
    (tmp_path / "b.create-auto-ml-job.yaml").write_text("")
    found = _found(tmp_path)
    passed = ("tsconfig.json", "deployment.yaml", "alarm.json", "alarm.yaml", "tuning.json")
    for name in (*passed, "empty.json", "empty.yaml"):
        assert found[name].findings == [] and found[name].skipped is not None, name
    assert found["empty.json"].skipped == "none of the known kinds: empty"
    for name in ("broken.json", "objective.json", "objective.yaml", "a.automl-objective.json"):
        assert [f.code for f in found[name].findings] == ["parse-error"], name
    assert [f.code for f in found["b.create-auto-ml-job.yaml"].findings] == ["empty-document"]
    for name in ("tsconfig.json", "empty.json"):
        [named] = check_sources(discover([str(tmp_path / name)]), skip_unknown=True)
        assert named.findings and named.skipped is None, name


def test_found_files_that_are_not_utf8_are_passed_over_without_evidence(tmp_path: Path) -> None:
    """Spark's test data holds JSON saved as UTF-16 without a byte-order mark (a NUL byte
    every other byte), and repositories hold Latin-1 YAML and binary files named .json: found
    in a folder, such a file failed the run (``encoding``) though it holds no request. Read
    leniently (UTF-16 as UTF-16, anything else as UTF-8 with its bad bytes replaced), a text
    that shows no sign of an AutoML request is passed over; one that does (a request saved as
    UTF-16 or Latin-1, which AWS's tools would not read either), or a file named on the
    command line or by the convention, keeps its ``encoding`` finding."""
    people = '[\n  {"name": "Andy", "age": 30}\n]\n'
    request = json.dumps({"AutoMLJobName": "j", "AutoMLJobObjective": {"MetricName": "F1"}})
    (tmp_path / "people_utf16le.json").write_bytes(people.encode("utf-16-le"))
    (tmp_path / "people_utf16be.json").write_bytes(people.encode("utf-16-be"))
    (tmp_path / "people_bom.json").write_bytes(people.encode("utf-16"))
    (tmp_path / "settings.yaml").write_bytes("owner: Jos\xe9\n".encode("latin-1"))
    (tmp_path / "archive.json").write_bytes(b"\x1f\x8b\x08\x00\x00\x00")
    (tmp_path / "request_utf16.json").write_bytes(request.encode("utf-16"))
    jose = {"AutoMLJobName": "Jos\xe9", "AutoMLJobObjective": {"MetricName": "F1"}}
    named_jose = json.dumps(jose, ensure_ascii=False)
    (tmp_path / "request_latin1.json").write_bytes(named_jose.encode("latin-1"))
    (tmp_path / "c.create-auto-ml-job.json").write_bytes(people.encode("utf-16-le"))
    found = _found(tmp_path)
    passed = ("people_utf16le.json", "people_utf16be.json", "people_bom.json", "settings.yaml")
    for name in (*passed, "archive.json"):
        assert found[name].findings == [] and found[name].skipped is not None, name
    for name in ("request_utf16.json", "request_latin1.json", "c.create-auto-ml-job.json"):
        assert [f.code for f in found[name].findings] == ["encoding"], name
    [named] = check_sources(discover([str(tmp_path / "people_utf16le.json")]), skip_unknown=True)
    assert [f.code for f in named.findings] == ["encoding"] and named.skipped is None


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-32"),  # its mark starts as UTF-16's little-endian one
        lambda text: text.encode("utf-32-le"),
        lambda text: text.encode("utf-32-be"),
        lambda text: text.encode() + b"\x00",  # UTF-8 with a stray NUL byte
        lambda text: text.encode().replace(b": ", b":\x00 ", 1),
    ],
    ids=["utf-32", "utf-32-le", "utf-32-be", "utf-8, NUL at the end", "utf-8, NUL inside"],
)
def test_a_request_saved_as_utf32_or_with_a_nul_byte_keeps_its_encoding_finding(
    tmp_path: Path, encode: Any
) -> None:
    """The lenient reading took any text holding a NUL byte for UTF-16 (and UTF-32's mark for
    UTF-16's): a request saved as UTF-32, or as UTF-8 with a stray NUL, read as UTF-16 showed
    no sign of one and was passed over silently where it had failed the run. Data saved so
    is still passed over."""
    request = json.dumps({"AutoMLJobName": "j", "AutoMLJobObjective": {"MetricName": "F1"}})
    (tmp_path / "request.json").write_bytes(encode(request))
    (tmp_path / "people.json").write_bytes(encode('[{"name": "Andy", "age": 30}]'))
    found = _found(tmp_path)
    assert [f.code for f in found["request.json"].findings] == ["encoding"]
    assert found["request.json"].skipped is None
    assert found["people.json"].findings == [] and found["people.json"].skipped is not None


def test_the_lenient_reading_reads_the_text_once_however_many_documents_write_a_key_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Telling whether a found file's documents are of a known kind needs no wording of the
    keys they write twice; wording one reads the whole text again (where each key is
    written), which the lenient reading did once a document: a found YAML file of 4,000
    small documents each writing a key twice (56 KB) took more than 5 minutes, of 1,000
    (14 KB) 17 s. Its documents read alike, with no such reading of the whole text."""
    from automl_objective.inputs import yaml_syntax
    from automl_objective.inputs.syntax import read_leniently

    wordings: list[str] = []
    real = yaml_syntax._key_writings

    def spy(text: str) -> dict[int, list[int]]:
        wordings.append(text)
        return real(text)

    monkeypatch.setattr(yaml_syntax, "_key_writings", spy)
    documents = read_leniently("k8s.yaml", "---\n".join(["a: 1\na: 2\n404: x\n"] * 50))
    assert documents == [{"a": 2, "404": "x"}] * 50 + [{"a": 1, "404": "x"}] * 50
    assert wordings == []


def test_a_request_under_a_tag_of_its_own_is_not_passed_over(tmp_path: Path) -> None:
    """A document tagged as a whole (``--- !Request``) fails the strict parse (only plain data
    is read); read leniently as a template's short form it was ``{"Fn::Request": ...}``, of no
    known kind, so a folder scan passed over a request or state machine written under such a
    tag, hiding its mistakes. The tag is dropped to tell the kind: they keep their
    ``parse-error``; a tagged document of no known kind, or a state machine calling no AutoML
    job (it holds no request), is still passed over."""
    (tmp_path / "job.yaml").write_text("--- !Request\nAutoMLJobObjective: {MetricName: Acuracy}\n")
    (tmp_path / "jobs.yaml").write_text("kind: x\n--- !Job [1]\n--- !Job\nMetricName: Acuracy\n")
    task = "{Type: Task, Resource: 'arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob'}"
    (tmp_path / "machine.yaml").write_text(f"!SM\nStartAt: A\nStates: {{A: {task}}}\n")
    (tmp_path / "pass.yaml").write_text("!SM\nStartAt: A\nStates: {A: {Type: Pass}}\n")
    (tmp_path / "manifest.yaml").write_text("--- !Manifest\nkind: Service\n")
    found = {Path(r.path).name: r for r in check_sources(discover([str(tmp_path)]))}
    for name in ("job.yaml", "jobs.yaml", "machine.yaml"):
        assert [f.code for f in found[name].findings] == ["parse-error"], name
    for name in ("manifest.yaml", "pass.yaml"):
        assert found[name].findings == [] and found[name].skipped is not None, name


_OIDC_ROLE = """AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                !Sub '${Issuer}:sub': system:serviceaccount:kube-system:x
"""
_NULL_CONDITION = _OIDC_ROLE.replace("StringEquals:", "Null:").replace(
    "!Sub '${Issuer}:sub': system:serviceaccount:kube-system:x", "aws:RequestedRegion: 'false'"
)
_MACRO = """AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Document:
    Type: AWS::SSM::Document
    Properties:
      Content:
        inputs: {Port: !ToNumber '{{ Port }}'}
"""
_AUTOML_JOB_YAML = """  Job:
    Type: AWS::SageMaker::AutoMLJob
    Properties: {ProblemType: Regression}
"""
_INLINE_SDK = """  Start:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Code:
        ZipFile: |
          import sagemaker
          sagemaker.Session().auto_ml(input_config={}, output_config={}, job_config={},
                                      role="r", job_name="j")
"""
_SAM_MACHINE = """Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: machine.asl.json
"""


def test_a_template_refused_as_written_without_an_automl_request_is_passed_over(
    tmp_path: Path,
) -> None:
    """A folder's CloudFormation template that CloudFormation would refuse (an ``!Sub`` or an
    unquoted ``Null`` as a member name, a function it has not, such as a macro's
    ``!ToNumber``), and that shows no sign of an AutoML request, is cfn-lint's to judge: it is
    passed over. One holding an AutoML job, an AutoML call in its inline code, a SAM
    ``DefinitionUri`` that cannot be read (its file may hold the request), a file named on
    the command line or by the naming convention, keeps its finding."""
    (tmp_path / "oidc.yaml").write_text(_OIDC_ROLE)
    (tmp_path / "iam.yaml").write_text(_NULL_CONDITION)
    (tmp_path / "macro.yaml").write_text(_MACRO)
    (tmp_path / "job.yaml").write_text(
        _OIDC_ROLE.replace("Resources:\n", "Resources:\n" + _AUTOML_JOB_YAML)
    )
    (tmp_path / "sdk.yaml").write_text(_MACRO + _INLINE_SDK)
    (tmp_path / "sam.yaml").write_text(_SAM_MACHINE)
    (tmp_path / "machine.asl.json").write_text('{"StartAt": "A",')
    (tmp_path / "macro.automl-objective.yaml").write_text(_MACRO)
    found = _found(tmp_path)
    for name in ("oidc.yaml", "iam.yaml", "macro.yaml", "machine.asl.json"):
        assert found[name].findings == [] and found[name].skipped is not None, name
    reason = "none of the known kinds: refused as written, and shows no sign of an AutoML request"
    assert found["oidc.yaml"].skipped == found["macro.yaml"].skipped == reason
    for name in ("job.yaml", "sdk.yaml", "sam.yaml", "macro.automl-objective.yaml"):
        assert found[name].skipped is None and found[name].findings, name
        assert {f.code for f in found[name].findings} >= {"parse-error"}, name
    # the inline code's own mistakes are read too (its job_config is no member of the request)
    assert "unknown-member" in {f.code for f in found["sdk.yaml"].findings}
    assert "DefinitionUri" in found["sam.yaml"].findings[0].message
    for name in ("oidc.yaml", "macro.yaml"):
        [named] = check_sources(discover([str(tmp_path / name)]), skip_unknown=True)
        assert [f.code for f in named.findings] == ["parse-error"], name
