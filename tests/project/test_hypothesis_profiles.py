"""CI draws the same hypothesis examples on every run, people running the tests draw at random,
and the fuzz profile draws many more (tests/support/fuzzing.py, CONTRIBUTING.md)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
import yaml
from hypothesis import settings

from tests.support.fuzzing import FUZZ_FACTOR, PROFILE_VARIABLE, examples
from tests.support.paths import ROOT

_SHOW_DEFAULT = (
    "import tests.conftest; from hypothesis import settings; d = settings.default; "
    "print(settings.get_current_profile_name(), d.derandomize, d.database is None, d.max_examples)"
)


def _profile_chosen(value: str | None) -> list[str]:
    """What a process loading the suite's conftest draws by, ``PROFILE_VARIABLE`` set to
    ``value`` (no CI marker hypothesis would read on its own)."""
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "GITHUB_ACTIONS"}}
    env.pop(PROFILE_VARIABLE, None)
    if value is not None:
        env[PROFILE_VARIABLE] = value
    shown = subprocess.run(
        [sys.executable, "-c", _SHOW_DEFAULT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return shown.stdout.split()


def test_the_ci_profile_is_derandomized_without_a_database() -> None:
    assert _profile_chosen("ci") == ["ci", "True", "True", "100"]


def test_without_the_variable_the_draws_stay_random() -> None:
    assert _profile_chosen(None) == ["default", "False", "False", "100"]


def test_the_fuzz_profile_draws_at_random_many_times_the_examples() -> None:
    drawn = str(100 * FUZZ_FACTOR)
    assert _profile_chosen("fuzz") == ["fuzz", "False", "False", drawn]


def test_ci_runs_and_the_workflow_select_the_ci_profile() -> None:
    ci_run = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    exported = ci_run.index(f"export {PROFILE_VARIABLE}=ci")
    assert exported < min(i for i, line in enumerate(ci_run) if "pytest" in line)
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    [job] = workflow["jobs"].values()
    assert job["env"][PROFILE_VARIABLE] == "ci"


@pytest.fixture
def _fuzzing() -> Iterator[None]:
    before = settings.get_current_profile_name()
    settings.load_profile("fuzz")
    yield
    settings.load_profile(before)


@pytest.mark.usefixtures("_fuzzing")
def test_the_fuzz_profile_scales_the_examples_a_test_asks_for() -> None:
    assert examples(300) == 300 * FUZZ_FACTOR


def test_the_suite_draws_what_each_test_asks_for_outside_the_fuzz_profile() -> None:
    if settings.get_current_profile_name() == "fuzz":
        pytest.skip("this run is the fuzz profile's")
    assert examples(300) == 300


def test_no_test_fixes_its_examples_past_the_profiles() -> None:
    """A test's own ``max_examples`` overrides every profile's: given as a number, the fuzz
    run would draw no more of it than the suite."""
    fixed = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "tests").rglob("test_*.py"))
        if "hypothesis" in (text := path.read_text("utf-8"))
        for match in re.finditer(r"max_examples\s*=\s*\d[\d_]*", text)
    ]
    assert fixed == []
