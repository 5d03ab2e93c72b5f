"""Plan importer: the reading rules the blind62 set called for (fixtures/plans_heldout/blind62, annual guidance that
sets targets, written by someone who never read the importer), one test per rule, on sentences and tables written for
the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets


# ---------------------------------------------------------------------------- another body's targets in the last column
def test_a_last_column_of_the_province_wide_targets_is_not_read_beside_the_plans_own():
    table = ("II. CHỈ TIÊU NĂM HỌC\n"
             "TT | Nội dung | Thực hiện 2025-2026 | Chỉ tiêu 2026-2027 | Chỉ tiêu toàn tỉnh (Sở giao)\n"
             "1 | Tỷ lệ trẻ 5 tuổi học 2 buổi/ngày (%) | 96,5 | 98 | 99\n"
             "2 | Tỷ lệ học sinh lớp 9 học tiếp (%) | 84 | 88 | 91\n")
    targets = got(table)
    assert ("=", 98, "%", 2027) in targets and ("=", 88, "%", 2027) in targets
    assert not any(t[1] in (99, 91, 96.5, 84) for t in targets)   # the province's figures and last year's results


# ---------------------------------------------------------------------------------------- the school's size is no target
HEAD = ("UBND PHƯỜNG BẮC SƠN\nTRƯỜNG TIỂU HỌC HÒA LẠC\nSố: 31/KH-THHL\tBắc Sơn, ngày 15 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027\n\n")


def test_a_row_counting_pupils_or_classes_by_grade_is_this_years_enrolment():
    table = ("II. CHỈ TIÊU NĂM HỌC 2026 - 2027\n"
             "Nội dung | Khối 1 | Khối 2 | Khối 3 | Toàn trường\n"
             "Số lớp | 4 | 4 | 3 | 11\n"
             "Số học sinh | 131 | 126 | 102 | 359\n"
             "Tỷ lệ học sinh hoàn thành chương trình lớp học | 98% | 99% | 99% | 98,7%\n")
    targets = got(table)
    assert ("=", 98, "%", 2027) in targets and ("=", 98.7, "%", 2027) in targets
    assert not any(t[2] in ("lớp", "học sinh") for t in targets)


def test_classes_counted_under_a_level_or_a_year_stay_the_size_planned():
    table = ("II. CHỈ TIÊU ĐẾN NĂM 2030\n"
             "Chỉ tiêu | Tiểu học | THCS\n"
             "Số lớp | 24 | 18\n")
    assert got(table) == [("=", 24, "lớp", 2030), ("=", 18, "lớp", 2030)]


def test_a_column_of_groups_and_classes_by_site_is_the_preschools_size():
    table = ("II. CHỈ TIÊU NĂM HỌC 2026 - 2027\n1. Huy động trẻ\n"
             "Điểm trường | Số nhóm, lớp | Tỷ lệ huy động trẻ phấn đấu (%)\n"
             "Điểm chính | 5 | 99\n"
             "Điểm Khe Mạ | 2 | 96\n"
             "Toàn trường | 7 | 98\n")
    assert plan_targets(HEAD + table) == [("=", 99, "%", 2027), ("=", 96, "%", 2027), ("=", 98, "%", 2027)]


def test_what_a_ward_or_a_centre_has_in_the_school_year_under_way_is_its_size():
    text = HEAD + GOAL + ("Năm học 2026 - 2027, phường có 7 trường (2 mầm non, 3 tiểu học, 2 THCS) với 5.120 học sinh.\n"
                          "Năm học 2026 - 2027, Trung tâm có 8 lớp GDTX cấp THPT với 291 học viên, 16 giáo viên cơ hữu.\n"
                          "Năm học 2026 - 2027, nhà trường đón 402 học sinh ở 13 lớp.\n"
                          "- Phấn đấu 100% học sinh hoàn thành chương trình tiểu học.\n")
    assert plan_targets(text) == [("=", 100, "%", 2027)]


def test_a_bracket_after_a_schools_name_that_lists_its_sites_and_classes_is_its_make_up():
    text = HEAD + GOAL + ("Trường Mầm non Hoa Ban (điểm trường chính và 4 điểm lẻ; 2 nhóm trẻ, 8 lớp mẫu giáo với 271 trẻ) "
                          "phấn đấu 100% trẻ được ăn bán trú.\n")
    assert plan_targets(text) == [("=", 100, "%", 2027)]


# -------------------------------------------------------------------------- results stated among the tasks' numbered items
TASKS = HEAD + ("I. CHỈ TIÊU NĂM HỌC 2026 - 2027\n- Tỷ lệ học sinh bỏ học dưới 0,5%.\n\n"
                "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
                "1. Tổ chức dạy học 2 buổi/ngày cho 100% học sinh khối 5.\n"
                "2. 100% giáo viên được tập huấn sử dụng học liệu số; ít nhất 70% học sinh lớp 5 đạt chuẩn đọc hiểu.\n"
                "3. Trường đạt chuẩn quốc gia mức độ 2 trong năm học 2026 - 2027.\n"
                "\nIII. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn triển khai từ ngày 01/10/2026.\n")


def test_a_tasks_item_whose_clause_opens_on_a_share_states_a_result():
    targets = plan_targets(TASKS)
    assert ("=", 100, "%", 2027) in targets and (">=", 70, "%", 2027) in targets
    assert targets.count(("=", 100, "%", 2027)) == 1   # "cho 100% học sinh khối 5": the work, not a result


def test_a_level_reached_within_the_school_year_named_is_a_result_among_the_tasks():
    assert ("=", 2, "mức", 2027) in plan_targets(TASKS)


def test_a_share_opening_a_clause_outside_the_tasks_section_is_not_taken_for_a_result():
    text = HEAD + ("I. MỤC ĐÍCH, YÊU CẦU\n- 100% cán bộ, giáo viên nắm được nội dung Nghị quyết.\n\n"
                   "II. CHỈ TIÊU\n- Tỷ lệ học sinh bỏ học dưới 0,5%.\n")
    assert plan_targets(text) == [("<", 0.5, "%", 2027)]


# ------------------------------------------------------------------------------ figures quoted beside the plan's own
def test_the_guidance_quoted_item_by_item_is_not_the_schools_answer():
    text = GOAL + ("Hướng dẫn yêu cầu: tỷ lệ học sinh lưu ban toàn thành phố dưới 1%.\n"
                   "Nhà trường: tỷ lệ học sinh lưu ban dưới 0,5%.\n"
                   "Hướng dẫn của Sở GDĐT: 100% trường triển khai sổ điểm điện tử.\n"
                   "Nhà trường: 100% lớp sử dụng sổ điểm điện tử.\n")
    assert [t[:2] for t in got(text)] == [("<", 0.5), ("=", 100)]


def test_an_assigning_bodys_figure_after_the_items_label_is_quoted():
    text = HEAD.replace("TRƯỜNG TIỂU HỌC HÒA LẠC\n", "").replace("UBND PHƯỜNG BẮC SƠN", "ỦY BAN NHÂN DÂN\nPHƯỜNG BẮC SƠN") + GOAL + (
        "2. Chỉ tiêu: Sở giao chỉ tiêu toàn tỉnh trẻ 5 tuổi ra lớp đạt 99%; phường phấn đấu huy động 100% trẻ 5 tuổi ra lớp.\n")
    assert plan_targets(text) == [("=", 100, "%", 2027)]


def test_a_bracket_beside_a_figure_with_the_provinces_or_a_past_years_figure_is_no_target():
    text = HEAD + GOAL + ("- Huy động trẻ 5 tuổi ra lớp đạt 100% (toàn tỉnh: 99,5%);\n"
                          "- Tỷ lệ học sinh hoàn thành chương trình tiểu học đạt 99% (năm 2026 đạt 98,2%);\n"
                          "- Huy động trẻ ra lớp theo chỉ tiêu xã giao (97% trẻ 3 - 5 tuổi), nhà trường phấn đấu 98%.\n")
    assert plan_targets(text) == [("=", 100, "%", 2027), ("=", 99, "%", 2027), ("=", 98, "%", 2027)]



# ------------------------------------------------------------------------- the day the paperwork is due is no horizon
def test_a_dated_deadline_for_registering_or_filing_does_not_date_the_target_beside_it():
    text = HEAD + GOAL + ("3. Mỗi tổ khối có ít nhất 02 chuyên đề dạy học STEM, đăng ký với tổ trưởng trước ngày 15/10/2026; "
                          "mỗi lớp có ít nhất 01 tủ sách lớp học.\n")
    assert [t[3] for t in plan_targets(text)] == [2027, 2027]
