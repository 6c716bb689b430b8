"""Hostile text for what generate renders, and what a generated module can run: the
generator's guarantee that schema or documentation text never becomes code."""

from __future__ import annotations

import ast
from pathlib import Path


def hostile(canary: Path) -> list[str]:
    """Strings that run code (touch ``canary``) if pasted unescaped into a template."""
    touch = f"__import__('pathlib').Path({str(canary)!r}).touch()"
    return [
        f'MSE"""\n{touch}\n"""',
        f"x'''\n{touch}\n'''",
        f'"; {touch}; "',
        f"\\\n{touch}",
        f'\\"""\n{touch}  # \\',
        f"a\r{touch}",
        f"b\u2028{touch}\u2029",
        "{{ 7 * 7 }} {% raw %} {#",
        "</script><script>alert(1)</script> <b onclick='x'>&amp;",
        "` | ``` * _[x](javascript:alert(1)) -->",
        f"\u202e{touch}\u00e9\U0001f600",
    ]


def used_names(source: str) -> set[str]:
    """What a module can run: the names it loads, attributes it reads, modules it imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(f".{node.attr}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(f"import {getattr(node, 'module', '')}.{a.name}" for a in node.names)
    return names
