"""The ``placeholders`` setting is ``validate --placeholders``: by default a placeholder is a
finding, ``dynamic`` takes it as a value known only at run time; a value it does not take is
a log message. ``maxBytes`` is ``validate --max-bytes`` for the files a document names. The
VS Code extension offers each setting with the values and default the server takes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import check_text
from automl_objective.inputs.reading import MAX_BYTES
from automl_objective.lsp.settings import CHOICES, SECTION, SETTING_NAMES, Settings, read_settings
from tests.lsp.harness import diagnostics_of, expected, open_document, seen, until
from tests.support.paths import ROOT

TEMPLATES = ROOT / "tests" / "fixtures" / "code" / "templates"

TEMPLATED = (
    "AutoMLJobName: ${JOB_NAME}\n"
    "ProblemType: Regression\n"
    "AutoMLJobObjective: {MetricName: AUC}\n"
    "RoleArn: $ROLE_ARN\n"
    "OutputDataConfig: {S3OutputPath: s3://b/o}\n"
    "InputDataConfig:\n"
    "  - DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/i}}\n"
    "    TargetAttributeName: y\n"
)
URI = "file:///work/templated.yaml"


@pytest.mark.asyncio
async def test_placeholders_are_findings_by_default(client: LanguageClient) -> None:
    open_document(client, URI, TEMPLATED, "yaml")
    found = await diagnostics_of(client, URI, 1)
    assert seen(found) == expected(TEMPLATED, check_text(TEMPLATED, "t.yaml").findings)
    assert sorted(str(d.code) for d in found) == [
        "metric-not-allowed",
        "placeholder",
        "placeholder",
    ]


@pytest.mark.asyncio
async def test_placeholders_dynamic_leaves_the_real_mistakes(
    placeholder_client: LanguageClient,
) -> None:
    open_document(placeholder_client, URI, TEMPLATED, "yaml")
    found = await diagnostics_of(placeholder_client, URI, 1)
    dynamic = check_text(TEMPLATED, "t.yaml", placeholders="dynamic").findings
    assert seen(found) == expected(TEMPLATED, dynamic)
    assert [d.code for d in found] == ["metric-not-allowed"]


@pytest.mark.asyncio
async def test_placeholders_from_workspace_configuration(client: LanguageClient) -> None:
    open_document(client, URI, TEMPLATED, "yaml")
    assert len(await diagnostics_of(client, URI, 1)) == 3
    client.set_configuration({"placeholders": "dynamic"}, section=SECTION)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    found = await diagnostics_of(client, URI, after=1)
    assert [d.code for d in found] == ["metric-not-allowed"]


@pytest.mark.asyncio
async def test_a_placeholders_value_not_understood_is_a_log_message(
    client: LanguageClient,
) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={SECTION: {"placeholders": True}})
    )
    message = await until(
        lambda: [m for m in client.log_messages if "'placeholders' must be" in m.message],
        "a log message",
    )
    assert '"report" or "dynamic"' in message[0].message
    open_document(client, URI, TEMPLATED, "yaml")
    assert len(await diagnostics_of(client, URI, 1)) == 3  # still the default


@pytest.mark.asyncio
async def test_max_bytes_bounds_the_file_a_template_names(
    client: LanguageClient, tmp_path: Path
) -> None:
    """``maxBytes`` is ``validate --max-bytes`` for the files a document names (a SAM
    ``DefinitionUri``), read from disk: one over it is a ``too-large`` finding at its URI."""
    for name in ("state-machines.yaml", "retrain.asl.json"):
        shutil.copy(TEMPLATES / name, tmp_path / name)
    template = tmp_path / "state-machines.yaml"
    text, uri = template.read_text("utf-8"), template.as_uri()
    limit = (tmp_path / "retrain.asl.json").stat().st_size - 1
    bounded = check_text(text, str(template), skip_unknown=True, max_bytes=limit).findings
    assert "too-large" in {f.code for f in bounded}
    settings = {SECTION: {"maxBytes": limit}}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings))
    open_document(client, uri, text, "yaml")
    assert seen(await diagnostics_of(client, uri, 1)) == expected(text, bounded)
    settings = {SECTION: {"maxBytes": MAX_BYTES}}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings))
    unbounded = check_text(text, str(template), skip_unknown=True).findings
    assert "too-large" not in {f.code for f in unbounded}
    assert seen(await diagnostics_of(client, uri, after=1)) == expected(text, unbounded)


@pytest.mark.parametrize(
    ("value", "taken"),
    [(1, True), (10**30, True), (0, False), (-5, False), (True, False), (1.5, False), ("9", False)],
)
def test_max_bytes_takes_a_whole_number_from_one(value: object, taken: bool) -> None:
    settings, notes = read_settings({SECTION: {"maxBytes": value}}, Settings())
    if taken:
        assert (settings.max_bytes, notes) == (value, [])
    else:
        assert settings == Settings()
        assert notes == [
            f"setting 'maxBytes' must be a whole number of bytes, at least 1, not {value!r}; "
            "ignored"
        ]


def test_the_vscode_extension_offers_each_setting_with_the_servers_values() -> None:
    manifest = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text("utf-8"))
    offered = manifest["contributes"]["configuration"]["properties"]
    defaults = Settings()
    for name, field in SETTING_NAMES.items():
        setting = offered[f"{SECTION}.{name}"]
        assert setting["default"] == getattr(defaults, field), name
        if setting["type"] == "boolean":
            assert CHOICES[name] == (True, False), name
        elif setting["type"] == "integer":
            assert name not in CHOICES and setting["minimum"] == 1, name
        else:
            assert tuple(setting["enum"]) == CHOICES[name], name
