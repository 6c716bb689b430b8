"""Whether a peer judges every file as automl-objective does: a speed figure means something
only when both tools did the same job."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from benchmarks.tools import OURS, Corpus, Tool, invalid_files, ours

SHOWN = 5


def disagreements(
    names: Sequence[str], ours_invalid: set[str], theirs_invalid: set[str]
) -> list[str]:
    """The files judged differently, in corpus order, each with both verdicts."""
    return [
        f"{name} ({OURS} {'invalid' if name in ours_invalid else 'valid'})"
        for name in names
        if (name in ours_invalid) != (name in theirs_invalid)
    ]


def _files(count: int) -> str:
    return f"{count:,} file" + ("" if count == 1 else "s")


def agreement_lines(
    corpus: Corpus, ours_invalid: set[str], theirs: dict[str, set[str]]
) -> list[str]:
    """One line when every peer agrees on every file, else one line per peer."""
    said = f"{len(ours_invalid):,} of {_files(len(corpus.names))} invalid"
    if not theirs:
        return [f"- {corpus.key}: {OURS} alone ({said})"]
    differ = {peer: disagreements(corpus.names, ours_invalid, bad) for peer, bad in theirs.items()}
    if not any(differ.values()):
        return [f"- {corpus.key}: all {len(theirs)} peers agree on every file ({said})"]
    lines = []
    for peer, files in differ.items():
        if not files:
            lines.append(f"- {corpus.key}: {peer} agrees on every file ({said})")
            continue
        more = f", and {len(files) - SHOWN:,} more" if len(files) > SHOWN else ""
        lines.append(
            f"- {corpus.key}: {peer} DISAGREES on {_files(len(files))} of "
            f"{len(corpus.names):,}: " + ", ".join(files[:SHOWN]) + more
        )
    return lines


def check_agreement(corpus: Corpus, peers: Sequence[Tool], schema: Path) -> list[str]:
    """Whether every peer agrees with automl-objective on every file."""
    ours_invalid = invalid_files(ours(), corpus, schema)
    theirs = {peer.name: invalid_files(peer, corpus, schema) for peer in peers}
    return agreement_lines(corpus, ours_invalid, theirs)
