"""``automl-objective sync``: the schema against botocore's model and AWS's documentation."""
