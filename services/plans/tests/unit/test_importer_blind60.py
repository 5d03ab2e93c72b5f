"""Plan importer: the reading rules the blind60 set called for (fixtures/plans_heldout/blind60, ordinary school
plans written by someone who never read the importer: abbreviated tables, a superior's figures beside the school's,
estimate columns), one test per rule, on documents, sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import got

SCHOOL_YEAR = "II. CHỈ TIÊU NĂM HỌC 2026-2027\n"


# ---------------------------------------------------------------------------- an abbreviated results column
def test_an_abbreviated_results_column_is_a_baseline():
    table = ("TT | Chỉ tiêu | ĐVT | KQ 2025-2026 | Kế hoạch\n"
             "1 | Học sinh hoàn thành chương trình lớp học | % | 98,2 | 99\n"
             "2 | Học sinh đạt giải thi khoa học kĩ thuật | giải | 4 | 6\n")
    assert got(SCHOOL_YEAR + table, own_kind="truong", plan_year=2026) == [("=", 99, "%", 2027), ("=", 6, "giải", 2027)]


# ---------------------------------------------------------------------------- an estimate marked after its year
def test_a_year_marked_as_an_estimate_is_a_baseline_column():
    table = ("TT | Nội dung | Năm 2026 (ước) | Kế hoạch năm 2027 | Kế hoạch năm 2030\n"
             "1 | Học viên hoàn thành lớp bổ túc (người) | 120 | 140 | 180\n")
    assert got("II. MỤC TIÊU\n" + table, plan_year=2026) == [("=", 140, "người", 2027), ("=", 180, "người", 2030)]


# ---------------------------------------------------------------------------- the school's pledge beside the assignment
def test_the_schools_pledge_column_is_read_and_the_assigned_one_is_not():
    table = ("TT | Chỉ tiêu | ĐVT | KQ 2025-2026 | Phường giao | Trường phấn đấu\n"
             "1 | Học sinh lớp 9 đạt chuẩn tiếng Anh bậc 2 | % | 70 | 72 | 78\n"
             "2 | Học sinh đạt giải học sinh giỏi cấp quận | giải | 18 | 15 | 20\n")
    assert got(SCHOOL_YEAR + table, own_kind="truong", plan_year=2026) == [("=", 78, "%", 2027),
                                                                          ("=", 20, "giải", 2027)]


# ---------------------------------------------------------------------------- a section on carrying out the Resolution
def test_a_section_on_carrying_out_the_resolution_sets_targets_as_section_two_does():
    plan = ("II. MỤC TIÊU, CHỈ TIÊU NĂM HỌC 2026-2027\n"
            "- Học sinh hoàn thành chương trình lớp học đạt 99%.\n\n"
            "III. THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW\n"
            "1. Ngoại ngữ: học sinh lớp 5 đạt chuẩn tiếng Anh bậc 1 từ 75% trở lên.\n\n"
            "IV. NHIỆM VỤ, GIẢI PHÁP\n"
            "- Tổ chức chuyên đề về chuyển đổi số.\n\n"
            "V. THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW\n"
            "- Quán triệt: 100% giáo viên được học tập Nghị quyết.\n"
            "- Đến năm 2030: có ít nhất 03 phòng học thông minh.\n")
    assert got(plan, own_kind="truong", plan_year=2026) == [
        ("=", 99, "%", 2027), (">=", 75, "%", 2027), ("=", 100, "%", 2027), (">=", 3, "phòng", 2030)]

