"""Whole requests judged as AWS judges them: its server matches botocore's patterns the Java
way, and botocore rejects a float for an integer member."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import regress
import yaml
from jsonschema import Draft202012Validator

from automl_objective.api import validate_data
from automl_objective.base.schema import load_aws_index, load_aws_schema
from automl_objective.check.aws_keywords import aws_validator_class
from automl_objective.check.checker import validate_document
from automl_objective.inputs.syntax import parse_text
from automl_objective_codegen.aws_schemas import _pattern_keywords
from automl_objective_codegen.java_patterns import UntranslatablePattern, describe, translate
from tests.support.compiled import compiled_predicate
from tests.support.paths import ROOT
from tests.support.requests import filled_v2

EXAMPLE = ROOT / "examples" / "create-auto-ml-job-v2-forecast.yaml"
# Java's own verdicts (java.util.regex.Pattern.matches), made by tests/java_oracle/make_oracle.py.
ORACLE: dict[str, Any] = json.loads((ROOT / "tests" / "java_oracle" / "oracle.json").read_text())
AWS_VALIDATOR = aws_validator_class(Draft202012Validator)


def _definitions() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for entry in load_aws_index()["kinds"]:
        found.update(load_aws_schema(entry["file"])["$defs"])
    return found


DEFINITIONS = _definitions()
PATTERNED = sorted(name for name, d in DEFINITIONS.items() if "x-aws-pattern" in d)


def _schema_pattern(definition: dict[str, Any]) -> str:
    return str(definition.get("pattern", definition.get("x-unicode-pattern")))


def test_the_oracle_covers_every_pattern_of_the_schemas() -> None:
    assert sorted(ORACLE) == PATTERNED
    for name in PATTERNED:
        assert ORACLE[name]["pattern"] == DEFINITIONS[name]["x-aws-pattern"]


@pytest.mark.parametrize("name", PATTERNED)
def test_patterns_agree_with_java_in_python_jsonschema_and_ecma(name: str) -> None:
    definition = DEFINITIONS[name]
    only_pattern = {k: v for k, v in definition.items() if k in ("pattern", "x-unicode-pattern")}
    reference = AWS_VALIDATOR(only_pattern)
    compiled = compiled_predicate(only_pattern)
    ecma = regress.Regex(_schema_pattern(definition), "u")  # what editors run
    for probe, java in ORACLE[name]["cases"]:
        assert compiled(probe) is java, (name, probe)
        assert reference.is_valid(probe) is java, (name, probe)
        assert (ecma.find(probe) is not None) is java, (name, probe)


@pytest.mark.parametrize(
    ("pattern", "named"),
    [
        (r"\bword", r"'\b'"),
        ("(?i)abc", "'(?i'"),
        ("[a-z&&[^e]]", "intersections"),
        (r"\p{IsAlphabetic}", r"'\p{IsAlphabetic}'"),
        ("a++", "possessive"),
        (r"(a)\1", r"'\1'"),
        ("(?<=a)b", "'(?<'"),
        (r"\Qa\E", r"'\Q'"),
        ("[^\\S]", "negated class"),
        ("a{2,x}", "repetition"),
        ("(ab", "unclosed group"),
    ],
)
def test_a_construct_that_cannot_be_translated_is_refused_by_name(pattern: str, named: str) -> None:
    with pytest.raises(UntranslatablePattern, match="cannot translate") as raised:
        translate(pattern)
    assert named in str(raised.value)
    where = re.escape(f"botocore shape Odd: pattern {pattern}:")
    with pytest.raises(UntranslatablePattern, match=where):
        _pattern_keywords("Odd", pattern, {})


def test_translated_patterns_are_valid_ecma_without_identity_escapes() -> None:
    body = translate(r"[a-zA-Z0-9\_\-]+\_x\-").body
    assert "\\_" not in body
    regress.Regex(f"^(?:{body})(?![\\s\\S])", "u")  # raises on an invalid ECMA pattern


def test_plain_words_are_derived_from_the_pattern() -> None:
    assert describe(translate("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}")) == (
        "only letters, digits and hyphens (-), starting with a letter or a digit"
    )
    assert describe(translate("[A-Z]{2}")) == "only capital letters"
    assert describe(translate(r"arn:aws[a-z\-]*")) is None  # a literal word: no plain form


def _forecast_request() -> dict[str, Any]:
    document = yaml.safe_load(EXAMPLE.read_text())
    assert isinstance(document, dict)
    return document


FORECAST = ("AutoMLProblemTypeConfig", "TimeSeriesForecastingJobConfig")


def _set(document: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    node: Any = changed
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = value
    return changed


def _findings(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.code, f.pointer) for f in validate_data(document).findings]


@pytest.mark.parametrize(
    ("base", "path", "value"),
    [
        (filled_v2, ("AutoMLJobName",), "automl-job-1\n"),
        (filled_v2, ("RoleArn",), filled_v2()["RoleArn"] + "\n"),
        (filled_v2, ("OutputDataConfig", "S3OutputPath"), "s3://b/output/\n"),
        (_forecast_request, (*FORECAST, "ForecastFrequency"), "1D\n"),
        (_forecast_request, (*FORECAST, "ForecastQuantiles"), ["p50\n"]),
        # Java's \d is ASCII; Python's takes ARABIC-INDIC DIGIT ONE.
        (filled_v2, ("RoleArn",), "arn:aws:iam::" + "\u0661" * 12 + ":role/r"),
        # Java's "." stops at \r and U+2028; Python's does not.
        (filled_v2, ("AutoMLJobInputDataConfig", 0, "ContentType"), "text/csv\r"),
        (filled_v2, ("AutoMLJobInputDataConfig", 0, "ContentType"), "text/csv\u2028"),
    ],
)
def test_whole_values_are_matched_as_aws_matches_them(
    base: Any, path: tuple[str | int, ...], value: Any
) -> None:
    valid = base()
    assert validate_data(valid).findings == []
    pointer = "".join(f"/{token}" for token in path)
    if isinstance(value, list):
        pointer += "/0"
    assert _findings(_set(valid, path, value)) == [("schema-violation", pointer)]


def test_a_yaml_block_scalar_name_is_caught_and_the_newline_named() -> None:
    text = EXAMPLE.read_text()
    text = text.replace("AutoMLJobName: job-v2\n", "AutoMLJobName: |\n  job-v2\n")
    (finding,) = validate_document(parse_text("job.yaml", text)).findings
    assert (finding.code, finding.line) == ("schema-violation", 1)
    assert finding.message == (
        "AutoMLJobName 'job-v2\\n' is not valid: AWS allows only letters, digits and hyphens "
        "(-), starting with a letter or a digit, at most 32 characters; it has leading or "
        "trailing whitespace"
    )


def test_an_integer_member_rejects_a_float_in_both_checks() -> None:
    from automl_objective_generated.checks import AWS

    path = (*FORECAST, "ForecastHorizon")
    for value, valid in ((14, True), (14.0, False), (14.5, False), (True, False)):
        document = _set(_forecast_request(), path, value)
        assert AWS["create-auto-ml-job-v2-request"][0](document) is valid
        assert (_findings(document) == []) is valid, value
    text = EXAMPLE.read_text()
    parsed = parse_text("job.yaml", text.replace("ForecastHorizon: 14", "ForecastHorizon: 14.0"))
    (finding,) = validate_document(parsed).findings
    assert (finding.code, finding.pointer) == ("invalid-type", "/" + "/".join(path))
    assert "ForecastHorizon must be an integer" in finding.message


@pytest.mark.parametrize(
    ("key", "value", "valid"),
    [
        ("équipe 1", "ml", True),
        ("a:b/c=d+e-f@g", "٣", True),
        ("bad*key", "ml", False),
        ("team", "ml!", False),
        ("team\n", "ml", False),
    ],
)
def test_tag_patterns_are_checked_with_unicode_classes(key: str, value: str, valid: bool) -> None:
    request = filled_v2()
    request["Tags"] = [{"Key": key, "Value": value}]
    assert (validate_data(request).findings == []) is valid


def test_the_regex_library_is_imported_only_for_tags(tmp_path: Path) -> None:
    untagged = filled_v2()
    del untagged["Tags"]
    (tmp_path / "untagged.json").write_text(json.dumps(untagged))
    (tmp_path / "tagged.json").write_text(json.dumps(filled_v2()))
    script = (
        "import sys\n"
        "from automl_objective.api import validate_file\n"
        "assert validate_file(sys.argv[1]).valid\n"
        "print('regex' in sys.modules)\n"
    )
    seen = [
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / name)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for name in ("untagged.json", "tagged.json")
    ]
    assert seen == ["False", "True"]


V1_EXAMPLE = ROOT / "examples" / "create-auto-ml-job.json"


def _v1_request() -> dict[str, Any]:
    document = json.loads(V1_EXAMPLE.read_text())
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    ("base", "kind"),
    [(filled_v2, "create-auto-ml-job-v2-request"), (_v1_request, "create-auto-ml-job-request")],
)
def test_a_typo_in_the_job_name_keeps_the_request_whole_and_is_named(base: Any, kind: str) -> None:
    request = base()
    request["AutoMLJobNmae"] = request.pop("AutoMLJobName")
    request["RoleArn"] = "not-an-arn"  # still checked: the request is not taken for a fragment
    result = validate_data(request)
    assert result.kind == kind
    found = {f.pointer: (f.code, f.message) for f in result.findings}
    assert set(found) == {"/AutoMLJobNmae", "/RoleArn"}  # no "missing member" at 1:1
    code, message = found["/AutoMLJobNmae"]
    assert code == "unknown-member"
    assert message.startswith("unknown member 'AutoMLJobNmae' in ")
    assert message.endswith("did you mean 'AutoMLJobName'? (AutoMLJobName is required and missing)")


def test_a_fragment_missing_two_required_members_stays_a_fragment() -> None:
    fragment = {
        "ProblemType": "Regression",
        "AutoMLJobObjective": {"MetricName": "MSE"},
        "InputDataConfig": _v1_request()["InputDataConfig"],
    }
    result = validate_data(fragment)
    assert (result.kind, result.findings) == ("create-auto-ml-job", [])


def test_every_missing_and_every_unknown_member_is_reported() -> None:
    request = filled_v2()
    del request["RoleArn"], request["OutputDataConfig"]
    request["Colour"] = "blue"
    request["Size"] = 3
    findings = [(f.code, f.pointer, f.message) for f in validate_data(request).findings]
    missing = sorted(m for code, _, m in findings if code == "missing-member")
    assert missing == [
        "CreateAutoMLJobV2Request is missing required member 'OutputDataConfig'",
        "CreateAutoMLJobV2Request is missing required member 'RoleArn'",
    ]
    unknown = sorted(p for code, p, _ in findings if code == "unknown-member")
    assert unknown == ["/Colour", "/Size"]


def test_problem_type_option_leaves_whole_requests_to_their_own_problem_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.cli import main

    objective = tmp_path / "objective.json"
    objective.write_text('{"MetricName": "AUC"}')
    assert main(["validate", "--problem-type", "Regression", str(V1_EXAMPLE)]) == 0
    assert "1 valid" in capsys.readouterr().out
    # A mixed folder: the objective is still checked against the option.
    assert main(["validate", "--problem-type", "Regression", str(V1_EXAMPLE), str(objective)]) == 1
    out = capsys.readouterr().out
    assert "objective.json:1:16: error [metric-not-allowed]" in out
    assert "create-auto-ml-job.json" not in out


def test_a_misspelt_top_level_member_gives_one_finding() -> None:
    request = _v1_request()
    request["OutputDataConfg"] = request.pop("OutputDataConfig")
    ((code, pointer),) = _findings(request)
    assert (code, pointer) == ("unknown-member", "/OutputDataConfg")


def test_an_incomplete_pair_names_the_default_metric_to_add() -> None:
    request = _v1_request()
    del request["AutoMLJobObjective"]
    (finding,) = validate_data(request).findings
    assert finding.code == "incomplete-pair"
    assert 'add AutoMLJobObjective {"MetricName": "MSE"} (the default for Regression)' in (
        finding.message
    )
    v2 = filled_v2()
    del v2["AutoMLJobObjective"]
    (finding,) = validate_data(v2).findings
    assert '{"MetricName": "F1"} (the default for BinaryClassification)' in finding.message


def test_a_null_metric_lists_the_valid_values() -> None:
    (finding,) = validate_data({"MetricName": None}).findings
    assert finding.message.startswith("MetricName must be a string, not null; valid: ")
    assert "AverageWeightedQuantileLoss" in finding.message


@pytest.mark.parametrize("word", ["no", "on", "yes", "off"])
def test_a_yaml_boolean_metric_says_to_quote_it(word: str) -> None:
    parsed = parse_text("objective.yaml", f"MetricName: {word}\n")
    (finding,) = validate_document(parsed).findings
    assert (finding.code, finding.line, finding.column) == ("invalid-type", 1, 13)
    assert finding.message.startswith("MetricName must be a string, not a boolean; in YAML,")
    assert finding.message.endswith("are booleans: quote the value")
    quoted = parse_text("objective.yaml", f"MetricName: '{word}'\n")
    assert [f.code for f in validate_document(quoted).findings] == ["unknown-metric"]


def test_a_job_name_with_an_underscore_says_what_is_allowed() -> None:
    request = filled_v2()
    request["AutoMLJobName"] = "churn_2026"
    (finding,) = validate_data(request).findings
    assert finding.message == (
        "AutoMLJobName 'churn_2026' is not valid: AWS allows only letters, digits and hyphens "
        "(-), starting with a letter or a digit, at most 32 characters"
    )


def test_a_pattern_with_no_plain_words_shows_aws_pattern_unescaped() -> None:
    request = filled_v2()
    request["RoleArn"] = "arn:aws:iam::12:role/r"
    (finding,) = validate_data(request).findings
    assert finding.message == (
        "RoleArn 'arn:aws:iam::12:role/r' is not valid: AWS's pattern is "
        r"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"
    )


def test_generate_refuses_an_untranslatable_botocore_pattern_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.cli import main
    from automl_objective_codegen import aws_schemas

    def refuse(pattern: str) -> Any:
        if pattern.startswith("arn:aws[a-z\\-]*:sagemaker"):
            raise UntranslatablePattern(f"pattern {pattern}: cannot translate the escape '\\b'")
        return translate(pattern)

    # The AWS schemas render in a forked process, which inherits the patched translator.
    monkeypatch.setattr(aws_schemas, "translate", refuse)
    monkeypatch.chdir(ROOT)
    assert main(["generate", "--check"]) == 2  # a schema generate cannot carry: exit 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("automl-objective: botocore shape AutoMLJobArn: pattern arn:aws")
    assert error.rstrip().endswith("cannot translate the escape '\\b'")
