"""The one place for what a document is: its kind, its problem type and its effective
objective (the metric AWS will optimise, and in which direction).

The validator, ``resolve`` and the generated models all ask here.
"""

from __future__ import annotations

from automl_objective.base.dynamic import DYNAMIC

TYPE_CHECKING = False
if not TYPE_CHECKING:
    from automl_objective.base.records import LiteralOnFirstUse, record

    # Resolution's annotations resolve (typing.get_type_hints) to typing's Literal, imported
    # only then: a clean run never imports typing (about 15 M instructions of a cold run).
    Literal = LiteralOnFirstUse()
if TYPE_CHECKING:  # a dataclass to its users; see base/records.py
    from dataclasses import dataclass as record
    from typing import Any, Literal

    from automl_objective.check.catalog import Catalog

    Source = Literal["explicit", "default", "unused", "undetermined"]


@record(frozen=True)
class Resolution:
    """The objective AWS will optimise for a document (the generated models'
    ``effective_objective()`` returns one too)."""

    problem_type: str | None
    metric: str | None
    direction: str | None
    source: Literal["explicit", "default", "unused", "undetermined"]
    note: str

    def __init__(
        self,
        problem_type: str | None,
        metric: str | None,
        direction: str | None,
        source: Source,
        note: str,
    ) -> None:
        setter = object.__setattr__
        setter(self, "problem_type", problem_type)
        setter(self, "metric", metric)
        setter(self, "direction", direction)
        setter(self, "source", source)
        setter(self, "note", note)

    def as_dict(self) -> dict[str, Any]:
        """The fields by their attribute names, as every JSON output names them."""
        return {
            "problem_type": self.problem_type,
            "metric": self.metric,
            "direction": self.direction,
            "source": self.source,
            "note": self.note,
        }


def kind_by_members(
    data: Any, document_kinds: tuple[tuple[str, tuple[str, ...]], ...]
) -> str | None:
    """The first kind of ``document_kinds`` (a catalog's: kind, members that select it) one
    of whose members ``data`` has (None: not an object, or none): ``Catalog.kind_of``, for a
    checker that has no catalog made (a clean run never makes one)."""
    if not isinstance(data, dict):
        return None
    for kind, keys in document_kinds:
        if not data.keys().isdisjoint(keys):
            return kind
    return None


KNOWN_NAME_LISTS = 256
"""How many lists of member names a :class:`DocumentKinds` remembers the kind of."""
KNOWN_NAMES_AT_MOST = 64
"""A document with more members is told its kind afresh (what is kept stays small)."""
_UNKNOWN: Any = object()


class DocumentKinds:
    """What :func:`document_kind` reads of the catalog (its ``document_kinds``) and AWS's
    index, laid out once (a checker asks for every document): calling it gives the same kind.

    Only member names decide a kind, so the kind of each list of names is remembered (up to
    :data:`KNOWN_NAME_LISTS` lists of at most :data:`KNOWN_NAMES_AT_MOST` names): the
    documents of a project repeat their members, and a lookup of the names costs a quarter of
    telling the kind. Names that compare equal (``1`` and ``True`` as YAML keys) are alike to
    every test here, which compares them with member names."""

    __slots__ = ("_by_members", "_known", "_marker", "_tolerance", "_whole")

    def __init__(
        self,
        document_kinds: tuple[tuple[str, tuple[str, ...]], ...],
        aws_index: dict[str, Any] | None = None,
    ) -> None:
        self._by_members = document_kinds
        self._marker = aws_index.get("whole_document_marker") if aws_index else None
        self._tolerance = aws_index.get("whole_when_missing_at_most", 0) if aws_index else 0
        # base kind -> (members that select it, members AWS requires, the whole kind), in order
        self._whole: dict[str, list[tuple[frozenset[str], frozenset[str], str]]] = {}
        for entry in (aws_index or {}).get("kinds", ()) if self._marker is not None else ():
            when, required = frozenset(entry["when"]), frozenset(entry.get("required", ()))
            self._whole.setdefault(entry["base"], []).append((when, required, str(entry["kind"])))
        self._known: dict[tuple[Any, ...], str | None] = {}

    def __call__(self, data: Any) -> str | None:
        if not isinstance(data, dict) or len(data) > KNOWN_NAMES_AT_MOST:
            return self._kind(data)
        names = tuple(data)
        kind = self._known.get(names, _UNKNOWN)
        if kind is _UNKNOWN:
            kind = self._kind(data)
            if len(self._known) < KNOWN_NAME_LISTS:
                self._known[names] = kind
        return kind  # type: ignore[no-any-return]

    def _kind(self, data: Any) -> str | None:
        base = kind_by_members(data, self._by_members)
        entries = self._whole.get(base) if base is not None else None
        if not entries:
            return base
        whole = self._marker in data
        keys = data.keys()
        for when, required, kind in entries:
            if keys >= when and (whole or len(required - keys) <= self._tolerance):
                return kind
        return base


def document_kind(
    data: Any, catalog: Catalog, aws_index: dict[str, Any] | None = None
) -> str | None:
    """The kind a document is checked as: by the members present (the schema's root chain),
    and, given AWS's index, a whole request or response when it has the whole-document marker
    (AutoMLJobName) or all but one of the AWS shape's required members (a typo in the marker).
    Only member names decide, so a request holding parts known only at run time is the kind
    its members say (a V2 call is V2 whatever its values are). (A caller asking for many
    documents makes one :class:`DocumentKinds` and calls it.)"""
    return DocumentKinds(catalog.document_kinds, aws_index)(data)


def _base_kind(kind: str | None) -> str | None:
    """The objective rules' kind of a whole AWS request or response kind."""
    if kind is None:
        return None
    from automl_objective.base.schema import load_aws_index

    for entry in load_aws_index()["kinds"]:
        if entry["kind"] == kind:
            return str(entry["base"])
    return kind


def problem_type_of(data: Any, kind: str | None, catalog: Catalog) -> str | None:
    """The problem type a (valid) document states, or None where it leaves it to AWS."""
    from automl_objective.check.catalog import TABULAR_JOB_CONFIG

    kind = _base_kind(kind)
    if not isinstance(data, dict):
        return None
    if kind == "create-auto-ml-job":
        value = data.get("ProblemType")
        return value if isinstance(value, str) else None
    if kind == "create-auto-ml-job-v2":
        config = data.get("AutoMLProblemTypeConfig")
        if not isinstance(config, dict) or len(config) != 1:
            return None
        ((name, body),) = config.items()
        if name == TABULAR_JOB_CONFIG:
            value = body.get("ProblemType") if isinstance(body, dict) else None
            return value if isinstance(value, str) else None
        rule = catalog.rule_for_job_config(name)
        return rule.name if rule else None
    return None


_RUN_TIME = "the {} is known only at run time"


def _problem_type_at_run_time(data: Any, kind: str | None) -> bool:
    """Whether the problem type a request states is known only at run time."""
    from automl_objective.check.catalog import TABULAR_JOB_CONFIG

    if not isinstance(data, dict):
        return False
    base = _base_kind(kind)
    if base == "create-auto-ml-job":
        return data.get("ProblemType") is DYNAMIC
    config = data.get("AutoMLProblemTypeConfig") if base == "create-auto-ml-job-v2" else None
    if config is DYNAMIC:
        return True
    body = config.get(TABULAR_JOB_CONFIG) if isinstance(config, dict) else None
    return body is DYNAMIC or (isinstance(body, dict) and body.get("ProblemType") is DYNAMIC)


def resolve_objective(
    data: Any, kind: str | None, problem_type: str | None = None, catalog: Catalog | None = None
) -> Resolution:
    """Resolve a document that already passed validation. ``problem_type`` applies to an
    objective alone: a request or response states its own (or leaves it to Autopilot). A
    problem type or metric known only at run time
    (:data:`~automl_objective.base.dynamic.DYNAMIC`) leaves the objective undetermined:
    nothing is guessed."""
    if catalog is None:
        from automl_objective.check.catalog import load_catalog

        catalog = load_catalog()
    if _base_kind(kind) != "objective":
        problem_type = problem_type_of(data, kind, catalog)
    objective = data if _base_kind(kind) == "objective" else (data or {}).get("AutoMLJobObjective")
    metric = objective.get("MetricName") if isinstance(objective, dict) else None
    rule = catalog.problem_type(problem_type) if problem_type else None
    if rule is not None and not rule.objective_used:
        return Resolution(
            problem_type,
            None,
            None,
            "unused",
            "the objective is not used: fine-tuning optimises the cross-entropy loss",
        )
    if not isinstance(objective, (dict, type(None))) or metric is DYNAMIC:
        return Resolution(problem_type, None, None, "undetermined", _RUN_TIME.format("metric"))
    if metric is not None:
        return Resolution(
            problem_type,
            metric,
            catalog.metric(metric).direction,
            "explicit",
            "given in the document",
        )
    if _problem_type_at_run_time(data, kind):
        return Resolution(None, None, None, "undetermined", _RUN_TIME.format("problem type"))
    if rule is not None and rule.default is not None:
        return Resolution(
            problem_type,
            rule.default,
            catalog.metric(rule.default).direction,
            "default",
            f"AWS's default for {rule.name}",
        )
    return Resolution(
        None,
        None,
        None,
        "undetermined",
        "no problem type is given: Autopilot infers it from the data, and the default metric "
        "follows from what it infers",
    )
