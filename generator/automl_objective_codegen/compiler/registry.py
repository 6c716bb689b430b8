"""The one table from schema keyword to the emitter that compiles it.

Adding a keyword: write its emitter (a module under ``keywords/``, see ``emitter.py``) and add
it to ``EMITTERS``. An ``x-*`` keyword with an emitter is a rule; any other is a fact for
messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from automl_objective_codegen.compiler.emitter import Emitter
from automl_objective_codegen.compiler.keywords import (
    additional_properties,
    all_of,
    any_of,
    bounds,
    conditional,
    const_value,
    dependent_required,
    enum_values,
    items,
    json_type,
    negation,
    one_of,
    pattern,
    properties,
    property_names,
    reference,
    required,
    sizes,
)

EMITTERS: tuple[Emitter, ...] = (
    reference.EMITTER,  # $ref, x-warn
    all_of.EMITTER,
    any_of.EMITTER,
    one_of.EMITTER,
    negation.EMITTER,  # not
    conditional.EMITTER,  # if (then, else)
    json_type.EMITTER,  # type
    enum_values.EMITTER,  # enum
    const_value.EMITTER,  # const
    required.EMITTER,
    dependent_required.EMITTER,
    properties.EMITTER,
    additional_properties.EMITTER,
    property_names.EMITTER,
    items.EMITTER,
    sizes.EMITTER,  # minProperties, maxProperties, minItems, maxItems, minLength, maxLength
    bounds.EMITTER,  # minimum, maximum
    pattern.EMITTER,  # pattern, x-unicode-pattern
)


def keyword_table(emitters: Iterable[Emitter]) -> Mapping[str, Emitter]:
    """Keyword -> emitter; a keyword claimed twice, or an op class shared, is a bug."""
    table: dict[str, Emitter] = {}
    ops: set[type] = set()
    for emitter in emitters:
        if emitter.op in ops:
            raise ValueError(f"two emitters build {emitter.op.__name__}")
        ops.add(emitter.op)
        for keyword in emitter.keywords:
            if keyword in table:
                raise ValueError(f"two emitters claim the keyword {keyword!r}")
            table[keyword] = emitter
    return table


KEYWORDS = keyword_table(EMITTERS)
