"""Plan importer: the reading rules the blind23 set called for (fixtures/plans_heldout/blind23, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- a column of each row's own deadline
DUE = (GOAL + "2. Chỉ tiêu cụ thể\n"
       "STT | Nội dung | Chỉ tiêu | Thời hạn | Người phụ trách\n"
       "1 | Trẻ đi học chuyên cần (%) | từ 95 trở lên | Năm học 2027 - 2028 | Tổ trưởng\n"
       "2 | Trẻ suy dinh dưỡng (%) | dưới 3 | Năm 2029 | Nhân viên y tế\n"
       "3 | Giáo viên được bồi dưỡng tin học (%) | 100 | 2027 | Phó Hiệu trưởng\n"
       "4 | Phòng học bộ môn đạt chuẩn | 02 phòng | Giai đoạn 2026 - 2028 | Hiệu trưởng\n")


def test_a_table_with_a_deadline_column_gives_each_row_its_own_year():
    assert got(DUE) == [(">=", 95, "%", 2028), ("<", 3, "%", 2029), ("=", 100, "%", 2027), ("=", 2, "phòng", 2028)]


def test_a_deadline_column_outranks_the_horizon_above_the_table():
    text = DUE.replace("2. Chỉ tiêu cụ thể\n", "2. Chỉ tiêu cụ thể đến năm 2030\n")
    assert [t[3] for t in got(text)] == [2028, 2029, 2027, 2028]


def test_a_column_of_who_does_it_is_no_deadline():
    text = (GOAL + "2. Chỉ tiêu đến năm 2030\n"
            "STT | Nội dung | Chỉ tiêu | Bộ phận thực hiện\n"
            "1 | Trẻ suy dinh dưỡng (%) | dưới 3 | Năm 2027 nhân viên y tế\n")
    assert got(text) == [("<", 3, "%", 2030)]


# ---------------------------------------------------------------------------- a count per year in a cell
def test_a_count_each_year_is_a_count_and_turns_of_people_count_in_luot():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Học viên học các lớp kỹ năng sống | 300 học viên/năm | 500 học viên/năm\n"
            "Người dân được tập huấn chuyển đổi số | 800 lượt người/năm | 2.000 lượt người/năm\n")
    assert got(text) == [("=", 300, "học viên", 2027), ("=", 500, "học viên", 2030),
                         ("=", 800, "lượt", 2027), ("=", 2000, "lượt", 2030)]


def test_trades_and_workshops_are_counts_a_cell_may_name():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "Ngành đào tạo liên kết với trường cao đẳng | 02 ngành | Tối thiểu 04 ngành\n"
            "Xưởng thực hành đạt chuẩn | 01 xưởng | 02 xưởng\n")
    assert got(text) == [("=", 2, "ngành", 2027), (">=", 4, "ngành", 2030), ("=", 1, "xưởng", 2027), ("=", 2, "xưởng", 2030)]


# ---------------------------------------------------------------------------- an age group in a level's cell
def test_a_cell_naming_an_age_group_sets_nothing_and_keeps_the_row():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029\n"
            "Chỉ tiêu | Mầm non | Tiểu học | THCS | Ghi chú\n"
            "Tỷ lệ lớp học 2 buổi/ngày (%) | 100 | 95 | 60 |\n"
            "Phổ cập giáo dục | Trẻ em 5 tuổi | Mức độ 2 | Mức độ 3 |\n"
            "Số phòng học bộ môn | - | 04 phòng | 06 phòng | Xây mới\n")
    assert got(text) == [("=", 100, "%", 2029), ("=", 95, "%", 2029), ("=", 60, "%", 2029),
                         ("=", 2, "mức", 2029), ("=", 3, "mức", 2029), ("=", 4, "phòng", 2029), ("=", 6, "phòng", 2029)]


# ---------------------------------------------------------------------------- the start of a change
def test_the_year_of_the_figure_a_change_starts_from_is_no_horizon():
    text = (GOAL + "2. Đến năm 2030\n"
            "- Tỷ lệ trường tiểu học có thư viện đạt chuẩn từ 64,5% năm 2024 lên 90%.\n"
            "- Tỷ lệ học sinh béo phì giảm từ 12% (năm 2025) xuống dưới 8%.\n")
    assert got(text) == [("=", 90, "%", 2030), ("<", 8, "%", 2030)]


# ---------------------------------------------------------------------------- a wrapped document number
def test_a_document_number_a_line_break_put_after_so_stays_in_its_sentence():
    text = (GOAL + "2. Chỉ tiêu cụ thể\n"
            "- 100% đảng viên trong chi bộ được học tập Kết luận số\n"
            "91-KL/TW trong năm 2027.\n"
            "- Đến năm 2030, 100% lớp học có tivi kết nối Internet.\n")
    assert got(text) == [("=", 100, "%", 2027), ("=", 100, "%", 2030)]
