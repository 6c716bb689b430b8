"""The project's address is written once, in pyproject.toml's [project.urls], and every
user-facing line uses it: the install lines, the action's `uses:`, the pre-commit `repo:`, the
schema URLs, the SchemaStore entry, the changelog. The release tag they name is this version's,
the action's moving tag this version's series. Changing the owner, or releasing a new version,
is one edit here and a list of places this test names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from automl_objective import __version__
from tests.support.offline_install import PROJECT, REPOSITORY, TAG
from tests.support.paths import ROOT

OWNER = REPOSITORY.removeprefix("https://github.com/").removesuffix("/automl-objective")
SERIES = "v" + (
    ".".join(__version__.split(".")[:2])
    if __version__.startswith("0.")
    else __version__.split(".")[0]
)
USER_FACING = [
    ROOT / "README.md",
    ROOT / "CHANGELOG.md",
    ROOT / "action.yml",
    ROOT / "editors" / "schemastore-catalog-entry.json",
    *sorted((ROOT / ".github" / "workflows").glob("*.yml")),
]
# Where the address appears: (pattern, what it is); group 1 is the owner.
ADDRESS = [
    (r"github\.com/([\w.-]+)/automl-objective", "a GitHub URL"),
    (r"raw\.githubusercontent\.com/([\w.-]+)/automl-objective", "a raw file URL"),
    (r"uses: ([\w.-]+)/automl-objective@", "the action"),
]


def test_the_urls_are_all_of_one_repository() -> None:
    urls = PROJECT["urls"]
    assert set(urls) == {"Homepage", "Repository", "Issues", "Changelog", "Documentation"}
    assert re.fullmatch(r"https://github\.com/[A-Za-z0-9-]+/automl-objective", REPOSITORY)
    assert all(
        url == REPOSITORY or url.startswith(REPOSITORY + "/") or url.startswith(REPOSITORY + "#")
        for url in urls.values()
    )
    assert urls["Changelog"].endswith("/CHANGELOG.md") and (ROOT / "CHANGELOG.md").is_file()


def _mentions() -> list[tuple[str, str, str]]:
    """(file, what, owner) of every mention of the project's address."""
    found = []
    for path in USER_FACING:
        text = path.read_text("utf-8")
        for pattern, what in ADDRESS:
            found += [(path.name, what, m.group(1)) for m in re.finditer(pattern, text)]
    return found


def test_every_user_facing_line_names_the_repository_of_pyproject() -> None:
    mentions = _mentions()
    assert {what for _, what, _ in mentions} == {what for _, what in ADDRESS}
    assert [m for m in mentions if m[2] != OWNER] == []
    for path in USER_FACING:
        assert "OWNER" not in path.read_text("utf-8"), path.name


@pytest.mark.parametrize(
    "path", [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "action.yml"], ids=lambda p: p.name
)
def test_the_tags_named_are_this_versions(path: Path) -> None:
    """A pinned tag (`@v0.2.0`, `rev: v0.2.0`, `/v0.2.0/` in a URL) is this version's; the
    action's moving tag (`@v0.2`) its series'."""
    text = path.read_text("utf-8")
    pinned = re.findall(r"(?:automl-objective@|rev: |automl-objective/)(v\d+\.\d+\.\d+)\b", text)
    moving = re.findall(r"automl-objective@(v\d+(?:\.\d+)?)(?![.\d])", text)
    assert set(pinned) <= {TAG}
    assert set(moving) <= {SERIES}
    if path.name == "README.md":
        assert pinned and moving
