"""The generated checks run an AWS pattern written as a whole-value pattern
(``^(?:body)(?![\\s\\S])``) as ``fullmatch`` of its body without captures: a rule stated in
``java_patterns.fullmatch_body``, and here each pattern of the schemas answers as searching
it does, on Java's own verdicts (the oracle's probes), hostile text and their edges."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from automl_objective.base.schema import load_aws_index, load_aws_schema
from automl_objective_codegen.java_patterns import ANY, ANY_COMPILED_FAST, fullmatch_body
from tests.support.compiled import compiled_module
from tests.support.hostile import hostile
from tests.support.paths import ROOT

ORACLE: dict[str, Any] = json.loads((ROOT / "tests" / "java_oracle" / "oracle.json").read_text())


def _patterns() -> dict[str, str]:
    """Each AWS definition's schema ``pattern`` (the \\p{..} ones go to the regex library)."""
    found: dict[str, str] = {}
    for entry in load_aws_index()["kinds"]:
        for name, definition in load_aws_schema(entry["file"])["$defs"].items():
            if "pattern" in definition:
                found[name] = definition["pattern"]
    return found


PATTERNS = _patterns()


def _probes(name: str, canary: Path) -> list[str]:
    cases = [probe for probe, _ in ORACLE[name]["cases"]] + hostile(canary)
    edges = [f"{probe}\n" for probe in cases] + [f"\n{probe}" for probe in cases]
    # Java's other line terminators (a "." takes none of them), inside and at each end
    inside = [f"{probe[:1]}{t}{probe[1:]}{t}" for probe in cases for t in "\r\x85\u2028\u2029"]
    return cases + edges + inside + [f"{probe}\r\n" for probe in cases] + [p * 2 for p in cases]


def test_every_aws_pattern_runs_as_a_fullmatch() -> None:
    assert len(PATTERNS) >= 20
    assert {name for name, p in PATTERNS.items() if fullmatch_body(p) is None} == set()
    rewritten = [name for name, p in PATTERNS.items() if ANY in p]
    assert rewritten  # Java's "." is in AWS's patterns (S3 URIs, ARNs): each one spelt fast
    assert not [name for name in rewritten if ANY in (fullmatch_body(PATTERNS[name]) or ANY)]


def test_java_any_spelt_fast_is_the_same_characters() -> None:
    """Every character (all of Unicode, surrogates included) is taken by both or neither."""
    slow, fast = re.compile(ANY).fullmatch, re.compile(ANY_COMPILED_FAST).fullmatch
    assert all((slow(c) is None) == (fast(c) is None) for c in map(chr, range(0x110000)))
    assert sum(slow(c) is None for c in map(chr, range(0x110000))) == 5


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_fullmatch_answers_as_the_search_of_the_pattern(name: str, tmp_path: Path) -> None:
    pattern = PATTERNS[name]
    body = fullmatch_body(pattern)
    assert body is not None
    search, fullmatch = re.compile(pattern).search, re.compile(body).fullmatch
    probes = _probes(name, tmp_path / "canary")
    for probe in probes:
        assert (search(probe) is None) == (fullmatch(probe) is None), (name, probe)
    java = dict(ORACLE[name]["cases"])
    assert all((fullmatch(probe) is not None) is java[probe] for probe in java), name
    assert not (tmp_path / "canary").exists()


def test_the_compiled_check_runs_the_fullmatch() -> None:
    pattern = PATTERNS["AutoMLJobName"]
    module = compiled_module({"type": "string", "pattern": pattern})
    passes = module.ROOT[0]
    assert passes("bench-v2") and not passes("bench_v2") and not passes("bench-v2\n")
    runs = [
        value
        for name, value in vars(module).items()
        if name.startswith("X_") and not name.endswith("_ok")  # _ok: the values it matched
    ]
    assert [(run.__name__, run.__self__.pattern) for run in runs] == [
        ("fullmatch", "[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,31}")
    ]


@pytest.mark.parametrize(
    ("pattern", "body"),
    [
        ("^(?:(https|s3)://([^/]+)/?(.*))(?![\\s\\S])", "(?:https|s3)://(?:[^/]+)/?(?:.*)"),
        ("^(?:[](]x(y))(?![\\s\\S])", "[](]x(?:y)"),
        ("^(?:[^](]x)(?![\\s\\S])", "[^](]x"),
        ("^(?:[\\]()](c))(?![\\s\\S])", "[\\]()](?:c)"),
        ("^(?:(?P<n>a)(?=b)b)(?![\\s\\S])", "(?P<n>a)(?=b)b"),
        ("^(?:(a)\\1)(?![\\s\\S])", None),  # a reference to a group
        ("^(?:(?P<n>a)(?P=n))(?![\\s\\S])", None),
        ("^(?:a)|(b)(?![\\s\\S])", None),  # not one wrapper around one body
        ("^(?:a\\)(?![\\s\\S])", None),
        ("[a-z]+", None),
        # Java's "." (as translate writes it), spelt as Python compiles it fast
        ("^(?:a[^\\n\\r\\u0085\\u2028\\u2029]*)(?![\\s\\S])", f"a{ANY_COMPILED_FAST}*"),
        ("^(?:[^\\n\\r\\u0085\\u2028\\u2029]x])(?![\\s\\S])", f"{ANY_COMPILED_FAST}x]"),
    ],
)
def test_what_runs_as_a_fullmatch_and_what_is_searched(pattern: str, body: str | None) -> None:
    assert fullmatch_body(pattern) == body
    if body is not None:
        probes = ("", "a", "ab", "s3://b/x", "](x", "xy", "]()c", "b\n", "ab\n", "x]", "\u2028x]")
        for probe in (*probes, "a\x85b", "a\u2029", "ab\u2028c", "a\u2027\u202a\U0001f600"):
            expected = re.search(pattern, probe) is None
            assert (re.fullmatch(body, probe) is None) == expected, (pattern, probe)
