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
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from automl_objective import sdk_names

Place = tuple[int | None, int, int]
"""Where a literal is written: (notebook cell or None, 1-based line, 1-based column)."""

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
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
_OPAQUE = frozenset({"exec", "eval", "globals", "locals", "vars"})
"""Calls that can rebind or change any name by its spelling."""


@dataclass
class Chunk:
    """One piece of source parsed on its own: a whole file, or one notebook cell."""

    cell: int | None
    source: str
    tree: ast.Module
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        # Python ends a line at \r\n, \r or \n, and nowhere else (not at \f or U+2028)
        self.lines = _LINE_BREAK.split(self.source)

    def place(self, node: ast.AST) -> Place:
        """The node's 1-based line and column in characters (``ast`` counts UTF-8 bytes)."""
        line, offset = getattr(node, "lineno", 1), getattr(node, "col_offset", 0)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if not text.isascii():
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "replace"))
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


def _is_constant(value: ast.expr) -> bool:
    """A value that cannot be changed in place: a constant, a signed number, an f-string."""
    if isinstance(value, ast.UnaryOp):
        value = value.operand
    return isinstance(value, (ast.Constant, ast.JoinedStr))


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
        self._shared: list[tuple[int, str]] = []
        """(group, name): the names of one binding, which may share an object."""
        self._handed: set[str] = set()
        """Names changed in place or handed to code not seen into."""
        self._receivers: list[str] = []
        """Names a method not known to be a reader is called on (an SDK object's are not)."""
        self._constant: set[str] = set()
        self._variable: set[str] = set()
        self._sdk: set[str] = set()
        self._not_sdk: set[str] = set()
        self._opaque = False
        self._groups = _Groups()
        self._changed: set[str | int] = set()

    # -- bindings ------------------------------------------------------------------------

    def _note(self, name: str, value: ast.expr | None) -> None:
        """How ``name`` is bound (``value``: the expression of a plain assignment)."""
        constant = value is not None and _is_constant(value)
        (self._constant if constant else self._variable).add(name)
        sdk = isinstance(value, ast.Call) and sdk_names.builds_sdk_object(value)
        (self._sdk if sdk else self._not_sdk).add(name)

    def _bind(self, name: str) -> None:
        self.scope.bind(name)
        self._note(name, None)

    def _assign(self, name: str, value: ast.expr) -> None:
        assert self.chunk is not None
        self.scope.assign(name, value, self.chunk)
        self._note(name, value)

    def _share(self, names: Iterable[str]) -> None:
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
        fixed = self._constant - self._variable
        for group, name in self._shared:
            if name not in fixed:
                self._groups.union(group, name)
        handed = set(self._handed)
        handed.update(n for n in self._receivers if n not in self._sdk or n in self._not_sdk)
        self._changed = {self._groups.find(name) for name in handed - fixed}
        self._fixed = fixed

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
        handler = _EXPRESSIONS.get(type(node))
        if handler is not None:
            handler(self, node, into)
            return
        for child in ast.iter_child_nodes(node):
            self._expr(child, into)

    def _name(self, node: ast.Name, into: set[str] | None) -> None:
        if not isinstance(node.ctx, ast.Load):
            self._bind(node.id)
        elif into is not None:
            into.add(node.id)

    def _attribute(self, node: ast.Attribute, into: set[str] | None) -> None:
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

    def _arguments(self, node: ast.Call, into: set[str] | None) -> None:
        for argument in node.args:
            self._expr(argument, into)
        for keyword in node.keywords:
            self._expr(keyword.value, into)

    def _call(self, node: ast.Call, into: set[str] | None) -> None:
        func = node.func
        if sdk_names.request_version(node) is not None:
            assert self.chunk is not None
            self.calls.append((node, self.scope, self.chunk))
            # read, not changed; an SDK v2 estimator keeps what it is given
            keeps = sdk_names.callee(node) in sdk_names.SDK_V2_ESTIMATORS
            self._expr(func, None)
            self._arguments(node, into if keeps else None)
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
        receiver = func.value
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
        self._expr(node.value, held)
        [first, *more] = node.targets
        if not more and isinstance(first, ast.Name):
            self._assign(first.id, node.value)
            self._share([first.id, *held])
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
        self._expr(node.value, held)
        if isinstance(node.target, ast.Name):
            self._assign(node.target.id, node.value)
            self._share([node.target.id, *held])
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
    ast.Compare: Binder._unheld,
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
