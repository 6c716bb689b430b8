"""The JSON and SARIF reports' writer gives exactly what ``json.dumps(printable_data(value),
indent=2)`` gives, on any plain data (and falls back to it on anything else)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from automl_objective.api import validate_file
from automl_objective.base.codes import Code
from automl_objective.base.quoting import printable_data
from automl_objective.report import JsonReporter, SarifReporter
from automl_objective.report.indented_json import dumps_printable
from automl_objective.report.reporter import Reporter
from tests.support.fuzzing import examples
from tests.support.paths import EXAMPLES

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


@settings(max_examples=examples(400), deadline=None)
@given(_DATA)
@example({"\x80": None, "\udc80": None})  # two keys shown alike, "\\x80": one member, not two
def test_the_writer_writes_what_the_standard_library_writes(value: Any) -> None:
    assert dumps_printable(value) == _expected(value)


def test_what_is_not_plain_data_is_left_to_the_standard_library() -> None:
    for value in ({1: "a", "b": [2]}, {"a": {None: 1}}, {"code": Code.UNKNOWN_METRIC}):
        assert dumps_printable(value) == _expected(value)


class _Recorder(io.StringIO):
    """A stream that remembers the length of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, text: str) -> int:
        self.writes.append(len(text))
        return super().write(text)


@pytest.mark.parametrize("reporter", [JsonReporter(), SarifReporter()])
def test_a_large_report_is_never_one_string_as_large_as_itself(
    tmp_path: Path, reporter: Reporter
) -> None:
    """A million findings' SARIF is 540 MB: written whole, the report was that string and its
    copy with the last line break. Written a chunk of parts at a time, it is the same text."""
    path = tmp_path / "tags.json"
    request = json.loads((EXAMPLES / "create-auto-ml-job-v2.json").read_text())
    path.write_text(json.dumps({**request, "Tags": [1] * 5_000}))
    result = validate_file(path)
    out = _Recorder()
    reporter.report([result], out)
    text = out.getvalue()
    assert len(result.findings) > 5_000
    assert max(out.writes) < len(text) / 4
    assert text == json.dumps(json.loads(text), indent=2) + "\n"  # the same text, whole
