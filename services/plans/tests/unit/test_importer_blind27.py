"""Plan importer: the reading rules the blind27 set called for (fixtures/plans_heldout/blind27, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got

BY_2030 = GOAL + "2. Mục tiêu cụ thể đến năm 2030\n"


# ---------------------------------------------------------------------------- a table with a deadline column
DEADLINES = (GOAL + "2. Các chỉ tiêu chủ yếu\n"
             "STT | Chỉ tiêu | Hiện trạng (năm học 2024-2025) | Mục tiêu | Thời gian hoàn thành | Ghi chú\n"
             "1 | Tỷ lệ trẻ 5 tuổi ra lớp | 97,5% | ≥ 99% | Năm học 2025-2026 | Giữ hằng năm\n"
             "2 | Phòng học bộ môn | 3 phòng | 5 phòng | Đến năm 2029 | \n"
             "3 | Giáo viên trên chuẩn | 40% | 65% | Năm 2027 | \n")


def test_a_baseline_column_naming_its_school_year_leaves_the_deadline_column_read():
    assert got(DEADLINES) == [(">=", 99, "%", 2026), ("=", 5, "phòng", 2029), ("=", 65, "%", 2027)]


def test_a_deadline_cell_may_say_by_when():
    text = DEADLINES.replace("Hiện trạng (năm học 2024-2025)", "Hiện trạng")
    assert ("=", 5, "phòng", 2029) in got(text)


# ---------------------------------------------------------------------------- today's figure, in brackets
def test_hien_right_before_a_figure_in_brackets_gives_todays_figure():
    text = BY_2030 + "- Nhân viên có chứng chỉ tin học đạt 100% vào năm 2028 (hiện 82,4%, còn 3 người chưa học).\n"
    assert got(text) == [("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- a clause's own school year
def test_a_school_year_closing_one_clause_is_not_the_next_clauses():
    text = BY_2030 + ("- Tiểu học: lớp học 2 buổi/ngày đạt 100% vào năm học 2028 - 2029; từ 98,5% học sinh lên lớp "
                      "trở lên; duy trì phổ cập giáo dục tiểu học mức độ 3.\n")
    assert got(text) == [("=", 100, "%", 2029), (">=", 98.5, "%", 2030), ("=", 3, "mức", 2030)]


# ---------------------------------------------------------------------------- class sizes
def test_a_clause_about_a_class_bounds_its_size():
    text = BY_2030 + "- Lớp mẫu giáo 5 tuổi không quá 32 trẻ; lớp ghép ở điểm Tân Lập không quá 22 trẻ.\n"
    assert got(text) == [("<=", 32, "trẻ/lớp", 2030), ("<=", 22, "trẻ/lớp", 2030)]


def test_a_bound_on_children_of_a_clause_not_about_a_class_keeps_its_noun():
    text = BY_2030 + "- Bán trú phục vụ không quá 180 trẻ.\n"
    assert got(text) == [("<=", 180, "trẻ", 2030)]


# ---------------------------------------------------------------------------- the share of units and their bar
def test_a_count_each_listed_level_of_school_must_reach_is_what_the_share_counts():
    for text in ("- 100% trường tiểu học, THCS có ít nhất 01 phòng học STEM.\n",
                 "- 100% trường mầm non và tiểu học có ít nhất 02 phòng học thông minh.\n"):
        assert got(BY_2030 + text) == [("=", 100, "%", 2030)]


def test_a_count_after_a_share_whose_clause_a_comma_closes_is_still_a_target():
    text = BY_2030 + "- Học sinh được học bơi đạt 90%, có ít nhất 02 phòng học thông minh.\n"
    assert got(text) == [("=", 90, "%", 2030), (">=", 2, "phòng", 2030)]


# ---------------------------------------------------------------------------- beyond the plan's years
def test_a_figure_for_after_a_year_has_no_due_year_and_is_no_target():
    text = BY_2030 + "- Đạt chuẩn quốc gia mức độ 1 vào năm 2027, mức độ 2 sau năm 2030.\n"
    assert got(text) == [("=", 1, "mức", 2027)]


# ---------------------------------------------------------------------------- what is asked of a superior body
PLAN = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt Nghị quyết đến toàn thể cán bộ, giáo viên.\n"
        "II. MỤC TIÊU\n1. Đến năm 2030\n- Có 03 phòng học thông minh.\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n")


def test_a_figure_asked_of_a_superior_body_among_the_tasks_is_no_target():
    text = PLAN + "1. Cơ sở vật chất: đề nghị UBND phường lắp đặt 04 phòng học thông minh đến năm 2028.\n"
    assert got(text) == [("=", 3, "phòng", 2030)]


def test_the_units_own_figure_among_the_tasks_with_its_deadline_is_still_read():
    text = PLAN + "1. Cơ sở vật chất: nhà trường lắp đặt 04 phòng học thông minh đến năm 2028.\n"
    assert ("=", 4, "phòng", 2028) in got(text)
