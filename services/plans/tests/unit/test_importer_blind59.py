"""Plan importer: the reading rules the blind59 set called for (fixtures/plans_heldout/blind59, characters and numbers
as other machines and habits store them, written by someone who never read the importer), one test per rule, on
documents, sentences and tables written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import unicodedata

from plans.domain.importer import extract_text

from .importer_probes import GOAL, got, plan_targets
from .test_importer_pdf_tables import pdf_of

OPENING = ("UBND XÃ ĐỒNG SƠN\nTRƯỜNG THCS ĐỒNG SƠN\nSố: 12/KH-THCS\n\n"
           "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐồng Sơn, ngày 10 tháng 10 năm 2026\n\n"
           "KẾ HOẠCH\n{title}\n\n")
GOALS = "I. MỤC TIÊU\nTỷ lệ học sinh biết bơi đạt 80%.\nII. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn thực hiện.\n"


# ---------------------------------------------------------------------------- a PDF whose text layer is decomposed
def test_a_pdf_table_drawn_in_decomposed_letters_is_read_as_one_drawn_composed():
    rows = [["Chỉ tiêu", "Năm học 2026 - 2027", "Năm học 2027 - 2028"],
            ["Trẻ mẫu giáo được học tiếng Anh (%)", "≥ 30", "≥ 45"],
            ["Phòng học thông minh (phòng)", "2", "4"]]
    decomposed = [[unicodedata.normalize("NFD", cell) for cell in row] for row in rows]
    opening = [unicodedata.normalize("NFD", line) for line in
               ["TRƯỜNG MẦM NON ĐÔNG HÒA", "Số: 21/KH-MNĐH", "KẾ HOẠCH", "Thực hiện nhiệm vụ năm học 2026 - 2027",
                "I. MỤC TIÊU"]]
    data = pdf_of(opening + [(decomposed, [150, 80, 80])] + ["II. NHIỆM VỤ", "Triển khai theo lộ trình."], True)
    text = extract_text(data, "ke-hoach.pdf").text
    assert "Trẻ mẫu giáo được học tiếng Anh (%) | ≥ 30 | ≥ 45" in text.split("\n")
    assert plan_targets(text)[:4] == [(">=", 30, "%", 2027), (">=", 45, "%", 2028),
                                      ("=", 2, "phòng", 2027), ("=", 4, "phòng", 2028)]


# ---------------------------------------------------------------------------- the plan's end in its title
def test_a_period_typed_with_an_em_dash_in_the_title_dates_the_targets_without_a_year():
    title = "Thực hiện Nghị quyết số 71-NQ/TW giai đoạn 2026 — 2030"
    assert plan_targets(OPENING.format(title=title) + GOALS) == [("=", 80, "%", 2030)]


def test_the_vision_after_the_end_year_in_the_title_is_not_the_targets_year():
    title = "Phát triển giáo dục trên địa bàn xã đến năm 2030, tầm nhìn đến năm 2045"
    assert plan_targets(OPENING.format(title=title) + GOALS) == [("=", 80, "%", 2030)]
    # a vision alone names no plan's end, and a figure that says its year keeps it
    goals = GOALS.replace("đạt 80%.", "đạt 80%; đến năm 2045 đạt 100%.")
    assert plan_targets(OPENING.format(title=title) + goals) == [("=", 80, "%", 2030), ("=", 100, "%", 2045)]


# ---------------------------------------------------------------------------- a sheet's cells in the English locale
def test_shares_with_a_decimal_point_in_cells_are_read_as_decimals():
    table = ("Chỉ tiêu | Thực hiện 2025 | Năm 2026 | Năm 2028\n"
             "Trẻ 5 tuổi đi học mẫu giáo (%) | 98.2% | 98.6% | >=99.25%\n"
             "Học sinh tiểu học bỏ học (%) | 0.4% | 0.3% | <0.1%\n")
    assert got(GOAL + table) == [("=", 98.6, "%", 2026), (">=", 99.25, "%", 2028),
                                 ("=", 0.3, "%", 2026), ("<", 0.1, "%", 2028)]


def test_a_count_of_people_with_a_comma_before_three_digits_is_in_thousands():
    table = ("Chỉ tiêu | Năm 2026 | Năm 2028\n"
             "Học viên được bồi dưỡng kỹ năng số (người) | 1,150 | 2,400\n"
             "Tỷ lệ học viên hoàn thành khóa học (%) | 92,5 | 95,125\n")
    assert got(GOAL + table) == [("=", 1150, "người", 2026), ("=", 2400, "người", 2028),
                                 ("=", 92.5, "%", 2026), ("=", 95.125, "%", 2028)]
    # the Vietnamese forms keep their meaning: a thousands point, a decimal comma in a share
    assert got(GOAL + "Chỉ tiêu | Năm 2026\nHọc viên được bồi dưỡng (người) | 1.150\n") == [("=", 1150, "người", 2026)]


def test_figures_with_a_decimal_point_in_a_column_of_shares_are_decimals():
    table = ("TT | Chỉ tiêu | ĐVT | Năm học 2025-2026 (thực hiện) | Năm học 2026-2027 | Đến năm 2030\n"
             "1 | Tỉ lệ học viên hoàn thành chương trình | % | 81.5 | 84.25 | 90\n")
    assert got(GOAL + table) == [("=", 84.25, "%", 2027), ("=", 90, "%", 2030)]


# ---------------------------------------------------------------------------- a year that closes its own clause
def test_a_year_closing_a_clause_with_its_figure_does_not_date_the_next_clause():
    lines = ("- Có 03 phòng học bộ môn tin học vào năm 2027; giữ vững trường chuẩn quốc gia mức độ 2.\n"
             "- 100% sổ điểm được số hóa vào năm 2027; tỷ lệ hồ sơ tuyển sinh nộp trực tuyến đạt 90%.\n")
    assert got(GOAL + lines, plan_horizon=2030) == [("=", 3, "phòng", 2027), ("=", 2, "mức", 2030),
                                                    ("=", 100, "%", 2027), ("=", 90, "%", 2030)]
    # a year that opens the line still dates what follows it, and so may the school year a first clause is done within
    assert got(GOAL + "- Năm 2027: có 03 phòng học bộ môn; 100% lớp có ti vi.\n", plan_horizon=2030) == [
        ("=", 3, "phòng", 2027), ("=", 100, "%", 2027)]
    assert got(GOAL + "2.1. Đến năm 2028, tỷ lệ lớp có ti vi đạt 90%; 100% lớp có máy tính.\n", plan_horizon=2030) == [
        ("=", 90, "%", 2028), ("=", 100, "%", 2028)]
    assert (">=", 99.5, "%", 2027) in got(GOAL + "- Huy động trẻ 6 tuổi vào lớp 1 đạt 100% ngay trong năm học 2026 - 2027; "
                                                "duy trì sĩ số không dưới 99,5%.\n", plan_horizon=2030)


def test_a_quarter_in_the_old_spelling_and_the_same_year_named_again_date_their_targets():
    lines = ("- Đạt kiểm định chất lượng giáo dục cấp độ 3 vào Quí II năm 2028.\n"
             "- Đạt chuẩn quốc gia mức độ 1 vào năm 2027; có 02 phòng học thông minh cùng năm 2027.\n")
    assert got(GOAL + lines, plan_horizon=2030) == [("=", 3, "mức", 2028), ("=", 1, "mức", 2027),
                                                    ("=", 2, "phòng", 2027)]


# ---------------------------------------------------------------------------- characters a page does not show
def test_zero_width_spaces_and_symbol_font_bullets_are_read_through():
    data = (GOAL + "\uf0b7\tNăm 2027:\n\uf0b7\tSĩ số không\u200b quá 35 học sinh/lớp.\n"
            "\uf0a7\tTỷ lệ trẻ đi học chuyên cần đạt 9\u200b7%.\n").encode("utf-8")
    text = extract_text(data, "ke-hoach.txt").text
    assert "\u200b" not in text and "• Năm 2027:" in text.replace("\t", " ")
    assert got(text, plan_horizon=2030) == [("<=", 35, "học sinh/lớp", 2027), ("=", 97, "%", 2027)]


# ---------------------------------------------------------------------------- the base beside the targets
def test_the_population_and_the_pupils_expected_are_no_targets():
    table = ("Chỉ tiêu | Năm 2026 | Năm 2030\n"
             "Dân số 6 - 14 tuổi (người) | 3,210 | 3,480\n"
             "Số học sinh tiểu học (dự kiến) | 1,020 | 1,150\n"
             "Học sinh tiểu học học 2 buổi/ngày (%) | 95 | 100\n"
             "Số học sinh giỏi cấp huyện (học sinh) | 40 | 60\n")
    assert got(GOAL + table) == [("=", 95, "%", 2026), ("=", 100, "%", 2030),
                                 ("=", 40, "học sinh", 2026), ("=", 60, "học sinh", 2030)]
