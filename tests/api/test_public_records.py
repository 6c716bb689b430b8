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
from typing import TYPE_CHECKING, Any, NamedTuple, get_type_hints

import pytest

from automl_objective.api import FileResult, Finding, Resolution
from automl_objective.base.codes import Code
from automl_objective.base.finding import Related
from automl_objective.base.records import field, record

if TYPE_CHECKING:
    from typing import NamedTuple as MadeHere
else:  # what the catalog's records and the failure record are made on at run time
    from automl_objective.base.records import NamedTuple as MadeHere

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


_CATALOG_RECORDS = ("Metric", "ProblemTypeRule", "AlgorithmRule", "Catalog")


def _typing_reference(cls: Any) -> Any:
    """The ``typing.NamedTuple`` of ``cls``'s fields, types and defaults, under its name."""
    defaults = cls._field_defaults
    reference: Any = NamedTuple(cls.__name__, list(get_type_hints(cls).items()))  # type: ignore[misc]
    reference.__new__.__defaults__ = tuple(defaults.values()) or None
    reference._field_defaults = defaults
    return reference


@pytest.mark.parametrize("name", _CATALOG_RECORDS)
def test_the_catalog_records_are_the_named_tuples_typing_would_make(name: str) -> None:
    """The catalog's records are made without importing typing (base/records.py): each is
    the named tuple typing makes of the same annotations, to its users."""
    from automl_objective.check import catalog

    cls: Any = getattr(catalog, name)
    reference = _typing_reference(cls)
    assert cls.__bases__ == (tuple,) and cls.__module__ == "automl_objective.check.catalog"
    assert (cls.__name__, cls.__qualname__) == (name, name) and getattr(catalog, name) is cls
    assert cls._fields == reference._fields
    assert cls._field_defaults == reference._field_defaults
    assert get_type_hints(cls) == get_type_hints(reference)
    assert [p.name for p in inspect.signature(cls).parameters.values()] == list(cls._fields)
    loaded = catalog.load_catalog()
    values: list[Any] = [loaded, *loaded.metrics, *loaded.problem_types, *loaded.algorithms]
    for value in values:
        if type(value) is cls:
            same = reference(*value)
            assert repr(value) == repr(same) and value == same and hash(value) == hash(same)
            assert value._asdict() == same._asdict() and value._replace() == value
            assert pickle.loads(pickle.dumps(value)) == value
            assert copy.deepcopy(value) == value


def test_a_named_tuple_made_here_keeps_what_its_class_says() -> None:
    class Named:
        def __set_name__(self, owner: type, name: str) -> None:
            self.seen = (owner, name)

    class Pair(MadeHere):
        """Two numbers."""

        left: int
        right: int = 2

        @property
        def total(self) -> int:
            return self.left + self.right

    pair = Pair(1)
    assert (pair.left, pair.right, pair.total, repr(pair)) == (1, 2, 3, "Pair(left=1, right=2)")
    assert Pair.__doc__ == "Two numbers." and Pair._fields == ("left", "right")
    assert Pair.__qualname__.endswith("<locals>.Pair") and Pair.__bases__ == (tuple,)
    assert get_type_hints(Pair) == {"left": int, "right": int}
    namespace = {"__module__": __name__, "__annotations__": {"one": int}, "named": Named()}
    maker: Any = type(MadeHere)
    made = maker("Named", (MadeHere,), namespace)  # as a class statement calls it
    assert made.named.seen == (made, "named") and made(1).one == 1


def test_a_finding_s_module_reads_no_typing_until_a_hint_is_asked() -> None:
    """``codes.Severity`` is typing's Literal to whoever reads it; a process that only
    makes findings and their catalog's records never imports typing."""
    program = (
        "import sys\n"
        "from automl_objective.base import codes\n"
        "from automl_objective.check.catalog import load_catalog\n"
        "from automl_objective.check.findings import Located\n"
        "Located('error', codes.Code.ENCODING, (), 'm'), load_catalog().metrics[0]\n"
        "assert 'typing' not in sys.modules, 'imported'\n"
        "from automl_objective.base.codes import Severity\n"
        "import typing\n"
        "assert Severity == typing.Literal['error', 'warning'] and codes.Severity is Severity\n"
        "try:\n"
        "    codes.Nothing\n"
        "except AttributeError as error:\n"
        "    assert 'no attribute' in str(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
