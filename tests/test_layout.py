"""The layout tells the truth: the runtime stands alone, the generator builds on it, and the
runtime's modules import each other in one direction only."""

from __future__ import annotations

import ast
import graphlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "src" / "automl_objective"
GENERATOR = ROOT / "generator" / "automl_objective_codegen"
GENERATED = ROOT / "generated" / "automl_objective_generated"


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


def _package_modules(folder: Path) -> dict[str, Path]:
    return {path.stem: path for path in folder.rglob("*.py")}


def test_runtime_modules_import_each_other_without_a_cycle() -> None:
    modules = _package_modules(RUNTIME)
    graph = {
        name: {
            target.split(".")[1]
            for target, _ in _imports(path)
            if target.startswith("automl_objective.") and target.split(".")[1] in modules
        }
        - {name}
        for name, path in modules.items()
    }
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError naming the circle


def test_the_runtime_never_imports_the_generator_except_the_cli_on_demand() -> None:
    for name, path in _package_modules(RUNTIME).items():
        for target, function in _imports(path):
            if target.split(".")[0] in ("automl_objective_codegen", "jinja2"):
                assert name == "cli", f"{path.name} imports {target}"
                assert isinstance(function, ast.FunctionDef), "only inside a command's function"
                assert function.name in ("run_generate", "run_sync", "_codegen"), function.name


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
    own words live in cli.py."""
    for path in RUNTIME.glob("*.py"):
        if path.name != "cli.py":
            flagged = [s for s in _strings_outside_docstrings(path) if _FLAG.search(s)]
            assert flagged == [], path.name
