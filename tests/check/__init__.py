"""From a request to its findings: the compiled checks against jsonschema and the models, the
codes, the rules, AWS's shapes, the fixtures."""
