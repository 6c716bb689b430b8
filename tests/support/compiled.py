"""Compile a schema in a test, through the generator's own compiler and template."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.compiler import compile_checks, render_checks
from automl_objective_codegen.compiler.emitter import Emitter
from automl_objective_codegen.compiler.registry import EMITTERS


def compiled_module(schema: dict[str, Any], emitters: tuple[Emitter, ...] = EMITTERS) -> ModuleType:
    """The checks module generate would render for ``schema`` (as its canonical schema),
    with the given emitters."""
    compiled = compile_checks(schema, [], RULE_CODES, emitters)
    text = render_checks(compiled, "# compiled in a test")
    module = ModuleType("compiled_in_a_test")
    exec(compile(text, "<compiled in a test>", "exec"), module.__dict__)
    return module


def compiled_predicate(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The compiled predicate of ``schema``'s root: True when it reports nothing."""
    passes: Callable[[Any], bool] = compiled_module(schema).ROOT[0]
    return passes
