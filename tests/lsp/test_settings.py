"""The ``placeholders`` setting is ``validate --placeholders``: by default a placeholder is a
finding, ``dynamic`` takes it as a value known only at run time; a value it does not take is
a log message. The VS Code extension offers each setting with the values and default the
server takes."""

from __future__ import annotations

import json

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import check_text
from automl_objective.lsp.settings import CHOICES, SECTION, SETTING_NAMES, Settings
from tests.lsp.harness import diagnostics_of, expected, open_document, seen, until
from tests.support.paths import ROOT

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


def test_the_vscode_extension_offers_each_setting_with_the_servers_values() -> None:
    manifest = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text("utf-8"))
    offered = manifest["contributes"]["configuration"]["properties"]
    defaults = Settings()
    for name, field in SETTING_NAMES.items():
        setting = offered[f"{SECTION}.{name}"]
        assert setting["default"] == getattr(defaults, field), name
        if setting["type"] == "boolean":
            assert CHOICES[name] == (True, False), name
        else:
            assert tuple(setting["enum"]) == CHOICES[name], name
