"""The SchemaStore catalog entries (editors/schemastore-catalog-entry.json), ready to submit:
valid against SchemaStore's own catalog schema (vendored, tests/vendor/schema-catalog.json),
one per shipped editor schema, matching the files the generated catalog matches, each at the
newest release's address of the file the release workflow attaches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator

from tests.support.offline_install import REPOSITORY
from tests.support.paths import ROOT

ENTRY = ROOT / "editors" / "schemastore-catalog-entry.json"
CATALOG = ROOT / "generated" / "schema" / "catalog.json"
LATEST = f"{REPOSITORY}/releases/latest/download/"


def _load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _schemastore_errors(document: dict[str, Any]) -> list[str]:
    schema = _load(ROOT / "tests" / "vendor" / "schema-catalog.json")
    Draft4Validator.check_schema(schema)
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(document)]


def test_the_entries_are_valid_for_schemastores_catalog() -> None:
    assert _schemastore_errors(_load(ENTRY)) == []


def test_schemastores_schema_refuses_what_it_should() -> None:
    """The vendored schema is read as SchemaStore reads it: a relative url, a missing
    description or an unknown member is an error (the check above can fail)."""
    entry = _load(ENTRY)["schemas"][0]
    for broken in (
        {**entry, "url": "./automl_job_objective.bundled.schema.json"},
        {key: value for key, value in entry.items() if key != "description"},
        {**entry, "fileMatches": entry["fileMatch"]},
    ):
        document = {**_load(ENTRY), "schemas": [broken]}
        assert _schemastore_errors(document) != []


def test_one_entry_per_shipped_schema_at_the_newest_releases_address() -> None:
    catalog = {entry["url"].removeprefix("./"): entry for entry in _load(CATALOG)["schemas"]}
    entries = _load(ENTRY)["schemas"]
    files = [entry["url"].removeprefix(LATEST) for entry in entries]
    assert all(entry["url"].startswith(LATEST) for entry in entries)
    assert sorted(files) == sorted(catalog)
    for file, entry in zip(files, entries, strict=True):
        assert (ROOT / "generated" / "schema" / file).is_file()
        assert entry["fileMatch"] == catalog[file]["fileMatch"]
        assert entry["description"] == catalog[file]["description"].replace("`", "")
    assert len({entry["name"] for entry in entries}) == len(entries)


def test_the_generated_catalog_differs_from_schemastores_shape_only_in_its_relative_urls() -> None:
    """generated/schema/catalog.json keeps its urls relative (it works from any folder or a
    release's files) and says where it came from; otherwise it is a SchemaStore catalog."""
    catalog = _load(CATALOG)
    assert _schemastore_errors(catalog) != []
    absolute = {key: value for key, value in catalog.items() if key != "$comment"}
    absolute["schemas"] = [
        {**entry, "url": LATEST + entry["url"].removeprefix("./")} for entry in catalog["schemas"]
    ]
    assert _schemastore_errors(absolute) == []
