"""Fixtures of the sync tests: botocore's model, and a copy of the schema to write."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.botocore_models import MODEL
from tests.support.paths import SCHEMA


@pytest.fixture(scope="module")
def service_model() -> dict[str, Any]:
    model: dict[str, Any] = json.loads(gzip.decompress(MODEL.read_bytes()))
    return model


@pytest.fixture
def schema_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "schema"
    folder.mkdir()
    return Path(shutil.copy(SCHEMA, folder / SCHEMA.name))
