"""The layout tells the truth: the runtime stands alone, the generator builds on it, and the
runtime's stages import each other in one direction only, without a cycle:

    base  <-  inputs  <-  check  <-  report        (check reads only inputs' leaves)
                 ^          ^
              runner, whole_documents  <-  api  <-  botocore_hook, lsp  <-  cli  <-  __main__
"""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

from tests.support.paths import ROOT

RUNTIME = ROOT / "src" / "automl_objective"
GENERATOR = ROOT / "generator" / "automl_objective_codegen"
GENERATED = ROOT / "generated" / "automl_objective_generated"

FLOORS = {
    "": 0,  # the package's own __init__: its version, nothing imported
    "base": 0,
    "worker_pool": 0,  # forked workers and their pipes: imports nothing of the package
    "inputs": 1,
    "check": 2,
    "report": 3,
    "runner": 4,
    "whole_documents": 4,
    "api": 5,
    "botocore_hook": 6,
    "lsp": 6,
    "cli": 7,
    "__main__": 8,
}
"""Each stage's floor: a module imports its own stage and the floors below it, never above."""
INPUT_LEAVES = {"inputs.document", "inputs.positions"}
"""What check/ may read of inputs/: the parsed document and its positions, not a reader."""
ENTRY_POINTS = {"api", "cli", "botocore_hook", "lsp"}


def _imports(path: Path) -> list[tuple[str, ast.AST | None]]:
    """Every module ``path`` imports, module level or inside a function, with the function."""
    found: list[tuple[str, ast.AST | None]] = []

    def visit(node: ast.AST, function: ast.AST | None) -> None:
        for child in ast.iter_child_nodes(node):
            inside = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, function))
                found.extend((f"{child.module}.{a.name}", function) for a in child.names)
            elif isinstance(child, ast.Import):
                found.extend((a.name, function) for a in child.names)
            visit(child, inside or function)

    visit(ast.parse(path.read_text("utf-8")), None)
    return found


def _runtime_modules() -> dict[str, Path]:
    """Every runtime module by its name under automl_objective (``inputs.registry``; a
    package by its folder's name, the top package as "")."""
    modules = {}
    for path in RUNTIME.rglob("*.py"):
        parts = path.relative_to(RUNTIME).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _runtime_graph() -> dict[str, set[str]]:
    """module -> the runtime modules it imports (``from pkg import module`` names the module;
    ``from module import name`` the module)."""
    modules = _runtime_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for target, _ in _imports(path):
            if target == "automl_objective" or target.startswith("automl_objective."):
                inner = target.removeprefix("automl_objective").removeprefix(".")
                while inner not in modules:
                    inner = inner.rpartition(".")[0]
                targets.add(inner)
        graph[name] = targets - {name}
    return graph


def _stage(module: str) -> str:
    return module.split(".")[0]


def test_the_runtime_is_in_stage_folders() -> None:
    stages = {_stage(module) for module in _runtime_modules()}
    assert stages == set(FLOORS)


def test_runtime_modules_import_each_other_without_a_cycle() -> None:
    graphlib.TopologicalSorter(_runtime_graph()).prepare()  # raises CycleError naming it


def test_each_stage_imports_only_its_own_and_the_stages_below() -> None:
    upward = [
        f"{module} -> {target}"
        for module, targets in _runtime_graph().items()
        for target in targets
        if _stage(target) != _stage(module) and FLOORS[_stage(target)] >= FLOORS[_stage(module)]
    ]
    assert upward == []


def test_inputs_never_imports_check_report_or_the_entry_points() -> None:
    for module, targets in _runtime_graph().items():
        if _stage(module) == "inputs":
            assert {_stage(t) for t in targets} <= {"inputs", "base"}, module


def test_check_reads_only_the_leaves_of_inputs_and_never_report_or_the_cli() -> None:
    for module, targets in _runtime_graph().items():
        if _stage(module) == "check":
            assert {_stage(t) for t in targets} <= {"check", "base", "inputs"}, module
            assert {t for t in targets if _stage(t) == "inputs"} <= INPUT_LEAVES, module


def test_report_never_imports_the_cli() -> None:
    for module, targets in _runtime_graph().items():
        if _stage(module) == "report":
            assert not {_stage(t) for t in targets} & {"cli", "api", "runner"}, module


def test_nothing_below_imports_an_entry_point() -> None:
    importers = {
        (module, _stage(target))
        for module, targets in _runtime_graph().items()
        for target in targets
        if _stage(target) in ENTRY_POINTS and _stage(target) != _stage(module)
    }
    # The language server reads only the API, and the command line starts it.
    lsp_reads_the_api = {(m, "api") for m, _ in importers if m.startswith("lsp.")}
    assert importers - lsp_reads_the_api == {
        ("botocore_hook", "api"),
        ("cli.resolve", "api"),
        ("cli.validate", "api"),
        ("cli.lsp", "lsp"),
        ("__main__", "cli"),
    }


def test_the_runtime_never_imports_the_generator_except_the_cli_on_demand() -> None:
    for name, path in _runtime_modules().items():
        for target, function in _imports(path):
            if target.split(".")[0] in ("automl_objective_codegen", "jinja2"):
                assert name == "cli.codegen", f"{name} imports {target}"
                assert isinstance(function, ast.FunctionDef), "only inside a command's function"
                assert function.name in ("run_generate", "run_sync"), function.name


def test_generated_code_imports_neither_the_generator_nor_its_tools() -> None:
    for path in GENERATED.rglob("*.py"):
        for target, _ in _imports(path):
            assert target.split(".")[0] not in ("automl_objective_codegen", "jinja2")


def test_the_generator_builds_on_the_runtime() -> None:
    imported = {t.split(".")[0] for p in GENERATOR.rglob("*.py") for t, _ in _imports(p)}
    assert "automl_objective" in imported


_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _strings_outside_docstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]


def test_library_messages_never_name_a_command_line_flag() -> None:
    """The library is used from Python too, where `--max-bytes` means nothing; the CLI's
    own words live in cli/."""
    modules = _runtime_modules()
    assert len(modules) > 40  # the walk found the code
    for name, path in modules.items():
        if _stage(name) != "cli":
            flagged = [s for s in _strings_outside_docstrings(path) if _FLAG.search(s)]
            assert flagged == [], name


TESTS = ROOT / "tests"
_NOT_TESTS = ("fixtures", "node_modules", "corpus", "java_oracle", "sdk_oracle")


def _test_files() -> list[Path]:
    return [
        path
        for path in TESTS.rglob("*.py")
        if not set(path.relative_to(TESTS).parts) & set(_NOT_TESTS)
    ]


def test_no_test_module_imports_another_and_shared_helpers_live_in_support() -> None:
    """A helper two test modules share is in tests/support/, not in one of them."""
    imported = {
        f"{path.relative_to(TESTS)} -> {target}"
        for path in _test_files()
        for target, _ in _imports(path)
        if any(part.startswith("test_") for part in target.split(".")[:-1])
        or target.rsplit(".", 1)[-1].startswith("test_")
    }
    assert imported == set()


def test_the_project_root_is_defined_once() -> None:
    defined = [
        path.relative_to(TESTS).as_posix()
        for path in _test_files()
        if re.search(r"^ROOT = ", path.read_text("utf-8"), re.MULTILINE)
    ]
    assert defined == ["support/paths.py"]
