"""At call time: check each CreateAutoMLJob / CreateAutoMLJobV2 request before it is sent.

One line enables it, on whatever sends the request::

    check_requests(boto3.client("sagemaker"))        # a client
    check_requests(boto3.Session())                   # a session: the clients it creates next
    check_requests(sagemaker.Session())               # the SageMaker Python SDK's session

The module is named for what it hooks, botocore's event system, which boto3, the SageMaker
Python SDK (v2 and v3) and aiobotocore-style wrappers all send through; it imports neither
boto3 nor botocore (the objects passed in bring their own).

A request with errors raises :class:`AutoMLRequestError` (a ``ValueError`` carrying the
findings) from the handler of ``before-parameter-build``, so nothing is sent; warnings go to
:mod:`warnings` as :class:`AutoMLRequestWarning`.

What is checked is what botocore would send: botocore takes a tuple for a list and a
``Decimal`` for a float, and sends them as a JSON array and number, so they are checked as
those. The request is refused when botocore would refuse it or AWS would refuse what it sends
(a boolean for an integer, which botocore passes on as ``true``; ``NaN``, which it sends as the
string ``"NaN"``); data no JSON could hold (a cycle, a key that is not a string) is an error
naming where, like any other. The caller's parameters are never changed.
"""

from __future__ import annotations

import dataclasses
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from automl_objective.base.finding import Finding

_KINDS = {
    "CreateAutoMLJob": "create-auto-ml-job-request",
    "CreateAutoMLJobV2": "create-auto-ml-job-v2-request",
}
EVENTS = tuple(f"before-parameter-build.sagemaker.{name}" for name in _KINDS)
_UNIQUE = "automl-objective-check"
_SHOWN = 5
"""Findings spelled out in an exception's message; all of them are in ``findings``."""


def _describe(finding: Finding) -> str:
    where = finding.pointer or "(the request)"
    return f"{where}: [{finding.code}] {finding.message}"


class AutoMLRequestError(ValueError):
    """The request would be rejected by AWS (or by botocore): it was not sent."""

    def __init__(self, operation: str, findings: Sequence[Finding]) -> None:
        self.operation = operation
        self.findings = list(findings)
        shown = "; ".join(_describe(f) for f in self.findings[:_SHOWN])
        more = len(self.findings) - _SHOWN
        also = f"; and {more} more" if more > 0 else ""
        count = f"{len(self.findings)} error{'s' * (len(self.findings) != 1)}"
        super().__init__(f"{operation} request not sent, {count}: {shown}{also}")


class AutoMLRequestWarning(UserWarning):
    """A request that AWS accepts, but probably not as meant (see the finding)."""

    def __init__(self, operation: str, finding: Finding) -> None:
        self.operation, self.finding = operation, finding
        super().__init__(f"{operation}: {_describe(finding)}")


def check_request(operation: str, params: dict[str, Any]) -> None:
    """Check one request's parameters (as boto3 takes them); raise or warn as described."""
    from automl_objective.api import validate_data
    from automl_objective.check.plain_data import AS_BOTOCORE_SENDS, NotPlainData, plain_copy

    try:
        sent = plain_copy(params, AS_BOTOCORE_SENDS)
    except NotPlainData as problem:
        finding = Finding("error", problem.code, problem.pointer, None, None, problem.problem)
        raise AutoMLRequestError(operation, [finding]) from None
    result = validate_data(sent, kind=_KINDS[operation], path=operation)
    findings = [_without_position(f) for f in result.findings]
    errors = [f for f in findings if f.severity == "error"]
    for finding in findings:
        if finding.severity != "error":
            warning = AutoMLRequestWarning(operation, finding)
            warnings.warn(warning, stacklevel=_callers_level())
    if errors:
        raise AutoMLRequestError(operation, errors)


def _without_position(finding: Finding) -> Finding:
    """The finding with no line or column: the request has no text of its own, and a line of
    the rendering it was checked in would point at nothing the caller wrote (the pointer
    says where)."""
    return dataclasses.replace(finding, line=None, column=None, cell=None)


_LIBRARIES = ("automl_objective", "botocore", "boto3", "aiobotocore", "aioboto3", "sagemaker")
"""Packages a request passes through between the caller's call and this check."""


def _callers_level() -> int:
    """The ``stacklevel`` that makes a warning name the caller's own call: the first frame,
    counting out from :func:`check_request`'s caller, whose module is none of the libraries
    the request passes through (botocore's client and event system, boto3, the SageMaker
    SDK, this package). A frame whose module is unknown counts as the caller's."""
    level = 2  # check_request's caller
    frame = sys._getframe(2)
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if module.split(".")[0] not in _LIBRARIES:
            return level
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return 2


def _before_parameter_build(params: dict[str, Any], model: Any, **kwargs: Any) -> None:
    check_request(model.name, params)


def check_requests(target: Any) -> Any:
    """Check every AutoML job request ``target`` sends from now on; returns ``target``.

    ``target``: a botocore or boto3 client, a boto3 or botocore session (clients it creates
    afterwards are checked), or an object with a ``sagemaker_client`` (``sagemaker.Session``).
    Enabling twice registers the check once.
    """
    client = getattr(target, "sagemaker_client", None)
    if client is not None:
        check_requests(client)
        return target
    meta = getattr(target, "meta", None)
    events = getattr(meta, "events", None) or getattr(target, "events", None)
    # First: the request is checked as the caller wrote it, before other handlers run.
    register = getattr(events, "register_first", None) or getattr(target, "register", None)
    if not callable(register):
        raise TypeError(
            "check_requests needs a boto3/botocore client or session, or a sagemaker.Session; "
            f"not {type(target).__name__}"
        )
    for event in EVENTS:
        register(event, _before_parameter_build, unique_id=f"{_UNIQUE}-{event}")
    return target
