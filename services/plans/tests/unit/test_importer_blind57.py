"""Plan importer: the reading rules the blind57 set called for (fixtures/plans_heldout/blind57, ordinary plans written
by someone who never read the importer: schools', communes' and a province's plans as most uploads are), one test per
rule, on sentences and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- a roadmap's years as the items' prefixes
def test_a_year_alone_after_an_items_mark_is_the_items_horizon():
    text = (GOAL + "1. Chỉ tiêu năm học 2026 - 2027\n- Tỷ lệ trẻ chuyên cần đạt 95%\n2. Các bước tiếp theo\n"
            "- 2027: có 01 phòng học tiếng Anh chuẩn\n+ 2029: đạt kiểm định chất lượng giáo dục cấp độ 2\n"
            "+ 2030: 100% giáo viên dùng học bạ số\n")
    assert got(text) == [("=", 95, "%", 2027), ("=", 1, "phòng", 2027), ("=", 2, "mức", 2029), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- "ko quá": "không" abbreviated
def test_an_abbreviated_negation_bounds_the_figure_as_written_out():
    text = GOAL + "- Tỷ lệ trẻ suy dinh dưỡng ko quá 2,5%\n- Tỷ lệ học sinh lên lớp ko dưới 98%\n"
    assert got(text) == [("<=", 2.5, "%", None), (">=", 98, "%", None)]


# ---------------------------------------------------------------------------- "bỏ học: 0" over the next item
def test_a_labels_bare_zero_is_a_target_of_none_and_no_range_with_the_next_item():
    text = GOAL.replace("\n", " NĂM HỌC 2026 - 2027\n") + "- Học sinh bỏ học: 0\n- 98% học sinh được đánh giá hoàn thành\n"
    assert got(text) == [("=", 0, "%", 2027), ("=", 98, "%", 2027)]


def test_a_range_a_line_break_cut_is_still_joined():
    text = GOAL + "- Tỷ lệ học sinh đạt chuẩn tiếng Anh đạt 80\n- 85% vào năm 2030\n"
    assert got(text) == [(">=", 80, "%", 2030)]
