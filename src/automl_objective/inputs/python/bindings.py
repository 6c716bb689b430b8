"""Which names a Python module binds once, and to what; and which values may change later.

A name counts as bound to a value only where one plain assignment binds it in its scope and
nothing else does: not a second assignment, a loop, ``with``, an import, a parameter, a match
capture, a walrus, ``global``.

A value counts as known only if nothing in the module can change it in place. Names that may
share an object are one group: ``obj = request["A"]``, ``{"A": obj}``, ``for v in
request.values()``, ``case {"A": o}``. A group is changed as a whole when one of its names is
changed in place (``x[...] =``, ``x.a =``, ``del x[...]``, ``x += ...``, ``x.update(...)``)
or handed to code this reader does not see into (``f(x)``, ``return x``, ``yield x``, a method
it does not know). This is flow-insensitive and errs one way: a change anywhere in the module,
before or after the call, makes the whole group unknown, so a stale value is never reported.
A name only ever bound to a constant (``"AUC"``) cannot change in place and joins no group;
``exec``, ``eval``, ``globals()``, ``locals()`` or ``vars()`` make every name unknown, and a
star import every module-level one.
"""

from __future__ import annotations

import ast
import bisect
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from automl_objective.inputs.positions import LINE_BREAKS
from automl_objective.inputs.python import sdk_names
from automl_objective.inputs.python.pieces import Piece
from automl_objective.inputs.python.pieces import pieces as split

Place = tuple[int | None, int, int]
"""Where a literal is written: (notebook cell or None, 1-based line, 1-based column)."""

_WIDE = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d]\w*")
HELD_NODES = 50_000
"""Of a source read in pieces, the nodes of bound values held for the calls to read, in all
(past it, a name's value is unknown); as many again for the calls themselves."""
_READERS = frozenset({"get", "keys", "values", "items", "copy", "count", "index"})
"""Methods that change nothing; their result may hold parts of their receiver."""
_PURE_BUILTINS = frozenset(
    {"print", "len", "repr", "str", "format", "isinstance", "id", "type", "bool", "hash"}
)
"""Builtins that neither change their arguments nor return them."""
_COPIES = frozenset({"dict", "list", "tuple", "set", "frozenset", "sorted", "reversed"})
"""Builtins whose result holds their arguments' items (a shallow copy shares them)."""
_PURE_FUNCTIONS = frozenset({("json", "dumps"), ("pprint", "pprint"), ("pprint", "pformat")})
"""``module.function`` calls that neither change their arguments nor return them."""
_SESSION = frozenset({"sagemaker_session"})
"""The SDK v2 estimators' session argument."""
_OPAQUE = frozenset({"exec", "eval", "globals", "locals", "vars"})
"""Calls that can rebind or change any name by its spelling."""
_NAMESPACES = frozenset({"globals", "locals", "vars"})
"""Calls that give a namespace itself: asking whether a name is in it changes nothing."""
_OPAQUE_NAMES = _OPAQUE | {"__import__", "__builtins__"}
"""Names whose mere mention may hand such a call on (``g = globals; g()["X"] = ...``)."""
_OPAQUE_ATTRIBUTES = frozenset(
    {"__dict__", "f_globals", "f_locals", "user_ns", "user_global_ns", "run_cell", "run_cell_magic"}
)
"""Attributes that hold a namespace: names change through them by their spelling (IPython's
shell, ``get_ipython()``, holds a notebook's names and runs code in them)."""
_IPYTHON_MAGIC_CALLS = frozenset({"run_line_magic", "magic"})
"""``get_ipython().run_line_magic("store", "-r metric")``: a magic, which may bind names."""
_INERT_MAGICS = frozenset({"matplotlib", "load_ext", "autoreload", "pip", "conda", "env", "who"})
"""Line magics that bind no name of the notebook's (``%env X=1`` sets the environment)."""


class Chunk:
    """One source parsed on its own: a whole file, or one notebook cell. A source over
    :data:`~automl_objective.inputs.python.pieces.WHOLE_LIMIT` is held as pieces of statements,
    parsed one at a time while it is bound (``tree`` is None)."""

    def __init__(
        self,
        cell: int | None,
        source: str,
        tree: ast.Module | None,
        pieces: Sequence[Piece] = (),
        filename: str = "<unknown>",
    ) -> None:
        self.cell = cell
        self.source = source
        self.tree = tree
        self.pieces = pieces
        self.quick = True
        """The pieces come from the quick split (see :mod:`.pieces`)."""
        self.own_scope = False
        """The source runs as the body of a function of its own (a ``%%timeit`` cell), the
        module's names its globals: what it binds is that function's."""
        self.filename = filename
        self.unread: list[tuple[int, str]] = []
        """(line, why) of AutoML calls not read for their size."""
        self._line_starts: array[int] | None = None
        self._wide: dict[int, tuple[array[int], array[int]]] = {}

    def check(self) -> None:
        """Parse every piece once, for its syntax only (SyntaxError as ``ast.parse``)."""
        for _ in self.modules():
            pass

    def resplit(self) -> bool:
        """Split by tokenize, after a piece of the quick split did not parse; False when
        the pieces already come from tokenize (the error is the source's own)."""
        if not self.quick or self.tree is not None:
            return False
        self.pieces, self.quick = split(self.source, quick=False), False
        return True

    def modules(self) -> Iterator[ast.Module | Piece]:
        """The source's trees, one at a time; a piece too large to parse as itself."""
        if self.tree is not None:
            yield self.tree
            return
        for piece in self.pieces:
            yield piece if piece.oversized else piece.parse(self.filename)  # may raise

    def _line(self, line: int) -> str:
        if self._line_starts is None:
            ends = (match.end() for match in LINE_BREAKS.finditer(self.source))
            self._line_starts = array("q", [0, *ends, len(self.source)])
        starts = self._line_starts
        return self.source[starts[line - 1] : starts[line]] if 0 < line < len(starts) else ""

    def _characters(self, line: int, offset: int) -> int:
        """How many characters of a non-ASCII line its first ``offset`` UTF-8 bytes are:
        once per line, the byte positions of its wide characters (bisected after)."""
        if line not in self._wide:
            positions, extra = array("q"), array("q", [0])
            for match in _WIDE.finditer(self._line(line)):
                positions.append(match.start() + extra[-1])
                extra.append(extra[-1] + len(match.group().encode("utf-8", "replace")) - 1)
            self._wide[line] = (positions, extra)
        positions, extra = self._wide[line]
        return offset - extra[bisect.bisect_left(positions, offset)]

    def place(self, node: ast.AST) -> Place:
        """The node's 1-based line and column in characters (``ast`` counts UTF-8 bytes)."""
        line, offset = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        if not self.source.isascii():
            offset = self._characters(line, offset)
        return (self.cell, line, offset + 1)


class Scope:
    """Names bound in one function (or the module): once to a value, or otherwise."""

    def __init__(self, parent: Scope | None) -> None:
        self.parent = parent
        self.once: dict[str, tuple[ast.expr, Chunk]] = {}
        """Names bound once, to the value's expression (and the chunk it is written in)."""
        self.other: set[str] = set()
        self.opaque = False
        """A star import may rebind any of its names."""

    def assign(self, name: str, value: ast.expr, chunk: Chunk) -> None:
        if name in self.once or name in self.other:
            self.once.pop(name, None)
            self.other.add(name)
        else:
            self.once[name] = (value, chunk)

    def bind(self, name: str) -> None:
        self.once.pop(name, None)
        self.other.add(name)

    def lookup(self, name: str) -> tuple[ast.expr, Chunk, Scope] | None:
        """The expression a name is bound to, and where: None when it is not bound once."""
        scope: Scope | None = self
        while scope is not None:
            if scope.opaque:
                return None
            if name in scope.once:
                node, chunk = scope.once[name]
                return node, chunk, scope
            if name in scope.other:
                return None
            scope = scope.parent
        return None


_READABLE = (ast.Constant, ast.UnaryOp, ast.Dict, ast.List, ast.Tuple, ast.Name, ast.Call)
"""Values the request reader can read (any other is dynamic, held or not)."""


_CONSTANT, _VARIABLE, _SDK, _NOT_SDK = 1, 2, 4, 8


_DISPLAYS = (ast.Dict, ast.List, ast.Tuple, ast.Set)
"""Literal containers: what they hold is written in them."""
_STRING_METHODS = frozenset({"format", "join", "lower", "upper", "strip", "replace"})
"""Methods of a string literal that give a string (``"-".join(parts)``)."""


def _reaches_a_namespace(node: ast.Attribute) -> bool:
    """``builtins.exec``, ``sys.modules``, ``x.__dict__``, ``frame.f_globals``: a way to
    rebind or change a module's names by their spelling (``model.eval()`` is not one)."""
    if node.attr in _OPAQUE_ATTRIBUTES:
        return True
    owner = node.value.id if isinstance(node.value, ast.Name) else None
    if owner in ("builtins", "__builtins__"):
        return node.attr in _OPAQUE_NAMES
    return owner == "sys" and node.attr == "modules"


def _names_a_namespace(node: ast.expr) -> bool:
    """``locals()``, ``globals()`` or ``vars()`` as written, with no argument (a name rebound
    to another function is opaque wherever it is bound: :meth:`Binder._name`)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _NAMESPACES
        and not node.args
        and not node.keywords
    )


def _binds_by_magic(node: ast.Call, func: ast.Attribute) -> bool:
    """A line magic run from Python (``get_ipython().run_line_magic("run", "setup.py")``,
    ``%run`` or ``%store -r`` as nbconvert writes them) that may bind any name: all but the
    magics known to bind none, named as a literal."""
    if func.attr not in _IPYTHON_MAGIC_CALLS:
        return False
    first = node.args[0] if node.args else None
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
        return True
    words = first.value.split()
    return not words or words[0] not in _INERT_MAGICS


def _is_constant(value: ast.expr) -> bool:
    """A value that cannot be changed in place: a constant, a signed number, a string built
    from a string literal (an f-string, ``"job-" + stamp``, ``"%s-x" % stamp``,
    ``"-".join(parts)``): handing it to code not seen into changes nothing that holds it."""
    if isinstance(value, ast.UnaryOp):
        value = value.operand
    return isinstance(value, (ast.Constant, ast.JoinedStr)) or _is_text(value)


def _is_text(value: ast.expr) -> bool:
    """An expression whose value is a string: a string literal, or text made from one."""
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.BinOp):
        if isinstance(value.op, ast.Add):
            return _is_text(value.left) or _is_text(value.right)
        return isinstance(value.op, ast.Mod) and _is_text(value.left)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        receiver = value.func.value
        return (
            value.func.attr in _STRING_METHODS
            and isinstance(receiver, ast.Constant)
            and (isinstance(receiver.value, str))
        )
    return False


class _Groups:
    """Union-find over names: which names may share an object."""

    def __init__(self) -> None:
        self.parent: dict[str | int, str | int] = {}

    def find(self, name: str | int) -> str | int:
        root = name
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while name != root:  # path compression
            self.parent[name], name = root, self.parent[name]
        return root

    def union(self, first: str | int, second: str | int) -> None:
        first, second = self.find(first), self.find(second)
        if first != second:
            self.parent[first] = second


Handler = Callable[["Binder", Any, "set[str] | None"], None]


class Binder(ast.NodeVisitor):
    """Walks a module: each scope's bindings, the names that may share an object, the names
    changed in place or handed away, and the AutoML calls. Call :meth:`finish` after the
    last chunk, then ask :meth:`changed`."""

    def __init__(self, module: Scope) -> None:
        self.scope = module
        self.visible = module  # the scope functions defined here see (classes are skipped)
        self.chunk: Chunk | None = None
        self.calls: list[tuple[ast.Call, Scope, Chunk]] = []
        self.fits: list[tuple[ast.Call, Scope, Chunk]] = []
        self.aliases: dict[str, str] = {}
        """Names an SDK class is imported under (``as``) -> the class's own name."""
        """``x.fit(...)`` calls: an SDK v2 estimator's sends its request."""
        self._shared: list[tuple[int, str]] = []
        """(group, name): the names of one binding, which may share an object."""
        self._contained: list[tuple[str, set[str]]] = []
        """(name, names): a name bound to a literal dict, list, tuple or set that holds the
        objects of ``names`` at some of its positions (``{"Tags": tags}``)."""
        self._handed: set[str] = set()
        """Names changed in place or handed to code not seen into."""
        self._receivers: list[str] = []
        """Names a method not known to be a reader is called on (an SDK object's are not)."""
        self._kinds: dict[str, int] = {}
        """How each name is bound, as flags: _CONSTANT, _VARIABLE, _SDK, _NOT_SDK."""
        self._opaque = False
        self._groups = _Groups()
        self._changed: set[str | int] = set()
        self._fixed: set[str] = set()
        self._values_left = HELD_NODES
        self._calls_left = HELD_NODES
        self._nodes = 0
        """Expression nodes walked so far: the size of what is held."""

    # -- bindings ------------------------------------------------------------------------

    def _note(self, name: str, value: ast.expr | None) -> None:
        """How ``name`` is bound (``value``: the expression of a plain assignment)."""
        constant = value is not None and _is_constant(value)
        sdk = isinstance(value, ast.Call) and sdk_names.builds_sdk_object(value)
        kind = (_CONSTANT if constant else _VARIABLE) | (_SDK if sdk else _NOT_SDK)
        self._kinds[name] = self._kinds.get(name, 0) | kind

    def _bind(self, name: str) -> None:
        self.scope.bind(name)
        self._note(name, None)

    def _assign(self, name: str, value: ast.expr, size: int) -> None:
        """``name = value``, where the value's expression has ``size`` nodes."""
        assert self.chunk is not None
        self._note(name, value)
        if self.chunk.tree is None:  # read in pieces: a value is held within the budget
            if not isinstance(value, _READABLE) or size > self._values_left:
                self.scope.bind(name)  # its value is not held: unknown
                return
            self._values_left -= size
        self.scope.assign(name, value, self.chunk)

    def _record_call(self, node: ast.Call, size: int) -> None:
        assert self.chunk is not None
        if self.chunk.tree is None:  # read in pieces: a call is held within the budget
            if size > self._calls_left:
                why = f"more code in AutoML calls than the {HELD_NODES:,} nodes read in a file"
                self.chunk.unread.append((node.lineno, why))
                return
            self._calls_left -= size
        self.calls.append((node, self.scope, self.chunk))

    def unreadable(self, piece: Piece) -> None:
        """A statement too large to parse: every name it spells may be bound or changed."""
        text = piece.text
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
        for word in {match.group() for match in _WORD.finditer(text)}:
            self._bind(word)
            self._handed.add(word)

    def _bind_value(self, name: str, value: ast.expr, held: set[str]) -> None:
        """``name = value``: a literal display holds what it names (a change through the
        display reaches them; a change through them changes only the positions that name
        them, which the reader checks name by name); any other value may be, or be part of,
        the objects it names."""
        if isinstance(value, _DISPLAYS):
            self._contained.append((name, held))
        else:
            self._share([name, *held])

    def _share(self, names: list[str]) -> None:
        if len(names) > 1:
            group = len(self._shared)
            self._shared.extend((group, name) for name in names)

    def _target(self, target: ast.expr, held: set[str]) -> None:
        """Bind an assignment's (or loop's) target to a value holding the objects of ``held``."""
        if isinstance(target, ast.Name):
            self._bind(target.id)
            self._share([target.id, *held])
        elif isinstance(target, (ast.Tuple, ast.List)):
            for item in target.elts:
                self._target(item, held)
        elif isinstance(target, ast.Starred):
            self._target(target.value, held)
        else:
            self._change(target, held)

    def _change(self, target: ast.expr, held: set[str]) -> None:
        """``x[...] = value``, ``x.a = value``, ``del x[...]``: x changes in place, and what
        the value holds is now reachable from it."""
        self._expr(target, self._handed)
        self._handed.update(held)

    def finish(self) -> None:
        """Settle which names may have changed, once every chunk has been visited."""
        fixed = {name for name, kind in self._kinds.items() if kind & _VARIABLE == 0}
        for group, name in self._shared:
            if name not in fixed:
                self._groups.union(group, name)
        handed = set(self._handed)
        handed.update(
            n for n in self._receivers if self._kinds.get(n, 0) & _NOT_SDK or n not in self._kinds
        )
        self._changed = {self._groups.find(name) for name in handed - fixed}
        self._fixed = fixed
        self._reach_what_displays_hold()

    def _reach_what_displays_hold(self) -> None:
        """A display changed (or handed away) may have changed what it holds: those names
        change too, and what they hold in turn."""
        spread = True
        while spread:
            spread = False
            for name, held in self._contained:
                if name in self._fixed or self._groups.find(name) not in self._changed:
                    continue
                for inner in held - self._fixed:
                    root = self._groups.find(inner)
                    if root not in self._changed:
                        self._changed.add(root)
                        spread = True

    def changed(self, name: str) -> bool:
        """Whether the value bound to ``name`` may be changed or rebound somewhere."""
        if self._opaque:
            return True
        return name not in self._fixed and self._groups.find(name) in self._changed

    # -- expressions ---------------------------------------------------------------------

    def _expr(self, node: ast.AST | None, into: set[str] | None) -> None:
        """Walk an expression; the names whose objects its value may hold go ``into`` (None:
        nowhere; ``self._handed``: handed away)."""
        if node is None:
            return
        self._nodes += 1
        handler = _EXPRESSIONS.get(type(node))
        if handler is not None:
            handler(self, node, into)
            return
        for child in ast.iter_child_nodes(node):
            self._expr(child, into)

    def _name(self, node: ast.Name, into: set[str] | None) -> None:
        if node.id in _OPAQUE_NAMES:
            self._opaque = True
        if not isinstance(node.ctx, ast.Load):
            self._bind(node.id)
        elif into is not None:
            into.add(node.id)

    def _attribute(self, node: ast.Attribute, into: set[str] | None) -> None:
        if _reaches_a_namespace(node):
            self._opaque = True
        self._expr(node.value, into)
        if into is not None:
            into.add(node.attr)  # a class or module attribute bound under that name

    def _subscript(self, node: ast.Subscript, into: set[str] | None) -> None:
        self._expr(node.value, into)
        self._expr(node.slice, None)

    def _unheld(self, node: ast.AST, into: set[str] | None) -> None:
        """A value holding none of its operands: a comparison, an f-string."""
        for child in ast.iter_child_nodes(node):
            self._expr(child, None)

    def _compare(self, node: ast.Compare, into: set[str] | None) -> None:
        """A comparison holds none of its operands; ``"x" in locals()`` (or ``globals()``,
        ``vars()``) reads only which names are bound, so that namespace is not opaque there.
        Only as the chain's last operand: one before it is also the next comparison's left
        operand, handed to the other side's ``__eq__`` or ``__contains__`` (``"x" in locals()
        == y``), which may change any name in it."""
        self._expr(node.left, None)
        last = len(node.comparators) - 1
        for at, (operator, operand) in enumerate(zip(node.ops, node.comparators, strict=True)):
            if not (
                at == last
                and isinstance(operator, (ast.In, ast.NotIn))
                and _names_a_namespace(operand)
            ):
                self._expr(operand, None)

    def _handed_away(self, node: ast.Await | ast.Yield | ast.YieldFrom, into: Any) -> None:
        self._expr(node.value, self._handed)

    def _if_expression(self, node: ast.IfExp, into: set[str] | None) -> None:
        self._expr(node.test, None)
        self._expr(node.body, into)
        self._expr(node.orelse, into)

    def _walrus(self, node: ast.NamedExpr, into: set[str] | None) -> None:
        held: set[str] = set()
        self._expr(node.value, held)
        self._target(node.target, held)
        if into is not None:
            into.add(node.target.id)

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp, into: Any
    ) -> None:
        for generator in node.generators:
            held: set[str] = set()
            self._expr(generator.iter, held)
            self._target(generator.target, held)
            for condition in generator.ifs:
                self._expr(condition, None)
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        for part in parts:
            self._expr(part, into)

    def _arguments(
        self, node: ast.Call, into: set[str] | None, apart: frozenset[str] = frozenset()
    ) -> None:
        """Walk a call's arguments; the keywords named in ``apart`` are held by nothing."""
        for argument in node.args:
            self._expr(argument, into)
        for keyword in node.keywords:
            self._expr(keyword.value, None if keyword.arg in apart else into)

    def _call(self, node: ast.Call, into: set[str] | None) -> None:
        func = node.func
        if sdk_names.request_version(node) is not None:
            before = self._nodes
            # read, not changed; an SDK v2 estimator keeps what it is given
            keeps = sdk_names.callee(node) in sdk_names.SDK_V2_ESTIMATORS
            self._expr(func, None)
            # its session is no part of the request: a change to the session (a mock's
            # methods, say) changes none of the values the estimator holds
            self._arguments(node, into if keeps else None, _SESSION)
            self._record_call(node, self._nodes - before + 1)
        elif isinstance(func, ast.Attribute):
            self._method(node, func, into)
        else:
            self._function_call(node, func, into)

    def _function_call(self, node: ast.Call, func: ast.expr, into: set[str] | None) -> None:
        name = func.id if isinstance(func, ast.Name) else None
        if name in _OPAQUE:
            self._opaque = True
        self._expr(func, None)
        if name in _PURE_BUILTINS:
            self._arguments(node, None)
        elif name in _COPIES or sdk_names.builds_sdk_object(node):
            self._arguments(node, into)
        else:
            self._arguments(node, self._handed)

    def _method(self, node: ast.Call, func: ast.Attribute, into: set[str] | None) -> None:
        if _reaches_a_namespace(func) or _binds_by_magic(node, func):  # builtins.exec(...)
            self._opaque = True
        receiver = func.value
        if func.attr == "fit" and self.chunk is not None:
            self.fits.append((node, self.scope, self.chunk))
            if isinstance(receiver, ast.Call) and sdk_names.request_version(receiver):
                self._expr(receiver, None)  # an estimator's own fit changes nothing given
                self._arguments(node, self._handed)
                return
        if func.attr in _READERS:
            self._expr(receiver, into)
            self._arguments(node, into)
            return
        if isinstance(receiver, ast.Name) and (receiver.id, func.attr) in _PURE_FUNCTIONS:
            self._arguments(node, None)
            return
        held: set[str] = set()
        self._expr(receiver, held)
        if isinstance(receiver, ast.Name):
            held.discard(receiver.id)
            self._receivers.append(receiver.id)  # changed, unless an SDK object's method
        self._handed.update(held)
        self._arguments(node, self._handed)

    # -- statements ----------------------------------------------------------------------

    def generic_visit(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self._expr(child, None)
            else:
                self.visit(child)

    def _body(self, statements: Iterable[ast.stmt]) -> None:
        for statement in statements:
            self.visit(statement)

    @contextmanager
    def own_scope(self) -> Iterator[None]:
        """What is bound within is bound in a function's scope of its own (a chunk that runs
        as a function's body), under the module's."""
        outer, outer_visible = self.scope, self.visible
        self.scope = self.visible = Scope(outer_visible)
        try:
            yield
        finally:
            self.scope, self.visible = outer, outer_visible

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        arguments = node.args
        for default in [*arguments.defaults, *arguments.kw_defaults]:
            self._expr(default, self._handed)  # the parameter is another name for it
        if not isinstance(node, ast.Lambda):
            self._bind(node.name)
            for expression in [*node.decorator_list, node.returns]:
                self._expr(expression, None)
        outer, outer_visible = self.scope, self.visible
        self.scope = self.visible = Scope(outer_visible)
        every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        for argument in [*every, arguments.vararg, arguments.kwarg]:
            if argument is not None:
                self._bind(argument.arg)
        if isinstance(node, ast.Lambda):
            self._expr(node.body, self._handed)  # what a lambda returns is handed away
        else:
            self._body(node.body)
        self.scope, self.visible = outer, outer_visible

    visit_FunctionDef = visit_AsyncFunctionDef = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._bind(node.name)
        for expression in [*node.bases, *node.decorator_list]:
            self._expr(expression, None)
        for keyword in node.keywords:
            self._expr(keyword.value, None)
        outer = self.scope
        self.scope = Scope(outer)
        self._body(node.body)
        self.scope = outer

    def visit_Assign(self, node: ast.Assign) -> None:
        held: set[str] = set()
        before = self._nodes
        self._expr(node.value, held)
        [first, *more] = node.targets
        if not more and isinstance(first, ast.Name):
            self._assign(first.id, node.value, self._nodes - before)
            self._bind_value(first.id, node.value, held)
            return
        for target in node.targets:
            self._target(target, held)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._expr(node.annotation, None)
        if node.value is None:  # a declaration binds nothing
            if not isinstance(node.target, ast.Name):
                self._expr(node.target, None)
            return
        held: set[str] = set()
        before = self._nodes
        self._expr(node.value, held)
        if isinstance(node.target, ast.Name):
            self._assign(node.target.id, node.value, self._nodes - before)
            self._bind_value(node.target.id, node.value, held)
        else:
            self._target(node.target, held)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        held: set[str] = set()
        self._expr(node.value, held)
        if isinstance(node.target, ast.Name):  # rebound, and a list is changed in place
            self._bind(node.target.id)
            self._handed.add(node.target.id)
            self._handed.update(held)
        else:
            self._change(node.target, held)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._target(target, set())

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        held: set[str] = set()
        self._expr(node.iter, held)
        self._target(node.target, held)
        self._body([*node.body, *node.orelse])

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            held: set[str] = set()
            self._expr(item.context_expr, held)
            self._handed.update(held)  # its __enter__ may change it
            if item.optional_vars is not None:
                self._target(item.optional_vars, held)
        self._body(node.body)

    visit_AsyncWith = visit_With

    def visit_Return(self, node: ast.Return) -> None:
        self._expr(node.value, self._handed)

    def visit_Raise(self, node: ast.Raise) -> None:
        self._expr(node.exc, self._handed)
        self._expr(node.cause, self._handed)

    def visit_Match(self, node: ast.Match) -> None:
        held: set[str] = set()
        self._expr(node.subject, held)
        for case in node.cases:
            captured = [name for part in ast.walk(case.pattern) for name in _captures(part)]
            for name in captured:
                self._bind(name)
            self._share([*captured, *held])
            self._expr(case.guard, None)
            self._body(case.body)

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name == "*":
                self.scope.opaque = True  # any name of the module may be rebound
            else:
                self._bind((alias.asname or alias.name).split(".")[0])

    visit_ImportFrom = visit_Import

    def visit_Global(self, node: ast.Global | ast.Nonlocal) -> None:
        self._handed.update(node.names)  # bound from elsewhere too: never taken as known
        for name in node.names:  # rebound there (in a function or a class body): never fixed
            self._kinds[name] = self._kinds.get(name, 0) | _VARIABLE

    visit_Nonlocal = visit_Global

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._expr(node.type, None)
        if node.name:
            self._bind(node.name)
        self._body(node.body)


def _captures(pattern: ast.AST) -> list[str]:
    """The names a match pattern binds."""
    if isinstance(pattern, (ast.MatchAs, ast.MatchStar)) and pattern.name:
        return [pattern.name]
    if isinstance(pattern, ast.MatchMapping) and pattern.rest:
        return [pattern.rest]
    return []


_EXPRESSIONS: dict[type[ast.AST], Handler] = {
    ast.Name: Binder._name,
    ast.Attribute: Binder._attribute,
    ast.Subscript: Binder._subscript,
    ast.Compare: Binder._compare,
    ast.JoinedStr: Binder._unheld,
    ast.Await: Binder._handed_away,
    ast.Yield: Binder._handed_away,
    ast.YieldFrom: Binder._handed_away,
    ast.IfExp: Binder._if_expression,
    ast.NamedExpr: Binder._walrus,
    ast.ListComp: Binder._comprehension,
    ast.SetComp: Binder._comprehension,
    ast.GeneratorExp: Binder._comprehension,
    ast.DictComp: Binder._comprehension,
    ast.Call: Binder._call,
    ast.Lambda: lambda binder, node, into: binder._function(node),
}
"""How each kind of expression passes on the objects it holds (others: all their parts)."""
