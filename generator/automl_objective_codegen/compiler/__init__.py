"""The checks compiler: JSON Schemas in, ``checks.py`` out (predicates and explainers).

Stages: ``build`` hands each keyword to its emitter (``registry``: keyword -> emitter, one
module per emitter under ``keywords/``) and gets typed, frozen nodes (``ir``); ``optimize``
removes aliases, merges equal nodes and inlines pass-on ``allOf`` members; ``names`` names
each function after what it checks; ``render`` lays out the module, each op rendered by its
emitter's macros, a check's ``if``/``then`` rules tested where the facts their conditions
imply hold (``dispatch``). ``step`` is the generate step that runs them all.
"""

from automl_objective_codegen.compiler.build import CompileError
from automl_objective_codegen.compiler.ir import Compiled
from automl_objective_codegen.compiler.pipeline import compile_checks
from automl_objective_codegen.compiler.render import render_checks
from automl_objective_codegen.compiler.step import checks_module

__all__ = ["CompileError", "Compiled", "checks_module", "compile_checks", "render_checks"]
