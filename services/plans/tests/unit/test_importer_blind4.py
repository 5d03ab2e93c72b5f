"""Plan importer: the reading rules the blind4 set called for (fixtures/plans_heldout/blind4, eleven plans of every
level, a commune and a ward, written before reading the importer), one test per rule, on sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from .importer_probes import got


GOAL = "II. CHỈ TIÊU\n"


# ---------------------------------------------------------------------------- tables
@pytest.mark.parametrize("notes", ["Ghi chú", "Đơn vị chủ trì", "Bộ phận thực hiện"])
def test_a_column_after_the_horizons_holds_no_targets(notes):
    table = (f"STT | Nội dung | Năm 2027 | Năm 2029 | {notes}\n"
             "1 | Giáo viên dạy học trực tuyến thành thạo (%) | 60 | 80 | Năm học 2024-2025: 41%\n"
             "2 | Số câu lạc bộ STEM (câu lạc bộ) | 3 | 5 | Tổ Toán - Tin\n")
    assert got(GOAL + table) == [("=", 60, "%", 2027), ("=", 80, "%", 2029),
                                 ("=", 3, "câu lạc bộ", 2027), ("=", 5, "câu lạc bộ", 2029)]


def test_a_row_counting_incidents_takes_its_zero_cells():
    table = "TT | Chỉ tiêu | Năm 2026 | Năm 2030\n1 | Trường hợp đuối nước của học sinh | 0 | 0\n"
    assert got(GOAL + table) == [("=", 0, "vụ", 2026), ("=", 0, "vụ", 2030)]


# ---------------------------------------------------------------------------- horizons
def test_a_vision_heading_without_the_word_year():
    assert got(GOAL + "Định hướng 2035:\n- 100% học sinh lớp 12 biết bơi an toàn.") == [("=", 100, "%", 2035)]


def test_a_year_right_before_its_figure_in_each_clause():
    assert got(GOAL + "- Tỷ lệ trẻ thừa cân năm 2027 dưới 4%, năm 2029 dưới 3,5%.") == [
        ("<", 4, "%", 2027), ("<", 3.5, "%", 2029)]


def test_a_sentence_opening_with_a_year_after_a_full_stop():
    assert got(GOAL + "- Hoàn thiện thư viện số. Năm 2027 có ít nhất 3 phòng học thông minh.") == [
        (">=", 3, "phòng", 2027)]


def test_a_later_clause_year_does_not_reach_back_past_a_semicolon_under_a_heading():
    assert got(GOAL + "2. Đến năm 2030\n- Giữ vững phổ cập giáo dục tiểu học mức độ 3; thư viện đạt mức độ 2 vào năm 2028.") == [
        ("=", 3, "mức", 2030), ("=", 2, "mức", 2028)]


# ---------------------------------------------------------------------------- comparators and wording
def test_a_floor_of_the_wording_before_a_colon_is_not_the_figure_s():
    assert got(GOAL + "- Năm 2027: học sinh xếp loại rèn luyện Khá trở lên: 96%.") == [("=", 96, "%", 2027)]


def test_a_level_naming_who_is_counted_before_a_share():
    assert got(GOAL + "- Đến năm 2030, học sinh đạt chuẩn bơi cấp độ 2 đạt trên 70%.") == [(">", 70, "%", 2030)]


def test_a_level_and_a_share_in_separate_clauses_are_both_targets():
    assert got(GOAL + "- Đến năm 2030 đạt kiểm định cấp độ 3, 100% phòng học có máy chiếu.") == [
        ("=", 3, "mức", 2030), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- counts
@pytest.mark.parametrize("line, want", [
    ("- Năm 2027: tuyển mới 4 nhóm trẻ.", ("=", 4, "lớp", 2027)),
    ("- Năm 2027: duy trì 9 nhóm, lớp.", ("=", 9, "lớp", 2027)),
    ("- Năm 2027: mở lớp bổ túc cho 260 học viên.", ("=", 260, "học viên", 2027)),
])
def test_preschool_groups_and_centre_learners_are_counts(line, want):
    assert got(GOAL + line) == [want]


# ---------------------------------------------------------------------------- the situation
def test_a_labelled_line_on_the_situation_sets_no_target():
    assert got(GOAL + "1. Thực trạng: hiện có 9 lớp, 260 học sinh; 21 giáo viên.\n"
                      "2. Năm 2027: 100% giáo viên dạy 2 buổi/ngày.") == [("=", 100, "%", 2027)]


def test_a_numbered_part_on_the_situation_covers_its_lines_up_to_the_next_part():
    text = (GOAL + "1. Tình hình\nCó 7 lớp mẫu giáo; 19 giáo viên, 12 nhân viên.\n"
            "2. Chỉ tiêu năm học 2026 - 2027\n- Trẻ ăn bán trú đạt 98%.")
    assert got(text) == [("=", 98, "%", 2027)]


# ---------------------------------------------------------------------------- a PDF table laid one cell a line
def test_a_table_one_cell_a_line_with_serial_numbers_a_unit_column_and_notes():
    table = "\n".join([
        "STT", "Nội dung", "Đơn vị tính", "Năm 2027", "Năm 2029", "Ghi chú",
        "1", "Học sinh biết bơi", "%", "từ 70% trở lên", "85", "Năm 2025: 52%",
        "2", "Sĩ số lớp 1 tối đa", "học sinh/lớp", "không quá 35", "32",
        "3", "Phòng học bộ môn", "phòng", "4", "6",
    ])
    assert got(GOAL + table) == [(">=", 70, "%", 2027), ("=", 85, "%", 2029),
                                 ("<=", 35, "học sinh/lớp", 2027), ("<=", 32, "học sinh/lớp", 2029),
                                 ("=", 4, "phòng", 2027), ("=", 6, "phòng", 2029)]


def test_a_table_one_cell_a_line_with_a_group_heading_between_rows():
    table = "\n".join(["Chỉ tiêu", "Năm 2027", "Năm 2030", "Chất lượng giáo dục",
                       "Tỷ lệ học sinh lên lớp", "≥ 98%", "≥ 99%", "Cơ sở vật chất",
                       "Phòng học kiên cố (%)", "90", "–"])
    assert got(GOAL + table) == [(">=", 98, "%", 2027), (">=", 99, "%", 2030), ("=", 90, "%", 2027)]


# ---------------------------------------------------------------------------- found by probing beyond the set
def test_a_count_after_tren_or_duoi():
    assert got(GOAL + "- Năm 2028: trên 2.500 lượt phụ huynh dự hội thảo trực tuyến.") == [(">", 2500, "lượt", 2028)]


def test_a_bare_year_in_brackets_after_each_figure():
    assert got(GOAL + "- Giáo viên có chứng chỉ ứng dụng CNTT nâng cao: 40% (2027); 65% (2030).") == [
        ("=", 40, "%", 2027), ("=", 65, "%", 2030)]


def test_a_line_prefix_naming_the_targets_of_a_year():
    assert got(GOAL + "- Chỉ tiêu năm 2028: trẻ được uống sữa học đường 100%.") == [("=", 100, "%", 2028)]


def test_a_line_opening_with_a_year_without_a_comma():
    assert got(GOAL + "- Năm 2028 mở thêm ít nhất 2 phòng học ngoại ngữ.") == [(">=", 2, "phòng", 2028)]


def test_no_class_above_a_size_is_a_ceiling_on_class_size():
    assert got(GOAL + "- Đến năm 2029, không có lớp trên 38 học sinh.") == [("<=", 38, "học sinh/lớp", 2029)]


# ---------------------------------------------------------------------------- a PDF table joined by spaces
def test_a_pdf_row_joined_by_spaces_with_its_unit_column_before_the_values():
    table = ("TT Nội dung ĐVT Năm 2027 Năm 2030\n"
             "1 Học sinh được học bơi an toàn % 60 ≥ 80\n"
             "2 Phòng học có bảng tương tác phòng 8 20\n")
    assert got(GOAL + table) == [("=", 60, "%", 2027), (">=", 80, "%", 2030),
                                 ("=", 8, "phòng", 2027), ("=", 20, "phòng", 2030)]


def test_a_pdf_table_of_one_column_under_a_title_naming_its_year():
    table = ("Chỉ tiêu phấn đấu năm học 2026 - 2027\n"
             "STT Nội dung Đơn vị tính Chỉ tiêu\n"
             "1 Trẻ được uống sữa học đường % ≥ 90\n"
             "2 Nhóm, lớp có camera giám sát phòng 12\n")
    assert got(GOAL + table) == [(">=", 90, "%", 2027), ("=", 12, "phòng", 2027)]


def test_a_pdf_row_joined_by_spaces_ending_with_a_note():
    table = ("TT Chỉ tiêu Năm 2027 Năm 2030 Ghi chú\n"
             "1 Tỷ lệ học sinh đọc sách thư viện hằng tuần (%) 55 70 Năm học 2024-2025: 38%\n"
             "2 Tỷ lệ lớp có tủ sách lớp học (%) 90 100\n")
    assert got(GOAL + table) == [("=", 55, "%", 2027), ("=", 70, "%", 2030), ("=", 90, "%", 2027), ("=", 100, "%", 2030)]


def test_a_table_one_cell_a_line_with_a_baseline_column_before_the_horizons():
    table = "\n".join(["TT", "Chỉ tiêu", "Hiện trạng 2025", "Năm 2027", "Năm 2030",
                       "1", "Tỷ lệ giáo viên dạy STEM (%)", "35", "≥ 50", "70"])
    assert got(GOAL + table) == [(">=", 50, "%", 2027), ("=", 70, "%", 2030)]


def test_a_table_one_cell_a_line_of_one_value_column_under_a_year_heading():
    table = "\n".join(["Chỉ tiêu năm học 2027 - 2028", "STT", "Nội dung", "Đơn vị tính", "Chỉ tiêu",
                       "1", "Trẻ được kiểm tra răng miệng", "%", "≥ 95", "2", "Góc thư viện trong lớp", "lớp", "12"])
    assert got(GOAL + table) == [(">=", 95, "%", 2028), ("=", 12, "lớp", 2028)]


def test_a_counted_noun_in_a_unit_column_is_a_cell_of_its_own():
    table = "\n".join(["Chỉ tiêu", "Đơn vị tính", "Năm 2027", "Năm 2030", "A. Học sinh",
                       "1. Tỷ lệ học sinh đạt giải thể thao (%)", "%", "20", "25",
                       "2. Số đề tài khoa học kỹ thuật", "đề tài", "≥ 4", "≥ 6"])
    assert got(GOAL + table) == [("=", 20, "%", 2027), ("=", 25, "%", 2030),
                                 (">=", 4, "đề tài", 2027), (">=", 6, "đề tài", 2030)]
