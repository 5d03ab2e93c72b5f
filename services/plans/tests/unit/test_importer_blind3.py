"""Plan importer: the reading rules the blind3 set called for (fixtures/plans_heldout/blind3, fifteen plans of every
level, communes, a ward, a Sở and a province, written without reading the importer), one test per pattern, on
snippets written like real plans (pure, no files)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from plans.domain.catalogue import CatalogueView
from plans.domain.importer.indicators import propose
from plans.domain.importer.parse import extract_targets, parse_plan
from .importer_probes import GOAL, as_tuples, got

CATALOGUE = CatalogueView.from_contract(json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "catalogue_31.json").read_text(encoding="utf-8")))

def targets_of(plan) -> list[tuple]:
    return as_tuples(plan.targets)


# ---------------------------------------------------------------------------- scanned text
@pytest.mark.parametrize("line, want", [
    ("- l00% giáo viên đuợc bồi dưỡng kỹ năng số.", ("=", 100, "%", 2026)),
    ("- Phấn đấu có ít nhất 0l phòng học thông minh.", (">=", 1, "phòng", 2026)),
])
def test_a_small_l_touching_digits_reads_as_one(line, want):
    assert got(GOAL + "2.1. Đến hết năm 2026\n" + line) == [want]


@pytest.mark.parametrize("line, want", [
    ("- Tỷ lệ hoc sinh tốt nghiệp THCS đạt 9 8%.", ("=", 98, "%", 2026)),
    ("- Tỷ lệ học sinh lên lớp thẳng đạt 9 7,5 %.", ("=", 97.5, "%", 2026)),
    ("- Tỷ lệ học sinh bỏ hoc không quá 0, 5%.", ("<=", 0.5, "%", 2026)),
    ("- Sĩ số không quá 4 0 học sinh/lớp.", ("<=", 40, "học sinh/lớp", 2026)),
])
def test_a_stray_space_inside_a_scanned_figure(line, want):
    assert got(GOAL + "2.1. Đến hết năm 2026\n" + line) == [want]


@pytest.mark.parametrize("line, want", [
    ("- Số phòng học thông minh 2 5 phòng.", ("=", 5, "phòng", 2026)),
    ("- Tỷ lệ học sinh lưu ban lớp 9 5%.", ("=", 5, "%", 2026)),
])
def test_two_figures_side_by_side_are_not_one_scanned_figure(line, want):
    assert got(GOAL + "2.1. Đến hết năm 2026\n" + line) == [want]


# ---------------------------------------------------------------------------- horizons
def test_school_years_written_in_the_sentence_are_due_at_their_end():
    assert got(GOAL + "Năm học 2025 - 2026, tỷ lệ huy động trẻ ra lớp đạt 97%; năm học 2026 - 2027 đạt 98%. "
               "Tỷ lệ trẻ suy dinh dưỡng dưới 5% trong năm học 2025 - 2026 và dưới 4% trong năm học 2026 - 2027.\n"
               "Đến năm học 2027 - 2028, trường đạt kiểm định chất lượng giáo dục cấp độ 3.",
               plan_year=2025) == [
        ("=", 97, "%", 2026), ("=", 98, "%", 2027), ("<", 5, "%", 2026), ("<", 4, "%", 2027),
        ("=", 3, "mức", 2028)]


def test_a_school_year_ended_by_the_plans_year_is_a_baseline():
    assert got(GOAL + "Năm học 2024 - 2025, tỷ lệ huy động trẻ ra lớp đạt 95,2%.", plan_year=2025) == []


@pytest.mark.parametrize("line, want", [
    ("Tỷ lệ học sinh bỏ học dưới 0,5% (năm 2026), dưới 0,3% (năm 2030).",
     [("<", 0.5, "%", 2026), ("<", 0.3, "%", 2030)]),
    ("Tốt nghiệp đạt từ 92% trở lên; năm 2026 có tối thiểu 40% học viên học nghề, năm 2030 đạt 60%.",
     [(">=", 92, "%", 2026), (">=", 40, "%", 2026), ("=", 60, "%", 2030)]),
    ("Phấn đấu năm 2027 có 80% và năm 2030 có 100% giáo viên sử dụng học bạ số.",
     [("=", 80, "%", 2027), ("=", 100, "%", 2030)]),
    ("Tỷ lệ trẻ suy dinh dưỡng: năm 2026 dưới 5%, năm 2028 dưới 4%, năm 2030 dưới 3%.",
     [("<", 5, "%", 2026), ("<", 4, "%", 2028), ("<", 3, "%", 2030)]),
])
def test_a_year_opening_a_clause_or_in_brackets_after_a_figure(line, want):
    assert got(GOAL + line) == want


@pytest.mark.parametrize("text, year", [
    ("- Đến 31/12/2026, 100% giáo viên có chữ ký số.", 2026),
    ("- Đến hết tháng 6/2027, 100% giáo viên có chữ ký số.", 2027),
    ("- Đến tháng 6 năm 2027, 100% giáo viên có chữ ký số.", 2027),
    ("- Chậm nhất năm 2027, 100% trường dùng sổ điểm điện tử.", 2027),
    ("b) Đến 31/12/2030:\n- 100% phòng học có máy chiếu.", 2030),
])
def test_a_deadline_written_as_a_date_or_a_month(text, year):
    assert got(GOAL + text, plan_year=2025) == [("=", 100, "%", year)]


def test_a_year_wrapped_onto_the_next_line():
    assert got(GOAL + "Tỷ lệ học viên tốt nghiệp đạt từ 92% trở lên; năm\n2026 có tối thiểu 40% học viên học nghề.") == [
        (">=", 92, "%", 2026), (">=", 40, "%", 2026)]


def test_a_school_year_plans_title_is_the_horizon_of_targets_without_one():
    plan = parse_plan("KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2025 - 2026\n\nI. ĐẶC ĐIỂM TÌNH HÌNH\nTrường có 21 lớp.\n"
                      "II. CÁC CHỈ TIÊU\n1. Chỉ tiêu năm học 2025 - 2026\n- Tỷ lệ chuyên cần đạt 98%.\n"
                      "2. Chỉ tiêu về đội ngũ\n- Có ít nhất 2 sáng kiến kinh nghiệm được công nhận cấp tỉnh.\n"
                      "3. Chỉ tiêu đến năm 2030\n- Tối thiểu 02 phòng học thông minh.\nIII. GIẢI PHÁP\n")
    assert targets_of(plan) == [("=", 98, "%", 2026), (">=", 2, "sáng kiến", 2026), (">=", 2, "phòng", 2030)]


# ---------------------------------------------------------------------------- comparators
def test_a_comparator_carries_past_a_comma_to_the_figure_right_after_it():
    assert got(GOAL + "Đến năm 2026\n- Tối thiểu 50% giáo viên tiếng Anh đạt bậc 5, 15% đạt bậc 6 theo Khung 6 bậc.\n"
               "- Tỷ lệ giáo viên được bồi dưỡng đạt ít nhất 60% trong năm 2026, 100% trong năm 2027.") == [
        (">=", 50, "%", 2026), (">=", 15, "%", 2026), (">=", 60, "%", 2026), ("=", 100, "%", 2027)]


def test_a_comparator_does_not_carry_to_a_figure_with_its_own_subject():
    assert got(GOAL + "Đến năm 2026\n- Tỷ lệ bỏ học không quá 1%, tỷ lệ lên lớp 99%.") == [
        ("<=", 1, "%", 2026), ("=", 99, "%", 2026)]


@pytest.mark.parametrize("line, want", [
    ("- Tỷ lệ hoàn thành THPT đạt ít nhất 80%; không có xã, phường nào đạt dưới 55%.",
     [(">=", 80, "%", 2030), (">=", 55, "%", 2030)]),
    ("- Không để trường nào có tỷ lệ học sinh bỏ học trên 1%.", [("<=", 1, "%", 2030)]),
])
def test_none_below_a_figure_is_a_floor_for_each(line, want):
    assert got(GOAL + "2.1. Đến năm 2030\n" + line) == want


@pytest.mark.parametrize("line, want", [
    ("- 100% lớp học (38/38 lớp) có ti vi thông minh.", [("=", 100, "%", 2026)]),
    ("- Tỷ lệ học sinh có chứng chỉ tin học đạt 30% (khoảng 120 học sinh).", [("=", 30, "%", 2026)]),
    ("- Tỷ lệ trẻ chuyên cần đạt 95%, tăng 1% so với năm học trước.", [("=", 95, "%", 2026)]),
])
def test_a_share_restated_as_a_count_or_a_change_against_last_year_is_not_a_target(line, want):
    assert got(GOAL + "Đến năm 2026\n" + line) == want


# ---------------------------------------------------------------------------- where targets are
def test_a_section_on_the_situation_sets_no_target():
    plan = parse_plan("I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt.\nII. KẾT QUẢ NĂM HỌC 2024 - 2025\nTỷ lệ tốt nghiệp THPT đạt 99,3%.\n"
                      "III. CHỈ TIÊU\nĐến năm 2030, tỷ lệ tốt nghiệp THPT đạt 100%.\nIV. GIẢI PHÁP\n"
                      "Đến năm 2030 bảo đảm ít nhất 90% học sinh tốt nghiệp THPT.\n")
    assert targets_of(plan) == [("=", 100, "%", 2030), (">=", 90, "%", 2030)]


def test_a_share_with_its_own_deadline_in_the_tasks_section():
    plan = parse_plan("I. MỤC ĐÍCH\nQuán triệt.\nII. MỤC TIÊU\nĐến năm 2030, 100% trường sử dụng học bạ số.\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                      "1. Hoàn thiện cơ sở dữ liệu: đến năm 2027 hoàn thành kết nối dữ liệu 100% trường học.\n"
                      "2. Năm 2025 đã kết nối 65% trường học; tổ chức 4 hội nghị.\n", )
    assert targets_of(plan) == [("=", 100, "%", 2030), ("=", 100, "%", 2027)]


def test_targets_in_an_appendix_after_the_signature():
    plan = parse_plan("I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt.\nII. MỤC TIÊU\nCác chỉ tiêu cụ thể tại Phụ lục kèm theo.\n"
                      "III. TỔ CHỨC THỰC HIỆN\nBáo cáo trước ngày 20/5 hằng năm.\nNơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\n"
                      "Trương Minh Khoa\nPHỤ LỤC\nCÁC CHỈ TIÊU THỰC HIỆN NGHỊ QUYẾT SỐ 71-NQ/TW\n"
                      "(Kèm theo Kế hoạch số 45/KH-THCSLTT ngày 20/01/2026)\nChỉ tiêu Năm 2026 Năm 2030\n"
                      "1. Tỷ lệ học sinh bỏ học dưới 0,5% dưới 0,3%\n2. Phòng học thông minh 2 phòng 5 phòng\n")
    assert (plan.signer_title.value, plan.signer.value) == ("HIỆU TRƯỞNG", "Trương Minh Khoa")
    assert targets_of(plan) == [("<", 0.5, "%", 2026), ("<", 0.3, "%", 2030), ("=", 2, "phòng", 2026),
                                ("=", 5, "phòng", 2030)]


def test_an_appendix_of_costs_sets_no_target_and_keeps_the_signature_above_it():
    plan = parse_plan("I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt.\nII. MỤC TIÊU\nĐến năm 2030, 100% trường đạt chuẩn.\n"
                      "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\nTrương Minh Khoa\nPHỤ LỤC\nDỰ TOÁN KINH PHÍ\n"
                      "Nội dung | Kinh phí (triệu đồng)\nXây dựng 24 phòng học | 38.400\n"
                      + "".join(f"Sửa chữa điểm trường số {n} | {n}00\n" for n in range(1, 13)))
    assert targets_of(plan) == [("=", 100, "%", 2030)]
    assert (plan.signer_title.value, plan.signer.value) == ("HIỆU TRƯỞNG", "Trương Minh Khoa")


# ---------------------------------------------------------------------------- tables
def test_tables_with_their_year_in_a_title_row_above_the_headings():
    assert got(GOAL + "Chỉ tiêu phấn đấu năm 2026 |  |  | \nSTT | Nội dung | Đơn vị tính | Chỉ tiêu\n"
               "1 | Tỷ lệ học sinh tốt nghiệp THPT | % | ≥ 99,5\n2 | Phòng học thông minh | phòng | 4\n"
               "Chỉ tiêu phấn đấu đến năm 2030 |  |  | \nSTT | Nội dung | Đơn vị tính | Chỉ tiêu\n"
               "1 | Trường đạt chuẩn quốc gia | mức | Mức độ 2\n") == [
        (">=", 99.5, "%", 2026), ("=", 4, "phòng", 2026), ("=", 2, "mức", 2030)]


@pytest.mark.parametrize("heading", ["2. Chỉ tiêu đến năm 2030", "Bảng 2. Chỉ tiêu đến năm 2030"])
def test_a_table_of_one_value_column_under_a_heading_with_its_year(heading):
    assert got(GOAL + heading + "\nSTT | Nội dung | ĐVT | Chỉ tiêu\n1 | Tỷ lệ giáo viên đạt chuẩn | % | 100\n") == [
        ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- indicators
def test_a_count_of_classes_is_not_proposed_as_a_class_size():
    text = "Trường có 38 lớp với sĩ số mỗi lớp không quá 45 học sinh."
    first, second = extract_targets(GOAL + "Đến hết năm 2026\n- " + text)
    assert propose(text, first.unit.value, CATALOGUE, first.indicator_code.value, first.text).code == "CLASSES"
    assert propose(text, second.unit.value, CATALOGUE, second.indicator_code.value, second.text).code == "MAX_CLASS_SIZE"


# ---------------------------------------------------------------------------- header
def test_a_party_cells_header_its_number_and_its_signer():
    plan = parse_plan("ĐẢNG BỘ XÃ NAM ĐÀN                 ĐẢNG CỘNG SẢN VIỆT NAM\nCHI BỘ TRƯỜNG TIỂU HỌC NAM ĐÀN\n*\n"
                      "Số 12-KH/CB                        Nam Đàn, ngày 10 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
                      "Thực hiện Nghị quyết số 71-NQ/TW\n\nI. MỤC ĐÍCH, YÊU CẦU\nQuán triệt.\nNơi nhận:\n- Lưu.\n"
                      "T/M CHI BỘ\nBÍ THƯ\nTrần Thị Hoa\n")
    assert (plan.superior.value, plan.issuer.value, plan.number_symbol.value, plan.place.value) == (
        "ĐẢNG BỘ XÃ NAM ĐÀN", "CHI BỘ TRƯỜNG TIỂU HỌC NAM ĐÀN", "12-KH/CB", "Nam Đàn")
    assert (plan.signer_title.value, plan.signer.value) == ("BÍ THƯ", "Trần Thị Hoa")


def test_a_pdf_tables_baseline_column_before_its_horizons():
    assert got(GOAL + "Nội dung chỉ tiêu ĐVT Thực hiện 2025 Mục tiêu 2026 Mục tiêu 2030\n"
               "Tỷ lệ trẻ 6 tuổi vào lớp 1 % 99,8 100 100\nSố phòng học thông minh phòng 1 2 6\n"
               "Sĩ số tối đa học sinh/lớp 40 ≤ 38 ≤ 35\nMức chuẩn quốc gia mức Mức độ 1 – Mức độ 2\n") == [
        ("=", 100, "%", 2026), ("=", 100, "%", 2030), ("=", 2, "phòng", 2026), ("=", 6, "phòng", 2030),
        ("<=", 38, "học sinh/lớp", 2026), ("<=", 35, "học sinh/lớp", 2030), ("=", 2, "mức", 2030)]


def test_a_baseline_row_of_a_table_whose_rows_are_years():
    assert got(GOAL + "Mốc | Tỷ lệ trường đạt chuẩn quốc gia | Phòng học thông minh\nThực hiện 2025 | 40% | 1 phòng\n"
               "Năm 2026 | ≥ 50% | 3 phòng\nNăm 2030 | ≥ 80% | 10 phòng\n") == [
        (">=", 50, "%", 2026), ("=", 3, "phòng", 2026), (">=", 80, "%", 2030), ("=", 10, "phòng", 2030)]
