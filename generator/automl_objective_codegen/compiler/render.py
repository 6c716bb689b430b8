"""From nodes to the text of ``checks.py``: each op rendered by its emitter's macros, the
module laid out by ``templates/checks.py.jinja2``.

Every node gets a check (``v -> bool``: no failure is certain) and an explainer (appends the
certain failures); a node whose "surely passes" is asked (by an ``if`` condition, a ``not``, a
``oneOf`` member, or a node inside one) gets that function too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

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

    def check(self, ref: Ref) -> PyCode:
        return self.functions.check(ref)

    def explain(self, ref: Ref) -> PyCode:
        return self.functions.explain(ref)

    def surely(self, ref: Ref) -> PyCode:
        return self.functions.surely(ref)

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
        """The statement that records this op's failure at ``v``."""
        word = _py(self.op.keyword if keyword is None else keyword)
        return PyCode(
            f"out.append(Failure({_py(self.op.code)}, warn, path, {word}, v, {_py(value)}, "
            f"{self.facts}))"
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


@dataclass(frozen=True)
class _Renderer:
    emitters: dict[type[Op], Emitter]
    functions: Functions
    asked: set[int]
    docs: dict[int, str]

    def node(self, node: Node) -> RenderedNode:
        ref = node.ref
        name = self.functions.name(ref)
        numbered = list(enumerate(node.ops))
        # The check runs a type test first: what follows may rely on it (its guard goes).
        ordered = [pair for pair in numbered if pair[1].narrows() is not None]
        ordered += [pair for pair in numbered if pair[1].narrows() is None]
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
            check_body=body("check", ordered, sure),
            explain_body=body("explain", numbered, None),
            surely_body=body("surely", ordered, sure) if wanted else PyCode(""),
            accepts_anything=node.accepts_anything(),
            facts_name=_ident(f"F_{name}"),
            facts=node.facts,
            tables=body("tables", numbered, None),
        )

    def _op(self, macro: str, op: Op, index: int, sure: str | None, name: str) -> str:
        snippet = Snippet(
            op, sure, _ident(f"X_{name}_{index}"), _ident(f"F_{name}"), self.functions
        )
        return _emitted(self.emitters[type(op)], macro, snippet)


def render_checks(compiled: Compiled, header: str) -> str:
    """The text of ``checks.py``."""
    entries = compiled.entries
    functions = Functions(
        node_names(list(compiled.nodes), entries), frozenset(e.ref.number for e in entries)
    )
    docs: dict[int, str] = {}
    for entry in entries:
        docs.setdefault(entry.ref.number, entry.doc)
    renderer = _Renderer(
        {emitter.op: emitter for emitter in compiled.emitters},
        functions,
        surely_asked(compiled.nodes),
        docs,
    )
    return render(
        "checks.py.jinja2",
        header=header,
        nodes=[renderer.node(node) for node in compiled.nodes],
        tables={
            table: [
                (e.key, functions.check(e.ref), functions.explain(e.ref))
                for e in entries
                if e.table == table
            ]
            for table in ("ROOT", "DEFS", "AWS")
        },
    )
