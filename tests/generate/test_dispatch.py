"""The compiler's dispatch of ``if``/``then`` rules (compiler/dispatch.py): a check tests a
rule only where the facts its condition implies hold, and judges exactly as the general
code and as jsonschema do.

Compared three ways, on documents generated from the schemas (every const an ``if`` tests,
every member dropped, wrong types, odd values) and on small schemas of each shape the
dispatch handles or leaves to the general code: the dispatched checks against jsonschema,
and against the same nodes rendered without the dispatch (with values known only at run
time too, which jsonschema cannot judge).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from functools import cache
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from automl_objective.base.schema import load_aws_index, load_aws_schema, load_schema
from automl_objective.check.catalog import load_catalog
from automl_objective.check.checker import Checker
from automl_objective.check.dynamic import DYNAMIC, OpenArray, OpenObject
from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.compiler import Compiled, compile_checks, render_checks
from automl_objective_codegen.compiler.dispatch import HAS, IS, Branch, plan
from automl_objective_codegen.compiler.keywords.conditional import IfOp
from automl_objective_codegen.compiler.render import CHECKS_FILE as CHECKS
from tests.support.compiled import loaded
from tests.support.fuzzing import examples
from tests.support.schema_documents import aws_documents, canonical_documents, sites, strategy

Pred = Callable[[Any], bool]


def _module(compiled: Compiled, dispatch: bool) -> ModuleType:
    return loaded(render_checks(compiled, "# compiled in a test", dispatch=dispatch))


def _entries(module: ModuleType) -> dict[str, Pred]:
    found = {"ROOT": module.ROOT[0]}
    found.update({f"DEFS/{k}": pair[0] for k, pair in module.DEFS.items()})
    found.update({f"AWS/{k}": pair[0] for k, pair in module.AWS.items()})
    return found


@cache
def _bundle() -> Compiled:
    shapes = [
        (e["kind"], e["file"], e["shape"], load_aws_schema(e["file"])["$defs"])
        for e in load_aws_index()["kinds"]
    ]
    return compile_checks(dict(load_schema()), shapes, RULE_CODES)


@cache
def _bundled() -> tuple[dict[str, Pred], dict[str, Pred]]:
    """Every entry point of the bundled schemas: dispatched, and by the general code."""
    return _entries(_module(_bundle(), True)), _entries(_module(_bundle(), False))


def _with_unknown_parts(value: Any, rng: random.Random) -> Any:
    """``value`` with some parts known only at run time: values, open objects and arrays."""
    if rng.random() < 0.1:
        return DYNAMIC
    if isinstance(value, dict):
        items = {k: _with_unknown_parts(v, rng) for k, v in value.items()}
        return OpenObject(items) if rng.random() < 0.3 else items
    if isinstance(value, list):
        listed = [_with_unknown_parts(v, rng) for v in value]
        return OpenArray(listed) if rng.random() < 0.3 else listed
    return value


@cache
def _definition_validator(name: str) -> Any:
    """jsonschema's validator of a definition, with the schema's ``x-warn`` keyword (a
    warning fails a check too)."""
    checker = Checker(load_schema())
    (kind,) = [kind for kind, definition in checker.kinds.items() if definition == name]
    return checker.validator(kind)


def _gates(branch: Branch, at: tuple[tuple[str, str], ...] = ()) -> Iterator[tuple[Any, ...]]:
    for _ in branch.rules:
        yield at
    for name, inner in branch.members.items():
        yield from _gates(inner, (*at, (HAS, name)))
    for text, inner in branch.strings.items():
        yield from _gates(inner, (*at, (IS, text)))


def _definition_plan(name: str) -> tuple[list[IfOp], list[tuple[Any, ...]]]:
    compiled = _bundle()
    (entry,) = [e for e in compiled.entries if e.table == "DEFS" and e.key == name]
    nodes = {node.number: node for node in compiled.nodes}
    node = nodes[entry.ref.number]
    dispatch = plan(nodes, node, "dict")
    assert dispatch is not None, name
    rules = [op for op in node.ops if isinstance(op, IfOp) and op.otherwise is None]
    assert len(dispatch.indexes) == len(rules)  # every rule without an else
    return rules, list(_gates(dispatch.root))


def test_each_problem_types_rule_of_a_v2_request_is_found_by_its_problem_type() -> None:
    catalog = load_catalog()
    configs = load_schema()["$defs"]["AutoMLProblemTypeConfig"]["properties"]
    _, gates = _definition_plan("CreateAutoMLJobV2Request")
    tabular = "TabularJobConfig"
    by_value = {
        gate[-1][1]
        for gate in gates
        if gate[:-1] == ((HAS, "AutoMLProblemTypeConfig"), (HAS, tabular), (HAS, "ProblemType"))
    }
    by_config = {gate[1][1] for gate in gates if len(gate) == 2}
    # Every tabular problem type by its value, every other by its config, from the schema.
    assert by_value == set(catalog.tabular_problem_types)
    assert by_config == set(configs)
    # The algorithm rule applies to every config: it waits on the config being there.
    assert ((HAS, "AutoMLProblemTypeConfig"),) in gates


def test_a_v1_request_finds_its_metric_rule_by_problem_type() -> None:
    catalog = load_catalog()
    _, gates = _definition_plan("CreateAutoMLJobRequest")
    by_value = {gate[1][1] for gate in gates if gate[0] == (HAS, "ProblemType")}
    assert by_value == set(catalog.tabular_problem_types)


def _assert_same(entries: dict[str, Pred], general: dict[str, Pred], document: Any) -> None:
    for name, check in entries.items():
        assert check(document) is general[name](document), (name, document)


@pytest.mark.parametrize("unknown", [False, True], ids=["known", "with-unknown-parts"])
def test_the_dispatched_checks_judge_every_schema_document_as_the_general_code(
    unknown: bool,
) -> None:
    entries, general = _bundled()
    rng = random.Random(21)
    for document in canonical_documents():
        _assert_same(entries, general, _with_unknown_parts(document, rng) if unknown else document)
    requests = {k: v for k, v in entries.items() if k.startswith("AWS/") or "Request" in k}
    for document in aws_documents()[:: 3 if unknown else 1]:
        _assert_same(requests, general, _with_unknown_parts(document, rng) if unknown else document)


def test_the_dispatched_request_checks_judge_as_jsonschema() -> None:
    entries, _ = _bundled()
    for name in ("CreateAutoMLJobV2Request", "CreateAutoMLJobRequest"):
        reference = _definition_validator(name)
        check = entries[f"DEFS/{name}"]
        for document in canonical_documents():
            assert check(document) is reference.is_valid(document), (name, document)


_ODD = st.one_of(
    st.sampled_from(["Regresion", "", "regression", "F1", "MSE", "Accuracy"]),
    st.integers(-1, 1),
    st.none(),
    st.booleans(),
    st.just({}),
    st.just([]),
)
_SCHEMA_DOCUMENTS = strategy(sites(load_schema()), _ODD, [])


@settings(max_examples=examples(400), deadline=None, suppress_health_check=list(HealthCheck))
@given(_SCHEMA_DOCUMENTS, st.randoms(use_true_random=False))
def test_generated_requests_are_judged_alike(document: Any, rng: random.Random) -> None:
    entries, general = _bundled()
    for name in ("CreateAutoMLJobV2Request", "CreateAutoMLJobRequest"):
        check = entries[f"DEFS/{name}"]
        assert check(document) is _definition_validator(name).is_valid(document), document
    _assert_same(entries, general, document)
    _assert_same(entries, general, _with_unknown_parts(document, rng))


# Small schemas of each shape: dispatched (a kind two levels down, members present, a $ref
# and an allOf in a condition), and left to the general code.
def _rule(condition: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    return {"if": condition, "then": then}


def _config(**inside: Any) -> dict[str, Any]:
    """A condition on the member ``Config``: an object with ``inside`` (a schema)."""
    return {"required": ["Config"], "properties": {"Config": {"type": "object", **inside}}}


def _kind_is(kind: Any) -> dict[str, Any]:
    return _config(required=["Kind"], properties={"Kind": {"const": kind}})


SHAPES: dict[str, tuple[bool, dict[str, Any]]] = {
    "kinds-and-members": (
        True,
        {
            "type": "object",
            "$defs": {"HasOther": {"type": "object", "required": ["Other"]}},
            "allOf": [
                _rule(_kind_is("A"), {"properties": {"Value": {"type": "string"}}}),
                _rule(_kind_is("B"), {"properties": {"Value": {"type": "integer"}}}),
                _rule(_kind_is("C"), {"required": ["Value"]}),
                _rule(
                    {
                        "required": ["Config"],
                        "properties": {"Config": {"$ref": "#/$defs/HasOther"}},
                    },
                    {"required": ["Flag"]},
                ),
                _rule({"allOf": [{"required": ["Flag"]}]}, {"properties": {"Flag": {"const": 1}}}),
                _rule({"required": ["Value"]}, {"properties": {"Value": {"not": {"const": "C"}}}}),
            ],
        },
    ),
    "numbers-and-booleans": (
        True,  # gated on Kind being there only: 1, 1.0 and true are no dict keys to look up
        {
            "type": "object",
            "allOf": [
                _rule(_kind_is(1), {"required": ["One"]}),
                _rule(_kind_is(True), {"required": ["Flag"]}),
                _rule(_kind_is("1"), {"required": ["Text"]}),
                _rule(_kind_is(None), {"required": ["Null"]}),
            ],
        },
    ),
    "not-known-to-be-an-object": (
        False,  # a number has every member `required` names, as far as jsonschema cares
        {"allOf": [_rule({"required": ["Kind"]}, {"type": "object", "required": ["Value"]})]},
    ),
    "with-an-else": (
        False,
        {
            "type": "object",
            "if": {"required": ["Kind"], "properties": {"Kind": {"const": "A"}}},
            "then": {"required": ["Value"]},
            "else": {"required": ["Other"]},
        },
    ),
    "member-not-required": (
        False,  # without Kind the condition holds: no fact to wait on
        {
            "type": "object",
            "allOf": [_rule({"properties": {"Kind": {"const": "A"}}}, {"required": ["Value"]})],
        },
    ),
}
_NAMES = ["Config", "Kind", "Other", "Value", "Flag", "One", "Text", "Null"]
_SCALAR_VALUES: list[Any] = ["A", "B", "C", "1", "", 1, 1.0, 0, True, False, None]
_SCALARS = st.sampled_from(_SCALAR_VALUES)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_NAMES), inner, max_size=4)
    ),
    max_leaves=12,
)
# Objects with the members the shapes name, often, each of any value the shapes tell apart.
_MEMBERS = {name: st.one_of(_SCALARS, _SCALARS, _VALUES) for name in _NAMES}
_CONFIGS = st.fixed_dictionaries({}, optional=_MEMBERS)
_DOCUMENTS = st.one_of(
    st.fixed_dictionaries({}, optional={**_MEMBERS, "Config": st.one_of(_CONFIGS, _VALUES)}),
    _VALUES,
)


@cache
def _shape(name: str) -> tuple[Pred, Pred, Draft202012Validator]:
    compiled = compile_checks(SHAPES[name][1], [], RULE_CODES)
    dispatched, general = (_module(compiled, d).ROOT[0] for d in (True, False))
    return dispatched, general, Draft202012Validator(SHAPES[name][1])


@pytest.mark.parametrize("name", SHAPES)
def test_a_shape_the_dispatch_cannot_prove_keeps_the_general_code(name: str) -> None:
    compiled = compile_checks(SHAPES[name][1], [], RULE_CODES)
    (root,) = [e for e in compiled.entries if e.table == "ROOT"]
    nodes = {node.number: node for node in compiled.nodes}
    node = nodes[root.ref.number]
    sure = "dict" if any(op.narrows() == "dict" for op in node.ops) else None
    assert (plan(nodes, node, sure) is not None) is SHAPES[name][0]
    dispatched = render_checks(compiled, "#", dispatch=True)
    general = render_checks(compiled, "#", dispatch=False)
    assert (dispatched[CHECKS] != general[CHECKS]) is SHAPES[name][0]


def _every_small_document() -> Iterator[Any]:
    """Each value the shapes tell apart as the kind, with and without each other member."""
    kinds = [{}, *({"Kind": value} for value in _SCALAR_VALUES)]
    others = [n for n in _NAMES if n not in ("Config", "Kind")]
    for number, kind in enumerate(kinds):
        for config in (kind, {**kind, "Other": 1}, "A"):
            for mask in range(2 ** len(others)):
                present = [n for i, n in enumerate(others) if mask >> i & 1]
                values = {
                    n: _SCALAR_VALUES[(number + i) % len(_SCALAR_VALUES)]
                    for i, n in enumerate(present)
                }
                yield {"Config": config, **values}
                yield {**kind, **values}
    yield from _SCALAR_VALUES


@pytest.mark.parametrize("name", SHAPES)
def test_each_shape_judges_every_small_document_as_jsonschema(name: str) -> None:
    dispatched, _, reference = _shape(name)
    for document in _every_small_document():
        assert dispatched(document) is reference.is_valid(document), document


@pytest.mark.parametrize("name", SHAPES)
@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(document=_DOCUMENTS, rng=st.randoms(use_true_random=False))
def test_each_shape_judges_as_jsonschema_and_the_general_code(
    name: str, document: Any, rng: random.Random
) -> None:
    dispatched, general, reference = _shape(name)
    assert dispatched(document) is reference.is_valid(document), document
    unknown = _with_unknown_parts(document, rng)
    assert dispatched(unknown) is general(unknown), unknown


def test_a_document_runs_only_the_rules_its_gate_selects() -> None:
    # A condition with a test of every item (of an array: an object passes it) is called,
    # not written in line: count the calls.
    items = {"items": {"type": "string"}}
    schema = {
        "type": "object",
        "allOf": [
            _rule({**_kind_is(kind), **items}, {"required": [f"For{kind}"]}) for kind in "ABCD"
        ],
    }
    compiled = compile_checks(schema, [], RULE_CODES)
    calls: dict[bool, list[str]] = {}
    reference = Draft202012Validator(schema)
    for dispatch in (True, False):
        module = _module(compiled, dispatch)
        calls[dispatch] = []
        for name in [n for n in vars(module) if n.endswith("_if")]:
            setattr(module, name, _counted(getattr(module, name), calls[dispatch]))
        for document in (
            {"Config": {"Kind": "B"}, "ForB": 1},
            {"Config": {"Kind": "B"}},
            {"Config": {"Kind": "E"}},
            {"Config": 5},
        ):
            assert module.ROOT[0](document) is reference.is_valid(document)
    # The general code asks each condition of each document (until the failing B rule:
    # A's, then B's and whether it surely holds): 4 + 3 + 4 + 4; the dispatch only the B
    # rule's, for the document that fails it.
    assert {d: len(names) for d, names in calls.items()} == {False: 15, True: 2}


def _counted(function: Pred, calls: list[str]) -> Pred:
    def counted(value: Any) -> bool:
        calls.append(function.__name__)
        return function(value)

    return counted


# The explainers: each gated rule's explanation runs under its gate's test (gate_test), in op
# order, and a document's failures are the general code's, in the same order.
def _explainers(module: ModuleType) -> dict[str, Callable[[Any], list[Any]]]:
    pairs = {"ROOT": module.ROOT}
    pairs.update({f"DEFS/{k}": pair for k, pair in module.DEFS.items()})
    pairs.update({f"AWS/{k}": pair for k, pair in module.AWS.items()})

    def failures(pair: Any) -> Callable[[Any], list[Any]]:
        def explained(document: Any) -> list[Any]:
            out: list[Any] = []
            pair[1](document, (), out, False)
            return out

        return explained

    return {name: failures(pair) for name, pair in pairs.items()}


@cache
def _bundled_explainers() -> tuple[dict[str, Callable[[Any], list[Any]]], ...]:
    return _explainers(_module(_bundle(), True)), _explainers(_module(_bundle(), False))


def _assert_explained_alike(document: Any) -> None:
    dispatched, general = _bundled_explainers()
    for name, explain in dispatched.items():
        assert explain(document) == general[name](document), (name, document)


@pytest.mark.parametrize("unknown", [False, True], ids=["known", "with-unknown-parts"])
def test_the_gated_explainers_explain_every_schema_document_as_the_general_code(
    unknown: bool,
) -> None:
    rng = random.Random(22)
    for document in [*canonical_documents(), *aws_documents()[:: 3 if unknown else 1]]:
        _assert_explained_alike(_with_unknown_parts(document, rng) if unknown else document)
    odd_values: list[Any] = [None, 1, "x", [], [{}], OpenObject({}), DYNAMIC]
    for odd in odd_values:
        _assert_explained_alike(odd)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(_SCHEMA_DOCUMENTS, st.randoms(use_true_random=False))
def test_generated_requests_are_explained_alike(document: Any, rng: random.Random) -> None:
    _assert_explained_alike(document)
    _assert_explained_alike(_with_unknown_parts(document, rng))


def test_an_explainer_asks_only_the_rules_its_gate_selects() -> None:
    """As the check: a document of one kind asks no other kind's condition (the general
    explainer asks every condition of every document)."""
    items = {"items": {"type": "string"}}
    schema = {
        "type": "object",
        "required": ["Name"],
        "allOf": [
            _rule({**_kind_is(kind), **items}, {"required": [f"For{kind}"]}) for kind in "ABCD"
        ],
    }
    compiled = compile_checks(schema, [], RULE_CODES)
    reference = Draft202012Validator(schema)
    asked: dict[bool, list[str]] = {}
    found: dict[bool, list[list[Any]]] = {}
    for dispatch in (True, False):
        module = _module(compiled, dispatch)
        explainers = sys.modules[module.__name__.rsplit(".", 1)[0] + ".explainers"]
        asked[dispatch], found[dispatch] = [], []
        for name in [n for n in vars(explainers) if n.endswith("_if")]:
            setattr(explainers, name, _counted(getattr(explainers, name), asked[dispatch]))
        for document in ({"Config": {"Kind": "B"}}, {"Config": {"Kind": "E"}}, {"Config": 5}):
            assert not module.ROOT[0](document) and not reference.is_valid(document)
            out: list[Any] = []
            module.ROOT[1](document, (), out, False)
            found[dispatch].append(out)
    assert found[True] == found[False] and all(found[True])
    # The general explainer asks each of the four conditions of each document, and for the
    # document of kind B whether B's surely holds: 4 + 4 + 4 + 1; the gated one only the B
    # rule's two, for that document.
    assert {d: len(names) for d, names in asked.items()} == {False: 13, True: 2}
