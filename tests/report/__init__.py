"""From findings to the output formats."""
