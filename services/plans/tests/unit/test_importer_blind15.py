"""Plan importer: the reading rules the blind15 set called for (fixtures/plans_heldout/blind15, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import extract_targets

from .importer_probes import GOAL, got, header


# ---------------------------------------------------------------------------- a table of targets assigned by name
ASSIGNED = (GOAL + "2. Chỉ tiêu giao từng đơn vị đến năm 2029\n"
            "Đơn vị | Tỷ lệ trẻ ra lớp (%) | Học bơi (%) | Máy chiếu (chiếc), tối thiểu | Ghi chú\n"
            "Nhà trẻ |  |  |  | \n"
            "Trường Mầm non Hoa Sen | 95 | — | 4 | Năm 2024 có 2 chiếc\n"
            "Trường Mầm non Bình Minh | 97 | — | 3 | \n"
            "Tiểu học |  |  |  | \n"
            "Trường Tiểu học Lê Lợi 2 | 100 | 80 | 6 | Thiếu 03 phòng\n")


def test_rows_naming_whom_targets_are_set_for_take_the_heading_horizon():
    assert got(ASSIGNED) == [("=", 95, "%", 2029), (">=", 4, "chiếc", 2029),
                             ("=", 97, "%", 2029), (">=", 3, "chiếc", 2029),
                             ("=", 100, "%", 2029), ("=", 80, "%", 2029), (">=", 6, "chiếc", 2029)]


def test_a_row_of_values_is_no_heading_of_a_table_assigned_by_name():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029\n"
            "Phòng học bộ môn | Ít nhất 02 phòng/trường | Ít nhất 03 phòng/trường\n"
            "Giáo viên dạy giỏi cấp tỉnh | 12% | 15%\n")
    assert not any("/trường" in t.text for t in extract_targets(text) if t.unit.value == "%")


def test_without_a_horizon_above_it_a_table_assigned_by_name_is_not_read_as_one():
    text = ASSIGNED.replace("2. Chỉ tiêu giao từng đơn vị đến năm 2029\n", "2. Chỉ tiêu giao từng đơn vị\n")
    assert not any(t[2] == "chiếc" for t in got(text))


# ---------------------------------------------------------------------------- a row's unit and its bound
def test_a_rows_unit_in_brackets_may_be_followed_by_its_bound():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Trẻ thừa cân, béo phì (%), không quá | 4,5 | 3\n"
            "Sân chơi ngoài trời (sân), tối thiểu | 1 | 2\n")
    assert got(text) == [("<=", 4.5, "%", 2027), ("<=", 3, "%", 2029), (">=", 1, "sân", 2027), (">=", 2, "sân", 2029)]


# ---------------------------------------------------------------------------- text pasted from a PDF
def test_a_bracket_closed_on_the_next_line_keeps_the_item_and_its_year_label_whole():
    text = ("II. MỤC TIÊU\n1. Giai đoạn 2026 - 2030\n"
            "- Năm 2028: 100% lớp 6 học theo mô hình trường học số (đề án\n"
            "5G); năm 2029: 100% lớp 6, 7.\n"
            "- Có ít nhất 04 câu lạc bộ thể thao.\n")
    assert got(text) == [("=", 100, "%", 2028), ("=", 100, "%", 2029), (">=", 4, "câu lạc bộ", 2030)]



# ---------------------------------------------------------------------------- header
def test_the_bodys_contact_line_is_not_part_of_its_name():
    text = ("PHÒNG GD&ĐT HUYỆN AN LÃO\nTRƯỜNG TIỂU HỌC AN TIẾN\nĐT: 0225 3870 112\nSố: 15/KH-THAT\n"
            "An Tiến, ngày 03 tháng 3 năm 2027\nKẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW\n")
    assert header(text)["issuer"] == "TRƯỜNG TIỂU HỌC AN TIẾN"


# ---------------------------------------------------------------------------- comparators
def test_a_whole_after_a_comma_does_not_take_the_strict_bound_before_it():
    text = GOAL + "- Đến năm 2028, tỷ lệ học sinh lên lớp trên 97%, 100% học sinh được học bơi.\n"
    assert got(text) == [(">", 97, "%", 2028), ("=", 100, "%", 2028)]


def test_no_one_exceeding_a_figure_bounds_every_one_by_it():
    text = GOAL + "- Năm học 2026 - 2027: không nhóm lớp nào vượt quá 30 trẻ; tỷ lệ chuyên cần vượt quá 95%.\n"
    assert got(text) == [("<=", 30, "trẻ/lớp", 2027), (">", 95, "%", 2027)]


def test_a_cell_that_meets_a_standard_without_a_figure_holds_no_value():
    text = (GOAL + "2. Chỉ tiêu theo cấp học đến năm 2029\n"
            "Chỉ tiêu | Mầm non | Tiểu học | THCS\n"
            "Kiểm định chất lượng giáo dục (mức độ) | Duy trì | 3 | 2\n"
            "Giáo viên dạy giỏi cấp huyện (%) | 20 | 25 | 30\n")
    assert got(text) == [("=", 3, "mức", 2029), ("=", 2, "mức", 2029),
                         ("=", 20, "%", 2029), ("=", 25, "%", 2029), ("=", 30, "%", 2029)]
