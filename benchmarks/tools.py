"""How each tool is run on a corpus, and how its verdict on each file is read back.

Every peer is given the same combined schema (``combined_schema.py``) and the same files.
YAML files are read by each tool itself: check-jsonschema (ruamel.yaml), ajv-cli (js-yaml)
and sourcemeta read YAML natively; the one-process drivers and the floor read it with PyYAML's
C loader. The Python peers run from their own virtual environment, the Node.js peers from
benchmarks/node_modules (``peers.py``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import peers
from benchmarks.timing import ENV

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
OURS = "automl-objective"
FLOOR = "read + parse floor"
FASTJSONSCHEMA = "fastjsonschema (one process)"
JSONSCHEMA_RS = "jsonschema-rs (one process)"
SOURCEMETA = "sourcemeta `--fast`"
# The table's columns, the order.
PEER_ORDER = ("check-jsonschema", "ajv-cli", FASTJSONSCHEMA, JSONSCHEMA_RS, SOURCEMETA)


@dataclass(frozen=True)
class Corpus:
    key: str
    """the row's label in the table"""
    folder: Path
    names: list[str]
    floor_goal: float | None = None
    """the issue's goal: at most this many times the floor's wall time"""
    rounds: int = 5
    findings_heavy: bool = False
    """a peer that stops at the first error does less here: the table says so"""

    @property
    def list_file(self) -> Path:
        """The names one a line, for the tools that read a list (the floor, the drivers)."""
        path = self.folder / "list"
        if not path.is_file():
            path.write_text("\n".join(self.names), "utf-8")
        return path


@dataclass(frozen=True)
class Tool:
    name: str
    how: str
    """how it is run, for the notes under the table"""
    command: Callable[[Corpus, Path], list[str]]
    """(corpus, schema) -> the command timed"""
    invalid: Callable[[str], set[str]] | None = None
    """its output -> the files it judges invalid (None: it gives no verdict)"""
    verdict_options: list[str] = field(default_factory=list)
    """added to the command for the (untimed) run whose verdicts are read"""
    first_error_only: bool = False


def _lines(pattern: str) -> Callable[[str], set[str]]:
    compiled = re.compile(pattern, re.MULTILINE)
    return lambda output: set(compiled.findall(output))


def _ours_invalid(output: str) -> set[str]:
    report = json.loads(output)
    return {str(f["path"]) for f in report["files"] if not f["valid"]}


def _check_jsonschema_invalid(output: str) -> set[str]:
    report = json.loads(output)
    return {
        str(e["filename"]) for e in [*report.get("errors", []), *report.get("parse_errors", [])]
    }


def data_pattern(corpus: Corpus) -> str:
    """The one glob that names every file of the corpus (ajv-cli expands its own globs)."""
    if len(corpus.names) == 1:
        return corpus.names[0]
    folders = {name.rsplit("/", 1)[0] for name in corpus.names}
    suffixes = sorted({name.rsplit(".", 1)[1] for name in corpus.names})
    if len(folders) != 1 or len(list(corpus.folder.joinpath(*folders).iterdir())) != len(
        corpus.names
    ):
        raise ValueError(f"{corpus.key}: the corpus is not one folder's files")
    either = suffixes[0] if len(suffixes) == 1 else "{" + ",".join(suffixes) + "}"
    return f"{folders.pop()}/*.{either}"


def ours() -> Tool:
    return Tool(
        OURS,
        "`automl-objective validate FILE...` (default options: text output, workers when "
        "the run is large)",
        lambda corpus, _: [str(BIN / OURS), "validate", *corpus.names],
        _ours_invalid,
        ["--format", "json"],
    )


def floor() -> Tool:
    return Tool(
        FLOOR,
        "`benchmarks/floor.py`: read each file and parse it (json.loads, PyYAML's C loader, "
        "ast.parse), in one Python process",
        lambda corpus, _: [sys.executable, str(HERE / "floor.py"), str(corpus.list_file)],
    )


def _driver(engine: str, name: str, how: str, first_error_only: bool) -> Tool:
    return Tool(
        name,
        how,
        lambda corpus, schema: [
            str(peers.PEER_PYTHON),
            str(HERE / "one_process.py"),
            engine,
            str(schema),
            str(corpus.list_file),
        ],
        _lines(r"^(.+)$"),
        first_error_only=first_error_only,
    )


def python_peers() -> list[Tool]:
    check = Tool(
        "check-jsonschema",
        "`check-jsonschema --schemafile SCHEMA FILE...` (reads YAML itself)",
        lambda corpus, schema: [
            str(peers.CHECK_JSONSCHEMA),
            "--schemafile",
            str(schema),
            *corpus.names,
        ],
        _check_jsonschema_invalid,
        ["-o", "json"],
    )
    return [
        check,
        _driver(
            "fastjsonschema",
            FASTJSONSCHEMA,
            "`benchmarks/one_process.py fastjsonschema`: `fastjsonschema.compile` once (its "
            "draft 2019-09 generator: it has none for 2020-12, and the schema uses no keyword "
            "that differs), then each file parsed as the floor parses it and validated; stops "
            "at a document's first error (its only mode)",
            True,
        ),
        _driver(
            "jsonschema-rs",
            JSONSCHEMA_RS,
            "`benchmarks/one_process.py jsonschema-rs`: `jsonschema_rs.Draft202012Validator` "
            "once, then each file parsed as the floor parses it and all its errors collected "
            "(`iter_errors`)",
            False,
        ),
    ]


def node_peers() -> list[Tool]:
    ajv = Tool(
        "ajv-cli",
        "`ajv validate --spec=draft2020 --strict=false --all-errors --errors=text -s SCHEMA "
        '-d "d/*.{json,yaml}"` (expands the glob and reads YAML itself; strict mode off: '
        "it refuses the schema's annotations such as `x-code`)",
        lambda corpus, schema: [
            str(peers.AJV),
            "validate",
            "--spec=draft2020",
            "--strict=false",
            "--all-errors",
            "--errors=text",
            "-s",
            str(schema),
            "-d",
            data_pattern(corpus),
        ],
        _lines(r"^(\S+) invalid$"),
    )
    sourcemeta = Tool(
        SOURCEMETA,
        "`jsonschema validate --fast --continue SCHEMA FILE...` (sourcemeta; reads YAML "
        "itself; fast mode reports the first errors only)",
        lambda corpus, schema: [
            str(peers.SOURCEMETA),
            "validate",
            "--fast",
            "--continue",
            str(schema),
            *corpus.names,
        ],
        _lines(r"^fail: (.+)$"),
        first_error_only=True,
    )
    return [ajv, sourcemeta]


def available_peers() -> tuple[list[Tool], list[str]]:
    """The peers installed, and a line for each group that is not."""
    found: list[Tool] = []
    missing = []
    if peers.python_peers_installed():
        found += python_peers()
    else:
        missing.append("check-jsonschema, fastjsonschema, jsonschema-rs")
    if peers.node_peers_installed():
        found += node_peers()
    else:
        missing.append("ajv-cli, sourcemeta")
    found.sort(key=lambda tool: PEER_ORDER.index(tool.name))
    return found, missing


def invalid_files(tool: Tool, corpus: Corpus, schema: Path) -> set[str]:
    """The files ``tool`` judges invalid (an untimed run whose output is kept)."""
    if tool.invalid is None:
        raise ValueError(f"{tool.name} gives no verdict")
    done = subprocess.run(
        [*tool.command(corpus, schema), *tool.verdict_options],
        cwd=corpus.folder,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    return tool.invalid(done.stdout + "\n" + done.stderr)
