"""From a file to the requests it holds: the input kinds and their registry, reading, JSON and
YAML, Python and notebooks, pipelines and state machines, bad input."""
