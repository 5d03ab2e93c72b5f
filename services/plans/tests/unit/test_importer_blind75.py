"""Plan importer: the reading rules the blind75–77 sets called for (fixtures/plans_heldout/blind75 … blind77,
ordinary school-year plans written by someone who never read the importer), one test per rule, on documents and
sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got

# ---------------------------------------------------------------------------- a part carrying out the Resolution
SCHOOL_YEAR = (GOAL + "1. Chỉ tiêu năm học 2026 - 2027\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
               "2. {part}\n- Trường đạt chuẩn quốc gia mức độ 2; sĩ số không quá 35 học sinh/lớp.\n")


def test_a_part_carrying_out_the_resolution_to_its_horizon_sets_that_year_for_its_items():
    for part in ("Thực hiện Nghị quyết số 71-NQ/TW, phấn đấu đến năm 2030", "Triển khai Nghị quyết 71 đến năm 2030"):
        targets = got(SCHOOL_YEAR.format(part=part), plan_year=2026, plan_month=9)
        assert ("=", 98, "%", 2027) in targets
        assert ("=", 2, "mức", 2030) in targets and ("<=", 35, "học sinh/lớp", 2030) in targets


def test_a_part_carrying_out_the_resolution_naming_no_year_leaves_the_items_the_plans_year():
    targets = got(SCHOOL_YEAR.format(part="Thực hiện Nghị quyết số 71-NQ/TW"), plan_year=2026, plan_month=9)
    assert not any(t[3] == 2030 for t in targets)

