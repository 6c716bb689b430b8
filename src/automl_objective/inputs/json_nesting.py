"""Where a JSON text is nested too deeply to read: imported only when it is (the reading of
every other text never pays for it)."""

from __future__ import annotations

from json.decoder import scanstring  # type: ignore[attr-defined]

from automl_objective.base.patterns import on_first_use

NESTING_EVERY_PYTHON_READS = 500
"""JSON nesting every supported Python's ``json`` reads (3.11's about 990 levels, 3.13's about
10,000): a text too deeply nested for it is placed where it passes this, the same place
whatever reads it."""
_BRACKET_OR_QUOTE = on_first_use(r'["{}\[\]]')


def find_nesting(text: str, levels: int = NESTING_EVERY_PYTHON_READS) -> int | None:
    """Offset of the first bracket outside strings that opens more than ``levels`` levels,
    None where none does (or a string is left open before it)."""
    depth, pos, search = 0, 0, _BRACKET_OR_QUOTE.search
    while (found := search(text, pos)) is not None:
        char, pos = found.group(), found.end()
        if char == '"':
            try:
                pos = scanstring(text, pos, False)[1]
            except ValueError:  # a string left open
                return None
        elif char in "[{":
            depth += 1
            if depth > levels:
                return found.start()
        else:
            depth -= 1
    return None


def nesting_place(text: str) -> tuple[int | None, int | None]:
    """(line, column) of :func:`find_nesting`'s bracket, or (None, None)."""
    from automl_objective.inputs.positions import line_column

    offset = find_nesting(text)
    return line_column(text, offset) if offset is not None else (None, None)
