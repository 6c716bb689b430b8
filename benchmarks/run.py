"""Side-by-side benchmark: automl-objective, the peer validators and the read + parse floor.

    python -m benchmarks.peers install      # once: the pinned peers (pip and npm)
    python -m benchmarks.run [--files 10000] [--code-files 1000] [--repeats 5] [--no-extras]

Builds the corpora in a temporary folder (10,000 request and objective files, 15% YAML, 10%
or 70% invalid; one small file; one 5 MB request with 10,001 findings; Python files and
notebooks), checks that every installed peer judges every file as automl-objective does, runs
every tool on each corpus in turn round after round (after a warm-up round), and prints in
Markdown: the date, machine and versions, the table of wall-time ratios (ours / tool, the
median of the round-by-round ratios: below 1 is faster), the medians behind it, how each tool
was run, the agreement, the issue's goals, then the in-process figures (``--no-extras`` skips
those). A peer not installed is left out, and said to be.

Every tool runs in the same environment: PYTHONDONTWRITEBYTECODE is removed and the project's
packages are byte-compiled first, as a pip install leaves them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks import extras
from benchmarks.agreement import check_agreement
from benchmarks.combined_schema import write_combined_schema
from benchmarks.corpora import build_code, build_documents, build_findings_heavy
from benchmarks.peers import node_peer_versions, python_peer_versions
from benchmarks.report import (
    Row,
    goals,
    machine_line,
    medians_table,
    ratio_table,
    versions_line,
)
from benchmarks.timing import rounds
from benchmarks.tools import FLOOR, OURS, Corpus, Tool, available_peers, floor, ours

ROOT = Path(__file__).resolve().parents[1]
YAML_SHARE = 0.15


def precompile() -> None:
    """Byte-compile what our tool imports, as a pip install does."""
    import compileall
    import sysconfig

    for folder in {
        sysconfig.get_paths()["purelib"],
        str(ROOT / "src"),
        str(ROOT / "generator"),
        str(ROOT / "generated"),
    }:
        compileall.compile_dir(folder, quiet=2)


def build_corpora(work: Path, args: argparse.Namespace) -> list[tuple[Corpus, bool]]:
    """Each corpus, and whether the peers run on it (they judge JSON and YAML only)."""
    files, repeats = args.files, args.repeats

    def documents(invalid: float, goal: float) -> Corpus:
        key = f"{files:,} files, {invalid:.0%} invalid"
        folder = work / f"{invalid:.0%}-invalid"
        names = build_documents(folder, files, invalid=invalid, yaml_share=YAML_SHARE)
        return Corpus(key, folder, names, goal, repeats)

    heavy = work / "heavy"
    code = work / "code"
    return [
        (documents(0.1, 1.5), True),
        (documents(0.7, 2), True),
        (
            Corpus(
                "one small file, cold",
                work / "one",
                build_documents(work / "one", 1),
                1.3,
                repeats * 4,
            ),
            True,
        ),
        (
            Corpus(
                f"one {args.megabytes:g} MB file, {args.findings + 1:,} findings",
                heavy,
                build_findings_heavy(heavy, args.findings, args.megabytes),
                2,
                repeats,
                findings_heavy=True,
            ),
            True,
        ),
        (
            Corpus(
                f"{args.code_files:,} Python files, {args.notebooks:,} notebooks",
                code,
                build_code(code, args.code_files, notebooks=args.notebooks),
                None,
                repeats,
            ),
            False,
        ),
    ]


def _exit_codes(row: Row) -> list[str]:
    """A tool whose runs ended differently, or a floor that failed: its figures are suspect."""
    lines = []
    for name, runs in row.runs.items():
        codes = sorted({m.code for m in runs})
        if len(codes) > 1 or (name == FLOOR and codes != [0]):
            lines.append(f"- {row.label}: {name} exited with {codes}: its figures are suspect")
    return lines


def measure_all(
    corpora: list[tuple[Corpus, bool]], peers: list[Tool], schema: Path
) -> tuple[list[Row], list[str]]:
    rows, agreement = [], []
    for corpus, with_peers in corpora:
        chosen = peers if with_peers else []
        print(f"{corpus.key}: checking verdicts ...", file=sys.stderr, flush=True)
        agreement += check_agreement(corpus, chosen, schema)
        tools = [ours(), *chosen, floor()]
        print(f"{corpus.key}: {corpus.rounds} rounds ...", file=sys.stderr, flush=True)
        runs = rounds(
            {t.name: t.command(corpus, schema) for t in tools}, corpus.folder, corpus.rounds
        )
        first_only = {t.name for t in chosen if t.first_error_only and corpus.findings_heavy}
        rows.append(Row(corpus.key, runs, first_only, corpus.floor_goal))
    return rows, agreement


def report(rows: list[Row], peers: list[Tool], agreement: list[str], missing: list[str]) -> None:
    from automl_objective import __version__

    names = [t.name for t in peers]
    versions = {OURS: __version__, **python_peer_versions(), **node_peer_versions()}
    print(f"Measured {machine_line()}; one paired run per corpus.")
    print(versions_line(versions) + ".")
    if missing:
        print(
            f"Not installed, left out: {'; '.join(missing)} (python -m benchmarks.peers install)."
        )
    print()
    print(f"{OURS} / each tool, wall time (the median of the round-by-round ratios): below 1,")
    print(f"{OURS} is faster. Peak memory: the largest process's.")
    print()
    print("\n".join(ratio_table(rows, names)))
    print()
    print("Medians (wall time, peak memory of the largest process):")
    print()
    print("\n".join(medians_table(rows, [OURS, *names, FLOOR])))
    print()
    print("How each tool ran (the same combined schema, benchmarks/combined_schema.py):")
    print()
    for tool in [ours(), *peers, floor()]:
        print(f"- {tool.name}: {tool.how}")
    print()
    print("Agreement (verdict on every file):")
    print()
    print("\n".join(agreement))
    suspect = [line for row in rows for line in _exit_codes(row)]
    print()
    print("Goals (issue 21):")
    print()
    print("\n".join(goals(rows, names) + suspect))


def print_extras(work: Path, args: argparse.Namespace) -> None:
    print()
    print("In process, per document (10% invalid corpus, then 70%):")
    print()
    for key in ("10%-invalid", "70%-invalid"):
        folder = work / key
        names = sorted(str(p.relative_to(folder)) for p in (folder / "d").iterdir())
        print("\n".join(extras.per_document(folder, names)))
    print("\n".join(extras.findings_heavy(work / "in-process", args.findings)))
    print("\n".join(extras.generate_check(work, max(3, args.repeats // 2))))
    sizes = [int(s) for s in args.scaling.split(",") if s.strip()]
    if sizes:
        print()
        print("Scaling: wall time T(n); linear means a flat marginal cost per file:")
        print()
        for line in extras.scaling(work, sizes, max(1, args.repeats // 2)):
            print(line, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--code-files", type=int, default=1_000)
    parser.add_argument("--notebooks", type=int, default=100)
    parser.add_argument("--findings", type=int, default=10_000, help="channels of a wrong type")
    parser.add_argument("--megabytes", type=float, default=5, help="size of that request")
    parser.add_argument("--repeats", type=int, default=5, help="rounds (x4 for the cold file)")
    parser.add_argument("--no-extras", action="store_true", help="the table only")
    parser.add_argument("--scaling", default="1000,10000,50000", help="corpus sizes, or ''")
    args = parser.parse_args()
    precompile()
    work = Path(tempfile.mkdtemp(prefix="automl-objective-bench-"))
    try:
        schema = write_combined_schema(work / "combined.schema.json")
        peers, missing = available_peers()
        corpora = build_corpora(work, args)
        rows, agreement = measure_all(corpora, peers, schema)
        report(rows, peers, agreement, missing)
        if not args.no_extras:
            print_extras(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
