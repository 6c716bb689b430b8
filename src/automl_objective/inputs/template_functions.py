"""The functions CloudFormation has, and where a template names one it has not.

CloudFormation knows a fixed set of functions (its Template Reference: the intrinsic
functions, the condition functions, the rule functions; ``Fn::Length``, ``Fn::ToJsonString``
and ``Fn::ForEach`` of its language extensions) and refuses a template that calls another,
in a long form (``{"Fn::Foo": x}``) or a YAML short form (``!Foo x``, read as the long form).
The YAML reader takes any short form as its long form; which ones exist is decided here,
for a template alone (a document that is no template refuses every tag)."""

from __future__ import annotations

import difflib
import re
from typing import Any

from automl_objective.inputs.yaml_one_pass import UNPREFIXED_FUNCTIONS

FUNCTIONS = frozenset(
    {
        *UNPREFIXED_FUNCTIONS,
        *(
            f"Fn::{name}"
            for name in (
                # intrinsic functions
                "Base64",
                "Cidr",
                "FindInMap",
                "ForEach",
                "GetAtt",
                "GetAZs",
                "GetStackOutput",
                "ImportValue",
                "Join",
                "Length",
                "Select",
                "Split",
                "Sub",
                "ToJsonString",
                "Transform",
                # condition functions
                "And",
                "Equals",
                "If",
                "Not",
                "Or",
                # rule functions
                "Contains",
                "EachMemberEquals",
                "EachMemberIn",
                "RefAll",
                "ValueOf",
                "ValueOfAll",
            )
        ),
    }
)
"""Every function's long form; a short form is ``!`` and the name without ``Fn::``."""

_LOOP = "Fn::ForEach::"
"""``Fn::ForEach::Name``: a loop's key among resources, outputs or conditions, not a call."""

Path = tuple[str | int, ...]


def _none_of(names: list[str]) -> str:
    """A lookahead: what follows is none of ``names`` (as a whole name)."""
    return rf"(?!(?:{'|'.join(sorted(names))})(?![A-Za-z0-9]))"


_LONG = re.compile("Fn::" + _none_of([n[4:] for n in FUNCTIONS if n.startswith("Fn::")]))
_SHORT = re.compile(
    r"!(?<![\w!]!)" + _none_of([n.removeprefix("Fn::") for n in FUNCTIONS]) + "[A-Za-z]"
)
"""``Fn::`` and a name not among CloudFormation's functions (``Fn::Ref`` is none); ``!`` and
a letter, not after a word or another ``!`` (``!!str``), and a name not among them (the
short forms ``!Ref`` and ``!Condition`` are). Each starts with a literal the search skips
to."""
_SPELLED_OTHERWISE = ("\\u", "\\x", "\\U", "%TAG")
"""What may spell a name without writing it: an escape, a YAML ``%TAG`` directive."""


def may_name_another(text: str, *, yaml: bool) -> bool:
    """Whether a template's text may call a function CloudFormation has not: false when
    every function it names is known and nothing else could spell one. Searches of the
    text: the walk over the data (:func:`unknown_functions`) costs as much as half of
    reading a large template, these a small part of it."""
    if _LONG.search(text) or any(mark in text for mark in _SPELLED_OTHERWISE):
        return True
    return yaml and _SHORT.search(text) is not None


def unknown_functions(data: Any) -> list[tuple[Path, str]]:
    """Each call of a function CloudFormation has not, in document order: the path of its
    member (``.../Fn::Foo``) and its name. A call is a one-member object whose member is
    ``Fn::`` and a name."""
    found: list[tuple[Path, str]] = []
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        value, at = stack.pop()
        if isinstance(value, dict):
            if len(value) == 1:
                [name] = value
                if _unknown(name):
                    found.append(((*at, name), name))
            stack.extend((item, (*at, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*at, index)) for index, item in reversed(list(enumerate(value))))
    return found


def _unknown(name: object) -> bool:
    return (
        isinstance(name, str)
        and name.startswith("Fn::")
        and name not in FUNCTIONS
        and not name.startswith(_LOOP)
    )


def short_form(name: str) -> str:
    """``Fn::Sub`` -> ``!Sub``."""
    return "!" + name.removeprefix("Fn::")


def meant(name: str) -> str | None:
    """The function a name not CloudFormation's is closest to (``Fn::GetAttr``:
    ``Fn::GetAtt``), or None."""
    names = {function.removeprefix("Fn::"): function for function in FUNCTIONS}
    close = difflib.get_close_matches(name.removeprefix("Fn::"), list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None
