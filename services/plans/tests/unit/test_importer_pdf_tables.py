"""Plan importer: a PDF page's tables read back from where their pieces of text stand (``pdf_tables``), on tables
written for the test and laid out here as a word processor lays them out (each column as wide as it is given, a
cell's words wrapped greedily inside it, every cell of a row starting on the row's first line); pure, no files, but
for the last tests, which draw the PDF with reportlab and read it through ``extract_text``."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from plans.domain.importer import extract_text, parse_plan
from plans.domain.importer.pdf_tables import Fragment, numbering_row, table_lines, with_tables

CHAR, SPACE, LEAD, GAP = 5.0, 3.0, 13.0, 8.0


def piece(x: float, y: float, text: str) -> Fragment:
    return Fragment(x, x + width(text), y, text, SPACE, 10.0)


def width(text: str) -> float:
    return sum(SPACE if ch == " " else CHAR for ch in text)


def wrap(text: str, room: float) -> list[str]:
    """A cell's lines: words added while they fit in ``room`` (a word longer than the room stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def lay_out(rows: list[list[str]], widths: list[float], top: float = 700.0, x: float = 50.0, centred: bool = False,
            middle: bool = False) -> tuple[list[Fragment], float]:
    """The pieces of a table drawn row by row, each line of a row left to right (as a PDF writer draws it); with
    ``centred`` every cell's lines centred in its column but the first column's, with ``middle`` every row's short
    cells halfway down it."""
    xs = [x + sum(widths[:k]) for k in range(len(widths))]
    out, y = [], top
    for row in rows:
        cells = [wrap(text, w - GAP) if text else [] for text, w in zip(row, widths)]
        if middle:
            cells = [[""] * ((max(len(c) for c in cells) - len(c)) // 2) + c for c in cells]
        for j in range(max(len(c) for c in cells)):
            out += [piece(xs[k] + ((widths[k] - GAP - width(c[j])) / 2 if centred and k else 0), y, c[j])
                    for k, c in enumerate(cells) if j < len(c) and c[j]]
            y -= LEAD
    return out, y


def paragraph(y: float, text: str) -> Fragment:
    return piece(50.0, y, text)


def plain(fragments: list[Fragment]) -> str:
    """The page's text as a PDF reader gives it: each visual line's pieces joined by a space."""
    lines: dict[float, list[str]] = {}
    for f in fragments:
        lines.setdefault(f.y, []).append(f.text)
    return "\n".join(" ".join(parts) for _, parts in sorted(lines.items(), reverse=True))


def rows_of(fragments: list[Fragment]) -> list[str]:
    return [row for _, rows in table_lines(fragments) for row in rows]


# ---------------------------------------------------------------------------- rows read back
def test_heading_cells_wrapped_over_several_lines_are_joined_back_into_their_columns():
    rows = [["Năm", "Tỷ lệ trẻ em được học bơi an toàn (%)", "Số câu lạc bộ võ thuật cổ truyền (câu lạc bộ)", "Ghi"],
            ["Mục tiêu 2027", "≥ 60", "3", "–"],
            ["Mục tiêu 2031", "90", "5", "–"]]
    fragments, _ = lay_out(rows, [80, 45, 50, 30])
    assert rows_of(fragments) == [" | ".join(r) for r in rows]


def test_cells_centred_in_their_columns_are_read_as_well():
    rows = [["Chỉ tiêu", "Kế hoạch năm học 2026 - 2027", "Kế hoạch năm học 2029 - 2030"],
            ["Học sinh biết bơi", "≥ 70%", "100%"],
            ["Lớp học có máy chiếu hoặc màn hình thông minh", "25 lớp", "40 lớp"]]
    fragments, _ = lay_out(rows, [120, 70, 70], centred=True)
    assert rows_of(fragments) == [" | ".join(r) for r in rows]


def test_headings_centred_halfway_down_their_row_are_one_row_with_the_lines_above_the_widest():
    rows = [["TT", "Nội dung", "Kế hoạch năm học 2026 - 2027", "Kế hoạch năm học 2029 - 2030"],
            ["1", "Học sinh biết bơi", "≥ 70%", "100%"],
            ["2", "Lớp học có máy chiếu", "25 lớp", "40 lớp"]]
    fragments, y = lay_out(rows, [30, 120, 50, 50], top=687, centred=True, middle=True)
    fragments.insert(0, paragraph(700, "2. Chỉ tiêu cụ thể"))
    assert rows_of(fragments) == [" | ".join(r) for r in rows]


def test_values_halfway_down_a_label_of_three_lines_are_the_row_s_and_the_label_is_whole():
    rows = [["TT", "Nội dung", "Năm 2027", "Năm 2030"],
            ["1", "Tỷ lệ học sinh được tham gia các hoạt động trải nghiệm sáng tạo ngoài nhà trường", "≥ 80%", "100%"],
            ["2", "Phòng học bộ môn", "4 phòng", "6 phòng"],
            ["3", "Tỷ lệ giáo viên dùng thành thạo phần mềm quản lý học sinh và học bạ điện tử", "90%", "100%"]]
    fragments, _ = lay_out(rows, [30, 120, 60, 60], middle=True)
    assert rows_of(fragments) == [" | ".join(r) for r in rows]


def test_a_group_heading_across_the_table_is_a_row_of_its_own_and_widens_no_column():
    rows = [["TT", "Chỉ tiêu", "Năm 2027", "Năm 2030"], ["I. HỌC SINH VÀ TRẺ EM"],
            ["1", "Trẻ em được tiêm chủng đầy đủ", "98%", "100%"], ["II. CƠ SỞ VẬT CHẤT"],
            ["2", "Phòng học bộ môn", "4 phòng", "6 phòng"]]
    widths = [30, 150, 60, 60]
    fragments, y = [], 700.0
    for row in rows:   # a group heading is one cell across the whole table
        part, y = lay_out([row], widths if len(row) > 1 else [sum(widths)], top=y, centred=True)
        fragments += part
    # numbered as the plan's parts are, it keeps the table's columns: a row still, not the plan's next part
    assert rows_of(fragments) == [" | ".join(r + [""] * (4 - len(r))) for r in rows]


def test_a_label_wrapped_under_the_row_s_values_stays_in_the_row():
    rows = [["TT", "Nội dung chỉ tiêu", "Năm 2027", "Năm 2029"],
            ["1", "Học sinh tham gia câu lạc bộ tiếng Anh sau giờ học chính khóa", "35%", "50%"],
            ["2", "Bếp ăn bán trú đạt chuẩn", "1", "2"]]
    fragments, _ = lay_out(rows, [25, 140, 60, 60])
    assert rows_of(fragments) == [" | ".join(r) for r in rows]


def test_a_value_s_unit_or_a_comparator_alone_on_its_line_goes_on_in_the_same_cell():
    rows = [["Mốc", "Nhà vệ sinh đạt chuẩn", "Học sinh đuối nước"],
            ["Cuối năm 2027", "12 phòng", "≤ 0,1%"],
            ["Cuối năm 2032", "20 phòng", "≤ 0,05%"]]
    fragments, _ = lay_out(rows, [50, 40, 40])
    read = rows_of(fragments)
    assert read[1:] == ["Cuối năm 2027 | 12 phòng | ≤ 0,1%", "Cuối năm 2032 | 20 phòng | ≤ 0,05%"]


def test_values_under_headings_that_fill_their_columns_start_a_row_of_their_own():
    # every cell of the heading fills its column and so do the values under it: no width tells a wrap from a row,
    # the values do
    rows = [["Giai đoạn", "Sân chơi", "Máy tính"], ["2027", "4 sân", "60 máy"], ["2030", "6 sân", "90 máy"]]
    fragments, _ = lay_out(rows, [60, 48, 48])
    assert rows_of(fragments) == ["Giai đoạn | Sân chơi | Máy tính", "2027 | 4 sân | 60 máy", "2030 | 6 sân | 90 máy"]


def test_a_group_heading_inside_the_table_is_a_row_and_a_numbered_paragraph_after_it_is_not():
    rows = [["Nội dung", "Năm 2027", "Năm 2030"],
            ["Học sinh được khám sức khỏe định kỳ", "100%", "100%"],
            ["Cơ sở vật chất", "", ""],
            ["Phòng y tế đạt chuẩn", "1", "1"]]
    fragments, y = lay_out(rows, [190, 70, 70])
    fragments += [paragraph(y, "3. Các chỉ tiêu khác"), paragraph(y - LEAD, "Phấn đấu duy trì danh hiệu tập thể lao động xuất sắc hằng năm.")]
    assert rows_of(fragments) == [" | ".join(c for c in r if c) for r in rows]   # the group heading alone


def test_two_columns_side_by_side_are_no_table():
    fragments = [piece(50, 800, "ỦY BAN NHÂN DÂN"), piece(300, 800, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                 piece(50, 787, "XÃ HÒA BÌNH"), piece(300, 787, "Độc lập - Tự do - Hạnh phúc")]
    assert table_lines(fragments) == []


def test_a_paragraph_s_words_drawn_one_by_one_are_no_table():
    words = "Nhà trường phấn đấu hoàn thành các chỉ tiêu của năm học đúng hạn".split()
    fragments, x = [], 50.0
    for line, y in ((words[:7], 700.0), (words[7:], 687.0)):
        x = 50.0
        for w in line:
            fragments.append(piece(x, y, w))
            x += width(w) + SPACE
    assert table_lines(fragments) == []


# ---------------------------------------------------------------------------- the page's text
def test_the_table_s_lines_are_replaced_and_the_rest_of_the_page_kept():
    fragments = [paragraph(750, "II. CHỈ TIÊU")]
    table, y = lay_out([["Năm", "Trẻ được uống sữa học đường (%)", "Trường xanh sạch đẹp (trường)"],
                        ["2027", "80", "4"], ["2030", "100", "7"]], [60, 50, 50], top=737)
    fragments += table + [paragraph(y, "III. NHIỆM VỤ")]
    text = with_tables(plain(fragments), fragments)
    assert text.split("\n") == ["II. CHỈ TIÊU", "Năm | Trẻ được uống sữa học đường (%) | Trường xanh sạch đẹp (trường)",
                                "2027 | 80 | 4", "2030 | 100 | 7", "III. NHIỆM VỤ"]


def test_a_reader_s_text_that_is_not_the_pieces_in_order_is_left_as_it_is():
    table, _ = lay_out([["Năm", "Trẻ được uống sữa (%)", "Bếp ăn (bếp)"], ["2027", "80", "4"], ["2030", "100", "7"]],
                       [60, 50, 50])
    text = "một văn bản khác hẳn"
    assert with_tables(text, table) == text


# ---------------------------------------------------------------------------- through a real PDF
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_of(blocks: list, one_object_a_line: bool | None) -> bytes:
    """A PDF of paragraphs (strings) and tables ((rows, column widths): each cell's words wrapped inside its column
    as a word processor does, every cell of a row starting on the row's first line; a row None breaks the page
    there, the headings not repeated); each visual line drawn as one text object moving between its cells (as a
    word processor exports it), or each cell's line as its own, or (None) each cell drawn whole before the next one
    (the order the text layer then keeps)."""
    pytest.importorskip("reportlab")
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if not DEJAVU.exists():
        pytest.skip("no TrueType font with Vietnamese glyphs for reportlab")
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    y = [800.0]

    def draw(cells: list[tuple[float, str]]) -> None:
        cells = [(x, s) for x, s in cells if s]
        if one_object_a_line:
            t = c.beginText()
            t.setFont("DejaVuSans", 10)
            t.setTextOrigin(cells[0][0], y[0])
            prev = cells[0][0]
            for x, s in cells:
                t.moveCursor(x - prev, 0)
                prev = x
                t.textOut(s)
            c.drawText(t)
        else:
            c.setFont("DejaVuSans", 10)
            for x, s in cells:
                c.drawString(x, y[0], s)
        y[0] -= 13

    for block in blocks:
        if isinstance(block, str):
            draw([(50, block)])
            continue
        rows, widths = block
        xs = [50 + sum(widths[:k]) for k in range(len(widths))]
        for row in rows:
            if row is None:
                c.showPage()
                y[0] = 800.0
                continue
            cells = [simpleSplit(text, "DejaVuSans", 10, w - GAP) if text else [] for text, w in zip(row, widths)]
            if one_object_a_line is None:
                for x, cell in zip(xs, cells):
                    for j, line in enumerate(cell):
                        c.setFont("DejaVuSans", 10)
                        c.drawString(x, y[0] - 13 * j, line)
                y[0] -= 13 * max(len(cell) for cell in cells)
                continue
            for j in range(max(len(cell) for cell in cells)):
                draw([(x, cell[j]) for x, cell in zip(xs, cells) if j < len(cell)])
    c.save()
    return buf.getvalue()


HEADINGS = ["Năm", "Tỷ lệ học sinh đọc thông thạo (%)", "Học sinh bỏ học (%)", "Phòng học thông minh (phòng)"]
PLAN = ["TRƯỜNG TIỂU HỌC HÒA BÌNH", "Số: 12/KH-THHB", "KẾ HOẠCH", "Phát triển giáo dục giai đoạn 2026 - 2030",
        "I. MỤC ĐÍCH", "Nâng cao chất lượng giáo dục.", "II. CHỈ TIÊU",
        # a table turned round, the horizons down the side, its narrow columns' headings wrapped
        ([HEADINGS, ["Mục tiêu 2027", "≥ 95", "< 0,5", "3"], ["Mục tiêu 2030", "100", "< 0,2", "8"]], [90, 45, 45, 50]),
        "III. NHIỆM VỤ", "Triển khai theo lộ trình."]


@pytest.mark.parametrize("one_object_a_line", [True, False, None])
def test_a_pdf_table_turned_round_with_wrapped_headings_gives_each_column_its_targets(one_object_a_line):
    out = extract_text(pdf_of(PLAN, one_object_a_line), "ke-hoach.pdf")
    assert " | ".join(HEADINGS) in out.text.split("\n")
    got = sorted((t.horizon.value.year, t.text, t.comparator.value, t.value.value, t.unit.value)
                 for t in parse_plan(out.text).targets)
    assert got == [(2027, "Học sinh bỏ học (%)", "<", 0.5, "%"), (2027, "Phòng học thông minh (phòng)", "=", 3, "phòng"),
                   (2027, "Tỷ lệ học sinh đọc thông thạo (%)", ">=", 95, "%"),
                   (2030, "Học sinh bỏ học (%)", "<", 0.2, "%"), (2030, "Phòng học thông minh (phòng)", "=", 8, "phòng"),
                   (2030, "Tỷ lệ học sinh đọc thông thạo (%)", "=", 100, "%")]


# ---------------------------------------------------------------------------- a plain text's tables
def test_a_table_pasted_as_text_with_tabs_is_read_one_row_a_line_and_the_side_by_side_header_kept():
    text = ("PHÒNG GD&ĐT AN DƯƠNG\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TRƯỜNG MẦM NON HOA SỮA\t\tĐộc lập - Tự do - Hạnh phúc\n"
            "II. CHỈ TIÊU\n"
            "TT\tNội dung\tĐơn vị tính\tThực hiện năm học 2025 - 2026\tNăm học 2027 - 2028\tĐến năm 2030\n"
            "Chăm sóc, nuôi dưỡng\t\t\t\t\t\n"
            "1\tTrẻ được ăn bán trú\t%\t88\t95\t100\n"
            "2\tTrẻ thừa cân, béo phì\t%\t6,5\t≤ 5\t≤ 4\n")
    out = extract_text(text.encode("utf-8"), "ke-hoach.txt").text.split("\n")
    assert out[0] == "PHÒNG GD&ĐT AN DƯƠNG\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert out[3:] == ["TT | Nội dung | Đơn vị tính | Thực hiện năm học 2025 - 2026 | Năm học 2027 - 2028 | Đến năm 2030",
                       "Chăm sóc, nuôi dưỡng |  |  |  |  | ",   # a group row stays a row ("II. …" would read as a section)
                       "1 | Trẻ được ăn bán trú | % | 88 | 95 | 100", "2 | Trẻ thừa cân, béo phì | % | 6,5 | ≤ 5 | ≤ 4", ""]
    got = [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in parse_plan("\n".join(out)).targets]
    assert got == [("=", 95, "%", 2028), ("=", 100, "%", 2030), ("<=", 5, "%", 2028), ("<=", 4, "%", 2030)]


# ---------------------------------------------------------------------------- no target a value cannot be
def test_a_cell_that_repeats_its_column_s_year_is_no_value_and_the_table_goes_on_under_it():
    text = ("II. CHỈ TIÊU\nChỉ tiêu | Năm 2027 | Năm 2030\nNăm hoàn thành xây dựng thư viện xanh | 2027 | 2030\n"
            "Tỷ lệ phòng học được kiên cố hóa, năm hoàn thành | 2027 | 2030\n"
            "Tỷ lệ học sinh mượn sách hằng tháng | 60% | 80%\n")
    got = [(t.value.value, t.unit.value, t.horizon.value.year) for t in parse_plan(text).targets]
    assert got == [(60, "%", 2027), (80, "%", 2030)]


def test_a_share_above_the_whole_is_no_target():
    text = "II. CHỈ TIÊU\nNăm 2027 thu ngân sách đạt 120% kế hoạch; tỷ lệ học sinh biết bơi đạt 75%.\n"
    got = [(t.value.value, t.unit.value, t.horizon.value.year) for t in parse_plan(text).targets]
    assert got == [(75, "%", 2027)]


def test_a_page_whose_tables_cannot_be_read_keeps_its_plain_text(monkeypatch):
    from plans.domain.importer import text as text_module

    def broken(text, fragments, carried):
        raise ValueError("no column")

    monkeypatch.setattr(text_module, "page_tables", broken)
    out = extract_text(pdf_of(PLAN, True), "ke-hoach.pdf").text
    assert "Mục tiêu 2027 ≥ 95 < 0,5 3" in out.split("\n")


@pytest.mark.parametrize("cells", [["Số lớp", "10", "a"], ["Khối", "b", "12"]])
def test_a_row_of_a_figure_and_a_letter_is_no_numbering_of_columns(cells):
    assert not numbering_row(cells)


def test_a_row_of_letters_one_after_another_numbers_the_columns():
    assert numbering_row(["", "a", "b", "c"])
