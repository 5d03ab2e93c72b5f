"""Plan importer: the reading rules the blind70 set called for (fixtures/plans_heldout/blind70, ordinary plans of
communes, wards, a Sở and a province written by someone who never read the importer), one test per rule, on tables
written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- levels in a table by school
def test_level_columns_of_a_table_by_school_are_each_schools_levels():
    table = ("3. Chỉ tiêu giao các trường đến năm 2030\n"
             "TT | Trường | Mức chuẩn quốc gia | Kiểm định chất lượng cấp độ | Phòng học bộ môn (phòng)\n"
             "1 | Tiểu học Suối Cát | 2 | 3 | 4\n"
             "2 | THCS Bình Minh | 1 | 2 | 3\n")
    assert got(GOAL + table) == [("=", 2, "mức", 2030), ("=", 3, "mức", 2030), ("=", 4, "phòng", 2030),
                                 ("=", 1, "mức", 2030), ("=", 2, "mức", 2030), ("=", 3, "phòng", 2030)]
