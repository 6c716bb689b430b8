"""JSON positions found by searching for member names give exactly what walking the text
gives: on hostile names, every spelling and layout, every path (present, missing, keys)."""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.inputs import positions
from automl_objective.inputs.positions import (
    NameIndex,
    Request,
    locate_json_all,
    locate_parsed_json,
)
from automl_objective.inputs.syntax import parse_text
from tests.support.fuzzing import examples

# Names that look like JSON structure or hide a member inside a string.
NAMES = ["a", "b", "", " ", "a:b", ",", ":y", "}", "]", "[", 'a"b', "a\\b", "é", "\u2028", "\\"]
SCALARS = [1, "x", None, True, 2.5, 'a": "a', '\\"a\\":', 'a"b":1', ",", "x,", '",":y"']


def _values() -> st.SearchStrategy[Any]:
    leaves = st.sampled_from(SCALARS)
    return st.recursive(
        leaves,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES), inner, max_size=4)
        ),
        max_leaves=12,
    )


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(value, dict):
        for name, child in value.items():
            yield from _paths(child, (*path, name))
        yield (*path, "NoSuchMember")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))
        yield (*path, len(value))


def _requests(data: Any) -> list[Request]:
    return [(path, key) for path in _paths(data) for key in (False, True)]


@settings(max_examples=examples(400), deadline=None)
@given(
    data=st.dictionaries(st.sampled_from(NAMES), _values(), max_size=5),
    indent=st.sampled_from([None, 1, "\t"]),
    ascii_only=st.booleans(),
    separators=st.sampled_from([None, (",", ":"), (" , ", " : ")]),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    escaped_a=st.booleans(),
)
def test_searching_names_agrees_with_walking_the_text(
    data: dict[str, Any],
    indent: int | str | None,
    ascii_only: bool,
    separators: tuple[str, str] | None,
    line_end: str,
    escaped_a: bool,
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only, separators=separators)
    text = text.replace("\n", line_end)
    if escaped_a:  # a name spelt with an escape: the search cannot see it
        text = text.replace('"a"', '"\\u0061"')
    parsed = json.loads(text)
    requests = _requests(parsed)
    assert locate_parsed_json(text, parsed, requests) == locate_json_all(text, requests)


@settings(max_examples=examples(300), deadline=None)
@given(
    data=st.dictionaries(st.sampled_from(NAMES), _values(), max_size=5),
    indent=st.sampled_from([None, 1]),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
    escaped_a=st.booleans(),
    batches=st.integers(min_value=1, max_value=4),
    one_pass=st.booleans(),
)
def test_what_one_request_learns_is_kept_for_the_next_and_agrees_with_the_walker(
    data: dict[str, Any],
    indent: int | None,
    line_end: str,
    escaped_a: bool,
    batches: int,
    one_pass: bool,
) -> None:
    """A document with many requests (a pipeline's steps) is asked again and again: one
    NameIndex answers them all, names searched one by one or all in one pass over the
    text's strings, lines counted from a table after the first call."""
    text = json.dumps(data, indent=indent).replace("\n", line_end)
    if escaped_a:
        text = text.replace('"a"', '"\\u0061"')
    parsed = json.loads(text)
    requests = _requests(parsed)
    index = NameIndex(text, parsed)
    many = positions._MANY_NAMES
    positions._MANY_NAMES = 0 if one_pass else many
    try:
        answers = []
        for batch in range(batches):
            asked = requests[batch::batches]
            answers.append((asked, locate_parsed_json(text, parsed, asked, index)))
    finally:
        positions._MANY_NAMES = many
    for asked, found in answers:
        assert found == locate_json_all(text, asked)


def test_a_document_of_many_requests_costs_linear_time() -> None:
    """A pipeline of 4,000 steps was quadratic: each step's positions searched the whole
    text, walked the whole data and counted lines from the top (49 s; now well under 1 s).
    Counted in steps, not timed: the index searches each name once for the document."""
    step = {"Arguments": {"AutoMLJobObjective": {"MetricName": "F1"}}}
    data = {"Steps": [step] * 200}
    text = json.dumps(data, indent=1)
    parsed = json.loads(text)
    index = NameIndex(text, parsed)
    searched: list[str] = []
    real = positions._name_spans

    def counting(text: str, name: str, plain: bool) -> list[tuple[int, int]]:
        searched.append(name)
        return real(text, name, plain)

    positions._name_spans = counting
    try:
        for number in range(200):
            path = ("Steps", number, "Arguments", "AutoMLJobObjective", "MetricName")
            [found] = locate_parsed_json(text, parsed, [(path, False)], index)
            assert found == locate_json_all(text, [(path, False)])[0]
    finally:
        positions._name_spans = real
    assert searched == ["MetricName"]  # once for the document, not once a step


def test_a_name_matched_from_a_closing_quote_is_not_taken_for_a_member() -> None:
    # '"x",":y"' holds '",":' from the closing quote of "x"; the real "," is spelt escaped.
    text = '{"a": "x",":y": 1,\n "\\u002c": 2}'
    data = json.loads(text)
    requests: list[Request] = [([","], False), ([","], True), ([":y"], False)]
    assert locate_parsed_json(text, data, requests) == [(2, 12), (2, 2), (1, 17)]
    assert locate_json_all(text, requests) == [(2, 12), (2, 2), (1, 17)]


def test_repeated_names_are_told_apart_by_their_order() -> None:
    text = '{"Name": {"Name": [{"Name": 1}]},\n "x": {"Name": 2}}'
    data = json.loads(text)
    requests: list[Request] = [
        (["x", "Name"], False),
        (["Name", "Name", 0, "Name"], True),
        (["Name"], True),
        (["Name", "Name", 0, "Missing"], False),
    ]
    expected = [(2, 16), (1, 21), (1, 2), (1, 20)]
    assert locate_parsed_json(text, data, requests) == expected
    assert locate_json_all(text, requests) == expected


def test_an_array_index_token_is_read_as_the_walker_reads_it() -> None:
    text = '{"L": [{"k": 1}, {"k": 2}]}'
    data = json.loads(text)
    paths: list[list[str | int]] = [["L", "1", "k"], ["L", 1, "k"], ["L", "01", "k"]]
    paths.append(["L", "9", "k"])
    for path in paths:
        requests: list[Request] = [(path, False)]
        assert locate_parsed_json(text, data, requests) == locate_json_all(text, requests)


def test_parsed_json_documents_locate_by_name() -> None:
    text = '{\n  "AutoMLJobObjective": {"MetricName": "Nope"}\n}'
    document = parse_text("job.json", text)
    assert document.locate(["AutoMLJobObjective", "MetricName"]) == (2, 40)
    assert document.locate(["AutoMLJobObjective", "MetricName"], key=True) == (2, 26)


def test_nesting_too_deep_to_count_along_goes_to_the_walker() -> None:
    depth = 300
    text = '{"a": 1, "b": ' + "[" * depth + '{"a": 2}' + "]" * depth + "}"
    data = json.loads(text)
    requests: list[Request] = [(["a"], True), (["b"], False)]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 100)  # too few frames to count along
    try:
        positions = locate_parsed_json(text, data, requests)
    finally:
        sys.setrecursionlimit(limit)
    assert positions == [(1, 2), (1, 15)]


@settings(max_examples=examples(60), deadline=None)
@given(
    items=st.lists(
        st.dictionaries(st.sampled_from(NAMES), _values(), min_size=1, max_size=3), min_size=1
    ),
    repeats=st.integers(min_value=65, max_value=90),
    separators=st.sampled_from([None, (",", ":"), (" , ", " : ")]),
    escaped_a=st.booleans(),
)
def test_names_repeated_past_the_searchs_switch_to_one_pattern_agree_with_walking(
    items: list[dict[str, Any]],
    repeats: int,
    separators: tuple[str, str] | None,
    escaped_a: bool,
) -> None:
    # more members of one name than positions._MANY_SPANS: the rest are found by a pattern
    data = {"L": items * repeats, "a": {"a": items}}
    text = json.dumps(data, indent=1, ensure_ascii=False, separators=separators)
    if escaped_a:
        text = text.replace('"a"', '"\\u0061"', 70)
    parsed = json.loads(text)
    requests = _requests(parsed)[::7]
    assert locate_parsed_json(text, parsed, requests) == locate_json_all(text, requests)


def test_a_name_found_many_times_gives_the_spans_one_find_at_a_time_gives() -> None:
    # without its colon, escaped, spaced, packed: the pattern finds what str.find finds
    pieces = ['"k": 1', '"k" : 2', '"k"', '\\"k": 3', '"k":"k":', '"k"\n:\t4', 'x"k":5']
    text = "".join(pieces[i % len(pieces)] + ", " for i in range(3 * positions._MANY_SPANS))
    for plain in (True, False):
        spans = positions._name_spans(text, "k", plain)
        expected = []
        at = text.find('"k"')
        while at >= 0:
            colon = positions._NAME_END.match(text, at + 3)
            if colon is None:
                at = text.find('"k"', at + 1)
                continue
            if plain or text[at - 1] != "\\":
                expected.append((at, colon.end()))
            at = text.find('"k"', colon.end())
        assert spans == expected
        assert len(spans) > positions._MANY_SPANS


def test_counting_repeated_names_leaves_no_reference_cycle() -> None:
    """The count of a name along the data (a name in many objects) is garbage the moment it
    is done: a recursive closure held its tables in a cycle until the collector came."""
    import gc

    data = {"items": [{"name": "a", "more": {"name": "b"}} for _ in range(50)]}
    text = json.dumps(data, indent=1)
    requests: list[Request] = [(("items", index, "name"), True) for index in range(0, 50, 2)]
    gc.collect()
    gc.disable()
    try:
        found = locate_parsed_json(text, data, requests)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert found == locate_json_all(text, requests)
    assert unreachable == 0


def _channels(count: int, *, every: int = 1) -> dict[str, Any]:
    """Items of one list, every ``every``-th holding ``name`` (the others only ``other``)."""
    items = [
        {"name": f"v{index}", "more": {"x": 1}} if index % every == 0 else {"other": index}
        for index in range(count)
    ]
    return {"first": {"other": 0}, "items": items, "last": [1]}


@pytest.mark.parametrize("every", [1, 3])
@pytest.mark.parametrize("key", [True, False])
def test_items_of_one_list_are_ranked_by_their_index_without_walking_the_data(
    monkeypatch: pytest.MonkeyPatch, every: int, key: bool
) -> None:
    """Every member of a repeated name wanted, each in an item of one list: their order is
    the items' order, asked in any order and by index or by its text."""

    def no_walk(*_: object) -> None:
        raise AssertionError("the data was walked")

    data = _channels(40, every=every)
    text = json.dumps(data, indent=2)
    holders = [index for index in range(40) if index % every == 0]
    requests: list[Request] = [
        (("items", index if index % 2 else str(index), "name"), key) for index in reversed(holders)
    ]
    expected = locate_json_all(text, requests)
    monkeypatch.setattr(positions, "_name_ranks", no_walk)
    assert locate_parsed_json(text, data, requests) == expected
    assert len(set(expected)) == len(holders)


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["first"].update(name="elsewhere"),  # the name outside the list
        lambda data: data["items"][4]["more"].update(name="below"),  # and inside an item
        lambda data: data["items"][4]["more"].update(name=[{"name": 1}]),  # and deeper
    ],
)
def test_a_name_also_held_outside_the_wanted_items_is_ranked_by_the_walk(
    change: Any,
) -> None:
    data = _channels(12)
    change(data)
    text = json.dumps(data, indent=1)
    requests: list[Request] = [(("items", index, "name"), True) for index in range(12)]
    requests.append((("items", 4, "more", "name"), True))
    assert locate_parsed_json(text, data, requests) == locate_json_all(text, requests)
    assert locate_parsed_json(text, data, requests[:-1]) == locate_json_all(text, requests[:-1])


def test_wanted_items_of_two_lists_are_ranked_by_the_walk() -> None:
    data = {"a": [{"name": 1}, {"name": 2}], "b": [{"name": 3}, {"name": 4}]}
    text = json.dumps(data)
    requests: list[Request] = [
        ((list_name, index, "name"), False) for list_name in "ba" for index in (1, 0)
    ]
    assert locate_parsed_json(text, data, requests) == locate_json_all(text, requests)


def test_a_parsed_json_document_makes_its_name_index_when_first_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A clean document is never asked where anything is: its index is not made (about
    2.6 K instructions a file); a document asked twice keeps the one index."""
    made: list[NameIndex] = []

    class Counted(NameIndex):
        def __init__(self, text: str, data: Any) -> None:
            made.append(self)
            super().__init__(text, data)

    monkeypatch.setattr(positions, "NameIndex", Counted)  # a parsed JSON document's locator's
    document = parse_text("x.json", '{"a": {"b": 1}, "c": [2]}')
    assert made == []
    assert document.locate(["a", "b"]) == (1, 13)
    assert document.locate(["c"], key=True) == (1, 17)
    assert len(made) == 1 and made[0].calls == 2
