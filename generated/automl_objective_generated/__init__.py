"""Generated from schema/ by `automl-objective generate`. Do not edit."""
