"""Plan importer: the reading rules the blind2 set called for (fixtures/plans_heldout/blind2, twelve plans of
every level and eight provinces written without reading the importer), one test per pattern, on snippets written
like real plans (pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan
from .importer_probes import got


# ---------------------------------------------------------------------------- tables
def test_a_column_of_todays_figures_is_a_baseline_not_a_horizon():
    assert got("TT | Chỉ tiêu | Hiện trạng 2025 | Năm 2026 | Năm 2030\n"
               "1 | Tỷ lệ lớp học 2 buổi/ngày | 85,7% | 90% | 100%\n"
               "2 | Mức độ đạt chuẩn quốc gia | Mức độ 1 | Mức độ 1 | Mức độ 2") == [
        ("=", 90, "%", 2026), ("=", 100, "%", 2030), ("=", 1, "mức", 2026), ("=", 2, "mức", 2030)]


def test_a_planned_column_beside_an_actual_one():
    assert got("Chỉ tiêu | Thực hiện năm 2025 | Kế hoạch năm 2026 | Chỉ tiêu thực hiện đến năm 2030\n"
               "Tỷ lệ học sinh lên lớp | 97,5% | 98% | ≥ 99%") == [("=", 98, "%", 2026), (">=", 99, "%", 2030)]


def test_a_unit_column_headed_don_vi_gives_any_unit():
    assert got("Chỉ tiêu | Đơn vị | Năm 2026 | Năm 2030\n1. Tỷ lệ học sinh tốt nghiệp THPT | % | 100 | 100\n"
               "2. Số giải học sinh giỏi quốc gia | giải | ≥ 60 | ≥ 70\n"
               "3. Phòng thí nghiệm STEM/AI | phòng | 2 | –") == [
        ("=", 100, "%", 2026), ("=", 100, "%", 2030), (">=", 60, "giải", 2026), (">=", 70, "giải", 2030),
        ("=", 2, "phòng", 2026)]


@pytest.mark.parametrize("row, want", [
    ("Số câu lạc bộ | 4 | 6", [("=", 4, "câu lạc bộ", 2026), ("=", 6, "câu lạc bộ", 2030)]),
    ("3.2. Số phòng học thông minh | 1 | 4", [("=", 1, "phòng", 2026), ("=", 4, "phòng", 2030)]),
    ("Số vụ bạo lực học đường | 0 | 0", [("=", 0, "vụ", 2026), ("=", 0, "vụ", 2030)]),
    ("Tỷ lệ học sinh trúng tuyển đại học | ≥ 95 | ≥ 97", [(">=", 95, "%", 2026), (">=", 97, "%", 2030)]),
    ("Giải học sinh giỏi quốc gia (giải) | 120 | 140", [("=", 120, "giải", 2026), ("=", 140, "giải", 2030)]),
])
def test_a_rows_label_says_what_its_bare_numbers_count(row, want):
    assert got("Chỉ tiêu | Năm 2026 | Năm 2030\n" + row) == want


def test_the_label_gives_the_unit_in_a_pdf_row_too():
    assert got("Chỉ tiêu Năm 2026 Năm 2027 Năm 2030\nGiải học sinh giỏi quốc gia (giải) 120 125 140") == [
        ("=", 120, "giải", 2026), ("=", 125, "giải", 2027), ("=", 140, "giải", 2030)]


def test_several_marked_values_in_one_cell_are_one_row_each():
    assert got("STT | Nội dung chỉ tiêu | Đến năm 2026 | Đến năm 2030\n"
               "2 | Tỷ lệ học sinh hoàn thành chương trình: a) Tiểu học; b) Trung học cơ sở | a) 100%; b) ≥ 98% | "
               "a) 100%; b) ≥ 99%\n"
               "4 | Sĩ số học sinh/lớp tối đa: 4.1. Tiểu học; 4.2. THCS | 4.1. 35; 4.2. 45 | 4.1. 35; 4.2. 40") == [
        ("=", 100, "%", 2026), ("=", 100, "%", 2030), (">=", 98, "%", 2026), (">=", 99, "%", 2030),
        ("<=", 35, "học sinh/lớp", 2026), ("<=", 35, "học sinh/lớp", 2030),
        ("<=", 45, "học sinh/lớp", 2026), ("<=", 40, "học sinh/lớp", 2030)]


def test_a_level_cell_with_words():
    assert got("Nội dung | Năm học 2026-2027 | Đến năm 2030\nKiểm định chất lượng giáo dục | Duy trì cấp độ 2 | "
               "Cấp độ 3") == [("=", 2, "mức", 2027), ("=", 3, "mức", 2030)]


def test_rows_that_are_school_years():
    assert got("Năm học | Trẻ SDD thể nhẹ cân | Trẻ SDD thể thấp còi\n2026 - 2027 | < 3% | < 4%\n"
               "2029 - 2030 | < 2% | < 3%") == [
        ("<", 3, "%", 2027), ("<", 4, "%", 2027), ("<", 2, "%", 2030), ("<", 3, "%", 2030)]


def test_a_note_under_a_table_sets_no_target():
    assert got("Ghi chú: chỉ tiêu 3 và 5 tính trên 21 trường công lập thuộc phường quản lý.") == []


# ---------------------------------------------------------------------------- horizons
@pytest.mark.parametrize("prefix", ["+ Năm học 2026-2027:", "- Trong năm học 2026 - 2027:"])
def test_a_school_year_as_a_line_prefix_is_due_at_its_end(prefix):
    assert got(f"{prefix} 100% giáo viên được bồi dưỡng về ứng dụng AI trong dạy học.\n"
               "ít nhất 80% giáo viên biết thiết kế bài giảng điện tử.") == [("=", 100, "%", 2027), (">=", 80, "%", 2027)]


def test_a_count_due_from_a_year_on():
    assert got("d) Số người được bồi dưỡng kỹ năng số cơ bản đạt 1.200 lượt người/năm từ năm 2027.") == [
        ("=", 1200, "lượt", 2027)]


# ---------------------------------------------------------------------------- values and comparators
def test_a_figure_on_the_line_after_its_comparator():
    assert got("2.1. Năm 2026\nb) Tỷ lệ trẻ suy dinh dưỡng thể thấp còi dưới 5%; trẻ thừa cân, béo phì không quá\n3%.") == [
        ("<", 5, "%", 2026), ("<=", 3, "%", 2026)]


@pytest.mark.parametrize("line, want", [
    ("c) Trong năm 2027, không để xảy ra ngộ độc thực phẩm trong nhà trường.", [("=", 0, "vụ", 2027)]),
    ("- Năm 2027: không để xảy ra vụ bạo lực học đường, không có học sinh vi phạm pháp luật.",
     [("=", 0, "vụ", 2027), ("=", 0, "học sinh", 2027)]),
    ("đ) Đến năm 2030, tỉ lệ phòng học kiên cố đạt 95%; không còn phòng học tạm, phòng học mượn.",
     [("=", 95, "%", 2030), ("=", 0, "phòng", 2030)]),
    ("- Đến năm 2030 không có trường, lớp học tạm.", [("=", 0, "trường", 2030)]),
])
def test_a_zero_written_in_words_among_the_targets(line, want):
    assert sorted(got(line)) == sorted(want)


def test_a_zero_in_words_outside_the_targets_is_not_one():
    plan = parse_plan("I. MỤC ĐÍCH\nQuán triệt Nghị quyết.\nII. MỤC TIÊU\n1. Năm 2026\n- Tỷ lệ trẻ béo phì dưới 4%.\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                      "1. Kiểm tra bếp ăn hằng tháng, không để xảy ra ngộ độc thực phẩm.")
    assert [(t.comparator.value, t.value.value) for t in plan.targets] == [("<", 4)]


def test_a_class_size_of_children():
    assert got("- Đến năm 2030: số trẻ mẫu giáo trên một lớp không vượt quá 30 trẻ/lớp.") == [
        ("<=", 30, "trẻ/lớp", 2030)]


def test_a_training_course_is_not_a_class():
    plan = parse_plan("I. MỤC ĐÍCH\nQuán triệt Nghị quyết.\nII. MỤC TIÊU\n1. Năm 2026\n- Tỷ lệ trẻ béo phì dưới 4%.\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                      "3. Bồi dưỡng giáo viên; mỗi giáo viên tham gia ít nhất 1 lớp tập huấn do Sở tổ chức.")
    assert [(t.comparator.value, t.value.value) for t in plan.targets] == [("<", 4)]


def test_a_line_naming_a_count_and_giving_it():
    assert got("2. Mục tiêu đến năm 2030\n- Số vụ bạo lực học đường nghiêm trọng: 0.") == [("=", 0, "vụ", 2030)]


# ---------------------------------------------------------------------------- header and closing
def test_spaces_after_so_in_a_header_cell_are_not_a_column_break():
    plan = parse_plan("ỦY BAN NHÂN DÂN\nPHƯỜNG NINH KIỀU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Độc lập - Tự do - Hạnh phúc\nSố:    05/KH-UBND\nNinh Kiều, ngày 05 tháng 01 năm 2026\n"
                      "KẾ HOẠCH\nPhát triển giáo dục\n")
    assert (plan.number_symbol.value, plan.issuer.value) == ("05/KH-UBND", "ỦY BAN NHÂN DÂN PHƯỜNG NINH KIỀU")


def test_a_signer_whose_name_has_a_one_letter_word():
    plan = parse_plan("KẾ HOẠCH\nAbc\nNơi nhận:\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
                      "Y Thuấn Niê\n")
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ CHỦ TỊCH", "Y Thuấn Niê")


def test_a_count_with_a_leading_zero_beside_another_count():
    assert got("+ Đến năm 2030: có 06 phòng STEM, Robotics và 01 trung tâm học liệu số; khai giảng tháng 01 hằng năm.") == [
        ("=", 6, "phòng", 2030), ("=", 1, "trung tâm", 2030)]
    assert got("- Năm 2030: 100% lớp có ít nhất 01 máy tính và 02 loa.") == [("=", 100, "%", 2030)]
