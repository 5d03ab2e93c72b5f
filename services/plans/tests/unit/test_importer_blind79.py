"""Plan importer: the reading rules the blind79 set called for (fixtures/plans_heldout/blind78, blind79 and blind82,
plans written by someone who never read the importer), one test per rule, on tables and sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- a column of last year's results
def test_a_year_column_marked_reached_in_brackets_is_last_years_results_not_a_horizon():
    text = GOAL + ("Nội dung | 2024 - 2025 (đạt) | Năm học 2025 - 2026 | Năm học 2027 - 2028\n"
                   "Trẻ 5 tuổi hoàn thành chương trình mầm non (%) | 97,5 | 98 | 99\n"
                   "Giáo viên dạy giỏi cấp huyện (người) | 4 | 5 | 7\n")
    targets = got(text, plan_year=2025, plan_month=9)
    assert ("=", 98, "%", 2026) in targets and ("=", 99, "%", 2028) in targets
    assert ("=", 7, "người", 2028) in targets
    assert not any(t[1] in (97.5, 4) for t in targets)   # what the school reached is no target


# ---------------------------------------------------------------------------- horizons heading groups of named rows
def test_a_horizon_row_across_a_table_of_levels_dates_the_levels_under_it():
    text = GOAL + ("Cấp học | Tỷ lệ học sinh biết bơi (%) | Lên lớp (%)\n"
                   "Năm 2027 |  | \n"
                   "Tiểu học | 45 | 99\n"
                   "Trung học cơ sở | 40 | 97,5\n"
                   "Đến năm 2030 |  | \n"
                   "Tiểu học | 70 | 99,5\n"
                   "Trung học cơ sở | 65 | 98\n")
    targets = got(text)
    assert ("=", 45, "%", 2027) in targets and ("=", 97.5, "%", 2027) in targets
    assert ("=", 70, "%", 2030) in targets and ("=", 98, "%", 2030) in targets
    assert len(targets) == 8
