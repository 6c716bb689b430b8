"""check_sources and digest_sources take the same options: one list, held so here."""

from __future__ import annotations

import inspect

from automl_objective import api


def _options(function: object) -> list[tuple[str, object, str, str]]:
    """Each keyword option: its name, kind, default and annotation (as written)."""
    parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    return [
        (p.name, p.kind, repr(p.default), str(p.annotation))
        for p in parameters
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]


def test_digest_sources_takes_every_option_of_check_sources_and_no_other() -> None:
    """An option added to (or dropped from) one of them fails here until the other follows:
    the CLI hands the same options to whichever it calls."""
    assert len(_options(api.check_sources)) >= 10
    assert _options(api.digest_sources) == _options(api.check_sources)
