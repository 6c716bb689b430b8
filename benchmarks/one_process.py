"""A Python validator library run over a list of files in one process, as a user's own script
would run it: the schema is compiled once, each file read and parsed as the floor parses it
(JSON by ``json.loads``, YAML by PyYAML's C loader), then validated.

    .venv-peers/bin/python benchmarks/one_process.py fastjsonschema|jsonschema-rs SCHEMA LIST

Prints the files it judges invalid, one a line (a file that does not parse is invalid);
exits 1 when there is one. fastjsonschema stops at a document's first error (it has no other
mode); jsonschema-rs collects every error (``iter_errors``), as automl-objective reports every
finding. Run by path with the peers' Python: it imports nothing of the project.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any


def parse(name: str, data: bytes) -> Any:
    if name.endswith((".yaml", ".yml")):
        import yaml

        return yaml.load(data, Loader=yaml.CSafeLoader)
    return json.loads(data)


def fastjsonschema_judge(schema: Any) -> Callable[[Any], bool]:
    import fastjsonschema

    validate = fastjsonschema.compile(schema)

    def invalid(document: Any) -> bool:
        try:
            validate(document)
        except fastjsonschema.JsonSchemaValueException:
            return True
        return False

    return invalid


def jsonschema_rs_judge(schema: Any) -> Callable[[Any], bool]:
    import jsonschema_rs

    validator = jsonschema_rs.Draft202012Validator(schema)

    def invalid(document: Any) -> bool:
        return bool(list(validator.iter_errors(document)))

    return invalid


JUDGES = {"fastjsonschema": fastjsonschema_judge, "jsonschema-rs": jsonschema_rs_judge}


def main() -> int:
    engine, schema_path, list_path = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as handle:
        invalid = JUDGES[engine](json.load(handle))
    with open(list_path, encoding="utf-8") as listing:
        names = listing.read().split("\n")
    bad = []
    for name in names:
        with open(name, "rb") as handle:
            data = handle.read()
        try:
            document = parse(name, data)
        except Exception:  # a file that does not parse (JSON's or YAML's error) is invalid
            bad.append(name)
            continue
        if invalid(document):
            bad.append(name)
    sys.stdout.write("".join(name + "\n" for name in bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
