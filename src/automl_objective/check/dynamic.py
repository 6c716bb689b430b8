"""The markers of parts known only at run time, under the name the compiled checks import
them by. They live in :mod:`automl_objective.base.dynamic`, where the input readers that
produce them (Python calls, pipeline steps, state machines) may import them too."""

from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject, is_dynamic

__all__ = ["DYNAMIC", "OpenArray", "OpenObject", "is_dynamic"]
