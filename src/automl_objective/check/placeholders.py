"""Template placeholders: a string value that is entirely ``${NAME}`` or ``$NAME``, or that
holds a ``${NAME}`` (``job-${RUN_ID}``), written to be filled in by a shell (``envsubst``, a
heredoc) or a template engine before the request is sent (a bare ``$NAME`` inside a longer
value is not taken for one: ``price $5``, a pattern's ``$``). Such a value is no typo of a
value: a value that is one gets one ``placeholder`` finding naming it, never the pattern or
length errors the placeholder text itself would get; a value that holds one is checked as
written, and its pattern and length errors, if any, become that one ``placeholder`` finding
(``s3://${BUCKET}/in`` is a valid S3 URI whatever the bucket: nothing to say; ``F${X}1`` is
still no metric; ``$${X}`` and ``\\${X}`` are escapes, text). When the caller says
placeholders are filled in at run time, either is checked as a value known only then
(:data:`~automl_objective.base.dynamic.DYNAMIC`)."""

from __future__ import annotations

from automl_objective.base.dynamic import DYNAMIC, PartialText
from automl_objective.base.literal import LiteralText
from automl_objective.base.patterns import on_first_use
from automl_objective.base.quoting import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal

if TYPE_CHECKING:  # findings' module only for a document that has one
    from automl_objective.check.findings import Located, Path

if TYPE_CHECKING:
    Placeholders = Literal["report", "dynamic"]
    """What a placeholder is: a finding (``report``), or a value known only at run time."""
PLACEHOLDER_MODES: tuple[Placeholders, ...] = ("report", "dynamic")

_PLACEHOLDER = on_first_use(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
_HELD = on_first_use(r"(?<![$\\])\$\{([A-Za-z_][A-Za-z0-9_]*)\}")  # not $${X}, \${X}: escapes
_DOLLAR_ESCAPES = ("\\u0024", "\\x24", "\\U00000024")
"""Every escape that writes ``$`` in JSON (``\\u0024``) or in a YAML double-quoted scalar
(``\\x24``, ``\\u0024``, ``\\U00000024``; the letter's case counts, ``24`` has no hex
letter to write in another case); one after an escaped backslash is found too (no harm: the
data is then walked). Searched for as plain text: no pattern to compile on start-up."""


def placeholder_name(value: Any) -> str | None:
    """The name of the placeholder ``value`` is entirely (``ROLE_ARN`` for ``${ROLE_ARN}``)
    or holds first (``RUN_ID`` for ``job-${RUN_ID}``), or None (for text a template writes as
    it is too: :class:`LiteralText`)."""
    if not isinstance(value, str) or "$" not in value or value.__class__ is LiteralText:
        return None
    if value.startswith("$") and (whole := _PLACEHOLDER.fullmatch(value)) is not None:
        return whole[1] or whole[2]
    held = _HELD.search(value) if "${" in value else None
    return None if held is None else held[1]


def find(data: Any, text: str | None = None) -> list[Path]:
    """The paths of the placeholder values in ``data``, in document order (a document that
    is a string is not a request with a placeholder in it: it is the wrong type). ``text``:
    the text ``data`` was parsed from, if it was: a text that cannot spell a ``$`` holds no
    placeholder, and the data is then not walked."""
    if text is not None and not may_spell_a_dollar(text):
        return []  # the common case, decided by two or three searches of the text in C
    if not _may_hold_one(data):
        return []  # found without building a path for every value
    from automl_objective.check.leaves import leaves  # not on a clean start's path

    # a whole document (path ()) is no value
    return [at for value, at in leaves(data) if at and placeholder_name(value) is not None]


def held(data: Any, paths: list[Path]) -> list[Path]:
    """Those of ``paths`` whose value holds a placeholder but is not one."""
    return [path for path in paths if not _is_one(_at(data, path))]


def partly_known(data: Any, paths: list[Path]) -> dict[Path, PartialText]:
    """Each value at ``paths`` (holding a placeholder) as the string known in part it is:
    each ``${NAME}`` an unknown piece, and so each ``$`` and backslash besides (an escape
    the template engine may rewrite: ``$${X}`` is sent as ``${X}``)."""
    texts = {}
    for path in paths:
        value = _at(data, path)
        pieces = tuple(_UNKNOWN.split(value))
        if any(pieces):  # else nothing is known of it
            names = tuple(dict.fromkeys(match[0] for match in _HELD.finditer(value)))
            texts[path] = PartialText(pieces, shown(value), names)
    return texts


_UNKNOWN = on_first_use(
    r"(?s)\$\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\$\{.*"
    r"|\$\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)|\$\(.*"
    r"|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9?!#@*-]|`[^`]*`|`.*|[$\\]"
)
"""What a value holding a placeholder does not say for certain, as the shell (envsubst, a
heredoc) or template engine that fills it may write it: each ``${...}`` (``${NAME}``, a
shell's ``${NAME:-default}``, the ``${X}`` of ``$${X}``, which envsubst fills), each ``$NAME``
(envsubst fills those too), a command (``$(date +%s)``, a backquoted one), a shell's
``$1``, ``$?``..., and each other ``$`` or backslash (an escape). Braces and parentheses are
matched three deep (``${X:-${Y}}``, ``$(echo $(date))``); one deeper or left open makes the
rest of the value unknown, so no brace of a fill is ever taken for known text."""


def _is_one(value: str) -> bool:
    return value.startswith("$") and _PLACEHOLDER.fullmatch(value) is not None


def may_spell_a_dollar(text: str) -> bool:
    """Whether JSON or YAML ``text`` may write a ``$`` in a value: literally, or by an escape
    (:data:`_DOLLAR_ESCAPES`; YAML's other escapes, ``\\N`` say, write other characters)."""
    return "$" in text or ("\\" in text and any(escape in text for escape in _DOLLAR_ESCAPES))


def _may_hold_one(data: Any) -> bool:
    """Whether a value inside ``data`` is a string that holds a ``$``."""
    stack = [data] if isinstance(data, (dict, list)) else []
    while stack:
        value = stack.pop()
        for item in value.values() if isinstance(value, dict) else value:
            kind = item.__class__
            if kind is str:
                if "$" in item:
                    return True
            elif kind is dict or kind is list or isinstance(item, (dict, list)):
                stack.append(item)
            elif isinstance(item, str) and "$" in item:
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
    from automl_objective.check.findings import Located, member_name

    found = []
    for path in paths:
        value = _at(data, path)
        name = member_name(path, {}) if path else "the document"
        message = (
            f"{name} {shown(value)} {'is' if _is_one(value) else 'holds'} a template placeholder "
            f"({placeholder_name(value)}): fill it in before this request is sent, or check "
            "it with placeholders taken as values known only at run time"
        )
        from automl_objective.base.codes import Code

        found.append(Located(Code.PLACEHOLDER.severity, Code.PLACEHOLDER, path, message))
    return found


def _at(data: Any, path: Path) -> Any:
    for token in path:
        data = data[token]
    return data
