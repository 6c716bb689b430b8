"""From nodes to the text of ``checks.py`` and ``explainers.py``: each op rendered by its
emitter's macros, the modules laid out by ``templates/checks.py.jinja2`` (the checks) and
``templates/explainers.py.jinja2`` (the explainers, which a clean run never imports).

Every node gets a check (``v -> bool``: no failure is certain) and an explainer (appends the
certain failures); a node whose "surely passes" is asked (by an ``if`` condition, a ``not``, a
``oneOf`` member, or a node inside one) gets that function too.

A check calls a small node's check by writing it in line (:class:`Inliner`): a clean document
runs a few calls, not one per schema node.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from automl_objective_codegen.compiler.dispatch import gate_test, plan, render_dispatch
from automl_objective_codegen.compiler.emitter import Emitter
from automl_objective_codegen.compiler.ir import Compiled, Facts, Node, Op, Ref
from automl_objective_codegen.compiler.names import node_names
from automl_objective_codegen.environment import (
    PYTHON_FILTERS,
    PyCode,
    python_environment,
    render,
)

_py: Callable[[Any], PyCode] = PYTHON_FILTERS["py"]
_ident: Callable[[Any], PyCode] = PYTHON_FILTERS["ident"]
_SEPARATORS = frozenset({" or ", ", "})
MAX_INLINE = 700
"""The longest expression a check writes in line instead of calling the node's check."""
# The name ``v`` outside string literals (and not an attribute): what a value is renamed at.
_NAME_V = re.compile(r"(\"(?:[^\"\\]|\\.)*\")|(?<![.\w])v\b")


@dataclass(frozen=True)
class Functions:
    """The generated function names of every node."""

    names: dict[int, str]
    public: frozenset[int]

    def name(self, ref: Ref) -> str:
        return _ident(self.names[ref.number])

    def check(self, ref: Ref) -> PyCode:
        hidden = "" if ref.number in self.public else "_"
        return _ident(f"{hidden}check_{self.name(ref)}")

    def explain(self, ref: Ref) -> PyCode:
        hidden = "" if ref.number in self.public else "_"
        return _ident(f"{hidden}explain_{self.name(ref)}")

    def surely(self, ref: Ref) -> PyCode:
        return _ident(f"_surely_{self.name(ref)}")


@dataclass(frozen=True)
class Snippet:
    """What an emitter's macro gets as ``s``: its op and the names around it."""

    op: Op
    sure: str | None  # the Python type ``v`` surely has here (its guard can go), if known
    c: PyCode  # the name of this op's module-level constant(s)
    facts: PyCode  # the name of the node's facts
    functions: Functions
    inliner: Inliner | None = None

    def check(self, ref: Ref) -> PyCode:
        return self.functions.check(ref)

    def explain(self, ref: Ref) -> PyCode:
        return self.functions.explain(ref)

    def surely(self, ref: Ref) -> PyCode:
        return self.functions.surely(ref)

    def passes(self, ref: Ref, value: str) -> PyCode:
        """An expression, True when the node's check passes ``value`` (a name or a subscript
        of one: it may be read more than once): the check written in line when it is small,
        else a call of it."""
        if self.inliner is None:
            return PyCode(f"{self.check(ref)}({value})")
        return self.inliner.passes(ref, value)

    def passes_each(self, refs: Iterable[Ref], joined: str) -> PyCode:
        """:meth:`passes` of ``v`` for each node, joined by `` and `` or `` or ``."""
        if joined not in (" and ", " or "):
            raise ValueError(f"no junction {joined!r}")
        return PyCode(joined.join(self.passes(ref, "v") for ref in refs))

    def calls(self, role: str, refs: Iterable[Ref], separator: str) -> PyCode:
        """``f(v)`` for the ``role`` function (check, surely) of each node, joined by
        ``separator`` (`` or `` or ``, ``)."""
        if separator not in _SEPARATORS:
            raise ValueError(f"no separator {separator!r}")
        name = {"check": self.check, "surely": self.surely}[role]
        return PyCode(separator.join(f"{name(ref)}(v)" for ref in refs))

    def guard(self, python_type: str) -> PyCode:
        """``isinstance(v, <type>) and `` unless ``v`` is surely of that type here."""
        if self.sure == python_type:
            return PyCode("")
        return PyCode(f"isinstance(v, {_ident(python_type)}) and ")

    def fail(self, value: Any, keyword: str | None = None) -> PyCode:
        """The statement that records this op's failure at ``v`` (a :class:`Failure` built
        by ``tuple.__new__``, the explainers' ``_NEW``: without the call of the named tuple's
        Python ``__new__``, half the cost)."""
        word = _py(self.op.keyword if keyword is None else keyword)
        return PyCode(
            f"out.append(_NEW(Failure, ({_py(self.op.code)}, warn, path, {word}, v, "
            f"{_py(value)}, {self.facts})))"
        )


@dataclass(frozen=True)
class RenderedNode:
    check: PyCode
    explain: PyCode
    surely: PyCode | None
    doc: PyCode | None
    check_body: PyCode
    explain_body: PyCode
    surely_body: PyCode
    accepts_anything: bool
    facts_name: PyCode
    facts: Facts
    tables: PyCode
    explain_tables: PyCode


@cache
def _macros(template: str) -> Any:
    return python_environment().from_string(template).module


def _emitted(emitter: Emitter, macro: str, snippet: Snippet) -> str:
    found = getattr(_macros(emitter.template), macro, None)
    return "" if found is None else str(found(snippet))


def surely_asked(nodes: Iterable[Node]) -> set[int]:
    """The nodes whose "surely passes" function some check or explainer calls."""
    by_number = {node.number: node for node in nodes}
    todo = [r.number for n in by_number.values() for op in n.ops for r in op.surely_needs()]
    asked: set[int] = set()
    while todo:
        number = todo.pop()
        if number not in asked:
            asked.add(number)
            todo.extend(r.number for op in by_number[number].ops for r in op.refs())
    return asked


def _one_line(text: str) -> str:
    """A macro's expression on one line (a string literal never holds a line break): its
    lines joined by a space, none after an opening or before a closing parenthesis."""
    joined = ""
    for line in filter(None, (line.strip() for line in text.splitlines())):
        tight = not joined or joined.endswith("(") or line.startswith(")")
        joined += line if tight else f" {line}"
    return joined


def renamed(expression: str, value: str) -> str:
    """``expression`` (about ``v``) about ``value`` instead: every ``v`` outside its string
    literals replaced (the generated code quotes strings with double quotes only)."""
    return _NAME_V.sub(lambda m: m.group(1) or value, expression)


def _ordered(ops: Iterable[Op]) -> list[tuple[int, Op]]:
    """A check's ops in the order it runs them: a type test first (what follows may rely on
    it, and its guard goes), a test of every item last (a list of 5,000 tags over its
    maximum of 50 fails at once, not after 5,000 tests). A predicate's tests are pure, so
    their order changes its time, never its answer."""
    numbered = list(enumerate(ops))
    first = [pair for pair in numbered if pair[1].narrows() is not None]
    rest = [pair for pair in numbered if pair[1].narrows() is None]
    return first + [p for p in rest if not p[1].loops()] + [p for p in rest if p[1].loops()]


@dataclass
class Inliner:
    """Each node's check as one expression about ``v``, where every op of the node has one:
    ``fails(s)`` (the check returns False when it holds) or ``holds(s)`` (the check returns
    ``v is DYNAMIC`` when it does not). Folded in the order the check runs them, the
    expression returns what the check returns, evaluating the same tests in the same order;
    a node with a loop, a recursive one, or one longer than :data:`MAX_INLINE` is called."""

    emitters: dict[type[Op], Emitter]
    functions: Functions
    nodes: dict[int, Node]
    _found: dict[int, str | None] = field(default_factory=dict)

    def passes(self, ref: Ref, value: str) -> PyCode:
        expression = self.expression(ref)
        if expression is None:
            return PyCode(f"{self.functions.check(ref)}({value})")
        if value == "v":
            return PyCode(expression)
        uses = sum(1 for found in _NAME_V.finditer(expression) if not found.group(1))
        if uses <= 1:
            return PyCode(renamed(expression, value))
        # Read once: bound to a local named after the node (a node never holds itself in
        # line, so the name is not rebound while it is in use).
        local = f"v_{ref.number}"
        return PyCode(f"((({local} := {value}) is {local}) and {renamed(expression, local)})")

    def expression(self, ref: Ref) -> str | None:
        number = ref.number
        if number not in self._found:
            self._found[number] = None  # a node inside itself is called
            self._found[number] = self._folded(self.nodes[number])
        return self._found[number]

    def _folded(self, node: Node) -> str | None:
        ordered = _ordered(node.ops)
        sure = ordered[0][1].narrows() if ordered else None
        name = self.functions.name(node.ref)
        tests = []
        for position, (index, op) in enumerate(ordered):
            snippet = Snippet(
                op, sure, _ident(f"X_{name}_{index}"), _ident(f"F_{name}"), self.functions, self
            )
            emitter = self.emitters[type(op)]
            if not _emitted(emitter, "check", snippet).strip():
                continue  # the op never fails
            fails = _one_line(_emitted(emitter, "fails", snippet))
            holds = _one_line(_emitted(emitter, "holds", snippet))
            if not (fails or holds):
                return None
            # after the op that narrows v (first, when one does: a type), v is of that type,
            # so never DYNAMIC: what the check returns when a test does not hold is False
            tests.append((fails, holds, sure is not None and position > 0))
        result = "True"
        for fails, holds, narrowed in reversed(tests):
            otherwise = "False" if narrowed else "v is DYNAMIC"
            if fails:
                result = f"not ({fails})" if result == "True" else f"not ({fails}) and {result}"
            elif narrowed and result == "True":
                result = f"({holds})"
            else:
                result = (
                    f"({holds} or {otherwise})"
                    if result == "True"
                    else f"(({result}) if {holds} else {otherwise})"
                )
        return f"({result})" if len(result) <= MAX_INLINE else None


@dataclass(frozen=True)
class _Renderer:
    emitters: dict[type[Op], Emitter]
    functions: Functions
    asked: set[int]
    docs: dict[int, str]
    inliner: Inliner
    dispatch: bool

    def node(self, node: Node) -> RenderedNode:
        ref = node.ref
        name = self.functions.name(ref)
        numbered = list(enumerate(node.ops))
        ordered = _ordered(node.ops)
        sure = ordered[0][1].narrows() if ordered else None

        def body(macro: str, ops: list[tuple[int, Op]], narrowed: str | None) -> PyCode:
            return PyCode("".join(self._op(macro, op, i, narrowed, name) for i, op in ops))

        wanted = node.number in self.asked
        doc = self.docs.get(node.number)
        return RenderedNode(
            check=self.functions.check(ref),
            explain=self.functions.explain(ref),
            surely=self.functions.surely(ref) if wanted else None,
            doc=None if doc is None else PYTHON_FILTERS["doc"](doc),
            check_body=self._check_body(node, ordered, sure, name),
            explain_body=self._explain_body(node, numbered, sure, name),
            surely_body=body("surely", ordered, sure) if wanted else PyCode(""),
            accepts_anything=node.accepts_anything(),
            facts_name=_ident(f"F_{name}"),
            facts=node.facts,
            tables=body("tables", numbered, None),
            explain_tables=body("explain_tables", numbered, None),
        )

    def _check_body(
        self, node: Node, ordered: list[tuple[int, Op]], sure: str | None, name: str
    ) -> PyCode:
        """The check's lines: each op's, but the ``if`` rules :mod:`.dispatch` gates are
        tested together, where the first of them was."""
        dispatch = plan(self.inliner.nodes, node, sure) if self.dispatch else None
        text = ""
        for index, op in ordered:
            if dispatch is None or index not in dispatch.indexes:
                text += self._op("check", op, index, sure, name)
            elif index == min(dispatch.indexes):
                text += render_dispatch(
                    dispatch,
                    lambda ref: self.inliner.passes(ref, "v"),
                    self.functions.surely,
                    sure == "dict",
                )
        return PyCode(text)

    def _explain_body(
        self, node: Node, numbered: list[tuple[int, Op]], sure: str | None, name: str
    ) -> PyCode:
        """The explainer's lines: each op's, in op order, those of an ``if`` rule
        :mod:`.dispatch` gates for the check each under its gate's test (:func:`gate_test`:
        a document of one problem type skips the calls that ask each other type's rule)."""
        dispatch = plan(self.inliner.nodes, node, sure) if self.dispatch else None
        text = ""
        for index, op in numbered:
            code = self._op("explain", op, index, None, name)
            if dispatch is not None and index in dispatch.indexes and code.strip():
                inner = "".join(f"    {line}\n" if line else "\n" for line in code.splitlines())
                code = f"    if {gate_test(dispatch.gates[index])}:\n{inner}"
            text += code
        return PyCode(text)

    def _op(self, macro: str, op: Op, index: int, sure: str | None, name: str) -> str:
        snippet = Snippet(
            op,
            sure,
            _ident(f"X_{name}_{index}"),
            _ident(f"F_{name}"),
            self.functions,
            self.inliner if macro in ("check", "explain") else None,
        )
        return _emitted(self.emitters[type(op)], macro, snippet)


CHECKS_FILE = "checks.py"
EXPLAINERS_FILE = "explainers.py"
_FUNCTION_NAME = re.compile(r"\b(?:_?check|_surely)_\w+")


def render_checks(compiled: Compiled, header: str, *, dispatch: bool = True) -> dict[str, str]:
    """The text of ``checks.py`` and of ``explainers.py``, by file name (the two modules of
    one package: the explainers import the checks they call, by a relative import);
    ``dispatch`` False: every ``if`` by the general code, for the tests that compare the two."""
    entries = compiled.entries
    functions = Functions(
        node_names(list(compiled.nodes), entries), frozenset(e.ref.number for e in entries)
    )
    docs: dict[int, str] = {}
    for entry in entries:
        docs.setdefault(entry.ref.number, entry.doc)
    emitters = {emitter.op: emitter for emitter in compiled.emitters}
    renderer = _Renderer(
        emitters,
        functions,
        surely_asked(compiled.nodes),
        docs,
        Inliner(emitters, functions, {node.number: node for node in compiled.nodes}),
        dispatch,
    )
    nodes = [renderer.node(node) for node in compiled.nodes]
    tables = {
        table: [
            (e.key, functions.check(e.ref), functions.explain(e.ref))
            for e in entries
            if e.table == table
        ]
        for table in ("ROOT", "DEFS", "AWS")
    }
    checks = render("checks.py.jinja2", header=header, nodes=nodes, tables=tables)
    return {CHECKS_FILE: checks, EXPLAINERS_FILE: _explainers(header, nodes)}


def _explainers(header: str, nodes: list[RenderedNode]) -> str:
    """The explainers' module, importing from the checks' module each function of it that
    they call (its checks and ``_surely_`` functions)."""
    defined = {n.check for n in nodes} | {n.surely for n in nodes if n.surely is not None}
    called = "".join(n.explain_body + n.tables + n.explain_tables for n in nodes)
    imported = sorted(defined.intersection(_FUNCTION_NAME.findall(called)))
    return render(
        "explainers.py.jinja2",
        header=header,
        nodes=nodes,
        imported=[PyCode(name) for name in imported],
    )
