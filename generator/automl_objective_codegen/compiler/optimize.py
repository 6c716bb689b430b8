"""Passes over the nodes that keep every verdict and failure and make the module smaller and
the checks faster: aliases removed, equal nodes merged, pass-on ``allOf`` members inlined."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from automl_objective_codegen.compiler.ir import Node, Op, map_refs
from automl_objective_codegen.compiler.keywords.all_of import AllOfOp
from automl_objective_codegen.compiler.keywords.reference import CallOp

Target = Callable[[int], int]


def _lookup(table: dict[int, int]) -> Target:
    return lambda number: table.get(number, number)


def retarget(nodes: Iterable[Node], target: Target) -> list[Node]:
    """The nodes with every ref pointing at ``target(number)`` instead."""
    result = []
    for node in nodes:
        ops = tuple(map_refs(op, target) for op in node.ops)
        same = all(new is old for new, old in zip(ops, node.ops, strict=True))
        result.append(node if same else dataclasses.replace(node, ops=ops))
    return result


def without_titles(nodes: list[Node], entries: set[int]) -> list[Node]:
    """A title names only the document itself (a finding at its root): inside, the member
    name says where, so equal shapes of other names can share one check."""
    return [
        node
        if node.number in entries
        else dataclasses.replace(node, facts=tuple(f for f in node.facts if f[0] != "title"))
        for node in nodes
    ]


def without_aliases(nodes: list[Node]) -> tuple[list[Node], Target]:
    """The nodes without those that only refer to another (a bare ``$ref``), every reference
    to one pointing at its target instead: fewer calls on every check, a smaller module."""
    alias = {
        n.number: op.child.number
        for n in nodes
        if not n.facts and len(n.ops) == 1
        for op in n.ops
        if isinstance(op, CallOp) and not op.warn
    }

    def target(number: int) -> int:
        seen = set()
        while number in alias and number not in seen:
            seen.add(number)
            number = alias[number]
        return number

    kept = [n for n in nodes if n.number not in alias or target(n.number) == n.number]
    return retarget(kept, target), target


def merge_equal(nodes: list[Node]) -> tuple[list[Node], Target]:
    """Nodes that check and say the same (the same shape under two names, or in two AWS
    files) merged into the first, until no two are alike."""
    mapping: dict[int, int] = {}
    while True:
        first: dict[str, int] = {}
        merges = {}
        for node in nodes:
            same = first.setdefault(node.signature, node.number)
            if same != node.number:
                merges[node.number] = same
        if not merges:
            return nodes, _lookup(mapping)
        mapping = {k: merges.get(v, v) for k, v in mapping.items()} | merges
        nodes = retarget((n for n in nodes if n.number not in merges), _lookup(merges))


def spliced(nodes: list[Node]) -> list[Node]:
    """``allOf`` members that only pass the value on (an ``if``, a ``$ref``) inlined into
    their parent's ops: the same checks, in the same order, one call fewer each."""
    by_number = {node.number: node for node in nodes}

    def inline(ops: Iterable[Op]) -> list[Op]:
        result: list[Op] = []
        for op in ops:
            if not isinstance(op, AllOfOp):
                result.append(op)
                continue
            for child in op.children:
                inner = by_number[child.number]
                if inner.ops and all(o.passes_on() for o in inner.ops):
                    result.extend(inline(inner.ops))
                else:
                    result.append(CallOp(keyword=op.keyword, code=op.code, child=child))
        return result

    return [dataclasses.replace(node, ops=tuple(inline(node.ops))) for node in nodes]
