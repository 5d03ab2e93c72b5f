"""Plan importer: the table reading rules the blind12 set called for (fixtures/plans_heldout/blind12, twelve plans
written by people who never read the importer), one test per rule, on tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.pdf_tables import numbering_row

from .importer_probes import GOAL, got
from .test_importer_pdf_tables import lay_out, rows_of


# ---------------------------------------------------------------------------- PDF tables
def test_a_school_year_whose_end_wrapped_onto_a_line_of_its_own_goes_on_in_its_heading_cell():
    # the column is too narrow for "2025 -": the dash and the year's end start the cell's next line, which reads like
    # a bulleted item ("- 2026") but ends the period its cell began
    rows = [["Chỉ tiêu", "Đơn vị tính", "Hiện trạng năm học 2025 - 2026", "Đến năm 2027", "Đến năm 2030"],
            ["Tỷ lệ học sinh đọc thông viết thạo", "%", "91", "95", "98"],
            ["Số phòng học bộ môn", "phòng", "3", "5", "8"]]
    fragments, _ = lay_out(rows, [110, 60, 68, 75, 75])
    assert rows_of(fragments) == [" | ".join(r) for r in rows]
    assert got(GOAL + "\n".join(rows_of(fragments))) == [
        ("=", 95, "%", 2027), ("=", 98, "%", 2030), ("=", 5, "phòng", 2027), ("=", 8, "phòng", 2030)]


# ---------------------------------------------------------------------------- Word tables
LEVELS_HEAD = "Chỉ tiêu | Mầm non | Tiểu học | THCS | Ghi chú\n"


def test_group_rows_that_name_a_horizon_give_it_to_the_level_columns_under_them():
    table = (LEVELS_HEAD + "A. ĐẾN HẾT NĂM 2027 |  |  |  | \n"
             "Tỷ lệ trẻ, học sinh đi học đúng độ tuổi | 97% | 100% | ≥ 98% | Năm 2025: 96%\n"
             "B. ĐẾN NĂM 2031 |  |  |  | \n"
             "Tỷ lệ trẻ, học sinh đi học đúng độ tuổi | 99% | 100% | 100% | \n")
    assert got(GOAL + table) == [("=", 97, "%", 2027), ("=", 100, "%", 2027), (">=", 98, "%", 2027),
                                 ("=", 99, "%", 2031), ("=", 100, "%", 2031), ("=", 100, "%", 2031)]


def test_a_group_row_s_horizon_may_stand_after_its_mark_in_a_cell_of_its_own():
    table = ("TT | Chỉ tiêu | Tiểu học | THCS\nI | Năm học 2026 - 2027 |  | \n1 | Tỷ lệ học sinh lên lớp | 99% | 97%\n"
             "II | Giai đoạn 2027 - 2029 |  | \n2 | Tỷ lệ học sinh lên lớp | 100% | 98%\n")
    assert got(GOAL + table) == [("=", 99, "%", 2027), ("=", 97, "%", 2027), ("=", 100, "%", 2029), ("=", 98, "%", 2029)]


def test_a_horizon_s_heading_after_the_table_is_no_group_row_of_it():
    text = (GOAL + LEVELS_HEAD + "A. ĐẾN NĂM 2028 |  |  |  | \nSố phòng học bộ môn | 2 | 6 | 9 | \n"
            "3. Tầm nhìn đến năm 2036\n100% trường đạt chuẩn quốc gia.\n")
    assert got(text) == [("=", 2, "phòng", 2028), ("=", 6, "phòng", 2028), ("=", 9, "phòng", 2028), ("=", 100, "%", 2036)]


def test_a_group_row_that_names_no_horizon_keeps_the_one_in_force():
    table = (LEVELS_HEAD + "A. ĐẾN NĂM 2028 |  |  |  | \nTỷ lệ học sinh khuyết tật hòa nhập | 90% | 95% | 95% | \n"
             "B. Chất lượng (so với năm 2025) |  |  |  | \nTỷ lệ học sinh khuyết tật tiến bộ | 70% | 80% | 80% | \n")
    assert [year for *_, year in got(GOAL + table)] == [2028] * 6


def test_how_a_row_is_tallied_in_brackets_after_its_label_is_no_unit():
    table = "Chỉ tiêu | Năm 2027 | Năm 2030\nPhòng học bộ môn (tổng số) | 7 | 12\nSố thư viện xanh (lũy kế) | 2 | 5\n"
    assert got(GOAL + table) == [("=", 7, "phòng", 2027), ("=", 12, "phòng", 2030), ("=", 2, "", 2027), ("=", 5, "", 2030)]


def test_a_bracket_after_a_cell_s_figure_saying_whom_it_counts_keeps_the_figure():
    table = "Chỉ tiêu | Năm 2027 | Năm 2030\nTỷ lệ huy động ra lớp | 95% (nhà trẻ) | 98% (mẫu giáo)\n"
    assert got(GOAL + table) == [("=", 95, "%", 2027), ("=", 98, "%", 2030)]


def test_a_cell_that_writes_its_class_size_per_class_is_read():
    table = "Chỉ tiêu | Mầm non | Tiểu học | THCS\nSĩ số tối đa | 25 trẻ/lớp | 30 HS/lớp | 40 học sinh / lớp\n"
    assert got("II. MỤC TIÊU ĐẾN NĂM 2029\n" + table) == [
        ("<=", 25, "trẻ/lớp", 2029), ("<=", 30, "học sinh/lớp", 2029), ("<=", 40, "học sinh/lớp", 2029)]


def test_pupils_counted_as_em_in_a_cell_are_pupils():
    table = "Chỉ tiêu | Năm 2027 | Năm 2030\nHọc sinh giỏi cấp tỉnh | Từ 6 em trở lên | 9 em\n"
    assert got(GOAL + table) == [(">=", 6, "học sinh", 2027), ("=", 9, "học sinh", 2030)]


def test_a_preschool_s_groups_and_classes_counted_together_are_its_classes():
    table = "Chỉ tiêu | Năm học 2026 - 2027 | Năm 2030\nSố nhóm, lớp | 12 | 14\nSố lớp, điểm trường | 9 | 8\n"
    assert got(GOAL + table) == [("=", 12, "lớp", 2027), ("=", 14, "lớp", 2030),
                                 ("=", 9, "lớp", 2027), ("=", 8, "lớp", 2030)]


def test_a_row_of_a_figure_and_a_letter_numbers_no_columns():
    # (a generated table's row "Tỷ lệ | 10 | b" made the check fail on the two-digit figure before it looked at letters)
    assert not numbering_row(["Số câu lạc bộ", "10", "b"])
    assert numbering_row(["(a)", "(b)", "(c)"]) and numbering_row(["1", "2", "3"])
