"""Plan importer: the reading rules the blind22 set called for (fixtures/plans_heldout/blind22, ordinary plans written
by someone who never read the importer), one test per rule, on sentences written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got

BY_2030 = GOAL + "2. Chỉ tiêu đến năm 2030\n"


# ---------------------------------------------------------------------------- a level's own year after it
def test_a_year_right_after_a_level_is_its_deadline():
    text = BY_2030 + "- Nhà trường đạt kiểm định chất lượng giáo dục cấp độ 3 năm 2029.\n- 100% lớp học có máy chiếu.\n"
    assert got(text) == [("=", 3, "mức", 2029), ("=", 100, "%", 2030)]


def test_a_year_right_after_a_national_standard_level_is_its_deadline():
    assert got(BY_2030 + "- Trường đạt chuẩn quốc gia mức độ 1 năm 2027, duy trì đến năm 2030.\n")[0] == (
        "=", 1, "mức", 2027)


def test_a_level_without_its_own_year_keeps_the_headings():
    assert got(BY_2030 + "- Nhà trường đạt kiểm định chất lượng giáo dục cấp độ 3.\n") == [("=", 3, "mức", 2030)]


# ---------------------------------------------------------------------------- a year does not cross a semicolon
def test_a_year_closing_a_clause_does_not_pass_a_semicolon_to_the_next():
    text = BY_2030 + "- Trường đạt chuẩn quốc gia mức độ 1 vào năm 2028; đạt kiểm định chất lượng cấp độ 2.\n"
    assert got(text) == [("=", 1, "mức", 2028), ("=", 2, "mức", 2030)]


# ---------------------------------------------------------------------------- a noun of two syllables
def test_lessons_are_counted_in_bai_hoc_not_bai():
    assert got(GOAL + "2. Đến năm 2028\n- Mỗi tổ chuyên môn xây dựng ít nhất 5 bài giảng điện tử.\n") == [
        (">=", 5, "bài giảng", 2028)]
