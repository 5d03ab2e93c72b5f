"""Plan importer: the reading rules the blind24 set called for (fixtures/plans_heldout/blind24, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.parse import parse_plan
from plans.domain.importer.pdf_tables import numbering_row

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- sections
SKIPPED = ("KẾ HOẠCH\nPhát triển giáo dục xã Tân Hòa năm 2027\n"
           "I. MỤC ĐÍCH, YÊU CẦU\nTriển khai đồng bộ các nhiệm vụ.\n"
           "II. THỰC TRẠNG\nNăm học 2025 - 2026 toàn xã có 9 trường, tỷ lệ học sinh bỏ học 4,2%.\n"
           "{goal}\n- Huy động 98% trẻ 5 tuổi ra lớp.\n- Có thêm 02 trường đạt chuẩn quốc gia.\n"
           "V. NHIỆM VỤ, GIẢI PHÁP\nRà soát mạng lưới trường lớp.\n")


def test_a_section_whose_numeral_skips_one_is_still_the_plans_next_section():
    plan = parse_plan(SKIPPED.format(goal="IV. MỤC TIÊU"))
    assert [s.numeral for s in plan.sections] == ["I", "II", "IV", "V"]
    assert [(t.comparator.value, t.value.value, t.unit.value) for t in plan.targets] == [("=", 98, "%"), ("=", 2, "trường")]


def test_a_skipped_numeral_before_a_heading_in_small_letters_or_of_a_kind_met_already_is_no_section():
    for heading in ("IV. Mục tiêu", "IV. MỤC ĐÍCH"):
        assert "IV" not in [s.numeral for s in parse_plan(SKIPPED.format(goal=heading)).sections]


# ---------------------------------------------------------------------------- tables
def test_figures_counted_from_a_column_other_than_their_own_are_values_not_column_numbers():
    assert not numbering_row(["Xóa mù chữ (địa bàn phường)", "mức", "2", "3", ""])
    assert numbering_row(["", "", "3", "4", "5"])   # numbered from the first column, as the table's columns are
    text = (GOAL + "Chỉ tiêu | Đơn vị | Năm 2027 | Năm 2030 | Ghi chú\n"
            "Phổ cập giáo dục tiểu học | mức | 2 | 3 | \n")
    assert got(text) == [("=", 2, "mức", 2027), ("=", 3, "mức", 2030)]


def test_a_class_size_row_that_names_children_counts_children_per_class():
    text = (GOAL + "Chỉ tiêu | Năm học 2026-2027 | Năm 2029\n"
            "Sĩ số trẻ mỗi lớp mẫu giáo (tối đa) | ≤ 32 | ≤ 30\n"
            "Sĩ số học viên/lớp | ≤ 40 | ≤ 38\n"
            "Sĩ số bình quân (tối đa) | ≤ 42 | ≤ 40\n")
    assert got(text) == [("<=", 32, "trẻ/lớp", 2027), ("<=", 30, "trẻ/lớp", 2029),
                         ("<=", 40, "học viên/lớp", 2027), ("<=", 38, "học viên/lớp", 2029),
                         ("<=", 42, "học sinh/lớp", 2027), ("<=", 40, "học sinh/lớp", 2029)]


def test_a_cell_that_says_not_reached_yet_sets_no_figure_and_is_no_part_of_the_label():
    text = (GOAL + "Chỉ tiêu | Hiện trạng | Năm 2027 | Năm 2028 | Năm 2030\n"
            "Kiểm định chất lượng giáo dục | Chưa đạt | Chưa đạt | Cấp độ 1 | Cấp độ 2\n")
    plan = parse_plan(text)
    assert [(t.value.value, t.horizon.value.year) for t in plan.targets] == [(1, 2028), (2, 2030)]
    assert all(t.text == "Kiểm định chất lượng giáo dục" for t in plan.targets)


# ---------------------------------------------------------------------------- sentences
def test_a_count_after_a_share_whose_clause_a_comma_closes_is_a_target_of_its_own():
    text = (GOAL + "1. Đến năm 2029\n"
            "- Giáo viên có trình độ trên chuẩn đạt từ 65% trở lên, có ít nhất 03 thạc sĩ.\n"
            "- 100% học sinh tham gia câu lạc bộ thể thao, mỗi năm có ít nhất 2 đề tài khoa học kỹ thuật.\n"
            "- 100% lớp có ít nhất 01 ti vi kết nối mạng.\n")
    assert got(text) == [(">=", 65, "%", 2029), (">=", 3, "thạc sĩ", 2029),
                         ("=", 100, "%", 2029), (">=", 2, "đề tài", 2029),
                         ("=", 100, "%", 2029)]


def test_workers_trained_are_counted_as_people():
    text = GOAL + "- Đến năm 2028 bồi dưỡng nghề cho 2.500 lao động ở các xã vùng cao.\n"
    assert got(text) == [("=", 2500, "người", 2028)]
