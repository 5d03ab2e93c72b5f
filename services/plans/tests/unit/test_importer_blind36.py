"""Plan importer: the reading rules blind36 and blind38's Word and text plans called for (fixtures/plans_heldout/blind36,
blind38, written by someone who never read the importer), one test per rule, on sentences and tables written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import parse_plan

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- a column of what the unit has now
TODAY_AND_TARGET = (GOAL + "Bảng 3. Cơ sở vật chất\n"
                    "STT | Nội dung | Hiện có (10/2027) | Chỉ tiêu đến năm 2031 | Ghi chú\n"
                    "1 | Phòng học bộ môn | 3 phòng | 7 phòng | Xây mới\n"
                    "2 | Giáo viên dạy giỏi cấp tỉnh | 12 % | 20 % | \n")


def test_a_column_of_what_the_unit_has_now_is_a_baseline_beside_the_target_column_and_its_own_horizon():
    assert got(TODAY_AND_TARGET) == [("=", 7, "phòng", 2031), ("=", 20, "%", 2031)]


def test_the_target_column_keeps_its_own_horizon_under_a_line_of_another_year():
    text = TODAY_AND_TARGET.replace("Bảng 3.", "Năm 2028: 100% lớp học có máy chiếu.\nBảng 3.")
    assert got(text) == [("=", 100, "%", 2028), ("=", 7, "phòng", 2031), ("=", 20, "%", 2031)]


# ---------------------------------------------------------------------------- a school year over when the plan was issued
LAST_YEAR = (GOAL + "2. Mục tiêu cụ thể\n"
             "Năm học 2026 - 2027: 24 lớp, 860 học sinh; đạt 12 giải học sinh giỏi cấp tỉnh; tỷ lệ lên lớp 98,5%.\n"
             "- Đến năm 2030, tỷ lệ lên lớp đạt 99%.\n")


def test_a_line_labelled_by_a_school_year_already_over_gives_its_results_not_targets():
    assert got(LAST_YEAR, plan_year=2027, plan_month=9) == [("=", 99, "%", 2030)]


def test_a_line_labelled_by_the_school_year_under_way_sets_its_targets():
    # issued in February the school year 2026 - 2027 is not over: its figures are aimed at
    assert (">=", 12, "giải", 2027) in got(LAST_YEAR.replace("đạt 12", "đạt ít nhất 12"), plan_year=2027, plan_month=2)


def test_a_school_year_over_that_the_plan_still_aims_at_stays_a_target():
    text = LAST_YEAR.replace("Năm học 2026 - 2027: 24 lớp", "Năm học 2026 - 2027: phấn đấu 24 lớp")
    assert ("=", 12, "giải", 2027) in got(text, plan_year=2027, plan_month=9)


# ---------------------------------------------------------------------------- a sentence opening on a year gone by
def test_a_sentence_that_opens_on_a_year_gone_by_describes_it_past_its_semicolons():
    text = (GOAL + "Năm 2027 tỷ lệ học sinh khá, giỏi đạt 61,4%; toàn trường có 28 lớp và 1.020 học sinh.\n"
            "- Tỷ lệ học sinh khá, giỏi đạt 65% vào năm 2029.\n")
    assert got(text, plan_year=2028) == [("=", 65, "%", 2029)]


def test_a_clause_with_a_year_of_its_own_after_a_year_gone_by_is_a_target():
    text = GOAL + "Năm 2027 tỷ lệ học sinh khá, giỏi đạt 61,4%; đến năm 2029 đạt 65%.\n"
    assert got(text, plan_year=2028) == [("=", 65, "%", 2029)]


def test_a_semicolon_inside_a_closed_bracket_does_not_end_what_today_describes():
    text = (GOAL + "Trường hiện có 9 lớp với 270 học sinh (khối 1: 60 học sinh; khối 2: 55 học sinh), 14 giáo viên.\n"
            "- Đến năm 2030, 100% lớp học 2 buổi/ngày.\n")
    assert got(text) == [("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- lines a text pasted from a PDF broke
def test_a_count_on_the_line_after_a_word_no_sentence_ends_on_goes_on_that_sentence():
    text = (GOAL + "Năm 2027 toàn trường có 28 lớp với\n1.020 học sinh, 61 giáo viên.\n"
            "- Tỷ lệ học sinh khá, giỏi đạt 65% vào năm 2029.\n")
    assert got(text, plan_year=2028) == [("=", 65, "%", 2029)]


def test_a_page_number_alone_on_its_line_is_no_range_with_the_item_after_it():
    text = (GOAL + "1. Đến năm 2030\n- Có ít nhất 2 giáo viên đạt giáo viên dạy giỏi cấp huyện mỗi năm.\n"
            + " " * 60 + "3\n- 100% học sinh được học kỹ năng sống.\n")
    assert got(text) == [(">=", 2, "giáo viên", 2030), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- targets beside a table
def test_targets_added_under_a_table_of_horizons_are_due_with_its_last_column():
    text = (GOAL + "TT | Chỉ tiêu | Năm học 2027 - 2028 | Đến năm 2031\n"
            "1 | Tỷ lệ học sinh lên lớp (%) | 97 | 98\n\n"
            "Bên cạnh đó: 100% học sinh lớp 9 được tư vấn hướng nghiệp.\n")
    assert got(text, plan_year=2027) == [("=", 97, "%", 2028), ("=", 98, "%", 2031), ("=", 100, "%", 2031)]


def test_the_plans_date_of_issue_tells_whether_the_school_year_of_a_line_is_over():
    def targets(month: int) -> list[tuple]:
        head = (f"TRƯỜNG THCS AN PHÚ\nSố: 40/KH-THCSAP\nAn Phú, ngày 15 tháng {month} năm 2027\n"
                "KẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW\n")
        plan = parse_plan(head + LAST_YEAR.replace("đạt 12", "đạt ít nhất 12"))
        return [(t.comparator.value, t.value.value, t.unit.value) for t in plan.targets]
    assert (">=", 12, "giải") in targets(3) and (">=", 12, "giải") not in targets(10)
