"""The API's records (a finding, its related places, a file's result, a resolution) are
dataclasses to their users, as they always were, though they are written out by hand so that
a run need not import :mod:`dataclasses` (base/records.py): each behaves as the dataclass of
the same fields, held here against a real one, behaviour by behaviour."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
from typing import Any

import pytest

from automl_objective.api import FileResult, Finding, Resolution
from automl_objective.base.codes import Code
from automl_objective.base.finding import Related
from automl_objective.base.records import field, record

RELATED = Related(3, 7, "value defined", 2)
SAMPLES: dict[type, list[Any]] = {
    Finding: [
        Finding("error", Code.UNKNOWN_METRIC, "/MetricName", 1, 15, "words"),
        Finding("warning", Code.PLACEHOLDER, "/a/0", None, None, "more", 4, (RELATED,)),
    ],
    Related: [RELATED, Related(None, None, "x")],
    FileResult: [
        FileResult("a.json"),
        FileResult("b.yaml", [Finding("error", Code.ENCODING, "", 1, 1, "m")], "objective", None),
        FileResult("c.json", [], None, "none of the known kinds"),
    ],
    Resolution: [Resolution("Regression", "MSE", "Minimize", "default", "why")],
}


def _reference(cls: type) -> type:
    """A real dataclass of ``cls``'s fields (the same names, types, defaults, frozen-ness),
    under the same name."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    specs: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        elif f.default is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default=f.default)))
        else:
            specs.append((f.name, f.type))
    reference: type = dataclasses.make_dataclass(
        cls.__name__, specs, frozen=params.frozen, eq=params.eq, order=params.order
    )
    reference.__qualname__ = cls.__qualname__
    return reference


def _same(value: Any, reference: type) -> Any:
    return reference(*(getattr(value, f.name) for f in dataclasses.fields(value)))


@pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda c: c.__name__)
def test_each_record_is_the_dataclass_of_its_fields(cls: type) -> None:
    reference = _reference(cls)
    assert dataclasses.is_dataclass(cls)
    assert cls.__dataclass_params__.__repr__() == reference.__dataclass_params__.__repr__()  # type: ignore[attr-defined]
    assert cls.__match_args__ == reference.__match_args__  # type: ignore[attr-defined]
    ours = inspect.signature(cls).parameters
    theirs = inspect.signature(reference).parameters
    assert [(p.name, p.kind, repr(p.default)) for p in ours.values()] == [
        (p.name, p.kind, repr(p.default)) for p in theirs.values()
    ]
    assert (cls.__hash__ is None) == (reference.__hash__ is None)
    for value in SAMPLES[cls]:
        same = _same(value, reference)
        assert repr(value) == repr(same)
        assert dataclasses.asdict(value) == dataclasses.asdict(same)
        assert dataclasses.astuple(value) == dataclasses.astuple(same)
        assert value == _same(value, cls) and value != same  # another class is never equal
        assert value.__eq__(same) is NotImplemented
        if cls.__hash__ is not None:
            assert hash(value) == hash(same)
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value and copy.copy(value) == value
        first = dataclasses.fields(cls)[0].name
        changed = dataclasses.replace(value, **{first: "other"})
        assert getattr(changed, first) == "other" and type(changed) is cls
        if hasattr(copy, "replace"):  # Python 3.13
            assert copy.replace(value, **{first: "other"}) == changed


@pytest.mark.parametrize("cls", [c for c in SAMPLES if c.__hash__ is not None])
def test_frozen_records_refuse_changes_as_dataclasses_do(cls: type) -> None:
    value = SAMPLES[cls][0]
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(value, name, "x")
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
        delattr(value, name)
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.anything_else = 1


def test_a_result_s_findings_default_to_a_new_list_each() -> None:
    first, second = FileResult("a"), FileResult("b")
    first.findings.append(SAMPLES[Finding][0])
    assert second.findings == [] and first.findings is not second.findings
    assert "findings" not in vars(FileResult)  # as a dataclass leaves it: no class attribute


def test_a_dataclass_may_build_on_a_record() -> None:
    @dataclasses.dataclass(frozen=True)
    class Noted(Finding):
        note: str = ""

    noted = Noted("error", Code.ENCODING, "", 1, 2, "m", note="n")
    assert [f.name for f in dataclasses.fields(noted)][-2:] == ["related", "note"]
    assert noted.note == "n" and noted.line == 1


def test_a_record_made_here_gets_its_metadata_only_when_asked() -> None:
    @record(frozen=True)
    class Pair:
        left: int
        right: list[int] = field(default_factory=list)

        def __init__(self, left: int, right: Any = None) -> None:
            object.__setattr__(self, "left", left)
            object.__setattr__(self, "right", [] if right is None else right)

    assert isinstance(vars(Pair)["__dataclass_fields__"], object)
    assert not isinstance(vars(Pair)["__dataclass_fields__"], dict)  # not built yet
    assert [f.name for f in dataclasses.fields(Pair(1))] == ["left", "right"]  # type: ignore[arg-type]
    assert isinstance(vars(Pair)["__dataclass_fields__"], dict)  # built once, kept


def test_the_records_module_imports_no_dataclasses() -> None:
    program = (
        "import sys\n"
        "from automl_objective.base.finding import Finding\n"
        "from automl_objective.check.results import FileResult\n"
        "from automl_objective.check.resolve import Resolution\n"
        "FileResult('a', [Finding('error', 'x', '', 1, 1, 'm')])\n"
        "assert 'dataclasses' not in sys.modules, 'imported'\n"
        "import dataclasses\n"
        "assert dataclasses.is_dataclass(Finding)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_records_type_hints_resolve_before_any_finding_is_made() -> None:
    """A clean run never builds the codes' enum, so ``Finding`` names it through a module
    imported when its annotations are resolved: ``typing.get_type_hints`` (pydantic,
    serialisers) gives the types themselves, in a process that has not imported the codes
    (s7-cold's first form of this raised NameError)."""
    program = (
        "import sys, typing\n"
        "from automl_objective.api import FileResult, Finding\n"
        "assert 'automl_objective.base.codes' not in sys.modules, 'imported'\n"
        "hints = typing.get_type_hints(Finding)\n"
        "from automl_objective.base.codes import Code, Severity\n"
        "assert hints['code'] is Code and hints['severity'] == Severity, hints\n"
        "assert typing.get_type_hints(FileResult)['findings'] == list[Finding]\n"
        "from automl_objective.api import Resolution\n"
        "source = typing.Literal['explicit', 'default', 'unused', 'undetermined']\n"
        "assert typing.get_type_hints(Resolution)['source'] == source\n"
        "import pydantic\n"
        "dumped = pydantic.TypeAdapter(Finding).dump_python(\n"
        "    Finding('error', Code.UNKNOWN_METRIC, '/MetricName', 1, 2, 'm'), mode='json')\n"
        "assert dumped['code'] == 'unknown-metric', dumped\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
