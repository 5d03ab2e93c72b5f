"""Plan importer: the reading rules the blind25 set called for (fixtures/plans_heldout/blind25, written by someone who
never read the importer), one test per rule, on sentences written for the test (none copied from a fixture; pure, no
files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- horizons
def test_unmarked_year_lines_under_an_item_are_its_steps_and_the_next_item_is_back_under_the_group():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029\n"
            "- Lộ trình trang bị máy chiếu:\n"
            "Năm 2026: 40% phòng học có máy chiếu.\n"
            "Năm 2027: 70% phòng học có máy chiếu.\n"
            "- Có 03 phòng học bộ môn đạt chuẩn.\n"
            "- Tỷ lệ học sinh bỏ học dưới 0,4%.\n")
    assert got(text) == [("=", 40, "%", 2026), ("=", 70, "%", 2027), ("=", 3, "phòng", 2029), ("<", 0.4, "%", 2029)]


def test_a_bare_year_line_still_heads_the_items_under_it():
    text = (GOAL + "- Các chỉ tiêu theo năm:\n"
            "Năm 2027:\n"
            "- 90% lớp học 2 buổi/ngày.\n"
            "- Có 02 phòng học thông minh.\n")
    assert got(text) == [("=", 90, "%", 2027), ("=", 2, "phòng", 2027)]


# ---------------------------------------------------------------------------- the aim in words
def test_the_general_aim_before_parts_that_set_figures_stage_by_stage_is_no_target():
    text = ("III. MỤC TIÊU\n1. Mục tiêu chung\n"
            "Phát triển nhà trường theo hướng hiện đại; xây dựng trường đạt chuẩn quốc gia mức độ 2.\n"
            "2. Chỉ tiêu năm học 2027 - 2028\n- Tỷ lệ học sinh lên lớp đạt 98%.\n"
            "3. Chỉ tiêu đến năm 2030\n- Trường đạt chuẩn quốc gia mức độ 2.\n")
    assert got(text) == [("=", 98, "%", 2028), ("=", 2, "mức", 2030)]


def test_a_general_aim_that_opens_on_its_horizon_is_still_the_aim():
    text = ("II. MỤC TIÊU\n1. Mục tiêu chung\n"
            "Đến năm 2030, xây dựng nhà trường đạt kiểm định chất lượng giáo dục cấp độ 3, môi trường an toàn, thân "
            "thiện.\n"
            "2. Mục tiêu cụ thể\n- Đến năm 2030: kiểm định chất lượng giáo dục cấp độ 3; 95% học sinh được tham gia "
            "câu lạc bộ.\n")
    assert got(text) == [("=", 3, "mức", 2030), ("=", 95, "%", 2030)]


def test_a_short_horizon_line_after_the_aim_still_opens_a_stage():
    text = ("II. MỤC TIÊU\na) Mục tiêu chung\nNâng cao chất lượng dạy học ngoại ngữ.\n"
            "Đến năm 2028:\n- 60% học sinh lớp 9 đạt chuẩn tiếng Anh bậc A2.\n"
            "b) Mục tiêu cụ thể\n- 100% giáo viên tiếng Anh đạt chuẩn.\n")
    assert got(text)[0] == ("=", 60, "%", 2028)


# ---------------------------------------------------------------------------- counts and bounds
def test_a_count_of_buildings_is_in_nha():
    text = GOAL + "- Đến năm 2029 xây dựng 01 nhà đa năng và 02 nhà vệ sinh cho học sinh.\n"
    assert got(text) == [("=", 1, "nhà", 2029), ("=", 2, "nhà", 2029)]


def test_none_below_a_bound_reads_as_at_least_it_when_the_measure_is_named_at_length_between():
    text = (GOAL + "- Đến năm 2030 không có thôn, bản nào có tỷ lệ trẻ em trong độ tuổi tiểu học đang đi học đúng "
                   "độ tuổi dưới 95%.\n")
    assert got(text) == [(">=", 95, "%", 2030)]

