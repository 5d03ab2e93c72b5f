"""Plan importer: layouts the evaluation set's plans took when laid out anew (``tests/fixtures/rerender.py``: Word
tables as PDF text layers joined by spaces or one cell a line, cells that wrap, tables turned round) and wordings a
new writer uses, one test per rule, on text written for the test (none copied from a fixture; pure, no files). A
PDF's text layer is written here as ``pypdf`` gives it: a wrapped cell's end on the line under its row."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan
from .importer_probes import got


GOAL = "II. CHỈ TIÊU\n"


# ---------------------------------------------------------------------------- PDF rows joined by spaces
def test_a_label_wrapped_under_its_row_s_values():
    table = ("TT Chỉ tiêu Năm 2027 Năm 2029\n"
             "1 Tỷ lệ học sinh tham gia câu lạc bộ 70% 85%\n"
             "thể thao trường học\n"
             "2 Tỷ lệ giáo viên dạy học trực tuyến 50% 75%\n")
    assert got(GOAL + table) == [("=", 70, "%", 2027), ("=", 85, "%", 2029), ("=", 50, "%", 2027), ("=", 75, "%", 2029)]


def test_a_label_s_unit_in_brackets_on_a_line_of_its_own():
    table = ("STT Nội dung Năm 2027 Năm 2029\n"
             "1 Học sinh khối 6 học tin học 80 95\n"
             "(%)\n"
             "2 Lớp học có màn hình tương tác 12 20\n"
             "(lớp)\n")
    assert got(GOAL + table) == [("=", 80, "%", 2027), ("=", 95, "%", 2029), ("=", 12, "lớp", 2027), ("=", 20, "lớp", 2029)]


def test_school_years_whose_ends_wrapped_under_the_heading():
    table = ("TT Nội dung ĐVT Năm học 2026 - Năm học 2028 -\n"
             "2027 2029\n"
             "1 Học sinh đọc sách thư viện % ≥ 60 ≥ 75\n")
    assert got(GOAL + table) == [(">=", 60, "%", 2027), (">=", 75, "%", 2029)]


def test_a_heading_of_which_one_cell_wrapped_and_a_baseline_column():
    table = ("STT Chỉ tiêu ĐVT Hiện trạng 2025 Kế hoạch Kế hoạch 2030\n"
             "2027\n"
             "1 Tỷ lệ trẻ ăn bán trú % 64 80 100\n")
    assert got(GOAL + table) == [("=", 80, "%", 2027), ("=", 100, "%", 2030)]


def test_a_unit_column_headed_don_vi_and_a_group_heading_after_a_wrapped_label():
    table = ("Chỉ tiêu Đơn vị Năm 2027 Năm 2030\n"
             "1. Số học sinh đạt giải thi khoa học kỹ thuật giải 4 6\n"
             "cấp thành phố\n"
             "B. Cơ sở vật chất\n"
             "2. Phòng học bộ môn đạt chuẩn phòng 3 5\n")
    assert got(GOAL + table) == [("=", 4, "giải", 2027), ("=", 6, "giải", 2030),
                                 ("=", 3, "phòng", 2027), ("=", 5, "phòng", 2030)]


def test_a_row_of_marked_values_joined_by_spaces():
    table = ("STT Nội dung chỉ tiêu Đến năm 2027 Đến năm 2030\n"
             "1 Tỷ lệ học sinh biết bơi: a) Tiểu a) 60%; b) ≥ 70% a) 80%; b) ≥ 90%\n"
             "học; b) Trung học cơ sở\n")
    assert got(GOAL + table) == [("=", 60, "%", 2027), ("=", 80, "%", 2030), (">=", 70, "%", 2027), (">=", 90, "%", 2030)]


# ---------------------------------------------------------------------------- PDF one cell a line
def test_school_years_wrapped_in_a_table_laid_one_cell_a_line():
    table = ("TT\nNội dung\nĐVT\nNăm học 2026 -\nNăm học 2028 -\nNăm học 2029 -\n2027\n2029\n2030\n"
             "1\nHọc sinh tự học trực tuyến\n%\n40\n65\n80\n")
    assert got(GOAL + table) == [("=", 40, "%", 2027), ("=", 65, "%", 2029), ("=", 80, "%", 2030)]


def test_a_horizon_heading_whose_year_wrapped_after_the_next_heading():
    table = ("STT\nNội dung\nThực hiện 2025\nKế hoạch\nKế hoạch 2030\n2027\n"
             "1\nTỷ lệ học sinh biết bơi\n48%\n70%\n95%\n")
    assert got(GOAL + table) == [("=", 70, "%", 2027), ("=", 95, "%", 2030)]


def test_headings_broken_into_pieces_in_any_order():
    table = ("TT\nNội dung\nNăm học 2026\nNăm học 2028 - 2029\nNăm\n- 2027\nhọc\n2029\n-\n2030\n"
             "1\nHọc sinh được học bơi\n55%\n70%\n90%\n")
    assert got(GOAL + table) == [("=", 55, "%", 2027), ("=", 70, "%", 2029), ("=", 90, "%", 2030)]


def test_a_label_s_end_under_the_values_gives_their_unit():
    table = ("TT\nChỉ tiêu\nNăm 2027\nNăm 2030\n"
             "1\nHọc sinh lớp 9 được tư vấn\n85\n100\nhướng nghiệp (%)\n"
             "2\nTỷ lệ lớp có tủ sách\n70%\n100%\n")
    assert got(GOAL + table) == [("=", 85, "%", 2027), ("=", 100, "%", 2030), ("=", 70, "%", 2027), ("=", 100, "%", 2030)]


def test_a_value_starting_with_a_small_letter_is_a_cell_not_the_label_s_end():
    table = "Nội dung chỉ tiêu\nNăm 2027\nNăm 2028\nNăm 2030\nThư viện trường đạt chuẩn\nmức độ 1\n–\nmức độ 2\n"
    assert got(GOAL + table) == [("=", 1, "mức", 2027), ("=", 2, "mức", 2030)]


def test_a_row_of_marked_values_laid_one_cell_a_line():
    table = ("STT\nNội dung\nNăm 2027\nNăm 2030\n"
             "1\nHọc sinh đạt chuẩn thể chất: a) Tiểu\na) 90%; b) ≥ 85%\na) 95%; b) ≥ 90%\nhọc; b) THCS\n"
             "2\nTỷ lệ lớp có máy chiếu\n80%\n100%\n")
    assert got(GOAL + table) == [("=", 90, "%", 2027), ("=", 95, "%", 2030), (">=", 85, "%", 2027),
                                 (">=", 90, "%", 2030), ("=", 80, "%", 2027), ("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- tables whose rows are horizons
def test_a_word_table_whose_rows_are_horizons_takes_units_from_its_headings():
    table = ("Năm | Tỷ lệ trẻ được khám sức khỏe | Số phòng học bộ môn | Câu lạc bộ năng khiếu (câu lạc bộ)\n"
             "Thực hiện 2025 | 90 | 3 | 2\n"
             "Mục tiêu 2027 | 100 | 5 | 4\n"
             "Mục tiêu 2030 | 100 | 8 | 6\n")
    assert got(GOAL + table) == [("=", 100, "%", 2027), ("=", 5, "phòng", 2027), ("=", 4, "câu lạc bộ", 2027),
                                 ("=", 100, "%", 2030), ("=", 8, "phòng", 2030), ("=", 6, "câu lạc bộ", 2030)]


def test_a_row_of_units_under_the_headings_of_a_table_turned_round():
    table = ("Lộ trình | Học sinh biết bơi | Giáo viên dạy STEM\n"
             "ĐVT | % | giáo viên\n"
             "Năm 2027 | 60 | 12\n"
             "Năm 2030 | 90 | 20\n")
    assert got(GOAL + table) == [("=", 60, "%", 2027), ("=", 12, "giáo viên", 2027),
                                 ("=", 90, "%", 2030), ("=", 20, "giáo viên", 2030)]


def test_a_cell_of_marked_values_in_a_table_turned_round():
    table = ("Năm | Học sinh hoàn thành chương trình: a) Tiểu học; b) THCS | Trường đạt chuẩn quốc gia\n"
             "Năm 2027 | a) 100%; b) ≥ 97% | Mức độ 1\n")
    assert got(GOAL + table) == [("=", 100, "%", 2027), (">=", 97, "%", 2027), ("=", 1, "mức", 2027)]


def test_a_pdf_table_whose_rows_are_school_years_joined_by_spaces():
    table = "Năm học Trẻ thừa cân Trẻ béo phì\n2026 - 2027 < 5% < 2%\n2029 - 2030 < 4% < 1,5%\n"
    assert got(GOAL + table) == [("<", 5, "%", 2027), ("<", 2, "%", 2027), ("<", 4, "%", 2030), ("<", 1.5, "%", 2030)]


def test_a_table_whose_rows_are_horizons_laid_one_cell_a_line():
    table = "Năm học\nTỷ lệ trẻ được uống sữa\nSố bếp ăn một chiều\n2026 - 2027\n85%\n1\n2028 - 2029\n100%\n–\n"
    assert got(GOAL + table) == [("=", 85, "%", 2027), ("=", 1, "", 2027), ("=", 100, "%", 2029)]


def test_a_table_turned_round_copied_as_text_with_tabs():
    table = ("Năm\tTỷ lệ học sinh đọc sách hằng tuần\tSố câu lạc bộ đọc sách\tSĩ số tối đa\n"
             "Thực hiện 2025\t52\t3\t42\n"
             "Mục tiêu 2027\t70\t5\t≤ 40\n"
             "Mục tiêu 2030\t90\t–\t≤ 35\n")
    assert got(GOAL + table) == [("=", 70, "%", 2027), ("=", 5, "câu lạc bộ", 2027), ("<=", 40, "học sinh/lớp", 2027),
                                 ("=", 90, "%", 2030), ("<=", 35, "học sinh/lớp", 2030)]


def test_a_share_then_a_dash_cell_then_a_count_are_three_cells_not_a_range():
    table = "Lộ trình Tin học Thư viện số Phòng STEM\nNăm 2027 75% – 2 phòng\nNăm 2030 90% 100% 4 phòng\n"
    assert got(GOAL + table) == [("=", 75, "%", 2027), ("=", 2, "phòng", 2027),
                                 ("=", 90, "%", 2030), ("=", 100, "%", 2030), ("=", 4, "phòng", 2030)]


# ---------------------------------------------------------------------------- sentences
def test_a_year_a_wrapped_sentence_put_on_the_next_line_even_like_a_numbered_item():
    text = GOAL + "- Tỷ lệ học sinh được học kỹ năng sống đạt 70% vào năm 2027 và 90% vào năm\n2030.\n"
    assert got(text) == [("=", 70, "%", 2027), ("=", 90, "%", 2030)]


@pytest.mark.parametrize("period", ["Trong giai đoạn 2026 - 2030", "Trong cả giai đoạn 2026-2030"])
def test_within_a_period_means_by_its_end(period):
    assert got(GOAL + f"- {period} phấn đấu 100% trẻ 5 tuổi được làm quen tiếng Anh.") == [("=", 100, "%", 2030)]


# ---------------------------------------------------------------------------- header and signature
CLOSING_BESIDE = """TRƯỜNG MẦM NON HƯỚNG DƯƠNG
Số: 09/KH-MNHD
Kiến An, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Phát triển giáo dục mầm non năm 2026
I. MỤC TIÊU
- Tỷ lệ trẻ ra lớp đạt 98%.
Nơi nhận: KT. HIỆU TRƯỞNG
- Phòng Văn hóa - Xã hội (b/c); PHÓ HIỆU TRƯỞNG
- Lưu: VT. Vũ Thị Hồng Nhung
"""


def test_a_signature_block_a_pdf_put_beside_the_recipients():
    plan = parse_plan(CLOSING_BESIDE)
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ HIỆU TRƯỞNG", "Vũ Thị Hồng Nhung")
    assert [r.value for r in plan.recipients] == ["Phòng Văn hóa - Xã hội (b/c)", "Lưu: VT"]


def test_a_signature_block_copied_from_a_table_with_cell_marks():
    text = CLOSING_BESIDE.split("Nơi nhận")[0] + (
        "Nơi nhận: | TM. ỦY BAN NHÂN DÂN\n- Sở GD&ĐT; | CHỦ TỊCH\n- Lưu: VT. |\n | Đoàn Văn Toản\n")
    plan = parse_plan(text)
    assert (plan.signer_title.value, plan.signer.value) == ("CHỦ TỊCH", "Đoàn Văn Toản")


def test_a_header_typed_without_diacritics():
    plan = parse_plan("UBND XA TIEN MINH\nTRUONG TIEU HOC TIEN MINH\nSo: 03/KH-THTM\nTien Minh, ngay 08 thang 01 nam 2026\n"
                      "KE HOACH\nDay hoc ky nang so nam 2026\nI. MUC TIEU\n- 100% hoc sinh lop 5 duoc hoc ky nang so.\n")
    assert (plan.issuer.value, plan.place.value, plan.issued_on.value.isoformat(), plan.title.value) == (
        "TRUONG TIEU HOC TIEN MINH", "Tien Minh", "2026-01-08", "Day hoc ky nang so nam 2026")


# ---------------------------------------------------------------------------- wordings
def test_a_rise_from_a_past_year_s_figure_to_a_horizon_s():
    assert got(GOAL + "- Tỷ lệ học sinh biết bơi tăng từ 45% năm 2025 lên 75% năm 2029.", plan_year=2026) == [
        ("=", 75, "%", 2029)]


def test_pupils_per_class_written_as_on_one_class_and_em():
    assert got(GOAL + "- Đến năm 2029, số học sinh trên 1 lớp không vượt quá 38 em.") == [
        ("<=", 38, "học sinh/lớp", 2029)]


# ---------------------------------------------------------------------------- a baseline row named by its year first
def test_a_baseline_row_of_a_table_turned_round_named_by_its_school_year_then_its_status():
    table = ("Năm học | Số câu lạc bộ | Học sinh biết bơi (%) | Sĩ số tối đa (HS/lớp)\n"
             "2023 - 2024 (ước đạt) | 4 | 55 | 45\n"
             "2026 - 2027 | 6 | ≥ 70 | 43\n"
             "2028 - 2029 | 7 | 80 - 90 | 41\n")
    assert got(GOAL + table) == [("=", 6, "câu lạc bộ", 2027), (">=", 70, "%", 2027), ("<=", 43, "học sinh/lớp", 2027),
                                 ("=", 7, "câu lạc bộ", 2029), (">=", 80, "%", 2029), ("<=", 41, "học sinh/lớp", 2029)]


def test_a_baseline_row_named_by_its_year_then_its_status_in_a_pdf_table_turned_round():
    table = ("Năm Trẻ biết bơi Trẻ thừa cân\n"
             "Năm 2024 - kết quả 35% 6%\n"
             "Năm 2027 ≥ 50% < 5%\n"
             "Năm 2030 ≥ 70% < 4%\n")
    assert got(GOAL + table) == [(">=", 50, "%", 2027), ("<", 5, "%", 2027), (">=", 70, "%", 2030), ("<", 4, "%", 2030)]
