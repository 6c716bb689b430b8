"""Side-by-side benchmark: automl-objective, check-jsonschema and the parse-only floor.

    python benchmarks/run.py [--files 10000] [--repeats 5] [--scaling 1000,10000,50000]

Builds a corpus in a temporary folder (V1 and V2 requests, objective-only files, 10% invalid),
runs each tool on the same file list, alternating runs, and prints the median wall time, the
peak memory (max RSS of the child process) and the ratios the speed targets are stated in.

Every tool runs in the same environment: PYTHONDONTWRITEBYTECODE is removed and the
installed packages are byte-compiled first, as they are in a normal pip install, so no tool
pays for compiling its own modules on each run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "automl_job_objective.schema.json"
BIN = Path(sys.executable).parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ROLE = "arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole"

FLOOR = (
    "import json, sys\n"
    "for name in open(sys.argv[1]).read().split():\n"
    "    with open(name, 'rb') as handle:\n"
    "        json.loads(handle.read())\n"
)


def _v1(problem_type: str, metric: str) -> dict[str, Any]:
    return {
        "AutoMLJobName": "bench-v1",
        "InputDataConfig": [
            {
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
                "TargetAttributeName": "label",
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "ProblemType": problem_type,
        "AutoMLJobObjective": {"MetricName": metric},
        "RoleArn": ROLE,
    }


def _v2(config: str, body: dict[str, Any], metric: str | None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "AutoMLJobName": "bench-v2",
        "AutoMLJobInputDataConfig": [
            {
                "ChannelType": "training",
                "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
            }
        ],
        "OutputDataConfig": {"S3OutputPath": "s3://b/out/"},
        "AutoMLProblemTypeConfig": {config: body},
        "RoleArn": ROLE,
    }
    if metric is not None:
        document["AutoMLJobObjective"] = {"MetricName": metric}
    return document


VALID = [
    _v1("Regression", "RMSE"),
    _v1("BinaryClassification", "AUC"),
    _v1("MulticlassClassification", "F1macro"),
    _v2("TabularJobConfig", {"TargetAttributeName": "y", "ProblemType": "Regression"}, "MAE"),
    _v2("TabularJobConfig", {"TargetAttributeName": "y"}, None),
    _v2("ImageClassificationJobConfig", {}, "Accuracy"),
    _v2("TextClassificationJobConfig", {"ContentColumn": "t", "TargetLabelColumn": "l"}, None),
    _v2(
        "TimeSeriesForecastingJobConfig",
        {
            "ForecastFrequency": "1D",
            "ForecastHorizon": 14,
            "TimeSeriesConfig": {
                "TargetAttributeName": "demand",
                "TimestampAttributeName": "ts",
                "ItemIdentifierAttributeName": "item",
            },
        },
        "WAPE",
    ),
    {"MetricName": "F1"},
    {"MetricName": "AverageWeightedQuantileLoss"},
]
INVALID = [
    _v1("Regression", "AUC"),
    _v1("MulticlassClassification", "F1"),
    _v2("ImageClassificationJobConfig", {}, "F1"),
    _v2("TabularJobConfig", {"TargetAttributeName": "y"}, "MSE"),
    {"MetricName": "F1Macro"},
]


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = document
    for token in path[:-1]:
        node = node[token] if isinstance(node, list) else node.setdefault(token, {})
    last: Any = path[-1]
    node[last] = value


# Mistakes of every kind (a finding code each), applied several to a file in the mostly
# invalid corpus: (the members the document must have, the edit).
MISTAKES: list[tuple[str, Any]] = [
    ("AutoMLJobObjective", lambda d: _set(d, ("AutoMLJobObjective", "MetricName"), "F1Macro")),
    ("AutoMLJobObjective", lambda d: _set(d, ("AutoMLJobObjective", "MetricName"), "Perplexity")),
    ("AutoMLJobObjective", lambda d: _set(d, ("AutoMLJobObjective", "Direction"), "Max")),
    ("ProblemType", lambda d: _set(d, ("ProblemType",), "Regresion")),
    ("ProblemType", lambda d: d.pop("AutoMLJobObjective", None)),
    ("AutoMLJobName", lambda d: _set(d, ("AutoMLJobName",), "bench_with_underscore")),
    ("AutoMLJobName", lambda d: d.pop("RoleArn")),
    ("AutoMLJobName", lambda d: _set(d, ("RoleARN",), ROLE)),
    ("AutoMLJobName", lambda d: _set(d, ("OutputDataConfig",), "s3://b/out/")),
    ("InputDataConfig", lambda d: _set(d, ("InputDataConfig", 0, "ChannelType"), "train")),
    ("AutoMLJobInputDataConfig", lambda d: _set(d, ("AutoMLJobInputDataConfig", 0, "X"), 1)),
    (
        "AutoMLProblemTypeConfig",
        lambda d: _set(d, ("AutoMLProblemTypeConfig", "TabularConfig"), {}),
    ),
    ("AutoMLProblemTypeConfig", lambda d: _set(d, ("AutoMLJobObjective",), {"MetricName": "R2"})),
    ("AutoMLProblemTypeConfig", lambda d: _set(d, ("AutoMLJobConfig",), {"Mode": "FAST"})),
    ("MetricName", lambda d: _set(d, ("MetricName",), 5)),
    ("MetricName", lambda d: _set(d, ("Extra",), True)),
]


def _broken(rng: random.Random, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with two to four mistakes that fit it."""
    broken: dict[str, Any] = json.loads(json.dumps(document))
    fitting = [edit for member, edit in MISTAKES if member in document]
    for edit in rng.sample(fitting, min(len(fitting), rng.randint(2, 4))):
        edit(broken)
    return broken


def build_corpus(folder: Path, count: int, seed: int = 7, invalid: float = 0.1) -> list[str]:
    """``count`` JSON files (10% invalid, or the ``invalid`` share: those of the mostly
    invalid corpus hold several mistakes each); returns their paths relative to ``folder``."""
    rng = random.Random(seed)
    names = []
    (folder / "d").mkdir(parents=True, exist_ok=True)
    for index in range(count):
        if invalid == 0.1:
            document = rng.choice(INVALID if index % 10 == 9 else VALID)
        elif rng.random() < invalid:
            document = _broken(rng, rng.choice(VALID))
        else:
            document = rng.choice(VALID)
        name = f"d/{index:06d}.json"
        (folder / name).write_text(json.dumps(document, indent=2) + "\n")
        names.append(name)
    return names


@dataclass
class Measure:
    wall: float
    rss_mb: float
    code: int


TIME = "/usr/bin/time"


def measure(command: Sequence[str], cwd: Path) -> Measure:
    """Wall time, peak RSS and exit code of one run.

    The peak comes from GNU time, which forks the tool from its own small process: a child
    spawned straight from this harness reports the harness's own peak (Linux keeps the
    memory high-water mark of the process image an exec replaces, and Python spawns with
    vfork), so every tool measured about the same.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        wrapped = [TIME, "-f", "%M %x", "-o", report.name, *command]
        start = time.perf_counter()
        subprocess.run(
            wrapped, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wall = time.perf_counter() - start
        kilobytes, code = report.read().split()[-2:]
    return Measure(wall, int(kilobytes) / 1024, int(code))


def alternate(commands: dict[str, list[str]], cwd: Path, repeats: int) -> dict[str, Measure]:
    """Run the commands in turn, ``repeats`` rounds; the median wall time and max RSS each."""
    seen: dict[str, list[Measure]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            seen[name].append(measure(command, cwd))
    return {
        name: Measure(
            statistics.median(m.wall for m in runs),
            max(m.rss_mb for m in runs),
            runs[-1].code,
        )
        for name, runs in seen.items()
    }


def precompile() -> None:
    """Byte-compile what the tools import, as a pip install does."""
    import compileall
    import sysconfig

    for folder in {
        sysconfig.get_paths()["purelib"],
        str(ROOT / "src"),
        str(ROOT / "generator"),
        str(ROOT / "generated"),
    }:
        compileall.compile_dir(folder, quiet=2)


def tools(list_file: Path, names: list[str], jobs: int | None = None) -> dict[str, list[str]]:
    ours = [str(BIN / "automl-objective"), "validate", *names]
    if jobs is not None:
        ours[2:2] = ["--jobs", str(jobs)]
    return {
        "automl-objective": ours,
        "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *names],
        "parse-only floor": [sys.executable, "-c", FLOOR, str(list_file)],
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def target(label: str, ratio: float, against: str, limit: float) -> str:
    return f"{label}: {ratio:.2f}x {against} (target <= {limit}x): {verdict(ratio <= limit)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--findings", type=int, default=10_000, help="findings in one request")
    parser.add_argument("--scaling", default="1000,10000,50000", help="corpus sizes, or ''")
    args = parser.parse_args()
    precompile()
    work = Path(tempfile.mkdtemp(prefix="automl-objective-bench-"))
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    try:
        say(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}")
        one = work / "one"
        one_names = build_corpus(one, 1)
        (one / "list").write_text("\n".join(one_names))
        cold = alternate(tools(one / "list", one_names), one, args.repeats * 2)
        many = work / "many"
        names = build_corpus(many, args.files)
        (many / "list").write_text("\n".join(names))
        bulk = alternate(tools(many / "list", names), many, args.repeats)

        mostly = work / "mostly-invalid"
        mostly_names = build_corpus(mostly, args.files, invalid=0.7)
        (mostly / "list").write_text("\n".join(mostly_names))
        broken = alternate(tools(mostly / "list", mostly_names), mostly, args.repeats)

        say()
        say(f"{'run':<34} {'median wall':>12} {'peak RSS':>10}")
        corpora = (
            ("1 file", cold),
            (f"{args.files} files", bulk),
            (f"{args.files} files, 70% invalid", broken),
        )
        for label, results in corpora:
            for tool, m in results.items():
                say(f"{label + ': ' + tool:<34} {m.wall * 1000:>9.1f} ms {m.rss_mb:>7.1f} MB")
        ours, peer, floor = (
            bulk[k] for k in ("automl-objective", "check-jsonschema", "parse-only floor")
        )
        r1 = cold["automl-objective"].wall / cold["check-jsonschema"].wall
        r2 = ours.wall / peer.wall
        r3 = ours.wall / floor.wall
        b_ours, b_peer, b_floor = (
            broken[k] for k in ("automl-objective", "check-jsonschema", "parse-only floor")
        )
        say()
        say(target("1. one file, cold start", r1, "check-jsonschema", 0.2))
        say(target(f"2. {args.files} files (10% invalid)", r2, "check-jsonschema", 0.3))
        say(target(f"   {args.files} files (10% invalid)", r3, "the parse-only floor", 2))
        r5 = b_ours.wall / b_peer.wall
        r6 = b_ours.wall / b_floor.wall
        say(target(f"   {args.files} files (70% invalid)", r5, "check-jsonschema", 0.2))
        say(target(f"   {args.files} files (70% invalid)", r6, "the parse-only floor", 3))
        say(
            f"3. peak memory: {ours.rss_mb:.1f} MB vs check-jsonschema {peer.rss_mb:.1f} MB: "
            f"{verdict(ours.rss_mb <= peer.rss_mb)}"
        )

        say("   per document, in one process:")
        for line in per_document(many, names):
            say(line)
        say("   per document, 70% invalid corpus:")
        for line in per_document(mostly, mostly_names):
            say(line)
        for line in findings_heavy(work, args.findings):
            say(line)

        check = alternate(
            {
                "generate --check": [str(BIN / "automl-objective"), "generate", "--check"],
                "datamodel-codegen alone": [
                    str(BIN / "datamodel-codegen"),
                    "--input",
                    str(SCHEMA),
                    "--input-file-type",
                    "jsonschema",
                    "--output-model-type",
                    "pydantic_v2.BaseModel",
                    "--formatters",
                    "builtin",
                    "--output",
                    str(work / "dmcg.py"),
                ],
            },
            ROOT,
            max(3, args.repeats // 2),
        )
        r4 = check["generate --check"].wall / check["datamodel-codegen alone"].wall
        for tool, m in check.items():
            say(f"   {tool:<31} {m.wall * 1000:>9.1f} ms")
        say(target("4. generate --check", r4, "datamodel-codegen alone", 2))

        sizes = [int(s) for s in args.scaling.split(",") if s.strip()]
        if sizes:
            say("5. scaling: wall time T(n) for n files; linear means the marginal cost per file")
            say("   between sizes stays flat (the fixed start-up cost is paid once):")
            previous: tuple[int, float] | None = None
            for size in sizes:
                folder = work / f"scale{size}"
                build_corpus(folder, size)
                runs = alternate(
                    {
                        "auto": [str(BIN / "automl-objective"), "validate", "d"],
                        "one": [str(BIN / "automl-objective"), "validate", "--jobs", "1", "d"],
                    },
                    folder,
                    max(1, args.repeats // 2),
                )
                wall = runs["auto"].wall
                marginal = ""
                if previous is not None:
                    per_file = (wall - previous[1]) / (size - previous[0]) * 1e6
                    marginal = f", marginal {per_file:5.1f} us/file"
                say(
                    f"   {size:>6} files: {wall * 1000:8.1f} ms (--jobs 1: "
                    f"{runs['one'].wall * 1000:8.1f} ms){marginal}"
                )
                previous = (size, wall)
            same = _same_output(work / f"scale{sizes[-1]}")
            say(f"   output with --jobs 1 and --jobs {os.cpu_count()} identical: {same}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def per_document(folder: Path, names: list[str]) -> list[str]:
    """In-process costs per document, for the README's breakdown: reading and parsing, the
    compiled checks passing a clean document, and explaining one they do not pass."""
    from automl_objective.documents import load_path
    from automl_objective.validation import default_checker

    paths = [str(folder / name) for name in names]
    checker = default_checker()

    def timed(run: Any, count: int) -> float:
        start = time.perf_counter()
        run()
        return (time.perf_counter() - start) / max(count, 1) * 1e6

    documents = [load_path(path) for path in paths]
    clean = [d for d in documents if checker.clean_result(d) is not None]
    unclean = [d for d in documents if checker.clean_result(d) is None]
    for document in unclean[:20]:  # build the validators before timing
        checker.validate(document)
    floor = timed(lambda: [json.loads(Path(p).read_bytes()) for p in paths], len(paths))
    load = timed(lambda: [load_path(path) for path in paths], len(paths))
    quick = timed(lambda: [checker.clean_result(d) for d in clean], len(clean))
    explain = timed(lambda: [checker.validate(d) for d in unclean], len(unclean))
    return [
        f"   read + json.loads (the floor's work): {floor:6.1f} us",
        f"   read + strict parse (ours):           {load:6.1f} us",
        f"   compiled checks, clean document:     {quick:6.1f} us",
        f"   explaining an invalid one:            {explain:6.1f} us "
        f"({len(unclean) / len(documents):.0%} of the corpus: "
        f"{explain * len(unclean) / len(documents):.1f} us a document on average)",
    ]


def findings_heavy(folder: Path, count: int) -> list[str]:
    """One request with ``count`` findings (every input channel of a wrong type), checked in
    process: locating and sorting out findings must cost linear time, not quadratic."""
    from automl_objective.documents import load_path
    from automl_objective.validation import default_checker

    channel = {
        "ChannelType": "bogus",
        "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/t/"}},
    }
    request = _v2("TabularJobConfig", {"TargetAttributeName": "y"}, None)
    lines = []
    checker = default_checker()
    for size in sorted({max(1, count // 10), count}):
        request["AutoMLJobInputDataConfig"] = [dict(channel) for _ in range(size)]
        path = folder / f"heavy-{size}.json"
        path.write_text(json.dumps(request, indent=2))
        document = load_path(path)
        checker.validate(load_path(folder / "one" / "d" / "000000.json"))  # validators built
        start = time.perf_counter()
        result = checker.validate(document)
        wall = (time.perf_counter() - start) * 1000
        lines.append(
            f"   findings-heavy request ({path.stat().st_size / 1024:,.0f} KB): "
            f"{len(result.findings):,} findings: {wall:,.0f} ms "
            f"({wall / max(len(result.findings), 1) * 1000:.0f} us a finding)"
        )
    return lines


def _same_output(folder: Path) -> bool:
    outputs = []
    for jobs in ("1", str(os.cpu_count() or 1)):
        done = subprocess.run(
            [str(BIN / "automl-objective"), "validate", "--format", "json", "--jobs", jobs, "d"],
            cwd=folder,
            env=ENV,
            capture_output=True,
            check=False,
        )
        outputs.append(done.stdout)
    return outputs[0] == outputs[1]


if __name__ == "__main__":
    sys.exit(main())
