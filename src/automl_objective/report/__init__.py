"""From findings to what a reader sees: the output formats of ``validate``, what ``metrics``
and ``resolve`` print, and what a terminal gets (a progress bar, colour). Imports check/'s
results and base/, never the CLI."""
