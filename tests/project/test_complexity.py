"""No hand-written function is above radon's grade C (generated code is exempt)."""

from __future__ import annotations

from radon.complexity import cc_rank, cc_visit

from tests.support.paths import ROOT

HAND_WRITTEN = (ROOT / "src", ROOT / "generator")


def _grades() -> dict[str, str]:
    grades = {}
    for folder in HAND_WRITTEN:
        for path in sorted(folder.rglob("*.py")):
            for block in cc_visit(path.read_text(encoding="utf-8")):
                where = f"{path.relative_to(ROOT)}:{block.lineno} {block.name}"
                grades[where] = cc_rank(block.complexity)
    return grades


def test_every_hand_written_function_is_grade_c_or_better() -> None:
    grades = _grades()
    assert len(grades) > 100  # the walk found the code
    assert {where: grade for where, grade in grades.items() if grade > "C"} == {}
