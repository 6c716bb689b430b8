"""Every bad input gets one clear one-line finding, the documented exit code, no traceback.

Static cases live in tests/bad_inputs/ (``<case>`` plus ``<case>.expect``: the code, a part
of the message, and the line and column where there is one). Cases that cannot be stored as
files (encodings, sizes, symlinks, permissions, races) are built here.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from automl_objective.api import validate_file
from automl_objective.base.quoting import printable_data
from automl_objective.cli import main
from automl_objective.inputs import reading as documents
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.reading import MAX_BYTES
from tests.support.fuzzing import examples
from tests.support.paths import BAD_INPUTS, FIXTURES, VENDOR

BAD = BAD_INPUTS
VALID = FIXTURES / "valid" / "objective-f1.json"
STATIC = sorted(p for p in BAD.iterdir() if p.suffix != ".expect")


def check(path: Path, expect: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    result = validate_file(path)
    code = main(["validate", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    if expect.get("valid"):
        assert (code, result.valid, result.findings) == (0, True, [])
        return
    assert code == 1
    assert report["valid"] is False
    (finding,) = report["files"][0]["findings"]
    assert finding == printable_data(result.findings[0].as_dict())  # the one escaping rule
    assert finding["severity"] == "error"
    assert finding["code"] == expect["code"]
    assert expect["message"] in finding["message"]
    assert "\n" not in finding["message"]
    for key in ("line", "column"):
        if key in expect:
            assert finding[key] == expect[key], key


@pytest.mark.parametrize("path", STATIC, ids=[p.name for p in STATIC])
def test_stored_case(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expect = json.loads(path.with_name(path.name + ".expect").read_text())
    check(path, expect, capsys)


def _write(content: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "case.json"
        path.write_bytes(content)
        return path

    return build


def _deep(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    return path


def _deep_after_strings(folder: Path) -> Path:
    """Brackets inside strings (an escaped quote among them) are no nesting."""
    path = folder / "deep-after-strings.json"
    opening = '{"a": "[[{\\"[", "b": [\n  "]]]",\n    '  # two levels open at line 3
    path.write_text(opening + "[" * 100_000 + "]" * 100_000 + "]}")
    return path


def _large(folder: Path) -> Path:
    path = folder / "large.json"
    with open(path, "wb") as handle:
        handle.write(b'{"MetricName": "F1", "Padding": "')
        handle.truncate(50 * 1024 * 1024)  # 50 MB without writing 50 MB
    return path


BUILT: dict[str, tuple[Callable[[Path], Path], dict[str, Any]]] = {
    "utf-16": (
        _write('{"MetricName": "F1"}'.encode("utf-16")),
        {"code": "encoding", "message": "UTF-16 text: save the file as UTF-8"},
    ),
    "invalid-utf-8": (
        _write(b'{\n  "MetricName": "F\xff1"\n}\n'),
        {"code": "encoding", "message": "not UTF-8 text (byte 20)", "line": 2, "column": 19},
    ),
    "invalid-utf-8-after-a-byte-order-mark": (  # the mark is no character, its bytes count
        _write(b'\xef\xbb\xbf{\n  "MetricName": "F\xff1"\n}\n'),
        {"code": "encoding", "message": "not UTF-8 text (byte 23)", "line": 2, "column": 19},
    ),
    "binary-garbage": (
        _write(bytes(range(256)) * 4),
        {"code": "encoding", "message": "binary data (a NUL byte)", "line": 1},
    ),
    # placed where the nesting passes the 500 levels every supported Python reads (3.11's
    # json about 990, 3.13's about 10,000): the same place whatever reads it
    "nested-100000-deep": (
        _deep,
        {"code": "parse-error", "message": "nested too deeply", "line": 1, "column": 501},
    ),
    "nested-deep-after-strings-of-brackets": (
        _deep_after_strings,
        {"code": "parse-error", "message": "nested too deeply", "line": 3, "column": 503},
    ),
    "50-mb": (_large, {"code": "too-large", "message": f"larger than the {MAX_BYTES:,}-byte"}),
}


@pytest.mark.parametrize("name", list(BUILT))
def test_built_case(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build, expect = BUILT[name]
    check(build(tmp_path), expect, capsys)


def test_an_endless_stream_is_refused_not_read_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A device named on the command line is refused unopened; a stream on stdin is read.
    with open("/dev/zero", "rb") as zeros:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zeros))
        code = main(["validate", "--max-bytes", "1000", "-"])
    out = capsys.readouterr().out
    assert code == 1
    assert "<stdin>: error [too-large] larger than the 1,000-byte size limit" in out


def test_a_directory_named_like_a_file_is_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "job.json"
    folder.mkdir()
    shutil.copy(VALID, folder / "objective.json")
    assert main(["validate", str(folder)]) == 0
    assert "1 file checked: 1 valid" in capsys.readouterr().out


def test_links_under_a_scanned_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(VALID, tmp_path / "good.json")
    (tmp_path / "broken.json").symlink_to(tmp_path / "missing.json")
    (tmp_path / "loop-a.json").symlink_to(tmp_path / "loop-b.json")
    (tmp_path / "loop-b.json").symlink_to(tmp_path / "loop-a.json")
    (tmp_path / "folder-loop").symlink_to(tmp_path)  # never followed
    code = main(["validate", "--format", "json", str(tmp_path)])
    files = {Path(f["path"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert code == 1
    assert set(files) == {"good.json", "broken.json", "loop-a.json", "loop-b.json"}
    assert files["good.json"]["valid"] is True
    broken = files["broken.json"]["findings"][0]
    assert (broken["code"], broken["message"]) == (
        "unreadable",
        f"broken symbolic link (to {tmp_path / 'missing.json'})",
    )
    loop = files["loop-a.json"]["findings"][0]
    assert loop["code"] == "unreadable"
    assert loop["message"] == "cannot read: Too many levels of symbolic links"


def test_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.json"
    shutil.copy(VALID, path)

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr("automl_objective.inputs.reading.os.open", refuse)
    assert main(["validate", str(path)]) == 1
    assert f"{path}: error [unreadable] cannot read: Permission denied" in capsys.readouterr().out


def test_a_file_that_vanishes_during_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a.json", "b.json"):
        shutil.copy(VALID, tmp_path / name)
    real_read = documents.read_file

    def read_after_removal(path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).endswith("a.json"):
            os.unlink(tmp_path / "b.json")  # b vanishes after discovery, before it is read
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr("automl_objective.inputs.registry.read_file", read_after_removal)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "b.json: error [unreadable] no such file" in out
    assert "2 files checked: 1 valid, 1 invalid" in out


# --- Hostile input (issue #9): cost, bounded messages, escaping, verdicts -------------------

ROLE = "arn:aws:iam::123456789012:role/x"


def _channels_request(count: int) -> dict[str, Any]:
    """A whole V2 request whose every input channel has a wrong ChannelType."""
    channel = {
        "ChannelType": "bogus",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
    }
    return {
        "AutoMLJobName": "x",
        "AutoMLJobInputDataConfig": [json.loads(json.dumps(channel)) for _ in range(count)],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "AutoMLProblemTypeConfig": {"TabularJobConfig": {"TargetAttributeName": "y"}},
        "RoleArn": ROLE,
    }


def test_ten_thousand_findings_are_located_in_linear_time(tmp_path: Path) -> None:
    """Each finding used to re-walk the text (4,000 took 336 s); a hang guard, not a timing:
    benchmarks/run.py prints the figure."""
    import time

    path = tmp_path / "heavy.json"
    text = json.dumps(_channels_request(10_000), indent=1)
    path.write_text(text)
    start = time.perf_counter()
    result = validate_file(path)
    assert time.perf_counter() - start < 10
    channel_lines = [n for n, line in enumerate(text.splitlines(), 1) if '"ChannelType"' in line]
    found = [f for f in result.findings if f.message.startswith("ChannelType 'bogus'")]
    assert [f.line for f in found] == channel_lines
    assert {f.column for f in found} == {len('   "ChannelType": ') + 1}
    assert found[9_999].pointer == "/AutoMLJobInputDataConfig/9999/ChannelType"


def test_many_yaml_findings_are_located_each_at_its_own_line(tmp_path: Path) -> None:
    import time

    import yaml

    path = tmp_path / "heavy.yaml"
    # 120,000 nodes without an alias: no alias bomb, however many nodes.
    path.write_text(yaml.safe_dump(_channels_request(10_000), sort_keys=False))
    start = time.perf_counter()
    result = validate_file(path)
    assert time.perf_counter() - start < 20
    found = [f for f in result.findings if f.message.startswith("ChannelType 'bogus'")]
    assert len(found) == 10_000
    assert len({f.line for f in found}) == 10_000


def test_one_per_cause_stays_linear() -> None:
    import time

    from automl_objective.base.codes import Code
    from automl_objective.check.findings import Located, one_per_cause

    wrong_type = [Located("error", Code.INVALID_TYPE, ("a", n), "m") for n in range(20_000)]
    inside = [Located("error", Code.UNKNOWN_MEMBER, ("a", n, "x"), "m") for n in range(20_000)]
    elsewhere = [Located("error", Code.UNKNOWN_MEMBER, ("b", n), "m") for n in range(20_000)]
    start = time.perf_counter()
    kept = one_per_cause([*wrong_type, *inside, *elsewhere])
    assert time.perf_counter() - start < 5
    assert kept == [*wrong_type, *elsewhere]


def _aliased_request(aliases: int, size: int = 1024 * 1024) -> str:
    items = "\n".join([f"      - &a {'A' * size}"] + ["      - *a"] * (aliases - 1))
    return (
        f"AutoMLJobName: x\nRoleArn: {ROLE}\nOutputDataConfig: {{S3OutputPath: 's3://b/o'}}\n"
        "AutoMLProblemTypeConfig: {TabularJobConfig: {TargetAttributeName: y}}\n"
        "AutoMLJobInputDataConfig:\n"
        "  - DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: 's3://b/t'}}\n"
        f"SecurityConfig:\n  VpcConfig:\n    Subnets: [subnet-1]\n    SecurityGroupIds:\n{items}\n"
    )


def test_a_long_value_is_cut_and_an_alias_target_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tracemalloc

    path = tmp_path / "aliases.yaml"
    path.write_text(_aliased_request(5))
    tracemalloc.start()
    try:
        code = main(["validate", str(path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    out = capsys.readouterr().out
    assert code == 1
    (line, summary) = out.splitlines()
    assert summary.startswith("1 file checked: 0 valid, 1 invalid (1 error")
    assert "SecurityGroupIds: 'AAAA" in line
    assert "...' (1,048,576 characters) is too long" in line
    assert "(the same YAML node, through aliases, at 4 more places)" in line
    assert len(out) < 1000
    assert peak < 100 * 1024 * 1024  # the 5 MB the aliases stand for, a few times at most


def test_aliases_expanding_past_the_size_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(_aliased_request(600))
    (finding,) = validate_file(path).findings
    assert finding.code == "parse-error"
    assert finding.message == (
        "YAML aliases expand the data by more than 10,485,760 characters; refused"
    )
    assert (finding.line, finding.column) == (11, 7)  # the list of aliases


def _yaml_number(text: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "number.yaml"
        path.write_text(f"MetricName: F1\nX: {text}\n")
        return path

    return build


NUMBERS = {
    "decimal-5000-digits": "9" * 5000,
    "binary-200000-digits": "0b" + "1" * 200_000,
    "sexagesimal-100000-parts": "1" + ":59" * 100_000,
    "sexagesimal-float": "1" + ":59" * 100_000 + ".5",
    "hex-5000-digits": "0x" + "f" * 5000,
}


@pytest.mark.parametrize("name", list(NUMBERS))
def test_huge_yaml_numbers_are_refused_quickly(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time

    start = time.perf_counter()
    check(
        _yaml_number(NUMBERS[name])(tmp_path),
        {"code": "parse-error", "message": "is too large", "line": 2, "column": 4},
        capsys,
    )
    assert time.perf_counter() - start < 5


def test_a_json_integer_too_long_to_read_has_a_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(b'{"MetricName": "F1",\n "X": ' + b"9" * 5000 + b"}")(tmp_path)
    expect = {"code": "parse-error", "message": "a number is too large", "line": 2, "column": 7}
    check(path, expect, capsys)


def test_no_suggestion_work_for_a_huge_value(tmp_path: Path) -> None:
    import time

    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"MetricName": "F1x" * 3_000_000}))
    start = time.perf_counter()
    (finding,) = validate_file(path).findings
    assert time.perf_counter() - start < 5
    assert finding.code == "unknown-metric"
    assert "(9,000,000 characters) is not a valid metric" in finding.message
    assert "did you mean" not in finding.message
    assert len(finding.message) < 500


def test_suggestions_still_come_for_near_misses() -> None:
    from automl_objective.check.findings import suggest

    assert suggest("f1macro", ["F1macro", "Accuracy"]) == "F1macro"
    assert suggest("Acuracy", ["F1macro", "Accuracy"]) == "Accuracy"
    assert suggest("Accuracy" * 3, ["F1macro", "Accuracy"]) is None


HOSTILE_KEYS = [
    "\n::error file=README.md::owned",
    "\x1b[31mred\x1b[0m",
    "\ud800",
    "tab\tand\rreturn",
    "line\u2028separator",
    "%0A,:percent",
]


def _hostile_documents(folder: Path) -> list[Path]:
    """Files whose names and member names hold what breaks an output format."""
    names = [
        "new\nline.json",
        "esc\x1b[2J.json",
        "cr\rreturn.json",
        "comma,colon:percent%.json",
        os.fsdecode(b"bad\xff.json"),
        "plain.json",
    ]
    documents = [{"MetricName": "F1", key: 1} for key in HOSTILE_KEYS[: len(names) - 1]] + [
        {"AutoMLProblemTypeConfig": {key: {} for key in HOSTILE_KEYS}, "AutoMLJobName": "x"}
    ]
    paths = []
    for name, document in zip(names, documents, strict=True):
        path = folder / name
        path.write_text(json.dumps(document))  # ASCII: the keys are \u escapes
        paths.append(path)
    return paths


def _run(format: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["validate", "--format", format, str(folder)])
    assert code == 1
    out = capsys.readouterr().out
    out.encode("utf-8")  # strict: no lone surrogate reaches the output
    assert "\x1b" not in out and "\r" not in out
    return out


def _finding_count(folder: Path) -> int:
    from automl_objective.api import check_sources as check_all
    from automl_objective.inputs.discovery import discover

    return sum(len(r.findings) for r in check_all(discover([str(folder)])))


@pytest.mark.parametrize("format", ["text", "github"])
def test_one_line_per_finding_whatever_the_names(
    format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _hostile_documents(tmp_path)
    lines = _run(format, tmp_path, capsys).splitlines()
    assert len(lines) == _finding_count(tmp_path) + 1  # and the summary
    if format == "github":
        commands = [line for line in lines if line.startswith("::")]
        assert len(commands) == len(lines) - 1
        assert all(line.startswith("::error file=") for line in commands)
        assert not any("README.md::" in line.split("::", 2)[1] for line in commands)
    else:
        assert all(line.startswith(str(tmp_path)) for line in lines[:-1])
    assert any("\\udcff" not in line and "bad\\xff.json" in line for line in lines)


def test_json_output_shows_every_name_by_the_one_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.base.quoting import printable

    paths = _hostile_documents(tmp_path)
    report = json.loads(_run("json", tmp_path, capsys))
    assert {f["path"] for f in report["files"]} == {printable(str(p)) for p in paths}
    assert f"{tmp_path}/bad\\xff.json" in {f["path"] for f in report["files"]}  # as text shows it
    messages = [g["message"] for f in report["files"] for g in f["findings"]]
    assert all("\n" not in m and "\x1b" not in m for m in messages)


def test_junit_is_well_formed_whatever_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xml.etree import ElementTree

    from junitparser import JUnitXml

    paths = _hostile_documents(tmp_path)
    out = _run("junit", tmp_path, capsys)
    ElementTree.fromstring(out.encode("utf-8"))
    (suite,) = list(JUnitXml.fromstring(out))
    assert suite.tests == len(paths)
    assert all("\n" not in case.name for case in suite)


def test_sarif_is_valid_whatever_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jsonschema import Draft4Validator

    _hostile_documents(tmp_path)
    log = json.loads(_run("sarif", tmp_path, capsys))
    schema = json.loads((VENDOR / "sarif-2.1.0-rtm.5.json").read_text())
    assert list(Draft4Validator(schema).iter_errors(log)) == []
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert all(uri.isascii() and uri.isprintable() for uri in uris)
    assert any(uri.endswith("bad%FF.json") for uri in uris)


def test_hostile_member_names_are_quoted_in_messages(tmp_path: Path) -> None:
    (path,) = [p for p in _hostile_documents(tmp_path) if p.name == "plain.json"]
    messages = [f.message for f in validate_file(path).findings]
    held = next(m for m in messages if "must hold exactly one" in m)
    assert held.endswith(
        f"it holds {len(HOSTILE_KEYS)}: '\\n::error file=README.md::owned', "
        "'\\x1b[31mred\\x1b[0m', '\\ud800', 'tab\\tand\\rreturn', "
        "'line\\u2028separator', ..."
    )
    assert all(m.isprintable() for m in messages)


def test_a_nul_byte_never_prints_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.json").write_bytes(b'{"MetricName":\n "F1\x00"}')
    for format in ("text", "github", "junit", "sarif", "json"):
        main(["validate", "--format", format, str(tmp_path)])
        out = capsys.readouterr().out
        assert "None" not in out, format
    main(["validate", str(tmp_path / "b.json")])
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'b.json'}:2: error [encoding]")


def test_non_string_keys_beside_a_problem_type_config_lose_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for index in range(30):
        shutil.copy(VALID, tmp_path / f"good-{index:02d}.json")
    (tmp_path / "keys.yaml").write_text(
        "AutoMLJobName: x\nAutoMLProblemTypeConfig:\n  TabularJobConfig: {}\n  1: a\n"
    )
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "keys.yaml:4:3: error [parse-error] invalid YAML: member names must be strings" in out
    assert "31 files checked: 30 valid, 1 invalid" in out


def test_a_crash_while_checking_one_file_spares_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.check import messages as codes

    for name in ("a.json", "c.json"):
        (tmp_path / name).write_text('{"MetricName": "Nope"}')
    (tmp_path / "b.json").write_text('{"MetricName": "Crash"}')
    real_explain = codes.explain_all

    def explode_on_crash(error: Any, catalog: Any) -> Any:
        if error.instance == "Crash":
            raise TypeError("sequence item 0: expected str instance, int found")
        return real_explain(error, catalog)

    monkeypatch.setattr(codes, "explain_all", explode_on_crash)
    assert main(["validate", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'a.json'}:1:16: error [unknown-metric]")
    assert lines[1] == (
        f"{tmp_path / 'b.json'}: error [internal-error] internal error while checking this "
        "file (TypeError: sequence item 0: expected str instance, int found); the other files "
        "are checked as usual; please report it"
    )
    assert lines[2].startswith(f"{tmp_path / 'c.json'}:1:16: error [unknown-metric]")
    assert lines[3] == "3 files checked: 0 valid, 3 invalid (3 errors, 0 warnings)"


def test_a_crash_while_parsing_one_file_spares_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from automl_objective.inputs import yaml_syntax as yaml_format

    shutil.copy(VALID, tmp_path / "a.json")
    (tmp_path / "b.yaml").write_text("MetricName: F1\n")

    def explode(*args: Any) -> Any:
        raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")

    monkeypatch.setattr(yaml_format, "plain_data", explode)  # the one pass reads again...
    monkeypatch.setattr(yaml_format, "_check_graph", explode)  # ...carefully, which crashes
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'b.yaml'}: error [internal-error] internal error while reading" in out
    assert "2 files checked: 1 valid, 1 invalid" in out


def _whole_request(**members: Any) -> dict[str, Any]:
    return {
        "AutoMLJobName": "x",
        "RoleArn": ROLE,
        "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
        "AutoMLProblemTypeConfig": {"TabularJobConfig": {"TargetAttributeName": "y"}},
        "AutoMLJobInputDataConfig": [
            {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t"}}}
        ],
        **members,
    }


# Siblings found by attacking parsing, explaining and reporting: (document, code, message).
SIBLINGS: dict[str, tuple[Any, str, str]] = {
    "metric-name-a-huge-list": (
        {"MetricName": ["F1"] * 200_000},
        "invalid-type",
        "MetricName must be a string, not an array",
    ),
    "tags-nested-900-deep": (
        _whole_request(Tags=json.loads("[" * 900 + "]" * 900)),
        "invalid-type",
        "Tags must be an object, not an array",
    ),
    "a-1-mb-unknown-member": (
        {"MetricName": "F1", "K" * 1_000_000: 1},
        "unknown-member",
        f"unknown member '{'K' * 40}...' (1,000,000 characters) in AutoMLJobObjective",
    ),
    "a-long-name-breaking-a-pattern": (
        _whole_request(AutoMLJobName="x" * 100_000),
        "schema-violation",
        f"AutoMLJobName '{'x' * 40}...' (100,000 characters) is not valid: AWS allows only",
    ),
    "300000-members-and-none-known": (  # 12 s in difflib before, 0.5 s now
        {f"key{n}": n for n in range(300_000)},
        "unknown-document",
        "it has none of the members that identify one",
    ),
}


@pytest.mark.parametrize("name", list(SIBLINGS))
def test_sibling_cases_give_bounded_findings(name: str, tmp_path: Path) -> None:
    import time

    document, code, message = SIBLINGS[name]
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document))
    start = time.perf_counter()
    findings = validate_file(path).findings
    assert time.perf_counter() - start < 5
    assert [f.code for f in findings][:1] == [code]
    assert message in findings[0].message
    assert all(len(f.message) < 500 and f.message.isprintable() for f in findings)


def test_ten_thousand_problem_type_configs_are_listed_bounded(tmp_path: Path) -> None:
    path = tmp_path / "configs.json"
    configs: dict[str, Any] = {f"C{n}": {} for n in range(10_000)}
    path.write_text(json.dumps({"AutoMLJobName": "x", "AutoMLProblemTypeConfig": configs}))
    findings = validate_file(path).findings
    (held,) = [f for f in findings if f.code == "problem-type-config"]
    assert held.message.endswith("it holds 10000: C0, C1, C2, C3, C4, ...")
    assert sum(f.code == "unknown-job-config" for f in findings) == 10_000


def test_a_long_duplicate_key_is_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = "D" * 100_000
    for name, text in (
        ("dup.yaml", f"? {key}\n: 1\n? {key}\n: 2\n"),
        ("dup.json", f'{{"{key}": 1, "{key}": 2}}'),
    ):
        path = tmp_path / name
        path.write_text(text)
        expect = {"code": "duplicate-key", "message": "...' (100,000 characters) appears twice"}
        check(path, expect, capsys)
        assert len(validate_file(path).findings[0].message) < 500


def test_a_wrong_value_at_an_aliased_yaml_node_is_one_finding(tmp_path: Path) -> None:
    # too long and breaking its pattern: one finding for the value (the one saying what it
    # should be), at its first place, saying how many more places reach it
    path = tmp_path / "two.yaml"
    text = _aliased_request(1, size=10).replace(
        "AutoMLJobName: x", f"AutoMLJobName: &n {'x_' * 100}"
    )
    path.write_text(text + "Tags: [{Key: *n, Value: v}, {Key: *n, Value: v}]\n")
    findings = validate_file(path).findings
    assert [(f.pointer, f.line, f.message.split(" characters) ")[1]) for f in findings] == [
        (
            "/AutoMLJobName",
            1,
            "is not valid: AWS allows only letters, digits and hyphens (-), starting with a "
            "letter or a digit, at most 32 characters (the same YAML node, through aliases, "
            "at 2 more places)",
        ),
    ]


def test_a_crash_in_one_of_2001_files_checked_in_parallel_spares_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reported case: with 2,100 good files and one bad, forked workers died and stdout
    was empty for every file. The forked workers inherit the injected crash."""
    from automl_objective import runner
    from automl_objective.check import messages as codes

    text = VALID.read_text()
    for index in range(runner.PARALLEL_THRESHOLD):
        (tmp_path / f"good-{index:04d}.json").write_text(text)
    (tmp_path / "bad.json").write_text('{"MetricName": "Crash"}')
    real_explain = codes.explain_all

    def explode_on_crash(error: Any, catalog: Any) -> Any:
        if error.instance == "Crash":
            raise TypeError("injected")
        return real_explain(error, catalog)

    monkeypatch.setattr(codes, "explain_all", explode_on_crash)
    assert main(["validate", "--jobs", "2", "--format", "json", str(tmp_path)]) == 1
    files = json.loads(capsys.readouterr().out)["files"]
    assert len(files) == runner.PARALLEL_THRESHOLD + 1
    (bad,) = [f for f in files if not f["valid"]]
    assert bad["path"].endswith("bad.json")
    assert [g["code"] for g in bad["findings"]] == ["internal-error"]


def test_hostile_names_through_the_real_stdout(tmp_path: Path) -> None:
    """As a CI job runs it: a real process, its stdout strict in the encoding it is given."""
    import subprocess
    import sys

    exe = shutil.which("automl-objective", path=str(Path(sys.executable).parent))
    assert exe is not None
    _hostile_documents(tmp_path)
    for format in ("text", "github", "junit", "sarif", "json"):
        done = subprocess.run(
            [exe, "validate", "--format", format, str(tmp_path)],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            check=False,
        )
        assert (done.returncode, done.stderr) == (1, b""), format
        done.stdout.decode("utf-8")


def test_shown_values_are_bounded_whatever_they_are() -> None:
    from automl_objective.base.quoting import printable, shown, shown_name

    assert shown("F1") == "'F1'"
    assert shown("A" * 1_048_576) == f"'{'A' * 40}...' (1,048,576 characters)"
    assert shown(10**5000) == "an integer of 16,610 bits"
    assert len(shown(["x" * 10_000] * 10_000)) <= 120
    assert len(shown({"k" * 10_000: list(range(10**5))})) <= 120
    assert shown_name("MetricName") == "MetricName"
    assert shown_name("a\nb") == "'a\\nb'"
    assert shown_name(1) == "1"
    assert printable(os.fsdecode(b"bad\xff\x1b.json")) == "bad\\xff\\x1b.json"
    assert printable("é\u2028\ud800\t") == "é\\u2028\\ud800\\t"


def test_printable_is_one_safe_line_for_any_text() -> None:
    """The one escaping rule: printable, UTF-8, idempotent, never a GitHub workflow command
    (a line starting with "::" after whitespace, or holding "##[")."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from automl_objective.base.quoting import printable

    markers = st.sampled_from(["::", "##[", " ", "\t", "\n", "\r", "\u2028", "\x85", "\\", "#"])
    texts = st.lists(st.one_of(markers, st.text(max_size=5)), max_size=12).map("".join)
    names = st.binary(max_size=20).map(os.fsdecode)

    @settings(max_examples=examples(500), deadline=None)
    @given(st.one_of(texts, names))
    def check(text: str) -> None:
        shown = printable(text)
        assert shown.isprintable()
        shown.encode("utf-8")
        assert printable(shown) == shown
        assert not shown.lstrip().startswith("::") and "##[" not in shown
        assert ("prefix: " + shown).isprintable()
        if text.isprintable() and "##[" not in text and not text.lstrip().startswith("::"):
            assert shown == text  # printable text is kept as it is

    check()
    assert printable("::error::x") == "\\x3a:error::x"
    assert printable("  ::x") == "  \\x3a:x"
    assert printable("a::b ###[c]") == "a::b ###\\x5bc]"


def test_a_regular_file_is_read_in_one_call_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "job.json"
    path.write_bytes(VALID.read_bytes())
    asked: list[int] = []
    real_read = os.read

    def counted(fd: int, size: int) -> bytes:
        asked.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", counted)
    assert documents.read_file(path, "job.json") == VALID.read_bytes()
    assert asked == [len(VALID.read_bytes()) + 1]  # one byte more than its size: the end seen
    # A file larger than the limit is refused before any read; one that grows past it while
    # it is read is refused after at most max_bytes + 1 bytes.
    asked.clear()
    with pytest.raises(LoadError, match="size limit"):
        documents.read_file(path, "job.json", max_bytes=10)
    assert asked == []
    size = len(VALID.read_bytes())
    grown = iter([VALID.read_bytes() + b" " * 5, b" " * 100, b""])
    monkeypatch.setattr(os, "read", lambda fd, n: next(grown)[:n])
    with pytest.raises(LoadError, match="size limit"):
        documents.read_file(path, "job.json", max_bytes=size + 3)


def test_a_file_that_grows_while_read_is_read_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "job.json"
    path.write_bytes(b"{}")
    # The first call fills what it asked (the file grew after fstat): reading goes on, and
    # stops at the first call that returns less than it asked.
    chunks = iter([b'{"M', b'etricName": "F1"}'])
    asked: list[int] = []

    def grown(fd: int, size: int) -> bytes:
        asked.append(size)
        return next(chunks)[:size]

    monkeypatch.setattr(os, "read", grown)
    assert documents.read_file(path, "job.json") == b'{"MetricName": "F1"}'
    assert asked == [3, 65536]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # the second writing is an alias of the first (&k a): its own line, not the anchor's
        ("X:\n  &k a: 1\n  *k : 2\n", (2, 3, 3)),
        # the first writing is an alias of a value anchored earlier
        ("Y: &k a\nX:\n  *k : 1\n  a: 2\n", (3, 4, 3)),
        ("Y: &k a\nX:\n  a: 1\n  # *j\n  *k : 2\n", (3, 5, 3)),
        ("Y: &k a\nX: {a: 1, *k : 2}\n", (2, 2, 11)),
        ("Y: &k a\nX: {*k : 1, ? a : 2}\n", (2, 2, 15)),
    ],
)
def test_a_duplicate_yaml_key_written_as_an_alias_is_placed_where_it_is_written(
    tmp_path: Path, text: str, where: tuple[int, int, int]
) -> None:
    """An alias key is the anchored node itself to PyYAML, whose mark is the anchor's: each
    writing of a key twice is placed where that writing is, never at the anchor."""
    path = tmp_path / "alias-key.yaml"
    path.write_text(text)
    (finding,) = validate_file(path).findings
    first, line, column = where
    assert (finding.code, finding.line, finding.column) == ("duplicate-key", line, column)
    assert f"(lines {first} and {line})" in finding.message
