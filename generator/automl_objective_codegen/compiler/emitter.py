"""What one keyword's emitter is: the keywords it handles, the op it builds, the code it emits.

An emitter is a small module under ``keywords/`` that defines its :class:`~.ir.Op` subclass,
a ``build`` function (schema value -> op, refusing what it cannot compile) and a jinja2
template of macros, each taking one :class:`Snippet`-like argument ``s`` (``s.op`` is its op):

- ``check(s)``: lines of the predicate (``v`` -> bool): ``return False`` only where a failure
  is certain, whatever the values known only at run time turn out to be;
- ``explain(s)``: lines of the explainer, appending a ``Failure`` (``s.fail(value)``) for
  each certain failure;
- ``surely(s)``: lines of the "surely passes" function: ``return False`` unless the keyword
  passes for every value the dynamic parts may take;
- ``tables(s)`` (optional): module-level constants the other macros name as ``s.c``
  (laid out in both generated modules, the checks' and the explainers');
- ``explain_tables(s)`` (optional): module-level constants only the explainers name (they
  may name explainers), laid out in the explainers' module alone.

The registry (``registry.py``) lists the emitters; adding a keyword is one emitter module and
one line there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol

from automl_objective_codegen.compiler.ir import Op, Pointer, Ref


class Context(Protocol):
    """What a ``build`` function may ask of the compiler."""

    def node(self, schema: Any, at: Pointer) -> Ref:
        """The node of the subschema ``schema`` found at ``at`` (equal ones share a node)."""
        ...

    def definition(self, name: str, at: Pointer) -> Ref:
        """The node of this document's ``#/$defs/<name>`` (``at``: the reference, for errors)."""
        ...

    def refuse(self, at: Pointer, what: str) -> NoReturn:
        """Stop the compilation with an error naming the document and ``at``."""
        ...


Builder = Callable[[Context, Mapping[str, Any], Any, Pointer], Op]


@dataclass(frozen=True)
class Emitter:
    """One keyword's compiler (see the module docstring)."""

    keywords: tuple[str, ...]
    op: type[Op]
    build: Builder
    template: str
    # Sibling keywords this emitter reads itself (``if`` reads ``then`` and ``else``): the
    # compiler does not look for an emitter of their own.
    reads: tuple[str, ...] = ()


def need(context: Context, ok: bool, at: Pointer, what: str) -> None:
    """Refuse the schema at ``at`` unless ``ok``."""
    if not ok:
        context.refuse(at, what)
