"""A checker remembers the kind of each list of member names it has seen (the kind depends
on the names alone): the kind it remembers is the one it would tell afresh, on every
document, in any order, and what it keeps is bounded."""

from __future__ import annotations

import random
from typing import Any

from automl_objective.base.schema import load_aws_index
from automl_objective.check import resolve
from automl_objective.check.catalog import load_catalog
from automl_objective.check.resolve import DocumentKinds
from tests.support.schema_documents import aws_documents, canonical_documents

CATALOG = load_catalog()
INDEX = load_aws_index()
ODD: list[Any] = [
    {1: "x"},
    {True: "x"},
    {1.0: "x", "AutoMLJobObjective": {}},
    {None: 1, "MetricName": "F1"},
    {f"Member{i}": i for i in range(resolve.KNOWN_NAMES_AT_MOST + 1)} | {"ProblemType": "x"},
    [],
    "MetricName",
    None,
]


def test_a_remembered_kind_is_the_kind_told_afresh() -> None:
    documents = [*canonical_documents(), *aws_documents(), *ODD]
    for seed in (1, 2):
        remembering = DocumentKinds(CATALOG.document_kinds, INDEX)
        order = documents[:]
        random.Random(seed).shuffle(order)
        for document in order:
            fresh = DocumentKinds(CATALOG.document_kinds, INDEX)(document)
            assert remembering(document) == fresh, document
            assert remembering(document) == fresh, document  # remembered by now


def test_what_is_remembered_is_bounded() -> None:
    kinds = DocumentKinds(CATALOG.document_kinds, INDEX)
    for number in range(resolve.KNOWN_NAME_LISTS * 2):
        assert kinds({f"Name{number}": 1, "MetricName": "F1"}) == "objective"
    assert len(kinds._known) == resolve.KNOWN_NAME_LISTS
    assert kinds({"MetricName": "F1", "Name1": 1}) == "objective"


def test_the_plain_data_tells_the_kind_the_catalog_does() -> None:
    """A checker with no catalog made tells kinds by ``kind_by_members`` over the generated
    ``DOCUMENT_KINDS``: the catalog's own ``kind_of``, document for document."""
    from automl_objective_generated.catalog import DOCUMENT_KINDS

    assert CATALOG.document_kinds == DOCUMENT_KINDS
    for document in [*canonical_documents(), *aws_documents(), *ODD]:
        assert resolve.kind_by_members(document, DOCUMENT_KINDS) == CATALOG.kind_of(document)
