"""Which JSON and YAML files a folder scan found are passed over rather than read as AutoML
documents: files that hold another SageMaker shape, files that do not parse and empty files,
unless something says they are meant as an AutoML request.

A document's members select its AutoML kind (``InputDataConfig``, ``MetricName``: the table
in Usage), and other SageMaker shapes share them: a CreateTrainingJob request, a
DescribeTrainingJob response, a tuning objective ``{"Type": "Maximize", "MetricName": ...}``.
In a folder scan only, such a document is passed over (skipped, as a document of no known
kind is) when:

- it is not named by the naming convention (``*.create-auto-ml-job.json``, ...: always read);
- another SageMaker shape holding a member that selects an AutoML kind explains more of its
  members than any AutoML document does (CreateTrainingJobRequest explains all seven members
  of a training request, CreateAutoMLJobRequest three; HyperParameterTuningJobObjective both
  of ``{"Type", "MetricName"}``, AutoMLJobObjective one), and
- it has no member only AutoML documents have (``AutoMLJobName``, ``AutoMLJobConfig``): a
  real request with a stray member keeps its ``unknown-member`` finding, and so does an
  objective with one (``{"MetricName", "Direction"}``: no shape explains both).

A found file that is empty, or whose findings are only refusals of its reading (it does not
parse: JSONC, a Helm or Jinja template; strict YAML refuses a member name that is not a string;
CloudFormation would refuse the template: a function it has not, such as a macro's
``!ToNumber``) is passed over unless it is named by the convention, read leniently it holds an
AutoML document, or its text shows a sign of an AutoML request
(:func:`shows_an_automl_request`).
The shapes and the AutoML-only members are generated from botocore's model (the generated
package's ``look_alikes.py``), the metrics from the schema (its ``metric_names.py``); a file
named on the command line is read as it always was.
"""

from __future__ import annotations

import re
import unicodedata

from automl_objective.inputs import request_files
from automl_objective.inputs.globs import Globs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_convention: Globs | None = None


def named_as_request(path: str) -> bool:
    """Whether the file's name follows the naming convention of request files (the
    pre-commit hook's default ``files``)."""
    global _convention
    if _convention is None:
        _convention = Globs(request_files.KIND.hook_globs or ())
    return _convention(path)


def other_shape(data: Any) -> str | None:
    """The SageMaker shape that explains more of ``data``'s members than any AutoML document
    does, when ``data`` has no member only AutoML documents have (of the shapes explaining
    most, the one with the fewest members, then the first by name); None otherwise (not an
    object, an AutoML member present, or no shape explaining more)."""
    if not isinstance(data, dict):
        return None
    from automl_objective_generated.look_alikes import AUTOML_DOCUMENTS, AUTOML_ONLY, LOOK_ALIKES

    names = data.keys()
    if not AUTOML_ONLY.isdisjoint(names):
        return None
    automl = max(len(names & members) for members in AUTOML_DOCUMENTS.values())
    explained, _, shape = min(
        (-len(names & members), len(members), shape) for shape, members in LOOK_ALIKES.items()
    )
    return shape if -explained > automl else None


def names_an_automl_request(text: str) -> bool:
    """Whether a text that does not parse says it is meant as an AutoML request: it names a
    member only AutoML documents have (``AutoMLJobName``, ...), or gives ``MetricName`` a
    metric of the schema's (``"MetricName": "F1",`` with a trailing comma; a tuning job's
    ``validation:auc`` or a CloudWatch metric is none)."""
    from automl_objective_generated.look_alikes import AUTOML_ONLY

    if any(name in text for name in AUTOML_ONLY):
        return True
    return "MetricName" in text and _metric_given().search(text) is not None


_metric_pattern: re.Pattern[str] | None = None


def _metric_given() -> re.Pattern[str]:
    """``MetricName`` followed, in JSON or YAML, by one of the schema's metrics as its whole
    value."""
    global _metric_pattern
    if _metric_pattern is None:
        from automl_objective_generated.metric_names import METRIC_NAMES

        names = "|".join(map(re.escape, sorted(METRIC_NAMES, key=len, reverse=True)))
        _metric_pattern = re.compile(
            rf"""MetricName["']?[ \t]*:[ \t]*["']?(?:{names})(?![\w:./-])"""
        )
    return _metric_pattern


def shows_an_automl_request(text: str) -> bool:
    """Whether a text shows any sign of an AutoML request, however it holds one: it writes
    what a template's AutoML job, a state machine's task, a pipeline's step or code holding a
    request cannot lack (:data:`.template_requests.AUTOML_MARKS`: ``AWS::SageMaker::AutoMLJob``,
    ``createAutoMLJob``, ``"Type": "AutoML"``, ``create_auto_ml_job``), a call the Python
    reader recognises (:func:`.python.reader.mentions_automl`: ``session.auto_ml(``), or
    what :func:`names_an_automl_request` looks for. Text that is not ASCII is compared after
    NFKC normalisation, as Python reads identifiers (a fullwidth letter is its ASCII one)."""
    from automl_objective.inputs.template_requests import AUTOML_MARKS

    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if any(mark in text for mark in AUTOML_MARKS):
        return True
    if "auto_ml" in text:
        from automl_objective.inputs.python.reader import mentions_automl

        if mentions_automl(text):
            return True
    return names_an_automl_request(text)


_MAY_WRITE_A_NAME = re.compile(r"\\[xuU\r\n\x85\u2028\u2029]")
"""An escape that may write a member name unlike its text: JSON's and YAML's ``\\u0041``,
YAML's ``\\x41`` and ``\\U00000041``, and a line break escaped in a double-quoted YAML scalar
(``"Start\\`` and ``At"`` on the next line are ``StartAt``). Without one, a member's name is
written as it reads (folding a plain or quoted YAML scalar over lines joins them with a
space; tags and aliases do not make names)."""


def may_hold_an_automl_document(text: str) -> bool:
    """Whether a JSON or YAML text may hold an AutoML document: it writes a member that
    selects a document kind (the generated catalog's ``DOCUMENT_KINDS``: ``MetricName``,
    ``InputDataConfig``, ...), or an escape that may write one (:data:`_MAY_WRITE_A_NAME`).
    A text that does not holds none, read however leniently: it needs not be read to tell."""
    from automl_objective_generated.catalog import DOCUMENT_KINDS

    if any(name in text for _, names in DOCUMENT_KINDS for name in names):
        return True
    return _MAY_WRITE_A_NAME.search(text) is not None


def may_be_of_a_known_kind(text: str) -> bool:
    """Whether a JSON or YAML text may hold a document of a known kind: an AutoML document
    (:func:`may_hold_an_automl_document`), or one a registered kind recognises, whose
    ``members`` it writes (each of a group: ``StartAt`` and ``States``; a kind that declares
    none may be held by any text)."""
    from automl_objective.inputs import registry

    for kind in registry.KINDS:
        groups = kind.members
        if kind.recognises is not None and (
            groups is None or any(all(name in text for name in group) for group in groups)
        ):
            return True
    return may_hold_an_automl_document(text)
