"""This repository's composite action (action.yml), run step by step as GitHub Actions runs it:
inputs and their defaults, `${{ }}` expressions in `env:` and `if:`, step outputs through
$GITHUB_OUTPUT, bash with `-eo pipefail`, the first failing step ending the run. Only the
expressions the action uses are understood (a context value, `a || b`, `x == ''`); anything
else is an error, so the action cannot grow an expression this runner would misread. A `uses:`
step that would run is recorded and ends the run (nothing here can fetch an action)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.support.offline_install import bash
from tests.support.paths import ROOT

ACTION = ROOT / "action.yml"
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_CONTEXT = re.compile(r"(inputs\.[\w-]+|github\.action_path|steps\.[\w-]+\.outputs\.[\w-]+)")


def action(typed: bool = False) -> dict[str, Any]:
    """action.yml with every scalar a string, as the runner passes inputs and env; ``typed``:
    with booleans and numbers, as GitHub's schema reads it (the file holds none of the words
    YAML 1.1 and 1.2 read differently, `on` or `yes`, unquoted)."""
    loader = yaml.SafeLoader if typed else yaml.BaseLoader
    document: dict[str, Any] = yaml.load(ACTION.read_text("utf-8"), Loader=loader)
    return document


@dataclass
class ActionRun:
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)  # by step id
    ran: list[tuple[str, subprocess.CompletedProcess[str]]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    would_use: tuple[str, dict[str, str]] | None = None  # a `uses:` step that would run
    failed: str | None = None  # the name of the step that failed
    action_outputs: dict[str, str] = field(default_factory=dict)

    @property
    def stdout(self) -> str:
        return "".join(done.stdout for _, done in self.ran)

    @property
    def stderr(self) -> str:
        return "".join(done.stderr for _, done in self.ran)


class _Context:
    def __init__(self, inputs: dict[str, str], action_path: Path, run: ActionRun) -> None:
        self.inputs, self.action_path, self.run = inputs, action_path, run

    def value(self, name: str) -> str:
        assert _CONTEXT.fullmatch(name), f"expression not understood: {name!r}"
        kind, _, rest = name.partition(".")
        if kind == "inputs":
            return self.inputs[rest]
        if kind == "github":
            return str(self.action_path)
        step, _, output = rest.partition(".outputs.")
        return self.run.outputs.get(step, {}).get(output, "")

    def evaluate(self, expression: str) -> str:
        """``a`` or ``a || b || ...``: the first that is not empty."""
        values = [self.value(part.strip()) for part in expression.split("||")]
        return next((value for value in values if value), "")

    def substitute(self, text: str) -> str:
        return _EXPRESSION.sub(lambda match: self.evaluate(match.group(1)), text)

    def condition(self, text: str) -> bool:
        expression = _EXPRESSION.fullmatch(text.strip())
        left, equals, right = (expression.group(1) if expression else text).partition("==")
        assert equals and right.strip() == "''", f"condition not understood: {text!r}"
        return self.value(left.strip()) == ""


def _read_outputs(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    lines = path.read_text("utf-8").splitlines()
    assert all("=" in line and "<<" not in line for line in lines), lines
    return dict(line.split("=", 1) for line in lines)


def run_action(
    workspace: Path,
    inputs: dict[str, str],
    env: dict[str, str],
    action_path: Path,
    temp: Path,
    steps: list[str] | None = None,
    outputs: dict[str, dict[str, str]] | None = None,
) -> ActionRun:
    """Run the action's steps (those whose id is in ``steps``, if given, with ``outputs`` as
    the earlier steps' outputs) in ``workspace``, as a job in that repository would."""
    document = action()
    declared = document["inputs"]
    unexpected = set(inputs) - set(declared)
    assert not unexpected, f"inputs the action does not declare: {unexpected}"
    given = {name: inputs.get(name, spec.get("default", "")) for name, spec in declared.items()}
    run = ActionRun(outputs=dict(outputs or {}))
    context = _Context(given, action_path, run)
    temp.mkdir(parents=True, exist_ok=True)
    for index, step in enumerate(document["runs"]["steps"]):
        name, step_id = step.get("name", f"step {index}"), step.get("id", f"step-{index}")
        if steps is not None and step_id not in steps:
            continue
        if "if" in step and not context.condition(step["if"]):
            run.skipped.append(name)
            continue
        if "uses" in step:
            run.would_use = (
                step["uses"],
                {k: context.substitute(v) for k, v in step["with"].items()},
            )
            return run
        output_file = temp / f"output-{step_id}"
        output_file.unlink(missing_ok=True)
        step_env = {
            **env,
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_ACTION_PATH": str(action_path),
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_ACTIONS": "true",
            "RUNNER_TEMP": str(temp),
            **{key: context.substitute(value) for key, value in step.get("env", {}).items()},
        }
        assert step["shell"] == "bash"
        done = bash(step["run"], cwd=workspace, env=step_env)
        run.ran.append((name, done))
        run.outputs[step_id] = _read_outputs(output_file)
        if done.returncode != 0:
            run.failed = name
            break
    run.action_outputs = {
        name: context.substitute(spec["value"]) for name, spec in document["outputs"].items()
    }
    return run
