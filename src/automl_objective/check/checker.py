"""Check documents against the canonical schema and AWS's shapes, and place the findings.

The compiled checks (the generated ``checks`` module, built from the schema by
``automl-objective generate``) decide and explain; jsonschema runs only where a checker is
built without them, as the reference the tests compare with. Each failure is worded by
:mod:`automl_objective.check.messages` and placed at its line and column in the source.
The schema's one custom keyword, ``x-warn``, holds rules whose failure is a warning: the
compiled checks and the jsonschema validator built here apply it and mark what it finds.
"""

from __future__ import annotations

import operator
from functools import cache

from automl_objective.base.dynamic import PartialText
from automl_objective.base.finding import Finding, json_pointer
from automl_objective.base.schema import (
    Schema,
    load_aws_schema,
    load_schema,
    refuse_external_refs,
)
from automl_objective.check import placeholders as _placeholders
from automl_objective.check.resolve import DocumentKinds
from automl_objective.check.results import FileResult, internal_error
from automl_objective.inputs.document import LARGE, Document
from automl_objective.inputs.positions import Spot

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, Protocol

    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

    from automl_objective.check.catalog import Catalog
    from automl_objective.check.failures import Failure
    from automl_objective.check.findings import Located, Path
    from automl_objective.check.placeholders import Placeholders

AUTO = "auto"
OBJECTIVE = "objective"


class UsageError(ValueError):
    """A caller asked for something that does not exist (an unknown kind or problem type)."""


def _warn(validator: Validator, subschema: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from automl_objective.check.failures import WARN_KEYWORD

    # descend() exists on every jsonschema validator class but is not in the Validator protocol.
    yield from validator.descend(instance, subschema, schema_path=WARN_KEYWORD)  # type: ignore[attr-defined]


def kinds(schema: Schema) -> dict[str, str]:
    """Document kinds the schema knows: ``x-kind`` name -> ``$defs`` key."""
    defs = schema["$defs"]
    return {d["x-kind"]: key for key, d in defs.items() if isinstance(d, dict) and "x-kind" in d}


def inline_local_refs(node: Any, defs: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every ``#/$defs/...`` reference replaced by the definition it names.

    Resolving a reference is the costliest step of a jsonschema run; doing it once, when the
    validator is built, makes explaining an invalid document about a third faster. A
    reference with siblings becomes an ``allOf`` (its meaning in draft 2020-12); a recursive
    one is left as it is, for the registry to resolve.
    """
    if isinstance(node, list):
        return [inline_local_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    result = {k: inline_local_refs(v, defs, seen) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return result
    name = ref.removeprefix("#/$defs/")
    if name == ref or name not in defs or name in seen:
        result["$ref"] = ref
        return result
    target = inline_local_refs(defs[name], defs, (*seen, name))
    if not result:
        return target
    result["allOf"] = [target, *result.get("allOf", [])]
    return result


class Checker:
    """Validates documents against one schema; builds each check once and reuses it.

    With ``checks`` (the generated ``checks`` module of this schema) the compiled checks
    decide and explain; without, jsonschema does (the reference the tests compare with).
    A ``$ref`` outside the schema is refused before jsonschema could resolve it: when the
    checker is built without compiled checks, else when its jsonschema validator is (the
    compiled checks hold no reference; generate refused the schema's own). A cold run's
    walk of the bundled schema for them cost 2.5 M instructions.
    """

    def __init__(
        self,
        schema: Schema | None,
        catalog: Catalog | None = None,
        checks: CompiledChecks | None = None,
        aws_index: dict[str, Any] | None = None,
        schema_kinds: dict[str, str] | None = None,
    ) -> None:
        """``schema`` None: the bundled schema, parsed when something asks for it (jsonschema,
        :attr:`schema`); its catalog and ``schema_kinds`` are then what generate read from it.
        A ``catalog`` not given is made when first asked for (:attr:`catalog`)."""
        self._schema = schema
        self._bundled = schema is None
        if checks is None:  # jsonschema resolves the references: refused before it runs
            refuse_external_refs(self.schema)
        self._catalog = catalog
        self._value_rule_codes: frozenset[str] | None = None
        self.checks = checks
        self.kinds = kinds(self.schema) if schema_kinds is None else schema_kinds
        # Whole request and response files: AWS's shapes on top of the objective rules.
        self.aws_index = aws_index or {"kinds": [], "whole_document_marker": None}
        self.aws_kinds = {entry["kind"]: entry for entry in self.aws_index["kinds"]}
        self._document_kind = DocumentKinds(self._document_kinds(), self.aws_index)
        self._validators: dict[tuple[str, str | None], Validator] = {}
        self._parts: dict[tuple[str, str | None], list[Part]] = {}

    @property
    def schema(self) -> Schema:
        """The schema checked against (the bundled one parsed on first use)."""
        if self._schema is None:
            self._schema = load_schema()
        return self._schema

    @property
    def catalog(self) -> Catalog:
        """The schema's facts (metrics, problem types), made on first use: a clean document
        never asks, and their records' classes cost a cold run 4 M instructions."""
        if self._catalog is None:
            from automl_objective.check.catalog import catalog_from_schema, load_catalog

            self._catalog = load_catalog() if self._bundled else catalog_from_schema(self.schema)
        return self._catalog

    @property
    def value_rule_codes(self) -> frozenset[str]:
        """The codes of the value rules (pattern, length, enum) of the schema and AWS's
        shapes: of the bundled schema, as generate wrote them; else read from the schemas."""
        if self._value_rule_codes is None and self._bundled:
            from automl_objective_generated.catalog import VALUE_RULE_CODES

            self._value_rule_codes = VALUE_RULE_CODES
        elif self._value_rule_codes is None:
            from automl_objective.check.partly_known import value_rule_codes

            aws = [load_aws_schema(entry["file"]) for entry in self.aws_index["kinds"]]
            self._value_rule_codes = value_rule_codes([self.schema, *aws])
        return self._value_rule_codes

    def _document_kinds(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(kind, members that select it), in order: of the bundled schema, as generate
        wrote them (plain data: no catalog is made for them)."""
        if self._catalog is None and self._bundled:
            from automl_objective_generated.catalog import DOCUMENT_KINDS

            return DOCUMENT_KINDS
        return self.catalog.document_kinds

    def kind_of(self, data: Any) -> str | None:
        """The kind the document is checked as (see :func:`resolve.document_kind`)."""
        return self._document_kind(data)

    def all_kinds(self) -> list[str]:
        return [*self.kinds, *self.aws_kinds]

    def check_options(self, kind: str, problem_type: str | None) -> None:
        """Raise :class:`UsageError` for a kind or problem type the schema does not know."""
        if kind != AUTO and kind not in self.all_kinds():
            raise UsageError(
                f"unknown kind {kind!r}; choose from: {', '.join([AUTO, *self.all_kinds()])}"
            )
        if problem_type is not None:
            if problem_type not in self.catalog.problem_type_names:
                raise UsageError(self.catalog.unknown_problem_type(problem_type))
            if kind not in (AUTO, "objective"):
                raise UsageError(
                    "a problem type can be given only for objective documents (kind objective)"
                )

    def validator(self, kind: str = AUTO, problem_type: str | None = None) -> Validator:
        """The jsonschema validator of a kind (the reference; not on the compiled path)."""
        key = (kind, problem_type)
        if key not in self._validators:
            self.check_options(kind, problem_type)
            self._validators[key] = self._build(kind, problem_type)
        return self._validators[key]

    def _build(self, kind: str, problem_type: str | None) -> Validator:
        refuse_external_refs(self.schema)  # compiled checks never resolve one: refused here
        from jsonschema import Draft202012Validator, validators
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        registry: Registry[Any] = Registry().with_resource(
            self.schema["$id"],
            Resource.from_contents(self.schema, default_specification=DRAFT202012),
        )
        defs = self.schema["$defs"]
        target: Any = {k: v for k, v in self.schema.items() if k != "$defs"}
        if kind in self.aws_kinds:
            entry = self.aws_kinds[kind]
            aws = load_aws_schema(entry["file"])
            target = {
                "allOf": [
                    inline_local_refs(aws["$defs"][entry["shape"]], aws["$defs"]),
                    defs[self.kinds[entry["base"]]],
                ]
            }
        elif kind != AUTO:
            target = defs[self.kinds[kind]]
        if problem_type is not None:
            rule = self.catalog.problem_type(problem_type)
            target = {
                "allOf": [
                    defs["AutoMLJobObjective"],
                    {"properties": {"MetricName": defs[rule.definition]}},
                ]
            }
        from automl_objective.check.aws_keywords import aws_validator_class
        from automl_objective.check.dynamic_keywords import dynamic_validator_class
        from automl_objective.check.failures import WARN_KEYWORD

        cls = validators.extend(Draft202012Validator, {WARN_KEYWORD: _warn})  # type: ignore[no-untyped-call]
        cls = dynamic_validator_class(aws_validator_class(cls))
        validator: Validator = cls(inline_local_refs(target, defs), registry=registry)
        return validator

    def iter_errors(
        self, data: Any, kind: str = AUTO, problem_type: str | None = None
    ) -> Iterator[ValidationError]:
        """Raw jsonschema errors (warnings included, marked by ``x-warn`` in their path)."""
        yield from self.validator(kind, problem_type).iter_errors(data)

    def _compiled(self, kind: str, problem_type: str | None) -> list[Part]:
        """The compiled checks a kind runs: (the path they start at, predicate, explainer)."""
        key = (kind, problem_type)
        if key not in self._parts:
            self._parts[key] = self._compiled_parts(kind, problem_type)
        return self._parts[key]

    def _compiled_parts(self, kind: str, problem_type: str | None) -> list[Part]:
        checks = self.checks
        assert checks is not None
        self.check_options(kind, problem_type)
        if problem_type is not None:
            metric = checks.DEFS[self.catalog.problem_type(problem_type).definition]
            return [((), *checks.DEFS["AutoMLJobObjective"]), (("MetricName",), *metric)]
        if kind in self.aws_kinds:
            base = self.kinds[self.aws_kinds[kind]["base"]]
            return [((), *checks.AWS[kind]), ((), *checks.DEFS[base])]
        if kind != AUTO:
            return [((), *checks.DEFS[self.kinds[kind]])]
        return [((), *checks.ROOT)]

    def failures(
        self, data: Any, kind: str = AUTO, problem_type: str | None = None
    ) -> list[Failure]:
        """Every failure of the document (warnings included), by the compiled checks when
        the checker has them, else by jsonschema."""
        if self.checks is None:
            from automl_objective.check.failures import from_error

            return [from_error(e) for e in self.iter_errors(data, kind, problem_type)]
        found: list[Failure] = []
        for at, passes, explain in self._compiled(kind, problem_type):
            value = data
            for member in at:
                value = value.get(member, _ABSENT) if isinstance(value, dict) else _ABSENT
            if value is _ABSENT or passes(value):
                continue
            explain(value, at, found, False)
        return found

    def clean_result(self, document: Document) -> FileResult | None:
        """The result of a document the compiled predicates pass (nothing to report), else
        None: the cost of the common case, on its own (the benchmark measures it)."""
        chosen = self.kind_of(document.data)
        if self.checks is None:
            return None
        parts = self._compiled(chosen or AUTO, None)
        if all(passes(document.data) for at, passes, _ in parts if not at):
            return FileResult(document.path, [], chosen)
        return None

    def validate(
        self,
        document: Document,
        *,
        kind: str = AUTO,
        problem_type: str | None = None,
        strict: bool = False,
        placeholders: Placeholders = "report",
    ) -> FileResult:
        """Validate one parsed document; findings come sorted by position. A template
        placeholder (see :mod:`automl_objective.check.placeholders`) is a value known only
        at run time to the checks, and with ``placeholders`` ``report`` a finding of its own.

        A failure of the checker itself on this document (a bug, never the user's fault)
        becomes an ``internal-error`` finding for this document alone, so that one odd
        document never costs the other files of the run their results.
        """
        partial = _NOTHING_PARTLY_KNOWN
        if not document.parsed:  # a parser's document holds no value known in part
            from automl_objective.check import partly_known

            partial = partly_known.find(document.data)
            if partial:  # a value known only at run time to the checks; see _validate
                document = _with_data(document, _placeholders.as_dynamic(document.data, [*partial]))
        if kind == AUTO and problem_type is not None and self.kind_of(document.data) != OBJECTIVE:
            # A request or response states its own problem type: the option is for objectives
            # (in a folder of both, each is checked by what it is).
            problem_type = None
        try:
            return self._validate(document, kind, problem_type, strict, placeholders, partial)
        except UsageError:
            raise
        except Exception as error:  # turned into a finding, see above
            return FileResult(document.path, [internal_error(error)])

    def _validate(
        self,
        document: Document,
        kind: str,
        problem_type: str | None,
        strict: bool,
        placeholders: Placeholders,
        partial: dict[Path, PartialText],
    ) -> FileResult:
        chosen = kind if kind != AUTO else self.kind_of(document.data)
        # The root only picks the kind by the members present; validating against that kind's
        # definition directly gives the same failures without re-evaluating the root's chain.
        direct = kind if (kind != AUTO or chosen is None or problem_type) else chosen
        data = document.data
        filled = _placeholders.find(data, document.text if document.parsed else None)
        held = _placeholders.held(data, filled) if filled else []
        if held and placeholders == "report":
            # a value holding a placeholder is checked as written unless they are dynamic
            filled = [path for path in filled if path not in held]
        if filled:
            data = _placeholders.as_dynamic(data, filled)
        failures = self.failures(data, direct, problem_type)
        certain: list[Located] = []
        if held or partial:  # values known in part: what no fill can mend
            texts = _known_in_part(document.data, held, failures, placeholders, partial)
            certain = self._certain(data, texts, direct, problem_type)
        if not failures and not certain and (not filled or placeholders == "dynamic"):
            return FileResult(document.path, [], chosen)
        located = self._located(failures, certain)
        if placeholders == "report" and chosen is not None:
            # only in an AutoML document: a docker-compose file's ${IMAGE} is not ours to judge
            located = _with_placeholders(document.data, located, filled, held, certain)
        findings = _place_all(document, located + certain, strict, located, failures)
        return FileResult(document.path, findings, chosen)

    def _located(self, failures: list[Failure], certain: list[Located]) -> list[Located]:
        """The findings of ``failures``, without those of the rules a value known in part
        fails whatever fills it (``certain`` says them)."""
        located = _explaining()(failures, self.catalog)
        if certain:
            # AWS's length and pattern rules and the enums, partly_known's: a value's finding
            # that no fill can mend replaces the findings of those codes its text as written
            # gets (F${X} under Regression is one finding, not an unknown metric as written
            # beside a metric not allowed whatever fills it)
            replaced = self.value_rule_codes
            mended = {item.path for item in certain}
            decided = {(item.path, item.code) for item in certain}
            located = [
                f
                for f in located
                if (f.code not in replaced or f.path not in mended)
                and (f.path, f.code) not in decided
            ]
        return located

    def _certain(
        self, data: Any, texts: dict[Path, PartialText], kind: str, problem_type: str | None
    ) -> list[Located]:
        """What no fill of the values known in part (``texts``) can mend: the rules they
        fail with their unknown pieces empty (a probe), each decided for every fill."""
        if not texts:
            return []
        from automl_objective.check import partly_known

        probe = partly_known.probe(data, texts)
        failures = self.failures(probe, kind, problem_type)
        found = partly_known.certain(failures, texts)
        said = {item.path for item in found}
        enums = {f.path for f in failures if f.keyword == "enum" and f.path in texts}
        order = {at: index for index, at in enumerate(texts)}
        for path in sorted(enums - said, key=order.__getitem__)[: partly_known.MAX_ENUM_VALUES]:

            def failing(fill: str, path: Path = path) -> list[Failure]:
                alone = partly_known.probe_one(data, texts, path, fill)
                return [f for f in self.failures(alone, kind, problem_type) if f.path == path]

            if (finding := partly_known.enum_finding(path, texts[path], failing)) is not None:
                found.append(finding)
        return found


def _known_in_part(
    data: Any,
    held: list[Path],
    failures: list[Failure],
    placeholders: Placeholders,
    partial: dict[Path, PartialText],
) -> dict[Path, PartialText]:
    """The values known in part: ``partial`` (a reader's) and the values holding a
    placeholder (when placeholders are reported, those whose text fails)."""
    if held and placeholders == "report":
        failing = {f.path for f in failures}
        held = [path for path in held if path in failing]
    return {**partial, **_placeholders.partly_known(data, held)} if held else partial


_EXPLAINING: Callable[[list[Failure], Catalog], list[Located]] | None = None


def _explaining() -> Callable[[list[Failure], Catalog], list[Located]]:
    """:func:`automl_objective.check.wording.findings_of`, imported by the first document
    with failures (a clean run never loads the wording), then kept: a document with
    failures runs no import statement to reach it (two cost about 1.5 us)."""
    global _EXPLAINING
    if _EXPLAINING is None:
        from automl_objective.check.wording import findings_of

        _EXPLAINING = findings_of
    return _EXPLAINING


_NOTHING_PARTLY_KNOWN: dict[Path, PartialText] = {}
"""A document's values known in part when it has none (never changed: read only)."""


def _with_data(document: Document, data: Any) -> Document:
    """``document`` holding ``data`` in place of its own."""
    return Document(
        document.path,
        data,
        document.text,
        document.format,
        document.locator,
        document.duplicates,
        document.max_bytes,
        parsed=document.parsed,
    )


def _with_placeholders(
    data: Any,
    located: list[Located],
    filled: list[Path],
    held: list[Path],
    certain: list[Located],
) -> list[Located]:
    """``located`` and one ``placeholder`` finding for each value that is a placeholder
    (``filled``), and for each value holding one (``held``) in place of the pattern or length
    errors its text gets (a value of a list of names, ``F${X}1`` for a metric, is still
    none of them), unless no fill can mend them (``certain`` says so)."""
    if not filled and not held:
        return located  # no placeholder: nothing to add or drop
    from automl_objective.base.codes import Code

    if certain:
        mended = {item.path for item in certain}
        held = [path for path in held if path not in mended]
    errors = {f.path for f in located if f.code == Code.SCHEMA_VIOLATION} if held else set()
    failing = errors.intersection(held)
    if failing:
        located = [f for f in located if f.code != Code.SCHEMA_VIOLATION or f.path not in failing]
        filled = [*filled, *(path for path in held if path in failing)]
    return located + _placeholders.findings(data, filled)


_ABSENT: Any = object()
if TYPE_CHECKING:
    Part = tuple[
        tuple[str, ...], Callable[[Any], bool], Callable[[Any, Any, list[Failure], bool], None]
    ]


if TYPE_CHECKING:

    class CompiledChecks(Protocol):
        """What the generated ``checks`` module offers (see automl_objective_codegen.compiler):
        each a ``(check, explain)`` pair."""

        ROOT: tuple[Callable[[Any], bool], Callable[[Any, Any, list[Failure], bool], None]]
        DEFS: dict[
            str, tuple[Callable[[Any], bool], Callable[[Any, Any, list[Failure], bool], None]]
        ]
        AWS: dict[
            str, tuple[Callable[[Any], bool], Callable[[Any, Any, list[Failure], bool], None]]
        ]


@cache
def default_checker() -> Checker:
    """The checker of the bundled schema, built once per process, with its compiled checks."""
    from automl_objective_generated import catalog, checks

    return Checker(None, None, checks, catalog.AWS_INDEX, catalog.KINDS)


def check_options(kind: str, problem_type: str | None) -> None:
    default_checker().check_options(kind, problem_type)


def validate_document(
    document: Document,
    *,
    kind: str = AUTO,
    problem_type: str | None = None,
    strict: bool = False,
) -> FileResult:
    """Validate one parsed document against the bundled schema."""
    if not isinstance(document, Document):
        raise TypeError(f"document must be a parsed Document, not {type(document).__name__}")
    return default_checker().validate(document, kind=kind, problem_type=problem_type, strict=strict)


def _left_if_large(document: Document, *built: object) -> None:
    """A large document of many findings, and what checking it built, left to the process's
    end where the command would free it only to end
    (:func:`~automl_objective.base.collector.left_to_exit`)."""
    if len(document.text) >= LARGE:
        from automl_objective.base.collector import left_to_exit  # a large document only

        left_to_exit(document, *built)


def _place_all(
    document: Document,
    located: list[Located],
    strict: bool,
    worded: list[Located] | None = None,
    failures: list[Failure] | None = None,
) -> list[Finding]:
    """Findings with their positions, all looked up in one pass over the source, sorted by
    position (those without one first) and code. A large document of many findings, with
    ``located``, ``worded`` and the ``failures`` they were worded from, is left to the
    command's end (:func:`_left_if_large`: asked of documents of many findings only, whose
    check costs far more than asking).

    A YAML node reached through several aliases is reported at the first path that reaches
    it, where it is defined, saying at how many more places it is used: an alias bomb gives
    one finding per cause, not one per alias. A run of findings of one long list's items
    failing alike is placed as one unit, where the document's locator can
    (:mod:`~automl_objective.check.run_placing`); the runs the wording made, where
    ``worded`` (the wording's findings) holds them
    (:class:`~automl_objective.check.findings.Findings`), are found again, not sought.
    """
    placed = None
    if len(located) >= _SHORTEST_RUN:
        from automl_objective.check.run_placing import placed_in_runs  # many findings only

        runs = () if worded is None or worded.__class__ is list else worded.runs  # type: ignore[attr-defined]
        placed = placed_in_runs(
            document,
            located,
            strict,
            _SHORTEST_RUN,
            placed_one_by_one,
            _POINTERS_A_DOCUMENT,
            runs,
        )
        _left_if_large(document, located, worded, failures)  # the findings placed, too
    if placed is not None:
        findings, unplaced, in_order = placed
        if in_order:  # each run in the text's order, the runs and the others apart
            return findings
    else:
        spots = document.spots(list(map(_REQUEST, located)))
        others: dict[int, set[Path]] = {}  # a finding kept -> the other paths to the same node
        if list(map(_NODE, spots)).count(None) != len(spots):  # nodes that aliases may share
            located, spots, others = _first_per_node(located, spots)
        findings, unplaced, _ = placed_one_by_one(
            located, spots, others, strict, _POINTERS_A_DOCUMENT
        )
    if unplaced:
        findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.code))
    else:  # every line and column known (1-based): the same order, by a key made in C
        findings.sort(key=_BY_PLACE)
    return findings


def placed_one_by_one(
    located: list[Located],
    spots: list[Spot],
    others: dict[int, set[Path]],
    strict: bool,
    room: int,
) -> tuple[list[Finding], bool, int]:
    """The findings of ``located`` at their ``spots``, each made alone: the findings, whether
    one is not placed, and how many pointers the document may still remember (``room``)."""
    findings = []
    unplaced = False
    pointers = _POINTERS
    for index, (item, (position, _)) in enumerate(zip(located, spots, strict=True)):
        if position is None:
            unplaced = True
            line, column = None, None
        else:
            line, column = position
        severity, code, path, message = item[:4]
        if others and index in others:
            more = len(others[index])
            message += f" (the same YAML node, through aliases, at {more:,} more places)"
        pointer = pointers.get(path)
        if pointer is None:
            pointer = json_pointer(path)
            if room and len(path) <= _POINTER_DEPTH and _PLAIN_TOKENS.issuperset(map(type, path)):
                room -= 1
                if len(pointers) >= _MAX_POINTERS:
                    pointers.clear()
                pointers[path] = pointer
        findings.append(
            Finding("error" if strict else severity, code, pointer, line, column, message)
        )
    return findings, unplaced, room


_SHORTEST_RUN = 32
"""The fewest findings placed as a run (fewer are placed one by one, as any others)."""
_BY_PLACE = operator.attrgetter("line", "column", "code")
_REQUEST = operator.itemgetter(2, 4)  # a Located's (path, at_key): what a spot is asked for
_NODE = operator.itemgetter(1)
_POINTERS: dict[Path, str] = {}
"""The JSON Pointer of each path placed, across the documents of a run (documents of one
form fail at the same paths); only for paths of plain strings and integers (``True`` and
``1`` are equal keys of different pointers), up to :data:`_POINTER_DEPTH` deep; emptied when
full."""
_MAX_POINTERS = 4_096
_POINTERS_A_DOCUMENT = 256
"""The most pointers one document adds to :data:`_POINTERS`: the 5 MB file's 10,001 findings,
each at a path of its own (an item of a long list), would fill it again and again with paths
no other document shares (42 M instructions of its 1,205 M)."""
_POINTER_DEPTH = 16
_PLAIN_TOKENS = frozenset({str, int})


def _first_per_node(
    located: list[Located], spots: list[Spot]
) -> tuple[list[Located], list[Spot], dict[int, set[Path]]]:
    """The findings kept (the first of a code at a node), their spots, and for each kept
    (by its index) the other paths that reach its node."""
    first: dict[tuple[int, str], int] = {}  # (node, code) -> the first finding kept for it
    others: dict[int, set[Path]] = {}
    kept: list[Located] = []
    kept_spots: list[Spot] = []
    for item, spot in zip(located, spots, strict=True):
        node = spot[1]
        if node is not None:
            seen = first.setdefault((node, item.code), len(kept))
            if kept[seen:] and kept[seen].path != item.path:
                others.setdefault(seen, set()).add(item.path)
                continue
        kept.append(item)
        kept_spots.append(spot)
    return kept, kept_spots, others
