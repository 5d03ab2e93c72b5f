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
