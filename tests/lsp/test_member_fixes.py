"""Quick fixes that add or remove a member, each written as the members beside it are: the
missing half of a pair (the problem type's default metric, from the schema), and an unknown
member removed when what it means is already given (never renamed into a duplicate)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from automl_objective.api import catalog, check_text, default_metric
from automl_objective.lsp.checked_units import Unit, document_unit
from automl_objective.lsp.code_actions import fixes_for
from automl_objective.lsp.diagnostics import Placed
from automl_objective.lsp.server import check_unit
from automl_objective.lsp.settings import Settings
from tests.lsp.harness import diagnostics_of, open_document

FIX_ALL = "source.fixAll.automl-objective"
LANGUAGES = {"py": "python", "json": "json", "yaml": "yaml"}


def _offset(text: str, position: types.Position) -> int:
    """An LSP position's offset in an ASCII text with LF line ends."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position.line]) + position.character


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: _offset(text, e.range.start), reverse=True):
        start, end = _offset(text, edit.range.start), _offset(text, edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def _quick_fixes(client: LanguageClient, name: str, text: str) -> list[types.CodeAction]:
    uri = f"file:///work/{name}"
    open_document(client, uri, text, LANGUAGES[name.rsplit(".", 1)[1]])
    found = await diagnostics_of(client, uri, 1)
    whole = types.Range(types.Position(0, 0), types.Position(text.count("\n") + 1, 0))
    answer = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=whole,
            context=types.CodeActionContext(diagnostics=list(found)),
        )
    )
    return [a for a in answer or [] if isinstance(a, types.CodeAction)]


def _fixed(action: types.CodeAction, name: str, text: str) -> str:
    assert action.edit is not None and action.edit.changes is not None
    return _apply(text, list(action.edit.changes[f"file:///work/{name}"]))


COMMON_V1 = (
    "RoleArn: arn:aws:iam::123456789012:role/r\n"
    "OutputDataConfig: {S3OutputPath: s3://b/o}\n"
    "InputDataConfig:\n"
    "  - DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/i}}\n"
    "    TargetAttributeName: y\n"
)
ARGS_V1 = (
    "RoleArn='arn:aws:iam::123456789012:role/r', OutputDataConfig={'S3OutputPath': 's3://b/o'},"
    " InputDataConfig=[{'DataSource': {'S3DataSource': {'S3DataType': 'S3Prefix', "
    "'S3Uri': 's3://b/i'}}, 'TargetAttributeName': 'y'}]"
)
JSON_V2 = (
    '{"AutoMLJobName": "j", "AutoMLProblemTypeConfig": {"TabularJobConfig": '
    '{"ProblemType": "BinaryClassification", "TargetAttributeName": "y"}}, '
    '"AutoMLJobInputDataConfig": [{"ChannelType": "training", "DataSource": {"S3DataSource": '
    '{"S3DataType": "S3Prefix", "S3Uri": "s3://b/i"}}}], '
    '"OutputDataConfig": {"S3OutputPath": "s3://b/o"}, '
    '"RoleArn": "arn:aws:iam::123456789012:role/r"}'
)
YAML_V2 = (
    "AutoMLJobName: j\n"
    "AutoMLProblemTypeConfig:\n"
    "    TabularJobConfig:\n"
    "        ProblemType: 'MulticlassClassification'\n"
    "        TargetAttributeName: y\n"
    "AutoMLJobInputDataConfig:\n"
    "    - ChannelType: training\n"
    "      DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/i}}\n"
    "OutputDataConfig: {S3OutputPath: s3://b/o}\n"
    "RoleArn: arn:aws:iam::123456789012:role/r\n"
)
PAIRS: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "v1.yaml": (
        "AutoMLJobName: j\nProblemType: Regression  # the target is a price\n" + COMMON_V1,
        "Regression",
        lambda m: (
            "AutoMLJobName: j\nProblemType: Regression  # the target is a price\n"
            f"AutoMLJobObjective:\n  MetricName: {m}\n" + COMMON_V1
        ),
    ),
    "v2.yaml": (
        YAML_V2,
        "MulticlassClassification",
        lambda m: YAML_V2.replace(
            "AutoMLJobInputDataConfig:",
            f"AutoMLJobObjective:\n    MetricName: '{m}'\nAutoMLJobInputDataConfig:",
        ),
    ),
    "v2.json": (
        JSON_V2,
        "BinaryClassification",
        lambda m: JSON_V2.replace(
            '"y"}}, ', f'"y"}}}}, "AutoMLJobObjective": {{"MetricName": "{m}"}}, '
        ),
    ),
    "v1.py": (
        f"import boto3\nsm = boto3.client('sagemaker')\nsm.create_auto_ml_job(\n"
        f"    AutoMLJobName='j',\n    ProblemType='Regression',\n    {ARGS_V1},\n)\n",
        "Regression",
        lambda m: (
            f"import boto3\nsm = boto3.client('sagemaker')\nsm.create_auto_ml_job(\n"
            f"    AutoMLJobName='j',\n    ProblemType='Regression',\n"
            f"    AutoMLJobObjective={{'MetricName': '{m}'}},\n    {ARGS_V1},\n)\n"
        ),
    ),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", list(PAIRS))
async def test_a_problem_type_without_objective_gets_its_default_metric_added(
    client: LanguageClient, name: str
) -> None:
    text, problem_type, wanted = PAIRS[name]
    assert [f.code for f in check_text(text, name).findings] == ["incomplete-pair"]
    (action, fix_all) = await _quick_fixes(client, name, text)
    default = default_metric(problem_type)
    assert default is not None
    assert action.title == (
        f"Add AutoMLJobObjective {{MetricName: {default}}} "
        f"({catalog().metric(default).direction}, the default for {problem_type})"
    )
    assert action.is_preferred and fix_all.kind == FIX_ALL
    fixed = _fixed(action, name, text)
    assert fixed == wanted(default)
    assert check_text(fixed, name).findings == []
    assert _fixed(fix_all, name, text) == fixed


GIVEN = {
    "block.yaml": (
        "ProblemType: Regression\nAutoMLJobObjective:\n  MetricNme:\n    MSE\n  MetricName: MSE\n",
        "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: MSE\n",
    ),
    "flow.yaml": (
        "ProblemType: Regression\nAutoMLJobObjective: {MetricName: MSE, Metricname: MSE}\n",
        "ProblemType: Regression\nAutoMLJobObjective: {MetricName: MSE}\n",
    ),
    "lines.json": (
        '{\n  "ProblemType": "Regression",\n  "AutoMLJobObjective": {\n'
        '    "MetricName": "MSE",\n    "MetricNme": "MSE"\n  }\n}\n',
        '{\n  "ProblemType": "Regression",\n  "AutoMLJobObjective": {\n'
        '    "MetricName": "MSE"\n  }\n}\n',
    ),
    "call.py": (
        "sm.create_auto_ml_job(ProblemType='Regression', "
        "AutoMLJobObjective={'metricName': 'MSE', 'MetricName': 'MSE'}, **rest)\n",
        "sm.create_auto_ml_job(ProblemType='Regression', "
        "AutoMLJobObjective={'MetricName': 'MSE'}, **rest)\n",
    ),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("name", list(GIVEN))
async def test_an_unknown_member_whose_meaning_is_given_is_removed_not_renamed(
    client: LanguageClient, name: str
) -> None:
    text, wanted = GIVEN[name]
    assert "unknown-member" in [f.code for f in check_text(text, name).findings]
    actions = await _quick_fixes(client, name, text)
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title.split("'")[0] for a in quick] == ["Remove "]  # no rename into a duplicate
    assert quick[0].is_preferred
    assert _fixed(quick[0], name, text) == wanted
    assert "unknown-member" not in [f.code for f in check_text(wanted, name).findings]


@pytest.mark.asyncio
async def test_a_misspelled_member_alone_is_still_renamed(client: LanguageClient) -> None:
    text = "sm.create_auto_ml_job(ProblemType='Regression', AutoMLJobObjective={'MetricNme': 0})"
    actions = await _quick_fixes(client, "alone.py", text)
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [a.title for a in quick] == ["Rename 'MetricNme' to 'MetricName'"]
    assert _fixed(quick[0], "alone.py", text) == text.replace("'MetricNme'", "'MetricName'")


REWORDED = {
    "metric.py": "sm.create_auto_ml_job(ProblemType='Regression', "
    "AutoMLJobObjective={'MetricName': 'AUC'})",
    "typo.yaml": "ProblemType: Regression\nAutoMLJobObjective:\n  MetricName: MSEE\n",
    "type.json": '{"ProblemType": "Regresion"}',
    "pair.yaml": "ProblemType: BinaryClassification\nAutoMLJobName: j\n",
    "given.yaml": "ProblemType: Regression\nAutoMLJobObjective: {MetricName: R2, metricName: R2}\n",
    "boolean.yaml": "ProblemType: Regression\nAutoMLJobObjective: {MetricName: R2}\n"
    "AutoMLJobName: no\n",
}


def _fixes(unit: Unit, item: Placed) -> list[tuple[str, int, int, str]]:
    return [
        (f.title, f.start, f.end, f.new_text) for f in fixes_for(unit.parts[0], item, catalog())
    ]


@pytest.mark.parametrize("name", list(REWORDED))
def test_fixes_come_from_the_code_pointer_and_document_not_the_words(name: str) -> None:
    """Other parts reword messages: a finding whose message says nothing but its code gets
    the same fixes (a name the message suggested then the closest known one; an unknown
    member only its removal, the rename needing the suggestion)."""
    unit = document_unit(f"file:///work/{name}", REWORDED[name], None, 1)
    assert unit is not None
    placed = check_unit(unit, Settings()).placed[unit.key]
    offered = 0
    for item in placed:
        bare = dataclasses.replace(item, finding=dataclasses.replace(item.finding, message="x"))
        worded, silent = _fixes(unit, item), _fixes(unit, bare)
        if item.finding.code == "unknown-member":
            worded = [fix for fix in worded if fix[0].startswith("Remove")]
        assert silent == worded, item.finding.code
        offered += len(silent)
    assert offered, "each document has a finding with a fix"


@pytest.mark.parametrize(
    "value", ["f'AUC'", "'AUC' + suffix", "'A' 'UC'", "b'AUC'.decode()"], ids=str
)
def test_no_fix_for_a_value_that_is_more_than_its_string(value: str) -> None:
    text = (
        "sm.create_auto_ml_job(**rest, ProblemType='Regression', "
        f"AutoMLJobObjective={{'MetricName': {value}}})"
    )
    unit = document_unit("file:///work/pieces.py", text, None, 1)
    assert unit is not None
    placed = check_unit(unit, Settings()).placed[unit.key]
    assert all(_fixes(unit, item) == [] for item in placed)
    whole = document_unit("file:///work/whole.py", text.replace(value, "'AUC'"), None, 1)
    assert whole is not None
    (item,) = check_unit(whole, Settings()).placed[whole.key]
    assert _fixes(whole, item)  # the same value written plainly is fixed


def test_a_member_that_means_something_else_is_neither_removed_nor_renamed_twice() -> None:
    """The checker suggests S3DataType for S3DataDistributionType; with S3DataType given,
    removing the member would lose what it says and renaming it would write S3DataType
    twice: no fix."""
    text = JSON_V2.replace(
        '"S3DataType": "S3Prefix"',
        '"S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated"',
    )
    unit = document_unit("file:///work/other.json", text, None, 1)
    assert unit is not None
    placed = [
        item
        for item in check_unit(unit, Settings()).placed[unit.key]
        if item.finding.code == "unknown-member"
    ]
    assert [item.finding.pointer.rsplit("/", 1)[1] for item in placed] == ["S3DataDistributionType"]
    assert _fixes(unit, placed[0]) == []
