"""Hover on a metric or a problem type written as a value: its facts from the schema."""

from __future__ import annotations

from lsprotocol import types

from automl_objective.api import Catalog
from automl_objective.lsp.catalog_docs import metric_markdown, problem_type_markdown
from automl_objective.lsp.completion import markup
from automl_objective.lsp.request_context import word_at
from automl_objective.lsp.text_units import Lines


def hover_at(
    text: str, offset: int, language: str, catalog: Catalog, encoding: str, markdown: bool
) -> types.Hover | None:
    found = word_at(text, offset, language)
    if found is None:
        return None
    start, end, word = found
    if word in catalog.metric_names:
        value = metric_markdown(catalog, catalog.metric(word))
    elif word in catalog.problem_type_names:
        value = problem_type_markdown(catalog, catalog.problem_type(word))
    else:
        return None
    lines = Lines(text, encoding)
    return types.Hover(
        contents=markup(value, markdown),
        range=types.Range(lines.position(start), lines.position(end)),
    )
