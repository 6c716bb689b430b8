"""The JSON and SARIF reports' writer gives exactly what ``json.dumps(printable_data(value),
indent=2)`` gives, on any plain data (and falls back to it on anything else)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.base.codes import Code
from automl_objective.base.quoting import printable_data
from automl_objective.report.indented_json import dumps_printable

_TEXT = st.text(st.characters(codec="utf-8")) | st.sampled_from(
    ["::x", " ##[", "a\nb", "\u2028", "\udc80"]
)
_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | _TEXT
_DATA = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_TEXT, inner, max_size=4)
    ),
    max_leaves=30,
)


def _expected(value: Any) -> str:
    return json.dumps(printable_data(value), indent=2)


@settings(max_examples=400, deadline=None)
@given(_DATA)
def test_the_writer_writes_what_the_standard_library_writes(value: Any) -> None:
    assert dumps_printable(value) == _expected(value)


def test_what_is_not_plain_data_is_left_to_the_standard_library() -> None:
    for value in ({1: "a", "b": [2]}, {"a": {None: 1}}, {"code": Code.UNKNOWN_METRIC}):
        assert dumps_printable(value) == _expected(value)
