"""Plan importer: one test per reading rule, on snippets written like real plans (pure, no files)."""
from __future__ import annotations

from datetime import date

import pytest

from plans.domain.importer.parse import parse_plan
from .importer_probes import got


# ---------------------------------------------------------------------------- horizons
def test_horizon_from_a_line_prefix_governs_the_whole_line():
    assert got("- Năm 2026: tỷ lệ học sinh bỏ học không vượt quá 0,3%; hiệu suất đào tạo đạt 95%.\n"
               "+ Năm 2030: 100% giáo viên đạt chuẩn.") == [
        ("<=", 0.3, "%", 2026), ("=", 95, "%", 2026), ("=", 100, "%", 2030)]


def test_two_horizons_in_one_sentence_year_after_the_value():
    assert got("- Tỷ lệ học sinh nghiên cứu khoa học đạt 10% vào năm 2026 và 20% vào năm 2030.") == [
        ("=", 10, "%", 2026), ("=", 20, "%", 2030)]


def test_two_horizons_in_one_sentence_year_before_the_value():
    assert got("- Đến hết năm 2026 có 50% và đến năm 2030 có 100% phòng học bộ môn có thiết bị thông minh.") == [
        ("=", 50, "%", 2026), ("=", 100, "%", 2030)]


def test_comparator_is_not_carried_to_a_clause_with_its_own_verb():
    assert got("- Đến năm 2026 có không dưới 70% và đến năm 2030 có 100% giáo viên dùng học liệu số.") == [
        (">=", 70, "%", 2026), ("=", 100, "%", 2030)]


def test_inline_horizon_before_a_comma():
    assert got("- Đến năm 2030, phấn đấu tỷ lệ học sinh tốt nghiệp THPT đạt từ 99% trở lên.") == [(">=", 99, "%", 2030)]


def test_introductory_line_ending_with_a_colon_sets_the_horizon():
    assert got("Ngoài các chỉ tiêu trên, đến năm 2030 nhà trường phấn đấu:\n- 100% giáo viên ứng dụng AI.") == [
        ("=", 100, "%", 2030)]


def test_a_numbered_heading_without_a_year_starts_a_new_group():
    assert got("1. Đến hết năm 2026\n- Hiệu suất đào tạo trên 96%\n2. Các chỉ tiêu khác\n- 100% giáo viên đạt chuẩn") == [
        (">", 96, "%", 2026), ("=", 100, "%", None)]


# ---------------------------------------------------------------------------- comparators and numbers
@pytest.mark.parametrize("phrase, comparator, value", [
    ("≥ 99%", ">=", 99), ("≤ 1%", "<=", 1), ("< 0,5%", "<", 0.5), ("> 95%", ">", 95),
    ("không thấp hơn 30%", ">=", 30), ("tăng lên 65%", "=", 65),
])
def test_comparator_symbols_and_words(phrase, comparator, value):
    assert got(f"- Tỷ lệ học sinh lưu ban {phrase} đến năm 2030.") == [(comparator, value, "%", 2030)]


# A comparator comes only from words or signs that state a bound; any other figure is "=".
@pytest.mark.parametrize("sentence, want", [
    ("- Năm 2027, tỷ lệ giáo viên dùng bài giảng điện tử đạt 95%.", [("=", 95, "%", 2027)]),
    ("- Năm 2028, trường đạt chuẩn quốc gia mức độ 2.", [("=", 2, "mức", 2028)]),
    ("- Năm 2028, xã giữ vững phổ cập giáo dục THCS mức độ 3.", [("=", 3, "mức", 2028)]),
    ("- Năm 2029, không có học sinh bỏ học.", [("=", 0, "%", 2029)]),
    ("- Năm 2029, tỷ lệ trẻ suy dinh dưỡng thể thấp còi giảm xuống còn 4%.", [("=", 4, "%", 2029)]),
    ("- Năm 2027, tỷ lệ học sinh biết bơi tối thiểu 95%.", [(">=", 95, "%", 2027)]),
    ("- Năm 2027, tỷ lệ học sinh lưu ban không quá 0,5%.", [("<=", 0.5, "%", 2027)]),
    ("- Năm 2027, tỷ lệ học sinh biết bơi từ 90% trở lên.", [(">=", 90, "%", 2027)]),
    ("- Năm 2027, tỷ lệ học sinh biết bơi đạt 90% trở lên.", [(">=", 90, "%", 2027)]),
])
def test_a_comparator_only_where_words_or_signs_state_a_bound(sentence, want):
    assert got(sentence) == want


def test_table_cells_state_a_bound_only_with_a_sign_or_words():
    text = ("II. MỤC TIÊU\nTT | Chỉ tiêu | Năm 2027 | Năm 2030\n"
            "1 | Tỷ lệ học sinh hoàn thành chương trình lớp học | ≥ 99% | đạt 99,5%\n"
            "2 | Kiểm định chất lượng giáo dục | Mức độ 2 | Mức độ 3\n"
            "3 | Tỷ lệ học sinh bỏ học | ≤ 0,5% | 0%")
    assert got(text) == [(">=", 99, "%", 2027), ("=", 99.5, "%", 2030), ("=", 2, "mức", 2027), ("=", 3, "mức", 2030),
                         ("<=", 0.5, "%", 2027), ("=", 0, "%", 2030)]


def test_a_range_is_its_floor_or_for_a_falling_rate_its_ceiling():
    assert got("- Tỷ lệ trẻ nhà trẻ ra lớp đạt 40 - 45% đến năm 2026.") == [(">=", 40, "%", 2026)]
    assert got("- Tỷ lệ học sinh bỏ học 0,5 – 1% đến năm 2026.") == [("<=", 1, "%", 2026)]


def test_thousands_dot_fraction_and_school_counts():
    assert got("- Năm 2026: quy mô 1.250 học sinh với 28 lớp.") == [("=", 1250, "học sinh", 2026), ("=", 28, "lớp", 2026)]
    assert got("- Đến năm 2030, có ít nhất 8/9 trường đạt chuẩn quốc gia.") == [(">=", 8, "trường", 2030)]


def test_ranks_and_years_are_not_counts():
    # the group of the ten leading schools is a rank (the tenth place or better, as "tốp 10"), not ten schools
    assert got("- Giữ vững vị trí trong nhóm 10 trường dẫn đầu.") == [("<=", 10, "hạng", None)]
    assert got("- Phấn đấu đến năm 2030 trường đạt chuẩn quốc gia mức độ 2.") == [("=", 2, "mức", 2030)]


def test_roman_numeral_levels():
    assert got("- Năm 2030: trường đạt chuẩn quốc gia mức độ II và kiểm định chất lượng cấp độ III.") == [
        ("=", 2, "mức", 2030), ("=", 3, "mức", 2030)]


@pytest.mark.parametrize("text", [
    "- Đến năm 2030, 100% học sinh lớp 5 đạt trình độ tiếng Anh bậc 1 (A1).",
    "- Đến năm 2030, 100% học sinh lớp 3 đạt mức độ 2 về năng lực số.",
    "- Đến năm 2030, 100% trẻ em từ 3 đến 5 tuổi được học 2 buổi/ngày, 35 tiết/tuần.",
])
def test_numbers_inside_the_wording_are_not_values(text):
    assert got(text) == [("=", 100, "%", 2030)]


def test_past_year_figures_are_baselines():
    text = ("- Năm học 2024-2025 tỷ lệ giáo viên đạt chuẩn là 92%; đến hết năm 2026 tỷ lệ này không dưới 96%.\n"
            "- Hiện nay trường có 18 lớp.")
    assert got(text, plan_year=2025) == [(">=", 96, "%", 2026)]


def test_no_school_violence_is_a_zero_count():
    assert got("b) Đến năm 2030\n- Không có trường học nào xảy ra bạo lực học đường nghiêm trọng.") == [
        ("=", 0, "vụ", 2030)]


def test_outside_section_ii_only_written_out_comparators_and_never_the_opening():
    text = ("Trường (quy mô 42 lớp) xây dựng kế hoạch:\nI. MỤC ĐÍCH, YÊU CẦU\n- Quán triệt tới 100% cán bộ.\n"
            "II. MỤC TIÊU\n1. Đến năm 2030\n- Hiệu suất đào tạo trên 96%\nIII. NHIỆM VỤ\n"
            "- Đầu tư 3 phòng học thông minh.\n- Sử dụng ít nhất 90% dịch vụ công trực tuyến.")
    assert [(c, v, y) for c, v, _, y in got(text)] == [(">", 96, 2030), (">=", 90, 2030)]


def test_lines_a_pdf_wrapped_are_read_as_one():
    text = ("- Năm 2026: tỷ lệ học sinh bỏ\nhọc không vượt quá 0,3%; trong đó không dưới\n90% học sinh tiếp tục học THPT.")
    assert got(text) == [("<=", 0.3, "%", 2026), (">=", 90, "%", 2026)]


# ---------------------------------------------------------------------------- tables
def test_word_table_whose_columns_are_horizons():
    text = ("II. MỤC TIÊU\nTT | Chỉ tiêu | Năm 2026 | Năm 2030 | Năm 2035\n"
            "1 | Tỷ lệ trẻ 6 tuổi vào lớp 1 | 100% | ≥ 99% | –\n"
            "2 | Phòng học thông minh | 1 phòng | 3 phòng | \n"
            "3. Chỉ tiêu khác")
    plan = parse_plan(text)
    assert [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value) for t in plan.targets] == [
        ("=", 100, "%", date(2026, 12, 31)), (">=", 99, "%", date(2030, 12, 31)),
        ("=", 1, "phòng", date(2026, 12, 31)), ("=", 3, "phòng", date(2030, 12, 31))]
    assert plan.targets[2].indicator_code.value == "SMART_CLASSROOMS"
    assert text[plan.targets[1].source.start:plan.targets[1].source.end] == "≥ 99%"


def test_pdf_table_row_with_cells_joined_by_spaces():
    text = ("II. MỤC TIÊU\nChỉ tiêu Năm 2026 Năm 2030\n"
            "Người 15 - 60 tuổi biết chữ mức độ 2 ≥ 98% ≥ 99%\nHọc sinh bỏ học cấp THCS < 0,5% –")
    assert got(text) == [(">=", 98, "%", 2026), (">=", 99, "%", 2030), ("<", 0.5, "%", 2026)]


def test_pdf_table_with_every_cell_on_its_own_line():
    text = "II. MỤC TIÊU\nChỉ tiêu\n2026\n2030\nTỷ lệ trẻ ra lớp\n98%\n≥ 99%\n3. Khác"
    assert got(text) == [("=", 98, "%", 2026), (">=", 99, "%", 2030)]


# ---------------------------------------------------------------------------- header and signature
def test_commune_issuer_on_two_lines_and_its_signer():
    plan = parse_plan("ỦY BAN NHÂN DÂN\nXÃ AN LÃO\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Độc lập - Tự do - Hạnh phúc\nSố: 28/KH-UBND\nAn Lão, ngày 20 tháng 11 năm 2025\n"
                      "KẾ HOẠCH\nThực hiện Nghị quyết số 71-NQ/TW\ntrên địa bàn xã An Lão\n\nI. MỤC ĐÍCH\nAbc.\n"
                      "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nVũ Văn Thắng")
    assert plan.issuer.value == "ỦY BAN NHÂN DÂN XÃ AN LÃO" and plan.superior is None
    assert plan.title.value == "Thực hiện Nghị quyết số 71-NQ/TW trên địa bàn xã An Lão"
    assert (plan.signer_title.value, plan.signer.value) == ("CHỦ TỊCH", "Vũ Văn Thắng")
    assert "TM." not in plan.section("muc_dich_yeu_cau").text


def test_header_columns_joined_by_a_pdf_text_layer():
    plan = parse_plan("UBND THÀNH PHỐ HẢI PHÒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc\n"
                      "Số: 210/KH-SGDĐT Hải Phòng, ngày 05 tháng 12 năm 2025\nKẾ HOẠCH\nAbc\n"
                      "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Thành")
    assert (plan.superior.value, plan.issuer.value) == ("UBND THÀNH PHỐ HẢI PHÒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    assert plan.number_symbol.value == "210/KH-SGDĐT"
    assert (plan.place.value, plan.issued_on.value) == ("Hải Phòng", date(2025, 12, 5))
    assert plan.text[plan.issuer.source.start:plan.issuer.source.end] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ GIÁM ĐỐC", "Nguyễn Văn Thành")


def test_without_a_header_block_the_issuer_is_the_school_the_text_names():
    plan = parse_plan("KẾ HOẠCH\nAbc\nTrường Tiểu học Hiến Thành xây dựng Kế hoạch như sau:")
    assert plan.issuer.value == "Trường Tiểu học Hiến Thành" and plan.issuer.confidence < 0.7
