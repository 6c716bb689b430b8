"""From a file to the requests it holds: which files (discovery), their bytes (reading),
their syntax (JSON, YAML, Python, notebooks) and the kinds of file requests are written in.
Imports base/ only: never check/, report/, the CLI or the API."""
