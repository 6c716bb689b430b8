"""YAML documents: PyYAML's safe loader, made strict where YAML is dangerous or ambiguous.

Only plain data is read (the safe loader refuses ``!!python/object`` and other tags). Also
refused, each with a position: duplicate keys, keys that are not strings (``1:``, ``null:``),
what JSON cannot hold (``.nan``, ``.inf``, ``1.0e+400``), numbers so long that reading them
takes seconds, several documents in one file, and aliases that add more nodes or text than
any request file needs (the "billion laughs" attack: the composed graph is small, but
anything that walks or prints the data would pay for every expansion).

A CloudFormation template is read as CloudFormation reads it (``cloudformation=True``): the
short forms of its functions are YAML local tags (``!Ref x``, ``!GetAtt A.B``, ``!Sub |``)
read as their long forms (``{"Ref": "x"}``, ``{"Fn::GetAtt": ["A", "B"]}``), an unquoted date
is a string (``AWSTemplateFormatVersion: 2010-09-09``), and a key written twice is kept, the
last one counting as it does for CloudFormation, and listed with the document
(:attr:`~automl_objective.inputs.document.Document.duplicates`) for the template kind to
report where it matters. Every other guarantee holds as for any YAML document.
"""

from __future__ import annotations

import functools
import math

from automl_objective.base.patterns import on_first_use
from automl_objective.base.quoting import shown
from automl_objective.inputs.document import Document, LoadError
from automl_objective.inputs.positions import (
    Path,
    Position,
    Request,
    Spot,
    Trie,
    deepest,
    line_column,
    line_column_from,
    line_columns,
    line_starts,
    trie,
)
from automl_objective.inputs.pyyaml import yaml
from automl_objective.inputs.yaml_one_pass import (
    MAX_NUMBER_CHARS,
    TAG,
    compose,
    function_name,
    plain_data,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from types import ModuleType
    from typing import Any

    from automl_objective.inputs.yaml_chunks import Assembled, Piece

NodePair = tuple[yaml.Node, yaml.Node]
Duplicate = tuple[yaml.Node, str, LoadError]
"""A mapping holding a key twice, the key, and the finding that says so."""

MAX_EXPANDED_NODES = 100_000
MAX_EXPANDED_CHARS = 10 * 1024 * 1024
"""The text the expanded data may hold: the default size limit of a file."""

DISAGREE = "parsers disagree on which one counts"
_TAG = TAG
_MERGE = _TAG + "merge"
_READ_AS = {
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "bool": "a boolean",
    _TAG + "null": "null",
    _TAG + "timestamp": "a date",
}


def _loader_class() -> type[yaml.SafeLoader]:
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _short_form(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    """``!Name value`` as CloudFormation reads it: ``{"Fn::Name": value}`` (any function:
    which ones exist is CloudFormation's business); ``!GetAtt A.B`` is ``["A", "B"]``."""
    name = function_name("!" + suffix)
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


@functools.cache
def _template_loader_class() -> type[yaml.SafeLoader]:
    """The safe loader and CloudFormation's short forms (a class made once, on first use)."""
    loader: type[yaml.SafeLoader] = type("TemplateLoader", (_loader_class(),), {})
    loader.add_multi_constructor("!", _short_form)
    loader.add_constructor(_TAG + "timestamp", yaml.SafeLoader.construct_yaml_str)  # type: ignore[type-var]
    return loader


def _check_graph(
    path: str,
    root: yaml.Node,
    loader: yaml.SafeLoader,
    text: str,
    duplicates: list[Duplicate] | None = None,
    *,
    leniently: bool = False,
    repeated: list[yaml.Node] | None = None,
) -> None:
    """Refuse duplicate keys, keys that are not strings, numbers JSON cannot hold and alias
    bombs, walking each distinct node once. With ``duplicates``, a duplicate key is listed
    there (the mapping holding it, the finding) instead of refused; ``leniently``, a scalar
    key that is not a string is read as the string it is written as and a duplicate key is
    let be, unworded (wording one reads the whole text again), its mapping listed in
    ``repeated`` if given."""
    writings: list[_KeyWritings] = []  # once a key repeats
    expanded: dict[int, int] = {}  # node -> nodes in its expansion
    sizes: dict[int, int] = {}  # node -> characters of the scalars in its expansion
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in expanded:
            continue
        if not children_done:
            if id(node) in visiting:
                raise LoadError(path, "a YAML alias refers to itself", *_where(text, node))
            visiting.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                _check_number(path, text, node, loader)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode) and children_done:  # checked on the way in
            children = [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.MappingNode):
            children = _mapping_children(
                path, text, node, duplicates, writings, leniently, repeated
            )
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if not children_done and children:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in expanded)
            continue
        total = 1 + sum(expanded.get(id(child), 1) for child in children)
        size = sum(sizes.get(id(child), 0) for child in children)
        if isinstance(node, yaml.ScalarNode):
            size = len(node.value)
        # What aliases add: beyond the distinct nodes seen so far, beyond the text itself.
        _refuse_bomb(path, text, node, total - len(expanded) - 1, size - len(text))
        expanded[id(node)], sizes[id(node)] = total, size
        visiting.discard(id(node))


def _mapping_children(
    path: str,
    text: str,
    node: yaml.MappingNode,
    duplicates: list[Duplicate] | None,
    writings: list[_KeyWritings],
    leniently: bool = False,
    repeated: list[yaml.Node] | None = None,
) -> list[yaml.Node]:
    """The keys and values of a mapping, refusing keys that are not strings or repeat (or
    listing those that repeat in ``duplicates``; ``leniently``, reading a scalar key as the
    string it is written as and letting a repeated one be, the mapping listed in
    ``repeated`` if given); ``writings`` holds the text's :class:`_KeyWritings` once a key
    repeats."""
    children: list[yaml.Node] = []
    seen: dict[Any, int] = {}  # each key's value -> the pair where it is first
    for index, (key, value) in enumerate(node.value):
        children.extend((key, value))
        if key.tag == _MERGE:
            continue
        if leniently and isinstance(key, yaml.ScalarNode):
            key.tag = _TAG + "str"
        _check_key(path, text, key)
        if key.value in seen and leniently:
            if repeated is not None:
                repeated.append(node)
        elif key.value in seen:
            if not writings:
                writings.append(_KeyWritings(text))
            written = writings[0].keys.get(node.start_mark.index)
            if written is None or len(written) != len(node.value):  # never so: read alike
                written = [pair[0].start_mark.index for pair in node.value]
            first = writings[0].position(written[seen[key.value]])[0]
            line, column = writings[0].position(written[index])
            counts = "CloudFormation takes the last" if duplicates is not None else DISAGREE
            from automl_objective.base.codes import Code  # built by a document's first finding

            error = LoadError(
                path,
                f"key {shown(key.value)} appears twice in one mapping (lines {first} "
                f"and {line}): {counts}",
                line,
                column,
                code=Code.DUPLICATE_KEY,
            )
            if duplicates is None:
                raise error
            duplicates.append((node, key.value, error))
        seen[key.value] = index
    return children


class _KeyWritings:
    """Where a text's keys are written (:func:`_key_writings`) and its lines start, read once
    a text to word its keys written twice: each key's line is then found by bisection, not
    counted from the text's start (20,000 keys written twice: 17 s, quadratic)."""

    def __init__(self, text: str) -> None:
        self.keys = _key_writings(text)
        self.line_starts = line_starts(text)

    def position(self, offset: int) -> Position:
        return line_column_from(self.line_starts, offset)


def _key_writings(text: str) -> dict[int, list[int]]:
    """Where each mapping's keys are written (their offsets, in order), by the offset where
    the mapping starts. A key written as an alias (``*k : 2``) is, to PyYAML, the anchored
    node itself, whose mark is the anchor's; the parser's events say where the alias is. Read
    only to word a key written twice (once a text: a template may hold many)."""
    places: dict[int, list[int]] = {}
    frames: list[tuple[list[int] | None, list[int]]] = []  # per open collection: its keys'
    # offsets (None: a sequence), and how many nodes it holds so far
    for event in yaml.parse(text, Loader=_loader_class()):
        if isinstance(event, yaml.CollectionEndEvent):
            frames.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        at = 0 if event.start_mark is None else event.start_mark.index  # a parser's: marked
        if frames:
            keys, count = frames[-1]
            if keys is not None and count[0] % 2 == 0:
                keys.append(at)
            count[0] += 1
        if isinstance(event, yaml.MappingStartEvent):
            # a mapping starting where its holder does (a key that is a mapping, refused as
            # such) keeps a list of its own: the holder's is the one found by that offset
            own: list[int] = []
            places.setdefault(at, own)
            frames.append((own, [0]))
        elif isinstance(event, yaml.SequenceStartEvent):
            frames.append((None, [0]))
    return places


def _refuse_bomb(path: str, text: str, node: yaml.Node, nodes: int, size: int) -> None:
    """Aliases that make the data far larger than its text (a million copies of a short list,
    or 600 of a 1 MB string): everything that walks or prints the data would pay. A document
    without aliases is never refused here, however many nodes it has."""
    if nodes > MAX_EXPANDED_NODES:
        limit = f"{MAX_EXPANDED_NODES:,} nodes"
    elif size > MAX_EXPANDED_CHARS:
        limit = f"{MAX_EXPANDED_CHARS:,} characters"
    else:
        return
    where = _where(text, node)
    raise LoadError(path, f"YAML aliases expand the data by more than {limit}; refused", *where)


def _where(text: str, node: yaml.Node) -> Position:
    """Where a node starts, as every position is reported (:func:`line_column`), not as
    PyYAML's marks count lines: YAML 1.1 also ends a line at NEL, U+2028 and U+2029, so after
    one of them, in a comment say, every mark's line is one too many. The mark's index (in
    characters, from the pure-Python and the libyaml loader alike) is exact."""
    return line_column(text, node.start_mark.index)


def _check_key(path: str, text: str, key: yaml.Node) -> None:
    """A member name must be a string, as in JSON (``1:``, ``null:``, ``2024-01-01:`` are not)."""
    if isinstance(key, yaml.ScalarNode) and key.tag == _TAG + "str":
        return
    if isinstance(key, yaml.ScalarNode):
        read_as = _READ_AS.get(key.tag, "not a string")
        what = f"{shown(key.value)} is read as {read_as}; quote it"
    else:
        what = "this one is a mapping or a sequence"
    where = _where(text, key)
    raise LoadError(path, f"invalid YAML: member names must be strings; {what}", *where)


def _check_number(path: str, text: str, node: yaml.ScalarNode, loader: yaml.SafeLoader) -> None:
    """Refuse what JSON cannot hold (``.nan``, ``.inf``, ``1e400``) and numbers so long that
    reading them would take seconds (sexagesimal ``1:59:59:...``) or fail (4,300 digits)."""
    if node.tag not in (_TAG + "int", _TAG + "float"):
        return
    if len(node.value) > MAX_NUMBER_CHARS:
        digits = f"{node.value[:40]}... ({len(node.value):,} characters)"
        problem = f"the number {digits} is too large"
    elif node.tag == _TAG + "float":
        value = loader.construct_yaml_float(node)
        if not math.isnan(value) and not math.isinf(value):
            return
        problem = (
            f"{node.value} is not valid in a request (JSON has no NaN or Infinity)"
            if node.value.lstrip("+-").startswith(".")
            else f"the number {node.value} is too large"
        )
    else:
        return
    raise LoadError(path, f"invalid YAML: {problem}", *_where(text, node))


def parse_yaml(path: str, text: str, *, cloudformation: bool = False) -> Document:
    """A YAML document; with ``cloudformation``, read as CloudFormation reads a template (see
    the module's docstring). In one pass where the text allows it (:mod:`.yaml_one_pass`),
    else, and for every refusal, by the careful reading."""
    if "&" not in text:  # no anchor, so no alias: each node is reached once
        document = _one_pass(path, text, cloudformation)
        if document is not None:
            return document
    return _careful(path, text, cloudformation)


def _one_pass(path: str, text: str, cloudformation: bool) -> Document | None:
    """The document read in one pass, or None for the careful reading to decide (anything
    unusual, anything refused, any error: the careful reading words it). A big text is read
    from its pieces where it can be (:mod:`.yaml_chunks`), reusing those read before."""
    chunks = None if cloudformation else _chunks_for(text)
    pieces = None if chunks is None else chunks.pieces_of(path, text)
    if chunks is not None and pieces is not None:
        document = _from_pieces(chunks, path, text, pieces)
        if document is not None:
            return document
    try:
        root = compose(text)
        data = plain_data(root, cloudformation=cloudformation) if root is not None else None
    except Exception:  # read again by the careful reading, which words any refusal
        return None
    if chunks is not None and pieces is not None and root is not None:
        chunks.remember_whole(text, pieces, root)
    locator = functools.partial(locate_yaml_all, root, text)
    return Document(path, data, text, "yaml", locator, parsed=True)


_CUT_FROM = 32 * 1024
"""``yaml_chunks.CHUNKED_FROM`` (a test holds the two equal): a shorter text is never cut,
so reading it needs not load that module."""
_YAML_CHUNKS: ModuleType | None = None
""":mod:`.yaml_chunks`, once a text long enough to be cut was read: its classes and
bookkeeping cost a run of small files about 2.6 M instructions, for nothing."""


def _chunks_for(text: str) -> ModuleType | None:
    """:mod:`.yaml_chunks` when ``text`` is long enough to be cut, or once one was (the
    module then decides by its own size, which its tests lower); else None."""
    global _YAML_CHUNKS
    if _YAML_CHUNKS is None:
        if len(text) < _CUT_FROM:
            return None
        from automl_objective.inputs import yaml_chunks

        _YAML_CHUNKS = yaml_chunks
    return _YAML_CHUNKS


def _from_pieces(chunks: ModuleType, path: str, text: str, pieces: list[Piece]) -> Document | None:
    assembled = chunks.read_pieces(text, pieces)
    if assembled is None:
        return None
    try:
        data = plain_data(assembled.root)
    except Exception:  # read whole, where anything refused is worded
        return None
    locator = functools.partial(locate_assembled, assembled, text)
    return Document(path, data, text, "yaml", locator, parsed=True)


def _careful(path: str, text: str, cloudformation: bool) -> Document:
    """The node graph checked by a walk of every distinct node (aliases too), then
    constructed by PyYAML (the one-pass reading's fallback, which words every refusal)."""
    loader = (_template_loader_class() if cloudformation else _loader_class())(text)
    duplicates: list[Duplicate] | None = [] if cloudformation else None
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_graph(path, root, loader, text, duplicates)
        data = loader.construct_document(root) if root is not None else None
    except (yaml.YAMLError, RecursionError) as error:
        raise _load_error(path, text, error) from None
    finally:
        loader.dispose()
    located = functools.partial(locate_yaml_all, root, text)
    document = Document(path, data, text, "yaml", located, parsed=True)
    if duplicates:
        document.duplicates = _duplicate_paths(root, duplicates)
    return document


def readings_to_recognise(path: str, text: str) -> list[Any]:
    """Every document of a YAML text as :func:`documents_to_recognise` reads it, then again
    with ``first_writings``: composed a second time only if a key is written twice (else the
    readings are alike; PyYAML's construction flattens merge keys in the graph in place, so
    the first writings are not read from the graph already constructed)."""
    documents, repeated = _recognised(path, text, first_writings=False)
    if not repeated:
        return documents
    return [*documents, *documents_to_recognise(path, text, first_writings=True)]


def documents_to_recognise(path: str, text: str, *, first_writings: bool = False) -> list[Any]:
    """Every document of a YAML text, read only to tell whether any is of a known kind (a
    folder scan passes over a found file none of whose documents is): as a CloudFormation
    template is read (short forms, a key written twice keeps the last), a member name that is
    not a string read as it is written (``on:`` of a GitHub Actions workflow, which YAML 1.1
    reads as a boolean; ``404:``), and several documents (Kubernetes manifests) each read,
    its own local tag dropped (:func:`_untag_root`); with ``first_writings``, a key written
    twice keeps its first value instead. Everything else refused raises :class:`LoadError` as
    the careful reading words it."""
    return _recognised(path, text, first_writings=first_writings)[0]


def _recognised(path: str, text: str, *, first_writings: bool) -> tuple[list[Any], bool]:
    """:func:`documents_to_recognise`'s documents, and whether a key is written twice."""
    loader = _template_loader_class()(text)
    documents: list[Any] = []
    repeated: list[yaml.Node] = []
    try:
        while loader.check_node():
            root = loader.get_node()
            if root is not None:  # always, after check_node (typed as if it might not be)
                _check_graph(path, root, loader, text, leniently=True, repeated=repeated)
                _untag_root(root)
                if first_writings:
                    _keep_first_writings(root)
                documents.append(loader.construct_document(root))
        return documents, bool(repeated)
    except (yaml.YAMLError, RecursionError) as error:
        raise _load_error(path, text, error) from None
    finally:
        loader.dispose()


def _untag_root(root: yaml.Node) -> None:
    """A document's own local tag (``--- !Request``) dropped: read as a CloudFormation short
    form it would wrap the document in a function (``{"Fn::Request": ...}``) and hide a
    request or state machine written under it (a template's root is never a function)."""
    if root.tag.startswith("!") and isinstance(root, yaml.MappingNode):
        root.tag = _TAG + "map"
    elif root.tag.startswith("!") and isinstance(root, yaml.SequenceNode):
        root.tag = _TAG + "seq"


def _keep_first_writings(root: yaml.Node) -> None:
    """Drop from each mapping of a composed graph the pairs whose key an earlier pair wrote."""
    done: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[object] = set()
            kept = []
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE:
                    if key.value in keys:
                        continue
                    keys.add(key.value)
                kept.append((key, value))
            node.value = kept
            stack.extend(part for pair in kept for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _duplicate_paths(
    root: yaml.Node | None, duplicates: list[Duplicate]
) -> tuple[tuple[tuple[str | int, ...], LoadError], ...]:
    """Each duplicate key's path (the path of the member written twice), found in one walk
    over the distinct nodes (a node an alias shares is given its first path)."""
    wanted: dict[int, list[tuple[str, LoadError]]] = {}
    for mapping, name, error in duplicates:
        wanted.setdefault(id(mapping), []).append((name, error))
    found: list[tuple[tuple[str | int, ...], LoadError]] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node | None, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, at = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        found.extend(((*at, name), error) for name, error in wanted.get(id(node), ()))
        stack.extend(_children_with_tokens(node, at))
    return tuple(found)


def _children_with_tokens(
    node: yaml.Node, at: tuple[str | int, ...]
) -> list[tuple[yaml.Node | None, tuple[str | int, ...]]]:
    tagged = node.tag.startswith("!")
    inner: tuple[str | int, ...] = (*at, function_name(node.tag)) if tagged else at
    if isinstance(node, yaml.MappingNode):
        return [(value, (*inner, str(key.value))) for key, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [(item, (*inner, index)) for index, item in enumerate(node.value)]
    return []


_YAML_1_1_BREAKS = on_first_use("[\x85\u2028\u2029]")
"""Line breaks to YAML 1.1 (PyYAML, libyaml, the AWS CLI's ruamel.yaml), not to YAML 1.2,
editors or GitHub: read as YAML 1.1 reads them, reported where an editor shows them."""


def _load_error(path: str, text: str, error: yaml.YAMLError | RecursionError) -> LoadError:
    """The one-line error a YAML text the loader refused gets (both readings word it alike)."""
    if isinstance(error, yaml.MarkedYAMLError):
        return _syntax_error(path, text, error)
    if isinstance(error, RecursionError):
        return LoadError(path, "invalid YAML: nested too deeply to read")
    return LoadError(path, f"invalid YAML: {error}")


def _syntax_error(path: str, text: str, error: yaml.MarkedYAMLError) -> LoadError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    if "expected a single document" in str(error.context) + str(problem):
        problem = "several documents in one file; put each in a file of its own"
    elif "could not determine a constructor" in problem:
        problem = f"{problem}; only plain data (no tags such as !!python/object) is read"
    if mark is None:
        return LoadError(path, f"invalid YAML: {problem}")
    odd = _YAML_1_1_BREAKS.search(text, 0, mark.index)
    if odd is not None:
        import unicodedata  # a C library, loaded only to name such a line break

        char = odd.group()
        name = unicodedata.name(char, "NEXT LINE (NEL)")
        line, column = line_column(text, odd.start())
        problem += (
            f" (the {name}, U+{ord(char):04X}, at line {line}, column {column} ends a line for "
            "YAML 1.1 parsers such as PyYAML and the AWS CLI, though not in an editor)"
        )
    return LoadError(path, f"invalid YAML: {problem}", *line_column(text, mark.index))


def yaml_nodes(root: yaml.Node, paths: Iterable[Sequence[str | int]]) -> dict[Path, NodePair]:
    """The key and value nodes of every wanted path (and each ancestor) under ``root``; each
    mapping on the way is scanned once, not once per path. A node with a CloudFormation
    short-form tag (``!Sub |``) stands for the one-member mapping its long form is
    (``Fn::Sub``): that member's key and value are the tagged node itself."""
    found: dict[Path, NodePair] = {(): (root, root)}
    stack: list[tuple[yaml.Node, Trie, Path, bool]] = [(root, trie(paths), (), False)]
    while stack:
        node, wanted, path, unwrapped = stack.pop()
        for token, pair, inside in _token_pairs(node, wanted, unwrapped):
            child = wanted.get(token)
            if child is None:
                continue
            child_path = (*path, token)
            found[child_path] = pair  # the last duplicate wins (duplicates are refused)
            if child:
                stack.append((pair[1], child, child_path, inside))
    return found


def _token_pairs(
    node: yaml.Node, wanted: Trie, unwrapped: bool
) -> Iterable[tuple[str, NodePair, bool]]:
    """The path tokens under ``node`` with their (key, value) nodes, and whether the value
    node is entered past its tag."""
    if not unwrapped and node.tag.startswith("!"):
        return [(function_name(node.tag), (node, node), True)]
    if isinstance(node, yaml.MappingNode):
        return ((str(k.value), (k, v), False) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        items = node.value
        indices = [t for t in wanted if t.isdigit() and int(t) < len(items)]
        return ((t, (items[int(t)], items[int(t)]), False) for t in indices)
    if unwrapped and node.tag == "!GetAtt":  # ``!GetAtt A.B``: both items are the scalar
        return ((t, (node, node), True) for t in wanted if t in ("0", "1"))
    return ()


def locate_assembled(assembled: Assembled, text: str, requests: Sequence[Request]) -> list[Spot]:
    """:func:`locate_yaml_all` for a text read from its pieces: each node's offset is where
    its piece's text was when it was read, shifted to where that text is now."""
    found = yaml_nodes(assembled.root, [path for path, _ in requests])
    shifts = assembled.shifts
    offsets: list[int] = []
    spotted: list[tuple[yaml.Node, bool]] = []
    for path, key in requests:
        best, (key_node, value_node) = deepest(found, path)
        exact = len(best) == len(path)
        node = key_node if (key and exact) else value_node
        shift = shifts.get(best[:2], shifts.get(best[:1], 0)) if best else 0
        offsets.append(node.start_mark.index + shift)
        spotted.append((node, exact))
    positions = line_columns(text, offsets)
    return [
        (position, id(node) if exact else None)
        for position, (node, exact) in zip(positions, spotted, strict=True)
    ]


def locate_yaml_all(root: yaml.Node | None, text: str, requests: Sequence[Request]) -> list[Spot]:
    """Position of each ``(path, at_key)`` request in ``text``, and the node found when the
    whole path exists (aliases make several paths one node); all positions in one pass over
    the text (see :func:`_where` for why not from PyYAML's marks)."""
    if root is None:
        return [(None, None)] * len(requests)
    found = yaml_nodes(root, [path for path, _ in requests])
    nodes: list[tuple[yaml.Node, bool]] = []
    for path, key in requests:
        best, (key_node, value_node) = deepest(found, path)
        exact = len(best) == len(path)
        nodes.append((key_node if (key and exact) else value_node, exact))
    positions = line_columns(text, [node.start_mark.index for node, _ in nodes])
    return [
        (position, id(node) if exact else None)
        for position, (node, exact) in zip(positions, nodes, strict=True)
    ]
