"""Plan importer: the reading rules the blind28 set called for (fixtures/plans_heldout/blind28, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got

BY_2030 = GOAL + "2. Mục tiêu cụ thể đến năm 2030\n"


# ---------------------------------------------------------------------------- a falling figure's level in a cell
YEARS = GOAL + "Chỉ tiêu | Năm học 2026-2027 | Năm học 2027-2028 | Năm 2030 | Ghi chú\n"


def test_a_cell_bringing_a_figure_down_to_a_level_gives_that_level():
    text = YEARS + "Tỷ lệ học sinh lưu ban (%) | giảm còn 1,8 | giảm xuống 1,2 | hạ xuống còn 1 | NH 2025-2026: 2,4%\n"
    assert got(text) == [("=", 1.8, "%", 2027), ("=", 1.2, "%", 2028), ("=", 1, "%", 2030)]


def test_a_row_of_falling_levels_keeps_its_bound_cells():
    text = YEARS + "Trẻ suy dinh dưỡng thể thấp còi (%) | giảm còn 5 | dưới 4,5 | không quá 4 | \n"
    assert got(text) == [("=", 5, "%", 2027), ("<", 4.5, "%", 2028), ("<=", 4, "%", 2030)]


def test_a_cell_saying_by_how_much_it_falls_is_no_level():
    text = YEARS + "Tỷ lệ học sinh bỏ học (%) | giảm 0,2 | giảm 0,2 | giảm 0,1 | \n"
    assert not any(value in (0.2, 0.1) and cmp == "=" and unit == "%" for cmp, value, unit, _ in got(text))


# ---------------------------------------------------------------------------- a bound shared across a comma
def test_a_share_after_a_comma_naming_whom_it_counts_has_no_bound_of_its_own():
    text = BY_2030 + "- Tối thiểu 90% giáo viên sử dụng học liệu số, 75% giáo viên tự thiết kế bài giảng điện tử.\n"
    assert got(text) == [(">=", 90, "%", 2030), ("=", 75, "%", 2030)]


def test_a_share_after_a_comma_continuing_the_same_count_keeps_the_bound():
    text = BY_2030 + "- Ít nhất 40% học sinh lớp 9 đạt bậc 2 tiếng Anh, 10% đạt bậc 3.\n"
    assert got(text) == [(">=", 40, "%", 2030), (">=", 10, "%", 2030)]


# ---------------------------------------------------------------------------- a count of a two-syllable noun
def test_a_bounded_count_of_products_counts_products():
    text = BY_2030 + "- Mỗi năm học có ít nhất 02 sản phẩm khoa học kỹ thuật tham gia cuộc thi cấp quận.\n"
    assert got(text) == [(">=", 2, "sản phẩm", 2030)]


def test_a_bounded_count_of_models_counts_models():
    text = BY_2030 + "- Xây dựng tối thiểu 03 mô hình câu lạc bộ đọc sách trong trường.\n"
    assert got(text) == [(">=", 3, "mô hình", 2030)]


# ---------------------------------------------------------------------------- today's make-up, "hiện" … "có"
def test_hien_then_a_subject_then_co_gives_todays_make_up():
    text = BY_2030 + "- 100% phòng học được lắp màn hình tương tác, hiện nhà trường có 28 phòng học với 1.050 học sinh.\n"
    assert got(text) == [("=", 100, "%", 2030)]


def test_hien_for_a_commune_gives_its_present_count():
    text = BY_2030 + "- Có ít nhất 4 trường đạt chuẩn quốc gia, hiện toàn xã chỉ có 2 trường.\n"
    assert got(text) == [(">=", 4, "trường", 2030)]
