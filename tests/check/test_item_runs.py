"""A run of findings of one long list's items failing alike is placed as one unit (two
positions found, the rest read off the text's period), and gives exactly the findings that
placing each one alone gives: on hostile texts (member names inside string values, names
spelt with escapes, CRLF, one line, items spelt otherwise, runs broken, two lists), and for
member names (``at_key``) as for values."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automl_objective.base.codes import Code
from automl_objective.base.finding import Finding
from automl_objective.check import wording
from automl_objective.check.checker import default_checker
from automl_objective.check.findings import Located
from automl_objective.check.item_runs import item_runs, known_runs
from automl_objective.inputs import positions, runs
from automl_objective.inputs.document import Document
from automl_objective.inputs.json_syntax import parse_json
from automl_objective.inputs.positions import json_offsets, locate_json_all, parsed_json_spots
from tests.support.fuzzing import examples

ITEMS = 40
URI = "s3://b/t/x"


def _channel(**changes: Any) -> dict[str, Any]:
    channel: dict[str, Any] = {
        "ChannelType": "bogus",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": URI}},
    }
    channel.update(changes)
    return channel


def _request(channels: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {
        "AutoMLJobName": "job",
        "AutoMLJobInputDataConfig": channels,
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "AutoMLProblemTypeConfig": {"TabularJobConfig": {"TargetAttributeName": "y"}},
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        **more,
    }


@pytest.fixture
def placed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many findings each call of run_positions placed (the unit was used)."""
    counts: list[int] = []
    inner = runs.run_positions

    def counting(*args: Any) -> list[Any]:
        found = inner(*args)
        counts.append(len(found))
        return found

    monkeypatch.setattr(runs, "run_positions", counting)
    return counts


def _findings(text: str) -> list[Finding]:
    """The findings of ``text``, checked as ``validate`` checks it, each one also placed
    alone (a locator without runs) and found the same."""
    document = parse_json("t.json", text)
    found = default_checker().validate(document).findings
    known: list[Any] = []

    def alone(requests: Any) -> Any:  # the same locator, not known to place runs
        return parsed_json_spots(text, document.data, known, requests)

    assert runs.run_placer(alone) is None
    plain = Document("t.json", document.data, text, "json", alone, parsed=True)
    assert found == default_checker().validate(plain).findings
    return found


def test_a_run_is_placed_at_once_as_each_alone(placed: list[int]) -> None:
    text = json.dumps(_request([_channel() for _ in range(ITEMS)]), indent=2)
    found = _findings(text)
    assert placed == [ITEMS]
    channel_types = [f for f in found if f.code == "invalid-value"]
    assert [f.pointer for f in channel_types] == [
        f"/AutoMLJobInputDataConfig/{k}/ChannelType" for k in range(ITEMS)
    ]
    lines = text.splitlines()
    for finding in channel_types:  # each at its own value, as the text has it
        assert finding.line is not None and finding.column is not None
        assert lines[finding.line - 1][finding.column - 1 :].startswith('"bogus"')


HOSTILE: dict[str, Callable[[], dict[str, Any]]] = {
    "names in string values": lambda: _request(
        [_channel(ContentType='"ChannelType": "bogus"') for _ in range(ITEMS)]
    ),
    "a name in another item's keys": lambda: _request(
        [
            _channel(DataSource={"ChannelType": {"S3Uri": "ChannelType"}}) if k == 7 else _channel()
            for k in range(ITEMS)
        ]
    ),
    "nested names, a name as a value": lambda: _request(
        [
            _channel(DataSource={"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "Channel"}})
            for _ in range(ITEMS)
        ]
    ),
    "one item spelt longer": lambda: _request(
        [_channel() if k != 17 else _channel(ChannelType="bogus2") for k in range(ITEMS)]
    ),
    "a run broken by a valid item": lambda: _request(
        [_channel() if k != 20 else _channel(ChannelType="training") for k in range(ITEMS * 2)]
    ),
    "unknown members (at their names)": lambda: _request(
        [_channel(ChannelType="training", Bogus=1) for _ in range(ITEMS)]
    ),
    "a name of odd characters after the index": lambda: _request(
        [_channel(ChannelType="training", **{"B%d/~1%s": 1}) for _ in range(ITEMS)]
    ),
    "two lists": lambda: _request(
        [_channel() for _ in range(ITEMS)],
        Tags=[{"Key": "k", "Value": "v", "Bogus": True} for _ in range(ITEMS)],
    ),
}


def _spellings(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    text = json.dumps(document, indent=2)
    yield "indented", text
    yield "CRLF", text.replace("\n", "\r\n")
    yield "lone CR", text.replace("\n", "\r")
    yield "one line", json.dumps(document)
    yield "tabs", json.dumps(document, indent="\t")
    yield "escaped names", text.replace('"ChannelType"', '"Channel\\u0054ype"')
    yield "some names escaped", text.replace('"ChannelType"', '"Channel\\u0054ype"', 5)
    yield "non-ASCII", text.replace(URI, "s3://b/\u00e9t\u00e9/\U0001f600")
    yield "an item spelt with more space", text.replace('"bogus"', ' "bogus"', 13)
    yield (
        "a member order changed",
        text.replace(
            '{\n      "ChannelType": "bogus",\n      "DataSource": {\n        "S3DataSource": {\n'
            '          "S3DataType": "S3Prefix",\n          "S3Uri": "s3://b/t/x"\n        }\n'
            "      }\n    }",
            '{"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/x"}},'
            ' "ChannelType": "bogus"}',
            3,
        ),
    )


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_runs_are_placed_as_each_alone(case: str) -> None:
    for name, text in _spellings(HOSTILE[case]()):
        assert json.loads(text) is not None, name
        found = _findings(text)
        assert len(found) >= ITEMS, (case, name)


def test_two_lists_are_two_runs(placed: list[int]) -> None:
    document = HOSTILE["two lists"]()
    _findings(json.dumps(document, indent=2))
    assert placed == [ITEMS, ITEMS]


def test_a_broken_period_places_the_rest_anew(placed: list[int]) -> None:
    channels = [_channel() for _ in range(ITEMS * 2)]
    text = json.dumps(_request(channels), indent=2)
    at = text.index('"bogus"', text.index('"bogus"') + 1)  # the second item's value
    for _ in range(ITEMS - 2):
        at = text.index('"bogus"', at + 1)
    text = text[:at] + " " + text[at:]  # item ITEMS - 1 spelt with one space more
    _findings(text)
    assert placed == [ITEMS - 1, ITEMS + 1]


def test_items_each_spelt_their_own_way_are_not_walked_again_and_again(
    placed: list[int],
) -> None:
    """Items that each hold a value of their own (numbered URIs) break the period at every
    item: each attempt walks the text from its start, so after two attempts in a row that
    place fewer than a run, the rest is placed one by one (as each alone, as always)."""
    channels = [
        _channel(DataSource={"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"{URI}/{k}"}})
        for k in range(ITEMS * 3)
    ]
    found = _findings(json.dumps(_request(channels), indent=2))
    assert len([f for f in found if f.code == "invalid-value"]) == ITEMS * 3
    assert placed == [2, 2]
    # one item spelt otherwise early in a run: the rest is still placed at once
    text = json.dumps(_request([_channel() for _ in range(ITEMS * 2)]), indent=2)
    text = text.replace('"bogus"', ' "bogus"', 11).replace(' "bogus"', '"bogus"', 10)
    placed.clear()
    _findings(text)
    assert placed == [10, ITEMS * 2 - 10]


def test_the_runs_of_a_list_broken_again_and_again_are_each_sought_from_the_last(
    placed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items spelt otherwise every so often (a longer value) break a long list into runs:
    each is sought from the item the run before ended at, not walked to from the text's
    start (which made the walks add up to the list's length once a run: quadratic). Counted
    by the values each walk skips: a few a run, not the items before it."""
    items = ITEMS * 8
    channels = [
        _channel(ChannelType=f"bogus-{k}") if k % ITEMS == 0 else _channel() for k in range(items)
    ]
    text = json.dumps(_request(channels), indent=2)
    skipped: list[int] = []
    skip, walk = positions._skip_value, json_offsets

    def skipping(text: str, pos: int) -> int:
        skipped.append(pos)
        return skip(text, pos)

    walks: list[int] = []

    def walking(*args: Any, **kwargs: Any) -> Any:
        skipped.clear()
        found = walk(*args, **kwargs)
        walks.append(len(skipped))
        return found

    monkeypatch.setattr(positions, "_skip_value", skipping)
    monkeypatch.setattr(runs, "json_offsets", walking)
    found = _findings(text)  # (placed as each alone, too)
    assert len([f for f in found if f.code == "invalid-value"]) == items
    assert len(walks) == len(placed) >= 8
    assert sum(placed) == items
    assert max(walks) <= 8


def test_a_walk_from_an_item_finds_what_the_walk_from_the_start_finds() -> None:
    text = json.dumps(_request([_channel() for _ in range(ITEMS)]), indent=2)
    array = ("AutoMLJobInputDataConfig",)
    paths = [(*array, k, "ChannelType") for k in (7, 8, 30)]
    whole = json_offsets(text, paths, unique=True)
    for index in (0, 5, 7):
        start = json_offsets(text, [(*array, index)])[(*array, str(index))][0]
        found = json_offsets(text, paths, unique=True, within=(array, index, start))
        assert found == {path: whole[path] for path in found}
        assert {tuple(map(str, path)) for path in paths} <= found.keys()
    past = json_offsets(text, [(*array, 31)])[(*array, "31")][0]
    assert json_offsets(text, paths, unique=True, within=(array, 31, past)) == {}


def test_run_positions_are_the_walkers() -> None:
    """Each position placed by the period is where walking the text to it finds it, for
    values and names, in every spelling; none is placed past the period's end."""
    for case, make in HOSTILE.items():
        for name, text in _spellings(make()):
            data = json.loads(text)
            for first, depth in [(("AutoMLJobInputDataConfig", 0, "ChannelType"), 1)]:
                for at_key in (False, True):
                    got = runs.run_positions(text, data, first, depth, ITEMS, at_key)
                    paths = [("AutoMLJobInputDataConfig", k, "ChannelType") for k in range(ITEMS)]
                    want = locate_json_all(text, [(p, at_key) for p in paths])
                    assert got == want[: len(got)], (case, name, at_key)


def test_a_path_missing_in_the_last_item_is_not_placed_so() -> None:
    channels = [_channel() for _ in range(ITEMS)]
    del channels[-1]["ChannelType"]
    text = json.dumps(_request(channels), indent=2)
    first = ("AutoMLJobInputDataConfig", 0, "ChannelType")
    assert runs.run_positions(text, json.loads(text), first, 1, ITEMS, False) == []


def _located(paths: Sequence[tuple[str | int, ...]], at_key: bool = False) -> list[Located]:
    return [Located("error", "invalid-value", path, "m", at_key) for path in paths]  # type: ignore[arg-type]


def test_item_runs_follow_one_index_counting_up() -> None:
    at: Callable[[int], tuple[str | int, ...]] = lambda k: ("L", k, "x")  # noqa: E731
    assert item_runs(_located([at(k) for k in range(40)]), 32) == [(0, 40, 1)]
    # a gap, a step back, a name, a True (equal to 1, another pointer) or another
    # member each end a run
    for odd in [at(41), at(0), ("L", "5", "x"), ("L", 5, "y"), ("M", 5, "x")]:
        paths = [at(k) for k in range(40)]
        paths[35] = odd
        assert item_runs(_located(paths), 32) == [(0, 35, 1)], odd
    paths = [at(k) for k in range(40)]
    paths[1] = ("L", True, "x")
    assert item_runs(_located(paths), 32) == [(2, 40, 1)]
    # names asked for and values asked for are two runs
    mixed = _located([at(k) for k in range(40)]) + _located([at(k) for k in range(40, 80)], True)
    assert item_runs(mixed, 32) == [(0, 40, 1), (40, 80, 1)]
    # too short, or the index at another depth
    assert item_runs(_located([at(k) for k in range(31)]), 32) == []
    deep = [("L", 0, "x", k) for k in range(40)]
    assert item_runs(_located(deep), 32) == [(0, 40, 3)]


_SPELT_ITEMS = [
    '{"a": 1, "b": "x"}',
    '{"a": 1,  "b": "x"}',
    '{"b": "x", "a": 1}',
    '{"a":1,"b":"x"}',
    '{"\\u0061": 1, "b": "x"}',
    '{"a": 1, "b": "\\"a\\": 1"}',
    '{"a": 1, "b": "x", "c": {"a": 2}}',
    '{"a": 1.0, "b": "x"}',
    '{"a":\r\n 1, "b": "x"}',
    '{"a": [1], "b": "x"}',
]


@given(
    st.lists(st.sampled_from(range(len(_SPELT_ITEMS))), min_size=2, max_size=40),
    st.sampled_from([", ", ",\n  ", ",\r\n", ",\r"]),
    st.booleans(),
    st.sampled_from(["a", "b"]),
)
@settings(max_examples=examples(300), deadline=None)
def test_run_positions_are_the_walkers_on_any_items(
    spellings: list[int], between: str, at_key: bool, member: str
) -> None:
    """Items spelt in any mix of ways (white space, order, escapes, a name inside a string
    value or a nested object, CR, CRLF): whatever the period places is where walking the
    text to it finds it."""
    text = '{"x": [' + between.join(_SPELT_ITEMS[k] for k in spellings) + "]}"
    data = json.loads(text)
    first = ("x", 0, member)
    got = runs.run_positions(text, data, first, 1, len(spellings), at_key)
    paths = [("x", k, member) for k in range(len(spellings))]
    want = locate_json_all(text, [(p, at_key) for p in paths])
    assert got == want[: len(got)]
    if spellings[0] == spellings[1]:
        assert len(got) >= 2


WORDED: dict[str, Callable[[], dict[str, Any]]] = {
    **HOSTILE,
    "numbers equal but typed apart": lambda: _request(
        [_channel(ChannelType=value) for value in [1] * ITEMS + [True] * ITEMS + [1.0] * ITEMS]
    ),
    "zeros of two signs": lambda: _request(
        [_channel(ChannelType=value) for value in [0.0] * ITEMS + [-0.0] * ITEMS]
    ),
    "a run of unknown members beside its list's other mistakes": lambda: _request(
        [_channel(Bogus=k % 3) for k in range(ITEMS * 2)]
    ),
}


@pytest.mark.parametrize("case", sorted(WORDED))
def test_a_run_is_worded_as_each_alone(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The failures of a run worded as one unit give the findings that wording each alone
    gives (the same words, paths and order), whatever the instances (equal values of other
    types are other failures)."""
    text = json.dumps(WORDED[case](), indent=2)
    as_runs = default_checker().validate(parse_json("t.json", text)).findings
    monkeypatch.setattr(wording, "SHORTEST_RUN", 10**9)
    alone = default_checker().validate(parse_json("t.json", text)).findings
    assert as_runs == alone
    assert len(as_runs) >= ITEMS


def test_a_run_is_worded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's first failure is worded, and its words given to the others (each failure
    going through the wording's memory alone would call it once each)."""
    calls: list[object] = []
    inner = wording.explain_remembered

    def counting(failure: Any, catalog: Any) -> Any:
        calls.append(failure)
        return inner(failure, catalog)

    monkeypatch.setattr(wording, "explain_remembered", counting)
    text = json.dumps(_request([_channel() for _ in range(ITEMS * 3)]), indent=2)
    found = default_checker().validate(parse_json("t.json", text)).findings
    assert len([f for f in found if f.code == "invalid-value"]) == ITEMS * 3
    assert len(calls) <= 3


@given(
    st.lists(st.integers(0, 5), min_size=0, max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.lists(st.integers(0, 7), max_size=3)), max_size=5),
)
@settings(max_examples=examples(300), deadline=None)
def test_findings_left_unworded_are_worded_among_the_others_as_in_one_walk(
    worded: list[int], unworded: list[tuple[int, list[int]]]
) -> None:
    """A few findings left unworded among many worded ones are worded in place, and exact
    repeats dropped (the first kept), as one walk of them all does; whatever their words
    repeat (another finding, each other, themselves)."""

    def finding(k: int) -> Located:
        return Located("error", "invalid-value", ("L", k % 6), f"words {k}")  # type: ignore[arg-type]

    located = list(dict.fromkeys(finding(k) for k in worded))
    said: dict[int, list[Located]] = {}
    for at, words in unworded:
        failure = object()  # only its identity is read (explain_remembered faked below)
        marker = wording._Unworded(failure)  # type: ignore[arg-type]
        said[id(failure)] = [finding(k) for k in words]
        located.insert(min(at, len(located)), Located("error", "x", (), marker))  # type: ignore[arg-type]

    def explain(failure: Any, catalog: Any) -> list[Located]:
        return list(said[id(failure)])

    one_walk: list[Located] = []
    for item in located:
        message = item.message
        one_walk += (
            explain(message.failure, None) if isinstance(message, wording._Unworded) else [item]
        )
    expected = list(dict.fromkeys(one_walk))
    original = wording.explain_remembered
    wording.explain_remembered = explain  # (hypothesis runs no fixture for each example)
    try:
        assert wording._worded(located, None) == expected  # type: ignore[arg-type]
    finally:
        wording.explain_remembered = original


def test_runs_and_the_others_apart_come_sorted_as_one_sort_sorts_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Findings before, between and after two runs (a member unknown at the root, in the
    middle item, and a list too long after them all) are joined in order with no sort of
    them all, and are what placing each alone and sorting gives."""
    from automl_objective.check import run_placing

    joined: list[bool] = []
    inner = run_placing._in_order

    def spying(chunks: list[list[Finding]]) -> list[Finding] | None:
        made = inner(chunks)
        joined.append(made is not None)
        return made

    monkeypatch.setattr(run_placing, "_in_order", spying)
    channels = [_channel(Bogus=1) if k == ITEMS else _channel() for k in range(ITEMS * 2 + 1)]
    found = _findings(json.dumps(_request(channels, Unknown=1), indent=2))
    assert joined == [True]
    assert found == sorted(found, key=lambda f: (f.line, f.column, f.code))
    assert len(found) > ITEMS * 2


def test_findings_of_overlapping_places_are_left_to_one_sort() -> None:
    from automl_objective.base.codes import Code
    from automl_objective.check.run_placing import _in_order

    def at(*lines: int) -> list[Finding]:
        return [Finding("error", Code.INVALID_VALUE, "", line, 1, "m") for line in lines]

    assert _in_order([at(5, 6), at(1, 2), at(8)]) == at(1, 2, 5, 6, 8)
    assert _in_order([at(5, 6), at(2, 7)]) is None
    assert _in_order([at(5, 6), at(6)]) is None  # one place in two: their order is the sort's


@pytest.mark.parametrize("case", sorted(WORDED))
def test_runs_known_as_made_are_the_runs_found(case: str) -> None:
    """The runs the explaining knows as it makes the failures (items like the last), begun
    where their rows follow, are runs item_runs finds too: each within one of its runs,
    and taken whole where a run is made of items alike."""
    from automl_objective.check.alike import runs_known
    from automl_objective.check.item_runs import WORDING, known_runs

    data = parse_json("t.json", json.dumps(WORDED[case](), indent=2)).data
    checker = default_checker()
    failures = checker.failures(data, checker.kind_of(data) or "auto")
    made = runs_known(failures)
    assert runs_known(failures) == []  # given once
    known = known_runs(failures, made, 32, WORDING)
    found = item_runs(failures, 32, WORDING)
    for start, stop, depth in known:
        assert any(s <= start and stop <= e and d == depth for s, e, d in found), (known, found)
    if case in ("names in string values", "two lists"):
        assert known == found != []  # items alike from the first: the same runs


def test_runs_known_are_begun_where_their_rows_follow() -> None:
    at: Callable[[int], tuple[str | int, ...]] = lambda k: ("L", k, "x")  # noqa: E731
    rows = _located([("M",)] + [at(k) for k in range(40)] + [("N",)])
    assert known_runs(rows, [(5, 41, 1)], 32) == [(1, 41, 1)]
    assert known_runs(rows, [(5, 20, 1), (20, 41, 1)], 32) == [(1, 41, 1)]  # 1 to 20: short
    assert known_runs(rows, [(1, 20, 1), (25, 41, 1)], 16) == [(1, 20, 1), (20, 41, 1)]
    assert known_runs(rows, [(30, 41, 1)], 32) == [(1, 41, 1)]
    rows[3] = rows[3]._replace(at_key=True)  # another place asked for: ends it
    assert known_runs(rows, [(5, 41, 1)], 32) == [(4, 41, 1)]


def test_a_run_worded_is_found_again_only_whole() -> None:
    """The placing takes a run the wording made where its findings are found again whole, in
    order; one dropped, or another put among them, and it is not taken (it is sought)."""
    from automl_objective.check.run_placing import _found_again

    at: Callable[[int], tuple[str | int, ...]] = lambda k: ("L", k, "x")  # noqa: E731
    run = _located([at(k) for k in range(40)])
    other = _located([("M",), ("N",)])
    located = other[:1] + run + other[1:]
    assert _found_again(located, [(run, 1)], 32) == [(1, 41, 1)]
    assert _found_again(located, [(run[:20], 1)], 32) == []  # too short
    assert _found_again(located[:20] + located[21:], [(run, 1)], 32) == []
    assert _found_again(located[:20] + other[1:] + located[20:], [(run, 1)], 32) == []
    assert _found_again(other, [(run, 1)], 32) == []


def test_a_long_list_failing_alike_is_searched_for_runs_by_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 10,000 items of one list failing alike: the explaining knows their run as it
    makes their failures, the wording words it as one and hands its findings to the placing,
    which finds them again whole; neither searches the failures or findings for runs."""
    from automl_objective.check import item_runs as item_runs_module

    searched: list[int] = []
    inner = item_runs_module.item_runs

    def searching(rows: Any, *args: Any) -> Any:
        searched.append(len(rows))
        return inner(rows, *args)

    monkeypatch.setattr(item_runs_module, "item_runs", searching)
    monkeypatch.setattr(run_placing_module(), "item_runs", searching)
    found = _findings(json.dumps(_request([_channel() for _ in range(ITEMS * 5)]), indent=2))
    assert len([f for f in found if f.code == "invalid-value"]) == ITEMS * 5
    assert searched == []


def run_placing_module() -> Any:
    from automl_objective.check import run_placing

    return run_placing


_GENERIC_CODES = [Code.UNKNOWN_MEMBER, Code.INVALID_VALUE, Code.SCHEMA_VIOLATION, "invalid-value"]


@given(
    st.lists(st.sampled_from(_GENERIC_CODES), min_size=60, max_size=200)
    | st.lists(st.sampled_from([*Code, "invalid-value", "schema-violation"]), max_size=200)
)
@settings(max_examples=examples(200), deadline=None)
def test_many_findings_are_gathered_as_one_by_one(codes: list[Any]) -> None:
    """What one-per-cause gathers of many findings (counted by their codes in C where all
    are generic, a code also equal as a plain string) is what gathering each gives."""
    from automl_objective.check import findings

    unique = [Located("error", code, ("L", k), "m") for k, code in enumerate(codes)]
    counted = findings._gathered(unique)
    many = findings._MANY
    findings._MANY = 10**9  # (hypothesis runs no fixture for each example)
    try:
        assert counted == findings._gathered(unique)
    finally:
        findings._MANY = many


def test_runs_known_are_given_only_for_their_own_list() -> None:
    """The runs known as a list of failures was made are that list's alone: a copy of it,
    or the failures of the next document, get none (their runs are found, if any)."""
    from automl_objective.check.alike import runs_known

    checker = default_checker()
    data = _request([_channel() for _ in range(ITEMS * 2)])
    failures = checker.failures(data, checker.kind_of(data) or "auto")
    assert runs_known(list(failures)) == []
    again = checker.failures(data, checker.kind_of(data) or "auto")
    assert runs_known(failures) == []  # the later list's runs are known now
    assert runs_known(again) != []
