"""From schema documents to nodes: each keyword handed to its emitter, nothing left out.

A keyword no emitter handles, or an ``x-code`` the code registry lacks, is refused here, at
generate time, with its document and JSON pointer: no rule of a schema is ever silently
dropped. Equal subschemas of one document (annotations aside) share one node.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from automl_objective.check.failures import code_for, facts_of
from automl_objective_codegen.compiler.emitter import Emitter
from automl_objective_codegen.compiler.ir import Node, Op, Pointer, Ref, pointer_text

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
# Annotations no check or message reads: two nodes differing only in these share one check.
_UNREAD = frozenset({"description", "markdownDescription", "$comment", "examples", "default"})


class CompileError(ValueError):
    """A schema this compiler cannot turn into checks (named, with its JSON pointer)."""


def _rules_only(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _rules_only(v) for k, v in schema.items() if k not in _UNREAD}
    if isinstance(schema, list):
        return [_rules_only(item) for item in schema]
    return schema


@dataclass
class _Draft:
    """A node while it is being built (numbered before its body: references may recurse)."""

    location: tuple[str, Pointer]
    facts: dict[str, Any] = field(default_factory=dict)
    ops: list[Op] = field(default_factory=list)


@dataclass
class Compiler:
    """Turns the schema documents into numbered nodes, one emitter per keyword."""

    emitters: Mapping[str, Emitter]
    known_codes: frozenset[str]
    drafts: list[_Draft] = field(default_factory=list)
    # (document, subschema text) -> node: equal subschemas of a document share one
    shared: dict[tuple[str, str], int] = field(default_factory=dict)
    # (document, $defs name) -> node
    definitions: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Keywords an emitter reads beside its own (``then``, ``else``): never on their own.
        self.read_elsewhere = frozenset(k for e in self.emitters.values() for k in e.reads)

    def document(self, name: str, defs: Mapping[str, Any]) -> Document:
        return Document(self, name, defs)

    def nodes(self) -> list[Node]:
        return [
            Node(number, draft.location, tuple(draft.facts.items()), tuple(draft.ops))
            for number, draft in enumerate(self.drafts)
        ]

    def new(self, space: str, at: Pointer) -> int:
        self.drafts.append(_Draft((space, at)))
        return len(self.drafts) - 1

    def fill(self, number: int, schema: Any, document: Document, at: Pointer) -> None:
        if schema is True:
            return
        if not isinstance(schema, dict):
            document.refuse(at, f"cannot compile the schema {schema!r:.40}")
        facts = facts_of(schema)
        code = facts.get("x-code")
        if code is not None and code not in self.known_codes:
            document.refuse(at, f"x-code {code!r} is not in the code registry")
        draft = self.drafts[number]
        draft.facts = dict(sorted(facts.items()))
        for keyword, value in schema.items():
            if keyword in ANNOTATIONS or keyword in self.read_elsewhere:
                continue
            if keyword.startswith("x-") and keyword not in self.emitters:
                continue  # a fact for messages (an x-* keyword is a rule if it has an emitter)
            emitter = self.emitters.get(keyword)
            if emitter is None:
                document.refuse(at, f"cannot compile the keyword {keyword!r}")
            op = emitter.build(document, schema, value, (*at, keyword))
            draft.ops.append(
                dataclasses.replace(op, keyword=keyword, code=code_for(keyword, facts))
            )


@dataclass
class Document:
    """One schema document (its name, for errors, and its ``$defs``): the context emitters
    build their ops in."""

    compiler: Compiler
    name: str
    defs: Mapping[str, Any]

    def node(self, schema: Any, at: Pointer) -> Ref:
        key = (self.name, json.dumps(_rules_only(schema)))
        ids = self.compiler.shared
        if key not in ids:
            ids[key] = self.compiler.new(self.name, at)
            self.compiler.fill(ids[key], schema, self, at)
        return Ref(ids[key])

    def definition(self, name: str, at: Pointer) -> Ref:
        key = (self.name, name)
        defs = self.compiler.definitions
        if key not in defs:
            if name not in self.defs:
                raise CompileError(f"{self.name}: $ref to a missing definition {name!r}")
            where: Pointer = ("$defs", name)
            defs[key] = self.compiler.new(self.name, where)
            self.compiler.fill(defs[key], self.defs[name], self, where)
        return Ref(defs[key])

    def refuse(self, at: Pointer, what: str) -> NoReturn:
        raise CompileError(f"{self.name}: {pointer_text(at)}: {what}")
