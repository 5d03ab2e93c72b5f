"""Plan importer: the reading rules the blind50 set called for (fixtures/plans_heldout/blind50, busy principals'
drafts written by someone who never read the importer: abbreviations everywhere, telegraphic lines whose unit comes
from a heading), one test per rule, on sentences and tables written for the test (none copied from a fixture; pure,
no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got

SCHOOL_YEAR = "II. CHỈ TIÊU NĂM HỌC 2027 - 2028\n"


# ---------------------------------------------------------------------------- "(TH)": a column of results
def test_a_year_column_marked_th_in_brackets_is_last_year_s_results():
    for done in ("Năm 2026 (TH)", "NH 2025-2026 (TH)", "Năm 2026 (ƯTH)"):
        text = (GOAL + f"STT | Chỉ tiêu | ĐVT | {done} | Năm 2028 | Năm 2029\n"
                "1 | Số phòng học bộ môn | phòng | 6 | 8 | 9\n"
                "2 | Tỷ lệ học sinh biết bơi | % | 41 | 55 | 70\n")
        assert got(text) == [("=", 8, "phòng", 2028), ("=", 9, "phòng", 2029),
                             ("=", 55, "%", 2028), ("=", 70, "%", 2029)], done


# ---------------------------------------------------------------------------- abbreviated nouns of a count
def test_teachers_and_learners_abbreviated_are_counted_as_such():
    assert got(GOAL + "- Mỗi năm có ít nhất 03 GV đạt giáo viên dạy giỏi cấp huyện.\n") == [(">=", 3, "giáo viên", None)]
    assert got(GOAL + "- Lớp xóa mù chữ: ít nhất 45 HV/năm.\n") == [(">=", 45, "học viên", None)]


# ---------------------------------------------------------------------------- the unit a heading gives its lines
def test_items_under_a_heading_whose_unit_is_a_share_are_shares():
    for heading in ("2. Chất lượng giáo dục (%)", "Các chỉ tiêu chất lượng (%):", "Đơn vị tính: %"):
        text = (SCHOOL_YEAR + heading + "\n- Học sinh lưu ban: không quá 1,2\n- Chuyên cần: từ 96 trở lên\n"
                "- Học sinh lớp 1 đọc thông viết thạo: 98,5\n- Tỷ lệ thôi học dưới 0,4\n"
                "- Học sinh lớp 9 vào lớp 10: 82 - 88\n")
        assert got(text) == [("<=", 1.2, "%", 2028), (">=", 96, "%", 2028), ("=", 98.5, "%", 2028),
                             ("<", 0.4, "%", 2028), (">=", 82, "%", 2028)], heading


def test_the_heading_s_unit_ends_with_its_items():
    text = (SCHOOL_YEAR + "2. Chất lượng giáo dục (%)\n- Học sinh lưu ban: không quá 1,2\n"
            "Cơ sở vật chất:\n- Phòng học bộ môn: ít nhất 4\n")
    assert got(text) == [("<=", 1.2, "%", 2028), (">=", 4, "", 2028)]


def test_a_heading_without_a_unit_makes_no_bare_figure_a_share():
    text = SCHOOL_YEAR + "2. Chất lượng giáo dục\n- Học sinh lớp 1 đọc thông viết thạo: 98,5\n"
    assert got(text) == []


def test_a_year_s_step_in_brackets_after_a_share_is_its_own_figure():
    text = SCHOOL_YEAR + "2. Chất lượng (%)\n- Tốt nghiệp THPT ≥ 96 (2030: 98)\n"
    assert got(text) == [(">=", 96, "%", 2028), ("=", 98, "%", 2030)]
    text = GOAL + "1. Đến năm 2030\n- Học viên lớp 12 tốt nghiệp: ≥ 92% (năm 2028: 90%)\n"
    assert got(text) == [(">=", 92, "%", 2030), ("=", 90, "%", 2028)]
    # ("riêng năm …": an exception to the same bound)
    text = GOAL + "1. Đến năm 2030\n- Học viên lớp 12 tốt nghiệp không dưới 92% (riêng năm 2028: 90%)\n"
    assert got(text) == [(">=", 92, "%", 2030), (">=", 90, "%", 2028)]


def test_a_table_s_unit_on_the_line_above_it_or_beside_its_labels_heading():
    rows = "Học sinh lên lớp | 98,2\nHọc sinh đạt giải cấp huyện | 12\n"
    for above, head in (("Đơn vị tính: %\n", "Nội dung | Chỉ tiêu\n"), ("", "Nội dung (%) | Chỉ tiêu\n"),
                        ("3. Chất lượng giáo dục (%)\n", "Nội dung | Chỉ tiêu\n")):
        assert got(SCHOOL_YEAR + above + head + rows) == [("=", 98.2, "%", 2028), ("=", 12, "%", 2028)], above + head


def test_a_table_typed_with_spaces_under_its_unit_line():
    text = (SCHOOL_YEAR + "Đơn vị tính: %\nNội dung                        Chỉ tiêu\n"
            "Học sinh lên lớp                98,2\nHọc sinh tham gia STEM          75\n")
    assert got(text) == [("=", 98.2, "%", 2028), ("=", 75, "%", 2028)]


def test_a_one_column_table_under_a_part_without_a_year_is_due_by_the_plan_s_horizon():
    text = (SCHOOL_YEAR + "1. Quy mô\n- Số lớp: 24\n2. Chất lượng\nNội dung | Chỉ tiêu (%)\n"
            "Học sinh lên lớp | 98,2\n")
    assert got(text, plan_horizon=2028) == [("=", 24, "lớp", 2028), ("=", 98.2, "%", 2028)]


# ---------------------------------------------------------------------------- a baseline column before the grades
def test_a_school_year_before_the_grade_columns_is_last_year_s_figures():
    text = (SCHOOL_YEAR + "Chỉ tiêu | ĐVT | NH 2026-2027 | Khối 6 | Khối 7 | Khối 8\n"
            "Học sinh lên lớp | % | 96,1 | 97 | 98 | 98,5\n")
    assert got(text, plan_year=2027, plan_month=9) == [("=", 97, "%", 2028), ("=", 98, "%", 2028),
                                                       ("=", 98.5, "%", 2028)]


# ---------------------------------------------------------------------------- a count's line with a note after it
def test_a_count_named_on_its_line_keeps_its_figure_before_a_note_in_brackets():
    assert got(SCHOOL_YEAR + "- Số nhóm, lớp: 14 (mở thêm 01 lớp 3 tuổi)\n") == [("=", 14, "lớp", 2028)]
    assert got(SCHOOL_YEAR + "- Số lớp: 27 (không ghép lớp)\n") == [("=", 27, "lớp", 2028)]


# ---------------------------------------------------------------------------- abbreviated marks and standards
def test_an_average_mark_abbreviated_tb():
    assert got(GOAL + "1. Đến năm 2030\n- Điểm TB thi tốt nghiệp THPT từ 6,8 trở lên.\n") == [(">=", 6.8, "điểm", 2030)]


def test_a_level_after_a_count_that_names_its_own_standard_is_a_target():
    text = GOAL + "- Năm 2028: 03 phòng học thông minh, KĐCL cấp độ 2.\n- Năm 2030: 06 phòng, CQG mức độ 2.\n"
    assert got(text) == [("=", 3, "phòng", 2028), ("=", 2, "mức", 2028), ("=", 6, "phòng", 2030), ("=", 2, "mức", 2030)]
    # (a level inside a count's wording stays wording)
    assert got(GOAL + "- Năm 2028: 03 trường đạt chuẩn quốc gia mức độ 2.\n") == [("=", 3, "trường", 2028)]
    assert got(GOAL + "- Đến năm 2030, 100% xã, thị trấn duy trì phổ cập giáo dục THCS mức độ 3.\n") == [
        ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- "Sơ cấp" is no "Số"
def test_a_trade_course_s_row_takes_the_unit_its_heading_names():
    text = (GOAL + "2. Tuyển sinh (lớp)\nLoại lớp | TH 2026 | 2027 | 2028\n"
            "GDTX cấp THPT | 6 | 7 | 8\nSơ cấp nghề | 9 | 10 | 12\n")
    assert got(text, plan_year=2026) == [("=", 7, "lớp", 2027), ("=", 8, "lớp", 2028),
                                         ("=", 10, "lớp", 2027), ("=", 12, "lớp", 2028)]


# ---------------------------------------------------------------------------- deadlines in a draft's brackets
def test_a_deadline_in_brackets_after_a_share_abbreviated_or_as_work_done():
    text = GOAL + "1. Đến năm 2030\n- Giáo viên đạt chuẩn trình độ: 100% (hết NH 2027-2028)\n"
    assert got(text, plan_year=2027) == [("=", 100, "%", 2028)]
    text = GOAL + "1. Đến năm 2030\n- 100% cán bộ được quán triệt Nghị quyết (xong trong tháng 11/2027)\n"
    assert got(text, plan_year=2027) == [("=", 100, "%", 2027)]
