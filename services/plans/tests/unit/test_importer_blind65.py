"""Plan importer: the reading rules the blind65 set called for (fixtures/plans_heldout/blind65, ordinary plans of
schools in special circumstances: boarding, satellite sites, island, inclusive; written by someone who never read the
importer), one test per rule, on sentences and tables written for the test (none copied from a fixture; pure, no
files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets


# ---------------------------------------------------------------------------- counts of pupils too large for shares
def test_figures_too_large_for_a_share_under_a_row_of_pupils_are_counts_of_them():
    table = ("TT | Đối tượng | Năm học 2026 - 2027 | Năm học 2028 - 2029\n"
             "1 | Học sinh ở nội trú | 1.240 | 1.380\n"
             "2 | Học sinh bán trú THCS | 865 | 910\n")
    targets = got(GOAL + table)
    assert ("=", 1240, "học sinh", 2027) in targets and ("=", 1380, "học sinh", 2029) in targets
    assert ("=", 865, "học sinh", 2027) in targets and ("=", 910, "học sinh", 2029) in targets


def test_small_bare_figures_under_a_row_of_pupils_are_still_not_read_as_counts():
    table = ("TT | Đối tượng | Năm học 2026 - 2027 | Năm học 2028 - 2029\n"
             "1 | Học sinh đạt giải thể thao | 45 | 60\n")
    assert not any(t[2] == "học sinh" for t in got(GOAL + table))   # a share with "%" left out, maybe


# ---------------------------------------------------------------------------- done away with altogether: none left
def test_doing_away_with_every_temporary_classroom_is_a_zero_target():
    targets = got(GOAL + "- Đến năm 2029, xóa toàn bộ phòng học tạm ở các thôn bản; 100% trường có nhà vệ sinh đạt chuẩn.\n")
    assert ("=", 0, "phòng", 2029) in targets and ("=", 100, "%", 2029) in targets
    assert ("=", 0, "phòng", 2028) in got(GOAL + "- Đến năm 2028 xóa hết phòng học mượn.\n")


# ---------------------------------------------------------------------------- a bracket that gives a past year's figure
def test_a_bracketed_figure_of_a_school_year_gone_by_is_a_baseline_and_no_horizon():
    text = ("UBND XÃ TÂN SƠN\nTRƯỜNG MẦM NON TÂN SƠN\nSố: 21/KH-MN\nTân Sơn, ngày 05 tháng 10 năm 2026\n"
            "KẾ HOẠCH\nThực hiện Nghị quyết 71 đến năm 2030\n" + GOAL
            + "Năm học 2026 - 2027: huy động 97% trẻ mẫu giáo ra lớp (năm học 2025 - 2026: 94,2%), 100% trẻ 5 tuổi học "
              "2 buổi/ngày. Đến năm 2030: huy động trên 99% trẻ mẫu giáo ra lớp.\n")
    targets = plan_targets(text)
    assert ("=", 97, "%", 2027) in targets and ("=", 100, "%", 2027) in targets and (">", 99, "%", 2030) in targets
    assert not any(t[1] == 94.2 for t in targets)
