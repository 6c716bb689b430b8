"""Find where a JSON Pointer's target sits in JSON text, as a 1-based line and column.

The standard ``json`` module gives no positions. Positions are only looked for in documents
that have findings (a valid document never pays), and a document with many findings pays one
pass for all. Two ways, with the same answers: :func:`locate_parsed_json` finds member names
with one regular-expression search each (C speed) and counts along the parsed data to tell
repeated names apart; whenever it cannot be sure, it hands over to :func:`locate_json_all`,
which walks the text itself, using ``json.decoder.scanstring`` for strings.
"""

from __future__ import annotations

import json
import json.decoder
import re
from collections.abc import Sequence

from automl_objective.base.patterns import on_first_use

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any, TypeVar

_WHITESPACE = on_first_use(r"[ \t\n\r]*")
_STRUCTURE = on_first_use(r'["{}\[\]]')
_SCALAR = on_first_use(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null|NaN")

Position = tuple[int, int]
Path = tuple[str, ...]
"""A JSON Pointer's tokens as strings (array indices too): how positions are indexed."""
if TYPE_CHECKING:
    T = TypeVar("T")
Request = tuple[Sequence[str | int], bool]
"""A path to locate, and whether to point at its member name rather than its value."""
Spot = tuple[Position | None, int | None]
"""Where a request points, and an identity of the node there when the whole path exists and
the format can share one node between paths (YAML aliases); None otherwise."""

# The decoder's own string scanner (C-accelerated); typeshed does not declare it.
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def line_column(text: str, offset: int) -> Position:
    """1-based line and column (in characters) of an offset into ``text``."""
    return line_columns(text, [offset])[0]


LINE_BREAKS = on_first_use(r"\r\n|\r|\n")
"""Where a line ends, for every position reported: LF, CRLF and a lone CR, as YAML 1.2,
JSON, Python, editors and GitHub count lines. NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029), line breaks only to YAML 1.1 (so to PyYAML's marks), and form
feeds are characters of their line."""


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts (lines end at :data:`LINE_BREAKS`), for many
    positions asked one by one, each then found by bisection (:func:`line_column_from`)."""
    return [0, *(m.end() for m in LINE_BREAKS.finditer(text))]


def line_column_from(starts: list[int], offset: int) -> Position:
    """:func:`line_column` of ``offset``, from the text's :func:`line_starts`."""
    bisect_right = _BISECT_RIGHT or _bisect_right()
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def split_lines(text: str) -> list[str]:
    """``text`` cut into lines at :data:`LINE_BREAKS` (``str.splitlines`` also cuts at NEL,
    U+2028, U+2029 and form feeds)."""
    return LINE_BREAKS.split(text)


def line_columns(text: str, offsets: Sequence[int]) -> list[Position]:
    """1-based (line, column) of each offset, in one sweep over ``text`` (in offset order), so
    that many positions cost one pass, not one pass each. Lines end at :data:`LINE_BREAKS`;
    the column counts characters (code points)."""
    order = sorted(range(len(offsets)), key=offsets.__getitem__)
    result: list[Position] = [(0, 0)] * len(offsets)
    line, line_start, done = 1, 0, 0
    if "\r" not in text:  # the common case: every line ends at an LF
        for index in order:
            offset = offsets[index]
            if offset > done:
                last = text.rfind("\n", done, offset)
                if last >= 0:  # a line break between: counted, the last starts the line
                    line += text.count("\n", done, last) + 1
                    line_start = last + 1
                done = offset
            result[index] = (line, offset - line_start + 1)
        return result
    for index in order:
        offset = offsets[index]
        if offset > done:
            line += _breaks(text, done, offset)
            line_start = max(line_start, _after_last_break(text, done, offset))
            done = offset
        result[index] = (line, offset - line_start + 1)
    return result


def _breaks(text: str, start: int, stop: int) -> int:
    """Line breaks that end in ``text[start:stop]`` (a CRLF ends at its LF)."""
    lone_cr = text.count("\r", start, stop) - text.count("\r\n", start, stop + 1)
    return text.count("\n", start, stop) + lone_cr


def _after_last_break(text: str, start: int, stop: int) -> int:
    """The offset just past the last line break that ends in ``text[start:stop]``; 0 if none."""
    cr = text.rfind("\r", start, stop)
    if cr == stop - 1 and text.startswith("\n", stop):  # a CRLF that ends past ``stop``
        cr = text.rfind("\r", start, cr)
    return max(text.rfind("\n", start, stop), cr) + 1


def _skip_ws(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _skip_value(text: str, pos: int) -> int:
    """The offset just past the JSON value that starts at ``pos`` (iterative: no recursion)."""
    if pos >= len(text):
        raise ValueError("unexpected end of text")
    char = text[pos]
    if char == '"':
        return scanstring(text, pos + 1)[1]
    if char not in "{[":
        match = _SCALAR.match(text, pos)
        if not match:
            raise ValueError(f"no JSON value at offset {pos}")
        return match.end()
    depth = 0
    while True:
        found = _STRUCTURE.search(text, pos)  # jump over scalars and whitespace in C
        if found is None:
            raise ValueError("unterminated container")
        pos, char = found.start(), found.group()
        if char == '"':
            pos = scanstring(text, pos + 1)[1]
            continue
        depth += 1 if char in "{[" else -1
        pos += 1
        if depth == 0:
            return pos


Trie = dict[str, "Trie"]


def trie(paths: Iterable[Sequence[str | int]]) -> Trie:
    root: Trie = {}
    for path in paths:
        node = root
        for token in path:
            node = node.setdefault(str(token), {})
    return root


def json_offsets(
    text: str,
    paths: Iterable[Sequence[str | int]],
    *,
    unique: bool = False,
    within: tuple[Sequence[str | int], int, int] | None = None,
) -> dict[Path, tuple[int, int]]:
    """Key and value offsets of every wanted path (and each of its ancestors) present in the
    JSON ``text``, found in one pass: containers no path leads into are skipped whole.
    ``unique``: the text has no member name twice in one object (it parsed so), and the walk
    ends once every path that leads nowhere further is found (the rest of a long list is not
    walked). ``within``: the path of an array every wanted path leads through, the index of
    one of its items and the offset where that item starts: the walk starts there, as the
    walk from the text's start would go on, and ends with the array (nothing before the item,
    nor its ancestors, is found).

    A path's key offset is its value offset for array items and the root. Raises ValueError
    when the text cannot be walked.
    """
    # Open containers being walked: [is an object, trie node, path, next array index].
    stack: list[list[Any]] = []
    wanted = trie(paths)
    ends = _leaves(wanted) if unique else -1  # paths still to find (-1: walk the whole text)
    if within is not None:
        array, index, pos = within
        node = wanted
        for token in map(str, array):
            node = node.get(token, {})
        stack.append([False, node, tuple(map(str, array)), index])
        found: dict[Path, tuple[int, int]] = {}
    else:
        start = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
        found = {(): (start, start)}
        pos = _enter(text, start, wanted, (), stack)
    while stack:
        pos = _skip_ws(text, pos)
        if pos >= len(text):
            raise ValueError("unexpected end of text")
        frame = stack[-1]
        char = text[pos]
        if char in "}]":
            stack.pop()
            pos += 1
            continue
        if char == ",":
            pos += 1
            continue
        is_object, node, path = frame[0], frame[1], frame[2]
        key_start = pos
        if is_object:
            token, pos = scanstring(text, pos + 1)
            pos = _skip_ws(text, _skip_ws(text, pos) + 1)  # past ':'
        else:
            token = str(frame[3])
            frame[3] += 1
            key_start = pos
        child = node.get(token)
        if child is None:
            pos = _skip_value(text, pos)
            continue
        child_path = (*path, token)
        found[child_path] = (key_start, pos)  # the last duplicate wins, as in json.loads
        if not child and ends > 0:
            ends -= 1
            if ends == 0:
                return found
        pos = _enter(text, pos, child, child_path, stack)
    return found


def _leaves(node: Trie) -> int:
    """How many paths of the trie lead nowhere further."""
    stack, count = [node], 0
    while stack:
        below = stack.pop()
        count += not below
        stack.extend(below.values())
    return count


def _enter(text: str, pos: int, node: Trie, path: Path, stack: list[list[Any]]) -> int:
    """Start walking the container at ``pos`` if a wanted path leads into it; else skip it."""
    if node and pos < len(text) and text[pos] in "{[":
        stack.append([text[pos] == "{", node, path, 0])
        return pos + 1
    return _skip_value(text, pos)


def deepest(found: Mapping[Path, T], path: Sequence[str | int]) -> tuple[Path, T]:
    """The longest prefix of ``path`` in ``found`` (the root is always there), and its entry."""
    best: Path = ()
    current: Path = ()
    for token in path:
        current = (*current, str(token))
        if current not in found:
            break
        best = current
    return best, found[best]


def locate_json_all(
    text: str, requests: Sequence[tuple[Sequence[str | int], bool]]
) -> list[Position | None]:
    """Positions of many ``(path, at_key)`` requests in one pass (see :func:`locate_json`)."""
    try:
        found = json_offsets(text, [path for path, _ in requests])
    except (ValueError, IndexError):
        return [None] * len(requests)
    offsets = []
    for path, key in requests:
        best, (key_offset, value_offset) = deepest(found, path)
        exact = len(best) == len(path)
        offsets.append(key_offset if (key and exact) else value_offset)
    return list(line_columns(text, offsets))


def locate_json(text: str, path: Sequence[str | int], *, key: bool = False) -> Position | None:
    """Position of the value at ``path`` (or of its member name, with ``key=True``).

    Returns the position of the deepest ancestor that exists when the path runs out, and
    ``None`` only when the text cannot be walked at all.
    """
    return locate_json_all(text, [(path, key)])[0]


def find_duplicate_member(text: str) -> tuple[str, int, int] | None:
    """The first member name that repeats inside one object of (valid) JSON ``text``, with the
    offsets of its first and second appearance; None when every object's names are unique."""
    stack: list[dict[str, int] | None] = []  # per open container: names seen (None: an array)
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char == '"':
            start = pos
            name, pos = scanstring(text, pos + 1)
            after = _skip_ws(text, pos)
            if stack and stack[-1] is not None and after < size and text[after] == ":":
                seen = stack[-1]
                if name in seen:
                    return name, seen[name], start
                seen[name] = start
            continue
        if char == "{":
            stack.append({})
        elif char == "[":
            stack.append(None)
        elif char in "}]" and stack:
            stack.pop()
        pos += 1
    return None


def find_bare_token(text: str, wanted: Callable[[str], bool]) -> int | None:
    """Offset of the first number or literal outside strings for which ``wanted`` is true."""
    pos, size = 0, len(text)
    while pos < size:
        char = text[pos]
        if char == '"':
            pos = scanstring(text, pos + 1)[1]
            continue
        match = _SCALAR.match(text, pos)
        if match:
            if wanted(match.group()):
                return pos
            pos = match.end()
            continue
        pos += 1
    return None


_NOT_FIRST_IN_A_FOUND_NAME = frozenset(" \t\n\r,:}]")
"""First characters of names :func:`locate_parsed_json` leaves to the walker: only these can
follow a string's closing quote, so only with one of them could ``"name":`` be matched from a
closing quote (``"x",":y":`` holds ``",":``) rather than from a member name's opening quote."""


_NAME_END_PATTERN = r"[ \t\n\r]*:[ \t\n\r]*"
_NAME_END = on_first_use(_NAME_END_PATTERN)
"""What follows a member name: its colon, with the white space around it."""


def _array_index(token: str | int, size: int) -> int | None:
    """The item ``token`` names in an array of ``size`` items, as the walker reads tokens
    (``str(token)`` equal to an index: ``"3"`` and ``3``, never ``"03"``); None if none."""
    if token.__class__ is int:  # a failure's own index: no text to read
        return token if 0 <= token < size else None
    text = str(token)
    if not (text.isascii() and text.isdigit()) or str(int(text)) != text:
        return None
    index = int(text)
    return index if index < size else None


def _resolve(data: Any, path: Sequence[str | int]) -> tuple[Any, str | int | None, int]:
    """The container of the deepest node of ``path`` that exists in ``data``, that node's
    name or index there (None: the root), and how many tokens of ``path`` reach it."""
    parent: Any = None
    token: str | int | None = None
    node, depth = data, 0
    for step in path:
        if isinstance(node, dict):
            key = step if step.__class__ is str else str(step)
            if key not in node:
                break
            parent, token, node = node, key, node[key]
        elif isinstance(node, list) and (
            (index := step if step.__class__ is int and 0 <= step < len(node) else None) is not None
            or (index := _array_index(step, len(node))) is not None
        ):
            parent, token, node = node, index, node[index]
        else:
            break
        depth += 1
    return parent, token, depth


NameRanks = dict[tuple[int, str], int]


def _name_ranks(data: Any, wanted: Iterable[str]) -> tuple[NameRanks, dict[str, int]]:
    """Walking ``data`` in document order (a parsed object keeps its members' order): for
    each object holding a wanted name, (id of the object, name), how many members with that
    name come before it; and how many members carry each wanted name in all. Recursive (the
    caller falls back to the walker on RecursionError)."""
    counts = dict.fromkeys(wanted, 0)
    ranks: NameRanks = {}
    if data.__class__ is dict or data.__class__ is list:
        _rank_below(data, counts, ranks)
    return ranks, counts


def _rank_below(node: Any, counts: dict[str, int], ranks: NameRanks) -> None:
    """:func:`_name_ranks` of one container (a function of its own, not a closure: a closure
    that calls itself is a reference cycle, its tables left to the collector)."""
    if node.__class__ is dict:
        for name, child in node.items():
            if name in counts:
                ranks[(id(node), name)] = counts[name]
                counts[name] += 1
            if child.__class__ is dict or child.__class__ is list:
                _rank_below(child, counts, ranks)
    else:
        for child in node:
            if child.__class__ is dict or child.__class__ is list:
                _rank_below(child, counts, ranks)


_SPELT: dict[str, str] = {}
"""Each member name searched for, as ``json.dumps`` spells it (a run asks for the same few
names in every file; bounded: emptied when full)."""
_REPEATED: dict[str, re.Pattern[str]] = {}
"""The spellings found many times in one text, each with its colon as a compiled pattern
(bounded: emptied when full)."""
_MANY_SPANS = 64
"""Spans found one ``str.find`` at a time before the rest are found by one pattern: a
pattern costs a compile (about as much as 200 finds), a find some Python for each span."""
_SPAN = re.Match.span
"""A match's span, called in C by ``map`` (a comprehension runs bytecode for each match)."""
_LONGEST_PATTERN = 200
"""The longest spelling compiled into a pattern (a name of any length may be asked for)."""


def _name_spans(text: str, name: str, plain: bool) -> list[tuple[int, int]]:
    """Where each member named ``name`` is spelt as ``json.dumps`` spells it in ``text``: the
    span from its opening quote to its value. ``str.find`` looks for the spelling (C speed,
    and nothing to compile), then its colon must follow; after :data:`_MANY_SPANS`, one
    regular expression of both finds the rest, in C, as the finds would (left to right, each
    search going on past the last span). In ``plain`` text (no backslash anywhere) every quote
    is a string's edge; otherwise a quote right after a backslash is inside a string."""
    spelt = _SPELT.get(name)
    if spelt is None:
        if len(_SPELT) >= 4096:
            _SPELT.clear()
        spelt = _SPELT[name] = json.dumps(name, ensure_ascii=False)
    spans: list[tuple[int, int]] = []
    at = text.find(spelt)
    while at >= 0:
        if len(spans) == _MANY_SPANS and len(spelt) <= _LONGEST_PATTERN:
            spans += map(_SPAN, _pattern(spelt).finditer(text, at))
            break
        colon = _NAME_END.match(text, at + len(spelt))
        if colon is None:
            at = text.find(spelt, at + 1)
            continue
        spans.append((at, colon.end()))
        at = text.find(spelt, colon.end())
    if plain:
        return spans
    return [(at, end) for at, end in spans if at == 0 or text[at - 1] != "\\"]


def _pattern(spelt: str) -> re.Pattern[str]:
    """The spelling and the colon after it, as one compiled pattern."""
    pattern = _REPEATED.get(spelt)
    if pattern is None:
        if len(_REPEATED) >= 256:
            _REPEATED.clear()
        pattern = _REPEATED[spelt] = re.compile(re.escape(spelt) + _NAME_END_PATTERN)
    return pattern


_MANY_NAMES = 16
"""More names than this not yet searched for: one pass over the text's strings finds them
all, rather than a search of the whole text for each."""
_JSON_STRING = on_first_use(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _spans_in_one_pass(text: str, names: set[str]) -> dict[str, list[tuple[int, int]]]:
    """:func:`_name_spans` of many names at once: every string of the text, in order (a
    string matched whole never starts a match inside it), that a colon follows is a member
    name; its name read as JSON reads it."""
    spans: dict[str, list[tuple[int, int]]] = {name: [] for name in names}
    for match in _JSON_STRING.finditer(text):
        colon = _NAME_END.match(text, match.end())
        if colon is None:
            continue
        spelt = match.group()
        name = spelt[1:-1] if "\\" not in spelt else json.loads(spelt)
        found = spans.get(name)
        if found is not None:
            found.append((match.start(), colon.end()))
    return spans


class NameIndex:
    """What :func:`locate_parsed_json` learns of one document, kept for its later calls: a
    document with many requests (a pipeline's thousand steps) asks for the same names again
    and again, and each search of the text, walk of the data and count of lines would
    otherwise cost the whole document each time (quadratic)."""

    __slots__ = (
        "calls",
        "counts",
        "data",
        "deep",
        "line_starts",
        "plain",
        "ranks",
        "spans",
        "text",
    )

    def __init__(self, text: str, data: Any) -> None:
        self.text, self.data = text, data
        self.plain: bool | None = None  # no backslash in the text; known once searched
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self.ranks: NameRanks = {}
        self.counts: dict[str, int] = {}
        self.deep = False
        self.calls = 0
        self.line_starts: list[int] | None = None

    def search(self, names: Iterable[str]) -> bool:
        """Find the spans of each name not searched for yet; whether the text is plain."""
        if self.plain is None:
            self.plain = "\\" not in self.text
        missing = {name for name in names if name not in self.spans}
        if len(missing) > _MANY_NAMES:
            self.spans.update(_spans_in_one_pass(self.text, missing))
        else:
            for name in missing:
                self.spans[name] = _name_spans(self.text, name, self.plain)
        return self.plain

    def rank(self, names: Iterable[str]) -> bool:
        """Count the members of each name not counted yet, ranking every one of them; False
        when the data is too deep to count."""
        missing = {name for name in names if name not in self.counts}
        if missing and not self.deep:
            try:
                ranks, counts = _name_ranks(self.data, missing)
            except RecursionError:
                self.deep = True
            else:
                self.ranks.update(ranks)
                self.counts.update(counts)
        return not self.deep

    def positions(self, offsets: list[int]) -> list[Position]:
        """:func:`line_columns`, from a table of line starts once the document is asked more
        than once (each sweep would start from the top again)."""
        self.calls += 1
        if self.calls == 1:
            return line_columns(self.text, offsets)
        if self.line_starts is None:
            self.line_starts = line_starts(self.text)
        bisect_right = _BISECT_RIGHT or _bisect_right()
        starts = self.line_starts
        found: list[Position] = []
        for offset in offsets:
            line = bisect_right(starts, offset)
            found.append((line, offset - starts[line - 1] + 1))
        return found


_BISECT_RIGHT: Callable[[list[int], int], int] | None = None
"""``bisect.bisect_right``, once :meth:`NameIndex.positions` or :func:`line_column_from`
first needs it (a library of its own, loaded only for findings; imported once, not on every
call)."""


def _bisect_right() -> Callable[[list[int], int], int]:
    global _BISECT_RIGHT
    from bisect import bisect_right

    _BISECT_RIGHT = bisect_right
    return bisect_right


def locate_parsed_json(
    text: str, data: Any, requests: Sequence[Request], index: NameIndex | None = None
) -> list[Position | None]:
    """What :func:`locate_json_all` answers, for JSON ``text`` that parsed into ``data``
    (duplicate names refused), found by searching for member names instead of walking.

    Exact or not used: each name is searched for as ``json.dumps`` spells it, and the answer
    stands only if the search finds as many members with that name as ``data`` holds (then
    the n-th found is the n-th in document order); a name spelt with escapes, a name that
    starts as :data:`_NOT_FIRST_IN_A_FOUND_NAME` says, or a path ending at an array item goes
    to the walker."""
    resolved, owners = _resolve_requests(data, requests)
    index = NameIndex(text, data) if index is None else index
    found = None if owners is None else _found(index, owners, requests, resolved)
    if found is None:
        return locate_json_all(text, requests)
    spans, ranks = found
    root = _skip_ws(text, 1 if text.startswith("\ufeff") else 0)
    offsets = []
    for parent, token, depth, length, key in resolved:
        if token is None:
            offsets.append(root)
            continue
        assert isinstance(token, str)  # _owners refused array items
        start, end = spans[token][ranks.get((id(parent), token), 0)]
        offsets.append(start if key and depth == length else end)
    return list(index.positions(offsets))


if TYPE_CHECKING:
    Resolved = tuple[Any, str | int | None, int, int, bool]
    """A request resolved against the data: the node's container, its name there, how many
    tokens reach it, how many the path has, and whether the member name is wanted."""


Owners = dict[str, dict[int, int]]
"""Each wanted member name, with the objects it is wanted in: by id, the place of a request
for it in the list of requests."""


def _resolve_requests(
    data: Any, requests: Sequence[Request]
) -> tuple[list[Resolved], Owners | None]:
    """Each request resolved against the data (:func:`_resolve`), and each wanted member
    name with the objects it is wanted in; no names (None) when a request ends at an array
    item or at a name the search could take from a closing quote. One pass: a document
    with 10,000 findings makes each step count."""
    resolved: list[Resolved] = []
    owners: Owners | None = {}
    for at, (path, key) in enumerate(requests):
        parent, token, depth = _resolve(data, path)
        resolved.append((parent, token, depth, len(path), key))
        if owners is None or token is None:
            continue
        name: str = token  # type: ignore[assignment]  # if not an index (told apart below)
        if token.__class__ is not str or (name and name[0] in _NOT_FIRST_IN_A_FOUND_NAME):
            owners = None
        else:
            owners.setdefault(name, {})[id(parent)] = at
    return resolved, owners


def _found(
    index: NameIndex, owners: Owners, requests: Sequence[Request], resolved: list[Resolved]
) -> tuple[dict[str, list[tuple[int, int]]], NameRanks] | None:
    """Where each wanted name is spelt, and the rank of each member among those of its name
    (none needed for a name found once in plain text); None when the spans found and the
    data disagree (a name spelt with escapes) or the data is too deep to count."""
    plain = index.search(owners)
    spans = index.spans
    # In plain text every member is spelt canonically, so one span means one member.
    repeated = [name for name in owners if len(spans[name]) > 1 or not plain]
    if not repeated:
        return spans, {}
    if plain:
        for name in repeated:
            _rank_siblings(index, name, owners[name], requests, resolved)
    if not index.rank(repeated):
        return None
    if any(len(spans[name]) != index.counts[name] for name in repeated):
        return None
    return spans, index.ranks


def _rank_siblings(
    index: NameIndex,
    name: str,
    wanted: dict[int, int],
    requests: Sequence[Request],
    resolved: list[Resolved],
) -> None:
    """Rank the members named ``name`` without walking the data when each of them is wanted
    (in plain text, as many spans as objects that want it) and the objects holding them
    are all items of one list: their order in the document is their order in the list. The
    walk (:meth:`NameIndex.rank`) ranks any other name."""
    if name in index.counts or len(index.spans[name]) != len(wanted):
        return
    first = next(iter(wanted.values()))
    path, depth = requests[first][0], resolved[first][2]
    if depth < 2:
        return
    prefix = path[: depth - 2]
    parent, token, reached = _resolve(index.data, prefix)
    items = index.data if token is None else parent[token]
    if reached != len(prefix) or items.__class__ is not list:
        return
    slots: list[int | None] = [None] * len(items)
    for owner, at in wanted.items():
        path = requests[at][0]
        if resolved[at][2] != depth or path[: depth - 2] != prefix:
            return
        step = path[depth - 2]
        slots[step if step.__class__ is int else int(step)] = owner
    ranks = index.ranks
    rank = 0
    for held in slots:
        if held is not None:
            ranks[(held, name)] = rank
            rank += 1
    index.counts[name] = rank


def parsed_json_spots(
    text: str, data: Any, known: list[NameIndex], requests: Sequence[Request]
) -> list[Spot]:
    """Positions in the JSON text the data was parsed from (no duplicate names: the parsed
    objects keep the text's order, which :func:`locate_parsed_json` relies on); what one
    request learns of the document is kept for the next (``known``: its NameIndex, made by
    the first request, so that a clean document never makes one: about 2.6 K instructions
    each). A parsed JSON document's locator, with its text, data and ``known`` given."""
    if not known:
        known.append(NameIndex(text, data))
    found = locate_parsed_json(text, data, requests, known[0])
    return [(position, None) for position in found]
