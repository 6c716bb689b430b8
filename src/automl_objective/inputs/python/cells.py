"""A notebook's code cells as Python: read as nbformat reads them (as plain JSON where the
notebook allows, :func:`~automl_objective.inputs.notebook_json.plain_code_cells`; this module is
imported only when a notebook's code mentions an AutoML call), with IPython's own syntax
neutralised before ``ast`` parses them.

A line that starts a logical line and is a magic (``%matplotlib``), a shell escape (``!pip``)
or a help request (``obj?``) becomes ``pass``, keeping every other line where it was; a line
inside brackets, a string or after a backslash is Python (``!= "Completed"`` wrapped onto its
own line is a comparison). A line that binds names stays a binding, to a value known only at
run time (a name bound once before it is no longer bound once): ``m = %env METRIC`` and
``x = !ls`` bind their target, ``%store -r a b`` binds ``a`` and ``b``, ``%run`` and
``%store -r`` of every stored name may bind any name (as a star import does), and ``%time``
runs the Python after it (``%time x = f()`` is ``if 1: x = f()``, the same width). A cell
magic (``%%bash``) makes the cell another language: it is skipped, except for the magics that
run Python (``%%time``, ``%%capture``, ...). Of those, ``%%timeit`` runs the cell as the body of
a function of its own: the names the cell binds are that function's, not the notebook's
(:func:`runs_in_own_scope`). Cells are numbered as ruff numbers them: from 1, counting every
cell, markdown ones too.
"""

from __future__ import annotations

import ast
import bisect
import keyword
import re
import warnings

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding
from automl_objective.base.patterns import on_first_use
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.notebook_json import CodeCell, plain_code_cells
from automl_objective.inputs.python.bindings import Chunk
from automl_objective.inputs.python.newer_syntax import newer_syntax_error, newer_syntax_note
from automl_objective.inputs.python.pieces import WHOLE_LIMIT, LineState, parse_python
from automl_objective.inputs.python.reader import parse_chunk

TYPE_CHECKING = False
if TYPE_CHECKING:  # not typing itself: no run of files needs it
    import tokenize

_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "memit", "debug"})
_OWN_SCOPE_CELL_MAGICS = frozenset({"timeit"})
"""The cell magics of :data:`_PYTHON_CELL_MAGICS` that run the cell in a function of their own
(IPython's ``%%timeit`` times an ``inner`` function whose body is the cell, the notebook's
names its globals), so that a name the cell binds is not the notebook's. Asked of IPython 9.19
itself: after a cell ``metric = 'F1'`` under each, ``metric`` is in the notebook's names for
``%%time``, ``%%capture``, ``%%prun``, ``%%debug`` and memory_profiler's ``%%memit``, and not
for ``%%timeit`` (unless the cell says ``global metric``)."""
_LINE_END = re.compile(r"(\r\n|\r|\n)")
"""Where a cell's lines end, as Python ends them (IPython splits on these too)."""
_IPYTHON_LINE = re.compile(r"^(\s*)(?:%|!(?!=)|\?|[\w.]+\s*=\s*(?:%\s*[^\W\d]|!(?!=)))")
"""A line IPython reads as its own syntax from its start: a magic, a shell escape, ``?obj``,
a magic or shell escape assigned. A line ending in ``obj?`` is :func:`_later_ipython_lines`'
to tell (IPython leaves ``f(x)?`` to Python, a syntax error)."""


def _cell_magic(parts: list[str]) -> tuple[int, str] | None:
    """Where a cell's cell magic is in its ``parts`` (lines at even indices) and its name
    (``""`` for a bare ``%%``), or None: on its first line that is not blank (IPython drops
    blank lines before it)."""
    for index in range(0, len(parts), 2):
        line = parts[index].lstrip()
        if line:
            name = line[2:].split(maxsplit=1) if line.startswith("%%") else None
            return None if name is None else (index, name[0] if name else "")
    return None


def _cell_magic_binding(line: str) -> str:
    """The Python a Python cell magic's line stands for: ``%%capture NAME`` binds NAME to the
    captured output once the cell has run (IPython 9.19: ``NAME`` is a CapturedIO after it,
    whatever the cell bound it to), an unknown value here (bound again by the cell, it is not
    bound once either way); any other binds nothing."""
    words = line.split()
    if words[0] != "%%capture":
        return ""
    named = [word for word in words[1:] if not word.startswith("-")]  # its flags take no value
    return f"{named[0]} = {_UNKNOWN}" if len(named) == 1 and _is_name(named[0]) else ""


def runs_in_own_scope(source: str) -> bool:
    """Whether a cell runs as a function of its own (``%%timeit``): what it binds is local."""
    magic = _cell_magic(_LINE_END.split(source))
    return magic is not None and magic[1] in _OWN_SCOPE_CELL_MAGICS


def neutralise(source: str) -> str | None:
    """Python text for a cell's source, or None for a cell in another language."""
    cell = neutralised(source)
    return None if cell is None else cell.python


class Neutralised:
    """A cell's Python (:attr:`python`) and how to place what is read from it in the cell as
    written. A magic ends where IPython ends its line, at a form feed too
    (:func:`_ipython_line_end`): what follows on the cell's line is a line of its own in
    :attr:`python`, which :attr:`moved` lists; :attr:`shown` is :attr:`python` with the
    cell's own lines back in their places (the text its columns are counted in)."""

    __slots__ = ("moved", "python", "shown")

    def __init__(self, python: str, shown: str, moved: list[tuple[int, int, int]]) -> None:
        self.python = python
        self.shown = shown
        self.moved = moved
        """(line of :attr:`python`, UTF-8 bytes and characters before it on the cell's own
        line) for each line moved out of a cell's line, in order."""


def neutralised(source: str) -> Neutralised | None:
    """:func:`neutralise`, with where its lines are in the cell."""
    parts = _LINE_END.split(source)  # lines at even indices, what ends each at odd ones
    magic = _cell_magic(parts)
    if magic is not None and magic[1] not in _PYTHON_CELL_MAGICS:
        return None
    # in a function of its own, a magic that binds names by their spelling binds the
    # notebook's (IPython runs it in them), not the function's: any name, as in a block
    own_scope = magic is not None and magic[1] in _OWN_SCOPE_CELL_MAGICS
    state = LineState()
    moved: list[tuple[int, int, int]] = []
    cut_lines: dict[int, str] = {}  # the cell's lines a magic's end cut, by index in parts
    for index in range(0, len(parts), 2):
        line = parts[index]
        if magic is not None and index == magic[0]:
            lines = _cell_magic_lines(line, state, own_scope)
        elif state.at_start() and (_IPYTHON_LINE.match(line) is not None or _maybe_later(line)):
            lines = _ipython_lines(line, 0, state, own_scope)
        else:  # Python (nearly every line)
            state.scan(line)
            continue
        parts[index] = "\n".join([python for _, python in lines])
        if len(lines) > 1:
            cut_lines[index] = line
            first = index // 2 + 1 + len(moved)
            for number, (start, _) in enumerate(lines[1:], start=1):
                moved.append((first + number, len(line[:start].encode("utf-8")), start))
    python = "".join(parts)
    if not moved:
        return Neutralised(python, python, moved)
    for index, line in cut_lines.items():
        parts[index] = line
    return Neutralised(python, "".join(parts), moved)


def _cell_magic_lines(line: str, state: LineState, own_scope: bool) -> list[tuple[int, str]]:
    """:func:`_ipython_lines` of a Python cell magic's line: its binding, and what follows
    where the magic ends before the line does (:func:`_ipython_line_end`)."""
    end = _ipython_line_end(line)
    if end is None:
        return [(0, _cell_magic_binding(line))]
    head = (0, _cell_magic_binding(line[:end]))
    return [head, *_ipython_lines(line, end + 1, state, own_scope)]


def _ipython_line_end(line: str) -> int | None:
    """Where the first line IPython reads in a line of the cell ends, None where it is the
    whole: IPython 9.19 cuts a cell into lines as ``str.splitlines`` does before it looks for
    magics, at a form feed, a vertical tab, \\x1c-\\x1e, NEL, U+2028 and U+2029 too, where
    Python goes on with the line (a form feed is whitespace to it). So a magic ends there and
    what follows is a line of its own: ``%env A=1\\fmetric = "MSE"`` binds metric (asked of
    IPython 9.19.1, on Python 3.11 and 3.13). (``splitlines``, not a pattern: compiling a class
    of those characters costs 2 M instructions, at every notebook's first.)"""
    lines = line.splitlines()
    return len(lines[0]) if len(lines) > 1 else None


def _ipython_lines(
    line: str, start: int, state: LineState, own_scope: bool
) -> list[tuple[int, str]]:
    """The Python for ``line`` from ``start``: (where in ``line``, Python) for each line
    IPython reads there, more than one where a magic ends first (:func:`_ipython_line_end`)."""
    text = line[start:]
    match = _IPYTHON_LINE.match(text) if state.at_start() else None
    if match is None:
        return _later_ipython_lines(line, start, state, own_scope)
    indent = match.group(1)
    state.continued = False
    magic = text[match.end(1) :]
    end = _ipython_line_end(magic)
    if end is None:  # the line is the magic (nearly always)
        return [(start, indent + _python_for(magic, indent, own_scope))]
    python = indent + _python_for(magic[:end], indent, own_scope)
    rest = start + match.end(1) + end + 1
    return [(start, python), *_ipython_lines(line, rest, state, own_scope)]


_MAYBE_LATER = on_first_use(r"=[ \t]*[%!]|\?$")
"""A line that may hold IPython syntax after Python (:func:`_later_ipython_lines`); rare."""


def _maybe_later(line: str) -> bool:
    """Whether :data:`_MAYBE_LATER` finds anything, asked only of a line with one of its
    characters (nearly no line has: the ``in`` tests cost a tenth of the search)."""
    return ("%" in line or "!" in line or "?" in line) and _MAYBE_LATER.search(line) is not None


_MAGIC_VALUE = on_first_use(r"=[ \t]*(?:%[ \t]*[^\W\d]|!(?!=))")
"""``= %env``, ``= !ls``: what IPython's MagicAssign and SystemAssign look for after the
first ``=`` of a logical line (a ``%`` then a name, or a ``!`` that is not ``!=``)."""
_HELP_AT_END = on_first_use(r"(?!\d)[\w*]+(?:\.(?!\d)[\w*]+|\[-?[0-9]+\])*\?\??$")
"""``obj?`` ending a line, which IPython's HelpEnd reads as a help request: a name, its
attributes and integer subscripts (``a.b[0]?``), right before the line's end. Asked of IPython
9.19.1: ``f(x)?``, ``a[b]?``, ``a.1?`` and ``obj?`` followed by a blank are left to Python (a
syntax error); ``if x: a[0]?`` and ``x = a[0]?`` are help requests."""


def _later_ipython_lines(
    line: str, start: int, state: LineState, own_scope: bool
) -> list[tuple[int, str]]:
    """:func:`_ipython_lines` of a line that does not start with IPython syntax, which IPython
    9.19.1 still reads as IPython where it comes after Python on the logical line: a magic or
    shell escape whose value the line's first ``=`` (outside brackets) binds, whatever comes
    before it (``if x: m = %env M``, ``else: files = !ls``, ``x[0] = %env M``: the magic runs
    to the line's end), and a line whose last token is ``obj?`` (``if x: obj?`` is a help
    request in IPython, the whole line). Anything else IPython leaves to Python, so a magic
    after ``;`` or ``else:`` without an ``=`` (``x = 1; %env M``) is a syntax error there too,
    and stays one here."""
    text = line[start:]
    if state.at_start():
        if _is_help_request(text):  # before a binding: x[0] = %env M? binds nothing
            indent = text[: len(text) - len(text.lstrip())]
            return [(start, indent + "pass")]
        if (at := _assigned_magic(text)) is not None:
            python = (start, text[:at] + _UNKNOWN)
            end = _ipython_line_end(text[at:])
            if end is None:
                return [python]
            return [python, *_ipython_lines(line, start + at + end + 1, state, own_scope)]
    state.scan(text)
    return [(start, text)]


def _assigned_magic(text: str) -> int | None:
    """Where the magic or shell escape starts whose value the first ``=`` of ``text`` (one
    logical line) binds, outside brackets and strings, or None (IPython's MagicAssign and
    SystemAssign, asked of 9.19.1: ``x = 1; m = %env M`` is left alone, its first ``=`` binds
    1; ``x += %env M`` and ``f(a=%env M)`` are too)."""
    for value in _MAGIC_VALUE.finditer(text):
        tokens = _tokens(text[: value.start() + 1])
        if tokens is None or not tokens or tokens[-1].string != "=":
            continue  # in a string or comment, or part of ==, += ...
        depth = 0
        for token in tokens[:-1]:
            if token.string == "=" and depth == 0:
                return None  # the first "=" binds Python
            if token.string in ("(", "[", "{"):
                depth += 1
            elif token.string in (")", "]", "}"):
                depth = max(0, depth - 1)
        if depth == 0:  # the magic starts at the first character after "=" and blanks
            return len(text) - len(text[value.start() + 1 :].lstrip(" \t"))
    return None


_NO_COMMENT = on_first_use(
    r"""(?:[^'"\#]|'[^'\\\n]*(?:\\.[^'\\\n]*)*'|"[^"\\\n]*(?:\\.[^"\\\n]*)*")*+"""
)
"""A line with no comment and every string closed (its last character, when not a quote,
is then a token of its own): read without importing tokenize, which costs a run of
notebooks 4 M instructions for the lines that end a comment with ``?``."""


def _is_help_request(text: str) -> bool:
    """Whether IPython reads a logical line as a help request, its last token ``obj?``: the
    whole line, before a magic the line binds (``m = %env M?`` and ``x[0] = !ls?`` bind
    nothing: asked of IPython 9.19.1, HelpEnd wins over MagicAssign and SystemAssign)."""
    return _HELP_AT_END.search(text) is not None and _ends_with_question_mark(text)


def _ends_with_question_mark(text: str) -> bool:
    """Whether the last token of ``text``, which ends with ``?``, is that ``?`` (not a
    comment's or a string's)."""
    return _NO_COMMENT.fullmatch(text) is not None


def _tokens(text: str) -> list[tokenize.TokenInfo] | None:
    """``text``'s tokens as IPython sees them (``?`` and ``!`` are tokens), without the line's
    end, or None where Python's tokenizer stops (an unterminated string)."""
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    ends = (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT)
    kept = [token for token in tokens if token.type not in ends and token.string.strip()]
    if any(token.type == tokenize.ERRORTOKEN and token.string in "'\"" for token in kept):
        return None  # Python 3.11's tokenizer goes on after an unterminated string
    return kept


_ASSIGNED = re.compile(r"([\w.]+)\s*=\s*(?:%\s*[^\W\d]|!(?!=))")
"""``x = !ls``, ``m = %env METRIC``: IPython binds ``x`` to what the magic gives (a ``%``
then a name, or a ``!`` that is not ``!=``, as :data:`_MAGIC_VALUE`: ``m = %1`` and
``m = %%time`` IPython leaves to Python, a syntax error)."""
_RUNS_CODE = re.compile(r"%(?:run\b|store\s+(?:-\w+\s+)*-r\b)(.*)")
"""``%run script.py`` runs a script in the notebook's names; ``%store -r [names]`` restores."""
_UNKNOWN = "__ipython_magic__()"
"""What a magic gives, as Python: a call the reader knows nothing of (a value known only at
run time)."""


def _python_for(line: str, indent: str, own_scope: bool = False) -> str:
    """The Python a line of IPython syntax (without its indent) stands for (``own_scope``: in
    a cell run as a function of its own)."""
    if _is_help_request(line):  # m = %env M?, %run a.py?, %store -r a?: run nothing
        return "pass"
    if (assigned := _ASSIGNED.match(line)) is not None:
        return f"{assigned.group(1)} = {_UNKNOWN}"
    if line.startswith("%time ") and _parses(line[len("%time") :].strip()):
        timed = "if 1:" + line[len("%time") :]
        # a compound statement (for ...: f()) cannot follow "if 1:" on its line: it may bind
        # any name then
        return timed if _parses(timed) else "globals()"
    if (runs := _RUNS_CODE.match(line)) is not None:
        restored = runs.group(1).split() if line.startswith("%store") else []
        if restored and all(_is_name(name) for name in restored) and not own_scope:
            return " = ".join(restored) + f" = {_UNKNOWN}"
        # any name may be bound: a star import says so at a module's top level, globals()
        # anywhere (a star import is refused inside a function)
        return "globals()" if indent or own_scope else f"from {_UNKNOWN[:-2]} import *"
    if (rebound := _rebound(line)) is not None:
        if len(rebound) == 1 and not own_scope:
            return f"{rebound[0]} = {_UNKNOWN}"
        return "globals()" if indent or own_scope else f"from {_UNKNOWN[:-2]} import *"
    return "pass"


_KEEPS_NAMES = frozenset({"in", "out", "dhist", "array"})
"""What ``%reset in`` (``out``, ``dhist``, ``array``) resets instead of the notebook's names:
a history, or the names bound to numpy arrays (values the reader does not know)."""


def _rebound(line: str) -> list[str] | None:
    """The name a magic that makes or forgets names binds anew (to an unknown value, or none),
    or [] where it may be any: ``%macro NAME LINES`` makes a Macro of NAME, ``%xdel NAME``
    forgets it, ``%reset`` every name (with ``-f``, or once its user answers y) and
    ``%reset_selective PATTERN`` those it finds; None for another magic. Asked of IPython
    9.19.1: ``%macro NAME`` without lines is a usage error and ``%reset in`` resets a
    history, neither binds a name."""
    words = line.split()
    magic, given = words[0], [word for word in words[1:] if not word.startswith("-")]
    if magic == "%reset":
        return [] if not given or not _KEEPS_NAMES.issuperset(given) else None
    if magic == "%reset_selective":
        return []
    if (magic == "%xdel" and given) or (magic == "%macro" and len(given) > 1):
        return given[:1] if _is_name(given[0]) else None
    return None


def _is_name(word: str) -> bool:
    """Whether ``word`` can be bound as a name (``class`` cannot)."""
    return word.isidentifier() and not keyword.iskeyword(word)


def _parses(code: str) -> bool:
    """Whether ``code`` is one line of Python (what ``%time`` runs)."""
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


def _read_by_nbformat(display: str, text: str) -> list[CodeCell]:
    """The code cells as nbformat reads them (a notebook of another version or with odd
    parts); LoadError, with nbformat's words, when it cannot."""
    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about fixable schema details
            notebook = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
        cells = list(notebook.cells)
    except Exception as error:  # nbformat raises many kinds: JSON, schema, version
        detail = " ".join(str(error).split())[:160]
        raise LoadError(display, f"not a Jupyter notebook ({detail})") from None
    return [
        (number, str(cell.get("source", "")))
        for number, cell in enumerate(cells, start=1)
        if cell.get("cell_type") == "code"
    ]


def _leading_indent(cell: str) -> str:
    """The indent IPython removes from a cell's lines (9.19.1: ``leading_empty_lines``, then
    ``leading_indent``, which is ``textwrap.dedent``): the margin its lines that are not blank
    share, spaces and tabs as written (a first line's blank lines ended at a form feed or the
    like dropped first); "" for a cell with a line at its margin."""
    margin: str | None = None
    for line in _LINE_END.split(cell)[::2]:
        if margin is None:  # the cell's leading blank lines dropped, any whitespace
            if not line.strip():
                continue
            line = line[_blank_lines_before(line) :]
        elif not line.strip(" \t"):
            continue  # blank: no part of the margin (dedent reads such a line as empty)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if margin is None:
            margin = indent
        while not indent.startswith(margin):  # the common part of the two
            margin = margin[:-1]
        if not margin:
            return ""
    return margin or ""


def _blank_lines_before(line: str) -> int:
    """How long the blank lines are that IPython drops before a cell's first line, where they
    end on that line at a form feed or the like (:func:`_ipython_line_end`): ``\\f    x = 1``
    is ``x = 1`` and its indent."""
    blank = 0
    for piece in line.splitlines(keepends=True)[:-1]:
        if not piece.isspace():
            break
        blank += len(piece)
    return blank


def _parse_cell(cell: Neutralised, indent: str, number: int) -> Chunk:
    """The cell's Python, read as IPython runs it: without ``indent`` on each line that starts
    with it, every place then moved back by its width, and back to the cell's own line from
    a line a magic's end moved it to, so that findings are placed in the cell as written (a
    syntax error too). Not for a cell read in pieces (over WHOLE_LIMIT)."""
    filename = f"<cell {number}>"  # not the notebook's own name: CPython would read a
    # syntax error's line from that file
    source = cell.python
    if not cell.moved and (not indent or len(source) > WHOLE_LIMIT):
        return parse_chunk(source, number, filename)
    parts = _LINE_END.split(source)
    width = len(indent)
    moved = {0}  # lines (from 1) that lost the indent
    first = next((i for i in range(0, len(parts), 2) if parts[i].strip()), 0)
    for index in range(0, len(parts), 2) if indent else ():
        line = parts[index]
        start = _blank_lines_before(line) if index == first else 0
        if line.startswith(indent, start):
            parts[index] = line[:start] + line[start + width :]
            moved.add(index // 2 + 1)
    moved.discard(0)
    try:
        tree = parse_python("".join(parts), filename)
    except SyntaxError as error:
        _unindent_error(error, moved, width)
        _place_error_as_written(error, cell.moved)
        raise
    for node in ast.walk(tree):  # an indent is spaces and tabs: as many UTF-8 bytes
        if getattr(node, "lineno", None) in moved:
            node.col_offset += width  # type: ignore[attr-defined]
        if getattr(node, "end_lineno", None) in moved and node.end_col_offset is not None:  # type: ignore[attr-defined]
            node.end_col_offset += width  # type: ignore[attr-defined]
    if cell.moved:
        _place_as_written(tree, cell.moved)
    return Chunk(number, cell.shown, tree)


def _unindent_error(error: SyntaxError, moved: set[int], width: int) -> None:
    if error.lineno in moved and error.offset is not None:
        error.offset += width
    if error.end_lineno in moved and error.end_offset is not None:
        error.end_offset += width


def _cell_line(line: int, moved: list[tuple[int, int, int]]) -> tuple[int, int, int]:
    """The cell's line a line of its Python is on, and the UTF-8 bytes and characters before
    it there (nonzero for a line a magic's end moved out of it)."""
    before = bisect.bisect_right(moved, (line, -1, -1))
    if before < len(moved) and moved[before][0] == line:
        return line - before - 1, moved[before][1], moved[before][2]
    return line - before, 0, 0


def _place_as_written(tree: ast.Module, moved: list[tuple[int, int, int]]) -> None:
    for node in ast.walk(tree):
        if (line := getattr(node, "lineno", None)) is not None:
            node.lineno, shift, _ = _cell_line(line, moved)  # type: ignore[attr-defined]
            node.col_offset += shift  # type: ignore[attr-defined]
        if (end := getattr(node, "end_lineno", None)) is not None:
            node.end_lineno, shift, _ = _cell_line(end, moved)  # type: ignore[attr-defined]
            if node.end_col_offset is not None:  # type: ignore[attr-defined]
                node.end_col_offset += shift  # type: ignore[attr-defined]


def _place_error_as_written(error: SyntaxError, moved: list[tuple[int, int, int]]) -> None:
    if error.lineno is not None and moved:
        error.lineno, _, shift = _cell_line(error.lineno, moved)
        error.offset = None if error.offset is None else error.offset + shift
    if error.end_lineno is not None and moved:
        error.end_lineno, _, shift = _cell_line(error.end_lineno, moved)
        error.end_offset = None if error.end_offset is None else error.end_offset + shift


def notebook_chunks(display: str, text: str) -> tuple[list[Chunk], list[Finding]]:
    """Each code cell that parses as Python, and a finding for each that does not. Raises
    LoadError when the text is not a notebook."""
    cells = plain_code_cells(text)
    if cells is None:
        cells = _read_by_nbformat(display, text)
    chunks, problems = [], []
    for number, text_of_cell in cells:
        cell = neutralised(text_of_cell)
        if cell is None:
            continue
        source = cell.python
        try:
            # Not the notebook's own name: CPython would read a syntax error's line from that file.
            chunk = _parse_cell(cell, _leading_indent(text_of_cell), number)
            chunk.own_scope = runs_in_own_scope(text_of_cell)
            chunks.append(chunk)
        except (SyntaxError, ValueError, RecursionError) as raised:
            error = (
                newer_syntax_error(raised, source) if isinstance(raised, SyntaxError) else raised
            )
            if error is not raised and isinstance(error, SyntaxError):  # found again
                _place_error_as_written(error, cell.moved)
            if error is None:  # maybe an f-string a newer Python reads: a warning
                assert isinstance(raised, SyntaxError)
                message = f"code cell is {newer_syntax_note(raised.msg)}"
                problem = Finding(
                    "warning", Code.PARSE_ERROR, "", raised.lineno, raised.offset, message, number
                )
                problems.append(problem)
                continue
            line = getattr(error, "lineno", None)
            column = getattr(error, "offset", None)
            why = getattr(error, "msg", None) or str(error)
            message = f"code cell is not valid Python ({why}); its requests are not checked"
            problems.append(Finding("error", Code.PARSE_ERROR, "", line, column, message, number))
    return chunks, problems
