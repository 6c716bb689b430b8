"""Property-based fuzzing of the loader, the validator and the generated models.

No input may raise anything but a finding, and jsonschema, the generated models and the quick
check must agree on every document. The suite runs a bounded number of examples; a longer run
(the fuzz profile, tests/support/fuzzing.py):

    AUTOML_OBJECTIVE_HYPOTHESIS=fuzz pytest tests/check/test_fuzz.py
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from automl_objective.api import validate_data
from automl_objective.base.schema import load_aws_index, load_schema
from automl_objective.check import placeholders
from automl_objective.check.catalog import load_catalog
from automl_objective.check.checker import Checker, default_checker
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.reading import decode
from automl_objective.inputs.syntax import parse_text
from automl_objective_generated.checks import ROOT
from tests.support.fixture_cases import cases
from tests.support.fuzzing import examples
from tests.support.models import model_accepts
from tests.support.paths import EXAMPLES as EXAMPLE_FILES

EXAMPLES = examples(300)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
CATALOG = load_catalog()
PLAIN = Draft202012Validator(load_schema())
# The same checks as the default checker, without the generated shortcut...
SLOW = Checker(load_schema(), aws_index=load_aws_index())
# ...and the objective rules alone, which the models and the shortcut implement.
OBJECTIVE_ONLY = Checker(load_schema())
NAMES = [
    *CATALOG.metric_names,
    *CATALOG.document_keys,
    *CATALOG.job_configs,
    *CATALOG.tabular_problem_types,
    "AutoMLJobObjective",
    "MetricName",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(NAMES),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(NAMES), st.text(max_size=6)), children, max_size=4
        ),
    ),
    max_leaves=20,
)


def _fixture_documents() -> list[Any]:
    found = []
    for case in cases():
        try:
            found.append(parse_text(str(case.path), case.path.read_text()).data)
        except LoadError:
            continue
    return found


FIXTURE_DATA = _fixture_documents()


def _mutate(document: Any, data: st.DataObject) -> Any:
    """One random change somewhere in a copy of ``document``."""
    document = json.loads(json.dumps(document))
    node = document
    for _ in range(data.draw(st.integers(0, 3))):
        if isinstance(node, dict) and node:
            child = node[data.draw(st.sampled_from(sorted(node)))]
            if isinstance(child, (dict, list)):
                node = child
        elif isinstance(node, list) and node:
            child = node[data.draw(st.integers(0, len(node) - 1))]
            if isinstance(child, (dict, list)):
                node = child
    if isinstance(node, dict):
        action = data.draw(st.sampled_from(["drop", "set", "add", "rename"]))
        keys = sorted(node)
        if action == "drop" and keys:
            del node[data.draw(st.sampled_from(keys))]
        elif action == "rename" and keys:
            key = data.draw(st.sampled_from(keys))
            node[data.draw(st.sampled_from(NAMES))] = node.pop(key)
        elif action == "set" and keys:
            node[data.draw(st.sampled_from(keys))] = data.draw(json_values)
        else:
            node[data.draw(st.sampled_from(NAMES))] = data.draw(json_values)
    elif isinstance(node, list):
        node.append(data.draw(json_values))
    return document


def _assert_consistent(document: Any) -> None:
    result = validate_data(document)  # must not raise
    parsed = parse_text("<fuzz>.json", json.dumps(document, indent=2))
    full = SLOW.validate(parsed)
    assert [f.as_dict() for f in result.findings] == [f.as_dict() for f in full.findings]
    filled = placeholders.find(document)
    if filled:
        _assert_placeholders_judged_alike(document, parsed, filled)
        return
    objective = OBJECTIVE_ONLY.validate(parsed)
    schema_verdict = PLAIN.is_valid(document)
    assert objective.valid is schema_verdict
    if SLOW.kind_of(document) == OBJECTIVE_ONLY.kind_of(document):  # not a whole AWS document
        assert result.valid is schema_verdict
    elif not result.valid or not schema_verdict:
        assert not result.valid  # whole documents: AWS's shapes only add findings
    assert model_accepts(document) is schema_verdict, document
    assert ROOT[0](document) is (objective.findings == []), document


def _assert_placeholders_judged_alike(document: Any, parsed: Any, filled: list[Any]) -> None:
    """A template placeholder is no value: jsonschema, the models and the compiled root read
    its text, which the checkers set aside by design (one ``placeholder`` finding, or a value
    known only at run time). What must hold: the compiled checks and the reference agree
    under ``--placeholders dynamic`` too, and, with the whole placeholders taken as values
    known only at run time, on the verdict of the canonical schema."""
    compiled = default_checker().validate(parsed, placeholders="dynamic")
    reference = SLOW.validate(parsed, placeholders="dynamic")
    assert [f.as_dict() for f in compiled.findings] == [f.as_dict() for f in reference.findings]
    whole = [path for path in filled if path not in placeholders.held(document, filled)]
    data = placeholders.as_dynamic(document, whole)
    assert ROOT[0](data) is (OBJECTIVE_ONLY.failures(data) == []), document


def _example_with(value: Any, *path: str | int) -> Any:
    """The V2 example request with ``value`` at ``path``."""
    document = json.loads((EXAMPLE_FILES / "create-auto-ml-job-v2.json").read_text())
    node = document
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = value
    return document


# A placeholder where an object or an array goes, where a string goes, and where a condition
# reads it (the problem type): the reference once took it for a value of no type.
PLACEHOLDER_EXAMPLES = [
    _example_with("$A", "OutputDataConfig"),
    _example_with("${A}", "AutoMLJobInputDataConfig", 0),
    _example_with("$A", "AutoMLJobInputDataConfig", 0, "DataSource"),
    _example_with("${A}", "AutoMLJobInputDataConfig"),
    _example_with("$A", "AutoMLJobName"),
    _example_with("${A}", "AutoMLProblemTypeConfig", "TabularJobConfig", "ProblemType"),
    _example_with("$A", "AutoMLProblemTypeConfig", "TabularJobConfig"),
    _example_with("$A", "AutoMLJobObjective"),
]


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_escape(raw: bytes) -> None:
    for name in ("fuzz.json", "fuzz.yaml", "fuzz"):
        try:
            document = parse_text(name, decode(name, raw))
        except LoadError as error:
            assert error.message and "\n" not in error.message
            continue
        _assert_consistent(json.loads(json.dumps(document.data, default=str)))


def _with_placeholder_examples(test: Any) -> Any:
    for document in PLACEHOLDER_EXAMPLES:
        test = example(document)(test)
    return test


@FUZZ
@given(json_values)
@example({"AutoMLJobObjective": "$A"})
@example({"AutoMLJobObjective": {"MetricName": "${A}"}, "ProblemType": "$B"})
@_with_placeholder_examples
def test_arbitrary_json_is_judged_alike(document: Any) -> None:
    _assert_consistent(document)


@FUZZ
@given(st.sampled_from(FIXTURE_DATA), st.data())
def test_mutated_fixtures_are_judged_alike(document: Any, data: st.DataObject) -> None:
    _assert_consistent(_mutate(document, data))


@FUZZ
@given(st.sampled_from(PLACEHOLDER_EXAMPLES), st.data())
def test_mutated_placeholder_requests_are_judged_alike(document: Any, data: st.DataObject) -> None:
    """The mutations of requests holding a placeholder (the fixtures hold few)."""
    _assert_consistent(_mutate(document, data))
