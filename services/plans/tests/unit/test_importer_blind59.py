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
