"""Make an editor schema load in strict validators (ajv's ``strict: true``) with the same meaning.

Two habits of hand-written schemas trip strict mode: a ``required`` member that no
``properties`` beside it names (strictRequired), and object or array keywords in a subschema
that does not say ``type: object`` / ``type: array`` (strictTypes). Both are fixed without
changing the verdict on any request AWS accepts: the named member gets the schema ``true`` (it
allows anything), and the type is added to a member's conditions only where AWS's shape of that
member is a structure or a list anyway (``CandidateGenerationConfig``, ``AlgorithmsConfig``,
``AutoMLAlgorithms``: a value of another type AWS rejects, and so does the whole-request schema),
never inside ``not``, where it would turn a verdict round.
"""

from __future__ import annotations

from typing import Any

OBJECT_KEYWORDS = frozenset(
    {
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "dependentRequired",
        "patternProperties",
    }
)
# Applicators whose subschemas judge the same value (and so know its type from their parent).
SAME_VALUE = ("allOf", "anyOf", "oneOf", "if", "then", "else")
# Applicators whose subschemas judge a member or an item (their type is their own).
CHILD_MAPS = ("properties", "patternProperties", "$defs")
CHILD_SCHEMAS = ("additionalProperties", "items", "propertyNames", "contains")
ARRAY_KEYWORDS = frozenset({"items", "prefixItems", "contains", "minItems", "maxItems"})


def _types(node: dict[str, Any]) -> set[str] | None:
    kind = node.get("type")
    if kind is None:
        return None
    return set(kind) if isinstance(kind, list) else {str(kind)}


def strict_clean(node: Any, known: set[str] | None = None, negated: bool = False) -> None:
    """Fix ``node`` in place; ``known`` is the type its parent already states for this value."""
    if not isinstance(node, dict):
        return
    for key in node.get("required", ()):
        properties = node.setdefault("properties", {})
        properties.setdefault(key, True)
    own = _types(node)
    if own is None and not negated and known is None and OBJECT_KEYWORDS & set(node):
        # Inside `not`, a type would change the verdict for non-objects; elsewhere these
        # subschemas sit under a member whose own schema requires an object already.
        node["type"] = "object"
        own = {"object"}
    elif own is None and not negated and known is None and ARRAY_KEYWORDS & set(node):
        node["type"] = "array"
        own = {"array"}
    here = own or known
    for key in SAME_VALUE:
        value = node.get(key)
        for sub in value if isinstance(value, list) else [value]:
            strict_clean(sub, here, negated)
    strict_clean(node.get("not"), here, True)
    for key in CHILD_MAPS:
        for sub in (node.get(key) or {}).values():
            strict_clean(sub)
    for key in CHILD_SCHEMAS:
        strict_clean(node.get(key))
