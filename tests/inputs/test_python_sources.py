"""Python files: the AutoML requests their code sends, checked where they are written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.api import check_text, validate_file
from automl_objective.base.dynamic import DYNAMIC
from automl_objective.cli import main
from automl_objective.inputs.python.reader import (
    EXPANSION_BUDGET,
    Budget,
    Extracted,
    extract,
    parse_chunk,
)
from automl_objective.inputs.python.sdk_names import shape_members, snake_case
from tests.support.fuzzing import examples
from tests.support.paths import CODE

CODE = CODE

Expected = list[tuple[int, int, str]]

EXPECTED: dict[str, Expected] = {
    "boto3_calls.py": [
        # a literal call is the whole request: AWS's required members are checked
        (9, 1, "missing-member"),
        (9, 1, "missing-member"),
        (9, 1, "missing-member"),
        (9, 1, "missing-member"),
        (11, 39, "metric-not-allowed"),  # the "AUC" literal itself
        # **request, the dict built above: the member name's own line and column
        (21, 5, "unknown-member"),
        (25, 1, "missing-member"),  # AutoMLProblemTypeConfig, at the call
        # **common is unknown: it may hold the top-level members, not TabularJobConfig's
        (31, 36, "missing-member"),
        (34, 43, "unknown-metric"),
    ],
    "sdk_calls.py": [
        (20, 34, "metric-not-allowed"),  # AutoML(problem_type=..., job_objective=...)
        (24, 63, "metric-not-allowed"),  # AutoMLV2 with a config object bound to a name
        (27, 62, "metric-not-allowed"),  # AutoMLImageClassificationConfig: Accuracy only
        (44, 58, "metric-not-allowed"),  # sagemaker-core shapes, a whole request
    ],
    "dynamic_values.py": [],
    "no_automl.py": [],
}


def _found(name: str) -> Expected:
    result = validate_file(CODE / name)
    return [(f.line or 0, f.column or 0, f.code) for f in result.findings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_point_at_the_literals(name: str) -> None:
    assert _found(name) == EXPECTED[name]


def test_a_finding_carries_the_request_pointer_and_message() -> None:
    result = validate_file(CODE / "boto3_calls.py")
    typo = next(f for f in result.findings if f.code == "unknown-member")
    assert typo.pointer == "/AutoMLProblemType"
    assert "did you mean 'AutoMLProblemTypeConfig'" in typo.message
    assert result.kind == "python-source" and not result.valid


def test_the_cli_prints_path_line_column(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(CODE / "sdk_calls.py")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == (
        f"{CODE / 'sdk_calls.py'}:20:34: error [metric-not-allowed] MetricName 'RMSE' is not "
        "allowed for ProblemType 'BinaryClassification'; allowed: Accuracy, F1, AUC, "
        "BalancedAccuracy, Recall, Precision"
    )


def _check(tmp_path: Path, source: str) -> Expected:
    path = tmp_path / "job.py"
    path.write_text(source, encoding="utf-8")
    return [(f.line or 0, f.column or 0, f.code) for f in validate_file(path).findings]


def test_columns_count_characters_not_utf8_bytes(tmp_path: Path) -> None:
    source = 'x = "é"; sm.create_auto_ml_job(ProblemType="Bogus", **x)\n'
    assert _check(tmp_path, source) == [(1, 44, "unknown-problem-type")]


def test_a_name_resolves_in_the_scope_it_is_bound_in(tmp_path: Path) -> None:
    source = (
        'metric = "AUC"\n'
        "def run(sm):\n"
        '    metric = "MSE"\n'
        '    sm.create_auto_ml_job(ProblemType="Regression",\n'
        '        AutoMLJobObjective={"MetricName": metric}, **x)\n'
        'sm.create_auto_ml_job(ProblemType="Regression",\n'
        '    AutoMLJobObjective={"MetricName": metric}, **x)\n'
    )
    # the function's MSE is fine for Regression; the module's AUC is not (at its literal)
    assert _check(tmp_path, source) == [(1, 10, "metric-not-allowed")]


@pytest.mark.parametrize(
    "source",
    [
        'sm.create_auto_ml_job(ProblemType=pt, AutoMLJobObjective={"MetricName": "AUC"}, **r)\n',
        'sm.create_auto_ml_job_v2(AutoMLJobObjective={"MetricName": "AUC"}, **req)\n',
        'o = {"MetricName": "AUC"}\no.update(extra)\n'
        'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=o, **r)\n',
        'for m in ["AUC"]:\n    sm.create_auto_ml_job(ProblemType="Regression",'
        ' AutoMLJobObjective={"MetricName": m}, **r)\n',
        'sm.create_auto_ml_job(**{"ProblemType": "Regression", **base})\n',
        "sm.create_auto_ml_job_v2(**json.load(f))\n",
    ],
)
def test_dynamic_values_stay_silent(tmp_path: Path, source: str) -> None:
    assert _check(tmp_path, source) == []


def test_a_syntax_error_is_one_parse_error_finding(tmp_path: Path) -> None:
    found = _check(tmp_path, "sm.create_auto_ml_job(ProblemType=\n")
    assert found == [(1, 22, "parse-error")]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("x = " + "-" * 1500 + "1\nsm.create_auto_ml_job(**k)\n", "code nested too deeply"),
        ("x = " + "+".join(["a"] * 100_000) + "\nsm.create_auto_ml_job(**k)\n", "not valid"),
    ],
)
def test_deeply_nested_code_is_one_finding_not_a_traceback(
    tmp_path: Path, source: str, message: str
) -> None:
    path = tmp_path / "deep.py"
    path.write_text(source, encoding="utf-8")
    [finding] = validate_file(path).findings
    assert finding.code == "parse-error" and message in finding.message


@pytest.mark.parametrize(
    ("source", "kind", "line", "column"),
    [
        ('boto3.client("sagemaker").create_auto_ml_job()\n', "create-auto-ml-job-request", 2, 1),
        (
            'sm = boto3.client(service_name="sagemaker")\nsm.create_auto_ml_job_v2()\n',
            "create-auto-ml-job-v2-request",
            3,
            1,
        ),
        (
            "session = boto3.Session()\n"
            "def start():\n"
            '    client = session.client("sagemaker", region_name="eu-west-1")\n'
            "    return client.create_auto_ml_job()\n",
            "create-auto-ml-job-request",
            5,
            12,
        ),
    ],
)
def test_a_sagemaker_client_called_with_no_argument_misses_every_required_member(
    tmp_path: Path, source: str, kind: str, line: int, column: int
) -> None:
    """A boto3 SageMaker client's call with no argument sends an empty request: each member
    AWS requires is missing, at the call, as for the empty request document."""
    path = tmp_path / "job.py"
    path.write_text("import boto3\n" + source, encoding="utf-8")
    found = validate_file(path).findings
    empty = check_text("{}", "request.json", kind=kind).findings
    assert empty and all(f.code == "missing-member" for f in empty)
    assert [(f.code, f.message) for f in found] == [(f.code, f.message) for f in empty]
    assert {(f.line, f.column) for f in found} == {(line, column)}


def _messages(tmp_path: Path, source: str) -> list[tuple[int | None, str, str]]:
    path = tmp_path / "job.py"
    path.write_text(source, encoding="utf-8")
    return [(f.line, f.code, f.message) for f in validate_file(path).findings]


_CLIENT = 'import boto3\nsm = boto3.client("sagemaker")\n'


@pytest.mark.parametrize(
    "arguments", ["**{}", "*[]", "*()", "*[], **{}", "**{}, **dict()", "*nothing", "**empty"]
)
def test_a_sagemaker_client_given_only_spreads_of_nothing_sends_an_empty_request(
    tmp_path: Path, arguments: str
) -> None:
    """``**{}`` and ``*[]`` (or names bound once to them) add nothing to a call: a known
    client's call given only these sends the empty request, as the call with no argument."""
    names = "nothing = ()\nempty = {}\n"
    found = _messages(tmp_path, f"{_CLIENT}{names}sm.create_auto_ml_job({arguments})\n")
    bare = _messages(tmp_path, f"{_CLIENT}{names}sm.create_auto_ml_job()\n")
    assert bare and {code for _, code, _ in bare} == {"missing-member"}
    assert found == bare


@pytest.mark.parametrize(
    "arguments",
    [
        '**{"AutoMLJobName": "j", "ProblemType": "Bogus"}',
        '*[], AutoMLJobName="j", ProblemType="Bogus"',
        'AutoMLJobName="j", *(), **{"ProblemType": "Bogus"}, **{}',
    ],
)
def test_spreads_written_in_a_call_are_read_as_its_keywords(tmp_path: Path, arguments: str) -> None:
    keywords = _messages(
        tmp_path, f'{_CLIENT}sm.create_auto_ml_job(AutoMLJobName="j", ProblemType="Bogus")\n'
    )
    assert {"missing-member", "unknown-problem-type"} <= {code for _, code, _ in keywords}
    assert _messages(tmp_path, f"{_CLIENT}sm.create_auto_ml_job({arguments})\n") == keywords


def test_an_empty_star_in_an_sdk_call_or_a_list_adds_nothing(tmp_path: Path) -> None:
    sdk = (
        "from sagemaker.automl.automl import AutoML\n"
        'AutoML({}role="r", target_attribute_name="y", problem_type="Regression")\n'
    )
    written = _messages(tmp_path, sdk.format(""))
    assert "incomplete-pair" in {code for _, code, _ in written}
    assert _messages(tmp_path, sdk.format("*[], ")) == written
    channels = (
        f"{_CLIENT}sm.create_auto_ml_job_v2(AutoMLJobInputDataConfig="
        '[{}{{"ChannelType": "bogus"}}])\n'
    )
    written = _messages(tmp_path, channels.format(""))
    assert "invalid-value" in {code for _, code, _ in written}
    assert _messages(tmp_path, channels.format("*(), ")) == written


@pytest.mark.parametrize(
    "source",
    [
        "client.create_auto_ml_job()\n",  # a receiver not known here: a user's own method
        "client.create_auto_ml_job(**{})\n",
        "client.create_auto_ml_job(*[])\n",
        "self.sagemaker.create_auto_ml_job_v2()\n",
        "sm = make_client()\nsm.create_auto_ml_job()\n",
        'sm = boto3.client("s3")\nsm.create_auto_ml_job()\n',
        'sm = boto3.client("sagemaker")\nsm = other\nsm.create_auto_ml_job()\n',
        "def f(sm):\n    sm.create_auto_ml_job()\n",
    ],
)
def test_a_call_with_no_argument_on_a_receiver_not_known_stays_unread(
    tmp_path: Path, source: str
) -> None:
    assert _check(tmp_path, "import boto3\n" + source) == []


@pytest.mark.parametrize("receiver", ["self.backend", "client", "sm = make_client()\nsm"])
@pytest.mark.parametrize(
    "arguments",
    [
        'auto_ml_job_name=name, role_arn="arn", tags=[]',
        '**{"auto_ml_job_name": name, "role_arn": "arn"}, tags=[]',  # keywords written so
    ],
)
def test_snake_case_keywords_on_a_receiver_not_known_are_another_objects_method(
    tmp_path: Path, receiver: str, arguments: str
) -> None:
    # moto's server-side handler calls its own backend method of boto3's name (held-out corpus)
    call = f"create_auto_ml_job_v2({arguments})\n"
    assert _check(tmp_path, f"import boto3\n{receiver}.{call}") == []


@pytest.mark.parametrize(
    "source",
    [
        'sm = boto3.client("sagemaker")\nsm.create_auto_ml_job_v2(auto_ml_job_name="j")\n',
        'client.create_auto_ml_job_v2(auto_ml_job_name="j", RoleArn="arn")\n',
        'client.create_auto_ml_job_v2(auto_ml_job_name="j", **more)\n',
    ],
)
def test_snake_case_keywords_to_a_sagemaker_client_or_beside_a_member_are_read(
    tmp_path: Path, source: str
) -> None:
    # a known client, an AWS member beside them, or a spread: boto3's call, whose snake_case
    # keyword AWS refuses
    codes = [code for _, _, code in _check(tmp_path, "import boto3\n" + source)]
    assert "unknown-member" in codes


@pytest.mark.parametrize("refused", ["return 1\n", "f(a=1, a=2)\n", "nonlocal x\n"])
def test_code_the_compiler_refuses_is_read_as_ast_parses_it(tmp_path: Path, refused: str) -> None:
    """Code ``ast`` parses but CPython's compiler refuses (a module-level ``return``, a
    keyword argument given twice) is read as written, not compiled: compiling a file that
    holds a request costs a quarter of checking it (measured), for mistakes any run, test or
    linter of the file shows at once. Its requests are checked as those of any file."""
    found = _check(
        tmp_path,
        'import boto3\nboto3.client("sagemaker").create_auto_ml_job(\n'
        '    ProblemType="Bogus")\n' + refused,
    )
    codes = {code for _, _, code in found}
    assert "unknown-problem-type" in codes and "parse-error" not in codes


def test_a_file_with_no_automl_call_is_not_even_parsed(tmp_path: Path) -> None:
    assert _check(tmp_path, "this is not Python (\n") == []


def test_snake_case_names_are_the_ones_botocore_derives() -> None:
    from botocore import xform_name

    members = {m for shape in shape_members().values() for m in shape.values()}
    assert len(members) > 50
    assert {m: snake_case(m) for m in members} == {m: xform_name(m) for m in members}
    assert shape_members()["AutoMLJobObjective"] == {"metric_name": "MetricName"}


def test_folders_include_python_files_and_ordinary_code_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "util.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    (tmp_path / "pkg" / "train.py").write_text(
        'sm.create_auto_ml_job(ProblemType="Regression",\n'
        '    AutoMLJobObjective={"MetricName": "AUC"}, **rest)\n',
        encoding="utf-8",
    )
    code = main(["validate", str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0].startswith(f"{tmp_path / 'pkg' / 'train.py'}:2:39: error [metric-not-allowed]")
    assert out[-1] == "2 files checked: 1 valid, 1 invalid (1 error, 0 warnings)"
    assert main(["validate", str(tmp_path), "--exclude", "*.py"]) == 2  # nothing left


@pytest.mark.parametrize(
    ("config", "metric", "code"),
    [
        ('AutoMLTabularConfig("y", problem_type="Regression")', "AUC", "metric-not-allowed"),
        ("AutoMLTimeSeriesForecastingConfig(*a)", "AUC", "metric-not-allowed"),
        ("AutoMLImageClassificationConfig()", "AUC", "metric-not-allowed"),
        ('AutoMLTextClassificationConfig("text", "label")', "F1", "metric-not-allowed"),
        ('AutoMLTextGenerationConfig(base_model_name="m")', "F1", "objective-ignored"),
    ],
)
def test_each_sdk_v2_config_is_the_request_member_it_becomes(
    tmp_path: Path, config: str, metric: str, code: str
) -> None:
    # problem_config is AutoMLV2's first positional parameter
    source = f'AutoMLV2({config}, job_objective={{"MetricName": "{metric}"}})\n'
    assert [c for _, _, c in _check(tmp_path, source)] == [code]


@pytest.mark.parametrize(
    "source",
    [
        # *rest may hold problem_type; **more may hold anything
        'AutoML("role", "y", *rest, job_objective={"MetricName": "AUC"})\n',
        'AutoML("role", "y", job_objective={"MetricName": "AUC"}, **more)\n',
        'AutoMLV2(problem_config=cfg, job_objective={"MetricName": "Accuracy"})\n',
    ],
)
def test_spread_sdk_arguments_leave_absent_members_unjudged(tmp_path: Path, source: str) -> None:
    assert _check(tmp_path, source) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            'AutoMLV2(AutoMLImageClassificationConfig(content_column="c"))\n',
            [(1, 42, "unknown-member")],
        ),
        ('AutoML("r", "y", problem_typ="Regression")\n', [(1, 18, "unknown-member")]),
        ('sm.auto_ml(i, o, c, job_name="j", tag="x")\n', [(1, 35, "unknown-member")]),
    ],
)
def test_an_argument_the_sdk_does_not_take_is_a_finding(
    tmp_path: Path, source: str, expected: Expected
) -> None:
    assert _check(tmp_path, source) == expected


def test_sagemaker_core_dicts_use_snake_case_names(tmp_path: Path) -> None:
    source = (
        "AutoMLJobV2.create(auto_ml_job_name='j', auto_ml_problem_type_config="
        "{'tabular_job_config': {'problem_type': 'Regression', 'target_attribute_name': 'y'}},\n"
        "    auto_ml_job_objective={'metric_name': 'AUC'}, **more)\n"
    )
    assert _check(tmp_path, source) == [(2, 43, "metric-not-allowed")]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ('"""Checks AutoMLJobObjective values."""\nAUTOML_KINDS = ("AutoML",)\n', False),
        ("client.create_auto_ml_job_v2(**r)\n", True),
        ("job = automl.AutoMLV2 (config)\n", True),
        ("AutoMLJobV2 . create(**k)\n", True),
    ],
)
def test_only_text_that_can_hold_a_known_call_is_parsed(text: str, parsed: bool) -> None:
    from automl_objective.inputs.python.reader import mentions_automl

    assert mentions_automl(text) is parsed


_PIECES = [
    "sm.create_auto_ml_job(",
    "create_auto_ml_job_v2(",
    "AutoMLV2(",
    "AutoMLJobV2.create(",
    "AutoMLTabularConfig(",
    "AutoMLJobObjective(",
    "ProblemType=",
    "problem_type=",
    "job_objective=",
    "metric_name=",
    "AutoMLJobObjective=",
    '{"MetricName": ',
    '"AUC"',
    '"Regression"',
    "**",
    "x",
    "x = ",
    "x[0] = ",
    "del x",
    "def f(x):",
    "lambda x: ",
    "class C:",
    "global x",
    "[",
    "]",
    "}",
    ")",
    ", ",
    ": ",
    "\n",
    "\n    ",
    "-1",
    "f'{x}'",
    "é",
]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_code_gives_findings_never_an_exception(pieces: list[str]) -> None:
    from automl_objective.inputs.document import LoadError
    from tests.support.code import check_python_text

    text = "".join(pieces)
    try:
        result = check_python_text("fuzz.py", text)
    except LoadError as error:  # not Python: one finding, as the runner reports it
        assert error.code == "parse-error"
        return
    assert all(f.line is None or f.line >= 1 for f in result.findings)
    assert all(f.code != "internal-error" for f in result.findings)


_NAMES = ["ProblemType", "AutoMLJobObjective", "MetricName", "problem_type", "job_objective"]
_EXPRESSIONS = st.recursive(
    st.sampled_from(['"AUC"', '"Regression"', "1", "-2.5", "None", "True", "x", "f'{x}'", "b'x'"]),
    lambda inner: st.one_of(
        st.lists(st.tuples(st.sampled_from(_NAMES), inner), max_size=3).map(
            lambda items: "{" + ", ".join(f'"{k}": {v}' for k, v in items) + "}"
        ),
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        inner.map(lambda v: "{**" + v + "}"),
        st.tuples(
            st.sampled_from(["AutoMLTabularConfig", "AutoMLJobObjective", "dict", "g"]),
            st.lists(st.tuples(st.sampled_from(_NAMES), inner), max_size=2),
        ).map(lambda c: c[0] + "(" + ", ".join(f"{k.lower()}={v}" for k, v in c[1]) + ")"),
    ),
    max_leaves=12,
)
_CALLEES = [
    "sm.create_auto_ml_job",
    "c.create_auto_ml_job_v2",
    "AutoML",
    "AutoMLV2",
    "AutoMLJobV2.create",
]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_EXPRESSIONS, max_size=2),
    st.sampled_from(_CALLEES),
    st.lists(st.tuples(st.sampled_from([*_NAMES, None]), _EXPRESSIONS), max_size=4),
)
def test_any_call_is_read_without_an_exception(
    bindings: list[str], callee: str, arguments: list[tuple[str | None, str]]
) -> None:
    from tests.support.code import check_python_text

    lines = [f"x = {value}" for value in bindings]
    passed = ", ".join(f"{k}={v}" if k else f"**{v}" for k, v in arguments)
    lines.append(f"{callee}({passed})")
    result = check_python_text("fuzz.py", "\n".join(lines))
    assert all(f.code != "internal-error" for f in result.findings)
    assert all(f.line is not None and 1 <= f.line <= len(lines) for f in result.findings)


_REQUEST = 'request = {"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC"}}\n'
_SEND = "sm.create_auto_ml_job(**request)\n"


@pytest.mark.parametrize(
    "change",
    [
        # through another name for a part of it
        'obj = request["AutoMLJobObjective"]\nobj["MetricName"] = "MSE"\n',
        'obj = request.get("AutoMLJobObjective")\nobj["MetricName"] = "MSE"\n',
        'request["AutoMLJobObjective"]["MetricName"] = "MSE"\n',
        'request["AutoMLJobObjective"].update(MetricName="MSE")\n',
        'request["AutoMLJobObjective"].setdefault("Extra", 1)\n',
        'del request["AutoMLJobObjective"]["MetricName"]\n',
        'request["AutoMLJobObjective"]["MetricName"] += "x"\n',
        "request |= other\n",
        "request.clear()\n",
        # handed to code not seen into
        "fix(request)\n",
        "fix(request['AutoMLJobObjective'])\n",
        "fix(**{'r': [request]})\n",
        "helper.fix(request)\n",
        "queue.append(request)\n",
        "def get():\n    return request\n",
        "def gen():\n    yield request\n",
        "get = lambda: request\n",
        "def f(r=request):\n    pass\n",
        "with request as r:\n    pass\n",
        "holder.value = request\n",
        "holder['r'] = request\n",
        # other names for it, however bound
        'for v in request.values():\n    v["MetricName"] = "MSE"\n',
        '[v.update(MetricName="MSE") for v in request.values()]\n',
        'first, *rest = [request["AutoMLJobObjective"]]\nfirst["MetricName"] = "MSE"\n',
        '(o := request["AutoMLJobObjective"])["MetricName"] = "MSE"\n',
        'match request:\n    case {"AutoMLJobObjective": o}:\n        o["MetricName"] = "MSE"\n',
        "match request:\n    case {**rest}:\n        rest.clear()\n",
        'both = [request, 1]\nboth[0]["AutoMLJobObjective"]["MetricName"] = "MSE"\n',
        'copy = dict(request)\ncopy["AutoMLJobObjective"]["MetricName"] = "MSE"\n',
        # rebound from elsewhere, or by its spelling
        "def f():\n    global request\n    request = {}\n",
        "def outer():\n    request = {}\n    def inner():\n        nonlocal request\n",
        'globals()["request"] = {}\n',
        'exec("request = {}")\n',
        "from settings import *\n",
    ],
)
def test_a_value_that_may_change_anywhere_is_dynamic_never_stale(
    tmp_path: Path, change: str
) -> None:
    # the same request with no change is an error at the AUC literal; changed anywhere in
    # the module (before or after the call), it is unknown: no finding, not even a missing one
    assert _check(tmp_path, _REQUEST + _SEND) != []
    assert _check(tmp_path, _REQUEST + change + _SEND) == []
    assert _check(tmp_path, _REQUEST + _SEND + change) == []


@pytest.mark.parametrize(
    "source",
    [
        # a class attribute changed through the class
        'class C:\n    obj = {"MetricName": "AUC"}\n'
        '    sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=obj, **k)\n'
        'C.obj["MetricName"] = "MSE"\n',
        # through the SDK object that keeps it
        'obj = {"MetricName": "AUC"}\n'
        'automl = AutoML("r", "y", problem_type="Regression", job_objective=obj)\n'
        'automl.job_objective["MetricName"] = "MSE"\n',
        # an SDK config changed after it is built
        'cfg = AutoMLTabularConfig("y", problem_type="BinaryClassification")\n'
        'cfg.problem_type = "Regression"\n'
        'AutoMLV2(cfg, job_objective={"MetricName": "AUC"})\n',
        # a name a match pattern captures is bound again
        'metric = "AUC"\nmatch x:\n    case metric:\n        pass\n'
        'sm.create_auto_ml_job(ProblemType="Regression",'
        ' AutoMLJobObjective={"MetricName": metric}, **k)\n',
    ],
)
def test_siblings_of_a_changed_value_are_dynamic(tmp_path: Path, source: str) -> None:
    assert _check(tmp_path, source) == []


@pytest.mark.parametrize(
    "use",
    [
        "print(request)\n",
        "print(json.dumps(request))\n",
        "n = len(request)\n",
        'if request["ProblemType"] == "Regression":\n    pass\n',
        'text = f"{request}"\n',
        "sm.create_auto_ml_job(**request)\n",  # sent twice: boto3 changes nothing
        "copy = {**request}\n",
    ],
)
def test_reading_a_value_does_not_make_it_dynamic(tmp_path: Path, use: str) -> None:
    found = _check(tmp_path, _REQUEST + use + _SEND)
    assert (1, 78, "metric-not-allowed") in found


def test_a_constant_handed_to_a_function_and_an_sdk_objects_methods_keep_findings(
    tmp_path: Path,
) -> None:
    source = (
        'metric = "AUC"\n'
        "log(metric)\n"  # a string cannot be changed in place
        'automl = AutoML("r", "y", problem_type="Regression",'
        ' job_objective={"MetricName": metric})\n'
        "automl.fit(inputs)\n"  # the SDK's own methods do not change what it was given
    )
    assert _check(tmp_path, source) == [(1, 10, "metric-not-allowed")]


@pytest.mark.parametrize(
    "made",
    [
        '"automl-" + strftime("%d")',
        '"automl-%s" % stamp()',
        '"-".join(parts)',
        '"automl-{}".format(stamp())',
        "stamp()",
        "event.get('name')",
    ],
)
def test_a_value_handed_away_changes_only_the_places_that_name_it(
    tmp_path: Path, made: str
) -> None:
    """The notebooks' and Lambdas' usual code: a job name computed, the request dict holding
    it sent, then the name handed to describe_auto_ml_job. Whatever that call does to the
    name's object changes only the member written as that name (a value known only at run
    time anyway); the rest of the request is still checked."""
    source = (
        f"job_name = {made}\n"
        'params = {"AutoMLJobName": job_name, "ProblemType": "Regression",'
        ' "AutoMLJobObjective": {"MetricName": "AUC"}}\n'
        "sm.create_auto_ml_job(**params)\n"
        "sm.describe_auto_ml_job(AutoMLJobName=job_name)\n"
    )
    found = [(line, code) for line, _, code in _check(tmp_path, source)]
    assert (2, "metric-not-allowed") in found, found


@pytest.mark.parametrize(
    ("change", "params_dynamic", "tags_dynamic"),
    [
        ("", False, False),
        ("tags.append(x)\n", False, True),  # only what is written as `tags` is dynamic
        ("log(params)\n", True, True),  # handed away: it, and what it holds, may change
        ("params['Tags'].append(x)\n", True, True),
        ("alias = params\nalias.clear()\n", True, True),
        ("part = params['Tags']\npart.append(x)\n", True, True),
    ],
)
def test_a_change_through_a_display_reaches_what_it_holds(
    tmp_path: Path, change: str, params_dynamic: bool, tags_dynamic: bool
) -> None:
    """A dict literal holding a name: a change through the dict (or an alias of it, or a
    part read out of it) may reach the named object too, so a second call sending that
    object is not judged by a stale value; a change through the name alone leaves the
    dict's other members known."""
    source = (
        'tags = [{"Key": "k"}]\n'
        'params = {"Tags": tags, "ProblemType": "Regression",'
        ' "AutoMLJobObjective": {"MetricName": "AUC"}}\n'
        + change
        + "sm.create_auto_ml_job(**params)\n"
        'sm.create_auto_ml_job(ProblemType="Regression", Tags=tags)\n'
    )
    path = tmp_path / "job.py"
    path.write_text(source, encoding="utf-8")
    findings = validate_file(path).findings
    metric = [f for f in findings if f.code == "metric-not-allowed"]
    tag = [f for f in findings if f.pointer.startswith("/Tags/0")]  # the tag lacks a Value
    assert (metric == []) is params_dynamic, findings
    assert (tag == []) is tags_dynamic, findings


def _chain(levels: int) -> str:
    lines = ['a0 = {"Key": "k", "Value": "v"}']
    lines += [f'a{i} = {{"x": a{i - 1}, "y": a{i - 1}}}' for i in range(1, levels + 1)]
    lines.append(f'sm.create_auto_ml_job(ProblemType="Regression", Tags=a{levels})')
    return "\n".join(lines) + "\n"


def _extract(source: str, budget: Budget) -> list[Extracted]:
    return extract([parse_chunk(source, None, "job.py")], budget)


def test_names_that_double_a_value_at_each_level_cost_a_bounded_number_of_steps() -> None:
    # a40 would be 2**41 values: reading stops at the budget, and the value is dynamic
    budget = Budget()
    [request] = _extract(_chain(40), budget)
    assert request.data == {"ProblemType": "Regression", "Tags": DYNAMIC}
    assert budget.spent == EXPANSION_BUDGET
    # nothing kept of what was read: Tags is where its name is written
    assert set(request.places) == {(), ("ProblemType",), ("Tags",)}


def test_reading_stops_at_the_budget_not_after_the_whole_value() -> None:
    # a12 is 2**13 dicts and 2**12 leaves, some 40,000 steps read whole: a budget of 1,000
    # is spent exactly (this fails at once, rather than hanging, if the budget is not kept)
    budget = Budget(left=1000)
    [request] = _extract(_chain(12), budget)
    assert request.data["Tags"] is DYNAMIC
    assert budget.spent == 1000


def test_within_the_budget_a_value_is_read_through_its_names(tmp_path: Path) -> None:
    budget = Budget()
    [request] = _extract(_chain(4), budget)
    assert request.data["Tags"]["x"]["y"]["x"]["y"] == {"Key": "k", "Value": "v"}
    assert budget.spent < 200
    assert ("Tags", "x", "y", "x", "y", "Key") in request.places
    # a whole request: Tags is checked against AWS's shape (an array, not an object),
    assert (5, 6, "invalid-type") in _check(tmp_path, _chain(4))  # at the a4 literal


def test_a_value_used_by_many_calls_costs_steps_in_proportion(tmp_path: Path) -> None:
    common = "common = {" + ", ".join(f'"K{i}": {i}' for i in range(10)) + "}\n"
    calls = 'sm.create_auto_ml_job(ProblemType="Regression", Tags=common, **k)\n'
    once, hundred = Budget(), Budget()
    _extract(common + calls, once)
    _extract(common + calls * 100, hundred)
    assert hundred.spent == 100 * once.spent


def test_the_budget_is_the_files_and_inline_values_are_read_after_it_is_spent(
    tmp_path: Path,
) -> None:
    budget = Budget(left=50)
    source = _chain(8) + (
        'sm.create_auto_ml_job(ProblemType="Regression", Tags=a2, **k)\n'  # budget spent
        'sm.create_auto_ml_job(ProblemType="Regression",'
        ' AutoMLJobObjective={"MetricName": "AUC"}, **k)\n'
    )
    first, second, third = _extract(source, budget)
    assert first.data["Tags"] is DYNAMIC and second.data["Tags"] is DYNAMIC
    assert third.data["AutoMLJobObjective"] == {"MetricName": "AUC"}
    assert budget.spent == 50


_CALL = (
    "sm.create_auto_ml_job(ProblemType='Regression',"
    " AutoMLJobObjective={'MetricName': 'AUC'}, **k)\n"
)


def _check_bytes(tmp_path: Path, raw: bytes) -> list[tuple[int, int, str, str]]:
    path = tmp_path / "job.py"
    path.write_bytes(raw)
    return [(f.line or 0, f.column or 0, f.code, f.message) for f in validate_file(path).findings]


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (("# -*- coding: latin-1 -*-\nx = 'é'\n" + _CALL).encode("latin-1"), 3),
        (("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n" + _CALL).encode(), 3),
        (("#!/usr/bin/env python\n# coding=cp1252\nx = '€'\n" + _CALL).encode("cp1252"), 4),
        (b"\xef\xbb\xbf" + ("x = 'é'\n" + _CALL).encode(), 2),
        (b"\xef\xbb\xbf# coding: utf-8\n" + _CALL.encode(), 2),
        (("\x0cx = 1\nif x:\n\x0c    y = 2\n" + _CALL).encode(), 4),
    ],
)
def test_source_is_decoded_as_python_decodes_it(tmp_path: Path, raw: bytes, line: int) -> None:
    [(found_line, column, code, _)] = _check_bytes(tmp_path, raw)
    assert (found_line, column, code) == (line, 83, "metric-not-allowed")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"x = '\xff'\n" + _CALL.encode(), (1, 6, "encoding", "not UTF-8 text (byte 5)")),
        # a coding line below line 2 is not one: Python reads UTF-8
        (
            ("\n\n# coding: latin-1\nx = 'é'\n" + _CALL).encode("latin-1"),
            (4, 6, "encoding", "not UTF-8 text (byte 25)"),
        ),
        (
            b"# coding: cp1252\nx = '\x81'\n" + _CALL.encode(),
            (2, 6, "encoding", "not cp1252 text (byte 22)"),
        ),
        (
            b"# coding: bogus-enc\n" + _CALL.encode(),
            (0, 0, "encoding", "unknown encoding: bogus-enc"),
        ),
        (
            b"\xef\xbb\xbf# coding: latin-1\n" + _CALL.encode(),
            (
                0,
                0,
                "encoding",
                "a UTF-8 byte-order mark, and a coding line naming another encoding",
            ),
        ),
        (
            b"x = 1\x00\n" + _CALL.encode(),
            (1, 0, "encoding", "binary data (a NUL byte), not Python"),
        ),
        (
            ("# x\n" + _CALL).encode("utf-16"),
            (0, 0, "encoding", "UTF-16 text: save the file as UTF-8"),
        ),
    ],
)
def test_bytes_python_cannot_decode_are_one_finding(
    tmp_path: Path, raw: bytes, expected: tuple[int, int, str, str]
) -> None:
    assert _check_bytes(tmp_path, raw) == [expected]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_columns_count_characters_whatever_ends_the_lines(tmp_path: Path, newline: str) -> None:
    source = (
        f"x = 1{newline}sm.create_auto_ml_job(AutoMLJobName='é', ProblemType='Bogus', **k){newline}"
    )
    findings = _check_bytes(tmp_path, source.encode())
    found = [(line, column, code) for line, column, code, _ in findings]
    # the 'é' job name is checked too: a whole request, whatever **k holds
    assert found == [(2, 37, "schema-violation"), (2, 54, "unknown-problem-type")]


@pytest.mark.parametrize(
    "text",
    [
        "AutoMLJobV2 \\\n  .create(**k)\n",
        "(AutoMLJobV2  # why\n  .create(**k))\n",
        "AutoMLJob.\\\n# a comment line\n  create(**k)\n",
        "AutoMLV2 \\\n  (cfg)\n",
        "(AutoML  # the v2 SDK\n  (role, 'y'))\n",
        "\uff21utoML(role, 'y')\n",  # fullwidth A: the same identifier to Python
        "sm.\uff43reate_auto_ml_job(**k)\n",
    ],
)
def test_the_pre_filter_sees_calls_as_python_reads_them(text: str) -> None:
    from automl_objective.inputs.python.reader import mentions_automl

    assert mentions_automl(text)


def test_the_pre_filter_is_linear_on_hostile_gaps() -> None:
    from automl_objective.inputs.python.reader import mentions_automl

    # possessive gaps: 200,000 '#' after a name cost one pass, not 2**200000 splits
    assert not mentions_automl("AutoML" + "#" * 200_000)
    assert not mentions_automl(("AutoML " + " " * 1000 + "\n") * 200)


def test_a_fullwidth_call_is_checked(tmp_path: Path) -> None:
    source = _CALL.replace("sm.create", "sm.\uff43reate")
    [(line, column, code, _)] = _check_bytes(tmp_path, source.encode())
    assert (line, column, code) == (1, 83, "metric-not-allowed")


def test_a_syntax_error_without_a_column_has_none_not_zero(tmp_path: Path) -> None:
    """Found by an attack: CPython's error for an integer of over 4,300 digits has offset 0,
    which the JSON output gave as column 0 (its schema: at least 1)."""
    digits = "1" * 4301
    source = f'import boto3\nboto3.client("sagemaker").create_auto_ml_job(X={digits})\n'
    assert _check(tmp_path, source) == [(2, 0, "parse-error")]  # _check shows None as 0
    path = tmp_path / "job.py"
    [finding] = validate_file(path).findings
    assert finding.column is None


@pytest.mark.parametrize(
    "change",
    [
        "builtins.exec(\"OBJ['MetricName'] = 'MSE'\")\n",
        "builtins.globals()['OBJ']['MetricName'] = 'MSE'\n",
        "g = globals\ng()['OBJ'] = {'MetricName': 'MSE'}\n",
        "__import__('builtins').exec(\"OBJ['MetricName'] = 'MSE'\")\n",
        "sys.modules[__name__].__dict__['OBJ']['MetricName'] = 'MSE'\n",
        "setattr(sys.modules[__name__], 'OBJ', {'MetricName': 'MSE'})\n",
        "inspect.currentframe().f_globals['OBJ'] = {'MetricName': 'MSE'}\n",
        "class C:\n    global OBJ\n    OBJ = {'MetricName': 'MSE'}\n",
    ],
)
def test_a_name_rebound_by_its_spelling_in_disguise_is_dynamic(tmp_path: Path, change: str) -> None:
    """Found by an attack: the opaque calls were seen only when written plainly (`exec(...)`),
    and `global` in a class body was not followed; each of these sends MSE, and 'F1' was
    reported."""
    source = (
        "import builtins, inspect, sys\n"
        'OBJ = {"MetricName": "F1"}\n'
        + change
        + 'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=OBJ)\n'
    )
    assert "metric-not-allowed" not in [code for _, _, code in _check(tmp_path, source)]


@pytest.mark.parametrize(
    "test",
    [
        "if 'logger' not in locals():\n    pass\n",
        "found = 'request' in globals()\n",
        "if 'x' in vars() or 'y' not in globals():\n    pass\n",
    ],
)
def test_asking_whether_a_name_is_bound_changes_no_name(tmp_path: Path, test: str) -> None:
    """Found on real code (a pipeline's ``except`` asked ``'logger' not in locals()``): a
    membership test on ``locals()``, ``globals()`` or ``vars()`` reads the namespace's keys
    only, so the request stays known; any other use of them still makes every name unknown."""
    plain = _check(tmp_path, _REQUEST + _SEND)
    assert (1, 78, "metric-not-allowed") in plain
    asked = _check(tmp_path, _REQUEST + test + _SEND)
    assert [code for *_, code in asked] == [code for *_, code in plain]
    nested = "def main():\n    " + (_REQUEST + _SEND + test).replace("\n", "\n    ")
    assert (2, 82, "metric-not-allowed") in _check(tmp_path, nested)
    assert _check(tmp_path, _REQUEST + test + "locals()['request'] = {}\n" + _SEND) == []


@pytest.mark.parametrize(
    "chained",
    [
        "if 'request' in locals() in Sneaky():\n    pass\n",
        "if 'x' not in globals() == Sneaky():\n    pass\n",
        "found = 'x' in vars() != Sneaky()\n",
    ],
)
def test_a_namespace_handed_on_in_a_chained_comparison_is_opaque(
    tmp_path: Path, chained: str
) -> None:
    """In a chain, the namespace asked about is also the next comparison's left operand:
    ``globals() == Sneaky()`` hands it to ``Sneaky.__eq__`` (reflected), ``locals() in
    Sneaky()`` to ``Sneaky.__contains__``, either of which may rebind the request (Python
    does), so every name stays unknown."""
    sneaky = (
        "class Sneaky:\n"
        "    def __contains__(self, namespace):\n"
        "        namespace['request'] = {}\n"
        "        return True\n"
        "    def __eq__(self, namespace):\n"
        "        namespace['request'] = {}\n"
        "        return False\n"
    )
    assert _check(tmp_path, sneaky + _REQUEST + chained + _SEND) == []


def test_a_models_eval_method_is_no_namespace(tmp_path: Path) -> None:
    source = (
        'OBJ = {"MetricName": "F1"}\n'
        "model.eval()\n"
        'sm.create_auto_ml_job(ProblemType="Regression", AutoMLJobObjective=OBJ)\n'
    )
    assert "metric-not-allowed" in [code for _, _, code in _check(tmp_path, source)]
