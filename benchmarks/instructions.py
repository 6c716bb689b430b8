"""Instructions, not seconds: callgrind's count for each corpus, ours beside the floor's.

    python -m benchmarks.instructions [--cases cold,10%,70%,5MB,code] [--no-floor] [--keep DIR]

Wall time moves with the machine's load; an instruction count does not (the same binary,
inputs and environment give the same total, whatever else runs). The speed work of issue 21
is measured with this between wall-clock runs of ``benchmarks.run``: the same command line as
the benchmark's (``automl-objective validate FILE...``, from the corpus's folder), on the
first 1,000 files of each 10,000-file corpus (the corpora are seeded, so they are the same
files), the cold file, the 5 MB file and the Python files and notebooks; the floor is
``benchmarks/floor.py`` on the same files. ``PYTHONHASHSEED=0`` fixes the hash seed and the
bytecode is compiled first, so that two runs of the same code count the same. Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpora import build_code, build_documents, build_findings_heavy
from benchmarks.run import YAML_SHARE, precompile

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor.py"
OURS = Path(sys.executable).with_name("automl-objective")
COLLECTED = re.compile(rb"Collected : (\d+)")

CASES: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    "cold": ("one small file, cold", lambda folder: build_documents(folder, 1)),
    "10%": (
        "1,000 files, 10% invalid",
        lambda folder: build_documents(folder, 1000, invalid=0.1, yaml_share=YAML_SHARE),
    ),
    "70%": (
        "1,000 files, 70% invalid",
        lambda folder: build_documents(folder, 1000, invalid=0.7, yaml_share=YAML_SHARE),
    ),
    "5MB": ("one 5 MB file, 10,001 findings", build_findings_heavy),
    "code": ("1,000 Python files, 100 notebooks", build_code),
}


def count(command: list[str], folder: Path, out: Path) -> int:
    """The instructions ``command`` runs, counted by callgrind from ``folder``."""
    environment = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
        cwd=folder,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {command[0]}: {done.stderr[-300:]!r}")
    return int(found.group(1))


def measure(keys: list[str], work: Path, floor: bool) -> list[str]:
    """A Markdown table of the counts, in millions."""
    lines = ["| case | automl-objective | floor | ours / floor |", "| --- | --- | --- | --- |"]
    for key in keys:
        label, build = CASES[key]
        folder = work / key.replace("%", "pc")
        names = build(folder)
        ours = count([str(OURS), "validate", *names], folder, folder / "ours.callgrind")
        if floor:
            listing = folder / "names.txt"
            listing.write_text("\n".join(names), "utf-8")
            base = count([sys.executable, str(FLOOR), str(listing)], folder, folder / "floor.cg")
            lines.append(
                f"| {label} | {ours / 1e6:,.1f} M | {base / 1e6:,.1f} M | {ours / base:.2f}x |"
            )
        else:
            lines.append(f"| {label} | {ours / 1e6:,.1f} M | | |")
        print(lines[-1], file=sys.stderr, flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    listed = ", ".join(CASES).replace("%", "%%")  # argparse formats help with %
    parser.add_argument("--cases", default=",".join(CASES), help=f"of {listed}")
    parser.add_argument("--no-floor", action="store_true", help="count ours only")
    parser.add_argument("--keep", type=Path, help="build the corpora and keep the counts here")
    args = parser.parse_args()
    keys = args.cases.split(",")
    if unknown := [key for key in keys if key not in CASES]:
        parser.error(f"unknown cases {unknown}: choose from {', '.join(CASES)}")
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not on PATH")
    precompile()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        lines = measure(keys, args.keep, not args.no_floor)
    else:
        with tempfile.TemporaryDirectory() as work:
            lines = measure(keys, Path(work), not args.no_floor)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
