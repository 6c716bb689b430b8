"""The server remembers its last few checks by text (a save re-checks the text just checked,
undo goes back to one), and never the check of a template, whose result may come from a
file it names: that file's edits are seen at the next check."""

from __future__ import annotations

import shutil
from pathlib import Path

from automl_objective.api import check_text
from automl_objective.lsp.server import RecentChecks
from automl_objective.lsp.settings import Settings
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
