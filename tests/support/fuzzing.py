"""How hypothesis draws in this suite: the profiles tests/conftest.py registers and how many
examples a test asks for under each.

- ``default`` (people running the tests): hypothesis's own, random draws and its database.
- ``ci`` (`.ci/run` and the workflow select it through ``AUTOML_OBJECTIVE_HYPOTHESIS``):
  the same draws on every run (``derandomize``) and no database, so CI is red or green by the
  code alone, never by a lucky draw; searching is the ``fuzz`` profile's job.
- ``fuzz`` (maintainers, on a schedule: CONTRIBUTING.md): random draws, ``FUZZ_FACTOR`` times
  the examples each test asks for (50, or what ``AUTOML_OBJECTIVE_FUZZ_FACTOR`` says, for a
  shorter or longer run), the database kept so a find replays.
"""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE_VARIABLE = "AUTOML_OBJECTIVE_HYPOTHESIS"
FUZZ_FACTOR = int(os.environ.get("AUTOML_OBJECTIVE_FUZZ_FACTOR", "50"))


def examples(count: int) -> int:
    """The examples a test drawing ``count`` in the suite draws under the current profile
    (a test's own ``max_examples`` overrides any profile's, so the fuzz profile scales it here)."""
    if settings.get_current_profile_name() == "fuzz":
        return count * FUZZ_FACTOR
    return count
