"""A JSON text's members written twice are refused whichever way the text is read: by the
decoder that builds each object in C and counts the text's quotes against the data's names and
string values, or by the one that sees each object's members (inputs/json_syntax.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.base.codes import Code
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.json_members import written_once
from automl_objective.inputs.json_syntax import COUNTED_FROM, _plain, parse_json
from tests.support.fuzzing import examples

# A value written as text: a scalar's JSON, or an object as its members in order (a name may
# come twice), or an array. Names and strings hold quotes and colons only where written
# with a backslash, and some hold none.
_NAMES = st.sampled_from(["a", "b", "a:b", "", 'q"', "\u00e9", "\\"])
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-2, 2), _NAMES.map(str)
)
Written = Any  # a scalar, ("object", [(name, Written), ...]) or ("array", [Written, ...])
_WRITTEN: st.SearchStrategy[Written] = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.tuples(st.just("object"), st.lists(st.tuples(_NAMES, inner), max_size=4)),
        st.tuples(st.just("array"), st.lists(inner, max_size=4)),
    ),
    max_leaves=12,
)


def _text(value: Written) -> str:
    if isinstance(value, tuple) and value[0] == "object":
        members = ", ".join(f"{json.dumps(name)}: {_text(item)}" for name, item in value[1])
        return "{" + members + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_text(item) for item in value[1]) + "]"
    return json.dumps(value)


def _twice(value: Written) -> bool:
    """Whether an object of ``value`` writes a name twice."""
    if isinstance(value, tuple) and value[0] == "object":
        names = [name for name, _ in value[1]]
        return len(set(names)) < len(names) or any(_twice(item) for _, item in value[1])
    if isinstance(value, tuple):
        return any(_twice(item) for item in value[1])
    return False


@settings(max_examples=examples(400), deadline=None)
@given(_WRITTEN)
def test_a_member_written_twice_is_refused_and_no_other_text(value: Written) -> None:
    text = _text(value) + " " * COUNTED_FROM  # long enough to be read in C, then counted
    if _twice(value):
        with pytest.raises(LoadError) as refused:
            parse_json("t.json", text)
        assert refused.value.code == Code.DUPLICATE_KEY
    else:
        assert parse_json("t.json", text).data == json.loads(text)


@pytest.mark.parametrize(
    ("text", "once"),
    [
        ('{"a": "x", "a": "y"}', False),
        ('{"a": {"b": "c:d"}, "a": "e"}', False),
        ('[{"a": 1}, {"a": 1}, [{"b": [], "b": []}]]', False),
        ('{"a": ":", "b": "\\"\\""}', True),  # quotes written inside strings, by a backslash
        ('[{"a": 1}, {"a": 1}, {"b": ["a", "a"]}]', True),
        ('{"a" : [], "b": {}, "c": [{}], "d": ""}', True),
        ('"a"', True),
    ],
)
def test_the_quotes_of_a_text_tell_a_member_written_twice(text: str, once: bool) -> None:
    """Decided from the quotes when the text holds no backslash (else it is read by the
    decoder that sees each object's members)."""
    decided = "\\" not in text and written_once(text, _plain().decode(text))
    assert decided is (once and "\\" not in text)
