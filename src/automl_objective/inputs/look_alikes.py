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

A found file that does not parse even leniently (JSONC, a Helm or Jinja template) or is empty
is passed over unless it is named by the convention or its text says it is meant as a request:
it names a member of AutoML documents only, or gives ``MetricName`` one of the schema's
metrics.
The shapes and the AutoML-only members are generated from botocore's model (the generated
package's ``look_alikes.py``); a file named on the command line is read as it always was.
"""

from __future__ import annotations

import re

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
        from automl_objective_generated.look_alikes import METRICS

        names = "|".join(map(re.escape, sorted(METRICS, key=len, reverse=True)))
        _metric_pattern = re.compile(
            rf"""MetricName["']?[ \t]*:[ \t]*["']?(?:{names})(?![\w:./-])"""
        )
    return _metric_pattern
