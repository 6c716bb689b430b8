"""A value shared by several calls (a module constant, say): a problem it causes is reported
at each call it breaks, at the call, with where the value is written as related
information; a value one call uses is reported where it is written, as before."""

from __future__ import annotations

import json
from pathlib import Path

from automl_objective.api import validate_file
from automl_objective.base.finding import Related
from tests.support.paths import CODE

SHARED = CODE / "shared_values.py"


def test_a_shared_value_is_reported_at_each_call_it_breaks() -> None:
    found = [(f.code, f.line, f.column, f.related) for f in validate_file(SHARED).findings]
    assert found == [
        # used by one call: where the value is written, nothing related
        ("unknown-metric", 9, 28, ()),
        # the call that lacks the objective, not the one that is complete, nor the constant
        ("incomplete-pair", 30, 70, (Related(7, 16, "value defined"),)),
        # the shared objective breaks both calls: one finding at each, at the name
        ("unknown-metric", 32, 72, (Related(8, 28, "value defined"),)),
        ("unknown-metric", 34, 48, (Related(8, 28, "value defined"),)),
    ]


def test_a_shared_value_in_a_notebook_names_the_cells(tmp_path: Path) -> None:
    cells = [
        'import boto3\nsm = boto3.client("sagemaker")\nOBJECTIVE = {"MetricName": "Acuracy"}\n',
        'sm.create_auto_ml_job(AutoMLJobName="a", AutoMLJobObjective=OBJECTIVE)\n',
        'sm.create_auto_ml_job(AutoMLJobName="b", AutoMLJobObjective=OBJECTIVE)\n',
    ]
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": s,
                "outputs": [],
                "execution_count": None,
            }
            for s in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "shared.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    found = [
        (f.cell, f.line, f.related)
        for f in validate_file(path).findings
        if f.code == "unknown-metric"
    ]
    related = (Related(3, 28, "value defined", cell=1),)
    assert found == [(2, 1, related), (3, 1, related)]
