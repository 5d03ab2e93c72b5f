"""Plan importer: the reading rules the blind40 set called for (fixtures/plans_heldout/blind40, two PDFs exported by
LibreOffice), one test per rule, on plans and tables written for the test (none copied from a fixture): a row's label
that a page break cut in a table that does not number its rows, a section of targets after the tasks, and an appendix
of targets before the signature whose heading names them after a few words."""
from __future__ import annotations

from plans.domain.importer import extract_text, parse_plan
from plans.domain.importer.pdf_tables import page_tables, table_lines
from plans.domain.importer.text import _rejoin_cut_rows

from .importer_probes import got
from .test_importer_pdf_tables import lay_out, paragraph, pdf_of, plain

HEADINGS = ["Chỉ tiêu", "Năm học 2026 - 2027", "Đến năm 2030", "Ghi chú"]
WIDTHS = [130, 70, 70, 90]
OPENING = ["TRƯỜNG TIỂU HỌC PHÚ HÒA", "Số: 41/KH-THPH", "KẾ HOẠCH", "Năm học 2026 - 2027", "I. MỤC TIÊU"]
CLOSING = ["II. NHIỆM VỤ", "Triển khai theo lộ trình."]


def _targets(data: bytes) -> list[tuple]:
    plan = parse_plan(extract_text(data, "ke-hoach.pdf").text)
    return [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in plan.targets]


# ---------------------------------------------------------------------------- a label the page break cut
def test_the_rest_of_a_label_opening_the_next_page_goes_back_to_its_row():
    # a table without row numbers: the break leaves "buổi/ngày (%)" alone at the next page's top, its unit with it
    rows = [HEADINGS,
            ["Tỷ lệ học sinh biết bơi (%)", "60", "80", ""],
            ["Lớp học 2", "100", "100", ""],
            None,
            ["buổi/ngày (%)", "", "", ""],
            ["Số câu lạc bộ STEM (câu lạc bộ)", "3", "5", ""]]
    data = pdf_of(OPENING + [(rows, WIDTHS)] + CLOSING, True)
    assert "Lớp học 2 buổi/ngày (%) | 100 | 100 | " in extract_text(data, "ke-hoach.pdf").text.split("\n")
    assert _targets(data) == [("=", 60, "%", 2027), ("=", 80, "%", 2030), ("=", 100, "%", 2027),
                              ("=", 100, "%", 2030), ("=", 3, "câu lạc bộ", 2027), ("=", 5, "câu lạc bộ", 2030)]


def test_the_rest_of_a_label_and_of_a_note_go_back_to_their_row():
    rows = [HEADINGS,
            ["Tỷ lệ học sinh biết bơi (%)", "60", "80", ""],
            ["Tỷ lệ giáo viên dạy", "40", "100", "Theo kế hoạch"],
            None,
            ["học trực tuyến (%)", "", "", "của Sở"]]
    data = pdf_of(OPENING + [(rows, WIDTHS)] + CLOSING, True)
    assert "Tỷ lệ giáo viên dạy học trực tuyến (%) | 40 | 100 | Theo kế hoạch của Sở" in extract_text(
        data, "ke-hoach.pdf").text.split("\n")


def test_the_rest_of_a_label_ends_where_the_next_rows_label_opens():
    # the next row's short cells stand halfway down it: its label's first line alone opens on a capital
    first, _ = lay_out([HEADINGS, ["Tỷ lệ giáo viên dạy", "40", "100", ""]], WIDTHS, top=120.0)
    carried = page_tables(plain(first), first)[1]
    rest, _ = lay_out([["học trực tuyến (%)", "", "", ""],
                       ["Tỷ lệ cha mẹ học sinh dự đủ các buổi họp phụ huynh (%)", "90", "95", ""]], WIDTHS,
                      top=800.0, middle=True)
    assert [row for _, rows in table_lines(rest, carried) for row in rows] == [
        "học trực tuyến (%) |  |  | ", "Tỷ lệ cha mẹ học sinh dự đủ các buổi họp phụ huynh (%) | 90 | 95 | "]


def test_a_paragraph_opening_the_next_page_under_a_table_without_numbers_stays_out_of_it():
    first, _ = lay_out([HEADINGS, ["Tỷ lệ học sinh biết bơi (%)", "60", "80", ""]], WIDTHS, top=120.0)
    carried = page_tables(plain(first), first)[1]
    assert table_lines([paragraph(800.0, "Nhà trường phấn đấu hoàn thành các chỉ tiêu trên.")], carried) == []


def test_a_label_of_its_own_in_the_text_is_not_joined_to_the_row_above():
    pages = ["Tỷ lệ học sinh biết bơi (%) | 60 | 80 | ", "Số sân chơi (sân) |  |  | Chưa có"]
    assert _rejoin_cut_rows(pages) == pages


# ---------------------------------------------------------------------------- where the targets stand
TABLE = ("Chỉ tiêu | Kết quả 2025 - 2026 | Chỉ tiêu năm học 2026 - 2027 | Đến năm 2030\n"
         "Tỷ lệ học sinh biết bơi (%) | 52 | 60 | 80\n"
         "Số phòng học thông minh (phòng) | 0 | 1 | 3\n")


def test_a_section_of_targets_after_the_tasks_sets_targets():
    # the aim first, the tasks, then the figures in a section of their own
    text = ("I. ĐẶC ĐIỂM TÌNH HÌNH\nNhà trường có 24 lớp.\nII. MỤC TIÊU CHUNG\nNâng cao chất lượng giáo dục.\n"
            "III. NHIỆM VỤ TRỌNG TÂM\nĐổi mới phương pháp dạy học.\nIV. CÁC CHỈ TIÊU CỤ THỂ\n" + TABLE
            + "V. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn triển khai.\n")
    assert got(text) == [("=", 60, "%", 2027), ("=", 80, "%", 2030), ("=", 1, "phòng", 2027), ("=", 3, "phòng", 2030)]


def test_a_later_section_of_results_sets_no_targets():
    text = ("I. MỤC TIÊU\nTỷ lệ học sinh biết bơi đạt 80% vào năm 2030.\nII. NHIỆM VỤ\nĐổi mới phương pháp dạy học.\n"
            "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC 2025 - 2026\nTỷ lệ học sinh biết bơi đạt 52%.\n"
            "IV. TỔ CHỨC THỰC HIỆN\nCác tổ chuyên môn triển khai.\n")
    assert got(text) == [("=", 80, "%", 2030)]


def test_an_appendix_before_the_signature_naming_its_targets_after_a_few_words_sets_them():
    text = ("I. MỤC TIÊU\nTỷ lệ học sinh đọc thông thạo đạt 98% vào năm 2030.\nII. TỔ CHỨC THỰC HIỆN\n"
            "Các tổ chuyên môn triển khai.\nPHỤ LỤC: LỘ TRÌNH MỘT SỐ CHỈ TIÊU CHỦ YẾU\n" + TABLE + "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\nLê Văn An\n")
    plan = parse_plan(text)
    assert [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in plan.targets] == [
        ("=", 98, "%", 2030), ("=", 60, "%", 2027), ("=", 80, "%", 2030), ("=", 1, "phòng", 2027), ("=", 3, "phòng", 2030)]
