"""``automl-objective generate``: the compiler, the rendered tree, the README's tables, the
editor schemas, and what generate guarantees."""
