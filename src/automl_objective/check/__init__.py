"""From a request to its findings: the compiled checks and the checker that runs them, what a
document is (kind, problem type, effective objective), the facts the schema states, failures
and the words each code is said in. Imports base/ and the leaves of inputs/ (a parsed
document and its positions), never report/, the CLI or the API."""
