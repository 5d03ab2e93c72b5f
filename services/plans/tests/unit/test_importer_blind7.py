"""Plan importer: the reading rules the blind7 set called for (fixtures/plans_heldout/blind7, seventeen plans from
seventeen provinces, written before reading the importer), one test per rule, on tables and sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import extract_targets


def got(text: str, **kw) -> list[tuple]:
    return [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year if t.horizon.value else None)
            for t in extract_targets(text, **kw)]


GOAL = "II. CHỈ TIÊU\n"


# ---------------------------------------------------------------------------- tables
def test_a_baseline_column_abbreviated_th_before_the_horizons_is_not_read():
    # "TH 2024-2025" is "thực hiện" (last year's result); the two-row heading puts the horizons under "Chỉ tiêu"
    text = GOAL + (
        "TT | Chỉ tiêu | ĐVT | TH 2024-2025 | Chỉ tiêu phấn đấu | Ghi chú\n"
        "TT | Chỉ tiêu | ĐVT | TH 2024-2025 | Năm 2027 | Năm 2029 | Ghi chú\n"
        "I | CHẤT LƯỢNG\n"
        "1 | Tỷ lệ học sinh đạt chuẩn thể chất | % | 88 | 90 | ≥ 93 | \n"
        "2 | Số phòng học bộ môn | phòng | 2 | – | 4 | Xã hội hóa\n")
    assert got(text) == [("=", 90.0, "%", 2027), (">=", 93.0, "%", 2029), ("=", 4.0, "phòng", 2029)]
