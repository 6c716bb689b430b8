"""Each generated module defines or imports every name it uses.

The checks and their explainers are two modules of one package: code the compiler writes in
line (a member's test inside an explainer, say) uses the helpers and constants of the module
it lands in, and a name only the other module defines is a NameError the first time a
document takes that path (an internal error, not a finding). Python finds such a name only
when the line runs; ruff's undefined-name rule finds it in the text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GENERATED = Path(__file__).resolve().parents[2] / "generated" / "automl_objective_generated"


@pytest.mark.parametrize("module", ["checks.py", "explainers.py"])
def test_a_generated_module_uses_no_name_it_does_not_define_or_import(module: str) -> None:
    rules = ["--select", "F821,F822,F823", "--output-format", "concise"]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--no-cache",
            *rules,
            str(GENERATED / module),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
