"""A big YAML text read again after an edit (an editor re-checks the whole text at every
keystroke) by reusing the nodes of the pieces of it that did not change.

The text is cut where a line starts a member of the top-level mapping (``Name:`` at column 0),
and a long member whose value is a block sequence or mapping is cut again where its entries
start (``  - ...`` or ``  Name:`` at the entries' indentation). Each piece's nodes are
remembered by the piece's exact text (bounded: :data:`MAX_REMEMBERED_CHARS`), with where that
text started, so that the positions of a piece that moved are shifted, not recomputed. The
pieces' nodes are put together into one node graph, and the one-pass visit
(:func:`~automl_objective.inputs.yaml_one_pass.plain_data`) builds the data from it afresh,
with every check: a key written in two pieces is refused there as in one. Only a text whose
path was read before is cut (:func:`pieces_of`): a file read once is read whole.

Exact or not at all: a piece means the same alone as in the whole text only when nothing of
YAML's can reach across the cut, so a text with an anchor, a tab, an unusual line break or
byte-order mark, a leading comment, or a line at column 0 that is not a simple ``Name:`` (a
directive, a document marker) is read whole (:func:`cut` returns None), and so is any text
with a piece that is not exactly one member or one entry when read alone (a flow collection
or a quoted scalar crossing a cut is an error alone). Tests read random texts and random
edits both ways and compare the data, every position, the nodes shared and every refusal.
"""

# No `from __future__ import annotations` here: typing compiles a NamedTuple field's
# annotation when it is a string, and the first compile of a run costs about 10 M
# instructions (every run that reads a YAML file imports this module).
import _thread
import functools
import itertools
import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import NamedTuple

from automl_objective.base.patterns import on_first_use
from automl_objective.inputs.pyyaml import yaml
from automl_objective.inputs.yaml_one_pass import TAG, compose

CHUNKED_FROM = 32 * 1024
"""Texts shorter than this (in characters) are read whole: reading them is quick anyway."""
SPLIT_FROM = 4 * 1024
"""A top-level member whose text is at least this long is cut into its entries."""
MAX_REMEMBERED_CHARS = 512 * 1024
"""The text of the pieces remembered, in all. Their nodes take about 60 bytes a character
(measured: 10 MiB for a 5,000-line request of 173,000 characters), so about 32 MiB at most;
the least recently used pieces are forgotten first."""
MOST_READ_ALONE = 16
"""Pieces read alone, at most, beyond an eighth of them: else the text is read whole."""

_MAP, _SEQ, _NULL = TAG + "map", TAG + "seq", TAG + "null"
_UNSAFE = ("&", "\t", "\ufeff", "\x85", "\u2028", "\u2029")
"""What can make a piece mean something else in the whole text (an anchor and its aliases,
tabs), or lines counted otherwise (YAML 1.1's line breaks). Directives and document markers
are lines at column 0 that are no member: the text is not cut."""
_AT_COLUMN_0 = on_first_use(r"\n(?=[^ \r\n#])")
_NAME = r"[A-Za-z_][A-Za-z0-9_.-]*:(?: |\r?\n|\r?$)"
_MEMBER = on_first_use(_NAME)
_HEADER = on_first_use(r"[A-Za-z_][A-Za-z0-9_.-]*:[ ]*(?:#[^\r\n]*)?\r?\n")
_FIRST_LINE = on_first_use(r"\n( *)(?=[^ \r\n#])")


@functools.cache
def _lines(indent: int, role: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Lines holding more than a comment at ``indent`` or less; those that start an entry."""
    shallow = re.compile(f"\\n {{0,{indent}}}(?=[^ \\r\\n#])")
    entry = "-(?: |\\r?\\n)" if role == "item" else _NAME
    return shallow, re.compile(f"\\n {{{indent}}}(?={entry})")


class Piece(NamedTuple):
    """A top-level member's text, ``start`` to ``end``; ``at``: where its name starts. A long
    one is cut again (``entries``: where each entry's line starts, ``role``: ``item`` for a
    sequence's entries, ``pair`` for a mapping's; its name's own piece then ends at the first
    entry)."""

    start: int
    end: int
    at: int
    entries: tuple[int, ...] = ()
    role: str = ""
    indent: int = 0


def _unsafe(text: str) -> bool:
    return any(char in text for char in _UNSAFE) or text.count("\r") != text.count("\r\n")


_recent_paths: OrderedDict[str, None] = OrderedDict()
MAX_RECENT_PATHS = 64
"""Paths of big YAML texts read lately: a text is cut, and its pieces remembered, only when
its path was read before (an editor's document, read again after an edit), never for a
file read once (``validate``), which would pay for nothing."""


def pieces_of(path: str, text: str) -> list[Piece] | None:
    """The pieces of a big text whose path was read before, or None to read it whole."""
    if len(text) < CHUNKED_FROM:
        return None
    with _lock:
        again = path in _recent_paths
        _recent_paths[path] = None
        _recent_paths.move_to_end(path)
        if len(_recent_paths) > MAX_RECENT_PATHS:
            _recent_paths.popitem(last=False)
    return cut(text) if again else None


def cut(text: str) -> list[Piece] | None:
    """The pieces of ``text``, or None where it must be read whole."""
    if len(text) < CHUNKED_FROM or text[0] in " \r\n#" or _unsafe(text):
        return None  # (a leading comment or blank line: read whole; it is rare)
    starts = [0, *(match.end() for match in _AT_COLUMN_0.finditer(text))]
    if len(starts) < 2 or not all(_MEMBER.match(text, start) for start in starts):
        return None
    bounds = [*starts, len(text)]
    pieces = []
    for start, end in itertools.pairwise(bounds):
        whole = Piece(start, end, start)
        pieces.append((end - start >= SPLIT_FROM and _entries(text, whole)) or whole)
    return pieces


def _entries(text: str, member: Piece) -> Piece | None:
    """A long member cut into its name and its entries, or None to keep it whole."""
    header = _HEADER.match(text, member.at)
    first = _FIRST_LINE.search(text, header.end() - 1, member.end) if header else None
    if first is None or not first.group(1):
        return None
    indent = len(first.group(1))
    role = "item" if re.match(r"-(?: |\r?\n)", text[first.end() : first.end() + 3]) else "pair"
    shallow, entry = _lines(indent, role)
    starts = tuple(match.start() + 1 for match in entry.finditer(text, first.start(), member.end))
    if not starts or starts[0] != first.start() + 1:
        return None
    if len(shallow.findall(text, first.start(), member.end)) != len(starts):
        return None  # a line less indented than the entries, or not starting one
    return Piece(member.start, member.end, member.at, starts, role, indent)


Remembered = tuple[tuple[yaml.Node, ...], int]
"""A piece's nodes (its key and value, its item, or a name's key) and where its text started
when it was read."""

_remembered: OrderedDict[tuple[str, str], Remembered] = OrderedDict()
_remembered_chars = 0
# The language server checks documents in several threads. threading.Lock is this lock;
# threading itself (about a millisecond to import) is no import of a command-line run.
_lock = _thread.allocate_lock()


def _recall(keys: list[tuple[str, str]]) -> list[Remembered | None]:
    with _lock:
        found = [_remembered.get(key) for key in keys]
        for key, remembered in zip(keys, found, strict=True):
            if remembered is not None:
                _remembered.move_to_end(key)
    return found


def _remember(found: list[tuple[tuple[str, str], Remembered]]) -> None:
    global _remembered_chars
    with _lock:
        for key, remembered in found:
            if key in _remembered or len(key[1]) > MAX_REMEMBERED_CHARS // 4:
                continue
            _remembered[key] = remembered
            _remembered_chars += len(key[1])
        while _remembered_chars > MAX_REMEMBERED_CHARS:
            (_, old), _ = _remembered.popitem(last=False)
            _remembered_chars -= len(old)


def forget() -> None:
    """Forget every piece remembered, and every path read."""
    global _remembered_chars
    with _lock:
        _remembered.clear()
        _recent_paths.clear()
        _remembered_chars = 0


def remembered_chars() -> int:
    """The text of the pieces remembered now, in characters."""
    return _remembered_chars


class _Whole(Exception):
    """A piece that does not read alone as what it was cut as: read the whole text."""


class Assembled(NamedTuple):
    """The node graph of the pieces put together, and how far the nodes under each path
    (a top-level member's, or an entry's) are from where their text is now."""

    root: yaml.MappingNode
    shifts: dict[tuple[str, ...], int]


def _keys(text: str, pieces: Sequence[Piece]) -> list[tuple[str, str]]:
    """Each piece's role and text, in order: a member, or a cut member's name then entries."""
    keys = []
    for piece in pieces:
        if not piece.entries:
            keys.append(("pair", text[piece.start : piece.end]))
            continue
        keys.append(("name", text[piece.start : piece.entries[0]]))
        bounds = [*piece.entries, piece.end]
        keys.extend((piece.role, text[a:b]) for a, b in itertools.pairwise(bounds))
    return keys


def read_pieces(text: str, pieces: Sequence[Piece]) -> Assembled | None:
    """The whole text's nodes from its pieces (remembered, or read alone), or None where a
    piece does not read alone as what it was cut as, or where too few are remembered
    (reading many pieces alone costs more than reading the text whole)."""
    keys = _keys(text, pieces)
    starts = [s for p in pieces for s in (p.start, *p.entries)]
    found = _recall(keys)
    missed = found.count(None)
    if missed > MOST_READ_ALONE and missed * 8 > len(found):
        return None
    used: set[int] = set()  # each remembered piece at most once: no node at two places
    new: list[tuple[tuple[str, str], Remembered]] = []
    nodes: list[tuple[tuple[yaml.Node, ...], int]] = []
    try:
        for key, remembered, start in zip(keys, found, starts, strict=True):
            if remembered is None or id(remembered) in used:
                read = _read_alone(*key)
                if remembered is None:
                    new.append((key, (read, 0)))
                nodes.append((read, start))
            else:
                used.add(id(remembered))
                nodes.append((remembered[0], start - remembered[1]))
    except _Whole:
        return None
    _remember(new)
    return _assemble(pieces, nodes)


def _mark(index: int) -> yaml.Mark:
    return yaml.Mark("<pieces>", index, 0, 0, None, 0)  # only the index is read


def _assemble(pieces: Sequence[Piece], nodes: list[tuple[tuple[yaml.Node, ...], int]]) -> Assembled:
    shifts: dict[tuple[str, ...], int] = {}
    pairs = []
    position = 0
    for piece in pieces:
        (key, *value), shift = nodes[position]
        at = (str(key.value),)
        shifts[at] = shift
        count = len(piece.entries)
        entries = nodes[position + 1 : position + 1 + count]
        position += 1 + count
        if not count:
            pairs.append((key, value[0]))
            continue
        for index, (entry, entry_shift) in enumerate(entries):
            shifts[(*at, str(entry[0].value) if len(entry) == 2 else str(index))] = entry_shift
        start = _mark(piece.entries[0] + piece.indent - shift)  # the first ``-`` or name
        if piece.role == "item":
            pairs.append((key, yaml.SequenceNode(_SEQ, [e[0] for e, _ in entries], start)))
        else:
            pairs.append((key, yaml.MappingNode(_MAP, [(e[0], e[1]) for e, _ in entries], start)))
    first_key = pairs[0][0]
    root_start = _mark(first_key.start_mark.index + shifts[(str(first_key.value),)])
    return Assembled(yaml.MappingNode(_MAP, pairs, root_start), shifts)


def _read_alone(role: str, piece_text: str) -> tuple[yaml.Node, ...]:
    try:
        root = compose(piece_text)
    except Exception:  # an error is read, and worded, in the whole text
        raise _Whole from None
    if role == "item":
        if root.__class__ is not yaml.SequenceNode or root.tag != _SEQ or len(root.value) != 1:
            raise _Whole
        return (root.value[0],)
    if root.__class__ is not yaml.MappingNode or root.tag != _MAP or len(root.value) != 1:
        raise _Whole
    key, value = root.value[0]
    if role == "pair":
        return (key, value)
    if value.__class__ is not yaml.ScalarNode or value.tag != _NULL or value.value != "":
        raise _Whole
    return (key,)


def remember_whole(text: str, pieces: Sequence[Piece], root: yaml.Node) -> None:
    """Remember the pieces of a text read whole, from its nodes, where they are the nodes
    the pieces read alone would give: one member per piece, each member's name (or entry)
    starting where its piece's does."""
    nodes = _whole_nodes(pieces, root)
    if nodes is not None:
        keys = _keys(text, pieces)
        starts = [s for p in pieces for s in (p.start, *p.entries)]
        _remember([(key, (n, start)) for key, n, start in zip(keys, nodes, starts, strict=True)])


def _whole_nodes(pieces: Sequence[Piece], root: yaml.Node) -> list[tuple[yaml.Node, ...]] | None:
    if root.__class__ is not yaml.MappingNode or len(root.value) != len(pieces):
        return None
    nodes: list[tuple[yaml.Node, ...]] = []
    for piece, (key, value) in zip(pieces, root.value, strict=True):
        if key.start_mark.index != piece.at:
            return None
        if not piece.entries:
            nodes.append((key, value))
            continue
        kind, tag = (yaml.SequenceNode, _SEQ) if piece.role == "item" else (yaml.MappingNode, _MAP)
        if (
            value.__class__ is not kind
            or value.tag != tag
            or len(value.value) != len(piece.entries)
        ):
            return None
        nodes.append((key,))
        ends = [*piece.entries[1:], piece.end]
        for start, end, entry in zip(piece.entries, ends, value.value, strict=True):
            if piece.role == "pair":
                if entry[0].start_mark.index != start + piece.indent:
                    return None
                nodes.append(tuple(entry))
            elif start + piece.indent <= entry.start_mark.index < end:
                nodes.append((entry,))
            else:
                return None
    return nodes
