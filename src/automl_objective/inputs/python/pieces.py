"""Large Python sources, a piece at a time: memory bounded by a piece, not by the file.

``ast`` holds some 30 bytes for each byte of ordinary code and up to 450 for dense code (a
long list of numbers), so a 10 MB file parsed at once can take gigabytes. A source over
:data:`WHOLE_LIMIT` characters is split into its top-level statements, then grouped into
pieces of about :data:`PIECE_SIZE`: each piece parses alone exactly as it would inside the
file, and is let go once read. A single statement over :data:`STATEMENT_LIMIT` is parsed
alone if it has at most :data:`STATEMENT_TOKENS` tokens, and not at all otherwise: the tree's
memory follows the tokens (300 to 720 bytes each, measured), not the characters (39 bytes a
character for the SageMaker SDK's `class Session`, mostly docstrings; 720 for a list of names).

The split is first made by a quick line scan (:class:`LineState`: brackets, strings,
comments, continuations); a wrong split point always leaves an unclosed bracket, string or
continuation in a piece, which then fails to parse, and the source is split again by
``tokenize``, the standard library's own reading of Python's lines, whose verdict stands.
"""

from __future__ import annotations

import ast
import io
import itertools
import re
import tokenize
import warnings
from dataclasses import dataclass

WHOLE_LIMIT = 256 * 1024
"""Sources up to this many characters are parsed at once."""
PIECE_SIZE = 64 * 1024
"""Statements are grouped into pieces of about this many characters."""
STATEMENT_LIMIT = 256 * 1024
"""A top-level statement longer than this is parsed only if it has few enough tokens."""
STATEMENT_TOKENS = 100_000
"""The most tokens a statement over :data:`STATEMENT_LIMIT` may have and still be parsed
(some 70 MB of tree at most): the SDK's 327 KB `class Session` has 50,000."""
_TOKEN = re.compile(r"[^\W\d]\w*|\d[\w.]*|\S")
"""A word, a number or any other character, strings' insides included: never fewer than the
nodes the text makes (an f-string's fields are nodes too), so the count bounds the tree."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"[ \t\f]*")
_FIRST_WORD = re.compile(r"@|[^\W\d]\w*")
_CONTINUATIONS = frozenset({"else", "elif", "except", "finally"})
"""Keywords that continue the statement above them at the same indentation."""
_IGNORED = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER, tokenize.ENCODING})


_LEXEME = re.compile(r"""#|\\\r?$|'''|\"\"\"|'|"|[(\[{]|[)\]}]""")
_STRING_ENDS = {
    quote: re.compile(
        rf"(?:[^{quote[0]}\\]|\\.)*{quote}" if len(quote) == 1 else rf"(?:[^\\]|\\.)*?{quote}",
        re.DOTALL,
    )
    for quote in ("'", '"', "'''", '"""')
}


@dataclass
class LineState:
    """Where a cell's text is at the end of a line: inside brackets, a string, a
    backslash continuation, or at the start of a logical line."""

    depth: int = 0
    quote: str | None = None
    continued: bool = False

    def at_start(self) -> bool:
        return self.depth == 0 and self.quote is None and not self.continued

    def _close(self, line: str, start: int) -> int:
        assert self.quote is not None
        end = _STRING_ENDS[self.quote].match(line, start)
        if end is not None:
            self.quote = None
            return end.end()
        if len(self.quote) == 1 and not line.rstrip("\r").endswith("\\"):
            self.quote = None  # an unterminated string: the parser will say so
        return len(line)

    def scan(self, line: str) -> None:
        """Move past one line of Python."""
        self.continued = False
        position = self._close(line, 0) if self.quote is not None else 0
        while self.quote is None:
            lexeme = _LEXEME.search(line, position)
            if lexeme is None or lexeme.group() == "#":
                return
            token, position = lexeme.group(), lexeme.end()
            if token.startswith("\\"):
                self.continued = True
            elif token in "([{":
                self.depth += 1
            elif token in ")]}":
                self.depth = max(0, self.depth - 1)
            else:
                self.quote = token
                position = self._close(line, position)


def parse_python(text: str, filename: str) -> ast.Module:
    """``ast.parse``, whose other failures (a NUL byte, nesting too deep for the parser's
    own stack) are SyntaxErrors too, and whose warnings (``1if x``, ``"\\d"``) are not
    written to stderr: the code is read, not run."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename)
    except (RecursionError, MemoryError) as error:
        raise SyntaxError(str(error) or "nested too deeply for Python's parser") from None
    except ValueError as error:
        raise SyntaxError(str(error)) from None


@dataclass
class Piece:
    """Whole top-level statements of a source, from ``first_line`` on."""

    first_line: int
    text: str
    oversized: bool = False
    """One statement over :data:`STATEMENT_LIMIT` with too many tokens: never parsed."""
    broken: SyntaxError | None = None
    """Why tokenize could not finish this piece, for one too large to parse."""

    def parse(self, filename: str) -> ast.Module:
        """The piece's tree, with the lines it has in the whole source; raises SyntaxError
        as ``ast.parse`` does, with those lines too."""
        if self.broken is not None:
            raise self.broken
        # Blank lines in front give every node its line in the source: the C parser skips
        # them in no time, where ast.increment_lineno walks every node in Python.
        return parse_python("\n" * (self.first_line - 1) + self.text, filename)


class _Starts:
    """Follows tokenize's tokens to the first line of each top-level statement."""

    def __init__(self) -> None:
        self.lines: list[int] = []
        self.level = 0
        self.logical_start = True
        self.decorated = False
        self.brackets: list[tokenize.TokenInfo] = []

    def feed(self, token: tokenize.TokenInfo) -> None:
        kind = token.type
        if kind == tokenize.INDENT:
            self.level += 1
        elif kind == tokenize.DEDENT:
            self.level -= 1
        elif kind == tokenize.NEWLINE:
            self.logical_start = True
        elif kind not in _IGNORED:
            self._significant(token)

    def _significant(self, token: tokenize.TokenInfo) -> None:
        if token.type == tokenize.OP and token.string in "([{":
            self.brackets.append(token)
        elif token.type == tokenize.OP and token.string in ")]}" and self.brackets:
            self.brackets.pop()
        if not self.logical_start:
            return
        self.logical_start = False
        if self.level != 0:
            return
        if not self.decorated and token.string not in _CONTINUATIONS:
            self.lines.append(token.start[0])
        self.decorated = token.string == "@"


def _unfinished(error: tokenize.TokenError, starts: _Starts, lines: int) -> SyntaxError:
    """What Python says of a source that ends inside a bracket or a string (the statement's
    own parse says it, unless it is too large to parse)."""
    message, (line, column) = error.args[0], error.args[1]
    if "string" in message:
        why = f"unterminated triple-quoted string literal (detected at line {lines})"
        return SyntaxError(why, ("<unknown>", line, column + 1, None))
    if starts.brackets:
        bracket = starts.brackets[-1]
        where = ("<unknown>", bracket.start[0], bracket.start[1] + 1, None)
        return SyntaxError(f"'{bracket.string}' was never closed", where)
    return SyntaxError("unexpected EOF while parsing", ("<unknown>", line, column + 1, None))


def _tokenized(source: str) -> tuple[list[int], SyntaxError | None]:
    """The first lines of the top-level statements tokenize reads, and the error it stops
    at, if any (the last of those lines then starts the statement it could not finish)."""
    starts = _Starts()
    lines = io.StringIO(source, newline=None)  # \r and \r\n end lines, as for ast
    try:
        for token in tokenize.generate_tokens(lines.readline):
            starts.feed(token)
    except SyntaxError as error:  # a bad dedent
        return starts.lines, error
    except tokenize.TokenError as error:
        last = source.count("\n") + source.count("\r") - source.count("\r\n")
        last += 0 if source.endswith(("\n", "\r")) else 1
        return starts.lines, _unfinished(error, starts, last)
    return starts.lines, None


def statement_lines(source: str) -> list[int]:
    """The first line (1-based) of each top-level statement; raises SyntaxError for a source
    tokenize cannot read to its end (an unclosed bracket or string, a bad dedent)."""
    lines, error = _tokenized(source)
    if error is not None:
        raise error
    return lines


def _starts_a_statement(line: str, decorated: bool) -> tuple[bool, bool]:
    """Whether a line that starts a logical line starts a top-level statement, and whether
    it is a decorator (the statement goes on below it)."""
    indent = _INDENT.match(line)
    assert indent is not None
    rest = line[indent.end() :]
    if indent.group().rsplit("\f", 1)[-1] or rest[:1] in ("", "#"):
        return False, decorated  # indented (a form feed resets the column), or no code
    word = _FIRST_WORD.match(rest)
    first = word.group() if word else ""
    return not decorated and first not in _CONTINUATIONS, first == "@"


def quick_statement_lines(source: str) -> list[int] | None:
    """:func:`statement_lines` from a line scan (regular expressions, no tokens): some ten
    times quicker. Any line it takes wrongly for a statement's first leaves an unclosed
    bracket, string or continuation in the piece above it, which then does not parse. None
    for a source that ends inside a bracket, a string or a continuation: tokenize says."""
    state, decorated, firsts = LineState(), False, []
    start, number = 0, 1
    for end in itertools.chain((m.end() for m in _LINE_BREAK.finditer(source)), [None]):
        line = source[start:end].rstrip("\r\n")
        if state.at_start():
            first, decorated = _starts_a_statement(line, decorated)
            if first:
                firsts.append(number)
        state.scan(line)
        if end is None:
            break
        start, number = end, number + 1
    return firsts if state.at_start() else None


def _too_many_tokens(text: str) -> bool:
    """Whether a text has more than :data:`STATEMENT_TOKENS` tokens (counted one at a time
    and only up to the limit: no list of a 10 MB statement's tokens is ever built)."""
    return any(True for _ in itertools.islice(_TOKEN.finditer(text), STATEMENT_TOKENS, None))


def _grouped(source: str, firsts: list[int]) -> list[Piece]:
    """Statements (by their first lines) grouped into pieces of about :data:`PIECE_SIZE`;
    one over :data:`STATEMENT_LIMIT` alone, as an oversized piece if it has too many
    tokens to parse."""
    offsets = [0] + [match.end() for match in _LINE_BREAK.finditer(source)]
    offsets.append(len(source))  # where the line after the last one would start

    def piece(first: int, after: int, alone: bool = False) -> Piece:
        text = source[offsets[first - 1] : offsets[after - 1]]
        return Piece(first, text, alone and _too_many_tokens(text))

    bounds = [1, *firsts[1:], len(offsets)]  # blank lines and comments above go with the first
    found: list[Piece] = []
    start = None  # the first line of the piece being gathered
    for first, after in itertools.pairwise(bounds):
        size = offsets[after - 1] - offsets[first - 1]
        gathered = 0 if start is None else offsets[first - 1] - offsets[start - 1]
        if start is not None and (size > STATEMENT_LIMIT or gathered + size > PIECE_SIZE):
            found.append(piece(start, first))
            start = None
        if size > STATEMENT_LIMIT:
            found.append(piece(first, after, alone=True))
        elif start is None:
            start = first
    if start is not None:
        found.append(piece(start, bounds[-1]))
    return found


def pieces(source: str, *, quick: bool = True) -> list[Piece]:
    """The source in pieces of whole top-level statements (see the module's docstring),
    split by :func:`quick_statement_lines` or by tokenize."""
    return split_by(source, quick=quick)[0]


def split_by(source: str, *, quick: bool = True) -> tuple[list[Piece], bool]:
    """:func:`pieces`, and whether the quick scan split them (False: tokenize did, its
    verdict standing: a piece that does not parse is not worth splitting again)."""
    firsts = quick_statement_lines(source) if quick else None
    if firsts is not None:
        found = _grouped(source, firsts)
        if not any(_may_hold_statements(piece) for piece in found if piece.oversized):
            return found, True
        # an oversized piece is never parsed: tokenize must say it is one statement
    firsts, broken = _tokenized(source)
    found = _grouped(source, firsts)
    if broken is not None:  # the last piece holds the statement tokenize could not finish
        found[-1].broken = broken if found[-1].oversized else None
        found[-1].oversized = False
    return found, False


_COLUMN_ZERO = re.compile(r"[\r\n](?:@|[^\W\d])")


def _may_hold_statements(piece: Piece) -> bool:
    """Whether a line below a piece's first could start a statement of its own."""
    return _COLUMN_ZERO.search(piece.text) is not None
