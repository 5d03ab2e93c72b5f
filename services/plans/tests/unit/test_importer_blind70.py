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


# ---------------------------------------------------------------------------- the grades of the two ratings
def test_columns_of_a_rating_to_reach_are_targets_not_last_years_results():
    table = ("3. Chỉ tiêu chất lượng các khối năm học 2027 - 2028\n"
             "Khối | Kết quả học tập Tốt (%) | Kết quả rèn luyện Tốt (%) | Lên lớp (%)\n"
             "Khối 6 | 30 | 90 | 98\n"
             "Khối 7 | 27 | 88 | 99\n")
    assert got(GOAL + table) == [("=", 30, "%", 2028), ("=", 90, "%", 2028), ("=", 98, "%", 2028),
                                 ("=", 27, "%", 2028), ("=", 88, "%", 2028), ("=", 99, "%", 2028)]
    # a rating's column that names a year gone by is last year's result
    past = table.replace("Kết quả học tập Tốt (%)", "Kết quả học tập Tốt 2026 - 2027 (%)")
    assert not any(t[1] in (30, 27) for t in got(GOAL + past))


# ---------------------------------------------------------------------------- classes planned in a table of targets
TABLE = ("II. CHỈ TIÊU\n1. Năm học 2027 - 2028\n{caption}\n"
         "Khối | Số lớp | Sĩ số tối đa (HS/lớp) | Biết bơi (%)\n"
         "Khối 1 | 5 | 35 | 60\n"
         "Khối 2 | 4 | 35 | 70\n")


def test_classes_counted_in_a_table_captioned_as_targets_are_the_classes_planned():
    for caption in ("a) Chỉ tiêu theo khối lớp", "- Kế hoạch lớp, sĩ số:"):
        targets = got(TABLE.format(caption=caption))
        assert ("=", 5, "lớp", 2028) in targets and ("=", 4, "lớp", 2028) in targets, caption
    # under a caption that sets no targets the classes are the school's size; the other columns stand
    targets = got(TABLE.format(caption="- Học sinh biết bơi:"))
    assert ("=", 60, "%", 2028) in targets and not any(t[2] == "lớp" for t in targets)


# ---------------------------------------------------------------------------- a year closing a share's clause
def test_a_year_closing_a_shares_clause_is_its_deadline():
    text = "II. MỤC TIÊU ĐẾN NĂM 2030\n+ 100% cán bộ quản lý được bồi dưỡng năng lực số năm 2028.\n"
    assert got(text, plan_year=2026, plan_horizon=2030) == [("=", 100, "%", 2028)]
    # not a year gone by, nor one a regulation or the base of a change is named by
    for tail in ("tốt nghiệp năm 2025", "thực hiện theo Chương trình giáo dục phổ thông năm 2026",
                 "tăng 5% so với năm 2026"):
        targets = got(f"II. MỤC TIÊU ĐẾN NĂM 2030\n+ 98% học sinh {tail}.\n", plan_year=2026, plan_horizon=2030)
        assert all(t[3] == 2030 for t in targets), tail
