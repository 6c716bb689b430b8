"""A notebook's code cells read as plain JSON are what nbformat reads, and every notebook
nbformat would refuse (or read otherwise) is left to nbformat."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import nbformat
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from automl_objective.inputs.notebook_json import CodeCell, plain_code_cells
from tests.support.fuzzing import examples
from tests.support.paths import TESTS


def _by_nbformat(text: str) -> list[CodeCell] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(text, as_version=4)  # type: ignore[no-untyped-call]
        cells = list(notebook.cells)
    except Exception:
        return None
    return [
        (number, str(cell.get("source", "")))
        for number, cell in enumerate(cells, start=1)
        if cell.get("cell_type") == "code"
    ]


def _agree(text: str) -> bool:
    """True when the plain reading is used (not None); asserts it is nbformat's reading."""
    plain = plain_code_cells(text)
    if plain is not None:
        assert plain == _by_nbformat(text)
    return plain is not None


NOTEBOOKS = sorted(p for p in TESTS.rglob("*.ipynb") if "node_modules" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_tests_notebooks_read_as_nbformat_reads_them(path: Path) -> None:
    _agree(path.read_text("utf-8"))


def test_an_ordinary_notebook_is_read_without_nbformat() -> None:
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3"}},
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n"]},
            {
                "cell_type": "code",
                "metadata": {"trusted": True},
                "source": ["import boto3\n", "x = 1"],
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["a\n", "b"]},
                    {"output_type": "execute_result", "data": {"text/plain": ["1"]}},
                ],
                "execution_count": 1,
            },
        ],
    }
    text = json.dumps(notebook)
    assert plain_code_cells(text) == [(2, "import boto3\nx = 1")]
    assert _agree(text)


TEXTS = st.text(alphabet="ab\n%!", max_size=6)
ODD = st.sampled_from([None, 5, [1], {"a": 1}, ["x", 2], "s", True])
CELLS = st.fixed_dictionaries(
    {},
    optional={
        "cell_type": st.sampled_from(["code", "markdown", "raw", 5]),
        "id": st.sampled_from(["a", "b"]) | ODD,
        "metadata": st.just({}) | ODD,
        "source": TEXTS | st.lists(TEXTS, max_size=3) | ODD,
        "attachments": st.dictionaries(st.just("a.png"), st.just({"image/png": ["x"]}) | ODD) | ODD,
        "outputs": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "output_type": st.sampled_from(["stream", "execute_result", "error", ""]) | ODD,
                    "text": st.lists(TEXTS, max_size=2) | ODD,
                    "data": st.just({"text/plain": ["1"]}) | ODD,
                },
            )
            | ODD,
            max_size=2,
        )
        | ODD,
    },
)
NOTEBOOK = st.fixed_dictionaries(
    {},
    optional={
        "nbformat": st.sampled_from([4, 4.0, 3, "4", True, 5]),
        "nbformat_minor": st.sampled_from([0, 4, 5, 6, 99, -1, "x", True, 4.0]),
        "metadata": st.just({}) | ODD,
        "cells": st.lists(CELLS | ODD, max_size=4) | ODD,
    },
)


@settings(max_examples=examples(500), deadline=None)
@given(notebook=NOTEBOOK | ODD)
@example(  # a cell type that is no string: nbformat refuses the notebook (found by this test)
    notebook={
        "nbformat": 4,
        "nbformat_minor": 0,
        "metadata": {},
        "cells": [{"cell_type": 5, "metadata": {}}],
    }
)
def test_odd_notebooks_are_read_as_nbformat_reads_them_or_left_to_it(notebook: Any) -> None:
    _agree(json.dumps(notebook))


WELL_FORMED_CELLS = st.fixed_dictionaries(
    {
        "cell_type": st.sampled_from(["code", "markdown", "raw"]),
        "metadata": st.just({}) | st.just({"trusted": True}),
        "source": TEXTS | st.lists(TEXTS, max_size=3),
    },
    optional={
        "id": st.sampled_from(["a", "b", "c"]),
        "outputs": st.lists(
            st.fixed_dictionaries(
                {"output_type": st.sampled_from(["stream", "execute_result", "error"])},
                optional={
                    "text": TEXTS | st.lists(TEXTS, max_size=2),
                    "data": st.just({"text/plain": ["1"], "application/json": {"a": [1]}}),
                },
            ),
            max_size=2,
        ),
        "attachments": st.just({"a.png": {"image/png": ["eA=="]}}),
    },
)
WELL_FORMED = st.fixed_dictionaries(
    {
        "nbformat": st.just(4),
        "nbformat_minor": st.integers(0, 5),
        "metadata": st.just({}),
        "cells": st.lists(WELL_FORMED_CELLS, max_size=4),
    }
)


@settings(max_examples=examples(300), deadline=None)
@given(notebook=WELL_FORMED)
def test_well_formed_notebooks_are_read_without_nbformat_as_it_reads_them(
    notebook: dict[str, Any],
) -> None:
    assert _agree(json.dumps(notebook))


@pytest.mark.parametrize("text", ["", "{", "[]", '{"nbformat": 4, "cells": []}', "\ufeff{}"])
def test_text_nbformat_refuses_is_left_to_it(text: str) -> None:
    assert plain_code_cells(text) is None
