"""Plan importer: the table-reading rules the blind38 set called for (fixtures/plans_heldout/blind38, and blind34's
table over a page break), one test per rule, on tables written for the test (none copied from a fixture): a PDF's
table that runs on over a page break without repeating its headings, a table a generator flattened into lines of
cells parted by two spaces, and a column of past results set after the horizons."""
from __future__ import annotations

from plans.domain.importer import extract_text, parse_plan
from plans.domain.importer.pdf_tables import page_tables, table_lines
from plans.domain.importer.text import _paired_space_tables

from .importer_probes import GOAL, got
from .test_importer_pdf_tables import lay_out, paragraph, pdf_of, plain

HEADINGS = ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2027", "Năm 2030", "Ghi chú"]
WIDTHS = [30, 120, 60, 55, 55, 90]


def _targets(data: bytes) -> list[tuple]:
    plan = parse_plan(extract_text(data, "ke-hoach.pdf").text)
    return [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in plan.targets]


# ---------------------------------------------------------------------------- a table over a page break
def test_rows_on_the_next_page_without_the_headings_keep_the_tables_columns():
    # the notes column is empty on every row of the second page: its rows keep their six cells all the same
    rows = [HEADINGS,
            ["1", "Tỷ lệ trẻ em được học bơi an toàn", "%", "70", "90", "Năm 2025 đạt 55%"],
            None,
            ["2", "Tỷ lệ học sinh tham gia câu lạc bộ thể thao", "%", "60", "≥ 75", ""],
            ["3", "Số sân chơi đạt chuẩn", "sân", "3", "5", ""]]
    data = pdf_of(["I. MỤC TIÊU", (rows, WIDTHS), "II. NHIỆM VỤ", "Triển khai theo lộ trình."], True)
    assert _targets(data) == [("=", 70, "%", 2027), ("=", 90, "%", 2030), ("=", 60, "%", 2027),
                              (">=", 75, "%", 2030), ("=", 3, "sân", 2027), ("=", 5, "sân", 2030)]


def test_a_group_row_and_a_note_first_seen_on_the_next_page_stay_in_the_table():
    rows = [HEADINGS,
            ["1", "Tỷ lệ phòng học có máy chiếu", "%", "80", "100", ""],
            None,
            ["2", "Số câu lạc bộ tiếng Anh", "câu lạc bộ", "2", "4", ""],
            ["B. ĐỘI NGŨ", "", "", "", "", ""],
            ["3", "Giáo viên được bồi dưỡng kỹ năng số hằng năm", "%", "90", "100", "Theo kế hoạch của Sở"]]
    data = pdf_of(["I. MỤC TIÊU", (rows, WIDTHS), "II. NHIỆM VỤ", "Triển khai theo lộ trình."], True)
    assert _targets(data) == [("=", 80, "%", 2027), ("=", 100, "%", 2030), ("=", 2, "câu lạc bộ", 2027),
                              ("=", 4, "câu lạc bộ", 2030), ("=", 90, "%", 2027), ("=", 100, "%", 2030)]


def test_a_label_wrapped_over_three_lines_on_the_next_page_is_one_row():
    rows = [HEADINGS,
            ["1", "Tỷ lệ phòng học có máy chiếu", "%", "80", "100", ""],
            None,
            ["2", "Tỷ lệ cha mẹ học sinh tham gia các buổi sinh hoạt chuyên đề do nhà trường tổ chức", "%", "85",
             "95", ""]]
    data = pdf_of(["I. MỤC TIÊU", (rows, WIDTHS), "II. NHIỆM VỤ", "Triển khai theo lộ trình."], True)
    text = extract_text(data, "ke-hoach.pdf").text
    assert ("2 | Tỷ lệ cha mẹ học sinh tham gia các buổi sinh hoạt chuyên đề do nhà trường tổ chức | % | 85 | 95 | "
            in text.split("\n"))


def test_the_rest_of_a_row_the_page_break_cut_goes_back_to_it():
    widths = [30, 120, 60, 55, 55, 90]
    first, bottom = lay_out([HEADINGS, ["1", "Tỷ lệ học sinh được", "%", "70", "90", "Chỉ tiêu của"]], widths,
                            top=120.0)
    text, carried = page_tables(plain(first), first)
    assert carried is not None
    rest, _ = lay_out([["", "học bơi an toàn", "", "", "", "Nghị quyết"],
                       ["2", "Số sân chơi đạt chuẩn", "sân", "3", "5", ""]], widths, top=800.0)
    assert [row for _, rows in table_lines(rest, carried) for row in rows] == [
        " | học bơi an toàn |  |  |  | Nghị quyết", "2 | Số sân chơi đạt chuẩn | sân | 3 | 5 | "]


def test_a_table_ended_by_a_paragraph_carries_nothing_to_the_next_page():
    fragments, bottom = lay_out([HEADINGS, ["1", "Số sân chơi đạt chuẩn", "sân", "3", "5", ""]], WIDTHS,
                                top=300.0)
    fragments.append(paragraph(bottom - 20.0, "Nhà trường phấn đấu hoàn thành các chỉ tiêu trên."))
    assert page_tables(plain(fragments), fragments)[1] is None


def test_a_page_number_under_the_table_does_not_end_it_before_the_foot():
    fragments, bottom = lay_out([HEADINGS, ["1", "Số sân chơi đạt chuẩn", "sân", "3", "5", ""]], WIDTHS,
                                top=300.0)
    fragments.append(paragraph(40.0, "Trường Tiểu học An Phú - Trang 2/5"))
    assert page_tables(plain(fragments), fragments)[1] is not None


def test_a_paragraph_opening_the_next_page_is_not_read_into_the_carried_table():
    fragments, _ = lay_out([HEADINGS, ["1", "Số sân chơi đạt chuẩn", "sân", "3", "5", ""]], WIDTHS, top=120.0)
    carried = page_tables(plain(fragments), fragments)[1]
    page = [paragraph(800.0, "III. NHIỆM VỤ, GIẢI PHÁP"), paragraph(787.0, "Tăng cường cơ sở vật chất.")]
    assert table_lines(page, carried) == []


# ---------------------------------------------------------------------------- cells parted by two spaces
def test_a_table_flattened_into_lines_of_cells_two_spaces_apart_is_read_as_a_table():
    text = ("STT  Nội dung  Năm 2027  Năm 2030\n"
            "1  Tỷ lệ học sinh biết bơi  60%  80%\n"
            "2  Số câu lạc bộ STEM  4 câu lạc bộ  6 câu lạc bộ\n")
    assert _paired_space_tables(text).split("\n")[:3] == [
        "STT | Nội dung | Năm 2027 | Năm 2030", "1 | Tỷ lệ học sinh biết bơi | 60% | 80%",
        "2 | Số câu lạc bộ STEM | 4 câu lạc bộ | 6 câu lạc bộ"]


def test_justified_lines_that_part_every_word_by_two_spaces_are_no_table():
    text = ("Căn  cứ  Kế  hoạch  số  15/KH-UBND  ngày  10/9/2026\n"
            "của  UBND  xã  An  Phú  về  phát  triển  giáo  dục  2026\n"
            "nhà  trường  xây  dựng  kế  hoạch  như  sau  năm  2026\n")
    assert _paired_space_tables(text) == text


def test_two_lines_parted_by_two_spaces_are_too_few_for_a_table():
    text = "Số lớp  Số học sinh  Năm 2026\nHiện nay có  12 lớp  35 học sinh mỗi lớp 2026\n"
    assert _paired_space_tables(text) == text


# ---------------------------------------------------------------------------- a results column after the horizons
def test_a_column_of_an_earlier_year_after_the_horizon_holds_results_not_targets():
    text = GOAL + ("STT | Chỉ tiêu | Đến năm 2030 | Năm 2024\n"
                   "1 | Tỷ lệ trẻ mẫu giáo được học 2 buổi/ngày | 100% | 92%\n"
                   "2 | Số trường đạt chuẩn quốc gia | 9 trường | 6 trường\n")
    assert got(text) == [("=", 100, "%", 2030), ("=", 9, "trường", 2030)]


def test_year_columns_running_forward_are_all_horizons():
    text = GOAL + ("STT | Chỉ tiêu | Năm 2027 | Năm 2030\n"
                   "1 | Tỷ lệ trẻ mẫu giáo được học 2 buổi/ngày | 95% | 100%\n")
    assert got(text) == [("=", 95, "%", 2027), ("=", 100, "%", 2030)]
