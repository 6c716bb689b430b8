"""What a contributor reads beside the code says true things: the npm manifests name the
files that install them, and those files exist."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.support.paths import ROOT


@pytest.mark.parametrize("manifest", ["tests/editors/package.json", "benchmarks/package.json"])
def test_a_package_json_names_files_that_exist(manifest: str) -> None:
    description = json.loads((ROOT / manifest).read_text("utf-8"))["description"]
    named = re.findall(r"\b((?:tests|benchmarks)/[\w/.-]+\.py)\b", description)
    named += [f"{m.replace('.', '/')}.py" for m in re.findall(r"python -m ([\w.]+)", description)]
    assert named, description
    for path in named:
        assert (ROOT / path).is_file(), f"{manifest} names {path}, which does not exist"


_TEST_FILE = re.compile(r"tests/[\w/]+\.py")
_TEST_NAME = re.compile(r"(?:(tests/[\w/]+\.py))?::(test_\w+)|`(test_\w+)`")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _named_tests(text: str) -> list[tuple[str, str]]:
    """(test file, test function) for each test a text names: ``file::name``, ``::name`` and
    a bare ```name``` after the last file named in the same paragraph or table row (as the
    README's Guarantees and CONTRIBUTING.md name them)."""
    found = []
    for block in re.split(r"\n\s*\n|\n\|", text):
        current = None
        for match in re.finditer(rf"{_TEST_FILE.pattern}|{_TEST_NAME.pattern}", block):
            if match.group(0).endswith(".py"):
                current = match.group(0)
                continue
            file, name = match.group(1) or current, match.group(2) or match.group(3)
            assert file is not None, f"{name} is named before any test file: {block[:80]}"
            found.append((file, name))
    return found


@pytest.mark.parametrize("document", ["CONTRIBUTING.md", "README.md"])
def test_every_test_a_document_names_exists(document: str) -> None:
    text = (ROOT / document).read_text("utf-8")
    files = set(_TEST_FILE.findall(text))
    assert [f for f in files if not (ROOT / f).is_file()] == []
    named = _named_tests(text)
    assert named or document != "CONTRIBUTING.md"
    missing = [f"{file}::{name}" for file, name in named if name not in _test_names(ROOT / file)]
    assert missing == []
