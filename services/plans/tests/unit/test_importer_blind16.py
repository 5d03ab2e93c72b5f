"""Plan importer: the reading rules the blind16 set called for (fixtures/plans_heldout/blind16, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan
from plans.domain.importer.pdf_tables import numbering_row, table_lines

from .importer_probes import GOAL, got, header
from .test_importer_pdf_tables import lay_out, paragraph


# ---------------------------------------------------------------------------- a decision with its plan attached
DECISION = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC HÀ\nSố: 27/QĐ-UBND\nBắc Hà, ngày 12 tháng 02 năm 2026\n"
            "QUYẾT ĐỊNH\nBan hành Kế hoạch phát triển giáo dục mầm non tỉnh Bắc Hà giai đoạn 2026 - 2030\n"
            "ỦY BAN NHÂN DÂN TỈNH BẮC HÀ\n"
            "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\n"
            "QUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển giáo dục mầm non giai đoạn 2026 - 2030.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHoàng Văn Sơn\n"
            "KẾ HOẠCH\nPhát triển giáo dục mầm non tỉnh Bắc Hà giai đoạn 2026 - 2030\n"
            "(Ban hành kèm theo Quyết định số 27/QĐ-UBND ngày 12/02/2026)\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nCụ thể hóa các chỉ tiêu của tỉnh.\n"
            "II. MỤC TIÊU ĐẾN NĂM 2030\n"
            "- Tỷ lệ trẻ mẫu giáo đến trường đạt 99,5%.\n"
            "- Có ít nhất 45 trường mầm non đạt chuẩn quốc gia.\n"
            "III. TỔ CHỨC THỰC HIỆN\nSở Giáo dục và Đào tạo theo dõi, tổng hợp.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHoàng Văn Sơn\n")


def test_the_plan_attached_to_a_decision_sets_the_targets():
    assert got(DECISION.split("KẾ HOẠCH\n")[1]) == [("=", 99.5, "%", 2030), (">=", 45, "trường", 2030)]
    assert [(t.comparator.value, t.value.value, t.unit.value) for t in parse_plan(DECISION).targets] == [
        ("=", 99.5, "%"), (">=", 45, "trường")]


def test_a_decisions_subject_ends_before_the_authority_named_under_it():
    assert header(DECISION)["title"] == "Ban hành Kế hoạch phát triển giáo dục mầm non tỉnh Bắc Hà giai đoạn 2026 - 2030"


def test_a_subject_in_capitals_keeps_its_lines_in_capitals():
    text = DECISION.replace("Ban hành Kế hoạch phát triển giáo dục mầm non tỉnh Bắc Hà giai đoạn 2026 - 2030\nỦY",
                            "BAN HÀNH KẾ HOẠCH PHÁT TRIỂN GIÁO DỤC MẦM NON\nGIAI ĐOẠN 2026 - 2030\nỦY", 1)
    assert header(text)["title"].startswith("BAN HÀNH KẾ HOẠCH PHÁT TRIỂN GIÁO DỤC MẦM NON GIAI ĐOẠN 2026 - 2030")


# ---------------------------------------------------------------------------- counts and what they count
def test_a_bound_on_a_count_of_school_sites_is_read():
    assert got(GOAL + "- Đến năm 2027, sáp nhập, giảm ít nhất 12 điểm trường lẻ.\n") == [(">=", 12, "điểm trường", 2027)]


def test_a_bound_that_says_which_sites_a_count_counts_is_no_target():
    assert got(GOAL + "- Đến năm 2027, giảm ít nhất 12 điểm trường lẻ có dưới 15 học sinh.\n") == [
        (">=", 12, "điểm trường", 2027)]


def test_a_bound_on_a_count_of_staff_counts_staff():
    assert got(GOAL + "- Đến năm 2029, có tối thiểu 02 nhân viên thư viện.\n") == [(">=", 2, "nhân viên", 2029)]


@pytest.mark.parametrize("each, unit", [("mỗi phòng ở nội trú", "học sinh/phòng"), ("mỗi lớp ghép", "học sinh/lớp")])
def test_pupils_in_each_room_or_class_are_pupils_per_room_or_class(each, unit):
    assert got(GOAL + f"- Đến năm 2028 {each} không quá 20 học sinh; 100% học sinh được khám sức khỏe.\n") == [
        ("<=", 20, unit, 2028), ("=", 100, "%", 2028)]


def test_a_level_a_line_break_cut_from_its_word_is_still_a_level():
    assert got(GOAL + "- Năm 2029: giữ vững kiểm định chất lượng giáo dục cấp độ\n II; có 03 câu lạc bộ.\n") == [
        ("=", 2, "mức", 2029), ("=", 3, "câu lạc bộ", 2029)]


# ---------------------------------------------------------------------------- horizons
def test_a_period_opening_a_sub_numbered_point_is_due_at_its_end():
    text = (GOAL + "2.1. Đến hết năm 2026, 100% lớp học có máy chiếu.\n"
            "2.2. Giai đoạn 2027 - 2029, nhà trường duy trì phổ cập giáo dục mức độ 3; ít nhất 40% học sinh học bơi.\n")
    assert got(text) == [("=", 100, "%", 2026), ("=", 3, "mức", 2029), (">=", 40, "%", 2029)]


# ---------------------------------------------------------------------------- tables
def test_levels_as_columns_under_a_labels_heading_that_names_the_year():
    text = (GOAL + "Chỉ tiêu đến năm 2029 | Mầm non | Tiểu học | THCS | Ghi chú\n"
            "1. Quy mô | | | | \n"
            "Tỷ lệ trẻ, học sinh học 2 buổi/ngày (%) | 100 | 95 | - | Năm 2025: 80%\n"
            "Giáo viên dạy tiếng dân tộc (%) | - | ≥ 20 | 10 | \n")
    assert got(text) == [("=", 100, "%", 2029), ("=", 95, "%", 2029), (">=", 20, "%", 2029), ("=", 10, "%", 2029)]


@pytest.mark.parametrize("none", ["Không có", "Không xảy ra"])
def test_a_cell_that_says_none_is_a_zero_of_what_the_row_counts(none):
    text = GOAL + f"Chỉ tiêu | Năm 2027 | Năm 2029\nVụ tai nạn đuối nước | {none} | {none}\nTỷ lệ trẻ học bơi (%) | 40 | 60\n"
    assert got(text) == [("=", 0, "vụ", 2027), ("=", 0, "vụ", 2029), ("=", 40, "%", 2027), ("=", 60, "%", 2029)]


def test_a_row_of_values_counting_from_zero_numbers_no_columns():
    assert not numbering_row(["Máy tính bảng", "chiếc", "0", "1", "2"])
    assert numbering_row(["TT", "Chỉ tiêu", "1", "2", "3"])


def test_the_rest_of_a_row_a_page_break_cut_opens_the_next_page_as_a_row_of_its_own():
    rows = [["10", "Học sinh biết bơi an toàn (%)", "40", "50", "Năm 2025: 32%"],
            ["11", "Phòng học bộ môn (phòng)", "2", "4", ""]]
    widths = [30, 70, 40, 40, 70]
    fragments, _ = lay_out(rows, widths, top=700.0)
    # the page opens with the last words of the cut row 9's label and notes (a figure), under their own columns
    cut, _ = lay_out([["", "toàn xã (%)", "", "", "12,5%"]], widths, top=740.0)
    assert [row for _, rows in table_lines(cut + fragments) for row in rows][:2] == [
        " | toàn xã (%) |  |  | 12,5%", "10 | Học sinh biết bơi an toàn (%) | 40 | 50 | Năm 2025: 32%"]


def test_a_page_opening_on_a_paragraph_before_its_table_keeps_it_as_text():
    rows = [["10", "Học sinh biết bơi an toàn (%)", "40", "50", "Năm 2025: 32%"],
            ["11", "Phòng học bộ môn (phòng)", "2", "4", ""]]
    fragments, _ = lay_out(rows, [30, 70, 40, 40, 70], top=700.0)
    rows_read = [row for _, rows in table_lines([paragraph(740.0, "Các chỉ tiêu cụ thể đến năm 2030 như sau")] + fragments)
                 for row in rows]
    assert rows_read[0].startswith("10 | ")
