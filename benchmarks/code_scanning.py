"""Cost of checking hostile and large Python files: wall time and peak memory.

    python -m benchmarks.code_scanning [--size 9800000] [--repeats 1]

Builds each input in a temporary folder and runs ``automl-objective validate`` on it under
GNU time (as ``run.py`` measures), printing the wall time, the peak RSS and the first line
of output. The shapes are the ones that cost exponential time or gigabytes before: names
bound to dicts that refer to each other, a call with a long literal, dense code, a million
bindings, many mid-sized dicts, ordinary code.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.run import precompile
from benchmarks.timing import ENV, measure
from benchmarks.tools import BIN

CALL = (
    'sm.create_auto_ml_job(ProblemType="Regression",'
    ' AutoMLJobObjective={"MetricName": "AUC"}, **k)\n'
)


def doubling(levels: int) -> str:
    lines = ['a0 = {"Key": "k", "Value": "v"}']
    lines += [f'a{i} = {{"x": a{i - 1}, "y": a{i - 1}}}' for i in range(1, levels + 1)]
    lines.append(f'sm.create_auto_ml_job(ProblemType="Regression", Tags=a{levels})')
    return "\n".join(lines) + "\n"


def long_literal(size: int) -> str:
    item = '{"Key": "k", "Value": "v"}, '
    return CALL.replace("**k", "Tags=[" + item * (size // len(item)) + "]")


def dense(size: int) -> str:
    return CALL + "x = [" + "1, " * (size // 3) + "]\n"


def bindings(size: int) -> str:
    lines: list[str] = []
    total = 0
    while total < size - 200:
        lines.append(f"a{len(lines)} = {len(lines)}\n")
        total += len(lines[-1])
    return "".join(lines) + CALL.replace('"AUC"', "a5")


def dicts(size: int) -> str:
    entries = ", ".join(f'"k{j}": [{j}, {j + 1}, "v{j}"]' for j in range(40))
    line = "cfg{0} = {{" + entries + "}}\n"
    count = size // len(line.format(0))
    body = [line.format(i) for i in range(count)]
    body += [CALL.replace("**k", f"Tags=[cfg{i}], **k") for i in range(0, count, 50)]
    return "".join(body)


def ordinary(size: int) -> str:
    import _pydecimal

    text = Path(_pydecimal.__file__).read_text(encoding="utf-8")
    return text * max(1, size // len(text)) + CALL


def shapes(size: int) -> dict[str, Callable[[], str]]:
    return {
        "names doubling a dict, 20 levels": lambda: doubling(20),
        "names doubling a dict, 40 levels": lambda: doubling(40),
        "a call with a 1 MB literal": lambda: long_literal(1_000_000),
        f"a call with a {size / 1e6:.1f} MB literal": lambda: long_literal(size),
        f"dense code, {size / 1e6:.1f} MB": lambda: dense(size),
        f"a million bindings, {size / 1e6:.1f} MB": lambda: bindings(size),
        f"mid-sized dicts and calls, {size / 1e6:.1f} MB": lambda: dicts(size),
        "ordinary code, 1 MB": lambda: ordinary(1_000_000),
        f"ordinary code, {size / 1e6:.1f} MB": lambda: ordinary(size),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=9_800_000, help="bytes of the large inputs")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--skip", default="", help="leave out the shapes whose label has this")
    args = parser.parse_args()
    precompile()
    work = Path(tempfile.mkdtemp(prefix="automl-objective-code-bench-"))
    try:
        for label, build in shapes(args.size).items():
            if args.skip and args.skip in label:
                continue
            path = work / "input.py"
            path.write_text(build(), encoding="utf-8")
            command = [str(BIN / "automl-objective"), "validate", path.name]
            runs = [measure(command, work) for _ in range(args.repeats)]
            wall = min(run.wall for run in runs)
            peak = max(run.rss_mib for run in runs)
            first = subprocess.run(command, cwd=work, env=ENV, capture_output=True, text=True)
            said = first.stdout.splitlines()[0] if first.stdout else ""
            print(f"{label:<40} {wall:7.2f} s {peak:8.1f} MiB {said[:70]}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
