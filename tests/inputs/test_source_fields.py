"""``Source`` is a ``collections.namedtuple`` at run time (no typing import on the start-up
path) and a ``NamedTuple`` to the type checker: the two field lists must stay one."""

from __future__ import annotations

import ast
import inspect

from automl_objective.inputs import source
from automl_objective.inputs.source import Source


def test_the_checker_s_fields_are_the_run_time_ones() -> None:
    tree = ast.parse(inspect.getsource(source))
    (typed,) = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "_Fields"]
    fields = [n for n in typed.body if isinstance(n, ast.AnnAssign)]
    names = [n.target.id for n in fields if isinstance(n.target, ast.Name)]
    defaults = {
        n.target.id: ast.literal_eval(n.value)
        for n in fields
        if n.value is not None and isinstance(n.target, ast.Name)
    }
    assert tuple(names) == Source._fields
    assert defaults == Source._field_defaults
