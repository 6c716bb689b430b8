"""CHANGELOG.md keeps the Keep a Changelog form the release workflow reads: an `[Unreleased]`
section first, then `[X.Y.Z] - YYYY-MM-DD` sections newest first, only the six kinds of change
as subsections, and a link for every heading."""

from __future__ import annotations

import re

from packaging.version import Version

from tests.support.offline_install import REPOSITORY
from tests.support.paths import ROOT

CHANGELOG = (ROOT / "CHANGELOG.md").read_text("utf-8")
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def test_sections_are_unreleased_then_dated_versions_newest_first() -> None:
    headings = re.findall(r"^## (.*)$", CHANGELOG, re.MULTILINE)
    assert headings[0] == "[Unreleased]"
    versions = []
    for heading in headings[1:]:
        match = re.fullmatch(r"\[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}", heading)
        assert match, heading
        versions.append(Version(match.group(1)))
    assert versions == sorted(versions, reverse=True)


def test_subsections_are_kinds_of_change() -> None:
    kinds = re.findall(r"^### (.*)$", CHANGELOG, re.MULTILINE)
    assert kinds and set(kinds) <= KINDS


def test_every_heading_has_its_link_into_the_repository() -> None:
    headings = re.findall(r"^## \[([^\]]+)\]", CHANGELOG, re.MULTILINE)
    links = dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", CHANGELOG, re.MULTILINE))
    assert set(headings) <= set(links)
    assert all(url.startswith(REPOSITORY + "/") for url in links.values())
