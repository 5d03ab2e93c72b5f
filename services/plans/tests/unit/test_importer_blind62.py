"""Plan importer: the reading rules the blind62 set called for (fixtures/plans_heldout/blind62, annual guidance that
sets targets, written by someone who never read the importer), one test per rule, on sentences and tables written for
the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import got


# ---------------------------------------------------------------------------- another body's targets in the last column
def test_a_last_column_of_the_province_wide_targets_is_not_read_beside_the_plans_own():
    table = ("II. CHỈ TIÊU NĂM HỌC\n"
             "TT | Nội dung | Thực hiện 2025-2026 | Chỉ tiêu 2026-2027 | Chỉ tiêu toàn tỉnh (Sở giao)\n"
             "1 | Tỷ lệ trẻ 5 tuổi học 2 buổi/ngày (%) | 96,5 | 98 | 99\n"
             "2 | Tỷ lệ học sinh lớp 9 học tiếp (%) | 84 | 88 | 91\n")
    targets = got(table)
    assert ("=", 98, "%", 2027) in targets and ("=", 88, "%", 2027) in targets
    assert not any(t[1] in (99, 91, 96.5, 84) for t in targets)   # the province's figures and last year's results
