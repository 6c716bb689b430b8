"""The generate step that writes ``checks.py`` and ``explainers.py``: the canonical schema
and the AWS request and response schemas (as the ``aws`` step rendered them), compiled and
rendered."""

from __future__ import annotations

import json
from typing import Any

from automl_objective.base.schema import AWS_INDEX
from automl_objective_codegen.compiler.pipeline import AwsShape, compile_checks
from automl_objective_codegen.compiler.render import render_checks


def aws_shapes(aws_files: dict[str, str]) -> list[AwsShape]:
    """``(kind, file, shape, $defs)`` of each kind the AWS index lists."""
    index = json.loads(aws_files[AWS_INDEX])
    shapes = []
    for entry in index["kinds"]:
        schema = json.loads(aws_files[entry["file"]])
        shapes.append((entry["kind"], entry["file"], entry["shape"], schema["$defs"]))
    return shapes


def checks_module(
    canonical: dict[str, Any], aws_files: dict[str, str], header: str
) -> dict[str, str]:
    """The text of ``checks.py`` and of ``explainers.py``, by file name (``header``: their
    comment lines)."""
    from automl_objective.check.messages import RULE_CODES

    compiled = compile_checks(dict(canonical), aws_shapes(aws_files), RULE_CODES)
    return render_checks(compiled, header)
