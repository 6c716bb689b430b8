"""Completion of MetricName values and problem types, narrowed by the problem type of the
request being written: its allowed metrics, the default first, each with its direction."""

from __future__ import annotations

from lsprotocol import types

from automl_objective.api import Catalog, ProblemTypeRule
from automl_objective.lsp.catalog_docs import (
    metric_detail,
    metric_markdown,
    problem_type_markdown,
)
from automl_objective.lsp.request_context import METRIC, OBJECTIVE, PROBLEM_TYPE, Slot
from automl_objective.lsp.text_units import Lines
from automl_objective.lsp.value_spans import YAML


def metric_names(catalog: Catalog, rule: ProblemTypeRule | None) -> list[str]:
    """The metrics a request of this problem type accepts, its default first (all of them,
    in the schema's order, when the problem type is not known)."""
    if rule is None:
        return list(catalog.metric_names)
    rest = [name for name in rule.allowed if name != rule.default]
    return [rule.default, *rest] if rule.default is not None else rest


def _quoted(name: str, slot: Slot, language: str) -> str:
    if slot.quoted or language == YAML:
        return name
    return f'"{name}"'


def _objective(name: str, language: str) -> str:
    return f"{{MetricName: {name}}}" if language == YAML else f'{{"MetricName": "{name}"}}'


def markup(value: str, markdown: bool) -> types.MarkupContent:
    """Documentation as Markdown, or as the same text plain, for a client without Markdown."""
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.MarkupContent(kind=kind, value=value)


def completion_items(
    slot: Slot, catalog: Catalog, text: str, language: str, encoding: str, markdown: bool
) -> list[types.CompletionItem]:
    lines = Lines(text, encoding)
    where = types.Range(lines.position(slot.start), lines.position(slot.end))
    rule = catalog.problem_type(slot.problem_type) if slot.problem_type else None
    items = []
    if slot.member == PROBLEM_TYPE:
        for index, name in enumerate(catalog.tabular_problem_types):
            items.append(
                types.CompletionItem(
                    label=name,
                    kind=types.CompletionItemKind.EnumMember,
                    detail=catalog.problem_type(name).title,
                    documentation=markup(
                        problem_type_markdown(catalog, catalog.problem_type(name)), markdown
                    ),
                    sort_text=f"{index:03d}",
                    filter_text=name,
                    text_edit=types.TextEdit(where, slot.lead + _quoted(name, slot, language)),
                )
            )
        return items
    for index, name in enumerate(metric_names(catalog, rule)):
        metric = catalog.metric(name)
        value = (
            _objective(name, language)
            if slot.member == OBJECTIVE
            else _quoted(name, slot, language)
        )
        items.append(
            types.CompletionItem(
                label=name if slot.member == METRIC else value,
                kind=types.CompletionItemKind.EnumMember,
                detail=metric_detail(catalog, metric, rule),
                documentation=markup(metric_markdown(catalog, metric), markdown),
                sort_text=f"{index:03d}",
                filter_text=name if slot.member == METRIC else value,
                preselect=rule is not None and name == rule.default,
                text_edit=types.TextEdit(where, slot.lead + value),
            )
        )
    return items
