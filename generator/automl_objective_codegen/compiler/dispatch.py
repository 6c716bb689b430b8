"""A check's ``if``/``then`` rules dispatched on what their conditions require.

A node like a V2 request's definition holds one ``if``/``then`` per problem type; its check
used to test every condition on every document. Yet an ``if`` with only a ``then`` reports a
failure only when its condition SURELY passes (see ``keywords/conditional.py``: the check
returns False when ``check(if)``, ``not check(then)`` and ``surely(if)`` all hold), and what
surely passing implies can be read off the condition's schema: a member required of an
object is present, a string ``const`` is that string. So each such rule gets a *gate*, a chain
of those facts from the checked value (``AutoMLProblemTypeConfig`` present, and in it
``TabularJobConfig``, and in it ``ProblemType``, equal to ``"Regression"``); the rules'
gates share one walk (a trie), and a rule is tested only where its gate holds, as
``not check(then) and check(if) and surely(if)``: the same three pure tests, so the same
answer, with the one that a clean document passes first. Strings at the same place are
tested by ``if``/``elif`` (a string equals at most one of them).

Facts are taken only from ops whose "surely" meaning is known here (``type: object``,
``required``, ``properties``, a string ``const``, ``$ref``, ``x-warn``, ``allOf``); any other
op adds none, which only makes a gate wider. A rule whose condition gives no fact, an ``if``
with an ``else``, and any other op keep the general code. The explainer, the "surely"
functions and a check written in line keep the general code too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from automl_objective_codegen.compiler.ir import Node, Op, Ref
from automl_objective_codegen.compiler.keywords.all_of import AllOfOp
from automl_objective_codegen.compiler.keywords.conditional import IfOp
from automl_objective_codegen.compiler.keywords.const_value import ConstOp
from automl_objective_codegen.compiler.keywords.json_type import TypeOp
from automl_objective_codegen.compiler.keywords.properties import PropertiesOp
from automl_objective_codegen.compiler.keywords.reference import CallOp
from automl_objective_codegen.compiler.keywords.required import RequiredOp
from automl_objective_codegen.environment import PYTHON_FILTERS, PyCode

_py: Callable[[Any], PyCode] = PYTHON_FILTERS["py"]

HAS = "has"
"""A step of a gate: the value is an object holding this member (the next step is about it)."""
IS = "is"
"""The last step of a gate: the value is this string."""
Step = tuple[str, str]
Gate = tuple[Step, ...]


def _is_object(ops: tuple[Op, ...]) -> bool:
    return any(isinstance(op, TypeOp) and op.types == ("object",) for op in ops)


def gates(nodes: Mapping[int, Node], ref: Ref, is_object: bool, seen: frozenset[int]) -> list[Gate]:
    """The chains of facts a value surely passing node ``ref`` has (``is_object``: the value
    is known to be an object where the node is tested), in schema order."""
    if ref.number in seen:
        return []
    seen |= {ref.number}
    ops = nodes[ref.number].ops
    is_object = is_object or _is_object(ops)
    required = {n for op in ops if isinstance(op, RequiredOp) for n in op.names}
    found: list[Gate] = [((HAS, n),) for n in sorted(required)] if is_object else []
    for op in ops:
        found.extend(_op_gates(nodes, op, is_object, required, seen))
    return found


def _op_gates(
    nodes: Mapping[int, Node], op: Op, is_object: bool, required: set[str], seen: frozenset[int]
) -> Iterator[Gate]:
    if isinstance(op, ConstOp) and isinstance(op.value, str):
        yield ((IS, op.value),)
    elif isinstance(op, PropertiesOp) and is_object:
        for name, child in op.members:
            if name in required:  # present: its own subschema surely passes it
                for gate in gates(nodes, child, False, seen):
                    yield ((HAS, name), *gate)
    elif isinstance(op, (CallOp, AllOfOp)):
        for child in op.refs():
            yield from gates(nodes, child, is_object, seen)


def gate_of(nodes: Mapping[int, Node], rule: IfOp, is_object: bool) -> Gate | None:
    """The longest chain of facts the rule's condition implies (the first of the longest),
    None if it implies none or the rule has an ``else``."""
    if rule.then is None or rule.otherwise is not None:
        return None
    found = gates(nodes, rule.condition, is_object, frozenset())
    return max(found, key=len) if found else None


@dataclass
class Branch:
    """The rules whose gate ends here, and the steps on from here."""

    rules: list[IfOp] = field(default_factory=list)
    members: dict[str, Branch] = field(default_factory=dict)  # HAS steps
    strings: dict[str, Branch] = field(default_factory=dict)  # IS steps

    def add(self, gate: Gate, rule: IfOp) -> None:
        branch = self
        for kind, name in gate:
            steps = branch.members if kind == HAS else branch.strings
            branch = steps.setdefault(name, Branch())
        branch.rules.append(rule)


@dataclass(frozen=True)
class Dispatch:
    """The dispatched rules of one node's check (their places in its ops), and their trie;
    ``gates``: each rule's gate, by its place."""

    indexes: frozenset[int]
    root: Branch
    gates: Mapping[int, Gate] = field(default_factory=dict)


def plan(nodes: Mapping[int, Node], node: Node, sure: str | None) -> Dispatch | None:
    """The node's rules that get a gate (``sure``: the Python type its check already knows
    ``v`` has), None when none does."""
    root = Branch()
    found: dict[int, Gate] = {}
    for index, op in enumerate(node.ops):
        if isinstance(op, IfOp):
            gate = gate_of(nodes, op, sure == "dict")
            if gate is not None:
                root.add(gate, op)
                found[index] = gate
    return Dispatch(frozenset(found), root, found) if found else None


def gate_test(gate: Gate) -> str:
    """The gate as one test of ``v``, for an explainer, where ``v`` may be anything: true
    when ``v`` is no object (the rule is then explained as the general code does, since the
    gate's first facts were read as of an object), else when every fact holds. A rule's
    explainer reports only where its condition surely holds, so where the test is false it
    would report nothing: the test only spares the calls that find that out."""
    facts = []
    value = "v"
    for number, (kind, name) in enumerate(gate):
        if kind == HAS:
            if number:
                facts.append(f"isinstance({value}, dict)")
            facts.append(f"{_py(name)} in {value}")
            value = f"{value}[{_py(name)}]"
        else:
            facts.append(f"isinstance({value}, str) and {value} == {_py(name)}")
    return f"not isinstance(v, dict) or ({' and '.join(facts)})"


Expression = Callable[[Ref], str]


@dataclass
class Writer:
    """Writes a dispatch's lines: ``passes(ref)`` is a node's check of ``v`` as an
    expression, ``surely(ref)`` the name of its "surely passes" function."""

    passes: Expression
    surely: Expression
    lines: list[str] = field(default_factory=list)
    named: int = 0

    def branch(self, branch: Branch, value: str, depth: int, is_object: bool) -> None:
        pad = "    " * depth
        for rule in branch.rules:
            assert rule.then is not None
            then, condition = self.passes(rule.then), self.passes(rule.condition)
            self.lines.append(
                f"{pad}if not {then} and {condition} and {self.surely(rule.condition)}(v):"
            )
            self.lines.append(f"{pad}    return False")
        if branch.members:
            self._members(branch.members, value, depth, is_object)
        if branch.strings:
            self.lines.append(f"{pad}if isinstance({value}, str):")
            for number, (text, inner) in enumerate(branch.strings.items()):
                keyword = "elif" if number else "if"
                self.lines.append(f"{pad}    {keyword} {value} == {_py(text)}:")
                self.branch(inner, value, depth + 2, False)

    def _members(self, members: dict[str, Branch], value: str, depth: int, is_object: bool) -> None:
        if not is_object:
            self.lines.append(f"{'    ' * depth}if isinstance({value}, dict):")
            depth += 1
        pad = "    " * depth
        for name, inner in members.items():
            self.lines.append(f"{pad}if {_py(name)} in {value}:")
            member = value
            if inner.members or inner.strings:
                self.named += 1
                member = f"d_{self.named}"
                self.lines.append(f"{pad}    {member} = {value}[{_py(name)}]")
            self.branch(inner, member, depth + 1, False)


def render_dispatch(
    dispatch: Dispatch, passes: Expression, surely: Expression, is_object: bool
) -> PyCode:
    """The lines of the check that test the dispatched rules (``is_object``: ``v`` is known
    to be a dict there)."""
    writer = Writer(passes, surely)
    writer.branch(dispatch.root, "v", 1, is_object)
    return PyCode("".join(f"{line}\n" for line in writer.lines))
