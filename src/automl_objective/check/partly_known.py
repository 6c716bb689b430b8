"""Strings known in part (:class:`~automl_objective.base.dynamic.PartialText`): what no fill
of their unknown pieces can mend.

``f"job_{x}"`` and ``job_${RUN_ID}`` are checked as values known only at run time, and then
once more as what is known of them: a finding only where every string of their form (the
known pieces, anything between them) fails the same rule, so that no fill can mend it (never
a false alarm):

- ``type``: a string where AWS takes another type (``OutputDataConfig=f"s3://{b}/out"``,
  an object): it is a string whatever fills it (the objective schema tests types only in
  conditions, so no value chooses a type rule);
- ``maxLength``: the known characters alone are more than the maximum;
- ``enum`` (a metric ``f"F{n}"`` for Regression): no member of the enum has the form, each
  member of the form is tried and fails, and so does a fill no enum holds
  (:func:`enum_finding`; a rule chosen by the value itself is so decided soundly);
- an AWS ``pattern``: no string of the form matches it. The pattern (AWS's, as the schema
  runs it: ``^(?:BODY)(?![\\s\\S])``) is made a finite automaton by ``interegular`` (a
  library made for this: regular expression to FSM), imported only when such a value fails
  its pattern with its unknown pieces taken as empty, and run over the form: the states its
  known pieces may leave it in, an unknown piece taking it to any state it can reach; no
  final state among them, no match (the same answer as the form's own automaton intersected
  with the pattern's, in time linear in the known text, not growing with its square).
  A pattern it cannot read (``\\p{L}`` classes, a lookahead) decides nothing: silent.

Why automata, not a small hand-written test (every known character in the pattern's
alphabet, the first and the last one allowed there): on 300 random forms a pattern, the test
decides as many for the character-class patterns, but fewer for those with structure (the
role ARN 148 of the 195 the automata decide, the job ARN 83 of 119, the S3 URI 153 of 157:
``f"arn:aws:iam:{account}:role/x"``, a colon short, is all allowed characters), and it
needs each pattern's alphabet, itself a reading of the pattern.

Which values and which rules: the rules the checks report at that value when its unknown
pieces are empty (a probe), those of its code (``schema-violation``); AWS's string rules apply
to a value whatever the rest of the request holds, so a rule found by the probe applies
whatever the fill. An enum is decided by probes of the one value (every other value known
in part dynamic, so a rule another chooses runs in no branch), its finding keeping the
enum's code (``metric-not-allowed``, ``unknown-problem-type``, ``invalid-value``). A
shorter-than-minimum value is always mendable (a piece may be long).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import DYNAMIC, PartialText
from automl_objective.base.quoting import shown
from automl_objective.check.failures import Failure, code_for
from automl_objective.check.findings import Located, Path, as_list, member_name
from automl_objective.check.leaves import leaves

if TYPE_CHECKING:
    from interegular.fsm import FSM

_STRING_RULES = ("maxLength", "pattern", "x-unicode-pattern")
DECIDED = (*_STRING_RULES, "type")
"""The keywords a value known in part may fail whatever fills it (``type``: it is a string
whatever fills it, so a probe that fails for being one fails for every fill; its decided
finding replaces the as-written one by having the same path and code)."""
VALUE_KEYWORDS = (*_STRING_RULES, "enum")
"""The keywords of the value rules decided for a value known in part (an enum by
:func:`enum_finding`): a decided finding replaces the as-written ones of their codes at its
path (:func:`value_rule_codes`)."""

_WRAPPED = re.compile(r"\^\(\?:(.*)\)\(\?!\[\\s\\S\]\)", re.DOTALL)
"""AWS's pattern as the schema runs it: ``^(?:BODY)(?![\\s\\S])``, a full match of BODY."""
_CODE_POINT = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")
"""A ``\\uXXXX`` escape (not an escaped backslash and a ``u``): interegular reads none."""
MAX_KNOWN = 4096
"""The most known characters a pattern is decided for (its automaton has a state for each;
AWS's longest pattern-checked value is 2,048 characters): a longer one is undecided."""


def value_rule_codes(schemas: Iterable[Any]) -> frozenset[str]:
    """The codes the value rules (:data:`VALUE_KEYWORDS`) of ``schemas`` give their failures:
    each node's ``x-code``, else the keyword's generic code (AWS's shapes name none)."""
    codes: set[str] = set()
    stack = list(schemas)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            codes.update(str(code_for(key, node)) for key in VALUE_KEYWORDS if key in node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(codes)


def find(data: Any) -> dict[Path, PartialText]:
    """Each value of ``data`` known in part, by its path, in document order."""
    return {at: value for value, at in leaves(data) if value.__class__ is PartialText}


def probe(data: Any, texts: dict[Path, PartialText]) -> Any:
    """``data`` with each value of ``texts`` written as its known pieces alone: the
    objects and arrays on those paths copied, ``data`` itself not changed."""
    copy = _copied(data)
    for path, text in texts.items():
        parent = copy
        for token in path[:-1]:
            parent = parent[token]
        parent[path[-1]] = text.known()
    return copy


MAX_ENUM_VALUES = 32
"""The most values known in part a document's enums are decided for (each costs a few
checks of the document): the others are undecided, silent."""
MAX_MEMBERS = 16
"""The most enum members of a value's form tried, one check each: more, undecided."""


def probe_one(data: Any, texts: dict[Path, PartialText], path: Path, value: str) -> Any:
    """``data`` with ``value`` at ``path``, every other value of ``texts`` dynamic (a rule
    chosen by another value known in part then runs in no branch) and so is every other
    item of each array on the way to ``path`` (a probe then costs little however long the
    array): what the checks see at ``path`` of the fill ``value``. A dynamic part only
    takes failures away (it passes every check, a condition on it runs no branch), so
    a finding decided on it holds for the document itself. ``data`` is not changed."""
    copied: set[int] = set()
    root = parent = _fresh(data, copied)
    for index, token in enumerate(path[:-1]):
        child = _fresh(parent[token], copied)
        if isinstance(child, list):
            kept = path[index + 1]
            child[:] = [item if at == kept else DYNAMIC for at, item in enumerate(child)]
        parent[token] = parent = child
    for at in texts:
        if at != path:
            _dynamic_at(root, at, copied)
    parent[path[-1]] = value
    return root


def _fresh(value: Any, copied: set[int]) -> Any:
    """A shallow copy of an object or array (of its own class), noted in ``copied``."""
    if id(value) in copied:
        return value
    fresh = type(value)(value)
    copied.add(id(fresh))
    return fresh


def _dynamic_at(root: Any, at: Path, copied: set[int]) -> None:
    """The value at ``at`` made dynamic in ``root``, copying what is on the way (nothing
    where a part on the way is dynamic already)."""
    parent = root
    for token in at[:-1]:
        child = parent[token]
        if child is DYNAMIC:
            return
        parent[token] = parent = _fresh(child, copied)
    parent[at[-1]] = DYNAMIC


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return type(value)({key: _copied(item) for key, item in value.items()})
    if isinstance(value, list):
        return type(value)([_copied(item) for item in value])
    return value


def certain(failures: list[Failure], texts: dict[Path, PartialText]) -> list[Located]:
    """The findings of ``failures`` (the probe's) that no fill of a value of ``texts`` can
    mend, worded for it."""
    found = []
    said: set[Path] = set()  # one finding a value: what it fails first
    for failure in failures:
        text = texts.get(failure.path)
        if text is None or failure.keyword not in DECIDED or failure.path in said:
            continue
        if failure.keyword == "type":
            # the probe is a string, and so is every fill: the rule wants another type
            from automl_objective.check.messages import SCHEMA_TYPE_WORDS

            wanted = " or ".join(SCHEMA_TYPE_WORDS.get(t, t) for t in as_list(failure.value))
            why = f"it is a string, and AWS takes {wanted} here"
        elif failure.keyword == "maxLength":
            # the probe failed it: the known characters alone are more than the maximum
            why = (
                f"its known characters alone are {len(text.known()):,}, and AWS allows at most "
                f"{failure.value}"
            )
        elif never_matches(failure.value, text.pieces):
            why = _rule(failure.facts)
        else:
            continue
        name = member_name(failure.path, failure.facts)
        message = f"{name} {text.written} is not valid whatever {_filling(text.fields)}: {why}"
        severity = "warning" if failure.warn else Code(failure.code).severity
        found.append(Located(severity, Code(failure.code), failure.path, message, says_most=True))
        said.add(failure.path)
    return found


STRANGER = "\x00"
"""A fill no enum of AWS or of the schema holds (any such fill meets the same rules)."""


def enum_finding(
    path: Path, text: PartialText, failing: Callable[[str], list[Failure]]
) -> Located | None:
    """A value known in part that no fill makes one of the values an enum allows, or None.
    ``failing(fill)``: the failures at ``path`` with ``fill`` written there
    (:func:`probe_one`).

    Decided by the enum the known pieces alone fail when no member of it has the value's
    form (each known piece in order, the first at its start, the last at its end). Sound
    where a rule is chosen by the value itself (an algorithm ``if`` it is a tabular one
    ``then`` one ensembling takes): a fill no enum holds (:data:`STRANGER`) must fail one
    too, and so must each member of an enum failed here that has the value's form, the
    fills a condition could tell apart from the stranger."""
    known = [f for f in failing(text.known()) if f.keyword == "enum"]
    stranger = [f for f in failing(STRANGER.join(text.pieces)) if f.keyword == "enum"]
    # a rule the schema names says more than AWS's plain enum of the same values
    decided = sorted(
        (f for f in known if not _fitting(f.value, text.pieces)),
        key=lambda f: f.code == Code.INVALID_VALUE,
    )
    if not decided or not stranger:
        return None
    candidates = {m for f in known + stranger for m in _fitting(f.value, text.pieces)}
    if len(candidates) > MAX_MEMBERS:
        return None
    for member in sorted(candidates):
        if not any(f.keyword == "enum" for f in failing(member)):
            return None  # that member passes every enum here
    failure = decided[0]
    allowed = ", ".join(str(member) for member in failure.value)
    why = f"no value of its form is one of {allowed}"
    if isinstance(problem := failure.facts.get("x-problem-type"), str):
        why += f", those allowed for ProblemType {shown(problem)}"
    name = member_name(path, failure.facts)
    message = f"{name} {text.written} is not valid whatever {_filling(text.fields)}: {why}"
    severity = "warning" if failure.warn else Code(failure.code).severity
    return Located(severity, Code(failure.code), path, message, says_most=True)


def _fitting(members: Any, pieces: tuple[str, ...]) -> list[str]:
    """The members (strings) of an enum that have the form ``pieces``."""
    if not isinstance(members, (list, tuple)):
        return []
    return [m for m in members if isinstance(m, str) and fits(m, pieces)]


def fits(value: str, pieces: tuple[str, ...]) -> bool:
    """Whether ``value`` is ``pieces[0]``, anything, ``pieces[1]``, ... (each unknown piece
    any string, possibly empty): its start and end the first and last piece, the others in
    order between them, each as early as it can be (an earlier place leaves more room)."""
    first, last = pieces[0], pieces[-1]
    if len(pieces) == 1:
        return value == first
    start, end = len(first), len(value) - len(last)
    if end < start or not value.startswith(first) or not value.endswith(last):
        return False
    for piece in pieces[1:-1]:
        found = value.find(piece, start, end)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def _filling(fields: tuple[str, ...]) -> str:
    """``{x} is``, ``{x} and ${Y} are``, ``{a}, {b} and 2 more are``; with no field
    named, what a template fills in."""
    if not fields:
        return "the template fills in"
    if len(fields) == 1:
        return f"{fields[0]} is"
    if len(fields) == 2:
        return f"{fields[0]} and {fields[1]} are"
    return f"{fields[0]}, {fields[1]} and {len(fields) - 2} more are"


def _rule(facts: Any) -> str:
    allowed = facts.get("x-pattern-description")
    return f"AWS allows {allowed}" if allowed else f"AWS's pattern is {facts['x-aws-pattern']}"


def never_matches(pattern: Any, pieces: tuple[str, ...]) -> bool:
    """Whether no string of the form ``pieces[0]``, anything, ``pieces[1]``, ... (each
    unknown piece any string, possibly empty) is a full match of the schema's ``pattern``.
    False when the pattern cannot be read as an automaton (undecided: silent)."""
    if sum(map(len, pieces)) > MAX_KNOWN:
        return False
    automaton = _automaton(pattern) if isinstance(pattern, str) else None
    if automaton is None:
        return False
    # The automaton run over the form: the states its known pieces may leave it in, each
    # unknown piece taking it to any state it can reach (time linear in the known text; an
    # automaton of the form, intersected, took 36 s for 4 pieces of 3,000 characters).
    moves, alphabet = automaton.map, automaton.alphabet
    states = {automaton.initial}
    for index, piece in enumerate(pieces):
        if index:
            states = _reachable(moves, states)
        states = {
            end for state in states if (end := _run(moves, alphabet, state, piece)) is not None
        }
        if not states:
            return True
    return states.isdisjoint(automaton.finals)


def _reachable(moves: dict[Any, dict[Any, Any]], states: set[Any]) -> set[Any]:
    """The states reached from ``states`` by any string (the empty one too)."""
    found, todo = set(states), list(states)
    while todo:
        for end in moves.get(todo.pop(), {}).values():
            if end not in found:
                found.add(end)
                todo.append(end)
    return found


def _run(moves: dict[Any, dict[Any, Any]], alphabet: Any, state: Any, text: str) -> Any:
    """The state ``text`` takes the automaton to from ``state``, or None (no match)."""
    for char in text:
        state = moves.get(state, {}).get(alphabet[char])
        if state is None:
            return None
    return state


@cache
def _automaton(pattern: str) -> FSM | None:
    """The automaton of a pattern the schema runs as ``^(?:BODY)(?![\\s\\S])``, or None."""
    wrapped = _WRAPPED.fullmatch(pattern)
    if wrapped is None:
        return None
    from interegular import parse_pattern
    from interegular.patterns import InvalidSyntax, Unsupported

    try:
        return parse_pattern(_CODE_POINT.sub(_code_point, wrapped[1])).to_fsm()
    except (InvalidSyntax, Unsupported):
        return None


def _code_point(match: re.Match[str]) -> str:
    """A ``\\uXXXX`` escape as interegular reads it: ``\\xXX`` below 128 (a ``-`` or ``]``
    stays a character, not syntax), else the character itself (never syntax)."""
    point = int(match[2], 16)
    return match[1] + (f"\\x{point:02x}" if point < 128 else chr(point))
