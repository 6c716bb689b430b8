"""A big YAML text read from its pieces, reusing those read before
(:mod:`automl_objective.inputs.yaml_chunks`), reads exactly as the whole text does: random
request texts, and random edits of them, read both ways give the same data, positions,
shared nodes and refusals; the pieces are really reused; what is remembered stays bounded."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from automl_objective.api import check_text
from automl_objective.inputs import yaml_chunks, yaml_syntax
from automl_objective.inputs.yaml_one_pass import compose, plain_data
from tests.support.fuzzing import examples
from tests.support.yaml_readings import mutant, outcome

NAMES = ["AutoMLJobName", "ProblemType", "AutoMLJobObjective", "Tags", "InputDataConfig", "a"]
SCALARS = (
    "x", "MSE", "'quoted: yes'", '"two\\n lines"', "yes", "No", "~", "", "1:30", "0x1F", "1.5",
    "[1, 2]", "{Key: k, Value: v}", "|\n{more}  block\n{more}  text", ">-\n{more}  folded",
    "[1,\n{more}  2]", "'split\n{more}quote'", "plain\n{more}  continued",
)  # fmt: skip
"""Values as written after ``Name: `` (``{more}``: the indentation of a continuation)."""
REFUSED = ("2024-01-01", ".nan", "{a: 1, a: 2}", "!Ref x", "*x", "[1,\n2]", "'a\nb: c'")
"""Values the one pass leaves to the careful reading, or that break the text (rarer)."""


def _value(rng: random.Random, indent: int) -> str:
    value = rng.choice(REFUSED if rng.random() < 0.02 else SCALARS)
    return value.replace("{more}", " " * indent)


def _name(rng: random.Random, index: int) -> str:
    """A member name, now and then one written before in the same mapping."""
    return rng.choice(NAMES) + str(index if rng.random() > 0.03 else 0)


def _entries(rng: random.Random, indent: int) -> Iterator[str]:
    """A block sequence or mapping at ``indent``, with comments and blank lines between."""
    pad, items = " " * indent, rng.random() < 0.6
    for index in range(rng.randint(1, 12)):
        if rng.random() < 0.15:
            yield rng.choice(["", "# note", pad + "# note", " " * rng.randint(0, 8)])
        if items and rng.random() < 0.2:
            yield f"{pad}- Key: k{index}\n{pad}  Value: {_value(rng, indent + 2)}"
        elif items:
            yield f"{pad}- {_value(rng, indent + 2)}"
        else:
            yield f"{pad}{_name(rng, index)}: {_value(rng, indent)}"


def request_text(rng: random.Random) -> str:
    """A YAML request: top-level members, some with long block values."""
    lines = []
    for index in range(rng.randint(2, 8)):
        name = _name(rng, index)
        if rng.random() < 0.5:
            lines.append(f"{name}: {_value(rng, 0)}")
        else:
            lines.append(f"{name}:{rng.choice(['', '  # the entries'])}")
            lines.extend(_entries(rng, rng.choice([2, 2, 4, 0])))
        if rng.random() < 0.1:
            lines.append(rng.choice(["# a comment", "", "---", "- x", "  stray"]))
    text = "\n".join(lines) + rng.choice(["\n", "", "\n# edit 0001\n"])
    return text.replace("\n", "\r\n") if rng.random() < 0.2 else text  # Windows' lines too


def _edit(rng: random.Random, text: str) -> str:
    """A person's edit: a line typed or removed, or any of the mutants' pieces."""
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    choice = rng.random()
    if choice < 0.3:
        lines[at : at + 1] = []
    elif choice < 0.6:
        lines.insert(at, rng.choice(["  - new", "New: 1", "    Deep: x", "# c", "", "Tags:"]))
    else:
        return mutant(rng, text)
    return "\n".join(lines)


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every text is cut, and every member into its entries: the pieces of small texts; any
    piece not remembered is read alone."""
    monkeypatch.setattr(yaml_chunks, "CHUNKED_FROM", 1)
    monkeypatch.setattr(yaml_syntax, "_CUT_FROM", 1)  # the reader loads the module for any
    monkeypatch.setattr(yaml_chunks, "SPLIT_FROM", 1)
    monkeypatch.setattr(yaml_chunks, "MOST_READ_ALONE", 10**9)
    yaml_chunks.forget()
    yield
    yaml_chunks.forget()


def _whole(text: str) -> Any:
    return outcome(lambda t: yaml_syntax._careful("x.yaml", t, False), text)


def _pieces(text: str) -> Any:
    return outcome(lambda t: yaml_syntax.parse_yaml("x.yaml", t), text)


EXAMPLES = examples(150)
EDITS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@EDITS
@given(rng=st.randoms(use_true_random=False))
def test_random_texts_and_edits_read_the_same_from_pieces(
    small_pieces: None, rng: random.Random
) -> None:
    text = request_text(rng)
    for _ in range(6):
        assert _pieces(text) == _whole(text), text
        text = _edit(rng, text)


def test_the_generated_texts_are_mostly_cut_and_read_from_pieces(small_pieces: None) -> None:
    """The property above is about pieces: most of its texts are read from them."""
    rng = random.Random(5)
    texts = [request_text(rng) for _ in range(300)]
    cut = [text for text in texts if yaml_chunks.cut(text) is not None]
    read = [
        text for text in cut if _data(yaml_chunks.read_pieces(text, yaml_chunks.cut(text) or []))
    ]
    read_in_entries = [text for text in read if any(piece.entries for piece in _cut(text))]
    assert len(cut) > 120 and len(read) > 70 and len(read_in_entries) > 50


def _cut(text: str) -> list[yaml_chunks.Piece]:
    return yaml_chunks.cut(text) or []


def _data(assembled: yaml_chunks.Assembled | None) -> bool:
    """Whether the pieces give the data (no refusal for the careful reading to word)."""
    try:
        return assembled is not None and plain_data(assembled.root) is not None
    except Exception:
        return False


def _big_request(entries: int = 3000) -> str:
    head = "AutoMLJobName: job\nProblemType: Regression\nAutoMLJobObjective:\n  MetricName: AUC\n"
    tags = "".join(f"  - {{Key: team-{i}, Value: v{i}}}\n" for i in range(entries))
    return head + "Tags:\n" + tags + "# edit 0000\n"


def test_an_edit_of_a_big_text_reads_only_the_changed_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    yaml_chunks.forget()
    text = _big_request()
    yaml_syntax.parse_yaml("x.yaml", text)  # read once: a file, read whole
    yaml_syntax.parse_yaml("x.yaml", text)  # read again: a document; its pieces remembered
    read: list[str] = []

    def counted(piece: str) -> Any:
        read.append(piece)
        return compose(piece)

    monkeypatch.setattr(yaml_chunks, "compose", counted)
    edited = text.replace("AUC", "MSE").replace("edit 0000", "edit 0001")
    assert _pieces(edited) == _whole(edited)
    last_entry = text.splitlines(keepends=True)[-2]
    assert read == ["AutoMLJobObjective:\n  MetricName: MSE\n", last_entry + "# edit 0001\n"]


def test_findings_of_a_big_text_are_the_same_from_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    yaml_chunks.forget()
    text = _big_request()
    first = check_text(text, "request.yaml")
    edited = text.replace("AUC", "MSE").replace("Value: v7}", "Value: 7, Value: 8}")
    from_pieces = [check_text(t, "request.yaml") for t in (text, edited)]
    monkeypatch.setattr(yaml_chunks, "CHUNKED_FROM", len(text) * 2)  # read whole
    assert from_pieces == [first, check_text(edited, "request.yaml")]
    assert first.findings and from_pieces[1].findings != first.findings


def test_a_big_text_read_once_is_read_whole_and_not_remembered() -> None:
    """``validate`` reads each file once: cutting it and remembering it would pay for
    nothing. Read again (an editor's document), its pieces are remembered."""
    yaml_chunks.forget()
    yaml_syntax.parse_yaml("once.yaml", _big_request())
    assert yaml_chunks.remembered_chars() == 0
    yaml_syntax.parse_yaml("once.yaml", _big_request())
    assert yaml_chunks.remembered_chars() == len(_big_request())
    yaml_chunks.forget()


def test_what_is_remembered_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_chunks, "MAX_REMEMBERED_CHARS", 200_000)
    yaml_chunks.forget()
    for index in range(8):
        yaml_syntax.parse_yaml("x.yaml", _big_request().replace("team-", f"team{index}-"))
        assert yaml_chunks.remembered_chars() <= 200_000
    assert yaml_chunks.remembered_chars() > 100_000
    yaml_chunks.forget()


def test_the_reader_loads_the_pieces_module_from_the_size_it_cuts_from() -> None:
    """yaml_syntax leaves yaml_chunks unloaded for a text shorter than it would cut."""
    assert yaml_syntax._CUT_FROM == yaml_chunks.CHUNKED_FROM
