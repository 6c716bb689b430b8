"""A folder scan's lenient re-read of a found JSON or YAML file refused as written (a key
written twice, a member name that is not a string, not UTF-8) reads no more than its verdict
needs: a text that writes no member a known kind needs is read once, only to tell whether it
parses; one that shows a sign of an AutoML request is not read again; a YAML text that writes
no key twice is read once for both its readings. (A 1 MB YAML data file writing one key twice
took 8.5 s, two full readings; a 9.8 MB Latin-1 one 164 s and 1.6 GB.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.api import check_sources
from automl_objective.inputs import registry, yaml_syntax
from automl_objective.inputs.discovery import discover
from tests.support.fuzzing import examples


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the lenient YAML reading did: ``read`` for each document read (composed and
    checked), ``first writings`` for each read keeping first writings."""
    done: list[str] = []
    check, keep = yaml_syntax._check_graph, yaml_syntax._keep_first_writings

    def checked(*args: Any, leniently: bool = False, **kwargs: Any) -> None:
        if leniently:
            done.append("read")
        check(*args, leniently=leniently, **kwargs)

    def kept(root: Any) -> None:
        done.append("first writings")
        keep(root)

    monkeypatch.setattr(yaml_syntax, "_check_graph", checked)
    monkeypatch.setattr(yaml_syntax, "_keep_first_writings", kept)
    return done


def _found(folder: Path) -> dict[str, Any]:
    return {Path(r.path).name: r for r in check_sources(discover([str(folder)]))}


def test_a_data_file_writing_a_key_twice_and_no_member_of_a_kind_is_read_once(
    tmp_path: Path, readings: list[str]
) -> None:
    rows = "".join(f"k{n}: {{a: [1, 2, x], b: cafe}}\n" for n in range(200))
    (tmp_path / "data.yaml").write_text(rows + "k0: again\n")
    [result] = check_sources(discover([str(tmp_path)]))
    assert result.findings == [] and result.skipped == "none of the known kinds"
    assert readings == ["read"]


def test_a_latin1_file_without_a_sign_of_a_request_is_read_once(
    tmp_path: Path, readings: list[str]
) -> None:
    (tmp_path / "settings.yaml").write_bytes("owner: Jos\xe9\nteam: a\n".encode("latin-1"))
    [result] = check_sources(discover([str(tmp_path)]))
    assert result.findings == [] and result.skipped is not None
    assert readings == ["read"]


def test_a_refused_file_showing_a_sign_of_a_request_is_not_read_again(
    tmp_path: Path, readings: list[str]
) -> None:
    request = "AutoMLJobName: Jos\xe9\nAutoMLJobObjective: {MetricName: F1}\n"
    (tmp_path / "request.yaml").write_bytes(request.encode("latin-1"))
    [result] = check_sources(discover([str(tmp_path)]))
    assert [f.code for f in result.findings] == ["encoding"]
    assert readings == []


def test_a_text_that_may_hold_a_known_kind_is_read_both_ways_only_if_it_writes_a_key_twice(
    tmp_path: Path, readings: list[str]
) -> None:
    template = "Resources:\n  Job:\n    Type: AWS::SageMaker::AutoMLJob\nResources: 1\n"
    (tmp_path / "stack.yaml").write_text(template)
    [result] = check_sources(discover([str(tmp_path)]))
    assert [f.code for f in result.findings] == ["duplicate-key"]
    assert readings == ["read", "read", "first writings"]
    readings.clear()
    (tmp_path / "stack.yaml").write_bytes(b"Resources: {R: {Type: X}}\nname: Jos\xe9\n")
    [result] = check_sources(discover([str(tmp_path)]))
    assert result.skipped is not None and readings == ["read"]


def test_a_member_name_written_with_escapes_is_still_looked_for(tmp_path: Path) -> None:
    """``\\u0053tartAt`` and a double-quoted YAML key continued over a line (``? "Start\\``
    then ``At"``) write ``StartAt``: such a text is read, and its state machine keeps the
    ``duplicate-key`` finding."""
    from automl_objective.inputs.look_alikes import may_be_of_a_known_kind

    states = json.dumps({"A": {"Type": "Pass", "End": True}})
    machine = f'{{"\\u0053tartAt": "A", "States": {states}, "States": {states}}}'
    (tmp_path / "machine.json").write_text(machine)
    (tmp_path / "machine.yaml").write_text(
        f'? "Start\\\n  At"\n: A\nStates: {states}\nStates: {states}\n'
    )
    found = _found(tmp_path)
    for name in ("machine.json", "machine.yaml"):
        assert not may_be_of_a_known_kind((tmp_path / name).read_text().replace("\\", ""))
        assert [f.code for f in found[name].findings] == ["duplicate-key"], name


_NAMES = sorted(
    {name for kind in registry.KINDS for group in kind.members or () for name in group}
    | {"Type", "Other"}
)
_VALUES = st.recursive(
    st.none() | st.sampled_from(["AWS::S3::Bucket", "AWS::Serverless-2016-10-31", "Mine", "A"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_NAMES), inner),
    max_leaves=8,
)


@given(st.dictionaries(st.sampled_from(_NAMES), _VALUES))
@settings(max_examples=examples(300), deadline=None)
def test_a_document_a_kind_recognises_holds_a_group_of_its_members(data: dict[str, Any]) -> None:
    """The registry's ``members`` are what each kind's ``recognises`` needs: a text writing
    none of them is passed over unread."""
    for kind in registry.KINDS:
        if kind.recognises is not None and kind.recognises(data):
            assert kind.members is not None, kind.name
            assert any(data.keys() >= set(group) for group in kind.members), kind.name


def test_a_found_file_the_parser_fails_on_when_read_leniently_keeps_its_finding(
    tmp_path: Path,
) -> None:
    """PyYAML constructs ``!!int abc`` with ``int()``, whose ``ValueError`` is no YAML error:
    raised by the lenient re-read of a found file writing a key twice, it failed the whole
    scan with a traceback. Such a file does not read even leniently: it keeps its finding, and
    the folder's other files are checked."""
    (tmp_path / "odd.yaml").write_text("a: !!int abc\nb: 1\nb: 2\n")
    (tmp_path / "job.json").write_text(json.dumps({"MetricName": "Acuracy"}))
    found = _found(tmp_path)
    assert [f.code for f in found["odd.yaml"].findings] == ["duplicate-key"]
    assert found["job.json"].findings
