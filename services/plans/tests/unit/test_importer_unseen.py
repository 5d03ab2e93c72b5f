"""Plan importer: the reading rules added after scoring on plans it had never seen (fixtures/plans_heldout),
one test per pattern, on snippets written like real plans (pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.header import names_same_unit, unit_key
from plans.domain.importer.parse import parse_plan
from .importer_probes import got


# ---------------------------------------------------------------------------- tables
def test_group_heading_rows_merged_across_a_table_do_not_end_it():
    assert got("Chỉ tiêu | Năm 2026 | Năm 2030\nGiáo dục mầm non\nTỷ lệ trẻ mẫu giáo ra lớp | ≥ 98% | 100%\n"
               "Giáo dục phổ thông\nTỷ lệ học sinh THCS bỏ học | < 0,5% | < 0,2%") == [
        (">=", 98, "%", 2026), ("=", 100, "%", 2030), ("<", 0.5, "%", 2026), ("<", 0.2, "%", 2030)]


def test_level_cells_and_counts_with_words():
    assert got("Nội dung chỉ tiêu | Năm 2026 | Năm 2030\nPhổ cập giáo dục THCS | mức độ 2 | mức độ III\n"
               "Kiểm định chất lượng giáo dục | – | Cấp độ 3\nTrường đạt chuẩn quốc gia | 1 trường | 2 trường") == [
        ("=", 2, "mức", 2026), ("=", 3, "mức", 2030), ("=", 3, "mức", 2030),
        ("=", 1, "trường", 2026), ("=", 2, "trường", 2030)]


def test_cells_in_words_ranges_and_a_unit_column():
    assert got("TT | Chỉ tiêu | Đơn vị tính | Đến năm 2026 | Đến năm 2030\n"
               "1 | Tỷ lệ học sinh tốt nghiệp THPT | % | từ 99% trở lên | 100\n"
               "2 | Học sinh có kết quả học tập khá, tốt | % | 80 - 85 | không thấp hơn 90\n"
               "3 | Sĩ số tối đa mỗi lớp | học sinh/lớp | 45 | 40\n"
               "4 | Phòng học thông minh | phòng | 4 | 1.200") == [
        (">=", 99, "%", 2026), ("=", 100, "%", 2030), (">=", 80, "%", 2026), (">=", 90, "%", 2030),
        ("<=", 45, "học sinh/lớp", 2026), ("<=", 40, "học sinh/lớp", 2030),
        ("=", 4, "phòng", 2026), ("=", 1200, "phòng", 2030)]


def test_bare_numbers_without_a_unit_column_are_not_values():
    # unless the row's label says what they count ("Số câu lạc bộ": tests/unit/test_importer_blind2.py)
    assert got("Chỉ tiêu | Năm 2026 | Năm 2030\nHoạt động ngoại khóa | 4 | 6") == []


def test_a_table_whose_rows_are_horizons():
    assert got("Lộ trình | Trường dùng học bạ số | Phòng học thông minh\nNăm 2026 | 100% | 300 phòng\n"
               "Năm 2028 | – | 600 phòng\nĐến năm 2030 | – | 1.000 phòng") == [
        ("=", 100, "%", 2026), ("=", 300, "phòng", 2026), ("=", 600, "phòng", 2028), ("=", 1000, "phòng", 2030)]


def test_school_year_columns_are_due_at_the_school_years_end():
    assert got("TT | Nội dung | ĐVT | Năm học 2025 - 2026 | Năm học 2029-2030\n"
               "1 | Học sinh lên lớp thẳng | % | ≥ 98 | ≥ 99\n2 | Học sinh bỏ học | % | < 0,5 | 0") == [
        (">=", 98, "%", 2026), (">=", 99, "%", 2030), ("<", 0.5, "%", 2026), ("=", 0, "%", 2030)]


# ---------------------------------------------------------------------------- horizons
def test_by_the_end_of_a_year():
    assert got("- Phấn đấu đến cuối năm 2027, 100% học sinh được học kỹ năng số.") == [("=", 100, "%", 2027)]


def test_a_sentence_opening_with_the_year_and_a_comma():
    assert got("II. MỤC TIÊU\n7. Năm 2026, có tối thiểu 50% học sinh lớp 9 đạt tiếng Anh bậc 2 (A2).") == [
        (">=", 50, "%", 2026)]


def test_a_past_year_opening_a_sentence_is_still_a_status():
    assert got("II. MỤC TIÊU\n- Năm 2025, toàn xã có 92% trẻ ra lớp; đến năm 2026 phấn đấu đạt 95%.",
               plan_year=2026) == [("=", 95, "%", 2026)]


def test_what_is_due_every_year_of_a_period_is_due_by_its_end():
    assert got("II. MỤC TIÊU\nb) Giai đoạn 2026 - 2030, mỗi năm bồi dưỡng ít nhất 5.000 lượt giáo viên.") == [
        (">=", 5000, "lượt", 2030)]


# ---------------------------------------------------------------------------- values and comparators
@pytest.mark.parametrize("text, want", [
    ("- Năm 2030: mở mới ít nhất 3 nghề đào tạo trình độ sơ cấp.", [(">=", 3, "nghề", 2030)]),
    ("- Năm 2030: số học sinh trên một lớp không vượt quá 40.", [("<=", 40, "học sinh/lớp", 2030)]),
    ("- Năm 2030: mỗi giáo viên dự ít nhất 18 tiết/năm học; trẻ ngủ trưa tối đa 2 giờ.", []),
    ("- Năm 2030: 100% lớp có ít nhất 01 máy tính kết nối Internet.", [("=", 100, "%", 2030)]),
])
def test_a_bare_count_after_a_comparator_word(text, want):
    assert got(text) == want


def test_from_a_baseline_up_or_down_to_the_target():
    assert got("- Năm 2027: tỷ lệ học sinh tham gia câu lạc bộ thể thao tăng từ 40% lên 60%; "
               "tỷ lệ trẻ thừa cân giảm từ 8% xuống còn 5%.") == [("=", 60, "%", 2027), ("=", 5, "%", 2027)]


def test_from_a_count_and_more_around_the_noun():
    assert got("+ Năm 2026: có từ 30 học sinh giỏi cấp thành phố trở lên.") == [(">=", 30, "học sinh", 2026)]


def test_at_least_the_whole_is_the_whole():
    assert got("- Năm 2026: tỷ lệ trẻ ăn bán trú đạt 100%; tỷ lệ trẻ 5 tuổi ra lớp ≥ 100%.") == [
        ("=", 100, "%", 2026), ("=", 100, "%", 2026)]


def test_keeping_a_size_is_that_size_not_a_floor():
    assert got("- Năm 2026: duy trì 18 lớp; giữ vững 24 lớp ở năm 2030; duy trì tỷ lệ chuyên cần đạt 98%.") == [
        ("=", 18, "lớp", 2026), ("=", 24, "lớp", 2026), ("=", 98, "%", 2026)]


def test_a_level_typed_without_accents():
    assert got("- Năm 2030: Truong dat chuan chat luong giao duc muc do 2.") == [("=", 2, "mức", 2030)]


def test_a_section_named_chi_tieu_holds_the_targets_and_section_i_does_not():
    plan = parse_plan("I. MỤC ĐÍCH, YÊU CẦU\nHiện trường có 8 nhóm, lớp với 215 trẻ.\nII. CHỈ TIÊU\n1. Năm 2026\n"
                      "- Tỷ lệ trẻ béo phì dưới 4%.\nIII. NHIỆM VỤ, GIẢI PHÁP\nKhám sức khỏe 2 lần/năm.")
    assert [(t.comparator.value, t.value.value, t.horizon.value.year) for t in plan.targets] == [("<", 4, 2026)]


# ---------------------------------------------------------------------------- header and closing
def test_a_title_wrapped_onto_a_line_starting_thuc_hien_goes_on():
    plan = parse_plan("KẾ HOẠCH\nThực hiện Chương trình số 02-CTr/TU của Ban Thường vụ Thành ủy\n"
                      "thực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị\n\nCăn cứ Luật Giáo dục;\n")
    assert plan.title.value == ("Thực hiện Chương trình số 02-CTr/TU của Ban Thường vụ Thành ủy thực hiện "
                                "Nghị quyết số 71-NQ/TW của Bộ Chính trị")
    assert plan.text[plan.title.source.start:plan.title.source.start + 9] == "Thực hiện"


def test_a_title_is_the_subject_without_ke_hoach():
    assert parse_plan("KẾ HOẠCH Chuyển đổi số năm 2026\n").title.value == "Chuyển đổi số năm 2026"
    assert parse_plan("KẾ HOẠCH\n\nI. MỤC ĐÍCH\n").title is None


@pytest.mark.parametrize("closing", [
    "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Bộ GD&ĐT;\tKT. CHỦ TỊCH\n- Các sở;\tPHÓ CHỦ TỊCH\n- Lưu: VT.\tLê Khắc Nam",
    "Nơi nhận:                    KT. CHỦ TỊCH\n- Bộ GD&ĐT;                   PHÓ CHỦ TỊCH\n- Lưu: VT.\n\n"
    "                             Lê Khắc Nam",
])
def test_a_signature_block_typed_beside_the_recipients(closing):
    plan = parse_plan("KẾ HOẠCH\nAbc\n" + closing)
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ CHỦ TỊCH", "Lê Khắc Nam")
    assert plan.text[plan.signer.source.start:plan.signer.source.end] == "Lê Khắc Nam"
    assert [r.value for r in plan.recipients][0] == "Bộ GD&ĐT"


# ---------------------------------------------------------------------------- the unit a document names
def test_the_named_unit_is_the_issuer_else_the_school_the_text_names():
    assert parse_plan("UBND XÃ AN HẢI\nTRƯỜNG MẦM NON TƯ THỤC TUỔI HOA\nKẾ HOẠCH\nAbc").named_unit.value == \
        "TRƯỜNG MẦM NON TƯ THỤC TUỔI HOA"
    assert parse_plan("KẾ HOẠCH\nAbc\nTrường Tiểu học Hiến Thành xây dựng kế hoạch:").named_unit.value == \
        "Trường Tiểu học Hiến Thành"


def test_unit_names_compare_kind_levels_and_proper_name():
    assert unit_key("TRƯỜNG TRUNG HỌC CƠ SỞ TÂN HƯNG") == unit_key("Trường THCS Tân Hưng")
    assert names_same_unit("TRƯỜNG THCS LÊ HỒNG PHONG", "Trường THCS Lê Hồng Phong (cơ sở 2)")
    assert names_same_unit("TRƯỜNG TIỂU HỌC, THCS VÀ THPT HOÀNG MAI", "Trường TH, THCS và THPT Hoàng Mai")
    assert not names_same_unit("TRƯỜNG THCS TRẦN PHÚ", "Trường THCS Lê Hồng Phong")
    assert not names_same_unit("Trường Tiểu học Thủy Sơn", "Trường THCS Thủy Sơn")     # one commune, two schools
    assert not names_same_unit("ỦY BAN NHÂN DÂN XÃ TÂN HƯNG", "Trường THCS Tân Hưng")  # the commune's own plan
