"""The call-time check on real boto3 clients, through botocore's Stubber: no network."""

from __future__ import annotations

import collections
import copy
import datetime
import decimal
import enum
import json
import math
import types
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

import boto3
import pytest
from botocore.exceptions import ParamValidationError
from botocore.stub import Stubber
from botocore.validate import ParamValidator

from automl_objective.api import validate_data
from automl_objective.botocore_hook import (
    AutoMLRequestError,
    AutoMLRequestWarning,
    check_requests,
)
from tests.support.paths import EXAMPLES
from tests.support.requests import filled_v2

EXAMPLES = EXAMPLES
V1 = json.loads((EXAMPLES / "create-auto-ml-job.json").read_text("utf-8"))
V2 = json.loads((EXAMPLES / "create-auto-ml-job-v2.json").read_text("utf-8"))
CREDENTIALS = {
    "region_name": "us-east-1",
    "aws_access_key_id": "testing",
    "aws_secret_access_key": "testing",
}
ARN = {"AutoMLJobArn": "arn:aws:sagemaker:us-east-1:123456789012:automl-job/churn"}


def _client() -> Any:
    return boto3.client("sagemaker", **CREDENTIALS)


def test_a_valid_request_is_sent() -> None:
    client = check_requests(_client())
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN, V1)
        assert client.create_auto_ml_job(**V1)["AutoMLJobArn"] == ARN["AutoMLJobArn"]
        stub.assert_no_pending_responses()


def test_an_invalid_request_raises_before_anything_is_sent() -> None:
    client = check_requests(_client())
    request = copy.deepcopy(V1)
    request["AutoMLJobObjective"] = {"MetricName": "AUC"}  # Regression takes no AUC
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN)
        with pytest.raises(AutoMLRequestError) as raised:
            client.create_auto_ml_job(**request)
        # the queued response is still there for the next call: the invalid one was never sent
        client.create_auto_ml_job(**V1)
        stub.assert_no_pending_responses()
    error = raised.value
    assert isinstance(error, ValueError)
    assert [f.code for f in error.findings] == ["metric-not-allowed"]
    assert str(error) == (
        "CreateAutoMLJob request not sent, 1 error: /AutoMLJobObjective/MetricName: "
        "[metric-not-allowed] MetricName 'AUC' is not allowed for ProblemType 'Regression'; "
        "allowed: MSE, RMSE, R2, MAE"
    )


def _refused(client: Any, operation: str, request: dict[str, Any]) -> AutoMLRequestError:
    """The error a call raises; a response is queued so that only the check can refuse it."""
    with Stubber(client) as stub:
        stub.add_response(operation, ARN)
        with pytest.raises(AutoMLRequestError) as raised:
            getattr(client, operation)(**request)
        assert len(stub._queue) == 1  # not consumed: nothing was sent
    return raised.value


def test_v2_unknown_members_are_caught_with_a_suggestion() -> None:
    client = check_requests(_client())
    error = _refused(client, "create_auto_ml_job_v2", {**V2, "AutoMLProblemType": "Regression"})
    # the near name is there already: the unknown member is to be removed
    assert "has AutoMLProblemTypeConfig already: remove AutoMLProblemType" in str(error)
    request = {k: v for k, v in V2.items() if k != "OutputDataConfig"}
    error = _refused(client, "create_auto_ml_job_v2", {**request, "OutputConfig": {}})
    assert "did you mean 'OutputDataConfig'?" in str(error)


def test_a_warning_goes_to_warnings_and_the_request_is_sent() -> None:
    client = check_requests(_client())
    request = {k: v for k, v in V1.items() if k != "AutoMLJobObjective"}
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN, request)
        with pytest.warns(AutoMLRequestWarning, match="incomplete-pair"):
            client.create_auto_ml_job(**request)
        stub.assert_no_pending_responses()


def test_a_session_checks_the_clients_it_creates() -> None:
    session = check_requests(boto3.Session(**CREDENTIALS))
    client = session.client("sagemaker")
    error = _refused(client, "create_auto_ml_job", {**V1, "ProblemType": "Regresion"})
    assert [f.code for f in error.findings] == ["unknown-problem-type"]


def test_a_sagemaker_session_is_checked_through_its_client() -> None:
    # sagemaker.Session keeps its botocore client as .sagemaker_client
    sdk_session = types.SimpleNamespace(sagemaker_client=_client())
    check_requests(sdk_session)
    request = {**V2, "AutoMLJobObjective": {}}
    error = _refused(sdk_session.sagemaker_client, "create_auto_ml_job_v2", request)
    assert [f.code for f in error.findings] == ["missing-member"]


def test_enabling_twice_checks_once_and_other_calls_are_untouched() -> None:
    client = check_requests(check_requests(_client()))
    with Stubber(client) as stub:
        stub.add_response("list_auto_ml_jobs", {"AutoMLJobSummaries": []}, {})
        assert client.list_auto_ml_jobs() == {"AutoMLJobSummaries": []}
    with pytest.warns(AutoMLRequestWarning) as caught, Stubber(client) as stub:
        stub.add_response("create_auto_ml_job", ARN)
        client.create_auto_ml_job(**{k: v for k, v in V1.items() if k != "AutoMLJobObjective"})
    assert len(caught) == 1  # one handler, however often it was enabled


def test_something_else_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="not dict"):
        check_requests({})


def test_importing_the_hook_imports_neither_boto3_nor_botocore() -> None:
    import subprocess
    import sys

    code = (
        "import sys, automl_objective.botocore_hook; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_botocore_session_checks_the_clients_it_creates() -> None:
    import botocore.session

    session = check_requests(botocore.session.get_session())
    session.set_credentials("testing", "testing")
    client = session.create_client("sagemaker", region_name="us-east-1")
    error = _refused(client, "create_auto_ml_job", {**V1, "ProblemType": "Regresion"})
    assert [f.code for f in error.findings] == ["unknown-problem-type"]


# --- what botocore accepts and sends: botocore itself is the oracle ----------------------------
#
# For each kind of Python value, in each place of a request: botocore's own ParamValidator
# says whether botocore refuses the request; a client without the hook, through the Stubber,
# shows the JSON body botocore would send (or that it cannot serialize it); AWS's rules are the
# validator's verdict on that body. The hook must refuse exactly when one of these does.


class _StrEnum(enum.StrEnum):
    REGRESSION = "Regression"


class _Plain(enum.Enum):
    REGRESSION = "Regression"


class _Count(enum.IntEnum):
    FIVE = 5


class _Name(str):
    """A str subclass with methods of its own: the value it holds is what is sent."""

    def __str__(self) -> str:
        return "other"


class _Fraction(float):
    def __repr__(self) -> str:
        return "other"


class _Members(Mapping[str, Any]):
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _Items(Sequence[Any]):
    def __init__(self, data: list[Any]) -> None:
        self._data = data

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        return self._data[index]

    def __len__(self) -> int:
        return len(self._data)


class _Unequal(str):
    """Equal to nothing, hashed by identity: two of them can be keys of one dict."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


def _nested(depth: int) -> list[Any]:
    deep: list[Any] = []
    for _ in range(depth):
        deep = [deep]
    return deep


def _looped(request: dict[str, Any]) -> dict[str, Any]:
    request["AutoMLJobObjective"]["Again"] = request
    return request


_TABULAR = ("AutoMLProblemTypeConfig", "TabularJobConfig")
_CRITERIA = (*_TABULAR, "CompletionCriteria")


def _at(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(request: dict[str, Any]) -> dict[str, Any]:
        node: Any = request
        for token in path[:-1]:
            node = node.setdefault(token, {}) if isinstance(token, str) else node[token]
        node[path[-1]] = value(request) if callable(value) else value
        return request

    return change


_ALGORITHMS = (*_TABULAR, "CandidateGenerationConfig", "AlgorithmsConfig")


def _text_generation(request: dict[str, Any], hyper_parameters: Any) -> dict[str, Any]:
    """A fine-tuning request: its hyperparameters are a map (AWS's only kind here)."""
    del request["AutoMLJobObjective"]  # not used by text generation
    config = {
        "BaseModelName": "Falcon7BInstruct",
        "TextGenerationHyperParameters": hyper_parameters,
    }
    request["AutoMLProblemTypeConfig"] = {"TextGenerationJobConfig": config}
    return request


V2_VALUES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "as-is": lambda r: r,
    "tags-tuple": _at(("Tags",), ({"Key": "team", "Value": "ml"},)),
    "tags-empty-tuple": _at(("Tags",), ()),
    "channels-tuple": lambda r: {
        **r,
        "AutoMLJobInputDataConfig": (*r["AutoMLJobInputDataConfig"],),
    },
    "algorithms-tuples": _at(_ALGORITHMS, ({"AutoMLAlgorithms": ("xgboost", "catboost")},)),
    "algorithm-not-allowed-in-tuple": _at(_ALGORITHMS, ({"AutoMLAlgorithms": ("xgboost", "x")},)),
    "tags-list-subclass": _at(("Tags",), collections.UserList([{"Key": "k", "Value": "v"}]).data),
    "tags-set": _at(("Tags",), {"a", "b"}),
    "tags-frozenset": _at(("Tags",), frozenset()),
    "tags-generator": _at(("Tags",), lambda r: (tag for tag in [{"Key": "k", "Value": "v"}])),
    "tags-sequence": _at(("Tags",), _Items([{"Key": "k", "Value": "v"}])),
    "tags-none": _at(("Tags",), None),
    "tags-nested-tuple": _at(("Tags",), (({"Key": "k", "Value": "v"},),)),
    "tag-ordered-dict": _at(("Tags",), [collections.OrderedDict(Key="k", Value="v")]),
    "tag-default-dict": _at(("Tags",), [collections.defaultdict(str, Key="k", Value="v")]),
    "output-mapping": _at(("OutputDataConfig",), _Members({"S3OutputPath": "s3://b/o/"})),
    "output-tuple": _at(("OutputDataConfig",), ("s3://b/o/",)),
    "name-tuple": _at(("AutoMLJobName",), ("churn",)),
    "name-bytes": _at(("AutoMLJobName",), b"churn"),
    "name-bytearray": _at(("AutoMLJobName",), bytearray(b"churn")),
    "name-datetime": _at(("AutoMLJobName",), datetime.datetime(2026, 1, 1)),
    "name-date": _at(("AutoMLJobName",), datetime.date(2026, 1, 1)),
    "name-str-subclass": _at(("AutoMLJobName",), _Name("churn")),
    "name-int": _at(("AutoMLJobName",), 5),
    "problem-type-str-enum": _at((*_TABULAR, "ProblemType"), _StrEnum.REGRESSION),
    "problem-type-enum": _at((*_TABULAR, "ProblemType"), _Plain.REGRESSION),
    "fraction-float": _at(("DataSplitConfig", "ValidationFraction"), 0.2),
    "fraction-int": _at(("DataSplitConfig", "ValidationFraction"), 1),
    "fraction-bool": _at(("DataSplitConfig", "ValidationFraction"), True),
    "fraction-decimal": _at(("DataSplitConfig", "ValidationFraction"), decimal.Decimal("0.2")),
    "fraction-decimal-5": _at(("DataSplitConfig", "ValidationFraction"), decimal.Decimal("5")),
    "fraction-decimal-nan": _at(("DataSplitConfig", "ValidationFraction"), decimal.Decimal("NaN")),
    "fraction-decimal-huge": _at(
        ("DataSplitConfig", "ValidationFraction"), decimal.Decimal("1e400")
    ),
    "fraction-nan": _at(("DataSplitConfig", "ValidationFraction"), math.nan),
    "fraction-infinity": _at(("DataSplitConfig", "ValidationFraction"), math.inf),
    "fraction-minus-infinity": _at(("DataSplitConfig", "ValidationFraction"), -math.inf),
    "fraction-float-subclass": _at(("DataSplitConfig", "ValidationFraction"), _Fraction(0.5)),
    "fraction-string": _at(("DataSplitConfig", "ValidationFraction"), "0.2"),
    "fraction-negative-zero": _at(("DataSplitConfig", "ValidationFraction"), -0.0),
    "fraction-smallest-double": _at(("DataSplitConfig", "ValidationFraction"), 5e-324),
    "tag-lone-surrogate": _at(("Tags", 0, "Value"), "ml\udfff"),
    "output-lone-surrogate": _at(("OutputDataConfig", "S3OutputPath"), "s3://b/o\udfff/"),
    "target-nul": _at((*_TABULAR, "TargetAttributeName"), "y\x00"),
    "fraction-huge-int": _at(("DataSplitConfig", "ValidationFraction"), 10**400),
    "candidates-int": _at((*_CRITERIA, "MaxCandidates"), 5),
    "candidates-int-enum": _at((*_CRITERIA, "MaxCandidates"), _Count.FIVE),
    "candidates-bool": _at((*_CRITERIA, "MaxCandidates"), True),
    "candidates-float": _at((*_CRITERIA, "MaxCandidates"), 5.0),
    "candidates-decimal": _at((*_CRITERIA, "MaxCandidates"), decimal.Decimal("5")),
    "candidates-string": _at((*_CRITERIA, "MaxCandidates"), "5"),
    "candidates-zero": _at((*_CRITERIA, "MaxCandidates"), 0),
    "candidates-huge": _at((*_CRITERIA, "MaxCandidates"), 10**400),
    "runtime-huge": _at((*_CRITERIA, "MaxRuntimePerTrainingJobInSeconds"), 10**400),
    "runtime-too-long-to-print": _at((*_CRITERIA, "MaxRuntimePerTrainingJobInSeconds"), 10**5000),
    "flag-bool": _at((*_TABULAR, "GenerateCandidateDefinitionsOnly"), False),
    "flag-int": _at((*_TABULAR, "GenerateCandidateDefinitionsOnly"), 1),
    "flag-string": _at((*_TABULAR, "GenerateCandidateDefinitionsOnly"), "true"),
    "key-int-inside": _at(("Tags", 0, 1), "x"),
    "key-none-inside": _at(("AutoMLJobObjective", None), "x"),
    "keys-equal-as-text": _at(
        ("AutoMLJobObjective",), {_Unequal("MetricName"): "AUC", _Unequal("MetricName"): "F1"}
    ),
    "cycle": _looped,
    "nested-100000-deep": _at(("Tags",), _nested(100_000)),
    "unknown-member": _at(("Bogus",), 1),
    "objective-rule": _at(("AutoMLJobObjective", "MetricName"), "MSE"),
    "hyper-parameters-dict": lambda r: _text_generation(r, {"epochCount": "3"}),
    "hyper-parameters-ordered-dict": lambda r: _text_generation(
        r, collections.OrderedDict(epochCount="3")
    ),
    "hyper-parameters-mapping": lambda r: _text_generation(r, _Members({"epochCount": "3"})),
    "hyper-parameters-int-key": lambda r: _text_generation(r, {1: "3"}),
    "hyper-parameters-int-value": lambda r: _text_generation(r, {"epochCount": 3}),
    "hyper-parameters-tuple": lambda r: _text_generation(r, (("epochCount", "3"),)),
}
V1_VALUES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "as-is": lambda r: r,
    "channels-tuple": lambda r: {**r, "InputDataConfig": (*r["InputDataConfig"],)},
    "tags-tuple": _at(("Tags",), ({"Key": "team", "Value": "ml"},)),
    "fraction-decimal": _at(
        ("AutoMLJobConfig", "DataSplitConfig", "ValidationFraction"), decimal.Decimal("0.5")
    ),
    "fraction-nan": _at(("AutoMLJobConfig", "DataSplitConfig", "ValidationFraction"), math.nan),
    "candidates-bool": _at(("AutoMLJobConfig", "CompletionCriteria", "MaxCandidates"), True),
    "problem-type-str-enum": _at(("ProblemType",), _StrEnum.REGRESSION),
}
_OPERATIONS = {
    "create_auto_ml_job": "CreateAutoMLJob",
    "create_auto_ml_job_v2": "CreateAutoMLJobV2",
}
_KINDS = {
    "create_auto_ml_job": "create-auto-ml-job-request",
    "create_auto_ml_job_v2": "create-auto-ml-job-v2-request",
}


def _botocore_refuses(operation: str, request: dict[str, Any]) -> bool:
    """botocore's own ParamValidator's verdict, as the client runs it before serializing; it
    fails outright on some values (a Decimal NaN), which refuses them too."""
    shape = _client().meta.service_model.operation_model(_OPERATIONS[operation]).input_shape
    try:
        report = ParamValidator().validate(request, shape)
    except Exception:
        return True
    return bool(report.has_errors())


def _send(client: Any, operation: str, request: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON body ``client`` sends for ``request``, through the Stubber; None when botocore
    refuses it or cannot serialize it; raises what the hook raises."""
    sent: dict[str, Any] = {}

    def capture(params: dict[str, Any], **kwargs: Any) -> None:
        sent["body"] = params["body"]

    client.meta.events.register_first("before-call.*.*", capture)  # the Stubber's node
    with Stubber(client) as stub:
        stub.add_response(operation, ARN)
        try:
            getattr(client, operation)(**request)
        except AutoMLRequestError:
            raise
        except ParamValidationError:
            return None
        except Exception:  # botocore fails on it: cannot serialize it, or its validator fails
            return None
    body: dict[str, Any] = json.loads(sent["body"])
    return body


def _oracle_and_hook(operation: str, name: str) -> tuple[bool, bool, Any, Any]:
    """(refused by botocore or by AWS's rules on what botocore sends, refused by the hook,
    the body sent without the hook, the body sent through it). Each call gets a fresh
    request: a generator is consumed, and the hook must not depend on a copy."""
    botocore_refuses = _botocore_refuses(operation, _variant(operation, name))
    body = _send(_client(), operation, _variant(operation, name))
    if body is None:  # not sent: refused by botocore's validator, or it failed
        assert botocore_refuses or name in _SERIALIZER_FAILS, name
    aws_refuses = body is not None and _aws_refuses(body, _KINDS[operation])
    expected = botocore_refuses or body is None or aws_refuses
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AutoMLRequestWarning)
            through_hook = _send(check_requests(_client()), operation, _variant(operation, name))
    except AutoMLRequestError:
        return expected, True, body, None
    return expected, False, body, through_hook


def _aws_refuses(body: dict[str, Any], kind: str) -> bool:
    """AWS's rules on the body sent: the validator's errors; a number no AWS number holds
    (an integer beyond a double) is refused by validate_data itself."""
    try:
        return not validate_data(body, kind=kind).valid
    except ValueError:
        return True


_SERIALIZER_FAILS = {
    "runtime-too-long-to-print",  # validated; json.dumps cannot print it
    "fraction-huge-int",  # validated (botocore checks no maximum); math.isnan overflows
}
V2_FILLED = filled_v2()  # the skeleton picks enum values at random: one for the whole run


def _variant(operation: str, name: str) -> dict[str, Any]:
    if operation == "create_auto_ml_job_v2":
        return V2_VALUES[name](copy.deepcopy(V2_FILLED))
    return V1_VALUES[name](copy.deepcopy(V1))


@pytest.mark.parametrize(
    ("operation", "name"),
    [("create_auto_ml_job_v2", name) for name in V2_VALUES]
    + [("create_auto_ml_job", name) for name in V1_VALUES],
)
def test_the_hook_refuses_exactly_what_botocore_or_aws_refuses(operation: str, name: str) -> None:
    expected, refused, body, through_hook = _oracle_and_hook(operation, name)
    assert refused is expected, (name, "refused" if refused else "passed")
    if not refused:  # the hook changed nothing: botocore sends the same body as without it
        assert through_hook == body


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("tags-tuple", True),
        ("channels-tuple", True),
        ("algorithms-tuples", True),
        ("fraction-decimal", True),
        ("fraction-int", True),
        ("problem-type-str-enum", False),  # Regression takes no AUC: the value was read
        ("candidates-int-enum", True),
        ("name-str-subclass", True),
        ("fraction-float-subclass", True),
        ("tags-set", False),
        ("candidates-bool", False),
        ("fraction-nan", False),
        ("fraction-decimal-nan", False),
        ("name-datetime", False),
        ("key-int-inside", False),
        ("cycle", False),
        ("hyper-parameters-ordered-dict", True),
        ("hyper-parameters-mapping", False),
    ],
)
def test_the_oracle_says_what_is_expected(name: str, accepted: bool) -> None:
    """The table above is not vacuous: these verdicts are botocore's and AWS's, as known."""
    expected, _, _, _ = _oracle_and_hook("create_auto_ml_job_v2", name)
    assert expected is not accepted


def test_botocore_sends_a_tuple_as_an_array_and_nan_as_a_string() -> None:
    """Why a tuple is taken and NaN refused: what botocore puts on the wire."""
    tags = _send(
        _client(), "create_auto_ml_job_v2", _variant("create_auto_ml_job_v2", "tags-tuple")
    )
    assert tags is not None and tags["Tags"] == [{"Key": "team", "Value": "ml"}]
    nan = _send(
        _client(), "create_auto_ml_job_v2", _variant("create_auto_ml_job_v2", "fraction-nan")
    )
    assert nan is not None and nan["DataSplitConfig"] == {"ValidationFraction": "NaN"}
    boolean = _send(
        _client(), "create_auto_ml_job_v2", _variant("create_auto_ml_job_v2", "candidates-bool")
    )
    assert boolean is not None
    assert boolean["AutoMLProblemTypeConfig"]["TabularJobConfig"]["CompletionCriteria"] == {
        "MaxCandidates": True
    }


def test_these_requests_hold_no_timestamp_or_blob_members() -> None:
    """botocore takes a datetime only for a timestamp member, and bytes only for a blob: none
    of these requests has one (AWS's model says), so both are refused wherever they are."""
    model = _client().meta.service_model
    found = set()
    for operation in _OPERATIONS.values():
        stack = [model.operation_model(operation).input_shape]
        while stack:
            shape = stack.pop()
            found.add(shape.type_name)
            if shape.type_name == "structure":
                stack.extend(shape.members.values())
            elif shape.type_name == "list":
                stack.append(shape.member)
            elif shape.type_name == "map":
                stack.extend((shape.key, shape.value))
    assert found >= {"structure", "list", "map", "string", "integer", "float", "boolean"}
    assert not found & {"timestamp", "blob", "long", "double"}, found


def test_a_refusal_of_data_no_json_holds_names_the_place() -> None:
    client = check_requests(_client())
    error = _refused(client, "create_auto_ml_job_v2", V2_VALUES["key-int-inside"](filled_v2()))
    ((code, pointer, message),) = [(f.code, f.pointer, f.message) for f in error.findings]
    assert (code, pointer) == ("parse-error", "/Tags/0")
    assert message == "a key of type int (1); member names are strings"
    error = _refused(client, "create_auto_ml_job_v2", V2_VALUES["fraction-nan"](filled_v2()))
    assert str(error) == (
        "CreateAutoMLJobV2 request not sent, 1 error: /DataSplitConfig/ValidationFraction: "
        "[parse-error] nan is not a JSON number"
    )
    error = _refused(client, "create_auto_ml_job_v2", V2_VALUES["keys-equal-as-text"](filled_v2()))
    assert [(f.code, f.pointer) for f in error.findings] == [
        ("duplicate-key", "/AutoMLJobObjective")
    ]


def test_the_callers_parameters_are_left_as_they_were() -> None:
    client = check_requests(_client())
    request = V2_VALUES["tags-tuple"](filled_v2())
    request["DataSplitConfig"] = {"ValidationFraction": decimal.Decimal("0.25")}
    before = copy.deepcopy(request)
    with Stubber(client) as stub:
        stub.add_response("create_auto_ml_job_v2", ARN)
        client.create_auto_ml_job_v2(**request)
    assert request == before
    assert type(request["Tags"]) is tuple
    assert type(request["DataSplitConfig"]["ValidationFraction"]) is decimal.Decimal


class _Hostile(str):
    """A str whose comparison and hash raise: botocore itself fails on it as a key."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ ran")

    def __hash__(self) -> int:
        return str.__hash__(self)


def test_the_hook_runs_no_method_of_the_callers_values() -> None:
    """A value is read for what it holds: its own __eq__, __hash__, __str__ never run."""
    request = filled_v2()
    request["AutoMLJobObjective"] = {"MetricName": _Hostile("MSE")}  # not allowed for binary
    error = _refused(check_requests(_client()), "create_auto_ml_job_v2", request)
    assert [f.code for f in error.findings] == ["metric-not-allowed"]
    request["AutoMLJobObjective"] = {_Hostile("MetricName"): "AUC"}
    from automl_objective.botocore_hook import check_request

    check_request("CreateAutoMLJobV2", request)  # valid as read; botocore then fails on it


def test_a_warning_names_the_callers_own_line_and_no_finding_has_a_line() -> None:
    import inspect

    client = check_requests(_client())
    request = {k: v for k, v in V1.items() if k != "AutoMLJobObjective"}
    with Stubber(client) as stub, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stub.add_response("create_auto_ml_job", ARN, request)
        line = inspect.currentframe().f_lineno + 1  # type: ignore[union-attr]
        client.create_auto_ml_job(**request)
    (warned,) = [w for w in caught if issubclass(w.category, AutoMLRequestWarning)]
    assert (warned.filename, warned.lineno) == (__file__, line)
    finding = warned.message.finding  # type: ignore[union-attr]
    assert (finding.line, finding.column, finding.pointer) == (None, None, "/ProblemType")
    bad = {**V1, "AutoMLJobObjective": {"MetricName": "AUC"}, "Bogus": 1}
    error = _refused(client, "create_auto_ml_job", bad)
    assert len(error.findings) == 2
    assert all(f.line is None and f.column is None for f in error.findings)
