"""Plan importer: the reading rules the blind32 set called for (fixtures/plans_heldout/blind32, plans of non-public and
specialised schools written by someone who never read the importer), one test per rule, on sentences and tables
written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from datetime import date

from .importer_probes import GOAL, got, header

# ---------------------------------------------------------------------------- no target is due before its plan
LEVELS_BESIDE_BASELINE = (GOAL + "2. Chỉ tiêu cụ thể\n"
                          "Bảng 2. Chỉ tiêu giáo dục hòa nhập đến năm 2029\n"
                          "Chỉ tiêu | Năm 2026 | Tiểu học | THCS\n"
                          "Tỷ lệ trẻ khuyết tật được đi học | 71% / 64% | ≥ 85% | ≥ 80%\n"
                          "Phòng hỗ trợ hòa nhập | 3 / 1 | 6 phòng | 4 phòng\n")


def test_a_years_column_before_the_levels_issued_later_is_a_baseline_the_caption_gives_the_horizon():
    assert got(LEVELS_BESIDE_BASELINE, plan_year=2027) == [
        (">=", 85, "%", 2029), (">=", 80, "%", 2029), ("=", 6, "phòng", 2029), ("=", 4, "phòng", 2029)]


def test_a_sentences_year_gone_by_when_the_plan_was_issued_is_no_horizon():
    text = GOAL + "1. Mục tiêu đến năm 2029\n- Tỷ lệ trẻ 5 tuổi học 2 buổi/ngày đạt 100% vào năm 2025.\n"
    assert got(text, plan_year=2027) == [("=", 100, "%", 2029)]
    assert got(text, plan_year=2025) == [("=", 100, "%", 2025)]


# ---------------------------------------------------------------------------- a count a cell bounds in words
def test_a_cell_that_bounds_a_count_counts_the_noun_its_row_opens_with():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029 | Ghi chú\n"
            "Giáo viên dạy giỏi cấp huyện | Ít nhất 6 | Tối thiểu 09 | Các môn\n"
            "Trường đạt chuẩn xanh - sạch - đẹp | 02 | Không dưới 4 | \n")
    assert got(text) == [(">=", 6, "giáo viên", 2027), (">=", 9, "giáo viên", 2029),
                         ("=", 2, "trường", 2027), (">=", 4, "trường", 2029)]


def test_bare_counts_under_a_label_with_no_noun_are_still_not_read():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Hoạt động trải nghiệm ngoài nhà trường | Ít nhất 3 | Ít nhất 5\n"
            "Học sinh giỏi cấp huyện | 25 | 30\n")
    assert all(unit not in ("học sinh", "hoạt động") for _, _, unit, _ in got(text))


def test_years_as_rows_take_the_unit_their_column_heading_opens_with():
    text = (GOAL + "Thời gian | Huy chương bạc (tối thiểu) | Giải khuyến khích\n"
            "Năm học 2027 - 2028 | 6 | 04\n"
            "Đến năm 2029 | 9 | 05\n")
    assert got(text) == [(">=", 6, "huy chương", 2028), ("=", 4, "giải", 2028),
                         (">=", 9, "huy chương", 2029), ("=", 5, "giải", 2029)]


# ---------------------------------------------------------------------------- a count of people named by role
def test_a_count_of_people_named_by_role_takes_the_whole_noun():
    text = (GOAL + "- Có ít nhất 12 huấn luyện viên đạt chuẩn quốc gia.\n"
            "- Bố trí 02 hướng dẫn viên cho mỗi đội tuyển.\n"
            "- Kết nạp tối thiểu 40 đoàn viên mới.\n")
    assert [(c, v, u) for c, v, u, _ in got(text)] == [
        (">=", 12, "huấn luyện viên"), ("=", 2, "hướng dẫn viên"), (">=", 40, "đoàn viên")]


def test_the_role_suffix_does_not_make_a_noun_of_other_words():
    text = GOAL + "- Học sinh học tối thiểu 2 buổi/ngày; ít nhất 15 học viên và nhân viên.\n"
    assert "buổi viên" not in {u for _, _, u, _ in got(text)}
    assert (">=", 15, "học viên") in [(c, v, u) for c, v, u, _ in got(text)]


# ---------------------------------------------------------------------------- a commitment from a school year on
def test_a_start_from_a_school_year_is_due_by_an_earlier_heading_inside_it():
    text = (GOAL + "1. Đến hết năm 2027\n"
            "- Từ năm học 2027 - 2028, 100% học sinh lớp 1 được học tiếng Anh.\n"
            "2. Đến năm 2030\n"
            "- Từ năm học 2028 - 2029, 100% học sinh lớp 3 học tin học.\n")
    assert got(text) == [("=", 100, "%", 2027), ("=", 100, "%", 2029)]


def test_a_start_from_a_school_year_after_a_deadline_on_its_line():
    inside = GOAL + "- Đến năm 2027, xây xong 12 phòng học, đưa vào sử dụng 100% từ năm học 2027 - 2028.\n"
    later = GOAL + "- Đến năm 2030, 100% học sinh lớp 6 học 2 buổi/ngày từ năm học 2028 - 2029.\n"
    assert got(inside) == [("=", 12, "phòng", 2027), ("=", 100, "%", 2027)]
    assert got(later) == [("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- a level's unit in the row's label
def test_an_accreditation_rows_bracket_names_its_level():
    text = (GOAL + "Bảng 1. Chỉ tiêu đến năm 2029\nChỉ tiêu | Tiểu học | THCS\n"
            "Kiểm định chất lượng giáo dục (cấp độ) | 3 | 2\n"
            "Học sinh đạt giải cấp tỉnh (cấp tỉnh) | 5 | 4\n")
    assert got(text) == [("=", 3, "mức", 2029), ("=", 2, "mức", 2029)]


def test_a_language_standards_level_before_the_share_is_no_figure():
    text = (GOAL + "Bảng 1. Chỉ tiêu đến năm 2029\nChỉ tiêu | Tiểu học | THCS\n"
            "Tỷ lệ học sinh đạt chuẩn tiếng Anh | A1 ≥ 85% | A2 70%\n")
    assert got(text) == [(">=", 85, "%", 2029), ("=", 70, "%", 2029)]


# ---------------------------------------------------------------------------- header
def test_a_date_cut_after_its_day_joins_the_next_line():
    text = ("CÔNG TY CỔ PHẦN GIÁO DỤC AN PHÚ\nTRƯỜNG TIỂU HỌC AN PHÚ\nSố: 07/KH-TH Cần Thơ, ngày 9\n"
            "tháng 12 năm 2026\nKẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW\n")
    assert header(text, ("place", "issued_on")) == {"place": "Cần Thơ", "issued_on": date(2026, 12, 9)}


def test_a_start_from_a_school_year_after_other_clauses_keeps_its_year_under_a_later_heading():
    text = (GOAL + "2. Đến năm 2030\n"
            "- Tỷ lệ học sinh biết bơi đạt 60% vào năm 2027 và 90% vào năm 2030; từ năm học 2028 - 2029 có 03 lớp "
            "học tiếng Nhật.\n")
    assert got(text) == [("=", 60, "%", 2027), ("=", 90, "%", 2030), ("=", 3, "lớp", 2029)]
