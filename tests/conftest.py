"""Shared fixtures. The whole suite runs with the network blocked: the toolkit must never
reach out, and a test that tried would fail here rather than pass by luck. Hypothesis draws
by the profile ``AUTOML_OBJECTIVE_HYPOTHESIS`` names (tests/support/fuzzing.py says which)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.support.fuzzing import FUZZ_FACTOR, PROFILE_VARIABLE

_RANDOM = settings.get_profile("default")
settings.register_profile(
    "ci",
    _RANDOM,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    _RANDOM,
    max_examples=_RANDOM.max_examples * FUZZ_FACTOR,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
if os.environ.get(PROFILE_VARIABLE):
    settings.load_profile(os.environ[PROFILE_VARIABLE])


class NetworkBlocked(RuntimeError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkBlocked(f"network access attempted: {args!r}")


@pytest.fixture(autouse=True, scope="session")
def _block_network() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setattr(socket.socket, "connect", _refuse)
    patch.setattr(socket.socket, "connect_ex", _refuse)
    patch.setattr(socket, "create_connection", _refuse)
    patch.setattr(socket, "getaddrinfo", _refuse)
    yield
    patch.undo()
