"""The checks compiler's architecture: one emitter per keyword in one table, a typed frozen
intermediate form, functions named after what they check, checks.py as its own step."""

from __future__ import annotations

import ast
import dataclasses
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from automl_objective.base.schema import load_aws_index, load_aws_schema, load_schema
from automl_objective.check.dynamic import DYNAMIC
from automl_objective.check.failures import Failure, from_error
from automl_objective.check.messages import RULE_CODES
from automl_objective_codegen.compiler import Compiled, CompileError, compile_checks
from automl_objective_codegen.compiler.emitter import Context, Emitter, need
from automl_objective_codegen.compiler.ir import Op, Pointer, Ref
from automl_objective_codegen.compiler.keywords.json_type import TypeOp
from automl_objective_codegen.compiler.names import MAX_NAME
from automl_objective_codegen.compiler.registry import EMITTERS, KEYWORDS, keyword_table
from automl_objective_codegen.compiler.render import renamed, render_checks
from tests.support.compiled import compiled_module
from tests.support.paths import ROOT

CHECKS = ROOT / "generated" / "automl_objective_generated" / "checks.py"


# A keyword the compiler does not know, added the documented way: one emitter...
@dataclass(frozen=True, kw_only=True)
class MultipleOfOp(Op):
    factor: int


def _build_multiple_of(
    context: Context, _schema: Mapping[str, Any], value: Any, at: Pointer
) -> MultipleOfOp:
    need(context, isinstance(value, int) and value > 0, at, "must be a positive integer")
    return MultipleOfOp(factor=value)


MULTIPLE_OF = Emitter(
    keywords=("multipleOf",),
    op=MultipleOfOp,
    build=_build_multiple_of,
    template="""
{% macro check(s) %}
    if isinstance(v, int) and not isinstance(v, bool) and v % {{ s.op.factor | py }}:
        return False
{% endmacro %}
{% macro explain(s) %}
    if isinstance(v, int) and not isinstance(v, bool) and v % {{ s.op.factor | py }}:
        {{ s.fail(s.op.factor) }}
{% endmacro %}
{% macro surely(s) %}
    if isinstance(v, int) and not isinstance(v, bool) and v % {{ s.op.factor | py }}:
        return False
{% endmacro %}
""",
)
# ...and one registry line.
WITH_MULTIPLE_OF = (*EMITTERS, MULTIPLE_OF)
EVEN_COUNT = {"type": "integer", "multipleOf": 2}


def _failures(module: Any, value: Any) -> list[Failure]:
    found: list[Failure] = []
    module.ROOT[1](value, (), found, False)
    return found


def test_a_new_keyword_is_one_emitter_and_one_registry_line() -> None:
    with pytest.raises(CompileError, match="cannot compile the keyword 'multipleOf'"):
        compile_checks(EVEN_COUNT, [], RULE_CODES)
    module = compiled_module(EVEN_COUNT, WITH_MULTIPLE_OF)
    check = module.ROOT[0]
    reference = Draft202012Validator(EVEN_COUNT)
    for value in (4, 0, -2, 3, 7, "3", True, None, DYNAMIC):
        expected = [] if value is DYNAMIC else [from_error(e) for e in reference.iter_errors(value)]
        assert _failures(module, value) == expected, value
        assert check(value) is (expected == []), value
    assert [f.keyword for f in _failures(module, 3)] == ["multipleOf"]


def test_a_new_emitter_refuses_what_it_cannot_compile_by_pointer() -> None:
    with pytest.raises(CompileError, match=r"schema: /\$defs/Odd/multipleOf: must be a positive"):
        compile_checks(
            {"$defs": {"Odd": {"multipleOf": -1}}, "$ref": "#/$defs/Odd"},
            [],
            RULE_CODES,
            WITH_MULTIPLE_OF,
        )


def test_the_table_refuses_a_keyword_claimed_twice() -> None:
    twice = dataclasses.replace(MULTIPLE_OF, keywords=("type",), op=type("Other", (Op,), {}))
    with pytest.raises(ValueError, match="two emitters claim the keyword 'type'"):
        keyword_table((*EMITTERS, twice))


def test_every_emitter_is_registered_once_and_says_what_it_handles() -> None:
    assert sorted(KEYWORDS) == sorted(k for e in EMITTERS for k in e.keywords)
    for emitter in EMITTERS:
        assert emitter.keywords, emitter
        assert dataclasses.is_dataclass(emitter.op) and issubclass(emitter.op, Op)
        for macro in ("check", "explain", "surely"):
            assert f"{{% macro {macro}(s) %}}" in emitter.template, (emitter.keywords, macro)


@pytest.mark.parametrize("name", ["checks", "explainers", "check_helpers"])
def test_the_template_holds_no_keyword_branches(name: str) -> None:
    templates = ROOT / "generator/automl_objective_codegen/templates"
    template = (templates / f"{name}.py.jinja2").read_text()
    assert "op.k" not in template
    assert not re.search(r"\bif\b[^%]*\b(type|enum|required|properties)\b", template)


def _compiled_bundle() -> Compiled:
    shapes = [
        (e["kind"], e["file"], e["shape"], load_aws_schema(e["file"])["$defs"])
        for e in load_aws_index()["kinds"]
    ]
    return compile_checks(dict(load_schema()), shapes, RULE_CODES)


def test_the_intermediate_form_is_typed_and_frozen() -> None:
    compiled = _compiled_bundle()
    node = compiled.nodes[0]
    ops = [op for n in compiled.nodes for op in n.ops]
    assert ops and all(dataclasses.is_dataclass(op) for op in ops)
    assert all(isinstance(r, Ref) for op in ops for r in op.refs())
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.ops = ()  # type: ignore[misc]
    first_type = next(op for op in ops if isinstance(op, TypeOp))
    with pytest.raises(dataclasses.FrozenInstanceError):
        first_type.types = ("string",)  # type: ignore[misc]


def _functions() -> list[str]:
    tree = ast.parse(CHECKS.read_text("utf-8"))
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


def test_generated_functions_are_named_after_what_they_check() -> None:
    from automl_objective_generated import checks

    names = _functions()
    assert not [n for n in names if re.fullmatch(r"[pe]_\d+", n)]
    assert all(len(n) <= MAX_NAME + len("_explain_") for n in names)
    assert len(names) == len(set(names))
    assert checks.ROOT[0].__name__ == "check_document"
    assert checks.DEFS["AutoMLJobObjective"][0].__name__ == "check_auto_ml_job_objective"
    assert checks.DEFS["AutoMLJobObjective"][1].__name__ == "explain_auto_ml_job_objective"
    v2_shape = checks.AWS["create-auto-ml-job-v2-request"]
    assert v2_shape[0].__name__ == "check_create_auto_ml_job_v2_request_shape"
    # A node inside a shape is named after its schema location.
    assert "_check_aws_AutoMLChannel" in names
    assert "_check_CreateAutoMLJobV2Request_allOf_0_if" in names


def test_a_traceback_names_the_location_that_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    from automl_objective_generated import checks

    def broken(_value: Any) -> bool:
        raise RuntimeError("boom")

    monkeypatch.setattr(checks, "_check_aws_AutoMLChannel", broken)
    request = {"InputDataConfig": [{"TargetAttributeName": "y"}]}
    with pytest.raises(RuntimeError) as raised:
        checks.AWS["create-auto-ml-job-request"][0](request)
    frames = [frame.name for frame in raised.traceback]
    assert frames[-3:] == [
        "check_create_auto_ml_job_request_shape",
        "_check_aws_AutoMLInputDataConfig",
        "broken",
    ]


def test_checks_py_is_its_own_generate_step() -> None:
    from automl_objective_codegen.aws_schemas import aws_schemas
    from automl_objective_codegen.compiler import checks_module

    aws_files = aws_schemas(load_schema(), ["a header"])
    assert not [name for name in aws_files if name.endswith(".py")]
    texts = checks_module(load_schema(), aws_files, "# a header")
    assert sorted(texts) == ["checks.py", "explainers.py"]
    assert "def check_create_auto_ml_job_v2_request_shape(v: Any) -> bool:" in texts["checks.py"]
    assert "def explain_create_auto_ml_job_v2_request_shape(" in texts["explainers.py"]


def test_the_explainers_are_a_module_a_passing_document_never_loads() -> None:
    """checks.py holds the checks only; each entry's explainer is in explainers.py, imported
    by its first call (a cold run over clean files never unmarshals them)."""
    module = compiled_module(EVEN_COUNT, WITH_MULTIPLE_OF)
    package = sys.modules[module.__name__.rpartition(".")[0]]
    explainers = sys.modules.pop(f"{package.__name__}.explainers")
    delattr(package, "explainers")  # as before the first failure: not imported yet
    assert not [n for n in vars(module) if n.startswith(("explain_", "_explain_", "F_"))]
    assert module.ROOT[0](4) and not module.ROOT[0](3)
    with pytest.raises(ImportError, match="explainers"):
        _failures(module, 3)  # looked for at its first call, in the module beside the checks
    sys.modules[explainers.__name__] = explainers
    assert [f.keyword for f in _failures(module, 3)] == ["multipleOf"]
    checks = CHECKS.read_text("utf-8")
    assert "def explain_" not in checks and "def _explain_" not in checks
    assert "def explain_document(" in (CHECKS.parent / "explainers.py").read_text("utf-8")


def test_an_emitters_template_cannot_paste_schema_text_as_code() -> None:
    from automl_objective_codegen.environment import UnsafeTemplateValue

    unsafe = dataclasses.replace(
        MULTIPLE_OF,
        template=MULTIPLE_OF.template.replace("{{ s.op.factor | py }}:", "{{ s.op.factor }}:"),
    )
    with pytest.raises(UnsafeTemplateValue):
        compiled_module(EVEN_COUNT, (*EMITTERS, unsafe))


# A request's shape: small nodes the root's check writes in line, a loop it calls.
IN_LINE = {
    "$defs": {
        "Metric": {"type": "string", "enum": ["AUC", "F1"]},
        "Name": {"type": "string", "minLength": 1, "pattern": "^[a-z]+$"},
        "Tags": {"type": "array", "items": {"$ref": "#/$defs/Name"}},
    },
    "type": "object",
    "required": ["Metric"],
    "properties": {
        "Metric": {"$ref": "#/$defs/Metric"},
        "Objective": {
            "type": "object",
            "properties": {"MetricName": {"$ref": "#/$defs/Metric"}},
            "additionalProperties": False,
        },
        "Name": {"$ref": "#/$defs/Name"},
        "Tags": {"$ref": "#/$defs/Tags"},
        "Size": {"type": "integer", "minimum": 1, "maximum": 9},
        "Mode": {"anyOf": [{"const": "FAST"}, {"const": "SLOW"}]},
        "Note": {"not": {"type": "null"}},
    },
    "if": {"properties": {"Metric": {"const": "AUC"}}},
    "then": {"required": ["Name"]},
    "else": {"properties": {"Name": {"maxLength": 3}}},
}


def test_a_small_nodes_check_is_written_in_line_and_judges_the_same() -> None:
    text = render_checks(compile_checks(IN_LINE, [], RULE_CODES), "# in a test")["checks.py"]
    root = ast.parse(text)
    functions = {f.name: f for f in root.body if isinstance(f, ast.FunctionDef)}
    called = {
        node.func.id
        for node in ast.walk(functions["check_document"])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    # The definitions without a loop are written in line; the list of tags is called.
    assert "check_metric" not in called and "check_name" not in called
    assert "check_tags" in called
    module = compiled_module(IN_LINE)
    check = module.ROOT[0]
    reference = Draft202012Validator(IN_LINE)
    values: list[Any] = [
        {"Metric": "AUC", "Name": "ab"},
        {"Metric": "AUC"},
        {"Metric": "F1", "Name": "abcd"},
        {"Metric": "F1", "Name": "ab", "Objective": {"MetricName": "F1"}},
        {"Metric": "F1", "Objective": {"MetricName": "RMSE"}},
        {"Metric": "F1", "Objective": {"Other": 1}},
        {"Metric": "F1", "Objective": "F1"},
        {"Metric": "F1", "Tags": ["a", "B"]},
        {"Metric": "F1", "Size": 0},
        {"Metric": "F1", "Size": 5, "Mode": "FAST", "Note": 1},
        {"Metric": "F1", "Mode": "fast"},
        {"Metric": "F1", "Note": None},
        {"Metric": "F1", "Name": ""},
        {"Metric": 5},
        {},
        [],
        "AUC",
    ]
    for value in values:
        expected = not list(reference.iter_errors(value))
        assert check(value) is expected, value
        assert (_failures(module, value) == []) is expected, value
    # A value known only at run time is never a certain failure.
    assert check({"Metric": DYNAMIC, "Name": DYNAMIC, "Objective": DYNAMIC}) is True


def test_a_value_written_in_line_is_renamed_outside_string_literals_only() -> None:
    assert renamed('v.keys() <= X and "v" in v and "a\\"v" != v', "w") == (
        'w.keys() <= X and "v" in w and "a\\"v" != w'
    )
    assert renamed("isinstance(v, str) and v_2 is v", 'v["k"]') == (
        'isinstance(v["k"], str) and v_2 is v["k"]'
    )
