"""Plan importer: the reading rules the blind37 set (and blind34's prose) called for (fixtures/plans_heldout/blind37,
written by someone who never read the importer), one test per rule, on sentences and tables written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import extract_targets, parse_plan

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- a span of years as a stage's heading
def test_a_span_of_years_after_nam_heads_its_items_with_its_end():
    text = (GOAL + "1. Năm 2026 - 2027\n"
            "- Tỷ lệ trẻ mẫu giáo đến trường đạt 97%.\n"
            "- Không quá 0,3% học sinh lưu ban.\n"
            "2. Đến năm 2030\n"
            "- 100% lớp học có máy chiếu.\n")
    assert got(text, plan_year=2026) == [("=", 97, "%", 2027), ("<=", 0.3, "%", 2027), ("=", 100, "%", 2030)]


def test_a_single_year_after_nam_still_heads_its_items_with_that_year():
    text = GOAL + "1. Năm 2027\n- Tỷ lệ học sinh được học bơi đạt 60%.\n"
    assert got(text, plan_year=2026) == [("=", 60, "%", 2027)]


# ---------------------------------------------------------------------------- an addition and its total
def test_an_addition_with_its_total_in_brackets_is_the_target():
    text = GOAL + "- Xây thêm 03 phòng học bộ môn (tổng số 07 phòng).\n"
    assert got(text) == [("=", 3, "phòng", None)]


def test_an_addition_raising_a_total_stated_in_the_sentence_is_still_the_total():
    text = GOAL + "- Lắp đặt thêm 02 phòng học thông minh, nâng tổng số lên 05 phòng.\n"
    assert got(text) == [("=", 5, "phòng", None)]


# ---------------------------------------------------------------------------- a table's group row is no section
PLAN = ("I. MỤC ĐÍCH, YÊU CẦU\n- Triển khai kịp thời.\n"
        "II. MỤC TIÊU\n1. Đến năm 2030\n"
        "TT Chỉ tiêu Đơn vị Năm 2027 Năm 2030\n"
        "I. Giáo dục phổ thông\n"
        "1 Tỷ lệ học sinh học 2 buổi/ngày % 95 100\n"
        "III. Chuyển đổi số\n"
        "2 Tỷ lệ học bạ số % 80 100\n"
        "2. Tầm nhìn đến năm 2035\n"
        "- 100% trường phổ thông có phòng học thông minh.\n"
        "III. NHIỆM VỤ, GIẢI PHÁP\n1. Đẩy mạnh tuyên truyền.\n")


def test_a_group_row_numbered_as_the_next_section_is_no_section():
    plan = parse_plan(PLAN)
    assert [s.heading for s in plan.sections] == ["MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ, GIẢI PHÁP"]
    assert ("=", 100, "%", 2035) in got(PLAN)


def test_a_section_in_lower_case_with_no_numeral_after_it_is_still_a_section():
    text = PLAN.replace("III. NHIỆM VỤ, GIẢI PHÁP", "IV. NHIỆM VỤ, GIẢI PHÁP")
    assert "Chuyển đổi số" in [s.heading for s in parse_plan(text).sections]
    assert not any(t.horizon.value and t.horizon.value.year == 2035 for t in extract_targets(text))
