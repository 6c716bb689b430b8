"""The shipped schemas in the real tools: yaml-language-server (over stdio, through lsp.py),
VS Code's vscode-json-languageservice and ajv (through json_service.js), and the sourcemeta
``jsonschema`` CLI. Versions are pinned in package-lock.json; tools.ensure_installed runs
``npm ci`` once per checkout.

Per problem type, in JSON and YAML: completion offers exactly the metrics AWS accepts there, hover
shows the problem type's summary, and each common mistake gets one precise message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from automl_objective.api import validate_data
from automl_objective.check.catalog import Catalog, ProblemTypeRule, load_catalog
from tests.editors import tools
from tests.editors.lsp import LanguageServer
from tests.support.editor_cases import SCHEMAS, Shipped, cli_verdict, documents, editor_vocabulary
from tests.support.paths import FIXTURES

pytestmark = pytest.mark.slow  # see pyproject.toml's markers

CATALOG: Catalog = load_catalog()
OBJECTIVE_SCHEMA = SCHEMAS[1]
REQUEST_SCHEMAS = {s.kind: s for s in SCHEMAS if s.kind}
CURSOR = "@@cursor@@"
NOT_ALLOWED = "Matches a schema that is not allowed."
# sourcemeta lint's style advice the shipped schemas do not follow, on purpose: VS Code's
# keywords have no x- prefix, AWS's prose ends with a period, editors want `type` beside
# `enum`, and the canonical schema is written for people (one-value enums, allOf wrappers).
STYLE_RULES = {
    "unknown_keywords_prefix",
    "description_trailing_period",
    "enum_with_type",
    "enum_to_const",
    "unnecessary_allof_wrapper",
    "unnecessary_allof_ref_wrapper_modern",
    "top_level_examples",
    "required_properties_in_properties",
    "empty_object_as_true",
}
# The canonical schema is hand-written: ajv loads it strictly except for these two checks,
# which the shipped editor copies pass (editor_strict.py).
CANONICAL_RELAXED = {"strictRequired": False, "strictTypes": False}


@dataclass(frozen=True)
class Context:
    """A document placing MetricName under one problem type (None: no problem type)."""

    id: str
    rule: ProblemTypeRule | None
    build: Callable[[str], dict[str, Any]]
    kind: str | None  # the whole-request schema that also covers it
    # With no problem type: the problem types the request can train (None: every one)
    trains: tuple[ProblemTypeRule, ...] | None = None

    @property
    def allowed(self) -> tuple[str, ...]:
        if self.rule is None and self.trains is not None:
            return tuple(
                m for m in CATALOG.metric_names if any(m in r.allowed for r in self.trains)
            )
        if self.rule is None or not self.rule.objective_used:
            return CATALOG.metric_names
        return self.rule.allowed


def _v1(problem_type: str | None) -> Callable[[str], dict[str, Any]]:
    def build(metric: str) -> dict[str, Any]:
        head = {} if problem_type is None else {"ProblemType": problem_type}
        return {**head, "AutoMLJobObjective": {"MetricName": metric}}

    return build


def _v2(job_config: str, problem_type: str | None = None) -> Callable[[str], dict[str, Any]]:
    def build(metric: str) -> dict[str, Any]:
        config = {} if problem_type is None else {"ProblemType": problem_type}
        return {
            "AutoMLProblemTypeConfig": {job_config: config},
            "AutoMLJobObjective": {"MetricName": metric},
        }

    return build


V1_TRAINS = tuple(CATALOG.problem_type(name) for name in CATALOG.tabular_problem_types)


def _contexts() -> list[Context]:
    v1, v2 = "create-auto-ml-job-request", "create-auto-ml-job-v2-request"
    found = [
        Context("objective-alone", None, lambda m: {"MetricName": m}, None),
        # CreateAutoMLJob (V1) trains the tabular problem types only
        Context("v1-no-problem-type", None, _v1(None), v1, V1_TRAINS),
        Context("v2-tabular-no-problem-type", None, _v2("TabularJobConfig"), v2),
    ]
    for rule in CATALOG.problem_types:
        if rule.is_tabular:
            found.append(Context(f"v1-{rule.name}", rule, _v1(rule.name), v1))
            found.append(
                Context(f"v2-tabular-{rule.name}", rule, _v2(rule.job_config, rule.name), v2)
            )
        else:
            found.append(Context(f"v2-{rule.name}", rule, _v2(rule.job_config), v2))
    return found


CONTEXTS = _contexts()


def _summary_parts(context: Context) -> list[str]:
    """What hover over MetricName must show: the problem type and the metrics it accepts."""
    rule = context.rule
    if rule is None:
        return [f"**{r.name}**" for r in context.trains or CATALOG.problem_types]
    if not rule.objective_used:
        return [f"**{rule.name}** does not use AutoMLJobObjective"]
    return [f"Metrics AWS accepts for **{rule.name}**", f"`{rule.default}` (default)"] + [
        f"`{m}`" for m in rule.allowed
    ]


@dataclass(frozen=True)
class Mistake:
    id: str
    data: Any
    expected: tuple[str, ...]  # each in its own diagnostic; nothing else is reported
    json_text: str | None = None  # raw JSON, for what YAML cannot say the same way


def _allowed(name: str) -> str:
    rule = CATALOG.problem_type(name)
    return f"MetricName for {name} must be one of: {', '.join(rule.allowed)}"


NOT_A_DOCUMENT = "Not an AutoMLJobObjective, CreateAutoMLJob or CreateAutoMLJobV2 document"
TIME_SERIES = CATALOG.problem_type("TimeSeriesForecasting")
MISTAKES = [
    Mistake("regression-auc", _v1("Regression")("AUC"), (_allowed("Regression"),)),
    Mistake("regression-bogus", _v1("Regression")("Bogus"), (_allowed("Regression"),)),
    Mistake(
        "time-series-wql",
        _v2(TIME_SERIES.job_config)("wQL"),
        (
            f"{_allowed(TIME_SERIES.name)} (AWS's default: {TIME_SERIES.default}) ('wQL' and "
            "'Average wQL' are AWS's prose for AverageWeightedQuantileLoss).",
        ),
    ),
    Mistake(
        "unknown-metric-no-problem-type",
        {"MetricName": "Bogus"},
        (f"MetricName must be one of the {len(CATALOG.metric_names)} metrics AWS defines",),
    ),
    Mistake("empty-document", {}, (NOT_A_DOCUMENT,)),
    Mistake("typo-alone", {"AutoMLJobObjectiv": {"MetricName": "F1"}}, (NOT_A_DOCUMENT,)),
    Mistake(
        "unquoted-value",
        None,
        (NOT_A_DOCUMENT, "Value expected"),
        json_text='{"MetricName": F1}',
    ),
    Mistake(
        "typo-beside-problem-type",
        {"ProblemType": "Regression", "AutoMLJobObjectiv": {"MetricName": "MSE"}},
        ("ProblemType is given without AutoMLJobObjective: give both or neither",),
    ),
    Mistake(
        "objective-not-an-object",
        {"ProblemType": "Regression", "AutoMLJobObjective": "MSE"},
        ("AutoMLJobObjective is an object with one member, MetricName",),
    ),
    Mistake(
        "two-configs",
        {"AutoMLProblemTypeConfig": {"TimeSeriesForecastingJobConfig": {}, "TabularJobConfig": {}}},
        (
            "it already holds TimeSeriesForecastingJobConfig: remove one.",
            "it already holds TabularJobConfig: remove one.",
        ),
    ),
    Mistake(
        "objective-for-text-generation",
        _v2("TextGenerationJobConfig")("F1"),
        ("AutoMLJobObjective is ignored for TextGeneration.",),
    ),
]


def _json_with_cursor(data: Any) -> tuple[str, int]:
    text = json.dumps(data, indent=2)
    offset = text.index(f'"{CURSOR}"') + 1
    return text.replace(f'"{CURSOR}"', '""'), offset


def _yaml_with_cursor(data: Any) -> tuple[str, int, int]:
    text = yaml.safe_dump(data, sort_keys=False)
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines) if CURSOR in t)
    lines[line] = lines[line].replace(f"'{CURSOR}'", "").rstrip() + " "
    return "\n".join(lines) + "\n", line, len(lines[line])


def _key_position(text: str, key: str) -> tuple[int, int]:
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines) if key in t)
    return line, lines[line].index(key) + 2


@pytest.fixture(scope="session")
def installed() -> Path:
    return tools.ensure_installed()


@pytest.fixture(scope="session")
def yaml_server(installed: Path) -> Iterator[LanguageServer]:
    settings = {
        "yaml": {
            "validate": True,
            "hover": True,
            "completion": True,
            "schemaStore": {"enable": False},  # no catalog download: the suite is offline
            "schemas": {},
        }
    }
    server = LanguageServer(
        [tools.node(), str(tools.YAML_SERVER), "--stdio"], settings, installed.parent
    )
    yield server
    server.shutdown()


class YamlDocuments:
    """Each document names its schema in the modeline the README tells users to write."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self.count = 0

    def open(self, shipped: Shipped, text: str) -> tuple[str, list[str]]:
        self.count += 1
        uri = f"file:///automl-objective-editor-test/doc{self.count}.yaml"
        header = f"# yaml-language-server: $schema={shipped.path.as_uri()}\n"
        return uri, self.server.open(uri, "yaml", header + text)


@pytest.fixture(scope="session")
def yaml_documents(yaml_server: LanguageServer) -> YamlDocuments:
    return YamlDocuments(yaml_server)


def _schemas_for(context: Context) -> list[Shipped]:
    found = [OBJECTIVE_SCHEMA]
    if context.kind is not None:
        found.append(REQUEST_SCHEMAS[context.kind])
    return found


@pytest.fixture(scope="session")
def json_answers(installed: Path) -> dict[str, Any]:
    """One json_service.js run for every JSON question the tests below ask."""
    questions: list[dict[str, Any]] = []
    keys: list[str] = []
    for context in CONTEXTS:
        for shipped in _schemas_for(context):
            text, offset = _json_with_cursor(context.build(CURSOR))
            hover_text = json.dumps(context.build(context.allowed[0]), indent=2)
            questions.append({"text": text, "schema": shipped.name, "completions": [offset]})
            questions.append(
                {
                    "text": hover_text,
                    "schema": shipped.name,
                    "hovers": [hover_text.index('"MetricName"') + 2],
                }
            )
            keys += [f"complete:{shipped.name}:{context.id}", f"hover:{shipped.name}:{context.id}"]
    for mistake in MISTAKES:
        text = mistake.json_text or json.dumps(mistake.data, indent=2)
        questions.append({"text": text, "schema": OBJECTIVE_SCHEMA.name})
        keys.append(f"mistake:{mistake.id}")
    fixtures = documents()
    jobs: list[dict[str, Any]] = [
        {
            "schema": s.name,
            "data": [data for _, data in fixtures],
            "relax": CANONICAL_RELAXED if s is SCHEMAS[0] else {},
        }
        for s in SCHEMAS
    ]
    jobs += [
        {"schema": s.name, "data": [_without_metric(s)], "useDefaults": True, "relax": {}}
        for s in SCHEMAS[1:]
    ]
    answer = tools.json_service(
        {
            "schemas": {s.name: s.load() for s in SCHEMAS},
            "vocabulary": editor_vocabulary(),
            "documents": questions,
            "ajv": jobs,
        }
    )
    return {"documents": dict(zip(keys, answer["documents"], strict=True)), "ajv": answer["ajv"]}


# A valid document of each shipped schema's kind; with an empty objective, each is invalid.
FILLED_FROM = {
    None: "v1-regression-mse.json",
    "create-auto-ml-job-request": "v1-regression-mse.json",
    "create-auto-ml-job-v2-request": "v2-tabular-binary-f1.json",
}


def _without_metric(shipped: Shipped) -> dict[str, Any]:
    path = FIXTURES / "valid" / FILLED_FROM[shipped.kind]
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    data["AutoMLJobObjective"] = {}
    return data


def _ids(items: list[Any]) -> list[str]:
    return [item.id for item in items]


def _context_cases() -> list[Any]:
    return [
        pytest.param(context, shipped, id=f"{shipped.name}:{context.id}")
        for context in CONTEXTS
        for shipped in _schemas_for(context)
    ]


@pytest.mark.parametrize(("context", "shipped"), _context_cases())
def test_json_completion_and_hover(
    json_answers: dict[str, Any], context: Context, shipped: Shipped
) -> None:
    answers = json_answers["documents"]
    labels = [
        json.loads(label)
        for label in answers[f"complete:{shipped.name}:{context.id}"]["completions"][0]
    ]
    assert sorted(labels) == sorted(context.allowed)
    hover = answers[f"hover:{shipped.name}:{context.id}"]["hovers"][0]
    for part in _summary_parts(context):
        assert part in hover


@pytest.mark.parametrize(("context", "shipped"), _context_cases())
def test_yaml_completion_and_hover(
    yaml_documents: YamlDocuments, context: Context, shipped: Shipped
) -> None:
    text, line, character = _yaml_with_cursor(context.build(CURSOR))
    uri, _ = yaml_documents.open(shipped, text)
    labels = yaml_documents.server.completion_labels(uri, line + 1, character)
    assert sorted(labels) == sorted(context.allowed)
    yaml_documents.server.close(uri)
    hover_text = yaml.safe_dump(context.build(context.allowed[0]), sort_keys=False)
    uri, _ = yaml_documents.open(shipped, hover_text)
    key_line, key_character = _key_position(hover_text, "MetricName")
    hover = yaml_documents.server.hover_text(uri, key_line + 1, key_character)
    yaml_documents.server.close(uri)
    for part in _summary_parts(context):
        assert part in hover


def _assert_precise(messages: list[str], expected: tuple[str, ...]) -> None:
    assert NOT_ALLOWED not in messages
    assert len(messages) == len(expected), messages
    for wanted in expected:
        assert sum(wanted in m for m in messages) == 1, (wanted, messages)


@pytest.mark.parametrize("mistake", MISTAKES, ids=_ids(MISTAKES))
def test_json_diagnostics_are_precise(json_answers: dict[str, Any], mistake: Mistake) -> None:
    _assert_precise(
        json_answers["documents"][f"mistake:{mistake.id}"]["diagnostics"], mistake.expected
    )


@pytest.mark.parametrize(
    "mistake",
    [m for m in MISTAKES if m.json_text is None],
    ids=_ids([m for m in MISTAKES if m.json_text is None]),
)
def test_yaml_diagnostics_are_precise(yaml_documents: YamlDocuments, mistake: Mistake) -> None:
    uri, messages = yaml_documents.open(
        OBJECTIVE_SCHEMA, yaml.safe_dump(mistake.data, sort_keys=False)
    )
    yaml_documents.server.close(uri)
    _assert_precise(messages, mistake.expected)


@pytest.mark.parametrize("shipped", SCHEMAS, ids=[s.name for s in SCHEMAS])
def test_ajv_loads_strictly_and_agrees_with_the_cli(
    json_answers: dict[str, Any], shipped: Shipped
) -> None:
    job = json_answers["ajv"][SCHEMAS.index(shipped)]
    assert job["error"] is None
    expected = [cli_verdict(case, shipped.kind) for case, _ in documents()]
    assert job["valid"] == expected


def test_ajv_filling_defaults_still_rejects_an_objective_without_metric(
    json_answers: dict[str, Any],
) -> None:
    for shipped in SCHEMAS[1:]:
        assert validate_data(_without_metric(shipped), kind=shipped.kind or "auto").valid is False
    filled = json_answers["ajv"][len(SCHEMAS) :]
    assert [job["error"] for job in filled] == [None] * (len(SCHEMAS) - 1)
    assert [job["valid"] for job in filled] == [[False]] * (len(SCHEMAS) - 1)


@pytest.mark.parametrize("shipped", SCHEMAS, ids=[s.name for s in SCHEMAS])
def test_sourcemeta_agrees_with_the_cli_and_lints_clean(installed: Path, shipped: Shipped) -> None:
    fixtures = documents()
    verdicts = tools.sourcemeta_verdicts(shipped.path, [case.path for case, _ in fixtures])
    assert verdicts == [cli_verdict(case, shipped.kind) for case, _ in fixtures]
    assert set(tools.sourcemeta_lint(shipped.path)) <= STYLE_RULES


def _member_cases() -> list[Any]:
    """(V2 job config, is AutoMLJobObjective offered at the top level?)"""
    return [
        pytest.param(rule.job_config, rule.objective_used, id=rule.name)
        for rule in CATALOG.problem_types
        if not rule.is_tabular
    ]


@pytest.mark.parametrize(("job_config", "offered"), _member_cases())
def test_the_objective_is_not_offered_where_it_is_ignored(
    installed: Path, yaml_documents: YamlDocuments, job_config: str, offered: bool
) -> None:
    head: dict[str, Any] = {"AutoMLProblemTypeConfig": {job_config: {}}}
    text = json.dumps(head)[:-1] + ", }"
    answer = tools.json_service(
        {
            "schemas": {OBJECTIVE_SCHEMA.name: OBJECTIVE_SCHEMA.load()},
            "documents": [
                {"text": text, "schema": OBJECTIVE_SCHEMA.name, "completions": [len(text) - 1]}
            ],
        }
    )
    json_labels = answer["documents"][0]["completions"][0]
    assert ("AutoMLJobObjective" in json_labels) is offered
    yaml_text = yaml.safe_dump(head, sort_keys=False)
    uri, _ = yaml_documents.open(OBJECTIVE_SCHEMA, yaml_text)
    yaml_labels = yaml_documents.server.completion_labels(uri, len(yaml_text.splitlines()) + 1, 0)
    yaml_documents.server.close(uri)
    assert ("AutoMLJobObjective" in yaml_labels) is offered


def _whole(kind: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "valid" / FILLED_FROM[kind]).read_text("utf-8"))
    data.update(changes)
    for key in [k for k, v in changes.items() if v is None]:
        del data[key]
    return data


V1_REQUEST, V2_REQUEST = "create-auto-ml-job-request", "create-auto-ml-job-v2-request"
REQUEST_MISTAKES = [
    pytest.param(
        V1_REQUEST,
        _whole(V1_REQUEST, AutoMLJobObjective={"MetricName": "AUC"}),
        (_allowed("Regression"),),
        id="v1-regression-auc",
    ),
    pytest.param(
        V1_REQUEST,
        _whole(V1_REQUEST, AutoMLJobObjective=None, AutoMLJobObjectiv={"MetricName": "MSE"}),
        ("Property AutoMLJobObjectiv is not allowed.", "ProblemType is given without"),
        id="v1-typo-beside-problem-type",
    ),
    pytest.param(
        V2_REQUEST,
        _whole(V2_REQUEST, AutoMLProblemTypeConfig={"TabularJobConfg": {}}),
        ("AutoMLProblemTypeConfig is an object holding exactly one of:",),
        id="v2-unknown-config",
    ),
    pytest.param(
        V2_REQUEST,
        _whole(V2_REQUEST, AutoMLJobObjective={"MetricName": "wQL"}),
        (_allowed("BinaryClassification"),),
        id="v2-binary-wql",
    ),
]


@pytest.mark.parametrize(("kind", "data", "expected"), REQUEST_MISTAKES)
def test_whole_request_diagnostics_are_precise(
    installed: Path,
    yaml_documents: YamlDocuments,
    kind: str,
    data: dict[str, Any],
    expected: tuple[str, ...],
) -> None:
    shipped = REQUEST_SCHEMAS[kind]
    assert validate_data(data, kind=kind).valid is False
    answer = tools.json_service(
        {
            "schemas": {shipped.name: shipped.load()},
            "documents": [{"text": json.dumps(data, indent=2), "schema": shipped.name}],
        }
    )
    _assert_precise(answer["documents"][0]["diagnostics"], expected)
    uri, messages = yaml_documents.open(shipped, yaml.safe_dump(data, sort_keys=False))
    yaml_documents.server.close(uri)
    _assert_precise(messages, expected)
