"""The generated package's catalog module: the schema's facts emitted by ``generate`` (a run
builds its checker from them without parsing the schema), equal to what the schema says."""

from __future__ import annotations

import json
from pathlib import Path

from automl_objective.base.schema import load_aws_index, load_schema
from automl_objective.check.catalog import catalog_from_schema, load_catalog
from automl_objective.check.checker import Checker, default_checker, kinds
from automl_objective_codegen.catalog_module import catalog_module
from automl_objective_generated import catalog
from tests.support.paths import SCHEMA


def test_the_emitted_catalog_is_the_schemas() -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert catalog_from_schema(schema) == catalog.build_catalog() == load_catalog()
    assert catalog_from_schema(schema).document_kinds == catalog.DOCUMENT_KINDS
    assert kinds(schema) == catalog.KINDS
    assert load_catalog() is load_catalog()  # built once
    assert load_aws_index() == catalog.AWS_INDEX  # aws/kinds.json, parsed


def test_the_emitted_module_follows_a_changed_fact() -> None:
    """Derived, not copied: a metric's direction changed in the schema is the module's."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    schema["$defs"]["MetricName"]["x-metrics"]["MSE"]["direction"] = "Maximize"
    namespace: dict[str, object] = {}
    exec(catalog_module(schema, "# header\n", '{"kinds": []}'), namespace)
    changed = namespace["build_catalog"]()  # type: ignore[operator]
    assert changed == catalog_from_schema(schema) != load_catalog()


def test_the_default_checker_parses_the_schema_only_when_asked() -> None:
    checker = default_checker()
    assert checker.kinds == kinds(load_schema())
    assert checker.schema is load_schema()
    assert Checker(None).catalog == checker.catalog
    assert checker.catalog is load_catalog()  # the generated one, made when asked
    assert Checker(load_schema()).catalog == checker.catalog  # read from the schema given
    assert checker.aws_index == load_aws_index()


def test_a_changed_schema_tells_kinds_by_its_own_facts() -> None:
    """A checker of a schema given (not the bundled one) reads its document kinds from that
    schema, not from the generated plain data."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    schema["if"]["required"] = ["ObjectiveMetric"]  # the objective kind's selecting member
    checker = Checker(schema)
    assert checker.kind_of({"ObjectiveMetric": "F1"}) == "objective"
    assert checker.kind_of({"MetricName": "F1"}) is None
    assert default_checker().kind_of({"MetricName": "F1"}) == "objective"


def test_the_metric_names_are_written_once_for_inputs_and_check() -> None:
    """inputs/ (a text that does not parse) and the catalog's metric records read one
    generated names-only constant: neither module writes the list of names again (the
    catalog's problem types still name the metrics each allows)."""
    from automl_objective_generated import look_alikes, metric_names

    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert catalog_from_schema(schema).metric_names == metric_names.METRIC_NAMES
    assert catalog.build_catalog().metric_names == metric_names.METRIC_NAMES
    catalog_text = Path(catalog.__file__ or "").read_text("utf-8")
    look_alikes_text = Path(look_alikes.__file__ or "").read_text("utf-8")
    for name in metric_names.METRIC_NAMES:
        assert f"name={name!r}" not in catalog_text
        assert repr(name) not in look_alikes_text
