"""Compile JSON Schemas into Python checks that decide and explain (generated ``checks.py``).

Every schema node becomes two functions: ``p_N(value) -> bool`` (no failure at all, warnings
included: what ``if`` conditions, ``anyOf``, ``oneOf`` and ``not`` ask, and the quick verdict
on a clean document) and ``e_N(value, path, out, warn)``, which appends one
:class:`~automl_objective.failures.Failure` per failure, as jsonschema would report it. A
keyword this compiler does not know, or an ``x-code`` the registry lacks, is refused here, at
generate time, with its JSON pointer: no rule of the schema is ever silently left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from automl_objective.failures import WARN_KEYWORD, code_for, facts_of

# Keywords that only annotate: they never fail a document.
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "title",
        "description",
        "markdownDescription",
        "default",
        "examples",
        "deprecated",
    }
)
UNICODE_PATTERN = "x-unicode-pattern"
# x-* keywords that are rules, not facts.
X_RULES = frozenset({WARN_KEYWORD, UNICODE_PATTERN})
_TYPES = frozenset({"object", "array", "string", "integer", "number", "boolean", "null"})
_SIZES = {
    "minProperties": ("dict", "<"),
    "maxProperties": ("dict", ">"),
    "minItems": ("list", "<"),
    "maxItems": ("list", ">"),
    "minLength": ("str", "<"),
    "maxLength": ("str", ">"),
}


class CompileError(ValueError):
    """A schema this compiler cannot turn into checks (named, with its JSON pointer)."""


# Annotations no check or message reads: two nodes differing only in these share one check.
_UNREAD = frozenset({"description", "markdownDescription", "$comment", "examples", "default"})


def _rules_only(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _rules_only(v) for k, v in schema.items() if k not in _UNREAD}
    if isinstance(schema, list):
        return [_rules_only(item) for item in schema]
    return schema


def _pointer(parts: Iterable[str | int]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts) or "/"


@dataclass
class Namespace:
    """One schema document: its name (for errors) and its ``$defs``."""

    name: str
    defs: dict[str, Any]


@dataclass
class Compiler:
    """Turns schema nodes into numbered IR nodes; equal nodes of one document share one."""

    known_codes: frozenset[str]
    nodes: list[SimpleNamespace] = field(default_factory=list)
    _ids: dict[tuple[str, str], int] = field(default_factory=dict)
    _defs: dict[tuple[str, str], int] = field(default_factory=dict)

    def definition(self, space: Namespace, name: str) -> int:
        """The node of ``#/$defs/<name>`` (numbered before its body: refs may recurse)."""
        key = (space.name, name)
        if key not in self._defs:
            if name not in space.defs:
                raise CompileError(f"{space.name}: $ref to a missing definition {name!r}")
            self._defs[key] = self._new()
            self._fill(self._defs[key], space.defs[name], space, ("$defs", name))
        return self._defs[key]

    def node(self, schema: Any, space: Namespace, at: tuple[str | int, ...]) -> int:
        key = (space.name, json.dumps(_rules_only(schema)))
        if key not in self._ids:
            self._ids[key] = self._new()
            self._fill(self._ids[key], schema, space, at)
        return self._ids[key]

    def _new(self) -> int:
        self.nodes.append(SimpleNamespace(id=len(self.nodes), ops=[], facts=[]))
        return len(self.nodes) - 1

    def _fill(self, number: int, schema: Any, space: Namespace, at: tuple[str | int, ...]) -> None:
        where = f"{space.name}: {_pointer(at)}"
        if schema is True:
            return
        if not isinstance(schema, dict):
            raise CompileError(f"{where}: cannot compile the schema {schema!r:.40}")
        facts = facts_of(schema)
        code = facts.get("x-code")
        if code is not None and code not in self.known_codes:
            raise CompileError(f"{where}: x-code {code!r} is not in the code registry")
        target = self.nodes[number]
        target.facts = sorted(facts.items())
        for keyword, value in schema.items():
            if keyword in ANNOTATIONS or keyword in ("then", "else"):
                continue
            if keyword.startswith("x-") and keyword not in X_RULES:
                continue
            build = _BUILDERS.get(keyword)
            if build is None:
                raise CompileError(f"{where}: cannot compile the keyword {keyword!r}")
            op = build(self, schema, value, space, (*at, keyword))
            op.kw = keyword
            op.code = code_for(keyword, facts)
            target.ops.append(op)


Builder = Callable[[Compiler, dict[str, Any], Any, Namespace, tuple[str | int, ...]], Any]


def _op(k: str, **values: Any) -> SimpleNamespace:
    return SimpleNamespace(k=k, **values)


def _need(ok: bool, space: Namespace, at: tuple[str | int, ...], what: str) -> None:
    if not ok:
        raise CompileError(f"{space.name}: {_pointer(at)}: {what}")


def _ref(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(
        isinstance(value, str) and value.startswith("#/$defs/") and value.count("/") == 2,
        space,
        at,
        f"only local #/$defs/ references compile, not {value!r:.60}",
    )
    return _op("call", child=c.definition(space, value.removeprefix("#/$defs/")), warn=False)


def _warn(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    return _op("call", child=c.node(value, space, at), warn=True)


def _all_of(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, list), space, at, "allOf must be a list")
    children = [c.node(item, space, (*at, i)) for i, item in enumerate(value)]
    return _op("calls", children=children)


def _any_of(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, list) and bool(value), space, at, "needs a non-empty list")
    return _op(at[-1], children=[c.node(item, space, (*at, i)) for i, item in enumerate(value)])


def _not(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    return _op("not", child=c.node(value, space, at))


def _if(c: Compiler, schema: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    base = at[:-1]
    branches = {
        name: c.node(schema[name], space, (*base, name)) if name in schema else None
        for name in ("then", "else")
    }
    return _op("if", cond=c.node(value, space, at), then=branches["then"], other=branches["else"])


def _type(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    types = value if isinstance(value, list) else [value]
    _need(all(t in _TYPES for t in types), space, at, f"unknown type {value!r:.60}")
    return _op("type", types=types, value=types if isinstance(value, list) else value)


def _enum(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, list), space, at, "enum must be a list")
    strings = all(isinstance(v, str) for v in value)
    _need(strings or all(_literal(v) for v in value), space, at, "enum values must be scalars")
    return _op("enum", values=value, strings=strings)


def _const(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(_literal(value), space, at, "const must be a scalar")
    return _op("const", value=value, string=isinstance(value, str))


def _literal(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, bool))


def _names(value: Any, space: Namespace, at: Any) -> list[str]:
    _need(
        isinstance(value, list) and all(isinstance(v, str) for v in value),
        space,
        at,
        "must be a list of member names",
    )
    return list(value)


def _required(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    return _op("required", names=_names(value, space, at), value=value)


def _dependent(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, dict), space, at, "dependentRequired must be an object")
    pairs = [(key, _names(deps, space, (*at, key))) for key, deps in value.items()]
    return _op("dependent", pairs=pairs)


def _properties(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, dict), space, at, "properties must be an object")
    members = [(key, c.node(sub, space, (*at, key))) for key, sub in value.items()]
    return _op("properties", members=members)


def _additional(c: Compiler, schema: Any, value: Any, space: Namespace, at: Any) -> Any:
    _need("patternProperties" not in schema, space, at, "patternProperties does not compile")
    known = list(schema.get("properties", {}))
    if value is True:
        return _op("none")
    if value is False:
        return _op("closed", names=known, value=False)
    return _op("extra", names=known, child=c.node(value, space, at))


def _property_names(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> Any:
    return _op("keys", child=c.node(value, space, at))


def _items(c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    return _op("items", child=c.node(value, space, at))


def _size(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, int) and not isinstance(value, bool), space, at, "must be an integer")
    guard, compare = _SIZES[at[-1]]
    return _op("size", guard=guard, compare=compare, value=value)


def _range(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    _need(ok, space, at, "must be a number")
    return _op("range", compare="<" if at[-1] == "minimum" else ">", value=value)


def _pattern(_c: Compiler, _s: Any, value: Any, space: Namespace, at: Any) -> SimpleNamespace:
    _need(isinstance(value, str), space, at, "a pattern must be a string")
    if at[-1] == "pattern":
        import re

        try:
            re.compile(value)
        except re.error as error:
            raise CompileError(f"{space.name}: {_pointer(at)}: {error}") from None
    return _op("pattern", value=value, unicode=at[-1] == UNICODE_PATTERN)


_BUILDERS: dict[str, Builder] = {
    "$ref": _ref,
    WARN_KEYWORD: _warn,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _any_of,
    "not": _not,
    "if": _if,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "required": _required,
    "dependentRequired": _dependent,
    "properties": _properties,
    "additionalProperties": _additional,
    "propertyNames": _property_names,
    "items": _items,
    **dict.fromkeys(_SIZES, _size),
    "minimum": _range,
    "maximum": _range,
    "pattern": _pattern,
    UNICODE_PATTERN: _pattern,
}


@dataclass(frozen=True)
class Compiled:
    """What the checks template renders."""

    nodes: list[SimpleNamespace]
    root: int
    defs: list[tuple[str, int]]
    aws: list[tuple[str, int]]


def compile_checks(
    canonical: dict[str, Any],
    aws: list[tuple[str, str, str, dict[str, Any]]],
    known_codes: Iterable[str],
) -> Compiled:
    """The canonical schema (its root and every definition) and each AWS kind's shape
    (``(kind, file name, shape, $defs)``), compiled into one set of nodes."""
    compiler = Compiler(frozenset(known_codes))
    space = Namespace("schema", canonical.get("$defs", {}))
    root = compiler.node(canonical, space, ())
    defs = [(name, compiler.definition(space, name)) for name in space.defs]
    shapes = [
        (kind, compiler.definition(Namespace(f"aws/{file}", shape_defs), shape))
        for kind, file, shape, shape_defs in aws
    ]
    for node in compiler.nodes:
        node.facts = [(key, _plain(value)) for key, value in node.facts]
    roots = {root, *(n for _, n in defs), *(n for _, n in shapes)}
    for node in compiler.nodes:
        if node.id not in roots:
            # A title names only the document itself (a finding at its root): inside, the
            # member name says where, so equal shapes of other names can share one check.
            node.facts = [(key, value) for key, value in node.facts if key != "title"]
    nodes, target = _without_aliases(compiler.nodes)
    nodes, merged = _merge_equal(nodes)
    by_id = {node.id: node for node in nodes}
    for node in nodes:
        node.ops = _spliced(node.ops, by_id)
    for node in nodes:
        _prepare(node)
    return Compiled(
        nodes,
        merged(target(root)),
        [(name, merged(target(n))) for name, n in defs],
        [(kind, merged(target(n))) for kind, n in shapes],
    )


def _signature(node: SimpleNamespace) -> str:
    return json.dumps([node.facts, [vars(op) for op in node.ops]], sort_keys=True, default=str)


def _merge_equal(
    nodes: list[SimpleNamespace],
) -> tuple[list[SimpleNamespace], Callable[[int], int]]:
    """Nodes that check and say the same (the same shape under two names, or in two AWS
    files) merged into one, until no two are alike."""
    mapping: dict[int, int] = {}
    while True:
        first: dict[str, int] = {}
        merges = {}
        for node in nodes:
            same = first.setdefault(_signature(node), node.id)
            if same != node.id:
                merges[node.id] = same
        if not merges:
            break
        mapping = {k: merges.get(v, v) for k, v in mapping.items()} | merges
        nodes = [n for n in nodes if n.id not in merges]
        _retarget(nodes, _lookup(merges))
    return nodes, _lookup(mapping)


def _lookup(table: dict[int, int]) -> Callable[[int], int]:
    return lambda number: table.get(number, number)


def _retarget(nodes: list[SimpleNamespace], target: Callable[[int], int]) -> None:
    for node in nodes:
        for op in node.ops:
            for name in ("child", "cond", "then", "other"):
                if getattr(op, name, None) is not None:
                    setattr(op, name, target(getattr(op, name)))
            if hasattr(op, "children"):
                op.children = [target(c) for c in op.children]
            if hasattr(op, "members"):
                op.members = [(key, target(c)) for key, c in op.members]


def _without_aliases(
    nodes: list[SimpleNamespace],
) -> tuple[list[SimpleNamespace], Callable[[int], int]]:
    """The nodes without those that only refer to another (a bare ``$ref``), every reference
    to one pointing at its target instead: fewer calls on every check, a smaller module."""
    alias = {
        n.id: n.ops[0].child
        for n in nodes
        if not n.facts and len(n.ops) == 1 and n.ops[0].k == "call" and not n.ops[0].warn
    }

    def target(number: int) -> int:
        seen = set()
        while number in alias and number not in seen:
            seen.add(number)
            number = alias[number]
        return number

    kept = [n for n in nodes if n.id not in alias or target(n.id) == n.id]
    _retarget(kept, target)
    return kept, target


# Ops that never report a failure of their own node (they only pass the value on).
_PASS_ON = frozenset({"if", "call", "calls"})


def _spliced(ops: list[SimpleNamespace], by_id: dict[int, SimpleNamespace]) -> list[Any]:
    """``allOf`` members that only pass the value on (an ``if``, a ``$ref``) inlined into
    their parent's ops: the same checks, in the same order, one call fewer each."""
    result: list[Any] = []
    for op in ops:
        if op.k != "calls":
            result.append(op)
            continue
        for child in op.children:
            inner = by_id[child]
            if inner.ops and all(
                o.k in _PASS_ON and not getattr(o, "warn", False) for o in inner.ops
            ):
                result.extend(_spliced(inner.ops, by_id))
            else:
                result.append(
                    SimpleNamespace(k="call", child=child, warn=False, kw=op.kw, code=op.code)
                )
    return result


_SURE = {"object": "dict", "array": "list", "string": "str"}


def _prepare(node: SimpleNamespace) -> None:
    """The predicate's order (the type test first: what follows may rely on it) and the
    Python type the value surely has past it (its guards can go)."""
    types = [op for op in node.ops if op.k == "type"]
    node.pred_ops = types + [op for op in node.ops if op.k != "type"]
    node.sure = _SURE.get(types[0].types[0]) if types and len(types[0].types) == 1 else None


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def render_checks(compiled: Compiled, header: str) -> str:
    from automl_objective_codegen.environment import render

    return render(
        "checks.py.jinja2",
        header=header,
        nodes=compiled.nodes,
        root=compiled.root,
        defs=compiled.defs,
        aws=compiled.aws,
    )
