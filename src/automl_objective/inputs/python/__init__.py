"""Reading Python: the AutoML calls a module makes, the names it binds, large sources a piece
at a time, and how the SageMaker SDKs name request members."""
