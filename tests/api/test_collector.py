"""The garbage collector while a large document is checked: paused, then back as the
caller had it (``base/collector.py``); a small document leaves it alone."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
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
