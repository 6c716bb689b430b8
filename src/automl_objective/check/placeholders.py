"""Template placeholders: a string value that is entirely ``${NAME}`` or ``$NAME``, written
to be filled in by a shell (``envsubst``, a heredoc) or a template engine before the request
is sent. Such a value is no typo of a value: it gets one ``placeholder`` finding naming it,
never the pattern or length errors the placeholder text itself would get; or, when the
caller says placeholders are filled in at run time, it is checked as a value known only then
(:data:`~automl_objective.base.dynamic.DYNAMIC`)."""

from __future__ import annotations

from typing import Any, Literal

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import DYNAMIC
from automl_objective.base.patterns import on_first_use
from automl_objective.base.quoting import shown
from automl_objective.check.findings import Located, Path, member_name

Placeholders = Literal["report", "dynamic"]
"""What a placeholder is: a finding (``report``), or a value known only at run time."""
PLACEHOLDER_MODES: tuple[Placeholders, ...] = ("report", "dynamic")

_PLACEHOLDER = on_first_use(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def placeholder_name(value: Any) -> str | None:
    """The name of the placeholder ``value`` is entirely (``ROLE_ARN`` for ``${ROLE_ARN}``),
    or None."""
    if not isinstance(value, str) or not value.startswith("$"):
        return None
    found = _PLACEHOLDER.fullmatch(value)
    return None if found is None else found[1] or found[2]


def find(data: Any) -> list[Path]:
    """The paths of the placeholder values in ``data``, in document order (a document that
    is a string is not a request with a placeholder in it: it is the wrong type)."""
    if not _may_hold_one(data):
        return []  # the common case, found without building a path for every value
    found: list[Path] = []
    stack: list[tuple[Any, Path]] = [(data, ())]
    while stack:
        value, at = stack.pop()
        if isinstance(value, dict):
            stack.extend((item, (*at, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (*at, index)) for index, item in reversed(list(enumerate(value))))
        elif at and placeholder_name(value) is not None:  # a whole document is no value
            found.append(at)
    return found


def _may_hold_one(data: Any) -> bool:
    """Whether a value inside ``data`` is a string that starts with ``$``."""
    stack = [data] if isinstance(data, (dict, list)) else []
    while stack:
        value = stack.pop()
        for item in value.values() if isinstance(value, dict) else value:
            kind = item.__class__
            if kind is str:
                if item.startswith("$"):
                    return True
            elif kind is dict or kind is list or isinstance(item, (dict, list)):
                stack.append(item)
            elif isinstance(item, str) and item.startswith("$"):
                return True
    return False


def as_dynamic(data: Any, paths: list[Path]) -> Any:
    """``data`` with the values at ``paths`` replaced by DYNAMIC: the objects and arrays on
    those paths are copied (once each), ``data`` itself is not changed."""
    trie: dict[Any, Any] = {}
    for path in paths:
        node = trie
        for token in path:
            node = node.setdefault(token, {})
    return _rebuilt(data, trie) if paths else data


def _rebuilt(value: Any, trie: dict[Any, Any]) -> Any:
    if not trie:
        return DYNAMIC
    copy = type(value)(value)  # an OpenObject stays one, a list stays a list
    for token, below in trie.items():
        copy[token] = _rebuilt(value[token], below)
    return copy


def findings(data: Any, paths: list[Path]) -> list[Located]:
    """One ``placeholder`` finding for each placeholder value."""
    found = []
    for path in paths:
        value = _at(data, path)
        name = member_name(path, {}) if path else "the document"
        message = (
            f"{name} {shown(value)} is a template placeholder ({placeholder_name(value)}): fill "
            "it in before this request is sent, or check it with placeholders taken as values "
            "known only at run time"
        )
        found.append(Located(Code.PLACEHOLDER.severity, Code.PLACEHOLDER, path, message))
    return found


def _at(data: Any, path: Path) -> Any:
    for token in path:
        data = data[token]
    return data
