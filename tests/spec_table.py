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
