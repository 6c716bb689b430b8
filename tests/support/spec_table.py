"""AWS's rules as the issue and the AutoMLJobObjective reference state them, written out once as
the independent oracle the schema is checked against (the schema itself stays the only source
the toolkit reads)."""

ALLOWED = {
    "Regression": {"MSE", "RMSE", "R2", "MAE"},
    "BinaryClassification": {"Accuracy", "F1", "AUC", "BalancedAccuracy", "Recall", "Precision"},
    "MulticlassClassification": {
        "Accuracy",
        "BalancedAccuracy",
        "F1macro",
        "PrecisionMacro",
        "RecallMacro",
    },
    "ImageClassification": {"Accuracy"},
    "TextClassification": {"Accuracy"},
    "TimeSeriesForecasting": {"RMSE", "MAPE", "MASE", "WAPE", "AverageWeightedQuantileLoss"},
    "TextGeneration": set(),
}
DEFAULT = {
    "Regression": "MSE",
    "BinaryClassification": "F1",
    "MulticlassClassification": "Accuracy",
    "ImageClassification": "Accuracy",
    "TextClassification": "Accuracy",
    "TimeSeriesForecasting": "AverageWeightedQuantileLoss",
    "TextGeneration": None,
}
MINIMIZED = {"MSE", "RMSE", "MAE", "MAPE", "MASE", "WAPE", "AverageWeightedQuantileLoss"}

# The metrics and problem types this table was written for. A value AWS adds later is not
# this table's to judge: `sync` checks it against AWS's model and documentation (the test of
# the installed botocore's drift), so the checks below defer to the schema for it, and adding
# a metric needs no edit here.
KNOWN_METRICS = set().union(*ALLOWED.values())
KNOWN_PROBLEM_TYPES = set(ALLOWED)


def allows(problem_type: str, metric: str, schema_allowed: tuple[str, ...]) -> bool:
    """Whether ``metric`` is valid for ``problem_type``: this table's word for what it knows,
    the schema's (``schema_allowed``) for a later addition."""
    if metric in KNOWN_METRICS and problem_type in KNOWN_PROBLEM_TYPES:
        return metric in ALLOWED[problem_type]
    return metric in schema_allowed
