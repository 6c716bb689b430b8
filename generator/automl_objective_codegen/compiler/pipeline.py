"""The compiler's stages in order: build the nodes, run the passes, name the entries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from automl_objective_codegen.compiler.build import Compiler
from automl_objective_codegen.compiler.emitter import Emitter
from automl_objective_codegen.compiler.ir import Compiled, Entry, Ref
from automl_objective_codegen.compiler.names import CANONICAL, snake
from automl_objective_codegen.compiler.optimize import (
    merge_equal,
    spliced,
    without_aliases,
    without_titles,
)
from automl_objective_codegen.compiler.registry import EMITTERS, keyword_table

AwsShape = tuple[str, str, str, dict[str, Any]]  # (kind, file name, shape, its $defs)


def compile_checks(
    canonical: dict[str, Any],
    aws: Iterable[AwsShape],
    known_codes: Iterable[str],
    emitters: tuple[Emitter, ...] = EMITTERS,
) -> Compiled:
    """The canonical schema (its root and every definition) and each AWS kind's shape,
    compiled into one set of nodes."""
    compiler = Compiler(keyword_table(emitters), frozenset(known_codes))
    schema = compiler.document(CANONICAL, canonical.get("$defs", {}))
    entries = [Entry("ROOT", "", "document", "The canonical schema", schema.node(canonical, ()))]
    for name in schema.defs:
        doc = f"The canonical schema's $defs/{name}"
        entries.append(Entry("DEFS", name, snake(name), doc, schema.definition(name, ())))
    for kind, file, shape, shape_defs in aws:
        ref = compiler.document(f"aws/{file}", shape_defs).definition(shape, ())
        doc = f"AWS's {shape} shape (kind {kind})"
        entries.append(Entry("AWS", kind, f"{snake(kind)}_shape", doc, ref))
    nodes = without_titles(compiler.nodes(), {e.ref.number for e in entries})
    nodes, unaliased = without_aliases(nodes)
    nodes, merged = merge_equal(nodes)
    return Compiled(
        tuple(spliced(nodes)),
        tuple(
            Entry(e.table, e.key, e.name, e.doc, Ref(merged(unaliased(e.ref.number))))
            for e in entries
        ),
        emitters,
    )
