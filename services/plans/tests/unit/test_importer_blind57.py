"""Plan importer: the reading rules the blind57 set called for (fixtures/plans_heldout/blind57, ordinary plans written
by someone who never read the importer: schools', communes' and a province's plans as most uploads are), one test per
rule, on sentences and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets


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


# ---------------------------------------------------------------------------- another body's figure quoted
SCHOOL = ("UBND XÃ HÒA LẠC\nTRƯỜNG TIỂU HỌC HÒA LẠC\nSố: 12/KH-THHL\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\n\nHòa Lạc, ngày 05 tháng 10 năm 2026\n\nKẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027\n\n"
          "I. MỤC TIÊU\n{line}\n\nNơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\nLê Văn An\n")


def test_a_superior_bodys_figure_quoted_in_a_schools_plan_is_not_its_own():
    for line, own in (("- Sở GD&ĐT đặt mục tiêu toàn tỉnh 60% học sinh biết bơi; nhà trường phấn đấu 75% học sinh biết bơi.", 75),
                      ("- Huyện phấn đấu 90% học sinh học 2 buổi/ngày; nhà trường phấn đấu 100%.", 100),
                      ("- Học sinh được đánh giá hoàn thành: ≥ 98,5% (UBND xã giao: học sinh được đánh giá hoàn thành 97%)", 98.5)):
        found = plan_targets(SCHOOL.format(line=line))
        assert [t[1] for t in found] == [own], line


def test_a_provinces_figure_set_against_the_communes_own_in_a_communes_plan_is_quoted():
    text = (GOAL + "- Tỉnh giao xã 95% trẻ mẫu giáo ra lớp; xã phấn đấu huy động trẻ mẫu giáo ra lớp đạt 97%.\n"
            "- Tỉnh phấn đấu 70% trường đạt chuẩn quốc gia; xã phấn đấu 80% trường đạt chuẩn quốc gia.\n"
            "- Xã phấn đấu 100% trẻ 5 tuổi ra lớp.\n")
    assert [t[1] for t in got(text)] == [97, 80, 100]


# ---------------------------------------------------------------------------- a column naming its own year
def test_a_column_over_named_rows_that_names_its_year_is_due_then():
    text = (GOAL + "3. Chỉ tiêu các cấp học đến năm 2030\n"
            "Cấp học | Trẻ, học sinh biết bơi năm 2028 (%) | Trẻ, học sinh biết bơi (%)\n"
            "Tiểu học | 60 | 75\nTHCS | 70 | 85\n")
    assert got(text) == [("=", 60, "%", 2028), ("=", 75, "%", 2030), ("=", 70, "%", 2028), ("=", 85, "%", 2030)]


# ---------------------------------------------------------------------------- a sentence's two horizons
YEAR_PLAN = GOAL.replace("\n", " NĂM HỌC 2026 - 2027\n")


def test_a_sentence_that_sets_two_horizons_does_not_carry_the_later_into_the_next():
    text = YEAR_PLAN + ("Tỷ lệ trẻ suy dinh dưỡng năm học 2026 - 2027 dưới 4%, đến năm 2030 dưới 3%. Tỷ lệ trẻ béo phì "
                        "không quá 2%; tỷ lệ trẻ chuyên cần đạt 96%.\n")
    assert got(text) == [("<", 4, "%", 2027), ("<", 3, "%", 2030), ("<=", 2, "%", 2027), ("=", 96, "%", 2027)]


def test_a_later_year_that_opens_its_own_figure_after_and_is_not_the_first_figures():
    text = YEAR_PLAN + "- Nhà trường phấn đấu tỷ lệ học sinh biết bơi không dưới 45% và đến năm 2030 đạt 70%.\n"
    assert got(text) == [(">=", 45, "%", 2027), ("=", 70, "%", 2030)]


# ---------------------------------------------------------------------------- a numbered part after a table
def test_a_numbered_part_with_its_own_horizon_ends_the_table_before_it():
    text = (GOAL + "3. Chất lượng đội ngũ\nNội dung | Kết quả năm 2026 | Chỉ tiêu năm 2027\n"
            "Giáo viên dạy giỏi cấp tỉnh (người) | 3 | 4\n4. Định hướng đến năm 2035\n"
            "Trường trở thành trường trọng điểm của khu vực; tối thiểu 50%\nhọc sinh đạt chuẩn tiếng Anh bậc 3.\n")
    assert got(text) == [("=", 4, "người", 2027), (">=", 50, "%", 2035)]


# ---------------------------------------------------------------------------- a part of targets among the tasks
def test_a_part_headed_by_a_year_outside_the_targets_section_sets_the_items_under_it():
    text = (SCHOOL.replace("I. MỤC TIÊU\n{line}", "I. MỤC TIÊU\n- Tỷ lệ học sinh lên lớp đạt 99%.\n"
                           "II. THỰC HIỆN CHUYỂN ĐỔI SỐ\n{line}")
            .format(line="1. Năm học 2026 - 2027: 100% giáo viên dùng sổ điểm điện tử.\n2. Đến năm 2029:\n"
                         "- Trường đạt chuẩn quốc gia mức độ 2.\n- 80% phòng học có màn hình tương tác.\n"
                         "3. Năm học 2025 - 2026: 95% giáo viên dùng sổ điểm điện tử.\n"))
    assert plan_targets(text) == [("=", 99, "%", 2027), ("=", 100, "%", 2027), ("=", 2, "mức", 2029), ("=", 80, "%", 2029)]
