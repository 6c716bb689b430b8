"""The side-by-side benchmark: automl-objective against other JSON Schema validators and the
floor of reading and parsing the same files (``python -m benchmarks.run``; the peers are
installed, pinned, by ``python -m benchmarks.peers install``)."""
