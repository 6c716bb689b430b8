"""Items of a list that fail alike are explained once, and their failures are what explaining
each item alone gives: value for value and type for type (``1``, ``1.0``, ``True``; ``-0.0``
and ``0.0``; member order; parts known only at run time and marked strings are never taken
for the plain values they equal), and so are the words of every finding."""

from __future__ import annotations

import copy
import marshal
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.base.literal import LiteralText
from automl_objective.check import alike
from automl_objective.check.catalog import load_catalog
from automl_objective.check.dynamic import DYNAMIC, OpenArray, OpenObject
from automl_objective.check.failures import Failure, JsonPath
from automl_objective.check.messages import explain_all
from automl_objective_generated import checks, explainers
from tests.support.fuzzing import examples

Explain = Callable[[Any, JsonPath, list[Failure], bool], None]
CHANNEL = (checks._check_aws_AutoMLJobChannel, explainers._explain_aws_AutoMLJobChannel)
ALGORITHM = (checks.check_tabular_algorithm, explainers.explain_tabular_algorithm)

# Values equal to ``==`` that a message tells apart, or that only look plain.
ALIKE_SCALARS = [1, 1.0, True, 0, 0.0, -0.0, False, "1", "bogus", None, LiteralText("bogus")]
URI = "s3://b/t/" + "p" * 300


def _typed(value: Any) -> Any:
    """``value`` with its type at every node: equal only for the same JSON, type for type
    (a float by its repr: ``-0.0`` is not ``0.0``)."""
    if isinstance(value, dict):
        return (type(value), tuple((_typed(k), _typed(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_typed(v) for v in value))
    if isinstance(value, float):
        return (float, repr(value))
    return (type(value), value if value is not DYNAMIC else "DYNAMIC")


def _one_by_one(items: list[Any], check: Any, explain: Explain) -> list[Failure]:
    out: list[Failure] = []
    for index, item in enumerate(items):
        if not check(item):
            explain(item, ("AutoMLJobInputDataConfig", index), out, False)
    return out


def _remembered(items: list[Any], check: Any, explain: Explain) -> list[Failure]:
    out: list[Failure] = []
    alike.explain_items(items, ("AutoMLJobInputDataConfig",), out, False, check, explain)
    return out


def _assert_same(items: list[Any], pair: tuple[Any, Explain]) -> None:
    fresh = _one_by_one(items, *pair)
    remembered = _remembered(items, *pair)
    assert [_typed(tuple(f)) for f in remembered] == [_typed(tuple(f)) for f in fresh]
    catalog = load_catalog()
    assert [explain_all(f, catalog) for f in remembered] == [explain_all(f, catalog) for f in fresh]


def _channel(channel_type: Any, uri: Any = URI, **more: Any) -> dict[str, Any]:
    source = {"S3DataType": "S3Prefix", "S3Uri": uri}
    return {"ChannelType": channel_type, "DataSource": {"S3DataSource": source}, **more}


def test_channels_that_equal_each_other_but_differ_in_type_are_explained_apart() -> None:
    items = [_channel(value) for value in ALIKE_SCALARS for _ in range(3)]
    items += [_channel("bogus", extra=value) for value in ALIKE_SCALARS for _ in range(2)]
    items += [_channel("bogus", uri=value) for value in ALIKE_SCALARS]
    _assert_same(items, CHANNEL)


def test_member_order_and_open_objects_are_told_apart() -> None:
    one = {"ChannelType": "x", "Zeta": 1, "Alpha": 2}
    other = {"Alpha": 2, "ChannelType": "x", "Zeta": 1}
    assert one == other
    items: list[Any] = [one, other, copy.deepcopy(one), OpenObject(one), OpenObject(other)]
    items += [one, other]
    items += [DYNAMIC, {"ChannelType": DYNAMIC}, {"ChannelType": "x", "Zeta": OpenArray([1])}]
    items += [{"ChannelType": "x", "Zeta": [1]}, {"ChannelType": "x", "Zeta": (1,)}]
    items += [{"ChannelType": "x"}, {"ChannelType": "x", "Zeta": LiteralText("1")}]
    items += [{"ChannelType": "x", "Zeta": b"1"}, {"ChannelType": "x", "Zeta": bytearray(b"1")}]
    items += [{"ChannelType": "x", "Zeta": b"1"}, {"ChannelType": "x", "Zeta": bytearray(b"1")}]
    _assert_same(items, CHANNEL)


def test_scalar_items_alike_keep_their_types() -> None:
    items = [value for value in ALIKE_SCALARS for _ in range(3)] + ["XGBoost", "xgboost"] * 3
    _assert_same(items, ALGORITHM)


_LEAF = st.sampled_from(ALIKE_SCALARS)
_NAMES = st.sampled_from(["ChannelType", "DataSource", "S3Uri", "x"])


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(inner, max_size=3), st.dictionaries(_NAMES, inner, max_size=3))


_VALUE = st.recursive(_LEAF, _containers, max_leaves=6)
_ITEM = st.fixed_dictionaries(
    {"ChannelType": _LEAF},
    optional={"DataSource": _VALUE, "ContentType": _VALUE, "Other": _VALUE},
)


@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([0, 1, 2, 3]), min_size=2, max_size=12),
    st.lists(_ITEM, min_size=4, max_size=4),
)
def test_any_list_of_repeated_items_gets_the_failures_of_each_item_alone(
    picks: list[int], pool: list[dict[str, Any]]
) -> None:
    # repeats (copies and the same object) of a few items, each possibly alike another
    items = [
        copy.deepcopy(pool[pick]) if index % 2 else pool[pick] for index, pick in enumerate(picks)
    ]
    _assert_same(items, CHANNEL)


def test_an_item_alike_one_explained_before_is_not_explained_again() -> None:
    calls: list[Any] = []

    def explain(v: Any, path: JsonPath, out: list[Failure], warn: bool) -> None:
        calls.append(v)
        CHANNEL[1](v, path, out, warn)

    items = [_channel("bogus") for _ in range(100)] + [_channel(1), _channel(True)] * 50
    out = _remembered(items, CHANNEL[0], explain)
    assert len(calls) == 3  # one of each: "bogus", 1, True
    assert [f.path[1] for f in out][:100] == list(range(100))
    assert {f.path[1] for f in out} == set(range(200))
    assert [f.code for f in out] == ["invalid-value"] * 100 + [
        "invalid-type",
        "invalid-value",
    ] * 100


def test_an_item_written_with_shared_objects_is_told_by_its_value() -> None:
    """marshal's format 4 writes an object met twice in an item as a reference: an item
    sharing one string and one holding two equal copies of it are written apart (a miss),
    while their failures stay each item's own."""
    shared = "".join(["bo", "gus"])
    items = [
        _channel(shared, uri=shared),
        _channel("".join(["bo", "gus"]), uri="".join(["bo", "gus"])),
        _channel(shared, uri=shared),
        _channel("".join(["bo", "gus"]), uri="".join(["bo", "gus"])),
    ]
    assert marshal.dumps(items[0], 4) != marshal.dumps(items[1], 4)
    _assert_same(items, CHANNEL)


def test_an_item_like_the_last_is_not_checked_and_items_that_pass_still_pass() -> None:
    """Once items fail alike, the next is keyed before it is checked: one like the last is
    not checked at all; one that passes, or fails otherwise, is checked as ever."""
    checked: list[Any] = []

    def check(value: Any) -> bool:
        checked.append(value)
        return bool(CHANNEL[0](value))

    bad, good = _channel("bogus"), _channel("training")
    items = [bad] * 5 + [good] * 3 + [copy.deepcopy(bad)] * 4 + [_channel(1), good, bad, bad]
    _assert_same(items, CHANNEL)
    _assert_same(items, (check, CHANNEL[1]))  # the same failures with the counting check
    checked.clear()
    _remembered(items, check, CHANNEL[1])
    # checked: bad, bad (found like the first); not: three bads like the last; checked:
    # good (keyed for nothing: the next is checked first), good, good, bad (found); not:
    # three bads; checked: 1 (fails otherwise), good, bad (found); not: the last bad
    assert len(checked) == 2 + 4 + 3


def test_a_long_run_is_broken_where_an_item_differs_or_cannot_be_keyed() -> None:
    """Items like the last are keyed and compared in C, together: the first that differs,
    or that marshal cannot write (a marked string), ends them and is explained as ever; an
    item of two failures gives both, in turn, for every item of a run."""
    bad, two = _channel("bogus"), _channel("bogus", Extra=1)  # two: a member unknown too
    marked = _channel(LiteralText("bogus"))
    items = [copy.deepcopy(bad) for _ in range(60)] + [marked] + [bad] * 40
    items += [copy.deepcopy(two) for _ in range(50)] + [_channel(1)] + [two] * 3 + [bad]
    fresh = _one_by_one(items, *CHANNEL)
    assert len(fresh) == 101 + 2 * 53 + 2 + 1  # two failures each of ``two`` and of 1
    _assert_same(items, CHANNEL)
    _assert_same(tuple(items), CHANNEL)  # type: ignore[arg-type]  # any sequence of items


def test_a_run_longer_than_a_block_ends_where_an_item_inside_a_block_differs() -> None:
    """After the first ``BLOCK`` items like the last, a run is followed a block at a time,
    the items of a block written at once: an item inside a block that differs only in a
    type (``1``, ``1.0``, ``True``), a character, or that cannot be written (a marked
    string), ends the run at that item, as keyed one by one; one sharing an object with
    another item (written as a reference) is still told by its value."""
    block = alike.BLOCK
    for plain, odd in [
        (_channel(1), _channel(True)),
        (_channel(1), _channel(1.0)),
        (_channel("bogus"), _channel("bogus", uri=URI + "q")),
        (_channel("bogus"), _channel(LiteralText("bogus"))),
    ]:
        items = [copy.deepcopy(plain) for _ in range(5 * block)]
        items[3 * block + 7] = odd  # inside the second block after the first items
        items[4 * block + 1] = items[4 * block]  # one object twice, in the last block
        items += [copy.deepcopy(plain) for _ in range(block // 2)]
        _assert_same(items, CHANNEL)
