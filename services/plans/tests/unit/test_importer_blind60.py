"""Plan importer: the reading rules the blind60 set called for (fixtures/plans_heldout/blind60, ordinary school
plans written by someone who never read the importer: abbreviated tables, a superior's figures beside the school's,
estimate columns), one test per rule, on documents, sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets

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


# ---------------------------------------------------------------------------- parts by subject after the horizon's part
def test_parts_by_subject_after_the_part_naming_the_horizon_are_due_by_it():
    plan = ("II. CHỈ TIÊU\n"
            "1. Các chỉ tiêu đến năm 2030\n"
            "- Tỷ lệ trẻ mẫu giáo ra lớp đạt 98%.\n"
            "2. Cơ sở vật chất\n"
            "- Có 07/10 trường đạt chuẩn quốc gia; trong năm học 2026-2027 có thêm 01 trường được công nhận.\n"
            "- Mỗi trường có ít nhất 03 phòng học bộ môn.\n\n"
            "III. NHIỆM VỤ, GIẢI PHÁP\n"
            "- Rà soát quỹ đất.\n")
    assert got(plan, plan_year=2026) == [("=", 98, "%", 2030), ("=", 7, "trường", 2030), ("=", 1, "trường", 2027),
                                         (">=", 3, "phòng", 2030)]


# ---------------------------------------------------------------------------- a school year's key tasks
def test_a_school_years_key_tasks_set_its_figures_where_no_section_names_targets():
    plan = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027\n\n"
            "I. ĐẶC ĐIỂM TÌNH HÌNH\n"
            "Năm học trước tỷ lệ trẻ suy dinh dưỡng 4,1%.\n\n"
            "II. NHIỆM VỤ TRỌNG TÂM\n"
            "1. Nuôi dưỡng: trẻ được uống sữa học đường đạt 60%, giảm tỷ lệ trẻ suy dinh dưỡng xuống dưới 3%.\n"
            "2. Giáo dục: 100% trẻ 5 tuổi hoàn thành chương trình giáo dục mầm non.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "- Hiệu trưởng chỉ đạo chung.\n")
    assert [t[:4] for t in plan_targets(plan)] == [("=", 60, "%", 2027), ("<", 3, "%", 2027), ("=", 100, "%", 2027)]


# ---------------------------------------------------------------------------- a rank's group cut by a line break
def test_a_rank_group_a_line_break_cut_from_its_number_is_one_rank():
    text = GOAL + ("- Đến năm 2030, trường giữ vững chuẩn quốc gia mức độ 1 và nằm trong nhóm\n"
                   "15 trường dẫn đầu của tỉnh về kết quả thi tốt nghiệp.\n")
    assert got(text, plan_year=2026) == [("=", 1, "mức", 2030), ("<=", 15, "hạng", 2030)]


# ---------------------------------------------------------------------------- a deadline that closes its clause
def test_a_deadline_before_a_semicolon_is_its_own_clauses():
    text = GOAL + ("3. Cơ sở vật chất: xây thêm 02 phòng học bộ môn trước năm 2028; thay mới 100% bàn ghế học sinh.\n"
                   "4. Chuyển đổi số: 100% sổ điểm dùng bản điện tử trong năm 2027; ít nhất 70% giáo viên dùng học liệu số.\n")
    assert got(text, plan_year=2026, plan_horizon=2030) == [("=", 2, "phòng", 2027), ("=", 100, "%", 2030),
                                                            ("=", 100, "%", 2027), (">=", 70, "%", 2030)]


# ---------------------------------------------------------------------------- a month of a year to do it in
def test_a_targets_own_month_gives_its_year_and_closes_its_clause():
    text = GOAL + ("- Tuyên truyền: 100% cha mẹ học sinh, giáo viên được phổ biến Nghị quyết trong tháng 11/2026; "
                   "100% giáo viên đạt chuẩn trình độ đào tạo.\n"
                   "- 100% tổ chuyên môn xây dựng kế hoạch bài dạy số (hoàn thành trong tháng 3 năm 2027).\n")
    assert got(text, plan_year=2026, plan_horizon=2030) == [("=", 100, "%", 2026), ("=", 100, "%", 2030),
                                                            ("=", 100, "%", 2027)]
