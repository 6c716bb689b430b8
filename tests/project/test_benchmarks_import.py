"""Every benchmark the README names runs: each module imports as ``python -m`` imports it
(code_scanning.py once imported names run.py no longer had, and nothing noticed)."""

from __future__ import annotations

import importlib

import pytest

from tests.support.paths import ROOT

MODULES = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", MODULES)
def test_each_benchmark_module_imports(name: str) -> None:
    importlib.import_module(f"benchmarks.{name}")


def test_the_readme_runs_benchmarks_as_modules() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "python benchmarks/" not in readme
