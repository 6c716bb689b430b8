"""What a value known only at run time means to jsonschema, the reference the compiled checks
are compared with.

jsonschema knows no :data:`~automl_objective.base.dynamic.DYNAMIC`: to it the marker is a
value of no JSON type, so a placeholder where an object goes was "must be an object, not a
value known only at run time" on the reference path alone. Here the reference reads the
marker as the compiled checks do (:mod:`automl_objective.base.dynamic`), in three states:

- a failure is *certain* when it happens whatever the marker turns out to be: the marker
  passes every keyword of its own (a placeholder is one ``placeholder`` finding, or nothing
  under ``--placeholders dynamic``);
- a subschema *surely passes* when no keyword can fail whatever the marker is: the marker
  surely passes no keyword but one that accepts anything (``additionalProperties: true``),
  as the compiled "surely" functions read it (not even ``required``, which a value of
  another type passes: the marker may be an object without the member);
- ``if`` runs its ``then`` only when the condition surely passes, its ``else`` only when the
  condition certainly fails, neither otherwise; ``not`` fails only when its subschema surely
  passes; ``oneOf`` fails only when no branch can pass or two surely pass. ``allOf`` and
  ``anyOf`` need nothing of their own: each branch's failures are already the certain ones.

A document without the marker is checked exactly as jsonschema checks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from automl_objective.base.dynamic import DYNAMIC, is_dynamic

Keyword = Callable[[Any, Any, Any, Any], Iterator[Any]]

_SURELY: list[bool] = [False]
"""Whether the keywords now running answer "surely passes" (True) or "certainly fails"; a
stack, each reading run to its end before it is popped (never left suspended inside)."""


def dynamic_validator_class(base: Any) -> Any:
    """``base`` (a jsonschema validator class) reading DYNAMIC as the compiled checks do."""
    from jsonschema import validators

    keywords = {name: _keyword(name, original) for name, original in base.VALIDATORS.items()}
    return validators.extend(base, keywords)  # type: ignore[no-untyped-call]


def _keyword(name: str, original: Keyword) -> Keyword:
    decided = _DECIDED.get(name)

    def run(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
        surely = _SURELY[-1]
        if instance is DYNAMIC:
            if surely and not _accepts_anything(name, value):
                yield _possible_failure()
            return  # else no failure of its own is certain
        if decided is not None and is_dynamic(instance):
            yield from decided(validator, value, instance, schema, original, surely)
        else:
            yield from original(validator, value, instance, schema)

    return run


def _accepts_anything(keyword: str, value: Any) -> bool:
    """Whether ``keyword`` with ``value`` passes every value (the compiled ops' own say)."""
    return keyword == "additionalProperties" and value in (True, {})


def _reading(validator: Any, schema: Any, instance: Any, surely: bool) -> list[Any]:
    """The failures of ``instance`` against ``schema``: those certain, or (``surely``) the
    possible ones."""
    _SURELY.append(surely)
    try:
        return list(validator.evolve(schema=schema).iter_errors(instance))
    finally:
        _SURELY.pop()


def _passes(validator: Any, schema: Any, instance: Any) -> bool:
    """Whether no failure of ``instance`` against ``schema`` is certain."""
    return not _reading(validator, schema, instance, False)


def _surely_passes(validator: Any, schema: Any, instance: Any) -> bool:
    """Whether ``instance`` passes ``schema`` whatever its dynamic parts turn out to be."""
    return not _reading(validator, schema, instance, True)


def _possible_failure() -> Any:
    from jsonschema import ValidationError

    return ValidationError("may fail, depending on a value known only at run time")


def _if(
    validator: Any, condition: Any, instance: Any, schema: Any, original: Keyword, surely: bool
) -> Iterator[Any]:
    branches = [(name, schema[name]) for name in ("then", "else") if name in schema]
    if _surely_passes(validator, condition, instance):
        branches = branches[:1] if "then" in schema else []
    elif not _passes(validator, condition, instance):
        branches = branches[-1:] if "else" in schema else []
    elif not surely:
        return  # the branch depends on a dynamic part: neither runs
    for name, branch in branches:
        if surely:
            if not _surely_passes(validator, branch, instance):
                yield _possible_failure()
                return
        else:
            yield from validator.descend(instance, branch, schema_path=name)


def _not(
    validator: Any, negated: Any, instance: Any, schema: Any, original: Keyword, surely: bool
) -> Iterator[Any]:
    if surely:
        if _passes(validator, negated, instance):
            yield _possible_failure()
    elif _surely_passes(validator, negated, instance):
        yield from original(validator, negated, instance, schema)


def _one_of(
    validator: Any, branches: Any, instance: Any, schema: Any, original: Keyword, surely: bool
) -> Iterator[Any]:
    passing = sum(_passes(validator, branch, instance) for branch in branches)
    sure = sum(_surely_passes(validator, branch, instance) for branch in branches)
    if surely:
        if sure != 1 or passing != 1:
            yield _possible_failure()
    elif passing == 0 or sure > 1:
        yield from original(validator, branches, instance, schema)


_DECIDED: dict[str, Callable[[Any, Any, Any, Any, Keyword, bool], Iterator[Any]]] = {
    "if": _if,
    "not": _not,
    "oneOf": _one_of,
}
"""The keywords whose outcome on a value holding a dynamic part is decided here: jsonschema
would take "no failure is certain" for "passes"."""
