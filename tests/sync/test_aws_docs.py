"""AWS's per-problem-type rules as AutoMLJobObjective.MetricName's documentation states them:
read from botocore's model, compared with the schema, and reported as drift by `sync`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from automl_objective.check.catalog import catalog_from_schema
from automl_objective.cli import main
from automl_objective_codegen.doc_drift import disagreements
from tests.support.botocore_models import use_model
from tests.support.paths import SCHEMA

CATALOG = catalog_from_schema(json.loads(SCHEMA.read_text()))


def documentation(model: dict[str, Any]) -> str:
    text: str = model["shapes"]["AutoMLJobObjective"]["members"]["MetricName"]["documentation"]
    return text


def with_documentation(model: dict[str, Any], text: str) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(json.dumps(model))
    changed["shapes"]["AutoMLJobObjective"]["members"]["MetricName"]["documentation"] = text
    return changed


def _drift(html: str, schema: dict[str, Any] | None = None) -> list[Any]:
    return disagreements(
        html,
        schema if schema is not None else json.loads(SCHEMA.read_text()),
        CATALOG.metric_names,
        CATALOG.tabular_problem_types,
        CATALOG.job_configs,
    )


def _sync_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["sync", "--from-botocore", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_the_installed_documentation_agrees_with_the_schema() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("sagemaker")  # AWS_DATA_PATH too
    text = model.shape_for("AutoMLJobObjective").members["MetricName"].documentation
    assert _drift(text) == []


def test_whitespace_markup_and_order_do_not_matter(service_model: dict[str, Any]) -> None:
    text = documentation(service_model)
    text = text.replace("<p>", "<P>\n  ").replace("</p>", "\n</P>")
    text = text.replace("<code>", '<span class="x"><code> ').replace("</code>", " </code></span>")
    text = text.replace("<li>", "\n<li>\n")
    assert _drift(text) == []


def test_the_prose_names_map_through_the_schemas_aliases(service_model: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text())
    facts = schema["$defs"]["MetricName"]["x-metrics"]
    aliased = {a: name for name, fact in facts.items() for a in fact.get("aliases", [])}
    assert aliased, "the schema names no alias; this test has nothing to check"
    for fact in facts.values():
        fact.pop("aliases", None)
    found = {d.documentation for d in _drift(documentation(service_model), schema)}
    assert {(alias,) for alias in aliased} <= found


def _a_listed_metric(text: str) -> str:
    """A metric some problem type allows besides its default, as the documentation lists it."""
    for rule in CATALOG.problem_types:
        for metric in rule.allowed:
            if metric != rule.default and f"<code>{metric}</code>" in text:
                return metric
    raise AssertionError("the documentation lists no non-default metric")


def test_a_changed_list_is_drift_and_left_for_a_person(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = documentation(service_model)
    metric = _a_listed_metric(text)
    changed = re.sub(rf"<code>{metric}</code>,?", "", text, count=1)
    use_model(monkeypatch, tmp_path, with_documentation(service_model, changed))
    before = schema_copy.read_bytes()
    code, data = _sync_json(capsys, "--schema", str(schema_copy))
    assert code == 1 and data["drift"] is True
    [rule] = data["rules"]
    assert rule["fact"] == "allowed" and metric in rule["schema"]
    assert metric not in rule["documentation"]
    assert f"only the schema allows {metric}" in rule["message"]
    # --write has nothing it may write (prose is settled by a person): exit 1, untouched.
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 1
    assert "  ~ " in capsys.readouterr().out
    assert schema_copy.read_bytes() == before


def test_a_changed_default_is_drift(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rule = CATALOG.problem_type(CATALOG.tabular_problem_types[0])
    other = next(m for m in rule.allowed if m != rule.default)
    text = documentation(service_model)
    head, tail = text.split("Default objective metrics", 1)
    tail = tail.replace(f"<code>{rule.default}</code>", f"<code>{other}</code>", 1)
    changed = with_documentation(service_model, f"{head}Default objective metrics{tail}")
    use_model(monkeypatch, tmp_path, changed)
    code, data = _sync_json(capsys, "--schema", str(schema_copy))
    assert code == 1
    assert [(r["problem_type"], r["fact"], r["documentation"]) for r in data["rules"]] == [
        (rule.name, "default", [other])
    ]


def test_a_newly_documented_metric_is_written_where_the_documentation_lists_it(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = documentation(service_model)
    metric = _a_listed_metric(text)
    model = with_documentation(
        service_model,
        text.replace(f"<code>{metric}</code>", f"<code>{metric}</code>, <code>ZzNewMetric</code>"),
    )
    model["shapes"]["AutoMLMetricEnum"]["enum"].append("ZzNewMetric")
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    out = capsys.readouterr().out
    assert "  from the documentation: ZzNewMetric: added to " in out
    assert "allowed for no problem type" not in out
    schema = json.loads(schema_copy.read_text())
    accepting = [
        body["x-problem-type"]
        for body in schema["$defs"].values()
        if isinstance(body, dict)
        and "x-problem-type" in body
        and "ZzNewMetric" in body.get("enum", [])
    ]
    assert accepting and set(accepting) <= set(CATALOG.problem_types_allowing(metric))
    assert main(["sync", "--from-botocore", "--schema", str(schema_copy)]) == 0


# --- when AWS changes its prose: the documentation cannot be read ------------------------------

# What botocore 1.29.100 (March 2023) says: a definition list of metrics, none per problem type.
DEFINITIONS = "<p>Here are the options:</p> <dl>" + "".join(
    f"<dt>{metric}</dt> <dd> <p>Defined elsewhere.</p> </dd> " for metric in CATALOG.metric_names
)
# AWS's newer metrics, which 1.29.100's AutoMLMetricEnum lacks (its time-series ones).
NEWER = [
    m.name
    for m in CATALOG.metrics
    if set(CATALOG.problem_types_allowing(m.name))
    == {r.name for r in CATALOG.problem_types if r.job_config == "TimeSeriesForecastingJobConfig"}
]


def _no_documentation(member: dict[str, Any]) -> None:
    member.pop("documentation")


UNREADABLE: dict[str, tuple[Any, str]] = {
    "a definition list (botocore 1.29.100)": (
        DEFINITIONS + "</dl>",
        "the documentation of AutoMLJobObjective.MetricName states no per-problem-type list",
    ),
    "prose, no list": (
        "<p>Metrics are listed elsewhere now.</p>",
        "states no per-problem-type list of metrics",
    ),
    "a list naming no problem type": (
        "<ul><li><p>Metrics: <code>MSE</code></p></li></ul>",
        "states no per-problem-type list",
    ),
    "thousands of nested items": ("<ul><li>" * 5000, "states no per-problem-type list"),
    "markup the HTML parser refuses": (
        "<ul><li><p>Regression: <code>MSE</code></p></li></ul><![unknown[ x ]]>",
        "is not HTML this reader can parse",
    ),
    "empty": ("", "AutoMLJobObjective.MetricName has no documentation"),
    "not a string": (17, "AutoMLJobObjective.MetricName has no documentation"),
    "missing": (_no_documentation, "AutoMLJobObjective.MetricName has no documentation"),
}


def _unreadable_model(model: dict[str, Any], case: str) -> dict[str, Any]:
    """The model with the documentation of ``case`` and without AWS's newer metrics, as
    botocore 1.29.100 has it: value drift and an unreadable documentation at once."""
    text, _ = UNREADABLE[case]
    changed = with_documentation(model, "")
    member = changed["shapes"]["AutoMLJobObjective"]["members"]["MetricName"]
    if callable(text):
        text(member)
    else:
        member["documentation"] = text
    enum = changed["shapes"]["AutoMLMetricEnum"]["enum"]
    changed["shapes"]["AutoMLMetricEnum"]["enum"] = [m for m in enum if m not in NEWER]
    return changed


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_an_unreadable_documentation_is_drift_of_its_own_and_the_values_still_reported(
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert NEWER, "the schema has no time-series metric; this test has nothing to remove"
    message = UNREADABLE[case][1]
    use_model(monkeypatch, tmp_path, _unreadable_model(service_model, case))
    args = ["sync", "--from-botocore", "--schema", str(schema_copy)]
    outputs = {}
    for form in ("text", "json", "markdown"):
        code = main([*args, "--format", form])
        out, err = capsys.readouterr()
        assert (code, err) == (1, ""), out + err
        outputs[form] = out
    data = json.loads(outputs["json"])
    assert data["drift"] is True
    assert data["values"][0] == {"shape": "AutoMLMetricEnum", "added": [], "removed": NEWER}
    [unread] = data["rules"]  # nothing else is compared against a text that was not read
    assert unread["fact"] == "unreadable" and unread["problem_type"] == ""
    assert message in unread["message"]
    text = outputs["text"].splitlines()
    assert text[1 : 2 + len(NEWER)] == ["AutoMLMetricEnum:", *(f"  - {m}" for m in NEWER)]
    assert "documentation (AutoMLJobObjective.MetricName): cannot be read" in text
    assert f"  ! {unread['message']}" in text
    markdown = outputs["markdown"]
    assert f"- AutoMLMetricEnum: {', '.join(f'-`{m}`' for m in NEWER)}" in markdown
    assert "## AWS's documentation of `AutoMLJobObjective.MetricName` could not be read" in markdown
    assert f"- {unread['message']}" in markdown
    assert "- [ ] `read AWS's documentation by hand for each problem type's" in markdown


def test_write_takes_the_values_even_when_the_documentation_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = with_documentation(service_model, DEFINITIONS + "</dl>")
    model["shapes"]["AutoMLMetricEnum"]["enum"].append("ZzNewMetric")
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "ZzNewMetric" in json.loads(schema_copy.read_text())["$defs"]["MetricName"]["enum"]
    assert "  todo: metric 'ZzNewMetric' is allowed for no problem type" in "\n".join(out)
    assert out[-1] == (
        "  todo: read AWS's documentation by hand for each problem type's metrics and default (!)"
    )
    # Written, the values agree; the documentation is still unreadable: drift, exit 1.
    code, data = _sync_json(capsys, "--schema", str(schema_copy))
    assert code == 1 and [r["fact"] for r in data["rules"]] == ["unreadable"]
    assert not any(part["added"] or part["removed"] for part in data["values"])


@pytest.mark.parametrize("levels", [1, 10_000])
def test_nesting_does_not_matter_however_deep(
    levels: int,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The rules wrapped in thousands of items labelled with neither a problem type nor a
    kind of list read as they do bare (the reader walked the items recursively, and 1,000
    levels ended in a RecursionError)."""
    wrapper = "<ul><li><p>Section:</p>"
    text = wrapper * levels + documentation(service_model) + "</li></ul>" * levels
    assert _drift(text) == []
    use_model(monkeypatch, tmp_path, with_documentation(service_model, text))
    assert main(["sync", "--from-botocore", "--schema", str(schema_copy)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no drift"


def test_a_new_problem_type_takes_its_metrics_and_default_from_the_documentation(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    metric = CATALOG.metrics[0].name
    section = (
        "<li> <p>For zz ranking problem types:</p> <ul> <li> <p>List of available metrics: "
        f"<code>{metric}</code> </p> </li> <li> <p>Default objective metrics: <code>{metric}"
        "</code> </p> </li> </ul> </li>"
    )
    head, tail = documentation(service_model).rsplit("</ul>", 1)
    model = with_documentation(service_model, f"{head}{section}</ul>{tail}")
    model["shapes"]["ProblemType"]["enum"].append("ZzRanking")
    use_model(monkeypatch, tmp_path, model)
    assert main(["sync", "--from-botocore", "--write", "--schema", str(schema_copy)]) == 0
    out = capsys.readouterr().out
    assert f"  from the documentation: ZzRanking: metrics {metric}; default {metric}" in out
    rule = json.loads(schema_copy.read_text())["$defs"]["ZzRankingMetricName"]
    assert (rule["enum"], rule["default"]) == ([metric], metric)
    todo = [line for line in out.splitlines() if line.startswith("  todo: ")]
    assert todo == ["  todo: /$defs/ZzRankingMetricName/description: placeholder"]
