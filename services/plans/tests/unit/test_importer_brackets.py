"""Plan importer: a bracket that gives a year's figure beside a target (one rule, :func:`_gone_by_bracket`), on
sentences written for the test (pure, no files)."""
from __future__ import annotations

import pytest

from .importer_probes import GOAL, got

SPRING, AUTUMN = 3, 10   # the months a plan of 2026 is issued in: before and after the school year 2025 - 2026 ended


@pytest.mark.parametrize("bracket", [
    "(năm 2025: 96,1%)", "(năm 2025 đạt 96,1%)", "(năm 2025 96,1%)",
    "(năm học 2025 - 2026: 96,1%)", "(năm học 2025-2026 đạt 96,1%)", "(năm 2025 - 2026: 96,1%)",
])
def test_a_bracket_labelled_with_a_year_gone_by_gives_that_years_figure_however_it_is_written(bracket):
    text = GOAL + f"- Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 98% {bracket} vào năm 2028.\n"
    assert got(text, plan_year=2026, plan_month=SPRING) == [("=", 98, "%", 2028)]


def test_the_plans_own_year_is_gone_by_beside_the_plans_figure_or_once_its_school_year_ended():
    beside = GOAL + "- Học sinh lên lớp đạt từ 98% trở lên (năm 2026 đạt 97,4%).\n"
    assert [t[1] for t in got(beside, plan_year=2026, plan_month=SPRING)] == [98]
    ahead = GOAL + "- Học sinh lên lớp (năm 2026 đạt 97,4%), phấn đấu 98% vào năm 2028.\n"
    assert got(ahead, plan_year=2026, plan_month=SPRING) == [("=", 97.4, "%", 2026), ("=", 98, "%", 2028)]
    assert got(ahead, plan_year=2026, plan_month=AUTUMN) == [("=", 98, "%", 2028)]


def test_a_bracket_of_a_year_still_ahead_is_a_step_of_the_way():
    text = GOAL + "- Học sinh biết bơi đạt 90% vào năm 2030 (năm 2028 đạt 75%).\n"
    assert got(text, plan_year=2026, plan_month=SPRING) == [("=", 90, "%", 2030), ("=", 75, "%", 2028)]
