"""The markers of parts known only at run time, under the check stage's name (the README's).
They live in :mod:`automl_objective.base.dynamic`, where the compiled checks and the input
readers that produce them (Python calls, pipeline steps, state machines) import them: one
module fewer for a run to load."""

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject, is_dynamic

__all__ = ["DYNAMIC", "OpenArray", "OpenObject", "is_dynamic"]
