"""The floor: read each file named in a list and parse it, nothing else.

    python benchmarks/floor.py LIST

JSON by ``json.loads``, YAML by PyYAML's C loader (``yaml.CSafeLoader``), Python by
``ast.parse``, a notebook by ``json.loads`` and ``ast.parse`` of each code cell. A module is
imported only when a file needs it, so the floor's process costs what Python's start-up costs.
Run as a script, by path: it imports nothing of the project.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def parse(name: str, data: bytes) -> Any:
    if name.endswith((".yaml", ".yml")):
        import yaml

        return yaml.load(data, Loader=yaml.CSafeLoader)
    if name.endswith(".py"):
        import ast

        return ast.parse(data, name)
    document = json.loads(data)
    if name.endswith(".ipynb"):
        import ast

        for cell in document["cells"]:
            if cell["cell_type"] == "code":
                ast.parse("".join(cell["source"]), name)
    return document


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as listing:
        names = listing.read().split("\n")
    for name in names:
        with open(name, "rb") as handle:
            parse(name, handle.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
