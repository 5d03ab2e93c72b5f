"""Plan importer: the reading rules the blind14 set called for (fixtures/plans_heldout/blind14, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.text import _rejoin_cut_rows

from .importer_probes import got

GOAL = "II. MỤC TIÊU\n2. Chỉ tiêu cụ thể\n"


# ---------------------------------------------------------------------------- tables with horizons as columns
def test_a_notes_column_that_says_in_brackets_what_it_holds_sets_no_target():
    text = GOAL + ("Nội dung | Năm 2027 | Năm 2030 | Ghi chú (số liệu tháng 5/2026)\n"
                   "Tỷ lệ học sinh đi học đúng độ tuổi | 98% | 99% | 96,5%\n"
                   "Tỷ lệ lớp học có máy chiếu | 80% | 100% | 62%\n")
    assert got(text) == [("=", 98, "%", 2027), ("=", 99, "%", 2030), ("=", 80, "%", 2027), ("=", 100, "%", 2030)]


@pytest.mark.parametrize("cell, unit", [("18 nhóm, lớp", "lớp"), ("5 nhóm trẻ", "lớp"), ("90 học viên", "học viên"),
                                        ("0 vụ", "vụ")])
def test_a_cell_writes_its_count_with_the_unit_a_sentence_would(cell, unit):
    text = GOAL + f"Chỉ tiêu | Năm 2027 | Năm 2030\nQuy mô của đơn vị | {cell} | {cell}\n"
    value = float(cell.split()[0])
    assert got(text) == [("=", value, unit, 2027), ("=", value, unit, 2030)]


@pytest.mark.parametrize("word", ["Duy trì", "Giữ vững", "duy tri"])
def test_a_cell_that_keeps_what_is_there_with_no_figure_sets_none(word):
    text = GOAL + f"Chỉ tiêu | Năm 2027 | Năm 2030 | Ghi chú\nPhổ cập giáo dục tiểu học | {word} | Mức độ 3 | Mức độ 2\n"
    assert got(text) == [("=", 3, "mức", 2030)]


@pytest.mark.parametrize("name", ["Chương trình", "Lĩnh vực", "Hạng mục"])
def test_the_first_column_names_the_rows_whatever_its_heading(name):
    text = GOAL + (f"{name} | Thực hiện 2025 - 2026 | Năm học 2026 - 2027 | Năm 2030\n"
                   "Bồi dưỡng tin học văn phòng | 40 học viên | 60 học viên | 100 học viên\n")
    assert got(text) == [("=", 60, "học viên", 2027), ("=", 100, "học viên", 2030)]


def test_a_row_that_gives_years_ends_no_table():
    # "Năm hoàn thành | 2027 | 2030" is a row of years, not the headings of another table
    text = GOAL + ("Chỉ tiêu | Năm 2027 | Năm 2030\n"
                   "Tỷ lệ phòng học kiên cố | 85% | 100%\n"
                   "Năm hoàn thành | 2027 | 2030\n"
                   "Số phòng học bộ môn | 6 phòng | 9 phòng\n")
    assert [(v, y) for _, v, _, y in got(text)] == [(85, 2027), (100, 2030), (6, 2027), (9, 2030)]


# ---------------------------------------------------------------------------- last year's figures beside this year's
@pytest.mark.parametrize("bracket", ["(năm trước 96%)", "(năm học trước: 96%)", "(nam truoc 96%)"])
def test_a_bracket_that_opens_on_last_year_gives_last_years_figure(bracket):
    text = GOAL + f"- Năm học 2026 - 2027, tỷ lệ học sinh lên lớp đạt 99% {bracket}.\n"
    assert got(text, plan_year=2026) == [("=", 99, "%", 2027)]


# ---------------------------------------------------------------------------- a later horizon's section
def test_a_vision_section_after_the_targets_sets_targets_of_its_own_year():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\nGắn mỗi chỉ tiêu với kết quả năm học trước.\n"
            "II. CHỈ TIÊU NĂM HỌC 2026 - 2027\n"
            "1. Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 99%.\n"
            "III. ĐỊNH HƯỚNG ĐẾN NĂM 2030\n"
            "- Có 04 phòng học thông minh.\n"
            "- Trường đạt chuẩn quốc gia mức độ 2.\n"
            "IV. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Mua sắm 02 màn hình tương tác cho khối 5.\n")
    assert got(text) == [("=", 99, "%", 2027), ("=", 4, "phòng", 2030), ("=", 2, "mức", 2030)]


def test_a_section_on_directions_with_no_year_is_no_targets_section():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\nGắn mỗi chỉ tiêu với kết quả năm học trước.\n"
            "II. MỤC TIÊU ĐẾN NĂM 2030\n"
            "- Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo đạt 100%.\n"
            "III. ĐỊNH HƯỚNG NHIỆM VỤ\n"
            "- Tổ chức 03 chuyên đề về chuyển đổi số.\n")
    assert got(text) == [("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- cells
@pytest.mark.parametrize("bracket", ["(trẻ 5 tuổi)", "(học sinh lớp 9)"])
def test_a_bracket_that_names_whom_a_cell_counts_is_no_figure(bracket):
    text = GOAL + f"Chỉ tiêu | Năm 2027 | Năm 2030\nTỷ lệ hoàn thành chương trình | 98% {bracket} | 100% {bracket}\n"
    assert got(text) == [("=", 98, "%", 2027), ("=", 100, "%", 2030)]


def test_a_count_restated_as_a_share_in_brackets_is_one_target():
    text = GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\nPhòng học bộ môn | 03 | 08 (100% số lớp)\n"
    assert got(text) == [("=", 3, "phòng", 2027), ("=", 8, "phòng", 2030)]


def test_a_count_in_each_school_keeps_its_per_school_unit():
    text = GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\nPhòng học thông minh | Ít nhất 01 phòng/trường | 03 phòng/trường\n"
    assert got(text) == [(">=", 1, "phòng/trường", 2027), ("=", 3, "phòng/trường", 2030)]


@pytest.mark.parametrize("cell, unit", [("≥ 8 GV", "giáo viên"), ("≤ 40 HS", "học sinh")])
def test_an_abbreviated_unit_in_a_cell_is_the_unit_spelt_out(cell, unit):
    text = GOAL + f"Chỉ tiêu | Năm 2027 | Năm 2030\nGiáo viên cốt cán, học sinh năng khiếu | {cell} | {cell}\n"
    cmp, value = cell.split()[0], float(cell.split()[1])
    assert got(text) == [({"≥": ">=", "≤": "<="}[cmp], value, unit, 2027), ({"≥": ">=", "≤": "<="}[cmp], value, unit, 2030)]


def test_a_class_size_in_abbreviated_pupils_per_class_is_pupils_per_class():
    assert got(GOAL + "- Năm 2028: sĩ số không quá 40 HS/lớp.") == [("<=", 40, "học sinh/lớp", 2028)]


# ---------------------------------------------------------------------------- the situation and worded zeros
def test_a_situation_paragraph_that_opens_on_a_past_school_year_sets_no_target():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm tính khả thi.\n"
            "II. THỰC TRẠNG VÀ MỤC TIÊU\n"
            "1. Thực trạng\n"
            "Năm học 2025 - 2026 toàn xã có 9 trường; 7/9 trường đạt chuẩn quốc gia; tỷ lệ huy động trẻ nhà trẻ mới đạt 28%.\n"
            "2. Mục tiêu đến hết năm 2027\n"
            "- Tỷ lệ huy động trẻ nhà trẻ đạt 35%.\n")
    assert got(text, plan_year=2026) == [("=", 35, "%", 2027)]


@pytest.mark.parametrize("line, want", [
    ("- Tỷ lệ học sinh lưu ban: tiểu học không có, THCS dưới 1%.", [("=", 0, "%", 2030), ("<", 1, "%", 2030)]),
    ("- Học sinh bỏ học: mầm non không có; THPT không quá 0,5%.", [("=", 0, "%", 2030), ("<=", 0.5, "%", 2030)]),
])
def test_a_school_level_with_none_of_what_should_fall_is_a_zero(line, want):
    assert got("II. MỤC TIÊU ĐẾN NĂM 2030\n" + line) == want


def test_a_school_level_with_none_of_what_should_rise_is_no_target():
    # "Phòng học thông minh: mầm non không có" says what is lacking, not a count to keep at none
    assert got("II. MỤC TIÊU ĐẾN NĂM 2030\n- Phòng học thông minh: mầm non không có, tiểu học 02 phòng.") == [
        ("=", 2, "phòng", 2030)]


# ---------------------------------------------------------------------------- clauses in running text
def test_a_bound_split_by_a_line_break_still_bounds():
    # a PDF wraps "ít" and "nhất" onto two lines; joined back, two spaces stand between them
    text = GOAL + "- Năm 2028: mỗi tổ chuyên môn có ít \nnhất 2 giáo viên dạy giỏi cấp tỉnh.\n"
    assert got(text) == [(">=", 2, "giáo viên", 2028)]


def test_a_bound_on_one_count_does_not_pass_to_a_count_of_another_thing():
    text = "II. MỤC TIÊU ĐẾN NĂM 2030\n- Nhà trường có tối thiểu 02 phòng học bộ môn, 24 lớp học.\n"
    assert got(text) == [(">=", 2, "phòng", 2030), ("=", 24, "lớp", 2030)]


def test_a_bound_passes_to_a_bare_count_of_the_same_thing():
    text = "II. MỤC TIÊU ĐẾN NĂM 2030\n- Tối thiểu 10 giáo viên dạy giỏi cấp huyện, 4 giáo viên dạy giỏi cấp tỉnh.\n"
    assert got(text) == [(">=", 10, "giáo viên", 2030), (">=", 4, "giáo viên", 2030)]


def test_a_year_that_closes_one_figures_clause_is_not_the_next_ones():
    text = ("II. MỤC TIÊU ĐẾN NĂM 2030\n"
            "- Trường đạt kiểm định chất lượng cấp độ 3 vào năm 2028, đạt chuẩn quốc gia mức độ 2.\n")
    assert got(text) == [("=", 3, "mức", 2028), ("=", 2, "mức", 2030)]


def test_a_year_that_opens_a_clause_still_governs_the_figures_after_its_comma():
    text = "II. MỤC TIÊU ĐẾN NĂM 2030\n- Năm 2027 hoàn thành tự đánh giá, đạt kiểm định chất lượng cấp độ 2.\n"
    assert got(text) == [("=", 2, "mức", 2027)]


def test_a_bounded_count_after_a_share_that_closes_its_clause_is_a_target():
    # "100% lớp có ít nhất 01 máy chiếu" words the share; after "đạt 95%," a new clause sets its own count
    text = GOAL + "- Năm học 2026 - 2027 tỷ lệ học sinh tham gia CLB đạt 95%, mỗi khối tổ chức ít nhất 03 chủ đề STEM.\n"
    assert got(text) == [("=", 95, "%", 2027), (">=", 3, "chủ đề", 2027)]


def test_a_bounded_count_inside_a_shares_wording_is_no_target():
    text = GOAL + "- Năm 2028: 100% lớp học có ít nhất 01 máy chiếu.\n"
    assert got(text) == [("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- a PDF's pages
def test_a_table_row_a_page_break_cut_is_one_row_again():
    pages = ["TT | Chỉ tiêu | Mức phấn đấu | Thời gian | Phụ trách\n"
             "7 | Học sinh tham gia câu lạc bộ | 90% | Năm học 2027- | Tổ chuyên môn",
             " | thể thao |  | 2028 | \n8 | Phòng học bộ môn | 04 phòng | Năm 2029 | Hiệu trưởng"]
    assert _rejoin_cut_rows(pages) == [
        "TT | Chỉ tiêu | Mức phấn đấu | Thời gian | Phụ trách\n"
        "7 | Học sinh tham gia câu lạc bộ thể thao | 90% | Năm học 2027- 2028 | Tổ chuyên môn",
        "8 | Phòng học bộ môn | 04 phòng | Năm 2029 | Hiệu trưởng"]


@pytest.mark.parametrize("top", ["8 | Phòng học bộ môn | 04 phòng | Năm 2029 | Hiệu trưởng",   # the next row
                                 "III. NHIỆM VỤ, GIẢI PHÁP",                                   # the text after the table
                                 " | thể thao | 2028",                                         # another table
                                 # a row under a level merged down the first column
                                 " | Tỷ lệ học sinh lên lớp | 98% | Năm học 2027- 2028 | Tổ chuyên môn"])
def test_a_page_that_opens_on_anything_else_stays_as_it_is(top):
    pages = ["7 | Học sinh tham gia câu lạc bộ | 90% | Năm học 2027- | Tổ chuyên môn", top]
    assert _rejoin_cut_rows(pages) == pages
