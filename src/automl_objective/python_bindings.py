"""Which names a Python module binds once, and to what: the scopes ``ast`` code is read in.

A name counts as bound to a value only where one plain assignment binds it in its scope and
nothing else does: not a second assignment, a loop, ``with``, an import, a parameter, a
``global``, nor a change after binding (``x[...] = ``, ``x.update(...)``, ``del x[...]``),
which makes the name unknown everywhere in the module.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from automl_objective.positions import split_lines

Place = tuple[int | None, int, int]
"""Where a literal is written: (notebook cell or None, 1-based line, 1-based column)."""

_MUTATORS = frozenset(
    {"update", "pop", "popitem", "setdefault", "clear", "append", "extend", "insert", "remove"}
)


@dataclass
class Chunk:
    """One piece of source parsed on its own: a whole file, or one notebook cell."""

    cell: int | None
    source: str
    tree: ast.Module
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = split_lines(self.source)  # as Python counts lines: a lone CR ends one

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
            if name in scope.once:
                node, chunk = scope.once[name]
                return node, chunk, scope
            if name in scope.other:
                return None
            scope = scope.parent
        return None


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


class Binder(ast.NodeVisitor):
    """Walks a module: each scope's bindings, the names changed after binding, the calls."""

    def __init__(self, module: Scope) -> None:
        self.scope = module
        self.visible = module  # the scope functions defined here see (classes are skipped)
        self.chunk: Chunk | None = None
        self.mutated: set[str] = set()
        self.calls: list[tuple[ast.Call, Scope, Chunk]] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        if not isinstance(node, ast.Lambda):
            self.scope.bind(node.name)
            for decorator in node.decorator_list:
                self.visit(decorator)
        outer, outer_visible = self.scope, self.visible
        self.scope = self.visible = Scope(outer_visible)
        arguments = node.args
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
            self.scope.bind(argument.arg)
        for extra in (arguments.vararg, arguments.kwarg):
            if extra is not None:
                self.scope.bind(extra.arg)
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            self.visit(statement)
        self.scope, self.visible = outer, outer_visible

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.bind(node.name)
        for expression in [*node.bases, *node.decorator_list]:
            self.visit(expression)
        outer = self.scope
        self.scope = Scope(outer)
        for statement in node.body:
            self.visit(statement)
        self.scope = outer

    def _store(self, target: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.scope.bind(target.id)
        elif isinstance(target, (ast.Subscript, ast.Attribute)):
            name = _root_name(target)
            if name is not None:
                self.mutated.add(name)
            self.generic_visit(target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for item in target.elts:
                self._store(item)
        elif isinstance(target, ast.Starred):
            self._store(target.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        assert self.chunk is not None
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            self.scope.assign(node.targets[0].id, node.value, self.chunk)
        else:
            for target in node.targets:
                self._store(target)
        self.visit(node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        assert self.chunk is not None
        if node.value is not None and isinstance(node.target, ast.Name):
            self.scope.assign(node.target.id, node.value, self.chunk)
            self.visit(node.value)
        elif node.value is not None:
            self._store(node.target)
            self.visit(node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._store(node.target)
        self.visit(node.value)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._store(target)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):  # for, with, comprehensions, :=
            self.scope.bind(node.id)

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            self.scope.bind((alias.asname or alias.name).split(".")[0])

    visit_ImportFrom = visit_Import

    def visit_Global(self, node: ast.Global | ast.Nonlocal) -> None:
        self.mutated.update(node.names)  # bound from elsewhere too: never taken as known

    visit_Nonlocal = visit_Global

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.scope.bind(node.name)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        assert self.chunk is not None
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _MUTATORS:
            name = _root_name(func.value)
            if name is not None:
                self.mutated.add(name)
        self.calls.append((node, self.scope, self.chunk))
        self.generic_visit(node)
