"""Compile a schema in a test, through the generator's own compiler and templates."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.compiler import compile_checks, render_checks
from automl_objective_codegen.compiler.emitter import Emitter
from automl_objective_codegen.compiler.registry import EMITTERS

_packages = itertools.count()


def loaded(texts: dict[str, str]) -> ModuleType:
    """The checks module of the texts :func:`render_checks` gave, run as generate's package
    runs them (the explainers, which import from it, under the same package), each render
    under a package of its own."""
    package = ModuleType(f"compiled_in_a_test_{next(_packages)}")
    package.__path__ = []
    sys.modules[package.__name__] = package
    for name in ("checks", "explainers"):  # in this order: the explainers import the checks
        module = ModuleType(f"{package.__name__}.{name}")
        module.__package__ = package.__name__
        sys.modules[module.__name__] = module
        setattr(package, name, module)
        text = texts[f"{name}.py"]
        exec(compile(text, f"<compiled in a test: {name}>", "exec"), module.__dict__)
    checks: ModuleType = package.checks
    return checks


def compiled_module(schema: dict[str, Any], emitters: tuple[Emitter, ...] = EMITTERS) -> ModuleType:
    """The checks module generate would render for ``schema`` (as its canonical schema),
    with the given emitters."""
    compiled = compile_checks(schema, [], RULE_CODES, emitters)
    return loaded(render_checks(compiled, "# compiled in a test"))


def compiled_predicate(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The compiled predicate of ``schema``'s root: True when it reports nothing."""
    passes: Callable[[Any], bool] = compiled_module(schema).ROOT[0]
    return passes
