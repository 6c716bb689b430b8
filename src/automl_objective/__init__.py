"""automl-objective: check SageMaker Autopilot objectives before AWS does.

The public API lives in :mod:`automl_objective.api`; this module stays import-light so that
``automl-objective validate`` starts fast.
"""

__version__ = "0.2.0"
