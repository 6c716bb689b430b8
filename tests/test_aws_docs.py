"""AWS's per-problem-type rules as AutoMLJobObjective.MetricName's documentation states them:
read from botocore's model, compared with the schema, and reported as drift by `sync`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from automl_objective.catalog import catalog_from_schema
from automl_objective.cli import main
from automl_objective_codegen.doc_drift import disagreements
from tests.test_sync import SCHEMA, schema_copy, service_model, use_model

__all__ = ["schema_copy", "service_model"]  # fixtures shared with test_sync

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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<p>Metrics are listed elsewhere now.</p>", "states no per-problem-type list of metrics"),
        ("", "AutoMLJobObjective.MetricName has no documentation"),
    ],
)
def test_documentation_of_an_unreadable_shape_is_an_error_not_no_drift(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    service_model: dict[str, Any],
    schema_copy: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    use_model(monkeypatch, tmp_path, with_documentation(service_model, text))
    code = main(["sync", "--from-botocore", "--schema", str(schema_copy)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("automl-objective: ") and err.count("\n") == 1
    assert message in err and "AutoMLJobObjective.MetricName" in err


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
