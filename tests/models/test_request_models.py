"""The whole-request models (``automl_objective_generated.requests``) judge as the CLI does.

Each whole model (``CreateAutoMLJobV2Request``, ...) must accept exactly the documents
``automl-objective validate --kind KIND`` accepts, reject the others with the CLI's own error
messages, and give back, dumped by alias, the document it was given.
"""

from __future__ import annotations

import collections
import copy
import datetime
import decimal
import enum
import json
import math
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from automl_objective.base.schema import load_aws_index
from automl_objective.check.checker import default_checker
from automl_objective.check.engine import kind_errors
from automl_objective.cli import main
from automl_objective.inputs.document import Document, LoadError
from automl_objective.inputs.syntax import load_path
from automl_objective_codegen.request_models import generate_request_models
from automl_objective_generated import (
    CreateAutoMLJobRequest,
    CreateAutoMLJobV2Fragment,
    CreateAutoMLJobV2Request,
    DescribeAutoMLJobResponse,
    DescribeAutoMLJobV2Response,
    RequestOrResponse,
)
from tests.support.paths import ROOT
from tests.support.requests import filled_v2
from tests.support.schema_documents import aws_documents

MODELS: dict[str, type[BaseModel]] = {
    CreateAutoMLJobRequest.aws_kind: CreateAutoMLJobRequest,
    CreateAutoMLJobV2Request.aws_kind: CreateAutoMLJobV2Request,
    DescribeAutoMLJobResponse.aws_kind: DescribeAutoMLJobResponse,
    DescribeAutoMLJobV2Response.aws_kind: DescribeAutoMLJobV2Response,
}


def _verdict(model: type[BaseModel], data: Any) -> tuple[bool, str]:
    """(accepted, the messages of the check's errors joined by "; ", "" when accepted)."""
    try:
        model.model_validate(data)
    except ValidationError as error:
        said = [str(d.get("ctx", {}).get("error", d["msg"])) for d in error.errors()]
        return False, "; ".join(said)
    return True, ""


def _cli_errors(
    capsys: pytest.CaptureFixture[str], kind: str, paths: list[Path]
) -> dict[str, list[str]]:
    """Each file's error messages from ``validate --kind KIND --format json``."""
    capsys.readouterr()
    main(["validate", "--kind", kind, "--format", "json", "--jobs", "1", *map(str, paths)])
    report = json.loads(capsys.readouterr().out)
    return {
        entry["path"]: [f["message"] for f in entry["findings"] if f["severity"] == "error"]
        for entry in report["files"]
    }


def _library_errors(kind: str, documents: dict[Path, Any]) -> dict[str, list[str]]:
    """Each document's error messages from what the CLI calls (``Checker.validate``)."""
    found = {}
    for path, data in documents.items():
        result = default_checker().validate(Document(str(path), data, "", "json"), kind=kind)
        found[str(path)] = [f.message for f in result.findings if f.severity == "error"]
    return found


def _assert_agree(
    documents: dict[Path, Any], kind: str, said: dict[str, list[str]], *, exact: bool = True
) -> tuple[int, int]:
    """The model of ``kind`` accepts the documents with no error ``said``, and rejects the
    others with the same messages (``exact``: in the same words and order as
    :func:`engine.kind_errors`, else each message said appears in it); (accepted, rejected)."""
    counts = [0, 0]
    for path, data in documents.items():
        accepted, message = _verdict(MODELS[kind], data)
        errors = said[str(path)]
        assert accepted is not bool(errors), (kind, path, errors, message)
        if exact and not accepted:
            expected = kind_errors(kind, data)
            assert sorted(expected) == sorted(errors), path
            assert message == "; ".join(expected), path
        elif not accepted:
            assert all(error in message for error in errors), (path, errors, message)
        counts[not accepted] += 1
    return counts[0], counts[1]


def test_every_whole_kind_has_its_model() -> None:
    assert sorted(MODELS) == sorted(entry["kind"] for entry in load_aws_index()["kinds"])
    assert MODELS["create-auto-ml-job-v2-request"] is CreateAutoMLJobV2Request


# --- the two cases --------------------------------------------------------------------


def test_the_fragment_model_accepts_what_the_whole_model_rejects() -> None:
    """Why the whole models exist: the fragment model checks the objective rules only."""
    for bad in ({**filled_v2(), "AutoMLJobName": "a_b"}, {**filled_v2(), "Bogus": 1}):
        CreateAutoMLJobV2Fragment.model_validate(bad)
        assert not _verdict(CreateAutoMLJobV2Request, bad)[0]


def test_a_job_name_aws_rejects_is_rejected_with_the_cli_message() -> None:
    accepted, message = _verdict(CreateAutoMLJobV2Request, {**filled_v2(), "AutoMLJobName": "a_b"})
    assert not accepted
    assert message.startswith("AutoMLJobName 'a_b' is not valid: AWS allows only letters, digits")


def test_an_unknown_member_is_rejected_with_a_list_of_the_allowed_ones() -> None:
    accepted, message = _verdict(CreateAutoMLJobV2Request, {**filled_v2(), "Bogus": 1})
    assert not accepted
    assert message.startswith("unknown member 'Bogus' in CreateAutoMLJobV2Request (allowed: ")


def test_an_unknown_member_deep_inside_is_rejected() -> None:
    request = filled_v2()
    request["OutputDataConfig"]["S3OutputPaht"] = "s3://b/x/"
    accepted, message = _verdict(CreateAutoMLJobV2Request, request)
    assert not accepted and "'S3OutputPaht'" in message, message


# --- the rules pydantic alone would read otherwise --------------------------------------------


def _v1_request() -> dict[str, Any]:
    data: dict[str, Any] = load_path(ROOT / "examples" / "create-auto-ml-job.json").data
    return data


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d["AutoMLJobConfig"]["CompletionCriteria"].update(MaxCandidates=5.0), "write 5"),
        (lambda d: d.update(AutoMLJobName="churn\n"), "AutoMLJobName"),
        (lambda d: d["AutoMLJobObjective"].update(MetricName="AUC"), "not allowed for ProblemType"),
        (lambda d: d["OutputDataConfig"].update(S3OutputPath=None), "S3OutputPath"),
    ],
    ids=["integer-given-as-5.0", "java-pattern-trailing-newline", "objective-rule", "null"],
)
def test_rules_beyond_pydantic_types_are_the_clis(change: Any, said: str) -> None:
    data = _v1_request()
    assert _verdict(CreateAutoMLJobRequest, data) == (True, "")
    data.setdefault("AutoMLJobConfig", {}).setdefault("CompletionCriteria", {})
    change(data)
    accepted, message = _verdict(CreateAutoMLJobRequest, data)
    assert not accepted and said in message, message
    assert message == "; ".join(kind_errors("create-auto-ml-job-request", data))


def test_attributes_are_snake_case_and_hold_plain_values() -> None:
    request = CreateAutoMLJobV2Request.model_validate(filled_v2())
    config = request.auto_ml_problem_type_config.tabular_job_config
    assert config is not None and config.problem_type == "BinaryClassification"
    assert request.auto_ml_job_name == "churn-2026-11"
    assert request.auto_ml_job_objective is not None
    assert request.auto_ml_job_objective.metric_name == "AUC"
    assert request.tags is not None and request.tags[0].key == "team"


def test_a_snake_case_member_name_is_an_unknown_member() -> None:
    """Documents are AWS's: its member names only, as the CLI reads them."""
    data = filled_v2()
    data["role_arn"] = data.pop("RoleArn")
    accepted, message = _verdict(CreateAutoMLJobV2Request, data)
    assert not accepted and "'role_arn'" in message and "RoleArn" in message


def test_the_union_takes_each_document_as_its_own_kind() -> None:
    describe = load_path(ROOT / "tests" / "fixtures" / "valid" / "describe-v2-output.json").data
    for data, model in (
        (filled_v2(), CreateAutoMLJobV2Request),
        (_v1_request(), CreateAutoMLJobRequest),
        (describe, DescribeAutoMLJobV2Response),
    ):
        assert type(RequestOrResponse.model_validate(data).root) is model
    with pytest.raises(ValidationError):
        RequestOrResponse.model_validate({**filled_v2(), "Bogus": 1})


# --- agreement with the CLI -------------------------------------------------------------------


@cache
def _whole_fixtures() -> dict[Path, Any]:
    """Every fixture and example that the CLI takes as a whole request or response."""
    found = {}
    folders = [ROOT / "tests" / "fixtures" / "valid", ROOT / "tests" / "fixtures" / "invalid"]
    for path in sorted(p for folder in [*folders, ROOT / "examples"] for p in folder.iterdir()):
        if path.suffix not in (".json", ".yaml"):
            continue
        try:
            data = load_path(path).data
        except LoadError:
            continue
        if default_checker().kind_of(data) in MODELS:
            found[path.relative_to(ROOT)] = data
    return found


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_models_agree_with_the_cli_on_the_whole_fixtures(
    kind: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    fixtures = _whole_fixtures()
    own = sum(default_checker().kind_of(d) == kind for d in fixtures.values())
    said = _cli_errors(capsys, kind, [*fixtures])
    accepted, rejected = _assert_agree(fixtures, kind, said)
    assert rejected >= len(fixtures) - own  # every other kind's document is rejected
    if kind.startswith("create"):
        assert accepted and own > accepted  # valid and invalid fixtures of its own kind


def _generated(folder: Path, kind: str | None = None, every: int = 1) -> dict[Path, Any]:
    """The documents generated from the schemas: those the CLI takes as ``kind``, and every
    ``every``-th of the others."""
    return {
        folder / f"{number}.json": data
        for number, data in enumerate(aws_documents())
        if number % every == 0 or (kind and default_checker().kind_of(data) == kind)
    }


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_models_agree_with_the_checks_on_documents_generated_from_the_schemas(kind: str) -> None:
    documents = _generated(Path("generated"), kind, every=10)
    said = _library_errors(kind, documents)
    accepted, rejected = _assert_agree(documents, kind, said, exact=False)
    assert rejected > 500
    if kind in ("create-auto-ml-job-v2-request", "create-auto-ml-job-request"):
        assert accepted > 100


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_models_agree_with_the_cli_on_a_sample_of_the_generated_documents(
    kind: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The CLI itself, end to end, on every 40th (writing 20,000 files takes long)."""
    documents = _generated(tmp_path, every=40)
    for path, data in documents.items():
        path.write_text(json.dumps(data), "utf-8")
    accepted, rejected = _assert_agree(documents, kind, _cli_errors(capsys, kind, [*documents]))
    assert rejected > 50
    if kind in ("create-auto-ml-job-v2-request", "create-auto-ml-job-request"):
        assert accepted >= 5


def test_a_valid_document_dumps_back_to_itself() -> None:
    checked = 0
    for data in [*_whole_fixtures().values(), *aws_documents()]:
        kind = default_checker().kind_of(data)
        if kind not in MODELS or kind_errors(kind, data):
            continue
        model = MODELS[kind].model_validate(copy.deepcopy(data))
        assert model.model_dump(by_alias=True, exclude_unset=True) == data
        assert (
            MODELS[kind].model_validate(model.model_dump(by_alias=True, exclude_none=True)) == model
        )
        checked += 1
    assert checked > 50


# --- the generated module: deterministic, inert ------------------------------------------------

GENERATED = ROOT / "generated" / "automl_objective_generated"
_RENDER = (
    "import hashlib, pathlib, sys\n"
    "from automl_objective_codegen.request_models import generate_request_models\n"
    "folder = pathlib.Path(sys.argv[1])\n"
    "texts = {p.name: p.read_text('utf-8') for p in folder.iterdir()}\n"
    "header = ''.join(pathlib.Path(sys.argv[2]).read_text('utf-8').splitlines(True)[:3])\n"
    "sys.stdout.write(generate_request_models(texts, header))\n"
)


def test_requests_module_is_the_same_under_any_hash_seed_and_as_committed() -> None:
    committed = (GENERATED / "requests.py").read_text("utf-8")
    for seed in ("0", "4242"):
        done = subprocess.run(
            [sys.executable, "-c", _RENDER, str(GENERATED / "aws"), str(GENERATED / "requests.py")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        assert done.stdout == committed


def _hostile_aws_texts(text: str) -> dict[str, str]:
    """The committed AWS schemas with ``text`` as every description and title of a shape."""
    texts = {p.name: p.read_text("utf-8") for p in (GENERATED / "aws").iterdir()}
    for name, body in texts.items():
        if name.endswith(".schema.json"):
            schema = json.loads(body)
            for definition in schema["$defs"].values():
                definition["description"] = text
                for member in definition.get("properties", {}).values():
                    member["description"] = text
            texts[name] = json.dumps(schema)
    return texts


def test_hostile_aws_documentation_is_rendered_inert_and_imports_without_running(
    tmp_path: Path,
) -> None:
    from tests.support.hostile import hostile, used_names

    canary = tmp_path / "canary"
    baseline = used_names((GENERATED / "requests.py").read_text("utf-8"))
    plain = generate_request_models(_hostile_aws_texts("plain words"), "# header\n")
    for number, text in enumerate(hostile(canary)):
        generated = generate_request_models(_hostile_aws_texts(text), "# header\n")
        assert generated != plain, text  # the text reached the module
        assert used_names(generated) <= baseline, text
        module = tmp_path / f"hostile_requests_{number}.py"
        module.write_text(generated, "utf-8")
        done = subprocess.run(
            [sys.executable, "-c", f"import hostile_requests_{number} as m; m.Tag"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(tmp_path)},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert not canary.exists(), text


@pytest.mark.parametrize("code", ["import os\n", "x = open('/tmp/f', 'w')\n", "def f(:\n"])
def test_requests_text_that_would_run_anything_new_is_refused(code: str) -> None:
    from automl_objective_codegen.environment import UnsafeTemplateValue
    from automl_objective_codegen.python_models import refuse_unexpected_code
    from automl_objective_codegen.request_models import CALLS, IMPORTS

    committed = (GENERATED / "requests.py").read_text("utf-8")
    refuse_unexpected_code(committed, "requests.py", CALLS, IMPORTS)
    with pytest.raises(UnsafeTemplateValue, match=r"requests\.py"):
        refuse_unexpected_code(committed + code, "requests.py", CALLS, IMPORTS)


def test_models_given_inside_are_checked_as_their_members() -> None:
    from automl_objective_generated.requests import AutoMLOutputDataConfig, Tag

    data = filled_v2()
    built = CreateAutoMLJobV2Request.model_validate(
        {
            **data,
            "OutputDataConfig": AutoMLOutputDataConfig.model_validate(data["OutputDataConfig"]),
            "Tags": [Tag(Key="team", Value="ml")],
        }
    )
    assert built.model_dump(by_alias=True, exclude_unset=True) == data
    too_long = Tag(Key="k" * 129, Value="ml")  # a part alone is typed, not checked
    accepted, message = _verdict(CreateAutoMLJobV2Request, {**data, "Tags": [too_long]})
    assert not accepted and "Key" in message, message


# --- Python data no JSON document holds --------------------------------------------------------
#
# model_validate takes data from code: what it cannot be as a document (a key that is not a
# string, a cycle, NaN) is one ValidationError naming where, never a TypeError or a
# RecursionError; what it stands for as a document (a tuple, an OrderedDict, a str enum) is
# judged as that document; what JSON has no form for (bytes, a set, a datetime) is refused by
# type, in the CLI's words.


class _Unequal(str):
    """Equal to nothing, hashed by identity: two of them can be keys of one dict."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


class _Hostile(str):
    """A str whose own comparison raises: the models read the text it holds."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ ran")

    def __hash__(self) -> int:
        return str.__hash__(self)


class _Fraction(float):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ ran")

    def __hash__(self) -> int:
        return float.__hash__(self)


class _Lying(dict[str, Any]):
    """A dict subclass whose items() lies: what it holds is read, and kept."""

    def items(self) -> Any:
        return [("Bogus", 1)]


class _ProblemType(enum.StrEnum):
    BINARY = "BinaryClassification"


class _Plain(enum.Enum):
    BINARY = "BinaryClassification"


class _Count(enum.IntEnum):
    FIVE = 5


class _Members(Mapping[str, Any]):
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _no_tags() -> Iterator[Any]:
    yield from ()


def _deep(depth: int) -> list[Any]:
    nested: list[Any] = []
    for _ in range(depth):
        nested = [nested]
    return nested


def _change(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A change of a valid V2 request: ``value`` (or ``value(request)``) at ``path``."""

    def change(request: dict[str, Any]) -> dict[str, Any]:
        node: Any = request
        for token in path[:-1]:
            node = node.setdefault(token, {}) if isinstance(token, str) else node[token]
        node[path[-1]] = value(request) if callable(value) else value
        return request

    return change


_TABULAR = ("AutoMLProblemTypeConfig", "TabularJobConfig")
_CRITERIA = (*_TABULAR, "CompletionCriteria")
_FRACTION = ("DataSplitConfig", "ValidationFraction")

# name: (change, the one error's message)
NOT_A_DOCUMENT: dict[str, tuple[Callable[[dict[str, Any]], dict[str, Any]], str]] = {
    "key-int": (
        _change((1,), 2),
        "data at /: a key of type int (1); member names are strings",
    ),
    "key-int-inside": (_change(("Tags", 0, 1), 2), "data at /Tags/0: a key of type int (1)"),
    "key-none": (_change(("AutoMLJobObjective", None), 2), "data at /AutoMLJobObjective: a key"),
    "key-tuple": (_change((("a",),), 2), "data at /: a key of type tuple (('a',))"),
    "keys-equal-as-text": (
        _change(
            ("AutoMLJobObjective",), {_Unequal("MetricName"): "AUC", _Unequal("MetricName"): 1}
        ),
        "data at /AutoMLJobObjective: member 'MetricName' appears twice in one object",
    ),
    "cycle": (
        _change(("AutoMLJobObjective", "Again"), lambda r: r),
        "data at /AutoMLJobObjective/Again: contains itself (a reference cycle)",
    ),
    "cycle-in-a-list": (
        _change(("Tags", 0, "Value"), lambda r: r["Tags"]),
        "data at /Tags/0/Value: contains itself (a reference cycle)",
    ),
    "nested-100000-deep": (
        _change(("Tags",), _deep(100_000)),
        "data at /Tags/0/0/...: nested over 500 levels deep",
    ),
    "nan": (_change(_FRACTION, math.nan), "data at /DataSplitConfig/ValidationFraction: nan is"),
    "infinity": (_change(_FRACTION, math.inf), "ValidationFraction: inf is not a JSON number"),
    "minus-infinity": (_change(_FRACTION, -math.inf), "ValidationFraction: -inf is not a JSON"),
    "nan-subclass": (_change(_FRACTION, _Fraction("nan")), "ValidationFraction: nan is not a"),
    "nan-decimal": (_change(_FRACTION, decimal.Decimal("NaN")), "ValidationFraction: nan is not"),
    "nan-as-a-name": (_change(("AutoMLJobName",), math.nan), "data at /AutoMLJobName: nan is"),
    "nan-in-an-unknown-member": (_change(("Bogus",), [math.nan]), "data at /Bogus/0: nan is"),
    "nan-in-a-tuple": (_change(("Tags",), (math.nan,)), "data at /Tags/0: nan is not a JSON"),
    "an-integer-json-text-cannot-hold": (
        _change((*_CRITERIA, "MaxCandidates"), 10**5000),
        "MaxCandidates: an integer of about 5,000 digits, too large for a JSON number",
    ),
}


def _one_error(model: type[BaseModel], data: Any) -> str:
    """The message of the one error ``model_validate`` raises (a ValidationError, nothing
    else)."""
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    (error,) = raised.value.errors()
    return str(error.get("ctx", {}).get("error", error["msg"]))


@pytest.mark.parametrize("model", [CreateAutoMLJobV2Request, RequestOrResponse])
@pytest.mark.parametrize("name", list(NOT_A_DOCUMENT))
def test_data_no_document_holds_is_one_validation_error_naming_where(
    model: type[BaseModel], name: str
) -> None:
    change, message = NOT_A_DOCUMENT[name]
    assert message in _one_error(model, change(filled_v2()))


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("tags-tuple", _change(("Tags",), ({"Key": "team", "Value": "ml"},))),
        (
            "channels-tuple",
            lambda r: {**r, "AutoMLJobInputDataConfig": (*r["AutoMLJobInputDataConfig"],)},
        ),
        (
            "ordered-dict",
            _change(("AutoMLJobObjective",), collections.OrderedDict(MetricName="AUC")),
        ),
        ("default-dict", _change(("Tags",), [collections.defaultdict(str, Key="k", Value="v")])),
        ("str-enum", _change((*_TABULAR, "ProblemType"), _ProblemType.BINARY)),
        ("int-enum", _change((*_CRITERIA, "MaxCandidates"), _Count.FIVE)),
        ("hostile-str-value", _change(("AutoMLJobObjective", "MetricName"), _Hostile("AUC"))),
        ("hostile-str-key", _change(("AutoMLJobObjective",), {_Hostile("MetricName"): "AUC"})),
        ("hostile-float", _change(_FRACTION, _Fraction(0.25))),
        ("decimal-fraction", _change(_FRACTION, decimal.Decimal("0.25"))),
        ("integer-json-text-holds", _change(("Bogus",), 10**400)),
    ],
)
def test_data_standing_for_a_document_is_judged_as_that_document(
    name: str, change: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    """As the CLI judges the JSON it stands for (a tuple is an array, as botocore sends it;
    a Decimal a number, as botocore sends it), reading what it holds: no method of the
    caller's runs."""
    data = change(filled_v2())
    document = json.loads(json.dumps(data, default=float))
    cli_said = kind_errors("create-auto-ml-job-v2-request", document)
    accepted, message = _verdict(CreateAutoMLJobV2Request, data)
    assert (accepted, message) == (not cli_said, "; ".join(cli_said)), name
    if accepted:
        model = CreateAutoMLJobV2Request.model_validate(data)
        assert model.model_dump(by_alias=True, exclude_unset=True) == document


def test_a_dict_subclass_is_read_for_what_it_holds_not_what_its_methods_say() -> None:
    expected = filled_v2()  # its enum values are picked at random: one request, copied
    data = copy.deepcopy(expected)
    data["AutoMLJobObjective"] = _Lying(MetricName="AUC")
    model = CreateAutoMLJobV2Request.model_validate(data)
    assert model.model_dump(by_alias=True, exclude_unset=True) == expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_change(("AutoMLJobName",), b"churn"), "AutoMLJobName must be a string, not bytes"),
        (_change(("AutoMLJobName",), bytearray(b"x")), "AutoMLJobName must be a string, not bytea"),
        (_change(("Tags",), {"a"}), "Tags must be an array, not set"),
        (_change(("Tags",), frozenset()), "Tags must be an array, not frozenset"),
        (_change(("Tags",), _no_tags()), "Tags must be an array, not generator"),
        (_change(("AutoMLJobName",), datetime.datetime(2026, 1, 1)), "not datetime"),
        (_change(("AutoMLJobName",), datetime.date(2026, 1, 1)), "not date"),
        (
            _change((*_TABULAR, "ProblemType"), _Plain.BINARY),
            "ProblemType must be a string, not _P",
        ),
        (
            _change(("OutputDataConfig",), _Members({})),
            "OutputDataConfig must be an object, not _M",
        ),
        (_change((*_CRITERIA, "MaxCandidates"), decimal.Decimal(5)), "write 5 (botocore rejects"),
        (_change((*_CRITERIA, "MaxCandidates"), True), "must be an integer, not a boolean"),
    ],
)
def test_values_json_has_no_form_for_are_refused_by_type(
    change: Callable[[dict[str, Any]], dict[str, Any]], message: str
) -> None:
    """No request has a timestamp or blob member (test_boto3_hook says so from AWS's model):
    a datetime or bytes is wrong wherever it is, as botocore says too."""
    assert message in _one_error(CreateAutoMLJobV2Request, change(filled_v2()))


# The same document as JSON text: what `validate` says of the file is what
# model_validate_json says of the text, in the same words.
JSON_TEXTS = {
    "nan": ('"ValidationFraction": NaN', "NaN is not valid JSON"),
    "infinity": ('"ValidationFraction": Infinity', "Infinity is not valid JSON"),
    "minus-infinity": ('"ValidationFraction": -Infinity', "-Infinity is not valid JSON"),
    "too-large-for-a-double": ('"ValidationFraction": 1e400', "the number 1e400 is too large"),
    "too-many-digits": ('"ValidationFraction": 1' + "0" * 5000, "a number is too large"),
    "duplicate-key": (
        '"ValidationFraction": 0.1, "ValidationFraction": 0.2',
        "member 'ValidationFraction' appears twice in one object (lines 1 and 1)",
    ),
    "nested-too-deeply": ('"ValidationFraction": ' + "[" * 100_000 + "]" * 100_000, "nested too"),
}


def _text(member: str) -> str:
    return json.dumps(filled_v2())[:-1] + ', "DataSplitConfig": {' + member + "}}"


@pytest.mark.parametrize("name", list(JSON_TEXTS))
def test_model_validate_json_refuses_what_validate_refuses_in_its_words(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    member, said = JSON_TEXTS[name]
    path = tmp_path / f"{name}.json"
    path.write_text(_text(member), "utf-8")
    ((cli_message,),) = _cli_errors(capsys, "create-auto-ml-job-v2-request", [path]).values()
    for text in (_text(member), _text(member).encode()):
        with pytest.raises(ValidationError) as raised:
            CreateAutoMLJobV2Request.model_validate_json(text)
        (error,) = raised.value.errors()
        assert error["type"] == "json_invalid"
        assert said in error["ctx"]["error"]
        assert error["ctx"]["error"].startswith(cli_message.removeprefix("invalid JSON: "))


def test_model_validate_json_takes_what_validate_takes() -> None:
    text = _text('"ValidationFraction": 0.25')
    by_text = CreateAutoMLJobV2Request.model_validate_json(text)
    assert by_text == CreateAutoMLJobV2Request.model_validate(json.loads(text))
    assert RequestOrResponse.model_validate_json(text.encode()).root == by_text
    with pytest.raises(ValidationError, match="not UTF-8 text"):
        CreateAutoMLJobV2Request.model_validate_json(b"\xff" + text.encode())
    with pytest.raises(ValidationError, match="UTF-16"):
        CreateAutoMLJobV2Request.model_validate_json(text.encode("utf-16"))
    with pytest.raises(ValidationError, match="empty document"):
        CreateAutoMLJobV2Request.model_validate_json(" ")


def test_model_validate_strings_is_a_validation_error_too() -> None:
    CreateAutoMLJobV2Request.model_validate_strings(filled_v2())  # only strings inside
    looped = filled_v2()
    looped["Tags"][0]["Value"] = looped
    with pytest.raises(ValidationError, match="contains itself"):
        CreateAutoMLJobV2Request.model_validate_strings(looped)
    with pytest.raises(ValidationError, match="member names are strings"):
        CreateAutoMLJobV2Request.model_validate_strings({**filled_v2(), 1: "x"})


@pytest.mark.parametrize("name", ["nan", "infinity", "nested-100000-deep", "key-int-inside"])
def test_a_part_model_alone_refuses_data_no_document_holds_too(name: str) -> None:
    from automl_objective_generated.requests import AutoMLDataSplitConfig, Tag

    change, _ = NOT_A_DOCUMENT[name]
    data = change(filled_v2())
    part = "DataSplitConfig" if "DataSplitConfig" in data else "Tags"
    model: type[BaseModel] = AutoMLDataSplitConfig if part == "DataSplitConfig" else Tag
    value = data[part] if part == "DataSplitConfig" else data["Tags"][0]
    message = _one_error(model, value)
    assert message.startswith("data at /")
