"""What a contributor reads beside the code says true things: the npm manifests name the
files that install them, and those files exist."""

from __future__ import annotations

import json
import re

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
