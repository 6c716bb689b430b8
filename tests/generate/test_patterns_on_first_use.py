"""The generated checks compile an AWS pattern when it is first used, not at import, and
then call the compiled search directly."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import automl_objective_generated.checks


def _fresh_checks() -> ModuleType:
    """A new copy of the generated checks, whose patterns no other test has used yet."""
    spec = importlib.util.spec_from_file_location(
        "fresh_checks", automl_objective_generated.checks.__file__
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compiled(value: object) -> bool:
    return isinstance(getattr(value, "__self__", None), re.Pattern)


def _not_yet_compiled(value: object) -> bool:
    return getattr(value, "__qualname__", "") == "_compiled_on_first_use.<locals>.first"


def _pattern_globals(checks: ModuleType) -> list[str]:
    names = [
        name for name, value in vars(checks).items() if _compiled(value) or _not_yet_compiled(value)
    ]
    assert len(names) >= 20  # the AWS shapes' patterns
    return names


def test_a_pattern_is_compiled_on_its_first_use_and_then_called_directly() -> None:
    checks = _fresh_checks()
    name = "X_aws_RoleArn_3"
    assert name in _pattern_globals(checks)
    before = getattr(checks, name)
    assert _not_yet_compiled(before)
    good = "arn:aws:iam::123456789012:role/Autopilot"
    assert before(good) is not None and before("not an arn") is None
    after = getattr(checks, name)
    assert _compiled(after)  # the compiled search itself
    assert after(good) is not None and after("not an arn") is None


def test_every_pattern_global_answers_as_its_compiled_pattern() -> None:
    checks = _fresh_checks()
    for name in _pattern_globals(checks):
        search = getattr(checks, name)
        search("")  # the first call compiles, whichever the answer
        assert _compiled(getattr(checks, name)), name
