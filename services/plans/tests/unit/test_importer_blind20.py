"""Plan importer: the reading rules the blind20 set called for (fixtures/plans_heldout/blind20, ordinary plans written by
someone who never read the importer), one test per rule, on sentences and tables written for the test (none copied
from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- horizons
def test_a_horizon_heading_after_a_year_labelled_item_opens_a_group_of_its_own_year():
    text = (GOAL + "a) Đến hết năm 2027\n"
            "- 95% học sinh biết bơi.\n"
            "- Năm học 2027 - 2028: 100% lớp có máy chiếu.\n"
            "b) Đến năm 2029\n"
            "- 90% giáo viên dạy học STEM.\n"
            "- Tỷ lệ học sinh đọc thông viết thạo đạt 99%.\n")
    assert got(text) == [("=", 95, "%", 2027), ("=", 100, "%", 2028), ("=", 90, "%", 2029), ("=", 99, "%", 2029)]


def test_the_item_after_a_year_labelled_one_is_still_back_under_its_groups_year():
    text = (GOAL + "a) Đến hết năm 2027\n"
            "- Năm học 2027 - 2028: 100% lớp có máy chiếu.\n"
            "- 95% học sinh biết bơi.\n")
    assert got(text) == [("=", 100, "%", 2028), ("=", 95, "%", 2027)]


# ---------------------------------------------------------------------------- units
def test_workshops_are_counted_in_workshops():
    text = GOAL + "1. Đến năm 2029\n- Xây dựng 02 phòng học bộ môn và 01 xưởng thực hành cơ khí.\n"
    assert got(text) == [("=", 2, "phòng", 2029), ("=", 1, "xưởng", 2029)]


def test_a_bare_no_in_a_row_that_counts_is_none_of_it():
    text = (GOAL + "2. Các chỉ tiêu cụ thể\n"
            "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Số vụ học sinh vi phạm an toàn giao thông | Không | Không\n"
            "Trường đạt chuẩn quốc gia (mức độ) | Không | 1\n")
    assert got(text) == [("=", 0, "vụ", 2027), ("=", 0, "vụ", 2029), ("=", 1, "mức", 2029)]


# ---------------------------------------------------------------------------- another body's aim
TERRITORY = (GOAL + "1. Đến năm 2029\n"
             "- 98% học sinh hoàn thành chương trình lớp học.\n"
             "Phấn đấu đến năm 2029, 100% trường tiểu học trên địa bàn huyện đạt chuẩn quốc gia, trong đó 40% đạt mức độ 2.\n"
             "- 100% học sinh lớp 5 hoàn thành chương trình tiểu học.\n")


def test_a_schools_plan_quoting_its_localitys_aim_for_its_schools_takes_none_of_its_figures():
    assert got(TERRITORY, own_kind="truong") == [("=", 98, "%", 2029), ("=", 100, "%", 2029)]


def test_a_communes_plan_sets_the_aim_for_the_schools_of_its_territory_itself():
    assert got(TERRITORY, own_kind="ubnd") == [("=", 98, "%", 2029), ("=", 100, "%", 2029), ("=", 40, "%", 2029),
                                               ("=", 100, "%", 2029)]


# ---------------------------------------------------------------------------- a table of a school year's terms
def test_a_school_years_terms_as_columns_each_set_targets_for_that_year():
    text = ("II. CHỈ TIÊU NĂM HỌC 2027 - 2028\n"
            "Nội dung | ĐVT | Học kỳ I | Học kỳ II | Cả năm | Ghi chú\n"
            "Tỷ lệ học sinh đọc thành thạo | % | 85 | 95 | 95 | Khối 1\n"
            "Số câu lạc bộ thể thao | câu lạc bộ | 2 | 3 | 3 | \n")
    assert got(text) == [("=", 85, "%", 2028), ("=", 95, "%", 2028), ("=", 95, "%", 2028),
                         ("=", 2, "câu lạc bộ", 2028), ("=", 3, "câu lạc bộ", 2028), ("=", 3, "câu lạc bộ", 2028)]


# ---------------------------------------------------------------------------- text typed in a plain editor
def test_a_sign_typed_the_other_way_round_is_the_same_bound():
    text = GOAL + "1. Đến năm 2029\n- Sĩ số =< 35 học sinh/lớp; tỷ lệ học sinh lên lớp => 98 %.\n"
    assert got(text) == [("<=", 35, "học sinh/lớp", 2029), (">=", 98, "%", 2029)]


def test_a_spelt_number_typed_without_marks_with_its_noun_is_not_read_as_a_count():
    text = (GOAL + "1. Đến năm 2029\n- Ngan chan hanh vi xam hai tre, 100% trẻ được an toàn.\n"
            "- Mở thêm hai lớp học hòa nhập.\n")
    assert got(text) == [("=", 100, "%", 2029), ("=", 2, "lớp", 2029)]
