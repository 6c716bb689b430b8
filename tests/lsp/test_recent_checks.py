"""The server remembers its last few checks by text (a save re-checks the text just checked,
undo goes back to one), and never the check of a template, whose result may come from a
file it names: that file's edits are seen at the next check. A text being checked is waited
for by whoever else asks for it meanwhile, not checked twice."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Event

import pytest

from automl_objective.api import FileResult, check_text
from automl_objective.lsp.server import RecentChecks
from automl_objective.lsp.settings import Settings
from tests.lsp.harness import WAIT_SECONDS
from tests.support.paths import ROOT

TEMPLATES = ROOT / "tests" / "fixtures" / "code" / "templates"


def test_the_same_text_is_checked_once_and_others_still_are() -> None:
    recent, settings = RecentChecks(size=2), Settings()
    wrong = '{"ProblemType": "Regression", "AutoMLJobObjective": {"MetricName": "AUC"}}'
    right = wrong.replace("AUC", "MSE")
    first = recent.result(wrong, "job.json", settings)
    assert recent.result(wrong, "job.json", settings) is first
    assert first == check_text(wrong, "job.json", skip_unknown=True)
    assert recent.result(right, "job.json", settings).findings == []
    strict = recent.result(wrong, "job.json", Settings(strict=True))
    assert strict is not first  # other settings: another check
    assert recent.result(wrong, "job.json", settings) is not first  # pushed out (size 2)


def test_a_template_is_checked_again_for_the_file_it_names(tmp_path: Path) -> None:
    for name in ("state-machines.yaml", "retrain.asl.json"):
        shutil.copy(TEMPLATES / name, tmp_path / name)
    template = tmp_path / "state-machines.yaml"
    text, settings, recent = template.read_text("utf-8"), Settings(), RecentChecks()
    before = recent.result(text, str(template), settings)
    assert before.kind == "cloudformation-template"
    named = tmp_path / "retrain.asl.json"
    named.write_text(named.read_text("utf-8").replace('"AUC"', '"Accuracy"'), "utf-8")
    after = recent.result(text, str(template), settings)
    assert after == check_text(text, str(template), skip_unknown=True)
    assert after != before


def _gated_checks(monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> tuple[list[str], Event]:
    """Checks that wait for ``release`` (and then fail, with ``fail``); each one's text kept."""
    calls: list[str] = []
    release = Event()

    def gated(text: str, path: str, settings: Settings) -> FileResult:
        calls.append(text)
        release.wait(WAIT_SECONDS)
        if fail:
            raise RuntimeError("the check failed")
        return check_text(text, path, skip_unknown=True)

    monkeypatch.setattr(RecentChecks, "_check", staticmethod(gated))
    return calls, release


def _let_the_others_ask(calls: list[str]) -> None:
    """Time for the other threads to ask (a second check, if they were not to wait)."""
    deadline = time.monotonic() + 0.5
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_text_being_checked_is_waited_for_not_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls, release = _gated_checks(monkeypatch)
    recent, text = RecentChecks(), '{"ProblemType": "Regression", "AutoMLJobObjective": {}}'
    with ThreadPoolExecutor(3) as pool:
        asked = [pool.submit(recent.result, text, "job.json", Settings()) for _ in range(3)]
        _let_the_others_ask(calls)
        release.set()
        results = [future.result(WAIT_SECONDS) for future in asked]
    assert calls == [text]
    assert all(result is results[0] for result in results)
    assert results[0] == check_text(text, "job.json", skip_unknown=True)
    assert not recent.running


def test_a_failed_check_fails_for_every_thread_waiting_for_it_and_is_not_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls, release = _gated_checks(monkeypatch, fail=True)
    recent, text = RecentChecks(), '{"ProblemType": "Regression"}'
    with ThreadPoolExecutor(3) as pool:
        asked = [pool.submit(recent.result, text, "job.json", Settings()) for _ in range(3)]
        _let_the_others_ask(calls)
        release.set()
        for future in asked:
            with pytest.raises(RuntimeError, match="the check failed"):
                future.result(WAIT_SECONDS)
    assert len(calls) == 1
    assert not recent.running and not recent.results
