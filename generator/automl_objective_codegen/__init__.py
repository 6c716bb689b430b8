"""Turn the canonical schema into generated/: Python models, typed tables, docs.

Only ``automl-objective generate`` imports this package (and with it jinja2 and
datamodel-code-generator); validation never does.
"""
