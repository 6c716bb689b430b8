"""Every code a finding can have, once: its name, its usual severity and what it means.

A finding's code is part of the interface (reports show it, users filter on it), so each is
named here and nowhere written as a string: the readers, the checks' messages
(:mod:`automl_objective.check.messages`), the reporters and the README's code table
(rendered by ``automl-objective generate``) all take it from :class:`Code`. A schema rule
names its code in ``x-code``, by value; ``generate`` refuses one that is not a rule code.

Building the enum costs 2.8 M instructions, a tenth of a cold ``validate``'s own: the modules
a clean run imports name :class:`Code` only where a finding is made, importing it there, so
that a run whose documents are clean never builds it (tests/cli/test_start_up.py).
"""

from __future__ import annotations

from enum import StrEnum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal
else:  # typing's Literal, made when first read (a process that reports findings imports no typing)
    from automl_objective.base.records import LiteralLater as Literal
    from automl_objective.base.records import typing_on_first_use

Severity = Literal["error", "warning"]
"""A finding's severity. At run time the module gives it as typing's ``Literal`` to the first
reader (``typing.get_type_hints(Finding)``, an import of it): base/records.py."""
if not TYPE_CHECKING:
    __getattr__ = typing_on_first_use(globals())


class Code(StrEnum):
    """A finding code. A member is its value wherever a string is (``f"[{code}]"``, JSON)."""

    # Rules of the schema and of AWS's shapes: each has a message (check/messages.py).
    METRIC_NOT_ALLOWED = "metric-not-allowed"
    ALGORITHM_NOT_ALLOWED = "algorithm-not-allowed"
    UNKNOWN_METRIC = "unknown-metric"
    UNKNOWN_PROBLEM_TYPE = "unknown-problem-type"
    INCOMPLETE_PAIR = "incomplete-pair"
    OBJECTIVE_IGNORED = "objective-ignored"
    PROBLEM_TYPE_CONFIG = "problem-type-config"
    UNKNOWN_JOB_CONFIG = "unknown-job-config"
    UNKNOWN_MEMBER = "unknown-member"
    MISSING_MEMBER = "missing-member"
    INVALID_VALUE = "invalid-value"
    SCHEMA_VIOLATION = "schema-violation"
    INVALID_TYPE = "invalid-type"
    UNKNOWN_DOCUMENT = "unknown-document"
    # Requests as they are written: worded where they are found.
    PLACEHOLDER = "placeholder"
    NO_SUCH_INTEGRATION = "no-such-integration"
    # Reading a file: worded where the file is read.
    PARSE_ERROR = "parse-error"
    DUPLICATE_KEY = "duplicate-key"
    EMPTY_DOCUMENT = "empty-document"
    ENCODING = "encoding"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"
    INTERNAL_ERROR = "internal-error"

    @property
    def severity(self) -> Severity:
        """The usual severity (a rule under the schema's ``x-warn`` warns instead)."""
        return ABOUT[self].severity

    @property
    def description(self) -> str:
        """One line: SARIF's rule description, the README table's meaning."""
        return ABOUT[self].description

    @property
    def details(self) -> str:
        """What the README's table adds to the description ("" for nothing)."""
        return ABOUT[self].details


class About:
    """What a code means. (A plain class: a NamedTuple cost about 0.5 M instructions of
    every run's start-up, for three attributes read by name.)"""

    __slots__ = ("description", "details", "severity")

    def __init__(self, severity: Severity, description: str, details: str = "") -> None:
        self.severity, self.description, self.details = severity, description, details

    def __repr__(self) -> str:
        return f"About({self.severity!r}, {self.description!r}, {self.details!r})"


ABOUT: dict[Code, About] = {
    Code.METRIC_NOT_ALLOWED: About(
        "error",
        "a valid metric that the job's problem type does not accept",
        "in a CreateAutoMLJob (V1) request also without ProblemType: V1 trains tabular problem "
        "types only, so a time-series metric such as MAPE is refused there",
    ),
    Code.ALGORITHM_NOT_ALLOWED: About(
        "error",
        "an AutoMLAlgorithms value that the job's problem type or training mode does not take",
        "tabular jobs by Mode (ENSEMBLING, HYPERPARAMETER_TUNING; with AUTO or no Mode, one "
        "neither takes), time-series forecasting jobs their own list; with Mode AUTO, one only "
        "one mode takes is a warning (AWS: AlgorithmsConfig should not be set in AUTO mode)",
    ),
    Code.UNKNOWN_METRIC: About(
        "error",
        "not one of the valid MetricName values",
        "with a suggestion for near misses, look-alike letters, stray spaces, and AWS's prose "
        "names such as wQL",
    ),
    Code.UNKNOWN_PROBLEM_TYPE: About("error", "ProblemType is not one of the valid values"),
    Code.INCOMPLETE_PAIR: About(
        "error",
        "ProblemType and AutoMLJobObjective must be given together or not at all",
        "an error in V2; a warning in V1, where AWS's reference states no such rule but the "
        "SageMaker Python SDK enforces it",
    ),
    Code.OBJECTIVE_IGNORED: About(
        "warning", "text generation (LLM fine-tuning) does not use the objective"
    ),
    Code.PROBLEM_TYPE_CONFIG: About(
        "error", "AutoMLProblemTypeConfig does not hold exactly one config"
    ),
    Code.UNKNOWN_JOB_CONFIG: About("error", "an unknown member of AutoMLProblemTypeConfig"),
    Code.UNKNOWN_MEMBER: About(
        "error",
        "an unknown member (AWS rejects them)",
        "inside AutoMLJobObjective, or anywhere in a whole request or response; with a suggestion",
    ),
    Code.MISSING_MEMBER: About(
        "error",
        "a required member is missing",
        "MetricName; in whole files, AWS's required members such as RoleArn",
    ),
    Code.INVALID_VALUE: About(
        "error",
        "a value outside an enum of AWS's service model",
        "with the valid values and a suggestion",
    ),
    Code.SCHEMA_VIOLATION: About(
        "error",
        "a value breaking a length, range or pattern of AWS's service model",
        "an AutoMLJobName with an underscore, say",
    ),
    Code.INVALID_TYPE: About("error", "a value of the wrong JSON type"),
    Code.UNKNOWN_DOCUMENT: About(
        "error",
        "not an AutoMLJobObjective, CreateAutoMLJob or CreateAutoMLJobV2 document",
        "none of the kinds validate knows",
    ),
    Code.PLACEHOLDER: About(
        "error",
        "a value that is a template placeholder (`${NAME}`, `$NAME`), not a value",
        "in place of the pattern and length errors it would get (a value holding a `${NAME}`: "
        "when its text fails its checks, unless no fill can mend them); an option takes them "
        "as values known only at run time",
    ),
    Code.NO_SUCH_INTEGRATION: About(
        "error",
        "a Step Functions task resource that does not exist for AutoML",
        "the optimised `arn:aws:states:::sagemaker:createAutoMLJob` integration, or an "
        "`aws-sdk:` one with `.sync`; AutoML is called through "
        "`arn:aws:states:::aws-sdk:sagemaker:createAutoMLJob(V2)`",
    ),
    Code.PARSE_ERROR: About(
        "error",
        "not valid JSON or YAML",
        "comments, trailing commas, NaN, numbers too large for a double, YAML tags, several "
        "YAML documents and alias bombs are called out by name; also a Python file or notebook "
        "cell that is not Python, a notebook that is not one; a warning, on Python 3.11, for "
        "code whose error is in an f-string Python 3.12 may read (PEP 701)",
    ),
    Code.DUPLICATE_KEY: About(
        "error",
        "a member name repeats in one object",
        "parsers disagree on which one counts",
    ),
    Code.EMPTY_DOCUMENT: About("error", "the document is empty"),
    Code.ENCODING: About(
        "error",
        "not UTF-8 text",
        "UTF-16, binary data; for a Python file, not in the encoding its coding line names",
    ),
    Code.TOO_LARGE: About(
        "error",
        "larger than the size limit",
        "not read; in code, an AutoML call in a statement over 256 KiB and 100,000 tokens, "
        "or past what one file's reading may hold",
    ),
    Code.UNREADABLE: About(
        "error",
        "the file cannot be read",
        "missing, a broken link, permissions, a FIFO or a device",
    ),
    Code.INTERNAL_ERROR: About(
        "error",
        "the checker failed on this file (a bug: please report it)",
        "the other files are checked as usual",
    ),
}
"""What each code means; every :class:`Code` has its entry (tests/check/test_codes.py)."""
