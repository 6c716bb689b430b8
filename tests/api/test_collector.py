"""The garbage collector while a large document is checked: paused, then back as the
caller had it (``base/collector.py``); a small document leaves it alone."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from automl_objective import runner
from automl_objective.api import check_text
from automl_objective.base import collector
from automl_objective.check.checker import default_checker
from automl_objective.inputs import registry
from automl_objective.inputs.document import LARGE
from automl_objective.runner import CheckOptions


def _large_request(items: int = 3_000) -> str:
    """A request of ``items`` failing input channels, over :data:`LARGE`."""
    channel = {
        "ChannelType": "bogus",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/" + "p" * 400}},
    }
    request = {
        "AutoMLJobName": "big",
        "AutoMLJobInputDataConfig": [channel] * items,
        "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
        "AutoMLProblemTypeConfig": {
            "TabularJobConfig": {"TargetAttributeName": "y", "ProblemType": "Regression"}
        },
        "RoleArn": "arn:aws:iam::123456789012:role/r",
    }
    text = json.dumps(request, indent=2)
    assert len(text) >= LARGE
    return text


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection that starts while the test runs."""
    started: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(note)
    try:
        yield started
    finally:
        gc.callbacks.remove(note)


def test_a_large_document_is_checked_without_a_collection(
    collections: list[int],
) -> None:
    text = _large_request()
    contents = registry.read_decoded("big.json", text)
    checker, options = default_checker(), CheckOptions()
    gc.collect()
    collections.clear()
    result = runner.check(checker, contents, options)
    during = len(collections)  # (before anything here makes a new object)
    assert during == 0
    assert gc.isenabled()
    assert len(result.findings) > 3_000  # one per channel, and more
    [[] for _ in range(1_000)]  # what comes next runs the collector again
    assert collections


def test_a_large_document_checked_through_the_api_leaves_the_collector_on() -> None:
    assert len(check_text(_large_request(), "big.json").findings) > 3_000
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        check_text(_large_request(), "big.json")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_small_document_leaves_the_collector_running(collections: list[int]) -> None:
    text = json.dumps({"AutoMLJobInputDataConfig": [{"ChannelType": "bogus"}] * 2_000})
    assert len(text) < LARGE
    check_text(text, "small.json")
    assert gc.isenabled()
    assert collections  # its 2,000 findings ran it


def test_pause_and_resume() -> None:
    paused = collector.pause()
    assert paused is True
    assert not gc.isenabled()
    assert collector.pause() is False  # already off: left to the first
    collector.resume(False)
    assert not gc.isenabled()
    collector.resume(paused)
    assert gc.isenabled()


@pytest.fixture
def command_keeps() -> Iterator[None]:
    """This process as the ``validate`` command writing each file's lines: it keeps its last
    large document (undone after the test: nothing kept, nothing left frozen)."""
    from automl_objective.cli import start_up

    before = start_up.keeps_large_documents
    start_up.keeps_large_documents = True
    try:
        yield
    finally:
        start_up.keeps_large_documents = before
        collector._LEFT.clear()
        gc.unfreeze()


def test_a_library_caller_keeps_no_document() -> None:
    assert len(check_text(_large_request(), "big.json").findings) > 3_000
    assert collector._LEFT == []


def test_the_command_leaves_its_last_large_document_to_its_end(command_keeps: None) -> None:
    """Kept whole, out of the collector's sight; the next large document takes its place."""
    checker, options = default_checker(), CheckOptions()
    frozen = gc.get_freeze_count()
    first = registry.read_decoded("first.json", _large_request())
    assert len(runner.check(checker, first, options).findings) > 3_000
    assert collector._LEFT[0] is first.document
    assert gc.get_freeze_count() > frozen
    second = registry.read_decoded("second.json", _large_request(2_500))
    runner.check(checker, second, options)
    assert collector._LEFT[0] is second.document
    assert all(kept is not first.document for kept in collector._LEFT)


def test_the_command_leaves_no_small_document(command_keeps: None) -> None:
    small = registry.read_decoded("small.json", _SMALL)
    assert runner.check(default_checker(), small, CheckOptions()).findings
    assert collector._LEFT == []


def test_the_command_leaves_no_large_document_of_few_findings(command_keeps: None) -> None:
    """Asked only where many findings are placed: a large document of a few is freed."""
    text = _large_request().replace('"bogus"', '"training"')  # only too many channels
    few = registry.read_decoded("few.json", text)
    assert 0 < len(runner.check(default_checker(), few, CheckOptions()).findings) < 32
    assert collector._LEFT == []


_SMALL = json.dumps({"AutoMLJobInputDataConfig": [{"ChannelType": "bogus"}] * 2_000})


def test_only_the_console_scripts_validate_writing_lines_keeps(monkeypatch: Any) -> None:
    """Set for the console script's own process only, and by ``validate`` only for a format
    of each file's lines (text, github): json and sarif build their report from every
    result at the end, better made in the memory a freed document leaves."""
    from automl_objective.cli import main, start_up

    monkeypatch.setattr(start_up, "keeps_large_documents", False)
    valid = str(Path(__file__).parents[1] / "fixtures" / "valid" / "objective-f1.json")
    for console_script, form, kept in (
        (False, "text", False),
        (True, "json", False),
        (True, "sarif", False),
        (True, "text", True),
        (True, "github", True),
    ):
        monkeypatch.setattr(start_up, "console_script", console_script)
        monkeypatch.setattr(start_up, "keeps_large_documents", False)
        assert main(["validate", "--format", form, valid]) == 0
        assert start_up.keeps_large_documents is kept, (console_script, form)
